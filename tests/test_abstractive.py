"""The abstractive backend on a user's own local model: a tiny BART this test builds offline.

The model is trained for a few steps to say one sentence the seeds support and one they do
not, so one run shows both fates of a generated sentence: cited, or left out and reported.
"""

from __future__ import annotations

import json
import shutil
import socket
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsdigest.errors import ModelUnavailableError

pytestmark = pytest.mark.neural
torch = pytest.importorskip("torch")
pytest.importorskip("transformers")

SUPPORTED = "Pompeo met Lavrov and Putin in Sochi."
UNSUPPORTED = "Bananas grow on purple elephants."


@pytest.fixture(autouse=True)
def no_network(monkeypatch: pytest.MonkeyPatch) -> None:
    """Any attempt to reach the network (a hub download) fails the test."""

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise AssertionError("the abstractive backend tried to use the network")

    monkeypatch.setattr(socket.socket, "connect", refuse)


def build_tiny_model(out: Path, source_text: str) -> Path:
    """A word-level tokenizer over the seeds' words and a 2-layer BART taught one summary."""
    from tokenizers import Tokenizer, models, pre_tokenizers, processors
    from transformers import BartConfig, BartForConditionalGeneration, PreTrainedTokenizerFast

    specials = ["<pad>", "<s>", "</s>", "<unk>"]
    pieces = pre_tokenizers.Whitespace().pre_tokenize_str(
        f"{source_text} {SUPPORTED} {UNSUPPORTED}"
    )
    vocab = {w: i for i, w in enumerate(specials + sorted({w for w, _ in pieces} - set(specials)))}
    core = Tokenizer(models.WordLevel(vocab, unk_token="<unk>"))
    core.pre_tokenizer = pre_tokenizers.Whitespace()
    core.post_processor = processors.TemplateProcessing(
        single="$A </s>", special_tokens=[("</s>", 2)]
    )
    tokenizer = PreTrainedTokenizerFast(
        tokenizer_object=core,
        pad_token="<pad>",
        bos_token="<s>",
        eos_token="</s>",
        unk_token="<unk>",
    )
    threads = torch.get_num_threads()
    torch.set_num_threads(1)  # a 32-wide model: more threads only add contention (100x slower)
    torch.manual_seed(0)
    config = BartConfig(
        vocab_size=len(vocab),
        d_model=32,
        encoder_layers=1,
        decoder_layers=1,
        encoder_attention_heads=2,
        decoder_attention_heads=2,
        encoder_ffn_dim=64,
        decoder_ffn_dim=64,
        max_position_embeddings=128,
        pad_token_id=0,
        bos_token_id=1,
        eos_token_id=2,
        decoder_start_token_id=2,
        forced_eos_token_id=2,
    )
    model = BartForConditionalGeneration(config)
    inputs = tokenizer(source_text, return_tensors="pt", truncation=True, max_length=128)
    labels = tokenizer(f"{SUPPORTED} {UNSUPPORTED}", return_tensors="pt").input_ids
    optimizer = torch.optim.Adam(model.parameters(), lr=1e-2)
    model.train()
    for _ in range(60):
        loss = model(
            input_ids=inputs.input_ids, attention_mask=inputs.attention_mask, labels=labels
        ).loss
        optimizer.zero_grad()
        loss.backward()
        optimizer.step()
    torch.set_num_threads(threads)
    model.save_pretrained(out)
    tokenizer.save_pretrained(out)
    return out


@pytest.fixture(scope="module")
def tiny_model(tmp_path_factory: pytest.TempPathFactory, seed_paths: list[Path]) -> Path:
    text = " ".join(p.read_text(encoding="utf-8") for p in seed_paths)
    return build_tiny_model(tmp_path_factory.mktemp("tiny-bart"), text)


def test_tiny_model_loads_generates_and_every_kept_sentence_is_cited(
    tiny_model: Path, seed_dir: Path
) -> None:
    from newsdigest import digest
    from newsdigest.summarize.abstractive import AbstractiveSummarizer

    method = AbstractiveSummarizer(tiny_model)
    story = digest([seed_dir], summarizer=method, facts=False)
    assert [s.text for s in story.summary] == [SUPPORTED]
    for sentence in story.summary:
        assert sentence.origin is None  # generated, not extracted
        assert sentence.citations and sentence.support >= 1
        for c in sentence.citations:
            assert c.sentence >= 0 and c.article in {a.id for a in story.articles}
    assert method.unsupported_ == [UNSUPPORTED]  # generated, unsupported: reported, not shown


def test_cli_digest_with_own_model(tiny_model: Path, seed_dir: Path) -> None:
    from newsdigest.cli import app

    result = CliRunner().invoke(
        app,
        ["digest", str(seed_dir), "--summarizer", "abstractive", "--model", str(tiny_model)]
        + ["--format", "json", "--no-facts"],
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)["summary"]
    assert [s["text"] for s in summary] == [SUPPORTED]
    assert all(s["citations"] for s in summary)
    assert UNSUPPORTED in result.stderr and "no source supports" in result.stderr


def test_missing_model_dir_is_one_line(tmp_path: Path, seed_dir: Path) -> None:
    from newsdigest.cli import app
    from newsdigest.summarize.abstractive import AbstractiveSummarizer

    missing = tmp_path / "no-such-model"
    with pytest.raises(ModelUnavailableError, match="no such model directory") as info:
        AbstractiveSummarizer(missing).load()
    assert str(missing) in str(info.value) and "\n" not in str(info.value)
    result = CliRunner().invoke(app, ["digest", str(seed_dir), "--model", str(missing)])
    assert result.exit_code == 2
    assert result.stderr.strip().count("\n") == 0 and str(missing) in result.stderr


def test_corrupt_model_dir_is_one_line(tiny_model: Path, tmp_path: Path) -> None:
    from newsdigest.summarize.abstractive import AbstractiveSummarizer

    broken = tmp_path / "broken"
    shutil.copytree(tiny_model, broken)
    (broken / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(ModelUnavailableError, match="cannot load seq2seq model") as info:
        AbstractiveSummarizer(broken).load()
    assert str(broken) in str(info.value) and "\n" not in str(info.value)

    not_a_model = tmp_path / "empty"
    not_a_model.mkdir()
    with pytest.raises(ModelUnavailableError, match="not a model directory"):
        AbstractiveSummarizer(not_a_model).load()


def test_no_model_given_says_how_to_give_one() -> None:
    from newsdigest.summarize import get_summarizer

    with pytest.raises(ModelUnavailableError, match="--model PATH"):
        get_summarizer("abstractive")

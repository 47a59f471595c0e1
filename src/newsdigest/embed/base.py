"""The one interface every sentence embedder implements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Protocol

if TYPE_CHECKING:  # an annotation only: `stories` with nothing to rebuild never loads numpy
    import numpy as np


class Embedder(Protocol):
    """Maps texts to vectors whose dot product is their cosine similarity.

    ``embed`` sees a whole batch (e.g. one story's sentences): a TF-IDF backend fits its
    vocabulary on that batch, a neural one encodes each text independently.
    """

    name: str

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim) with L2-normalized rows."""
        ...

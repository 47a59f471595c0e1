"""MinHash signatures exactly as datasketch 2 makes them, without importing datasketch.

``import datasketch`` imports its LSH module, and with it ``scipy.integrate``: 0.5 s of every
``newsdigest ingest`` run, which only needs signatures. A signature here is datasketch's
``MinHash(num_perm, seed, scheme="affine32")`` fed with ``update_batch``: each input hashed with
the first 4 bytes of its SHA-1 (little-endian), pre-mixed with the MurmurHash3 finalizer, then
permuted by ``a * h + b`` in uint32 (``a`` odd, both drawn from ``RandomState(seed)``) and
reduced to the minimum per permutation. ``tests/test_dedup.py`` checks the hash values against
datasketch's, so stored signatures stay valid.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

_EMPTY = np.uint32(0xFFFFFFFF)
_BLOCK_ITEMS = 4096


@dataclass(frozen=True, eq=False)
class Signature:
    """A MinHash signature: ``hashvalues`` (uint32, one per permutation); what datasketch's
    ``MinHashLSH`` reads of a ``MinHash`` (``hashvalues``, ``len``) is here too."""

    hashvalues: np.ndarray
    seed: int

    def __len__(self) -> int:
        return len(self.hashvalues)

    def jaccard(self, other: Signature) -> float:
        """Estimated Jaccard similarity: the share of permutations whose minima agree."""
        if len(self) != len(other) or self.seed != other.seed:
            raise ValueError("signatures of different permutations cannot be compared")
        agree = np.count_nonzero(self.hashvalues == other.hashvalues)
        return float(agree) / float(len(self))


@lru_cache(maxsize=8)
def _permutations(num_perm: int, seed: int) -> tuple[np.ndarray, np.ndarray]:
    gen = np.random.RandomState(seed)
    a = gen.randint(0, 1 << 31, num_perm, dtype=np.uint32) * np.uint32(2) + np.uint32(1)
    b = gen.randint(0, 1 << 32, num_perm, dtype=np.uint32)
    return a, b


def _fmix32(hv: np.ndarray) -> np.ndarray:
    hv = hv ^ (hv >> np.uint32(16))
    hv = hv * np.uint32(0x85EBCA6B)
    hv = hv ^ (hv >> np.uint32(13))
    hv = hv * np.uint32(0xC2B2AE35)
    return hv ^ (hv >> np.uint32(16))


def signature(items: Iterable[bytes], num_perm: int, seed: int) -> Signature:
    """The signature of a set of byte strings (all-max values for an empty set)."""
    digests = b"".join(hashlib.sha1(item).digest()[:4] for item in items)
    values = np.full(num_perm, _EMPTY, dtype=np.uint32)
    if digests:
        a, b = _permutations(num_perm, seed)
        hv = _fmix32(np.frombuffer(digests, dtype="<u4").astype(np.uint32).reshape(-1, 1))
        # a block of items at a time: the (items x permutations) products of a 1M-character
        # article in one piece took ~90 MB per temporary, several alive at once
        for start in range(0, len(hv), _BLOCK_ITEMS):
            block = hv[start : start + _BLOCK_ITEMS]
            np.minimum(values, (block * a + b).min(axis=0), out=values)
    return Signature(values, seed)

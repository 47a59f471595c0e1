"""Near-duplicate detection with MinHash LSH (datasketch).

Syndicated copies and re-posts carry the same wire text under different boilerplate, so their
exact content hashes differ while most of their word 5-shingles agree. A MinHash signature
estimates the Jaccard similarity of two shingle sets; LSH banding finds the candidates without
comparing every pair, and each candidate is then confirmed on its estimated Jaccard.

Band keys are plain bytes, so a store can persist them in an indexed table and look up
candidates among millions of stored articles at a cost that does not grow with history.

Signatures are datasketch's (``MinHash``, scheme affine32) computed by ``newsdigest.minhash``
without importing datasketch, which imports scipy.integrate (0.5 s of every ``ingest``); the
LSH index of ``near_duplicate_groups`` is still datasketch's, imported there.
"""

from __future__ import annotations

import hashlib
import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

import numpy as np

from newsdigest.minhash import Signature
from newsdigest.minhash import signature as _minhash
from newsdigest.model import normalize_for_id

SHINGLE_WORDS = 5
NUM_PERM = 128
THRESHOLD = 0.7  # estimated Jaccard of 5-shingle sets; same wire story under other boilerplate
SEED = 1
SCHEME = "affine32"  # datasketch 2 hashing scheme, pinned so stored signatures stay valid

_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class LshParams:
    """How a signature is cut into bands: ``bands`` x ``rows`` = ``num_perm``."""

    threshold: float = THRESHOLD
    num_perm: int = NUM_PERM

    @property
    def bands_rows(self) -> tuple[int, int]:
        return _bands_rows(self.threshold, self.num_perm)


# datasketch's choice for the defaults, kept so that adding articles needs no datasketch
# (test_dedup checks that datasketch still chooses it)
_KNOWN_BANDS_ROWS = {(THRESHOLD, NUM_PERM): (14, 9)}


@lru_cache(maxsize=16)
def _bands_rows(threshold: float, num_perm: int) -> tuple[int, int]:
    # datasketch picks (b, r) minimising false positives + negatives for the threshold
    known = _KNOWN_BANDS_ROWS.get((threshold, num_perm))
    if known:
        return known
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=num_perm)
    return lsh.b, lsh.r


def shingles(text: str, k: int = SHINGLE_WORDS) -> set[bytes]:
    """Word k-shingles of the case/accent-folded text (a short text is one shingle)."""
    words = _WORD.findall(normalize_for_id(text))
    if len(words) <= k:
        return {" ".join(words).encode("utf-8")}
    return {" ".join(words[i : i + k]).encode("utf-8") for i in range(len(words) - k + 1)}


def signature(text: str, num_perm: int = NUM_PERM) -> Signature:
    """The MinHash of the text's shingles; deterministic (fixed seed). One made by another
    process for this text (``keep_signature``) is taken, once, instead."""
    made = _made.pop(text, None) if num_perm == NUM_PERM else None
    return made if made is not None else _minhash(shingles(text), num_perm, SEED)


# Signatures made in a worker for texts this process is about to store (``ingest``'s cleaning
# shared among processes): each is taken by the first ``signature`` of its text, the oldest
# dropped past ``MADE_KEPT`` (texts never stored: a store without near-duplicate detection)
MADE_KEPT = 1024
_made: dict[str, Signature] = {}


def keep_signature(text: str, made: Signature) -> None:
    """``made``, the ``signature`` of ``text`` (default ``num_perm``) made elsewhere, kept for
    the next ``signature(text)`` here."""
    _made.pop(text, None)
    _made[text] = made
    while len(_made) > MADE_KEPT:
        del _made[next(iter(_made))]


def to_bytes(m: Signature) -> bytes:
    return np.asarray(m.hashvalues, dtype=np.uint32).tobytes()


def from_bytes(blob: bytes) -> Signature:
    return Signature(np.frombuffer(blob, dtype=np.uint32).copy(), SEED)


def band_keys(m: Signature, params: LshParams = LshParams()) -> list[tuple[int, bytes]]:
    """(band number, 16-byte key) per LSH band: equal keys in one band make a candidate pair."""
    bands, rows = params.bands_rows
    values = np.asarray(m.hashvalues, dtype=np.uint32)
    return [
        (b, hashlib.blake2b(values[b * rows : (b + 1) * rows].tobytes(), digest_size=16).digest())
        for b in range(bands)
    ]


def similar(a: Signature, b: Signature, threshold: float = THRESHOLD) -> bool:
    """Whether two signatures' estimated Jaccard reaches the threshold."""
    return bool(a.jaccard(b) >= threshold)


def near_duplicate_groups(texts: Sequence[str], threshold: float = THRESHOLD) -> list[list[int]]:
    """Indices of ``texts`` grouped so each group is one text and its near-duplicates.

    Each text joins the group of the first earlier text it nearly duplicates (in input order),
    so the result is deterministic; used for sentences inside one story as well as articles.
    """
    from datasketch import MinHashLSH

    lsh = MinHashLSH(threshold=threshold, num_perm=NUM_PERM)
    sigs = [signature(t) for t in texts]
    leader: dict[int, int] = {}
    groups: dict[int, list[int]] = {}
    for i, sig in enumerate(sigs):
        hits = sorted(int(j) for j in lsh.query(sig) if similar(sig, sigs[int(j)], threshold))
        if hits:
            root = leader[hits[0]]
            leader[i] = root
            groups[root].append(i)
        else:
            leader[i] = i
            groups[i] = [i]
        lsh.insert(str(i), sig)
    return [groups[k] for k in sorted(groups)]

"""When two texts say the same: one rule for digest sentences, readability and quotes."""

from __future__ import annotations

# Share of the shorter text's content words the longer one holds for a near-duplicate
NEAR_DUPLICATE = 0.8
MIN_WORDS = 3  # fewer content words than this: too few to call two texts the same


def shares_most(a: set[str], b: set[str]) -> bool:
    """Whether the longer of two content-word sets holds most of the shorter."""
    if min(len(a), len(b)) < MIN_WORDS:
        return False
    return len(a & b) >= NEAR_DUPLICATE * min(len(a), len(b))

"""Article ids are stored: the normalization behind them must never change what it gives."""

from __future__ import annotations

import re
import unicodedata

from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.model import article_id, normalize_for_id


def _as_first_written(text: str) -> str:
    """The normalization as the first stores were written: NFKC, casefold, \\s+ runs to one
    space, stripped."""
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text).casefold()).strip()


@settings(max_examples=500, deadline=None)
@given(
    st.text(
        alphabet=st.sampled_from(
            [*"aÄß Ǆ.\t\n\r\x0b\x0c\x1c\x1f\x85", "\u00a0", "\u2028", "\u3000", "\u200b", "\ufb01"]
        )
    )
)
def test_normalization_is_the_one_stored_ids_were_made_with(text: str) -> None:
    assert normalize_for_id(text) == _as_first_written(text)


def test_known_ids_stay_the_same() -> None:
    assert article_id("Pompeo met  Lavrov\nin Sochi.") == article_id("pompeo met lavrov in sochi.")
    assert article_id("Pompeo met Lavrov in Sochi.") == "5e3cec152b4c3a10"  # as stored before

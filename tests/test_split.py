"""Sentence splitting: spans are exact, abbreviations hold, glued sentences come apart."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from newsdigest.split import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_glued_sentences_are_split() -> None:
    assert texts("A summit is due in Japan.The talks lasted an hour.") == [
        "A summit is due in Japan.",
        "The talks lasted an hour.",
    ]


def test_abbreviations_initials_and_decimals_do_not_split() -> None:
    text = "Mr. Pompeo met George W. Bush in the U.S. capital. Prices rose 3.5 percent at example.com today."
    assert texts(text) == [
        "Mr. Pompeo met George W. Bush in the U.S. capital.",
        "Prices rose 3.5 percent at example.com today.",
    ]


def test_closing_quote_stays_with_its_sentence() -> None:
    text = '"We are ready for it." Lavrov added that talks would go on! Would they? Yes.'
    assert texts(text) == [
        '"We are ready for it."',
        "Lavrov added that talks would go on!",
        "Would they?",
        "Yes.",
    ]


def test_paragraph_breaks_end_sentences_even_without_a_stop() -> None:
    assert texts("Home page heading\n\nThe talks began.") == [
        "Home page heading",
        "The talks began.",
    ]


def test_seed_sentences_point_into_the_text(seed_paths) -> None:
    for path in seed_paths:
        text = path.read_text(encoding="utf-8")
        sentences = split_sentences(text, "x")
        assert len(sentences) >= 10
        for i, s in enumerate(sentences):
            assert s.index == i
            assert text[s.start : s.end] == s.text
            assert s.text == s.text.strip()


@given(st.text(alphabet=st.characters(blacklist_categories=["Cs"]), max_size=400))
def test_spans_are_exact_ordered_and_non_overlapping(text: str) -> None:
    previous_end = 0
    for s in split_sentences(text):
        assert text[s.start : s.end] == s.text
        assert s.start >= previous_end
        assert s.text.strip() == s.text and s.text
        previous_end = s.end


@given(st.lists(st.sampled_from(["The talks began.", "Lavrov spoke.", "It ended."]), max_size=8))
def test_joined_sentences_come_back_one_each(parts: list[str]) -> None:
    assert texts(" ".join(parts)) == parts


def test_a_long_paragraph_splits_in_linear_time() -> None:
    """A page with no blank lines is one block; each boundary looks at a bounded window.

    Slicing the whole rest of the block at every full stop made this 100 kB paragraph take
    ~17 s (quadratic); linear, it takes a few hundredths of a second.
    """
    import time

    text = "The talks in Sochi went on for hours. Mr. Lavrov said the U.S. delegation was ready. "
    text *= 1200
    started = time.perf_counter()
    sentences = split_sentences(text)
    assert len(sentences) == 2400
    assert sentences[1].text == "Mr. Lavrov said the U.S. delegation was ready."
    assert time.perf_counter() - started < 3.0

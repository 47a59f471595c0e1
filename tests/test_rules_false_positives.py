"""Rules for news text against the news that fooled them: each false positive a hostile reader
found on news a user would have (session of 2026-11-30), held here so that none comes back."""

from __future__ import annotations

import time

import pytest
from test_facts_when_where import article, timeline_of

import newsdigest
from newsdigest.cite import contradicts, counts_of
from newsdigest.clean import clean_text, clean_title, rules
from newsdigest.facts.quotes import is_title
from newsdigest.ingest.text import split_title
from newsdigest.summarize.quality import fit


def test_the_fallback_title_is_not_cut_at_an_abbreviation() -> None:
    a = (
        "Gov. Andrew Cuomo signed a bill on Tuesday that raises the state's minimum wage to $15 "
        "an hour by 2021, officials said.\n\nThe law covers most workers in the state."
    )
    b = (
        "Gov. Andrew Cuomo on Tuesday signed legislation raising New York's minimum wage to $15 "
        "an hour, the first state to do so.\n\nUnions cheered the law."
    )
    assert newsdigest.digest([a, b], facts=False).title.startswith("Gov. Andrew Cuomo")


def test_a_wire_lead_whose_words_the_next_paragraph_repeats_stays_the_text() -> None:
    lead = "Police arrested a 19-year-old man on Tuesday in the fatal shooting of a teenager."
    text = (
        f"{lead}\n\nThe man was arrested Tuesday afternoon at his home in connection with the "
        "fatal shooting of the teenager last week, police said."
    )
    assert split_title(text) == ("", text)
    same_line = f"{lead}\nThe man was arrested at his home in the fatal shooting of a teenager."
    assert split_title(same_line)[0] == ""  # a day: a lead's, not a headline's


@pytest.mark.parametrize(
    "text",
    [
        "U.S.–China trade talks resumed on Monday in Beijing after a two-month pause.",
        "NATO—Russia talks resumed on Monday in Brussels after a long pause.",
        "OPEC—Saudi Arabia's oil minister spoke on Monday.",
    ],
)
def test_a_compound_with_a_glued_dash_is_no_dateline(text: str) -> None:
    assert clean_text(text) == text


def test_a_glued_prefix_does_not_backtrack_exponentially() -> None:
    started = time.perf_counter()
    for text in ("A-B-C-D-E-F-G-H-I-J-K-L-M-N-O-P-Q-R-S-T-U-V-Wow, the kids sang.",
                 "ABC" + "-A" * 40 + "-Dade County officials"):  # fmt: skip
        rules.GLUED_PREFIX.sub("", text, count=1)
    assert time.perf_counter() - started < 0.1


def test_a_series_of_dated_events_in_one_mould_keeps_each_line() -> None:
    a = article(
        "The Fed raised its benchmark rate by a quarter point on March 21, 2018. The Fed raised "
        "its benchmark rate by a quarter point on June 13, 2018.",
        "2018-07-01",
    )
    b = article(
        "The Fed raised its benchmark rate by a quarter point on March 21, 2018. Later the Fed "
        "raised its benchmark rate by a quarter point on June 13, 2018.",
        "2018-07-02",
    )
    assert [e.date for e in timeline_of(a, b)] == ["2018-03-21", "2018-06-13"]


def test_number_words_inside_a_compound_or_a_name_count_nothing() -> None:
    assert counts_of("He scored twenty-five points.") == {}
    assert counts_of("One Direction played and Ten Downing Street said so.") == {}
    assert not contradicts(
        counts_of("He scored 25 points in the win."),
        counts_of("He scored twenty-five points in the win on Sunday."),
    )


@pytest.mark.parametrize(
    "title",
    [
        "Video: Obama pardons turkey",
        "Photos: Hurricane hits Florida",
        "Related: Trump fires Comey",
        "Watch: Bears fire Fox",
        "UPDATE: Mayor shot",
        "Update: 3 shot",
        "Update: 2 hurt",
    ],
)
def test_a_short_labelled_headline_is_a_title(title: str) -> None:
    assert clean_title(title) == title


@pytest.mark.parametrize(
    "text",
    [
        "President Trump delivers his State of the Union address to Congress on Tuesday, Feb. 5.",
        "The Senate Judiciary Committee holds a hearing on Kavanaugh's nomination on Thursday, "
        "Sept. 27.",
    ],
)
def test_advance_copy_in_the_present_tense_is_no_caption(text: str) -> None:
    assert fit(text)


def test_shouted_words_are_somebodys_not_a_title() -> None:
    assert not is_title("SEE YOU IN COURT") and not is_title("LOCK HER UP")
    assert is_title("We Are The World")
    text = "“SEE YOU IN COURT,” Donald Trump wrote. “THE SECURITY OF OUR NATION IS AT STAKE!”"
    quotes = newsdigest.digest([text + " The court ruled on Friday."]).facts.quotes
    assert {q.text for q in quotes} >= {"SEE YOU IN COURT"}


def test_if_not_for_opens_a_sentence_of_its_own() -> None:
    from newsdigest.summarize.quality import needs_context

    assert not needs_context("If not for the rain, the game would have been played on Sunday.")

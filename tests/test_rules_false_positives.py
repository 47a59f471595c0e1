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
    started = time.process_time()
    for text in ("A-B-C-D-E-F-G-H-I-J-K-L-M-N-O-P-Q-R-S-T-U-V-Wow, the kids sang.",
                 "ABC" + "-A" * 40 + "-Dade County officials"):  # fmt: skip
        rules.GLUED_PREFIX.sub("", text, count=1)
    assert time.process_time() - started < 0.1


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


# --- a hostile pass over the wire-copy rules (session of 2026-11-30 07:38 UTC) ---------------


@pytest.mark.parametrize(
    ("headline", "text", "expected"),
    [
        # "us" in a quote is the pronoun; the headline's US is the country
        ("KURDS FEEL BETRAYED BY US", '"They left us alone," a Kurd said.',
         "Kurds feel betrayed by US"),
        # an acronym the text writes in capitals beside the pronoun
        ("WHO DECLARES EBOLA EMERGENCY", "Doctors who treated Ebola patients said the WHO "
         "acted late.", "WHO declares Ebola emergency"),
        # a possessive the text writes as a name beside the verb
        ("PARLIAMENT REJECTS MAY'S BREXIT DEAL", "Parliament rejected Theresa May's deal and "
         "said they may vote on Brexit again.", "Parliament rejects May's Brexit deal"),
        # words written together
        ("WHITE HOUSE DEFENDS SUPREME COURT PICK", "The White House said the court needed the "
         "Supreme Court pick, in a white house.", "White House defends Supreme Court pick"),
        ("SPAIN SEEKS PINOCHET EXTRADITION", "Spain wants Pinochet's extradition.",
         "Spain seeks Pinochet extradition"),
        ("IBM UNVEILS NEW IPHONE RIVAL", "IBM showed a rival to the iPhone on Monday.",
         "IBM unveils new iPhone rival"),
        ("POPE JOHN PAUL II VISITS CUBA", "The pope arrived on the island.",
         "Pope john paul II visits Cuba"),  # a Roman numeral; a place the gazetteer knows
        # a text in capitals gives no case; nor does a letter whose lower case is longer
        ("PRESIDENT SIGNS BILL", "THE PRESIDENT SIGNED THE BILL ON TUESDAY AT 3 p.m.",
         "PRESIDENT SIGNS BILL"),
        ("İSTANBUL ATTACK KILLS TEN", "An attack in Istanbul killed ten people.",
         "İSTANBUL ATTACK KILLS TEN"),
    ],
)  # fmt: skip
def test_shouted_headlines_hostile(headline: str, text: str, expected: str) -> None:
    from newsdigest.clean.rules import unshout_title

    assert unshout_title(headline, text) == expected


def test_typewriter_quotes_only_close_what_they_opened() -> None:
    from newsdigest.clean.unicode import typewriter_quotes

    assert typewriter_quotes("The 6-foot-10'' center. ``He is great,'' Smith said.") == (
        "The 6-foot-10'' center. “He is great,” Smith said."
    )
    assert typewriter_quotes("``I told him 'no.''' Smith said") == "“I told him 'no.’” Smith said"
    assert typewriter_quotes("``Part one\n\n``part two,'' he said.") == (
        "“Part one\n\n“part two,” he said."
    )
    # a backtick typed for an apostrophe (Multi-News); code in backticks is left alone
    assert typewriter_quotes("I`m not a bad mom, it`s not what you`re supposed to do.") == (
        "I’m not a bad mom, it’s not what you’re supposed to do."
    )
    assert typewriter_quotes("Run `ls -l` first.") == "Run `ls -l` first."


def test_a_paragraph_opening_filed_by_is_text() -> None:
    text = (
        "The company denies the claims and says it will fight the case in court.\n\n"
        "Filed by the state's attorney general in March, the lawsuit accuses the company of "
        "hiding the risks of its opioid painkillers.\n\nStory Filed By Cox Newspapers"
    )
    out = clean_text(text)
    assert "Filed by the state's attorney general" in out and "Cox" not in out


def test_only_the_wires_own_codes_are_dropped() -> None:
    from newsdigest.ingest.trec import trec_articles

    doc = (
        "<DOC><DOCNO> APW19990101.0001 </DOCNO><TEXT>\nBOSTON (AP) &MD; The chain runs 40 "
        "B&Bs; and AT&amp;amp;T pays. &QL;\n</TEXT></DOC>"
    )
    (article,) = list(trec_articles(doc, "x"))
    assert article.text.strip() == "BOSTON (AP) — The chain runs 40 B&Bs; and AT&amp;T pays."


@pytest.mark.parametrize("title", ["Tornado kills 3 in Joplin, Calif.", "Talks with Sen."])
def test_a_final_abbreviation_keeps_its_stop(title: str) -> None:
    from newsdigest.clean import clean_title

    assert clean_title(title) == title


# --- a hostile pass over the session's last rules (2026-11-30) -------------------------------


def test_a_short_lead_on_its_own_line_stays_the_text() -> None:
    text = (
        "Jurors found Derek Chauvin guilty of murder in the death of George Floyd.\n"
        "The verdict came after about 10 hours of deliberations. Chauvin was found guilty on all "
        "three counts, including second-degree murder, in Floyd's death last May."
    )
    assert split_title(text)[0] == ""


def test_a_statement_from_someones_family_is_not_theirs() -> None:
    from newsdigest.facts import extract_facts
    from newsdigest.model import Article, article_id

    text = (
        "The family of Otto Warmbier said in a statement on Monday that he had died.\n\n"
        "“Unfortunately, the awful torturous mistreatment our son received at the hands of the "
        "North Koreans ensured that no other outcome was possible,” the statement said."
    )
    facts = extract_facts([Article(id=article_id(text), text=text)], {})
    assert [q.speaker for q in facts.quotes] == [None]


def test_a_states_lawmakers_are_where_it_happened() -> None:
    from newsdigest.facts import extract_facts
    from newsdigest.model import Article, article_id

    text = (
        "Virginia lawmakers approved a bill on Tuesday that would abolish the death penalty, "
        "sending it to the governor."
    )
    facts = extract_facts([Article(id=article_id(text), text=text, title="Death penalty vote")], {})
    assert facts.event_place == "Virginia"


def test_a_quote_closing_a_speech_is_a_quote() -> None:
    from newsdigest.facts import extract_facts
    from newsdigest.model import Article, article_id

    text = (
        "Jane Smith spoke for twenty minutes at the rally in Denver on Saturday.\n\n"
        "Smith closed her speech with the words “We will not be silenced, not now and not ever,” "
        "and the crowd erupted."
    )
    facts = extract_facts([Article(id=article_id(text), text=text)], {})
    assert [q.text[:10] for q in facts.quotes] == ["We will no"]


def test_a_pull_quote_is_text() -> None:
    assert not rules.is_boilerplate_line(
        "“We will not be intimidated.” — Theresa May, Prime Minister"
    )


_BEFORE = "The city council met on Monday to discuss the budget for next year, officials said."
_AFTER = "Residents may comment on the plan until the end of the month, the mayor said."


@pytest.mark.parametrize(
    "sentence",
    [
        # a credit's opening words (rules.CREDIT_LINE) open a sentence too
        "Produced by Netflix, the series will premiere in March, the company said.",
        "Written by a former aide, the book describes chaos inside the White House.",
        "Compiled by the Census Bureau, the figures show the population grew by 0.4 percent.",
        "Reporting by the Associated Press found that the agency had ignored complaints.",
        "Edited by hand for decades, the dictionary moved online in 2000.",
        # a widget's words (rules.WIDGET) open one
        "Copyright law does not protect ideas, only their expression, the judge wrote.",
        "Copyright infringement claims against the company rose sharply last year.",
        "Filed under seal, the indictment was made public on Thursday.",
        # a public alert quoted whole is no note to the wire's editors (rules.WIRE_FURNITURE)
        "ATTENTION: A boil-water advisory is in effect for residents north of Main Street until"
        " further notice.",
    ],
)
def test_a_sentence_that_opens_with_a_credits_or_widgets_words_is_kept(sentence: str) -> None:
    """Each was dropped as page furniture: a participle that opens a sentence ("Produced by
    Netflix, the series ..."), the law of copyright, a court filing under seal."""
    assert sentence in clean_text(f"{_BEFORE}\n\n{sentence}\n\n{_AFTER}")


@pytest.mark.parametrize(
    "furniture",
    [
        "Reporting by Ali Sawafta; Writing by Maayan Lubell; Editing by Peter Graff",
        "Additional reporting by Steve Greene in London; editing by Peter Graff",
        "(Editing by Belinda Goldsmith; Please credit the Thomson Reuters Foundation, the"
        " charitable arm of Thomson Reuters)",
        "Compiled by Rob Smith for the BBC",
        "Copyright 2018 The Associated Press. All rights reserved.",
        "Copyright © 2016 NPR. All rights reserved.",
        "Filed under: Politics, World News",
        "ATTENTION EDITORS: This story contains language that may offend some readers.",
        "EDS: Updates with Chile's protest, quotes from Insulza.",
    ],
)
def test_credits_and_notices_still_go(furniture: str) -> None:
    assert furniture not in clean_text(f"{_BEFORE}\n\n{furniture}\n\n{_AFTER}")

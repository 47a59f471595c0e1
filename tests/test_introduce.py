"""A person the digest first names by surname alone gets the story's given name
(``summarize.introduce``), on sentences of the Multi-News sample."""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from newsdigest.model import Sentence
from newsdigest.names import has_word
from newsdigest.summarize.introduce import _inside_a_sentence, _mentions, introduce_surnames


def _doc(article: str, *texts: str) -> list[Sentence]:
    out, at = [], 0
    for i, text in enumerate(texts):
        out.append(Sentence(article, i, text, at, at + len(text)))
        at += len(text) + 1
    return out


OSCARS = [
    _doc(
        "a",
        "But it’s still remarkable that La La Land had all but completed its speeches, and host "
        "Jimmy Kimmel was onstage to wrap up the evening before the announcement was made.",
        "We appreciate the grace with which the nominees, the Academy, ABC, and Jimmy Kimmel "
        "handled the situation.",
    ),
    _doc(
        "b",
        "Host Jimmy Kimmel opened the ceremony with a joke about the president.",
        "“I knew I would screw this up,” said Kimmel, a first-time host.",
    ),
]


def test_a_speaker_named_by_surname_alone_gets_the_given_name_the_story_writes() -> None:
    unit = OSCARS[1][1]
    (out,) = introduce_surnames([unit], OSCARS)
    assert out.text == "“I knew I would screw this up,” said Jimmy Kimmel, a first-time host."
    # the same source sentence: citations and highlights still point at it
    assert (out.article_id, out.index, out.start, out.end) == (
        unit.article_id,
        unit.index,
        unit.start,
        unit.end,
    )


def test_only_the_first_mention_and_only_when_the_digest_has_not_named_them() -> None:
    named = _doc("c", "Host Jimmy Kimmel read the wrong winner.")[0]
    unit = OSCARS[1][1]
    assert [u.text for u in introduce_surnames([named, unit], OSCARS)] == [
        named.text,
        unit.text,
    ]
    again = _doc("d", "Kimmel said the show went on.")[0]
    first, second = introduce_surnames([unit, again], OSCARS)
    assert "Jimmy Kimmel" in first.text and second.text == again.text


def _texts(units: list[str], docs: list[str]) -> list[str]:
    out = introduce_surnames([_doc("u", t)[0] for t in units], [_doc("a", d) for d in docs])
    return [u.text for u in out]


@pytest.mark.parametrize(
    ("unit", "story"),
    [
        # Multi-News: a place ("Florida's" is not South Florida's), a weekday after "said"
        # ("Fox News Sunday"), an institution ("the House's" is not the White House's)
        ("Florida’s highest-ranking officials are increasing the pressure.",
         "Voters in South Florida waited. Officials in South Florida said so."),
        ("Sen. Lindsey Graham said Sunday President Barack Obama erred.",
         "He spoke on Fox News Sunday. On Fox News Sunday, he said it."),
        ("It came during the House’s impeachment inquiry.",
         "The White House said no. Then the White House said yes. The House voted."),
        # a speaker's own words are never changed (NeuS: “... in Biden’s America”)
        ("“No one will be safe in Biden’s America,” Trump said.",
         "Former Vice President Joe Biden spoke, and Joe Biden said so."),
        # part of a longer name, a company the story names bare, a linked headline's verb
        ("An aide told Bloomberg News it was over.",
         "Former mayor Michael Bloomberg spoke, and later Michael Bloomberg said so."),
        ("Apple said iPhone sales fell.",
         "Apple sold fewer phones. Singer Fiona Apple said, and later Fiona Apple did."),
        ("Every time McDonald's trots out its McRib sandwich, fans clamor.",
         "McRib 2.0: Meet McDonald's McRibster. McRib 2.0: Meet McDonald's McRibster."),
        # two people of one surname; a middle name; a word written in lower case too
        ('"We will not comment on that," said Sanders at the briefing.',
         "Press secretary Sarah Sanders spoke. Sen. Bernie Sanders spoke, and Bernie Sanders "
         "said so."),
        ("“I knew I would screw this up,” said Parker.",
         "Actress Sarah Jessica Parker spoke, and later Sarah Jessica Parker said so."),
        ("Police said the count went on.", "The police said the count went on."),
        # a continent (Multi-News: "Carnegie Europe's largest pre-war Jewish community")
        ("Only 380,000 of Poland's 3 million Jews -- Europe's largest pre-war Jewish community "
         "-- survived the Holocaust.",
         "Judy Dempsey of Carnegie Europe wrote it. Carnegie Europe said so."),
    ],
)  # fmt: skip
def test_what_is_not_a_person_introduced_once_is_left_alone(unit: str, story: str) -> None:
    """Each found by a hostile reader or in Multi-News / NeuS digests before it was ruled out."""
    assert _texts([unit], [story]) == [unit]


def test_a_name_with_a_capital_inside_is_introduced_once_and_a_title_is_no_given_name() -> None:
    story = "Senate leader Mitch McConnell spoke, and later Mitch McConnell said no."
    assert _texts(['"No," said McConnell.', "McConnell said the Senate would vote."], [story]) == [
        '"No," said Mitch McConnell.',
        "McConnell said the Senate would vote.",
    ]
    pelosi = "House Speaker Nancy Pelosi spoke. Speaker Pelosi said, and later Nancy Pelosi did."
    assert _texts(["“We have a long way to go,” Pelosi said."], [pelosi]) == [
        "“We have a long way to go,” Nancy Pelosi said."
    ]


def test_the_budget_holds() -> None:
    unit = OSCARS[1][1]
    words = len(unit.text.split())
    assert introduce_surnames([unit], OSCARS, max_words=words)[0].text == unit.text
    assert "Jimmy" in introduce_surnames([unit], OSCARS, max_words=words + 1)[0].text


def test_the_digest_introduces_the_speaker_it_quotes(multinews_articles) -> None:
    """Multi-News validation cluster 205 (the Oscars' best-picture mix-up): the digest quotes
    the host from a sentence of an article that had introduced him paragraphs earlier
    ('"If you guys like that, I like that," Kimmel says happily.'); its first mention in the
    digest gets the given name the articles write."""
    from newsdigest import digest

    articles = [a for _, a in multinews_articles(205, 206)]
    story = digest(articles, words=250, facts=False)
    texts = [s.text for s in story.summary]
    first = next(t for t in texts if "Kimmel" in t)
    assert "Jimmy Kimmel" in first and "Jimmy" not in first.replace("Jimmy Kimmel", "")
    assert all("Jimmy" not in t for t in texts[texts.index(first) + 1 :])
    # the selection left the given name room: the digest keeps its budget
    assert sum(len(t.split()) for t in texts) <= 250


# the patterns the three searches stand for, as ``introduction`` compiled them per name
def _pattern_mentions(surname: str, text: str) -> list[int]:
    pattern = re.compile(rf"(?<![\w'’.-]){re.escape(surname)}\b(?!-\w)")
    return [m.start() for m in pattern.finditer(text)]


def _pattern_has_word(word: str, text: str) -> bool:
    return re.search(rf"\b{re.escape(word)}\b", text) is not None


def _pattern_inside(name: str, surname: str, text: str) -> bool:
    pattern = rf"(?<=[a-z0-9,] ){re.escape(name)}\s+{re.escape(surname)}\b"
    return re.search(pattern, text) is not None


def _searches_agree(name: str, surname: str, text: str) -> None:
    assert list(_mentions(surname, text)) == _pattern_mentions(surname, text)
    assert has_word(name.lower(), text) is _pattern_has_word(name.lower(), text)
    assert _inside_a_sentence(name, surname, text) is _pattern_inside(name, surname, text)


@settings(max_examples=600, deadline=None)
@given(
    st.sampled_from(["Kimmel", "O'Brien", "McConnell", "Li"]),
    st.lists(
        st.sampled_from(
            "Kimmel Jimmy jimmy O'Brien McConnell Li host said , . - ' ’ _ 1 a é"
            " \u00a0 \n \t Kimmel-style J.Kimmel xKimmel".split(" ")
        ),
        max_size=12,
    ).map("".join),
)
def test_the_name_searches_find_what_their_patterns_find(surname: str, text: str) -> None:
    _searches_agree("Jimmy", surname, text)


def test_the_name_searches_find_what_their_patterns_find_in_news(multinews_articles) -> None:
    from newsdigest.split import split_sentences
    from newsdigest.summarize.introduce import _SURNAME

    inside = 0
    for _, article in multinews_articles(200, 212):
        text = " ".join(s.text for s in split_sentences(article.text, article.id))
        surnames = sorted({m.group() for m in _SURNAME.finditer(text)})[:40]
        givens = [w for w in surnames if re.fullmatch(r"[A-Z][a-z]{2,}", w)][:5]
        for name in givens:
            for surname in surnames:
                _searches_agree(name, surname, text)
                inside += _pattern_inside(name, surname, text)
    assert inside > 5


def test_a_subject_named_by_surname_alone_gets_the_given_name_too() -> None:
    """NeuS val 123: "Meadows outlined the state of talks ..." was a digest's line, the
    sentence that named Mark Meadows left out; a noun the name qualifies is no act of his
    ("Trump administration officials say ...", the next NeuS lead)."""
    talks = [
        _doc(
            "a",
            "The Trump administration and Democrats made progress on coronavirus stimulus talks "
            "Tuesday but still need to overcome major differences to reach a deal before the "
            "2020 election, White House chief of staff Mark Meadows said.",
            "Meadows outlined the state of talks following a 45-minute conversation between "
            "House Speaker Nancy Pelosi and Treasury Secretary Steven Mnuchin.",
            "Pelosi and Mnuchin plan to speak again Wednesday.",
        ),
        _doc("b", "President Donald Trump said on Tuesday the talks were going well."),
    ]
    (out,) = introduce_surnames([talks[0][1]], talks)
    assert out.text.startswith("Mark Meadows outlined the state of talks")
    officials = _doc("c", "Trump administration officials say Vice President Mike Pence will stay.")
    (same,) = introduce_surnames(officials, [*talks, officials])
    assert same.text == officials[0].text


def test_a_full_name_set_off_at_a_sentences_start_introduces(multinews_csv) -> None:
    """Multi-News 150's digest read "..., Pinto said, ...": its article names Thomas Kinkade's
    girlfriend once in full, opening a sentence ("Amy Pinto, in tears, told a reporter ..."),
    which had not counted, as a sentence's first word may be no given name."""
    from newsdigest.evaluate import read_dataset, split_cluster
    from newsdigest.summarize import Budget, get_summarizer

    cluster = read_dataset(multinews_csv)[0][150]
    chosen = get_summarizer("default").summarize(split_cluster(cluster), Budget(words=100))
    assert any("Amy Pinto said" in s.text for s in chosen)
    lone = [_doc("a", "Amy Pinto, in tears, told a reporter he died.", "Pinto said so.")]
    assert introduce_surnames(lone[0][1:], lone)[0].text == "Amy Pinto said so."
    # ... not a word that opens a sentence before a name without the apposition's comma
    other = [_doc("a", "Democrat Pinto told a reporter he died.", "Pinto said so.")]
    assert introduce_surnames(other[0][1:], other)[0].text == "Pinto said so."


def test_a_counted_group_is_no_one_named_by_surname(multinews_csv) -> None:
    """Multi-News 35's 250-word digest opened "A spokesman with the Anaheim Police Department
    says six of those arrested are Klan supporters ...": "five Klan members" read as someone
    named by surname alone, and a later "Ku Klux Klan gathering" as their full name, so four
    lines of that article moved ahead of the digest's opening line."""
    from newsdigest.evaluate import read_dataset, split_cluster
    from newsdigest.summarize import Budget, get_summarizer
    from newsdigest.summarize.introduce import bare_surnames

    assert "Klan" not in bare_surnames("Initially arrested were five Klan members.")
    assert "Rose" in bare_surnames("Police said Rose was stopping someone.")
    cluster = read_dataset(multinews_csv)[0][35]
    chosen = get_summarizer("default", fill=True).summarize(
        split_cluster(cluster), Budget(words=250)
    )
    assert not chosen[0].text.startswith("A spokesman with the Anaheim Police Department")


def test_a_surname_after_an_honorific_alone_is_introduced(multinews_csv) -> None:
    """Multi-News 125's digest read "Prof Owen said it was a groundbreaking moment." (Adrian
    Owen named in full only in a line it left out): an honorific says no more than the
    surname. A courtesy title gives way to the given name ("Mr. Harry Reid's" reads oddly);
    a role stays as it was ("President Trump")."""
    from newsdigest.evaluate import read_dataset, split_cluster

    docs = split_cluster(read_dataset(multinews_csv)[0][125])
    owen = [s for s in docs[0] if s.text == "Prof Owen said it was a groundbreaking moment."]
    (out,) = introduce_surnames(owen, docs)
    assert out.text == "Prof Adrian Owen said it was a groundbreaking moment."
    story = _doc(
        "a", "Senate leader Harry Reid spoke.", "Harry Reid left.", "Mr. Reid's aide said."
    )
    (reid,) = introduce_surnames(story[2:], [story])
    assert reid.text == "Harry Reid's aide said."
    trump = _doc("a", "Donald Trump spoke.", "Donald Trump left.", "President Trump said no.")
    assert introduce_surnames(trump[2:], [trump])[0].text == "President Trump said no."


def test_an_institutions_head_noun_is_no_surname(multinews_csv) -> None:
    """Multi-News 153's 250-word digest opened with a quotation ("We are asking help from the
    public ...", the Indiana State Police said) before "Police confirmed that two bodies found
    Tuesday were the missing teens ...": "State Police" read as a full name, "Police confirmed"
    as its surname alone, so the quotation's article moved ahead of the opening line."""
    from newsdigest.evaluate import read_dataset, split_cluster
    from newsdigest.summarize import Budget, get_summarizer
    from newsdigest.summarize.introduce import bare_surnames, full_names

    assert "Police" not in full_names("It is a crime scene, the Indiana State Police said.")
    assert "Police" not in bare_surnames("Police confirmed that two bodies were found.")
    assert "Rose" in full_names("Officer Collin Rose, 29, died Wednesday.")
    # nor is a country: "U.S. Embassy Ghana" introduces no one (Multi-News 128)
    assert not full_names("Agents in the Regional Security Office at U.S. Embassy Ghana.")
    assert "Ghana" not in bare_surnames("Ghana said it would sack the staff.")
    cluster = read_dataset(multinews_csv)[0][153]
    chosen = get_summarizer("default", fill=True).summarize(
        split_cluster(cluster), Budget(words=250)
    )
    assert chosen[0].text.startswith("Police confirmed that two bodies")


def test_a_person_named_in_full_is_not_introduced_again(multinews_csv: Path) -> None:
    """Multi-News 243's digest at 250 words introduced one geophysicist twice, "Steven Hansen,
    a geophysicist at the University of New Mexico, peeked ..." and then "... said Steve
    Hansen, a geoscientist at the University of New Mexico in Albuquerque.": the second time,
    "said Hansen."; two people who share a surname keep their names."""
    from newsdigest.evaluate import read_dataset, run_eval
    from newsdigest.summarize.introduce import introduced_once

    def line(text: str) -> Sentence:
        return Sentence(article_id="a", index=0, text=text, start=0, end=len(text))

    kept = [
        line("Officer Mark Smith, a police veteran, arrived first."),
        line("The car was stopped by Jane Smith, a state trooper."),
        # Multi-News 208: the congressman and his son
        line("Rep. Bob Goodlatte said Strzok's testimony was a disgrace."),
        line("Goodlatte’s son Bobby Goodlatte, a venture capitalist, blasted his father."),
    ]
    assert introduced_once(kept) == kept
    cluster = read_dataset(multinews_csv)[0][243]
    (summary,) = run_eval([cluster], ["default"], words=250)[0].summaries
    assert any("Steven Hansen, a geophysicist" in s for s in summary), summary
    assert not any("Steve Hansen, a geoscientist" in s for s in summary), summary
    assert any(s.endswith("said Hansen.") for s in summary), summary


def test_a_courtesy_title_and_surname_come_after_the_full_name(multinews_csv: Path) -> None:
    """Multi-News 240's digest at 250 words read "Around 3:30 a.m., Mr. Smith approached two
    uniformed officers ..." before "Shimron’s brother Shawn J. Smith, who suffers from
    schizophrenia, ..." named him: "Mr. Smith" names no given name, and a middle initial is
    part of a full name. The boy, Shimron Smith, shares the surname: "Mr. Smith" is the one
    his own article named in full first ("The brother, identified by the police as Shawn J.
    Smith")."""
    from newsdigest.evaluate import read_dataset, run_eval
    from newsdigest.summarize.introduce import bare_surnames, full_names

    assert bare_surnames("Around 3:30 a.m., Mr. Smith approached two officers.") == {"Smith"}
    assert "Smith" in full_names("Shimron’s brother Shawn J. Smith, who suffers from it.")
    cluster = read_dataset(multinews_csv)[0][240]
    (summary,) = run_eval([cluster], ["default"], words=250)[0].summaries
    mister = next(k for k, s in enumerate(summary) if "Mr. Smith" in s)
    shawn = next(k for k, s in enumerate(summary) if "Shawn J. Smith" in s)
    assert shawn < mister, summary


def test_a_surname_two_people_share_is_not_introduced_by_a_guess() -> None:
    """Of two people who share a surname, the line that names the other one is no
    introduction of "Mr. Smith"; without the line's article to tell which, none moves."""
    from newsdigest.summarize.introduce import full_names_first

    def line(article: str, index: int, text: str) -> Sentence:
        return Sentence(article_id=article, index=index, text=text, start=0, end=len(text))

    mister = line("a", 3, "Around 3:30 a.m., Mr. Smith approached two uniformed officers.")
    boy = line("b", 8, "Police found the little boy, Shimron Smith, unconscious.")
    brother = line("c", 9, "Police charged Shawn J. Smith with murder on Saturday.")
    assert full_names_first([mister, boy, brother]) == [mister, boy, brother]
    article = [
        line("a", 0, "A 4-year-old boy was thrown from a roof by his brother."),
        line("a", 1, "The brother, identified by the police as Shawn J. Smith, was charged."),
        line("a", 2, "The police said the boy, Shimron Smith, lived there."),
        mister,
    ]
    assert full_names_first([mister, boy, brother], [article]) == [brother, mister, boy]


def test_a_role_set_before_a_name_the_digest_gave_with_it_is_not_said_again(
    multinews_csv: Path,
) -> None:
    """Multi-News 240's digest introduced the brother twice: "Shimron’s brother Shawn J.
    Smith, who suffers from schizophrenia, ..." and then "Shimron's brother, Shawn J. Smith,
    was charged with second-degree murder, the NYPD said."; the second time he is "Shawn J.
    Smith". A role the digest has not given him with his name stays ("The boy, Jordan
    Belliveau, died" after "2-year-old Jordan Belliveau")."""
    from newsdigest.evaluate import read_dataset, run_eval
    from newsdigest.summarize.introduce import introduced_once

    def line(text: str) -> Sentence:
        return Sentence(article_id="a", index=0, text=text, start=0, end=len(text))

    kept = [
        line("She struck 2-year-old Jordan Belliveau in the face, police said."),
        line("The boy, Jordan Belliveau, died, and Ms. Stinson was arrested Tuesday."),
        line("Her lawyer, Jane Smith, said she would appeal."),
    ]
    assert introduced_once(kept) == kept
    # the digest's two lines as they were (the confession it told is now told once, by the
    # quotation: coverage._quoted_again, so the digest names him once)
    first = line(
        "Shimron’s brother Shawn J. Smith, who suffers from schizophrenia, reportedly confessed "
        "to officers that he led his little brother to the roof of the Midwood building and "
        "pushed him off."
    )
    second = replace(
        line(
            "Shimron's brother, Shawn J. Smith, was charged with second-degree murder, the NYPD said."
        ),
        index=1,
    )
    assert [u.text for u in introduced_once([first, second])][1] == (
        "Shawn J. Smith was charged with second-degree murder, the NYPD said."
    )
    cluster = read_dataset(multinews_csv)[0][240]
    (summary,) = run_eval([cluster], ["default"], words=250)[0].summaries
    assert (
        sum("brother Shawn J. Smith" in s or "brother, Shawn J. Smith" in s for s in summary) == 1
    ), summary


def test_an_honorific_after_a_long_quotation_is_introduced(
    dev_stream_rows: list[dict[str, str]],
) -> None:
    """The dev stream's anti-tech-addiction story opened "“The largest supercomputers in the
    world are inside of two companies — Google and Facebook — and where are we pointing
    them?” Mr. Harris said.", every article naming him Tristan Harris: what stood before
    "Mr." was cut at the wrong place (40 characters from the sentence's start, not from
    "Mr."), inside the quotation, so the name read as quoted and was left as it was."""
    rows = [r for r in dev_stream_rows if "anti-tech addiction" in (r.get("title") or "")]
    (label,) = {r["label"] for r in rows}
    texts = [r["text"] for r in dev_stream_rows if r["label"] == label]
    docs = [_doc(str(k), *text.split("\n")) for k, text in enumerate(texts)]
    line = (
        "“The largest supercomputers in the world are inside of two companies — Google and "
        "Facebook — and where are we pointing them?” Mr. Harris said."
    )
    (unit,) = introduce_surnames([Sentence("a", 0, line, 0, len(line))], docs)
    assert unit.text.endswith("?” Tristan Harris said."), unit.text


def test_a_hyphenated_surname_comes_after_the_full_name_written_without_the_hyphen() -> None:
    """Dev event 62's digest read "Abdel-Fattah is serving a five-year sentence ..." two lines
    before "Five other defendants, including jailed activist Alaa Abdel Fattah, were fined
    ...": the full name, its double surname written without the hyphen, goes first."""
    from newsdigest.summarize.introduce import bare_surnames, full_names_first

    def line(article: str, index: int, text: str) -> Sentence:
        return Sentence(article_id=article, index=index, text=text, start=0, end=len(text))

    court = line(
        "a",
        0,
        "An Egyptian court sentenced ousted Islamist president Mohamed Morsi to three years in"
        ' prison along with 19 other defendants on Saturday for "insulting the judiciary," his'
        " lawyer said.",
    )
    serving = line(
        "a",
        2,
        "Abdel-Fattah is serving a five-year sentence for taking part in an illegal protest in"
        " 2013.",
    )
    fined = line(
        "b",
        5,
        "Five other defendants, including jailed activist Alaa Abdel Fattah, were fined 30,000"
        " pounds (about $1,680) each.",
    )
    assert bare_surnames(serving.text) == {"Abdel-Fattah"}
    assert full_names_first([court, serving, fined]) == [court, fined, serving]

"""A person the digest first names by surname alone gets the story's given name
(``summarize.introduce``), on sentences of the Multi-News sample."""

from __future__ import annotations

from newsdigest.model import Sentence
from newsdigest.summarize.introduce import introduce_surnames


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
    _doc("b", "“I knew I would screw this up,” said Kimmel, a first-time host."),
]


def test_a_speaker_named_by_surname_alone_gets_the_given_name_the_story_writes() -> None:
    unit = OSCARS[1][0]
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
    unit = OSCARS[1][0]
    assert [u.text for u in introduce_surnames([named, unit], OSCARS)] == [
        named.text,
        unit.text,
    ]
    again = _doc("d", "Kimmel said the show went on.")[0]
    first, second = introduce_surnames([unit, again], OSCARS)
    assert "Jimmy Kimmel" in first.text and second.text == again.text


def test_places_common_words_and_headline_words_are_not_completed() -> None:
    """Multi-News: "Florida's" is not "South Florida's"; "McRib 2.0: Meet McDonald's
    McRibster" (a linked headline) does not make "Meet" a given name; "Police said" stays."""
    docs = [
        _doc(
            "a",
            "Voters in South Florida waited. Officials in South Florida said so.",
            "McRib 2.0: Meet McDonald's McRibster. McRib 2.0: Meet McDonald's McRibster.",
            "The police said the count went on.",
        )
    ]
    units = [
        _doc("b", "Florida’s highest-ranking officials are increasing the pressure.")[0],
        _doc("b", "Every time McDonald's trots out its McRib sandwich, fans clamor.")[0],
        _doc("b", "Police said the count went on.")[0],
    ]
    assert [u.text for u in introduce_surnames(units, docs)] == [u.text for u in units]


def test_a_name_the_story_gives_two_given_names_is_left_alone() -> None:
    docs = [
        _doc(
            "a",
            "Bruce Steinberg and Irene Steinberg flew, and Irene Steinberg, Bruce Steinberg said.",
        )
    ]
    unit = _doc("b", "Steinberg said they were fine.")[0]
    assert introduce_surnames([unit], docs)[0].text == unit.text


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

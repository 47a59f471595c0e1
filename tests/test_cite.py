"""Citations: every supporting sentence is cited, unrelated ones are not, outlets counted once."""

from __future__ import annotations

from newsdigest.cite import cite
from newsdigest.split import split_sentences


def _doc(article: str, text: str):
    return split_sentences(text, article)


DOCS = [
    _doc("a", "Putin called the Mueller probe exotic work. The weather in Sochi was warm."),
    _doc(
        "b",
        "Vladimir Putin described the Mueller investigation as exotic work. Talks lasted two hours.",
    ),
    _doc(
        "c", "Putin said the Mueller probe was exotic work, Interfax reported. Lavrov met Pompeo."
    ),
]


def test_paraphrases_in_other_articles_are_cited() -> None:
    [s] = cite([DOCS[0][0]], DOCS, {"a": "TASS", "b": "VoA", "c": "TASS"})
    cited = {(c.article, c.sentence) for c in s.citations}
    assert cited == {("a", 0), ("b", 0), ("c", 0)}
    assert s.origin is not None and (s.origin.article, s.origin.sentence) == ("a", 0)
    assert s.support == 2  # two articles of TASS count as one outlet


def test_sentences_sharing_only_names_are_not_cited() -> None:
    [s] = cite([DOCS[2][1]], DOCS, {})
    assert [(c.article, c.sentence) for c in s.citations] == [("c", 1)]
    assert s.support == 1


def test_generated_sentence_gets_citations_without_an_origin() -> None:
    from newsdigest.model import GeneratedSentence

    generated = GeneratedSentence("Putin called the Mueller investigation exotic work.", 0, 0)
    [s] = cite([generated], DOCS, {})
    assert s.origin is None
    assert {c.article for c in s.citations} == {"a", "b", "c"}

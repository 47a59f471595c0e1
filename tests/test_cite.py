"""Citations: every supporting sentence is cited, unrelated ones are not, outlets counted once."""

from __future__ import annotations

from collections.abc import Callable

from newsdigest.cite import cite
from newsdigest.model import Article
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


def test_the_origin_sentence_is_cited_even_when_nothing_else_supports_it() -> None:
    from newsdigest.model import Sentence

    docs = [*DOCS, _doc("d", "It was all there, as before. Pompeo left for Brussels.")]
    # a sentence of stop words only: no TF-IDF overlap with anything, not even itself
    [s] = cite([docs[3][0]], docs, {"d": "AP"})
    assert [(c.article, c.sentence) for c in s.citations] == [("d", 0)]
    assert s.origin == s.citations[0] and s.support == 1
    # and a compressed summary sentence (its text differs from the source's) cites its source
    short = Sentence("b", 1, "Talks ran long.", 0, 0)
    [t] = cite([short], DOCS, {})
    assert ("b", 1) in {(c.article, c.sentence) for c in t.citations}


def test_citations_follow_the_order_of_the_articles_not_their_ids() -> None:
    docs = [
        _doc("zeta", "Putin said the Mueller probe was exotic work, Interfax reported."),
        _doc("alpha", "Vladimir Putin described the Mueller investigation as exotic work."),
    ]
    [s] = cite([docs[1][0]], docs, {})
    assert [c.article for c in s.citations] == ["zeta", "alpha"]


def test_seed_sentences_cite_a_few_paraphrases_not_everything(seed_paths) -> None:
    """On the seed story a sentence is restated by at most a handful of others; a threshold
    too low cites sentences that merely share a name (30 per sentence at 0.10)."""
    docs = [_doc(f"s{i}", p.read_text(encoding="utf-8")) for i, p in enumerate(seed_paths)]
    sentences = [s for d in docs for s in d]
    counts = [len(s.citations) for s in cite(sentences, docs, {})]
    assert max(counts) <= 6 and sum(counts) / len(counts) < 2.0
    assert sum(c > 1 for c in counts) >= 10  # and paraphrases across articles are found


def test_a_merged_unit_and_its_first_sentence_are_cited_in_span_order() -> None:
    """A quote merged over two sentences keeps its first sentence's index; citing it and that
    sentence must come out in one order in every process (by span, not by set order)."""
    import subprocess
    import sys

    code = (
        "from dataclasses import replace\n"
        "from newsdigest.cite import cite\n"
        "from newsdigest.split import split_sentences\n"
        "t = 'Putin called the Mueller probe exotic work. He said it twice to reporters.'\n"
        "doc = split_sentences(t, 'a')\n"
        "unit = replace(doc[0], text=t, end=len(t))\n"
        "[s] = cite([unit], [doc], {})\n"
        "print([(c.sentence, c.start, c.end) for c in s.citations])\n"
    )
    outputs = {
        subprocess.run(
            [sys.executable, "-c", code],
            capture_output=True,
            text=True,
            check=True,
            env={"PYTHONHASHSEED": str(seed), "PATH": ""},
        ).stdout
        for seed in range(6)
    }
    assert len(outputs) == 1, outputs
    (line,) = outputs
    spans = eval(line)  # noqa: S307 - our own printed list
    assert spans == sorted(spans) and len({s[0] for s in spans}) < len(spans)


def test_a_sentence_with_other_numbers_does_not_support_it() -> None:
    """The dev stream's well story: "the 40m dry well" cited an outlet that wrote "80m-deep"."""
    docs = [
        _doc("a", "The boy fell down the 40m dry well on Monday, rescuers said."),
        _doc("b", "The boy fell down the 80m-deep dry well on Monday, rescuers said."),
        _doc("c", "Rescuers said the boy fell down the dry well on Monday."),
        _doc("d", "The boy, 3, fell down the 40m dry well on Monday, rescuers said."),
    ]
    [s] = cite([docs[0][0]], docs, {})
    assert {c.article for c in s.citations} == {"a", "c", "d"}


def test_a_number_in_words_counts_too() -> None:
    """The dev stream's Morsi story cited "two million pounds" for "1 million Egyptian
    pounds"; "three years" still supports "3 years"."""
    docs = [
        _doc("a", "The court ordered Morsi to pay 1 million Egyptian pounds to one of the judges."),
        _doc("b", "The court ordered Morsi to pay two million pounds to the judges, AFP said."),
        _doc("c", "The court ordered Morsi to pay one million pounds to one of the judges."),
        _doc("d", "Morsi was sentenced to three years in prison by the court on Saturday."),
        _doc("e", "On Saturday the court sentenced Morsi to 3 years in prison."),
    ]
    [pay, years] = cite([docs[0][0], docs[4][0]], docs, {})
    assert {c.article for c in pay.citations} == {"a", "c"}
    assert {c.article for c in years.citations} == {"d", "e"}


def test_a_heading_that_shares_one_name_is_no_support() -> None:
    """The dev stream's Las Vegas story cited "About the Hotel" for "Police said the gunman
    fired on the crowd from the 32nd floor of the hotel."; the same short sentence in two
    outlets still supports itself, and "a 108-year drought" supports "108 years later"."""
    docs = [
        _doc("a", "Police said the gunman fired on the crowd from the 32nd floor of the hotel."),
        _doc("b", "About the Hotel"),
        _doc("c", "Some believe it was a sparrow. 108 years later and the drought is over."),
        _doc("d", "Some believe it was a sparrow. The Cubs ended a 108-year drought."),
    ]
    [hotel, sparrow, drought] = cite([docs[0][0], docs[2][0], docs[2][1]], docs, {})
    assert {c.article for c in hotel.citations} == {"a"}
    assert {c.article for c in sparrow.citations} == {"c", "d"}
    assert {c.article for c in drought.citations} == {"c", "d"}


def test_similarities_are_scipys_product_bit_for_bit(
    multinews_articles: Callable[[int, int], list[tuple[int, Article]]],
) -> None:
    """The cosines cite compares with its threshold are the float32 values the sparse product
    of the TF-IDF rows gives, so no citation moves across the threshold."""
    import numpy as np

    from newsdigest.cite import similarities
    from newsdigest.tfidf import tfidf_rows

    clusters: dict[int, list[str]] = {}
    for cluster, article in multinews_articles(0, 12):
        clusters.setdefault(cluster, []).extend(
            s.text for s in split_sentences(article.text, article.id)
        )
    for texts in clusters.values():
        pool, selected = texts[: len(texts) // 2], texts[len(texts) // 2 :][:10] + [texts[0]]
        rows = tfidf_rows(pool + selected)
        expected = (rows[len(pool) :] @ rows[: len(pool)].T).toarray()
        found = similarities(pool, selected)
        assert found.dtype == expected.dtype == np.float32
        assert np.array_equal(found, expected)
        assert (found >= 0.3).any()


def test_similarities_of_stop_words_only_are_zero() -> None:
    from newsdigest.cite import similarities

    assert not similarities(["the of and", "it is"], ["and the"]).any()

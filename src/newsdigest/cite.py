"""Citations: for each summary sentence, every source sentence that says the same thing.

Support is judged on the story's own TF-IDF space (word overlap weighted by rarity inside the
story), so it needs no model and is the same whichever embedder chose the sentences. A summary
sentence always cites the sentence it was taken from; ``support`` counts distinct outlets.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

import numpy as np

from newsdigest.model import Citation, GeneratedSentence, Sentence, SummarySentence
from newsdigest.stopwords import ENGLISH_STOP_WORDS
from newsdigest.tfidf import tfidf_entries

# Cosine in the story's TF-IDF space above which two sentences report the same content.
# Chosen on the seed cluster by reading pairs: 0.30 keeps paraphrases of the same statement
# ("Putin ... exotic ... Mueller") and drops sentences that merely share names.
SUPPORT_THRESHOLD = 0.30

# A supporting sentence says the same with some of the same words: a short heading or reply
# that shares one rare name reaches the cosine threshold alone (a reader of the dev stream found
# "About the Hotel" and "We are on ANA." cited as support).
MIN_SHARED_WORDS = 2
SHORT_SOURCE_CHARS = 80  # a longer sentence above the threshold shares more than one word
_WORD = re.compile(r"[^\W\d_]{2,}")


def content_words(text: str) -> set[str]:
    """Lower-cased words that are not stop words, a plural's "s" dropped ("years", "year")."""
    words = (m.group().casefold() for m in _WORD.finditer(text))
    return {w.removesuffix("s") for w in words if w not in ENGLISH_STOP_WORDS}


# Beyond the threshold, a sentence is not supported by one that counts the same thing with other
# numbers: the dev stream's well story cited "80m-deep" for "the 40m dry well". A number in
# digits and what it counts: the letters glued to it ("40m", "5.10am", "3-year-old") or the
# lower-case word after it ("40 metres", "15 games"; not "21 Chibok schoolgirls"); a function
# word after it counts nothing.
_COUNT = re.compile(r"(\d+(?:[.,:]\d+)*)(?:-?([A-Za-z]+)|\s+([a-z][a-z-]*))?")
# a number in words counts too ("two million pounds" is not "1 million Egyptian pounds")
_NUMBER_WORDS = {
    w: str(k)
    for k, w in enumerate(
        "zero one two three four five six seven eight nine ten eleven twelve".split()
    )
} | {w: str(10 * k) for k, w in enumerate("twenty thirty forty fifty sixty".split(), 2)}
# not the last part of "twenty-five", nor a name ("One Direction", "Ten Downing Street")
_WORD_COUNT = re.compile(r"(?<![\w-])((?i:" + "|".join(_NUMBER_WORDS) + r"))\s+([a-z][a-z-]*)")


def counts_of(text: str) -> dict[str, set[str]]:
    """The numbers of ``text`` by what they count ("1,200" and "1200", "5:10" and "5.10" alike)."""
    out: dict[str, set[str]] = {}
    for m in _COUNT.finditer(text):
        unit = (m.group(2) or m.group(3) or "").lower()
        if not unit or unit in ENGLISH_STOP_WORDS:
            continue
        number = re.sub(r"(?<=\d),(?=\d{3}\b)", "", m.group(1)).replace(":", ".")
        out.setdefault(unit.split("-")[0], set()).add(number)
    for m in _WORD_COUNT.finditer(text):
        unit = m.group(2)
        if unit not in ENGLISH_STOP_WORDS:
            out.setdefault(unit.split("-")[0], set()).add(_NUMBER_WORDS[m.group(1).lower()])
    return out


def contradicts(ours: dict[str, set[str]], theirs: dict[str, set[str]]) -> bool:
    """Whether the two count one thing with none of the same numbers ("40m" and "80m")."""
    return any(unit in theirs and not numbers & theirs[unit] for unit, numbers in ours.items())


def similarities(pool: list[str], selected: list[str]) -> np.ndarray:
    """(len(selected), len(pool)) float32: the cosines of each selected text with each pool
    text in the TF-IDF space of all of them, bit for bit what scipy's ``(sel @ pool.T)`` of
    ``tfidf_rows``' float32 rows gives (a test holds the two equal).

    Summed from the entries that share a term, without scipy: its row slicing, transpose and
    product cost three times these few array operations on a story. As scipy's product does,
    each cosine adds, in float32 and from zero, the products of the selected row's entries in
    that row's order (``np.add.at`` adds its pairs in the order given, unbuffered).
    """
    sims = np.zeros((len(selected), len(pool)), dtype=np.float32)
    if not pool or not selected:
        return sims
    try:
        rows, cols, weights, _ = tfidf_entries(pool + selected)
    except ValueError:  # only stop words: nothing can support anything
        return sims
    values = weights.astype(np.float32)
    n = len(pool)
    ours = np.flatnonzero(rows >= n)  # the selected rows' entries, in row order
    theirs = np.flatnonzero(rows < n)
    theirs = theirs[np.argsort(cols[theirs], kind="stable")]  # grouped by term
    term_cols = cols[theirs]
    low = np.searchsorted(term_cols, cols[ours], side="left")
    sizes = np.searchsorted(term_cols, cols[ours], side="right") - low
    left = np.repeat(ours, sizes)
    right = theirs[
        np.repeat(low, sizes) + np.arange(len(left)) - np.repeat(np.cumsum(sizes) - sizes, sizes)
    ]
    np.add.at(sims, (rows[left] - n, rows[right]), values[left] * values[right])
    return sims


def cite(
    selected: Sequence[Sentence | GeneratedSentence],
    docs: Sequence[Sequence[Sentence]],
    sources: Mapping[str, str],
    threshold: float = SUPPORT_THRESHOLD,
) -> tuple[SummarySentence, ...]:
    """Attach all supporting source sentences to each selected sentence.

    ``sources`` maps article id to outlet name (articles of one outlet count once in support).
    """
    pool = [s for doc in docs for s in doc]
    if not selected:
        return ()
    sims = similarities([s.text for s in pool], [s.text for s in selected])
    order = {a: i for i, a in enumerate(dict.fromkeys(s.article_id for s in pool))}
    result = []
    for row, sentence in enumerate(selected):
        origin = Citation.of(sentence) if isinstance(sentence, Sentence) else None
        cited = {origin} if origin else set()
        # made when a source asks for them: the sentence's own text (its origin, mostly the
        # only source above the threshold) passes both tests, so it is not read for them
        counts: dict[str, set[str]] | None = None
        words: set[str] | None = None
        for col in np.flatnonzero(sims[row] >= threshold):
            source = pool[col].text
            if source != sentence.text:
                counts = counts_of(sentence.text) if counts is None else counts
                if counts and contradicts(counts, counts_of(source)):
                    continue  # "the 40m dry well" is not supported by "the 80m-deep well"
                if len(source) <= SHORT_SOURCE_CHARS:
                    words = content_words(sentence.text) if words is None else words
                    if len(words & content_words(source)) < min(MIN_SHARED_WORDS, len(words)):
                        continue  # "About the Hotel", "We are on ANA.": a heading shares a name
            cited.add(Citation.of(pool[col]))
        # a merged unit (a quote over two sentences) shares its first sentence's index: the span
        # breaks the tie, so no set order (string hashes differ by process) decides it
        citations = tuple(
            sorted(
                cited,
                key=lambda c: (order.get(c.article, 1 << 30), c.sentence, c.start or 0, c.end or 0),
            )
        )
        outlets = {sources.get(c.article) or c.article for c in citations}
        result.append(
            SummarySentence(
                text=sentence.text, citations=citations, support=len(outlets), origin=origin
            )
        )
    return tuple(result)

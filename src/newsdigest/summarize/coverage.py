"""The default summarizer: what many outlets report, said early, said well, said once.

Every extraction unit (a sentence, or a multi-sentence quotation kept whole: ``units.py``;
without an attribution clause where that is safe: ``compress.py``) that passes the quality
checks (``quality.py``) is scored by a ridge model over a handful of features a news editor
would recognize, their squares and pairwise products (``interactions``):

- source agreement: how many articles share the unit's words and word pairs (document
  frequency), and how closely the other articles say the same thing (embedding similarity);
- centrality: similarity to the story's centroid (each article weighted equally) and the
  LexRank score of the unit in the similarity graph;
- position: news puts what matters first (in the article, and lead-like wording);
- the article: its share of the story's words and its closeness to the centroid;
- form: length, numbers, quotes, names, a pronoun or connective that needs earlier context.

Units are compared by TF-IDF over their own stemmed terms (built from the counts the other
features need anyway; refitting a vectorizer per story cost more than everything else).
The weights are fitted by ridge regression on ROUGE labels and cross-validated
(``bench/eval_train.py`` rebuilds ``data/coverage_model.json``).
Selection is greedy with a redundancy penalty (word-pair overlap with what is already
chosen, as in MMR); a unit that repeats a chosen one (its word pairs, nearly all its content
words, half of them in a similar sentence, a close paraphrase naming no one new, or a second
casualty count) is passed over, and one that opens with a reference to what came before (or
is a quotation without its speaker) is taken only right after the unit it follows; one that
only announces what the next says (``quality.leads_in``) only with that next unit. The
budget is filled: a unit too long for what is left gives way to a shorter one. The weights
are fitted on Multi-News and NeuS together (BENCHMARKS.md). Output is in reading order.
"""

from __future__ import annotations

import functools
import json
import math
import re
from bisect import bisect_right
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from importlib import resources
from itertools import chain
from typing import Any, cast

import numpy as np
from scipy import sparse

from newsdigest.clean.rules import notice_kind
from newsdigest.embed.base import Embedder
from newsdigest.model import Sentence
from newsdigest.names import NOT_NAME_HEADS, word_char_at
from newsdigest.overlap import NEAR_DUPLICATE
from newsdigest.readability import reads_as_sentence
from newsdigest.summarize import quality
from newsdigest.summarize.base import Budget
from newsdigest.summarize.budget import budget_reached, effective_words, fits, reading_order
from newsdigest.summarize.compress import compress
from newsdigest.summarize.introduce import (
    bare_surnames,
    full_names,
    full_names_first,
    introduce_surnames,
    introduced_once,
)
from newsdigest.summarize.shorten import shorter_readings
from newsdigest.summarize.text import STOP_WORDS, tokens_of, word_count
from newsdigest.summarize.units import merge_lead_ins, merge_quotes, strip_dateline, strip_label
from newsdigest.timeutil import WEEKDAYS

FEATURES = (
    "log_position",
    "first",
    "log_words",
    "bigram_df",
    "unigram_df",
    "bigram_shared",
    "unigram_shared",
    "term_frequency",
    "has_number",
    "has_quote",
    "capitalized",
    "log_articles",
    "log_article_units",
    "needs_context",
    "question",
    "centrality",
    "agreement",
    "lead_similarity",
    "first_article",
    "relative_position",
    "content_ratio",
    "article_share",
    "article_centrality",
    "graph_rank",
    "degree",
)
MODEL_FILE = "coverage_model.json"


@functools.cache
def fitted_model() -> dict[str, Any]:
    """The shipped weights (``data/coverage_model.json``, written by ``bench/eval_train.py``)."""
    text = resources.files("newsdigest").joinpath("data", MODEL_FILE).read_text(encoding="utf-8")
    return json.loads(text)


_DIGIT = re.compile(r"\d")
_CAPITALIZED = re.compile(r"(?:^|\s)[A-Z]")


def _capitalized(words: list[str]) -> int:
    """How many of a unit's words (``str.split()``) open with a capital: the matches of
    ``_CAPITALIZED`` (str.split breaks where \\s matches), without a second pass over the text."""
    return sum(1 for w in words if "A" <= w[0] <= "Z")


_NAME = re.compile(r"\b[A-Z][a-z]{2,}\b")
_WORD = re.compile(r"\b[A-Za-z]{4,}\b")
# a run of capitalized words ("President Donald Trump", "World Health Organization")
_NAME_RUN = re.compile(r"\b[A-Z][A-Za-z'’.-]*(?:\s+(?:of\s+|the\s+)?[A-Z][A-Za-z'’.-]*)*")
# capitalized words that name no one new: the calendar and the titles before a name
_NOT_NEWS_NAMES = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April
    May June July August September October November December Jan Feb Mar Apr Jun Jul Aug Sep
    Sept Oct Nov Dec The President Vice Gov Governor Sen Senator Rep Representative Secretary
    Minister Prime Interim Former Chief Judge Justice Attorney General Gen Leader Majority
    Minority Speaker Mayor Chairman Chairwoman Director Mr Mrs Ms Dr Sir Lady King Queen
    Prince Princess Pope State Acting Deputy Assistant Special Counsel Officials Republican
    Republicans Democrat Democrats Democratic""".split()
)
_WEEKDAYS = frozenset(WEEKDAYS)
# A casualty count ("Nearly 80 people were killed", "Scores of people were killed"): each outlet
# states its own, and a digest needs one (where they differ, the story's facts say so)
_COUNT = (
    r"(?:\d[\d,]*|scores|dozens|hundreds|thousands|two|three|four|five|six|seven|eight|nine"
    r"|ten|eleven|twelve|twenty|thirty|forty|fifty)"
)
_TOLL = re.compile(
    rf"\b{_COUNT}\s+(?:of\s+)?(?:[a-z]+\s*){{0,2}}?"
    r"(?:,[^,.;]{1,50},\s*)?"  # "84 people, including 10 children, were killed"
    r"(?:(?:have|had|has|were|was|been|are|is|reportedly|being)\s+){0,3}"
    r"(?P<kind>killed|dead|died|injured|wounded|arrested|detained|in\s+custody"
    # "two people suffered minor injuries" (a dev digest's first line, its second "Two
    # people were injured when ...")
    r"|(?:suffered|sustained)\s+(?:[a-z-]+\s+)?injuries)\b"
    # the arrests counted after the verb: "State police have charged six UConn students"
    rf"|\b(?P<held>arrested|detained|charged)\s+(?:at\s+least\s+)?{_COUNT}\s",
    re.IGNORECASE,
)
_TOLL_KIND = {
    "killed": "dead",
    "dead": "dead",
    "died": "dead",
    "injured": "injured",
    "wounded": "injured",
    "injuries": "injured",
}
LEAD_UNITS = 5
# Deep in a long article lies detail, not the story (and the cost grows with every sentence).
# 5-fold CV R1 by window: 20: 46.74, 25: 46.77, 30: 46.85, 35: 46.92, 40: 46.91, all: 46.83
MAX_SENTENCES = 35
# The features compare every unit with every other (n x n arrays): a story of 1,000+ articles
# would need tens of GiB. Past this many units a story keeps its articles' first sentences,
# round-robin (every article's first, then every second, ...), so memory stays bounded; the
# largest Multi-News sample cluster has 151 units.
MAX_UNITS = 600
# a unit this long is taken for a sentence without asking the tagger (each question costs
# about a millisecond; of the local sets' fragments only two pages' debris ran longer)
MAX_FRAGMENT_WORDS = 16
# A unit sharing this share of its word pairs with a chosen one repeats it ("No hearing date
# has been set." from two articles); one this close in TF-IDF cosine says it in other words
# (three outlets' headlines of one fact). Paraphrase by 5-fold CV over both corpora (R1 at
# 0.35 / 0.5 / 0.7: NeuS train 39.62 / 39.43 / 39.41, Multi-News 46.25 / 46.23 / 46.16).
DUPLICATE = 0.5
PARAPHRASE = 0.35
# A sentence that says what a chosen one said is a repeat unless it names someone the story's
# other outlets name too (a name one outlet adds is detail): the two share half the content
# words of the shorter, five at least, and are this close in TF-IDF cosine ("President Trump
# announced Thursday morning he will grant ... Dinesh D'Souza a full pardon." after "President
# Donald Trump said he will grant a full pardon on Thursday to ... Dinesh D'Souza"; the seeds'
# "Pompeo ... met with Russian President Vladimir Putin" stays: Putin is news). Chosen on the
# fitting sets (NeuS train 600 at 60 words / Multi-News at 250: R1, R2, MiniLM-paraphrase pairs
# per digest at cosine >= 0.75): off 39.05 / 16.97 / .217, 46.21 / 16.71 / .416; on 39.24 /
# 16.80 / .115, 46.29 / 16.69 / .336 (any new name as news: fewer caught; no name test: the
# seeds lose Putin; two shared words enough: Multi-News R2 16.49). NeuS val, never fitted on:
# 39.40 / 17.90 / .179 -> 39.44 / 17.57 / .111.
RESTATED = 0.5
RESTATED_SIM = 0.2
RESTATED_WORDS = 5
# Two articles' openings (each article's first unit) about one subject (``_subject``: each
# names who the other is about) are headlines of one fact when they are this close in TF-IDF
# cosine and share this share of the shorter's content words (five at least), unless the
# second is a fifth fuller (it may say more: NeuS val 291's "Turkey could go as far as breaking
# off diplomatic ties" after Erdogan's "red line") or dated another weekday: the second is then
# a repeat whatever names it adds (NeuS val 207: "Senate Intelligence Committee leaders on
# Wednesday backed the 2017 intelligence community report ..." then "The Senate Intelligence
# Committee has determined that the intelligence community was correct ..."; 292: two
# outlets' "President Joe Biden will sign two (more) executive orders on Monday"). Measured on
# NeuS train (2,452 triples) / val (307) at 60 words and Multi-News at 250 (R1, R2,
# MiniLM-paraphrase pairs per digest at cosine >= 0.75, bench/paraphrase_pairs.py's judge):
# off 39.67 / 17.30 / .083, 39.43 / 17.62 / .081, 47.09 / 17.40 / .284; on 39.70 / 17.30 /
# .074, 39.46 / 17.62 / .075, 47.07 / 17.40 / .284 (64, 5 and 1 digests change). Without the
# subject, fuller and weekday tests, at cosine 0.3 / 0.25 / 0.2, train pairs .059 / .046 /
# .032 but R2 -0.05 / -0.14 / -0.17 (its references often copy one outlet's lead, which then
# scores twice), and the seeds lost Putin, NeuS val 45 its compact's rule, 218 a second event.
# Openings about one subject (each names whom the other is about) that date their news to one
# weekday (each opening's first) are one event however they word it, and the second is a repeat
# whatever else it names:
# "President Donald Trump on Friday signed into law a $484 billion measure ..." then "President
# Donald Trump signed a $484 billion bill Friday to aid employers and hospitals ..." (NeuS val
# 219, cosine 0.23), Trump's "new commission to
# promote 'patriotic education'" announced on Thursday then his "executive order on Thursday to
# 'promote patriotic education' through ... the 1776 Commission" (277). Five content words
# shared at least (``RESTATED_WORDS``), no new constant. A fifth fuller, the second may say
# more: it comes, and the shorter goes when the fuller holds half its words (``_told_again``).
# At 60 words, R1 / R2 and MiniLM paraphrase pairs per digest (bench/paraphrase_pairs.py):
# NeuS val 39.46 / 17.62 / .075 -> 39.53 / 17.72 / .062 (22 of 307 digests change), NeuS
# train 39.70 / 17.30 / .074 -> 39.72 / 17.27 / .066 (135 of 2,452); Multi-News at 250 words
# 47.07 / 17.40 -> 47.06 / 17.39 (two digests, each a confidence vote or a death told twice).
ECHO_SIM = 0.3
ECHO_CONTAINED = 0.4
ECHO_LONGER = 1.2
# A chosen unit goes when a longer one taken after it holds this share of its content words
# (five at least), all its names and figures, and its denial (``_subsumed``): on Multi-News at
# 100 words and NeuS val at 60, 0.7 changed one digest of 557 (and the seeds'), for the better;
# 0.6 also dropped short quotations whose few words a longer unit shared ('"I had never been
# to jail before," Olivera said.').
SUBSUMED = 0.7
# ... or whose every content word the digest says once a like unit (``RESTATED_SIM``) that
# holds half of them (``RESTATED``) is taken (``_said_by_the_rest``): 2 of the 630 hashed
# outputs change (dev 41's third line of where a fireball was seen; Multi-News 171 at 250
# words, a lead-in to an example, neutral)
# (unit, unit, term) triples up to which shared-term counts are counted pair by pair (a
# Multi-News story has at most ~12,000; 4 million take ~100 MB on the way)
MAX_SHARED_PAIRS = 4_000_000
_QUOTE_MARK = re.compile('["“”«»]')


@dataclass(frozen=True)
class Scored:
    """Units of a story with their features and what selection needs to avoid repeats and
    orphaned references."""

    units: list[Sentence]
    features: np.ndarray  # (n, len(FEATURES))
    overlap: np.ndarray  # (n, n) shared word pairs / the smaller unit's word pairs
    similarity: np.ndarray  # (n, n) cosine of the units' vectors (TF-IDF or embedder)
    # for each unit, the unit just before it in its article (-1: none, or not a candidate)
    previous: np.ndarray
    needs_context: np.ndarray  # bool: opens with a reference to what was said before
    # for each unit, the unit just after it in its article (-1: none, or not a candidate)
    following: np.ndarray
    leads_in: np.ndarray  # bool: only announces what the unit after it says
    contained: np.ndarray  # (n, n) shared content words / the smaller unit's content words
    common: np.ndarray  # (n, n) content words shared
    # for each unit, the noun of its opening "The deletion ..." that the sentence before it in
    # its article brought in ("" when none: ``_defined_before``)
    defined_before: list[str] = field(default_factory=list)
    # bool: names "it" before it names anything it could be (``quality.names_it``): taken only
    # after a line that reads before it, of any article
    names_it: np.ndarray = field(default_factory=lambda: np.zeros(0, dtype=bool))


def _one_line(sentence: Sentence) -> Sentence:
    """A sentence of hard-wrapped text reads as one line (its span is unchanged)."""
    if "\n" not in sentence.text:
        return sentence
    return replace(sentence, text=" ".join(sentence.text.split()))


def _shortened(units: Sequence[Sentence], k: int) -> Sentence:
    """Unit ``k`` without its dateline and label, and without a trailing attribution unless
    a quotation with no speaker follows it, whose speaker it names: "The lakes are estimated
    to be 2 to 3 miles below the crust, while the oceans are estimated to be 30 miles down,
    Niebur said." lost ", Niebur said" in a Multi-News digest, and the next line, "“It’s a
    missing link to understanding to whether it (Europa) could support life.”", had no one
    to say it."""
    unit = strip_label(strip_dateline(_one_line(units[k])))
    if k + 1 < len(units) and quality.bare_quote(_one_line(units[k + 1]).text):
        return unit
    return compress(unit)


def candidate_units(docs: Sequence[Sequence[Sentence]]) -> list[tuple[int, int, Sentence]]:
    """(article number, unit number, unit) of every unit fit for a summary."""
    whole = [merge_lead_ins(merge_quotes(doc[:MAX_SENTENCES])) for doc in docs]
    # the middle of a quotation too long to keep whole carries no quote marks, and read as the
    # outlet's own words ("For goodness sake, just keep reading!", an agent's words inside a
    # director's quote, was a dev digest's line)
    inside = [quality.inside_quotes(units) for units in whole]
    merged = [[_shortened(units, k) for k in range(len(units))] for units in whole]
    good = [
        (d, u, s)
        for d, units in enumerate(merged)
        for u, s in enumerate(units)
        if not inside[d][u] and quality.fit(s.text)
    ]
    if not good:
        # nothing passes: readable units rather than nothing, but not a crawler's notice ("The
        # goal is to fix all broken links on the web .": Multi-News 101, a video page whose
        # lines are a question and the outlet's "our", beside two copies of a crawl's note)
        good = [
            (d, u, s)
            for d, units in enumerate(merged)
            for u, s in enumerate(units)
            if len(s.text.split()) >= 3 and not notice_kind(s.text)
        ]
    elif all(quality.needs_context(s.text) for _, _, s in good):
        # every fit unit leans on the one before it: an article's earliest readable unit that
        # does not, before its fit ones, so that the digest opens with what needs context
        # least (Multi-News 118, a football blog's post: "Rather incredibly, this wasn't even a
        # friendly." had opened it, its opening line left out as cut short)
        earliest = {d: u for d, u, _ in reversed(good)}
        opening = next(
            (
                (d, u, s)
                for d, units in enumerate(merged)
                for u, s in enumerate(units)
                if u < earliest.get(d, len(units))
                and len(s.text.split()) >= MIN_OPENING_WORDS
                and not inside[d][u]
                and not quality.needs_context(s.text)
                and not quality.leads_in(s.text)
                and not quality.is_caption(s.text)
                # fit but for being cut short ("Penalty run-ups are just getting ridiculous
                # ..."): not a page's line ("Published on May 3, 2015", Multi-News 63)
                and set(quality.problems(s.text)) <= {"cut short"}
            ),
            None,
        )
        if opening is not None:
            # ... read as what comes right before its article's first fit unit, which may
            # then follow it ("Penalty run-ups are just getting ridiculous ... Rather
            # incredibly, this wasn't even a friendly.")
            d, u, unit = opening
            first = min((c[1] for c in good if c[0] == d and c[1] > u), default=u + 1)
            good = sorted([*good, (d, first - 1, unit)], key=lambda c: (c[0], c[1]))
    return _bounded(good)


MIN_OPENING_WORDS = 4  # an opening read when every fit unit needs context


def _answers_a_question(doc: Sequence[Sentence], ends: Sequence[int], unit: Sentence) -> bool:
    """Whether the sentence right before ``unit`` in its article (``ends``: its sentences'
    ends, in order) asks a question: the unit is its answer ("What does the law firm Mossack
    Fonseca have to say about all this?" / "Basically that it has done nothing wrong.", a dev
    digest's line), read only after it."""
    k = bisect_right(ends, unit.start)
    return k > 0 and doc[k - 1].text.rstrip().rstrip("\"'”’»)").endswith("?")


# an opening definite subject: "The deletion occurs ..."
_LETTERS = re.compile(r"[a-z]+")
_OPENING_DEFINITE = re.compile(r"[\"“‘']?The ([a-z]{4,})\b")
# ... which says which itself ("The phone of the first officer of Malaysia Airlines Flight 370
# was on ...": a Multi-News digest line, the phone brought in paragraphs before)
_SAYS_WHICH = re.compile(r"[\"“‘']?The [a-z]+(?:,| of\b)")


def _defined_before(doc: Sequence[Sentence], ends: Sequence[int], unit: Sentence) -> str:
    """The noun of ``unit``'s opening definite subject when the sentence right before it in
    its article (``ends``: its sentences' ends) names it and ``unit`` does not bring it in
    itself: "The deletion occurs in either the egg or the sperm ..." after "Williams syndrome
    is caused by the spontaneous deletion of 26-28 genes on chromosome #7." (Multi-News 75's
    digest line, no deletion said before it). A sentence further back counts too, unless the
    subject says which ("The report is blunt about the party’s problems.": a line of
    Multi-News 198's digest of Kirsten Gillibrand's book, the report brought in 19 sentences
    before). "" when there is none.

    ``defined_in`` of each earlier sentence, with the subject found once, not once for each
    of them (a unit late in a long article had been matched against every line before it)."""
    k = bisect_right(ends, unit.start)
    if not k:
        return ""
    noun = _definite_subject(unit.text) or _definite_speaker(unit.text)
    if not noun:
        return ""
    if _names(doc[k - 1].text, noun):
        return noun
    if _SAYS_WHICH.match(unit.text):
        return ""
    return next((noun for j in range(k - 2, -1, -1) if _names(doc[j].text, noun)), "")


def defined_in(text: str, before: str) -> str:
    """The noun of ``text``'s opening definite subject when ``before`` names it and ``text``
    does not bring it in itself ("The deletion occurs ..." after "... the spontaneous deletion
    of 26-28 genes ..."); "" when there is none."""
    noun = _definite_subject(text)
    return noun if noun and _names(before, noun) else ""


def _definite_subject(text: str) -> str:
    """The noun of ``text``'s opening definite subject ("The deletion occurs ..."), unless a
    stop word or brought in by ``text`` itself; "" when there is none."""
    found = _OPENING_DEFINITE.match(text)
    if found is None or found[1] in STOP_WORDS or _brings_in(found[1], text):
        return ""
    return found[1]


# a quotation that opens its sentence, said by a definite noun right after it ("“Over the
# years, I’ve had teammates who decided to hang it up ...,” the letter began.")
_QUOTED_BY_DEFINITE = re.compile(
    r"[\"“][^\"“”]+[\"”]\s*,?\s*the ([a-z]{4,}) (?:said|says|wrote|writes|began|begins|read"
    r"|reads|added|continued|concluded|stated)\b"
)


def _definite_speaker(text: str) -> str:
    """The noun of the definite speaker of a quotation that opens ``text`` ("“...,” the
    letter began."), unless a stop word or brought in by ``text`` itself; "" when there is
    none. Dev event 31's digest quoted Carson Palmer's letter so, no letter said before it,
    where another outlet's line read "“...,” Palmer wrote in a statement released by the
    Cardinals."."""
    found = _QUOTED_BY_DEFINITE.match(text)
    if found is None or found[1] in STOP_WORDS or _brings_in(found[1], text):
        return ""
    return found[1]


def _names(before: str, noun: str) -> bool:
    """Whether ``before`` says ``noun`` (a lower-case word) other than right after "the":
    brought in there, not known already ("... in the movie, which is being developed by
    Pathé" before "The movie, set in the build-up to the Falklands conflict, ...": Multi-News
    135, a biopic named earlier). Its words are read only where the noun occurs at all."""
    low = before.lower()
    if noun not in low:
        return False
    words = _LETTERS.findall(low)
    return any(w == noun and words[i - 1 : i] != ["the"] for i, w in enumerate(words))


def _bounded(cands: list[tuple[int, int, Sentence]]) -> list[tuple[int, int, Sentence]]:
    """At most ``MAX_UNITS`` units: the earliest of each article first, in article order."""
    if len(cands) <= MAX_UNITS:
        return cands
    rank = sorted(range(len(cands)), key=lambda k: (cands[k][1], cands[k][0]))
    return [cands[k] for k in sorted(rank[:MAX_UNITS])]


@dataclass(frozen=True)
class Terms:
    """Which terms each unit has: one (unit, term) pair per distinct term of a unit.

    Plain index arrays, not a sparse matrix: per-unit sums are one ``np.bincount``, where
    scipy's per-call overhead was a fifth of the summarizer's time on a story.
    """

    rows: np.ndarray
    cols: np.ndarray
    counts: np.ndarray  # occurrences of the term in the unit
    n_units: int
    n_terms: int

    def per_unit(self, weights: np.ndarray) -> np.ndarray:
        """Sum over each unit's distinct terms of ``weights[term]``."""
        return np.bincount(self.rows, weights=weights[self.cols], minlength=self.n_units)

    def per_term_groups(self, group: np.ndarray) -> np.ndarray:
        """For each term, in how many distinct groups (``group[unit]``) it occurs."""
        keys = np.unique(group[self.rows] * self.n_terms + self.cols)
        return np.bincount(keys % self.n_terms, minlength=self.n_terms).astype(np.float64)

    @functools.cached_property
    def _pairs(self) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
        """Each occurrence paired with every occurrence of its term (itself included), terms
        in ascending order: the two units as ``left * n_units + right`` and the two entries
        (indices into ``rows``); None past ``MAX_SHARED_PAIRS`` pairs."""
        order = np.argsort(self.cols, kind="stable")
        cols = self.cols[order]
        starts = np.flatnonzero(np.r_[True, cols[1:] != cols[:-1]]) if len(cols) else cols
        sizes = np.diff(np.r_[starts, len(cols)])
        if int((sizes * sizes).sum()) > MAX_SHARED_PAIRS:
            return None
        times = np.repeat(sizes, sizes)
        left = np.repeat(order, times)
        group_start = np.repeat(np.repeat(starts, sizes), times)
        offset = np.arange(len(left)) - np.repeat(np.cumsum(times) - times, times)
        right = order[group_start + offset]
        return self.rows[left] * self.n_units + self.rows[right], left, right

    def _matrix(self, weights: np.ndarray) -> sparse.csr_matrix:
        return sparse.csr_matrix(
            (weights, (self.rows, self.cols)), shape=(self.n_units, self.n_terms)
        )

    def shared(self) -> np.ndarray:
        """(n_units, n_units): how many distinct terms each two units have in common.

        Counted from the (unit, unit) pairs each term makes, one ``np.bincount``: a third of
        the time of scipy's sparse product with its setup on a news story. Whole counts, so
        the same floats either way; past ``MAX_SHARED_PAIRS`` pairs (a story of hundreds of
        units all naming one person) the sparse product keeps memory bounded.
        """
        n = self.n_units
        if self._pairs is None:
            ones = self._matrix(np.ones(len(self.rows)))
            return cast(np.ndarray, (ones @ ones.T).toarray())
        keys, _, _ = self._pairs
        return np.bincount(keys, minlength=n * n).reshape(n, n).astype(np.float64)

    def products(self, weights: np.ndarray) -> np.ndarray:
        """(n_units, n_units): the product of the rows ``weights`` (one per entry) make with
        each other, ``M @ M.T``: cosines, for unit rows.

        From the same pairs as ``shared``, bit for bit what scipy's sparse product gives: it
        adds a row's products in the order of the row's terms, from zero, as ``np.bincount``
        adds the pairs, grouped by term in ascending order (a test holds the two equal).
        """
        n = self.n_units
        if self._pairs is None:
            matrix = self._matrix(weights)
            return cast(np.ndarray, (matrix @ matrix.T).toarray())
        keys, left, right = self._pairs
        return np.bincount(keys, weights=weights[left] * weights[right], minlength=n * n).reshape(
            n, n
        )

    def dot(self, weights: np.ndarray, vector: np.ndarray) -> np.ndarray:
        """Each row (``weights``, one per entry) times ``vector`` (one per term): scipy's
        sparse matrix-vector product, its sums in the same order."""
        return np.bincount(self.rows, weights=weights * vector[self.cols], minlength=self.n_units)


def _terms(unit: np.ndarray, term: np.ndarray, n_units: int) -> Terms:
    """Terms from two parallel arrays: the unit of each occurrence and its term key (any
    integers; renumbered 0..n_terms-1)."""
    ids, term = np.unique(term, return_inverse=True)
    n_terms = max(len(ids), 1)
    keys, counts = np.unique(unit * n_terms + term.ravel(), return_counts=True)
    return Terms(keys // n_terms, keys % n_terms, counts.astype(np.float64), n_units, n_terms)


def lexical_weights(terms: Terms) -> np.ndarray:
    """Sublinear TF-IDF over the units' stemmed content words, rows L2-normalized: one weight
    per entry of ``terms``.

    The same vectors ``TfidfEmbedder`` would give, but built from the term counts already in
    hand: refitting a vectorizer per story cost more than all the other features together.
    """
    df = np.bincount(terms.cols, minlength=terms.n_terms)
    idf = np.log((1.0 + terms.n_units) / (1.0 + df)) + 1.0
    values = (1.0 + np.log(terms.counts)) * idf[terms.cols]
    norms = np.sqrt(np.bincount(terms.rows, weights=values**2, minlength=terms.n_units))
    values /= np.maximum(norms, 1e-12)[terms.rows]
    return values


def lexrank(sim: np.ndarray, threshold: float = 0.1, damping: float = 0.85) -> np.ndarray:
    """Stationary distribution of a random walk over similar units (LexRank, Erkan & Radev
    2004), by a few power iterations: the graph centrality LexRank ranks by, as one feature."""
    n = len(sim)
    graph = (sim > threshold).astype(np.float64)
    np.fill_diagonal(graph, 0.0)
    graph /= np.maximum(graph.sum(axis=1, keepdims=True), 1.0)
    rank = np.full(n, 1.0 / n)
    for _ in range(20):
        rank = (1 - damping) / n + damping * (rank @ graph)
    return rank


def score_features(docs: Sequence[Sequence[Sentence]], embedder: Embedder | None = None) -> Scored:
    """Candidate units of a story and their feature matrix (see ``FEATURES``).

    ``embedder`` None: lexical vectors from the units' own term counts (the fast default).
    """
    cands = candidate_units(docs)
    units = [s for _, _, s in cands]
    n = len(units)
    if not n:
        empty = np.zeros((0, 0))
        none = np.zeros(0, int)
        no = none > 0
        return Scored(
            [], np.zeros((0, len(FEATURES))), empty, empty, none, no, none, no, empty, empty
        )
    article = np.array([d for d, _, _ in cands])
    position = np.array([u for _, u, _ in cands], dtype=np.float64)
    n_articles = len(set(article.tolist()))
    toks = tokens_of(s.text for s in units)
    # each token an integer once (the only per-token Python work); unigrams and word pairs
    # are then array operations
    words = list(chain.from_iterable(toks))
    vocab = {t: k for k, t in enumerate(dict.fromkeys(words))}  # numbered by first occurrence
    lengths = [len(ts) for ts in toks]
    flat = np.fromiter(map(vocab.__getitem__, words), dtype=np.int64, count=len(words))
    owner = np.repeat(np.arange(n), lengths)
    # map: no Python frame per distinct word
    stop = np.fromiter(map(STOP_WORDS.__contains__, vocab), dtype=bool, count=len(vocab))
    content = ~stop & (np.fromiter(map(len, vocab), dtype=np.int64, count=len(vocab)) > 1)
    is_content = content[flat]
    uni = _terms(owner[is_content], flat[is_content], n)
    first, second = flat[:-1], flat[1:]
    pair = (owner[:-1] == owner[1:]) & ~(stop[first] & stop[second])  # "of the" says nothing
    big = _terms(owner[:-1][pair], first[pair] * max(len(vocab), 1) + second[pair], n)
    uni_df = uni.per_term_groups(article)
    big_df = big.per_term_groups(article)
    uni_tf = np.bincount(uni.cols, minlength=uni.n_terms).astype(np.float64)
    split = [s.text.split() for s in units]
    n_words = np.array([max(len(ws), 1) for ws in split], dtype=np.float64)
    uni_count = np.maximum(np.bincount(uni.rows, minlength=n), 1)
    big_count = np.maximum(np.bincount(big.rows, minlength=n), 1)
    bigram_df = big.per_unit(big_df) / n_words / n_articles
    unigram_df = uni.per_unit(uni_df) / n_words / n_articles
    bigram_shared = big.per_unit((big_df > 1).astype(np.float64)) / big_count
    unigram_shared = uni.per_unit((uni_df > 1).astype(np.float64)) / uni_count
    term_frequency = uni.per_unit(uni_tf) / max(float(uni_tf.sum()), 1.0) * 100 / n_words

    n_groups = int(article.max()) + 1
    along: Callable[[np.ndarray], np.ndarray]  # each unit's vector times a direction
    if embedder is None:
        lexical = lexical_weights(uni)
        sim = uni.products(lexical)
        along = functools.partial(uni.dot, lexical)
        # float even when no unit has a content word (Cyrillic, CJK or stop words only):
        # np.bincount of no weights gives integers, which the normalization below cannot hold
        centroids: np.ndarray = np.asarray(
            np.bincount(
                article[uni.rows] * uni.n_terms + uni.cols,
                weights=lexical,
                minlength=n_groups * uni.n_terms,
            ),
            dtype=np.float64,
        ).reshape(n_groups, uni.n_terms)
    else:
        vectors = np.asarray(embedder.embed([s.text for s in units]), dtype=np.float64)
        sim = vectors @ vectors.T
        along = vectors.__matmul__
        centroids = np.zeros((n_groups, vectors.shape[1]), dtype=np.float64)
        np.add.at(centroids, article, vectors)
    # each article's centroid, normalized, so a long article does not outweigh the rest
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    present = np.bincount(article, minlength=n_groups) > 0
    centroid = centroids[present].mean(axis=0)
    unit_centroid = centroid / max(float(np.linalg.norm(centroid)), 1e-12)
    centrality = along(unit_centroid)
    agreement = np.zeros(n)
    lead_similarity = np.zeros(n)
    for d in np.flatnonzero(present):
        mask = article == d
        agreement += np.where(mask, 0.0, sim[:, mask].max(axis=1))
        lead = mask & (position < LEAD_UNITS)
        if lead.any():
            lead_similarity += np.where(mask, 0.0, sim[:, lead].max(axis=1))
    others = max(n_articles - 1, 1)
    graph_rank = lexrank(sim)
    degree = (sim.sum(axis=1) - 1.0) / max(n - 1, 1)
    units_per_article = np.bincount(article)[article]
    # the article newsrooms lean on tends to be long and close to what all of them say
    article_words = np.bincount(article, weights=n_words)
    article_share = article_words[article] / float(n_words.sum())
    article_centrality = (centroids @ centroid)[article] / max(
        float(np.linalg.norm(centroid)), 1e-12
    )

    features = np.column_stack(
        [
            np.log1p(position),
            position == 0,
            np.log(n_words),
            bigram_df,
            unigram_df,
            bigram_shared,
            unigram_shared,
            term_frequency,
            [bool(_DIGIT.search(s.text)) for s in units],
            [('"' in s.text or "“" in s.text) for s in units],
            [_capitalized(ws) for ws in split] / n_words,
            np.full(n, math.log(n_articles)),
            np.log(units_per_article),
            [quality.refers_back(s.text) for s in units],
            [quality.is_question(s.text) for s in units],
            centrality,
            agreement / others,
            lead_similarity / others,
            article == 0,
            position / units_per_article,
            uni_count / n_words,
            article_share,
            article_centrality,
            graph_rank * n,
            degree,
        ]
    ).astype(np.float64)
    overlap = big.shared() / np.maximum(np.minimum.outer(big_count, big_count), 1.0)
    # a short unit whose content words a longer one nearly all holds repeats it (a headline
    # and the lead it heads), whatever the word pairs; units of under 3 such words never do
    common = uni.shared()
    contained = common / np.maximum(np.minimum.outer(uni_count, uni_count), 3.0)
    ends = [[s.end for s in doc] for doc in docs]
    answers = np.array([_answers_a_question(docs[d], ends[d], s) for d, _, s in cands], dtype=bool)
    where = {(d, u): k for k, (d, u, _) in enumerate(cands)}
    previous = np.array([where.get((d, u - 1), -1) for d, u, _ in cands], dtype=np.int64)
    following = np.array([where.get((d, u + 1), -1) for d, u, _ in cands], dtype=np.int64)
    return Scored(
        units,
        features,
        overlap,
        sim,
        previous,
        # the fitted feature (``quality.refers_back``) and the rest of what needs its
        # sentence (a quotation without its speaker, a reply, "The first of those ...", "...
        # the same fate."): taken only after that sentence
        (features[:, FEATURES.index("needs_context")] > 0)
        | np.array([quality.needs_context(u.text) for u in units], bool)
        | answers,
        following,
        np.array([quality.leads_in(u.text) for u in units], dtype=bool),
        contained,
        common,
        _own_definites(docs, ends, cands),
        np.fromiter((quality.names_it(u.text) for u in units), dtype=bool, count=n),
    )


def _own_definites(
    docs: Sequence[Sequence[Sentence]],
    ends: Sequence[Sequence[int]],
    cands: Sequence[tuple[int, int, Sentence]],
) -> list[str]:
    """Each unit's ``_defined_before`` noun unless every other article says it: what the story's
    other articles all name is known to a reader whatever line brings it in ("The video ..."
    under a story of a video), what one article alone names is not ("The deletion ...", in the
    one article of a Multi-News story about Williams syndrome), nor what some others name:
    NeuS val 177 read "The lawyer shared the officer’s concerns ..." second, no lawyer said
    before it, one of the two other articles naming "The CIA lawyer, Courtney Simmons
    Elwood"."""
    nouns = [_defined_before(docs[d], ends[d], s) for d, _, s in cands]
    if not any(nouns):
        return nouns
    # an article's words are read only where its lower-cased text holds the noun at all
    lowered = ["\n".join(s.text for s in doc).lower() for doc in docs]
    words: dict[int, set[str]] = {}

    def says(o: int, noun: str) -> bool:
        if noun not in lowered[o]:
            return False
        if o not in words:
            words[o] = {w.lower() for s in docs[o] for w in _WORD.findall(s.text)}
        return noun in words[o]

    return [
        noun if noun and not all(says(o, noun) for o in range(len(docs)) if o != d) else ""
        for noun, (d, _, _) in zip(nouns, cands, strict=True)
    ]


MAX_Z = 5.0  # standard deviations a feature may stand out by before it is multiplied


def interactions(z: np.ndarray) -> np.ndarray:
    """Standardized features, their squares and the product of each two: what makes a unit
    good depends on the rest of it (an early sentence is worth more when other outlets say it
    too, a number less in a long sentence), which one weight per feature cannot say. Each is
    held within ``MAX_Z`` first: a rare feature (a question, scale 0.009) would stand at 114,
    and its square and products would decide the score alone."""
    z = np.clip(z, -MAX_Z, MAX_Z)
    i, j = _feature_pairs(z.shape[1])
    return np.hstack([z, z * z, z[:, i] * z[:, j]])


@functools.cache
def _feature_pairs(n: int) -> tuple[np.ndarray, np.ndarray]:
    """``np.triu_indices(n, 1)``, made once (read-only): every story asks for the same pairs."""
    i, j = np.triu_indices(n, 1)
    i.flags.writeable = j.flags.writeable = False
    return i, j


def linear_scores(features: np.ndarray, model: dict) -> np.ndarray:
    """``model``: {"mean", "scale", "coef", "intercept"} over ``FEATURES`` (standardized);
    with "interactions": true, ``coef`` weighs ``interactions`` of the standardized features.
    A model whose weights do not fit its features is refused with what is wrong."""
    mean, scale = np.asarray(model["mean"]), np.asarray(model["scale"])
    coef = np.asarray(model["coef"])
    paired = model.get("interactions", False)
    n = len(mean)
    expected = 2 * n + n * (n - 1) // 2 if paired is True else n
    if paired not in (True, False) or len(coef) != expected or len(scale) != n:
        raise ValueError(
            f"summarizer model: {len(coef)} weights for {n} features "
            f'("interactions": {json.dumps(paired)}); expected {expected} weights and '
            f'"interactions" true or false: refit it with bench/eval_train.py'
        )
    z = (features - mean) / scale
    if paired:
        z = interactions(z)
    return z @ coef + float(model["intercept"])


def _text_groups(units: Sequence[Sentence]) -> np.ndarray:
    """A number per unit, the same for units of the same text (case and spacing aside): the
    overlap features count ASCII terms only, so a Cyrillic, Greek or CJK sentence three outlets
    carry word for word was taken three times."""
    ids: dict[str, int] = {}
    return np.array(
        [ids.setdefault(" ".join(u.text.casefold().split()), len(ids)) for u in units],
        dtype=np.int64,
    )


def name_runs(text: str, *, first: bool) -> list[tuple[str, tuple[str, ...]]]:
    """Each name ``text`` holds as its last word and the words before it (``name_heads``):
    "The Mount Agamenticus Conservation Region" is ("Region", ("Mount", "Agamenticus",
    "Conservation"))."""
    runs = []
    for m in _NAME_RUN.finditer(text):
        run = m.group() if first or m.start() else m.group()[1:]
        words = [w for w in _NAME.findall(run) if w not in _NOT_NEWS_NAMES]
        if words:
            runs.append((words[-1], tuple(words[:-1])))
    return runs


def _stem_of(word: str, known: str) -> bool:
    """Whether two names are forms of one (China and Chinese, Russia and Russian): all but the
    shorter one's last letter, five letters at least, open the other."""
    short, long_ = (known, word) if len(word) > len(known) else (word, known)
    return len(short) >= 5 and long_.startswith(short[:-1])


def _misspelt(word: str, known: str) -> bool:
    """Whether ``word`` is ``known`` with one letter more or less ("place" for "palace"; five
    letters at least)."""
    short, long_ = (known, word) if len(word) > len(known) else (word, known)
    if len(short) < 5 or len(long_) - len(short) != 1:
        return False
    return any(long_[:k] + long_[k + 1 :] == short for k in range(len(long_)))


def named_already(head: str, before: Sequence[str], named: set[str], said: set[str]) -> bool:
    """Whether a name (its last word ``head``, the words ``before`` it) is one the digest has
    named: its last word named or another form of a name ("China" after "Chinese"), its words
    all said, in lower case or misspelt ("Heavenly Place" after "heavenly palace": a
    dev-stream digest's second "Tiangong-1 launched in 2011"; "Hospital" alone is news after
    "hospital"), or its other words, two at least, all named (the "Mount Agamenticus
    Conservation Region" webcam after the "Mount Agamenticus Conservation Program" one).
    ``said``: the digest's words, lower-cased."""
    if head in named or any(_stem_of(head, w) for w in named):
        return True
    if before and all(
        (low := w.lower()) in said or _misspelt_among(low, said) for w in (*before, head)
    ):
        return True
    return len(before) >= 2 and all(w in named for w in before)


def _a_place_or_body(head: str, before: Sequence[str]) -> bool:
    """Whether a name of two words or more ends in a common noun that names a place or an
    institution ("Oval Office", "Intelligence Committee"): no one new that a paraphrase brings
    in ("President Trump asked the F.B.I. director, James B. Comey, to shut down the federal
    investigation ..., in an Oval Office meeting in February" after "... James Comey wrote in
    a memo that Donald Trump asked him to drop the FBI's investigation ...": Multi-News 9)."""
    return bool(before) and head.lower() in NOT_NAME_HEADS


def _misspelt_among(word: str, said: set[str]) -> bool:
    """``any(_misspelt(word, s) for s in said)``: a word one letter shorter is one of
    ``word``'s deletions (a set lookup each), and only words one letter longer are read one by
    one (a call for each word the digest said, for each name word of each candidate, had been
    a quarter of the greedy selection's time)."""
    n = len(word)
    if n >= 6 and any(word[:k] + word[k + 1 :] in said for k in range(n)):
        return True
    return n >= 5 and any(len(s) == n + 1 and _misspelt(word, s) for s in said)


def name_heads(text: str, *, first: bool) -> set[str]:
    """The last word of each name ``text`` holds (a run of capitalized words; calendar words
    and titles left out): "Russian President Vladimir Putin on Friday" names Putin, "President
    Donald Trump" Trump. ``first``: whether the sentence's first word may count (it is
    capitalized only to open a candidate's sentence; what a chosen unit names counts whole)."""
    return {head for head, _ in name_runs(text, first=first)}


def select(
    scored: Scored,
    scores: np.ndarray,
    budget: Budget,
    *,
    redundancy: float,
    fill: bool,
    paraphrase: float = PARAPHRASE,
) -> list[int]:
    """Greedy: best score minus ``redundancy`` × overlap with the chosen, within budget.

    Never twice the same point: a unit that repeats a chosen one's word pairs
    (``DUPLICATE``), half its content words in a similar sentence (``RESTATED``) or says it in
    other words naming no one new (cosine ``paraphrase``) is passed over, and so is a second
    count of the dead (or of the injured), or a second level of a price: each outlet states
    its own. A unit
    that opens with a reference to what came before ("He said...", "But...") is taken only
    right after the unit before it in its article, and one that only announces what the next
    says ("Here's what you need to know.") only once that next unit is taken. A unit too long
    for what is left of the budget is passed over for the next that fits, so the budget is
    filled. A chosen unit that a fuller one taken later says again in full goes
    (``_subsumed``). When every unit waits for a sentence that is not there (a one-article
    story whose only fit sentence opens "Now, ..."), the best of them make the digest rather
    than nothing. This is the greedy alone: ``choose`` may then look for a fuller selection
    (``_fuller``).
    """
    picks = choose(
        scored,
        scores,
        budget,
        redundancy=redundancy,
        fill=fill,
        paraphrase=paraphrase,
        shorten=False,
        fuller=False,
    )
    return [i for i, _ in picks]


def choose(
    scored: Scored,
    scores: np.ndarray,
    budget: Budget,
    *,
    redundancy: float,
    fill: bool,
    paraphrase: float = PARAPHRASE,
    shorten: bool = True,
    fuller: bool = True,
) -> list[tuple[int, Sentence]]:
    """``select``'s picks with the units as taken. With ``shorten``, a digest (``fill``
    False) whose whole units no longer fit what is left of its budget takes the best of the
    rest in a shorter reading, without an aside (``shorten.py``): a 60-word digest is not one
    sentence when the others run 35 words. With ``fuller``, a digest that leaves much of its
    budget empty looks for a fuller selection (``_fuller``)."""
    args = (scored, scores, budget, redundancy, fill, paraphrase)
    shortening = shorten and not fill
    reads: dict[int, bool] = {}
    for orphans, fragments in ((False, False), (True, False), (True, True)):
        picks = _greedy(
            *args, orphans=orphans, shorten=shortening, fragments=fragments, reads=reads
        )
        if picks:
            if fill or not fuller:
                return picks
            return _fuller(
                picks, args, reads, orphans=orphans, shorten=shortening, fragments=fragments
            )
    return []


# a digest filling less of its budget than this looks for a fuller selection
MIN_FILL = 0.6


def _fuller(
    picks: list[tuple[int, Sentence]],
    args: tuple[Scored, np.ndarray, Budget, float, bool, float],
    reads: dict[int, bool],
    *,
    orphans: bool,
    shorten: bool,
    fragments: bool,
) -> list[tuple[int, Sentence]]:
    """``picks``, or a fuller selection worth more when they leave much of the budget empty.

    The greedy takes the best unit first, and a 35-word best unit leaves a 60-word digest no
    room for the 27-word ones after it: NeuS val 305 was one line ("The Islamic State has
    claimed responsibility for the terror attack ...") when two others say it and more in 48
    words ("The Islamic State group says the attack ... was carried out by one of its
    'soldiers.'", "A Utah man was among the victims ..."). So each pick is left out in turn
    and the greedy run again; a selection that fills more and whose units score more in all
    wins. The greedy's checks for repeats and context hold in every run, and a fuller
    selection has no two units alike at all (``RESTATED_SIM``): the checks are asymmetric, and
    with the best unit left out, "Turkey's president has warned it could sever ties with
    Israel ..." had stood beside "President Tayyip Erdogan said on Tuesday Turkey could go as
    far as breaking off diplomatic ties with Israel ..." (NeuS val 291)."""
    scored, scores, budget = args[0], args[1], args[2]
    limit = effective_words(budget)

    def words(selection: list[tuple[int, Sentence]]) -> int:
        return sum(word_count(u.text) for _, u in selection)

    def worth(selection: list[tuple[int, Sentence]]) -> float:
        return float(sum(scores[i] for i, _ in selection))

    if limit is None or words(picks) >= MIN_FILL * limit:
        return picks
    best = picks
    for left_out, _ in picks:
        again = _greedy(
            *args,
            orphans=orphans,
            shorten=shorten,
            fragments=fragments,
            barred=left_out,
            reads=reads,
        )
        if words(again) <= words(picks) or worth(again) <= worth(best):
            continue
        units = [i for i, _ in again]
        if all(scored.similarity[a, b] < RESTATED_SIM for a in units for b in units if a < b):
            best = again
    return best


def _greedy(
    scored: Scored,
    scores: np.ndarray,
    budget: Budget,
    redundancy: float,
    fill: bool,
    paraphrase: float,
    *,
    orphans: bool,
    shorten: bool,
    fragments: bool = False,
    barred: int = -1,
    reads: dict[int, bool] | None = None,
) -> list[tuple[int, Sentence]]:
    """``choose``'s greedy pass; ``orphans``: a unit may come without the one before it;
    ``fragments``: one with no finite verb may be taken (a story with nothing else);
    ``barred``: a unit not to take (``_fuller``); ``reads``: the tagger's verdicts on units
    (whether each reads as a sentence), filled as asked."""
    chosen: list[int] = []
    taken_as: dict[int, Sentence] = {}  # a unit taken in a shorter reading
    words = 0
    n = len(scored.units)
    # a wire photo's caption ("In this May 3, 2015 photo, authorities move ...") is no line of
    # the digest, but what it repeats of the story counts as the story's (it stays among the
    # units the others are weighed against: left out of them, Multi-News 77's digest lost its
    # opening, and the sample's R1 0.03)
    available = np.fromiter(
        (not quality.is_photo_caption(u.text) for u in scored.units), dtype=bool, count=n
    )
    if barred >= 0:
        available[barred] = False
    worst = np.zeros(len(scored.units))
    repeat = np.zeros(len(scored.units), dtype=bool)
    same_text = _text_groups(scored.units)
    opening, article = _openings(scored.units)
    # a sentence that names someone or something the digest has not named yet is news, not
    # a paraphrase ("Pompeo met Putin in Sochi" after "Lavrov and Pompeo met in Sochi"); a
    # name is new when its last word is not named ("President Donald Trump" after "Trump" is
    # not), and weekdays, months and titles name no one (``name_heads``)
    # a candidate's first word may be capitalized only because it opens the sentence ("The");
    # what a chosen unit names counts whole ("Telegram's app has been removed" names Telegram)
    runs: dict[int, list[tuple[str, tuple[str, ...]]]] = {}  # found when first needed
    names: dict[int, set[str]] = {}  # (most units never are)

    def runs_of(k: int) -> list[tuple[str, tuple[str, ...]]]:
        if k not in runs:
            runs[k] = name_runs(scored.units[k].text, first=False)
        return runs[k]

    def names_of(k: int) -> set[str]:
        if k not in names:
            names[k] = {head for head, _ in runs_of(k)}
        return names[k]

    def news_of(k: int, among: set[str] | None = None) -> bool:
        """Whether unit ``k`` names someone the digest has not (among ``among`` only)."""
        return not all(
            named_already(head, before, named, said)
            for head, before in runs_of(k)
            if (among is None or head in among) and not _a_place_or_body(head, before)
        )

    named: set[str] = set()
    said: set[str] = set()  # the digest's words, lower-cased, four letters or more
    defined = [k for k, noun in enumerate(scored.defined_before) if noun]
    counted: set[str] = set()  # casualty counts stated
    # a unit with no verb but a participle is a fragment whatever its score ("The perfect
    # address, 64 Perry Street.", "For America's birthday, life, liberty and the pursuit of
    # hot dogs.": Multi-News and NeuS digest lines); the tagger is asked only about a unit
    # about to be taken that has none of the lexical signs, as the readability count asks
    # (the tagger's verdicts are kept across ``choose``'s runs: ``reads``)
    reads = {} if reads is None else reads

    def reads_whole(k: int) -> bool:
        if k not in reads:
            reads[k] = reads_as_sentence(scored.units[k].text)
        return reads[k]

    finite = functools.cache(
        lambda k: (
            fragments or len(scored.units[k].text.split()) > MAX_FRAGMENT_WORDS or reads_whole(k)
        )
    )

    @functools.cache
    def words_of(k: int) -> frozenset[str]:
        """Unit ``k``'s content words (stemmed), as the word counts count them."""
        (toks,) = tokens_of([scored.units[k].text])
        return frozenset(t for t in toks if len(t) > 1 and t not in STOP_WORDS)

    def max_similarity(k: int) -> float:
        return max((float(scored.similarity[k, c]) for c in chosen), default=0.0)

    # a unit's casualty counts and sums, read when needed: those of the units taken, and of
    # all units once one of them states a count or a sum (most digests state none)
    tolls_of = functools.cache(
        lambda k: _tolls(scored.units[k].text) | _price_levels(scored.units[k].text)
    )
    sums_of = functools.cache(lambda k: _sums(scored.units[k].text))
    has_sum: np.ndarray | None = None
    stated: set[str] = set()  # sums of money stated
    paraphrased = np.zeros(len(scored.units), dtype=bool)
    restated = np.zeros(len(scored.units), dtype=bool)
    central: set[str] | None = None  # name words two articles or more use: found when needed
    taken = np.zeros(len(scored.units) + 1, dtype=bool)  # taken[-1]: "no unit before", never
    limit = effective_words(budget)
    # units passed over as too long for what was left: a shorter reading may fit at the end
    waiting = np.zeros(len(scored.units), dtype=bool)
    shortening = shorten and limit is not None
    while available.any() or waiting.any():
        if budget_reached([scored.units[i] for i in chosen], words, budget, fill):
            break
        orphan = (
            (scored.needs_context & ~taken[scored.previous])
            | (scored.leads_in & ~taken[scored.following])
        ) & (not orphans)
        for ref in defined if not orphans else ():
            # "The deletion ..." waits for a line that says what it is
            orphan[ref] |= scored.defined_before[ref] not in said
        if scored.names_it.any() and not orphans:
            # "A Delta Air Lines spokesman referred to it ..." waits for a line read before it
            # (reading order: by sentence index, then article), which may tell what "it" is:
            # it had opened dev event 43's digest, the bird never named
            orphan |= scored.names_it & ~_read_after(scored.units, article, chosen)
        stale = np.zeros(len(scored.units), dtype=bool)
        open_ = available | waiting
        for k in np.flatnonzero(paraphrased & open_):  # the name test only where it matters
            stale[k] = not news_of(int(k))
        for k in np.flatnonzero(restated & open_ & ~stale):
            if central is None:
                central = _central_names(scored.units)
            stale[k] = not news_of(int(k), central)  # no new name others use
        if stated and has_sum is None:
            has_sum = np.fromiter((bool(sums_of(k)) for k in range(n)), dtype=bool, count=n)
        for k in np.flatnonzero(open_ & ~stale & has_sum) if has_sum is not None else ():
            # the same sum again in a like sentence naming no one new ("Broadcom is sweetening
            # its offer to acquire Qualcomm for more than $121 billion." after "Broadcom Ltd.
            # has raised its bid for Qualcomm Inc. to about $121 billion")
            if sums_of(int(k)) <= stated and names_of(int(k)) <= named:
                stale[k] = bool(max_similarity(int(k)) >= RESTATED_SIM)
        blocked = repeat | stale | orphan
        value = np.where(available & ~blocked, scores - redundancy * worst, -np.inf)
        # best first (ties: the earlier unit, as argmax); one too long for what is left gives
        # way to the next, and until one is taken nothing else changes
        picked = -1
        for k in np.argsort(-value, kind="stable"):
            if value[k] == -np.inf:
                break
            available[k] = False
            if fits(words, scored.units[k], budget, fill):
                if not finite(int(k)):
                    continue  # a fragment ("People eating, people washing, people sleeping.")
                picked = int(k)
                break
            waiting[k] = shortening
            if limit is not None and words >= limit:
                break
        unit = scored.units[picked] if picked >= 0 else None
        if unit is None and shortening and limit is not None and limit - words >= quality.MIN_WORDS:
            late = np.where(waiting & ~blocked, scores - redundancy * worst, -np.inf)
            picked, unit = _shorter_fit(scored.units, late, limit - words)
            if unit is not None:
                taken_as[picked] = unit
        if unit is None:
            break
        i = picked
        waiting[i] = False
        # a shorter reading may leave out what the unit's word counts hold
        for c in [] if i in taken_as else _subsumed(scored, chosen, i, names_of, opening, words_of):
            chosen.remove(c)
            taken[c] = False
            words -= len(taken_as.pop(c, scored.units[c]).text.split())
        chosen.append(i)
        taken[i] = True
        words += len(unit.text.split())
        worst = np.maximum(worst, scored.overlap[:, i])
        named |= set(_NAME.findall(unit.text))
        said |= {w.lower() for w in _WORD.findall(unit.text)}
        stated |= sums_of(i)
        if tolls_of(i):
            counted |= tolls_of(i)
            repeat |= np.fromiter((bool(tolls_of(k) & counted) for k in range(n)), bool, count=n)
        repeat |= (scored.overlap[:, i] >= DUPLICATE) | (scored.contained[:, i] >= NEAR_DUPLICATE)
        repeat |= same_text == same_text[i]
        if opening[i] and _subject(unit.text):
            alike = (scored.similarity[:, i] >= ECHO_SIM) & (
                scored.contained[:, i] >= ECHO_CONTAINED
            )
            echo = opening & (article != article[i]) & (scored.common[:, i] >= RESTATED_WORDS)
            # a fuller telling may say more (NeuS val 291's "Turkey could go as far as breaking
            # off diplomatic ties with Israel" after Erdogan's "red line"): it may come, and
            # then stands for the shorter (``_told_again``)
            echo &= np.diagonal(scored.common) <= ECHO_LONGER * scored.common[i, i]
            day = _first_weekday(unit.text)
            for k in np.flatnonzero(echo):
                day_there = _first_weekday(scored.units[k].text)
                if (
                    scored.contained[k, i] >= ECHO_CONTAINED
                    and _counts(unit.text) & _counts(scored.units[k].text)
                    and not (day and day_there and day != day_there)
                ):
                    repeat[k] = True  # one count of one event (``_counts``)
                    continue
                about = _about_each_other(unit.text, scored.units[k].text)
                if not about and not _about_no_one_named(scored.units[k].text, unit.text):
                    continue
                # one subject's news of one named day is one event however each outlet words it
                repeat[k] |= about and bool(day) and day == day_there
                repeat[k] |= (
                    bool(alike[k])
                    # another day is another event (NeuS val 218: Trump "suggested Wednesday"
                    # the op-ed's writer was guilty of treason, "on Friday said" the Justice
                    # Department should find him)
                    and not (day and day_there and day != day_there)
                )
        for beside in (int(scored.previous[i]), int(scored.following[i])):
            if beside >= 0 and _quoted_again(scored, i, beside):
                # the statement, and other outlets' reports of it ("The older brother ... told
                # officers he led the child onto the roof then pushed him off.")
                repeat[beside] = True
                repeat |= _restating(scored, beside)
        paraphrased |= scored.similarity[:, i] >= paraphrase
        restated |= _restating(scored, i)
    return [(i, taken_as.get(i, scored.units[i])) for i in chosen]


def _read_after(
    units: Sequence[Sentence], article: np.ndarray, chosen: Sequence[int]
) -> np.ndarray:
    """Which units reading order (``budget.reading_order``: sentence index, then article) puts
    after one of the ``chosen``."""
    if not chosen:
        return np.zeros(len(units), dtype=bool)
    index = np.fromiter((u.index for u in units), dtype=np.int64, count=len(units))
    first = min(chosen, key=lambda c: (index[c], article[c]))
    return (index > index[first]) | ((index == index[first]) & (article > article[first]))


def _restating(scored: Scored, k: int) -> np.ndarray:
    """Which units tell unit ``k`` again in other words: alike (``RESTATED_SIM``), holding
    half its content words (``RESTATED``), ``RESTATED_WORDS`` of them at least."""
    return (
        (scored.similarity[:, k] >= RESTATED_SIM)
        & (scored.contained[:, k] >= RESTATED)
        & (scored.common[:, k] >= RESTATED_WORDS)
    )


# What a speaker said, reported and then quoted by the sentence after it in its article, is
# said once: "Shimron's brother Shawn J. Smith ... reportedly confessed to officers that he led
# his little brother to the roof ... and pushed him off." then "“I just killed my brother — I
# took my brother up to the roof and I threw him off,” Smith allegedly told officers."
# (Multi-News 240). The two share half the shorter's content words, four at least (a
# quotation is said in its speaker's words, so fewer than ``RESTATED_WORDS``). The quotation
# opens its sentence and its speaker is the report's (a name of it, or "he", "she", "they"):
# shared words of a topic are not one statement (Multi-News 68: "An earlier version ... had
# said explicitly that human activity was a driver of climate change." then "“It's not as
# explicit ... ,” Molina said."; NeuS val 82: the White House's 200 million doses announced
# Thursday, then its "“working to purchase” an additional 100 million" of January; Multi-News
# 171: Thakur quoted, then his other statement reported).
QUOTED_AGAIN_WORDS = 4
_REPORTS_SPEECH = re.compile(
    r"\b(?:said|says|told|tells|confessed|admitted|acknowledged|claimed|insisted|explained"
    r"|stated|announced|added|wrote)\b"
)
# a sentence that opens on a quotation, and the first word after it: who said it ("“...,”
# Smith allegedly told officers.", "“...,” the president told Mr. Comey", "“...,” said Moore")
_QUOTATION_THEN = re.compile(
    r"[\"“][^\"“”]+[\"”]\s*,?\s*(?:(?:said|says|added|wrote)\s+)?(?:the\s+)?(?P<speaker>[\w’'-]+)"
)
_PRONOUNS = frozenset({"he", "she", "they"})


def _quoted_again(scored: Scored, i: int, k: int) -> bool:
    """Whether units ``i`` and ``k``, neighbours in one article, are one statement: the first
    reports its speaker's speech, the second opens on a quotation of that speaker, and they
    share half the shorter's content words (``QUOTED_AGAIN_WORDS`` at least)."""
    if scored.common[i, k] < QUOTED_AGAIN_WORDS or scored.contained[i, k] < RESTATED:
        return False
    first, then = (i, k) if scored.following[i] == k else (k, i)
    report, quotation = scored.units[first].text, scored.units[then].text
    quoted = _QUOTATION_THEN.match(quotation.strip())
    if quoted is None or _QUOTE_MARK.search(report) or not _REPORTS_SPEECH.search(quotation):
        return False
    speaker = quoted["speaker"].casefold()
    return bool(_REPORTS_SPEECH.search(report)) and (
        speaker in _PRONOUNS
        or re.search(rf"\b{re.escape(speaker)}\b", report, re.IGNORECASE) is not None
    )


# a figure of two digits or more that is not a year
_COUNT_FIGURE = re.compile(r"(?<![\w.,])(?!(?:19|20)\d\d\b)(?:\d{1,3}(?:,\d{3})+|\d{2,})(?:\.\d+)?")


def _counts(text: str) -> frozenset[str]:
    """The figures of two digits or more a sentence states, years aside: two articles'
    openings alike (``ECHO_CONTAINED``) that state one figure tell one fact however they word
    it (dev event 16: "Nigerian President Muhammadu Buhari says 21 of the schoolgirls abducted
    by ... Boko Haram more than two years ago have been released ..." then "The Nigerian
    government announced Thursday that it had secured the release of 21 of the more than 200
    Chibok schoolgirls ...")."""
    return frozenset(m.replace(",", "") for m in _COUNT_FIGURE.findall(text))


def _openings(units: Sequence[Sentence]) -> tuple[np.ndarray, np.ndarray]:
    """Whether each unit is its article's first, and a number per article: outlets open with
    the fact itself, so two openings alike are one fact told twice (``ECHO_SIM``)."""
    ids: dict[str, int] = {}
    article = np.array([ids.setdefault(u.article_id, len(ids)) for u in units], dtype=np.int64)
    opening = np.zeros(len(units), dtype=bool)
    opening[np.unique(article, return_index=True)[1]] = True
    return opening, article


def _first_weekday(text: str) -> str:
    """The first weekday a sentence names: an opening's, the day of its news ("President
    Donald Trump on Friday signed into law ..., following the Democratic-led House's approval
    of the legislation on Thursday")."""
    return next((w for w in _NAME.findall(text) if w in _WEEKDAYS), "")


def _subject(text: str) -> str:
    """The last word of a sentence's first run of capitalized words, calendar words and titles
    aside: who an opening is about ("The Biden administration on Tuesday announced ..." is
    about Biden); none when that run names no one ("Democratic lawmakers ripped into Pence
    ..." is about the lawmakers, not Pence). A run of common words alone is no run: an opening
    "The" ("The parents of Austria's top pole vaulter Kira Grunberg ..."), "One" or "New" (NeuS
    val 67: "One hour after announcing articles of impeachment against President Trump, House
    Speaker Nancy Pelosi announced Tuesday ..." is about Trump, not "One")."""
    news = [w for w in _first_run(text) if w not in _NOT_NEWS_NAMES]
    return news[-1] if news else ""


def _first_run(text: str) -> list[str]:
    """The capitalized words of a sentence's first run of them that is not common words
    alone (``_subject``'s run); none when there is no such run."""
    for run in _NAME_RUN.finditer(text):
        words = _NAME.findall(run.group())
        if not all(w.lower() in STOP_WORDS for w in words):
            return words
    return []


def _told_again(scored: Scored, c: int, i: int, opening: np.ndarray) -> bool:
    """Whether opening ``i``, a fifth fuller than opening ``c`` of another article, tells its
    news again: one names whom the other is about (``_about_either``), ``i`` dates it to
    ``c``'s weekday and holds half of
    ``c``'s content words (``RESTATED``), five at least (its figures and denial too:
    ``_facts_held``). NeuS val 277: Trump's "new commission
    to promote 'patriotic education'" announced on Thursday, then his "executive order on
    Thursday to 'promote patriotic education' through ... the 1776 Commission"; 291: Erdogan's
    "red line" on Tuesday, then "Turkey could go as far as breaking off diplomatic ties ...".
    Less of the shorter held, the fuller tells another thing of that day (val 188: Cohen "is
    willing to speak with Special Counsel Robert Mueller", then his attorney's television
    rounds "in the hours after" he pleaded guilty on Tuesday)."""
    own = np.diagonal(scored.common)
    if not (opening[c] and opening[i]) or scored.units[c].article_id == scored.units[i].article_id:
        return False
    if own[i] <= ECHO_LONGER * own[c] or scored.common[c, i] < RESTATED_WORDS:
        return False
    if scored.contained[c, i] < RESTATED:
        return False
    text, fuller = scored.units[c].text, scored.units[i].text
    day = _first_weekday(text)
    return bool(day) and day == _first_weekday(fuller) and _about_either(text, fuller)


def _about_either(text: str, other: str) -> bool:
    """Whether one of two openings names whom the other is about: enough for a fuller telling
    of one day's news, which must also hold half the shorter's words (``_told_again``). NeuS
    val 231: "The Biden administration on Tuesday announced sanctions on several Russian
    officials ... Navalny." is about Biden, "The United States on Tuesday imposed sanctions to
    punish Russia ... Navalny ..., in President Joe Biden's most direct challenge yet" about
    the States: the digest had said both. Also mended so: 13 NeuS train digests (Israel and the
    UAE's agreement, Haiti's president, the CDC's boosters ...), each read, none worse.
    Not for a second opening no longer than the first (``_about_each_other``): there a
    one-way test took NeuS train 51's lead fact and brought in a sofa of Fox & Friends."""
    return _subject(text) in _NAME.findall(other) or _subject(other) in _NAME.findall(text)


def _about_each_other(text: str, other: str) -> bool:
    """Whether each of two openings names whom the other is about (its ``_subject``): the
    test both the echo of an opening and a fuller telling of it must pass."""
    subject = _subject(text)
    return (
        bool(subject) and subject in _NAME.findall(other) and _subject(other) in _NAME.findall(text)
    )


def _about_no_one_named(text: str, other: str) -> bool:
    """Whether an opening about no one named (no ``_subject``: "Democrats handed President
    Donald Trump a political win Tuesday with House Speaker Nancy Pelosi's announcement that
    Democrats have reached a deal ...") names whom the other opening is about: it has no one
    for the other to name, so when the two are alike (``ECHO_SIM``, ``ECHO_CONTAINED``) it
    tells the other's news again (NeuS val 67 told that deal twice, after "One hour after
    announcing articles of impeachment against President Trump, House Speaker Nancy Pelosi
    announced Tuesday that House Democrats had reached an agreement ..."). Not for a shared
    weekday alone: an opening whose subject is unread behind its day ("On Wednesday, President
    Trump said he was not planning to waive ... the Jones Act") reads as about no one, and
    "President Trump said Wednesday that he is considering lifting the Jones Act ..." is not
    told again by it (NeuS val 20, cosine 0.24). Nor an opening whose subject is a name
    behind a title or a date, which ``_subject`` does not read ("U.S. Secretary of state Mike
    Pompeo today in Sochi, met with Russian President Vladimir Putin ...": the seeds' news
    of Putin had given way to "The talks between ... Lavrov and ... Pompeo have started");
    only a party or officials ("Democrats", "Republican lawmakers"), or no capitalized word.
    NeuS val and train's first 800 at 60 words: only val 67 changes."""
    subject = _subject(other)
    if not subject or _subject(text) or subject not in _NAME.findall(text):
        return False
    return all(w in _GROUPS for w in _first_run(text))


# capitalized words that name a party or officials, not a person: an opening that begins so is
# about no one named (``_about_no_one_named``)
_GROUPS = frozenset("Republican Republicans Democrat Democrats Democratic Officials".split())


def _subsumed(
    scored: Scored,
    chosen: Sequence[int],
    i: int,
    names_of: Callable[[int], set[str]],
    opening: np.ndarray | None = None,
    words_of: Callable[[int], frozenset[str]] | None = None,
) -> list[int]:
    """The chosen units that ``i`` says again in full: a shorter one whose content words ``i``
    nearly all holds and whose names ``i`` names too ("Today FURIOUS 7 will reach $1 billion
    in worldwide box office grosses." under "Universal's 'Furious 7' will cross $1 billion at
    the worldwide box office Friday, becoming the studio's first film ..."). Taken because it
    also names someone new, ``i`` would otherwise stand beside its own shorter reading. None
    goes that a chosen unit needs as its context, and no quotation (its speaker's words).
    With ``words_of`` (each unit's content words), also one that ``i`` tells half of, in a
    like sentence naming all it names, and whose every content word the digest with ``i``
    says (``_said_by_the_rest``)."""
    own = np.diagonal(scored.common)
    out = []
    for c in chosen:
        if any(scored.previous[k] == c and scored.needs_context[k] for k in (*chosen, i)):
            continue
        if any(scored.following[k] == c and scored.leads_in[k] for k in chosen):
            continue  # what a chosen lead-in announces
        if (
            opening is not None
            and _told_again(scored, c, i, opening)
            and _facts_held(scored.units[c].text, scored.units[i].text)
        ):
            out.append(c)  # a fuller telling of one day's news stands for the shorter
            continue
        if own[c] > own[i] or own[c] < RESTATED_WORDS or scored.common[c, i] < RESTATED * own[c]:
            continue
        if scored.common[c, i] < SUBSUMED * own[c] and not (
            words_of is not None and _said_by_the_rest(scored, chosen, c, i, words_of)
        ):
            continue
        if _QUOTE_MARK.search(scored.units[c].text):
            continue
        if names_of(c) <= names_of(i) and _facts_held(scored.units[c].text, scored.units[i].text):
            out.append(c)
    return out


def _said_by_the_rest(
    scored: Scored,
    chosen: Sequence[int],
    c: int,
    i: int,
    words_of: Callable[[int], frozenset[str]],
) -> bool:
    """Whether chosen unit ``c``, alike to unit ``i`` (``RESTATED_SIM``), says nothing the
    digest with ``i`` and without ``c`` does not: a line of places seen from, each place and
    word of it told by the others (dev event 41's "The streak of light was spotted from New
    Hampshire and Massachusetts as well as Maine." once "The bright streak Tuesday evening was
    seen in parts of New England, including southern Maine and New Hampshire." and "Sightings
    were reported across Maine, New Hampshire, Vermont, New York, Massachusetts, ..." are
    both taken: three of its seven lines told where the fireball was seen)."""
    if scored.similarity[c, i] < RESTATED_SIM:
        return False
    rest = set(words_of(i))
    for k in chosen:
        if k != c:
            rest |= words_of(k)
    return words_of(c) <= rest


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_NEGATION = re.compile(r"\b(?:not|no|never|neither|nor|without)\b|n['’]t\b", re.IGNORECASE)


def _facts_held(shorter: str, fuller: str) -> bool:
    """Whether ``fuller`` holds the figures of ``shorter`` and, where it denies, denies too:
    "The storm killed 12 people in Texas on Monday." is not said again by "The storm that hit
    Texas on Monday killed people ..., Gov. Greg Abbott said." (and its toll, counted, would
    have kept every other count out of the digest)."""
    figures = {f.replace(",", "") for f in _NUMBER.findall(fuller)}
    return {f.replace(",", "") for f in _NUMBER.findall(shorter)} <= figures and (
        not _NEGATION.search(shorter) or bool(_NEGATION.search(fuller))
    )


def _shorter_fit(
    units: Sequence[Sentence], value: np.ndarray, room: int
) -> tuple[int, Sentence | None]:
    """The best-valued unit (``value``: -inf where it may not be taken) in its longest
    shorter reading of at most ``room`` words that still passes the summary checks."""
    for k in np.argsort(-value, kind="stable"):
        if value[k] == -np.inf:
            break
        unit = units[int(k)]
        for reading in shorter_readings(unit.text):
            if word_count(reading) <= room and quality.fit(reading):
                return int(k), replace(unit, text=reading)
    return -1, None


def _sums(text: str) -> frozenset[str]:
    """The sums of money and the large figures a unit states, as values with their currency
    ("$121 billion" and "$121bn" alike; "881K claims" and "dipped to 881,000": a NeuS digest's
    headline and lead of one fact). A year is no figure."""
    # most sentences hold no sum nor large figure: a digit or a currency sign first (one
    # character class, searched a third faster than the whole sign)
    first = _FIGURE_START.search(text)
    if first is None or not _FIGURE_SIGN.search(text, first.start()):
        return frozenset()
    found: set[str] = set()
    for m in _FIGURE.finditer(text):
        if m.start() and text[m.start() - 1] in _NOT_BEFORE_FIGURE:
            continue  # inside a word or a number ("A380", "3.5")
        money = _MONEY_BEFORE.search(text, max(0, m.start() - 4), m.start())
        digits = m["n"].replace(",", "")
        unit = m["scale"] or ""
        if len(unit) == 1 and not (money or unit.isupper()):
            unit = ""  # "1.5 m tall", "5 k run": a length, not millions
        scale = _SCALE.get(unit.lower(), 1.0)
        if scale == 1.0 and "," not in m["n"] and not money and len(digits) <= 4:
            continue  # a year, a small count: no figure of the story's
        value = float(digits) * scale
        if value >= MIN_FIGURE:  # exact, and in its currency: "£5m" is not "$5 million"
            sign = (money[0].strip() if money else "") or _CURRENCY_WORD.get(
                (m["word"] or "").lower(), ""
            )
            found.add(f"{sign}{value:.15g}")
    return frozenset(found)


# a currency written as a word after the figure: "4.34 billion euros" is "€4.34bn"
_CURRENCY_WORD = {"euros": "€", "euro": "€", "dollars": "$", "pounds": "£"}


MIN_FIGURE = 1000
_NOT_BEFORE_FIGURE = frozenset("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_.,")
# a currency sign, "1,500", a number of five digits or more, or a scale after a digit: every
# sign starts at a character of _FIGURE_START
_FIGURE_SIGN = re.compile(
    r"[$£€]|\d(?:,\d{3}|\d{4}|\s?(?:[KMB]\b|[kmb]n?\b|thousand|million|billion|trillion))"
)
_FIGURE_START = re.compile(r"[$£€\d]")
# the number first, so the search skips to digits; the currency before it is read apart
_FIGURE = re.compile(
    r"(?P<n>\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+(?:\.\d+)?)"
    r"(?:\s?(?P<scale>[kmb](?=\b)|thousand|million|billion|trillion|bn)\b)?"
    r"(?:\s(?P<word>euros?|dollars|pounds)\b)?",
    re.IGNORECASE,
)
_MONEY_BEFORE = re.compile(r"(?:[A-Z]{1,2})?[$£€]\s?$")
_SCALE = {
    "k": 1e3, "thousand": 1e3, "m": 1e6, "million": 1e6, "b": 1e9, "bn": 1e9, "billion": 1e9,
    "trillion": 1e12,
}  # fmt: skip


def _tolls(text: str) -> frozenset[str]:
    """Which counts of people a unit states: "dead", "injured", "held" (arrested, detained,
    charged: "Eight people have been arrested ..." and "State police have charged six ...
    students", "12 people were arrested" and "13 people are in custody", two Multi-News
    digests' sentences of one fact). The cheap test first."""
    low = text.lower()
    if not any(w in low for w in _TOLL_WORDS):
        return frozenset()
    return frozenset(
        _TOLL_KIND.get(m["kind"].lower().rsplit(None, 1)[-1], "held") if m["kind"] else "held"
        for m in _TOLL.finditer(text)
    )


# A price's level ("Bitcoin prices plunged to a 12-week low below $6,000", "Prices have fallen
# to less than $US6,500", "BTC is now priced at $6,116", "Bitcoin is currently valued at
# $7,348": four lines of the dev stream's Bitcoin digests): like a toll, each outlet states its
# own, at its own hour, and a digest needs one
_PRICE_LEVEL = re.compile(
    r"\b(?:(?:fell|fallen|falls|falling|plunged|plunging|dipped|dropped|slumped|tumbled|sank"
    r"|slid|crashed|rose|risen|rising|climbed|surged|jumped|soared)\s+(?:[\w-]+\s+){0,6}?"
    r"(?:to|below|under|above|past|over)|(?:valued|priced|trading|traded)\s+at)\s+"
    r"(?:[\w-]+\s+){0,2}?(?:US|C|A)?[$£€](?:US)?\s?\d",
    re.IGNORECASE,
)


def _price_levels(text: str) -> frozenset[str]:
    """Whether a unit puts a price at a level (``{"price"}``) or not."""
    if ("$" in text or "£" in text or "€" in text) and _PRICE_LEVEL.search(text):
        return frozenset(("price",))
    return frozenset()


_TOLL_WORDS = ("kill", "dead", "died", "injur", "wound", "arrest", "detain", "custody", "charged")


def _central_names(units: Sequence[Sentence]) -> set[str]:
    """Name words that units of two articles or more use."""
    seen: dict[str, str] = {}
    central: set[str] = set()
    for unit in units:
        for word in _NAME.findall(unit.text):
            if seen.setdefault(word, unit.article_id) != unit.article_id:
                central.add(word)
    return central


def arrange(
    chosen: list[Sentence],
    doc_order: dict[str, int],
    budget: Budget,
    *,
    fill: bool,
    docs: Sequence[Sequence[Sentence]] = (),
) -> list[Sentence]:
    """Reading order; when filling past the budget, the unit picked last goes last.

    The ROUGE protocol cuts the output at the budget: what it cuts should be the unit that
    mattered least (picked last), not whichever unit reading order happens to put at the end.
    """
    limit = effective_words(budget)
    overflow = limit is not None and sum(len(u.text.split()) for u in chosen) > limit
    if not (fill and overflow and len(chosen) > 1):
        return _keep_context(_introduced_first(reading_order(chosen, doc_order), docs))
    return _keep_context(
        [*_introduced_first(reading_order(chosen[:-1], doc_order), docs), chosen[-1]]
    )


def _introduced_first(
    ordered: list[Sentence], docs: Sequence[Sequence[Sentence]]
) -> list[Sentence]:
    """Reading order with what a line refers to introduced before it: of two openings, the
    one that introduces first (``_introductions_first``), and a person's full name before
    their surname alone (``full_names_first``; ``docs``, the story's sentences, tell which
    of two people one surname names)."""
    return full_names_first(_introductions_first(ordered), docs)


# "the compact" (a definite reference) and the "Interstate Compact" or "a compact" it refers to
_DEFINITE = re.compile(r"\b[Tt]he ([a-z]{4,})\b")


def _names_by_length(text: str) -> tuple[set[str], set[str]]:
    """The last words of the names ``text`` gives in full, a given name or more before them
    ("Timothy Dale Poole", "Prime Minister Silvio Berlusconi", "The Colchester Zoo"), and of
    those it gives alone ("arrested Poole", "Mr. Smith"); titles and calendar words do not
    count (``name_runs``)."""
    full: set[str] = set()
    alone: set[str] = set()
    for head, before in name_runs(text, first=True):
        (full if before else alone).add(head)
    return full, alone - full


# a speaker known only by a definite description ("..., the women wrote": the letter's writers)
_DEFINITE_SPEAKER = re.compile(
    r"\b[Tt]he ([a-z]{3,}) (?:said|says|wrote|writes|told|added|argued|stated)\b"
)


# a definite noun after one of these is the object of its preposition, not the speaker ("...,
# sources familiar with the decision said", "a spokesman for the company said")
_PREPOSITION_BEFORE = re.compile(
    r"\b(?:with|for|of|on|about|in|at|to|from|by|near|inside|within|behind)\s+$", re.IGNORECASE
)


def _refers_to_a_speaker(text: str) -> bool:
    """Whether ``text`` quotes someone it calls only "the women", "the group": whom the
    sentence before it in the article introduced."""
    return any(
        not _brings_in(m[1], text)
        and not _PREPOSITION_BEFORE.search(text, max(0, m.start() - 12), m.start())
        for m in _DEFINITE_SPEAKER.finditer(text)
    )


def _brings_in(noun: str, text: str) -> bool:
    """Whether ``text`` brings in what ``noun`` (lower case) names: "a compact", "an agency",
    or a name that ends in it ("Interstate Compact"). What ``re.search(rf"\\b(?:[Aa]n? {noun}
    |[A-Z][a-z]+ {noun.capitalize()})\\b", text)`` finds, without compiling a pattern for
    each noun (most nouns of a story's openings are new to the pattern cache: 0.1-0.3 ms a
    compilation, 50 times the search)."""
    k = text.find(" " + noun)
    while k >= 0:
        if k and not word_char_at(text, k + 1 + len(noun)):
            if text[k - 1] in "Aa" and not word_char_at(text, k - 2):
                return True  # "a compact"
            if (
                text[k - 1] == "n"
                and k >= 2
                and text[k - 2] in "Aa"
                and not word_char_at(text, k - 3)
            ):
                return True  # "an agency"
        k = text.find(" " + noun, k + 1)
    title = noun.capitalize()
    k = text.find(" " + title)
    while k >= 0:
        if not word_char_at(text, k + 1 + len(title)):
            j = k - 1
            while j >= 0 and "a" <= text[j] <= "z":
                j -= 1
            if j < k - 1 and j >= 0 and "A" <= text[j] <= "Z" and not word_char_at(text, j - 1):
                return True  # "Interstate Compact"
        k = text.find(" " + title, k + 1)
    return False


def _introduces(first: str, then: str) -> bool:
    """Whether ``first`` introduces what ``then`` refers to as known and does not introduce
    itself: a surname ``then`` names alone that ``first`` names in full, or a thing ``then``
    calls "the compact" that ``first`` names ("the National Popular Vote Interstate Compact")
    or brings in ("a compact"), or the act ``then`` tells a reaction to (``_reacts_to``)."""
    if _names_by_length(then)[1] & _names_by_length(first)[0]:
        return True
    if _refers_to_a_speaker(then) and not _refers_to_a_speaker(first):
        return True  # of two openings, the one quoting "the women" goes second
    if _reacts_to(then, first):
        return True
    for noun in set(_DEFINITE.findall(then)) - STOP_WORDS:
        if _brings_in(noun, then):
            continue  # it brings the thing in itself
        if _brings_in(noun, first):
            return True
    return False


# the stems of the verbs of reaction (what others made of an act)
_REACTION_STEM = (
    r"(?:mock|ridicul|condemn|critici[sz]|prais|welcom|slamm?|hail|blast|denounc|lambast"
    r"|applaud|decri|cheer|react|respond)"
)
# a past-tense verb of reaction, told after the act ("Democrats and members of the media on
# Monday mocked ousted White House communications director Anthony Scaramucci ...", NeuS val
# 241's opening, before "U.S. President Donald Trump ousted ... Anthony Scaramucci on Monday
# ...")
_REACTION = re.compile(rf"(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?<!\bbe )\b{_REACTION_STEM}ed\b")
# a reaction in any form: a line that tells one is no act another reacts to ("... are put off
# by President Trump's comments Tuesday night mocking the testimony of Christine Blasey Ford")
_ANY_REACTION = re.compile(
    rf"\b{_REACTION_STEM}(?:ed|es|s|e|ing|ation|ion|ism)?\b|\b(?:backlash|outrage|response)\b"
)


def _reacts_to(then: str, first: str) -> bool:
    """Whether ``then`` tells a reaction to what ``first`` tells: it mocks, praises,
    condemns ... someone ``first`` names (a name's last word), the two share
    ``RESTATED_WORDS`` content words at least (the act's), and ``first`` tells no reaction
    of its own."""
    if not _REACTION.search(then) or _ANY_REACTION.search(first):
        return False
    if not name_heads(then, first=False) & name_heads(first, first=False):
        return False
    (told, act) = ({t for t in ts if len(t) > 1} - STOP_WORDS for ts in tokens_of([then, first]))
    return len(told & act) >= RESTATED_WORDS


def _introductions_first(ordered: list[Sentence]) -> list[Sentence]:
    """Two articles' sentences at the same place in their articles (reading order's ties) in
    the order that introduces before it refers (``_introduces``): NeuS val 45 said "Under the
    compact, participating states ..." before "Connecticut voted ... to join the National
    Popular Vote Interstate Compact", another article's opening. Only ties: a sentence moved
    from further down its article took the place of the opening it was weighed against (a
    "Jill Biden" line put before "President Biden and Vice President Harris acknowledged a
    grim milestone"), and more digests opened with a reference."""
    out = list(ordered)
    for _ in range(len(out)):
        swap = next(
            (
                (i, j)
                for i in range(len(out))
                for j in range(i + 1, len(out))
                if out[j].index == out[i].index
                and not quality.needs_context(out[j].text)
                and _introduces(out[j].text, out[i].text)
                and not _introduces(out[i].text, out[j].text)
            ),
            None,
        )
        if swap is None:
            break
        i, j = swap
        out.insert(i, out.pop(j))
    return out


def _keep_context(ordered: list[Sentence]) -> list[Sentence]:
    """A unit that needs its context goes right after the unit before it in its article, and
    a lead-in right before the unit after it (reading order alone may put another article's
    sentence between them, and the protocol's last pick goes last). When going back would
    take the unit ahead of the line that names in full someone it names by surname alone,
    its article's lines come down to it instead (``_comes_down``)."""
    out: list[Sentence] = []
    for unit in ordered:
        if quality.needs_context(unit.text):
            earlier = [
                k
                for k, u in enumerate(out)
                if u.article_id == unit.article_id and u.index < unit.index
            ]
            if earlier:
                # after the nearest earlier unit of its article: the one it refers back to
                at = max(earlier, key=lambda k: out[k].index) + 1
                moved = _comes_down(out, at, unit, ordered[-1])
                out = moved or [*out[:at], unit, *out[at:]]
                continue
        out.append(unit)
    for unit in [u for u in out if quality.leads_in(u.text)]:
        later = [u for u in out if u.article_id == unit.article_id and u.index > unit.index]
        if later:
            out.remove(unit)
            out.insert(out.index(min(later, key=lambda u: u.index)), unit)
    return out


def _comes_down(
    out: list[Sentence], at: int, unit: Sentence, last: Sentence
) -> list[Sentence] | None:
    """``out`` with the run of ``unit``'s article's lines that ends at ``at`` moved after the
    lines that follow it (other articles' lines, the digest's ``last`` not among them: the
    protocol's last pick stays last), and ``unit`` after them, when those lines name in full
    someone ``unit`` names by surname alone whom no line before ``at`` names, and the run
    names in full no one they name alone; None otherwise. Multi-News 185 at 250 words:
    "Furthermore, she said, Mr. Parr did not consult with Aboriginal Tasmanians ..." went back
    to its article's "“The most effective way of bringing it out is not climbing under the
    road ...”", ahead of "An artist has been buried alive beneath a busy Hobart road ..." and
    "... Mike Parr, 73, climbed into a steel container ...", so that a reaction, "Heather
    Sculthorpe ... called the work an “insult.”", opened the digest."""
    passed = out[at:]
    alone = bare_surnames(unit.text) - full_names(unit.text)
    if not alone or not passed or any(u is last or u.article_id == unit.article_id for u in passed):
        return None
    start = at
    while start > 0 and out[start - 1].article_id == unit.article_id:
        start -= 1
    run = out[start:at]
    said = set().union(*(full_names(u.text) | bare_surnames(u.text) for u in out[:at]))
    if not alone & set().union(*(full_names(u.text) for u in passed)) - said:
        return None
    if set().union(*(bare_surnames(u.text) for u in passed)) & set().union(
        *(full_names(u.text) for u in run)
    ):
        return None  # the run introduces someone the lines passed name alone
    return [*out[:start], *passed, *run, unit]


# selections made again, each with the room the last one's introductions needed
MAX_RESELECTIONS = 2


class CoverageSummarizer:
    """The default method (see the module docstring); ``model`` overrides the fitted weights.

    ``embedder`` None (the default) compares units by TF-IDF over their own stemmed terms,
    the vectors the weights were fitted with; any ``Embedder`` may replace them.
    """

    name = "coverage"

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        redundancy: float | None = None,
        model: dict | None = None,
        fill: bool = False,
    ) -> None:
        self.embedder = embedder
        self.model: dict[str, Any] = model or fitted_model()
        self.redundancy = (
            float(redundancy)
            if redundancy is not None
            else float(cast(float, self.model["redundancy"]))
        )
        self.fill = fill

    def summarize(self, docs: Sequence[Sequence[Sentence]], budget: Budget) -> list[Sentence]:
        scored = score_features(docs, self.embedder)
        if not scored.units:
            return []
        scores = linear_scores(scored.features, self.model)
        order = {doc[0].article_id: i for i, doc in enumerate(docs) if doc}
        limit = effective_words(budget)
        room = budget
        for _ in range(MAX_RESELECTIONS + 1):
            chosen = choose(
                scored,
                scores,
                room,
                redundancy=self.redundancy,
                fill=self.fill,
                paraphrase=float(self.model.get("paraphrase", PARAPHRASE)),
            )
            ordered = arrange(
                [unit for _, unit in chosen], order, budget, fill=self.fill, docs=docs
            )
            if self.fill or limit is None or room.words is None:
                break
            # a speaker named by surname alone is introduced ("Jimmy Kimmel says"); when the
            # given names do not fit, the selection leaves them room
            introduced = introduce_surnames(ordered, docs)
            over = sum(word_count(u.text) for u in introduced) - limit
            if over <= 0:
                return introduced_once(introduced)
            if room.words <= over:
                break
            room = replace(room, words=room.words - over)
        return introduced_once(introduce_surnames(ordered, docs, max_words=limit))

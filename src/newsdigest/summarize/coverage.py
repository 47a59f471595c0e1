"""The default summarizer: what many outlets report, said early, said well, said once.

Every extraction unit (a sentence, or a multi-sentence quotation kept whole: ``units.py``)
that passes the quality checks (``quality.py``) is scored by a linear model over a handful
of features a news editor would recognize:

- source agreement: how many articles share the unit's words and word pairs (document
  frequency), and how closely the other articles say the same thing (embedding similarity);
- centrality: similarity to the story's centroid, each article weighted equally;
- position: news puts what matters first (in the article, and lead-like wording);
- form: length, numbers, quotes, names, a pronoun or connective that needs earlier context.

The weights were fitted by ridge regression on ROUGE labels of the Multi-News validation
sample and are cross-validated (``bench/eval_train.py`` rebuilds ``coverage_model.py``).
Selection is greedy with a redundancy penalty (word-pair overlap with what is already
chosen, as in MMR), so no point is made twice. Output is in reading order.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
from scipy import sparse

from newsdigest.embed.base import Embedder
from newsdigest.model import Sentence
from newsdigest.summarize import quality
from newsdigest.summarize.base import Budget
from newsdigest.summarize.budget import budget_reached, effective_words, fits, reading_order
from newsdigest.summarize.text import STOP_WORDS, tokens
from newsdigest.summarize.units import merge_quotes

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
)
_DIGIT = re.compile(r"\d")
LEAD_UNITS = 5


@dataclass(frozen=True)
class Scored:
    """Units of a story with their features, bigram sets and redundancy matrix."""

    units: list[Sentence]
    features: np.ndarray  # (n, len(FEATURES))
    overlap: np.ndarray  # (n, n) shared word pairs / the smaller unit's word pairs


def _embedder_or_default(embedder: Embedder | None) -> Embedder:
    if embedder is not None:
        return embedder
    from newsdigest.embed.tfidf import TfidfEmbedder

    return TfidfEmbedder()


def candidate_units(docs: Sequence[Sequence[Sentence]]) -> list[tuple[int, int, Sentence]]:
    """(article number, unit number, unit) of every unit fit for a summary."""
    merged = [merge_quotes(doc) for doc in docs]
    good = [
        (d, u, s)
        for d, units in enumerate(merged)
        for u, s in enumerate(units)
        if not quality.problems(s.text)
    ]
    if good:
        return good
    # nothing passes: readable units rather than nothing
    return [
        (d, u, s)
        for d, units in enumerate(merged)
        for u, s in enumerate(units)
        if len(s.text.split()) >= 3
    ]


def _binary_matrix(rows: list[set], vocab: dict) -> sparse.csr_matrix:
    indptr = [0]
    indices: list[int] = []
    for row in rows:
        indices.extend(vocab.setdefault(g, len(vocab)) for g in row)
        indptr.append(len(indices))
    data = np.ones(len(indices), dtype=np.float32)
    return sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(len(vocab), 1)))


def score_features(docs: Sequence[Sequence[Sentence]], embedder: Embedder) -> Scored:
    """Candidate units of a story and their feature matrix (see ``FEATURES``)."""
    cands = candidate_units(docs)
    units = [s for _, _, s in cands]
    n = len(units)
    if not n:
        return Scored([], np.zeros((0, len(FEATURES))), np.zeros((0, 0)))
    article = np.array([d for d, _, _ in cands])
    position = np.array([u for _, u, _ in cands], dtype=np.float64)
    n_articles = len({d for d in article.tolist()})
    toks = [tokens(s.text) for s in units]
    unigram_sets = [{t for t in ts if t not in STOP_WORDS and len(t) > 1} for ts in toks]
    bigram_sets = [
        {
            (a, b)
            for a, b in zip(ts, ts[1:], strict=False)
            if not (a in STOP_WORDS and b in STOP_WORDS)
        }
        for ts in toks
    ]
    vocab: dict = {}
    uni = _binary_matrix(unigram_sets, vocab)
    big = _binary_matrix(bigram_sets, {})
    onehot = sparse.csr_matrix(
        (np.ones(n, dtype=np.float32), (article, np.arange(n))), shape=(int(article.max()) + 1, n)
    )
    uni_df = np.asarray(((onehot @ uni) > 0).sum(axis=0)).ravel()
    big_df = np.asarray(((onehot @ big) > 0).sum(axis=0)).ravel()
    uni_tf = np.asarray(uni.sum(axis=0)).ravel()
    n_words = np.array([max(len(s.text.split()), 1) for s in units], dtype=np.float64)
    uni_count = np.maximum(np.asarray(uni.sum(axis=1)).ravel(), 1)
    big_count = np.maximum(np.asarray(big.sum(axis=1)).ravel(), 1)
    bigram_df = (big @ big_df) / n_words / n_articles
    unigram_df = (uni @ uni_df) / n_words / n_articles
    bigram_shared = (big @ (big_df > 1).astype(np.float64)) / big_count
    unigram_shared = (uni @ (uni_df > 1).astype(np.float64)) / uni_count
    term_frequency = (uni @ uni_tf) / max(float(uni_tf.sum()), 1.0) * 100 / n_words

    vecs = embedder.embed([s.text for s in units])
    sim = vecs @ vecs.T
    centroids = []
    agreement = np.zeros(n)
    lead_similarity = np.zeros(n)
    for d in sorted(set(article.tolist())):
        mask = article == d
        c = vecs[mask].sum(axis=0)
        centroids.append(c / max(float(np.linalg.norm(c)), 1e-12))
        agreement += np.where(mask, 0.0, sim[:, mask].max(axis=1))
        lead = mask & (position < LEAD_UNITS)
        if lead.any():
            lead_similarity += np.where(mask, 0.0, sim[:, lead].max(axis=1))
    centroid = np.mean(centroids, axis=0)
    centrality = vecs @ (centroid / max(float(np.linalg.norm(centroid)), 1e-12))
    others = max(n_articles - 1, 1)
    units_per_article = np.bincount(article)[article]

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
            [sum(w[:1].isupper() for w in s.text.split()) for s in units] / n_words,
            np.full(n, math.log(n_articles)),
            np.log(units_per_article),
            [quality.needs_context(s.text) for s in units],
            [quality.is_question(s.text) for s in units],
            centrality,
            agreement / others,
            lead_similarity / others,
            article == 0,
        ]
    ).astype(np.float64)
    shared = (big @ big.T).toarray()
    overlap = shared / np.maximum(np.minimum.outer(big_count, big_count), 1.0)
    return Scored(units, features, overlap)


def linear_scores(features: np.ndarray, model: dict) -> np.ndarray:
    """``model``: {"mean", "scale", "coef", "intercept"} over ``FEATURES`` (standardized)."""
    mean = np.asarray(model["mean"])
    scale = np.asarray(model["scale"])
    coef = np.asarray(model["coef"])
    return ((features - mean) / scale) @ coef + float(model["intercept"])


def select(
    scored: Scored, scores: np.ndarray, budget: Budget, *, redundancy: float, fill: bool
) -> list[int]:
    """Greedy: best score minus ``redundancy`` × overlap with the chosen, within budget."""
    chosen: list[int] = []
    words = 0
    available = np.ones(len(scored.units), dtype=bool)
    worst = np.zeros(len(scored.units))
    limit = effective_words(budget)
    while available.any():
        if budget_reached([scored.units[i] for i in chosen], words, budget, fill):
            break
        value = np.where(available, scores - redundancy * worst, -np.inf)
        i = int(np.argmax(value))
        available[i] = False
        unit = scored.units[i]
        if not fits(words, unit, budget, fill):
            if limit is not None and words >= limit:
                break
            continue
        chosen.append(i)
        words += len(unit.text.split())
        worst = np.maximum(worst, scored.overlap[:, i])
    return chosen


class CoverageSummarizer:
    """The default method (see the module docstring); ``model`` overrides the fitted weights."""

    name = "coverage"

    def __init__(
        self,
        embedder: Embedder | None = None,
        *,
        redundancy: float | None = None,
        model: dict | None = None,
        fill: bool = False,
    ) -> None:
        from newsdigest.summarize.coverage_model import MODEL

        self.embedder = _embedder_or_default(embedder)
        self.model = model or MODEL
        self.redundancy = float(self.model["redundancy"] if redundancy is None else redundancy)
        self.fill = fill

    def summarize(self, docs: Sequence[Sequence[Sentence]], budget: Budget) -> list[Sentence]:
        scored = score_features(docs, self.embedder)
        if not scored.units:
            return []
        scores = linear_scores(scored.features, self.model)
        chosen = select(scored, scores, budget, redundancy=self.redundancy, fill=self.fill)
        order = {doc[0].article_id: i for i, doc in enumerate(docs) if doc}
        return reading_order([scored.units[i] for i in chosen], order)

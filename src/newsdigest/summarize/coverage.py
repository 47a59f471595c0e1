"""The default summarizer: what many outlets report, said early, said well, said once.

Every extraction unit (a sentence, or a multi-sentence quotation kept whole: ``units.py``)
that passes the quality checks (``quality.py``) is scored by a linear model over a handful
of features a news editor would recognize:

- source agreement: how many articles share the unit's words and word pairs (document
  frequency), and how closely the other articles say the same thing (embedding similarity);
- centrality: similarity to the story's centroid (each article weighted equally) and the
  LexRank score of the unit in the similarity graph;
- position: news puts what matters first (in the article, and lead-like wording);
- the article: its share of the story's words and its closeness to the centroid;
- form: length, numbers, quotes, names, a pronoun or connective that needs earlier context.

Units are compared by TF-IDF over their own stemmed terms (built from the counts the other
features need anyway; refitting a vectorizer per story cost more than everything else).
The weights are fitted by ridge regression on ROUGE labels of the Multi-News validation
sample and cross-validated (``bench/eval_train.py`` rebuilds ``coverage_model.py``).
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
from newsdigest.summarize.units import merge_quotes, strip_dateline

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
_DIGIT = re.compile(r"\d")
_CAPITALIZED = re.compile(r"(?:^|\s)[A-Z]")
LEAD_UNITS = 5
# Deep in a long article lies detail, not the story (and the cost grows with every sentence)
MAX_SENTENCES = 25
HEADLINE_WORDS = 60
HEADLINE_SENTENCES = 2


@dataclass(frozen=True)
class Scored:
    """Units of a story with their features, bigram sets and redundancy matrix."""

    units: list[Sentence]
    features: np.ndarray  # (n, len(FEATURES))
    overlap: np.ndarray  # (n, n) shared word pairs / the smaller unit's word pairs


def candidate_units(docs: Sequence[Sequence[Sentence]]) -> list[tuple[int, int, Sentence]]:
    """(article number, unit number, unit) of every unit fit for a summary."""
    merged = [[strip_dateline(u) for u in merge_quotes(doc[:MAX_SENTENCES])] for doc in docs]
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


def _count_matrix(rows: list[list[int]], n_cols: int) -> sparse.csr_matrix:
    """Rows of column ids (repeats allowed) as a CSR matrix of counts."""
    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    indptr[1:] = np.cumsum([len(r) for r in rows])
    indices = np.fromiter((j for r in rows for j in r), dtype=np.int64, count=int(indptr[-1]))
    data = np.ones(len(indices), dtype=np.float64)
    matrix = sparse.csr_matrix((data, indices, indptr), shape=(len(rows), max(n_cols, 1)))
    matrix.sum_duplicates()
    return matrix


def _binary(matrix: sparse.csr_matrix) -> sparse.csr_matrix:
    out = matrix.copy()
    out.data[:] = 1.0
    return out


def lexical_vectors(counts: sparse.csr_matrix) -> sparse.csr_matrix:
    """Sublinear TF-IDF over the units' stemmed content words, rows L2-normalized.

    The same vectors ``TfidfEmbedder`` would give, but built from the term counts already in
    hand: refitting a vectorizer per story cost more than all the other features together.
    """
    tf = counts.copy()
    tf.data = 1.0 + np.log(tf.data)
    df = np.bincount(tf.indices, minlength=tf.shape[1])
    idf = np.log((1.0 + tf.shape[0]) / (1.0 + df)) + 1.0
    tf = tf @ sparse.diags(idf)
    norms = np.sqrt(np.asarray(tf.multiply(tf).sum(axis=1)).ravel())
    return sparse.csr_matrix(sparse.diags(1.0 / np.maximum(norms, 1e-12)) @ tf)


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
        return Scored([], np.zeros((0, len(FEATURES))), np.zeros((0, 0)))
    article = np.array([d for d, _, _ in cands])
    position = np.array([u for _, u, _ in cands], dtype=np.float64)
    n_articles = len(set(article.tolist()))
    toks = [tokens(s.text) for s in units]
    uni_vocab: dict[str, int] = {}
    big_vocab: dict[tuple[str, str], int] = {}
    uni_rows = [
        [uni_vocab.setdefault(t, len(uni_vocab)) for t in ts if t not in STOP_WORDS and len(t) > 1]
        for ts in toks
    ]
    big_rows = [
        [
            big_vocab.setdefault((a, b), len(big_vocab))
            for a, b in zip(ts, ts[1:], strict=False)
            if not (a in STOP_WORDS and b in STOP_WORDS)
        ]
        for ts in toks
    ]
    uni_counts = _count_matrix(uni_rows, len(uni_vocab))
    uni = _binary(uni_counts)
    big = _binary(_count_matrix(big_rows, len(big_vocab)))
    onehot = sparse.csr_matrix(
        (np.ones(n), (article, np.arange(n))), shape=(int(article.max()) + 1, n)
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

    if embedder is None:
        vecs = lexical_vectors(uni_counts)
        sim = (vecs @ vecs.T).toarray()
    else:
        vecs = sparse.csr_matrix(embedder.embed([s.text for s in units]), dtype=np.float64)
        sim = (vecs @ vecs.T).toarray()
    # each article's centroid, normalized, so a long article does not outweigh the rest
    centroids = np.asarray((onehot @ vecs).todense())
    centroids /= np.maximum(np.linalg.norm(centroids, axis=1, keepdims=True), 1e-12)
    present = np.bincount(article, minlength=centroids.shape[0]) > 0
    centroid = centroids[present].mean(axis=0)
    centrality = np.asarray(vecs @ (centroid / max(float(np.linalg.norm(centroid)), 1e-12)))
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
            [len(_CAPITALIZED.findall(s.text)) for s in units] / n_words,
            np.full(n, math.log(n_articles)),
            np.log(units_per_article),
            [quality.needs_context(s.text) for s in units],
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


def arrange(
    chosen: list[Sentence], doc_order: dict[str, int], budget: Budget, *, fill: bool
) -> list[Sentence]:
    """Reading order; when filling past the budget, the unit picked last goes last.

    The ROUGE protocol cuts the output at the budget: what it cuts should be the unit that
    mattered least (picked last), not whichever unit reading order happens to put at the end.
    """
    limit = effective_words(budget)
    overflow = limit is not None and sum(len(u.text.split()) for u in chosen) > limit
    if not (fill and overflow and len(chosen) > 1):
        return reading_order(chosen, doc_order)
    return [*reading_order(chosen[:-1], doc_order), chosen[-1]]


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
        from newsdigest.summarize.coverage_model import MODEL

        self.embedder = embedder
        self.model = model or MODEL
        self.redundancy = float(self.model["redundancy"] if redundancy is None else redundancy)
        self.fill = fill

    def summarize(self, docs: Sequence[Sequence[Sentence]], budget: Budget) -> list[Sentence]:
        scored = score_features(docs, self.embedder)
        if not scored.units:
            return []
        scores = linear_scores(scored.features, self.model)
        limit = effective_words(budget)
        if not self.fill and budget.sentences is None and limit and limit <= HEADLINE_WORDS:
            # a headline (WCEP's 40 words) is the best sentence or two, not the short leftovers
            # that happen to fit the remaining words
            budget = Budget(words=limit, sentences=HEADLINE_SENTENCES)
        chosen = select(scored, scores, budget, redundancy=self.redundancy, fill=self.fill)
        order = {doc[0].article_id: i for i, doc in enumerate(docs) if doc}
        return arrange([scored.units[i] for i in chosen], order, budget, fill=self.fill)

"""Event clustering of an article stream: incremental, time-window aware, who/where aware.

Each article becomes one sparse vector: what it says (TF-IDF of its title and lead, hashed so
the vocabulary never has to be refitted) and who/where it names (hashed capitalized names, a
cheap stand-in for NER, weighted by ``name_weight``). One criterion decides what belongs
together: average linkage, the mean cosine between the articles of two groups, must reach
``threshold``. A batch is first grouped among itself by it (``batch_groups``), then each group
joins the open story it is most similar to by the same measure, or opens a new story. Stories
keep the sum of their members' vectors, their size and time span (the mean cosine between two
groups is the dot product of their sums over the product of their sizes), so a batch is compared
with story sums only: history is never re-clustered, and the cost of a batch grows with the
number of stories open in the time window, not with the number of articles ever seen.
The IDF comes from document frequencies counted over the stream so far (``DocFreq``), also kept
in the store.

Time: a dated article may join a story only if it was published within ``window_days`` of the
story's span; older stories are not even loaded. An undated article, or a story without dates,
is compared on content alone (the Multi-News benchmark has no dates), and the story's outlier
check (``outliers.py``) then catches an article about another meeting of the same people.

Deterministic: articles are sorted by (published, id) within a batch, ties in the similarity go
to the earlier group and the older story, and story ids derive from their founding article.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

import numpy as np
import scipy.sparse as sp

from newsdigest.batch_groups import group_batch
from newsdigest.model import Article, story_id
from newsdigest.timeutil import utc_or_none

TERM_BITS = 18
NAME_BITS = 14
DIM = (1 << TERM_BITS) + (1 << NAME_BITS)
LEAD_WORDS = 300
KEEP_TERMS = 1000  # a stored centroid keeps its heaviest terms: bounded size per story

# Capitalized words and runs of them ("Mike Pompeo", "Sochi"), a cheap stand-in for NER.
_NAME = re.compile(r"\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*\b")
_NOT_NAMES = frozenset(
    """The A An In On At For And But Or If It Its This That These Those He She They We You I
    His Her Their Our Your Mr Mrs Ms Dr As By From To Of With After Before When While Where What
    Who Why How Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March
    April May June July August September October November December Read More Share Click Photo
    Image Video Advertisement According There Here Some Many Most One Two Three New Last First
    Now Then Also Still Yet Just So Not No Yes Today Yesterday Tomorrow""".split()
)


@dataclass(frozen=True)
class ClusterParams:
    """The few knobs of the clusterer (chosen by cross-validation, see BENCHMARKS.md)."""

    threshold: float = 0.125  # mean cosine between the articles of two groups
    name_weight: float = 0.15  # share of the who/where cue in the similarity
    window_days: float = 3.0
    lead_words: int = LEAD_WORDS


@dataclass
class DocFreq:
    """Hashed document frequencies of the stream so far: the IDF without a fitted vocabulary."""

    counts: np.ndarray = field(default_factory=lambda: np.zeros(1 << TERM_BITS, np.int64))
    docs: int = 0

    def update(self, tf: sp.csr_matrix) -> None:
        self.counts += np.bincount(tf.indices, minlength=self.counts.size).astype(np.int64)
        self.docs += tf.shape[0]

    def idf(self) -> np.ndarray:
        return (np.log((1 + self.docs) / (1 + self.counts)) + 1).astype(np.float32)

    def to_bytes(self) -> bytes:
        return np.int64(self.docs).tobytes() + self.counts.astype(np.int32).tobytes()

    @classmethod
    def from_bytes(cls, blob: bytes) -> DocFreq:
        docs = int(np.frombuffer(blob[:8], dtype=np.int64)[0])
        return cls(np.frombuffer(blob[8:], dtype=np.int32).astype(np.int64), docs)


@dataclass(eq=False)
class Cluster:
    """A story under construction: the running sum of member vectors and its time span."""

    id: str
    seq: int
    size: int
    vector_sum: sp.csr_matrix  # 1 x DIM
    first_published: datetime | None = None
    last_published: datetime | None = None

    def note_time(self, published: datetime | None) -> None:
        if published is not None:
            self.first_published = min(filter(None, [self.first_published, published]))
            self.last_published = max(filter(None, [self.last_published, published]))

    def to_bytes(self) -> bytes:
        """The heaviest ``KEEP_TERMS`` entries of the sum as (int32 index, float32 value)."""
        row = self.vector_sum.tocoo()
        order = np.argsort(-row.data, kind="stable")[:KEEP_TERMS]
        keep = np.sort(order)
        return (
            np.int32(len(keep)).tobytes()
            + row.col[keep].astype(np.int32).tobytes()
            + row.data[keep].astype(np.float32).tobytes()
        )

    @staticmethod
    def vector_from_bytes(blob: bytes) -> sp.csr_matrix:
        n = int(np.frombuffer(blob[:4], dtype=np.int32)[0])
        cols = np.frombuffer(blob[4 : 4 + 4 * n], dtype=np.int32)
        vals = np.frombuffer(blob[4 + 4 * n : 4 + 8 * n], dtype=np.float32)
        return sp.csr_matrix((vals, (np.zeros(n, dtype=np.int32), cols)), shape=(1, DIM))


@dataclass
class ClusterState:
    """The open stories a batch may join, and the stream's document frequencies."""

    clusters: list[Cluster] = field(default_factory=list)
    next_seq: int = 1
    doc_freq: DocFreq = field(default_factory=DocFreq)


@dataclass(frozen=True)
class Assignment:
    """Where one batch went: article id → story id, and the stories it created or changed."""

    members: dict[str, str]
    changed: tuple[Cluster, ...]
    created: tuple[str, ...]


def lead_text(article: Article, words: int = LEAD_WORDS) -> str:
    """Title and the first ``words`` words: where news puts who, what and where."""
    body = " ".join(article.text.split()[:words])
    return f"{article.title}\n{body}" if article.title else body


def names(text: str) -> list[str]:
    """Capitalized names in ``text`` (sentence-initial function words dropped), lowercased."""
    found: list[str] = []
    for m in _NAME.finditer(text):
        words = [w for w in re.split(r"[ -]", m.group(0)) if w not in _NOT_NAMES]
        found.extend(w.lower() for w in words if len(w) > 2)
    return found


def _term_counts(texts: Sequence[str]) -> sp.csr_matrix:
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(
        n_features=1 << TERM_BITS, alternate_sign=False, norm=None, stop_words="english"
    )
    return vectorizer.transform(list(texts)).tocsr()


def _name_counts(texts: Sequence[str]) -> sp.csr_matrix:
    from sklearn.feature_extraction.text import HashingVectorizer

    vectorizer = HashingVectorizer(
        n_features=1 << NAME_BITS, analyzer=names, alternate_sign=False, norm=None
    )
    return vectorizer.transform(list(texts)).tocsr()


def _l2_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return sp.diags(1 / np.maximum(norms, 1e-12)) @ m


def article_vectors(
    articles: Sequence[Article], doc_freq: DocFreq, params: ClusterParams
) -> sp.csr_matrix:
    """One L2-normalized sparse row per article: [sqrt(1-w) * tfidf, sqrt(w) * names].

    The dot product of two rows is (1-w) * content cosine + w * name cosine. ``doc_freq`` is
    updated with the articles first, so a term new to the stream is not weighted as common.
    """
    leads = [lead_text(a, params.lead_words) for a in articles]
    tf = _term_counts(leads)
    doc_freq.update(tf)
    tf.data = np.log1p(tf.data)  # sublinear tf
    content = _l2_rows(tf @ sp.diags(doc_freq.idf()))
    who = _name_counts(leads)
    who.data = np.log1p(who.data)
    who = _l2_rows(who)
    w = params.name_weight
    rows = sp.hstack([np.sqrt(1 - w) * content, np.sqrt(w) * who], format="csr")
    return _l2_rows(rows).astype(np.float32).tocsr()


def _spans_meet(
    cluster: Cluster, first: datetime | None, last: datetime | None, window: timedelta
) -> bool:
    """Whether a group dated ``first``..``last`` lies within ``window`` of the story's span."""
    if first is None or last is None:
        return True
    if cluster.first_published is None or cluster.last_published is None:
        return True
    return cluster.first_published - window <= last and first <= cluster.last_published + window


def assign_batch(
    state: ClusterState,
    articles: Sequence[Article],
    params: ClusterParams = ClusterParams(),
) -> Assignment:
    """Put each article of a batch in an open story or a new one; ``state`` is updated in place.

    The batch is first grouped among itself (``batch_groups``, average linkage). Then each
    group, in the order of its first article, joins the open story it is most similar to on
    average (the mean cosine between its articles and the story's, from the story's vector sum
    and size) if that reaches ``threshold``, else it opens a new story. One criterion inside
    the batch and against history. Earlier stories are never split or merged: a batch only adds
    to them, and the stories it opens were already kept apart by the grouping.
    """
    ordered = sorted(
        articles,
        key=lambda a: (a.published is None, utc_or_none(a.published) or datetime.min, a.id),
    )
    if not ordered:
        return Assignment({}, (), ())
    vectors = article_vectors(ordered, state.doc_freq, params)
    times = [utc_or_none(a.published) for a in ordered]
    window = timedelta(days=params.window_days)
    gram = (vectors @ vectors.T).toarray().astype(np.float64)
    groups = group_batch(
        gram,
        [t.timestamp() if t else None for t in times],
        params.threshold,
        window.total_seconds(),
    )
    onehot = np.zeros((len(groups), len(ordered)))
    for k, rows in enumerate(groups):
        onehot[k, rows] = 1.0
    group_dots = onehot @ gram @ onehot.T  # group sum · group sum
    before = len(state.clusters)
    sizes = np.array([c.size for c in state.clusters], dtype=np.float64)
    raw = np.zeros((len(groups), before))  # group sum · story sum, for the stories before
    if before:
        sums = sp.vstack([c.vector_sum for c in state.clusters], format="csr")
        raw = onehot @ (vectors @ sums.T).toarray().astype(np.float64)
    members: dict[str, str] = {}
    joined: dict[int, list[int]] = {}
    created: list[str] = []
    for k, rows in enumerate(groups):
        dated = [t for t in (times[r] for r in rows) if t is not None]
        first, last = (min(dated), max(dated)) if dated else (None, None)
        sims = raw[k] / (np.maximum(sizes, 1.0) * len(rows))
        best = -1
        for i in np.argsort(-sims, kind="stable"):
            if sims[i] < params.threshold:
                break
            if _spans_meet(state.clusters[int(i)], first, last, window):
                best = int(i)
                break
        if best >= 0:
            # later groups see the story with this group in it
            raw[:, best] += group_dots[:, k]
            sizes[best] += len(rows)
            state.clusters[best].note_time(first)
            state.clusters[best].note_time(last)
        else:
            best = len(state.clusters)
            state.clusters.append(
                Cluster(
                    id=story_id([ordered[rows[0]].id]),
                    seq=state.next_seq,
                    size=0,
                    vector_sum=sp.csr_matrix((1, vectors.shape[1]), dtype=np.float32),
                    first_published=first,
                    last_published=last,
                )
            )
            state.next_seq += 1
            created.append(state.clusters[best].id)
        joined.setdefault(best, []).extend(rows)
        for r in rows:
            members[ordered[r].id] = state.clusters[best].id
    changed = []
    for i, rows in joined.items():
        cluster = state.clusters[i]
        added = sp.csr_matrix(vectors[sorted(rows)].sum(axis=0), dtype=np.float32)
        cluster.vector_sum = (cluster.vector_sum + added).tocsr()
        cluster.size += len(rows)
        changed.append(cluster)
    return Assignment(members, tuple(changed), tuple(created))


def close_old(state: ClusterState, now: datetime | None, window_days: float) -> None:
    """Drop from memory the dated stories that ended more than a window before ``now``."""
    now_utc = utc_or_none(now)
    if now_utc is None:
        return
    limit = now_utc - timedelta(days=window_days)
    state.clusters = [
        c for c in state.clusters if c.last_published is None or c.last_published >= limit
    ]


def cluster_stream(
    batches: Sequence[Sequence[Article]], params: ClusterParams = ClusterParams()
) -> dict[str, str]:
    """Cluster batches one after another in memory: article id → story id."""
    state = ClusterState()
    members: dict[str, str] = {}
    for batch in batches:
        members.update(assign_batch(state, batch, params).members)
    return members

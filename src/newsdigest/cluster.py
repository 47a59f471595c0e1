"""Event clustering of an article stream: one ``EventClusterer`` for the CLI, the server and Spark.

Each article of a batch, in publication order, joins the open story (opened before the batch
or earlier in it) with the highest probability under the fitted link model
(``event_model.LinkModel``) if that reaches the model's threshold, or opens a new story. A model
may instead group a batch first (``group_threshold`` below 1): average linkage on the pairwise
probability between its articles, each taken as a story of one, then each group joins the story
open before the batch with the highest mean probability over its articles. An article left alone
in a story it opened is then offered every story as the batch left them, once. The model sees the
cosine between an article and a story's centroid in four spaces (title + lead words, whole-text
words, named entities, headline words), how far the whole-text cosine falls below the one
with the article's nearest neighbour (``_nearest``: news of one event is closer to each other
than to anything else, however little wording they share), the days since the story's span (a
story decays with quiet time rather than closing at a fixed window) and the story's size. The
weights and thresholds were fitted with cross-validation grouped by event
(``bench/fit_event_model.py``). A story quiet for longer than the model's ``quiet_days`` is
closed: it is neither loaded nor compared again, so the cost of a batch follows the number of
open stories.

Stories keep the sum of their members' vectors (the heaviest terms when stored), their size and
time span; the inverse document frequencies come from counts over the stream so far
(``DocFreq``, hashed, so no vocabulary is ever refitted), kept in the store, on top of a
shipped background table of the same counts over other news (``background_doc_freq``), so that
a stream's first weeks are not weighed by themselves alone. A naive datetime is UTC
(``timeutil``). Deterministic: a batch is taken in (published, id) order, ties in the
probability go to the older story, and story ids derive from their founding article.
"""

from __future__ import annotations

import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone
from functools import lru_cache
from importlib import resources

import numpy as np
import scipy.sparse as sp

from newsdigest.event_model import (
    ArticleFeatures,
    LinkModel,
    body_text,
    days_apart,
    features_of,
    lead_text,
    shipped_link_model,
    time_features,
)
from newsdigest.model import Article, story_id
from newsdigest.tfidf import content_words
from newsdigest.timeutil import utc_or_none

TERM_BITS = 18
ENTITY_BITS = 16
TERMS = 1 << TERM_BITS
DIM = TERMS + (1 << ENTITY_BITS)  # words, then entity keys: one document-frequency table
BLOCKS = ("lead", "body", "entities", "title")
KEEP = {"lead": 400, "body": 1000, "entities": 200, "title": 200}  # stored entries per centroid
BACKGROUND_FILE = "idf_background.npz"
STATE_MAGIC = b"EVT2"
DOC_FREQ_MAGIC = b"DFS1"  # ``DocFreq.to_bytes``: the non-zero slots alone
_STATE_BLOCKS = {b"EVT1": BLOCKS[:3], STATE_MAGIC: BLOCKS}  # what each state version stores

Decide = Callable[[Sequence[int], np.ndarray, np.ndarray], int]


@lru_cache(maxsize=1)
def background_doc_freq() -> tuple[np.ndarray, int]:
    """The shipped background table (``bench/idf_background.py``: NeuS train, ~7,300 headlines
    and leads, no clustering data): hashed document frequencies (read-only, ``DIM`` slots)
    and its number of documents."""
    blob = resources.files("newsdigest").joinpath("data", BACKGROUND_FILE).read_bytes()
    with np.load(io.BytesIO(blob)) as table:
        if int(table["size"]) != DIM:
            raise ValueError(
                f"{BACKGROUND_FILE} has {int(table['size'])} slots, the clusterer hashes into "
                f"{DIM}: rebuild it with bench/idf_background.py"
            )
        counts = np.zeros(DIM, np.int64)
        counts[table["slots"]] = table["counts"]
        docs = int(table["docs"])
    counts.flags.writeable = False
    return counts, docs


@dataclass
class DocFreq:
    """Hashed document frequencies of the stream so far: the IDF without a fitted vocabulary."""

    counts: np.ndarray = field(default_factory=lambda: np.zeros(DIM, np.int64))
    docs: int = 0

    def update(self, presence: sp.csr_matrix) -> None:
        self.counts += np.bincount(presence.indices, minlength=self.counts.size).astype(np.int64)
        self.docs += presence.shape[0]

    def idf(self) -> np.ndarray:
        """Smooth IDF over the background table's documents and the stream's, as if the table's
        had come first: the first weeks of a stream (a few articles) get a news-wide IDF
        instead of one from themselves. Cross-validated (``bench/fit_event_model.py``) it
        raised the dev stream's B-cubed F1 from 0.904 to 0.920 and Multi-News' from 0.888 to
        0.906. Only the stream's counts are stored, so states stored before still load."""
        background, background_docs = background_doc_freq()
        docs = 1 + background_docs + self.docs
        return (np.log(docs / (1 + background + self.counts)) + 1).astype(np.float32)

    def to_bytes(self) -> bytes:
        """The non-zero slots alone (``DOC_FREQ_MAGIC``, documents, slot count, slots, counts):
        the store rewrites this after every batch, and the dense table was 1.3 MB each time
        (``DIM`` int32 counts) where the dev stream's 383 articles fill ~5% of the slots."""
        slots = np.flatnonzero(self.counts).astype(np.int32)
        return b"".join(
            [
                DOC_FREQ_MAGIC,
                np.int64(self.docs).tobytes(),
                np.int32(slots.size).tobytes(),
                slots.tobytes(),
                self.counts[slots].astype(np.int32).tobytes(),
            ]
        )

    @classmethod
    def from_bytes(cls, blob: bytes) -> DocFreq:
        """The table ``to_bytes`` wrote, or the dense one stored before it (``DIM`` int32
        counts after the documents); a blob of neither shape starts the counts afresh."""
        if blob.startswith(DOC_FREQ_MAGIC) and len(blob) >= 16:
            docs = int(np.frombuffer(blob[4:12], dtype=np.int64)[0])
            n = int(np.frombuffer(blob[12:16], dtype=np.int32)[0])
            if 0 <= n <= DIM and len(blob) == 16 + 8 * n:
                slots = np.frombuffer(blob[16 : 16 + 4 * n], dtype=np.int32)
                if not n or (slots.min() >= 0 and slots.max() < DIM):
                    counts = np.zeros(DIM, np.int64)
                    counts[slots] = np.frombuffer(blob[16 + 4 * n :], dtype=np.int32)
                    return cls(counts, docs)
        if len(blob) == 8 + 4 * DIM:  # dense, as stored before the sparse form
            docs = int(np.frombuffer(blob[:8], dtype=np.int64)[0])
            return cls(np.frombuffer(blob[8:], dtype=np.int32).astype(np.int64), docs)
        return cls()  # written by an older clusterer: start the counts afresh


def _empty_row() -> sp.csr_matrix:
    return sp.csr_matrix((1, DIM), dtype=np.float32)


@dataclass(eq=False)
class Cluster:
    """A story under construction: per block the running sum of member vectors; its span."""

    id: str
    seq: int
    size: int
    sums: dict[str, sp.csr_matrix]  # block -> 1 x DIM
    first_published: datetime | None = None
    last_published: datetime | None = None

    def note_time(self, published: datetime | None) -> None:
        if published is not None:
            self.first_published = min(filter(None, [self.first_published, published]))
            self.last_published = max(filter(None, [self.last_published, published]))

    def to_bytes(self) -> bytes:
        """Per block the heaviest ``KEEP`` entries of the sum as (int32 index, float32 value)."""
        out = [STATE_MAGIC]
        for block in BLOCKS:
            row = self.sums[block].tocoo()
            keep = np.sort(np.argsort(-row.data, kind="stable")[: KEEP[block]])
            out += [
                np.int32(len(keep)).tobytes(),
                row.col[keep].astype(np.int32).tobytes(),
                row.data[keep].astype(np.float32).tobytes(),
            ]
        return b"".join(out)

    @staticmethod
    def sums_from_bytes(blob: bytes) -> dict[str, sp.csr_matrix] | None:
        """The block sums of a stored state; None for a state of no known version. A state
        written before titles were a block has an empty title sum: the story stays open.

        Each refresh loads its open stories' states from the store, which stays the truth:
        the same bytes decode to the same sums, so a state already decoded in this process is
        not decoded again (``_decoded_sums``); one another writer changed is new bytes."""
        sums = _decoded_sums(blob)
        return None if sums is None else dict(sums)

    @staticmethod
    def has_headlines(blob: bytes) -> bool:
        """Whether a stored state holds the headline block (written since it was one)."""
        return blob.startswith(STATE_MAGIC)


# stored states kept decoded (``Cluster.sums_from_bytes``): ~2-30 KB each, a few open stories
# a batch (dev stream through the API: 415 states loaded in 48 batches)
STATE_CACHE = 1024


@lru_cache(maxsize=STATE_CACHE)
def _decoded_sums(blob: bytes) -> dict[str, sp.csr_matrix] | None:
    """``Cluster.sums_from_bytes``'s decoding, kept: its sums are shared by every cluster
    loaded from these bytes, so they are read-only (the clusterer replaces a sum, never
    changes one in place: an in-place change would raise here, not alter another story)."""
    sums = _read_sums(blob)
    for row in (sums or {}).values():
        for part in (row.data, row.indices, row.indptr):
            part.flags.writeable = False
    return sums


def _read_sums(blob: bytes) -> dict[str, sp.csr_matrix] | None:
    stored = _STATE_BLOCKS.get(blob[: len(STATE_MAGIC)])
    if stored is None:
        return None
    sums, at = {b: _empty_row() for b in BLOCKS}, len(STATE_MAGIC)
    for block in stored:
        if at + 4 > len(blob):
            return None  # cut short: read as a state of no known version
        n = int(np.frombuffer(blob[at : at + 4], dtype=np.int32)[0])
        if n < 0 or at + 4 + 8 * n > len(blob):
            return None
        cols = np.frombuffer(blob[at + 4 : at + 4 + 4 * n], dtype=np.int32)
        vals = np.frombuffer(blob[at + 4 + 4 * n : at + 4 + 8 * n], dtype=np.float32)
        if n and (cols.min() < 0 or cols.max() >= DIM):
            return None
        sums[block] = sp.csr_matrix((vals, (np.zeros(n, dtype=np.int32), cols)), shape=(1, DIM))
        at += 4 + 8 * n
    return sums


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


_INT32_MIN = -(2**31)


def _hash_rows(rows: Sequence[Sequence[str]], n_features: int) -> sp.csr_matrix:
    """Counts of hashed features, one row per token list: scikit-learn's ``FeatureHasher``
    (signed 32-bit MurmurHash3 of the UTF-8 bytes, seed 0, ``abs(h) % n``, no alternating
    sign), written out with ``mmh3`` so that clustering does not import scikit-learn (~0.9 s of
    every ``stories`` run). Stored centroids are in this space: a test holds the two equal."""
    import mmh3

    indices: list[int] = []
    indptr = [0]
    wrap = (2147483647 - (n_features - 1)) % n_features  # abs(-2**31) % n, as scikit-learn
    for tokens in rows:
        for token in tokens:
            h = mmh3.hash(token.encode("utf-8", "surrogatepass"), 0, signed=True)
            indices.append(wrap if h == _INT32_MIN else abs(h) % n_features)
        indptr.append(len(indices))
    counts = sp.csr_matrix(
        (np.ones(len(indices)), np.array(indices, dtype=np.int32), np.array(indptr)),
        shape=(len(rows), n_features),
    )
    counts.sum_duplicates()
    return counts


def _hashed(texts: Sequence[str]) -> sp.csr_matrix:
    counts = _hash_rows([content_words(t) for t in texts], TERMS)
    return sp.hstack([counts, sp.csr_matrix((len(texts), DIM - TERMS))], format="csr")


def _hashed_keys(keys: Sequence[Sequence[str]]) -> sp.csr_matrix:
    counts = _hash_rows(keys, DIM - TERMS)
    return sp.hstack([sp.csr_matrix((len(keys), TERMS)), counts], format="csr")


def _l2_rows(m: sp.csr_matrix) -> sp.csr_matrix:
    norms = np.sqrt(np.asarray(m.multiply(m).sum(axis=1)).ravel())
    return (sp.diags(1 / np.maximum(norms, 1e-12)) @ m).astype(np.float32).tocsr()


def _presence(body: sp.csr_matrix, entities: sp.csr_matrix) -> sp.csr_matrix:
    both = (body + entities).tocsr()
    both.data = np.ones_like(both.data)
    return both


def doc_freq_increment(
    articles: Sequence[Article], features: Sequence[ArticleFeatures] | None = None
) -> DocFreq:
    """What these articles add to the stream's document frequencies (Spark sums these)."""
    features = features if features is not None else features_of(articles)
    increment = DocFreq()
    increment.update(_presence(_hashed([body_text(a) for a in articles]),
                               _hashed_keys([f.entities for f in features])))  # fmt: skip
    return increment


MIN_HEADLINE_WORDS = 3


def headline_words(article: Article) -> str:
    """The headline as evidence of the event, or "" where it is none: a page titled with its
    outlet's name ("ABC News", equal to its source) or too short to name an event ("Video",
    "Reuters"), which would otherwise make every such pair of pages look alike."""
    title = article.title or ""
    if len(content_words(title)) < MIN_HEADLINE_WORDS:
        return ""
    if article.source and " ".join(title.casefold().split()) == " ".join(
        article.source.casefold().split()
    ):
        return ""
    return title


def headline_sum(articles: Sequence[Article], doc_freq: DocFreq) -> sp.csr_matrix:
    """The headline block's sum over a story's articles, as ``article_vectors`` would have
    added it up (with today's document frequencies): for a story stored before headlines were
    a block."""
    if not articles:
        return _empty_row()
    rows = _tfidf_rows(_hashed([headline_words(a) for a in articles]), doc_freq.idf())
    return sp.csr_matrix(rows.sum(axis=0), dtype=np.float32)


def _tfidf_rows(counts: sp.csr_matrix, idf: np.ndarray) -> sp.csr_matrix:
    """L2-normalized TF-IDF rows of hashed counts (sublinear tf), ``idf`` a weight a column.

    Computed over the columns the rows use and put back in place: scipy's product with the
    IDF's diagonal and its row sums had worked through all ``DIM`` columns (327,680) each time,
    ~1 CPU-s of the dev stream's API replay in the main process. Its products and sums visit
    a row's entries in their stored order whatever the columns are called, so the narrow
    matrix gives the same entries in the same order: the same floats (a test holds them
    equal to the full-width product on the dev stream)."""
    counts = counts.astype(np.float32)
    counts.data = np.log1p(counts.data)
    if not counts.nnz:
        return sp.csr_matrix(counts.shape, dtype=np.float32)
    used, narrow = np.unique(counts.indices, return_inverse=True)
    rows = _l2_rows(
        sp.csr_matrix(
            (counts.data, narrow.astype(counts.indices.dtype), counts.indptr),
            shape=(counts.shape[0], len(used)),
        )
        @ sp.diags(idf[used])
    )
    return sp.csr_matrix((rows.data, used[rows.indices], rows.indptr), shape=counts.shape)


def article_vectors(
    articles: Sequence[Article],
    features: Sequence[ArticleFeatures],
    doc_freq: DocFreq,
) -> dict[str, sp.csr_matrix]:
    """Per block one L2-normalized TF-IDF row per article (sublinear tf, stream IDF).

    ``doc_freq`` is updated with the articles first, so a term new to the stream is not
    weighted as common.
    """
    lead = _hashed([lead_text(a) for a in articles])
    body = _hashed([body_text(a) for a in articles])
    entities = _hashed_keys([f.entities for f in features])
    title = _hashed([headline_words(a) for a in articles])
    doc_freq.update(_presence(body, entities))
    idf = doc_freq.idf()
    blocks = (("lead", lead), ("body", body), ("entities", entities), ("title", title))
    return {block: _tfidf_rows(counts, idf) for block, counts in blocks}


class _Linker:
    """The dot products one batch needs, kept current as its articles join stories.

    For each block: the batch's articles against the stories' sums (``dots``), among themselves
    (``gram``), and each story sum's squared norm, so the cosine with a centroid is one lookup.
    """

    def __init__(self, state: ClusterState, vectors: dict[str, sp.csr_matrix]) -> None:
        b = vectors["body"].shape[0]
        c = len(state.clusters)
        self.dots: dict[str, np.ndarray] = {}
        self.gram: dict[str, np.ndarray] = {}
        self.sqnorm: dict[str, np.ndarray] = {}
        for block, v in vectors.items():
            dots = np.zeros((b, c + b))
            sq = np.zeros(c + b)
            if c:
                sums = sp.vstack([k.sums[block] for k in state.clusters], format="csr")
                dots[:, :c] = (v @ sums.T).toarray()
                sq[:c] = np.asarray(sums.multiply(sums).sum(axis=1)).ravel()
            self.dots[block] = dots
            self.gram[block] = (v @ v.T).toarray().astype(np.float64)
            self.sqnorm[block] = sq
        self.nearest = _nearest(
            self.gram["body"], self.dots["body"][:, :c], self.sqnorm["body"][:c]
        )

    def features(
        self, row: int, stories: np.ndarray, timing: np.ndarray, sizes: np.ndarray
    ) -> np.ndarray:
        """``event_model.FEATURES`` of article ``row`` against ``stories`` (indices)."""
        cols = [
            self.dots[b][row, stories] / np.sqrt(np.maximum(self.sqnorm[b][stories], 1e-12))
            for b in BLOCKS
        ]
        gap = cols[BLOCKS.index("body")] - self.nearest[row]
        return np.column_stack([*cols, timing, np.log(np.maximum(sizes, 1.0)), gap])

    def join(self, row: int, story: int) -> None:
        for b in BLOCKS:
            self.sqnorm[b][story] += 2 * self.dots[b][row, story] + self.gram[b][row, row]
            self.dots[b][:, story] += self.gram[b][:, row]


def _nearest(gram: np.ndarray, dots: np.ndarray, sqnorm: np.ndarray) -> np.ndarray:
    """Each article's highest whole-text cosine with another article of its batch or with a
    story open before it (0 where there is none): how close its nearest neighbour is, taken
    once per batch. The ``body_gap`` feature is a cosine less this; cross-validated by event
    (``bench/fit_event_model.py``, one run each) it kept the dev stream's B-cubed F1 at 0.925
    and raised Multi-News' 0.905 -> 0.910 (each fold's weights at the setting each shipped:
    dev 0.926 -> 0.929, Multi-News 0.908 -> 0.913)."""
    others = gram - np.diag(np.full(gram.shape[0], np.inf))
    stories = dots / np.sqrt(np.maximum(sqnorm, 1e-12))
    return np.maximum(np.hstack([others, stories, np.zeros((gram.shape[0], 1))]).max(axis=1), 0.0)


def reading_order(articles: Sequence[Article]) -> list[Article]:
    """The order a batch is linked in: by publication time (undated last), then id."""
    return sorted(
        articles,
        key=lambda a: (
            a.published is None,
            utc_or_none(a.published) or datetime.min.replace(tzinfo=timezone.utc),
            a.id,
        ),
    )


def days_between(ordered: Sequence[Article]) -> np.ndarray:
    """Days between each pair of articles; NaN where either is undated."""
    when = [utc_or_none(a.published) for a in ordered]
    seconds = np.array([w.timestamp() if w else np.nan for w in when])
    return np.abs(seconds[:, None] - seconds[None, :]) / 86400


def pair_features(linker: _Linker, days: np.ndarray) -> np.ndarray:
    """``event_model.FEATURES`` of every pair of a batch's articles, each taken as a story of
    one (the model was fitted on article-story pairs; a single article is such a story)."""
    n = days.shape[0]
    cos = [linker.gram[b] for b in BLOCKS]
    dated = np.where(np.isnan(days), 0.0, 1.0)
    log_days = np.where(np.isnan(days), 0.0, np.log1p(np.nan_to_num(days)))
    gap = linker.gram["body"] - linker.nearest[:, None]
    return np.stack([*cos, dated, log_days, np.zeros((n, n)), gap], axis=-1)


# In a batch with no dated article, two articles link directly only if each is among the other's
# this many nearest by whole-text cosine (mutual nearest neighbours): a link to an article that
# has nearer partners elsewhere is dropped. Undated items of the same people at other times
# (NeuS: eight McConnell events, four monthly jobs reports) are near each other, but each event's
# items nearer still; nothing else parts them. Chosen on Multi-News and NeuS train as one batch
# each (k 2/3/5/8: 3 best together), NeuS val held out: 0.844 -> 0.879 in process
# (``bench/undated_piles.py``; BENCHMARKS.md, session of 2026-12-03 18:57 UTC).
UNDATED_NEIGHBOURS = 3


def mutual_neighbours(gram: np.ndarray, k: int) -> np.ndarray:
    """Pairs (n x n, symmetric) where each article is among the other's ``k`` nearest by
    ``gram`` (cosines; ties to the earlier article, so the same batch gives the same pairs)."""
    n = gram.shape[0]
    near = gram.copy()
    np.fill_diagonal(near, -np.inf)
    top = np.argsort(-near, axis=1, kind="stable")[:, : min(k, n - 1)]
    is_near = np.zeros((n, n), dtype=bool)
    is_near[np.repeat(np.arange(n), top.shape[1]), top.ravel()] = True
    return is_near & is_near.T


def group_batch(
    linker: _Linker,
    ordered: Sequence[Article],
    model: LinkModel,
    quiet_days: float,
    undated_neighbours: int = UNDATED_NEIGHBOURS,
) -> list[list[int]]:
    """Average-link groups of a batch on the link model's pairwise probability, cut where the
    mean probability between two groups falls below ``model.group_threshold``; each group in
    reading order, groups by their first article. Two articles more than ``quiet_days`` apart
    never link directly (as a story closes), so no group spans a quiet gap of the stream. In a
    batch with no dated article only mutual ``undated_neighbours``-nearest pairs link directly
    (``UNDATED_NEIGHBOURS``; 0: every pair)."""
    n = len(ordered)
    if n < 2:
        return [[k] for k in range(n)]
    from scipy.cluster.hierarchy import fcluster, linkage
    from scipy.spatial.distance import squareform

    days = days_between(ordered)
    p = model.probability(pair_features(linker, days).reshape(n * n, -1)).reshape(n, n)
    p[np.nan_to_num(days) > quiet_days] = 0.0
    if undated_neighbours and n > 2 and all(a.published is None for a in ordered):
        p[~mutual_neighbours(linker.gram["body"], undated_neighbours)] = 0.0
    distance = 1.0 - (p + p.T) / 2
    np.fill_diagonal(distance, 0.0)
    tree = linkage(squareform(distance, checks=False), method="average")
    labels = fcluster(tree, t=1.0 - model.group_threshold, criterion="distance")
    groups: dict[int, list[int]] = {}
    for row, label in enumerate(labels):
        groups.setdefault(int(label), []).append(row)
    return sorted(groups.values(), key=lambda g: g[0])


def link_batch(
    state: ClusterState,
    articles: Sequence[Article],
    features: Sequence[ArticleFeatures],
    decide: Decide,
    quiet_days: float,
    group: Callable[[_Linker, Sequence[Article]], list[list[int]]] | None = None,
    again: bool = False,
) -> Assignment:
    """Put each group of a batch's articles in a story chosen by ``decide``; ``state`` is
    updated.

    ``group`` cuts the batch into groups (rows in reading order); without it every article is
    its own group and may also join a story opened earlier in the batch. With it, a group is
    offered only the stories open before the batch (the grouping already decided within it).
    ``decide(rows, x, candidates)`` gets the feature rows (``event_model.FEATURES``) of each
    article of the group against each open story (``x``: rows x candidates x features;
    ``candidates``: indices in ``state.clusters``; a story quiet for more than ``quiet_days``
    is not offered) and returns a candidate's position, or -1 to open a new story. Articles
    go in (published, id) order. With ``again``, an article left alone in a story it opened
    is then offered every story as the batch left them (``_alone_again``).
    """
    by_id = {f.article_id: f for f in features}
    ordered = reading_order(articles)
    if not ordered:
        return Assignment({}, (), ())
    vectors = article_vectors(ordered, [by_id[a.id] for a in ordered], state.doc_freq)
    linker = _Linker(state, vectors)
    groups = group(linker, ordered) if group else [[k] for k in range(len(ordered))]
    before = len(state.clusters) if group else None
    opened_from, first_seq = len(state.clusters), state.next_seq
    members: dict[str, str] = {}
    joined: dict[int, list[int]] = {}
    created: list[str] = []
    for rows in groups:
        offered = state.clusters[:before] if before is not None else state.clusters
        sizes = np.array([c.size + len(joined.get(i, ())) for i, c in enumerate(offered)])
        xs = []
        open_ = np.zeros(0, int)
        for row in rows:
            when = utc_or_none(ordered[row].published)
            apart = [days_apart(when, c.first_published, c.last_published) for c in offered]
            if row == rows[0]:
                open_ = np.array(_still_open(apart, quiet_days), int)
            xs.append(linker.features(row, open_, _timing(apart, open_), sizes[open_]))
        pick = decide(rows, np.stack(xs), open_)
        if pick >= 0:
            story = int(open_[pick])
        else:
            story = len(state.clusters)
            state.clusters.append(
                Cluster(
                    id=story_id([ordered[rows[0]].id]),
                    seq=state.next_seq,
                    size=0,
                    sums={b: _empty_row() for b in BLOCKS},
                )
            )
            state.next_seq += 1
            created.append(state.clusters[story].id)
        for row in rows:
            linker.join(row, story)
            joined.setdefault(story, []).append(row)
            state.clusters[story].note_time(utc_or_none(ordered[row].published))
            members[ordered[row].id] = state.clusters[story].id
    emptied: set[int] = set()
    if again:
        emptied = _alone_again(linker, ordered, state, joined, decide, quiet_days, opened_from)
        for story in emptied:
            created.remove(state.clusters[story].id)
        for story, rows in joined.items():
            for row in rows:
                members[ordered[row].id] = state.clusters[story].id
    changed = []
    for i, rows in joined.items():
        if i in emptied:
            continue
        cluster = state.clusters[i]
        # the rows summed sparse: ``.sum(axis=0)`` is a dense row as wide as the hash space,
        # 1.5 ms for each story and block of every batch
        ones = sp.csr_matrix(np.ones((1, len(rows)), dtype=np.float32))
        for b in BLOCKS:
            added = (ones @ vectors[b][sorted(rows)]).astype(np.float32)
            cluster.sums[b] = (cluster.sums[b] + added).tocsr()
        cluster.size += len(rows)
        changed.append(cluster)
    if emptied:
        state.clusters = [c for i, c in enumerate(state.clusters) if i not in emptied]
        for seq, cluster in enumerate(state.clusters[opened_from:], start=first_seq):
            cluster.seq = seq  # numbered as if the emptied stories had never opened
        state.next_seq = first_seq + len(state.clusters) - opened_from
    return Assignment(members, tuple(changed), tuple(created))


def _still_open(apart: Sequence[float | None], quiet_days: float) -> list[int]:
    """Positions of the stories an article may join: those it is no more than ``quiet_days``
    from (``days_apart``; undated ones stay open)."""
    return [k for k, d in enumerate(apart) if d is None or d <= quiet_days]


def _timing(apart: Sequence[float | None], positions: Sequence[int] | np.ndarray) -> np.ndarray:
    """The time features (``time_features``) of the stories at ``positions``, a row each."""
    return np.array([time_features(apart[k]) for k in positions]).reshape(len(positions), 2)


def _alone_again(
    linker: _Linker,
    ordered: Sequence[Article],
    state: ClusterState,
    joined: dict[int, list[int]],
    decide: Decide,
    quiet_days: float,
    opened_from: int,
) -> set[int]:
    """Offer each article that opened a story of the batch and stayed alone in it every other
    open story as the batch left them, the batch's own included, and move it where ``decide``
    puts it; returns the stories so emptied. A batch's group is offered only the stories open
    before the batch, and each article of an ungrouped batch only those opened before it, so
    two pieces of one event in one batch could otherwise not meet (cross-validated by event,
    ``bench/fit_event_model.py``: dev stream B-cubed F1 0.921 -> 0.926, Multi-News 0.908 both,
    each fold's weights at the shipped setting). ``joined`` is updated."""
    emptied: set[int] = set()
    alone = sorted(
        (rows[0], story)
        for story, rows in joined.items()
        if story >= opened_from and len(rows) == 1
    )
    for row, story in alone:
        if len(joined[story]) != 1:
            continue  # another article of the batch has joined it meanwhile
        when = utc_or_none(ordered[row].published)
        offered = [i for i in range(len(state.clusters)) if i != story and i not in emptied]
        apart = [
            days_apart(when, state.clusters[i].first_published, state.clusters[i].last_published)
            for i in offered
        ]
        positions = _still_open(apart, quiet_days)
        if not positions:
            continue
        candidates = np.array([offered[k] for k in positions], int)
        timing = _timing(apart, positions)
        sizes = np.array([state.clusters[i].size + len(joined.get(i, ())) for i in candidates])
        pick = decide([row], linker.features(row, candidates, timing, sizes)[None], candidates)
        if pick < 0:
            continue
        target = int(candidates[pick])
        linker.join(row, target)
        joined.setdefault(target, []).append(row)
        joined[story] = []
        emptied.add(story)
        state.clusters[target].note_time(when)
    return emptied


def model_decision(model: LinkModel) -> Decide:
    """Join the open story with the highest mean probability over the group's articles (average
    link between group and story) if it reaches the model's threshold."""

    def decide(rows: Sequence[int], x: np.ndarray, candidates: np.ndarray) -> int:
        if not len(candidates):
            return -1
        n, c, f = x.shape
        p = model.probability(x.reshape(n * c, f)).reshape(n, c).mean(axis=0)
        best = int(np.argmax(p))  # first maximum: the older story
        return best if p[best] >= model.threshold else -1

    return decide


def assign_batch(
    state: ClusterState,
    articles: Sequence[Article],
    clusterer: EventClusterer,
    features: Sequence[ArticleFeatures] | None = None,
) -> Assignment:
    """One batch through ``clusterer``'s model; ``state`` is updated in place."""
    if features is None:
        features = features_of(articles, clusterer.spacy_model)
    model = clusterer.model

    def group(linker: _Linker, ordered: Sequence[Article]) -> list[list[int]]:
        return group_batch(
            linker, ordered, model, clusterer.quiet_days, clusterer.undated_neighbours
        )

    return link_batch(
        state,
        articles,
        features,
        model_decision(model),
        clusterer.quiet_days,
        group if model.group_threshold < 1.0 else None,
        again=True,
    )


def close_quiet(state: ClusterState, now: datetime | None, quiet_days: float) -> None:
    """Drop from memory the dated stories quiet for more than ``quiet_days`` before ``now``."""
    now_utc = utc_or_none(now)
    if now_utc is None or quiet_days == float("inf"):
        return
    limit = now_utc - timedelta(days=quiet_days)
    state.clusters = [
        c for c in state.clusters if c.last_published is None or c.last_published >= limit
    ]


class EventClusterer:
    """Stories from a stream of article batches (scikit-learn style: settings here, work in
    ``partial_fit``, the state in ``state``, which the store saves and loads)."""

    def __init__(
        self,
        model: LinkModel | None = None,
        *,
        quiet_days: float | None = None,
        spacy_model: str = "",
        state: ClusterState | None = None,
        undated_neighbours: int = UNDATED_NEIGHBOURS,
    ) -> None:
        self.model = model or shipped_link_model()
        self.undated_neighbours = undated_neighbours  # ``group_batch``; 0: every pair links
        self.quiet_days = self.model.quiet_days if quiet_days is None else quiet_days
        self.spacy_model = spacy_model
        self.state = state or ClusterState()
        self.last_: Assignment = Assignment({}, (), ())

    def quiet_window(self) -> timedelta:
        """How long a story may go without an article before it closes."""
        return timedelta(days=min(self.quiet_days, 36500.0))

    def partial_fit(
        self,
        articles: Sequence[Article],
        features: Sequence[ArticleFeatures] | None = None,
    ) -> dict[str, str]:
        """Assign one batch: article id → story id. ``features`` (one per article, from
        ``event_model.article_features``) may come from a cache; they are computed if not."""
        self.last_ = assign_batch(self.state, articles, self, features)
        return self.last_.members


def cluster_stream(
    batches: Sequence[Sequence[Article]], clusterer: EventClusterer | None = None
) -> dict[str, str]:
    """Cluster batches one after another in memory: article id → story id."""
    clusterer = clusterer or EventClusterer()
    members: dict[str, str] = {}
    for batch in batches:
        members.update(clusterer.partial_fit(batch))
    return members

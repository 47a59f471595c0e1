"""Stories from a stream: the Python API behind ``newsdigest ingest`` and ``newsdigest stories``.

``ingest`` reads inputs into a store in batches (one transaction each) and says what happened to
every record; ``build_stories`` clusters the articles not yet clustered into events (joining
open stories or opening new ones), rebuilds the digest of every story that changed, and returns
the stories. Both are idempotent: running them again on the same input changes nothing.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from numbers import Integral
from typing import TYPE_CHECKING, Any

from newsdigest.analysis import ANALYSIS_VERSION, ArticleAnalysis, analyze, from_record, to_record
from newsdigest.config import StoryConfig
from newsdigest.errors import (
    InputError,
    Refusals,
    check_hooks,
    one_line,
    reason_counts,
    total_of,
)
from newsdigest.model import Article, Story
from newsdigest.store.base import AnalysisRecord, ClusterRow, Store
from newsdigest.timeutil import utc

if TYPE_CHECKING:  # the clusterer (scipy.sparse) is imported when clustering, not by `ingest`
    from newsdigest.cluster import Cluster, EventClusterer

INGEST_BATCH = 200
CLUSTER_BATCH = 500
# An undated pile (no pending article has a publication time) is clustered in batches of up to
# this many: nothing orders such a pile in time, so a cut every CLUSTER_BATCH falls anywhere, and
# the articles after it join the stories before it only by centroid (NeuS val through the CLI
# 0.836 -> 0.880 as one batch, with the mutual-neighbour rule). Bounded by memory: a batch's n x n
# arrays cost ~120 bytes a pair; ``stories --no-facts`` on a 2,000-article undated pile peaks at
# 775 MB (297 MB in batches of 500; BENCHMARKS.md, session of 2026-12-03 18:57 UTC, "Shipped").
UNDATED_BATCH = 2_000
PARSE_BATCH = 64  # articles of stale stories analysed together when stories are rebuilt
# Stories are built in several processes when their members hold this many characters in all:
# sending a story to a worker costs ~1 ms, a build 15-70 ms (the seeds' two dated stories,
# medians of 7 rebuilds: 68 -> 58 ms with facts, 17.7 -> 15.1 ms without)
MIN_SHARED_BUILD_CHARS = 5_000


@dataclass(frozen=True)
class IngestReport:
    """Counts of one ingest run; ``rejected`` holds one InputError per unusable input."""

    read: int = 0
    stored: int = 0
    duplicates: int = 0
    near_duplicates: int = 0
    # the first refusals whole, all counted (``Refusals``: a file of a million bad records
    # had kept a million errors)
    rejected: Sequence[InputError] = ()
    stored_ids: tuple[str, ...] = field(default=(), repr=False)

    def line(self) -> str:
        """The final count line ``newsdigest ingest`` prints: the rejected counted by reason
        ("rejected 2 (1 binary file (not text); 1 empty file)")."""
        reasons = reason_counts(self.rejected)
        return (
            f"read {self.read}, stored {self.stored}, duplicates {self.duplicates} "
            f"({self.near_duplicates} near-duplicate{'' if self.near_duplicates == 1 else 's'}), "
            f"rejected {total_of(self.rejected)}" + (f" ({reasons})" if reasons else "")
        )


def _batches(items: Iterator[Article | InputError], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` articles, each with the refusals read among them; a run of refusals
    alone is passed on every ``size`` too, so they are said as they come. The batch had
    recounted its articles at every item: 20,000 refused records took 18 s, a million hours."""
    batch: list[Any] = []
    articles = refused = 0
    for item in items:
        batch.append(item)
        if isinstance(item, Article):
            articles += 1
        else:
            refused += 1
        if articles >= size or refused >= size:
            yield batch
            batch = []
            articles = refused = 0
    if batch:
        yield batch


INGEST_OPTIONS = ("batch_size", "on_error", "on_batch", "on_notice")


def check_ingest_options(options: Mapping[str, Any]) -> None:
    """``TypeError`` or ``ValueError`` for an ``ingest`` option that is unknown or of the wrong
    kind, before any input is read or store made: ``batch_size="x"`` had been "'>=' not
    supported between instances of 'int' and 'str'" at the first article (0 and -5 read as
    1), and ``store_articles(..., bogus=1)`` "ingest() got an unexpected keyword argument"
    after the store was made."""
    unknown = [name for name in options if name not in INGEST_OPTIONS]
    if unknown:
        raise TypeError(
            f"unknown option {unknown[0]!r}; the options are {', '.join(INGEST_OPTIONS)}"
        )
    size = options.get("batch_size", INGEST_BATCH)
    if not isinstance(size, Integral) or isinstance(size, bool):
        raise TypeError(f"batch_size must be a whole number, not {size!r}")
    if size < 1:
        raise ValueError(f"batch_size must be a positive number, not {size!r}")
    check_hooks(**{k: v for k, v in options.items() if k != "batch_size"})


def ingest(
    inputs: Iterable[str | os.PathLike[str]] | str | os.PathLike[str],
    store: Store,
    *,
    batch_size: int = INGEST_BATCH,
    on_error: Callable[[InputError], None] | None = None,
    on_batch: Callable[[int], None] | None = None,
    on_notice: Callable[[str], None] | None = None,
) -> IngestReport:
    """Read files/folders (any supported format) into ``store``; one transaction per batch.

    Bad records are collected (and passed to ``on_error`` as they come) and never stop the run.
    ``on_batch`` gets the number of records handled after each committed batch (progress);
    ``on_notice`` one line a folder on its files of other formats, which are skipped.
    """
    from newsdigest.ingest import iter_articles

    check_ingest_options(
        {
            "batch_size": batch_size,
            "on_error": on_error,
            "on_batch": on_batch,
            "on_notice": on_notice,
        }
    )
    if isinstance(inputs, (str, os.PathLike)):
        inputs = [inputs]
    read = stored = duplicates = near = 0
    rejected = Refusals()
    stored_ids: list[str] = []
    for batch in _batches(iter_articles(list(inputs), on_notice=on_notice), batch_size):
        articles = [x for x in batch if isinstance(x, Article)]
        for error in (x for x in batch if isinstance(x, InputError)):
            rejected.append(error)
            if on_error:
                on_error(error)
        read += len(articles)
        if articles:
            result = store.add_articles(articles)
            stored += len(result.stored)
            duplicates += len(result.duplicates)
            near += len(result.near_duplicates)
            stored_ids.extend(result.stored)
        if on_batch:
            on_batch(len(batch))
    return IngestReport(
        read=read,
        stored=stored,
        duplicates=duplicates,
        near_duplicates=near,
        rejected=rejected,
        stored_ids=tuple(stored_ids),
    )


# ---- clustering --------------------------------------------------------------------------


DOC_FREQ_KEY = "event_doc_freq"


def _cluster_from_row(row: ClusterRow) -> Cluster | None:
    """The stored story as the clusterer keeps it; None for a state an older clusterer wrote
    (that story stays as it is, closed to new articles)."""
    from newsdigest.cluster import Cluster

    sums = Cluster.sums_from_bytes(row.state)
    if sums is None:
        return None
    return Cluster(
        id=row.id,
        seq=row.seq,
        size=row.size,
        sums=sums,
        first_published=row.first_published,
        last_published=row.last_published,
    )


def _row_from_cluster(cluster: Cluster) -> ClusterRow:
    return ClusterRow(
        id=cluster.id,
        seq=cluster.seq,
        size=cluster.size,
        first_published=cluster.first_published,
        last_published=cluster.last_published,
        state=cluster.to_bytes(),
    )


def _oldest(articles: Sequence[Article]) -> datetime | None:
    dated = [utc(a.published) for a in articles if a.published]
    return min(dated) if dated else None


def clustering_batch(
    position: int,
    last_dated: int,
    batch_size: int = CLUSTER_BATCH,
    undated_batch_size: int = UNDATED_BATCH,
) -> int:
    """The clustering batch of the pending article at ``position`` (0-based, stored order)
    when the last dated one is at ``last_dated`` (-1: none): batches of ``batch_size`` while a
    dated article is still pending at a batch's start, then (every article left undated) of
    ``undated_batch_size``. ``cluster_pending`` and the Spark job's ``number_batches`` both
    batch by this rule, so an interrupted pass resumes on the same cuts."""
    undated_from = (last_dated // batch_size + 1) * batch_size  # 0 when nothing is dated
    if position < undated_from:
        return position // batch_size
    return undated_from // batch_size + (position - undated_from) // undated_batch_size


def cluster_pending(
    store: Store,
    clusterer: EventClusterer | None = None,
    *,
    batch_size: int = CLUSTER_BATCH,
    undated_batch_size: int = UNDATED_BATCH,
    on_batch: Callable[[int], None] | None = None,
    parse: bool = False,
) -> int:
    """Assign every not-yet-clustered article to a story; returns how many were assigned.

    Batches of ``batch_size`` in stored order; once no pending article is dated, of
    ``undated_batch_size`` (``clustering_batch``: an undated pile is clustered at once).

    ``parse``: the articles' facts parse is made now (their stories are about to be built
    with facts), so the clusterer's entity keys come from its NER instead of one of their own.

    Holds the store's clustering lock for the whole pass (the CLI, the server and other
    writers must not cluster from the same stale state). Only the stories still open for the
    first batch (quiet for less than the clusterer's quiet period) are loaded; each batch is
    saved in one transaction, so an interrupted run resumes where it stopped.
    """
    with store.clustering_lock():
        if not store.unclustered(limit=1):
            return 0  # the clusterer (scipy.sparse) is imported only when there is work for it
        from newsdigest.cluster import Cluster, ClusterState, DocFreq, EventClusterer, headline_sum
        from newsdigest.event_model import ArticleFeatures

        clusterer = clusterer or EventClusterer()
        loaded = False
        done = 0
        while True:
            dated = store.unclustered_dated()
            batch = store.unclustered(limit=batch_size if dated else undated_batch_size)
            if not batch:
                return done
            if not loaded:
                oldest = _oldest(batch)
                since = oldest - clusterer.quiet_window() if oldest else None
                rows = store.load_clusters(active_since=since)
                blob = store.load_cluster_meta(DOC_FREQ_KEY)
                doc_freq = DocFreq.from_bytes(blob) if blob else DocFreq()
                clusters = []
                for row in rows:
                    cluster = _cluster_from_row(row)
                    if cluster is None:
                        continue
                    if not Cluster.has_headlines(row.state):
                        # stored before headlines were a block: its headline sum from its
                        # articles, or no article could match it on headlines
                        cluster.sums["title"] = headline_sum(
                            store.cluster_articles(row.id), doc_freq
                        )
                    clusters.append(cluster)
                clusterer.state = ClusterState(
                    clusters=clusters, next_seq=store.max_cluster_seq() + 1, doc_freq=doc_freq
                )
                loaded = True
            try:
                analyses = _analyses(store, batch, parse=parse, entities=True)
            except Exception:
                if not parse:
                    raise
                # a parse that fails (one bad article) must not stop the clustering: the keys
                # are recognized on their own, and the story that holds the article is the
                # only one its failure stops when stories are built (``refresh_stories``)
                analyses = _analyses(store, batch, parse=False, entities=True)
            clusterer.partial_fit(
                batch, [ArticleFeatures(a.id, analyses[a.id].entities or ()) for a in batch]
            )
            result = clusterer.last_
            store.save_clustering(
                [_row_from_cluster(c) for c in result.changed],
                result.members,
                {DOC_FREQ_KEY: clusterer.state.doc_freq.to_bytes()},
            )
            done += len(batch)
            if on_batch:
                on_batch(len(batch))


@dataclass(frozen=True)
class StoryFailure:
    """A story whose digest could not be (fully) built; the others are built regardless."""

    story_id: str
    reason: str
    without_facts: bool  # True: saved with its digest but no facts; False: not rebuilt

    @property
    def outcome(self) -> str:
        """What became of the story, as every report of it says: "saved without facts" or
        "not rebuilt"."""
        return "saved without facts" if self.without_facts else "not rebuilt"


def refresh_stories(
    store: Store,
    config: StoryConfig | None = None,
    *,
    clusterer: EventClusterer | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
    on_failure: Callable[[StoryFailure], None] | None = None,
) -> list[str]:
    """Cluster new articles and rebuild the digest of every story that changed; returns the ids
    of the stories rebuilt. Holds the store's clustering lock throughout, so the CLI and a web
    server (or two servers) never cluster from the same state at once.

    One story that cannot be built never stops the others: if its facts fail it is saved
    without them, if its digest fails it is left stale, and either way ``on_failure`` is told.
    """

    config = config or StoryConfig()
    rebuilt: list[str] = []
    with store.clustering_lock():
        cluster_pending(store, clusterer, parse=config.facts)
        settings = config.fingerprint()
        if store.story_settings() != settings:
            # stories built with other settings (another --words, --no-facts) are rebuilt:
            # what is printed is what was asked for
            store.change_story_settings(settings)
        stale = store.stale_clusters()
        n = 0
        for group in _story_groups(store, stale, PARSE_BATCH):
            shared = _group_analyses(store, group, parse=config.facts)
            jobs: list[_BuildJob] = []
            for cluster_id, members in group:
                try:
                    analyses = (
                        {a.id: shared[a.id] for a in members}
                        if all(a.id in shared for a in members)
                        else _analyses(store, members, parse=config.facts)
                    )
                except Exception as exc:  # noqa: BLE001 - one story never stops the others
                    n += 1
                    if on_failure:
                        on_failure(StoryFailure(cluster_id, one_line(exc), without_facts=False))
                    continue
                if not config.facts:  # the parse is read by the facts alone: not sent
                    analyses = _without_parses(analyses)
                jobs.append(_BuildJob(cluster_id, tuple(members), config, analyses))
            # the stories are independent: built side by side on the spaCy workers' CPUs
            built = _build_all(jobs, config)
            # the group's stories are saved in one transaction, each reported once saved: a
            # commit each was one fsync a story (dev stream through the API: 143 of 289; 51 now), and
            # a process that dies before the commit leaves these stories stale, rebuilt next
            # time, and loses none saved before
            urls = store.urls_of([a.id for job in jobs for a in job.members])
            done: list[tuple[int, Story | None, list[StoryFailure]]] = []
            for job, (story, failures) in zip(jobs, built, strict=True):
                n += 1
                if story is not None:
                    story = replace(story, urls={a.id: urls.get(a.id, ()) for a in job.members})
                done.append((n, story, failures))
            # a story that could not be built is told before the save, so a save that fails
            # (a full disk, a lost connection) still leaves its failure said
            for _, story, failures in done:
                if story is None and on_failure:
                    for failure in failures:
                        on_failure(failure)
            if any(story is not None for _, story, _ in done):
                store.save_stories([story for _, story, _ in done if story is not None])
            for (k, story, failures), job in zip(done, jobs, strict=True):
                if story is None:
                    continue
                for failure in failures:  # saved without facts: said once it is saved
                    if on_failure:
                        on_failure(failure)
                rebuilt.append(job.cluster_id)
                if on_progress:
                    on_progress("digest", k, len(stale))
    return rebuilt


def _builds_shared(config: StoryConfig) -> bool:
    """Whether stories built with ``config`` go to the spaCy workers: only when a build needs
    no model the workers lack (they inherit spaCy). A summarizer passed built stays in this
    process, with what it records (the abstractive one's ``unsupported_``) and the model it
    may load; so does a neural embedder (MiniLM: 410 MB more in each worker that loads it)."""
    return isinstance(config.summarizer, str) and config.embedder in (None, "default", "tfidf")


# A story's facts cost about this share of its build, its digest the rest (dev stream through
# the API, profiled: facts with their parses read 20.8 s of 26.4)
FACTS_SHARE = 0.8


def _build_all(
    jobs: Sequence[_BuildJob], config: StoryConfig
) -> list[tuple[Story | None, list[StoryFailure]]]:
    """Each job's story and failures (``_build_job``), built side by side when shared (the
    spaCy workers' CPUs). With facts, each story is two parts, its digest (``build_story``
    with facts off) and its facts (``pipeline.story_facts``), put together here: one story
    had been one share, so a refresh of a single story (18 of the dev stream's 51 through the
    API, 4.1 of the main process's 8.6 build CPU-s) kept the worker idle, and the heaviest of
    two left it idle for most of the build."""
    from newsdigest.parallel import map_shared, worker_count

    weights = [sum(len(a.text) for a in job.members) for job in jobs]
    shared = _builds_shared(config) and sum(weights) >= MIN_SHARED_BUILD_CHARS
    workers = worker_count() if shared else 1
    if not (config.facts and workers > 1):
        return map_shared(
            _build_job, jobs, weights, workers=workers, min_weight=MIN_SHARED_BUILD_CHARS
        )
    digest = replace(config, facts=False)
    parts = [
        part
        for job in jobs
        for part in (
            _BuildPart(job, True),
            # the digest never reads a parse: its members' are not sent (about twice the
            # size of their texts)
            _BuildPart(
                replace(job, config=digest, analyses=_without_parses(job.analyses)),
                False,
            ),
        )
    ]
    shares = [
        w * (FACTS_SHARE if facts else 1 - FACTS_SHARE) for w in weights for facts in (True, False)
    ]
    done = map_shared(_build_part, parts, shares, workers=workers)
    out: list[tuple[Story | None, list[StoryFailure]]] = []
    for k, job in enumerate(jobs):
        facts, error = done[2 * k]
        story, failures = done[2 * k + 1]
        if story is None:  # its digest failed: not rebuilt, as a whole build's second try
            out.append((None, failures))
        elif error is not None:  # saved without facts, as ``_build`` does
            out.append((story, [*failures, StoryFailure(job.cluster_id, error, True)]))
        else:
            out.append((replace(story, facts=facts), failures))
    return out


def _without_parses(analyses: Mapping[str, ArticleAnalysis]) -> dict[str, ArticleAnalysis]:
    """``analyses`` without their spaCy parses, which the facts alone read (a parse is about
    twice its text's size to send to a worker)."""
    return {aid: replace(x, doc=None) for aid, x in analyses.items()}


@dataclass(frozen=True)
class _BuildPart:
    """One story's facts (``facts``) or its digest (``job`` with facts off and no parses),
    built apart (``_build_all``)."""

    job: _BuildJob
    facts: bool


def _build_part(part: _BuildPart) -> Any:
    """(facts, None) or (None, the error's line) for the facts; ``_build_job``'s answer for
    the digest (its job has facts off). Raises nothing."""
    job = part.job
    if not part.facts:
        return _build_job(job)
    from newsdigest.pipeline import story_facts

    try:
        return story_facts(job.members, job.config, analyses=job.analyses), None
    except Exception as exc:  # noqa: BLE001 - the story is saved without its facts
        return None, one_line(exc)


@dataclass(frozen=True)
class _BuildJob:
    """What one story's rebuild needs, sent whole to the process that builds it."""

    cluster_id: str
    members: tuple[Article, ...]
    config: StoryConfig
    analyses: Mapping[str, ArticleAnalysis]


def _build_job(job: _BuildJob) -> tuple[Story | None, list[StoryFailure]]:
    """The story (None when it cannot be built) and what went wrong on the way; raises
    nothing, so a failure is reported the same whichever process built the story."""
    from newsdigest.pipeline import build_story

    failures: list[StoryFailure] = []
    try:
        story = _build(
            build_story, job.members, job.config, job.cluster_id, job.analyses, failures.append
        )
    except Exception as exc:  # noqa: BLE001 - one story never stops the others
        failures.append(StoryFailure(job.cluster_id, one_line(exc), without_facts=False))
        return None, failures
    return story, failures


def _story_groups(
    store: Store, cluster_ids: Sequence[str], max_articles: int
) -> Iterator[list[tuple[str, list[Article]]]]:
    """The stale stories with their members, a few stories at a time (at most ``max_articles``
    articles, or one larger story), so their analyses are made together, in bounded memory."""
    group: list[tuple[str, list[Article]]] = []
    size = 0
    for cluster_id in cluster_ids:
        members = store.cluster_articles(cluster_id)
        if group and size + len(members) > max_articles:
            yield group
            group, size = [], 0
        group.append((cluster_id, members))
        size += len(members)
    if group:
        yield group


def _group_analyses(
    store: Store, group: Sequence[tuple[str, Sequence[Article]]], *, parse: bool
) -> dict[str, ArticleAnalysis]:
    """The analyses of a group of stories' members, made in one batch (one ``nlp.pipe`` over
    every new article instead of one per story: 383 dev-stream articles in 151 story rebuilds).
    Empty if that fails: each story then analyses its own members, and the one whose analysis
    fails is reported as before."""
    try:
        return _analyses(store, [a for _, members in group for a in members], parse=parse)
    except Exception:  # noqa: BLE001 - the per-story pass names the story that fails
        return {}


def _analyses(
    store: Store, members: Sequence[Article], *, parse: bool, entities: bool = False
) -> dict[str, ArticleAnalysis]:
    """The members' per-article work: from the store, the missing part computed and kept."""
    records = store.get_analyses([a.id for a in members], ANALYSIS_VERSION)
    known = {a.id: from_record(a, r.data, r.doc) for a in members if (r := records.get(a.id))}
    analyses = analyze(members, parse=parse, entities=entities, known=known)
    new = {aid: AnalysisRecord(*to_record(x)) for aid, x in analyses.items() if known.get(aid) != x}
    if new:
        store.save_analyses(new, ANALYSIS_VERSION)
    return analyses


def _build(
    build_story: Callable[..., Story],
    members: Sequence[Article],
    config: StoryConfig,
    key: str,
    analyses: Mapping[str, ArticleAnalysis],
    on_failure: Callable[[StoryFailure], None] | None,
) -> Story:
    """The story, or (when only its facts fail) the story without facts."""
    try:
        return build_story(members, config, story_key=key, analyses=analyses)
    except Exception as exc:  # noqa: BLE001
        if not config.facts:
            raise
        story = build_story(members, replace(config, facts=False), story_key=key, analyses=analyses)
        if on_failure:
            on_failure(StoryFailure(key, one_line(exc), without_facts=True))
        return story


def build_stories(
    store: Store,
    since: datetime | None = None,
    config: StoryConfig | None = None,
    *,
    clusterer: EventClusterer | None = None,
    limit: int | None = None,
    on_progress: Callable[[str, int, int], None] | None = None,
    on_failure: Callable[[StoryFailure], None] | None = None,
) -> list[Story]:
    """Cluster new articles, rebuild the digests of stories that changed, return the stories.

    ``since`` keeps the stories with an article published at or after it (newest first).
    A story is rebuilt only when articles joined it, so a second call does no summarizing.
    """
    refresh_stories(
        store, config, clusterer=clusterer, on_progress=on_progress, on_failure=on_failure
    )
    return store.list_stories(since=since, limit=limit)

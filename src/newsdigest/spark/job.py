"""The corpus job: WARC files in, Parquet tables and JSON Lines out.

Stages and where data moves (docs/spark.md: the plan for 10 million articles)::

    WARC paths ─► read+clean per file ─► exact dedup ─► MinHashLSH near-dup ─► time segments ─►
    (narrow)      (executor)            (shuffle 1)    (shuffle 2: LSH join)   (shuffles 3, 4)
    cluster per segment + build_story per story ─► Parquet (articles, stories, citations) + JSONL
    (executor: the single-machine clusterer, then build_story after shuffle 5; models cached
    per worker)

Run with ``newsdigest spark``, ``python -m newsdigest.spark`` or
``spark-submit [--master ...] src/newsdigest/spark/job.py`` (spark-submit runs a script, not a
module); all of them take the same flags.
"""

from __future__ import annotations

import fnmatch
import glob
import json
import os
import sys
import tempfile
import time
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from newsdigest.config import StoryConfig
from newsdigest.errors import KEPT_REFUSALS, InputError, Refusals

if TYPE_CHECKING:
    from pyspark import RDD
    from pyspark.sql import SparkSession


@dataclass(frozen=True)
class JobConfig:
    """What to read, where to write, and the settings every story is built with."""

    inputs: tuple[str, ...]
    output: Path
    story: StoryConfig = field(default_factory=StoryConfig)
    partitions: int | None = None  # story-building partitions; default: Spark's parallelism
    kept_refusals: int = KEPT_REFUSALS  # bad records listed whole; all are counted


@dataclass(frozen=True)
class JobResult:
    """Counts a user checks after a run (also written to ``output/summary.json``)."""

    files: int
    articles_read: int
    exact_duplicates: int
    near_duplicates: int
    articles: int  # unique articles after both dedup passes
    stories: int
    # the first bad records (``KEPT_REFUSALS``), a line each: "<file>: record <id>: <reason>"
    rejected: tuple[str, ...]
    model_loads: int  # model loads across all Python workers (one per worker, not per row)
    model_load_workers: int  # distinct worker processes that loaded them
    seconds: float
    stage_seconds: dict[str, float] = field(default_factory=dict)
    rejected_total: int = 0  # every bad record, those not kept in ``rejected`` too
    rejected_left_out: str | None = None  # "9,000 more refused, not kept (9,000 empty file)"

    def as_dict(self) -> dict[str, Any]:
        return {
            "files": self.files,
            "articles_read": self.articles_read,
            "exact_duplicates": self.exact_duplicates,
            "near_duplicates": self.near_duplicates,
            "articles": self.articles,
            "stories": self.stories,
            "rejected": list(self.rejected),
            "rejected_total": self.rejected_total,
            "rejected_left_out": self.rejected_left_out,
            "model_loads": self.model_loads,
            "model_load_workers": self.model_load_workers,
            "seconds": round(self.seconds, 3),
            "stage_seconds": self.stage_seconds,
        }


def expand_inputs(patterns: Sequence[str]) -> list[str]:
    """Sorted, de-duplicated WARC paths from globs, files and folders (the driver's view)."""
    from newsdigest.ingest import walk_tree

    found: dict[str, None] = {}
    for pattern in patterns:
        path = Path(pattern)
        try:
            if path.is_dir():  # Path.rglob recursed once a level (1,200 deep: RecursionError)
                matches = sorted(
                    file
                    for root, _, names in walk_tree(pattern, lambda _: None)
                    for name in fnmatch.filter(names, "*.warc*")
                    if os.path.isfile(file := os.path.join(root, name))
                )
            else:
                matches = sorted(glob.glob(pattern)) or ([pattern] if path.is_file() else [])
        except OSError as exc:  # a name too long for the file system
            raise InputError(pattern, (exc.strerror or type(exc).__name__).lower()) from None
        if not matches:
            raise InputError(pattern, "no WARC files match")
        found.update(dict.fromkeys(matches))
    return list(found)


def make_output(folder: Path) -> None:
    """Create the output folder, or say in one line why it cannot be (an existing file of that
    name had ended the job in a traceback, after the JVM had started)."""
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        reason = (
            "a file, not a folder"
            if isinstance(exc, FileExistsError)
            else (exc.strerror or type(exc).__name__).lower()
        )
        raise InputError(str(folder), f"cannot write the output there ({reason})") from None


def _order(row: dict[str, Any]) -> tuple[int, int]:
    return (row["file"], row["record"])


def _earliest(a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    """Merge two readings of one text: keep the first read, collect every URL in read order."""
    first, second = (a, b) if _order(a) <= _order(b) else (b, a)
    merged = dict(first)
    merged["seen"] = sorted(first["seen"] + second["seen"])
    return merged


def _with_seen(row: dict[str, Any]) -> dict[str, Any]:
    row = dict(row)
    row["seen"] = [(row["file"], row["record"], row.get("url") or "")]
    return row


def first_per_url(articles: RDD) -> RDD:
    """Drop every reading of a URL after its first (shuffle 1a): the store keeps the text first
    stored under a URL and reports a later page under it as a duplicate."""

    def key(row: dict[str, Any]) -> tuple:
        return (row["url"],) if row.get("url") else ("", row["file"], row["record"])

    return (
        articles.map(lambda r: (key(r), r))
        .reduceByKey(lambda a, b: a if _order(a) <= _order(b) else b)
        .values()
    )


def exact_dedup(articles: RDD) -> RDD:
    """One row per article id (shuffle 1), the earliest reading kept, ``seen`` = every reading."""
    return articles.map(lambda r: (r["id"], _with_seen(r))).reduceByKey(_earliest).values()


def gather_refusals(rows: RDD, keep: int = KEPT_REFUSALS) -> Refusals:
    """The ``rejected`` rows as ingest holds them: the first ``keep`` whole, in reading order,
    and all of them counted by reason. The rows are counted on the executors and only the
    first ``keep`` brought to the driver: collecting every one had exhausted the driver's
    memory on a corpus of millions of bad records. Each partition holds its rows in reading
    order, and partitions follow the files' order (one file a partition)."""
    from collections import Counter

    def reasons(index: int, part: Iterable[dict[str, Any]]) -> Iterator[tuple[int, Counter]]:
        yield index, Counter(r["reason"] for r in part if r["kind"] == "rejected")

    counts = sorted(rows.mapPartitionsWithIndex(reasons).collect(), key=lambda c: c[0])
    quota: dict[int, int] = {}
    wanted = keep
    for index, counted in counts:
        if wanted <= 0:
            break
        if counted:
            quota[index] = min(wanted, counted.total())
            wanted -= quota[index]

    def first(index: int, part: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        wanted = quota.get(index, 0)
        for r in part:
            if wanted <= 0:
                return
            if r["kind"] == "rejected":
                wanted -= 1
                yield r

    kept = sorted(rows.mapPartitionsWithIndex(first).collect(), key=_order) if quota else []
    refusals = Refusals((InputError(r["name"], r["reason"]) for r in kept), keep=keep)
    refusals.by_reason = Counter()  # the executors' counts, of those not brought here too
    for _, counted in counts:
        refusals.by_reason.update(counted)
    refusals.total = refusals.by_reason.total()
    return refusals


class _StageClock:
    """Wall time per stage (each stage ends with the action that materializes it)."""

    def __init__(self) -> None:
        self.seconds: dict[str, float] = {}
        self._last = time.perf_counter()

    def lap(self, stage: str) -> None:
        now = time.perf_counter()
        self.seconds[stage] = round(now - self._last, 3)
        self._last = now


def run_job(spark: SparkSession, config: JobConfig) -> JobResult:
    """Run the whole job on ``spark`` and write the tables under ``config.output``."""
    from newsdigest.spark import executor, stages, tables

    started = time.perf_counter()
    clock = _StageClock()
    sc = spark.sparkContext
    paths = expand_inputs(config.inputs)
    make_output(config.output)

    # one task per WARC file, as Common Crawl's cc-pyspark does: a file is read sequentially
    rows = sc.parallelize(list(enumerate(paths)), len(paths)).mapPartitions(
        executor.read_warc_files
    )
    rows.persist()
    refusals = gather_refusals(rows, config.kept_refusals)
    # each line as ingest prints it (``InputError``): a file name's newline or undecodable
    # byte had split a line, or ended the job at rejected.txt with a UnicodeEncodeError
    rejected = tuple(str(error) for error in refusals)
    left_out = refusals.left_out_line()
    read = rows.filter(lambda r: r["kind"] == "article")
    articles_read = read.count()
    clock.lap("read+clean")

    unique = exact_dedup(first_per_url(read))
    unique.persist()
    n_unique = unique.count()
    exact_duplicates = articles_read - n_unique
    clock.lap("exact dedup")

    # MinHashLSH fits no empty table ("head of empty array", a Py4JJavaError traceback when
    # every input was rejected): nothing read, nothing to fold
    folded = stages.near_duplicates(spark, unique) if n_unique else {}
    kept = stages.fold_into_kept(unique, sc.broadcast(folded))
    kept.persist()
    n_kept = kept.count()
    clock.lap("near-dup (MinHashLSH)")

    loads = executor.pid_accumulator(sc)
    story_rows = stages.build_stories(
        spark, kept, config.story, loads=loads, partitions=config.partitions
    )
    story_rows.persist()
    n_stories = story_rows.count()
    clock.lap("cluster+summarize")
    tables.write_tables(spark, config.output, kept, story_rows)
    (config.output / "rejected.txt").write_text(
        "".join(line + "\n" for line in (*rejected, *([left_out] if left_out else []))),
        encoding="utf-8",
    )
    clock.lap("write")
    result = JobResult(
        files=len(paths),
        articles_read=articles_read,
        exact_duplicates=exact_duplicates,
        near_duplicates=len(folded),
        articles=n_kept,
        stories=n_stories,
        rejected=rejected,
        model_loads=len(loads.value),
        model_load_workers=len(set(loads.value)),
        seconds=time.perf_counter() - started,
        stage_seconds=clock.seconds,
        rejected_total=refusals.total,
        rejected_left_out=left_out,
    )
    (config.output / "summary.json").write_text(
        json.dumps(result.as_dict(), indent=2) + "\n", encoding="utf-8"
    )
    for persisted in (rows, unique, kept, story_rows):
        persisted.unpersist()
    return result


def _already_submitted() -> bool:
    """True under ``spark-submit`` (its master then wins over our local default)."""
    import os

    return "SPARK_SUBMIT_OPTS" in os.environ or any(
        k.startswith("PYSPARK_GATEWAY") for k in os.environ
    )


def submit(config: JobConfig, master: str | None = None, conf: dict[str, str] | None = None) -> int:
    """Run the job and report; returns the exit code (0 all records used, 1 some records
    rejected, 2 nothing usable). ``newsdigest spark`` parses the flags and calls this."""
    from newsdigest.errors import NewsdigestError, one_line
    from newsdigest.spark.session import master_error, start_session

    master = master or (None if _already_submitted() else "local[2]")
    bad_master = master_error(master) if master else None
    if bad_master:
        print(f"error: {bad_master}", file=sys.stderr)
        return 2
    try:
        expand_inputs(config.inputs)  # fail fast, before starting a JVM
        make_output(config.output)
        with tempfile.TemporaryDirectory(prefix="newsdigest-spark-") as scratch:
            try:
                spark = start_session(master, conf=conf or {}, scratch=Path(scratch))
            except Exception as exc:  # pyspark's and py4j's errors: Java gone, a bad --conf
                raise NewsdigestError(f"cannot start Spark: {one_line(exc)}") from None
            try:
                result = run_job(spark, config)
            finally:
                spark.stop()
    except NewsdigestError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    for line in result.rejected:
        print(f"error: {line}", file=sys.stderr)
    if result.rejected_left_out:
        print(f"error: {result.rejected_left_out}", file=sys.stderr)
    print(_summary_line(result, config.output), file=sys.stderr)
    if result.articles == 0:
        return 2
    return 1 if result.rejected_total else 0


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point for ``python -m newsdigest.spark`` and ``spark-submit``: the flags of
    ``newsdigest spark`` (declared once, in ``cli/spark.py``); returns the exit code."""
    import typer
    from typer.main import get_command

    from newsdigest.cli.spark import register

    app = typer.Typer(add_completion=False, pretty_exceptions_enable=False)
    register(app)
    command = get_command(app)
    from newsdigest.cli.common import usage_exit_code

    args = list(sys.argv[1:] if argv is None else argv)
    if "--help" not in args:
        # the settings every ``newsdigest`` command checks at start-up, before the JVM: a bad
        # NEWSDIGEST_WORKERS had run the whole job without a word here (its executors set 1)
        from newsdigest.cli import check_settings
        from newsdigest.cli.common import escape_unencodable_output, report_error
        from newsdigest.errors import NewsdigestError

        escape_unencodable_output()
        try:
            check_settings()
        except NewsdigestError as exc:
            report_error(str(exc))
            return 2
    try:  # a usage error is one line and exit 2, as for every command
        code = command.main(args=args, prog_name="newsdigest.spark", standalone_mode=False)
    except SystemExit as exc:
        return exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 2)
    except Exception as exc:
        status = usage_exit_code(exc)
        if status is None:
            raise
        return status
    return code if isinstance(code, int) else 0


def _count(n: int, one: str, many: str) -> str:
    """ "1 story", "2 stories"."""
    return f"{n} {one if n == 1 else many}"


def _summary_line(result: JobResult, output: Path) -> str:
    return (
        f"{_count(result.files, 'file', 'files')}, "
        f"{_count(result.articles_read, 'article', 'articles')} read, "
        f"{result.exact_duplicates} exact and {result.near_duplicates} near duplicates, "
        f"{_count(result.articles, 'unique article', 'unique articles')} in "
        f"{_count(result.stories, 'story', 'stories')}, "
        f"{result.rejected_total:,} rejected; {result.seconds:.1f} s -> {output}"
    )


def iter_jsonl(path: Path) -> Iterator[dict[str, Any]]:
    """Rows of one of the job's JSON Lines exports."""
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


if __name__ == "__main__":
    sys.exit(main())

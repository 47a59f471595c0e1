"""The Spark job (issue 7) in local mode on WARC files generated from real article texts.

One SparkSession and one job run serve every test (a JVM takes seconds to start). The corpus is
the five seed articles and Multi-News clusters published as full news pages (navigation, share
widgets, comment forms, scripts), with a syndicated copy, a near-duplicate re-post, a non-HTML
record and a file that is not a WARC at all. The job's stories must equal, field for field and
in the same order, what the single-machine path (``ingest`` + ``stories``) makes of the same
files.
"""

from __future__ import annotations

import importlib.util
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.spark

ROOT = Path(__file__).resolve().parents[1]
# Small inputs: whole-stage code generation and adaptive planning cost more than they save.
SMALL_DATA_CONF = {
    "spark.sql.codegen.wholeStage": "false",
    "spark.sql.adaptive.enabled": "false",
    "spark.sql.shuffle.partitions": "2",
    "spark.default.parallelism": "2",
}


def _corpus_module():  # bench/spark_corpus.py writes the WARC files (shared with the benchmark)
    spec = importlib.util.spec_from_file_location("spark_corpus", ROOT / "bench/spark_corpus.py")
    module = importlib.util.module_from_spec(spec)
    assert spec.loader is not None
    sys.modules["spark_corpus"] = module
    spec.loader.exec_module(module)
    return module


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory):
    folder = tmp_path_factory.mktemp("warc")
    written = _corpus_module().write_corpus(folder, clusters=2, files=2)
    # a download that is not a WARC at all: reported, the rest of the batch goes on
    (folder / "CC-NEWS-99999.warc.gz").write_bytes(b"\x1f\x8b\x08\x00" + os.urandom(512))
    # a name with a newline and a byte that is no UTF-8: its line had ended the job in a
    # UnicodeEncodeError at rejected.txt, after every stage had run
    (folder / os.fsdecode(b"CC-NEWS-\xff\nodd.warc.gz")).write_bytes(b"not a warc")
    return written, folder


def _spark_submit() -> Path:
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.fail("Spark needs a JRE: apt-get install openjdk-17-jre-headless (.ci/run does)")
    import pyspark

    return Path(pyspark.__file__).parent / "bin" / "spark-submit"


def _spark_cli(given: str, out: Path) -> subprocess.CompletedProcess[str]:
    """``newsdigest spark --input GIVEN --output OUT`` on one local core, without facts, as a
    user runs it (the checkout's source first on the path)."""
    command = [sys.executable, "-m", "newsdigest", "spark", "--input", given]
    command += ["--output", str(out), "--master", "local[1]", "--no-facts"]
    for key, value in SMALL_DATA_CONF.items():
        command += ["--conf", f"{key}={value}"]
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    return subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)


@pytest.fixture(scope="session")
def job(corpus, tmp_path_factory: pytest.TempPathFactory):
    """The job as a user submits it: ``spark-submit --master local[2] .../job.py`` (one JVM for
    the whole module); the result is the ``summary.json`` it writes."""
    import newsdigest.spark.job

    _, folder = corpus
    out = tmp_path_factory.mktemp("out")
    env = dict(os.environ, PYSPARK_PYTHON=sys.executable, PYSPARK_DRIVER_PYTHON=sys.executable)
    env["PYTHONPATH"] = os.pathsep.join([str(ROOT / "src"), env.get("PYTHONPATH", "")])
    command = [str(_spark_submit()), "--master", "local[2]"]
    for key, value in SMALL_DATA_CONF.items():
        command += ["--conf", f"{key}={value}"]
    command += [newsdigest.spark.job.__file__, "--input", str(folder / "*.warc.gz")]
    command += ["--output", str(out), "--no-facts"]
    done = subprocess.run(command, env=env, capture_output=True, text=True, timeout=600)
    # 1: some records were rejected (the corpus plants bad ones); the rest was processed
    assert done.returncode == 1, done.stderr[-3000:]
    result = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    # spark-submit relays the Python driver's stderr on its stdout (PythonRunner merges them)
    return result, out, done.stdout + done.stderr


@pytest.fixture(scope="session")
def single_machine(corpus, tmp_path_factory: pytest.TempPathFactory):
    """``newsdigest ingest`` + ``newsdigest stories --format json`` on the same files."""
    from newsdigest.config import StoryConfig
    from newsdigest.serialize import story_to_dict
    from newsdigest.store.sqlite import SqliteStore
    from newsdigest.stories import build_stories, ingest

    _, folder = corpus
    with SqliteStore(tmp_path_factory.mktemp("db") / "news.db") as store:
        report = ingest(sorted(str(p) for p in folder.glob("*.warc.gz")), store)
        stored = store.unclustered()  # every stored article, in the store's order
        stories = build_stories(store, config=StoryConfig(facts=False))
        return report, [story_to_dict(s) for s in stories], stored


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_stories_equal_the_single_machine_stories(job, single_machine) -> None:
    _, out, _ = job
    _, expected, _ = single_machine
    got = _lines(out / "stories.jsonl")
    assert [s["id"] for s in got] == [s["id"] for s in expected]
    for mine, theirs in zip(got, expected, strict=True):
        assert mine == theirs, f"story {mine['id']} differs"


def test_counts_match_ingest_and_every_duplicate_is_folded(job, corpus, single_machine) -> None:
    result, _, stderr = job
    written, _ = corpus
    report, _, _ = single_machine
    assert result["files"] == len(written.paths) + 2  # and the broken download, the odd name
    assert result["articles_read"] == report.read == written.pages
    assert result["articles"] == report.stored
    assert result["near_duplicates"] == report.near_duplicates == written.near_duplicates
    assert result["exact_duplicates"] + result["near_duplicates"] == report.duplicates
    assert result["exact_duplicates"] == written.exact_duplicates
    assert f"{result['articles']} unique articles in {result['stories']} stories," in stderr


def test_duplicates_are_found_across_files(corpus) -> None:
    """The corpus deals records round-robin, so a copy and its original sit in different WARC
    files (different partitions): only a corpus-wide pass can fold them."""
    from newsdigest.ingest import iter_articles
    from newsdigest.model import Article

    written, _ = corpus
    file_of: dict[str, set[int]] = {}
    for n, path in enumerate(written.paths):
        for item in iter_articles([path]):
            if isinstance(item, Article):
                file_of.setdefault(item.id, set()).add(n)
    assert any(len(files) > 1 for files in file_of.values())


def test_a_story_lists_each_copy_once_with_all_its_urls(job) -> None:
    _, out, _ = job
    stories = _lines(out / "stories.jsonl")
    members = [a for s in stories for a in s["articles"] + s["outliers"]]
    assert len({a["id"] for a in members}) == len(members)
    copies = 0
    for a in members:
        for url in a["urls"]:
            if url.startswith(("https://syndicated.", "https://repost.")):
                # the copy's URL is listed under the very article it copies
                original = url.split("?")[0].replace("syndicated.", "").replace("repost.", "")
                assert original in a["urls"]
                copies += 1
    assert copies >= 2


def test_the_seed_event_is_one_story_and_washington_another(job) -> None:
    _, out, _ = job
    stories = _lines(out / "stories.jsonl")

    def story_of(url_part: str) -> dict:
        return next(s for s in stories if any(url_part in a["url"] for a in s["articles"]))

    sochi = story_of("/000_")
    members = {a["url"].rsplit("/", 1)[-1][:3] for a in sochi["articles"] + sochi["outliers"]}
    assert {"000", "001", "002", "004"} <= members
    assert "003" not in members  # Washington, December 2019: months away, another story
    text = " ".join(s["text"] for s in sochi["summary"])
    assert "Pompeo" in text and "Lavrov" in text
    assert all(s["citations"] for s in sochi["summary"])
    for marker in ("Leave a Reply", "Share on Facebook", "We use cookies", "Most Read"):
        assert marker not in text


def test_bad_records_are_reported_and_the_batch_goes_on(job) -> None:
    result, out, stderr = job
    rejected = "\n".join(result["rejected"])
    assert "logo.png" in rejected and "not HTML" in rejected
    assert "CC-NEWS-99999.warc.gz" in rejected
    assert "CC-NEWS-\\udcff\\nodd.warc.gz: not a WARC file" in rejected  # escaped, one line
    assert len(result["rejected"]) == len(rejected.splitlines())
    assert (out / "rejected.txt").read_text(encoding="utf-8").strip() == rejected
    assert all(f"error: {line}" in stderr for line in result["rejected"])
    assert result["stories"] > 0


def _table(path: Path) -> list[dict]:
    import pyarrow.parquet as pq

    return pq.read_table(path).to_pylist()


def test_parquet_tables_hold_articles_stories_and_citations(job) -> None:
    result, out, _ = job
    stories = _lines(out / "stories.jsonl")
    articles = _table(out / "articles")
    assert len(articles) == result["articles"]
    by_story = {s["id"]: {a["id"] for a in s["articles"] + s["outliers"]} for s in stories}
    for row in articles:
        assert row["id"] in by_story[row["story_id"]]
        assert row["text"] and row["urls"][0] == row["url"]
    table = {r["id"]: r for r in _table(out / "stories")}
    assert set(table) == set(by_story)
    for s in stories:
        assert table[s["id"]]["summary"] == [x["text"] for x in s["summary"]]
        assert table[s["id"]]["article_ids"] == [a["id"] for a in s["articles"]]
    citations = _table(out / "citations")
    expected = {
        (s["id"], i, c["article"], c["sentence"])
        for s in stories
        for i, x in enumerate(s["summary"])
        for c in x["citations"]
    }
    got = {(c["story_id"], c["summary_index"], c["article_id"], c["sentence"]) for c in citations}
    assert got == expected
    assert all(any(c["origin"] for c in citations if c["story_id"] == s) for s in by_story)


def test_ingest_reads_the_articles_export_back_into_the_same_stories(job, tmp_path) -> None:
    """``newsdigest ingest out/articles.jsonl`` then ``stories``: the same stories, summaries
    and citations (only the URLs a copy was also seen under stay behind in the export)."""
    from newsdigest.config import StoryConfig
    from newsdigest.serialize import story_to_dict
    from newsdigest.store.sqlite import SqliteStore
    from newsdigest.stories import build_stories, ingest

    result, out, _ = job
    with SqliteStore(tmp_path / "again.db") as store:
        report = ingest([str(out / "articles.jsonl")], store)
        again = [story_to_dict(s) for s in build_stories(store, config=StoryConfig(facts=False))]
    assert report.read == report.stored == result["articles"]  # nothing lost, nothing folded
    spark_stories = _lines(out / "stories.jsonl")
    assert [s["id"] for s in again] == [s["id"] for s in spark_stories]
    for mine, theirs in zip(again, spark_stories, strict=True):
        assert mine["summary"] == theirs["summary"]
        assert [a["id"] for a in mine["articles"]] == [a["id"] for a in theirs["articles"]]
    # the export writes a time as the stories do ("2019-05-14T09:30:00+00:00"; it wrote "...Z")
    written = {a["id"]: a["published"] for s in spark_stories for a in s["articles"]}
    exported = {a["id"]: a["published"] for a in _lines(out / "articles.jsonl")}
    dated = [i for i in written if written[i]]
    assert dated and all(exported[i] == written[i] for i in dated)


def test_models_are_loaded_once_per_worker_not_per_row(job) -> None:
    result, _, _ = job
    assert result["model_loads"] >= 1
    assert result["model_loads"] == result["model_load_workers"]  # no worker loaded twice
    assert result["model_loads"] < result["stories"]  # ... and not once per story or article


def test_fold_keeps_the_store_rule_for_chains() -> None:
    from newsdigest.spark.neardup import fold_duplicates

    # b copies a; c copies b only: b is not stored, so c is compared with a alone and kept
    assert fold_duplicates(["a", "b", "c"], [("a", "b"), ("b", "c")]) == {"b": "a"}
    # d copies both a and c: folded into the earliest stored one
    assert fold_duplicates(["a", "b", "c", "d"], [("c", "d"), ("a", "d")]) == {"d": "a"}


def test_segments_open_only_after_gaps_longer_than_the_window() -> None:
    from datetime import timedelta

    from newsdigest.spark.stages import segment_of, segment_starts

    window = timedelta(days=3)
    hours = [0, 10, 80, 200, 201]  # 80 - 10 - 1 = 69 h gap (< 72), 200 - 80 - 1 = 119 h (> 72)
    starts = segment_starts(hours, window)
    assert starts == [0, 200]
    assert [segment_of(h, starts) for h in hours] == [0, 0, 0, 1, 1]
    assert segment_of(None, starts) == -1


def test_segment_clustering_over_many_batches_equals_the_store(
    single_machine, tmp_path, monkeypatch
) -> None:
    """The corpus is smaller than one clustering batch (500), so here batches of 2: each time
    segment is clustered on its own from per-partition document-frequency increments, and must
    give the store's ``cluster_pending`` assignment with the same IDF, batch by batch."""
    from dataclasses import replace

    import newsdigest.cluster
    import newsdigest.event_model
    import newsdigest.stories
    from newsdigest.spark.bindings import cluster_window
    from newsdigest.spark.executor import article_row
    from newsdigest.spark.stages import (
        add_doc_freqs,
        cluster_segment,
        hour_of,
        partial_doc_freqs,
        segment_of,
        segment_starts,
    )
    from newsdigest.store.sqlite import SqliteStore

    report, _, stored = single_machine
    batch = 2
    batch_of = {a.id: i // batch for i, a in enumerate(stored)}
    real_assign = newsdigest.cluster.assign_batch

    def recording(seen: dict[int, list]) -> object:
        def assign(state, articles, *rest):  # the document frequencies each batch clusters with
            result = real_assign(state, articles, *rest)
            seen.setdefault(batch_of[articles[0].id], []).append(
                (state.doc_freq.counts.copy(), state.doc_freq.docs)
            )
            return result

        return assign

    # the fixture's dates lie days apart: a 3-day quiet period cuts it into several segments
    short = replace(newsdigest.event_model.shipped_link_model(), quiet_days=3.0)
    monkeypatch.setattr(newsdigest.cluster, "shipped_link_model", lambda: short)
    single: dict[int, list] = {}
    monkeypatch.setattr(newsdigest.cluster, "assign_batch", recording(single))
    with SqliteStore(tmp_path / "batches.db") as store:
        store.add_articles(stored)
        newsdigest.stories.cluster_pending(store, batch_size=batch)
        expected = store.cluster_of([a.id for a in stored])
    assert len(stored) == report.stored and len(single) > 3

    rows = [{**article_row(a, 0, i), "batch": batch_of[a.id]} for i, a in enumerate(stored)]
    increments: dict[int, tuple] = {}
    for partition in (rows[0::2], rows[1::2]):  # two partitions share every batch
        for key, value in partial_doc_freqs(partition):
            increments[key] = add_doc_freqs(increments[key], value) if key in increments else value
    starts = segment_starts([hour_of(r) for r in rows], cluster_window())
    segments: dict[int, list[dict]] = {}
    for row in rows:
        segments.setdefault(segment_of(hour_of(row), starts), []).append(row)
    assert len(segments) > 2
    split: dict[int, set[int]] = {}
    for segment, part in segments.items():
        for row in part:
            split.setdefault(row["batch"], set()).add(segment)
    assert any(len(held) > 1 for held in split.values())  # a batch split between segments
    distributed: dict[int, list] = {}
    monkeypatch.setattr(newsdigest.cluster, "assign_batch", recording(distributed))
    got = {
        row["id"]: story
        for part in segments.values()
        for story, members in cluster_segment(part, increments).items()
        for row in members
    }
    assert got == expected
    assert set(distributed) == set(single)
    for b, calls in distributed.items():
        ((counts, docs),) = single[b]
        for got_counts, got_docs in calls:  # one call per segment holding part of the batch
            assert got_docs == docs and (got_counts == counts).all()


def test_the_job_numbers_the_batches_the_store_feeds_the_clusterer(
    multinews_articles, tmp_path
) -> None:
    """The seeds dated, then an undated pile (``test_stories``), batches of 2 and undated of
    5: ``number_batches`` (over two partitions) gives each article the batch
    ``cluster_pending`` fed it in, the undated rest at once as in the store."""
    from test_stories import _Batches, dated_seeds, undated_pile

    import newsdigest.stories
    from newsdigest.spark.executor import article_row
    from newsdigest.spark.session import start_session
    from newsdigest.spark.stages import number_batches
    from newsdigest.store.sqlite import SqliteStore

    articles = dated_seeds() + undated_pile(multinews_articles)
    clusterer = _Batches()
    with SqliteStore(tmp_path / "news.db") as store:
        store.add_articles(articles)
        newsdigest.stories.cluster_pending(store, clusterer, batch_size=2, undated_batch_size=5)
    fed = {aid: b for b, ids in enumerate(clusterer.batches) for aid in ids}
    assert len(clusterer.batches) == 5
    spark = start_session("local[2]", conf=SMALL_DATA_CONF, scratch=tmp_path / "spark")
    try:
        rows = [article_row(a, k // 6, k % 6) for k, a in enumerate(articles)]
        kept = spark.sparkContext.parallelize(rows[::-1], 2)  # out of order on purpose
        numbered = {r["id"]: r["batch"] for r in number_batches(kept, (2, 5)).collect()}
    finally:
        spark.stop()
    assert numbered == fed


def test_cli_passes_its_options_to_the_job(tmp_path: Path, monkeypatch) -> None:
    """``newsdigest spark`` and the job's own entry point (``main``, what spark-submit runs)
    parse the same flags, declared once, into the same ``JobConfig``."""
    from typer.testing import CliRunner

    import newsdigest.spark.job as job_module
    from newsdigest.cli import app

    seen: list[tuple] = []
    monkeypatch.setattr(job_module, "submit", lambda *a: seen.append(a) or 1)
    options = ["--input", "a/*.warc.gz", "--input", "b.warc.gz", "--output", str(tmp_path)]
    options += ["--master", "local[1]", "--words", "40", "--no-facts", "--conf", "k=v"]
    result = CliRunner().invoke(app, ["spark", *options])
    assert result.exit_code == 1  # the job's exit code
    assert job_module.main(options) == 1
    assert seen[0] == seen[1]
    config, master, conf = seen[0]
    assert master == "local[1]" and conf == {"k": "v"}
    assert config.inputs == ("a/*.warc.gz", "b.warc.gz") and config.output == tmp_path
    assert config.story.words == 40 and not config.story.facts
    assert job_module.main([*options, "--words", "0"]) == 2  # a usage error, one line
    # more partitions than Java's int (a Py4JError traceback once the input had been read)
    assert job_module.main([*options, "--partitions", "3000000000"]) == 2
    assert len(seen) == 2


def test_cli_names_a_missing_input_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsdigest.cli import app

    runner = CliRunner()
    missing = tmp_path / "nothing-*.warc.gz"
    result = runner.invoke(app, ["spark", "--input", str(missing), "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert f"error: {missing}: no WARC files match" in result.output


def test_a_worker_builds_the_same_story_as_the_store_with_facts_on(tmp_path: Path) -> None:
    """Spark's per-story function (what each worker runs: rows in, the story's JSON out) gives
    the single path's story with facts on: same digest, citations and facts, although the store
    reuses stored parses and the worker parses afresh. (The spark-submit run above is facts off
    to keep the suite short.)"""
    from newsdigest.config import StoryConfig
    from newsdigest.serialize import story_to_dict
    from newsdigest.spark.bindings import story_row
    from newsdigest.spark.executor import article_row, load_models
    from newsdigest.store.sqlite import SqliteStore
    from newsdigest.stories import build_stories, ingest

    with SqliteStore(tmp_path / "news.db") as store:
        ingest([str(ROOT / "examples" / "sochi-2019")], store)
        (single,) = build_stories(store, config=StoryConfig())
        members = store.cluster_articles(single.id)
        urls = {a.id: store.urls(a.id) for a in members}
    rows = [
        {**article_row(a, 0, i), "seen": [(0, i, u) for u in urls.get(a.id, ())]}
        for i, a in enumerate(members)
    ]
    config = StoryConfig()
    worker = story_row(single.id, rows, config, load_models(config))
    assert worker["facts"] and worker["facts"]["entities"] and worker["facts"]["quotes"]
    assert worker == story_to_dict(single)


def test_an_output_that_is_a_file_is_one_line_before_spark_starts(tmp_path: Path, capsys) -> None:
    """``--output`` naming an existing file ended the job in a FileExistsError traceback, once
    the JVM had started (13 s in)."""
    import time

    from newsdigest.spark.job import main

    taken = tmp_path / "out.json"
    taken.write_text("{}", encoding="utf-8")
    warc = tmp_path / "in.warc"
    warc.write_bytes(b"WARC/1.0\r\n")
    started = time.perf_counter()
    for output in (taken, taken / "sub"):
        assert main(["--input", str(warc), "--output", str(output), "--no-facts"]) == 2
    assert time.perf_counter() - started < 5  # no JVM was started
    lines = capsys.readouterr().err.strip().splitlines()
    assert lines == [
        f"error: {taken}: cannot write the output there (a file, not a folder)",
        f"error: {taken / 'sub'}: cannot write the output there (not a directory)",
    ]


def test_inputs_that_are_all_rejected_are_listed_and_exit_2(tmp_path: Path) -> None:
    """When no input held an article, MLlib's MinHashLSH was fitted on an empty table: a
    Py4JJavaError traceback ("head of empty array", exit 1) and not one of the files' errors."""
    _spark_submit()  # skips without pyspark, fails without Java, as the job above
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "empty.warc").write_bytes(b"")
    (folder / "short.jsonl").write_text('{"text": "x"}\n', encoding="utf-8")
    out = tmp_path / "out"
    done = _spark_cli(str(folder / "*"), out)
    assert done.returncode == 2, done.stderr[-3000:]
    assert "Traceback" not in done.stderr
    assert f"error: {folder / 'empty.warc'}: empty file" in done.stderr
    assert f"error: {folder / 'short.jsonl'}:1: too short to be an article" in done.stderr
    assert json.loads((out / "summary.json").read_text(encoding="utf-8"))["articles"] == 0
    assert (out / "stories.jsonl").read_text(encoding="utf-8") == ""


def test_a_folder_of_archives_nested_1200_deep_is_listed(tmp_path: Path) -> None:
    """Path.rglob recursed once a level: ``spark --input`` a folder 1,200 deep ended in a
    RecursionError traceback before the job. Archives are found at every depth, in order."""
    from newsdigest.spark.job import expand_inputs

    top = tmp_path / "crawl"
    (top / ".old").mkdir(parents=True)
    (top / "a.warc.gz").write_bytes(b"")
    (top / ".old" / "b.warc").write_bytes(b"")
    (top / "notes.txt").write_bytes(b"")
    bottom = top
    for _ in range(1200):
        bottom = bottom / "d"
        bottom.mkdir()
    deep = bottom / "c.warc"
    deep.write_bytes(b"")
    try:
        found = expand_inputs([str(top)])
    finally:  # shutil.rmtree, pytest's clean-up, recurses a level at a time too
        deep.unlink()
        while bottom != top:
            bottom.rmdir()
            bottom = bottom.parent
    assert found == sorted([str(top / "a.warc.gz"), str(top / ".old" / "b.warc"), str(deep)])


def test_a_master_that_is_no_spark_master_url_is_one_line_before_spark_starts(
    tmp_path: Path, capsys
) -> None:
    """ "local[x]" and "local[*,3]" were ValueError tracebacks (the default settings read the
    core count), "nonsense://x" a JVM that exited, "local[99999999999999999999]" a
    Py4JJavaError; Spark's own forms are kept."""
    from newsdigest.spark.job import main

    warc = tmp_path / "in.warc"
    warc.write_bytes(b"WARC/1.0\r\n")
    bad = ["local[x]", "local[*,x]", "local[0]", "nonsense://x", "local[99999999999999999999]"]
    for master in bad:
        args = ["--input", str(warc), "--output", str(tmp_path / "out"), "--master", master]
        assert main(args) == 2
        (line,) = capsys.readouterr().err.strip().splitlines()
        assert line.startswith(f"error: --master: {master!r} is not a Spark master URL (local,")
    from newsdigest.spark.session import default_conf, master_error

    good = ["local", "local[2]", "local[*]", "local[*,3]", "local[2, 3]", "spark://h:7077", "yarn"]
    assert [master_error(m) for m in good] == [None] * len(good)
    assert default_conf("local[*,3]", tmp_path)["spark.default.parallelism"]


def test_the_summary_line_counts_one_file_and_one_story_in_the_singular(tmp_path: Path) -> None:
    """Seeds 000-002 (the Sochi talks) in one JSON Lines file make one story: the job's last
    line had read "1 files, ... in 1 stories"."""
    _spark_submit()
    feed = tmp_path / "sochi.jsonl"
    texts = [(ROOT / "examples" / "sochi-2019").glob(f"00{i}_*.txt") for i in range(3)]
    rows = [{"text": next(found).read_text(encoding="utf-8")} for found in texts]
    feed.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "out"
    done = _spark_cli(str(feed), out)
    assert done.returncode == 0, done.stderr[-3000:]
    assert "1 file, 3 articles read, " in done.stderr
    assert "3 unique articles in 1 story, 0 rejected;" in done.stderr


def test_the_spark_submit_entry_reports_a_usage_error_in_one_line(tmp_path: Path, capsys) -> None:
    """``python -m newsdigest.spark`` (and spark-submit's job.py) printed a mistyped option as
    click's boxed usage message over five lines, and a bad --conf pointed at 'newsdigest --help',
    a help that has no such option."""
    from newsdigest.spark.job import main

    out = str(tmp_path / "out")
    assert main(["--input", "x", "--outptu", out]) == 2
    assert main(["--input", "x", "--output", out, "--conf", "a"]) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: No such option: --outptu (Possible options: --output) "
        "(see newsdigest.spark --help)",
        "error: --conf: 'a' is not KEY=VALUE (see newsdigest.spark --help)",
    ]
    assert main(["--help"]) == 0
    assert "--partitions" in capsys.readouterr().out


def test_the_spark_submit_entry_refuses_a_bad_worker_count_at_start_up(
    tmp_path: Path, capsys, monkeypatch
) -> None:
    """``python -m newsdigest.spark`` did not check NEWSDIGEST_WORKERS as every ``newsdigest``
    command does at start-up: ``abc`` ran the whole job without a word (its executors set 1),
    where ``newsdigest spark`` refused it. Refused before the inputs are read; --help answers."""
    from newsdigest.spark.job import main

    monkeypatch.setenv("NEWSDIGEST_WORKERS", "abc")
    args = ["--input", str(tmp_path / "missing.warc"), "--output", str(tmp_path / "out")]
    assert main(args) == 2
    assert capsys.readouterr().err.splitlines() == [
        "error: NEWSDIGEST_WORKERS='abc': expected a whole number of processes, 1 or more "
        "(1: everything in this process)"
    ]
    assert not (tmp_path / "out").exists()
    assert main(["--help"]) == 0


def test_bad_records_past_the_first_1000_are_counted_on_the_executors_not_collected(
    tmp_path: Path,
) -> None:
    """Every rejected record was collected to the driver (a corpus of millions of bad lines
    exhausts its memory) and listed whole in rejected.txt and on stderr. As ingest does, the
    first 1,000 are kept, in reading order across files, and every one is counted by reason."""
    _spark_submit()
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.jsonl").write_text('{"text": "x"}\n' * 600, encoding="utf-8")
    (folder / "b.jsonl").write_text("{}\n" * 900, encoding="utf-8")
    out = tmp_path / "out"
    done = _spark_cli(str(folder / "*.jsonl"), out)
    assert done.returncode == 2, done.stderr[-3000:]
    listed = (out / "rejected.txt").read_text(encoding="utf-8").splitlines()
    assert len(listed) == 1001
    assert listed[0].startswith(f"{folder / 'a.jsonl'}:1: too short to be an article")
    assert listed[599].startswith(f"{folder / 'a.jsonl'}:600: too short to be an article")
    assert listed[600].startswith(f"{folder / 'b.jsonl'}:1: ")
    assert listed[999].startswith(f"{folder / 'b.jsonl'}:400: ")
    reason = listed[999].split(": ", 1)[1]
    assert listed[1000] == f"500 more refused, not kept (500 {reason})"
    summary = json.loads((out / "summary.json").read_text(encoding="utf-8"))
    assert (summary["rejected_total"], len(summary["rejected"])) == (1500, 1000)
    assert f"error: {listed[1000]}" in done.stderr
    assert "1,500 rejected;" in done.stderr

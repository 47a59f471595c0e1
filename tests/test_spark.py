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
    return written, folder


@pytest.fixture(scope="session")
def spark(tmp_path_factory: pytest.TempPathFactory):
    pytest.importorskip("pyspark")
    if shutil.which("java") is None and not os.environ.get("JAVA_HOME"):
        pytest.fail("Spark needs a JRE: apt-get install openjdk-17-jre-headless (.ci/run does)")
    from newsdigest.spark.session import start_session

    session = start_session(
        "local[2]", conf=SMALL_DATA_CONF, scratch=tmp_path_factory.mktemp("spark")
    )
    yield session
    session.stop()


@pytest.fixture(scope="session")
def job(spark, corpus, tmp_path_factory: pytest.TempPathFactory):
    from newsdigest.spark.executor import StorySettings
    from newsdigest.spark.job import JobConfig, run_job

    _, folder = corpus
    out = tmp_path_factory.mktemp("out")
    config = JobConfig(
        inputs=(str(folder / "*.warc.gz"),), output=out, story=StorySettings(facts=False)
    )
    return run_job(spark, config), out


@pytest.fixture(scope="session")
def single_machine(corpus, tmp_path_factory: pytest.TempPathFactory):
    """``newsdigest ingest`` + ``newsdigest stories --format json`` on the same files."""
    from newsdigest.serialize import story_to_dict
    from newsdigest.store.sqlite import SqliteStore
    from newsdigest.stories import build_stories, ingest

    _, folder = corpus
    with SqliteStore(tmp_path_factory.mktemp("db") / "news.db") as store:
        report = ingest(sorted(str(p) for p in folder.glob("*.warc.gz")), store)
        stories = build_stories(store, with_facts=False)
        return report, [story_to_dict(s) for s in stories]


def _lines(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]


def test_stories_equal_the_single_machine_stories(job, single_machine) -> None:
    _, out = job
    _, expected = single_machine
    got = _lines(out / "stories.jsonl")
    assert [s["id"] for s in got] == [s["id"] for s in expected]
    for mine, theirs in zip(got, expected, strict=True):
        assert mine == theirs, f"story {mine['id']} differs"


def test_counts_match_ingest_and_every_duplicate_is_folded(job, corpus, single_machine) -> None:
    result, _ = job
    written, _ = corpus
    report, _ = single_machine
    assert result.articles_read == report.read == written.pages
    assert result.articles == report.stored
    assert result.near_duplicates == report.near_duplicates == written.near_duplicates
    assert result.exact_duplicates + result.near_duplicates == report.duplicates
    assert result.exact_duplicates == written.exact_duplicates


def test_a_story_lists_each_copy_once_with_all_its_urls(job) -> None:
    _, out = job
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
    _, out = job
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
    result, out = job
    rejected = "\n".join(result.rejected)
    assert "logo.png" in rejected and "not HTML" in rejected
    assert "CC-NEWS-99999.warc.gz" in rejected
    assert (out / "rejected.txt").read_text(encoding="utf-8").strip() == rejected
    assert result.stories > 0


def test_parquet_tables_hold_articles_stories_and_citations(spark, job) -> None:
    result, out = job
    stories = _lines(out / "stories.jsonl")
    articles = spark.read.parquet(str(out / "articles")).collect()
    assert len(articles) == result.articles
    by_story = {s["id"]: {a["id"] for a in s["articles"] + s["outliers"]} for s in stories}
    for row in articles:
        assert row.id in by_story[row.story_id]
        assert row.text and row.urls[0] == row.url
    table = {r.id: r for r in spark.read.parquet(str(out / "stories")).collect()}
    assert set(table) == set(by_story)
    for s in stories:
        assert table[s["id"]].summary == [x["text"] for x in s["summary"]]
    citations = spark.read.parquet(str(out / "citations")).collect()
    expected = {
        (s["id"], i, c["article"], c["sentence"])
        for s in stories
        for i, x in enumerate(s["summary"])
        for c in x["citations"]
    }
    assert {(c.story_id, c.summary_index, c.article_id, c.sentence) for c in citations} == expected
    assert all(any(c.origin for c in citations if c.story_id == s) for s in by_story)


def test_articles_jsonl_is_read_back_by_the_jsonl_reader(job) -> None:
    from newsdigest.ingest import iter_articles
    from newsdigest.model import Article

    result, out = job
    read = list(iter_articles([out / "articles.jsonl"]))
    assert all(isinstance(a, Article) for a in read)
    exported = {row["id"] for row in _lines(out / "articles.jsonl")}
    assert len(read) == result.articles == len(exported)
    assert {a.id for a in read} == exported  # the clean text survives a round trip unchanged
    assert all(a.published is not None and a.url for a in read)


def test_models_are_loaded_once_per_worker_not_per_row(job) -> None:
    result, _ = job
    assert result.model_loads >= 1
    assert result.model_loads == result.model_load_workers  # no worker loaded twice
    assert result.model_loads < result.articles  # ... and not once per article


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


def test_cli_names_a_missing_input_in_one_line(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsdigest.cli import app

    runner = CliRunner()
    missing = tmp_path / "nothing-*.warc.gz"
    result = runner.invoke(app, ["spark", "--input", str(missing), "--output", str(tmp_path)])
    assert result.exit_code == 2
    assert f"error: {missing}: no WARC files match" in result.output

"""The Store contract, run against every backend (SQLite always; PostgreSQL when its server
binaries are installed), plus what only the SQLite file promises: WAL, near-duplicates, and
surviving a real ingest process killed with SIGKILL."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

import pytest
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)

from newsdigest.errors import StoreError
from newsdigest.model import Article, Citation, Story, SummarySentence, article_id
from newsdigest.serialize import story_to_dict
from newsdigest.store import Store, open_store
from newsdigest.store.base import AnalysisRecord, ClusterRow
from newsdigest.store.sql import LOCK_SCHEMA, STORE_SCHEMA_VERSION
from newsdigest.store.sqlite import SqliteStore

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "sochi-2019").glob("*.txt"))


def seed_articles() -> list[Article]:
    out = []
    for k, path in enumerate(SEEDS):
        text = path.read_text(encoding="utf-8")
        out.append(
            Article(
                id=article_id(text),
                text=text,
                title=text.splitlines()[0][:80],
                url=f"https://news.example/{path.stem}",
                source=f"outlet{k}",
                published=datetime(2019, 5, 14, 8 + k, tzinfo=timezone.utc),
            )
        )
    return out


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def target(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    """Where each backend's database is: what a user passes as ``--db``."""
    if request.param == "sqlite":
        return str(tmp_path / "news.db")
    return str(request.getfixturevalue("pg_url"))


@pytest.fixture
def store(target: str) -> Iterator[Store]:
    """Each backend, empty. A backend is added here by one more param and one more branch."""
    s = open_store(target)
    yield s
    s.close()


# ---- the contract -------------------------------------------------------------------------


def test_add_is_idempotent_by_content_hash_and_url(store) -> None:
    arts = seed_articles()
    first = store.add_articles(arts)
    assert list(first.stored) == [a.id for a in arts]
    again = store.add_articles(arts)
    assert again.stored == () and len(again.duplicates) == len(arts)
    assert [a.id for a in store.get_articles()] == [a.id for a in arts]
    # same text under a new URL: nothing new, but the URL is kept for the article
    copy = replace(arts[0], url="https://mirror.example/pompeo")
    assert store.add_articles([copy]).stored == ()
    assert store.urls(arts[0].id) == (arts[0].url, "https://mirror.example/pompeo")
    # same URL, edited text: the first version stays (documented), reported as a duplicate
    edited = replace(arts[1], text=arts[1].text + " Updated.", id=article_id(arts[1].text + "x"))
    result = store.add_articles([edited])
    assert result.stored == () and result.duplicates == (arts[1].url,)
    assert store.get_articles(ids=[arts[1].id])[0].text == arts[1].text
    assert store.get_articles(ids=[edited.id]) == []


def test_articles_round_trip_and_since(store) -> None:
    arts = seed_articles()
    store.add_articles(arts)
    back = {a.id: a for a in store.get_articles()}
    for a in arts:
        b = back[a.id]
        assert (b.text, b.title, b.url, b.source) == (a.text, a.title, a.url, a.source)
        assert b.published == a.published
    later = store.get_articles(since=arts[2].published)
    assert [a.id for a in later] == [a.id for a in arts[2:]]


def test_stories_round_trip_newest_first(store) -> None:
    arts = seed_articles()
    store.add_articles(arts)
    old = Story(
        id="s-old",
        title="Old",
        articles=tuple(replace(a, published=a.published - timedelta(days=200)) for a in arts[3:]),
    )
    new = Story(
        id="s-new",
        title="Pompeo in Sochi",
        articles=tuple(arts[:3]),
        summary=(SummarySentence("Pompeo met Lavrov.", (Citation(arts[0].id, 0),), 1),),
        urls={arts[0].id: (arts[0].url, "https://mirror.example/x")},
    )
    store.save_stories([old, new])
    store.save_stories([new])  # upsert, not a second row
    listed = store.list_stories()
    assert [s.id for s in listed] == ["s-new", "s-old"]
    got = store.get_story("s-new")
    assert got is not None and got.summary[0].citations == (Citation(arts[0].id, 0),)
    assert got.articles[0].text == arts[0].text  # texts come back from the articles table
    assert got.urls[arts[0].id] == (arts[0].url, "https://mirror.example/x")
    assert [s.id for s in store.list_stories(since=datetime(2019, 5, 1, tzinfo=timezone.utc))] == [
        "s-new"
    ]
    assert store.get_story("nope") is None


def test_a_limit_or_offset_past_what_the_database_counts_is_no_limit(store) -> None:
    """``stories --limit 99999999999999999999`` ended in a traceback (OverflowError: Python
    int too large to convert to SQLite INTEGER): a limit past 2**63 - 1 is every story, an
    offset past it none."""
    arts = seed_articles()
    store.add_articles(arts)
    story = Story(id="s", title="Pompeo in Sochi", articles=tuple(arts[:3]))
    store.save_stories([story])
    huge = 10**20
    assert [s.id for s in store.list_stories(limit=huge)] == ["s"]
    assert [r.id for r in store.story_rows(limit=huge)] == ["s"]
    assert store.story_rows(limit=huge, offset=huge) == []
    assert store.search_stories("Sochi", limit=huge, offset=huge) == []
    assert len(store.unclustered(limit=huge)) == len(arts)


def test_new_story_settings_mark_every_story_stale(store) -> None:
    arts = seed_articles()
    store.add_articles(arts)
    rows = [ClusterRow("c1", 1, 3, None, None, b""), ClusterRow("c2", 2, 1, None, None, b"")]
    store.save_clustering(rows, {a.id: "c1" for a in arts[:3]} | {arts[3].id: "c2"})
    for cid, members in (("c1", arts[:3]), ("c2", arts[3:4])):
        store.save_stories([Story(id=cid, title=cid, articles=tuple(members))])
    assert store.stale_clusters() == [] and store.story_settings() is None
    store.change_story_settings("words=20")
    assert store.story_settings() == "words=20"
    assert store.stale_clusters() == ["c1", "c2"]


def test_a_nul_in_a_story_id_or_a_search_finds_nothing(store: Store) -> None:
    """A request's id or query may hold NUL (``/stories/a%00b``); PostgreSQL refuses NUL as a
    parameter, which the server had answered with a 500."""
    store.save_stories([Story(id="a", title="Pompeo meets Putin", articles=tuple(seed_articles()))])
    assert store.get_story("a\x00b") is None
    assert store.search_stories("Pompeo\x00Putin", limit=10) == store.search_stories(
        "Pompeo Putin", limit=10
    )


def test_schema_version_is_recorded_and_a_newer_one_refused(target: str) -> None:
    with open_store(target) as s:
        assert s._read("SELECT value FROM meta WHERE key = 'schema_version'") == [
            (str(STORE_SCHEMA_VERSION),)
        ]
        with s._write("test", LOCK_SCHEMA) as db:
            db.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer newsdigest .store schema 99"):
        open_store(target)


def test_an_unreadable_schema_version_is_one_line(target: str) -> None:
    with open_store(target) as s, s._write("test", LOCK_SCHEMA) as db:
        db.execute("UPDATE meta SET value = 'abc' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="unreadable store schema version 'abc'"):
        open_store(target)


@pytest.mark.parametrize("table", ["articles", "cluster_members", "follow_seen"])
def test_a_store_missing_one_of_its_tables_is_refused_and_left_as_it_is(
    target: str, table: str
) -> None:
    """A table dropped from a store (by hand, a bad copy) had been made anew, empty: with
    "articles" gone the stories were still printed, of articles no longer stored, and the next
    ingest stored them all again as new."""
    with open_store(target) as s:
        s.add_articles(seed_articles())
    _alter(target, f"DROP TABLE {table}", pg=f"DROP TABLE {table} CASCADE")
    tables = _table_names(target)
    with pytest.raises(StoreError) as raised:
        open_store(target)
    assert str(raised.value) == (
        f"{s.where}: a damaged store: table {table} missing (a store of schema"
        f" {STORE_SCHEMA_VERSION} has it); nothing was changed: restore it from a backup,"
        " or start a new store"
    )
    assert _table_names(target) == tables  # the missing table not made anew


@pytest.mark.parametrize("column", ["articles.title", "stories.n_articles"])
def test_a_store_missing_a_column_is_refused_and_left_as_it_is(target: str, column: str) -> None:
    """A column dropped from a store had been a traceback ("no such column: a.title") at the
    first read of it. (Those a store of its version may lack, as ``stories.lead``, are added:
    ``test_a_schema_3_store_written_before_the_front_page_columns_opens``.)"""
    table, name = column.split(".")
    with open_store(target) as s:
        s.add_articles(seed_articles())
    _alter(target, f"ALTER TABLE {table} DROP COLUMN {name}")
    tables = _table_names(target)
    with pytest.raises(StoreError) as raised:
        open_store(target)
    assert str(raised.value) == (
        f"{s.where}: a damaged store: column {column} missing (a store of this schema has it);"
        " nothing was changed: restore it from a backup, or start a new store"
    )
    assert _table_names(target) == tables
    if "://" not in target:  # not added back
        with sqlite3.connect(target) as conn:
            assert name not in {r[1] for r in conn.execute(f"PRAGMA table_info({table})")}


def test_a_store_written_before_the_analyses_kept_their_parse_opens(target: str) -> None:
    """Stores of schema 2 and 3 written before the analyses kept each article's parse (their
    ``article_analysis`` has no ``doc``: ``newsdigest ingest`` then ``stories`` at 01024d1 or
    9e327ab wrote them so) are no damaged stores: the column is added, the parse kept. They had
    been refused, "column article_analysis.doc missing"."""
    arts = seed_articles()
    with open_store(target) as s:
        s.add_articles(arts)
        s.save_analyses({arts[0].id: AnalysisRecord({"n": 1})}, version=1)
    _alter(target, "ALTER TABLE article_analysis DROP COLUMN doc")
    with open_store(target) as s:
        assert s.get_analyses([arts[0].id], 1) == {arts[0].id: AnalysisRecord({"n": 1})}
        s.save_analyses({arts[1].id: AnalysisRecord({"n": 2}, b"parse")}, version=1)
        assert s.get_analyses([arts[1].id], 1)[arts[1].id].doc == b"parse"
        assert s.count_articles() == len(arts)


def test_a_schema_3_store_written_before_the_front_page_columns_opens(target: str) -> None:
    """A store of schema 3 as the follower's release (fef1a78) wrote it: its stories have no
    lead, outlet_names or search_text (the front page's release added them under the same
    version). It had been refused as damaged, "columns stories.lead, ... missing"; the columns
    are added and filled from each story, which the front page and search then show."""
    arts = seed_articles()
    with open_store(target) as s:
        s.add_articles(arts)
        s.save_stories([Story(id="old", title="Pompeo in Sochi", articles=tuple(arts[:3]))])
        (before,) = s.story_rows(limit=5)
    for column in ("lead", "outlet_names", "search_text"):
        _alter(target, f"ALTER TABLE stories DROP COLUMN {column}",
               pg=f"ALTER TABLE stories DROP COLUMN {column} CASCADE")  # fmt: skip
    with open_store(target) as s:
        assert s.story_rows(limit=5) == [before]
        assert [r.id for r in s.search_stories("Pompeo Sochi", limit=5)] == ["old"]


def _alter(target: str, statement: str, *, pg: str | None = None) -> None:
    """Run ``statement`` (``pg`` on PostgreSQL, where given) on the store at ``target`` without
    opening it as a store: damage done by hand, or an older release's store."""
    if "://" in target:
        import psycopg

        with psycopg.connect(target) as conn:
            conn.execute(pg or statement)
    else:
        with sqlite3.connect(target) as conn:
            conn.execute(statement)


def _table_names(target: str) -> set[str]:
    """The tables of the store at ``target``, read without opening it as a store."""
    if "://" in target:
        import psycopg

        with psycopg.connect(target) as conn:
            rows = conn.execute(
                "SELECT table_name FROM information_schema.tables"
                " WHERE table_schema = current_schema()"
            ).fetchall()
    else:
        with sqlite3.connect(target) as conn:
            rows = conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'").fetchall()
    return {r[0] for r in rows}


def test_a_sqlite_file_of_another_program_is_refused_and_left_untouched(tmp_path: Path) -> None:
    """``--db`` naming some other program's SQLite file (a typo, a wrong variable) must not
    gain our dozen tables."""
    path = tmp_path / "places.sqlite"
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE moz_places (id INTEGER PRIMARY KEY, url TEXT)")
    with pytest.raises(StoreError, match="not a newsdigest database .tables: moz_places"):
        open_store(path)
    tables = sqlite3.connect(path).execute("SELECT name FROM sqlite_master").fetchall()
    assert tables == [("moz_places",)]


def test_reads_do_not_wait_for_a_write_in_progress(store: Store) -> None:
    """A web page is served while ingest holds the write transaction (datasette's pattern)."""
    import threading

    arts = seed_articles()
    store.add_articles(arts)
    store.save_stories([Story(id="s1", title="Sochi", articles=tuple(arts[:2]))])
    inside, release = threading.Event(), threading.Event()

    def long_write() -> None:
        with store._write("test", LOCK_SCHEMA):  # type: ignore[attr-defined]
            inside.set()
            release.wait(10)

    writer = threading.Thread(target=long_write)
    writer.start()
    try:
        assert inside.wait(10)
        started = time.perf_counter()
        assert [r.id for r in store.story_rows(limit=5)] == ["s1"]
        assert store.get_story("s1") is not None and len(store.get_articles()) == len(arts)
        assert time.perf_counter() - started < 2.0
    finally:
        release.set()
        writer.join()


def test_citations_keep_their_spans_and_sentences_their_places(store: Store) -> None:
    """A stored story keeps each cited sentence's character span and the article's sentence
    spans, so the page never re-splits a text to find what a citation meant."""
    from newsdigest.pipeline import build_story

    arts = seed_articles()
    store.add_articles(arts)
    built = build_story(arts, story_key="s")
    store.save_stories([built])
    got = store.get_story("s")
    assert got is not None and got.sentences == built.sentences
    for line in got.summary:
        for c in line.citations:
            text = got.article(c.article).text
            assert c.start is not None and c.end is not None
            assert text[c.start : c.end] == got.sentences[c.article][c.sentence].text
    assert got.summary == built.summary


# ---- SQLite specifics -----------------------------------------------------------------------


def test_sqlite_schema_1_file_is_migrated_in_place(tmp_path: Path) -> None:
    """A file written by the previous release (no story list columns) opens, keeps its story
    and lists it with the right figures."""
    path = tmp_path / "old.db"
    arts = seed_articles()
    with open_store(path) as s:
        s.add_articles(arts)
        s.save_stories([Story(id="old", title="Pompeo in Sochi", articles=tuple(arts[:3]))])
    conn = sqlite3.connect(path)  # make it look like schema 1: the columns it did not have
    data = conn.execute("SELECT data FROM stories").fetchone()[0]
    conn.executescript(
        "DROP TABLE stories; DROP TABLE article_analysis; CREATE TABLE stories (id TEXT PRIMARY "
        "KEY, data TEXT NOT NULL, last_published TEXT, built_size INTEGER NOT NULL DEFAULT 0, "
        "updated_at TEXT NOT NULL); UPDATE meta SET value = '1' WHERE key = 'schema_version';"
    )
    conn.execute("INSERT INTO stories VALUES ('old', ?, NULL, 3, '2019-05-14')", (data,))
    conn.commit()
    conn.close()
    with open_store(path) as s:
        (row,) = s.story_rows(limit=5)
        assert (row.id, row.title, row.articles, row.outlets) == ("old", "Pompeo in Sochi", 3, 3)
        assert row.last == arts[2].published
        assert s.get_story("old") is not None
    version = "SELECT value FROM meta WHERE key = 'schema_version'"
    assert sqlite3.connect(path).execute(version).fetchall() == [(str(STORE_SCHEMA_VERSION),)]


def test_disk_full_is_one_line_and_nothing_committed(tmp_path: Path) -> None:
    with open_store(tmp_path / "full.db") as s:
        s.add_articles(seed_articles()[:1])
        pages = s._conn.execute("PRAGMA page_count").fetchone()[0]  # type: ignore[attr-defined]
        s._conn.execute(f"PRAGMA max_page_count = {pages + 1}")  # type: ignore[attr-defined]
        huge = Article(id="big", text="word " * 400_000)
        with pytest.raises(StoreError) as err:
            s.add_articles([huge])
        assert "nothing committed" in str(err.value) and "full" in str(err.value)
        assert "\n" not in str(err.value)
        assert s.count_articles() == 1


def test_clustering_lock_holds_across_processes(tmp_path: Path) -> None:
    """``newsdigest stories`` in one process and a server in another never cluster at once."""
    path = tmp_path / "lock.db"
    open_store(path).close()
    script = (
        "import sys, time\n"
        "from newsdigest.store import open_store\n"
        f"s = open_store({str(path)!r})\n"
        "with s.clustering_lock():\n"
        "    print('locked', flush=True)\n"
        "    time.sleep(1.5)\n"
    )
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    child = subprocess.Popen([sys.executable, "-c", script], stdout=subprocess.PIPE, env=env)
    try:
        assert child.stdout is not None and child.stdout.readline().strip() == b"locked"
        started = time.perf_counter()
        with open_store(path) as s, s.clustering_lock(), s.clustering_lock():  # re-entrant
            waited = time.perf_counter() - started
        assert waited > 0.8
    finally:
        child.wait(20)


def test_a_clustering_lock_that_cannot_be_opened_is_one_line(tmp_path: Path) -> None:
    """A folder (or a file the user may not open) where the lock file goes is a StoreError
    naming it, not a traceback from ``open``; the stored articles are untouched."""
    path = tmp_path / "lock.db"
    with open_store(path) as s:
        s.add_articles(seed_articles()[:1])
    (tmp_path / "lock.db-cluster.lock").mkdir()
    with open_store(path) as s:
        with pytest.raises(StoreError, match="lock.db-cluster.lock"), s.clustering_lock():
            pass
        assert s.count_articles() == 1


def test_a_database_name_cannot_forge_a_line_or_colour_the_terminal(tmp_path: Path) -> None:
    """Store errors name the database as input errors name a file: controls escaped."""
    with pytest.raises(StoreError) as err:
        open_store(tmp_path / "no\x1b[31mpe\nerror: forged" / "x.db")
    assert "\n" not in str(err.value) and "\x1b" not in str(err.value)
    assert "\\x1b[31mpe\\nerror: forged" in str(err.value)


def test_open_store_picks_the_backend(tmp_path: Path) -> None:
    s = open_store(f"sqlite:///{tmp_path}/a.db")
    assert isinstance(s, SqliteStore) and s.path == tmp_path / "a.db"
    s.close()
    mode = sqlite3.connect(tmp_path / "a.db").execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"
    with pytest.raises(StoreError, match="unknown store scheme"):
        open_store("mysql://x/y")
    with pytest.raises(StoreError, match="does not exist"):
        open_store(tmp_path / "no" / "such" / "dir.db")


def test_near_duplicate_is_folded_into_the_article_it_copies(tmp_path: Path) -> None:
    arts = seed_articles()
    wire = arts[4]
    syndicated = replace(
        wire,
        text="Home / World / Europe\n" + wire.text + "\nShare this: Facebook Twitter Email\n"
        "© 2019 Daily Syndicate. All rights reserved.",
        url="https://syndicate.example/us-russia",
    )
    syndicated = replace(syndicated, id=article_id(syndicated.text))
    with SqliteStore(tmp_path / "n.db") as s:
        s.add_articles(arts)
        result = s.add_articles([syndicated])
        assert result.stored == () and result.near_duplicates == {syndicated.id: wire.id}
        assert s.urls(wire.id) == (wire.url, syndicated.url)
        assert s.count_articles() == len(arts)
        # a different article on the same event is not a duplicate
        assert s.add_articles(
            [
                replace(
                    arts[0],
                    id="x",
                    url="https://o.example/x",
                    text=arts[0].text[: len(arts[0].text) // 2],
                )
            ]
        ).stored


def test_failed_batch_commits_nothing(tmp_path: Path) -> None:
    arts = seed_articles()
    with SqliteStore(tmp_path / "f.db") as s:
        s.add_articles(arts[:2])
        bad = replace(arts[3], source={"not": "a string"})  # type: ignore[arg-type]
        with pytest.raises(StoreError, match="nothing committed"):
            s.add_articles([arts[2], bad])
        assert s.count_articles() == 2
        assert s.add_articles(arts).stored == tuple(a.id for a in arts[2:])


def _multinews_jsonl(csv_path: Path, out: Path, n: int) -> list[dict[str, str]]:
    import ast
    import csv

    csv.field_size_limit(1 << 30)
    records = []
    with csv_path.open(newline="", encoding="utf-8") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            for j, doc in enumerate(ast.literal_eval(row["documents"])):
                # the lead of each document: cleaning cost grows with length, the test need not
                lead = " ".join(doc.split()[:120])
                records.append({"url": f"multinews/{i}/{j}", "text": lead})
            if len(records) >= n:
                break
    out.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    return records


def test_killed_ingest_loses_nothing_committed_and_rerun_completes(
    tmp_path: Path, multinews_csv: Path
) -> None:
    """A real `newsdigest ingest` process, SIGKILLed after its first commits (120 records:
    80 had been stored in some 50 ms, so a poll could find them all and the kill come after
    the last commit, one run in eight)."""
    src = tmp_path / "batch.jsonl"
    _multinews_jsonl(multinews_csv, src, 120)
    db = tmp_path / "news.db"
    cmd = [sys.executable, "-c", "from newsdigest.cli import main; main()", "ingest", str(src),
           "--db", str(db), "--batch", "3"]  # fmt: skip
    env = dict(os.environ, PYTHONPATH=str(ROOT / "src"))
    proc = subprocess.Popen(cmd, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    deadline = time.monotonic() + 120
    stored = 0
    while time.monotonic() < deadline and proc.poll() is None:
        if db.exists():
            try:
                with sqlite3.connect(db, timeout=1) as c:
                    stored = c.execute("SELECT COUNT(*) FROM articles").fetchone()[0]
            except sqlite3.Error:
                stored = 0
        if stored >= 6:
            break
        time.sleep(0.01)
    assert proc.poll() is None, "ingest finished before it could be killed"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert proc.returncode == -signal.SIGKILL

    from newsdigest.ingest import iter_articles

    expected = {a.url: a for a in iter_articles([src]) if isinstance(a, Article)}
    with sqlite3.connect(db) as c:
        assert c.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
        rows = c.execute("SELECT id, url, text FROM articles").fetchall()
        n_urls = c.execute("SELECT COUNT(*) FROM article_urls").fetchone()[0]
        n_sigs = c.execute("SELECT COUNT(*) FROM minhash").fetchone()[0]
    assert 6 <= len(rows) < len(expected)
    for aid, url, text in rows:  # every stored article is whole: text, URL and signature
        assert text == expected[url].text and aid == expected[url].id
    assert n_sigs == len(rows) and n_urls >= len(rows)

    rerun = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    # exit status 1: some records were rejected, and only pages that are not articles
    errors = rerun.stderr.strip().splitlines()
    assert rerun.returncode == (1 if errors else 0), rerun.stderr
    page_refusals = (
        "not an article: web-archive crawl notice",
        "no article text left after cleaning",
    )
    assert not [e for e in errors if not e.endswith(page_refusals)], errors[-3:]
    line = rerun.stdout.strip().splitlines()[-1]
    assert line.startswith(f"read {len(expected)}, ")
    with SqliteStore(db) as s:
        urls = {u for a in s.get_articles() for u in s.urls(a.id)}
        assert urls == set(expected)  # every record is now stored (or folded into its copy)
        before = s.count_articles()
    third = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=300)
    assert "stored 0," in third.stdout
    with SqliteStore(db) as s:
        assert s.count_articles() == before


def test_a_copy_of_two_stored_articles_is_folded_into_the_earliest(tmp_path: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in SEEDS]
    body = texts[4]
    # two stored articles sharing a long body (not copies of each other), then the body alone
    first = body + " " + " ".join(texts[1].split()[:150])
    second = body + " " + " ".join(texts[2].split()[:150])
    arts = [
        Article(id=article_id(t), text=t, url=f"https://o.example/{i}")
        for i, t in enumerate((first, second, body))
    ]
    with SqliteStore(tmp_path / "n.db") as s:
        assert len(s.add_articles(arts[:1]).stored) == 1
        assert len(s.add_articles(arts[1:2]).stored) == 1
        result = s.add_articles(arts[2:])
        assert result.near_duplicates == {arts[2].id: arts[0].id}
        assert s.urls(arts[0].id) == ("https://o.example/0", "https://o.example/2")


def test_a_database_another_process_is_writing_says_so_and_keeps_its_articles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """While another program held SQLite's write lock, ``newsdigest stories`` waited and said
    "schema not created: database is locked", as if the store were broken."""
    from newsdigest.store.sqlite import SqliteDialect

    path = tmp_path / "busy.db"
    with open_store(path) as s:
        s.add_articles(seed_articles()[:1])
    monkeypatch.setattr(SqliteDialect, "busy_timeout_s", 0.2)
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN EXCLUSIVE")
    try:
        with pytest.raises(StoreError) as err:
            open_store(path)
        message = str(err.value)
        assert message.startswith(f"{path}: cannot open for writing: database is locked")
        assert "another process is writing to it" in message and "schema" not in message
    finally:
        other.execute("ROLLBACK")
        other.close()
    with open_store(path) as s:
        assert s.count_articles() == 1


def test_a_database_name_too_long_for_the_file_system_is_one_line(tmp_path: Path) -> None:
    """``--db`` with a name over 255 bytes was an OSError traceback from every command."""
    from typer.testing import CliRunner

    from newsdigest.cli import app

    path = tmp_path / ("b" * 300 + ".db")
    with pytest.raises(StoreError) as err:
        open_store(path)
    assert str(err.value) == f"{path}: cannot open database: File name too long"
    for args in (["stories"], ["ingest", "examples/sochi-2019"]):
        done = CliRunner().invoke(app, [*args, "--db", str(path)])
        assert done.exit_code == 2
        assert done.stderr.splitlines()[-1] == f"error: {err.value}"


def _as_a_plain_user(args: list[str]) -> list[str]:
    """``args`` run so file modes bind (root ignores them): with root's capabilities dropped
    (``setpriv``), or as they are when this user is not root."""
    import shutil

    if os.geteuid() != 0:
        return args
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: file modes cannot be tested")
    return ["setpriv", "--inh-caps=-all", "--bounding-set=-all", *args]


def _stories_as_a_plain_user(db: Path) -> subprocess.CompletedProcess[str]:
    """``newsdigest stories`` over ``db`` in a process of its own, file modes binding."""
    cmd = [sys.executable, "-m", "newsdigest", "stories", "--db", str(db)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.run(
        _as_a_plain_user(cmd), env=env, capture_output=True, text=True, timeout=120
    )


@pytest.mark.parametrize(
    ("locked", "mode", "why"),
    [
        (
            "file",
            0o000,
            "cannot open database: permission denied: this user may not read news.db"
            " (chmod u+rw {db}, or run as its owner)",
        ),
        (
            "file",
            0o444,
            "analyses not saved (nothing committed): permission denied: news.db is read-only"
            " to this user (newsdigest writes to its store: chmod u+w {db}, or run as its"
            " owner)",
        ),
        (
            "folder",
            0o555,
            "cannot open database: permission denied: this user may not create news.db-wal"
            " in {folder} (SQLite keeps it beside the store; let this user write in {folder},"
            " or move the store to a folder it may)",
        ),
    ],
)
def test_a_store_this_user_may_not_open_is_named_with_the_permission(
    tmp_path: Path, locked: str, mode: int, why: str
) -> None:
    """A store at ``chmod 000`` (or in a folder at ``chmod 555``) had said SQLite's "unable to
    open database file" (or "attempt to write a readonly database"): which permission to
    change was left to guess. One at ``chmod 444`` opened, then failed ``stories`` with
    "analyses not saved (nothing committed): attempt to write a readonly database" (no
    permission named, no fix). The store is left as it was."""
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "news.db"
    with SqliteStore(db) as s:
        s.add_articles(seed_articles())
    before = db.read_bytes()
    target = db if locked == "file" else folder
    target.chmod(mode)
    try:
        done = _stories_as_a_plain_user(db)
    finally:
        target.chmod(0o644 if locked == "file" else 0o755)
    assert done.returncode == 2, done.stderr
    expected = f"error: {db}: {why.format(db=db, folder=folder)}"
    assert done.stderr.strip() == expected
    assert db.read_bytes() == before


def test_a_store_whose_folder_became_read_only_names_the_lock_it_cannot_make(
    tmp_path: Path,
) -> None:
    """A store whose ``-wal`` and ``-shm`` were made before its folder went ``chmod 555``
    opens; ``stories`` then needs its clustering lock beside it and had said only "cannot
    open the clustering lock ...: Permission denied"."""
    folder = tmp_path / "shared"
    folder.mkdir()
    db = folder / "news.db"
    with SqliteStore(db) as s:
        s.add_articles(seed_articles())
    keep = sqlite3.connect(db)  # holds the -wal and -shm in place while the folder is locked
    keep.execute("PRAGMA journal_mode=WAL")
    keep.execute("SELECT count(*) FROM articles").fetchall()
    folder.chmod(0o555)
    try:
        done = _stories_as_a_plain_user(db)
    finally:
        folder.chmod(0o755)
        keep.close()
    assert done.returncode == 2, done.stderr
    assert done.stderr.strip() == (
        f"error: {db}: cannot open the clustering lock {db}-cluster.lock: permission denied:"
        f" this user may not create it in {folder} (let this user write in {folder}, or move"
        " the store to a folder it may)"
    )


@pytest.fixture
def read_only_mount(tmp_path: Path) -> Iterator[Path]:
    """A folder on a file system of its own, ``mount -o remount,ro`` once the test has filled
    it (``remount``); the test is skipped where this process may not mount (not root)."""
    import shutil

    folder = tmp_path / "volume"
    folder.mkdir()
    if shutil.which("mount") is None or os.geteuid() != 0:
        pytest.skip("needs root and mount(8) for a read-only file system")
    mounted = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", str(folder)], capture_output=True
    )
    if mounted.returncode != 0:
        pytest.skip(f"cannot mount here: {mounted.stderr.decode().strip()}")
    try:
        yield folder
    finally:
        subprocess.run(["umount", "-l", str(folder)], capture_output=True)


def test_a_store_on_a_read_only_file_system_is_said_so_not_chmod(read_only_mount: Path) -> None:
    """A store on a file system mounted read-only (a ``ro`` volume, a CD) had been "news.db is
    read-only to this user (... chmod u+w ...)": root's chmod changes nothing there."""
    db = read_only_mount / "news.db"
    with SqliteStore(db) as s:
        s.add_articles(seed_articles())
    subprocess.run(["mount", "-o", "remount,ro", str(read_only_mount)], check=True)
    with pytest.raises(StoreError) as refused:
        SqliteStore(db).get_articles()
    assert str(refused.value) == (
        f"{db}: cannot open database: {read_only_mount} is on a read-only file system"
        " (newsdigest writes to its store: copy it to a folder on a writable one, or mount"
        " this one read-write)"
    )


def test_a_device_or_named_pipe_given_as_the_store_is_refused_untouched(tmp_path: Path) -> None:
    """``--db /dev/null`` had said "disk I/O error" after SQLite made ``/dev/null-journal``
    beside the device; a named pipe, the same ("cannot open database: disk I/O error")."""
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    for path, kind in ((Path(os.devnull), "a character device"), (fifo, "a named pipe")):
        with pytest.raises(StoreError) as refused:
            SqliteStore(path)
        assert str(refused.value) == f"{path}: not a database file ({kind})"
        assert not Path(f"{path}-journal").exists() and not Path(f"{path}-wal").exists()


def test_a_store_named_by_a_looping_or_dangling_link_says_so(tmp_path: Path) -> None:
    """``--db`` a symbolic link that loops, or one into a folder that does not exist, was
    SQLite's "unable to open database file"; a link to a store yet to be made still makes it."""
    loop = tmp_path / "loop.db"
    loop.symlink_to(loop)
    with pytest.raises(StoreError) as err:
        open_store(loop)
    assert str(err.value) == f"{loop}: cannot open database: Too many levels of symbolic links"
    dangling = tmp_path / "dangling.db"
    dangling.symlink_to(tmp_path / "gone" / "news.db")
    with pytest.raises(StoreError) as err:
        open_store(dangling)
    assert str(err.value) == (
        f"{dangling}: a link to {tmp_path / 'gone' / 'news.db'}, whose folder does not exist"
    )
    ahead = tmp_path / "ahead.db"
    ahead.symlink_to(tmp_path / "made.db")
    open_store(ahead).close()
    assert (tmp_path / "made.db").is_file()


def test_passwords_stored_by_older_code_are_hidden_when_the_store_opens(target: str) -> None:
    """Code before 8767afd stored a followed feed's ``http://user:pw@host/...`` as given (its
    state, seen entries, pages' url and origin, the stories citing them), and code before
    ab933ac an OPML list's child feeds with theirs: they stayed in the store, shown by the API
    and the pages' links, until each list was next read whole. Opening the store hides them,
    as newer code stores them; a list whose children held one is read whole next round (its
    validators dropped: a 304 would give children with no password)."""
    from newsdigest.store.base import SourceState
    from newsdigest.stories import refresh_stories

    secret = "s3cret-pw"
    site = f"http://reader:{secret}@feeds.example"
    arts = [
        replace(a, url=f"{site}/{k}.html", origin=f"{site}/entry/{k}")
        for k, a in enumerate(seed_articles())
    ]
    older = open_store(target)
    try:
        older.add_articles(arts)
        refresh_stories(older)
        older.save_source_state(
            SourceState(
                f"{site}/subs.opml", etag='"v1"', children=(f"{site}/a.xml", f"{site}/b.xml")
            )
        )
        older.save_source_state(SourceState("http://open.example/feed.xml", etag='"v2"'))
        # what the follower marks seen: each entry (the page's origin) and its canonical URL
        older.mark_seen({u: "stored" for a in arts[1:] for u in (a.url, a.origin) if u})
        older.mark_seen({"http://open.example/x": "stored"})
    finally:
        older.close()

    store = open_store(target)
    try:
        shown = "http://reader:***@feeds.example"
        states = {s.url: s for s in store.source_states()}
        assert set(states) == {f"{shown}/subs.opml", "http://open.example/feed.xml"}
        assert states[f"{shown}/subs.opml"].children == (f"{shown}/a.xml", f"{shown}/b.xml")
        assert states[f"{shown}/subs.opml"].etag is None  # read whole next round
        assert states["http://open.example/feed.xml"].etag == '"v2"'  # untouched
        assert store.seen_urls([f"{shown}/1.html", f"{site}/1.html"]) == {f"{shown}/1.html"}
        # the follower's pages hidden; one ingested from a file keeps its URL, as now
        pages = {a.id: a for a in store.get_articles()}
        assert pages[arts[0].id].url == arts[0].url
        for k, page in enumerate(arts[1:], start=1):
            assert (pages[page.id].url, pages[page.id].origin) == (
                f"{shown}/{k}.html",
                f"{shown}/entry/{k}",
            )
        stories = store.list_stories()
        cited = [
            (a["url"], a["path"], a["urls"])
            for s in stories
            for a in story_to_dict(s)["articles"] + story_to_dict(s)["outliers"]
            if a["id"] != arts[0].id
        ]
        assert len(cited) == len(arts) - 1 and secret not in json.dumps(cited)
        assert not store.add_articles([replace(arts[1], url=f"{shown}/1.html")]).stored
        # done once a store: later opens neither scan its URLs nor take a second write
        hidden_once = "SELECT value FROM meta WHERE key = 'passwords_hidden'"
        assert [tuple(r) for r in store._read(hidden_once)] == [("1",)]
    finally:
        store.close()


def test_a_store_this_user_may_only_read_still_opens_with_passwords_left(tmp_path: Path) -> None:
    """Hiding the passwords older code stored is a write: a store at ``chmod 444`` (one
    ``serve`` only reads) still opens, its passwords left for a writer to hide."""
    from newsdigest.store.base import SourceState

    db = tmp_path / "news.db"
    with SqliteStore(db) as s:
        s.save_source_state(SourceState("http://reader:pw@feeds.example/subs.opml"))
    db.chmod(0o444)
    read = (
        "from newsdigest.store import open_store; s = open_store(%r); print(len(s.source_states()))"
    )
    cmd = [sys.executable, "-c", read % str(db)]
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    try:
        done = subprocess.run(
            _as_a_plain_user(cmd), env=env, capture_output=True, text=True, timeout=120
        )
    finally:
        db.chmod(0o644)
    assert (done.returncode, done.stdout.strip()) == (0, "1"), done.stderr
    with SqliteStore(db) as s:
        assert [x.url for x in s.source_states()] == ["http://reader:***@feeds.example/subs.opml"]

"""What only the PostgreSQL store promises beyond the shared store contract (tests/test_store.py):
several writer processes at once, and a failed batch that commits nothing."""

from __future__ import annotations

import multiprocessing
from datetime import datetime, timedelta, timezone

import pytest
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)
from serve_seed import seed_articles, synthetic_stories

from newsdigest.errors import StoreError
from newsdigest.model import Article, article_id
from newsdigest.split import split_sentences

pytestmark = pytest.mark.postgres


SENTENCES = [s.text for a in seed_articles() for s in split_sentences(a.text) if len(s.text) > 60]


def wire_articles(n: int) -> list[Article]:
    """n distinct articles (no two near-duplicates): two seed sentences each, none reused."""
    start = datetime(2024, 3, 1, tzinfo=timezone.utc)
    out = []
    for i in range(n):
        text = f"{SENTENCES[2 * i]} {SENTENCES[2 * i + 1]}"
        out.append(
            Article(
                id=article_id(text),
                text=text,
                title=f"Report {i}",
                url=f"https://wire.example/{i}",
                source="wire.example",
                published=start + timedelta(minutes=i),
            )
        )
    return out


def _writer(url: str, order: int, barrier: object) -> tuple[list[str], list[str]]:
    """One crawler process: the same 60 articles as the others, in its own order."""
    from newsdigest.store.postgres import PostgresStore

    articles = wire_articles(60)
    articles = articles[order::1] + articles[:order] if order else articles[::-1]
    store = PostgresStore(url)
    barrier.wait()  # type: ignore[attr-defined]
    stored: list[str] = []
    duplicates: list[str] = []
    for i in range(0, 60, 15):  # four batches each, interleaving with the other writers
        result = store.add_articles(articles[i : i + 15])
        stored += result.stored
        duplicates += result.duplicates
    store.save_stories(synthetic_stories(5))
    store.close()
    return stored, duplicates


def test_several_writer_processes_store_each_article_once(pg_url: str) -> None:  # noqa: F811
    from newsdigest.store.postgres import PostgresStore

    ctx = multiprocessing.get_context("spawn")
    writers = 4
    with ctx.Manager() as manager:
        barrier = manager.Barrier(writers)
        with ctx.Pool(writers) as pool:
            results = pool.starmap(_writer, [(pg_url, k * 13, barrier) for k in range(writers)])
    stored = [i for s, _ in results for i in s]
    duplicates = [i for _, d in results for i in d]
    expected = {a.id for a in wire_articles(60)}
    assert sorted(stored) == sorted(expected)  # each article stored by exactly one writer
    assert len(duplicates) == 60 * (writers - 1)
    with PostgresStore(pg_url) as store:
        assert {a.id for a in store.get_articles()} == expected
        assert len(store.get_articles()) == 60
        assert store.urls(wire_articles(60)[7].id) == ("https://wire.example/7",)
        assert len(store.list_stories()) == 5


def test_a_batch_the_server_rejects_commits_nothing(pg_url: str) -> None:  # noqa: F811
    from newsdigest.store.postgres import PostgresStore

    good = seed_articles()
    bad_text = "A text with a NUL byte \x00 that PostgreSQL refuses to store."
    bad = Article(id=article_id(bad_text), text=bad_text, url="https://bad.example/1")
    with PostgresStore(pg_url) as store:
        with pytest.raises(StoreError, match="nothing committed"):
            store.add_articles([*good[:3], bad, *good[3:]])
        assert store.get_articles() == []
        assert store.urls(good[0].id) == ()
        # the store is still usable, and the good articles go in on the next try
        assert len(store.add_articles(good).stored) == 5


def test_bad_url_is_one_line_store_error() -> None:
    from newsdigest.store.postgres import PostgresStore

    with pytest.raises(StoreError) as info:
        PostgresStore("postgresql://nobody:secret@127.0.0.1:1/none")
    message = str(info.value)
    assert "cannot connect" in message and "secret" not in message and "\n" not in message


def test_clustering_lock_makes_a_second_writer_wait(pg_url: str) -> None:  # noqa: F811
    import threading
    import time

    from newsdigest.store.postgres import PostgresStore

    first, second = PostgresStore(pg_url), PostgresStore(pg_url)
    events: list[str] = []
    holding = threading.Event()

    def hold() -> None:
        with first.clustering_lock():
            events.append("first in")
            holding.set()
            time.sleep(0.5)
            events.append("first out")

    thread = threading.Thread(target=hold)
    thread.start()
    holding.wait(10)
    with second.clustering_lock():
        events.append("second in")
    thread.join()
    assert events == ["first in", "first out", "second in"]
    # released: the first store can take it again at once
    with first.clustering_lock():
        pass
    first.close()
    second.close()


def test_near_duplicate_is_folded_like_in_sqlite(pg_url: str, tmp_path) -> None:  # type: ignore[no-untyped-def]  # noqa: F811
    """A syndicated copy under other boilerplate: same answer from both stores."""
    from dataclasses import replace

    from newsdigest.store.postgres import PostgresStore
    from newsdigest.store.sqlite import SqliteStore

    arts = seed_articles()
    wire = arts[4]
    text = f"Home / World / Europe\n{wire.text}\nShare this: Facebook Twitter Email"
    copy = replace(wire, id=article_id(text), text=text, url="https://syndicate.example/1")
    answers = []
    for store in (PostgresStore(pg_url), SqliteStore(tmp_path / "n.db")):
        with store:
            store.add_articles(arts)
            result = store.add_articles([copy])
            answers.append((result, store.urls(wire.id), store.count_articles()))
    assert answers[0] == answers[1]
    result, urls, count = answers[0]
    assert result.stored == () and result.near_duplicates == {copy.id: wire.id}
    assert urls == (wire.url, copy.url) and count == 5


def _long_url(n: int) -> str:
    """A URL of ``n`` random letters: incompressible, as PostgreSQL would store its key."""
    import random
    import string

    rng = random.Random(n)
    return "https://long.example/" + "".join(rng.choice(string.ascii_letters) for _ in range(n))


def test_a_url_too_long_for_the_index_costs_its_record_not_the_batch(
    pg_url: str,  # noqa: F811
    tmp_path,  # type: ignore[no-untyped-def]
) -> None:
    """PostgreSQL's B-tree holds no key past ~2,700 bytes: one record's 3,000-letter URL failed
    the whole batch ("batch not stored (nothing committed): index row size 3032 exceeds btree
    version 4 maximum 2704"), where SQLite stored all five. Now both refuse that one record."""
    import json

    from newsdigest.store import open_store
    from newsdigest.stories import ingest

    articles = wire_articles(5)
    lines = tmp_path / "wire.jsonl"
    rows = [{"text": a.text, "title": a.title, "url": a.url} for a in articles]
    rows[2]["url"] = _long_url(3000)
    lines.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    for db in (pg_url, str(tmp_path / "news.db")):
        with open_store(db) as store:
            report = ingest([lines], store)
            assert (report.stored, [e.name for e in report.rejected]) == (4, [f"{lines}:3"])
            assert report.rejected[0].reason.startswith("URL too long (3,021 bytes; the limit")
            assert store.count_articles() == 4


def test_a_post_with_a_url_too_long_for_the_index_is_422_not_500(pg_url: str) -> None:  # noqa: F811
    """``POST /api/articles`` with such a URL answered 500 on PostgreSQL ("could not store the
    articles") and 200 on SQLite; now 422 naming the field on both, and nothing stored."""
    from fastapi.testclient import TestClient

    from newsdigest.serve import create_app
    from newsdigest.store.postgres import PostgresStore

    article = wire_articles(1)[0]
    with PostgresStore(pg_url) as store:
        client = TestClient(create_app(store), base_url="http://127.0.0.1")
        answer = client.post("/api/articles", json={"text": article.text, "url": _long_url(3000)})
        assert answer.status_code == 422, answer.text
        assert answer.json()["detail"][0]["loc"] == ["body", "url"]
        assert "URL too long" in answer.json()["error"]
        assert store.count_articles() == 0
        ok = client.post("/api/articles", json={"text": article.text, "url": _long_url(1000)})
        assert ok.status_code == 200 and store.count_articles() == 1


def test_a_store_outlives_the_server_dropping_its_connections(pg_url: str) -> None:  # noqa: F811
    """A PostgreSQL restart (or an administrator's pg_terminate_backend) closed the store's
    connections, and its write connection was never opened again: a running ``serve`` answered
    every later POST 500 "the connection is closed" (reads recovered, writes never). Now the
    first write and read after it go through on new connections."""
    import psycopg

    from newsdigest.store.postgres import PostgresStore

    arts = wire_articles(6)
    with PostgresStore(pg_url) as store:
        assert len(store.add_articles(arts[:2]).stored) == 2 and store.count_articles() == 2
        for k in (2, 4):
            with psycopg.connect(pg_url, autocommit=True) as admin:
                admin.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )
            assert len(store.add_articles(arts[k : k + 2]).stored) == 2
            assert store.count_articles() == k + 2

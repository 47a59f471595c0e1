"""The follower's state in the store (sources' validators and outcomes, seen entry URLs), on
every backend, and a schema-2 SQLite file migrated to schema 3 in place."""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)

from newsdigest.store import open_store
from newsdigest.store.base import SourceState
from newsdigest.store.sql import STORE_SCHEMA_VERSION


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[object]:
    if request.param == "sqlite":
        s = open_store(tmp_path / "news.db")
    else:
        s = open_store(request.getfixturevalue("pg_url"))
    yield s
    s.close()


def test_source_state_round_trips_and_updates(store) -> None:
    t = datetime(2026, 11, 28, 12, 0, tzinfo=timezone.utc)
    a = SourceState("https://b.example/feed", '"abc"', "Tue, 14 May 2019 18:00:00 GMT", t, t)
    b = SourceState("https://a.example/list.opml", None, None, t, None, "HTTP 500",
                    ("https://a.example/1.xml", "https://a.example/2.xml"))  # fmt: skip
    store.save_source_state(a)
    store.save_source_state(b)
    assert store.source_states() == [b, a]  # by URL
    fixed = SourceState(b.url, '"e"', None, t, t, None, b.children)
    store.save_source_state(fixed)
    assert store.source_states([b.url]) == [fixed]
    assert store.source_states(["https://none.example/"]) == []


def test_seen_urls_are_remembered(store) -> None:
    urls = [f"https://x.example/{i}" for i in range(700)]  # more than one IN-list chunk
    assert store.seen_urls(urls) == frozenset()
    store.mark_seen({u: "stored" for u in urls[::2]})
    store.mark_seen({urls[0]: "duplicate"})
    assert store.seen_urls(urls) == frozenset(urls[::2])


def test_schema_2_file_gains_the_follow_tables(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    open_store(db).close()
    with sqlite3.connect(db) as conn:  # make it a schema-2 file: no follower tables
        conn.execute("DROP TABLE follow_sources")
        conn.execute("DROP TABLE follow_seen")
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with open_store(db) as store:
        store.mark_seen({"https://x.example/1": "stored"})
        assert store.seen_urls(["https://x.example/1"]) == {"https://x.example/1"}
    with sqlite3.connect(db) as conn:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    assert int(version[0]) == STORE_SCHEMA_VERSION == 3

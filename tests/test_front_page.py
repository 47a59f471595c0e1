"""The home page a reader of an aggregator expects (stories ranked by size and recency, each
with its first digest sentence, outlets and age; single-article stories under "More coverage")
and search over titles, digests and entities (SQLite FTS5, PostgreSQL full-text search), with
the same ``.json`` twin, on both backends."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Iterator
from dataclasses import replace
from datetime import timedelta
from pathlib import Path

import pytest
from fastapi.testclient import TestClient
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)
from serve_seed import fill, open_backend, seed_story, synthetic_stories

from newsdigest.model import Entity
from newsdigest.serve import create_app
from newsdigest.store import open_store
from newsdigest.store.base import Store


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_backend(request.param, tmp_path, request)
    yield s
    s.close()


def single(story, k: int):  # type: ignore[no-untyped-def]
    """A one-article story (the first article of ``story``), published ``k`` hours later."""
    a = story.articles[0]
    a = replace(a, published=a.published + timedelta(hours=k))
    return replace(story, id=f"single{k}", title=f"Lone report {k}", articles=(a,),
                   urls={a.id: (a.url,)})  # fmt: skip


def test_home_ranks_big_recent_stories_and_puts_single_articles_apart(store: Store) -> None:
    seed = seed_story()
    small = synthetic_stories(4)  # 3 articles each, 2024-01-01, an hour apart
    big = replace(small[0], id="big", title="Big story",
                  articles=(*small[0].articles, *small[3].articles))  # fmt: skip
    fill(store, [seed, big, *small[1:3], single(small[1], 5)])
    page = TestClient(create_app(store)).get("/").text
    assert "<title>Stories · newsdigest</title>" in page  # a title, not a page section
    main, _, more = page.partition("More coverage")
    titles = [t.split("</a>")[0].split(">")[-1] for t in main.split('class="story-title"')[1:]]
    # 6 articles three hours before the newest beat 3 articles an hour before; 2019 last
    assert titles == ["Big story", "Story 2", "Story 1", seed.title]
    assert "Lone report 5" in more and "Lone report 5" not in main
    # each story shows its first digest sentence and who reported it
    assert seed.summary[0].text.split()[0] in main
    assert "outlet0.example, outlet1.example, outlet2.example" in main
    twin = TestClient(create_app(store)).get("/stories.json").json()["front_page"]
    assert [s["title"] for s in twin["stories"]] == titles
    assert [s["title"] for s in twin["more_coverage"]] == ["Lone report 5"]
    assert twin["stories"][-1]["lead"] == " ".join(seed.summary[0].text.split())


def test_search_titles_digests_and_entities(store: Store) -> None:
    seed = seed_story()
    fill(store, [seed, *synthetic_stories(3)])
    client = TestClient(create_app(store))
    assert seed.id in [s["id"] for s in client.get("/search.json?q=Sochi").json()["stories"]]
    # a name only the facts carry (not in the title or the digest) finds its story
    named = replace(synthetic_stories(4)[3], title="Plain title", facts=replace(
        seed.facts, entities=(Entity("Zanzibar Council", "ORG", ()),)))  # fmt: skip
    store.save_stories([named])
    by_entity = client.get("/search.json", params={"q": "zanzibar"}).json()
    assert [s["id"] for s in by_entity["stories"]] == [named.id]
    by_title = client.get("/search.json", params={"q": "story 2"}).json()
    assert by_title["stories"][0]["title"] == "Story 2"
    # stemmed, every word required, the user's text never read as query syntax
    assert client.get("/search.json", params={"q": "talks started"}).json()["stories"]
    assert client.get("/search.json", params={"q": "Sochi zebra"}).json()["stories"] == []
    for hostile in ('NEAR(" OR *', "title:x AND", "'; DROP TABLE stories; --", "   "):
        answer = client.get("/search.json", params={"q": hostile})
        assert answer.status_code == 200 and answer.json()["stories"] == []
    html = client.get("/search", params={"q": "Sochi"}).text
    assert seed.title in html and 'value="Sochi"' in html
    paged = client.get("/search.json", params={"q": "story", "limit": 2}).json()
    assert len(paged["stories"]) == 2 and paged["next"]
    rest = client.get(paged["next"]).json()
    seen = [s["id"] for s in paged["stories"] + rest["stories"]]
    assert len(seen) == len(set(seen)) == 3  # "Story 0..2"


def test_search_stays_current_when_a_story_is_rebuilt(store: Store) -> None:
    seed = seed_story()
    fill(store, [seed])
    assert store.search_stories("Sochi", limit=5)
    store.save_stories([replace(seed, title="Talks in Geneva", facts=None, summary=())])
    assert store.search_stories("Sochi", limit=5) == []
    assert [r.id for r in store.search_stories("geneva", limit=5)] == [seed.id]


def test_schema_2_file_gets_leads_and_search_backfilled(tmp_path: Path) -> None:
    db = tmp_path / "old.db"
    seed = seed_story()
    with open_store(db) as s:
        fill(s, [seed])
    with sqlite3.connect(db) as conn:  # as schema 2 left it: no lead, no search index
        conn.execute("DROP TABLE stories_fts")
        conn.execute("UPDATE stories SET lead = '', search_text = ''")
        conn.execute("UPDATE meta SET value = '2' WHERE key = 'schema_version'")
    with open_store(db) as s:
        assert s.story_rows(limit=5)[0].lead == " ".join(seed.summary[0].text.split())
        assert [r.id for r in s.search_stories("Sochi", limit=5)] == [seed.id]


def test_a_storys_line_gives_its_date_once(store: Store) -> None:
    """A story's line tells its age ("3 h ago") and then its time span; past two months the
    age is a date, the one the span ends on, and a line of the dev stream's stories read
    "2016-11-13 · 2016-11-13 00:00 – 18:07 UTC (18 h)"."""
    from datetime import datetime, timezone

    seed = seed_story()  # May 2019
    stories = synthetic_stories(1, start=datetime.now(timezone.utc) - timedelta(hours=5))
    fill(store, [seed, *stories])
    page = TestClient(create_app(store)).get("/").text
    metas = [m.split("</span>")[0] for m in page.split('<span class="meta">')[1:]]
    recent, old = [" ".join(re.sub(r"<[^>]+>", "", m).split()) for m in metas]
    assert re.search(r"\) · 4 h ago · \d{4}-\d\d-\d\d \d\d:\d\d – ", recent), recent
    assert old.endswith("outlets (newsbeezer.com, oreanda-news.com, sahartv.ir and 1 more) · "
                        "2019-05-14 09:30 – 2019-05-15 06:15 UTC (21 h)")  # fmt: skip


def test_a_search_page_past_its_last_match_does_not_say_nothing_matches(store: Store) -> None:
    """``/search?q=Sochi&offset=50`` said "No story matches Sochi" of a store whose Sochi story
    it had just listed on the page before."""
    fill(store, [seed_story()])
    client = TestClient(create_app(store))
    assert "No story matches" not in client.get("/search", params={"q": "Sochi"}).text
    text = " ".join(client.get("/search", params={"q": "Sochi", "offset": 50}).text.split())
    assert "No story matches" not in text
    assert "No more stories match <q>Sochi</q> from number 51 on." in text

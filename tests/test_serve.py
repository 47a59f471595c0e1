"""The web app over a real store: story list, story page, JSON twins, OpenAPI, escaping, limits."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient
from html_probe import Page
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)
from serve_seed import (
    HOSTILE_TEXT,
    HOSTILE_TITLE,
    fill,
    open_backend,
    seed_articles,
    seed_story,
    synthetic_stories,
)

from newsdigest.model import Article, Facts, Quote, Story, article_id, story_id
from newsdigest.serialize import story_to_dict
from newsdigest.serve import create_app
from newsdigest.split import split_sentences
from newsdigest.store.base import Store


@pytest.fixture(params=["sqlite", "postgres"])
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_backend(request.param, tmp_path, request)
    yield s
    s.close()


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


# ---- story list ------------------------------------------------------------------------------


def test_story_list_is_newest_first_with_outlets_and_time_span(
    store: Store, client: TestClient
) -> None:
    seed = seed_story()
    fill(store, [seed, *synthetic_stories(3)])
    page = Page(client.get("/").text)
    titles = [a.text for a in page.select("a", "story-title")]
    assert titles == ["Story 2", "Story 1", "Story 0", seed.title]
    rows = page.select("li", "story-row")
    # the outlier (003, Washington in December) is neither counted nor stretches the span
    assert "4 articles" in rows[-1].text and "4 outlets" in rows[-1].text
    assert "2019-05-14 09:30 – 2019-05-15 06:15 UTC (21 h)" in rows[-1].text

    listing = client.get("/api/stories").json()
    assert [s["title"] for s in listing["stories"]] == titles
    seed_row = listing["stories"][-1]
    assert seed_row["outlets"] == 4 and seed_row["outliers"] == 1
    assert seed_row["first_published"] == "2019-05-14T09:30:00+00:00"
    # every page has a JSON twin, and it is the API's answer
    assert client.get("/stories.json").json() == listing
    assert client.get("/?format=json").json() == listing
    assert client.get("/stories").text == client.get("/").text


def test_story_list_pages(store: Store, client: TestClient) -> None:
    fill(store, synthetic_stories(7))
    first = client.get("/api/stories?limit=3").json()
    assert [s["title"] for s in first["stories"]] == ["Story 6", "Story 5", "Story 4"]
    second = client.get(first["next"]).json()
    assert [s["title"] for s in second["stories"]] == ["Story 3", "Story 2", "Story 1"]
    third = client.get(second["next"]).json()
    assert [s["title"] for s in third["stories"]] == ["Story 0"] and third["next"] is None
    # a page's JSON twin pages on as itself (it had pointed on to /api/stories)
    assert client.get("/stories.json?limit=3").json()["next"] == "/stories.json?offset=3&limit=3"
    assert client.get("/?format=json&limit=3").json()["next"] == "/stories.json?offset=3&limit=3"
    html = Page(client.get("/?offset=3&limit=3").text)
    assert [a.attrs["href"] for a in html.select("a") if a.attrs.get("rel") == "next"] == [
        "/?offset=6&limit=3"
    ]


def test_empty_store_says_how_to_add_articles(client: TestClient) -> None:
    page = client.get("/")
    assert page.status_code == 200 and "POST /api/articles" in page.text
    assert client.get("/api/stories").json()["stories"] == []


def test_a_store_of_ingested_articles_says_to_group_them(tmp_path: Path, seed_paths) -> None:
    """``newsdigest ingest`` stores articles and ``newsdigest stories`` groups them: a server
    over a store only ingested into told its reader "No stories yet ... run newsdigest ingest",
    the very command just run. The page names both, in order."""
    import newsdigest
    from newsdigest.store import open_store

    db = tmp_path / "news.db"
    assert newsdigest.store_articles(seed_paths, db=db).stored == 5
    with open_store(db) as s:
        text = " ".join(TestClient(create_app(s)).get("/").text.split())
    assert "run <code>newsdigest ingest</code> then <code>newsdigest stories</code>" in text


def test_a_page_past_the_last_story_does_not_call_the_store_empty(
    store: Store, client: TestClient
) -> None:
    """``/?offset=100`` over a store of stories said "No stories yet. Send articles to ...", as
    over an empty store; it says there are none this far and links the first page."""
    fill(store, [seed_story()])
    text = " ".join(client.get("/", params={"offset": 100}).text.split())
    assert "No stories yet" not in text
    assert (
        '<p class="empty">No stories from number 101 on: <a href="/">the first page</a>.</p>'
        in text
    )


# ---- story page --------------------------------------------------------------------------------


def test_story_page_markers_point_at_the_cited_sentences(store: Store, client: TestClient) -> None:
    seed = seed_story()
    fill(store, [seed])
    response = client.get(f"/stories/{seed.id}")
    assert response.status_code == 200
    page = Page(response.text)
    items = page.select("li", "summary-sentence")
    lines = [[c for c in i.children if "line" in c.classes][0] for i in items]
    assert [i.text.split(" [")[0].strip() for i in lines] == [s.text for s in seed.summary]
    for item, sentence in zip(lines, seed.summary, strict=True):
        markers = [c for c in item.children if "cite" in c.classes]
        assert markers, f"no citation marker on {sentence.text!r}"
        cited_texts = {
            split_sentences(seed.article(c.article).text)[c.sentence].text
            for c in sentence.citations
        }
        shown = {page.by_id(a).text for m in markers for a in m.attrs["data-cites"].split()}
        assert shown == cited_texts
        for m in markers:  # without JS the marker still jumps to its first cited sentence
            assert m.attrs["href"] == "#" + m.attrs["data-cites"].split()[0]


def test_story_page_shows_sources_quotes_timeline_disagreements_and_chart(
    store: Store, client: TestClient
) -> None:
    seed = seed_story()
    fill(store, [seed])
    page = Page(client.get(f"/stories/{seed.id}").text)
    sources = page.select("article", "source")
    # numbered by publication time; outlet and time on each
    assert [s.attrs["id"] for s in sources] == ["a1", "a2", "a3", "a4", "a5"]
    assert "vestnikkavkaza.net" in sources[0].text and "2019-05-14 09:30 UTC" in sources[0].text
    outlier = page.by_id("a5")
    assert "outlier" in outlier.classes and "tass.com" in outlier.text
    assert "Left out of the digest: about another meeting" in outlier.text
    quotes = page.select("ul", "quotes")[0].text
    assert "great to see you again" in quotes and "Mike Pompeo" in quotes
    assert "Sergey Lavrov" in quotes
    assert "2019-05-14" in page.select("ol", "timeline")[0].text
    disagreement = page.select("ul", "disagreements")[0].text
    assert "Sochi" in disagreement and "Washington" in disagreement and "tass.com" in disagreement
    # articles over time: four dated articles in four different hours; the outlier is not counted
    bars = page.select("rect", "bar")
    assert len(bars) == 4
    labels = [b.children[0].text for b in bars]
    assert labels[0] == "2019-05-14 09:00 UTC: 1 article"
    assert "articles per hour" in page.select("figcaption")[0].text.lower()


def test_story_json_twins_are_the_serialized_story(store: Store, client: TestClient) -> None:
    seed = seed_story()
    fill(store, [seed])
    expected = story_to_dict(seed)
    assert client.get(f"/api/stories/{seed.id}").json() == expected
    assert client.get(f"/stories/{seed.id}.json").json() == expected
    assert client.get(f"/stories/{seed.id}?format=json").json() == expected
    html = Page(client.get(f"/stories/{seed.id}").text)
    assert [e.attrs["href"] for e in html.select("link") if e.attrs.get("rel") == "alternate"] == [
        f"/stories/{seed.id}.json"
    ]


def test_unknown_story_is_404_in_html_and_json(client: TestClient) -> None:
    html = client.get("/stories/<b>nope")
    assert html.status_code == 404 and "&lt;b&gt;nope" in html.text
    assert html.headers["content-type"].startswith("text/html")
    assert client.get("/no/such/page").status_code == 404
    for url in ("/api/stories/nope", "/stories/nope.json", "/stories/nope?format=json"):
        answer = client.get(url)
        assert answer.status_code == 404
        # the one line in ``error``, as every other JSON error (403, 413, 415, 422, 500) has it
        message = "no story with id 'nope'"
        assert answer.json() == {"error": message, "detail": message}
    wrong_method = client.delete("/api/stories/nope")
    assert wrong_method.status_code == 405
    assert wrong_method.json()["error"] == "Method Not Allowed"
    schema = client.get("/openapi.json").json()["paths"]["/api/stories/{story_id}"]["get"]
    assert schema["responses"]["404"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/ErrorLine"
    }


def test_openapi_documents_the_api() -> None:
    from newsdigest.store.postgres import PostgresStore  # noqa: F401  (importable without a server)

    app = create_app(store=None)  # type: ignore[arg-type]  # the schema never touches the store
    client = TestClient(app)
    doc = client.get("/openapi.json").json()
    assert {"/api/stories", "/api/stories/{story_id}", "/api/articles"} <= set(doc["paths"])
    body = doc["paths"]["/api/articles"]["post"]["requestBody"]["content"]["application/json"]
    assert "#/components/schemas/ArticleIn" in json.dumps(body["schema"])
    article = doc["components"]["schemas"]["ArticleIn"]
    assert article["required"] == ["text"]
    assert {"id", "url", "title", "text", "published", "source"} <= set(article["properties"])
    assert set(doc["paths"]["/api/articles"]["post"]["responses"]) >= {"200", "413", "422"}
    docs = client.get("/docs")
    assert docs.status_code == 200 and "swagger" in docs.text.lower()


# ---- untrusted text ---------------------------------------------------------------------------


def hostile_story() -> Story:
    """An undated one-article story whose every field carries markup (so: no chart, no <svg>)."""
    art = Article(
        id=article_id(HOSTILE_TEXT),
        text=HOSTILE_TEXT,
        title=HOSTILE_TITLE,
        url="javascript:alert(6)",
        source='<b onmouseover="alert(7)">outlet</b>',
    )
    start = HOSTILE_TEXT.index('"We will')
    quote = Quote(
        HOSTILE_TEXT[start : start + 25], "<i onclick=alert(9)>x</i>", art.id, start, start + 25
    )
    return Story(
        id=story_id([art.id]),
        title=HOSTILE_TITLE,
        articles=(art,),
        facts=Facts(quotes=(quote,)),
        urls={art.id: ("javascript:alert(6)", "javascript:alert(8)")},
    )


def assert_inert(html: str) -> None:
    """Nothing from the article became markup: no handler, no script, no javascript: link."""
    page = Page(html)
    for el in page.elements:
        assert not [k for k in el.attrs if k.startswith("on")], f"event handler on <{el.tag}>"
        assert not el.attrs.get("href", "").strip().lower().startswith("javascript:")
    assert [e.attrs.get("src") for e in page.select("script")] in ([], ["/static/story.js"])
    for tag in ("img", "b", "i", "svg", "iframe"):
        assert not page.select(tag), f"<{tag}> from article text became an element"


def test_hostile_text_is_shown_escaped_never_run(store: Store, client: TestClient) -> None:
    story = hostile_story()
    fill(store, [story])
    for url in ("/", f"/stories/{story.id}"):
        response = client.get(url)
        assert_inert(response.text)
        assert "default-src 'none'" in response.headers["content-security-policy"]
        # the reader still sees the text, as text
        assert "<script>alert(1)</script> Sochi talks" in Page(response.text).text()
    body = Page(client.get(f"/stories/{story.id}").text).text()
    assert '<a href="javascript:alert(3)">here</a>' in body
    assert "<svg onload=alert(5)>" in body and "javascript:alert(6)" in body


# ---- POST /api/articles: limits and validation, all-or-nothing --------------------------------


def assert_nothing_stored(store: Store) -> None:
    assert store.get_articles() == [] and store.list_stories() == []


def test_oversized_body_is_413_and_nothing_is_stored(store: Store) -> None:
    client = TestClient(create_app(store, max_body_bytes=2_000))
    big = [{"text": "Pompeo met Lavrov in Sochi. " * 100}]
    answer = client.post("/api/articles", json=big)
    assert answer.status_code == 413 and "limit is 2000" in answer.json()["error"]

    def chunks() -> Iterator[bytes]:  # no Content-Length: the server must count as it reads
        yield b'[{"text": "'
        for _ in range(50):
            yield b"Pompeo met Lavrov in Sochi. " * 4
        yield b'"}]'

    answer = client.post(
        "/api/articles", content=chunks(), headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413 and "over the limit of 2000" in answer.json()["error"]
    assert_nothing_stored(store)


def test_default_limits_5_mb_and_1000_articles(store: Store, client: TestClient) -> None:
    six_mb = json.dumps({"text": "x" * (6 * 1024 * 1024)})
    answer = client.post(
        "/api/articles", content=six_mb, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 413
    batch = [{"text": f"Article number {i} about the talks in Sochi."} for i in range(1001)]
    answer = client.post("/api/articles", json=batch)
    assert answer.status_code == 413
    assert answer.json()["error"] == (
        "1001 articles in one request; the limit is 1000, split the batch"
    )
    assert_nothing_stored(store)


@pytest.mark.parametrize(
    ("body", "error"),
    [
        (b'{"text": "Pompeo met Lavrov",', "body: malformed JSON: Expecting property name"),
        (b"\xff\xfe{}", "body: body is not UTF-8"),
        (b"[]", "body: empty list: no articles"),
        (b'"just a string"', "body: Input should be a valid dictionary or instance of ArticleIn"),
        (b'{"title": "No text"}', "body.text: Field required"),
        (b'{"text": "   "}', "body.text: text is empty"),
        (b'{"text": 42}', "body.text: Input should be a valid string"),
        (
            b'[{"text": "Pompeo met Lavrov in Sochi."}, {"title": "no text"}]',
            "body[1].text: Field required",
        ),
        (
            b'[{"text": "Pompeo met Lavrov in Sochi.", "published": "Tuesday"}]',
            "body[0].published: unreadable date 'Tuesday'; use ISO 8601 or Unix seconds, of",
        ),
        (  # a date out of range was "unreadable; use ISO 8601" alone, though written in it
            b'{"text": "Pompeo met Lavrov in Sochi.", "published": "9999-12-31T23:59:59-05:00"}',
            "body.published: unreadable date '9999-12-31T23:59:59-05:00'; use ISO 8601 or Unix "
            "seconds, of a year from 1000 to 8999",
        ),
    ],
)
def test_bad_body_is_422_naming_the_field_and_nothing_is_stored(
    store: Store, client: TestClient, body: bytes, error: str
) -> None:
    answer = client.post(
        "/api/articles", content=body, headers={"content-type": "application/json"}
    )
    assert answer.status_code == 422
    assert answer.json()["error"].startswith(error), answer.json()
    assert answer.json()["detail"][0]["loc"][0] == "body"
    assert_nothing_stored(store)


def test_a_body_with_a_utf8_byte_order_mark_is_read(store: Store, client: TestClient) -> None:
    """Windows tools put a byte-order mark before the JSON they send (RFC 8259 lets a reader
    ignore it); the body had been refused as malformed JSON."""
    body = json.dumps(
        [{"text": "Pompeo met Lavrov in Sochi on Tuesday.", "url": "https://a.example/1"}]
    )
    answer = client.post(
        "/api/articles",
        content=b"\xef\xbb\xbf" + body.encode("utf-8"),
        headers={"content-type": "application/json"},
    )
    assert answer.status_code == 200, answer.json()
    assert len(answer.json()["stored"]) == 1
    assert [a.url for a in store.get_articles()] == ["https://a.example/1"]


def test_story_list_lines_are_the_stories_own_figures(store: Store) -> None:
    """The list the page shows (the store's columns) says what each story itself says."""
    from newsdigest.serve.views import story_row

    fill(store, [seed_story(), *synthetic_stories(6)])
    stories = store.list_stories()  # newest first, the order the list promises
    assert store.story_rows(limit=100) == [story_row(s) for s in stories]
    assert store.story_rows(limit=3, offset=2) == [story_row(s) for s in stories[2:5]]
    client = TestClient(create_app(store))
    listed = client.get("/api/stories?offset=2&limit=3").json()["stories"]
    assert [r["id"] for r in listed] == [s.id for s in stories[2:5]]


# ---- POST /api/articles: ingest and update stories --------------------------------------------


def seed_records() -> list[dict[str, str]]:
    """The seed articles as a crawler would post them."""
    return [
        {
            "id": a.origin or a.id,
            "url": a.url or "",
            "title": a.title,
            "text": a.text,
            "published": a.published.isoformat() if a.published else "",
            "source": a.source or "",
        }
        for a in seed_articles()
    ]


def test_posted_articles_become_stories_and_reposting_changes_nothing(
    store: Store, client: TestClient
) -> None:
    answer = client.post("/api/articles", json=seed_records())
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert report["received"] == 5 and len(report["stored"]) == 5 and report["duplicates"] == []
    # Sochi (May 2019) and Washington (December 2019) are two stories
    assert len(report["stories"]) == 2 and sorted(report["updated"]) == report["stories"]
    listing = client.get("/api/stories").json()["stories"]
    assert sorted(s["articles"] for s in listing) == [1, 4]
    sochi = next(s for s in listing if s["articles"] == 4)
    page = Page(client.get(f"/stories/{sochi['id']}").text)
    assert page.select("li", "summary-sentence") and page.select("a", "cite")
    assert len(page.select("article", "source")) == 4

    again = client.post("/api/articles", json=seed_records()).json()
    assert again["stored"] == [] and len(again["duplicates"]) == 5 and again["updated"] == []
    assert sorted(again["stories"]) == sorted(report["stories"])
    assert client.get("/api/stories").json()["stories"] == listing
    assert len(store.get_articles()) == 5


def test_one_posted_article_joins_its_story(store: Store, client: TestClient) -> None:
    client.post("/api/articles", json=seed_records()[:3])
    text = (
        "SOCHI, May 14 - U.S. Secretary of State Mike Pompeo met Russian President Vladimir "
        "Putin in Sochi on Tuesday after talks with Foreign Minister Sergei Lavrov about arms "
        "control, Iran and Venezuela. Pompeo said Washington wanted better relations with Moscow."
    )
    answer = client.post(
        "/api/articles",
        json={"text": text, "url": "https://wire.example/sochi", "published": "2019-05-14T20:00Z"},
    )
    assert answer.status_code == 200, answer.text
    report = answer.json()
    assert len(report["stored"]) == 1 and len(report["stories"]) == 1
    assert report["updated"] == report["stories"]
    story = client.get(f"/api/stories/{report['stories'][0]}").json()
    assert {a["url"] for a in story["articles"]} >= {"https://wire.example/sochi"}
    assert {a["source"] for a in story["articles"]} >= {"wire.example"}


def test_an_article_that_cleans_to_nothing_rejects_the_batch(
    store: Store, client: TestClient
) -> None:
    batch = [*seed_records()[:2], {"text": "Home / World / Politics\n\nLeave a Reply"}]
    answer = client.post("/api/articles", json=batch)
    assert answer.status_code == 422
    # the rule file ingest applies, word for word
    assert answer.json()["error"] == "body[2].text: no article text left after cleaning"
    assert_nothing_stored(store)


def test_hostile_article_posted_is_shown_escaped(store: Store, client: TestClient) -> None:
    hostile = {
        "text": HOSTILE_TEXT,
        "title": HOSTILE_TITLE,
        "url": "javascript:alert(6)",
        "source": '<b onmouseover="alert(7)">outlet</b>',
    }
    report = client.post("/api/articles", json=hostile).json()
    (story_id_,) = report["stories"]
    for url in ("/", f"/stories/{story_id_}"):
        assert_inert(client.get(url).text)
    text = Page(client.get(f"/stories/{story_id_}").text).text()
    assert (
        "<script>alert(document.cookie)</script>" in text and "<img src=x onerror=alert(4)>" in text
    )


def test_a_story_page_changes_when_its_story_does(store: Store, client: TestClient) -> None:
    seed = seed_story()
    fill(store, [seed])
    assert seed.title in client.get(f"/stories/{seed.id}").text
    client.get(f"/stories/{seed.id}")  # now served from the page cache
    store.save_stories([replace(seed, title="Pompeo and Lavrov: talks in Sochi", summary=())])
    page = client.get(f"/stories/{seed.id}").text
    assert Page(page).select("h1")[0].text == "Pompeo and Lavrov: talks in Sochi"
    assert "No digest for this story yet." in page


def test_a_text_of_fewer_than_three_words_rejects_the_batch(
    store: Store, client: TestClient
) -> None:
    """ "x" (a stray one-byte file's text) had been stored and made a story with no title and
    no digest; the schema says what the intake refuses, and schemathesis holds it to that."""
    batch = [*seed_records()[:2], {"text": "x  2019"}]
    answer = client.post("/api/articles", json=batch)
    assert answer.status_code == 422
    error = answer.json()["error"]
    assert error.startswith("body[2].text: too short to be an article (1 word")  # no "Value error"
    assert "Limits.min_article_words" in error
    assert_nothing_stored(store)
    bulletin = {"text": "Bears fire Fox", "url": "https://wire.example/bears"}
    assert client.post("/api/articles", json=bulletin).status_code == 200


def test_the_schemas_pattern_refuses_what_the_intake_refuses() -> None:
    """The text's JSON Schema pattern and ``limits.article_words_reason`` agree: schemathesis
    sends what the pattern refuses and expects a refusal."""
    import re

    from newsdigest.limits import article_words_reason
    from newsdigest.serve.intake import ArticleIn

    pattern = ArticleIn.model_json_schema()["properties"]["text"]["pattern"]
    texts = [
        "x", "a b", "a b c", "1 2 3 a b", "a 1 b 2 c", "Путин и Трамп", "x\n\ny\tz", "— — —",
        "a\u00a0b\u00a0c", "ab1 2cd -e-", "__ a b", "x ½ y",
        "中国人", "中国", "ab中cd", "a 中", "東京都は火曜日", "1 2 中文",
    ]  # fmt: skip
    for text in texts:
        accepted = article_words_reason(text) is None
        matches = re.search(pattern, text) is not None
        # a numeral that is no digit ("½") matches the pattern's letter class and is no
        # letter: the intake may refuse what the pattern lets through, never the reverse
        assert matches or not accepted, text
        if text != "x ½ y":
            assert matches == accepted, text


def test_posted_articles_are_built_with_the_servers_story_settings(tmp_path: Path) -> None:
    """The README's "a web server started with other settings": the intake had always built
    at the defaults, so the first POST after ``stories --sentences 1`` rebuilt every story."""
    from newsdigest.config import StoryConfig
    from newsdigest.store import open_store

    config = StoryConfig(sentences=1, facts=False)
    with open_store(tmp_path / "news.db") as store:
        client = TestClient(create_app(store, config=config))
        answer = client.post("/api/articles", json=seed_records())
        assert answer.status_code == 200, answer.text
        assert store.story_settings() == config.fingerprint()
        for story_id in answer.json()["stories"]:
            story = client.get(f"/api/stories/{story_id}").json()
            assert len(story["summary"]) == 1 and story["facts"] is None


def documented_keys(text: str, lead: str) -> set[str]:
    """The keys docs/serve.md lists after ``lead`` as `{"a", "b"}`."""
    import re

    found = re.search(re.escape(lead) + r" `\{([^}]*)\}`", " ".join(text.split()))
    assert found, f"docs/serve.md no longer says {lead!r}"
    return set(re.findall(r'"(\w+)"', found.group(1)))


def test_docs_serve_md_lists_the_keys_the_list_and_search_answer_with(
    store: Store, client: TestClient
) -> None:
    """docs/serve.md had named the list rows only: ``front_page``, ``sources`` and the search
    pages (``/search``, ``/search.json``) were answered but not documented."""
    fill(store, [seed_story(), *synthetic_stories(2)])
    docs = (Path(__file__).resolve().parents[1] / "docs" / "serve.md").read_text()
    listing = client.get("/api/stories").json()
    assert set(listing) == documented_keys(docs, "The list's JSON is")
    assert set(listing["front_page"]) == documented_keys(docs, "what the HTML page shows,")
    found = client.get("/search.json?q=Sochi").json()
    assert found["stories"] and set(found) == documented_keys(docs, "best match first:")
    assert "| `/search` | `/search.json`, `/search?format=json` |" in docs
    assert client.get("/search?q=Sochi&format=json").json() == found


def test_every_pages_json_link_answers_json(store: Store, client: TestClient) -> None:
    """An error page (404) had offered "/" as its JSON twin, in the nav and as
    ``<link rel="alternate" type="application/json">``: an HTML page."""
    seed = seed_story()
    fill(store, [seed])
    pages = ["/", f"/stories/{seed.id}", "/search?q=Sochi", "/stories/nope", "/no/such/page"]
    for url in pages:
        page = Page(client.get(url).text)
        alternates = [
            el.attrs["href"]
            for el in page.select("link")
            if el.attrs.get("rel") == "alternate" and el.attrs.get("type") == "application/json"
        ]
        named = [a.attrs["href"] for a in page.select("a") if a.text.strip() == "JSON"]
        assert alternates == named, url
        for href in alternates:
            answer = client.get(href)
            assert answer.status_code == 200, (url, href)
            assert answer.headers["content-type"].startswith("application/json"), (url, href)


def test_a_refused_text_is_named_by_its_field_in_one_object_and_in_a_batch(
    store: Store, client: TestClient
) -> None:
    """Refusals made after validation had read 'body[0]: article text too long' for a body
    that is one object (pydantic's own say 'body.text'), and named no field."""
    too_long = {"text": "word " * 200_001}
    html_only = {"text": "<html><body><p>Fire in Lyon.</p></body></html>"}
    short = {"text": "Paris -- 2019 --"}  # fewer than three words once cleaned
    ok = {"text": "Pompeo met Lavrov in Sochi on Tuesday, officials said."}
    one = client.post("/api/articles", json=too_long).json()["error"]
    assert one.startswith("body.text: article text too long (1,000,005 characters"), one
    assert client.post("/api/articles", json=html_only).json()["error"].startswith("body.text: ")
    assert client.post("/api/articles", json=short).json()["error"].startswith("body.text: ")
    batch = client.post("/api/articles", json=[ok, html_only]).json()
    assert batch["error"].startswith("body[1].text: "), batch
    assert batch["detail"][0]["loc"] == ["body", 1, "text"]
    assert_nothing_stored(store)


def test_openapi_describes_every_json_answer_as_it_is_sent(
    store: Store, client: TestClient
) -> None:
    """``/openapi.json`` had described the list, a story, a search and the POST answer as
    ``{}``: a client generated from it was untyped. Each real answer round-trips through the
    model its route names, losing and adding nothing."""
    from newsdigest.serve.schemas import PostAnswer, SearchAnswer, StoryList, StoryOut

    posted = client.post("/api/articles", json=seed_records()).json()
    listing = client.get("/api/stories?limit=1").json()
    stories = [client.get(f"/api/stories/{i}").json() for i in posted["stories"]]
    assert any(s["facts"]["quotes"] and s["facts"]["entities"] for s in stories)
    found = client.get("/search.json?q=Sochi").json()
    answers = [(PostAnswer, posted), (StoryList, listing), (SearchAnswer, found)]
    for model, answer in [*answers, *((StoryOut, s) for s in stories)]:
        assert model.model_validate(answer).model_dump(by_alias=True, exclude_unset=True) == answer
    doc = client.get("/openapi.json").json()
    routes = {
        ("/api/stories", "get"): "StoryList",
        ("/stories.json", "get"): "StoryList",
        ("/api/stories/{story_id}", "get"): "StoryOut",
        ("/stories/{story_id}.json", "get"): "StoryOut",
        ("/search.json", "get"): "SearchAnswer",
        ("/api/articles", "post"): "PostAnswer",
    }
    for (path, method), name in routes.items():
        ok = doc["paths"][path][method]["responses"]["200"]["content"]["application/json"]
        assert ok["schema"] == {"$ref": f"#/components/schemas/{name}"}, path


def test_an_untitled_story_has_the_same_title_in_the_list_and_in_itself(
    store: Store, client: TestClient
) -> None:
    """A story with no title (``stories --words 1`` digests nothing) had the title "(untitled
    story)" in the list's JSON and "" in its own; the page says "(untitled story)"."""
    untitled = replace(seed_story(), title="")
    fill(store, [untitled])
    line = client.get("/api/stories").json()["stories"][0]
    assert line["title"] == client.get(line["json"]).json()["title"] == ""
    assert "(untitled story)" in client.get("/").text


def test_a_format_the_pages_do_not_have_is_a_422_naming_it(
    store: Store, client: TestClient
) -> None:
    """``?format=markdown`` (the CLI's formats) had answered the HTML page with a 200."""
    seed = seed_story()
    fill(store, [seed])
    for url in ("/", f"/stories/{seed.id}", "/search?q=Sochi"):
        joint = "&" if "?" in url else "?"
        answer = client.get(f"{url}{joint}format=markdown")
        assert answer.status_code == 422, url
        assert answer.json()["error"] == (
            "query.format: unknown format 'markdown'; a page is html or json"
        )
        assert client.get(f"{url}{joint}format=html").text == client.get(url).text
        assert (
            client.get(f"{url}{joint}format=json")
            .headers["content-type"]
            .startswith("application/json")
        )


def test_the_story_list_takes_since_as_the_cli_does(store: Store, client: TestClient) -> None:
    """``/api/stories?since=`` lists what ``stories --since`` (``list_stories(since)``) does;
    it had been an unknown parameter, ignored, and every story listed. A date alone is its
    midnight, a naive time UTC."""
    fill(store, [seed_story(), *synthetic_stories(6)])
    stories = store.list_stories()
    lasts = sorted({s.articles[-1].published for s in stories if s.articles[-1].published})
    since = lasts[len(lasts) // 2]
    wanted = [s.id for s in store.list_stories(since=since)]
    assert 0 < len(wanted) < len(stories)
    answer = client.get("/api/stories", params={"since": since.isoformat(), "limit": 1})
    assert answer.status_code == 200, answer.json()
    assert [r["id"] for r in answer.json()["stories"]] == wanted[:1]
    # the next page keeps the filter
    assert f"since={quote(since.isoformat())}" in answer.json()["next"]
    everything = client.get("/api/stories", params={"since": since.isoformat(), "limit": 100})
    assert [r["id"] for r in everything.json()["stories"]] == wanted
    day = client.get("/stories.json", params={"since": since.date().isoformat()}).json()
    assert {r["id"] for r in day["stories"]} >= set(wanted)
    refused = client.get("/api/stories", params={"since": "last tuesday"})
    assert refused.status_code == 422
    assert refused.json()["error"].startswith("query.since:")


@pytest.mark.parametrize("since", ["0001-01-01T00:00:00+14:00", "9999-12-31T23:59:59-14:00"])
def test_a_since_no_utc_time_can_hold_is_a_422(
    store: Store, client: TestClient, since: str
) -> None:
    """A ``since`` whose UTC time is before year 1 or after 9999 (``stories --since`` says so
    in one line) had been a 500, "internal error (ValueError)"."""
    fill(store, [seed_story()])
    for path in ("/api/stories", "/stories.json"):
        answer = client.get(path, params={"since": since})
        assert answer.status_code == 422, answer.text
        assert answer.json()["error"].startswith("query.since:")
        assert f"since: '{since}' is not a usable date" in answer.json()["error"]

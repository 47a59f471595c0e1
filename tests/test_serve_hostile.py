"""Issue 12, the web server: hostile and careless requests. Each test is named after its item.

4: cross-site writes and DNS rebinding; 6: reads do not wait for an ingest; 11: huge offsets;
16: a damaged database is explained, not a bare 500; 18: HEAD, Allow, query labels, the schema
(404, minItems), the offline docs page, digest numbers of two digits.
"""

from __future__ import annotations

import json
import re
import sqlite3
import threading
import time
from collections.abc import Iterator, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from fastapi.testclient import TestClient
from html_probe import Page
from live_server import serving
from serve_seed import fill, seed_articles, seed_story, synthetic_stories

from newsdigest.config import StoryConfig
from newsdigest.model import Citation, Story, SummarySentence
from newsdigest.serve import create_app
from newsdigest.serve.app import MAX_OFFSET
from newsdigest.serve.ingest import PostReport, ingest_records
from newsdigest.serve.public_error import public_reason
from newsdigest.split import split_sentences
from newsdigest.store import open_store
from newsdigest.store.base import Store

ARTICLE = {
    "text": (
        "SOCHI, May 14 - U.S. Secretary of State Mike Pompeo met Russian President Vladimir "
        "Putin in Sochi on Tuesday after talks with Foreign Minister Sergei Lavrov about arms "
        "control, Iran and Venezuela. Pompeo said Washington wanted better relations."
    ),
    "url": "https://wire.example/sochi",
    "published": "2019-05-14T20:00:00Z",
}


@pytest.fixture
def store(tmp_path: Path) -> Iterator[Store]:
    s = open_store(str(tmp_path / "news.db"))
    yield s
    s.close()


@pytest.fixture
def client(store: Store) -> TestClient:
    return TestClient(create_app(store))


def post_json(client: TestClient, body: Any, **headers: str) -> httpx.Response:
    return client.post(
        "/api/articles",
        content=json.dumps(body),
        headers={"content-type": "application/json", **headers},
    )


def assert_one_line_error(answer: httpx.Response, status: int, *words: str) -> None:
    assert answer.status_code == status, answer.text
    assert answer.headers["content-type"].startswith("application/json")
    error = answer.json()["error"]
    assert "\n" not in error and "Traceback" not in error
    for word in words:
        assert word in error, error


@pytest.mark.parametrize("coding", ["gzip", "deflate", "br"])
def test_a_compressed_body_is_refused_by_its_encoding(
    store: Store, client: TestClient, coding: str
) -> None:
    """A gzipped POST (``Content-Encoding: gzip``, as HTTP libraries send on request) was read
    as text: "body is not UTF-8: invalid start byte", no word of the encoding."""
    import gzip
    import zlib

    raw = json.dumps(ARTICLE).encode()
    packed = gzip.compress(raw) if coding == "gzip" else zlib.compress(raw)
    answer = client.post(
        "/api/articles",
        content=packed,
        headers={"content-type": "application/json", "content-encoding": coding},
    )
    assert_one_line_error(
        answer, 415, f"Content-Encoding {coding} is not read: send the body uncompressed"
    )
    assert store.get_articles() == []
    assert post_json(client, ARTICLE, **{"content-encoding": "identity"}).status_code == 200


# ---- item 4: cross-site request forgery and DNS rebinding ----------------------------------


@pytest.mark.parametrize(
    "content_type",
    [
        None,
        "text/plain",
        "text/plain;charset=UTF-8",  # what a no-cors fetch sends
        "application/x-www-form-urlencoded",
        "multipart/form-data; boundary=x",
        "text/json",
        "application/jsonl",
    ],
)
def test_item4_csrf_a_write_needs_content_type_application_json(
    store: Store, client: TestClient, content_type: str | None
) -> None:
    headers = {"content-type": content_type} if content_type else {}
    answer = client.post("/api/articles", content=json.dumps(ARTICLE), headers=headers)
    assert_one_line_error(answer, 415, "Content-Type must be application/json")
    assert store.get_articles() == []
    ok = client.post(
        "/api/articles",
        content=json.dumps(ARTICLE),
        headers={"content-type": "application/json; charset=utf-8"},
    )
    assert ok.status_code == 200 and len(store.get_articles()) == 1


@pytest.mark.parametrize(
    "headers",
    [
        {"origin": "http://evil.example"},
        {"origin": "null"},  # a sandboxed iframe or a file: page
        {"origin": "http://testserver:8080"},  # same name, another port: another origin
        {"origin": "http://testserver.evil.example"},
        {"origin": "http://evil.example", "referer": "http://testserver/"},
        {"referer": "http://evil.example/page.html"},
        {"sec-fetch-site": "cross-site"},
        {"sec-fetch-site": "same-site"},  # localhost:8001 is "same site" as localhost:8000
    ],
)
def test_item4_csrf_a_write_from_another_origin_is_refused(
    store: Store, client: TestClient, headers: dict[str, str]
) -> None:
    answer = post_json(client, ARTICLE, **headers)
    assert_one_line_error(answer, 403, "refused")
    assert store.get_articles() == []


def test_item4_csrf_a_write_from_the_servers_own_pages_is_accepted(
    store: Store, client: TestClient
) -> None:
    own = {
        "origin": "http://testserver",
        "referer": "http://testserver/docs",
        "sec-fetch-site": "same-origin",
    }
    assert post_json(client, ARTICLE, **own).status_code == 200
    assert len(store.get_articles()) == 1


def test_item4_dns_rebinding_a_foreign_host_header_is_refused(store: Store) -> None:
    fill(store, [seed_story()])
    with serving(store) as base:
        port = int(base.rsplit(":", 1)[1])
        for host in (f"evil.example:{port}", "evil.example", f"127.0.0.1:{port + 1}", "a b"):
            for method, body in (("GET", None), ("POST", json.dumps(ARTICLE))):
                answer = httpx.request(
                    method,
                    f"{base}/api/stories" if method == "GET" else f"{base}/api/articles",
                    content=body,
                    headers={"host": host, "content-type": "application/json"},
                )
                assert_one_line_error(answer, 400, "not")
        assert len(store.get_articles()) == 5  # the seed story's, nothing posted
        for host in (f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}", "localhost"):
            assert httpx.get(f"{base}/", headers={"host": host}).status_code == 200, host


def test_item4_dns_rebinding_allowed_hosts_is_settable(store: Store) -> None:
    with serving(store, allowed_hosts=["news.example", "proxy.example:8443"]) as base:
        port = int(base.rsplit(":", 1)[1])
        ok = ("news.example", f"news.example:{port}", "proxy.example:8443", "NEWS.example.")
        for host in ok:
            assert httpx.get(f"{base}/", headers={"host": host}).status_code == 200, host
        for host in (f"localhost:{port}", "proxy.example:8080", "evil.example"):
            assert httpx.get(f"{base}/", headers={"host": host}).status_code == 400, host
    with pytest.raises(ValueError, match="not a host name"):
        create_app(store, allowed_hosts=["http://news.example/"])


# ---- item 6: reads do not wait for a write's clustering and summarizing ----------------------


def test_item6_reads_do_not_wait_for_an_ingest_and_ingests_run_one_at_a_time(
    store: Store,
) -> None:
    seed = seed_story()
    fill(store, [seed])
    release = threading.Event()
    running: list[int] = []
    most_at_once: list[int] = [0]

    def slow_ingest(s: Store, records: Sequence[Any]) -> PostReport:
        running.append(1)
        most_at_once[0] = max(most_at_once[0], len(running))
        try:
            release.wait(30)  # a long clustering run
            return ingest_records(s, records)
        finally:
            running.pop()

    with serving(store, ingest=slow_ingest) as base:
        posts: list[httpx.Response] = []
        writers = [
            threading.Thread(
                target=lambda body=body: posts.append(
                    httpx.post(f"{base}/api/articles", json=body, timeout=60)
                )
            )
            for body in (ARTICLE, {**ARTICLE, "url": "https://wire2.example/a"})
        ]
        for w in writers:
            w.start()
        deadline = time.monotonic() + 10
        while not running and time.monotonic() < deadline:
            time.sleep(0.01)
        assert running, "the ingest never started"
        for url in ("/", "/api/stories", f"/stories/{seed.id}", f"/api/stories/{seed.id}"):
            started = time.monotonic()
            answer = httpx.get(f"{base}{url}", timeout=5)  # the ingest holds on for 30 s
            assert answer.status_code == 200 and time.monotonic() - started < 5, url
        release.set()
        for w in writers:
            w.join(60)
    assert [p.status_code for p in posts] == [200, 200]
    assert most_at_once[0] == 1  # the second POST waited for the first


# ---- item 11: offsets and limits past any list ----------------------------------------------


@pytest.mark.parametrize(
    "path", ["/", "/stories.json", "/api/stories", "/search?q=Sochi", "/search.json?q=Sochi"]
)
@pytest.mark.parametrize(
    ("query", "name"),
    [
        ("offset=9223372036854775808", "offset"),  # 2**63: SQLite's integer overflowed into a 500
        ("offset=18446744073709551616", "offset"),
        ("offset=1" + "0" * 40, "offset"),
        ("limit=9223372036854775808", "limit"),
        ("offset=-1", "offset"),
        ("limit=0", "limit"),
    ],
)
def test_item11_a_huge_offset_or_limit_is_422_naming_it(
    client: TestClient, path: str, query: str, name: str
) -> None:
    joint = "&" if "?" in path else "?"
    assert_one_line_error(client.get(f"{path}{joint}{query}"), 422, f"query.{name}:")


def test_item11_the_largest_allowed_offset_is_an_empty_page(
    store: Store, client: TestClient
) -> None:
    fill(store, synthetic_stories(2))
    answer = client.get(f"/api/stories?offset={MAX_OFFSET}&limit=500")
    assert answer.status_code == 200 and answer.json()["stories"] == []
    assert client.get(f"/?offset={MAX_OFFSET}").status_code == 200


# ---- item 16: a damaged database is explained ------------------------------------------------


def damage(path: Path, tables: Sequence[str]) -> None:
    """Overwrite every page of ``tables`` (their rows and indexes) with junk, as bit rot would."""
    with sqlite3.connect(path) as con:
        size = con.execute("PRAGMA page_size").fetchone()[0]
        marks = ",".join("?" * len(tables))
        pages = [
            p
            for (p,) in con.execute(
                f"SELECT pageno FROM dbstat WHERE name IN ({marks}) "
                f"OR name IN (SELECT name FROM sqlite_master WHERE tbl_name IN ({marks}))",
                (*tables, *tables),
            )
        ]
    con.close()
    assert pages
    with path.open("r+b") as fh:
        for page in pages:
            fh.seek((page - 1) * size)
            fh.write(b"\xa5" * size)


def test_item16_a_corrupt_database_is_explained_without_internals(tmp_path: Path) -> None:
    path = tmp_path / "private-folder" / "news.db"
    path.parent.mkdir()
    store = open_store(str(path))
    seed = seed_story()
    fill(store, [seed, *synthetic_stories(2)])
    store.close()
    damage(path, ["stories", "articles"])
    store = open_store(str(path))
    try:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        for url in ("/api/stories", f"/api/stories/{seed.id}", f"/stories/{seed.id}.json"):
            answer = client.get(url)
            assert_one_line_error(answer, 500, "could not read the stories", "news.db")
            assert "malformed" in answer.json()["error"]
            assert "private-folder" not in answer.text and str(tmp_path) not in answer.text
        for url in ("/", f"/stories/{seed.id}"):
            page = client.get(url)
            assert page.status_code == 500 and page.headers["content-type"].startswith("text/html")
            text = Page(page.text).text()
            assert "could not read the stories: news.db" in text and "malformed" in text
            assert "private-folder" not in page.text and "Traceback" not in page.text
        posted = post_json(client, ARTICLE)
        assert_one_line_error(posted, 500, "could not store the articles", "news.db")
        assert "private-folder" not in posted.text
    finally:
        store.close()


def test_a_store_locked_past_the_wait_answers_503_not_500(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A POST while another process held the store's write lock past the wait answered 500,
    as if the server were broken; it is its state, which passes: 503 with ``Retry-After``."""
    import sqlite3

    from newsdigest.store.sqlite import SqliteDialect

    path = tmp_path / "news.db"
    store = open_store(str(path))
    monkeypatch.setattr(SqliteDialect, "busy_timeout_s", 0.2)
    other = sqlite3.connect(path, isolation_level=None)
    try:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        other.execute("BEGIN EXCLUSIVE")
        posted = post_json(client, ARTICLE)
        assert_one_line_error(posted, 503, "could not store the articles", "database is locked")
        assert posted.headers["retry-after"] == "5"  # the lock passes: say when to try again
        other.execute("ROLLBACK")
        assert post_json(client, ARTICLE).status_code == 200
    finally:
        other.close()
        store.close()


def test_a_store_this_user_may_not_write_answers_503_with_no_time_to_retry(
    store: Store,
) -> None:
    """A store at ``chmod 444`` (the store's own message: "permission denied: ... read-only";
    root ignores the mode, so the store's error is raised here as the store raises it): 503, the
    server's state, but no ``Retry-After``, since it does not pass by itself as a lock does."""
    from newsdigest.errors import StoreError

    def read_only(s: Store, records: Sequence[Any]) -> PostReport:
        raise StoreError(
            "/srv/news.db: permission denied: news.db is read-only to this user (chmod u+w)"
        )

    client = TestClient(create_app(store, ingest=read_only), raise_server_exceptions=False)
    answer = post_json(client, ARTICLE)
    assert_one_line_error(answer, 503, "could not store the articles", "permission denied")
    assert "retry-after" not in answer.headers and "/srv" not in answer.text


def test_item16_an_unexpected_error_is_one_line_without_its_message(store: Store) -> None:
    def broken(s: Store, records: Sequence[Any]) -> PostReport:
        raise RuntimeError("secret at /srv/private/key.pem")

    client = TestClient(create_app(store, ingest=broken), raise_server_exceptions=False)
    answer = post_json(client, ARTICLE)
    assert_one_line_error(answer, 500, "internal error (RuntimeError)")
    assert "secret" not in answer.text and "/srv" not in answer.text


def test_item16_public_reason_keeps_the_reason_and_the_database_name_only() -> None:
    assert public_reason(
        "/srv/data/news.db: read failed: database disk image is malformed\nTraceback..."
    ) == ("news.db: read failed: database disk image is malformed")
    assert public_reason(
        "postgresql://reader:s3cret@db.internal:5432/newsroom: read failed: server closed"
    ) == ("newsroom: read failed: server closed")
    assert public_reason("/srv/x/news.db: folder /srv/x does not exist") == (
        "news.db: folder x does not exist"
    )
    assert public_reason("news.db: disk I/O error") == "news.db: disk I/O error"


# ---- item 18: smaller things -------------------------------------------------------------------


def test_item18_docs_page_loads_swagger_ui_from_this_server(client: TestClient) -> None:
    docs = client.get("/docs")
    assert docs.status_code == 200 and "SwaggerUIBundle" in docs.text
    assets = re.findall(r'(?:src|href)="([^"]+)"', docs.text)
    assert {a.rsplit("/", 1)[-1] for a in assets} >= {"swagger-ui-bundle.js", "swagger-ui.css"}
    for asset in assets:  # no CDN: every asset is a path on this server, and is served
        assert asset.startswith("/") and not asset.startswith("//"), asset
        answer = client.get(asset)
        assert answer.status_code == 200 and len(answer.content) > 1000, asset
    assert "http://" not in docs.text and "https://" not in docs.text


def test_item18_head_is_answered_like_get_without_a_body(store: Store, client: TestClient) -> None:
    seed = seed_story()
    fill(store, [seed])
    for url in ("/", "/stories.json", "/api/stories", f"/stories/{seed.id}", "/static/style.css"):
        get, head = client.get(url), client.head(url)
        assert head.status_code == 200 and head.content == b"", url
        assert head.headers["content-type"] == get.headers["content-type"], url
        assert head.headers["content-length"] == str(len(get.content)), url
    assert client.head("/stories/nope").status_code == 404


@pytest.mark.parametrize(
    ("method", "url", "allow"),
    [
        ("POST", "/", "GET, HEAD"),
        ("DELETE", "/api/stories", "GET, HEAD"),
        ("PUT", "/api/stories/abc", "GET, HEAD"),
        ("GET", "/api/articles", "POST"),
        ("PATCH", "/stories/abc", "GET, HEAD"),
    ],
)
def test_item18_405_names_the_allowed_methods(
    client: TestClient, method: str, url: str, allow: str
) -> None:
    answer = client.request(method, url)
    assert answer.status_code == 405 and answer.headers["allow"] == allow


def test_item18_query_errors_are_labelled_query_not_body(client: TestClient) -> None:
    answer = client.get("/api/stories?offset=x&limit=-3")
    assert answer.status_code == 422
    assert answer.json()["error"] == (
        "query.offset: Input should be a valid integer, unable to parse string as an integer; "
        "query.limit: Input should be greater than or equal to 1"
    )
    # the body's own labels stay as they were
    bad = post_json(client, [ARTICLE, {"title": "no text"}])
    assert bad.json()["error"] == "body[1].text: Field required"


def test_item18_the_schema_lists_404_and_refuses_an_empty_batch(store: Store) -> None:
    doc = TestClient(create_app(store, max_articles=7)).get("/openapi.json").json()
    for path in ("/api/stories/{story_id}", "/stories/{story_id}", "/stories/{story_id}.json"):
        assert "404" in doc["paths"][path]["get"]["responses"], path
    post = doc["paths"]["/api/articles"]["post"]
    assert {"403", "413", "415", "422"} <= set(post["responses"])
    branches = post["requestBody"]["content"]["application/json"]["schema"]["anyOf"]
    (array,) = [b for b in branches if b.get("type") == "array"]
    assert array["minItems"] == 1 and array["maxItems"] == 7  # what the server enforces
    text = doc["components"]["schemas"]["ArticleIn"]["properties"]["text"]
    # three words with a letter (``limits.min_article_words``), as the intake refuses
    assert text["minLength"] == 3 and re.search(text["pattern"], "Bears fire Fox")
    assert not re.search(text["pattern"], "x  2019")


def many_line_story(lines: int) -> Story:
    """The seed story with a digest of ``lines`` sentences, each cited where it came from."""
    seed = seed_story()
    article = max(seed_articles(), key=lambda a: len(split_sentences(a.text)))
    sentences = split_sentences(article.text, article.id)[:lines]
    assert len(sentences) == lines
    summary = tuple(
        SummarySentence(s.text, (Citation(article.id, s.index),), 1, Citation(article.id, s.index))
        for s in sentences
    )
    return replace(seed, summary=summary)


def test_item18_digest_numbers_of_two_digits_are_part_of_the_line(
    store: Store, client: TestClient
) -> None:
    story = many_line_story(12)
    fill(store, [story])
    page = Page(client.get(f"/stories/{story.id}").text)
    items = page.select("li", "summary-sentence")
    numbers = [[c.text for c in i.children if "num" in c.classes] for i in items]
    assert numbers == [[f"{n}."] for n in range(1, 13)]


def test_a_client_gone_before_its_body_is_whole_leaves_no_traceback(store: Store) -> None:
    """A POST whose client closed the connection before sending the Content-Length it declared
    logged "Exception in ASGI application" with a ClientDisconnect traceback, one per request
    (a log flood for a hostile client); nothing is stored, and the server goes on."""
    import logging
    import socket
    from urllib.parse import urlsplit

    records: list[logging.LogRecord] = []
    handler = logging.Handler()
    handler.emit = records.append  # type: ignore[method-assign]
    logger = logging.getLogger("uvicorn.error")
    try:
        with serving(store) as base:
            logger.addHandler(handler)  # after uvicorn has set its logging up
            port = urlsplit(base).port
            for _ in range(3):
                with socket.create_connection(("127.0.0.1", port), timeout=10) as sock:
                    sock.sendall(
                        b"POST /api/articles HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                        b"Content-Type: application/json\r\nContent-Length: 100\r\n\r\n"
                        b'{"text": "Talks in Sochi'
                    )
            time.sleep(1)
            assert httpx.get(f"{base}/api/stories").status_code == 200
    finally:
        logger.removeHandler(handler)
    assert [r.getMessage() for r in records if r.levelno >= logging.ERROR] == []
    assert store.count_articles() == 0


def test_bidirectional_controls_stored_before_cleaning_dropped_them_do_not_reach_a_page(
    store: Store, client: TestClient
) -> None:
    """A title, outlet or digest line written with a right-to-left override (U+202E) showed
    reversed on the front page and the story page ("evil.exe" as "exe.live"). Cleaning now
    drops such controls, but a store filled before keeps them: every value a page shows goes
    without them."""
    story = seed_story()
    a0 = replace(story.articles[0], source="\u202eTASS\u202c")
    first = replace(story.summary[0], text="\u202e" + story.summary[0].text)
    marked = replace(
        story,
        title="\u202eexe.live\u202c Pompeo in Sochi",
        articles=(a0, *story.articles[1:]),
        summary=(first, *story.summary[1:]),
    )
    fill(store, [marked])
    for path in ("/", f"/stories/{marked.id}", "/search?q=Pompeo"):
        page = client.get(path)
        assert page.status_code == 200
        assert not re.search("[\u202a-\u202e\u2066-\u2069\u200e\u200f]", page.text), path
        assert "exe.live Pompeo in Sochi" in page.text


def test_a_json_answers_unknown_query_parameter_is_a_422_naming_it(
    store: Store, client: TestClient
) -> None:
    """A typo in a parameter had changed the answer silently: ``?sinse=2030-01-01`` listed
    the seed story, which ``?since=`` leaves out. The HTML pages still take any parameter (a
    shared link carries ``utm_source``), a JSON client its ``_=`` cache-buster."""
    fill(store, [seed_story()])
    assert client.get("/api/stories", params={"since": "2030-01-01"}).json()["stories"] == []
    for path, name, hint in (
        ("/api/stories", "sinse", "did you mean since?"),
        ("/stories.json", "Limit", "did you mean limit?"),
        ("/search.json", "query", "this address takes limit, offset, q"),
        (f"/api/stories/{seed_story().id}", "fields", "this address takes no parameter"),
    ):
        answer = client.get(path, params={name: "2030-01-01"})
        assert answer.status_code == 422, path
        assert answer.json()["error"].startswith(f"query.{name}: unknown parameter ({hint}")
    assert client.get("/?format=json&offest=1").status_code == 422
    assert client.get("/api/stories", params={"_": "1700000000", "limit": 1}).status_code == 200
    assert client.get(f"/stories/{seed_story().id}.json?format=json").status_code == 200
    assert client.get(f"/stories/{seed_story().id}?utm_source=feed").status_code == 200
    assert client.get("/?fbclid=x&format=html").status_code == 200


def test_a_parameter_given_twice_with_different_values_is_a_422_naming_it(
    store: Store, client: TestClient
) -> None:
    """``/api/stories?limit=1&limit=2`` had answered two stories (the last value, unsaid);
    ``/?format=json&format=html`` the page. The same value twice, and a cache-buster that
    changes, are no question."""
    fill(store, synthetic_stories(3))
    for address, name, values in (
        ("/api/stories?limit=1&limit=2", "limit", "('1', '2')"),
        ("/stories.json?offset=0&since=2019-01-01&offset=5", "offset", "('0', '5')"),
        ("/?limit=1&limit=2", "limit", "('1', '2')"),
        ("/search.json?q=a&q=b&q=c&q=d&q=e", "q", "('a', 'b', 'c' and 2 more)"),
        ("/search?q=a&q=b", "q", "('a', 'b')"),
    ):
        answer = client.get(address)
        assert answer.status_code == 422, address
        assert answer.json()["error"] == (
            f"query.{name}: given more than once with different values {values}; give it once"
        )
    assert client.get("/?format=json&format=html").status_code == 422
    assert len(client.get("/api/stories?limit=2&limit=2").json()["stories"]) == 2
    assert client.get("/api/stories?_=1&_=2&limit=1").status_code == 200


def test_a_request_line_or_headers_too_long_get_414_and_431_not_a_reset(store: Store) -> None:
    """A 160 KB address had its connection reset (uvicorn wrote a 400 and closed the socket
    with the request still arriving); now the client reads a 414, a 431 for headers, and the
    server goes on serving."""
    import http.client

    fill(store, [seed_story()])
    with serving(store) as base:
        # past what httpx sends: the standard library's client; past 256 KB, what asyncio reads
        # at once (a shorter head read whole is parsed whole, and answered as usual)
        for size in (300_000, 1_000_000):
            client = http.client.HTTPConnection(base.removeprefix("http://"), timeout=10)
            client.request("GET", f"/api/stories?since={'2019-05-14' * (size // 10)}")
            answer = client.getresponse()
            assert answer.status == 414, answer.reason
            error = json.loads(answer.read())["error"]
            assert (
                error == "request line too long (over 16,384 bytes, the limit of line and headers)"
            )
            client.close()
        headers = httpx.get(f"{base}/", headers={"x-note": "a" * 200_000})
        assert_one_line_error(headers, 431, "request headers too large")
        assert len(httpx.get(f"{base}/api/stories").json()["stories"]) == 1


def test_a_batch_stored_whose_stories_fail_says_it_was_stored(tmp_path: Path) -> None:
    """The batch is committed before its stories are updated; when that second step failed (a
    full disk, here a folder where the clustering lock file goes) the answer was 500 "could
    not store the articles", and the docs said nothing was stored, for an article that was.
    It says what was stored now, and the next POST updates the stories."""
    path = tmp_path / "news.db"
    (tmp_path / "news.db-cluster.lock").mkdir()
    store = open_store(str(path))
    try:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        answer = post_json(client, ARTICLE)
        assert_one_line_error(
            answer, 500, "stored 1 article, but the stories could not be updated", "lock"
        )
        assert answer.json()["stored"] == [a.id for a in store.get_articles()]
        assert str(tmp_path) not in answer.text
        (tmp_path / "news.db-cluster.lock").rmdir()
        again = post_json(client, ARTICLE)
        assert again.status_code == 200, again.text
        assert again.json()["stored"] == [] and len(again.json()["updated"]) == 1
    finally:
        store.close()


def test_a_batch_stored_and_clustered_whose_stories_cannot_be_read_says_so(
    tmp_path: Path,
) -> None:
    """After the batch is stored and its stories updated, the stories holding it are read
    (``cluster_of``); that read failing (a disk I/O error, a server gone) had answered a plain
    500 "could not store the articles" for a batch stored and clustered. The answer says what
    was stored and updated now. No file-system fault lands between those two steps on cue, so
    the store's read is made to fail as SQLite's read of a failing disk does."""
    from newsdigest.errors import StoreError
    from newsdigest.store.sqlite import SqliteStore

    class DiskFailsAfterClustering(SqliteStore):
        def cluster_of(self, article_ids: Sequence[str]) -> dict[str, str]:
            raise StoreError(f"{self.path}: read failed: disk I/O error")

    store = DiskFailsAfterClustering(tmp_path / "news.db")
    try:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        answer = post_json(client, ARTICLE)
        assert_one_line_error(
            answer,
            500,
            "stored 1 article, but which stories hold them could not be read: ",
            "disk I/O error (their stories are updated: GET /api/stories lists them)",
        )
        body = answer.json()
        assert body["stored"] == [a.id for a in store.get_articles()]
        assert body["updated"] == [s.id for s in store.list_stories()] and body["updated"]
        assert str(tmp_path) not in answer.text
    finally:
        store.close()


def test_a_batch_stored_whose_stories_fail_not_in_the_store_says_what_was_stored(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """A failure after the batch was stored that is not the store's (``NEWSDIGEST_WORKERS``
    set wrong, the memory run out while clustering) answered the generic 500 "internal error
    (...)": the client could not tell that its article was stored. The answer says what was
    stored and what failed; a fault no typed error explains goes, with its traceback, to the
    server's log, and the client is told its type alone."""
    import newsdigest.stories

    store = open_store(str(tmp_path / "news.db"))
    try:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        monkeypatch.setenv("NEWSDIGEST_WORKERS", "four")
        answer = post_json(client, ARTICLE)
        assert_one_line_error(
            answer,
            500,
            "stored 1 article, but the stories could not be updated: NEWSDIGEST_WORKERS='four': "
            "expected a whole number of processes",
            "(the next POST, or newsdigest stories, updates them)",
        )
        assert answer.json()["stored"] == [a.id for a in store.get_articles()]
        monkeypatch.setenv("NEWSDIGEST_WORKERS", "1")

        def out_of_memory(*args: Any, **kwargs: Any) -> list[str]:
            raise MemoryError

        monkeypatch.setattr(newsdigest.stories, "refresh_stories", out_of_memory)
        seed = seed_articles()[1]
        other = {"text": seed.text, "url": seed.url}
        answer = post_json(client, other)
        assert_one_line_error(
            answer,
            500,
            "stored 1 article, but the stories could not be updated: internal error "
            "(MemoryError); the server log has the details",
        )
        assert len(answer.json()["stored"]) == 1 and len(store.get_articles()) == 2
        assert "MemoryError" in caplog.text and "Traceback" in caplog.text
        monkeypatch.undo()
        again = post_json(client, ARTICLE)
        assert again.status_code == 200, again.text
        assert again.json()["failures"] == [] and again.json()["updated"]
    finally:
        store.close()


def test_a_driver_error_after_a_stored_batch_keeps_the_store_s_words_and_status(
    tmp_path: Path,
) -> None:
    """SQLite's own error escaping after the batch was stored ("database is locked" past the
    wait) had answered 503 "could not store the articles" for an article in the store; it says
    what was stored, in the store's words, with the store's status and Retry-After."""
    from newsdigest.store.sqlite import SqliteStore

    class LockedAfterClustering(SqliteStore):
        def cluster_of(self, article_ids: Sequence[str]) -> dict[str, str]:
            raise sqlite3.OperationalError("database is locked")

    store = LockedAfterClustering(tmp_path / "news.db")
    try:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        answer = post_json(client, ARTICLE)
        assert_one_line_error(
            answer,
            503,
            "stored 1 article, but which stories hold them could not be read: database is locked",
        )
        assert answer.headers["Retry-After"] and len(store.get_articles()) == 1
    finally:
        store.close()


def test_a_story_the_batch_could_not_rebuild_is_named_in_the_answer(tmp_path: Path) -> None:
    """A story that alone could not be rebuilt (here its embedder's model folder is gone) was
    left stale without a word: the answer was a plain 200 whose ``updated`` lacked it. It is
    named now, with why, the server's folders left out."""
    store = open_store(str(tmp_path / "news.db"))
    gone = tmp_path / "models" / "minilm-static"
    gone.mkdir(parents=True)  # there when the server starts (a name that is none is refused)
    try:
        app = create_app(store, config=StoryConfig(embedder=str(gone)))
        gone.rmdir()
        answer = post_json(TestClient(app), ARTICLE)
        assert answer.status_code == 200, answer.text
        body = answer.json()
        assert len(body["stored"]) == 1 and body["updated"] == []
        (story,) = body["stories"]
        (failure,) = body["failures"]
        assert failure.startswith(f"story {story}: not rebuilt: ")
        assert "minilm-static" in failure and str(tmp_path) not in failure
    finally:
        store.close()


@pytest.mark.parametrize(
    ("config", "error"),
    [
        (StoryConfig(summarizer="lexrnak"), "lexrnak: unknown summarizer (choose "),
        (StoryConfig(embedder="minlm"), "minlm: unknown embedder (choose "),
        (StoryConfig(summarizer="lead", embedder="minlm"), "minlm: unknown embedder (choose "),
        ({"words": 40}, "config: expected a StoryConfig, not dict"),
    ],
)
def test_create_app_refuses_a_config_naming_no_method_at_once(
    tmp_path: Path, config: Any, error: str
) -> None:
    """``create_app(config=StoryConfig(summarizer="lexrnak"))`` (or an embedder that names
    none, or a dict) had been accepted, and each POST then answered the failure; the CLI
    refuses such options at start-up, and the Python API now does the same."""
    from newsdigest.errors import UnknownMethodError

    store = open_store(str(tmp_path / "news.db"))
    try:
        with pytest.raises((UnknownMethodError, TypeError)) as caught:
            create_app(store, config=config)
        assert str(caught.value).startswith(error)
    finally:
        store.close()


def test_a_store_on_a_full_disk_answers_507_and_stores_nothing(tmp_path: Path) -> None:
    """SQLite's "database or disk is full" (its page limit reached, as a full disk is) was a
    500, as if the server were broken: 507 Insufficient Storage, without a time to retry."""
    store = open_store(str(tmp_path / "news.db"))
    try:
        client = TestClient(create_app(store), raise_server_exceptions=False)
        assert post_json(client, ARTICLE).status_code == 200
        conn = store._conn  # type: ignore[attr-defined]
        conn.execute(f"PRAGMA max_page_count = {conn.execute('PRAGMA page_count').fetchone()[0]}")
        text = " ".join(ARTICLE["text"].replace("Sochi", f"Sochi{k}") for k in range(600))
        big = {**ARTICLE, "text": text, "url": "https://wire.example/big"}
        answer = post_json(client, big)
        assert_one_line_error(answer, 507, "could not store the articles", "disk is full")
        assert "retry-after" not in answer.headers
        assert store.count_articles() == 1
    finally:
        store.close()

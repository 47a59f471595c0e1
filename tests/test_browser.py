"""The story page in a real browser: Debian's headless Chromium driven by Playwright.

Proves what only a browser can: clicking a citation marker highlights the cited sentence, the
page fits a phone's width, and hostile article text runs nothing (no dialog, no injected
element, not even a blocked attempt). Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import http.server
import json
import threading
import time
import urllib.request
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from live_server import serving
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)
from serve_seed import HOSTILE_TEXT, HOSTILE_TITLE, fill, open_backend, seed_story
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdigest.split import split_sentences
from newsdigest.store.base import Store

CHROMIUM = Path("/usr/bin/chromium")
ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts" / "browser"
LAUNCH_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
HIGHLIGHT = "rgb(255, 229, 138)"  # --hl in style.css

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="Debian's chromium is not installed (apt-get install chromium)",
    ),
]


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield b
        b.close()


@pytest.fixture
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_backend("sqlite", tmp_path, request)
    yield s
    s.close()


def test_clicking_a_citation_highlights_the_cited_sentence(browser, store: Store) -> None:  # type: ignore[no-untyped-def]
    seed = seed_story()
    fill(store, [seed])
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    target = seed.summary[2]  # Putin's "exotic work", cited in two outlets
    cited = {
        split_sentences(seed.article(c.article).text)[c.sentence].text for c in target.citations
    }
    with serving(store) as base:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{base}/stories/{seed.id}")
        assert page.locator(".sent.hl").count() == 0
        markers = page.locator("li.summary-sentence").nth(2).locator("a.cite")
        assert markers.count() == 2
        highlighted: set[str] = set()
        for i in range(markers.count()):
            markers.nth(i).click()
            lit = page.locator(".sent.hl")
            assert lit.count() == 1  # a click replaces the previous highlight
            assert lit.first.evaluate("e => getComputedStyle(e).backgroundColor") == HIGHLIGHT
            assert lit.first.is_visible()
            highlighted.add(lit.first.inner_text().strip())
        assert highlighted == cited
        page.screenshot(path=str(ARTIFACTS / "story-citation.png"))
        assert (ARTIFACTS / "story-citation.png").stat().st_size > 10_000
        page.close()

        phone = browser.new_page(viewport={"width": 390, "height": 844}, is_mobile=True)
        phone.goto(f"{base}/stories/{seed.id}")
        # readable on a phone: one column, nothing wider than the screen
        assert phone.evaluate("document.documentElement.scrollWidth") <= 390
        digest = phone.locator("section.digest").bounding_box()
        sources = phone.locator("section.sources").bounding_box()
        assert digest and sources and sources["y"] > digest["y"] + digest["height"] - 1
        phone.screenshot(path=str(ARTIFACTS / "story-phone.png"))
        phone.close()


def test_hostile_article_posted_through_the_api_runs_nothing(browser, store: Store) -> None:  # type: ignore[no-untyped-def]
    article = {
        "text": HOSTILE_TEXT,
        "title": HOSTILE_TITLE,
        "url": "javascript:alert(6)",
        "source": '<b onmouseover="alert(7)">outlet</b>',
        "published": "2019-05-14T12:00:00Z",
    }
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serving(store) as base:
        request = urllib.request.Request(
            f"{base}/api/articles",
            data=json.dumps([article]).encode(),
            headers={"content-type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=120) as response:
            report = json.load(response)
        assert len(report["stored"]) == 1 and len(report["stories"]) == 1
        story_url = f"{base}/stories/{report['stories'][0]}"

        page = browser.new_page()
        dialogs: list[str] = []
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.add_init_script(
            "window.__violations = [];"
            "document.addEventListener('securitypolicyviolation',"
            " e => window.__violations.push(e.violatedDirective));"
        )
        for url in (f"{base}/", story_url):
            page.goto(url)
            page.wait_for_load_state("load")
            page.wait_for_timeout(300)
            injected = page.evaluate(
                """() => ({
                    elements: document.querySelectorAll('img, iframe, b, i, main svg:not([role=img])').length,
                    handlers: [...document.querySelectorAll('*')].filter(
                        e => [...e.attributes].some(a => a.name.startsWith('on'))).length,
                    jsLinks: document.querySelectorAll('a[href^="javascript:" i]').length,
                    scripts: [...document.scripts].map(s => s.getAttribute('src')),
                    violations: window.__violations,
                })"""
            )
            assert injected["elements"] == 0 and injected["handlers"] == 0
            assert injected["jsLinks"] == 0
            assert injected["scripts"] in ([], ["/static/story.js"])
            # escaping stopped it, not the Content-Security-Policy: nothing even tried to run
            assert injected["violations"] == []
        # the reader still sees the hostile text, as text
        assert "<script>alert(1)</script>" in page.locator("h1").inner_text()
        assert (
            '<a href="javascript:alert(3)">here</a>' in page.locator(".source .text").inner_text()
        )
        page.screenshot(path=str(ARTIFACTS / "story-hostile.png"))
        page.close()
        assert dialogs == []


# ---- issue 12: what a hostile page, or an offline machine, does to the server -------------------

FORGED = (
    "Forged by a foreign page: Pompeo met Lavrov in Sochi on Tuesday to talk about arms control."
)
ATTACK_PAGE = """<!doctype html><html><body>
<form id="plain" method="POST" action="TARGET/api/articles" enctype="text/plain" target="sink1">
<input name='{"text": "FORGED", "x": "' value='"}'></form>
<form id="form" method="POST" action="TARGET/api/articles" target="sink2">
<input name="text" value="FORGED"></form>
<iframe name="sink1"></iframe><iframe name="sink2"></iframe>
<script>
window.attack = async function () {
  const body = JSON.stringify({text: "FORGED"});
  const tries = [
    {method: "POST", mode: "no-cors", headers: {"Content-Type": "text/plain"}, body},
    {method: "POST", mode: "no-cors", headers: {"Content-Type": "application/json"}, body},
    {method: "POST", mode: "cors", headers: {"Content-Type": "application/json"}, body},
  ];
  const seen = [];
  for (const init of tries) {
    try { const r = await fetch("TARGET/api/articles", init); seen.push(r.type + " " + r.status); }
    catch (e) { seen.push("error"); }
  }
  document.getElementById("plain").submit();
  document.getElementById("form").submit();
  return seen;
};
</script></body></html>"""


@contextmanager
def attack_site(target: str) -> Iterator[int]:
    """A page of another origin (any host name on the returned port) that tries to write."""
    page = ATTACK_PAGE.replace("TARGET", target).replace("FORGED", FORGED).encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802  (http.server's name)
            self.send_response(200)
            self.send_header("content-type", "text/html; charset=utf-8")
            self.send_header("content-length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server.server_address[1]
    finally:
        server.shutdown()
        server.server_close()


def recording(answers: list[tuple[str, int]]) -> Callable[[ASGIApp], ASGIApp]:
    """ASGI middleware noting (method, status) of every request to /api/articles."""

    def wrap(app: ASGIApp) -> ASGIApp:
        async def recorder(scope: Scope, receive: Receive, send: Send) -> None:
            if scope["type"] != "http" or scope["path"] != "/api/articles":
                return await app(scope, receive, send)

            async def noting(message: Message) -> None:
                if message["type"] == "http.response.start":
                    answers.append((scope["method"], message["status"]))
                await send(message)

            await app(scope, receive, noting)

        return recorder

    return wrap


@pytest.mark.parametrize("attacker_host", ["localhost", "127.0.0.1"])  # cross-site, same-site
def test_item4_csrf_a_foreign_page_cannot_write_but_our_own_page_can(  # type: ignore[no-untyped-def]
    browser, store: Store, attacker_host: str
) -> None:
    answers: list[tuple[str, int]] = []
    with serving(store, wrap=recording(answers)) as base, attack_site(base) as port:
        page = browser.new_page()
        page.goto(f"http://{attacker_host}:{port}/")
        seen = page.evaluate("attack()")
        deadline = time.monotonic() + 20
        while sum(m == "POST" for m, _ in answers) < 4 and time.monotonic() < deadline:
            page.wait_for_timeout(100)
        # the two no-cors fetches and both forms reached the server and were refused; the CORS
        # fetch stopped at its preflight (OPTIONS, which the API does not answer)
        posts = [status for method, status in answers if method == "POST"]
        assert len(posts) == 4 and all(s in (403, 415) for s in posts), (answers, seen)
        assert seen == ["opaque 0", "opaque 0", "error"]
        assert store.get_articles() == []

        own = browser.new_page()
        own.goto(f"{base}/")
        status = own.evaluate(
            """async (text) => (await fetch("/api/articles", {method: "POST",
                headers: {"Content-Type": "application/json"},
                body: JSON.stringify({text})})).status""",
            FORGED.replace("Forged by a foreign page", "Posted by our own page"),
        )
        assert status == 200 and len(store.get_articles()) == 1
        page.close()
        own.close()


def test_item18_docs_page_works_with_no_network_beyond_the_server(browser, store: Store) -> None:  # type: ignore[no-untyped-def]
    with serving(store) as base:
        page = browser.new_page()
        foreign: list[str] = []

        def only_ours(route) -> None:  # type: ignore[no-untyped-def]
            if route.request.url.startswith(base):
                route.continue_()
            else:
                foreign.append(route.request.url)
                route.abort()

        page.route("**/*", only_ours)
        page.goto(f"{base}/docs")
        page.wait_for_selector(".opblock", timeout=15_000)
        paths = page.locator(".opblock-summary-path").all_inner_texts()
        assert any("/api/articles" in p for p in paths) and len(paths) >= 7, paths
        assert foreign == []
        page.close()


@pytest.mark.parametrize("width", [1280, 390])
def test_item18_digest_numbers_of_two_digits_are_shown_whole(  # type: ignore[no-untyped-def]
    browser, store: Store, width: int
) -> None:
    from test_serve_hostile import many_line_story

    story = many_line_story(12)
    fill(store, [story])
    with serving(store) as base:
        page = browser.new_page(viewport={"width": width, "height": 900})
        page.goto(f"{base}/stories/{story.id}")
        digest = page.locator("section.digest").bounding_box()
        numbers = page.locator("li.summary-sentence .num")
        assert numbers.count() == 12
        for i in (0, 9, 11):
            box = numbers.nth(i).bounding_box()
            assert digest and box and box["x"] >= digest["x"], (i, box, digest)
            assert numbers.nth(i).inner_text() == f"{i + 1}."
            # the whole number is painted: nothing of it overflows its own box
            assert numbers.nth(i).evaluate("e => e.scrollWidth <= e.clientWidth")
        page.screenshot(path=str(ARTIFACTS / f"story-twelve-lines-{width}.png"))
        page.close()


@pytest.mark.parametrize("width", [375, 1200])
def test_a_word_longer_than_the_screen_breaks_and_the_page_does_not_scroll_sideways(  # type: ignore[no-untyped-def]
    browser, store: Store, width: int
) -> None:
    """An outlet named by 300 letters, and a run-together word of 300 in a sentence the digest
    quotes: the story page scrolled sideways (2,662 px wide on a 375 px phone, the digest's
    own HTML too), the summary line and the outlet overflowing their boxes. They break now."""
    seeds = sorted((Path(__file__).resolve().parents[1] / "examples" / "sochi-2019").glob("*.txt"))
    word = "Supercalifragilistic" * 15
    batch = [
        {
            "text": path.read_text(encoding="utf-8").replace("Sochi", f"Sochi {word}", 2),
            "title": f"Pompeo {word} talks",
            "source": "a" * 300 if k == 1 else f"outlet{k}.example",
            "url": f"https://o{k}.example/" + "x" * 400,
        }
        for k, path in enumerate(seeds)
    ]
    with serving(store) as base:
        request = urllib.request.Request(
            f"{base}/api/articles",
            data=json.dumps(batch).encode(),
            headers={"content-type": "application/json"},
            method="POST",
        )
        with urllib.request.urlopen(request, timeout=300) as response:
            report = json.load(response)
        page = browser.new_page(viewport={"width": width, "height": 900})
        for url in (f"{base}/", *(f"{base}/stories/{s}" for s in report["stories"])):
            page.goto(url)
            assert page.evaluate("document.documentElement.scrollWidth") <= width, url
        page.close()

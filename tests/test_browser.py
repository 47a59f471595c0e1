"""The story page in a real browser: Debian's headless Chromium driven by Playwright.

Proves what only a browser can: clicking a citation marker highlights the cited sentence, the
page fits a phone's width, and hostile article text runs nothing (no dialog, no injected
element, not even a blocked attempt). Screenshots go to ``test-artifacts/browser/``.
"""

from __future__ import annotations

import json
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest
from live_server import serving
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)
from serve_seed import HOSTILE_TEXT, HOSTILE_TITLE, fill, open_backend, seed_story

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

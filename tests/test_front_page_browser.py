"""The home page, a search and a story in a real browser (Debian's headless Chromium, as
tests/test_browser.py drives it); screenshots go to ``test-artifacts/browser/``."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import pytest
from live_server import serving
from serve_seed import fill, open_backend, seed_story, synthetic_stories
from test_browser import ARTIFACTS, CHROMIUM, LAUNCH_ARGS
from test_front_page import single

from newsdigest.store.base import SourceState, Store

pytestmark = [
    pytest.mark.browser,
    pytest.mark.skipif(not CHROMIUM.exists(), reason="Debian's chromium is not installed"),
]


@pytest.fixture
def store(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Store]:
    s = open_backend("sqlite", tmp_path, request)
    yield s
    s.close()


def test_home_search_and_story_in_a_browser(store: Store) -> None:
    from playwright.sync_api import sync_playwright

    seed = seed_story()
    stories = synthetic_stories(3)
    fill(store, [seed, *stories, single(stories[1], 4)])
    t = datetime(2026, 11, 28, 21, 0, tzinfo=timezone.utc)
    store.save_source_state(SourceState("https://tass.example/rss", '"e1"', None, t, t))
    store.save_source_state(
        SourceState("https://down.example/feed", None, None, t, None, "HTTP 500")
    )
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with serving(store) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        page = browser.new_page(viewport={"width": 1100, "height": 1400})
        page.goto(base + "/")
        assert page.locator("li.story-row p.lead").first.is_visible()
        assert page.locator(".more-coverage li.story-row").count() == 1
        assert page.locator("li.source.failing").inner_text().count("HTTP 500") == 1
        page.screenshot(path=str(ARTIFACTS / "home.png"), full_page=True)
        page.fill("input[name=q]", "Sochi")
        page.press("input[name=q]", "Enter")
        page.wait_for_url("**/search?q=Sochi*")
        assert seed.title in page.locator("ol.stories").inner_text()
        page.screenshot(path=str(ARTIFACTS / "search.png"), full_page=True)
        page.locator("a.story-title", has_text=seed.title).click()
        page.wait_for_url(f"**/stories/{seed.id}")
        page.screenshot(path=str(ARTIFACTS / "story.png"), full_page=True)
        browser.close()

"""``newsdigest follow`` against a real web site on 127.0.0.1 (tests/follow_site.py): feeds in
three formats, OPML, a sitemap index, validators and 304s, politeness, faults, and the seed
articles served as pages through a feed giving the story ``newsdigest digest`` gives."""

from __future__ import annotations

import contextlib
import os
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from fixtures.news_pages import news_page_html, seed_page
from follow_site import Route, Site, atom, opml, rss1, rss2, serving_site, sitemap, sitemap_index
from pg_server import pg_server, pg_url  # noqa: F401  (fixtures)

from newsdigest.config import StoryConfig
from newsdigest.errors import FetchError
from newsdigest.follow import Fetcher, Follower, Politeness
from newsdigest.follow.fetch import USER_AGENT
from newsdigest.store import open_store

ROOT = Path(__file__).resolve().parents[1]
SEEDS = sorted((ROOT / "examples" / "sochi-2019").glob("*.txt"))
FAST = Politeness(rate=1000, timeout=1.0, retries=2, backoff=0.05)
NO_FACTS = StoryConfig(facts=False)
MAY = "Tue, 14 May 2019 12:00:00 GMT"


def page(k: int, site: Site, dated: bool = False) -> tuple[str, str]:
    """The seed ``k`` as a news page (undated unless ``dated``): (path, html)."""
    p = seed_page(SEEDS[k], site=f"Outlet {k}")
    path = f"/news/{k}.html"
    p = replace(p, url=site.url(path), published=p.published if dated else None)
    return path, news_page_html(p)


@pytest.fixture
def site() -> Iterator[Site]:
    with serving_site() as s:
        s.add("/robots.txt", "User-agent: *\nDisallow: /private/\n", content_type="text/plain")
        for k in range(5):
            path, html = page(k, s)
            s.add(path, html)
        yield s


def follow_once(db: Path, sources: list[str], politeness: Politeness = FAST, **kw: object):
    with open_store(db) as store, Fetcher(politeness) as fetcher:
        return Follower(store, sources, fetcher, NO_FACTS, **kw).run_round()  # type: ignore[arg-type]


def test_three_feed_formats_opml_and_sitemap_index_store_each_article_once(
    site: Site, tmp_path: Path
) -> None:
    u = site.url
    site.add("/rss2.xml", rss2([("a", u("/news/0.html"), MAY), ("b", u("/news/1.html"), MAY)]),
             content_type="application/rss+xml", validators=True)  # fmt: skip
    site.add("/rss1.rdf", rss1([("b", u("/news/1.html?utm_source=rdf"), None),
                                ("c", u("/news/2.html"), "2019-05-14T09:00:00Z")]),
             content_type="application/rdf+xml", validators=True)  # fmt: skip
    site.add("/atom.xml", atom([("e", u("/news/4.html?utm_medium=atom#top"), "2019-05-15T06:00:00Z")]),
             content_type="application/atom+xml", validators=True)  # fmt: skip
    site.add("/subs.opml", opml([u("/rss2.xml"), u("/rss1.rdf"), u("/atom.xml")]),
             content_type="text/x-opml", validators=True)  # fmt: skip
    site.add("/sitemap.xml", sitemap([(u("/news/0.html"), None), (u("/news/3.html"), "2019-12-10T21:00:00Z")]),
             content_type="application/xml", validators=True)  # fmt: skip
    site.add("/sitemap_index.xml", sitemap_index([u("/sitemap.xml")]),
             content_type="application/xml", validators=True)  # fmt: skip
    db = tmp_path / "news.db"
    first = follow_once(db, [u("/subs.opml"), u("/sitemap_index.xml")])
    assert first.failed == () and first.rejected == ()
    assert (first.fetched, first.new) == (6, 5)
    assert first.duplicates == 2  # 1.html via two feeds, 0.html via a feed and the sitemap
    assert first.stories
    with open_store(db) as store:
        articles = store.get_articles()
        urls = sorted(a.url or "" for a in articles)
        assert urls == sorted(u(f"/news/{k}.html") for k in range(5))  # no utm_*, no #top
        by_url = {a.url: a for a in articles}
        # the page has no date: the feed's and the news sitemap's dates are used
        assert by_url[u("/news/2.html")].published.isoformat() == "2019-05-14T09:00:00+00:00"
        assert by_url[u("/news/3.html")].published.year == 2019
        assert by_url[u("/news/3.html")].published.month == 12
        states = {s.url: s for s in store.source_states()}
        assert set(states) == {u(p) for p in ("/subs.opml", "/rss2.xml", "/rss1.rdf",
                               "/atom.xml", "/sitemap_index.xml", "/sitemap.xml")}  # fmt: skip
        assert all(s.etag and s.last_error is None for s in states.values())
    pages_before = [p for p in site.paths() if p.startswith("/news/")]
    assert sorted(pages_before) == [f"/news/{k}.html" for k in range(5)]  # each fetched once

    # a restart: a new process state, the same store. Every source answers 304 (the stored
    # validators are sent) and no page is fetched again.
    n_hits = len(site.hits)
    second = follow_once(db, [u("/subs.opml"), u("/sitemap_index.xml")])
    assert (second.fetched, second.not_modified, second.new) == (0, 6, 0)
    later = site.hits[n_hits:]
    assert not [h for h in later if h.path.startswith("/news/")]
    assert all(h.headers.get("If-None-Match") for h in later if h.path != "/robots.txt")


def test_changed_feed_gets_only_its_new_entries_and_last_modified_alone_works(
    site: Site, tmp_path: Path
) -> None:
    u = site.url
    site.add("/feed.xml", rss2([("a", u("/news/0.html"), MAY)]), validators=True)
    db = tmp_path / "news.db"
    assert follow_once(db, [u("/feed.xml")]).new == 1
    site.add("/feed.xml", rss2([("b", u("/news/1.html"), MAY), ("a", u("/news/0.html"), MAY)]),
             validators=True)  # fmt: skip
    n = len(site.hits)
    again = follow_once(db, [u("/feed.xml")])
    assert (again.fetched, again.new) == (1, 1)
    assert [h.path for h in site.hits[n:] if h.path.startswith("/news/")] == ["/news/1.html"]
    # a server that only keeps Last-Modified: If-Modified-Since alone gives a 304
    with open_store(db) as store:
        state = store.source_states([u("/feed.xml")])[0]
        store.save_source_state(replace(state, etag=None))
    n = len(site.hits)
    third = follow_once(db, [u("/feed.xml")])
    assert third.not_modified == 1
    hit = next(h for h in site.hits[n:] if h.path == "/feed.xml")
    assert hit.headers.get("If-Modified-Since") and not hit.headers.get("If-None-Match")


def test_seed_pages_through_a_feed_give_the_digest_story(site: Site, tmp_path: Path) -> None:
    from newsdigest import digest

    u = site.url
    dates = [MAY, MAY, MAY, "Tue, 10 Dec 2019 21:00:00 GMT", "Wed, 15 May 2019 06:15:00 GMT"]
    site.add("/world.rss", rss2([(f"t{k}", u(f"/news/{k}.html"), dates[k]) for k in range(5)]))
    db = tmp_path / "news.db"
    report = follow_once(db, [u("/world.rss")])
    assert report.new == 5 and report.rejected == ()
    expected = digest([str(ROOT / "examples" / "sochi-2019")], facts=False)
    out = {o.article_id for o in expected.outliers}
    kept = sorted(Path(a.origin or "").stem[:3] for a in expected.articles if a.id not in out)
    assert kept == ["000", "001", "002", "004"]
    with open_store(db) as store:
        stories = store.list_stories()
    by_members = {}
    for s in stories:
        out = {o.article_id for o in s.outliers}
        members = tuple(sorted(Path(a.url or "").stem for a in s.articles if a.id not in out))
        by_members[members] = s
    # the four Sochi reports are one story; 003 (Washington, dated December by the feed) apart
    assert sorted(by_members) == [("0", "1", "2", "4"), ("3",)]
    sochi = by_members[("0", "1", "2", "4")]
    # the same digest, up to the page wrapper: most summary sentences are the digest's own
    theirs = {" ".join(s.text.split()) for s in expected.summary}
    ours = [" ".join(s.text.split()) for s in sochi.summary]
    assert sum(t in theirs for t in ours) >= len(ours) // 2 + 1, (ours, theirs)


def test_robots_user_agent_and_rate_limit(site: Site, tmp_path: Path) -> None:
    u = site.url
    path, html = page(0, site)
    site.add("/private/0.html", html)
    site.add("/feed.xml", rss2([("p", u("/private/0.html"), MAY), ("a", u("/news/1.html"), MAY),
                                ("b", u("/news/2.html"), MAY)]))  # fmt: skip
    report = follow_once(tmp_path / "n.db", [u("/feed.xml")], replace(FAST, rate=5.0))
    assert report.new == 2
    assert [str(e) for e in report.page_errors] == [
        f"{u('/private/0.html')}: disallowed by robots.txt ({u('/private/0.html')})"
    ]
    assert "/private/0.html" not in site.paths()
    assert {h.headers.get("User-Agent") for h in site.hits} == {USER_AGENT}
    assert USER_AGENT.startswith("newsdigest/0.")
    times = [h.at for h in site.hits]
    # robots, feed, 2 pages at 5 requests/s: 0.6 s from first to last (a busy machine may
    # run one handler late, so one gap alone can look short; the span cannot)
    assert len(times) == 4 and times[-1] - times[0] >= 0.55


def test_retry_after_on_429_and_503(site: Site, tmp_path: Path) -> None:
    u = site.url
    site.add("/feed.xml", rss2([("a", u("/news/0.html"), MAY)]),
             statuses=[(429, {"Retry-After": "1"})])  # fmt: skip
    site.add("/busy.html", page(1, site)[1], statuses=[(503, {"Retry-After": "0"})] * 5)
    site.add("/feed2.xml", rss2([("b", u("/busy.html"), MAY)]))
    t0 = time.monotonic()
    report = follow_once(tmp_path / "n.db", [u("/feed.xml"), u("/feed2.xml")])
    assert report.new == 1 and report.fetched == 2
    feed_hits = [h for h in site.hits if h.path == "/feed.xml"]
    assert [h.status for h in feed_hits] == [429, 200]
    assert feed_hits[1].at - feed_hits[0].at >= 0.95  # Retry-After: 1 honoured
    # bounded: 1 + 2 retries, then reported; not marked seen, so the next round tries again
    assert site.paths().count("/busy.html") == 3
    assert [str(e) for e in report.page_errors] == [f"{u('/busy.html')}: HTTP 503"]
    again = follow_once(tmp_path / "n.db", [u("/feed2.xml")])
    assert again.new == 1 and site.paths().count("/busy.html") == 6  # 2 more 503s, then 200
    assert time.monotonic() - t0 < 10


def test_faults_are_reported_in_one_line_and_the_round_goes_on(site: Site, tmp_path: Path) -> None:
    u = site.url
    site.add("/error.xml", "oops", status=500, content_type="text/plain")
    site.add("/slow.xml", rss2([]), delay=1.5)
    site.add("/broken.xml", '<?xml version="1.0"?><rss version="2.0"><channel><item><title>A & B',
             content_type="application/rss+xml")  # fmt: skip
    site.add("/loop1.xml", "", status=302, headers={"Location": "/loop2.xml"})
    site.add("/loop2.xml", "", status=302, headers={"Location": "/loop1.xml"})
    site.add("/self.xml", "", status=301, headers={"Location": "/self.xml"})
    site.add("/doc.pdf", b"%PDF-1.4 " + b"x" * 2000, content_type="application/pdf")
    site.add("/big.html", page(2, site)[1] + "<!--" + "x" * 60_000 + "-->")
    site.add("/menu.html", "<html><body><nav><a href='/'>Home</a></nav></body></html>")
    site.add("/good.xml", rss2([("pdf", u("/doc.pdf"), MAY), ("a", u("/news/0.html"), MAY),
                                ("big", u("/big.html"), MAY), ("menu", u("/menu.html"), MAY)]))  # fmt: skip
    sources = ["/error.xml", "/slow.xml", "/broken.xml", "/loop1.xml", "/self.xml", "/good.xml"]
    db = tmp_path / "n.db"
    report = follow_once(db, [u(s) for s in sources], replace(FAST, timeout=0.5, max_bytes=50_000))
    assert report.fetched == 1 and report.new == 1
    reasons = {e.name.rsplit("/", 1)[-1]: e.reason for e in [*report.failed, *report.rejected]}
    assert reasons["error.xml"] == "HTTP 500"
    assert reasons["slow.xml"].startswith("timed out")
    assert reasons["broken.xml"].startswith("broken XML")
    assert reasons["loop1.xml"] == "redirect loop (of 2 addresses)"
    assert reasons["self.xml"] == "redirect loop (to itself)"  # had been "(1 hops)"
    assert reasons["doc.pdf"] == "not an HTML page (application/pdf)"
    assert reasons["big.html"].startswith("larger than 50000 bytes")
    assert reasons["menu.html"].startswith("no main text")
    assert all("\n" not in str(e) for e in report.problems())
    with open_store(db) as store:
        assert store.count_articles() == 1
        states = {s.url.rsplit("/", 1)[-1]: s for s in store.source_states()}
        assert (
            states["error.xml"].last_error == "HTTP 500" and states["good.xml"].last_error is None
        )
        # rejected pages are not fetched again; nothing was half-stored
        assert store.seen_urls([u("/doc.pdf"), u("/big.html")]) == {u("/doc.pdf"), u("/big.html")}


def test_malformed_urls_are_one_line_each_and_the_round_goes_on(site: Site, tmp_path: Path) -> None:
    """A URL urllib cannot split ("http://[::1", an unclosed IPv6 bracket) stopped the whole
    round with a ValueError wherever it came from: the command line, an OPML outline, a feed
    entry or a page's canonical link (httpx reports a bad redirect itself)."""
    u = site.url
    bad = "http://[::1"
    _, html = page(1, site)
    site.add("/odd.html", html.replace("<head>", f'<head><link rel="canonical" href="{bad}/x">'))
    site.add("/moved.html", "", status=302, headers={"Location": bad + "/y"})
    site.add("/feed.xml", rss2([("bad", bad + "/z", MAY), ("a", u("/news/0.html"), MAY),
                                ("odd", u("/odd.html"), MAY), ("moved", u("/moved.html"), MAY)]))  # fmt: skip
    subs = tmp_path / "subs.opml"
    subs.write_text(opml([bad + "/feed", u("/feed.xml")]), encoding="utf-8")
    report = follow_once(tmp_path / "n.db", [bad, str(subs)])
    assert report.new == 2
    reasons = {e.name: e.reason for e in report.problems()}
    assert set(reasons) == {bad, u("/moved.html"), str(subs), u("/feed.xml")}
    assert reasons[bad] == "not a valid URL (Invalid IPv6 URL)"
    assert reasons[u("/feed.xml")] == (
        f"1 entry not read: no valid http:// or https:// link (first: '{bad}/z')"
    )  # the feed's entry, once passed over without a word
    assert reasons[str(subs)] == (
        f"feed '{bad}/feed' not followed: not a valid URL "
        "(a feed is followed by its http:// or https:// URL)"
    )  # the list's unusable link, as the command line's
    assert reasons[u("/moved.html")] == "redirect to a URL that is not valid (Invalid port: ':1')"
    with open_store(tmp_path / "n.db") as store:
        # odd.html's unusable canonical link is passed over for the page's own next one
        assert {a.url for a in store.get_articles()} == {u("/news/0.html"), u("/news/1.html")}


def test_a_host_name_with_an_empty_label_is_one_line_and_the_round_goes_on(
    site: Site, tmp_path: Path
) -> None:
    """httpx hands an ASCII host name to the socket as it is; "a..b" made its IDNA codec raise
    a UnicodeError that ended the round (a source given so, or one feed entry listed so)."""
    u = site.url
    site.add("/feed.xml", rss2([("bad", "http://a..b/z", MAY), ("a", u("/news/0.html"), MAY)]))
    report = follow_once(tmp_path / "n.db", ["http://a..b/feed", u("/feed.xml")])
    assert report.new == 1
    reasons = {e.name: e.reason for e in report.problems()}
    assert reasons == {
        url: "not a valid URL (host name 'a..b' has an empty or over-long label)"
        for url in ("http://a..b/feed", "http://a..b/z")
    }


def test_a_page_of_an_element_with_many_attributes_is_refused_in_a_moment(
    site: Site, tmp_path: Path
) -> None:
    """libxml2 builds an element's attributes in quadratic time: a page whose head held one
    element of 40,000 attributes kept the follower reading its canonical link for 20 s (and
    300,000 for hours) before the page was even extracted."""
    u = site.url
    crowd = " ".join(f'data-a{i}="x"' for i in range(40_000))
    site.add("/crowded.html", page(1, site)[1].replace("<head>", f"<head><meta {crowd}>", 1))
    site.add("/feed.xml", rss2([("c", u("/crowded.html"), MAY), ("a", u("/news/0.html"), MAY)]))
    started = time.perf_counter()
    report = follow_once(tmp_path / "n.db", [u("/feed.xml")])
    assert time.perf_counter() - started < 8
    assert report.new == 1
    (err,) = report.problems()
    assert err.name == u("/crowded.html")
    assert err.reason == (
        "malformed HTML: an element with 40,000 attributes (the limit is 400, "
        "Limits.max_html_attributes)"
    )


def test_a_source_of_another_url_scheme_is_one_line_naming_it(tmp_path: Path) -> None:
    """ftp:// and javascript: were read as file names ("No such file or directory")."""
    subs = tmp_path / "subs.opml"
    subs.write_text(opml([]), encoding="utf-8")
    report = follow_once(tmp_path / "n.db", ["ftp://x/y", "javascript:alert(1)", subs.as_uri()])
    reasons = {e.name: e.reason for e in report.problems()}
    assert reasons == {
        "ftp://x/y": "unsupported URL scheme 'ftp' (use http:// or https://)",
        "javascript:alert(1)": "unsupported URL scheme 'javascript' (use http:// or https://)",
    }  # the file:// URL of an OPML list is read as that file


def test_an_upper_case_scheme_is_followed_and_a_bad_idna_host_is_one_line(
    site: Site, tmp_path: Path
) -> None:
    """``HTTP://host/feed.xml`` was "unsupported URL scheme 'HTTP'" (a scheme is
    case-insensitive); ``https://xn--/feed`` as a source, or a feed item linking such a host,
    ended the whole round in idna's traceback ("Malformed A-label"), nothing stored."""
    u = site.url
    bad = "http://xn--/news/9.html"
    site.add("/feed.xml", rss2([("x", bad, MAY), ("a", u("/news/0.html"), MAY)]))
    loud = u("/feed.xml").replace("http://", "HTTP://", 1)
    report = follow_once(tmp_path / "n.db", [loud, "https://xn--/feed"])
    assert report.new == 1
    reasons = {e.name: e.reason for e in report.problems()}
    assert set(reasons) == {bad, "https://xn--/feed"}
    assert all("not a valid URL (its host name: " in r for r in reasons.values()), reasons


def test_opml_entries_that_are_no_web_feeds_are_one_line_each(site: Site, tmp_path: Path) -> None:
    """An OPML list's ``file:`` feeds (and relative ones, in a local list) were dropped without
    a word: the round said "1 fetched, 0 failed" as if the list held one feed."""
    u = site.url
    site.add("/feed.xml", rss2([("a", u("/news/0.html"), MAY)]))
    local = tmp_path / "feed.xml"
    local.write_text(rss2([("b", u("/news/1.html"), MAY)]), encoding="utf-8")
    subs = tmp_path / "subs.opml"
    subs.write_text(opml([local.as_uri(), "feed.xml", u("/feed.xml")]), encoding="utf-8")
    report = follow_once(tmp_path / "n.db", [str(subs)])
    assert report.new == 1 and report.fetched == 1
    assert [str(e) for e in report.problems()] == [
        f"{subs}: feed {local.as_uri()!r} not followed: unsupported URL scheme 'file' "
        "(a feed is followed by its http:// or https:// URL)",
        f"{subs}: feed 'feed.xml' not followed: not a URL "
        "(a feed is followed by its http:// or https:// URL)",
    ]


def test_a_url_with_no_host_is_one_line_and_not_fetched(site: Site, tmp_path: Path) -> None:
    """An OPML list's "https://" or "https:///feed.xml" was followed, and the command line's,
    to fail at the fetch with "robots.txt of https:// could not be read (network error: Request
    URL is missing an 'http://' or 'https://' protocol.)"; the list's other feeds go on."""
    u = site.url
    site.add("/feed.xml", rss2([("a", u("/news/0.html"), MAY)]))
    subs = tmp_path / "subs.opml"
    hostless = ["https://", "https:///feed.xml", "http://:80/feed", "feed://"]
    subs.write_text(opml([*hostless, u("/feed.xml")]), encoding="utf-8")
    report = follow_once(tmp_path / "n.db", [str(subs), "https:///rss"])
    assert report.new == 1 and report.fetched == 1
    why = "no host name in the URL (a feed is followed by its http:// or https:// URL)"
    assert [str(e) for e in report.problems()] == [
        *(f"{subs}: feed {link!r} not followed: {why}" for link in hostless),
        f"https:///rss: {why}",
    ]


def test_sources_past_the_rounds_cap_are_one_line_not_dropped_unsaid(
    site: Site, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An OPML list of 2,000 feeds followed 999 of them and said nothing of the other 1,001
    (a round reads at most ``MAX_SOURCES`` sources; here 3: the list and two feeds)."""
    import newsdigest.follow.round as round_module

    monkeypatch.setattr(round_module, "MAX_SOURCES", 3)
    u = site.url
    for k in range(5):
        site.add(f"/feed{k}.xml", rss2([(f"a{k}", u(f"/news/{k}.html"), MAY)]))
    subs = tmp_path / "subs.opml"
    subs.write_text(opml([u(f"/feed{k}.xml") for k in range(5)]), encoding="utf-8")
    report = follow_once(tmp_path / "n.db", [str(subs)])
    assert report.fetched == 2 and report.new == 2
    assert [str(e) for e in report.problems()] == [
        "3 more sources: not followed: a round reads at most 3 sources (feeds, OPML files,"
        " sitemaps), and the ones given list more"
    ]


@pytest.mark.parametrize("form", ["feed:{url}", "feed://{rest}", "FEED://{rest}"])
def test_an_opml_feed_link_of_the_feed_scheme_is_followed(
    site: Site, tmp_path: Path, form: str
) -> None:
    """``feed://host/rss`` and ``feed:https://host/rss`` (the feed: pseudo-scheme of browsers'
    and readers' exports) name a web feed: they were "not followed: unsupported URL scheme
    'feed'", the list's feeds not read."""
    url = site.url("/feed.xml")
    site.add("/feed.xml", rss2([("a", site.url("/news/0.html"), MAY)]))
    subs = tmp_path / "subs.opml"
    link = form.format(url=url, rest=url.removeprefix("http://"))
    subs.write_text(opml([link]), encoding="utf-8")
    report = follow_once(tmp_path / "n.db", [str(subs)])
    assert [str(e) for e in report.problems()] == []
    assert report.new == 1 and report.fetched == 1


def test_an_empty_source_is_one_line_saying_so(tmp_path: Path) -> None:
    """``Follower(store, [""])`` read ``Path("")``, the current folder: ": not a regular file
    (a folder)"."""
    report = follow_once(tmp_path / "n.db", ["", " "])
    assert [str(e) for e in report.problems()] == [
        "<source 1>: an empty name names no feed, OPML file or URL",
        "<source 2>: an empty name names no feed, OPML file or URL",
    ]


def _cli(*args: str, **kw: object) -> subprocess.Popen[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    return subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "follow", *args],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=env,
        cwd=ROOT,
        **kw,  # type: ignore[call-overload]
    )


def test_cli_once_prints_a_round_line_and_a_rerun_fetches_nothing(
    site: Site, tmp_path: Path
) -> None:
    u = site.url
    site.add("/feed.xml", rss2([("a", u("/news/0.html"), MAY), ("x", u("/nothing.html"), MAY)]),
             validators=True)  # fmt: skip
    db = str(tmp_path / "n.db")
    args = [u("/feed.xml"), "--db", db, "--once", "--rate", "100", "--no-facts"]
    first = _cli(*args)
    out, err = first.communicate(timeout=120)
    assert out.strip() == (
        "round 1: sources: 1 fetched, 0 not modified, 0 failed; articles: 1 new, 0 duplicates, "
        "1 rejected (1 HTTP 404), 0 not fetched; stories updated: 1"
    ), err
    assert f"error: {u('/nothing.html')}: HTTP 404" in err
    assert first.returncode == 1  # one page rejected, as ingest counts a rejected file
    proc = _cli(*args)
    out, err = proc.communicate(timeout=120)
    assert "1 not modified" in out and "0 new" in out and proc.returncode == 0
    assert site.paths().count("/news/0.html") == 1


def test_cli_once_with_no_readable_source_exits_2(site: Site, tmp_path: Path) -> None:
    """Nothing usable is exit 2, as for ingest: every source failed."""
    site.add("/gone.xml", "", status=500)
    missing = str(tmp_path / "missing.opml")
    proc = _cli(site.url("/gone.xml"), missing, "--db", str(tmp_path / "n.db"), "--once")
    out, err = proc.communicate(timeout=120)
    assert proc.returncode == 2, (out, err)
    assert err.count("error: ") == 2 and "2 failed" in out


def test_cli_loop_stops_cleanly_on_sigterm(site: Site, tmp_path: Path) -> None:
    u = site.url
    site.add("/feed.xml", rss2([("a", u("/news/0.html"), MAY)]))
    proc = _cli(u("/feed.xml"), "--db", str(tmp_path / "n.db"), "--every", "1h", "--rate", "100",
                "--no-facts")  # fmt: skip
    assert proc.stdout is not None
    line = proc.stdout.readline()  # the first round is done
    assert line.startswith("round 1: ") and "1 new" in line
    proc.send_signal(signal.SIGTERM)
    assert proc.wait(timeout=15) == 0


def test_interval_parsing() -> None:
    from newsdigest.cli.options import parse_interval

    assert [parse_interval(t) for t in ("90", "90s", "15m", "1h30m", "1d")] == [
        90,
        90,
        900,
        5400,
        86400,
    ]
    for bad in ("", "15x", "0m", "m"):
        with pytest.raises(ValueError):
            parse_interval(bad)
    # a round's wait past the clock's range was an OverflowError traceback after the first round
    for huge in ("366d", "99999999999999999999d", "9" * 400):
        with pytest.raises(ValueError, match="at most 365d"):
            parse_interval(huge)


def test_serve_follow_keeps_the_page_current_and_shows_each_source(
    site: Site, tmp_path: Path
) -> None:
    import json
    import urllib.request

    from live_server import free_port

    u = site.url
    site.add("/feed.xml", rss2([(f"t{k}", u(f"/news/{k}.html"), MAY) for k in (0, 1, 2)]))
    site.add("/down.xml", "oops", status=500, content_type="text/plain")
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    proc = subprocess.Popen(
        [sys.executable, "-m", "newsdigest", "serve", "--db", str(tmp_path / "n.db"),
         "--port", str(port), "--follow", u("/feed.xml"), "--follow", u("/down.xml"),
         "--every", "1h", "--rate", "100", "--sentences", "1", "--no-facts"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=ROOT,
    )  # fmt: skip
    try:
        deadline = time.monotonic() + 120
        data: dict = {}
        while time.monotonic() < deadline:
            assert proc.poll() is None, proc.stderr.read() if proc.stderr else ""
            try:
                with urllib.request.urlopen(
                    f"http://127.0.0.1:{port}/stories.json", timeout=5
                ) as r:
                    data = json.load(r)
            except OSError:
                data = {}
            if data.get("stories"):
                break
            time.sleep(0.5)
        assert data["stories"] and data["stories"][0]["articles"] == 3
        # built with the server's story settings (serve had none: the defaults, always)
        with urllib.request.urlopen(
            f"http://127.0.0.1:{port}{data['stories'][0]['json']}", timeout=5
        ) as r:
            story = json.load(r)
        assert len(story["summary"]) == 1 and story["facts"] is None
        sources = {s["url"]: s for s in data["sources"]}
        assert sources[u("/down.xml")]["last_error"] == "HTTP 500"
        assert sources[u("/feed.xml")]["last_error"] is None
        assert sources[u("/feed.xml")]["last_fetch"].startswith("20")
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/", timeout=5) as r:
            page = r.read().decode()
        assert "Followed sources" in page and "last error: HTTP 500" in page
    finally:
        proc.send_signal(signal.SIGTERM)
        assert proc.wait(timeout=60) == 0


def test_a_host_whose_robots_txt_fails_is_left_alone(tmp_path: Path) -> None:
    with serving_site() as s:
        s.add("/robots.txt", "down", status=500, content_type="text/plain")
        s.add("/feed.xml", rss2([("a", s.url("/news/0.html"), MAY)]))
        report = follow_once(tmp_path / "n.db", [s.url("/feed.xml")])
        assert [e.reason for e in report.failed] == [
            f"robots.txt of {s.base} could not be read (HTTP 500)"
        ]
        assert s.paths() == ["/robots.txt"]  # RFC 9309: a 5xx robots.txt disallows all


@pytest.mark.parametrize("form", ["byte-order mark", "utf-16", "over 500 KiB"])
def test_a_robots_txt_with_a_mark_or_past_500_kib_is_obeyed(tmp_path: Path, form: str) -> None:
    """A robots.txt saved with a UTF-8 byte-order mark (a Windows editor's) had its first
    line read as "\ufeffUser-agent", no such field: the group was ignored and the page it
    forbids fetched (UTF-16 the same). One past 500,000 bytes was refused whole, every page
    of its host left unfollowed; RFC 9309 has the first 500 KiB parsed at least, as Google."""
    rules = "User-agent: *\nDisallow: /private/\n"
    body = {
        "byte-order mark": ("\ufeff" + rules).encode(),
        "utf-16": rules.encode("utf-16"),
        "over 500 KiB": (rules + "# " + "x" * 78 + "\n").encode() * 6_500,
    }[form]
    with serving_site() as s:
        s.add("/robots.txt", body, content_type="text/plain")
        for path in ("/news/0.html", "/private/1.html"):
            s.add(path, news_page_html(replace(seed_page(SEEDS[1]), url=s.url(path))))
        s.add(
            "/feed.xml",
            rss2([("a", s.url("/news/0.html"), MAY), ("b", s.url("/private/1.html"), MAY)]),
        )
        report = follow_once(tmp_path / "n.db", [s.url("/feed.xml")])
        assert report.new == 1
        assert [str(e) for e in report.problems()] == [
            f"{s.url('/private/1.html')}: disallowed by robots.txt ({s.url('/private/1.html')})"
        ]
        assert "/private/1.html" not in s.paths()


def test_a_host_that_refuses_connections_is_said_to(tmp_path: Path) -> None:
    """A refused connection had been reported as a robots.txt fault alone."""
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    report = follow_once(tmp_path / "n.db", [f"http://127.0.0.1:{port}/feed.xml"])
    (failure,) = report.failed
    assert failure.reason.startswith(f"robots.txt of http://127.0.0.1:{port} could not be read (")
    assert "refused" in failure.reason.lower()


def test_a_host_whose_robots_txt_cannot_be_read_is_one_line_for_all_its_urls(
    site: Site, tmp_path: Path
) -> None:
    """Three feeds of one unreachable host had printed three lines of the same robots.txt
    fault, and a feed listing five pages of it five more."""
    import socket

    with socket.socket() as sock:  # a port nothing listens on
        sock.bind(("127.0.0.1", 0))
        down = f"http://127.0.0.1:{sock.getsockname()[1]}"
    site.add("/feed.xml", rss2([(f"p{k}", f"{down}/news/{k}.html", MAY) for k in range(5)]))
    feeds = [f"{down}/{name}.xml" for name in ("a", "b", "c")]
    said: list[str] = []
    report = follow_once(tmp_path / "n.db", [*feeds, site.url("/feed.xml")], on_problem=said.append)
    assert len(report.failed) == 3 and len(report.page_errors) == 5  # each still counted
    why = f"robots.txt of {down} could not be read ("
    assert [str(e).split(why)[0] for e in said] == [
        f"{feeds[0]} and 2 more URLs of its host: ",
        f"{down}/news/0.html and 4 more URLs of its host: ",
    ], said


def test_a_local_file_that_is_not_opml_is_one_line_naming_it(tmp_path: Path) -> None:
    """A feed saved to a file was read as an OPML list of no feeds: the round reported
    nothing fetched and nothing failed, and exited 0."""
    feed = tmp_path / "feed.xml"
    feed.write_text(rss2([("a", "https://example.com/a.html", MAY)]), encoding="utf-8")
    report = follow_once(tmp_path / "n.db", [str(feed)])
    reasons = {e.name: e.reason for e in report.problems()}
    assert reasons == {
        str(feed): "not an OPML file (its root is <rss>); follow a feed or sitemap by its URL"
    }


def test_a_local_opml_file_that_cannot_be_read_says_why_in_words(tmp_path: Path) -> None:
    """libxml2's own words had reached the user: a picture or an empty file was "broken OPML:
    Document is empty, line 1, column 1 (<string>, line 1)", a nested one "... use
    XML_PARSE_HUGE option", a billion-laughs one "... see xmlCtxtSetMaxAmplification."."""
    laughs = "".join(
        f'<!ENTITY l{i} "{f"&l{i - 1};" * 10}">' if i else '<!ENTITY l0 "lol">' for i in range(8)
    )
    files = {
        "picture.opml": Path("docs/quality.png").read_bytes(),
        "empty.opml": b"",
        "deep.opml": b"<opml><body>" + b"<outline>" * 300,
        "laughs.opml": f'<!DOCTYPE o [{laughs}]><opml><body><outline text="&l7;"/></body></opml>'.encode(),
    }
    for name, body in files.items():
        (tmp_path / name).write_bytes(body)
    report = follow_once(tmp_path / "n.db", [str(tmp_path / name) for name in files])
    reasons = {Path(e.name).name: e.reason for e in report.problems()}
    assert reasons == {
        "picture.opml": "binary file (not OPML)",
        "empty.opml": "empty file",
        "deep.opml": "broken OPML: elements nested over 256 deep, line 1, column 2307",
        "laughs.opml": "broken OPML: entities expand past the limit (a billion laughs),"
        " line 1, column 442",
    }


@pytest.mark.postgres
def test_an_entry_url_too_long_to_store_is_one_line_and_later_entries_are_stored(
    site: Site,
    pg_url: str,  # noqa: F811
) -> None:
    """PostgreSQL indexes URLs in a B-tree (no key past ~2,700 bytes): a feed entry of a
    3,000-letter URL failed its page's store call, the whole round ended there, and every
    later round again, so the entries after it were never stored and no story was refreshed.
    A page whose canonical link is that long is stored under its next one (or its address)."""
    import random
    import string

    u = site.url
    rng = random.Random(7)
    long_path = "/long/" + "".join(rng.choice(string.ascii_letters) for _ in range(3000))
    site.add(long_path, page(1, site)[1])
    _, html = page(2, site)
    site.add(
        "/canon.html", html.replace("<head>", f'<head><link rel="canonical" href="{long_path}x">')
    )
    site.add("/feed.xml", rss2([("a", u("/news/0.html"), MAY), ("long", u(long_path), MAY),
                                ("canon", u("/canon.html"), MAY), ("d", u("/news/3.html"), MAY)]))  # fmt: skip
    for _ in range(2):
        sources = [u("/feed.xml"), u(long_path + ".xml")]
        report = follow_once(pg_url, sources)  # type: ignore[arg-type]
        (error,) = report.rejected
        (source,) = report.failed  # a source that long: its state could not be stored either
        for err in (error, source):
            assert err.reason.startswith("URL too long (3,") and len(str(err)) < 300
    with open_store(pg_url) as store:
        assert sorted(a.url for a in store.get_articles()) == [
            u("/news/0.html"),
            u("/news/2.html"),
            u("/news/3.html"),
        ]  # fmt: skip (canon.html's own next canonical link names /news/2.html)
        assert store.list_stories()
    assert long_path not in site.paths()  # not fetched: it could not be marked seen


def test_a_slow_drip_server_is_given_up_at_the_deadline_and_the_round_goes_on(
    site: Site, tmp_path: Path
) -> None:
    """httpx's timeout bounds each read: a server sending a header line or a body byte every
    0.3 s (under the 0.5 s timeout) kept the follower on one page as long as it liked (a
    5 MB page: weeks). A Retry-After of "²" (a digit to str.isdigit, not to float) ended the
    round in a ValueError."""
    u = site.url
    site.routes["/drip-body.html"] = Route(body=b"x" * 40, drip=0.3)
    site.routes["/drip-head.html"] = Route(body=b"x" * 40, drip=0.3, drip_headers=True)
    _, html = page(1, site)
    site.add("/busy.html", html, statuses=[(429, {"Retry-After": "\u00b2"})])
    site.add("/feed.xml", rss2([("b", u("/drip-body.html"), MAY), ("h", u("/drip-head.html"), MAY),
                                ("busy", u("/busy.html"), MAY), ("a", u("/news/0.html"), MAY)]))  # fmt: skip
    started = time.perf_counter()
    report = follow_once(
        tmp_path / "n.db", [u("/feed.xml")], replace(FAST, timeout=0.5, deadline=2)
    )
    assert time.perf_counter() - started < 8
    assert report.new == 2  # busy.html after its 429, and news/0
    assert {e.name: e.reason for e in report.problems()} == {
        u(p): "not done after 2 s (too slow)" for p in ("/drip-body.html", "/drip-head.html")
    }


def test_a_feed_of_an_element_with_many_attributes_is_refused_in_a_moment(
    site: Site, tmp_path: Path
) -> None:
    """feedparser keeps an element's attributes in quadratic time: a feed item of 40,000
    attributes took 19 s to read, 100,000 (a 1.1 MB feed) 110 s, and again every round."""
    u = site.url
    crowd = " ".join(f'a{i}="x"' for i in range(60_000))
    site.add(
        "/crowded.xml", rss2([("a", u("/news/0.html"), MAY)]).replace("<item>", f"<item {crowd}>")
    )
    site.add("/feed.xml", rss2([("b", u("/news/1.html"), MAY)]))
    started = time.perf_counter()
    report = follow_once(tmp_path / "n.db", [u("/crowded.xml"), u("/feed.xml")])
    assert time.perf_counter() - started < 8
    assert report.new == 1
    (err,) = report.problems()
    assert (err.name, err.reason) == (
        u("/crowded.xml"),
        "malformed feed: an element with 60,000 attributes (the limit is 400, "
        "Limits.max_html_attributes)",
    )


def test_an_opml_path_that_is_no_regular_file_is_one_line_and_the_round_goes_on(
    tmp_path: Path,
) -> None:
    """``follow pipe.opml`` opened a named pipe and waited for a writer forever, and SIGTERM
    (which the follower catches to end a round cleanly) did not end the wait; a folder was
    "Is a directory", capitalized unlike every other reason. Files are read as ``ingest``
    reads them: a regular file only."""
    import threading

    fifo = tmp_path / "pipe.opml"
    os.mkfifo(fifo)
    folder = tmp_path / "folder.opml"
    folder.mkdir()
    done: list[object] = []
    worker = threading.Thread(
        target=lambda: done.append(follow_once(tmp_path / "n.db", [str(fifo), str(folder)])),
        daemon=True,
    )
    worker.start()
    worker.join(timeout=30)
    if not done:
        os.close(os.open(fifo, os.O_WRONLY | os.O_NONBLOCK))  # let the blocked reader go
        worker.join(timeout=10)
        pytest.fail("the round waited on the named pipe")
    (report,) = done
    reasons = {e.name: e.reason for e in report.problems()}  # type: ignore[attr-defined]
    assert reasons == {
        str(fifo): "not a regular file (a named pipe)",
        str(folder): "not a regular file (a folder)",
    }


def test_the_round_line_counts_one_duplicate_in_the_singular(site: Site, tmp_path: Path) -> None:
    """Two feeds listing the same seed page: one stored, one duplicate; the line had read
    "1 duplicates" (and ingest's "(1 near-duplicates)")."""
    u = site.url
    site.add("/a.xml", rss2([("a", u("/news/0.html"), MAY)]))
    site.add("/b.xml", rss2([("b", u("/news/0.html"), MAY)]))
    report = follow_once(tmp_path / "n.db", [u("/a.xml"), u("/b.xml")])
    assert (report.new, report.duplicates) == (1, 1)
    assert "articles: 1 new, 1 duplicate, 0 rejected" in report.line()


def test_a_feed_password_is_used_but_never_printed_nor_stored(site: Site, tmp_path: Path) -> None:
    """``http://user:pw@host/feed`` printed the password in every error line naming the feed
    (or a page of it: relative links carry the credentials), and the store kept it (source
    state, seen pages), which the home page shows. It is still sent to the server."""
    secret = "s3cret@x"
    u = site.url
    site.add("/feed.xml", rss2([("a", "/news/0.html", MAY), ("gone", "/gone.html", MAY)]))
    site.add("/gone.html", "", status=500)
    signed = u("/feed.xml").replace("http://", f"http://reader:{secret}@", 1)
    failing = u("/none.xml").replace("http://", f"http://reader:{secret}@", 1)
    db = tmp_path / "n.db"
    report = follow_once(db, [signed, failing])
    assert report.new == 1
    lines = [str(e) for e in report.problems()]
    assert len(lines) == 2, lines
    assert not [line for line in lines if "s3cret" in line], lines
    assert "http://reader:***@127.0.0.1" in lines[0]
    assert any(h.headers.get("Authorization") for h in site.hits if h.path == "/feed.xml")
    assert b"s3cret" not in db.read_bytes()
    from newsdigest.serve.views import source_lines

    with open_store(db) as store:
        shown = [line.to_json() for line in source_lines(store.source_states())]
    assert "s3cret" not in repr(shown) and len(shown) == 2, shown


@pytest.mark.parametrize(
    ("url", "why"),
    [
        ("http://exa mple.com/feed", "its host name 'exa mple.com' holds ' '"),
        ("http://example.com:99999/feed", "Port out of range 0-65535"),
    ],
)
def test_a_host_with_a_space_or_a_port_past_65535_is_no_valid_url(
    tmp_path: Path, url: str, why: str
) -> None:
    """Both were looked up and reported as a network (DNS) failure of a real host."""
    report = follow_once(tmp_path / "n.db", [url])
    assert [str(e) for e in report.problems()] == [f"{url}: not a valid URL ({why})"]


def test_an_opml_child_feed_password_is_not_stored_and_still_sent_after_a_304(
    site: Site, tmp_path: Path
) -> None:
    """An OPML list read as ``http://user:pw@host/subs.opml`` has its relative feed links
    carry the password (urljoin): the store kept them with it, to read them after a 304. The
    password is given again with the list at each run, so it is put back from there; a feed
    of the list's own with another password (which no run gives again) is not stored either:
    the list is then read whole each round, never answered 304."""
    secret, other = "s3cret@x", "0ther"
    u = site.url
    site.add("/feed.xml", rss2([("a", "/news/0.html", MAY)]), validators=True)
    site.add("/more.xml", rss2([("b", "/news/1.html", MAY)]), validators=True)
    inherited = opml(["/feed.xml"])
    site.add("/subs.opml", inherited, content_type="text/x-opml", validators=True)
    own = u("/more.xml").replace("http://", f"http://second:{other}@", 1)
    site.add("/own.opml", opml([own]), content_type="text/x-opml", validators=True)
    signed = u("/subs.opml").replace("http://", f"http://reader:{secret}@", 1)
    listed = u("/own.opml").replace("http://", f"http://reader:{secret}@", 1)
    db = tmp_path / "n.db"
    first = follow_once(db, [signed, listed])
    assert (first.fetched, first.new, first.failed) == (4, 2, ())
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("n.db*"))  # the WAL too
    assert b"s3cret" not in stored and b"0ther" not in stored

    site.add("/feed.xml", rss2([("a", "/news/0.html", MAY), ("c", "/news/2.html", MAY)]))
    site.add("/more.xml", rss2([("b", "/news/1.html", MAY), ("d", "/news/3.html", MAY)]))
    n_hits = len(site.hits)
    second = follow_once(db, [signed, listed])
    assert second.failed == () and second.new == 2
    later = {h.path: h for h in site.hits[n_hits:]}
    assert later["/subs.opml"].status == 304  # its child read with the list's password
    assert later["/feed.xml"].headers.get("Authorization") == _basic("reader", secret)
    assert later["/own.opml"].status == 200  # read whole: its child's password is its own
    assert later["/more.xml"].headers.get("Authorization") == _basic("second", other)
    stored = b"".join(p.read_bytes() for p in tmp_path.glob("n.db*"))
    assert b"s3cret" not in stored and b"0ther" not in stored


def _basic(user: str, password: str) -> str:
    import base64

    return "Basic " + base64.b64encode(f"{user}:{password}".encode()).decode()


def test_a_round_whose_stories_cannot_be_saved_says_its_articles_were_stored(
    site: Site, tmp_path: Path
) -> None:
    """The articles are stored (and marked seen) before the stories are updated; when that
    failed (a full disk; here a folder where the clustering lock file goes) the round ended in
    the store's error alone, its line unsaid, as if nothing had been stored. The round line
    says what was stored and why the stories were not updated; the next round updates them."""
    u = site.url
    site.add("/feed.xml", rss2([("a", u("/news/0.html"), MAY), ("b", u("/news/1.html"), MAY)]))
    db = tmp_path / "n.db"
    lock = tmp_path / "n.db-cluster.lock"
    lock.mkdir()
    report = follow_once(db, [u("/feed.xml")])
    assert (report.new, report.stories) == (2, ())
    assert report.stories_error is not None and "clustering lock" in report.stories_error
    assert report.line().endswith(f"stories not updated ({report.stories_error})")
    lock.rmdir()
    again = follow_once(db, [u("/feed.xml")])
    assert (again.new, again.stories_error) == (0, None) and again.stories


def test_a_page_labelled_gzip_that_is_not_gzip_is_refused_once_in_words(
    site: Site, tmp_path: Path
) -> None:
    """A server that sends ``Content-Encoding: gzip`` over a body that is not gzip (a plain
    page, or other data): the round said "network error: Error -3 while decompressing data:
    incorrect header check", as if the network had failed, and fetched the page again every
    round. It is refused in words now, as browsers refuse it, and not fetched again; a real
    gzip page beside it is stored."""
    import gzip

    u = site.url
    plain = page(1, site)[1].encode()
    site.add("/mislabelled.html", plain, headers={"Content-Encoding": "gzip"})
    site.add(
        "/zipped.html",
        gzip.compress(page(2, site)[1].encode()),
        headers={"Content-Encoding": "gzip"},
    )
    site.add("/feed.xml", rss2([("a", u("/mislabelled.html"), MAY), ("b", u("/zipped.html"), MAY)]))
    db = tmp_path / "n.db"
    report = follow_once(db, [u("/feed.xml")])
    assert report.new == 1
    assert [str(e) for e in report.problems()] == [
        f"{u('/mislabelled.html')}: its body is labelled Content-Encoding gzip but is not gzip "
        "data (the server's fault)"
    ]
    again = follow_once(db, [u("/feed.xml")])
    assert not again.problems() and site.paths().count("/mislabelled.html") == 1


def test_feed_entries_linking_no_web_page_are_said_in_one_line(site: Site, tmp_path: Path) -> None:
    """Hostile pass: a feed's entries whose links are ``javascript:``, ``mailto:`` or
    ``file:`` were skipped without a word; one line names the feed, how many and the first."""
    u = site.url
    site.add(
        "/feed.xml",
        rss2(
            [
                ("a", u("/news/0.html"), MAY),
                ("b", "javascript:alert(1)", MAY),
                ("c", "mailto:desk@example.org", MAY),
                ("d", "file:///etc/passwd", MAY),
            ]
        ),
    )
    report = follow_once(tmp_path / "n.db", [u("/feed.xml")])
    assert report.new == 1
    assert [str(e) for e in report.problems()] == [
        f"{u('/feed.xml')}: 3 entries not read: no valid http:// or https:// link "
        "(first: 'javascript:alert(1)')"
    ]


def test_a_gzip_page_damaged_on_its_way_is_fetched_again(site: Site, tmp_path: Path) -> None:
    """Review: a body that opens as gzip and breaks further on (a connection that damaged it)
    was refused for good with the words for a server mislabelling a plain page; it is a
    fault of this fetch, said so, and the page is fetched again next round."""
    import gzip

    u = site.url
    zipped = bytearray(gzip.compress(page(1, site)[1].encode()))
    middle = len(zipped) // 2
    zipped[middle : middle + 16] = bytes(b ^ 0xFF for b in zipped[middle : middle + 16])
    site.add("/damaged.html", bytes(zipped), headers={"Content-Encoding": "gzip"})
    site.add("/feed.xml", rss2([("a", u("/damaged.html"), MAY)]))
    db = tmp_path / "n.db"
    report = follow_once(db, [u("/feed.xml")])
    [problem] = [str(e) for e in report.problems()]
    assert problem.startswith(f"{u('/damaged.html')}: its gzip body is damaged (")
    follow_once(db, [u("/feed.xml")])
    assert site.paths().count("/damaged.html") == 2


def test_a_page_gzipped_in_several_members_is_read_whole_and_one_cut_short_is_said(
    site: Site, tmp_path: Path
) -> None:
    """A page whose ``Content-Encoding: gzip`` body is two gzip members (legal gzip: a server
    that compresses as it writes, flushing a member a block) was cut by httpx's decoder at the
    first member's end, the rest of the article dropped without a word; one whose gzip data
    end early (a body cut on its way) was stored as far as it went. The first is read whole;
    the second is said, and fetched again next round."""
    import gzip

    u = site.url
    path, html = page(1, site)
    data = html.encode()
    half = data.index(b"</p>") + 4
    site.add(path, gzip.compress(data[:half]) + gzip.compress(data[half:]),
             headers={"Content-Encoding": "gzip"})  # fmt: skip
    whole = gzip.compress(page(2, site)[1].encode())
    site.add("/news/2.html", whole[: len(whole) * 2 // 3], headers={"Content-Encoding": "gzip"})
    site.add("/feed.xml", rss2([("a", u(path), MAY), ("b", u("/news/2.html"), MAY)]))
    db = tmp_path / "n.db"
    report = follow_once(db, [u("/feed.xml")])
    assert [str(e) for e in report.problems()] == [
        f"{u('/news/2.html')}: its gzip body ends early (cut on its way)"
    ]
    with open_store(db) as store:
        (stored,) = store.get_articles()
    last = seed_page(SEEDS[1]).paragraphs[-1]
    assert stored.url == u(path) and last[-40:] in stored.text
    follow_once(db, [u("/feed.xml")])
    assert site.paths().count("/news/2.html") == 2


def test_a_sites_home_page_given_as_a_source_is_said_to_be_a_page_with_its_feeds(
    site: Site, tmp_path: Path
) -> None:
    """A site's home page given where its feed belongs (the address a user has at hand) had
    been "broken XML (<unknown>:...: mismatched tag)", or "not a feed, OPML or sitemap" when
    it was well-formed XHTML; it is said to be a page, with the feeds its head names. An
    empty answer (a CMS's failure) had been "broken XML (...: no element found)"."""
    u = site.url
    _, html = page(0, site)
    named = (
        '<link rel="alternate" type="application/rss+xml" title="News" href="/feed.xml">'
        '<link rel="alternate" type="application/atom+xml" href="https://example.org/atom">'
        '<link rel="alternate" hreflang="fr" href="/fr/">'
    )
    site.add("/home", html.replace("</head>", named + "</head>"))
    xhtml = '<?xml version="1.0"?>\n<html xmlns="http://www.w3.org/1999/xhtml"><body/></html>'
    site.add("/plain", "<!-- cached -->\n<!DOCTYPE html>\n<html><body><p>Home</p></body></html>")
    site.add("/xhtml", xhtml.replace('<?xml version="1.0"?>\n', ""))
    site.add("/empty.xml", " \r\n", content_type="application/rss+xml")  # (an empty answer too)
    sources = [u("/home"), u("/plain"), u("/xhtml"), u("/empty.xml")]
    report = follow_once(tmp_path / "n.db", sources)
    page_line = "an HTML page, not a feed this reads (RSS, Atom, OPML or a sitemap)"
    assert [str(e) for e in report.problems()] == [
        f"{u('/home')}: {page_line}; it names feeds: {u('/feed.xml')}, https://example.org/atom",
        f"{u('/plain')}: {page_line}",
        f"{u('/xhtml')}: {page_line}",
        f"{u('/empty.xml')}: an empty answer (no feed, OPML or sitemap in it)",
    ]


def test_an_endless_gzip_stream_is_refused_once_it_inflates_past_the_limit() -> None:
    """A server that sends gzipped zeros without end (a few bytes a megabyte): the body's
    coding is undone as it arrives, so the page is refused once it inflates past the size
    limit, in a moment, not read until the round's time limit ("not done after 20 s")."""
    import socket
    import threading
    import zlib

    def answer(conn: socket.socket) -> None:
        with conn:
            request = conn.recv(65536)
            if b" /robots.txt " in request:
                conn.sendall(b"HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n")
                return
            head = b"Content-Type: text/html\r\nContent-Encoding: gzip\r\nConnection: close"
            conn.sendall(b"HTTP/1.1 200 OK\r\n" + head + b"\r\n\r\n")
            zipper = zlib.compressobj(9, zlib.DEFLATED, 31)
            with contextlib.suppress(OSError):  # until the client hangs up
                while True:
                    conn.sendall(zipper.compress(bytes(1 << 20)) + zipper.flush(zlib.Z_SYNC_FLUSH))

    with socket.create_server(("127.0.0.1", 0)) as server:

        def serve() -> None:
            with contextlib.suppress(OSError):
                while True:
                    threading.Thread(target=answer, args=(server.accept()[0],)).start()

        threading.Thread(target=serve, daemon=True).start()
        url = f"http://127.0.0.1:{server.getsockname()[1]}/page.html"
        started = time.monotonic()
        with Fetcher(replace(FAST, deadline=20)) as fetcher, pytest.raises(FetchError) as err:
            fetcher.get(url)
    assert str(err.value) == f"{url}: larger than 5000000 bytes once decompressed"
    assert time.monotonic() - started < 10


def test_an_entry_url_whose_query_is_no_list_of_pairs_is_fetched_as_written(
    site: Site, tmp_path: Path
) -> None:
    """A Serendipity blog's address ("index.php?/archives/1-sochi.html") was fetched as
    "index.php?%2Farchives%2F1-sochi.html=" (the query re-encoded while tracking parameters
    were dropped): "HTTP 404", the article never read; a password in an entry's address was
    lowered with its host. Only the tracking parameters go now; the rest is as written."""
    import base64

    u = site.url
    blog = "/index.php?/archives/1-sochi.html"
    site.add(blog, news_page_html(replace(seed_page(SEEDS[1]), url=u(blog))))
    site.add("/index.php", "not found", status=404)
    private = u("/news/0.html").replace("//", "//desk:S3cret@", 1)
    site.add("/feed.xml", rss2([("a", u(blog + "&utm_source=rss"), MAY), ("b", private, MAY)]))
    report = follow_once(tmp_path / "n.db", [u("/feed.xml")])
    assert not report.problems() and report.new == 2
    (hit,) = [h for h in site.hits if h.path == "/news/0.html"]
    assert hit.headers["Authorization"] == "Basic " + base64.b64encode(b"desk:S3cret").decode()


def test_a_json_feed_and_a_redirect_to_an_invalid_url_are_said_in_words(
    site: Site, tmp_path: Path
) -> None:
    """A JSON Feed (jsonfeed.org) given as a source was "broken XML (<unknown>:2:0: not
    well-formed (invalid token))"; a redirect whose Location is no valid URL (100,000 letters
    long) a "network error: Invalid URL in location header", tried again every round."""
    u = site.url
    json_feed = '{"version": "https://jsonfeed.org/version/1.1", "items": [{"url": "%s"}]}'
    site.add("/feed.json", json_feed % u("/news/0.html"), content_type="application/feed+json")
    site.add("/moved.xml", "", status=302, headers={"Location": "/" + "a" * 100_000})
    report = follow_once(tmp_path / "n.db", [u("/feed.json"), u("/moved.xml")])
    assert [str(e) for e in report.problems()] == [
        f"{u('/feed.json')}: JSON, not a feed this reads (RSS, Atom, OPML or a sitemap)",
        f"{u('/moved.xml')}: redirect to a URL that is not valid (URL too long)",
    ]


def test_a_gzipped_sitemap_and_a_feed_or_page_gzipped_twice_are_read(
    site: Site, tmp_path: Path
) -> None:
    """A sitemap served as a .gz file (``application/x-gzip``, as sitemaps.org advises) had
    been "broken XML (<unknown>:2:0: not well-formed (invalid token))", and a feed or page
    gzipped twice under one ``Content-Encoding: gzip`` the same, or "binary file (not
    HTML)": their articles were never fetched. Each is read now; one inflating past the size
    limit is refused for good, in words."""
    import gzip
    import zlib

    u = site.url
    site.add("/sitemap.xml.gz", gzip.compress(sitemap([(u("/news/0.html"), None)]).encode()),
             content_type="application/x-gzip")  # fmt: skip
    site.add("/index.xml", sitemap_index([u("/sitemap.xml.gz")]), content_type="application/xml")
    gz = {"Content-Encoding": "gzip"}
    twice = gzip.compress(gzip.compress(rss2([("a", u("/news/1.html"), MAY)]).encode()))
    site.add("/twice.xml", twice, headers=gz, content_type="application/rss+xml")
    site.add("/twice.html", gzip.compress(gzip.compress(page(2, site)[1].encode())), headers=gz)
    bomb = zlib.compressobj(9, zlib.DEFLATED, 31)
    inflating = bomb.compress(b"<html><body><p>" + b" " * 200_000) + bomb.flush()
    site.add("/bomb.html", gzip.compress(inflating), headers=gz)
    site.add("/feed.xml", rss2([("b", u("/twice.html"), MAY), ("c", u("/bomb.html"), MAY)]))
    db = tmp_path / "n.db"
    sources = [u("/index.xml"), u("/twice.xml"), u("/feed.xml")]
    report = follow_once(db, sources, replace(FAST, max_bytes=100_000))
    assert report.new == 3
    assert [str(e) for e in report.problems()] == [
        f"{u('/bomb.html')}: larger than 100000 bytes once decompressed"
    ]
    with open_store(db) as store:
        stored = {a.url for a in store.get_articles()}
    assert stored == {u("/news/0.html"), u("/news/1.html"), u("/news/2.html")}  # its canonical


def test_a_feed_in_utf16_or_declaring_it_over_utf8_is_read(site: Site, tmp_path: Path) -> None:
    """A feed in UTF-16 with its byte-order mark (PowerShell's ``Out-File`` writes it so, the
    declaration left saying "utf-8", or none), and one whose declaration says "utf-16" over
    UTF-8 bytes (.NET's StringWriter writes it so), had been "broken XML (...: not
    well-formed (invalid token))": every entry lost, every round."""
    u = site.url
    feed = rss2([("Sochi talks", u("/news/0.html"), MAY)])
    site.add("/out-file.xml", feed.encode("utf-16"), content_type="application/rss+xml")
    bare = rss2([("Sochi talks", u("/news/1.html"), MAY)]).split("?>", 1)[1]
    site.add("/no-declaration.xml", bare.encode("utf-16"), content_type="application/rss+xml")
    declared = rss2([("Café", u("/news/2.html"), MAY)]).replace('"utf-8"', '"utf-16"')
    site.add("/declared.xml", declared.encode(), content_type="application/rss+xml")
    sitemapped = sitemap([(u("/news/3.html"), None)]).replace('"UTF-8"', '"utf-16"')
    site.add("/sitemap.xml", sitemapped.encode(), content_type="application/xml")
    db = tmp_path / "n.db"
    sources = ["/out-file.xml", "/no-declaration.xml", "/declared.xml", "/sitemap.xml"]
    report = follow_once(db, [u(s) for s in sources])
    assert not report.problems() and report.new == 4


def test_a_sitemap_or_opml_list_in_latin_1_that_says_utf_8_or_nothing_is_read(
    site: Site, tmp_path: Path
) -> None:
    """A sitemap in Latin-1 with no XML declaration (so UTF-8, XML's default), and an OPML
    list whose declaration says UTF-8 over Latin-1 ("Café" in a title), had been "broken XML
    (document declared as utf-8, but parsed as iso8859-15)": every page they list lost,
    every round. Read in the encoding their bytes are, as a feed reader reads such a feed."""
    u = site.url
    urlset = sitemap([(u("/news/0.html"), None), (u("/news/1.html"), None)])
    bare = urlset.split("?>", 1)[1].replace("</urlset>", "<!-- Café -->\n</urlset>")
    site.add("/sitemap.xml", bare.encode("latin-1"), content_type="application/xml")
    site.add("/feed.xml", rss2([("a", u("/news/2.html"), MAY)]))
    listing = opml([u("/feed.xml")]).replace('"1.0"?>', '"1.0" encoding="UTF-8"?>')
    listing = listing.replace("<title>subs</title>", "<title>Café</title>")
    site.add("/list.opml", listing.encode("latin-1"), content_type="text/x-opml")
    report = follow_once(tmp_path / "n.db", [u("/sitemap.xml"), u("/list.opml")])
    assert not report.problems() and report.new == 3


def test_a_sitemap_gz_of_several_members_is_read_whole(site: Site, tmp_path: Path) -> None:
    """A sitemap.xml.gz of two gzip members (``cat a.gz b.gz``, legal gzip: a sitemap
    written in parts and appended) had been cut to its first member: "broken XML (...
    no element found)", every article in it lost, every round; gzipped again by the server
    the same. Both are read whole now."""
    import gzip

    u = site.url
    xml = sitemap([(u("/news/0.html"), None), (u("/news/1.html"), None)]).encode()
    cut = xml.index(b"</url>") + len(b"</url>")
    two = gzip.compress(xml[:cut]) + gzip.compress(xml[cut:])
    site.add("/sitemap.xml.gz", two, content_type="application/x-gzip")
    xml2 = sitemap([(u("/news/2.html"), None)]).encode()
    again = gzip.compress(gzip.compress(xml2[:100]) + gzip.compress(xml2[100:]))
    site.add(
        "/again.xml.gz",
        again,
        headers={"Content-Encoding": "gzip"},
        content_type="application/x-gzip",
    )
    db = tmp_path / "n.db"
    report = follow_once(db, [u("/sitemap.xml.gz"), u("/again.xml.gz")], FAST)
    assert not report.problems() and report.new == 3

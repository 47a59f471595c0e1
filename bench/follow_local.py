"""Throughput of one ``follow`` round against a local site (real sockets on 127.0.0.1).

The site has N feeds (RSS 2.0) of M pages each; the pages are Multi-News validation documents
wrapped in the boilerplate of a real news site (tests/fixtures/news_pages.py), dated one minute
apart. The rate limit is lifted for loopback (``--rate``), so the figures are the follower's
own cost: HTTP, robots, extraction, cleaning, storing, then clustering and digests.

- full round: an empty SQLite store, every page new;
- no-change round: the same store, a new process state (new Fetcher): every feed answers 304
  to the stored validators and no page is fetched.

    .venv/bin/python bench/follow_local.py [--feeds 10] [--pages 20] [--facts]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT / "tests"))

from cluster_multinews import DEFAULT_CSV, read_docs  # noqa: E402
from fixtures.news_pages import Page, news_page_html  # noqa: E402
from follow_site import rss2, serving_site  # noqa: E402

from newsdigest.config import StoryConfig  # noqa: E402
from newsdigest.follow import Fetcher, Follower, Politeness  # noqa: E402
from newsdigest.store import open_store  # noqa: E402

START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--feeds", type=int, default=10)
    ap.add_argument("--pages", type=int, default=20)
    ap.add_argument("--rate", type=float, default=1e6, help="requests/s per host (loopback)")
    ap.add_argument("--facts", action="store_true", help="extract facts in the digests")
    args = ap.parse_args()
    docs = [d for d in read_docs(DEFAULT_CSV) if len(d[2].split()) >= 60]
    docs = docs[: args.feeds * args.pages]
    rows = []
    with serving_site() as site, tempfile.TemporaryDirectory() as tmp:
        site.add("/robots.txt", "User-agent: *\nAllow: /\n", content_type="text/plain")
        feeds = []
        for f in range(args.feeds):
            items = []
            for p in range(args.pages):
                n = f * args.pages + p
                if n >= len(docs):
                    break
                i, j, text = docs[n]
                paras = tuple(x.strip() for x in text.split("  ") if x.strip()) or (text,)
                when = START + timedelta(minutes=n)
                path = f"/f{f}/{i}-{j}.html"
                page = Page(
                    title=" ".join(text.split()[:10]),
                    paragraphs=paras,
                    url=site.url(path),
                    site=f"Outlet {f}",
                    published=when,
                )
                site.add(path, news_page_html(replace(page)))
                items.append(
                    (page.title, site.url(path), when.strftime("%a, %d %b %Y %H:%M:%S GMT"))
                )
            site.add(f"/f{f}.xml", rss2(items), content_type="application/rss+xml", validators=True)
            feeds.append(site.url(f"/f{f}.xml"))
        db = Path(tmp) / "news.db"
        config = StoryConfig(facts=args.facts)
        politeness = Politeness(rate=args.rate)
        for label in ("full round", "no-change round"):
            with open_store(db) as store, Fetcher(politeness) as fetcher:
                pages_done = [0.0]
                follower = Follower(
                    store,
                    feeds,
                    fetcher,
                    config,
                    on_progress=lambda *_, box=pages_done: box.__setitem__(0, time.perf_counter()),
                )
                hits = len(site.hits)
                t0 = time.perf_counter()
                report = follower.run_round()
                seconds = time.perf_counter() - t0
            requests = len(site.hits) - hits
            fetch_s = (pages_done[0] - t0) if pages_done[0] else seconds
            listed = args.feeds * args.pages
            rows.append((label, listed, report, requests, fetch_s, seconds))
            reasons: dict[str, int] = {}
            for err in report.problems():
                reasons[err.reason.split(" (")[0]] = reasons.get(err.reason.split(" (")[0], 0) + 1
            for why, n in sorted(reasons.items()):
                print(f"# {label}: {n} x {why}")
    print(f"{'round':<16} {'entries':>7} {'new':>5} {'304':>4} {'failed':>6} {'requests':>8} "
          f"{'stories':>7} {'fetch+store s':>13} {'round s':>8} {'entries/s':>9}")  # fmt: skip
    for label, listed, r, requests, fetch_s, seconds in rows:
        print(f"{label:<16} {listed:>7} {r.new:>5} {r.not_modified:>4} "
              f"{len(r.failed) + len(r.rejected) + len(r.page_errors):>6} {requests:>8} "
              f"{len(r.stories):>7} {fetch_s:>13.2f} {seconds:>8.2f} {listed / seconds:>9.1f}")  # fmt: skip


if __name__ == "__main__":
    main()

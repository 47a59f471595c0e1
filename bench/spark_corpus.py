"""WARC corpora for the Spark job's tests and benchmark, built from real article texts.

Every article is a real text (the five seed articles, and whole Multi-News clusters) published as
a full news page (``tests/fixtures/news_pages.py``: navigation, share widgets, comment form,
footer, scripts) inside CC-NEWS-style WARC files. On top of the originals the corpus carries what
a crawl really holds: a syndicated exact copy under another outlet's URL and boilerplate, a
near-duplicate rewrite, a non-HTML payload and an empty page, so the job's dedup and its
bad-record handling are exercised. Records are dealt round-robin over the files, so one story's
articles (and a duplicate and its original) sit in different files, i.e. different partitions.

Run as a script to write a corpus: ``python bench/spark_corpus.py OUT_DIR --clusters 40``.
"""

from __future__ import annotations

import argparse
import ast
import csv
import sys
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from fixtures.news_pages import (  # noqa: E402
    Page,
    WarcRecord,
    news_page_html,
    seed_page,
    write_warc,
)

SEEDS = ROOT / "examples" / "sochi-2019"
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"

# The seed cluster's real dates: Sochi on 14 May 2019; 003 is the Washington meeting of December.
SEED_DATES = {"003": datetime(2019, 12, 10, 18, 0, tzinfo=timezone.utc)}
SEED_DATE = datetime(2019, 5, 14, 16, 30, tzinfo=timezone.utc)
# Multi-News clusters carry no dates: cluster k is published 9 days after cluster k-1, so each is
# its own news week, well apart from the seeds and from each other.
MULTINEWS_START = datetime(2020, 1, 6, 8, 0, tzinfo=timezone.utc)
MULTINEWS_STEP = timedelta(days=9)


@dataclass(frozen=True)
class Corpus:
    """What was written: the WARC paths and how many records of each kind they hold."""

    paths: tuple[Path, ...]
    pages: int  # article pages, duplicates included
    exact_duplicates: int
    near_duplicates: int
    bad_records: int


def multinews_clusters(
    count: int, *, csv_path: Path = MULTINEWS, start: int = 0
) -> list[list[str]]:
    """The documents of ``count`` Multi-News clusters (rows ``start``...), as plain texts."""
    csv.field_size_limit(1 << 30)
    clusters: list[list[str]] = []
    with csv_path.open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if i < start:
                continue
            docs = [d for d in ast.literal_eval(row["documents"]) if len(d.split()) >= 60]
            if len(docs) >= 2:
                clusters.append(docs)
            if len(clusters) == count:
                break
    return clusters


def _text_page(text: str, url: str, site: str, published: datetime) -> Page:
    lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
    first = lines[0]
    title = first if len(first) < 120 and len(lines) > 1 else " ".join(first.split()[:10])
    body = lines[1:] if title == first else lines
    return Page(title=title, paragraphs=tuple(body), url=url, site=site, published=published)


def corpus_pages(clusters: int, *, with_seeds: bool = True) -> list[Page]:
    """The article pages: the seeds, then ``clusters`` Multi-News clusters, then duplicates."""
    pages: list[Page] = []
    if with_seeds:
        for path in sorted(SEEDS.glob("*.txt")):
            page = seed_page(path)
            slug = path.stem.split("_")[0]
            when = SEED_DATES.get(slug, SEED_DATE)
            # the address names the page's own day, as a news site's does ("/2019/12/10/")
            url = page.url.replace("/2019/05/14/", when.strftime("/%Y/%m/%d/"))
            pages.append(replace(page, published=when, url=url))
    for k, docs in enumerate(multinews_clusters(clusters)):
        day = MULTINEWS_START + k * MULTINEWS_STEP
        for j, text in enumerate(docs):
            pages.append(
                _text_page(
                    text,
                    url=f"https://outlet{j}.example.org/news/{k:04d}/{j}.html",
                    site=f"Outlet {j}",
                    published=day + timedelta(hours=3 * j),
                )
            )
    return pages


def duplicate_pages(pages: list[Page]) -> tuple[list[Page], list[Page]]:
    """A syndicated exact copy and a lightly edited near-duplicate of some originals."""
    exact, near = [], []
    for i, page in enumerate(pages):
        if i % 4 == 1:  # the same wire text, another outlet's page and boilerplate
            exact.append(
                replace(
                    page,
                    url=page.url.replace("https://", "https://syndicated.") + "?via=wire",
                    site="Wire Syndicate",
                    author="Wire Staff",
                )
            )
        if i % 4 == 3 and len(page.paragraphs) >= 3:  # a re-post with one paragraph dropped
            near.append(
                replace(
                    page,
                    paragraphs=page.paragraphs[:-1],
                    url=page.url.replace("https://", "https://repost.") + "?amp=1",
                    site="Repost Daily",
                    published=page.published + timedelta(hours=1) if page.published else None,
                )
            )
    return exact, near


def write_corpus(
    out_dir: Path, *, clusters: int, files: int = 2, with_seeds: bool = True
) -> Corpus:
    """Write the corpus as ``files`` gzipped WARCs under ``out_dir``; records dealt round-robin."""
    out_dir.mkdir(parents=True, exist_ok=True)
    originals = corpus_pages(clusters, with_seeds=with_seeds)
    exact, near = duplicate_pages(originals)
    records = [
        WarcRecord(
            url=p.url,
            payload=news_page_html(p).encode("utf-8"),
            date=(p.published or SEED_DATE).strftime("%Y-%m-%dT%H:%M:%SZ"),
        )
        for p in [*originals, *exact, *near]
    ]
    bad = [
        WarcRecord(
            url="https://cdn.example.com/logo.png",
            payload=b"\x89PNG\r\n\x1a\n" + bytes(64),
            content_type="image/png",
        ),
        WarcRecord(url="https://empty.example.com/story.html", payload=b""),
    ]
    records += bad
    buckets: list[list[WarcRecord]] = [[] for _ in range(files)]
    for i, rec in enumerate(records):
        buckets[i % files].append(rec)
    paths = []
    for n, bucket in enumerate(buckets):
        path = out_dir / f"CC-NEWS-{n:05d}.warc.gz"
        write_warc(path, bucket)
        paths.append(path)
    return Corpus(
        paths=tuple(paths),
        pages=len(originals) + len(exact) + len(near),
        exact_duplicates=len(exact),
        near_duplicates=len(near),
        bad_records=len(bad),
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out_dir", type=Path)
    parser.add_argument("--clusters", type=int, default=40, help="Multi-News clusters to add")
    parser.add_argument("--files", type=int, default=4, help="WARC files to spread records over")
    parser.add_argument("--no-seeds", action="store_true")
    args = parser.parse_args()
    corpus = write_corpus(
        args.out_dir, clusters=args.clusters, files=args.files, with_seeds=not args.no_seeds
    )
    print(
        f"{len(corpus.paths)} WARC files, {corpus.pages} article pages "
        f"({corpus.exact_duplicates} exact and {corpus.near_duplicates} near duplicates), "
        f"{corpus.bad_records} bad records -> {args.out_dir}"
    )


if __name__ == "__main__":
    main()

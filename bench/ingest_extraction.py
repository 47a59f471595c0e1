"""Which trafilatura setting to read news pages with, and what reading + cleaning costs.

Every page is a real article text (the five seeds and Multi-News documents) published inside the
boilerplate a real site adds (``tests/fixtures/news_pages.py``: navigation, breadcrumbs, share
widgets, an embedded tweet, related-story teasers, a comment form, cookie banner, footer,
scripts). The reference text of a page is ``clean_text`` of the article it was built from, so
the scores say how much of the article each extraction setting keeps and how much page debris
survives extraction and then cleaning.

    python bench/ingest_extraction.py [--docs 150]

Columns: paragraph recall (reference paragraphs found in the cleaned extraction), debris
markers per page (of the 17 widgets, comments and teasers planted) after extraction and after
cleaning, and CPU milliseconds per page (extraction alone, and the
whole reader: decode, extract, clean, detect language).
"""

from __future__ import annotations

import argparse
import ast
import csv
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "src"))

from fixtures.news_pages import (  # noqa: E402
    BOILERPLATE_MARKERS,
    Page,
    WarcRecord,
    div_soup_page_html,
    news_page_html,
    seed_page,
    write_warc,
)

from newsdigest.clean import clean_text  # noqa: E402
from newsdigest.ingest import iter_articles  # noqa: E402
from newsdigest.ingest.html import EXTRACTION_OPTIONS  # noqa: E402

SEEDS = ROOT / "examples" / "sochi-2019"
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"
DEBRIS = (*BOILERPLATE_MARKERS, "Share on Twitter", "Officials meet for talks", "@ExampleNews")
SETTINGS = {
    "default": {},
    "favor_precision": {"favor_precision": True},
    "favor_recall": {"favor_recall": True},
}


def _key(text: str) -> str:
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def load_pages(n_docs: int) -> list[tuple[Page, list[str]]]:
    """(page, reference paragraphs) for the seeds and the first ``n_docs`` Multi-News documents."""
    pages = []
    for path in sorted(SEEDS.glob("*.txt")):
        page = seed_page(path)
        pages.append((page, clean_text("\n\n".join(page.paragraphs), page.title).split("\n\n")))
    csv.field_size_limit(1 << 30)
    with MULTINEWS.open(encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    docs = [(r, d) for r, row in enumerate(rows) for d in ast.literal_eval(row["documents"])]
    for i, (row, doc) in enumerate(docs[:n_docs]):
        paras = clean_text(doc).split("\n\n")
        if len(" ".join(paras).split()) < 60:
            continue  # stubs ("This page is not available") are not articles
        if len(paras[0].split()) <= 15 and not paras[0].endswith("."):
            title, paras = paras[0], paras[1:]  # the document starts with its headline
        else:
            title = f"Story {row}-{i}"
        page = Page(
            title=title, paragraphs=tuple(paras), url=f"https://news.example.com/mn/{row}/{i}"
        )
        pages.append((page, paras))
    return pages


def score(
    pages: list[tuple[Page, list[str]]], options: dict[str, object], layout: str
) -> dict[str, float]:
    import trafilatura

    opts = {
        k: v for k, v in EXTRACTION_OPTIONS.items() if k not in ("favor_precision", "favor_recall")
    }
    opts.update(options)
    found = total = raw_debris = clean_debris = 0
    seconds = 0.0
    for page, reference in pages:
        html = news_page_html(page) if layout == "semantic" else div_soup_page_html(page)
        start = time.process_time()
        doc = trafilatura.bare_extraction(html, url=page.url, **opts)
        seconds += time.process_time() - start
        text = (doc.text if doc is not None else "") or ""
        cleaned = clean_text(text, doc.title if doc is not None else "")
        keys = _key(cleaned)
        found += sum(_key(p) in keys for p in reference)
        total += len(reference)
        raw_debris += sum(m in text for m in DEBRIS)
        clean_debris += sum(m in cleaned for m in DEBRIS)
    return {
        "recall": found / total,
        "raw_debris": raw_debris / len(pages),
        "clean_debris": clean_debris / len(pages),
        "ms_extract": 1000 * seconds / len(pages),
    }


def reader_speed(pages: list[tuple[Page, list[str]]]) -> dict[str, float]:
    """Pages per second through ``iter_articles`` (decode, extract, clean, language) for .html
    files, the same pages as CC-NEWS-style .warc.gz records, and their texts as .txt files."""
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        (root / "html").mkdir()
        (root / "txt").mkdir()
        for i, (page, _) in enumerate(pages):
            (root / "html" / f"{i:04d}.html").write_text(news_page_html(page), encoding="utf-8")
            (root / "txt" / f"{i:04d}.txt").write_text(
                page.title + "\n\n" + "\n\n".join(page.paragraphs), encoding="utf-8"
            )
        records = [WarcRecord(p.url, news_page_html(p).encode()) for p, _ in pages]
        write_warc(root / "crawl.warc.gz", records)
        list(iter_articles([root / "txt" / "0000.txt"]))  # load the language model once
        for label, target in (
            ("txt", root / "txt"),
            ("html", root / "html"),
            ("warc.gz", root / "crawl.warc.gz"),
        ):
            start = time.process_time()
            n = sum(1 for item in iter_articles([target]) if not isinstance(item, Exception))
            out[label] = n / (time.process_time() - start)
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--docs", type=int, default=150, help="Multi-News documents to use")
    args = parser.parse_args()
    pages = load_pages(args.docs)
    print(
        f"{len(pages)} pages (5 seeds + Multi-News documents), real-site boilerplate around each\n"
    )
    head = (
        f"{'layout':<9} {'setting':<16} {'para recall':>11} {'debris raw':>10} {'debris clean':>12}"
    )
    print(f"{head} {'ms/page':>8}")
    for layout in ("semantic", "div-soup"):
        for name, options in SETTINGS.items():
            s = score(pages, options, layout)
            print(
                f"{layout:<9} {name:<16} {s['recall']:>11.3f} {s['raw_debris']:>10.2f}"
                f" {s['clean_debris']:>12.2f} {s['ms_extract']:>8.1f}"
            )
    print(
        "\nreader throughput (decode + extract + clean + language), pages per CPU-second (one core):"
    )
    for label, rate in reader_speed(pages).items():
        print(f"  {label:<8} {rate:8.1f}")


if __name__ == "__main__":
    main()

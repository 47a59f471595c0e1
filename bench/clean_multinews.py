"""What cleaning removes from real crawled articles: the Multi-News validation sample.

Multi-News documents are article texts as a crawler extracted them from many outlets, debris
included. For every document the script cleans the text and lists each paragraph that cleaning
dropped (a paragraph counts as dropped when most of its words are gone; URLs and datelines removed
inside a kept paragraph do not count), so the drops can be reviewed by hand for lost sentences.

    python bench/clean_multinews.py [--show]
"""

from __future__ import annotations

import argparse
import ast
import csv
import re
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest.clean import clean_text, repair_unicode, split_paragraphs  # noqa: E402
from newsdigest.clean.rules import DATELINE, URL, fold  # noqa: E402

MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"


def dropped_paragraphs(doc: str, clean: str) -> list[str]:
    out = fold(clean)
    dropped = []
    for para in split_paragraphs(repair_unicode(doc)):
        key = fold(DATELINE.sub("", URL.sub("", para)))
        words = [w for w in re.findall(r"\w+", para.casefold()) if not w.startswith("http")]
        if key and key not in out and sum(fold(w) in out for w in words) < 0.8 * len(words):
            dropped.append(para)
    return dropped


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--show", action="store_true", help="print every dropped paragraph")
    args = parser.parse_args()
    csv.field_size_limit(1 << 30)
    with MULTINEWS.open(encoding="utf-8") as fh:
        docs = [d for row in csv.DictReader(fh) for d in ast.literal_eval(row["documents"])]
    start = time.process_time()
    cleaned = [clean_text(d) for d in docs]
    cpu = time.process_time() - start
    drops = [
        (i, p)
        for i, (d, c) in enumerate(zip(docs, cleaned, strict=True))
        if d
        for p in dropped_paragraphs(d, c)
    ]
    paragraphs = sum(len(split_paragraphs(repair_unicode(d))) for d in docs)
    chars_in = sum(len(d) for d in docs)
    chars_out = sum(len(c) for c in cleaned)
    print(f"documents          {len(docs)}")
    print(f"paragraphs         {paragraphs}")
    print(
        f"dropped paragraphs {len(drops)} ({len(drops) / paragraphs:.1%}) in {len({i for i, _ in drops})} documents"
    )
    print(f"characters         {chars_in} -> {chars_out} ({1 - chars_out / chars_in:.1%} removed)")
    print(f"clean_text         {1000 * cpu / len(docs):.1f} CPU ms per document")
    if args.show:
        for i, para in drops:
            print(f"{i:4d} | {para[:150]}")


if __name__ == "__main__":
    main()

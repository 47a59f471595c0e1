"""Build the clusterer's background document frequencies from NeuS train (not clustering data).

Every NeuS *train* document (a headline and its lead, three outlets per event, ~7,300 items) is
cleaned as ingest cleans it and counted as the clusterer counts a stream's articles
(``cluster.doc_freq_increment``: hashed content words of the text, hashed entity keys of the
title and lead), so a term's weight is known before the stream has seen it. Only the non-zero
slots are stored (slot indices and counts, and the number of documents) in a compressed npz:

    .venv/bin/python bench/idf_background.py [OUT.npz] [--neus PATH]

The val split stays out: it is an unseen check of the clusterer (``bench/neus_stream.py``).
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from neus_stream import NEUS, records  # noqa: E402

from newsdigest.clean import clean_article  # noqa: E402
from newsdigest.cluster import DocFreq, doc_freq_increment  # noqa: E402
from newsdigest.model import Article  # noqa: E402

DEFAULT_OUT = ROOT / "src" / "newsdigest" / "data" / "idf_background.npz"


def neus_articles(path: Path) -> list[Article]:
    """NeuS train documents as ingest keeps them (cleaned; empty ones left out)."""
    arts = (
        clean_article(Article(id=r["id"], title=r["title"], text=r["text"]))
        for r in records(path, "train")
    )
    return [a for a in arts if a.text.strip()]


def write_table(doc_freq: DocFreq, out: Path) -> int:
    """Store the non-zero slots of ``doc_freq``; returns how many there are."""
    slots = np.flatnonzero(doc_freq.counts).astype(np.int32)
    np.savez_compressed(
        out,
        slots=slots,
        counts=doc_freq.counts[slots].astype(np.int32),
        docs=np.int64(doc_freq.docs),
        size=np.int64(doc_freq.counts.size),
    )
    return int(slots.size)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path, nargs="?", default=DEFAULT_OUT)
    ap.add_argument("--neus", type=Path, default=NEUS)
    args = ap.parse_args()
    t0 = time.perf_counter()
    articles = neus_articles(args.neus)
    table = doc_freq_increment(articles)
    slots = write_table(table, args.out)
    print(
        f"{table.docs} documents, {slots} non-zero slots -> {args.out} "
        f"({args.out.stat().st_size / 1024:.0f} KB, {time.perf_counter() - t0:.0f} s)"
    )


if __name__ == "__main__":
    main()

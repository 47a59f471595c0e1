"""End-to-end digest time (read, clean, split, outliers, summarize, cite; facts off) against
sumy LexRank's time (split + summarize) on the same Multi-News clusters, in one run.

    python bench/e2e_vs_lexrank.py [--clusters 50]

Each cluster's documents are written as .txt files first (reading them is part of the digest's
time); systems alternate cluster by cluster, so machine load slows both alike.
"""

from __future__ import annotations

import argparse
import statistics
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path

from newsdigest import digest
from newsdigest.evaluate import Cluster, read_dataset, split_cluster
from newsdigest.summarize import get_summarizer
from newsdigest.summarize.base import Budget

ROOT = Path(__file__).resolve().parents[1]
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"


def warm_language_identifier() -> None:
    """Load py3langid's model, as a process digesting many clusters has: English is told at a
    glance, so the warm-up cluster may not have loaded it, and its one-time load (~0.1 s) would
    land in a timed cluster."""
    from newsdigest.clean.language import detect_language

    detect_language("Der Außenminister traf am Dienstag seinen Amtskollegen in Sotschi.")


def warm_tagger() -> None:
    """Load spaCy's tagger, which the summarizer asks about a short candidate with no verb it
    can tell by its words (``readability.reads_as_sentence``): once a process, like the
    language identifier; a cold process pays about a second for it once."""
    from newsdigest.readability import load_tagger

    load_tagger()


def cluster_folders(clusters: Sequence[Cluster], root: Path) -> list[Path]:
    """Each cluster's documents as .txt files in a folder of its own under ``root``."""
    folders = []
    for k, cluster in enumerate(clusters):
        folder = root / f"c{k}"
        folder.mkdir()
        for i, doc in enumerate(cluster.documents):
            (folder / f"{i}.txt").write_text(doc, encoding="utf-8")
        folders.append(folder)
    return folders


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clusters", type=int, default=50)
    ap.add_argument("--words", type=int, default=250)
    args = ap.parse_args()
    clusters = read_dataset(MULTINEWS)[0][: args.clusters]
    lexrank = get_summarizer("lexrank")
    ours: list[float] = []
    peer: list[float] = []
    with tempfile.TemporaryDirectory() as tmp:
        folders = cluster_folders(clusters, Path(tmp))
        digest([folders[0]], words=args.words, facts=False, on_error=lambda e: None)  # warm-up
        warm_language_identifier()
        warm_tagger()
        for cluster, folder in zip(clusters, folders, strict=True):
            started = time.perf_counter()
            digest([folder], words=args.words, facts=False, on_error=lambda e: None)
            ours.append(1000 * (time.perf_counter() - started))
            started = time.perf_counter()
            lexrank.summarize(split_cluster(cluster), Budget(words=args.words))
            peer.append(1000 * (time.perf_counter() - started))
    a, b = statistics.fmean(ours), statistics.fmean(peer)
    print("| system | ms/cluster (mean) | median |\n|---|---:|---:|")
    print(
        f"| newsdigest digest, facts off (end to end) | {a:.1f} | {statistics.median(ours):.1f} |"
    )
    print(f"| sumy LexRank (split + summarize) | {b:.1f} | {statistics.median(peer):.1f} |")
    print(f"\nLexRank / digest: {b / a:.1f}x ({len(clusters)} clusters)")


if __name__ == "__main__":
    main()

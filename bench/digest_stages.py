"""Where a facts-off digest of a Multi-News cluster spends its time, stage by stage.

Each cluster's documents are written as .txt files, then read and cleaned (``load_inputs``:
reading, cleaning, language) and digested (``build_story``'s own stage timer: split, outliers,
summarize, cite). Mean milliseconds per cluster; the cleaning and language identification
inside reading are timed separately.

    .venv/bin/python bench/digest_stages.py [--clusters 50]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from e2e_vs_lexrank import cluster_folders, warm_language_identifier, warm_tagger  # noqa: E402

import newsdigest.clean as clean  # noqa: E402
from newsdigest.config import StoryConfig  # noqa: E402
from newsdigest.evaluate import read_dataset  # noqa: E402
from newsdigest.pipeline import build_story, load_inputs  # noqa: E402

MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"


def timed(name: str, fn: Callable[..., Any], spent: dict[str, float]) -> Callable[..., Any]:
    def run(*args: Any, **kwargs: Any) -> Any:
        started = time.perf_counter()
        try:
            return fn(*args, **kwargs)
        finally:
            spent[name] = spent.get(name, 0.0) + time.perf_counter() - started

    return run


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--clusters", type=int, default=50)
    args = ap.parse_args()
    clusters = read_dataset(MULTINEWS)[0][: args.clusters]
    config = StoryConfig(words=250, facts=False)
    inside: dict[str, float] = {}
    for name in ("clean_text", "detect_language"):
        setattr(clean, name, timed(name, getattr(clean, name), inside))
    with tempfile.TemporaryDirectory() as tmp:
        folders = cluster_folders(clusters, Path(tmp))
        build_story(load_inputs([folders[0]], on_error=lambda e: None), config)  # warm-up
        warm_language_identifier()
        warm_tagger()  # as e2e_vs_lexrank does: its one-time load is no stage's cost
        inside.clear()
        stages: dict[str, list[float]] = {}
        reading = []
        for folder in folders:
            started = time.perf_counter()
            articles = load_inputs([folder], on_error=lambda e: None)
            reading.append(time.perf_counter() - started)
            build_story(articles, config, timings=stages)
    n = len(folders)
    print(f"| stage | ms per cluster (mean of {n}) |\n|---|---:|")
    print(f"| read + clean + language | {1000 * statistics.fmean(reading):.1f} |")
    for name, spent in inside.items():
        print(f"| &nbsp;&nbsp;of which {name} | {1000 * spent / n:.1f} |")
    for name, times in stages.items():
        print(f"| {name} | {1000 * statistics.fmean(times):.1f} |")


if __name__ == "__main__":
    main()

"""Where a facts-off digest of a Multi-News cluster spends its time, stage by stage.

Each cluster's documents are written as .txt files, then read and cleaned (``load_inputs``:
reading, cleaning, language) and digested (``build_story``'s own stage timer: split, outliers,
summarize, cite). Mean milliseconds per cluster; the cleaning and language identification
inside reading, and the summarizer's parts (the candidates' fitness checks, the feature
arrays around them, the greedy choice, the order and introductions, spaCy's tagger wherever it
is asked) are timed separately: the wrappers cost a little (~1 us a call).

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
import newsdigest.readability as readability  # noqa: E402
import newsdigest.summarize.coverage as coverage  # noqa: E402
from newsdigest.config import StoryConfig  # noqa: E402
from newsdigest.evaluate import read_dataset  # noqa: E402
from newsdigest.pipeline import build_story, load_inputs  # noqa: E402

MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"

# (module, function, label): the parts timed inside the stages, each inside the one above it
# that is in the same stage (a function called by its module's global name, so replacing the
# module's attribute times every call)
PARTS = (
    (clean, "clean_text", "read: of which clean_text"),
    (clean, "detect_language", "read: of which detect_language"),
    (coverage, "score_features", "summarize: of which score_features"),
    (coverage, "candidate_units", "summarize: &nbsp;&nbsp;of which candidate_units (fitness)"),
    (coverage, "choose", "summarize: of which choose (greedy)"),
    (coverage, "arrange", "summarize: of which arrange"),
    (coverage, "introduce_surnames", "summarize: of which introduce_surnames"),
    (readability, "_tagged", "summarize: of which spaCy's tagger (selection and title)"),
)


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
    for module, name, label in PARTS:
        setattr(module, name, timed(label, getattr(module, name), inside))
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
    for stage, times in [("read", []), *stages.items()]:
        if times:
            print(f"| {stage} | {1000 * statistics.fmean(times):.1f} |")
        for _, _, label in PARTS:
            if label.startswith(f"{stage}: ") and label in inside:
                part = label.removeprefix(f"{stage}: ")
                print(f"| &nbsp;&nbsp;{part} | {1000 * inside[label] / n:.2f} |")


if __name__ == "__main__":
    main()

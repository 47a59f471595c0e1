"""Time ``newsdigest digest`` on a cluster: cold (a fresh process each run) and warm (in-process).

    python bench/digest_seeds.py [PATH] [--runs 5]

Cold includes interpreter start, imports and model loading; warm is the per-call cost once the
process is up (what a server or a batch job pays).
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def cold(path: str, runs: int, facts: bool) -> list[float]:
    cmd = [sys.executable, "-m", "newsdigest", "digest", path]
    if not facts:
        cmd.append("--no-facts")
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - started)
    return times


def warm(path: str, runs: int, facts: bool) -> list[float]:
    import newsdigest

    newsdigest.digest([path], facts=facts)  # load everything once
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        newsdigest.digest([path], facts=facts)
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("path", nargs="?", default=str(ROOT / "examples" / "sochi-2019"))
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    print("| mode | facts | median s | min s | runs |\n| --- | --- | ---: | ---: | ---: |")
    for facts in (False, True):
        for mode, fn in (("cold (new process)", cold), ("warm (in process)", warm)):
            times = fn(args.path, args.runs, facts)
            print(
                f"| {mode} | {'yes' if facts else 'no'} | {statistics.median(times):.2f} "
                f"| {min(times):.2f} | {len(times)} |"
            )


if __name__ == "__main__":
    main()

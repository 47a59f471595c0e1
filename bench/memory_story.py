"""Peak memory and time of one big story's digest (facts off) against its number of articles.

    python bench/memory_story.py [--sizes 127,255,509,1260]

A story of N articles is built from the Multi-News validation sample's documents, cluster after
cluster (real news text; past the sample's 690 documents they repeat, each a distinct article).
Each size runs in a fresh process, so the peak resident set (``ru_maxrss``) is that digest's
own; "imports" is the same process's peak before the digest, the floor every size pays.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
MULTINEWS = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"

_CHILD = """
import json, resource, sys, time
from newsdigest.evaluate import read_dataset
from newsdigest.model import Article, article_id
from newsdigest.pipeline import build_story

n, path = int(sys.argv[1]), sys.argv[2]
docs = [d for c in read_dataset(path)[0] for d in c.documents]
articles = [
    Article(id=f"{article_id(docs[i % len(docs)])}-{i}", text=docs[i % len(docs)], source=f"s{i}")
    for i in range(n)
]
floor = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
story = build_story(articles, with_facts=False)
seconds = time.perf_counter() - started
peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
units = sum(len(s) for s in story.sentences.values())
print(json.dumps({"floor": floor, "peak": peak, "s": seconds, "sentences": units,
                  "summary": len(story.summary)}))
"""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", default="127,255,509,1260")
    ap.add_argument("--dataset", default=str(MULTINEWS))
    args = ap.parse_args()
    print("| articles | sentences | imports MiB | peak MiB | digest MiB | digest s |")
    print("|---:|---:|---:|---:|---:|---:|")
    for n in (int(x) for x in args.sizes.split(",")):
        done = subprocess.run(
            [sys.executable, "-c", _CHILD, str(n), args.dataset],
            capture_output=True,
            text=True,
            env={"PYTHONPATH": str(ROOT / "src"), "PATH": "/usr/bin:/bin"},
        )
        if done.returncode != 0:
            tail = (done.stderr.strip().splitlines() or ["?"])[-1]
            print(f"| {n} | - | - | - | failed: {tail} | - |")
            continue
        r = json.loads(done.stdout)
        floor, peak = r["floor"] / 1024, r["peak"] / 1024
        print(
            f"| {n} | {r['sentences']:,} | {floor:.0f} | {peak:.0f} | {peak - floor:.0f} "
            f"| {r['s']:.1f} |"
        )


if __name__ == "__main__":
    main()

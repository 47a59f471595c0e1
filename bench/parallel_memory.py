"""Memory of spaCy's worker processes (``newsdigest.parallel``): RSS, PSS and private (USS) memory of
this process and of each worker (``/proc/PID/smaps_rollup``, MB) after the pool starts and after
the dev stream's articles are parsed through it (all at once, as one batch), a few times\nover (a server's workers live long).

    NEWSDIGEST_WORKERS=3 PYTHONPATH=src python bench/parallel_memory.py [--rows N] [--rounds N]
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

from newsdigest import parallel
from newsdigest.facts.ner import DEFAULT_MODEL, parse_articles
from newsdigest.model import Article

STREAM = Path("/work/shared/data/streams/giveme5w1h_events.jsonl")


def memory(pid: int) -> dict[str, float]:
    """RSS, PSS and private memory of ``pid`` in MB."""
    fields: dict[str, float] = {}
    with open(f"/proc/{pid}/smaps_rollup", encoding="ascii") as fh:
        for line in fh:
            parts = line.split()
            if len(parts) == 3 and parts[2] == "kB":
                fields[parts[0].rstrip(":")] = int(parts[1]) / 1024
    private = fields["Private_Clean"] + fields["Private_Dirty"]
    return {"rss": fields["Rss"], "pss": fields["Pss"], "uss": private}


def table(stage: str, pids: list[int]) -> None:
    for k, pid in enumerate(pids):
        m = memory(pid)
        who = "this process" if k == 0 else f"worker {k}"
        print(f"{stage:<16} {who:<13} {m['rss']:>7.0f} {m['pss']:>7.0f} {m['uss']:>7.0f}")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--rows", type=int, default=383)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with STREAM.open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line, _ in zip(fh, range(args.rows), strict=False)]
    articles = [Article(id=r["id"], title=r["title"], text=r["text"]) for r in rows]
    print(f"{'stage':<16} {'process':<13} {'RSS MB':>7} {'PSS MB':>7} {'USS MB':>7}")
    assert parallel.start_workers(DEFAULT_MODEL), "no pool: set NEWSDIGEST_WORKERS >= 2"
    pool = parallel._executor(parallel.worker_count() - 1)
    pids = [os.getpid(), *sorted(p.pid for p in pool._processes.values())]
    table("pool started", pids)
    for round_ in range(1, args.rounds + 1):
        parse_articles(articles)
        table(f"{len(articles)} parsed x{round_}", pids)


if __name__ == "__main__":
    main()

"""The stream replay through the Python API alone, in this process, timed: the issue-10 figure
for ``serve``'s intake and ``follow`` (one long-running process), without the CLI replay and
the peers that ``stream_replay.py --api`` runs around it.

    .venv/bin/python bench/api_replay.py [STREAM.jsonl] [--no-facts] [--dump FILE]
    PYTHONPATH=OTHER_TREE/src .venv/bin/python bench/api_replay.py   # another commit's code

Prints one JSON line: articles/s (wall), the main process's CPU seconds and its workers' (the
worker processes are shut down first, so their CPU is counted), and the stories listed. Two
commits are compared by alternating runs of each in fresh processes and taking medians: this
machine's speed drifts within minutes.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from stream_replay import read_stream, replay_api, weekly_batches  # noqa: E402

STREAM = Path(__file__).resolve().parents[2] / "shared" / "data" / "streams"
STREAM = STREAM / "giveme5w1h_events.jsonl"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("stream", type=Path, nargs="?", default=STREAM)
    ap.add_argument("--no-facts", action="store_true")
    ap.add_argument("--dump", type=Path, help="write the stories listed at the end as JSON")
    args = ap.parse_args()
    rows = read_stream(args.stream)
    batches = weekly_batches(rows)
    with tempfile.TemporaryDirectory() as tmp:
        cpu_start = time.process_time()
        stories, seconds = replay_api(batches, Path(tmp), not args.no_facts)
        cpu = time.process_time() - cpu_start
        from newsdigest import parallel

        if parallel._forked_pool.cache_info().currsize:  # count the workers' CPU: end them
            parallel._forked_pool(1, os.getpid()).shutdown(wait=True)
        children = resource.getrusage(resource.RUSAGE_CHILDREN)
        if args.dump:
            text = json.dumps(stories, indent=1, sort_keys=True).replace(tmp, "TMP")
            args.dump.write_text(text, encoding="utf-8")
    import newsdigest

    print(
        json.dumps(
            {
                "code": str(Path(newsdigest.__file__).parent),
                "articles_per_s": round(len(rows) / seconds, 2),
                "seconds": round(seconds, 2),
                "main_cpu_s": round(cpu, 2),
                "worker_cpu_s": round(children.ru_utime + children.ru_stime, 2),
                "stories": len(stories),
            }
        )
    )


if __name__ == "__main__":
    main()

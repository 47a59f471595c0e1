"""Throughput of ``newsdigest ingest`` + ``newsdigest stories`` as history grows from 1x to 4x.

Batch 1 is every document of the Multi-News validation sample (shuffled, url
``multinews/<row>/<doc>``); batches 2-4 are the same documents re-worded (every 6th word
altered, so no copy is an exact or near duplicate of an earlier one: its 5-shingle Jaccard with
the original is about 0.1) under new URLs. Each batch runs through the real CLI into one SQLite
file, so batch k is timed with (k-1) x N articles already stored: the time per batch should not
grow with that history.

Two streams:
- dated: each batch is published a week after the previous one (beyond the 3-day window), as a
  daily news stream is; old stories are closed and never loaded again, ``stories --since``
  prints the new ones.
- undated (Multi-News has no dates): every story stays open, so a batch is compared with every
  story so far (the cost grows with the number of stories, not articles) and ``stories``
  prints all of them.

    .venv/bin/python bench/ingest_throughput.py [--batches 4] [--facts] [--mode dated|undated|both]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import sys
import tempfile
from datetime import datetime, timedelta, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "bench"))

from cluster_multinews import DEFAULT_CSV, newsdigest, read_docs  # noqa: E402

START = datetime(2024, 1, 1, tzinfo=timezone.utc)


def reword(text: str, batch: int) -> str:
    """Alter every 6th word (batch-specific): same story, but no 5-shingle survives in most."""
    if batch == 1:
        return text
    words = text.split(" ")
    suffix = "xyzw"[batch % 4]
    return " ".join(w + suffix if k % 6 == batch % 6 and w else w for k, w in enumerate(words))


def write_batch(
    docs: list[tuple[int, int, str]], batch: int, dated: bool, path: Path
) -> datetime | None:
    """The batch as JSON Lines; dated batches spread over one day, a week after the last."""
    day = START + timedelta(days=7 * (batch - 1)) if dated else None
    with path.open("w", encoding="utf-8") as fh:
        for n, (i, j, text) in enumerate(docs):
            record: dict[str, str] = {
                "url": f"multinews/{i}/{j}" + (f"/copy{batch}" if batch > 1 else ""),
                "text": reword(text, batch),
            }
            if day is not None:
                record["published"] = (day + timedelta(seconds=60 * n)).isoformat()
            fh.write(json.dumps(record) + "\n")
    return day


def timed(*args: str) -> tuple[str, float, float]:
    """The CLI's stdout, wall seconds and CPU seconds (user + system of the child process):
    on a shared machine the CPU time is the steadier figure."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    out, _, wall = newsdigest(*args)
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return out, wall, cpu


def run(docs: list[tuple[int, int, str]], batches: int, dated: bool, facts: bool) -> None:
    mode = "dated" if dated else "undated"
    print(
        f"\n{mode}: batch | history before | stored | stories out | ingest s (cpu) | "
        "stories s (cpu) | total s (cpu) | articles/s wall (cpu) | load 1 min"
    )
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "news.db")
        history = 0
        for batch in range(1, batches + 1):
            src = Path(tmp) / f"batch{batch}.jsonl"
            day = write_batch(docs, batch, dated, src)
            out, ingest_s, ingest_cpu = timed("ingest", str(src), "--db", db)
            line = out.strip().splitlines()[-1]
            stored = int(line.split("stored ")[1].split(",")[0])
            since = ["--since", day.date().isoformat()] if day else []
            flags = [] if facts else ["--no-facts"]
            out, stories_s, stories_cpu = timed(
                "stories", "--db", db, "--format", "json", *since, *flags
            )
            wall, cpu = ingest_s + stories_s, ingest_cpu + stories_cpu
            print(
                f"{mode}: {batch} | {history} | {stored} | {len(json.loads(out))} | "
                f"{ingest_s:.1f} ({ingest_cpu:.1f}) | {stories_s:.1f} ({stories_cpu:.1f}) | "
                f"{wall:.1f} ({cpu:.1f}) | {len(docs) / wall:.1f} ({len(docs) / cpu:.1f}) | "
                f"{os.getloadavg()[0]:.1f}",
                flush=True,
            )
            history += stored


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--batches", type=int, default=4)
    ap.add_argument("--facts", action="store_true", help="stories with facts (spaCy), slower")
    ap.add_argument("--mode", choices=["dated", "undated", "both"], default="both")
    args = ap.parse_args()
    docs = read_docs(args.csv)
    random.Random(0).shuffle(docs)
    print(
        f"{args.csv.name}: {len(docs)} documents per batch; facts {'on' if args.facts else 'off'}"
    )
    for dated in (True, False):
        if args.mode in ("both", "dated" if dated else "undated"):
            run(docs, args.batches, dated, args.facts)


if __name__ == "__main__":
    main()

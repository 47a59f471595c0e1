"""Print digests (with facts) of dev-stream events, for a person to read.

The events of the labelled stream, largest first, are numbered from 0; each one given is
digested from its first ``--articles`` articles (title, text, date, outlet) and printed as
``newsdigest digest`` prints text. Data nothing here was fitted on for summaries or facts.

    .venv/bin/python bench/read_digests.py 0 5 8 [--articles 8] [--stream PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest import digest  # noqa: E402
from newsdigest.render import render_text  # noqa: E402

STREAM = ROOT.parent / "shared" / "data" / "streams" / "giveme5w1h_events.jsonl"
KEEP = ("url", "title", "text", "published", "source")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("events", type=int, nargs="+", help="event numbers (0: the largest)")
    ap.add_argument("--articles", type=int, default=8)
    ap.add_argument("--stream", type=Path, default=STREAM)
    args = ap.parse_args()
    by_event: dict[str, list[dict]] = defaultdict(list)
    for line in args.stream.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_event[row["label"]].append(row)
    events = sorted(by_event, key=lambda e: -len(by_event[e]))  # ties: first seen first
    with tempfile.TemporaryDirectory() as tmp:
        for k in args.events:
            rows = by_event[events[k]][: args.articles]
            path = Path(tmp) / f"event{k}.jsonl"
            path.write_text(
                "".join(json.dumps({f: r[f] for f in KEEP if r.get(f)}) + "\n" for r in rows),
                encoding="utf-8",
            )
            story = digest([path], on_error=lambda e: None)
            print(f"{'=' * 30} event {k} ({events[k]}, {len(by_event[events[k]])} articles)")
            print(render_text(story))


if __name__ == "__main__":
    main()

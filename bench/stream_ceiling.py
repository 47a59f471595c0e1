"""The best B-cubed F1 a clusterer that closes quiet stories can reach on a labelled stream.

Each gold event is cut wherever it goes quiet for longer than q days (as a story closes after
its quiet period), and that cut is scored against the uncut labels: precision stays 1, recall
falls by what the time rule cannot join. Run on the dev stream as ingest keeps it.

    .venv/bin/python bench/stream_ceiling.py [--days 7 14 30 60 90 180 365]
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from datetime import timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from fit_event_model import Stream, bcubed_of, dev_stream  # noqa: E402


def cut_at_quiet_gaps(stream: Stream, days: float) -> dict[str, str]:
    """Article id → its gold event, numbered anew after every gap longer than ``days``."""
    by_event = defaultdict(list)
    for article in stream.articles():
        by_event[stream.label[article.id]].append(article)
    members: dict[str, str] = {}
    for event, articles in by_event.items():
        dated = sorted(articles, key=lambda a: (a.published is None, a.published or 0))
        segment, last = 0, None
        for a in dated:
            if a.published and last and a.published - last > timedelta(days=days):
                segment += 1
            last = a.published or last
            members[a.id] = f"{event}#{segment}"
    return members


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--days", type=float, nargs="+", default=[7, 14, 30, 60, 90, 180, 365])
    args = ap.parse_args()
    stream = dev_stream()
    print("| quiet days | ceiling P | R | F1 | stories |\n|---|---|---|---|---|")
    for days in args.days:
        members = cut_at_quiet_gaps(stream, days)
        p, r, f1, n = bcubed_of(members, stream.label, list(members))
        print(f"| {days:g} | {p:.3f} | {r:.3f} | {f1:.3f} | {n} |")


if __name__ == "__main__":
    main()

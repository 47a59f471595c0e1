"""Write every reader-facing output of the development sets to one JSON file, or compare two.

    .venv/bin/python bench/output_hashes.py write OUT.json [--jobs 2]
    .venv/bin/python bench/output_hashes.py compare BASE.json NEW.json [--show 5]

A change that should leave digests alone is checked by writing the outputs before and after
(or under two ``PYTHONHASHSEED`` values, for determinism) and comparing; a change that should
improve them lists the outputs it changed, for a person to read. The outputs (630): the default
summarizer's protocol summaries of the Multi-News sample at 250 and 100 words, NeuS val's first
60 triples at 60 words, the digests with facts of each dev-stream event's first 8 articles
(rendered as ``newsdigest digest`` prints text), and the seed digest.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data"
MULTINEWS = DATA / "multinews" / "sample_validation250.csv"
NEUS = DATA / "neus" / "neus_trainval.jsonl"
STREAM = DATA / "streams" / "giveme5w1h_events.jsonl"
SEEDS = ROOT / "examples" / "sochi-2019"
KEEP = ("url", "title", "text", "published", "source")


def protocol_outputs() -> dict[str, str]:
    from newsdigest.evaluate import Cluster, iter_dataset, run_eval

    out: dict[str, str] = {}
    multinews = [c for c in iter_dataset(MULTINEWS) if isinstance(c, Cluster)]
    for words in (250, 100):
        (result,) = run_eval(multinews, ["default"], words=words)
        for i, summary in enumerate(result.summaries):
            out[f"mn{words}/{i}"] = "\n".join(summary)
    neus = [c for c in iter_dataset(NEUS, "val") if isinstance(c, Cluster)][:60]
    (result,) = run_eval(neus, ["default"], words=60)
    for i, summary in enumerate(result.summaries):
        out[f"neus60/{i}"] = "\n".join(summary)
    return out


def digest_outputs() -> dict[str, str]:
    from newsdigest import digest
    from newsdigest.render import render_text

    by_event: dict[str, list[dict]] = defaultdict(list)
    for line in STREAM.read_text(encoding="utf-8").splitlines():
        if line.strip():
            row = json.loads(line)
            by_event[row["label"]].append(row)
    events = sorted(by_event, key=lambda e: -len(by_event[e]))  # as read_digests.py numbers them
    out: dict[str, str] = {}
    with tempfile.TemporaryDirectory() as tmp:
        for k, event in enumerate(events):
            path = Path(tmp) / f"event{k}.jsonl"
            path.write_text(
                "".join(
                    json.dumps({f: r[f] for f in KEEP if r.get(f)}) + "\n"
                    for r in by_event[event][:8]
                ),
                encoding="utf-8",
            )
            out[f"dev/{k}"] = render_text(digest([path], on_error=lambda e: None))
    out["seeds"] = render_text(digest(sorted(SEEDS.glob("*.txt"))))
    return out


def compare(base: dict[str, str], new: dict[str, str], show: int) -> int:
    differ = [k for k in base if base[k] != new.get(k)]
    extra = [k for k in new if k not in base]
    print(
        f"{len(base)} outputs in base, {len(new)} new: {len(differ)} differ, {len(extra)} only new"
    )
    for k in differ[:show]:
        print(f"===== {k}\n--- base\n{base[k]}\n--- new\n{new.get(k)}")
    if len(differ) > show:
        print("differ:", " ".join(differ))
    return 1 if differ or extra else 0


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    w = sub.add_parser("write")
    w.add_argument("out", type=Path)
    c = sub.add_parser("compare")
    c.add_argument("base", type=Path)
    c.add_argument("new", type=Path)
    c.add_argument("--show", type=int, default=5, help="print this many differing outputs whole")
    args = ap.parse_args()
    if args.cmd == "compare":
        return compare(
            json.loads(args.base.read_text(encoding="utf-8")),
            json.loads(args.new.read_text(encoding="utf-8")),
            args.show,
        )
    outputs = {**protocol_outputs(), **digest_outputs()}
    args.out.write_text(json.dumps(outputs, ensure_ascii=False, indent=0), encoding="utf-8")
    print(f"{len(outputs)} outputs written to {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

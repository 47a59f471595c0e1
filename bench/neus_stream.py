"""NeuS clusters as an event-labelled stream, for clustering on data no link model was fitted on.

Each NeuS cluster (three outlets' title and lead about one event, ``../shared/data/neus/``) is an
event; its documents become undated records (url ``neus/<cluster>/<doc>``, title, text, label),
shuffled with a fixed seed, in the JSON Lines form ``bench/stream_replay.py`` reads:

    .venv/bin/python bench/neus_stream.py /tmp/neus_val.jsonl [--split val] [--seed 0]
    .venv/bin/python bench/stream_replay.py /tmp/neus_val.jsonl --facts off --stories 5

Short texts (a headline and one or two sentences) from outlets of opposite leanings that word
one event differently: a harder test of the link model than whole articles.
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
NEUS = ROOT.parent / "shared" / "data" / "neus" / "neus_trainval.jsonl"


def records(path: Path, split: str) -> list[dict[str, str]]:
    """One record per document of the split's clusters: the first line is the headline (NeuS
    adds a final period to it, dropped here), the rest the lead."""
    out = []
    for line in path.read_text(encoding="utf-8").splitlines():
        cluster = json.loads(line)
        if split != "all" and cluster["split"] != split:
            continue
        for k, doc in enumerate(cluster["docs"]):
            title, _, lead = doc.partition("\n")
            title = title[:-1] if title.endswith(".") else title
            out.append(
                {
                    "id": f"{cluster['id']}-{k}",
                    "url": f"neus/{cluster['id']}/{k}",
                    "title": title.strip(),
                    "text": lead.strip(),
                    "label": cluster["id"],
                }
            )
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("out", type=Path)
    ap.add_argument("--neus", type=Path, default=NEUS)
    ap.add_argument("--split", choices=("train", "val", "all"), default="val")
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rows = records(args.neus, args.split)
    random.Random(args.seed).shuffle(rows)
    with args.out.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps(row) + "\n")
    print(f"{len(rows)} documents of {len({r['label'] for r in rows})} events -> {args.out}")


if __name__ == "__main__":
    main()

"""Whether spaCy shared among processes (``newsdigest.parallel``) gives the Docs one process gives,
over real documents: every article's DocBin from ``parse_articles`` (whole texts, and texts cut
into pieces smaller than the facts chunk) and the clusterer's entity keys (``features_of``), with
``NEWSDIGEST_WORKERS=2`` and ``1`` in the same process. Prints one row per set.

    PYTHONPATH=src python bench/parallel_same.py [--multinews ROWS] [--neus N]
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import time
from pathlib import Path

from newsdigest import parallel
from newsdigest.analysis import doc_to_bytes
from newsdigest.event_model import features_of
from newsdigest.facts.ner import parse_articles
from newsdigest.model import Article

DATA = Path("/work/shared/data")


def stream() -> list[Article]:
    with (DATA / "streams" / "giveme5w1h_events.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    return [Article(id=r["id"], title=r["title"], text=r["text"]) for r in rows]


def multinews(rows: int) -> list[Article]:
    csv.field_size_limit(1 << 30)
    with (DATA / "multinews" / "sample_validation250.csv").open(newline="", encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))[:rows]
    return [
        Article(id=f"mn-{i}-{j}", text=d)
        for i, row in enumerate(table)
        for j, d in enumerate(ast.literal_eval(row["documents"]))
    ]


def neus(n: int) -> list[Article]:
    with (DATA / "neus" / "neus_trainval.jsonl").open(encoding="utf-8") as fh:
        rows = [json.loads(line) for line, _ in zip(fh, range(n), strict=False)]
    return [
        Article(id=f"neus-{r['id']}-{j}", title=d.split("\n", 1)[0], text=d)
        for r in rows
        for j, d in enumerate(r["docs"])
    ]


def analyses(articles: list[Article], max_chars: int) -> tuple[list[bytes], list[object]]:
    docs = parse_articles(articles, max_chars=max_chars)
    return [doc_to_bytes(d) for d in docs], [f.entities for f in features_of(articles)]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--multinews", type=int, default=40)
    parser.add_argument("--neus", type=int, default=100)
    args = parser.parse_args()
    sets = {
        "dev stream": stream(),
        f"Multi-News {args.multinews} rows": multinews(args.multinews),
        f"NeuS {args.neus} events": neus(args.neus),
    }
    print(
        f"{'set':<22} {'docs':>5} {'chars':>10} {'pieces':>8} {'same':>6} {'keys':>6} "
        f"{'2 proc s':>9} {'1 proc s':>9}"
    )
    for name, articles in sets.items():
        chars = sum(len(a.text) for a in articles)
        for max_chars in (100_000, 3_000):
            os.environ["NEWSDIGEST_WORKERS"] = "2"
            t0 = time.perf_counter()
            shared = analyses(articles, max_chars)
            t1 = time.perf_counter()
            assert parallel._executor.cache_info().currsize == 1, "no pool ran"
            os.environ["NEWSDIGEST_WORKERS"] = "1"
            alone = analyses(articles, max_chars)
            t2 = time.perf_counter()
            differ = sum(a != b for a, b in zip(shared[0], alone[0], strict=True))
            print(
                f"{name:<22} {len(articles):>5} {chars:>10,} {max_chars:>8,} "
                f"{len(articles) - differ:>6} {str(shared[1] == alone[1]):>6} "
                f"{t1 - t0:>9.1f} {t2 - t1:>9.1f}",
                flush=True,
            )


if __name__ == "__main__":
    main()

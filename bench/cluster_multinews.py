"""Clustering quality on Multi-News: every document of the sample as its own article, shuffled.

Writes a JSON Lines file (url ``multinews/<row>/<doc>``), runs the real ``ingest`` and
clustering into a fresh SQLite store, and scores the stories against the true clusters with
B-cubed precision/recall/F1 and the adjusted Rand index. In the same run: HDBSCAN
(scikit-learn) on the same article vectors, the threshold chosen by 5-fold cross-validation
over clusters, and two ceilings that say what no text-based method can get right on this data.

    .venv/bin/python bench/cluster_multinews.py [--csv PATH] [--seed 0] [--digest]
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import random
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest.cluster import ClusterParams, DocFreq, article_vectors, cluster_stream  # noqa: E402
from newsdigest.model import Article, article_id  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"
THRESHOLDS = [round(x, 3) for x in np.arange(0.10, 0.425, 0.025)]
NAME_WEIGHTS = [0.0, 0.15, 0.3, 0.45]


def read_docs(path: Path) -> list[tuple[int, int, str]]:
    csv.field_size_limit(1 << 30)
    with path.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    return [
        (i, j, doc)
        for i, row in enumerate(rows)
        for j, doc in enumerate(ast.literal_eval(row["documents"]))
    ]


def write_jsonl(docs: list[tuple[int, int, str]], path: Path) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i, j, text in docs:
            fh.write(json.dumps({"url": f"multinews/{i}/{j}", "text": text}) + "\n")


def bcubed(pred: list[object], true: list[object]) -> tuple[float, float, float]:
    pairs = Counter(zip(pred, true, strict=True))
    by_pred, by_true = Counter(pred), Counter(true)
    p = float(np.mean([pairs[(a, b)] / by_pred[a] for a, b in zip(pred, true, strict=True)]))
    r = float(np.mean([pairs[(a, b)] / by_true[b] for a, b in zip(pred, true, strict=True)]))
    return p, r, 2 * p * r / (p + r)


def scores(pred: list[object], true: list[object]) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score

    p, r, f = bcubed(pred, true)
    return {"P": p, "R": r, "F1": f, "ARI": float(adjusted_rand_score(true, pred))}


def as_articles(docs: list[tuple[int, int, str]]) -> list[Article]:
    return [
        Article(id=article_id(t) + f"-{i}-{j}", text=t, url=f"multinews/{i}/{j}")
        for i, j, t in docs
    ]


def in_memory(docs: list[tuple[int, int, str]], params: ClusterParams) -> list[object]:
    """Stream clustering without the store (for the parameter search), batches of 500."""
    arts = as_articles(docs)
    members = cluster_stream([arts[k : k + 500] for k in range(0, len(arts), 500)], params)
    return [members[a.id] for a in arts]


def choose(docs: list[tuple[int, int, str]]) -> tuple[ClusterParams, float]:
    best = (-1.0, ClusterParams())
    truth = [d[0] for d in docs]
    for w in NAME_WEIGHTS:
        for t in THRESHOLDS:
            params = ClusterParams(threshold=t, name_weight=w)
            f1 = bcubed(in_memory(docs, params), truth)[2]
            best = max(best, (f1, params), key=lambda x: x[0])
    return best[1], best[0]


def cross_validate(docs: list[tuple[int, int, str]], folds: int = 5) -> list[dict[str, object]]:
    clusters = sorted({d[0] for d in docs})
    random.Random(1).shuffle(clusters)
    out = []
    for f in range(folds):
        held = set(clusters[f::folds])
        train = [d for d in docs if d[0] not in held]
        test = [d for d in docs if d[0] in held]
        params, train_f1 = choose(train)
        s = scores(in_memory(test, params), [d[0] for d in test])
        out.append(
            {
                "fold": f,
                "threshold": params.threshold,
                "name_weight": params.name_weight,
                "train_F1": train_f1,
                **s,
            }
        )
    return out


def hdbscan_peer(docs: list[tuple[int, int, str]], params: ClusterParams) -> list[object]:
    """HDBSCAN on the very vectors our clusterer sees (cosine distance), noise = singletons."""
    from sklearn.cluster import HDBSCAN

    arts = as_articles(docs)
    vectors = article_vectors(arts, DocFreq(), params)
    dist = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, 2.0)
    labels = HDBSCAN(
        min_cluster_size=2, min_samples=1, metric="precomputed", copy=True
    ).fit_predict(dist)
    return [int(x) if x >= 0 else f"noise-{k}" for k, x in enumerate(labels)]


def run_store(docs, params, work: Path, digest: bool) -> tuple[dict[str, object], dict[str, float]]:
    from newsdigest.store.sqlite import SqliteStore
    from newsdigest.stories import build_stories, cluster_pending, ingest

    src = work / "multinews.jsonl"
    write_jsonl(docs, src)
    timing: dict[str, float] = {}
    with SqliteStore(work / "news.db") as store:
        t = time.perf_counter()
        report = ingest([src], store)
        timing["ingest_s"] = time.perf_counter() - t
        t = time.perf_counter()
        cluster_pending(store, params)
        timing["cluster_s"] = time.perf_counter() - t
        if digest:
            t = time.perf_counter()
            build_stories(store, params=params, with_facts=False)
            timing["digest_s"] = time.perf_counter() - t
        story_of = store.cluster_of()
        pred, true, rejected = [], [], []
        for i, j, _ in docs:
            url = f"multinews/{i}/{j}"
            rows = store._read("SELECT article_id FROM article_urls WHERE url = ?", (url,))
            if not rows:
                rejected.append(url)
                continue
            pred.append(story_of[rows[0][0]])
            true.append(i)
    info = {
        "read": report.read,
        "stored": report.stored,
        "duplicates": report.duplicates,
        "near_duplicates": report.near_duplicates,
        "rejected": len(report.rejected),
        "scored": len(pred),
        "stories": len(set(pred)),
    }
    return info | scores(pred, true), timing


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--digest", action="store_true", help="also build every story's digest")
    ap.add_argument("--no-cv", action="store_true", help="skip the cross-validation")
    args = ap.parse_args()
    docs = read_docs(args.csv)
    random.Random(args.seed).shuffle(docs)
    params = ClusterParams()
    print(
        f"{args.csv.name}: {len(docs)} documents in {len({d[0] for d in docs})} clusters; "
        f"defaults threshold={params.threshold} name_weight={params.name_weight}"
    )
    if not args.no_cv:
        print("\n5-fold cross-validation over clusters (threshold, name weight chosen on 4 folds)")
        print("fold  threshold  name_w  train_F1  test_P  test_R  test_F1  test_ARI")
        for row in cross_validate(docs):
            print(
                f"{row['fold']:>4}  {row['threshold']:>9}  {row['name_weight']:>6}  "
                f"{row['train_F1']:.3f}     {row['P']:.3f}   {row['R']:.3f}   {row['F1']:.3f}    "
                f"{row['ARI']:.3f}"
            )
    with tempfile.TemporaryDirectory() as tmp:
        ours, timing = run_store(docs, params, Path(tmp), args.digest)
    truth = [d[0] for d in docs]
    peer = scores(hdbscan_peer(docs, params), truth)
    # ceilings: the true clusters, but (a) identical texts under different clusters merged, as any
    # content-keyed store must; (b) also documents sharing no content word with their cluster
    # (max TF-IDF cosine < 0.05 to every other member) left alone, as any text method must.
    first: dict[str, int] = {}
    merged = [first.setdefault(" ".join(t.lower().split()), i) for i, _, t in docs]
    arts = as_articles(docs)
    vec = article_vectors(arts, DocFreq(), replace(params, name_weight=0.0, lead_words=10**6))
    sim = (vec @ vec.T).toarray()
    np.fill_diagonal(sim, -1)
    lab = np.array(truth)
    lonely = [k for k in range(len(docs)) if sim[k, (lab == lab[k])].max(initial=-1) < 0.05]
    ceiling2 = [f"alone-{k}" if k in set(lonely) else m for k, m in enumerate(merged)]
    print("\nmethod                                   stories  B3-P   B3-R   B3-F1  ARI")
    rows = [
        ("newsdigest (ingest + stories, store)", ours["stories"], ours),
        ("HDBSCAN (sklearn, same vectors, cosine)", len(set(hdbscan_peer(docs, params))), peer),
        ("ceiling: identical texts merged", len(set(merged)), scores(merged, truth)),
        (
            f"ceiling: + {len(lonely)} unrelated docs alone",
            len(set(ceiling2)),
            scores(ceiling2, truth),
        ),
    ]
    for name, n, s in rows:
        print(f"{name:<40} {n:>7}  {s['P']:.3f}  {s['R']:.3f}  {s['F1']:.3f}  {s['ARI']:.3f}")
    print(
        f"\ningest: read {ours['read']}, stored {ours['stored']}, duplicates {ours['duplicates']} "
        f"({ours['near_duplicates']} near), rejected {ours['rejected']}; scored {ours['scored']}"
    )
    print("timing: " + ", ".join(f"{k} {v:.1f}" for k, v in timing.items()))


if __name__ == "__main__":
    main()

"""Why the clusterer splits Multi-News clusters: an error study of ``cluster_multinews.py``.

Runs the shipped link model in process on the documents as ingest keeps them, in the CLI's
batches (``stories.CLUSTER_BATCH`` articles, in the shuffled order ``cluster_multinews`` writes
them: 311 stories, F1 0.870 against the CLI's 311 and 0.871 at 7c36aa4, where ingest also
merges 3 duplicates), and prints:

- B-cubed P/R/F1 over the kept documents alone (what ``fit_event_model.py``'s cross-validation
  scores) and with the documents ingest refuses scored as singletons (what
  ``cluster_multinews.py`` scores), for newsdigest and for its HDBSCAN peer;
- the same figure for other batch sizes (25 articles to all in one batch);
- for the true clusters split into several stories: the same-cluster pairs so lost, by the
  highest pairwise link probability between the pieces (the evidence the average-link cut
  and the join threshold had) and by whether the pieces lie in one batch or two;
- with ``--show``, each split cluster's documents (start of text; ``*`` in its largest story),
  to read whether the pieces report one event.

    .venv/bin/python bench/multinews_splits.py [--cache feats.pkl] [--show]
"""

from __future__ import annotations

import argparse
import pickle
import random
import sys
from collections import Counter
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from cluster_multinews import DEFAULT_CSV, bcubed, hdbscan_peer, prepared, read_docs  # noqa: E402
from fit_event_model import Stream, multinews_stream, run  # noqa: E402

from newsdigest.cluster import (  # noqa: E402
    ClusterState,
    _Linker,
    article_vectors,
    days_between,
    pair_features,
)
from newsdigest.event_model import ArticleFeatures, features_of, shipped_link_model  # noqa: E402
from newsdigest.stories import CLUSTER_BATCH  # noqa: E402

BUCKETS = (0.0, 0.1, 0.2, 0.3, 1.01)  # highest pairwise probability between two pieces


def rebatched(stream: Stream, size: int) -> Stream:
    arts = stream.articles()
    return Stream(
        stream.name,
        tuple(tuple(arts[k : k + size]) for k in range(0, len(arts), size)),
        stream.label,
    )


def pairwise_probability(stream: Stream, features: dict[str, ArticleFeatures]) -> np.ndarray:
    """The link model's probability between every two kept documents (as ``group_batch``
    computes it within a batch), all taken as one batch."""
    arts = stream.articles()
    vectors = article_vectors(arts, [features[a.id] for a in arts], ClusterState().doc_freq)
    n = len(arts)
    x = pair_features(_Linker(ClusterState(), vectors), days_between(arts))
    return shipped_link_model().probability(x.reshape(n * n, -1)).reshape(n, n)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--cache", type=Path, help="pickle of the articles' features (reused)")
    ap.add_argument("--show", action="store_true", help="print each split cluster's documents")
    args = ap.parse_args()
    docs = read_docs(DEFAULT_CSV)
    random.Random(0).shuffle(docs)  # as cluster_multinews and multinews_stream shuffle
    kept = prepared(docs)
    stream = rebatched(multinews_stream(), CLUSTER_BATCH)
    features = pickle.loads(args.cache.read_bytes()) if args.cache and args.cache.exists() else {}
    missing = [a for a in stream.articles() if a.id not in features]
    if missing:
        features.update({f.article_id: f for f in features_of(missing)})
        if args.cache:
            args.cache.write_bytes(pickle.dumps(features))
    truth = [i for i, _, _ in docs]
    scored = [k for k, a in enumerate(kept) if a is not None and a.id in stream.label]
    refused = len(docs) - len(scored)

    def both(labels: list[object]) -> str:
        on_kept = bcubed([labels[k] for k in scored], [truth[k] for k in scored])
        on_all = bcubed(labels, truth)
        return "   ".join("/".join(f"{v:.3f}" for v in s) for s in (on_kept, on_all))

    members = run(stream, shipped_link_model(), features)
    ours: list[object] = [
        members[a.id] if a is not None and a.id in members else f"alone-{k}"
        for k, a in enumerate(kept)
    ]
    print(
        f"{len(docs)} documents, {len(scored)} kept, {refused} refused at ingest (left out, then singletons); "
        f"batches of {CLUSTER_BATCH}\n\nB-cubed P/R/F1       on kept documents   refused as singletons"
    )
    print(f"newsdigest           {both(ours)}")
    print(f"HDBSCAN (same docs)  {both(hdbscan_peer(docs, as_ingested=True))}")
    print("\nnewsdigest by batch size (on kept documents): ", end="")
    for size in (25, 100, 250, CLUSTER_BATCH, len(scored)):
        m = run(rebatched(stream, size), shipped_link_model(), features)
        p, r, f1 = bcubed(
            [m[a.id] for a in stream.articles()], [stream.label[a.id] for a in stream.articles()]
        )
        print(f"{size}: {f1:.3f}", end="  ")
    print()

    arts = stream.articles()
    p = pairwise_probability(stream, features)
    batch_of = {a.id: b for b, batch in enumerate(stream.batches) for a in batch}
    by_event: dict[str, list[int]] = {}
    for k, a in enumerate(arts):
        by_event.setdefault(stream.label[a.id], []).append(k)
    lost: Counter[tuple[int, str]] = Counter()
    kept_pairs = 0
    split = []
    for event, rows in sorted(by_event.items()):
        pieces: dict[str, list[int]] = {}
        for k in rows:
            pieces.setdefault(members[arts[k].id], []).append(k)
        kept_pairs += sum(len(v) * (len(v) - 1) // 2 for v in pieces.values())
        if len(pieces) < 2:
            continue
        split.append((event, pieces))
        parts = list(pieces.values())
        for i, a in enumerate(parts):
            for b in parts[i + 1 :]:
                best = float(p[np.ix_(a, b)].max())
                bucket = next(k for k in range(len(BUCKETS) - 1) if best < BUCKETS[k + 1])
                for x in a:
                    for y in b:
                        where = (
                            "one batch" if batch_of[arts[x].id] == batch_of[arts[y].id] else "two"
                        )
                        lost[(bucket, where)] += 1
    total = sum(lost.values())
    print(
        f"\n{len(split)} of {len(by_event)} clusters split; same-cluster pairs kept together "
        f"{kept_pairs}, split {total}. Split pairs by the highest link probability between "
        "their pieces:"
    )
    for k in range(len(BUCKETS) - 1):
        cells = [lost[(k, w)] for w in ("one batch", "two")]
        print(
            f"  [{BUCKETS[k]:.1f}, {min(BUCKETS[k + 1], 1.0):.1f}): {sum(cells):>4} "
            f"({cells[0]} within a batch, {cells[1]} across batches)"
        )
    if args.show:
        for event, pieces in split:
            largest = max(pieces.values(), key=len)
            sizes = sorted((len(v) for v in pieces.values()), reverse=True)
            print(f"\n{event} {sizes}")
            for rows in sorted(pieces.values(), key=lambda v: v is not largest):
                for k in rows:
                    text = " ".join(arts[k].text.split())[:110]
                    print(f" {'*' if rows is largest else ' '} {text}")


if __name__ == "__main__":
    main()

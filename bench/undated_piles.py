"""Undated piles (Multi-News, NeuS) under the shipped link model: the batch cut and a
mutual-nearest-neighbour rule in the batch grouping, tried in this process only (issue 10).

An undated pile has no reading order, so where ``stories`` cuts it (``CLUSTER_BATCH``, 500)
is arbitrary; the articles after the cut only join the stories of the first part by their
centroids. And on short items of the same people (NeuS), average linkage over the pairwise
probability merges events a density-based clusterer keeps apart. The trial: in a batch with
no dated article, the pairwise probability of two articles counts only where each is among
the other's ``k`` nearest by whole-text cosine (mutual k-nearest neighbours), before the
average-link cut; dated batches are untouched. Scored in sample (the shipped weights) with
the pile in batches of 500 and as one batch, and with ``--cv`` each fold's weights at the
shipped setting under ``fit_event_model``'s folds. Nothing in ``src`` changes.

    PYTHONPATH=src .venv/bin/python bench/undated_piles.py [--k 0 2 3 5 8] [--cv] [--neus-train 600]

B-cubed over the kept documents (refused pages left out), so not the CLI benches' figures.
"""

from __future__ import annotations

import argparse
import random
import sys
from dataclasses import replace
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

import fit_event_model as fem  # noqa: E402
from neus_stream import records  # noqa: E402

import newsdigest.cluster as cluster  # noqa: E402
from newsdigest.event_model import features_of, shipped_link_model  # noqa: E402
from newsdigest.model import Article  # noqa: E402

NEUS = ROOT.parent / "shared" / "data" / "neus" / "neus_trainval.jsonl"
MUTUAL_K = {"k": 0}
_shipped_group = cluster.group_batch


def neus_val() -> fem.Stream:
    """NeuS val as ``neus_stream.py`` writes it (the CLI replay's input), cleaned as ingest
    cleans, shuffled, batches of 500."""
    from newsdigest.clean import clean_article
    from newsdigest.clean.pagekind import non_article_kind

    rows = records(NEUS, "val")
    random.Random(0).shuffle(rows)
    arts, label = [], {}
    for r in rows:
        raw = Article(id=r["url"], text=r["text"], title=r["title"])
        clean = clean_article(raw)
        if clean.text.strip() and not non_article_kind(raw.text, clean.text):
            arts.append(replace(clean, id=raw.id))
            label[raw.id] = "neus:" + r["url"].split("/")[1]
    batches = tuple(tuple(arts[k : k + 500]) for k in range(0, len(arts), 500))
    return fem.Stream("neus-val", batches, label)


def mutual_group(linker, ordered, model, quiet_days):  # type: ignore[no-untyped-def]
    """``cluster.group_batch`` with the mutual-k-nearest rule at this run's ``k`` (0: off)."""
    return _shipped_group(linker, ordered, model, quiet_days, undated_neighbours=MUTUAL_K["k"])


def one_batch(stream: fem.Stream) -> fem.Stream:
    return fem.Stream(stream.name + " (one batch)", (tuple(stream.articles()),), stream.label)


def cross_validated(dev: fem.Stream, pile: fem.Stream, feats: dict) -> tuple[tuple, tuple]:
    """Pooled held-out P/R/F1 of ``dev`` and ``pile`` with each fold's weights (fitted on
    both streams' training folds) at the shipped setting."""
    shipped = shipped_link_model()
    streams = (dev, pile)
    folds = {s.name: fem.folds_of(list(s.label.values()), 5) for s in streams}
    pooled: dict[str, list] = {s.name: [] for s in streams}
    for f in range(5):
        train = [s.only(set(s.label.values()) - folds[s.name][f]) for s in streams]
        model = replace(
            fem.fit([fem.training_pairs(s, feats) for s in train]),
            threshold=shipped.threshold,
            group_threshold=shipped.group_threshold,
            quiet_days=shipped.quiet_days,
        )
        for s in streams:
            members = fem.run(s, model, feats)
            held = [a for a in members if s.label[a] in folds[s.name][f]]
            p, r, _, _ = fem.bcubed_of(members, s.label, held)
            pooled[s.name].append((p, r, len(held)))
    return fem.pooled_prf(pooled[dev.name]), fem.pooled_prf(pooled[pile.name])


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--k", type=int, nargs="+", default=[0, 2, 3, 5, 8], help="0: shipped")
    ap.add_argument("--cv", action="store_true", help="also Multi-News cross-validated")
    ap.add_argument("--neus-train", type=int, default=600, help="NeuS train events (0: none)")
    args = ap.parse_args()
    cluster.group_batch = mutual_group  # type: ignore[assignment]
    dev, mn = fem.dev_stream(), fem.multinews_stream()
    piles = [mn, neus_val()]
    if args.neus_train:
        piles.append(replace(fem.neus_stream(events=args.neus_train), name="neus-train"))
    every = [a for s in (dev, *piles) for a in s.articles()]
    feats = {f.article_id: f for f in features_of(every)}
    shipped = shipped_link_model()
    print("k  " + "  ".join(f"{s.name} 500s / one batch" for s in piles) + "  (B3 F1, in sample)")
    for k in args.k:
        MUTUAL_K["k"] = k
        cells = []
        for s in piles:
            f500 = fem.bcubed_of(m := fem.run(s, shipped, feats), s.label, list(m))[2]
            s1 = one_batch(s)
            f1 = fem.bcubed_of(m := fem.run(s1, shipped, feats), s.label, list(m))[2]
            cells.append(f"{f500:.3f} / {f1:.3f}")
        dev_f1 = fem.bcubed_of(m := fem.run(dev, shipped, feats), dev.label, list(m))[2]
        print(f"{k}  " + "  ".join(cells) + f"  dev {dev_f1:.3f}", flush=True)
        if args.cv:
            for pile in (mn, one_batch(mn)):
                d, p = cross_validated(dev, pile, feats)
                print(f"   CV {pile.name}: dev {d[2]:.3f}, {p[0]:.3f} / {p[1]:.3f} / {p[2]:.3f}")


if __name__ == "__main__":
    main()

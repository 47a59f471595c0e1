"""Error study of the clusterer on the dev stream: which articles are wrongly merged or split,
and the link model's probability at each decision that put them there.

The dev stream goes through the clusterer in process in the batches ``newsdigest stories``
gets in ``bench/stream_replay.py`` (weekly, or ``--batches`` equal ones cut from the records as
the replay cuts them): each batch of records ingested into a temporary store, and the articles
it keeps (cleaned; refused pages, exact and near duplicates left out) taken from it, in its
order. It runs with the shipped model or, with ``--fold K``, the weights the cross-validation
fits without fold K's events (and Multi-News clusters) at the shipped thresholds; with the
shipped model the assignments are the CLI replay's (``--facts off``). Printed: B-cubed P/R/F1
as the replay scores it (every record, in its article's story, a refused page alone) and over
the stored articles (each labelled by the record it was stored from), every story
holding more than one event (each article with its event, date, title, and the mean probability
of the decision that put it there, ``opened`` for one that opened the story, ``again`` for the
second offer of a piece left alone, ``_alone_again``), and every event split over several
stories (each piece's size and dates, and the probability of the best story its first article
was offered).

    .venv/bin/python bench/stream_errors.py [--batches 14] [--fold 2] [--cache feats.pkl]
"""

from __future__ import annotations

import argparse
import pickle
import sys
import tempfile
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from cluster_multinews import scores  # noqa: E402
from fit_event_model import (  # noqa: E402
    DEV_STREAM,
    Stream,
    bcubed_of,
    fit,
    folds_of,
    multinews_stream,
    training_pairs,
)
from stream_replay import _write, equal_batches, read_stream, weekly_batches  # noqa: E402

from newsdigest.cluster import (  # noqa: E402
    EventClusterer,
    _Linker,
    group_batch,
    link_batch,
    model_decision,
    reading_order,
)
from newsdigest.event_model import ArticleFeatures, LinkModel, features_of  # noqa: E402
from newsdigest.model import Article  # noqa: E402


@dataclass
class Decision:
    """The last decision about one article: where it went, at what mean probability, and the
    best story it was offered (id, probability)."""

    story: str
    p: float
    best: tuple[str, float] | None
    again: bool


def stored_stream(
    batches: Sequence[Sequence[dict[str, object]]],
) -> tuple[Stream, dict[str, str]]:
    """The batches of records as ``stories`` gets them from the store after each ``ingest``,
    and the article each record was stored as (by URL; a refused record has none)."""
    from newsdigest.store import open_store
    from newsdigest.stories import ingest

    out, label, done = [], {}, set()
    with tempfile.TemporaryDirectory() as tmp:
        store = open_store(str(Path(tmp) / "replay.db"))
        try:
            for k, rows in enumerate(batches):
                path = Path(tmp) / f"b{k:03d}.jsonl"
                _write(rows, path)
                ingest([path], store)
                batch = [a for a in store.unclustered() if a.id not in done]
                by_url = {str(r["url"]): str(r["label"]) for r in rows}
                for a in batch:
                    done.add(a.id)
                    label[a.id] = f"dev:{by_url[str(a.url)]}"
                out.append(tuple(batch))
            urls = store.urls_of(sorted(done))
        finally:
            store.close()
    article_of = {url: aid for aid, us in urls.items() for url in us}
    return Stream("dev", tuple(b for b in out if b), label), article_of


def traced_run(
    stream: Stream, model: LinkModel, features: dict[str, ArticleFeatures]
) -> tuple[dict[str, str], dict[str, Decision]]:
    """The stream through ``assign_batch``'s steps (grouping, join, the second offer), each
    decision recorded."""
    clusterer = EventClusterer(model)
    state, quiet = clusterer.state, clusterer.quiet_days
    base = model_decision(model)
    members: dict[str, str] = {}
    decisions: dict[str, Decision] = {}
    for batch in stream.batches:
        ordered = reading_order(batch)
        seen: set[int] = set()

        def decide(
            rows: Sequence[int],
            x: np.ndarray,
            candidates: np.ndarray,
            ordered: list[Article] = ordered,
            seen: set[int] = seen,
        ) -> int:
            pick = base(rows, x, candidates)
            n, c, f = x.shape
            p = model.probability(x.reshape(n * c, f)).reshape(n, c).mean(axis=0) if c else []
            top = int(np.argmax(p)) if c else -1
            best = (state.clusters[candidates[top]].id, float(p[top])) if c else None
            again = len(rows) == 1 and rows[0] in seen
            for r in rows:
                seen.add(r)
                story = state.clusters[candidates[pick]].id if pick >= 0 else "opened"
                if pick < 0 and again:
                    continue  # stays where the first pass put it
                decisions[ordered[r].id] = Decision(
                    story, float(p[pick]) if pick >= 0 else 0.0, best, again
                )
            return pick

        def group(linker: _Linker, ordered: Sequence[Article]) -> list[list[int]]:
            return group_batch(linker, ordered, model, quiet)

        result = link_batch(
            state,
            batch,
            [features[a.id] for a in batch],
            decide,
            quiet,
            group if model.group_threshold < 1.0 else None,
            again=True,
        )
        members.update(result.members)
    return members, decisions


def report(
    stream: Stream,
    members: dict[str, str],
    decisions: dict[str, Decision],
    rows: Sequence[dict[str, object]],
    article_of: dict[str, str],
) -> None:
    story = [members.get(article_of.get(str(r["url"]), ""), f"alone-{r['url']}") for r in rows]
    s = scores(story, [r["label"] for r in rows])
    print(
        f"B-cubed as the replay scores it ({len(rows)} records): P {s['P']:.3f}  R {s['R']:.3f}  "
        f"F1 {s['F1']:.3f}  stories {len(set(story))}"
    )
    p, r, f1, n = bcubed_of(members, stream.label, list(members))
    print(f"B-cubed over the {len(members)} stored articles: P {p:.3f}  R {r:.3f}  F1 {f1:.3f}")
    arts = {a.id: a for a in stream.articles()}

    def day(aid: str) -> str:
        return str(arts[aid].published)[:10]

    by_story: dict[str, list[str]] = defaultdict(list)
    for aid, story in members.items():
        by_story[story].append(aid)
    print("\nstories of several events:")
    for story, ids in sorted(by_story.items(), key=lambda kv: (-len(kv[1]), kv[0])):
        events = Counter(stream.label[a] for a in ids)
        if len(events) < 2:
            continue
        print(f"- {story} ({len(ids)}): {dict(events.most_common())}")
        for aid in sorted(ids, key=lambda a: (day(a), a)):
            d = decisions[aid]
            how = (
                "opened" if d.story == "opened" else f"p={d.p:.3f}" + (" again" if d.again else "")
            )
            print(f"    {stream.label[aid]:<8} {day(aid)} {how:<13} {arts[aid].title[:64]!r}")
    print(
        "\nevents split over several stories (pieces: size [first..last]; best offer of its first):"
    )
    by_event: dict[str, list[str]] = defaultdict(list)
    for aid in members:
        by_event[stream.label[aid]].append(aid)
    for event, ids in sorted(by_event.items()):
        pieces = Counter(members[a] for a in ids)
        if len(pieces) < 2:
            continue
        cells = []
        for story, k in pieces.most_common():
            days = sorted((day(a), a) for a in ids if members[a] == story)
            best = decisions[days[0][1]].best
            offer = f" best {best[1]:.3f}" if best else ""
            cells.append(f"{k} [{days[0][0]}..{days[-1][0]}]{offer}")
        print(f"  {event:<8} " + "; ".join(cells))


def main(argv: Sequence[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--batches", type=int, help="equal batches instead of ISO weeks")
    ap.add_argument("--fold", type=int, help="the weights fitted without this fold (of 5)")
    ap.add_argument("--cache", type=Path, help="pickle of the articles' features (reused)")
    args = ap.parse_args(argv)
    rows = read_stream(DEV_STREAM)
    cut = equal_batches(rows, args.batches) if args.batches else weekly_batches(rows)
    dev, article_of = stored_stream(cut)
    streams = [dev, multinews_stream()] if args.fold is not None else [dev]
    features = pickle.loads(args.cache.read_bytes()) if args.cache and args.cache.exists() else {}
    missing = [a for s in streams for a in s.articles() if a.id not in features]
    if missing:
        features.update({f.article_id: f for f in features_of(missing)})
        if args.cache:
            args.cache.write_bytes(pickle.dumps(features))
    model = EventClusterer().model
    if args.fold is not None:
        held = {s.name: folds_of(list(s.label.values()), 5)[args.fold] for s in streams}
        fitted = fit(
            [
                training_pairs(s.only(set(s.label.values()) - held[s.name]), features)
                for s in streams
            ]
        )
        model = replace(
            fitted,
            threshold=model.threshold,
            group_threshold=model.group_threshold,
            quiet_days=model.quiet_days,
        )
        print(f"fold {args.fold}: held-out events {sorted(held['dev'])}")
    print(f"{len(cut)} batches; model {model}")
    members, decisions = traced_run(dev, model, features)
    report(dev, members, decisions, rows, article_of)


if __name__ == "__main__":
    main()

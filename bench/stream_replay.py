"""Replay an event-labelled news stream the way a daily user runs newsdigest, and score the stories.

The stream (JSON Lines: url, title, text, published, source, label) is cut into weekly batches
(ISO weeks, UTC) in publication order. Each batch goes through the real CLI into one temporary
SQLite file: ``newsdigest ingest week.jsonl`` then ``newsdigest stories --format json`` (with
facts, and in a second replay ``--no-facts``). The last ``stories`` output is scored against the
``label`` field with B-cubed precision/recall/F1 and the adjusted Rand index (an article is found
by any of its URLs; one in no story is a singleton). Throughput counts every CLI run, start-up
included. ``--api`` adds the same replay through the Python API in one process (``ingest`` +
``refresh_stories`` per batch, the stories listed at the end), as ``serve`` and ``follow`` run.

Peers, on the same documents in the same run (title + text): HDBSCAN (scikit-learn,
``min_cluster_size=2``, TF-IDF, cosine, untuned; noise = singletons) and TF-IDF average link at
its best distance threshold, chosen on the labels themselves (an oracle: no method can know it).

    .venv/bin/python bench/stream_replay.py ../shared/data/streams/giveme5w1h_events.jsonl \
        [--facts both|on|off] [--api] [--stories 5] [--dump DIR]

``--dump DIR`` writes each replay's last stories as JSON (``cli-facts.json``, ``api-facts.json``
…), with the run's temporary folder written ``TMP``, so two commits' outputs can be compared
byte for byte.
"""

from __future__ import annotations

import argparse
import functools
import json
import os
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(ROOT / "bench"))

from cluster_multinews import scores  # noqa: E402

from newsdigest.timeutil import utc_or_none  # noqa: E402

print = functools.partial(print, flush=True)  # noqa: A001  (progress shows in a log file)
LINK_THRESHOLDS = [round(x, 2) for x in np.arange(0.30, 0.96, 0.02)]


def read_stream(path: Path) -> list[dict[str, Any]]:
    """The stream's records in publication order (undated last, then by id)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return sorted(rows, key=lambda r: (_when(r) is None, _when(r) or datetime.min, r["id"]))


def _when(row: dict[str, Any]) -> datetime | None:
    value = row.get("published")
    return utc_or_none(datetime.fromisoformat(value)) if value else None


def weekly_batches(rows: Sequence[dict[str, Any]]) -> list[list[dict[str, Any]]]:
    """Consecutive ISO weeks (UTC); undated records form a last batch of their own."""
    batches: dict[tuple[int, int] | tuple[()], list[dict[str, Any]]] = {}
    for row in rows:
        when = _when(row)
        batches.setdefault(tuple(when.isocalendar()[:2]) if when else (), []).append(row)
    return list(batches.values())


def equal_batches(rows: Sequence[dict[str, Any]], n: int) -> list[list[dict[str, Any]]]:
    """The records, in the weekly batches' order, dealt into ``n`` equal batches."""
    ordered = [r for b in weekly_batches(rows) for r in b]
    size = -(-len(ordered) // n)
    return [ordered[k : k + size] for k in range(0, len(ordered), size)]


def newsdigest(*args: str) -> str:
    """Run the real CLI; exit 1 (some input rejected) and 2 (all of a batch rejected, e.g. one
    page with no text) are outcomes of the stream, not failures of the replay."""
    done = subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    if done.returncode not in (0, 1, 2) or (done.returncode == 2 and args[0] != "ingest"):
        raise SystemExit(f"newsdigest {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout


def _write(rows: Sequence[dict[str, Any]], path: Path) -> None:
    keep = ("url", "title", "text", "published", "source")
    with path.open("w", encoding="utf-8") as fh:
        for row in rows:
            fh.write(json.dumps({k: row[k] for k in keep if row.get(k)}) + "\n")


def replay_cli(
    batches: Sequence[Sequence[dict[str, Any]]], work: Path, facts: bool
) -> tuple[list[dict[str, Any]], float, int]:
    """Stories after the last batch, wall seconds of all runs, number of CLI runs."""
    db = str(work / ("facts.db" if facts else "nofacts.db"))
    out = "[]"
    start = time.perf_counter()
    for k, batch in enumerate(batches):
        path = work / f"week{k:03d}.jsonl"
        _write(batch, path)
        newsdigest("ingest", str(path), "--db", db)
        out = newsdigest(
            "stories", "--db", db, "--format", "json", *([] if facts else ["--no-facts"])
        )
    return json.loads(out), time.perf_counter() - start, 2 * len(batches)


def replay_api(
    batches: Sequence[Sequence[dict[str, Any]]], work: Path, facts: bool
) -> tuple[list[dict[str, Any]], float]:
    """The same replay in one process as ``serve``'s intake and ``follow`` run it:
    ``stories.ingest`` + ``stories.refresh_stories`` per batch, the stories listed once at the
    end (timed too)."""
    from newsdigest.config import StoryConfig
    from newsdigest.serialize import story_to_dict
    from newsdigest.store import open_store
    from newsdigest.stories import ingest, refresh_stories

    paths = []
    for k, batch in enumerate(batches):
        paths.append(work / f"api{k:03d}.jsonl")
        _write(batch, paths[-1])
    start = time.perf_counter()
    store = open_store(str(work / "api.db"))
    try:
        for path in paths:
            ingest([path], store)
            refresh_stories(store, StoryConfig(facts=facts))
        out = [story_to_dict(s) for s in store.list_stories()]
    finally:
        store.close()
    return out, time.perf_counter() - start


def story_labels(stories: Sequence[dict[str, Any]], rows: Sequence[dict[str, Any]]) -> list[str]:
    """Each record's story, found by URL among a story's articles and outliers (all URLs)."""
    story_of: dict[str, str] = {}
    for story in stories:
        for key in ("articles", "outliers"):
            for article in story[key]:
                for url in article.get("urls") or [article["url"]]:
                    story_of[url] = str(story["id"])
    return [story_of.get(r["url"], f"missing-{r['url']}") for r in rows]


def tfidf_vectors(rows: Sequence[dict[str, Any]]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    texts = [f"{r.get('title') or ''}\n{r['text']}" for r in rows]
    return TfidfVectorizer(sublinear_tf=True, stop_words="english", min_df=1).fit_transform(texts)


def hdbscan_peer(rows: Sequence[dict[str, Any]]) -> list[object]:
    from sklearn.cluster import HDBSCAN

    vectors = tfidf_vectors(rows)
    dist = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, 2.0)
    labels = HDBSCAN(min_cluster_size=2, metric="precomputed", copy=True).fit_predict(dist)
    return [int(x) if x >= 0 else f"noise-{k}" for k, x in enumerate(labels)]


def average_link_oracle(rows: Sequence[dict[str, Any]]) -> tuple[list[object], float]:
    """TF-IDF average link at the distance threshold that scores best on the labels."""
    from sklearn.cluster import AgglomerativeClustering

    vectors = tfidf_vectors(rows).toarray()
    truth = [r["label"] for r in rows]
    best: tuple[float, float, list[object]] = (-1.0, 0.0, [])
    for t in LINK_THRESHOLDS:
        model = AgglomerativeClustering(
            n_clusters=None, metric="cosine", linkage="average", distance_threshold=t
        )
        labels = list(model.fit_predict(vectors))
        f1 = scores(labels, truth)["F1"]
        if f1 > best[0]:
            best = (f1, t, labels)
    return best[2], best[1]


def dump(stories: Sequence[dict[str, Any]], folder: Path | None, name: str, work: Path) -> None:
    """The stories as JSON in ``folder`` (nothing when None), the temporary folder as TMP."""
    if folder is not None:
        folder.mkdir(parents=True, exist_ok=True)
        text = json.dumps(stories, indent=1, sort_keys=True).replace(str(work), "TMP")
        (folder / f"{name}.json").write_text(text, encoding="utf-8")


def first_sentence(story: dict[str, Any]) -> str:
    return story["summary"][0]["text"] if story.get("summary") else ""


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("stream", type=Path)
    ap.add_argument("--facts", choices=("both", "on", "off"), default="both")
    ap.add_argument("--api", action="store_true", help="also replay through the Python API")
    ap.add_argument("--stories", type=int, default=5, help="stories to print")
    ap.add_argument("--dump", type=Path, help="write each replay's last stories here as JSON")
    ap.add_argument(
        "--batches",
        type=int,
        help="deal the stream, in publication order, into this many equal batches instead of "
        "ISO weeks (e.g. 14: the held-out stream's 14 weeks, 28 CLI runs)",
    )
    args = ap.parse_args()
    rows = read_stream(args.stream)
    batches = weekly_batches(rows)
    kind = "weekly"
    if args.batches:
        batches = equal_batches(rows, args.batches)
        kind = f"equal (~{len(batches[0])} articles)"
    truth = [r["label"] for r in rows]
    print(
        f"{args.stream.name}: {len(rows)} articles, {len(set(truth))} events, "
        f"{len(batches)} {kind} batches; load average {os.getloadavg()[0]:.2f}"
    )
    table: list[tuple[str, list[object], str]] = []
    shown: list[dict[str, Any]] = []
    modes = {"both": (True, False), "on": (True,), "off": (False,)}[args.facts]
    with tempfile.TemporaryDirectory() as tmp:
        for facts in modes:
            stories, seconds, runs = replay_cli(batches, Path(tmp), facts)
            speed = f"{len(rows) / seconds:.1f} art/s ({runs} CLI runs, {seconds:.0f} s)"
            name = f"newsdigest CLI, {kind.split()[0]}, " + ("facts" if facts else "--no-facts")
            table.append((name, list(story_labels(stories, rows)), speed))
            dump(stories, args.dump, "cli-" + ("facts" if facts else "nofacts"), Path(tmp))
            shown = shown or stories
        if args.api:
            stories, seconds = replay_api(batches, Path(tmp), facts=True)
            dump(stories, args.dump, "api-facts", Path(tmp))
            speed = f"{len(rows) / seconds:.1f} art/s (one process, {seconds:.0f} s)"
            table.append(
                (
                    f"newsdigest Python API, {kind.split()[0]}, facts",
                    story_labels(stories, rows),
                    speed,
                )
            )
    start = time.perf_counter()
    table.append(("HDBSCAN (TF-IDF, min_cluster_size=2)", hdbscan_peer(rows), ""))
    linked, threshold = average_link_oracle(rows)
    table.append((f"TF-IDF average link, oracle t={threshold}", linked, ""))
    peers_s = time.perf_counter() - start
    print(f"\n{'method':<42} {'stories':>7}  B3-P   B3-R   B3-F1  ARI    throughput")
    for name, labels, speed in table:
        s = scores(labels, truth)
        print(
            f"{name:<42} {len(set(labels)):>7}  {s['P']:.3f}  {s['R']:.3f}  {s['F1']:.3f}  "
            f"{s['ARI']:.3f}  {speed}"
        )
    print(f"(peers: {peers_s:.1f} s; load average at the end {os.getloadavg()[0]:.2f})")
    if shown and args.stories:
        print(f"\n{args.stories} stories (the largest; title | articles | first digest sentence):")
        biggest = sorted(shown, key=lambda s: (-len(s["articles"]), s["id"]))[: args.stories]
        for story in biggest:
            print(f"- {story['title']} | {len(story['articles'])} | {first_sentence(story)}")


if __name__ == "__main__":
    main()

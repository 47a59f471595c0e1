"""Clustering quality on Multi-News: every document of the sample as its own article, shuffled.

Writes a JSON Lines file (url ``multinews/<row>/<doc>``), runs the real CLI (``newsdigest
ingest`` into a fresh SQLite file, then ``newsdigest stories --format json``), maps every
document's URL to the story that lists it, and scores against the true clusters with
B-cubed precision/recall/F1 and the adjusted Rand index. In the same run: HDBSCAN
(scikit-learn) on the same article vectors of the same documents (as ingest keeps them: cleaned,
pages that are not articles rejected and scored as singletons, as ours are; and, for reference,
on every raw document), and two ceilings that say what no text-based method can get
right on this data. With ``--errors``, the CLI's errors to read: every true cluster whose kept
documents lie in several stories, and every story holding documents of several clusters, each
document with its story, length and opening.

    .venv/bin/python bench/cluster_multinews.py [--csv PATH] [--seed 0] [--no-facts] [--errors]
"""

from __future__ import annotations

import argparse
import ast
import csv
import json
import os
import random
import subprocess
import sys
import tempfile
import time
from collections import Counter
from dataclasses import replace
from pathlib import Path
from typing import Any

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest.clean import clean_article  # noqa: E402
from newsdigest.clean.pagekind import non_article_kind  # noqa: E402
from newsdigest.cluster import DocFreq, article_vectors  # noqa: E402
from newsdigest.event_model import ArticleFeatures  # noqa: E402
from newsdigest.model import Article, article_id  # noqa: E402

DEFAULT_CSV = ROOT.parent / "shared" / "data" / "multinews" / "sample_validation250.csv"


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


_PREPARED: dict[tuple[int, int], Article | None] = {}


def prepared(docs: list[tuple[int, int, str]]) -> list[Article | None]:
    """Each document as ingest stores it: cleaned, or None where ingest rejects it (a page that
    is not an article, or no text left), so the parameter search sees what ``stories`` sees."""
    for raw in as_articles([d for d in docs if (d[0], d[1]) not in _PREPARED]):
        clean = clean_article(raw)
        keep = clean.text.strip() and not non_article_kind(raw.text, clean.text)
        i, j = raw.id.rsplit("-", 2)[1:]
        _PREPARED[(int(i), int(j))] = replace(clean, id=raw.id) if keep else None
    return [_PREPARED[(i, j)] for i, j, _ in docs]


def with_singletons(arts: list[Article | None], members: dict[str, object]) -> list[object]:
    return [f"rejected-{k}" if a is None else members[a.id] for k, a in enumerate(arts)]


def body_vectors(arts: list[Article]) -> Any:
    """The clusterer's whole-text TF-IDF vectors of these articles (IDF over them)."""
    features = [ArticleFeatures(a.id, ()) for a in arts]
    return article_vectors(arts, features, DocFreq())["body"]


def hdbscan_peer(docs: list[tuple[int, int, str]], as_ingested: bool) -> list[object]:
    """HDBSCAN on the clusterer's whole-text vectors (cosine distance), noise = singletons.

    ``as_ingested``: on the documents as ingest keeps them (cleaned, non-articles rejected and
    scored as singletons, as ours are), else on every raw document.
    """
    from sklearn.cluster import HDBSCAN

    arts = prepared(docs) if as_ingested else list(as_articles(docs))
    kept = [a for a in arts if a is not None]
    vectors = body_vectors(kept)
    dist = np.clip(1.0 - (vectors @ vectors.T).toarray(), 0.0, 2.0)
    labels = HDBSCAN(
        min_cluster_size=2, min_samples=1, metric="precomputed", copy=True
    ).fit_predict(dist)
    found = {
        a.id: int(x) if x >= 0 else f"noise-{k}"
        for k, (a, x) in enumerate(zip(kept, labels, strict=True))
    }
    return with_singletons(arts, found)


def newsdigest(*args: str) -> tuple[str, str, float]:
    """Run the real CLI (``python -m newsdigest``) and time it; stdout, stderr, seconds."""
    t = time.perf_counter()
    done = subprocess.run(
        [sys.executable, "-m", "newsdigest", *args],
        capture_output=True,
        text=True,
        env={**os.environ, "PYTHONPATH": str(ROOT / "src")},
        check=False,
    )
    seconds = time.perf_counter() - t
    if done.returncode not in (0, 1):  # 1: some input rejected, the rest went on
        raise SystemExit(f"newsdigest {' '.join(args)} failed ({done.returncode}): {done.stderr}")
    return done.stdout, done.stderr, seconds


def score_stories(
    stories: list[dict[str, object]], docs: list[tuple[int, int, str]], outliers_alone: bool
) -> tuple[list[object], int]:
    """Each document's predicted story from the ``stories --format json`` output, by its URL.

    A story lists its members under "articles" and "outliers". A URL in no story (rejected at
    ingest) is its own singleton; so is an outlier when ``outliers_alone``. Returns the labels
    and how many URLs were in no story.
    """
    story_of: dict[str, str] = {}
    for story in stories:
        for key in ("articles", "outliers"):
            for article in story[key]:  # type: ignore[attr-defined]
                alone = outliers_alone and key == "outliers"
                for url in article.get("urls") or [article["url"]]:
                    story_of[url] = f"outlier-{url}" if alone else str(story["id"])
    pred: list[object] = []
    missing = 0
    for i, j, _ in docs:
        url = f"multinews/{i}/{j}"
        if url not in story_of:
            missing += 1
        pred.append(story_of.get(url, f"missing-{url}"))
    return pred, missing


def run_cli(
    docs: list[tuple[int, int, str]], work: Path, facts: bool
) -> tuple[dict[str, object], dict[str, float], list[object], list[object]]:
    """``newsdigest ingest`` into a fresh SQLite file, then ``newsdigest stories --format json``."""
    src = work / "multinews.jsonl"
    write_jsonl(docs, src)
    db = str(work / "news.db")
    ingest_out, _, ingest_s = newsdigest("ingest", str(src), "--db", db)
    out, _, stories_s = newsdigest(
        "stories", "--db", db, "--format", "json", *([] if facts else ["--no-facts"])
    )
    stories = json.loads(out)
    pred, missing = score_stories(stories, docs, outliers_alone=False)
    pred_alone, _ = score_stories(stories, docs, outliers_alone=True)
    count_line = ingest_out.strip().splitlines()[-1] if ingest_out.strip() else ""
    info: dict[str, object] = {
        "count_line": count_line,
        "stories": len(stories),
        "outliers": sum(len(s["outliers"]) for s in stories),
        "missing": missing,
    }
    timing = {"ingest_s": ingest_s, "stories_s": stories_s}
    return info, timing, pred, pred_alone


def print_errors(docs: list[tuple[int, int, str]], pred: list[object]) -> None:
    """The true clusters split over several stories and the stories that merge clusters, over
    the documents ingest keeps (a refused page is a singleton by construction, not an error
    of the clusterer): each document as ``[story|size|words] opening``."""
    arts = prepared(docs)
    by_true: dict[int, list[int]] = {}
    by_pred: dict[object, list[int]] = {}
    for k, ((i, _, _), art) in enumerate(zip(docs, arts, strict=True)):
        if art is not None:
            by_true.setdefault(i, []).append(k)
            by_pred.setdefault(pred[k], []).append(k)

    def line(k: int) -> str:
        words = arts[k].text.split()  # type: ignore[union-attr]
        story = str(pred[k])[:8]
        return f"  row {docs[k][0]} [{story}|{len(by_pred[pred[k]])}|{len(words)}w] " + " ".join(
            words[:30]
        )

    split = {i: ks for i, ks in by_true.items() if len({pred[k] for k in ks}) > 1}
    outside = sum(
        len(ks) - Counter(pred[k] for k in ks).most_common(1)[0][1] for ks in split.values()
    )
    print(f"\n{len(split)} clusters split ({outside} kept documents outside their main story):")
    for i, ks in sorted(split.items()):
        print(f"cluster {i}")
        for k in sorted(ks, key=lambda k: str(pred[k])):
            print(line(k))
    merged = {s: ks for s, ks in by_pred.items() if len({docs[k][0] for k in ks}) > 1}
    print(f"\n{len(merged)} stories holding several clusters:")
    for story, ks in merged.items():
        print(f"story {story}")
        for k in sorted(ks, key=lambda k: docs[k][0]):
            print(line(k))


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--csv", type=Path, default=DEFAULT_CSV)
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-facts", action="store_true", help="stories --no-facts (faster)")
    ap.add_argument("--errors", action="store_true", help="list split and merged clusters")
    args = ap.parse_args()
    docs = read_docs(args.csv)
    random.Random(args.seed).shuffle(docs)
    print(
        f"{args.csv.name}: {len(docs)} documents in {len({d[0] for d in docs})} clusters, "
        f"shuffled (seed {args.seed}); link model: src/newsdigest/data/event_link.json "
        "(its cross-validated figure: bench/fit_event_model.py)"
    )
    with tempfile.TemporaryDirectory() as tmp:
        info, timing, pred, pred_alone = run_cli(docs, Path(tmp), facts=not args.no_facts)
    truth = [d[0] for d in docs]
    t = time.perf_counter()
    peer_labels = hdbscan_peer(docs, as_ingested=True)
    peer_raw = hdbscan_peer(docs, as_ingested=False)
    timing["hdbscan_s"] = time.perf_counter() - t
    # ceilings: the true clusters, but (a) identical texts under different clusters merged, as any
    # content-keyed store must; (b) also documents sharing no content word with their cluster
    # (max TF-IDF cosine < 0.05 to every other member) left alone, as any text method must.
    first: dict[str, int] = {}
    merged = [first.setdefault(" ".join(t.lower().split()), i) for i, _, t in docs]
    arts = as_articles(docs)
    vec = body_vectors(arts)
    sim = (vec @ vec.T).toarray()
    np.fill_diagonal(sim, -1)
    lab = np.array(truth)
    lonely = {k for k in range(len(docs)) if sim[k, (lab == lab[k])].max(initial=-1) < 0.05}
    ceiling2 = [f"alone-{k}" if k in lonely else m for k, m in enumerate(merged)]
    print("\nmethod                                          stories  B3-P   B3-R   B3-F1  ARI")
    rows = [
        ("newsdigest ingest + stories (CLI, JSON)", pred),
        ("  same, reported outliers as singletons", pred_alone),
        ("HDBSCAN (sklearn, same vectors, cosine)", peer_labels),
        ("  same, on every raw document (no rejection)", peer_raw),
        ("ceiling: identical texts merged", merged),
        (f"ceiling: + {len(lonely)} unrelated docs alone", ceiling2),
    ]
    for name, labels in rows:
        s = scores(labels, truth)
        print(
            f"{name:<47} {len(set(labels)):>7}  {s['P']:.3f}  {s['R']:.3f}  {s['F1']:.3f}  "
            f"{s['ARI']:.3f}"
        )
    print(
        f"\ningest: {info['count_line']}; stories: {info['stories']} "
        f"({info['outliers']} outliers reported); documents in no story: {info['missing']}"
    )
    print("timing (s): " + ", ".join(f"{k} {v:.1f}" for k, v in timing.items()))
    if args.errors:
        print_errors(docs, pred)


if __name__ == "__main__":
    main()

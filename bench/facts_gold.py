"""Facts of the bundled seed cluster against the hand-checked gold (tests/data/sochi_gold.json).

Prints precision/recall of entities, quote detection and attribution, and disagreements, with
and without publication dates, plus the event date/place and the time extract_facts takes.

    .venv/bin/python bench/facts_gold.py
"""

from __future__ import annotations

import os
import statistics
import sys
import time
from dataclasses import replace
from datetime import datetime, timezone
from pathlib import Path

from newsdigest.facts import extract_facts
from newsdigest.facts.ner import load_nlp, parse_articles
from newsdigest.facts.score import PR, load_gold, score_disagreements, score_entities, score_quotes
from newsdigest.ingest import iter_articles
from newsdigest.model import Article
from newsdigest.split import split_sentences

ROOT = Path(__file__).resolve().parents[1]
SEEDS = ROOT / "examples" / "sochi-2019"
GOLD = ROOT / "tests" / "data" / "sochi_gold.json"


def seed_cluster(published: dict[str, str] | None) -> tuple[list[Article], dict[str, str]]:
    """Clean seed articles (with the gold's publication dates when given) and id → file key."""
    articles, keys = [], {}
    for item in iter_articles(sorted(SEEDS.glob("*.txt"))):
        if not isinstance(item, Article):
            raise SystemExit(f"seed unreadable: {item}")
        key = Path(item.origin or "").name[:3]
        if published:
            day = datetime.fromisoformat(published[key]).replace(tzinfo=timezone.utc)
            item = replace(item, published=day)
        articles.append(item)
        keys[item.id] = key
    return articles, keys


def _row(pr: PR, setting: str) -> str:
    return (
        f"| {pr.name:<22} | {setting:<14} | {pr.correct:>3}/{pr.predicted:<3} | "
        f"{pr.correct:>3}/{pr.gold:<3} | {pr.precision:6.3f} | {pr.recall:6.3f} | {pr.f1:6.3f} |"
    )


def main() -> int:
    gold = load_gold(GOLD)
    t0 = time.perf_counter()
    load_nlp()
    load_s = time.perf_counter() - t0
    print(
        "| measure                | published      | correct/pred | correct/gold | P      | R      | F1     |"
    )
    print(
        "|------------------------|----------------|--------------|--------------|--------|--------|--------|"
    )
    timings = []
    for label, published in (("dates given", gold["published"]), ("no dates", None)):
        articles, keys = seed_cluster(published)
        sentences = {a.id: split_sentences(a.text, a.id) for a in articles}
        runs, cpu, nlp_runs = [], [], []
        for _ in range(3):
            t, c = time.perf_counter(), time.process_time()
            facts = extract_facts(articles, sentences)
            runs.append(time.perf_counter() - t)
            cpu.append(time.process_time() - c)
            c = time.process_time()
            parse_articles(articles)
            nlp_runs.append(time.process_time() - c)
        timings.append(
            (statistics.median(runs), statistics.median(cpu), statistics.median(nlp_runs))
        )
        ents = score_entities(facts, gold, keys)
        quotes = score_quotes(facts, gold, keys)
        dis = score_disagreements(facts, gold, keys, with_published=published is not None)
        if published:
            for pr in (*ents.values(), *quotes.values()):
                print(_row(pr, label))
        print(_row(dis, label))
        print(
            f"|   event date {facts.event_date} (gold "
            f"{gold['event_date'] if published else gold['event_date_without_published']}), "
            f"place {facts.event_place} (gold {gold['event_place']}) | {label} |"
        )
    tokens = sum(len(doc) for doc in parse_articles(articles))
    for label, (wall, cpu_s, nlp_s) in zip(("dates given", "no dates"), timings, strict=True):
        print(
            f"extract_facts, 5 seeds, {tokens} tokens, {label}: median wall {wall:.2f} s, "
            f"CPU {cpu_s:.2f} s (spaCy pipe alone {nlp_s:.2f} s CPU)"
        )
    print(f"model load (once per process): {load_s:.2f} s; load average {os.getloadavg()[0]:.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

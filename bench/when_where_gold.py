"""The facts' When/where line against human 5W1H annotations of real news articles.

The gold is Giveme5W1H's gold standard (Hamborg et al. 2019; github.com/fhamborg/Giveme5W1H,
``Giveme5W1H/examples/datasets/gold_standard/data`` at commit fb427b8): 96 articles of 13
events from 2016 (a tram crash, a consulate attack, Trump meeting Obama, ...), each with the
phrases three coders marked as the article's "when" (with the day it means) and "where".
It is not in the repository (publishers' text); give the folder of its JSON files:

    .venv/bin/python bench/when_where_gold.py --gold DIR

Two readings, both printed: each article alone as a one-article story (the event place and
day of its facts), and each event's articles together as one story (the When/where line a
reader of the digest sees), scored against every annotation of the event's articles.
A place is right when it and an annotated phrase name the same thing (one's words inside the
other's: "White House" in "at the White House"); a day when it is a day an annotation means.
No answer counts as wrong in the accuracy; precision is over the answers given.
"""

from __future__ import annotations

import argparse
import ast
import json
import re
import sys
import time
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from newsdigest.clean import clean_article  # noqa: E402
from newsdigest.facts import extract_facts  # noqa: E402
from newsdigest.model import Article, Facts, article_id  # noqa: E402
from newsdigest.split import split_sentences  # noqa: E402

_WORD = re.compile(r"[a-z0-9]+(?:[-'][a-z0-9]+)*")
_FILLER = frozenset("in at the of on near a an".split())


@dataclass(frozen=True)
class GoldArticle:
    event: str
    article: Article
    places: tuple[str, ...]
    days: tuple[str, ...]


def _annotations(raw: object) -> list[dict]:
    if isinstance(raw, str):
        raw = ast.literal_eval(raw)
    return [a for a in raw or [] if isinstance(a, dict)]


def read_gold(folder: Path) -> list[GoldArticle]:
    rows = []
    for path in sorted(folder.glob("*.json")):
        d = json.loads(path.read_text(encoding="utf-8"))
        five = d.get("fiveWoneH") or {}
        where = _annotations((five.get("where") or {}).get("annotated"))
        when = _annotations((five.get("when") or {}).get("annotated"))
        published = None
        if d.get("date_publish") and str(d["date_publish"]) != "None":
            published = datetime.fromisoformat(str(d["date_publish"])).replace(tzinfo=timezone.utc)
        text = d.get("text") or ""
        raw = Article(
            id=article_id(text),
            text=text,
            title=d.get("title") or "",
            url=d.get("url"),
            source=d.get("publisher"),
            published=published,
        )
        rows.append(
            GoldArticle(
                event=d.get("category") or path.stem,
                article=clean_article(raw),
                places=tuple(a["text"] for a in where if a.get("text")),
                days=tuple(str(a["parsed"])[:10] for a in when if a.get("parsed")),
            )
        )
    return rows


def _words(text: str) -> list[str]:
    return [w for w in _WORD.findall(text.lower()) if w not in _FILLER]


def same_place(found: str, phrase: str) -> bool:
    """One names the other: every word of the shorter in the longer, in order."""
    a, b = _words(found), _words(phrase)
    if not a or not b:
        return False
    short, long = (a, b) if len(a) <= len(b) else (b, a)
    n = len(short)
    return any(long[k : k + n] == short for k in range(len(long) - n + 1))


@dataclass
class Tally:
    answered: int = 0
    right: int = 0
    total: int = 0

    def add(self, answer: str | None, ok: bool) -> None:
        self.total += 1
        self.answered += answer is not None
        self.right += answer is not None and ok

    def row(self, name: str) -> str:
        p = self.right / self.answered if self.answered else 0.0
        return (
            f"| {name:<26} | {self.total:>3} | {self.answered:>3} | {self.right:>3} | "
            f"{p:5.3f} | {self.right / max(self.total, 1):5.3f} |"
        )


def place_right(facts: Facts, phrases: Sequence[str]) -> bool:
    """The answer, or one of its entity's other names ("UK" for "United Kingdom"), names
    what an annotation names."""
    if facts.event_place is None:
        return False
    names = {facts.event_place}
    for e in facts.entities:
        if e.name == facts.event_place:
            names.update(e.aliases)
    return any(same_place(n, x) for n in names for x in phrases)


def facts_of(articles: list[Article]) -> Facts:
    sents = {a.id: split_sentences(a.text, a.id) for a in articles}
    return extract_facts(articles, sents)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--gold", type=Path, required=True, help="folder of the gold JSON files")
    ap.add_argument("--show", action="store_true", help="print every answer and its gold")
    args = ap.parse_args()
    gold = read_gold(args.gold)
    t0 = time.perf_counter()
    place, day = Tally(), Tally()
    for g in gold:
        facts = facts_of([g.article])
        p_ok = place_right(facts, g.places)
        d_ok = facts.event_date in g.days
        if g.places:  # some articles have no "where" marked: nothing to score
            place.add(facts.event_place, p_ok)
        if g.days:
            day.add(facts.event_date, d_ok)
        if args.show:
            print(
                f"{g.event[:18]:<18} {'+' if p_ok else '-'} {facts.event_place!s:<22} "
                f"{'|'.join(g.places)[:50]:<50} {'+' if d_ok else '-'} {facts.event_date} "
                f"{'|'.join(sorted(set(g.days)))}"
            )
    by_event: dict[str, list[GoldArticle]] = defaultdict(list)
    for g in gold:
        by_event[g.event].append(g)
    s_place, s_day = Tally(), Tally()
    for event, rows in sorted(by_event.items()):
        facts = facts_of([g.article for g in rows])
        places = [x for g in rows for x in g.places]
        days = {x for g in rows for x in g.days}
        p_ok = place_right(facts, places)
        if places:
            s_place.add(facts.event_place, p_ok)
        if days:
            s_day.add(facts.event_date, facts.event_date in days)
        if args.show:
            print(f"STORY {event[:24]:<24} {facts.event_place} {p_ok}  {facts.event_date}")
    print(f"{len(gold)} articles, {len(by_event)} events, {time.perf_counter() - t0:.1f} s\n")
    print("| reading                    |   n | answered | right | precision | accuracy |")
    print("|---|---:|---:|---:|---:|---:|")
    print(place.row("where, each article"))
    print(day.row("when, each article"))
    print(s_place.row("where, each event's story"))
    print(s_day.row("when, each event's story"))


if __name__ == "__main__":
    main()

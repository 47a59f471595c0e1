"""Precision and recall of extracted facts against a hand-checked gold file.

The gold file names articles by a short key (the seed file prefix); ``keys`` maps article ids to
those keys. Entities match on any gold spelling; "typed" also needs the right type and
"canonical" the gold's canonical name. A quote matches when it holds the gold's words; its
attribution is right when the speaker is the gold's. A disagreement matches when it has the same
kind, values and articles per value.
"""

from __future__ import annotations

import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from newsdigest.facts.canonical import fold
from newsdigest.model import Facts


@dataclass(frozen=True)
class PR:
    """Matched predictions and gold items, and the totals they are rates of."""

    name: str
    correct: int
    predicted: int
    gold: int

    @property
    def precision(self) -> float:
        return self.correct / self.predicted if self.predicted else 1.0

    @property
    def recall(self) -> float:
        return self.correct / self.gold if self.gold else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def load_gold(path: str | Path) -> dict[str, Any]:
    return json.loads(Path(path).read_text(encoding="utf-8"))


def _key(name: str) -> str:
    return re.sub(r"^the\s+", "", fold(name.replace(".", "")))


def score_entities(
    facts: Facts, gold: Mapping[str, Any], keys: Mapping[str, str] | None = None
) -> dict[str, PR]:
    by_spelling: dict[str, dict[str, Any]] = {}
    for g in gold["entities"]:
        for spelling in (g["name"], *g.get("aliases", ())):
            by_spelling[_key(spelling)] = g
    optional = {_key(o["name"]) for o in gold.get("optional_entities", ())}
    hits: dict[str, set[str]] = {"name": set(), "typed": set(), "canonical": set()}
    counted = 0
    for e in facts.entities:
        g = by_spelling.get(_key(e.name))
        if g is None:
            if _key(e.name) not in optional:
                counted += 1
            continue
        counted += 1
        hits["name"].add(g["name"])
        if e.type == g["type"]:
            hits["typed"].add(g["name"])
            if e.name == g["name"]:
                hits["canonical"].add(g["name"])
    total = len(gold["entities"])
    scores = {
        kind: PR(f"entities ({kind})", len(found), counted, total) for kind, found in hits.items()
    }
    scores["articles"] = _score_entity_articles(facts, gold, by_spelling, keys)
    return scores


def _score_entity_articles(
    facts: Facts,
    gold: Mapping[str, Any],
    by_spelling: Mapping[str, Mapping[str, Any]],
    keys: Mapping[str, str] | None,
) -> PR:
    """(entity, article) pairs for the gold entities that list their articles."""
    listed = {g["name"]: set(g["articles"]) for g in gold["entities"] if "articles" in g}
    predicted: set[tuple[str, str]] = set()
    for e in facts.entities:
        g = by_spelling.get(_key(e.name))
        if g is not None and g["name"] in listed:
            predicted |= {(g["name"], (keys or {}).get(a, a)) for a in e.articles}
    wanted = {(name, a) for name, arts in listed.items() for a in arts}
    return PR("entity-article pairs", len(predicted & wanted), len(predicted), len(wanted))


def _quote_matches(quote_text: str, gold_text: str) -> bool:
    norm = " ".join(quote_text.split()).replace("’", "'")
    return " ".join(gold_text.split()).replace("’", "'") in norm


def score_quotes(facts: Facts, gold: Mapping[str, Any], keys: Mapping[str, str]) -> dict[str, PR]:
    """Quote detection, and attribution (a speaker given is right; every gold speaker found)."""
    gold_quotes = gold["quotes"]
    found: set[int] = set()
    right: set[int] = set()
    matched_predictions = 0
    with_speaker = 0
    for q in facts.quotes:
        key = keys.get(q.article)
        hits = [
            i
            for i, g in enumerate(gold_quotes)
            if g["article"] == key and _quote_matches(q.text, g["contains"])
        ]
        if q.speaker:
            with_speaker += 1
        if hits:
            matched_predictions += 1
            found.update(hits)
            if q.speaker and any(gold_quotes[i]["speaker"] == q.speaker for i in hits):
                right.update(i for i in hits if gold_quotes[i]["speaker"] == q.speaker)
    gold_with_speaker = sum(1 for g in gold_quotes if g.get("speaker"))
    return {
        "detection": PR(
            "quotes (detection)", matched_predictions, len(facts.quotes), len(gold_quotes)
        ),
        "attribution": PR("quotes (speaker)", len(right), with_speaker, gold_with_speaker),
    }


def score_disagreements(
    facts: Facts, gold: Mapping[str, Any], keys: Mapping[str, str], *, with_published: bool = True
) -> PR:
    expected = [g for g in gold["disagreements"] if with_published or not g.get("needs_published")]
    wanted = [
        (g["kind"], {_key(v): frozenset(arts) for v, arts in g["claims"].items()}) for g in expected
    ]
    correct = 0
    for d in facts.disagreements:
        got = (
            d.kind,
            {_key(c.value): frozenset(keys.get(a, a) for a in c.articles) for c in d.claims},
        )
        if got in wanted:
            correct += 1
    return PR("disagreements", correct, len(facts.disagreements), len(expected))

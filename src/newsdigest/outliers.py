"""Articles inside a cluster that are about another event: reported, never summarized.

Three cheap, explainable signals, each producing a reason a reader can check:
- time: published far from the rest of the story (when dates are known);
- place: the article's lead sets its event somewhere else and never mentions the place the
  other articles agree on (two meetings of the same people, months apart, in two cities);
- content: it shares almost no vocabulary with the others.
An article is only flagged against a clear majority, so a two-article story never loses one.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from datetime import datetime
from itertools import pairwise

import numpy as np
from scipy import sparse

from newsdigest.model import Article, Outlier, Sentence
from newsdigest.names import has_word, is_country
from newsdigest.tfidf import tfidf_rows
from newsdigest.timeutil import utc

WINDOW_DAYS = 7
MIN_CONTENT_SIMILARITY = 0.05

_NOT_PLACES = frozenset(
    """Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May
    June July August September October November December The This That General Addition
    Particular Fact Total Order Response Turn Contrast Election Elections Congress Parliament
    Government Office Time Holocaust Senate House Court War""".split()
)
# "\b(?:in|at)", written as the letter and then the look back ("i(?<!\wi)n": no word
# character before the "i"), so the search skips ahead to an "i" or an "a" instead of trying
# the boundary at every position (half the time over an article). A place's second word is on
# its line: 44 of the local sets' 8,116 places had run over a line's end, every one wrongly
# ("Nice\nHarrowing", "Berkeley \n \n Photo", "Afghanistan\nExplosion")
_IN_PLACE = re.compile(
    r"(?:i(?<!\wi)n|a(?<!\wa)t)\s+(?:the\s+)?(?:[A-Z][a-z]+['’]s\s+)?"
    r"(?P<place>[A-Z][a-z]{2,}(?:[^\S\r\n]+[A-Z][a-z]{2,})?)\b(?!['’]s)(?P<after>\s+[a-z]+)?"
)
# A demonym-shaped word followed by a lowercase word is an adjective ("in American elections"),
# unless that word is one that follows places ("in Iran and Syria").
_DEMONYM = re.compile(r"(?:an|ese|ish|ic)$")
_PLACE_FOLLOWERS = frozenset(
    """on and with at to last this after before since where which that when as amid over from
    during earlier today yesterday is was were has have had will by of or but""".split()
)
_DATELINE = re.compile(
    r"^(?P<place>[A-Z]{3,}(?:\s+[A-Z]{3,})?)\s*(?:,[^–—\n-]{0,30})?\s*[–—-]\s", re.M
)
_NAME_GOES_ON = re.compile(r"-[^\W\d_]|[^\S\r\n]+[A-Z][a-z]{2,}")
_LEAD_SENTENCES = 2


def _places(text: str) -> list[str]:
    """Places an event is set in ("in Sochi", "at Rovaniemi", a "MOSCOW –" dateline), in order."""
    found = [m.group("place").title() for m in _DATELINE.finditer(text)]
    for m in _IN_PLACE.finditer(text):
        after = (m.group("after") or "").strip()
        place = m.group("place")
        adjective = after and after not in _PLACE_FOLLOWERS and _DEMONYM.search(place)
        # a name cut short is a person's ("in Jordan Vogt-Roberts' fantasy": a Multi-News
        # review was left out as about an event in "Jordan Vogt"), an institution's or a
        # race's ("at Texas Southern University", "at Montefiore Medical Center": NeuS
        # reports left out as never mentioning "Texas Southern"), not a place; at a hyphen
        # ("Winston" of Winston-Salem) or before a third capitalized word
        cut = _NAME_GOES_ON.match(text, m.end("place"))
        if adjective or cut or place.endswith("ing"):
            continue
        found.append(place)
    return list(dict.fromkeys(p for p in found if p.split()[0] not in _NOT_PLACES))


def _lead(article: Article, sentences: Sequence[Sentence]) -> str:
    """The headline and the first sentences, a line each: a place's two words never span a
    line's end ("... consulate in Afghanistan" over "Explosion and gunfire ...": a dev-stream
    article was left out as "about an event in Afghanistan Explosion")."""
    return "\n".join([article.title, *(s.text for s in sentences[:_LEAD_SENTENCES])])


def _by_time(articles: Sequence[Article]) -> dict[str, str]:
    """Articles cut off in time from the story's main run of coverage: the dated articles are
    split wherever ``WINDOW_DAYS`` pass without one, and those outside the largest run are
    about another event, when that run is a clear majority. Coverage that goes on week after
    week is one run however long it lasts (the clusterer keeps such a story open); a meeting
    seven months later is not."""
    # a naive date is UTC (a caller may mix naive and aware dates)
    dated = sorted((utc(a.published), a.id) for a in articles if a.published is not None)
    if len(dated) < 3:
        return {}
    runs: list[list[tuple[datetime, str]]] = [[dated[0]]]
    for before, item in pairwise(dated):
        if (item[0] - before[0]).total_seconds() / 86400 > WINDOW_DAYS:
            runs.append([])
        runs[-1].append(item)
    main = max(runs, key=len)
    if len(main) * 2 <= len(dated) or sum(len(r) == len(main) for r in runs) > 1:
        return {}  # no clear main run: which part is the story is not for time to say
    first, last = main[0][0], main[-1][0]
    reasons = {}
    for when, article_id in dated:
        if first <= when <= last:
            continue
        days = ((first - when) if when < first else (when - last)).total_seconds() / 86400
        side = "before" if when < first else "after"
        reasons[article_id] = (
            f"published {when.date().isoformat()}, {days:.0f} days {side} the rest of the "
            f"story ({first.date().isoformat()} to {last.date().isoformat()})"
        )
    return reasons


def _by_place(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> dict[str, str]:
    if len(articles) < 3:
        return {}
    # lists (first mention first), not sets: a tie for the majority place went to whichever
    # place a set of strings happened to yield first, which changed with the hash seed
    mentioned = {a.id: _places(a.title + "\n" + a.text) for a in articles}
    counts = Counter(p for places in mentioned.values() for p in places)
    if not counts:
        return {}
    majority, n = counts.most_common(1)[0]
    if n * 2 <= len(articles):
        return {}
    # every place more than half the articles name: the story is set in any of them (Largo
    # and its park "Largo Central", 3 of 4 each: a Multi-News report set "in Largo" was left
    # out as never mentioning the park, the place the tie happened to go to)
    shared = [p for p, k in counts.items() if k * 2 > len(articles)]
    majority_ids = [a.id for a in articles if majority in mentioned[a.id]]
    majority_country = is_country(majority)
    reasons = {}
    for a in articles:
        text = a.title + "\n" + a.text
        # also in capitals: a dateline names the place ("WARSAW — President Andrzej Duda
        # said ...": a Multi-News article was left out as "never mentioning" Warsaw); not in
        # lower case ("nice weather" is no mention of Nice)
        if any(has_word(p, text) or has_word(p.upper(), text) for p in shared):
            continue
        lead_places = [p for p in _places(_lead(a, sentences.get(a.id, ()))) if p != majority]
        if lead_places and is_country(lead_places[0]) == majority_country:
            # a country beside a city may hold it: "Trump to meet Putin in Finland" is the
            # summit the others place in Helsinki (a NeuS article had been left out)
            place = lead_places[0]
            reasons[a.id] = (
                f"about an event in {place}; the other articles ({len(majority_ids)} of "
                f"{len(articles)}) report it in {majority}, which this one never mentions"
            )
    return reasons


def dense_row(rows: sparse.csr_matrix, i: int) -> np.ndarray:
    """Row ``i`` as ``rows[i].toarray().ravel()`` gives it (each column once per row, as
    ``tfidf_rows`` makes them), without scipy's row slicing: a tenth of the outlier test."""
    row = np.zeros(rows.shape[1], dtype=rows.dtype)
    span = slice(rows.indptr[i], rows.indptr[i + 1])
    row[rows.indices[span]] = rows.data[span]
    return row


def _by_content(articles: Sequence[Article]) -> dict[str, str]:
    if len(articles) < 3:
        return {}
    try:
        vectors = tfidf_rows([a.title + "\n" + a.text for a in articles], dtype=np.float64)
    except ValueError:
        return {}
    # one dense row at a time: the whole articles x vocabulary array grew quadratically
    total = np.asarray(vectors.sum(axis=0)).ravel()
    reasons = {}
    for i, a in enumerate(articles):
        row = dense_row(vectors, i)
        rest = total - row
        norm = np.linalg.norm(rest) * np.linalg.norm(row)
        sim = float(row @ rest / norm) if norm else 0.0
        if sim < MIN_CONTENT_SIMILARITY:
            reasons[a.id] = (
                f"shares almost no content with the other articles (similarity {sim:.2f})"
            )
    return reasons if len(reasons) * 2 < len(articles) else {}


def find_outliers(
    articles: Sequence[Article], sentences: Mapping[str, Sequence[Sentence]]
) -> tuple[Outlier, ...]:
    """Outliers of one cluster with their reasons, in article order.

    Time and place are judged among the articles that share the story's content: a page of
    site menus filed with the story is no witness to when or where it happened (a dev-stream
    story of three had lost its best article as "11 days after" a run of two, one of them
    such a page, and was left with one)."""
    reasons = _by_content(articles)
    kept = [a for a in articles if a.id not in reasons]
    for signal in (_by_time(kept), _by_place(kept, sentences)):
        for article_id, reason in signal.items():
            reasons.setdefault(article_id, reason)
    return tuple(Outlier(a.id, reasons[a.id]) for a in articles if a.id in reasons)

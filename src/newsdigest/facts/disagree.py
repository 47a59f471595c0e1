"""Facts on which the sources of a story differ, and which source says which value.

Only like is compared with like: the event's place and date per article, the speaker the outlets
name for the same quoted words, and quantities (durations, counts) of the same kind stated about
the same event. A duration of an earlier meeting ("their talks in Rovaniemi on May 6 lasted about
an hour") is not a contradiction of the duration of this one ("nearly two hours on Tuesday"), so
every quantity carries the place and date its sentence (or the one before) is about.
"""

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from difflib import SequenceMatcher

from newsdigest.facts.canonical import name_pattern, same_person_name
from newsdigest.facts.quotes import Attributed, NamedElsewhere, content_words
from newsdigest.facts.when_where import EVENT_DAYS_BEFORE, DateMention, reported_day
from newsdigest.model import Article, Claim, Disagreement, Entity, Sentence
from newsdigest.names import lies_within

_NUMBER_WORDS = {
    "a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
    "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "twenty": 20,
    "thirty": 30, "forty": 40, "fifty": 50, "hundred": 100, "dozen": 12, "half": 0.5,
}  # fmt: skip
_NUM = r"(?:\d[\d,]*(?:\.\d+)?|" + "|".join(sorted(_NUMBER_WORDS, key=len, reverse=True)) + r")"
_HEDGE = (
    r"(?:about|around|nearly|almost|roughly|some|approximately|more than|over|less than|under"
    r"|at least|up to|just over|just under)"
)
_DURATION = re.compile(
    rf"\b(?P<hedge>{_HEDGE}\s+)?(?P<n>{_NUM})(?:\s+and\s+a\s+half)?\s+(?P<unit>minutes?|hours?|days?)\b",
    re.I,
)
_UNIT_MINUTES = {"minute": 1, "hour": 60, "day": 1440}
# Casualty counts only: "people" alone counts anything (a town of 40,000 people), so a count is
# compared only when it is a number of dead or of injured.
_COUNT = re.compile(
    rf"\b(?P<hedge>{_HEDGE}\s+)?(?P<n>{_NUM})\s+(?:(?P<who>people|persons|civilians|soldiers|troops"
    r"|passengers|children|protesters|migrants|workers)\s+)?(?:(?:have|had|has|were|was|been|are"
    r"|is|reportedly|reported|now|later|since|being)\s+){0,3}(?P<noun>killed|dead|died|deaths"
    r"|injured|wounded|hurt)\b",
    re.I,
)
_COUNT_KIND = {"killed": "deaths", "dead": "deaths", "died": "deaths", "deaths": "deaths"}
_MEETING = re.compile(r"\b(?:talks|meeting|meetings|met|conversation|negotiations|session)\b", re.I)
# a count's noun, which every _COUNT match ends with: a sentence without one is not searched
_COUNT_NOUN = re.compile(r"\b(?:killed|dead|died|deaths|injured|wounded|hurt)\b", re.I)


@dataclass(frozen=True)
class Quantity:
    """A duration or count one article states, with the event its sentence is about."""

    kind: str  # "duration of the talks" | "number of killed" ...
    value: float
    text: str
    article: str
    place: str | None
    date: str | None
    bound: str | None = None  # "min" for "more than 7,500", "max" for "up to 20"

    def agrees_with(self, other: Quantity) -> bool:
        """Same value (within 10% from a hundred up: "143 million" and "145.5 million"; below,
        "25 injured" and "27 injured" differ), or a bound the other value satisfies."""
        a, b = self.value, other.value
        if a == b or max(a, b) >= ROUNDED_FROM and abs(a - b) <= 0.1 * max(a, b):
            return True
        if self.bound == "min" and b >= a or self.bound == "max" and b <= a:
            return True
        return other.bound == "min" and a >= b or other.bound == "max" and a <= b


# Counts from here up are often rounded or revised by a few; smaller ones are exact.
ROUNDED_FROM = 100

_MIN_HEDGE = {"more than", "over", "at least", "just over"}
_MAX_HEDGE = {"less than", "under", "up to", "just under"}


def _bound(hedge: str | None) -> str | None:
    h = " ".join((hedge or "").lower().split())
    return "min" if h in _MIN_HEDGE else "max" if h in _MAX_HEDGE else None


def _number(text: str) -> float | None:
    low = text.lower().replace(",", "")
    if low in _NUMBER_WORDS:
        return float(_NUMBER_WORDS[low])
    try:
        return float(low)
    except ValueError:
        return None


def _sentence_context(
    sentence: Sentence,
    previous: Sentence | None,
    places: Sequence[tuple[re.Pattern[str], str]],
    dates: Sequence[DateMention],
    default_place: str | None,
    default_date: str | None,
) -> tuple[str | None, str | None]:
    """The (place, date) a sentence is about: its own, else the sentence before's, else the
    article's event."""

    def own(s: Sentence) -> tuple[str | None, str | None]:
        place = next((name for pat, name in places if pat.search(s.text)), None)
        # "25 people were injured, police said Wednesday": the day it was said is no event's
        # (the dev stream's Rhine boat crash: a count dated so was never set beside another's)
        named = [
            d
            for d in dates
            if d.sentence == s.index and not reported_day(s.text, d.start - s.start)
        ]
        day = next((d.value for d in named if d.value), None)
        return place, day if day else ("?" if named else None)

    place, day = own(sentence)
    if (place is None or day is None) and previous is not None:
        p_place, p_day = own(previous)
        place = place or p_place
        day = day or p_day
    place = place or default_place
    if day in (None, "?"):
        day = default_date if day is None else None
    return place, day


def find_quantities(
    article: Article,
    sentences: Sequence[Sentence],
    places: Sequence[Entity],
    dates: Sequence[DateMention],
    event_place: str | None,
    event_date: str | None,
) -> list[Quantity]:
    """Durations of meetings and counts of people an article states."""
    patterns = [(name_pattern((p.name, *p.aliases)), p.name) for p in places if p.type == "PLACE"]
    article_dates = [d for d in dates if d.article == article.id]
    out: list[Quantity] = []
    for i, sent in enumerate(sentences):
        previous = sentences[i - 1] if i else None
        # a duration counts only in a sentence about a meeting, so only such sentences are
        # searched (the number pattern is tried at every word; most sentences have neither)
        durations = _DURATION.finditer(sent.text) if _MEETING.search(sent.text) else ()
        for m in durations:
            n = _number(m.group("n"))
            if n is None:
                continue
            if re.search(r"and\s+a\s+half", m.group()):
                n += 0.5
            unit = m.group("unit").lower().rstrip("s")
            place, day = _sentence_context(
                sent, previous, patterns, article_dates, event_place, event_date
            )
            out.append(
                Quantity("duration of the talks", n * _UNIT_MINUTES[unit], m.group().strip(),
                         article.id, place, day, _bound(m.group("hedge")))
            )  # fmt: skip
        counts = _COUNT.finditer(sent.text) if _COUNT_NOUN.search(sent.text) else ()
        for m in counts:
            if m.group("n").lower() in ("a", "an"):
                continue  # "an injured man", "a dead body": a person, not a count (dev stream)
            if re.search(r"\b(?:no|not\s+a\s+single)\s+$", sent.text[: m.start("n")], re.I):
                continue  # "no one was injured" is none (dev stream), not one
            n = _number(m.group("n"))
            if n is None:
                continue
            place, day = _sentence_context(
                sent, previous, patterns, article_dates, event_place, event_date
            )
            kind = _COUNT_KIND.get(m.group("noun").lower(), "injuries")
            who = (m.group("who") or "people").lower()
            if who not in ("people", "persons"):
                # "Two children died" counts some of the dead, not all ("more than 70 people
                # dead", the dev stream's Nice attack): compared only with counts of children
                kind = f"{kind} among {who}"
            if re.search(r"\b(?:since|so far|in total|now|overall|toll)\b", sent.text, re.I):
                continue  # a running total is not the count of one event
            out.append(
                Quantity(f"number of {kind}", n, m.group().strip(), article.id, place, day,
                         _bound(m.group("hedge")))
            )  # fmt: skip
    return out


def _claims(values: Mapping[str, Sequence[str]]) -> tuple[Claim, ...]:
    claims = [Claim(value=v, articles=tuple(sorted(set(a)))) for v, a in values.items()]
    claims.sort(key=lambda c: (-len(c.articles), c.value))
    return tuple(claims)


def value_disagreement(
    kind: str, subject: str, per_article: Mapping[str, str | None]
) -> Disagreement | None:
    """Articles giving different values for one fact (articles giving none are left out)."""
    values: dict[str, list[str]] = defaultdict(list)
    for article, value in per_article.items():
        if value:
            values[value].append(article)
    if len(values) < 2:
        return None
    return Disagreement(kind=kind, subject=subject, claims=_claims(values))


def place_disagreement(
    per_article: Mapping[str, str | None], articles: Sequence[Article]
) -> Disagreement | None:
    """``value_disagreement`` of the articles' event places, unless every two of them are
    written together somewhere in the story ("near the Sandilands tram stop in Croydon",
    "Sandilands, Croydon") or one lies in the other by the gazetteer: one place at two scales,
    not two places (dev stream: the Croydon tram crash, one outlet's Croydon against another's
    Sandilands; NeuS val: Hurricane Harvey's "Houston ([2]); Texas ([3])")."""
    found = value_disagreement("place", "where the event took place", per_article)
    if found is None:
        return None
    names = [c.value for c in found.claims]
    texts = [a.text for a in articles]
    if all(
        lies_within(a, b) or lies_within(b, a) or _written_together(a, b, texts)
        for i, a in enumerate(names)
        for b in names[i + 1 :]
    ):
        return None
    return found


def _written_together(a: str, b: str, texts: Sequence[str], reach: int = 40) -> bool:
    """Whether some text names ``a`` and ``b`` within ``reach`` characters of each other."""
    pattern = re.compile(
        rf"\b{re.escape(a)}\b.{{0,{reach}}}\b{re.escape(b)}\b"
        rf"|\b{re.escape(b)}\b.{{0,{reach}}}\b{re.escape(a)}\b"
    )
    return any(pattern.search(t) for t in texts)


def date_disagreement(
    per_article: Mapping[str, str | None], written: Mapping[str, date] | None = None
) -> Disagreement | None:
    """``value_disagreement`` of the articles' event days, unless they all lie within one day
    of each other: a late-night event or a time zone dates it a day apart (dev stream: the Nice
    attack "2016-07-14 (4); 2016-07-15 (1)", a Super Bowl show "2018-02-04 (3); 2018-02-05 (1)":
    7 of the 20 date lines of 69 events were one day apart). ``written``: the day each article
    was written, where known. A day after another article was written (and the next, as an
    event's own day may run a day ahead of its stamp) is a later happening that article could
    not report, not its account of this one (dev stream: a bitcoin plunge "yesterday" in a
    piece of January 31 against the plunge below $6,000 of February 6; funding approved on a
    Wednesday against a party vote the Sunday after), as long as it is within the
    ``EVENT_DAYS_BEFORE`` an article's own event may lie before it: the story's next days.
    Months or years later the two articles are about events the story should not have joined,
    and the line stays to show it (the seeds' Lavrov-Pompeo meeting in Washington in December
    beside their talks in Sochi in May)."""
    days: dict[str, date] = {}
    for article, value in per_article.items():
        if value:
            try:
                days[article] = date.fromisoformat(value)
            except ValueError:  # a month or a year: compared as values
                return value_disagreement("date", "when the event took place", per_article)
    if not days or (max(days.values()) - min(days.values())).days <= 1:
        return None
    written = written or {}

    def later_happening(article: str, day: date) -> bool:
        known = written.get(article)
        return known is not None and 1 < (day - known).days <= EVENT_DAYS_BEFORE

    differing = {
        a: per_article[a]
        for a, day in days.items()
        if any(
            abs((day - other).days) > 1
            and not later_happening(a, other)
            and not later_happening(b, day)
            for b, other in days.items()
        )
    }
    return value_disagreement("date", "when the event took place", differing)


def _one_value_each(
    values: Mapping[str, list[str]], size: Mapping[str, float]
) -> dict[str, list[str]]:
    """The values with an article that gives several of them kept only under those another
    article also gives: several counts of one kind in one article are other things counted (a
    list of earlier shootings, "13 dead", "26 killed", "32 killed", beside "at least 50 people
    dead": a dev-stream story's "Sources differ" with the one article on every side), or one
    count as it rose, not one outlet against another. An article none of whose counts another
    gives keeps its largest, the toll as it rose ("12 killed", then "30 killed", against
    another outlet's "45 killed": two sources that differ, which had gone unsaid)."""
    given: Counter[str] = Counter(a for arts in values.values() for a in set(arts))
    shared = {a for arts in values.values() if len(set(arts)) > 1 for a in arts}
    largest: dict[str, str] = {}
    for key, arts in values.items():
        for a in dict.fromkeys(arts):
            if a not in shared and (a not in largest or size[key] > size[largest[a]]):
                largest[a] = key
    out: dict[str, list[str]] = {}
    for key, arts in values.items():
        kept = [a for a in arts if given[a] == 1 or len(set(arts)) > 1 or largest.get(a) == key]
        if kept:
            out[key] = kept
    return out


def quantity_disagreements(quantities: Sequence[Quantity]) -> list[Disagreement]:
    """Quantities of one kind about one event that differ between articles. The event must be
    known (place and date both resolved) or nothing is compared: two counts of "killed" in one
    cluster are as often two incidents as one incident counted twice."""
    groups: dict[tuple[str, str, str], list[Quantity]] = defaultdict(list)
    for q in quantities:
        if q.place and q.date:
            groups[(q.kind, q.place, q.date)].append(q)
    out = []
    for (kind, place, day), qs in groups.items():
        if len({q.article for q in qs}) < 2:
            continue
        values: dict[str, list[str]] = defaultdict(list)
        reps: dict[str, Quantity] = {}
        for q in qs:
            key = next((k for k, r in reps.items() if r.agrees_with(q)), None)
            if key is None:
                key = q.text
                reps[key] = q
            values[key].append(q.article)
        values = _one_value_each(values, {k: r.value for k, r in reps.items()})
        if len(values) < 2 or len({a for arts in values.values() for a in arts}) < 2:
            continue
        out.append(Disagreement("number", f"{kind} in {place} on {day}", _claims(values)))
    return out


# Words before a name that are not the name ("Mr Zhu", "Dr Guerras", "Mallam Garba Shehu")
_HONORIFICS = frozenset(
    """mr mrs ms miss dr prof professor sir dame lord lady mallam sheikh rabbi father rev
    sen senator rep gov governor president minister judge justice gen general col""".split()
)


def _name_words(name: str) -> frozenset[str]:
    words = [w.strip(".,").casefold() for w in name.split()]
    return frozenset(w for w in words if w and w not in _HONORIFICS)


def _bare_name(name: str) -> str:
    """The name without its honorifics, in its order ("Mr. Jon Hubbard" -> "Jon Hubbard")."""
    return " ".join(w for w in name.split() if w.strip(".,").casefold() not in _HONORIFICS)


def one_person_names(names: Iterable[str]) -> dict[str, str]:
    """Each name mapped to the one fuller name that holds all its words, honorifics aside
    ("Sarah" and "Sarah Silverman", "Mr Zhu" and "Zhu Congpeng", "Mallam Garba Shehu" and
    "Garba Shehu": one person each), or that names the same person in other words ("Jon
    Hubbard", "Jonathan Hubbard": a Multi-News story's false disagreement on who said it);
    a name two fuller names hold ("Smith": "Anna Smith", "John Smith") stays itself."""
    ordered = sorted(set(names), key=lambda n: (-len(_name_words(n)), -len(n), n))
    out: dict[str, str] = {}
    for name in ordered:
        words, bare = _name_words(name), _bare_name(name)
        holders = [
            o
            for o, rep in out.items()
            if o == rep
            and words
            and (words <= _name_words(o) or same_person_name(bare, _bare_name(o)))
        ]
        out[name] = holders[0] if len(holders) == 1 else name
    return out


# Words in a row two quotes must share to be one statement: a phrase shorter than this is one
# that several people use ("an unprecedented, serious and grave threat": Abe and his cabinet
# secretary Suga both, in a dev-stream story of a missile over Japan), and topic words in
# another order are another statement ("The fireworks had finished when we saw people running
# and screaming" and "... all these people were running ... and screaming", two witnesses)
MIN_SHARED_RUN = 6
_RUN_WORD = re.compile(r"[^\W_]+(?:['’-][^\W_]+)*")


def _run_words(text: str) -> list[str]:
    return [w.casefold() for w in _RUN_WORD.findall(text)]


def _longest_shared_run(a: Sequence[str], b: Sequence[str]) -> int:
    """The number of words of the longest run of words ``a`` and ``b`` both hold."""
    return SequenceMatcher(None, a, b, autojunk=False).find_longest_match().size


def attribution_disagreements(quotes: Sequence[Attributed]) -> list[Disagreement]:
    """The same quoted words given to different speakers by name or title in different
    outlets: most of their content words, and a run of ``MIN_SHARED_RUN`` words in the same
    order (one statement, not a phrase or a topic two speakers share)."""
    words = [content_words(a.quote.text) for a in quotes]
    runs = [_run_words(a.quote.text) for a in quotes]
    out: list[Disagreement] = []
    seen: set[frozenset[int]] = set()
    named = NamedElsewhere(quotes)
    for i, a in enumerate(quotes):
        if a.trust < 2 or not a.quote.speaker:
            continue
        group = {i}
        for j in named.outside(a.quote.article):
            shared = len(words[i] & words[j])
            if (
                shared >= 4
                and shared >= 0.5 * min(len(words[i]), len(words[j]))
                and _longest_shared_run(runs[i], runs[j]) >= MIN_SHARED_RUN
            ):
                group.add(j)
        key = frozenset(group)
        person = one_person_names(quotes[k].quote.speaker or "" for k in group)
        speakers = {person[quotes[k].quote.speaker or ""] for k in group}
        if len(speakers) < 2 or key in seen:
            continue
        seen.add(key)
        values: dict[str, list[str]] = defaultdict(list)
        for k in group:
            values[person[quotes[k].quote.speaker or ""]].append(quotes[k].quote.article)
        excerpt = " ".join(a.quote.text.split()[:8])
        out.append(Disagreement("attribution", f"speaker of “{excerpt} …”", _claims(values)))
    return out

"""Quotes as a reader sees them: a statement several outlets report is listed once, citing all.

Kept apart from the fact extractors (and their spaCy) so that rendering a stored story loads
nothing heavy.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, replace

from newsdigest.model import Quote
from newsdigest.overlap import MIN_WORDS, shares_most

_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_STOP = frozenset(
    """that this with from have there their they were which would will what when where about
    been also into than then them these those your ours only such some more most very other
    just over even after before being could should while""".split()
)


def content_words(text: str) -> set[str]:
    return {w.casefold() for w in _WORD.findall(text) if len(w) >= 4} - _STOP


@dataclass(frozen=True)
class QuoteGroup:
    """One quote as a reader sees it: the words (its first report), the speaker, and each
    article's first report of them (where a page links to), in the order of ``Facts.quotes``."""

    quote: Quote
    reports: tuple[Quote, ...]

    @property
    def articles(self) -> tuple[str, ...]:
        return tuple(r.article for r in self.reports)


def _spaced_words(text: str) -> str:
    """The words of ``text``, casefolded, each with a space either side: a run of one
    quotation's words is a substring of another's (no word holds a space)."""
    return f" {' '.join(_WORD.findall(text.casefold()))} "


def _same_words(a: set[str], b: set[str], spaced_a: str, spaced_b: str) -> bool:
    if min(len(a), len(b)) < MIN_WORDS:
        # too few words to compare: only the same words, or the shorter's words a run of the
        # longer's ("own platform." inside "his own platform.", one adviser's words in one
        # article, had been two quotes of a NeuS story); a substring search, linear, where
        # comparing the run at each offset took 8.8 s for 20,000 words of "no, " in 40,000
        short, long = sorted((spaced_a, spaced_b), key=len)
        if short.count(" ") < 3:  # one word ("demonic.") is in too many quotations to say which
            return short == long
        return short in long
    return shares_most(a, b)


def _one_quote(
    quotes: Sequence[Quote], words: Sequence[set[str]], spaced: Sequence[str], i: int, j: int
) -> bool:
    """Whether quotes ``i`` and ``j`` are one: speakers that do not differ, the same words."""
    a, b = quotes[i].speaker, quotes[j].speaker
    return (not a or not b or a == b) and _same_words(words[i], words[j], spaced[i], spaced[j])


def distinct_quotes(quotes: Sequence[Quote]) -> list[QuoteGroup]:
    """The quotes with each one told by several outlets listed once, citing them all.

    Outlets repeat a statement with their own punctuation, cuts and capitals ("Once we have
    protections in place, we expect…" / "…in place we expect…"): two quotes are one when most
    content words of the shorter are in the longer and their speakers do not differ.
    """
    words = [content_words(q.text) for q in quotes]
    spaced = [_spaced_words(q.text) for q in quotes]  # once a quote, not once a pair
    # each quote's longer words: two quotes that are one share one unless the shorter has none
    # (a run of one's words is the other's, shares_most needs a shared word), so a quote is
    # compared with the groups that share one and those without any, not with every group
    # (6,500 quotes of the local sets had taken 12 s)
    keys = [
        words[k] | {w for w in spaced[k].split() if len(w) >= 4} - _STOP for k in range(len(quotes))
    ]
    # a group's number, in order: its members, the first its representative
    groups: dict[int, list[int]] = {}
    # a key: the groups whose representative has it
    holding: dict[str, list[int]] = defaultdict(list)
    keyless: list[int] = []  # the groups whose representative has no key

    def index(number: int, rep: int) -> None:
        for key in keys[rep]:
            holding[key].append(number)
        if not keys[rep]:
            keyless.append(number)

    def candidates(i: int) -> list[int]:
        if not keys[i]:
            return list(groups)
        found = {g for key in keys[i] for g in holding.get(key, ())}
        return sorted(g for g in found.union(keyless) if g in groups)

    for i, q in enumerate(quotes):
        near = candidates(i)
        number = next((g for g in near if _one_quote(quotes, words, spaced, i, groups[g][0])), None)
        if number is None:
            groups[i] = [i]
            index(i, i)
            continue
        target = groups[number]
        # the whole statement stands for a run of its words reported first (Obama's “tear
        # down the system.”, an article's lead-in to his words, had hidden the statement
        # quoted next: a NeuS story's), and for every other such run ("This is not She-Thor"
        # and "This is not Lady Thor. ...", one writer's words cut two ways: a Multi-News
        # story listed his statement twice)
        speaker = q.speaker or quotes[target[0]].speaker
        for other in near:
            if other == number or other not in groups:
                continue
            rep_other = groups[other][0]
            said_by = quotes[rep_other].speaker
            if (
                (not speaker or not said_by or said_by == speaker)
                and spaced[rep_other].count(" ") > 3  # three words or more
                and (
                    spaced[rep_other] in spaced[i]
                    # or most of its words, spelt or cut another way ("through e-mail, cash
                    # checks ..." and "... through email, cash checks ...": a police chief's
                    # statement listed twice in the dev stream's scam story), where it is
                    # the shorter: a run two statements share ("We will fight for every single
                    # worker") joins neither to the other
                    or len(spaced[rep_other]) < len(spaced[i])
                    and _same_words(words[i], words[rep_other], spaced[i], spaced[rep_other])
                )
            ):
                target.extend(groups.pop(other))
                speaker = speaker or said_by
        rep = target[0]
        longer = len(spaced[i]) > len(spaced[rep]) and spaced[rep] in spaced[i]
        target.insert(0 if longer else len(target), i)
        if longer:
            index(number, i)
    out = []
    for members in groups.values():
        rep = members[0]
        speaker = next((quotes[m].speaker for m in members if quotes[m].speaker), None)
        first: dict[str, Quote] = {}  # article -> its first report, the representative's own
        for m in sorted(members):
            first.setdefault(quotes[m].article, quotes[m])
        first[quotes[rep].article] = quotes[rep]
        out.append(QuoteGroup(replace(quotes[rep], speaker=speaker), tuple(first.values())))
    return out

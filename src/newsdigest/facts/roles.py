"""Titles of the people in a cluster, so that "the Russian top diplomat" can be resolved.

Reports name a person once with a title ("Russian Foreign Minister Sergey Lavrov") and later
by the title alone ("the Russian foreign minister added"). Titles are read from the words just
before each name; a role description resolves to the one person whose titles carry the same role
and every qualifier it names ("Russian", "Institute of Political Studies"), else stays unresolved.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import defaultdict
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from newsdigest.facts.ner import ROLE_WORDS, title_before
from newsdigest.model import Article, Entity

# Role phrases and the roles they imply; longest phrases are matched first.
_ROLE_PHRASES: dict[str, frozenset[str]] = {
    "foreign minister": frozenset({"foreign_minister", "minister", "diplomat"}),
    "minister of foreign affairs": frozenset({"foreign_minister", "minister", "diplomat"}),
    "secretary of state": frozenset({"foreign_minister", "secretary", "diplomat"}),
    "top diplomat": frozenset({"diplomat"}),
    "presidential aide": frozenset({"aide"}),
    "special counsel": frozenset({"counsel"}),
    "special advocate": frozenset({"counsel"}),
}
_ROLE_PHRASES.update({w: frozenset({w}) for w in ROLE_WORDS if w not in {"presidential"}})
_ROLE_PHRASES["advocate"] = frozenset({"counsel"})
_ROLE_PATTERN = re.compile(
    r"\b(?:"
    + "|".join(sorted((re.escape(p) for p in _ROLE_PHRASES), key=len, reverse=True))
    + r")\b"
)
# Qualifiers that name one country several ways.
_DEMONYMS = {
    "russian": "russia",
    "russia's": "russia",
    "american": "united states",
    "us": "united states",
    "u.s.": "united states",
    "u.s": "united states",
    "america": "united states",
    "united states": "united states",
}
_FILLER = frozenset("the a an of for and on in at to his her its their this that".split())


def roles_of(phrase: str) -> frozenset[str]:
    """Roles a title or description states ("Russian Foreign Minister" → foreign_minister, …)."""
    found: set[str] = set()
    for m in _ROLE_PATTERN.finditer(phrase.casefold()):
        found |= _ROLE_PHRASES[m.group()]
    return frozenset(found)


def qualifiers(phrase: str) -> set[str]:
    """Words of a title that are neither role words nor filler, with demonyms folded."""
    low = phrase.casefold()
    low = _ROLE_PATTERN.sub(" ", low)
    low = re.sub(r"\bunited states\b", " us ", low)
    words = re.findall(r"[\w.'’]+", low)
    out = set()
    for w in words:
        w = w.strip(".'’").replace("’", "'")
        if w.endswith("'s") and w not in _DEMONYMS:
            w = w[:-2]  # "Costa Rica's president": Costa Rica
        if not w or w in _FILLER:
            continue
        out.add(_DEMONYMS.get(w, _DEMONYMS.get(w + ".", w)))
    return out


# a title its holder no longer holds: "Former Costa Rican President Laura Chinchilla" is not
# "Costa Rica's president" (a dev-stream quote's speaker)
_PAST = frozenset({"former", "ex", "late"})
# a title's word that makes it another office than the bare role ("former Vice President Joe
# Biden" was never president, and "President Joe Biden" is)
_OTHER_OFFICE = frozenset({"vice", "deputy", "assistant", "associate", "under"})


def _held_before(title: str, wanted: frozenset[str], quals: set[str]) -> bool:
    """Whether ``title`` calls its holder a past holder of the role described (``wanted``,
    ``quals``): a "former" title of that role, not of another office the description does not
    name ("former Vice President" is no past president)."""
    own = qualifiers(title)
    return bool(own & _PAST and roles_of(title) & wanted and own & _OTHER_OFFICE <= quals)


def _fits(wanted: set[str], title_quals: set[str]) -> bool:
    """Whether a description's qualifiers are all a title's, a country's name fitting its
    people's adjective ("Costa Rica" / "Costa Rican", "Korea" / "Korean")."""
    return all(q in title_quals or q + "n" in title_quals for q in wanted)


@dataclass
class RoleIndex:
    """Each PERSON's titles in the cluster and the articles that name them."""

    titles: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    articles: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def build_role_index(entities: Sequence[Entity], articles: Sequence[Article]) -> RoleIndex:
    texts: Mapping[str, str] = {a.id: a.text for a in articles}
    index = RoleIndex()
    person_ends: dict[str, list[int]] = defaultdict(list)
    for e in entities:
        if e.type == "PERSON":
            for m in e.mentions:
                person_ends[m.article].append(m.end)
    for ends in person_ends.values():
        ends.sort()
    for e in entities:
        if e.type != "PERSON":
            continue
        for m in e.mentions:
            index.articles[e.name].add(m.article)
            # the last person mention to end before this one (a bisection: a scan of them all
            # per mention took minutes on a long text of many names)
            ends = person_ends[m.article]
            earlier = bisect_right(ends, m.start)
            found = title_before(texts[m.article], m.start, ends[earlier - 1] if earlier else 0)
            if found and found[1] not in index.titles[e.name]:
                index.titles[e.name].append(found[1])
    return index


def resolve_role(description: str, article: str, index: RoleIndex) -> str | None:
    """The one person a description like "the Russian top diplomat" fits, or None."""
    wanted = roles_of(description)
    if not wanted:
        return None
    quals = qualifiers(description)
    fits = []
    for name, titles in index.titles.items():
        # whom the story calls a past holder of the role is not its holder ("former President
        # Obama", also "President Obama" in a story of 2017), unless the description says so
        if not quals & _PAST and any(_held_before(t, wanted, quals) for t in titles):
            continue
        roles = frozenset().union(*(roles_of(t) for t in titles)) if titles else frozenset()
        title_quals = set().union(*(qualifiers(t) for t in titles)) if titles else set()
        if wanted <= roles and _fits(quals, title_quals):
            fits.append(name)
    if len(fits) > 1:
        local = [n for n in fits if article in index.articles[n]]
        fits = local if local else fits
    return fits[0] if len(fits) == 1 else None

"""Speakers the NER model missed: a name that says something, again and again.

The small English model reads a name by its context, and some contexts hide one from it:
"Steck said Monday in Kathmandu" and six more mentions of the climber who found the bodies
went unlabelled in a Multi-News story once its text was cleaned, so the story's main speaker
was missing from its people and his words had no speaker. A capitalized name next to a speech
verb ("Steck said", "said Ueli Steck") that the story writes at least twice, never in lower
case, that no entity covers and that is no title, calendar word or known place, is taken as a
person mention (written once, when a full name after the verb is then described: "says Orly
Lacham-Kaplan, a reproductive biologist"); the names' other mentions are then found by name
like any person's.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import replace
from functools import cache

from newsdigest.facts.ner import RawMention
from newsdigest.facts.spans import SpanSet
from newsdigest.model import Article
from newsdigest.names import NOT_GIVEN, fold, place_names

_NAME_WORD = r"[A-Z][a-z]+(?:[-'’][A-Z]?[a-z]+)?"
_NAME = rf"{_NAME_WORD}(?: {_NAME_WORD}){{0,2}}"
_VERB = r"(?:said|says|told|tells|added|adds|wrote|writes|recalled|explained)"
# "Steck said", "Steck, 40, said"; "said Ueli Steck," / "said Steck." (not "told Gizmodo.":
# whom one tells is no speaker)
_NAME_SAID = re.compile(rf"(?<![\w.'’-])(?P<name>{_NAME})(?:, \d{{1,3}},)?\s+{_VERB}\b")
_SAID_NAME = re.compile(
    r"\b(?:said|says|added|adds|wrote|recalled|explained)\s+" rf"(?P<name>{_NAME})(?=[.,;])"
)
# capitalized words that open a sentence or name no one
_NOT_NAMES = (
    frozenset(
        """The A An He She They It We I You This That These Those There Here His Her Their Its
    Our My Your Who What When Where Why How Some Many Most Both Each Every One Two Three
    Others Officials Police Authorities Experts Critics Sources Witnesses Analysts Observers
    Reporters Researchers Scientists Doctors Investigators Prosecutors Lawyers Officers
    Residents Neighbors Friends Relatives Family Fans Users Spokesman Spokeswoman Spokesperson
    January February March April May June July August September October November December
    Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec American British Chinese Russian French
    German Japanese Israeli Iranian Indian Canadian Mexican European African Asian Staff
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday Today Yesterday Tonight
    God Jesus Twitter Facebook Instagram Reuters AFP CNN""".split()
    )
    | NOT_GIVEN
)
_TITLES = frozenset(
    ["Prof", "Professor", "Dr", "Mr", "Mrs", "Ms", *NOT_GIVEN]
    + """Chairman Chairwoman Chair Congressman Congresswoman Councilman Councilwoman Sheriff
    Rabbi Bishop Cardinal Father Brother Sister Trooper Deputy Ambassador Director Dean Dame
    Sergeant Lieutenant Inspector Constable Chancellor Premier""".split()
)
_ROLE_WORD = re.compile(r"(?:eer|er|or|ist|ian|ant|ent)$")  # Mountaineer, Director, Scientist
_PLURAL = re.compile(r"(?:ans|ats|ists|ites|ers)$")  # Republicans, Democrats, Loyalists
MIN_TIMES = 2  # a name written once next to "said" may be a sentence's first word


def _written_in_full(surname: str, texts: Sequence[str]) -> bool:
    """Whether the story writes the word as a full name's last ("Ueli Steck" for "Steck", "El
    Molto" for "Molto"): a person named once in full, then by surname."""
    # a given name or an initial, not a sentence's last word ("Gizmodo. Zillow")
    pattern = re.compile(rf"\b(?P<given>[A-Z][a-z'’-]+|[A-Z]\.) {re.escape(surname)}\b")
    return any(m["given"] not in _NOT_NAMES for t in texts for m in pattern.finditer(t))


# "says Orly Lacham-Kaplan, a reproductive biologist at Monash University": a full name
# after the verb, then what the person is
_DESCRIPTION = re.compile(r", (?:a|an|the|who) [a-z]|, [a-z]+ (?:of|at|for|with) ")
_ORG_WORDS = frozenset(
    """University College Institute Department Ministry Agency Council Association Company
    Group Party Bank Court Office Committee Foundation Center Centre Times News Post Journal
    Service Society Board Commission Club League Union Network""".split()
)


def _described_person(words: list[str], text: str, end: int) -> bool:
    """Whether a name written once after the verb is a person's all the same: a given name
    and a surname, described as someone right after (``_DESCRIPTION``)."""
    return (
        len(words) >= 2
        and not _ORG_WORDS.intersection(words)
        and _DESCRIPTION.match(text, end) is not None
    )


# "says Orly Lacham-Kaplan": a given name the model left out of the person after a speech verb
_VERB_THEN_GIVEN = re.compile(rf"\b{_VERB} (?P<given>[A-Z][a-z]+) $")


def widened_speakers(articles: Sequence[Article], found: Sequence[RawMention]) -> list[RawMention]:
    """``found`` with a person's mention widened to the given name before it, where the model
    read only the surname of a speaker named after the verb ("says Orly Lacham-Kaplan, a
    reproductive biologist": "Lacham-Kaplan" alone, then dropped as a bare surname)."""
    texts = {a.id: a.text for a in articles}
    out = []
    for m in found:
        text = texts.get(m.article, "")
        if m.label == "PERSON" and " " not in m.text and m.start >= 2:
            said = _VERB_THEN_GIVEN.search(text, max(0, m.start - 30), m.start)
            # not a title ("said Professor Dai"), nor a word the text writes in lower case
            if (
                said
                and said["given"] not in _NOT_NAMES
                and said["given"] not in _TITLES
                and not _ROLE_WORD.search(said["given"])
                and not re.search(rf"\b{said['given'].lower()}\b", text)
            ):
                m = replace(m, start=said.start("given"), text=text[said.start("given") : m.end])
        out.append(m)
    return out


def missed_speakers(articles: Sequence[Article], found: Iterable[RawMention]) -> list[RawMention]:
    """Person mentions for names next to a speech verb that no mention in ``found`` covers."""
    spans: dict[str, list[tuple[int, int]]] = {}
    # names the model read as something else somewhere in the story ("Northwestern said": the
    # university, labelled one in another sentence)
    other = set()
    for mention in found:
        spans.setdefault(mention.article, []).append((mention.start, mention.end))
        if mention.label != "PERSON":
            other.add(fold(mention.text))
    texts = [a.text for a in articles]
    lower: set[str] | None = None  # every word the story writes in lower case: found when needed

    # what the story writes is read once per name, not once per hit of it (a scan of the whole
    # story per hit took minutes on a long text of names)
    @cache
    def times(word: str) -> int:
        return sum(t.count(word) for t in texts)

    @cache
    def in_full(surname: str) -> bool:
        return _written_in_full(surname, texts)

    out: list[RawMention] = []
    for article in articles:
        text = article.text
        # a bisection per name (a scan of every mention took minutes on a long text of names)
        covered = SpanSet(spans.get(article.id, []))
        for pattern in (_NAME_SAID, _SAID_NAME):
            for m in pattern.finditer(text):
                start, end = m.span("name")
                if covered.overlaps(start, end):
                    continue
                words = m["name"].split()
                if (words[0] in _TITLES and len(words) > 1) or (
                    len(words) == 3 and _ROLE_WORD.search(words[0])
                ):  # "Prof Pascual said", "Mountaineer Ueli Steck said": the name after
                    start += len(words[0]) + 1
                    words = words[1:]
                name = " ".join(words)
                if fold(name) in other or (len(words) == 1 and _PLURAL.search(name)):
                    continue  # an organization, or a group ("Republicans said")
                if words[0] in _NOT_NAMES or re.search(
                    r"\b(?:the|a|an)\s+$", text[max(0, start - 5) : start], re.I
                ):
                    continue
                if lower is None:
                    lower = {w for t in texts for w in re.findall(r"\b[a-z][a-z'’-]+\b", t)}
                if any(w.casefold() in lower or w in _NOT_NAMES for w in words):
                    continue  # "Police said", "Doctors said": common words
                if fold(name) in place_names():
                    continue
                if times(words[-1]) < MIN_TIMES and not (
                    pattern is _SAID_NAME and _described_person(words, text, end)
                ):
                    continue
                if len(words) == 1 and not in_full(name):
                    continue  # "Zillow said", "Gazprom said": a firm as likely as a person
                if re.search(r"\bof\s+$", text[max(0, start - 4) : start]):
                    continue  # "Chief of Staff told": a title's end
                covered.add(start, end)  # disjoint from every span: checked above
                out.append(RawMention(article.id, start, end, name, "PERSON", True, False))
    return out

"""A person the digest first names by surname alone gets the given name the story writes
before it: "..., said Hughes." becomes "..., said Chris Hughes." when the sentence that
introduced him was not chosen. A reader of a digest meets each person once, often in a
sentence from the middle of an article, where the outlet had already introduced them.

Conservative: only a capitalized word that no capitalized word or title precedes, that the
digest has not written before, and that speaks or owns in the sentence ("Hughes said",
"said Hughes", "according to Hughes", "Hughes's") is completed, and only with the one given
name the story writes before it (``names.given_name``: twice at least, two thirds of the
capitalized words before it, no title, place or lower-case word). The sentence keeps its
index and span, so citations and highlights still point at the source sentence.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsdigest.model import Sentence
from newsdigest.names import NOT_GIVEN, fold, given_name, place_names

_SAYING = (
    r"said|says|told|tells|added|adds|wrote|writes|explained|argued|noted|tweeted|testified"
    r"|stated|claimed|insisted|warned|acknowledged|admitted|replied|recalled|continued"
)
_SURNAME = re.compile(r"(?<![\w'’.-])(?:[A-Z]['’])?[A-Z][a-z]+(?:[A-Z][a-z]+)?\b(?!-\w)")
_SPEAKS_AFTER = re.compile(rf"(?:['’]s?\b|,?\s+(?:{_SAYING})\b)")
_SPEAKS_BEFORE = re.compile(rf"\b(?:{_SAYING}|according to)\s+$")
_LOWER_WORD = re.compile(r"[a-z]{2,}")
_NAME_WORD = re.compile(r"[A-Z][\w'’.-]*")  # a capitalized word or a title ("Mr.")
_WORD = re.compile(r"[A-Za-z][a-z]+")


def introduce_surnames(
    units: Sequence[Sentence], docs: Sequence[Sequence[Sentence]]
) -> list[Sentence]:
    """``units`` in their reading order, each surname the digest names first alone completed
    with its given name where the story gives exactly one (``docs``: the story's sentences)."""
    written: set[str] = set()  # the capitalized words the digest has written so far
    lower: _WrittenLower | None = None
    texts: list[str] = []
    out: list[Sentence] = []
    for unit in units:
        text = unit.text
        for m in reversed(list(_SURNAME.finditer(text))):
            surname = m.group()
            if surname in written or surname in NOT_GIVEN:
                continue
            before = text[: m.start()]
            last = before[-40:].split()
            if last and _NAME_WORD.fullmatch(last[-1]):
                continue  # a capitalized word or a title before it: not named alone
            if not (_SPEAKS_AFTER.match(text, m.end()) or _SPEAKS_BEFORE.search(before[-40:])):
                continue
            if surname in _WORD.findall(before) or fold(surname) in place_names():
                continue  # named earlier in the sentence; "Florida's" is not South Florida's
            if lower is None:
                texts = [" ".join(s.text for s in doc) for doc in docs]
                lower = _WrittenLower(texts)
            given = given_name(surname, texts, lower)
            if given and given not in text[: m.start()] and _introduced(given, surname, texts):
                text = f"{text[: m.start()]}{given} {text[m.start() :]}"
        written.update(_WORD.findall(text))
        out.append(unit if text == unit.text else replace(unit, text=text))
    return out


def _introduced(given: str, surname: str, texts: Sequence[str]) -> bool:
    """Whether an article writes the full name inside a sentence (after a lower-case word or
    a comma) at least once: a name seen only opening a line or a sentence may be a headline's
    verb and a company ("Meet McDonald's" would give "Meet McDonald's trots out its McRib")."""
    pattern = re.compile(rf"(?<=[a-z0-9,] ){re.escape(given)}\s+{re.escape(surname)}\b")
    return any(pattern.search(t) for t in texts)


class _WrittenLower:
    """Whether the story writes a word in lower case, asked of a few words only: a set of
    every lower-case word of the story cost more than the rest of this step."""

    def __init__(self, texts: Sequence[str]) -> None:
        self.texts = texts
        self.seen: dict[str, bool] = {}

    def __contains__(self, word: object) -> bool:
        if not isinstance(word, str):
            return False
        if word not in self.seen:
            pattern = re.compile(rf"\b{re.escape(word)}\b")
            self.seen[word] = _LOWER_WORD.fullmatch(word) is not None and any(
                word in t and pattern.search(t) for t in self.texts
            )
        return self.seen[word]

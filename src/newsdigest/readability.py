"""Does a digest read as a whole? What a reader trips over, counted beside ROUGE.

ROUGE rewards words a reference shares, not whether the sentences can be read together. Two
failures it cannot see are counted per digest:

- flagged sentences: one that opens with a reference to what came before ("He said...",
  "But...", "These...") without the sentence it refers back to right before it, one that only
  announces what comes next ("Here's what you need to know.") without it right after, or a
  fragment with no finite verb ("Sept. 11, 1973, the year he seized power, and Dec. 31,
  1983.");
- duplicate pairs: two sentences that say the same words (the same sentence from two
  articles, or one containing nearly all of the other's content words).

The finite-verb test is lexical first (an auxiliary, a modal, a past tense, a common verb of
reporting: microseconds) and asks spaCy's tagger only about sentences with none of those.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from newsdigest.model import GeneratedSentence, Sentence
from newsdigest.overlap import shares_most
from newsdigest.summarize.quality import is_headline_case, leads_in, needs_context
from newsdigest.summarize.text import content_terms, tokens

DigestSentence = Sentence | GeneratedSentence

_FINITE_WORDS = frozenset(
    """is are was were am be has have had do does did will would can could may might must shall
    should isn't aren't wasn't weren't hasn't haven't hadn't don't doesn't didn't won't wouldn't
    can't couldn't says said tells told asks asked wants wanted makes made takes took gives gave
    gets got goes went comes came sees saw knows knew thinks thought finds found leaves left
    keeps kept holds held shows showed calls called plans planned""".split()
)
_WORD = re.compile(r"[A-Za-z']+")
_PAST = re.compile(r"[a-z]{3,}ed$")
_CONTRACTED = re.compile(r"[a-z]'(?:s|re|ve|ll|d|m)$", re.IGNORECASE)
_FINITE_TAGS = frozenset({"VBD", "VBZ", "VBP", "MD"})
# characters between two sentences that follow each other (a space, a padded paragraph break)
MAX_GAP = 10


@dataclass(frozen=True)
class Readability:
    """Counts over one digest (or summed over many)."""

    sentences: int = 0
    flagged: int = 0
    duplicates: int = 0  # pairs of sentences that repeat each other

    def __add__(self, other: Readability) -> Readability:
        return Readability(
            self.sentences + other.sentences,
            self.flagged + other.flagged,
            self.duplicates + other.duplicates,
        )


def lexical_finite_verb(text: str) -> bool:
    """Whether ``text`` has a word that is a finite verb wherever it stands (an auxiliary, a
    modal, a past tense, a contraction, a common verb of reporting); False says only that none
    of these is there."""
    for word in _WORD.findall(text):
        low = word.lower()
        if low in _FINITE_WORDS or _PAST.search(low) or _CONTRACTED.search(low):
            return True
    return False


def follows(previous: DigestSentence | None, sentence: DigestSentence) -> bool:
    """Whether ``sentence`` comes right after ``previous`` in the same article (nothing but a
    space or a paragraph break between them: Multi-News pads those to " \\n \\n ")."""
    if not isinstance(previous, Sentence) or not isinstance(sentence, Sentence):
        return False  # a generated sentence follows nothing in any article
    gap = sentence.start - previous.end
    return previous.article_id == sentence.article_id and 0 <= gap <= MAX_GAP


def near_duplicate(a: str, b: str) -> bool:
    """The same sentence, or one holding nearly all of the other's content words."""
    if " ".join(a.split()).lower() == " ".join(b.split()).lower():
        return True
    return shares_most(set(content_terms(tokens(a))), set(content_terms(tokens(b))))


class ReadabilityJudge:
    """Scores digests; loads spaCy's tagger on the first sentence that needs it."""

    def __init__(self, model: str | None = None) -> None:
        self._model = model
        self._nlp: Any = None

    def _tagger(self) -> Any:
        if self._nlp is None:
            import spacy

            from newsdigest.facts.ner import DEFAULT_MODEL

            self._nlp = spacy.load(
                self._model or DEFAULT_MODEL, exclude=["parser", "ner", "lemmatizer"]
            )
        return self._nlp

    def has_finite_verb(self, text: str) -> bool:
        if lexical_finite_verb(text):
            return True
        if is_headline_case(text):
            # the tagger reads Title Case words as names ("Ramps" NNP): ask about the words
            text = text[:1] + " ".join(w.lower() if w.istitle() else w for w in text[1:].split())
        return any(t.tag_ in _FINITE_TAGS for t in self._tagger()(text))

    def flagged(
        self,
        sentence: DigestSentence,
        previous: DigestSentence | None,
        following: DigestSentence | None,
    ) -> bool:
        text = " ".join(sentence.text.split())
        if needs_context(text) and not follows(previous, sentence):
            return True
        if leads_in(text) and (following is None or not follows(sentence, following)):
            return True
        return not self.has_finite_verb(text)

    def assess(self, digest: Sequence[DigestSentence]) -> Readability:
        """Counts for one digest, its sentences in the order a reader meets them."""
        flagged = sum(
            self.flagged(
                s, digest[k - 1] if k else None, digest[k + 1] if k + 1 < len(digest) else None
            )
            for k, s in enumerate(digest)
        )
        dups = sum(
            near_duplicate(digest[i].text, digest[j].text)
            for i in range(len(digest))
            for j in range(i + 1, len(digest))
        )
        return Readability(len(digest), flagged, dups)

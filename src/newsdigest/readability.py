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
from functools import lru_cache
from typing import Any, NamedTuple

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
# a verb's base form too: the tagger reads many a present tense so ("Most major volcanoes of
# the Cascade Arc sit neatly along a north-south line", a Multi-News sentence)
VERB_TAGS = _FINITE_TAGS | {"VB"}
# characters between two sentences that follow each other (a space, a padded paragraph break)
MAX_GAP = 10
# texts whose tags are kept in a process (``_tags_of``)
TAGGED_CACHE = 4096


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


def lexical_finite_verb(text: str, *, possessive: bool = True) -> bool:
    """Whether ``text`` has a word that is a finite verb wherever it stands (an auxiliary, a
    modal, a past tense, a contraction, a common verb of reporting); False says only that none
    of these is there. Without ``possessive``, a word ending in "'s" is no sign: it is as
    often a possessive ("For America's birthday, life, liberty and the pursuit of hot
    dogs.")."""
    for word in _WORD.findall(text):
        low = word.lower()
        if low in _FINITE_WORDS or _PAST.search(low):
            return True
        if _CONTRACTED.search(low) and (possessive or not low.endswith("'s")):
            return True
    return False


def load_tagger(model: str | None = None) -> Any:
    """spaCy's tagger (``model``, the facts' model by default), loaded once per process."""
    from newsdigest.facts.ner import DEFAULT_MODEL

    return _load_tagger(model or DEFAULT_MODEL)


@lru_cache(maxsize=2)
def _load_tagger(model: str) -> Any:
    """One cache entry a model, however it was asked for (``load_tagger()`` and
    ``load_tagger(None)`` are two keys to ``lru_cache``: the second loaded it again).

    The tagger and its token vectors only: the attribute ruler sets part-of-speech from the
    tags, and a tag (``_SP``) only on whitespace tokens, which a text asked about, its spaces
    one " " each (``_tagged``), never has; it was a fifth of each question's time."""
    import spacy

    return spacy.load(model, exclude=["parser", "ner", "lemmatizer", "attribute_ruler"])


def has_finite_verb(text: str, model: str | None = None) -> bool:
    """Whether ``text`` has a finite verb: the lexical test first, then spaCy's tags (a
    present tense: "Pete Buttigieg ends his campaign."). Without the model, True: nothing is
    known against it."""
    text = " ".join(text.split())
    if lexical_finite_verb(text.replace("’", "'"), possessive=False):
        return True
    tokens = _tagged(text, model)
    return tokens is None or any(t.tag_ in _FINITE_TAGS for t in tokens)


class TaggedWord(NamedTuple):
    """A token as the tagger read it: all the questions here ask of it."""

    tag_: str
    lower_: str


def _tagged(text: str, model: str | None = None) -> tuple[TaggedWord, ...] | None:
    """``text``'s tokens as spaCy's tagger reads them, or None without the model. A Title
    Case line is asked about its words: the tagger reads Title Case words as names ("Ramps"
    NNP). ``text``'s spaces are one " " each, with none at its ends (the tagger's pipeline
    has no attribute ruler to tag whitespace: ``_load_tagger``)."""
    try:
        load_tagger(model)
    except (ImportError, OSError):
        return None
    from newsdigest.facts.ner import DEFAULT_MODEL  # importable: the tagger loaded

    if is_headline_case(text):
        text = text[:1] + " ".join(w.lower() if w.istitle() else w for w in text[1:].split())
    return _tags_of(text, model or DEFAULT_MODEL)


@lru_cache(maxsize=TAGGED_CACHE)
def _tags_of(text: str, model: str) -> tuple[TaggedWord, ...]:
    """The tagger's reading of ``text``, kept for the last texts asked: a story's rebuild
    asks again about its older articles' sentences (the dev stream through the API asked
    455 times about 262 texts, each a run of the tagger), and the tagger reads a text alone
    (``nlp(text)``), so the answer is the same whenever it is asked."""
    return tuple(TaggedWord(t.tag_, t.lower_) for t in _load_tagger(model)(text))


# "has"/"have" before a participle make a past ("has lit up the sky")
_PERFECT = frozenset({"has", "have", "'ve", "’ve"})
PERFECT_REACH = 3  # tokens between "has" and its participle ("has not yet lit")


def told_in_the_present(text: str, model: str | None = None) -> bool:
    """Whether ``text`` tells what is, not what was: a present tense and no past one ("The
    Quadrantid meteors peak on Wednesday night into Thursday": a sky-watching calendar, not a
    report). A past tense or a perfect ("has lit up the sky") tells what was, and so does
    any sentence without the tagger (nothing is known against it)."""
    doc = _tagged(" ".join(text.split()), model)
    if doc is None:
        return False
    present = False
    for k, tok in enumerate(doc):
        if tok.tag_ == "VBD":
            return False
        if tok.tag_ == "VBN" and any(
            t.lower_ in _PERFECT for t in doc[max(0, k - PERFECT_REACH) : k]
        ):
            return False
        present |= tok.tag_ in ("VBZ", "VBP") and tok.lower_ not in _PERFECT
    return present


_BE_PRESENT = frozenset({"is", "are", "'s", "’s", "'re", "’re"})


def acts_in_the_present(text: str, model: str | None = None) -> bool:
    """Whether ``text``'s first finite verb tells an act in the present, as a picture's
    caption does: a present tense other than "has" or "have" ("Concertgoers dive over a fence
    ...", "Police arrive at the Sands Corporation plane hangar where some people ran to
    safety ..."), or "is" or "are" before a participle ("People are searched by police at the
    Tropicana."); not a state ("The relationship ... is over"), a perfect ("... have broken
    up") nor a past. Without the tagger, False (nothing is known for it)."""
    doc = _tagged(" ".join(text.split()), model)
    if doc is None:
        return False
    for k, tok in enumerate(doc):
        if tok.tag_ in ("VBD", "MD"):
            return False
        if tok.tag_ not in ("VBZ", "VBP"):
            continue
        if tok.lower_ in _PERFECT:
            return False
        if tok.lower_ not in _BE_PRESENT:
            return True
        after = [t for t in doc[k + 1 : k + 3] if t.tag_ != "RB"]
        return bool(after) and after[0].tag_ == "VBN"
    return False


# a verb in the present after its subject ("Donald Trump faces", "he visits", "Peyton Manning
# stars as ...": the tagger reads that "stars" as a plural noun)
# A name after a preposition is its object, not a subject ("In English and in French with
# English subtitles.": a film review's credits line in a Multi-News digest, its "subtitles" read
# as the verb)
PRESENT_AFTER_SUBJECT = re.compile(
    r"(?:(?<!\bwith )(?<!\bin )(?<!\bof )(?<!\bfor )(?<!\bon )(?<!\bat )(?<!\bby )"
    r"(?<!\bfrom )\b[A-Z][\w’'.-]*|\b(?:he|she|it|who|that|which|[A-Za-z]+’s|[A-Za-z]+'s)) "
    r"[a-z]{2,}[^su\W]s\b"
)


def reads_as_sentence(text: str) -> bool:
    """Whether a summary's candidate has a verb: one of ``has_finite_verb``'s, a present
    tense after its subject, a base form the tagger found, or a word the tagger called a noun
    where a verb stands (``_VERB_SLOT``); a line with none is a fragment ("The perfect
    address, 64 Perry Street."). Lenient: the small tagger reads many a present tense as a
    noun ("Cold rock lurks under ...", "Americans ... disapprove of ...")."""
    text = " ".join(text.split())
    fronted = _FRONTED_CLAUSE.match(text)
    if fronted:
        # the main clause after a fronted one needs its own verb ("As you might imagine, most
        # on the economy.": a transcript's line in a Multi-News digest)
        text = text[fronted.end() :]
    relative = _TRAILING_RELATIVE.match(text)
    if relative:
        # the verb of a relative clause that runs to the end is the clause's, not the line's
        text = relative["head"]
    if PRESENT_AFTER_SUBJECT.search(text):
        return True
    if lexical_finite_verb(text.replace("’", "'"), possessive=False):
        return True
    doc = _tagged(text)
    if doc is None:
        return True
    for k, tok in enumerate(doc):
        if tok.tag_ in VERB_TAGS and not _participle(tok.lower_):
            return True
        if tok.tag_ in ("NN", "NNS") and 0 < k < len(doc) - 1:
            before, after = doc[k - 1], doc[k + 1]
            if (
                before.tag_ in _BEFORE_VERB or before.lower_ in _SUBJECT_WORDS
            ) and after.tag_ in _AFTER_VERB:
                return True
    return False


def _participle(word: str) -> bool:
    """A word in "-ing" is no finite verb, whatever the tagger says ("People eating, people
    washing, people sleeping.": "washing" tagged a present tense), but for the few verbs that
    end so ("they bring", "they sing")."""
    return len(word) > 4 and word.endswith("ing") and word not in _VERBS_IN_ING


_VERBS_IN_ING = frozenset("bring cling fling sling sting swing wring spring string".split())


# where a verb stands: after a noun, a pronoun or a comma, before what a verb takes (not after
# a number: "A $1 million check from a major Democratic donor", a NeuS fragment)
_BEFORE_VERB = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", ",", "HYPH", ":"})
_SUBJECT_WORDS = frozenset({"this", "that", "which", "who"})
_AFTER_VERB = frozenset({"IN", "DT", "RB", "TO", "JJ", "PRP$", "PRP", "RP", "CD"})


# a phrase and a relative clause that runs to the end, with no main clause ("All except for Mount
# St. Helens, which stands apart about 50 kilometers to the west.": a Multi-News digest line)
_TRAILING_RELATIVE = re.compile(
    r"(?P<head>[^,;:()\"“”]+),\s+(?:which|who|whose|whom|where)\s[^,;:]*$"
)
# a subordinate clause or a phrase before the main clause, to its first comma
_FRONTED_CLAUSE = re.compile(
    r"(?:As|If|When|While|Although|Though|Because|Since|Unless|Until|Once|Whether)\s[^,;:]+,\s+"
)


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

    def has_finite_verb(self, text: str) -> bool:
        return has_finite_verb(text, self._model)

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

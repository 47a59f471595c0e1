"""Sentence compression: drop a trailing attribution clause that carries no content.

``The plant will close in June, a company spokesman said Tuesday.`` becomes ``The plant will
close in June.``: the budget of a digest (and of the benchmark) then holds more of what
happened and less of who relayed it. The citation still names the source sentence, so a
reader sees who said it with one click.

Conservative by design. A sentence keeps its attribution when it holds a direct quote (a
quote must keep its speaker), when it claims wrongdoing, denies or negates, or cites a source
a reader cannot weigh otherwise (unnamed people, legal papers, reports: without its source the
claim would read as fact), when it opens with it ("According to prosecutors, ..."), when what
is left speaks in the first or second person ("I", "we", "you": reported speech whose speaker
is the clause), or when too little would be left.
The compressed text is the source sentence's text up to the clause, plus its end mark; the
``Sentence`` keeps the source sentence's index and span, so citations and the web page's
highlight still point at the whole source sentence.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsdigest.model import Sentence

_DAY = (
    r"(?:(?:on |late |early )?(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
    r"(?: (?:morning|afternoon|evening|night))?|yesterday|today|last (?:week|month|night)"
    r"|this week|earlier this (?:week|month))"
)
_WHO = (
    r"(?:he|she|they|it|police|officials|authorities|investigators|prosecutors|witnesses"
    r"|(?:a|an|the|another|one|two|three|several|other) [\w’'.-]+(?: [\w’'.-]+){0,5}"
    r"|[A-Z][\w’'.-]+(?: [A-Z][\w’'.-]+){0,3})"
)
_VERB = r"(?:said|says|told (?:[\w’'.-]+(?: [\w’'.-]+){0,3}?)|reported|reports|added|noted)"
# "he said." / "police said Tuesday." / "a spokesman for the company told CNN." /
# "according to police." after the sentence's last comma
_TAIL = re.compile(
    rf"(?:{_WHO} {_VERB}(?: {_DAY})?(?: in a statement)?(?: {_DAY})?"
    rf"|according to (?:[\w’'.-]+(?: [\w’'.-]+){{0,6}}))\s*[.!?]"
)
_QUOTE_MARKS = ('"', "“", "”", "‘", "«")
_SPEAKING_PERSON = frozenset(
    "I I'm I’m I've I’ve I'd I’d I'll I’ll me my mine we we're we’re we've we’ve us our ours "
    "you your yours".split()
)
_WORD = re.compile(r"[A-Za-z’']+")
MIN_KEPT_WORDS = 6


# who says so stays where the words would read as an established fact without it: a claim of
# wrongdoing ("accused of luring the girl", "under federal investigation for possible bank
# fraud") or a source the reader cannot weigh otherwise: unnamed people, legal papers, reports
# ("according to a whistleblower complaint", "according to three people with knowledge of
# the case": a hostile reader's pass over the digests of NeuS val)
_ALLEGATION = re.compile(
    r"\b(?:accus|alleg|charg|suspect|investigat|probe|fraud|murder|shot|shoot|stab"
    r"|rap(?:e|ed|ing)\b|abus|assault|brib|launder|misconduct|harass|stole|steal|theft|lied"
    r"|lying|cover(?:ed)?[- ]up|conspir|plot|tortur|smuggl|traffick|embezzl|extort|molest"
    r"|kidnap|wrongdoing|illegal|unlawful|guilty|crime|criminal|fired at|opened fire|lunged"
    r"|knife|gunman)",
    re.IGNORECASE,
)
# whom a reader cannot weigh: not a named outlet or office ("CBS Boston reports", "the Costa
# Rican government said" go: the citation names them)
_UNWEIGHED_SOURCE = re.compile(
    r"\b(?:people|person|sources?|familiar|knowledge|anonymity|unnamed|complaint|lawsuit|suit"
    r"|indictment|affidavit|warrant|documents?|filings?|papers|records|memo|emails?|leaked"
    r"|(?-i:(?:media|news|press|local|a|the|several|multiple|some) reports?)|media|whistleblower"
    r"|allegations?|witness(?:es)?|insiders?|aides?)\b",
    re.IGNORECASE,
)


# a denial or a negation is someone's word, not a fact ("No civilians were killed in the
# airstrike, the Pentagon said."; "Bullying is not a harmless rite of passage, Dr. Copeland
# said."); and so is a state the police describe ("The senator was drunk when he crashed")
_DENIES = re.compile(
    r"\b(?:not|no|never|none|nobody|nothing|den(?:y|ies|ied|ial)|drunk|drinking|intoxicated"
    r"|impaired|influence|false|fake|baseless|untrue|rigged)\b|n['’]t\b",
    re.IGNORECASE,
)


def _trailing_clause(text: str) -> int | None:
    """Where the attribution clause after the last comma begins (at the comma), if any."""
    comma = text.rfind(", ")
    if comma < 0 or not _TAIL.fullmatch(text, comma + 2):
        return None
    return comma


def compress(sentence: Sentence) -> Sentence:
    """``sentence`` without a trailing attribution clause, or ``sentence`` itself."""
    text = sentence.text
    if any(q in text for q in _QUOTE_MARKS):
        return sentence
    cut = _trailing_clause(text)
    if cut is None:
        return sentence
    kept = text[:cut].rstrip()
    clause = text[cut:]
    if _UNWEIGHED_SOURCE.search(clause) or _ALLEGATION.search(kept) or _DENIES.search(kept):
        return sentence
    words = _WORD.findall(kept)
    if len(words) < MIN_KEPT_WORDS:
        return sentence
    if any(
        w in _SPEAKING_PERSON or (w.capitalize() == w and w.lower() in _SPEAKING_PERSON)
        for w in words
    ):
        return sentence
    end_mark = text.rstrip()[-1]
    # "around 11:40 a.m., police said." keeps one period
    if not kept.endswith(end_mark):
        kept += end_mark
    return replace(sentence, text=kept)

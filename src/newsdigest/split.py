"""Sentence segmentation with character spans, fast enough to sit inside the summary budget.

A regex pass, not a statistical model: it knows abbreviations, initials, decimals, quotes that
close after the stop, and the glued sentences machine-made text is full of ("in Japan.The talks").
Paragraphs come first (``clean.paragraphs``): a line break inside a hard-wrapped paragraph is
a space, not the end of a sentence. A sentence's text is its exact span, line breaks included.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from newsdigest.clean.paragraphs import paragraph_spans
from newsdigest.model import Sentence
from newsdigest.stopwords import ENGLISH_STOP_WORDS

# Titles and abbreviations after which a period does not end a sentence.
_ABBREVIATIONS = frozenset(
    """mr mrs ms dr prof sr jr st gen col lt sgt capt cmdr adm maj cpl gov sen rep rev hon pres supt
    insp det messrs mt ft no nos vs v etc inc ltd co corp bros dept univ est approx fig al
    sens reps govs
    jan feb mar apr jun jul aug sep sept oct nov dec u.s u.k u.n e.g i.e a.m p.m sec
    """.split()
)

# "No." abbreviates "number" only before one ("No. 10 Downing Street", "No. 1-ranked"); else it
# is the word ("... and she's never said no."For her part, ...": a Multi-News digest line of two
# sentences)
_NUMBER_SIGNS = frozenset({"no", "nos"})
_NUMBER_NEXT = re.compile(r"\s*[\d#]")

# A dotted initialism ("N.F.L", "D.C", "F.B.I"): it ends a sentence only as "U.S." does.
_INITIALISM = re.compile(r"(?:[A-Za-z]\.)+[A-Za-z]")
# A weekday cut short before its date ("it was Sun. Dec. 31, 2017", NPR) is no stop.
WEEKDAY_ABBREVIATIONS = frozenset("Mon Tue Tues Wed Thu Thur Thurs Fri Sat Sun".split())
_DATE_NEXT = re.compile(r"(?:\d|(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\b)")

# Titles in the plural are abbreviations only capitalized: "Sens. Ted Cruz and Rand Paul", but
# "The company hired more sales reps. The move cut costs." is two sentences
_TITLE_PLURALS = frozenset("sens reps govs".split())

# Words that start a sentence but rarely follow "U.S." inside one ("... between #250 and 500
# in the U.S. Also, Kroll was dealing with ...": a Multi-News digest line of two sentences).
_STARTERS = frozenset(
    """The He She It They We I But And This That These In On A An There Also However Meanwhile
    Still Yet So If When While After Its His Her Their Our""".split()
)
# Of those, the ones a title-case headline writes inside itself ("... in U.S. After Two Years
# Detained"): a sentence opens with them only before a lowercase word or after a comma
_HEADLINE_STARTERS = frozenset(
    "Also However Meanwhile Still Yet So If When While After Its His Her Their Our".split()
)
# A comma or a colon may follow the opener ("Also,", "However,")
_OPENER_PUNCTUATION = ",;:"

# A candidate boundary: terminal punctuation, optional closing quotes/brackets, then either
# whitespace or (glued case) directly an uppercase letter or an opening quote. Tried only where
# a run of stops begins: a run matches from its first stop or not at all, and trying it from
# each of its stops made a long run quadratic (16,000 characters of "!?." took 7.5 s).
# The stop comes first and the look back (no stop before it) after it, so the search skips
# ahead to a stop character; written "(?<![.!?…])[.!?…]+" it was tried at every position.
_BOUNDARY = re.compile(
    r"""(?P<stop>[.!?…](?<![.!?…]{2})[.!?…]*)(?P<close>['"”’»)\]]*)(?P<gap>\s+|(?=[A-Z«“‘]|"\w))"""
)


# How far a boundary decision looks on each side: enough for any abbreviation or word, and
# bounded so a long paragraph costs linear, not quadratic, time.
_CONTEXT = 80


def word_before(text: str, end: int) -> str:
    """The run of word characters and periods that ends at ``end`` ("U.S", "Mr"), or at the
    line break just before it, reading back at most ``_CONTEXT`` characters: what the regex
    ``([\\w.]+)$`` finds in ``text[end - _CONTEXT:end]``, walked back from the end instead
    of tried at every position of the window (a fifth of the splitter's time)."""
    lo = max(0, end - _CONTEXT)
    if end > lo and text[end - 1] == "\n":  # "$" also matches before a final line break
        end -= 1
    start = end
    while start > lo and (text[start - 1].isalnum() or text[start - 1] in "._"):
        start -= 1
    return text[start:end]


def is_abbreviation(word: str) -> bool:
    """Whether ``word`` (``word_before`` a period) is a title or abbreviation the period need
    not end a sentence after ("Mr", "Dr", "U.S")."""
    return word.lower().rstrip(".") in _ABBREVIATIONS


_UPPER_DOMAIN = re.compile(r"(?:COM|NET|ORG|GOV|EDU|TV|CO\.UK)\b")


# A named speaker after an exclamation or question in quotes carries on its sentence ('"No!
# we are brothers, we pray together!" Francis told Benedict in a gesture of humility.': a
# Multi-News digest had read "Francis told Benedict in a gesture of humility." alone); one who
# says that something is so opens a new one ('?" Sweeting said Tuesday that he has ...'). A
# line break inside a paragraph is a hard wrap ("``Why not?''\nSmith said." in wire copy).
_SPEAKER_AFTER = re.compile(
    r"\s*(?!(?:He|She|It|They|We|I|You|There|This|That)\b)(?:[A-Z][\w.'’-]*\s+){1,3}"
    r"(?:said|says|told|tells|asked|asks|added|adds|shouted|replied|wrote|tweeted|recalled"
    r"|insisted|exclaimed|cried|yelled)\b(?P<rest>[^.,;:!?]{0,60})"
)
_CLAUSE_AFTER_VERB = re.compile(r"\b(?:that|he|she|it|they|we|i|there)\b", re.IGNORECASE)
_OPENING_MARK = re.compile("[\"“«]|(?<!\\S)[‘'`]")


def _attribution_follows(sentence: str, close: str, after: str) -> bool:
    """Whether a quotation closed by ``close`` after "!" or "?" goes on with its speaker: only
    a quotation that ``sentence`` (its text up to the stop) opens with, or began inside, has
    its speaker still to come; after 'Fans chanted "MVP!"' or 'He starred in "Who's Afraid
    of Virginia Woolf?"' the sentence has its own subject and a new one opens."""
    if not close or close[-1] not in "\"”’'":
        return False
    body = sentence.lstrip()
    if body[:1] not in "\"“‘'«`" and _OPENING_MARK.search(body):
        return False
    m = _SPEAKER_AFTER.match(after)
    return m is not None and not _CLAUSE_AFTER_VERB.search(m["rest"])


def _is_false_stop(text: str, m: re.Match[str], start: int = 0) -> bool:
    """Whether the stop ``m`` ends no sentence; ``start``: where the sentence it would end
    began."""
    stop = m.group("stop")
    after = text[m.end() : m.end() + _CONTEXT]
    if stop[-1] in "!?" and _attribution_follows(
        text[max(start, m.start() - 4 * _CONTEXT) : m.start()],
        m.group("close"),
        m.group("gap") + after,
    ):
        return True
    word = word_before(text, m.start())
    if stop == ".":
        low = word.lower().rstrip(".")
        if low in _NUMBER_SIGNS and not _NUMBER_NEXT.match(after):
            low = ""  # "she's never said no." ends a sentence; "No. 5" and "Nos. 3 and 4" do not
        if low in _ABBREVIATIONS and not (low in _TITLE_PLURALS and word[:1].islower()):
            # "U.S." ends a sentence when a new one clearly starts (capital + lowercase word)
            # "the U.S. State Department" goes on; "... in the U.S. The talks" ends
            words = after.split(maxsplit=2)
            next_word = words[0].rstrip(_OPENER_PUNCTUATION) if words else ""
            if low not in {"u.s", "u.k", "u.n", "etc"} or next_word not in _STARTERS:
                return True
            if next_word in _HEADLINE_STARTERS and next_word == words[0] and len(words) > 1:
                # a headline's words, each capitalized, go on: "Pastor Arrives Back in U.S.
                # After Two Years Detained in Turkey." (a NeuS article's first line)
                return words[1][:1].isupper()
            return False
        if len(word) == 1 and word.isupper():  # an initial: "George W. Bush"
            return True
        if _INITIALISM.fullmatch(word):
            # "the N.F.L.’s leading receiver" and "H.R. McMaster" go on (at "N.F." too, glued
            # to "L"); "... in Washington, D.C. After that" ends: a sentence opens with a
            # function word more often than a name or a noun follows the initialism
            words = after.split(maxsplit=1)
            opener = words[0].strip("\"'“‘(") if words else ""
            return not (
                m.group("gap") and opener[:1].isupper() and opener.lower() in ENGLISH_STOP_WORDS
            )
        if word in WEEKDAY_ABBREVIATIONS and m.group("gap") and _DATE_NEXT.match(after.lstrip()):
            return True
        if not m.group("gap").strip() and m.group("gap") == "":
            # glued: "Japan.The" splits, "3.5" / "example.com" / "U.S" do not; a year before
            # a quotation's mark does ('... on April 1, 1990."It was a very tragic death.':
            # Multi-News 157), no decimal going on
            year_quoted = word[-1:].isdigit() and '"' in m.group("close")
            if not word or (not word[-1].isalpha() and not year_quoted):
                return True
            if len(word) <= 1:
                return True
            if word.isupper() and _UPPER_DOMAIN.match(after):
                return True  # "DEVONJAMESXXX.COM": a web address in capitals, no sentence end
    if m.group("gap") and not after[:1]:
        return False
    if after.startswith(("—", "–")):
        # an AP dateline goes on after its dash ("PASADENA, Calif. — Floral floats rolled
        # ..."); a sentence does not open with one
        return True
    nxt = after[:1]
    if nxt in _CLOSING_MARKS and _SPACED_CLOSE.match(after):
        # a quotation's closing mark set off by a space, then its speaker ('... am I being an
        # all-star?\' " she recalled.', '... on the floor. ” said Sibley Memorial Hospital
        # nurse Yulette Newman.': Multi-News articles; '" she recalled.' was a digest's line)
        return True
    # a following lowercase word means the stop was inside a sentence ("... said. and",
    # "incredibly toxic… but")
    return bool(nxt and nxt.islower())


_CLOSING_MARKS = frozenset('"”')
_SPACED_CLOSE = re.compile(r'["”][ \t]+[a-z]')


def _split_block(text: str, offset: int) -> Iterator[tuple[int, int]]:
    start = 0
    seen = quotes = 0  # straight double quotes in text[:seen], counted as the scan goes
    for m in _BOUNDARY.finditer(text):
        if _is_false_stop(text, m, start):
            continue
        end = m.end("close")
        if not m.group("gap") and '"' in m.group("close"):
            # glued to the next sentence, a straight quote mark opens it when the ones before
            # it are paired: 'back to primetime."'Dancing With The Stars' would love ...," a
            # show insider tells me' (Multi-News) is two sentences, the second a quote
            mark = m.start("close") + m.group("close").index('"')
            quotes += text.count('"', seen, mark)
            seen = mark
            if quotes % 2 == 0:
                end = mark
        elif (
            m.group("gap")
            and text.startswith("”", m.end())
            and not text[m.end() + 1 : m.end() + 2].strip()
        ):
            # a closing curly mark set off by a space before the next sentence ('... was a
            # grim moment. ” The admonition, however ...') or the paragraph's end: the
            # quotation's, not the next sentence's nor a sentence of its own
            end = m.end() + 1
        if text[start:end].strip():
            yield offset + start, offset + end
        start = end if end != m.end("close") else m.end()
    if text[start:].strip():
        yield offset + start, offset + len(text)


def split_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the sentences of ``text`` (whitespace trimmed)."""
    spans: list[tuple[int, int]] = []
    for b_start, b_end in paragraph_spans(text):
        for s, e in _split_block(text[b_start:b_end], b_start):
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            if e > s:
                spans.append((s, e))
    return spans


def split_sentences(text: str, article_id: str = "") -> list[Sentence]:
    """Sentences of one article's clean text, each pointing back to its exact span."""
    return [
        Sentence(article_id=article_id, index=i, text=text[s:e], start=s, end=e)
        for i, (s, e) in enumerate(split_spans(text))
    ]

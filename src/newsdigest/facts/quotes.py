"""Direct quotes and who said them.

Quote marks in web text are unreliable: machine translation mixes “…", «…» and "…", uses “ as a
closing mark, nests "…" in "…", drops an opening or closing mark. ``find_quote_spans`` pairs marks
by their context (an opening mark follows a space and precedes a word), never lets a quote cross a
paragraph, cuts an unclosed quote at its attribution (", Pompeo said") and otherwise drops it.

A speaker is taken, in order of trust, from a name ("Pompeo said"), a title the cluster gives
one person ("the Russian top diplomat" → the Russian foreign minister), a pronoun (the subject of
the nearest sentence before), or the quote just before it in the same paragraph. A quote that
other outlets attribute by name takes that name over a pronoun's guess. Short phrases in quotes
("deep state") are scare quotes, kept only when someone is said to have called something so;
titles, names and slogans in Title Case ("Pulp Fiction") are no one's words. Anything else
stays unattributed (speaker None).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter, defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from functools import lru_cache
from itertools import accumulate
from typing import Any

from newsdigest.facts.canonical import place_names
from newsdigest.facts.ner import ROLE_WORDS
from newsdigest.facts.roles import RoleIndex, resolve_role
from newsdigest.facts.spans import SpanSet
from newsdigest.model import Article, Entity, Quote, Sentence
from newsdigest.names import STATE_ABBREVIATIONS, fold
from newsdigest.quote_groups import content_words
from newsdigest.readability import lexical_finite_verb
from newsdigest.stopwords import ENGLISH_STOP_WORDS as STOP_WORDS

_OPEN_ONLY = "“„"
_GUILLEMET_OPEN = "«"
_CLOSE_ONLY = "”»"
_STRAIGHT = '"'
_DOUBLE = set(_OPEN_ONLY + _GUILLEMET_OPEN + _CLOSE_ONLY + _STRAIGHT)
_BEFORE_OPEN = set("([{—–-/:")
_AFTER_CLOSE = set(".,;:!?)]}—–-…")
# Titles written with a dot before a name ("said Adm. Scott Swift": without "Adm" the speaker
# ended at its dot, and the quote went unattributed)
_TITLE_DOTS = (
    "Mr Ms Dr Lt St Mrs Rep Sen Gov Gen Col Sgt Adm Maj Cpl Det Rev Capt Prof Cmdr Supt Insp"
).split()
_NOT_HONORIFIC = "".join(rf"(?<!\b{t})" for t in _TITLE_DOTS)
# a dot that ends a title, as lookbehinds of one width each (as ``re`` requires)
_TITLE_DOT = "|".join(
    rf"(?<=\b(?:{'|'.join(t for t in _TITLE_DOTS if len(t) == n)}))\."
    for n in sorted({len(t) for t in _TITLE_DOTS})
)
# ... and the dots of a company's or a name's abbreviation, which a speaker's words before the
# verb may hold ("…,” John Hasting, CEO of The Thomas Kinkade Co., said Monday": without them
# the quote went to the painter named before)
# the Associated Press's abbreviations of US states ("at Duke University in Durham, N.C., said"
# is one attribution; so is "of San Diego, Calif., said")
_STATE_DOTS = STATE_ABBREVIATIONS
_NAME_DOT = r"(?<=\b(?:Co|Jr|Sr))\.|(?<=\b(?:Inc|Ltd))\.|(?<=\bCorp)\.|(?<=\b[A-Z])\.|" + "|".join(
    rf"(?<=\b(?:{'|'.join(t for t in _STATE_DOTS if len(t) == n)}))\."
    for n in sorted({len(t) for t in _STATE_DOTS})
)
_NOT_GENERATION = r"(?<!\bJr)(?<!\bSr)"  # a generation's dot is its name's ("Kunz Sr.")
_SENTENCE_END = re.compile(_NOT_HONORIFIC + r"[.!?…]+['\"”’»]*(?:\s+|$)")

_VERBS = (
    r"said|says|say|told|tells|stressed|stresses|noted|notes|added|adds|stated|states|declared"
    r"|insisted|assured|informed|warned|explained|announced|argued|claimed|wrote|writes|tweeted"
    r"|recalled|emphasi[sz]ed|urged|promised|vowed|pointed\s+out|concluded|listed|replied"
    r"|responded|answered|asked|admitted|acknowledged|confirmed|continued|remarked|commented"
    r"|observed|suggested|predicted|complained|reiterated|underlined|summed\s+up"
    r"|saying|adding|noting|stressing|explaining|telling|warning|insisting|arguing|writing"
    r"|declaring|recalling|asking|replying|answering|asks|explains|warns|insists|argues|recalls"
    r"|admits|replies|answers|continues|concludes|writes"
    # how else news reports words ("... one way or another,' Musk posted.")
    r"|posted|posts|tweets|texted|shouted|screamed|yelled|whispered|exclaimed|joked|quipped"
    r"|boasted|lamented|conceded|cautioned|countered|retorted|recounted|testified|pleaded"
    r"|captioned|captions"
)
_SPEECH_VERB = re.compile(rf"(?:{_VERBS})[,.;:]?", re.IGNORECASE)
_THOUGHT = r"thought|thinks|believes|believed|hoped|hopes|expects|expected|had\s+the\s+impression"
_NAMING = (
    r"(?:calling|called|dubbing|dubbed|describing|described|labell?ing|labell?ed|terming|termed)"
    r"(?:\s+(?:it|him|her|them|this|that|these|those))?(?:\s+as)?"
)
# "with" and a noun before a participle: the noun is its subject ("with staff asking", "with
# critics saying", "with some lawmakers calling it")
_WITH_NOUN_BEFORE = re.compile(
    r"\bwith\s+(?:(?:the|its|his|her|their|some|many|several|other)\s+)?(?:[a-z-]+\s+)?"
    r"(?!(?:him|her|them|it|us|me)\s)[a-z-]+\s+$"
)
_BEFORE_VERB = re.compile(rf"\b(?:{_VERBS}|{_THOUGHT}|{_NAMING})\b")
_NAMING_AT_END = re.compile(rf"\b{_NAMING}\s*$")
# a work or a body and the word that names it, right before a quote (NeuS: "Wednesday night's
# episode on Comedy Central, called “SHOTS!!!,”" had been the channel's words)
_WORK_NAMED = re.compile(
    r"\b(?:episode|film|movie|show|series|book|song|album|documentary|programme|program|play"
    r"|novel|game|app|podcast|exhibition|essay|column|segment|sketch|video|track|single|memoir"
    r"|operation|campaign|initiative|bill|band|group|company|hashtag)s?"
    r"(?:\s+(?:on|from|by|of)\s+[\w' ]{1,30}?)?,?\s+(?:called|dubbed|titled|entitled|named)"
    r"\s*$",
    re.IGNORECASE,
)
# words shown as words, not said: "without the words “In God We Trust”", "the phrase “...”",
# "a sign reading “...”" (Multi-News: a coin's motto had been a coin dealer's words)
_WORDS_SHOWN = re.compile(
    r"\b(?:(?:without|missing|lacks?|lacking|omits?|omitting|drop|dropped|remove|removed"
    r"|change|changed|replace|replaced)\s+the\s+words?|(?:the|a|an|its|their)\s+(?:word|phrase"
    r"|inscription|legend|hashtag|(?:sign|banner|placard|t-shirt|shirt|cap|hat)s?\s+"
    r"(?:reading|that\s+read)))\s*$",
    re.IGNORECASE,
)
_LEAD = r"^[\s,.;:!?…]*[—–-]*\s*"
_AFTER_QUOTING = re.compile(
    _LEAD + r"(?:quotes?|quoting|citing)\s+(?:the\s+words\s+of\s+)?"
    r"(?P<who>[^,.;:!?\"“”«»]{1,80}?)(?=\s+(?:on|about|in|at|to|as|after|during)\b|[,.;:!?]|$)"
)
_AFTER_CITED = re.compile(
    _LEAD
    + r"[^,.;:!?\"“”«»]{1,40}?\s+(?:cited|quoted|cites|quotes)\s+(?P<who>[^,.;:!?\"“”«»]{1,80}?)"
    r"\s+as\s+saying\b"
)
_AFTER_WHO_VERB = re.compile(
    _LEAD + rf"(?P<who>(?:[^.;:!?\"“”«»]|{_TITLE_DOT}|{_NAME_DOT}){{1,160}}?)"
    r"\s+(?:(?:has|had|then|also|later|earlier|again)\s+)*"
    rf"(?:{_VERBS})\b"
)
_AFTER_VERB_WHO = re.compile(
    _LEAD + rf"(?:{_VERBS})\s+(?P<who>(?:[^;:!?\"“”«»]|{_TITLE_DOT})"
    r"{1,140}?)(?=[,;:]\s|"
    + _NOT_HONORIFIC
    + _NOT_GENERATION
    + r"(?<!\b[A-Z])\.\s|"
    + _NOT_GENERATION
    + r"\.?$)"
)  # an initial's, an abbreviation's or a generation's dot ends no name ("said U.S. Sen. Cory
# Gardner, ...", '"...," said Kunz Sr.' closing a paragraph: Multi-News validation 62, where the
# model's name took the dot, and a speaker's words ending before it named no one)
_PRONOUN = re.compile(r"\b(?:he|she|He|She)\b")
# what may stand between an organization and its speech verb: nothing, a suffix ("Ltd."), an
# adverb or an auxiliary ("Qualcomm Inc. said", "the agency has repeatedly said")
_RIGHT_BEFORE_VERB = re.compile(
    r"\s*(?:(?:Inc|Ltd|Corp|Co|LLC|plc)\.?,?\s*)?(?:(?:himself|herself|itself)\s+)?"
    r"(?:(?:has|had|have|also|later|then|again|once"
    r"|repeatedly|previously|publicly|officially|\w+ly)\s+){0,2}"
)
# where the words after "said" stop naming the speaker: "said Stern while driving ...", "said
# Kim as he left ...", "said Lee, who ..."
_OWN_CLAUSE = re.compile(
    r"\s(?:while|as|after|before|when|during|because|though|although|who|whom|whose|which"
    r"|where|adding|noting|referring|pointing|in|on|at|with|from|to|about)\b"
)
_CLAUSE_START = re.compile(
    r"(?:and|but|or|which|who|whom|that|while|as|when|because|so|if|where|then)\b", re.I
)
# a common-noun subject starting its clause right before the verb: "…, the judge said"
_NOUN_SUBJECT = re.compile(
    r"(?:^|[,;]\s*|\b(?:that|and|but)\s+)(?:the|a|an)\s+(?:[\w'’-]+\s+){0,4}$", re.I
)
# A clause of its own between a name and the speech verb, its subject a description, with no
# comma to close it ("Smith, speaking before the crowd, said" goes on to Smith)
_LATER_SUBJECT = re.compile(
    r"\b(?:before|after|when|while|until|once)\s+(?P<who>(?:the|a|an)\s+[\w'’-]+\b[^,;:]*)$"
)
_ATTRIBUTION_CUT = re.compile(
    rf"[,.!?]\s*[—–-]?\s*(?:(?:[A-Z][\w.’'-]*|he|she)\s+){{1,4}}(?:{_VERBS})\b"
)
# a name or pronoun and a speech verb right after the closing mark ("…,” Kim said", "…,” said
# Sergey Lavrov"): the quote is somebody's words even when Title Case or capitals make it read
# like a title ("Thank you, President Trump", "NO COLLUSION, NO OBSTRUCTION")
_SAID_RIGHT_AFTER = re.compile(
    _LEAD + rf"(?:(?:(?:[A-Z][\w.’'-]*|he|she|they)\s+){{1,4}}(?:{_VERBS})\b|(?:{_VERBS})\s+[A-Z])"
)
_WORD = re.compile(r"[A-Za-z][A-Za-z'’-]*")
_MIN_WORDS = 4
_TITLE_WORDS = 12  # longer Title Case text is a headline-style quote, judged like any other


@dataclass(frozen=True)
class QuoteSpan:
    """A quote's marks and content: ``open``/``close`` bound the marks, ``start``/``end`` the
    words inside (so ``text[start:end]`` is the quote)."""

    open: int
    close: int
    start: int
    end: int


def _paragraphs(text: str) -> list[tuple[int, int]]:
    out, pos = [], 0
    for m in re.finditer(r"\n", text):
        out.append((pos, m.start()))
        pos = m.end()
    out.append((pos, len(text)))
    return [(s, e) for s, e in out if e > s]


def _content(text: str, open_: int, close: int, start: int, end: int) -> QuoteSpan | None:
    while start < end and (text[start].isspace() or text[start] in "—–-"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] == ","):
        end -= 1  # '“…productively,” Pompeo stressed': the comma is the attribution's
    if end <= start or not any(ch.isalnum() for ch in text[start:end]):
        return None
    return QuoteSpan(open_, close, start, end)


_NEXT_OPENS_QUOTE = re.compile(r"\s*\n\s*[“\"«]")
# a sentence's end, then perhaps a single quote's closing mark, then a space, right before a mark
_TWO_APOSTROPHES = re.compile(r"(?<=[^\s'])''(?=[\s.,;:!?)\]—–-]|$)")
# ", said Kunz Sr. " right before a mark: an attribution, verb first, ends the text before it
_SAID_WHO_AT_END = re.compile(rf",\s+(?:{_VERBS})\s+[A-Z][^\"“”]{{0,60}}\Z")
_ENDED_BEFORE = re.compile(r"[.!?…]\s*['’]?\s+\Z")


def _double_quotes(text: str, ps: int, pe: int) -> list[QuoteSpan]:
    spans: list[QuoteSpan] = []
    stack: list[int] = []
    last_close = ps
    no_end_before = ps  # no sentence end starts in [last_close, no_end_before): searched
    glued = -1  # just after a closing mark that read as an opening one (see below)
    for i in range(ps, pe):
        c = text[i]
        width = 1
        if c == "'" and i > ps and _TWO_APOSTROPHES.match(text, i, pe):
            # two apostrophes after a word close a double quote, as some wires write it
            # ('"We didn't have this great plan,'' mom Mona Lisa Harding told Matt Lauer.':
            # Multi-News validation 3)
            c, width = "”", 2
        if c not in _DOUBLE:
            continue
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if c in _OPEN_ONLY:
            closing = bool(stack)  # “ while a quote is open is a misused closing mark
        elif c == _GUILLEMET_OPEN:
            closing = False
        elif c in _CLOSE_ONLY:
            # ” with no quote open, after a space and before a word, opens one (machine-set
            # text: 'appreciates Horomanski’s ”willingness to reach out to us.”')
            closing = not (
                c == "”"
                and not stack
                and (prev.isspace() or prev in _BEFORE_OPEN)
                and nxt.isalnum()
            )
        else:
            opener = (prev.isspace() or prev in _BEFORE_OPEN) and not nxt.isspace()
            closer = not prev.isspace() and (nxt.isspace() or nxt in _AFTER_CLOSE)
            closing = closer if opener != closer else bool(stack)
            if (
                opener
                and stack
                and text[stack[-1]] == _STRAIGHT
                and _ENDED_BEFORE.search(text, max(ps, i - 8), i)
            ):
                # a straight mark before a word, while a straight quote is open and right after
                # its sentence ended, closes it: what follows is the writer's ("... I said 'you
                # are here?' he said, 'yeah that's what I am doing.' "Olivera, himself a Gulf
                # War veteran, said ...": Multi-News validation 67 had glued the two)
                cut = _ATTRIBUTION_CUT.search(text, stack[-1] + 1, i) or _SAID_WHO_AT_END.search(
                    text, stack[-1] + 1, i
                )
                if cut and len(stack) == 1:
                    # ... unless the open quote never closed before its attribution: it ends
                    # there, and this mark opens the next ('"There's a possibility ... giving us
                    # hope, said Kunz Sr. "It's a bad thing ...": Multi-News validation 62)
                    q = _content(text, stack[0], cut.start(), stack[0] + 1, cut.start())
                    if q:
                        spans.append(q)
                    stack[0] = i
                    last_close = cut.start()
                    continue
                closing = True
                glued = i + 1
            if closing and not stack and last_close != glued:
                continue  # a stray straight mark (5" or a typo) opens nothing and closes nothing
        if not closing:
            stack.append(i)
            continue
        if stack:
            open_ = stack.pop()
            if not stack:
                q = _content(text, open_, i + width, open_ + 1, i)
                if q:
                    spans.append(q)
                last_close = i + width
        else:
            # a closing mark without an opening one: the quote began at the first sentence
            # after the previous quote's attribution (or at the paragraph start)
            begin = ps
            if last_close == glued:
                # that mark closed one paragraph's quote and opened the next one's, the two
                # paragraphs glued ('... narcotics. "The secretive nature ... without a
                # trace."': the rest of a prosecutor's words, a dev-stream page)
                begin = glued
            elif last_close > ps:
                m = _SENTENCE_END.search(text, max(last_close, no_end_before), i)
                if not m:
                    # searched up to this mark: the next unopened mark searches on from here,
                    # not again from the attribution (a line of 10,000 inch marks took minutes)
                    no_end_before = i
                    continue
                begin = m.end()
            start = begin
            if width == 2:
                # opened by one mark where the wire wrote two: "'If it sounds too good to be
                # true, it probably is,'' Fandal said." (dev stream)
                while start < i and (text[start].isspace() or text[start] in "'‘`"):
                    start += 1
            q = _content(text, begin, i + width, start, i)
            if q:
                spans.append(q)
            last_close = i + width
    if stack:
        open_ = stack[0]
        cut = _ATTRIBUTION_CUT.search(text, open_ + 1, pe)
        if cut:
            q = _content(text, open_, cut.start(), open_ + 1, cut.start())
            if q:
                spans.append(q)
        elif _NEXT_OPENS_QUOTE.match(text, pe):
            # a quote of several paragraphs: each but the last is left open, and the next one
            # opens with a quote mark ("... I'm looking forward to it.⏎⏎“We'll have a good
            # time ...,” Musk said)
            q = _content(text, open_, pe, open_ + 1, pe)
            if q:
                spans.append(q)
    return spans


_SINGLE_OPEN = re.compile(r"[‘']")
_SINGLE_CLOSE = re.compile(r"[’']")


def _single_quotes(text: str, ps: int, pe: int, taken: list[QuoteSpan]) -> list[QuoteSpan]:
    """‘…’ and '…' quotes outside double quotes; an apostrophe (It’s, Lavrov’s) never closes.

    Only the quote marks are visited (found by regex), not every character: this runs over
    every paragraph of every article."""
    spans: list[QuoteSpan] = []
    closers: list[int] | None = None  # marks that can close a quote, found when first needed
    opens = sorted(q.open for q in taken)
    covered = SpanSet((q.open, q.close) for q in taken)
    i = ps
    while m := _SINGLE_OPEN.search(text, i, pe):
        i = m.start()
        prev = text[i - 1] if i > ps else " "
        nxt = text[i + 1] if i + 1 < pe else " "
        if covered.holds(i) or not (prev.isspace() or prev in _BEFORE_OPEN) or not nxt.isalpha():
            i += 1
            continue
        if closers is None:
            closers = [
                c.start()
                for c in _SINGLE_CLOSE.finditer(text, ps, pe)
                if not text[c.start() - 1].isspace()
                and not (text[c.start() + 1] if c.start() + 1 < pe else " ").isalnum()
            ]
        k = bisect_right(closers, i)
        j = closers[k] if k < len(closers) else pe
        o = bisect_right(opens, i)
        if o < len(opens) and opens[o] < j:
            j = pe  # a double quote opens first: this mark is no quote of its own
        if j < pe:
            q = _content(text, i, j + 1, i + 1, j)
            if q:
                spans.append(q)
            i = j + 1
            continue
        i += 1
    return spans


def find_quote_spans(text: str) -> list[QuoteSpan]:
    """All top-level quotes of ``text`` in order (nested quotes belong to their outer quote)."""
    return list(_quote_spans(text))


@lru_cache(maxsize=256)  # as many as analysis.DOC_CACHE keeps parses
def _quote_spans(text: str) -> tuple[QuoteSpan, ...]:
    """``find_quote_spans``, kept for the last texts asked: the parse reads an article's
    quotes, and each refresh of its story again (dev stream through the API: 983 reads of
    383 texts, the character-by-character scan 2 s of ~130 s profiled)."""
    spans: list[QuoteSpan] = []
    for ps, pe in _paragraphs(text):
        doubles = _double_quotes(text, ps, pe)
        spans.extend(doubles)
        spans.extend(_single_quotes(text, ps, pe, doubles))
    spans.sort(key=lambda q: q.open)
    return tuple(spans)


_AFFILIATION = re.compile(r"\s+(?:of|from|at|for|with)\s+(?:the\s+)?")
SUBJECT_LOOKBACK = 4  # sentences before a quote's own that pronoun resolution reads
# Characters after a quote's closing mark that an attribution match can reach (a verb and
# the longest speaker the after-patterns take, 140 characters, with room to spare).
ATTRIBUTION_REACH = 400


class QuoteCover:
    """Where a text's quotes lie, asked in logarithmic time: attribution asks for each
    quote, mention and sentence whether it is inside one, and a scan of every quote per
    question made a 216,000-character article of 3,000 quoted sentences take minutes."""

    def __init__(self, spans: Sequence[QuoteSpan]) -> None:
        ordered = sorted(spans, key=lambda q: q.open)
        self.opens = [q.open for q in ordered]
        self.reach = list(accumulate((q.close for q in ordered), max))  # furthest close so far
        self.closes = sorted(q.close for q in ordered)

    def holds(self, pos: int) -> bool:
        """Whether a quote's marks enclose ``pos`` (open <= pos < close)."""
        k = bisect_right(self.opens, pos)
        return k > 0 and self.reach[k - 1] > pos

    def covers(self, start: int, end: int) -> bool:
        """Whether ``[start, end)`` lies wholly inside one quote (open < start, end <= close)."""
        k = bisect_left(self.opens, start)
        return k > 0 and self.reach[k - 1] >= end

    def last_close(self, pos: int) -> int:
        """The furthest close of a quote that has closed by ``pos`` (0 when none has)."""
        k = bisect_right(self.closes, pos)
        return self.closes[k - 1] if k else 0


def lookback(sentences: Sequence[Sentence], index: int, cover: QuoteCover) -> list[int]:
    """The indexes of the ``SUBJECT_LOOKBACK`` sentences before sentence ``index`` that a
    he/she may refer back to, nearest first, passing over those wholly inside a quote (a
    quote split into three sentences, "... Love you always man! #endgunviolence.", had used
    up the look-back before the sentence that named the person)."""
    out: list[int] = []
    counted = 0
    for b in range(index - 1, -1, -1):
        if counted == SUBJECT_LOOKBACK:
            break
        out.append(b)
        counted += not cover.covers(sentences[b].start, sentences[b].end)
    return out


def subject_sentences(text: str, sentences: Sequence[Sentence]) -> list[tuple[int, int]]:
    """Character runs of the sentences whose grammatical subjects attribution may read, as
    (start, end) of consecutive sentences: only these need the parser.

    ``_subject_person`` is asked about a quote's own sentence when a verb in "-ing" leads into
    the quote ("…, saying:"), and about it and the ``SUBJECT_LOOKBACK`` sentences before when a
    he/she names the speaker; a quote with neither word near it needs no parse at all.
    """
    if not sentences:
        return []
    starts = [s.start for s in sentences]
    needed: set[int] = set()
    last_close = 0
    spans = find_quote_spans(text)
    cover = QuoteCover(spans)
    for span in spans:
        i = bisect_right(starts, span.open) - 1
        # attribution reads the clause from the last quote before this one, and after it the
        # words of an attribution match: a window, not the rest of a line (a page on one line
        # made this quadratic: 80,000 characters of quotes took minutes)
        after_last = last_close if last_close <= span.open else 0
        last_close = max(last_close, span.close)
        if i < 0:
            continue
        begin = max(sentences[i].start, after_last)
        line_end = text.find("\n", span.close, span.close + ATTRIBUTION_REACH)
        near = text[begin : span.close + ATTRIBUTION_REACH if line_end < 0 else line_end]
        if _PRONOUN.search(near):
            needed.update([i, *lookback(sentences, i, cover)])
        elif any(m.group().split()[0].endswith("ing") for m in _BEFORE_VERB.finditer(near)):
            needed.add(i)
    runs: list[tuple[int, int]] = []
    for i in sorted(needed):
        if runs and i - 1 in needed:
            runs[-1] = (runs[-1][0], sentences[i].end)
        else:
            runs.append((sentences[i].start, sentences[i].end))
    return runs


# --- attribution ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Attributed:
    """A quote with how its speaker was found; ``trust``: 3 name, 2 title, 1 pronoun or
    continuation, 0 none."""

    quote: Quote
    span: QuoteSpan
    trust: int
    how: str


@dataclass
class _ArticleContext:
    article: Article
    doc: Any
    sentences: Sequence[Sentence]
    persons: list[tuple[int, int, str]]  # PERSON mentions: start, end, canonical name
    orgs: list[tuple[int, int, str]]  # other named mentions (organizations and places)
    quotes: list[QuoteSpan]
    organizations: frozenset[str] = frozenset()  # the names among ``orgs`` typed ORG
    genders: Mapping[str, str] = field(default_factory=dict)  # "m" / "f" where the text says
    cover: QuoteCover = field(init=False)
    starts: list[int] = field(init=False)  # the sentences' starts, for ``sentence_at``

    def __post_init__(self) -> None:
        self.cover = QuoteCover(self.quotes)
        self.starts = [s.start for s in self.sentences]

    def sentence_at(self, pos: int) -> Sentence | None:
        i = bisect_right(self.starts, pos) - 1
        return self.sentences[i] if i >= 0 else None

    def in_quote(self, pos: int) -> bool:
        return self.cover.holds(pos)

    def persons_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        return _within(self.persons, start, end)

    def orgs_in(self, start: int, end: int) -> list[tuple[int, int, str]]:
        """The other named mentions within [start, end], as ``persons_in``."""
        return _within(self.orgs, start, end)


def _within(
    mentions: Sequence[tuple[int, int, str]], start: int, end: int
) -> list[tuple[int, int, str]]:
    """The ``mentions`` (sorted by start) lying within [start, end]: only those starting there
    are looked at (every sentence against every mention took minutes on a long text of many
    names)."""
    lo = bisect_left(mentions, start, key=_mention_start)
    hi = bisect_right(mentions, end, key=_mention_start)
    return [m for m in mentions[lo:hi] if m[1] <= end]


def _mention_start(mention: tuple[int, int, str]) -> int:
    return mention[0]


def _a_post_unnamed(tok: Any) -> bool:
    """A post held by "a" or "an" one ("A Downing Street spokesman"): no title resolves it
    to a name."""
    return tok.lower_ in ROLE_WORDS and any(
        c.dep_ == "det" and c.lower_ in ("a", "an") for c in tok.children
    )


def _subject_person(
    ctx: _ArticleContext, start: int, end: int, fits: Callable[[str], bool] | None = None
) -> str | None:
    """The PERSON that is the grammatical subject of the text [start, end), outside quotes;
    with ``fits``, the first subject that fits (a "she" is not the main clause's "he")."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return None
    # the main clause's subject before a subordinate one's ("When Pagano had to leave the
    # team for a time, Arians directed the Colts": Arians)
    subjects = sorted(
        (t for t in span if t.dep_ in ("nsubj", "nsubjpass") or _inverted_subject(t)),
        key=lambda t: t.head.dep_ != "ROOT",
    )
    for tok in subjects:
        if ctx.in_quote(tok.idx):
            continue
        left = tok.left_edge.idx
        right = tok.right_edge.idx + len(tok.right_edge)
        if (
            tok.head.dep_ == "ROOT"
            and _a_post_unnamed(tok)
            and not ctx.persons_in(start, tok.head.idx)
        ):
            # the main clause's subject is someone unnamed: "A Downing Street spokesman said
            # PM Theresa May was being kept up to date ... He stressed: “...”" (the
            # spokesman's words, a dev-stream quote given to May), not the clause's after it
            return None
        for p_start, p_end, name in ctx.persons_in(left, right):
            mention = ctx.doc.char_span(p_start, p_end, alignment_mode="expand")
            if mention is not None and mention.root.dep_ == "poss" and mention.root != tok:
                continue  # "Gadhafi's regime": the regime is the subject, not Gadhafi
            if fits is not None and not fits(name):
                continue
            return name
    return None


def _inverted_subject(tok: Any) -> bool:
    """The complement of a main verb that has no subject: the subject of an inverted sentence
    ("Among the reveling Cubs fans was Kevin O'Brien, a Chicago lawyer ...": the dev stream's
    World Series story, whose next “..., he said” had gone to the manager quoted before)."""
    return (
        tok.dep_ == "attr"
        and tok.head.dep_ == "ROOT"
        and not any(c.dep_ in ("nsubj", "nsubjpass", "expl", "csubj") for c in tok.head.children)
        # "Among the dead was a man identified as John Smith": the dead speak no more (a
        # hostile pass: the police chief's next words had gone to the victim)
        and not any(t.lower_ in _AMONG_THE_LOST for t in tok.head.lefts for t in t.subtree)
    )


_AMONG_THE_LOST = frozenset(
    """dead killed victims victim injured wounded missing casualties died slain hurt hostages
    those""".split()
)


# People a story describes without naming them ("The victim ... said police didn't take her
# claim seriously. 'We ran,' she said."): a he/she after such a subject is theirs, not the
# last named person's
_PERSON_NOUNS = frozenset(
    """victim victims woman women man men girl boy mother father wife husband daughter son
    sister brother friend neighbor neighbour witness witnesses resident residents survivor
    passenger driver student teacher nurse doctor patient worker employee customer fan
    spectator bystander relative widow mom dad officer officers policeman policewoman trooper
    deputy firefighter paramedic soldier guard dispatcher caller detective sergeant juror
    pilot shopkeeper protester protesters voter voters""".split()
)  # "At 10:08 p.m., an officer on the scene sounds the alarm. “...,” he says.": his, unnamed


def _unnamed_subject(ctx: _ArticleContext, start: int, end: int) -> bool:
    """Whether the main verb's subject in [start, end), outside quotes, is a person the
    entities do not name: one described ("The victim ... said"; a subordinate clause's "after
    the boy fell" is not the sentence's subject), or one introduced by name and role that the
    NER missed ("Ajmal Jan, a local shopkeeper, said ...": BBC, dev stream; his "he told
    Reuters" had gone to the Taliban spokesman quoted three sentences before)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    for tok in span:
        # the main verb's: the root's, or the words that open the sentence (after a quote's
        # close, the parser hung "Kartik and his family managed to escape ..." elsewhere)
        main = tok.head.dep_ == "ROOT" or tok.left_edge.i == span.start
        if tok.dep_ not in ("nsubj", "nsubjpass") or not main:
            continue
        if ctx.in_quote(tok.idx):
            continue
        left, right = tok.left_edge.idx, tok.right_edge.idx + len(tok.right_edge)
        if ctx.persons_in(left, right):
            continue
        if tok.lower_ in _PERSON_NOUNS or _a_post_unnamed(tok):
            return True
        if _missed_name(ctx, tok):
            return True
        role = [c for c in tok.children if c.dep_ == "appos" and c.lower_ not in _NOT_A_ROLE]
        if (
            role
            and tok.text[:1].isupper()
            and tok.lower_ not in _PRONOUNS  # "He, a veteran of two wars, said ...": named before
            and not any(o[0] < tok.idx + len(tok) and tok.idx < o[1] for o in ctx.orgs)
        ):
            return True
    return False


# not "said": "Kudirat Okesola said her husband was travelling on the tram ..." then "she
# said" is hers (dev stream, the Croydon tram crash)
_REPORTED = frozenset({"reported", "reports"})


def _reported_person(ctx: _ArticleContext, start: int, end: int) -> bool:
    """Whether a reporting main verb in [start, end) reports on a person it describes, not
    names ("France TV Info reported a dad known only as Kevin was with his wife ...": the
    next "He said:" is the dad's; it had gone to the broadcaster, which the NER read as a
    person: the dev stream's Nice attack)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return False
    for tok in span:
        if tok.lower_ not in _PERSON_NOUNS or ctx.in_quote(tok.idx):
            continue
        if tok.dep_ == "dobj":
            verb = tok.head
        elif tok.dep_ in ("nsubj", "nsubjpass") and tok.head.dep_ == "ccomp":
            verb = tok.head.head
        else:
            continue
        if verb.dep_ == "ROOT" and verb.lower_ in _REPORTED:
            return True
    return False


def _missed_name(ctx: _ArticleContext, tok: Any) -> bool:
    """Whether subject ``tok`` is a name of capitalized words that no entity covers: a person
    the NER missed ("Brit Kartik Bhanot, from Essex, witnessed ..."; his "He added:" had gone
    to a witness quoted paragraphs before)."""
    parts = [c for c in tok.children if c.dep_ == "compound" and c.i < tok.i]
    if not all(t.text[:1].isupper() and t.text[1:].islower() for t in [*parts, tok]):
        return False
    if not parts and (
        tok.lower_ in _PRONOUNS
        or re.search(rf"\b{re.escape(tok.lower_)}\b", ctx.article.text) is not None
        or not any(t.lower_ in ("his", "her") for t in tok.subtree)
    ):
        # one word is a name when the article never writes it in lower case and gives it
        # kin ("Kartik and his family managed to escape", the next "He said:" his; not
        # "Police said", "Flags will fly at half-staff")
        return False
    end = tok.idx + len(tok)  # the name's last word ("Brit" before it may be a NORP)
    return not any(o[0] < end and tok.idx < o[1] for o in ctx.orgs)


# appositions that name a thing, not a person's role ("Apple, the company, said")
_NOT_A_ROLE = frozenset("company firm group agency ministry department party".split())
_PRONOUNS = frozenset("he she they it i we you".split())


def _resolve_pronoun(
    ctx: _ArticleContext, pos: int, spoken: dict[int, str], pronoun: str = ""
) -> str | None:
    """The person a he/she at ``pos`` refers to: the subject (or last speaker, or last person
    named) of the current sentence before ``pos``, else of the sentences before it; never one
    the text calls by the other pronoun ("She also wrote" is not the cousin's, whom the
    sentence before names: the dev stream's Rihanna story)."""
    want = {"he": "m", "she": "f"}.get(pronoun.lower())

    def fits(name: str | None) -> bool:
        return name is not None and (want is None or ctx.genders.get(name, want) == want)

    sent = ctx.sentence_at(pos)
    if sent is None:
        return None
    here = [p for p in ctx.persons_in(sent.start, pos) if not ctx.in_quote(p[0]) and fits(p[2])]
    if here:
        subject = _subject_person(ctx, sent.start, pos, fits)
        return subject if fits(subject) else here[-1][2]
    chain = False  # a sentence passed opens with this pronoun: it speaks of one person
    for back in lookback(ctx.sentences, sent.index, ctx.cover):
        s = ctx.sentences[back]
        if ctx.cover.covers(s.start, s.end):
            continue  # words inside a quote name no subject
        said = _last_spoken(spoken, s, fits)
        if said is not None:
            return said
        if _reported_person(ctx, s.start, s.end):
            return None  # "X reported a dad ... was there. He said: ...": the dad's words
        subject = _subject_person(ctx, s.start, s.end, fits) or _named_before_said(ctx, s)
        if subject is not None and fits(subject):
            return _shown_instead(ctx, s, subject, want) or subject
        if _unnamed_subject(ctx, s.start, s.end):
            return None  # "The victim, ... said ..." then "she said": the victim's words
        owner = _possessor(ctx, s, fits) if chain else None
        if owner is not None:
            return owner
        chain = chain or _opens_with_pronoun(ctx.article.text, s, pronoun)
    if sent.index == 0:
        return None
    # no subject nearby: the last person the sentence before names, unless only in passing
    # ("in front of Gadhafi's residence", "the first visit of Pompeo to Russia": the seeds'
    # Oreanda article then quoted Putin on Mueller's inquiry, "…", he said)
    s = ctx.sentences[sent.index - 1]
    named = [
        p
        for p in ctx.persons_in(s.start, s.end)
        if not ctx.in_quote(p[0])
        and not re.match(r"['’]s?\b", ctx.article.text[p[1] : p[1] + 2])
        and not re.search(r"\bof\s+$", ctx.article.text[max(0, p[0] - 4) : p[0]])
        and fits(p[2])
    ]
    # one the text shows is a "she" (or "he") before one it says nothing of ("Thurman says he
    # introduced her to President Barack Obama ..." then "…,” she told me": Thurman's words)
    shown = [p for p in named if want and ctx.genders.get(p[2]) == want]
    return (shown or named)[-1][2] if named else None


def _last_spoken(spoken: dict[int, str], s: Sentence, fits: Callable[[str], bool]) -> str | None:
    """The last speaker given to a quote opening in sentence ``s`` that ``fits``. ``spoken``
    is filled in the order of the quotes, so it is read from its end back to ``s`` only (read
    whole for each he/she, 6,000 quotes in one article had cost seconds)."""
    for qpos, name in reversed(spoken.items()):
        if qpos < s.start:
            return None
        if qpos < s.end and fits(name):
            return name
    return None


def _opens_with_pronoun(text: str, s: Sentence, pronoun: str) -> bool:
    """Whether sentence ``s`` opens with ``pronoun`` (any he/she when it is "") as its subject."""
    head = text[s.start : s.start + 4]
    return bool(
        re.match(rf"(?:{re.escape(pronoun.capitalize()) if pronoun else 'He|She'})\s", head)
    )


def _possessor(ctx: _ArticleContext, s: Sentence, fits: Callable[[str | None], bool]) -> str | None:
    """The one person sentence ``s`` names only as an owner, outside quotes ("For two decades,
    Bundy's cattle have fed off government-owned land ..."), when the sentences after it go
    on with "He claims ...", "He said ...": of whom they speak (a Multi-News story's "he said
    on 'New Day'" had gone to the interviewer quoted before the paragraph)."""
    text = ctx.article.text
    outside = [p for p in ctx.persons_in(s.start, s.end) if not ctx.in_quote(p[0])]
    owners = {
        name
        for _, end, name in outside
        if re.match(r"['’]s?\b", text[end : end + 2]) and fits(name)
    }
    named = {name for _, _, name in outside}
    return owners.pop() if len(owners) == 1 and named == owners else None


_SAID_WORD = re.compile(rf"\s(?:{_VERBS})\b")


def _named_before_said(ctx: _ArticleContext, s: Sentence) -> str | None:
    """The person named right before the sentence's first speech verb, when the parser found
    no subject: "In St. Petersburg, Florida, Rabbi Jacob Luski of Congregation B'nai Israel
    said victims' relatives had informed him ..." (parsed as a list of places; the next "he
    said" had gone to the rabbi quoted paragraphs before)."""
    text = ctx.article.text
    for m in _SAID_WORD.finditer(text, s.start, s.end):
        if ctx.in_quote(m.start()):
            continue
        named = [p for p in ctx.persons_in(s.start, m.start()) if not ctx.in_quote(p[0])]
        if not named or not _RIGHT_BEFORE_VERB.fullmatch(text[named[-1][1] : m.start()]):
            return None  # "he denied being Mike Enoch but admitted ...": not Enoch's
        k = len(named) - 1
        while k > 0 and _AFFILIATION.fullmatch(text[named[k - 1][1] : named[k][0]]):
            k -= 1  # "Rabbi Jacob Luski of Congregation B'nai Israel said": the rabbi
        return named[k][2]
    return None


def _shown_instead(ctx: _ArticleContext, s: Sentence, subject: str, want: str | None) -> str | None:
    """The one other person ``s`` names whom the text shows to be a "she" (or "he"), when of
    the subject it says nothing: "Alleyne died Tuesday after being shot in Barbados, where
    Rihanna was born and raised. She also wrote, ..." (the dev stream's Rihanna story: her
    words had gone to her dead cousin)."""
    if not want or subject in ctx.genders:
        return None
    shown = {
        name
        for name in _clause_subjects(ctx, s.start, s.end)
        if name != subject and ctx.genders.get(name) == want
    }
    return shown.pop() if len(shown) == 1 else None


def _clause_subjects(ctx: _ArticleContext, start: int, end: int) -> set[str]:
    """The persons named as the subject of some clause of [start, end), outside quotes
    ("where Rihanna was born"; not "his daughter Lily", who is named in the subject)."""
    span = ctx.doc.char_span(start, end, alignment_mode="expand")
    if span is None:
        return set()
    out = set()
    for tok in span:
        if tok.dep_ not in ("nsubj", "nsubjpass") or ctx.in_quote(tok.idx):
            continue
        for p_start, p_end, name in ctx.persons_in(start, end):
            if p_start <= tok.idx < p_end and tok.left_edge.idx >= p_start:
                out.add(name)
    return out


# Evidence of whom a name's he or she is: an honorific before it, and the first he/his/himself or
# she/her (before a noun)/herself after it in a sentence that the name, written whole, opens
# and no one else is named in ("Rihanna is mourning the death of her cousin")
_GENDERED = re.compile(r"\b(he|his|himself|she|her|herself)\b", re.I)
# and a gendered noun set right before it ("her 23-year-old grandson, Jackson Schrimsher": a
# Multi-News grandmother's "she said" had gone to him)
_MALE_TITLE = re.compile(
    r"\b(?:Mr|Sir|Lord|King|Prince|Father|(?:grand|step)?(?:son|father)|husband|brother|nephew"
    r"|uncle|boyfriend|widower|boy|(?:business|congress|chair|spokes)?man|actor)\.?,?\s+$"
)
_FEMALE_TITLE = re.compile(
    r"\b(?:Mrs|Ms|Miss|Madam|Dame|Lady|Queen|Princess|Sister|(?:grand|step)?(?:daughter|mother)"
    r"|wife|sister|niece|aunt|girlfriend|widow|girl|(?:business|congress|chair|spokes)?woman"
    r"|actress)\.?,?\s+$"
)
_CLAUSE_WORD = re.compile(r"\b(?:who|whom|whose|that|which)\b", re.IGNORECASE)
# the name is a preposition's object ("In an e-mail to Mayor Tim Flaherty announcing her
# resignation": a Multi-News clerk's "her" had made the mayor a "she")
_OBJECT_OF = re.compile(
    r"\b(?:to|with|for|by|from|of|against|toward|towards)"
    r"(?:\s+[A-Z][\w.’'-]*)*\s*$"
)
_GENDER_REACH = 24  # characters before a name read for its title or gendered noun
_OPENS_WITHIN = 40  # characters before the name in a sentence it opens ("On Tuesday, Rihanna")


def _parsed_not_possessive(ctx: _ArticleContext, start: int, end: int) -> bool:
    """Whether the parser, where it read the sentence, says the "her" at [start, end) is not
    a possessive (a sentence the parser was not asked about has no dependency labels)."""
    span = ctx.doc.char_span(start, end)
    return span is not None and len(span) == 1 and span[0].dep_ not in ("", "poss")


# "Mark Durbin, a spokesman for Penelec's parent company, said he": a job described, then the
# speaker's own "he" (not "Mary Keller, the boy's mother, said he", the son: a hostile pass)
_SAID_PRONOUN = re.compile(
    r",\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,2}(?:spokes(?:man|woman|person)|official|director"
    r"|manager|executive|officer|CEO|president|chairman|chairwoman|chief|representative|analyst"
    r"|lawyer|attorney|professor|researcher)\b(?![^,;]*\b(?:his|her|their|its)\b)"
    # a possessive's apostrophe is no quote mark: "a spokesman for Penelec’s parent company"
    r"(?:[^,;'’]|['’]s\b){0,60},"
    r"\s+(?:said|says|added)\s+(?:that\s+)?(?P<pronoun>he|she)\b",
    re.IGNORECASE,
)


def gender_votes(ctx: _ArticleContext) -> dict[str, Counter[str]]:
    """How often the article's text shows each person as a "he" ("m") or a "she" ("f")."""
    text = ctx.article.text
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for start, _, name in ctx.persons:
        before = text[max(0, start - _GENDER_REACH) : start]
        if _MALE_TITLE.search(before):
            votes[name]["m"] += 1
        elif _FEMALE_TITLE.search(before):
            votes[name]["f"] += 1
    for sent in ctx.sentences:
        named = [p for p in ctx.persons_in(sent.start, sent.end) if not ctx.in_quote(p[0])]
        if not named or named[0][0] - sent.start > _OPENS_WITHIN:
            continue
        until = next((p[0] for p in named if p[2] != named[0][2]), sent.end)
        if until < sent.end:
            # another person named later: only "NAME, ..., said he" before them counts ("Mark
            # Durbin, a spokesman ..., said he has never seen a bill ..., but told the paper
            # the company appreciates Horomanski's ...": a dev story's "she told the paper"
            # had gone to him, his "he" unread beside her name)
            said = _SAID_PRONOUN.match(text, named[0][1], until)
            if said and not ctx.in_quote(said.start("pronoun")):
                votes[named[0][2]]["m" if said["pronoun"].lower() == "he" else "f"] += 1
            continue
        written = text[named[0][0] : named[0][1]]
        if len(written.split()) < len(named[0][2].split()):
            continue  # a surname alone may be a relative's ("Molina" for Tony's wife Dominique)
        before = text[sent.start : named[0][0]]
        if _CLAUSE_WORD.search(before) or _OBJECT_OF.search(before):
            continue  # "The young woman who is alleging that Anthony Weiner ... sent her": hers
        for m in _GENDERED.finditer(text, named[0][1], until):
            word = m.group(1).lower()
            if ctx.in_quote(m.start()):
                continue
            if word == "her":
                after = text[m.end() : m.end() + 20].split(maxsplit=1)
                if not after or not after[0][:1].isalpha() or after[0].lower() in STOP_WORDS:
                    continue  # "holding her for political reasons": someone else, the object
                if _SPEECH_VERB.fullmatch(after[0]) or _parsed_not_possessive(
                    ctx, m.start(), m.end()
                ):
                    continue  # "a relationship with her says the candidate": the object
            votes[named[0][2]]["m" if word in ("he", "his", "himself") else "f"] += 1
            break
    return dict(votes)


def decide_genders(votes: Mapping[str, Counter[str]]) -> dict[str, str]:
    """ "m" or "f" for the names whose evidence says so at least twice as often as the other."""
    out: dict[str, str] = {}
    for name, count in votes.items():
        if count["m"] > 2 * count["f"]:
            out[name] = "m"
        elif count["f"] > 2 * count["m"]:
            out[name] = "f"
    return out


# "Garba Shehu, a spokesman for President Muhammadu Buhari, said": the last name is whom the
# speaker speaks for (dev stream: the Chibok release's quote was given to Buhari); with no
# other name, the speaker is unnamed ("a friend of Kendra tells me": a Multi-News quote was
# given to Kendra)
# who speaks for or is close to a person
_CLOSE_TO = (
    r"spokes(?:man|woman|person)|aide|adviser|advisor|lawyer|attorney|representative|deputy"
    r"|friend|source|insider|relative|confidant|publicist|associate|wife|husband|son|daughter"
    r"|mother|father|brother|sister|ambassador|envoy|counsel|colleague|coach|teammate|doctor"
    r"|physician"
)
_SPEAKS_FOR = re.compile(
    rf"\b(?:{_CLOSE_TO}|press secretary"
    # "John Hasting, CEO of The Thomas Kinkade Co., said" (Multi-News: the dead painter had
    # been given his company's words)
    r"|CEO|chief executive|chairman|chairwoman|president|director|founder|head|owner"
    # "Taylor, a partner of Zuckerman Spaeder LLP said" (Multi-News: the firm had spoken)
    r"|partner|member|fellow|professor|analyst|researcher|economist)s?"
    r"\s+(?:for|to|of|at|close\s+to)\b[^,;:\"“”]{0,40}$",
    re.IGNORECASE,
)


def _someone_of(text: str, who_start: int, person: tuple[int, int, str]) -> bool:
    """Whether the speaker's words name ``person`` only as whom the speaker belongs to: "a
    friend of Kendra", "a spokesman for President Buhari", "Thomas Kinkade's girlfriend"
    (Multi-News: the girlfriend's words had gone to the painter); not a title before the
    name ("said Director of the FBI Christopher Wray", "Elon Musk's tweet said")."""
    start, end, _ = person
    return bool(
        _SOMEONES.search(text, who_start, start)
        or _POSSESSED.match(text, end)
        or _NAME_AS_MODIFIER.match(text, end)
    )


# someone close to a person, a person's title at most between ("a spokesman for President")
# ... or who heads what the person owns ("the CEO of Kinkade's galleries said": Multi-News,
# the galleries' statement had gone to the dead painter)
_SOMEONE = (
    rf"(?:{_CLOSE_TO}|agent|manager|girlfriend|boyfriend|family|CEO|chief executive|chairman"
    r"|chairwoman|founder|owner)s?"
)
_SOMEONES = re.compile(
    rf"\b{_SOMEONE}\s+(?:for|to|of|close\s+to)\s+(?:the\s+)?(?:(?:President|Prime\s+Minister"
    r"|Senator|Sen\.|Rep\.|Gov\.|Governor|Mayor|Mr\.|Mrs\.|Ms\.|Dr\.|King|Queen|Prince"
    r"|Princess|Pope|Chancellor|Secretary|Judge)\s+)?$",
    re.IGNORECASE,
)
_POSSESSED = re.compile(rf"['’]s\s+(?:[a-z][\w-]*\s+){{0,2}}{_SOMEONE}\b")
# the name as a modifier of whom it belongs to: "predicted one Pelosi confidante", "a Trump
# adviser said" (Multi-News: the confidante's words had gone to Pelosi)
# (not a spokesman, who speaks for the name: "an Equifax spokesperson told NPR" is Equifax's)
_NAME_AS_MODIFIER = re.compile(
    r"\s+(?:campaign\s+|administration\s+)?(?:confidante?|friend|ally|adviser|advisor|aide"
    r"|insider|source|associate|relative|accuser)s?\b"
)


# a relative clause set off after the subject: ", who said last week ...," ", which employs ..."
_RELATIVE_OPENER = re.compile(r",\s+(?:who|whom|whose|which|where)\b")


_CLAUSE_REACH = 150  # characters a relative clause may run before the name inside it


def _outside_clauses(
    text: str, named: Sequence[tuple[int, int, str]], end: int
) -> Sequence[tuple[int, int, str]]:
    """The persons named before a speech verb at ``end``, less those inside a relative clause
    set off by commas before it: "Chaffetz, who said last week he ... to force Comey ...,
    told McCabe" (Multi-News: the words went to Comey), "Andy Puzder, the chief executive of
    CKE Restaurants Inc., which employs ... at Carl's Jr. ..., has said" (to a "Carl"),
    "Amity Shlaes, ..., where Rebekah Mercer is a trustee, told me" (even where the model
    missed Shlaes). If all are inside one, none is left."""
    kept = []
    for p in named:
        opener = None
        for m in _RELATIVE_OPENER.finditer(text, max(0, p[0] - _CLAUSE_REACH), p[0]):
            opener = m
        inside = (
            opener is not None
            # the clause is still open at the name: no stop, no line break, no comma between
            # ("Asked about Ginsburg, who had cancer surgery last month, Chief Justice John
            # Roberts, ..., said": Roberts speaks)
            and not re.search(r"[.!?][\"'”’»)]*\s|\n|,\s", text[opener.end() : p[0]])
            and text.rfind(",", p[1], end) > p[1]
        )
        if not inside:
            kept.append(p)
    return kept


# a preposition before a name: the person is what a deed is aimed at ("takes veiled shot at
# Warren and Sanders"), not its doer
_AIMED_AT = re.compile(r"\b(?:at|against|on|about)\s+$")
_AND_BEFORE = re.compile(r"\s+(?:and|or)\s+$|,\s+$")


def _not_aimed_at(
    text: str, named: Sequence[tuple[int, int, str]]
) -> Sequence[tuple[int, int, str]]:
    """The persons named before a speech verb, less those a deed before them is aimed at, and
    those listed with them, where someone is left: "Obama takes veiled shot at Warren and
    Sanders, warns 2020 Dems Americans don’t want to ‘tear down the system’" (a NeuS headline
    whose words had gone to Warren)."""
    kept: list[tuple[int, int, str]] = []
    aimed = False
    for k, p in enumerate(named):
        before = text[max(0, p[0] - 12) : p[0]]
        listed = k > 0 and aimed and _AND_BEFORE.fullmatch(text, named[k - 1][1], p[0])
        aimed = bool(_AIMED_AT.search(before) or listed)
        if not aimed:
            kept.append(p)
    return kept or named


def _speaker_among(text: str, named: Sequence[tuple[int, int, str]]) -> str:
    """The speaker among the persons named before a speech verb: the last, unless the last
    belongs to the one named before it (``_belongs_to``)."""
    if len(named) >= 2 and _belongs_to(text, named[-2], named[-1]):
        return named[-2][2]
    return named[-1][2]


def _belongs_to(text: str, first: tuple[int, int, str], last: tuple[int, int, str]) -> bool:
    """Whether ``last`` is named only as part of who ``first`` is: whom they speak for, whose
    relative they are, where they are from, or a word of their description."""
    between = (first[1], last[0])
    return bool(
        _SPEAKS_FOR.search(text[between[0] : between[1]])
        # "Tamara Steinberg Jacobson, Bruce Steinberg's sister, wrote" (the dev stream's
        # Costa Rica crash: the sister's words had gone to her dead brother)
        or _POSSESSED.match(text, last[1])
        # "said Melodye Shore of Laguna Niguel" (Multi-News: the town, read as a person by
        # the model, had been given her four quotes)
        or _HOME_OF.fullmatch(text, *between)
        # "Caitlin Checkett, the Romney campaign digital integration director, told Kreiss"
        # (Multi-News: her words had gone to Romney, a word of her description); "Jane Marsh,
        # the lawyer who represents Tom Burke, said": the other name is in her description
        or (
            _DESCRIBED_AS.fullmatch(text, *between)
            and (
                _MODIFIES.match(text, last[1])
                or (_RELATION.search(text, *between) and _THEN_SAID.match(text, last[1]))
            )
        )
    )


# between a person and where they are from: " of ", " from "
_HOME_OF = re.compile(r",?\s+(?:of|from)\s+")
# a description after a person's name, with another name in it as a modifier
_DESCRIBED_AS = re.compile(r",\s+(?:the|a|an)\s+[^,;.!?\"“”]*")
_THEN_SAID = re.compile(rf",\s+(?:also\s+)?(?:{_VERBS})\b")  # the description closed, then the verb
_RELATION = re.compile(r"\b(?:of|who|whose|that|which|representing|represents|for|to|with)\b")
_MODIFIES = re.compile(
    r"(?:['’]s)?\s+(?:campaign|administration|camp|family|team|foundation|company|government"
    r"|presidency|era|White House|organization)\b"
)


def _resolve_who(
    ctx: _ArticleContext,
    who_start: int,
    who_end: int,
    anchor: int,
    spoken: dict[int, str],
    roles: RoleIndex,
    verb_first: bool = False,
) -> tuple[str | None, int, str]:
    """Speaker named by the words [who_start, who_end): a name, a pronoun or a title. After a
    verb (``verb_first``) the words end where a clause of their own begins: '..., said Stern
    while driving his blue Tesla Model S' (the car had been the speaker, in a dev-stream
    story), while 'said SpaceX founder Elon Musk' is still Musk."""
    if verb_first:
        cut = _OWN_CLAUSE.search(ctx.article.text, who_start, who_end)
        who_end = cut.start() if cut else who_end
    who = ctx.article.text[who_start:who_end].strip()
    named = ctx.persons_in(who_start, who_end)
    if _described_by_place(ctx, who_start, who_end, named):
        # "the Kentucky Republican said": a description whose place word the model (or another
        # outlet's mention) took for a name; whom it describes is the person named before
        role = resolve_role(who, ctx.article.id, roles)
        if role:
            return role, 2, "title"
        if _DESCRIBED_PERSON.search(who):
            return _resolve_pronoun(ctx, anchor, spoken), 1, "description"
        return None, 0, "none"
    if named and not (len(named) == 1 and _someone_of(ctx.article.text, who_start, named[0])):
        return _speaker_among(ctx.article.text, named), 3, "name"
    if re.fullmatch(r"(?:he|she|He|She)", who):
        return _resolve_pronoun(ctx, anchor, spoken, who), 1, "pronoun"
    role = resolve_role(who, ctx.article.id, roles)
    if role:
        return role, 2, "title"
    orgs = ctx.orgs_in(who_start, who_end)
    # "an Equifax spokesperson told NPR": the spokesperson speaks for it, whatever the article
    words = who.split()
    if len(words) > 2 and words[0].casefold() in ("a", "an") and _SPOKESPERSON.fullmatch(words[-1]):
        words = words[1:]
    # ... but not where a name the model missed follows it: "said ESA astronaut Matthias
    # Maurer" (a dev-stream quote "European Space Agency" took once "ESA" was its name)
    if (
        orgs
        and len(words) <= len(orgs[-1][2].split()) + 1
        and not _NAME_AT_END.search(ctx.article.text, orgs[-1][1], who_end)
    ):
        if _OFFICE_HOLDER.match(ctx.article.text, orgs[-1][1]) and fold(orgs[-1][2]) in (
            place_names()
        ):
            return None, 0, "none"  # "Costa Rica's president said", whom no title named
        return _body_of(ctx, orgs[-1], who_end) or orgs[-1][2], 2, "organization"
    if _THE_STATEMENT.fullmatch(who):
        issuer = _statement_issuer(ctx, who_start, who.split()[-1].lower())
        if issuer:
            return issuer, 2, "statement"
    return None, 0, "none"


_SPOKESPERSON = re.compile(r"spokes(?:person|man|woman)")
# a reporting verb and "that" before a name: the name opens a clause of its own
_THAT_BEFORE = re.compile(r"\b(?:reported|reports|said|says|wrote|noted)\s+that\s+$")
# a verb whose subject is the one before it: "..., but added", "and also said"
_SAME_SUBJECT_AGAIN = re.compile(r"[^.;:!?]*\b(?:and|but)\s+(?:also\s+|then\s+)?$")
# a place's office holder ("Costa Rica's president"): a person, not the country (a dev-stream
# quote had gone to Costa Rica where no title in the story named the president)
_OFFICE_HOLDER = re.compile(
    r"['’]s\s+(?:"
    + "|".join(sorted(ROLE_WORDS - {"spokesman", "spokeswoman", "spokesperson"}))
    + r")\b"
)


# a description's last word that says it is of a person: a party's member, a title, an age
_DESCRIBED_PERSON = re.compile(
    r"(?:\b(?:Republican|Democrat|Independent|Conservative|Liberal|Tory|"
    + "|".join(sorted(ROLE_WORDS))
    + r")|-old)\Z",
    re.IGNORECASE,
)


def _described_by_place(
    ctx: _ArticleContext, who_start: int, who_end: int, named: Sequence[tuple[int, int, str]]
) -> bool:
    """Whether the words [who_start, who_end) are a description opened by "the" ("the Kentucky
    Republican", "the Ohio Democrat") with a place in it and no other name, each name before
    the noun it modifies: a person named only by a place word is no person."""
    text = ctx.article.text
    if not re.match(r"\s*(?:the|The)\s", text[who_start:who_end]):
        return False
    end = len(text[:who_end].rstrip())
    places = ctx.orgs_in(who_start, who_end)
    return bool(named or places) and all(
        fold(name) in place_names() and p_end < end for _, p_end, name in [*named, *places]
    )


# the words of a statement named earlier speak for whoever issued it
_THE_STATEMENT = re.compile(r"(?:the|The|that|its|their)\s+(?:statement|release|press release)")
_IN_A_STATEMENT = re.compile(
    r"\b(?:said|says|wrote)\s+in\s+a\s+(?:written\s+|news\s+|press\s+)?(?P<noun>statement|release)\b"
)
STATEMENT_REACH = 1500  # characters back to the sentence that issued the statement
_STATEMENT_WORD = re.compile(r"\b(?:statements?|releases?)\b", re.IGNORECASE)
_ISSUED_FOR = re.compile(r"\b(?:of|for|to|behind)\s+(?:the\s+)?$")


def _statement_issuer(ctx: _ArticleContext, before: int, noun: str = "statement") -> str | None:
    """Who issued "the statement" a quote is attributed to: the name right before the last
    "said in a statement" within ``STATEMENT_REACH`` characters ("... a Ghanaian lawyer, the
    State Department said in a statement. / “For about a decade it operated unhindered,” the
    statement said": the State Department's words, left unattributed in a Multi-News story)."""
    text = ctx.article.text
    window = max(0, before - STATEMENT_REACH)
    mentions = [
        m for m in _STATEMENT_WORD.finditer(text, window, before) if not ctx.in_quote(m.start())
    ]
    said = next(
        (
            m
            for m in _IN_A_STATEMENT.finditer(text, window, before)
            if mentions and m.end() == mentions[-1].end() and m["noun"] == noun.rstrip("s")
        ),
        None,
    )
    if said is None:
        return None  # the statement last named was not issued so ("A White House official sent
        # a statement to CNBC": unnamed; an earlier "said in a statement" was someone else's)
    sent = ctx.sentence_at(said.start())
    start = sent.start if sent is not None else max(0, said.start() - 200)
    named = [
        m
        for m in sorted(ctx.persons + ctx.orgs)
        if start <= m[0] and m[1] <= said.start() and not ctx.in_quote(m[0])
    ]
    if not named or not re.fullmatch(r"[\s,]*", text[named[-1][1] : said.start()]):
        return None  # only the name right before the verb issued it
    if _ISSUED_FOR.search(text, start, named[-1][0]):
        return None  # "The family of Otto Warmbier said in a statement": the family's words
    return named[-1][2]


def _body_of(ctx: _ArticleContext, org: tuple[int, int, str], who_end: int) -> str | None:
    """The organization the story names for "<name> <body>" ("Slidell police said": the
    Slidell Police Department, not the town, a dev-stream quote's speaker)."""
    extra = ctx.article.text[org[1] : who_end].split()
    if len(extra) != 1 or not extra[0].islower():
        return None
    prefix = f"{org[2]} {extra[0]}".casefold()
    bodies = sorted(o for o in ctx.organizations if o.casefold().startswith(prefix))
    return bodies[0] if bodies else None


_APPOSITION_REACH = 60  # characters from the start of the words after a quote to the name
# "told me, “", "said: “"; a word of 40 letters at most: a long run of letters was split in
# every way in two (a 40,000-letter one took 20 s)
_OPENS_QUOTE = re.compile(r"\s*(?:[\w’']{1,40}\s*){0,2}?[,:]\s*[“\"]")


def _appositive_name(ctx: _ArticleContext, start: int) -> str | None:
    """The person long words after a quote open with, set off by commas, the rest being who
    they are: "the lead researcher, William Copeland, a clinical psychologist ... at Duke
    University in Durham, N.C., said" (Multi-News: left unattributed as too long); "Brian
    Cullinan, one of the two accountants ... with Martha Ruiz, said" is Cullinan's; "a lawyer
    for the family of the slain teenager, Trayvon Martin, Benjamin Crump, said" is Crump's."""
    text = ctx.article.text
    return next(
        (
            p[2]
            for p in ctx.persons_in(start, start + _APPOSITION_REACH + 40)
            if p[0] - start <= _APPOSITION_REACH
            and text[p[1] : p[1] + 1] == ","
            # not whom the speaker works for: "a spokesman for the Senate majority leader,
            # Mitch McConnell, Don Stewart, said"
            and not _FOR_SOMEONE.search(text, start, p[0])
        ),
        None,
    )


_FOR_SOMEONE = re.compile(r"\b(?:for|of|to)\b[^,]*,\s*$")


def _after_text(ctx: _ArticleContext, span: QuoteSpan) -> tuple[int, str]:
    """The rest of the sentence after a quote's closing mark (the splitter knows "Mr.")."""
    text = ctx.article.text
    end = text.find("\n", span.close)
    end = len(text) if end < 0 else end
    sent = ctx.sentence_at(max(span.close - 1, 0))
    if sent is not None and sent.end >= span.close:
        end = min(end, sent.end)
    return span.close, text[span.close : end]


def _attribute_after(
    ctx: _ArticleContext, span: QuoteSpan, spoken: dict[int, str], roles: RoleIndex
) -> tuple[str | None, int, str] | None:
    base, after = _after_text(ctx, span)
    text = ctx.article.text
    if re.match(r"\s*[.!?…]", after):
        return None  # the sentence ended with the quote: what follows is a new sentence
    next_sentence = False
    if not after.strip() and text[span.start : span.end].rstrip("’'\"”»")[-1:] in (".", "!", "?"):
        # '"… do this!" Bobby Goodlatte wrote on Twitter': the splitter ended the sentence
        # inside the quote, the attribution follows as the next "sentence"
        line_end = text.find("\n", span.close)
        after = text[span.close : line_end if line_end >= 0 else len(text)]
        next_sentence = True
    for pattern in (_AFTER_QUOTING, _AFTER_CITED, _AFTER_WHO_VERB, _AFTER_VERB_WHO):
        m = pattern.match(after)
        if not m:
            continue
        who = m.group("who").strip()
        if next_sentence and _OPENS_QUOTE.match(after, m.end()):
            # "“She’s respected ...” Amity Shlaes, ..., told me, “In the dull crowds ...”": a
            # sentence of its own that introduces the next quote
            return None
        appositive = None
        if pattern is _AFTER_WHO_VERB and len(who.split()) > 10:
            appositive = _appositive_name(ctx, base + m.start("who"))
        if pattern is _AFTER_WHO_VERB and (
            _CLAUSE_START.match(who) or (len(who.split()) > 10 and not appositive)
        ):
            continue  # "…, and handed the envelope to Dunaway, who then announced": not a speaker
        if pattern is _AFTER_WHO_VERB and _describes_quote(who):
            continue  # "“…?”—a simple question to which Cosby might have answered": not his
        if _HYPOTHETICAL.search(who + " "):
            return None, 0, HYPOTHETICAL  # "“…,” she could have said": no one's words
        who_start, who_end = base + m.start("who"), base + m.end("who")
        if pattern is _AFTER_VERB_WHO and re.match(r"(?:the|a|an|one|another)\b", who, re.I):
            # 'said the colleague who spoke to Oppenheim': the names after "who" are not it
            cut = re.search(r"\s(?:who|whom|whose|which|that)\b|,", m.group("who"))
            if cut:
                who_end = who_start + cut.start()
        if appositive:
            return appositive, 3, "name"
        speaker, trust, how = _resolve_who(
            ctx, who_start, who_end, span.open, spoken, roles, pattern is _AFTER_VERB_WHO
        )
        if how == "pronoun" and _relayed_by(ctx, base + m.end(), base + len(after), speaker):
            return None, 0, "none"
        # an explicit attribution to someone the cluster cannot name ("the newspaper
        # reported") ends the search: guessing from elsewhere would be wrong
        return speaker, trust, how
    return None


# Whose memory or account relays the words, after their attribution ("…,” he announced, as
# Perry recalled it.", "…,” she said, according to Smith"): someone other than the "he"
_RELAYED = re.compile(
    r"^[^.;:!?]{0,20}?,?\s+(?:as\s+(?P<who>[^,.;:!?]{1,60}?)\s+(?:recalled|remembered|recounted"
    r"|recalls|remembers|recounts|described|describes|tells|told)\b|according\s+to\b)"
)


def _relayed_by(ctx: _ArticleContext, start: int, end: int, speaker: str | None) -> bool:
    """Whether the rest of the attribution's sentence, [start, end), gives the words as
    ``speaker``'s account of someone else's: then "he" is not the one who relays them (the
    dev stream's Delta bird story: the captain's announcement had gone to the passenger
    recalling it)."""
    if speaker is None:
        return False
    m = _RELAYED.match(ctx.article.text[start:end])
    if m is None:
        return False
    return any(p[2] == speaker for p in ctx.persons_in(start + m.start(), end))


# words no one said: "to which Cosby might have answered, “Well, ...”" (Multi-News: a writer's
# imagined answer had been Cosby's)
HYPOTHETICAL = "hypothetical"
_HYPOTHETICAL = re.compile(r"\b(?:might|could|would|should)\s+(?:\w+\s+)?have\s+$")
_SAID_IT_BEST = re.compile(r"\s+it\s+best\b")  # "might have said it best:" is a quote
_RELATIVE_INSIDE = re.compile(r"\b(?:which|whom|whose)\b")
_CAPITAL = re.compile(r"\b[A-Z]")


def _describes_quote(who: str) -> bool:
    """Whether the words between a quote and a verb after it open with a relative clause
    about the quote, before any name: "—a simple question to which Cosby might have answered"
    introduces the next quote; "owner Tom Ricketts, whose family bought the team" is a
    speaker."""
    relative = _RELATIVE_INSIDE.search(who)
    name = _CAPITAL.search(who)
    return relative is not None and (name is None or relative.start() < name.start())


# a question put to the person named: "Cosby was also asked, “What would you like ...?”"
_COMMA_BEFORE = re.compile(r",\s*(?:and\s+)?$")
_OPENING_PRONOUN = re.compile(r"[\s\"“‘']*(?P<pronoun>He|She)\b")
# ... unless the clause before the participle brings in others who may be its speakers: as a
# clause's subject ("He said the workers walked out, calling the plan “a disaster ...”"), one a
# clause describes ("a woman who came to the church, saying ...") or the one he quotes ("He
# quoted a voter, writing “...”"); not those he acts on ("He praised the workers, calling them
# “the backbone ...”": his words)
_OTHERS = _PERSON_NOUNS | frozenset(
    """workers employees people crowd crowds demonstrators supporters fans players students
    teachers nurses doctors patients soldiers guards families parents children""".split()
)
_REPORTING = frozenset(
    "quoted quotes cited cites described describes recalled recalls heard hears saw sees watched"
    " watches read reads".split()
)


def _brings_in_others(ctx: _ArticleContext, start: int, end: int) -> bool:
    """Whether text[start:end] brings in people by a noun who may speak after it."""
    span = ctx.doc.char_span(start, end, alignment_mode="contract")
    if span is None:
        return False
    return any(
        tok.lower_ in _OTHERS
        and (
            tok.dep_ in ("nsubj", "nsubjpass")
            or any(c.dep_ == "relcl" for c in tok.children)
            or tok.head.lower_ in _REPORTING
        )
        for tok in span
    )


_PASSIVE = re.compile(r"\b(?:was|were|is|are|been|being|be|got|gets|get)\s+(?:\w+\s+)?$")
_ADDRESSED = frozenset({"asked", "told", "questioned", "pressed", "challenged"})
# a label the subject was given, not one it gave ("Google Glass ... were labelled “creepy”"
# had been Google Glass's word in a dev-stream story)
_NAMED_PASSIVELY = frozenset({"called", "dubbed", "described", "labelled", "labeled", "termed"})


# the reported words' own subject right after the speech verb, a writing that speaks with a
# verb the speech verbs lack ("The NYT says the letter calls for a task force ..., and “as
# senior music executives ...”": the letter's words, which a dev-stream story gave to "NYT")
_REPORTED_SUBJECT = re.compile(
    r"\s+(?:that\s+)?(?P<who>(?:the|a|an|its|their|his|her|this)\s+(?:[\w'’-]+\s+){0,3}?)"
    r"(?:calls|reads|urges|demands|proposes|contends|maintains|asserts|goes\s+on)\b"
)


# a name after "in" is where, not who: "after the finish in Sao Paula said:" (the dev stream's
# Grand Prix, the misspelt city read as a person had been given Massa's words)
_WHERE_NAMED = re.compile(r"\bin\s+$")


def _attribute_before(
    ctx: _ArticleContext, span: QuoteSpan, spoken: dict[int, str], roles: RoleIndex
) -> tuple[str | None, int, str] | None:
    text = ctx.article.text
    sent = ctx.sentence_at(span.open)
    if sent is None:
        return None
    begin = max(sent.start, ctx.cover.last_close(span.open))
    verbs = [
        m for m in _BEFORE_VERB.finditer(text, begin, span.open) if not ctx.in_quote(m.start())
    ]
    if not verbs:
        return None
    verb = verbs[-1]
    word = verb.group().split()[0]
    lead_in = text[max(begin, verb.start() - 40) : verb.start()]
    if _HYPOTHETICAL.search(lead_in) and not _SAID_IT_BEST.match(text, verb.end()):
        return None, 0, HYPOTHETICAL  # "to which Cosby might have answered, “...”": unsaid
    if _PASSIVE.search(lead_in) and word.lower() in _ADDRESSED:
        return None, 0, "addressed"  # "Cosby was also asked, “...?”": put to him, not his
    if _PASSIVE.search(lead_in) and word.lower() in _NAMED_PASSIVELY:
        return None, 0, "labelled"  # whoever gave the label is not named before the verb
    reported = _REPORTED_SUBJECT.match(text, verb.end(), span.open)
    if reported and not ctx.in_quote(reported.start("who")):
        speaker = resolve_role(reported["who"], ctx.article.id, roles)
        return (speaker, 2, "title") if speaker else (None, 0, "reported")
    if word.endswith("ing"):  # "…, calling it", "… and blasted it, saying:": the subject speaks
        if _WITH_NOUN_BEFORE.search(text, max(begin, verb.start() - 40), verb.start()):
            # "..., with staff asking editors why ...": the noun's words, not the first person
            # of the sentence's (NeuS train 2200 had given them to the pundit they described)
            return None, 0, "none"
        subject = _subject_person(ctx, sent.start, verb.start())
        named = ctx.persons_in(sent.start, verb.start())
        speaker = subject or (named[0][2] if named else None)
        if speaker:
            return speaker, 3, "name"
        opening = _OPENING_PRONOUN.match(text, sent.start)
        if (
            opening
            and opening.end() <= verb.start()
            and _COMMA_BEFORE.search(text, max(0, verb.start() - 8), verb.start())
            and not _brings_in_others(ctx, opening.end(), verb.start())
        ):
            # "He acknowledged ... a crisis, calling it “one of the toughest challenges we
            # face.”" (NeuS: unresolved): the pronoun that opens the sentence speaks, where
            # the participle follows its clause; not "He recalled the pilot telling the
            # passengers: “...”" (the dev stream's bird story: the pilot's words)
            return _resolve_who(
                ctx, *opening.span("pronoun"), opening.start("pronoun"), spoken, roles
            )
        return None
    clause = text[begin : verb.start()]
    clause_start = begin
    named = [
        p
        for p in ctx.persons_in(clause_start, verb.start())
        if not ctx.in_quote(p[0]) and not _WHERE_NAMED.search(text, max(0, p[0] - 4), p[0])
    ]
    pronouns = list(_PRONOUN.finditer(clause))
    best_named = named[-1][1] if named else -1
    best_pronoun = clause_start + pronouns[-1].end() if pronouns else -1
    speaking = _speaking_org(ctx, clause_start, verb.start())
    if pronouns and speaking and speaking[0] > best_pronoun > best_named:
        # "... that he'd be performing alongside a hologram of the late Prince — a form of
        # duet that Prince himself once called “demonic.”" (dev stream; the model types the
        # singer ORG): the name right before the verb, not the pronoun before it
        return speaking[2], 2, "organization"
    if best_pronoun > best_named:
        p = pronouns[-1]
        return _resolve_who(
            ctx,
            clause_start + p.start(),
            clause_start + p.end(),
            clause_start + p.start(),
            spoken,
            roles,
        )
    noun_subject = _NOUN_SUBJECT.search(clause)
    if noun_subject and clause_start + noun_subject.start() >= best_named:
        # the verb's subject is a description, not the person named earlier in the clause;
        # or an organization's name after its "the": "The Metropolitan Transportation
        # Authority says the trains “bumped into each other”" (the dev stream's subway story
        # left it unresolved in four outlets)
        speaker = resolve_role(noun_subject.group(), ctx.article.id, roles)
        if speaker:
            return speaker, 2, "title"
        return (speaking[2], 2, "organization") if speaking else None
    if (
        speaking
        and named
        and speaking[0] > best_named
        and _THAT_BEFORE.search(text, best_named, speaking[0])
    ):
        # the organization that a person reported saying it, right before the verb: "Krebs
        # reported that Equifax said ...: “unauthorized access ...”" (a dev-stream quote)
        return speaking[2], 2, "organization"
    if named:
        named = list(_outside_clauses(text, named, verb.start()))
        if not named:
            return None, 0, "none"  # every name is inside a clause: the subject is unnamed
        later = _LATER_SUBJECT.search(text, named[-1][1], verb.start())
        if later and lexical_finite_verb(later.group("who"), possessive=False):
            # (a phrase without a verb is no clause: "Massa's final F1 race will be in Abu
            # Dhabi and after the finish in Sao Paula said:" is still Massa's)
            # "For Brian Buonassissi, ... before the captain came back on the intercom and
            # said:" (dev stream): the clause after the name has a subject of its own
            speaker = resolve_role(later.group("who"), ctx.article.id, roles)
            return (speaker, 2, "title") if speaker else None
        if len(named) == 1 and _someone_of(text, clause_start, named[0]):
            return None  # "Thomas Kinkade's girlfriend said ... “died in his sleep ...”"
        return _speaker_among(text, _not_aimed_at(text, named)), 3, "name"
    role = re.search(r"\b(?:the|The)\s+[^,;:!?\"“”«»]{0,120}$", clause)
    if role:
        speaker = resolve_role(role.group(), ctx.article.id, roles)
        if speaker:
            return speaker, 2, "title"
    # an organization right before the verb speaks as a name does: "Qualcomm said its board
    # would review", "Broadcom Ltd. called them “significant.”" (both left unresolved in a
    # dev-stream story); not a place, nor one further back ("Amazon's Owner's Manual states")
    if speaking:
        return speaking[2], 2, "organization"
    # ... and so does one that opens the clause and speaks first, the verb before the quote
    # its own again after "and" or "but": "Equifax said it would work with ... regulators,
    # but added that it “found no evidence ...”" (a dev-stream quote)
    if len(verbs) >= 2 and _SAME_SUBJECT_AGAIN.search(text, verbs[-2].end(), verb.start()):
        first = _speaking_org(ctx, clause_start, verbs[0].start())
        if first and not text[clause_start : first[0]].strip(" \t\n\"“'‘"):
            return first[2], 2, "organization"
    return None


# a given name and a surname closing the words that name a speaker
_NAME_AT_END = re.compile(r"\s[A-Z][a-z]+(?:\s[A-Z]\.)?\s[A-Z][a-z][\w'’-]*\s*$")


def _speaking_org(ctx: _ArticleContext, start: int, verb: int) -> tuple[int, int, str] | None:
    """The organization mention right before the verb at ``verb`` (only adverbs, a company
    suffix or "himself" between), after ``start``; not a place, not inside a quote."""
    orgs = ctx.orgs_in(start, verb)
    if not orgs or orgs[-1][2] not in ctx.organizations or ctx.in_quote(orgs[-1][0]):
        return None
    between = ctx.article.text[orgs[-1][1] : verb]
    return orgs[-1] if _RIGHT_BEFORE_VERB.fullmatch(between) else None


def _adjacent(text: str, prev: QuoteSpan, span: QuoteSpan) -> bool:
    """Nothing but the previous quote's attribution stands between two quotes: in the same
    paragraph, or the quote opens the next paragraph (news continues a speaker that way)."""
    between = text[prev.close : span.open]
    same_paragraph, newline, next_paragraph = between.partition("\n")
    if newline and next_paragraph.strip():
        return False  # another paragraph, or words before the quote, stand between
    m = _SENTENCE_END.search(same_paragraph)
    rest = same_paragraph[m.end() :] if m else same_paragraph
    return not rest.strip(" \t—–-")


def _word_count(text: str) -> int:
    return len(_WORD.findall(text))


_SMALL_WORDS = frozenset("a an the of in on at to for and or but by with from as".split())


def is_title(text: str) -> bool:
    """Whether quoted text reads as the title of a work, a name or a slogan ("Take Me Out to
    the Ball Game", "Mark Zuckerberg of Russia"): a few words, every one of four letters or
    more capitalized. Such a quote is somebody's words only when it has a speaker and a
    finite verb ("The Schedule Was So Horrible", a title-cased interview answer)."""
    words = _WORD.findall(text)
    if len(words) > _TITLE_WORDS:
        return False
    long = [w for w in words if len(w) > 3]
    if len(long) >= 2 and all(w[0].isupper() for w in long):
        return True
    # a short title whose every word but its small ones is capitalized, first and last among
    # them ("Cry Me A River", "Man of the Woods", "I Would Die 4 U": songs a review named)
    big = [w for w in words if w.lower() not in _SMALL_WORDS]
    return (
        # shouting ("SEE YOU IN COURT", "LOCK HER UP") is somebody's words; "H.N.I.C." an album
        not (text.isupper() and any(len(w) > 1 for w in words))
        and len(words) >= 3
        and len(big) >= 2
        and all(w[0].isupper() or w[0].isdigit() for w in big)
        and words[0] in big
        and words[-1] in big
    )


def _title_has_verb(content: str) -> bool:
    """A finite verb in a Title Case quote: a capitalized word in "-ed" is a title's adjective
    or noun ("The Naked Truth About Breast Implants", a book; an "Expected Date of Confinement
    Wheel", a calendar: Multi-News quotes given to the women who named them), and "'s" a
    possessive ("Schindler's List"); "The Schedule Was So Horrible" has one."""
    words = [
        w
        for w in _WORD.findall(content.replace("’", "'"))
        if not (w[:1].isupper() and w.endswith("ed"))
    ]
    if any(w.lower() in _PRONOUN_IS for w in words):
        return True  # "It's Over"
    return lexical_finite_verb(" ".join(words), possessive=False)


_PRONOUN_IS = frozenset("it's that's he's she's there's here's what's who's".split())


def _said_as_a_sentence(text: str, span: QuoteSpan, content: str) -> bool:
    """Whether the quote opens its sentence, has four words or more and a name and a speech
    verb follow it ("“Thank you, President Trump,” Kim said"): a show or a film is named inside
    a sentence ("on CNN's “State of the Union,” Pompeo said", "on “This Week,” Mullen warned")."""
    before = text[max(0, span.open - 80) : span.open].rstrip()
    return (
        (not before or before[-1] in '.!?:\n"”’')
        and _word_count(content) >= _MIN_WORDS
        and bool(_SAID_RIGHT_AFTER.match(text[span.close : span.close + 120]))
    )


_SET_OFF = frozenset(",.!?…—–:")
_VERB_NEXT = re.compile(rf"\s+(?:{_VERBS})\b")


_CAPITALIZED = re.compile(r"\b[A-Z][\w'’-]+")
SURNAME_REACH = 1000  # how far back a full name says whose a bare surname is


def _with_bare_surnames(
    text: str, persons: list[tuple[int, int, str]], orgs: Sequence[tuple[int, int, str]]
) -> list[tuple[int, int, str]]:
    """The person mentions, and the bare surnames the NER took for no entity, each as the
    person the article last named in full with it, within ``SURNAME_REACH`` characters before
    (“I flew into the house,” Lyons said, where the model saw no name: Linda Lyons, 60, named
    just before, not her son Mike Lyons named after; "Chaffetz, who said last week ...").
    Not a surname that modifies a noun after an article ("a Weinstein accuser", "a May
    spokesman"), one in capitals ("UN" is not Kim Jong Un) or an abbreviation ("Sen.")."""
    full: dict[str, tuple[list[int], list[str]]] = {}
    for start, end, name in persons:
        written = text[start:end].split()
        if len(written) >= 2 and fold(name.split()[-1]) == fold(written[-1]):
            starts, names = full.setdefault(fold(written[-1]), ([], []))
            starts.append(start)
            names.append(name)
    if not full:
        return persons
    taken = sorted([(s, e) for s, e, _ in persons] + [(s, e) for s, e, _ in orgs])
    taken_starts = [s for s, _ in taken]
    added = []
    for m in _CAPITALIZED.finditer(text):
        word = m.group().removesuffix("'s").removesuffix("’s")
        key = fold(word)
        if (
            key not in full
            or word.isupper()
            or (text[m.end() : m.end() + 1] == "." and word in _TITLE_DOTS)
        ):
            continue  # "UN" is not Kim Jong Un, "Sen." not Hun Sen; "said Serna." is Serna
        k = bisect_right(taken_starts, m.start()) - 1
        if k >= 0 and taken[k][0] <= m.start() < taken[k][1]:
            continue  # inside a mention the NER found
        if _MODIFIER_BEFORE.search(text, max(0, m.start() - 12), m.start()):
            continue
        starts, names = full[key]
        n = bisect_right(starts, m.start() - 1) - 1
        if n >= 0 and starts[n] >= m.start() - SURNAME_REACH:
            added.append((m.start(), m.start() + len(word), names[n]))
    return sorted(persons + added) if added else persons


# an article or determiner right before a name: it modifies what follows ("a Weinstein accuser")
_MODIFIER_BEFORE = re.compile(r"\b(?:a|an|the|another|one|this|that)\s+$", re.IGNORECASE)


def article_context(
    article: Article, doc: Any, sentences: Sequence[Sentence], entities: Sequence[Entity]
) -> _ArticleContext:
    """What attribution reads of one article: its sentences, parse, quotes and the mentions
    of the story's entities in it."""
    persons: list[tuple[int, int, str]] = []
    orgs: list[tuple[int, int, str]] = []
    for e in entities:
        for m in e.mentions:
            if m.article == article.id:
                (persons if e.type == "PERSON" else orgs).append((m.start, m.end, e.name))
    persons.sort()
    orgs.sort()
    persons = _with_bare_surnames(article.text, persons, orgs)
    spans = find_quote_spans(article.text)
    organizations = frozenset(e.name for e in entities if e.type == "ORG")
    return _ArticleContext(article, doc, sentences, persons, orgs, spans, organizations)


def story_genders(contexts: Sequence[_ArticleContext]) -> dict[str, str]:
    """Each person's he or she on the evidence of all the story's articles: one outlet may
    name a man only in passing ("after Weiner sent her a 'poke'") where another shows him a
    "he" (a Multi-News woman's "she said" had gone to Weiner)."""
    votes: dict[str, Counter[str]] = defaultdict(Counter)
    for ctx in contexts:
        for name, count in gender_votes(ctx).items():
            votes[name].update(count)
    return decide_genders(votes)


def attribute_quotes(
    ctx: _ArticleContext, roles: RoleIndex, genders: Mapping[str, str] | None = None
) -> list[Attributed]:
    """Quotes of one article (``article_context``) with their speakers (canonical entity
    names) where resolvable; ``genders``: the story's (``story_genders``), else the article's
    own evidence."""
    article, text, spans = ctx.article, ctx.article.text, ctx.quotes
    ctx.genders = decide_genders(gender_votes(ctx)) if genders is None else genders
    people = {name for _, _, name in ctx.persons}
    spoken: dict[int, str] = {}
    out: list[Attributed] = []
    prev: Attributed | None = None
    for span in spans:
        content = text[span.start : span.end]
        if _WORK_NAMED.search(text, max(0, span.open - 40), span.open):
            continue  # "an episode called “SHOTS!!”": a work's name, no one's words
        if _WORDS_SHOWN.search(text, max(0, span.open - 40), span.open):
            continue  # "the words “In God We Trust”": words shown, not said
        if (
            prev
            and "," in text[prev.span.close - 2 : prev.span.close + 1]
            and _BRIDGE.fullmatch(text, prev.span.close, span.open)
        ):
            # '“A,” Serna said, “and B.”': B is the speaker's named between the two, whoever
            # the sentence after B names ('... “Olivera, himself a Gulf War veteran, said
            # that ...”' had taken Serna's words: Multi-News validation 67)
            after = None
            before = _attribute_before(ctx, span, spoken, roles)
            if not (before and before[0]) and prev.quote.speaker:
                before = prev.quote.speaker, prev.trust, "continuation"
        else:
            after = _attribute_after(ctx, span, spoken, roles)
            before = None if after else _attribute_before(ctx, span, spoken, roles)
        found = after or before
        if found and found[2] == HYPOTHETICAL:
            continue  # no one's words
        if _word_count(content) < _MIN_WORDS:
            named_so = _NAMING_AT_END.search(text[max(0, span.open - 40) : span.open])
            # a few words are someone's only when set off as words ('"Fake news," he said'),
            # not run into the sentence ("'Delighted' Trump made no move ..., Democrats say",
            # a NeuS headline whose word had gone to Trump)
            set_off = (
                text[span.close - 2 : span.close - 1] in _SET_OFF
                or text[span.close : span.close + 1] in _SET_OFF
                or _VERB_NEXT.match(text, span.close) is not None  # '"bittersweet" said X'
            )
            if not (named_so or (after and after[0] and set_off)):
                continue  # a scare quote or a term, not somebody's words
        if found and found[0]:
            speaker, trust, how = found
        elif (
            found is None
            and prev
            and prev.quote.speaker
            and _adjacent(text, prev.span, span)
            and not is_title(content)  # a subheading in quotes ("“The Schedule Was So Horrible”")
        ):
            # as sure as the quote it continues, up to a title's trust: a continuation of a
            # named speaker ("..., Thurman said. “I was not a groundbreaker ...”") may name the
            # speaker of the same words another outlet gave only a pronoun ("she says now",
            # whom the dev stream's Thurman story had resolved to the man named before)
            speaker, trust, how = prev.quote.speaker, min(prev.trust, 2), "continuation"
        else:
            speaker, trust, how = None, 0, "none"
        if speaker in people and (
            _names_in_third_person(content, speaker) or _addresses(content, speaker)
        ):
            # "Mr. Weinstein acknowledges making a pass ...", said a rep for Weinstein (dev
            # stream): words about the person are a statement for them, not their own; words
            # said to them are someone else's
            speaker, trust, how = None, 0, "none"
        quote = Quote(
            text=content, speaker=speaker, article=article.id, start=span.start, end=span.end
        )
        item = Attributed(quote, span, trust, how)
        if speaker:
            spoken[span.open] = speaker
        prev = item
        if is_title(content) and not (
            speaker and (_title_has_verb(content) or _said_as_a_sentence(text, span, content))
        ):
            continue  # a film, a song, a nickname: not somebody's words (still context)
        if not speaker and _word_count(content) < _MIN_WORDS:
            continue  # a word or two no one is known to have said ("“significant.”"): context
        out.append(item)
    return out


# the attribution between two quotes of one sentence: ', Serna said, ' (a comma or colon ends it)
_BRIDGE = re.compile(
    rf",?[ \t]+[^.!?;\"“”\n]{{0,80}}?\b(?:{_VERBS})\b[^.!?;\"“”\n]{{0,60}}?,[ \t]*"
)
_EPITHET_WORDS = 4


def _names_in_third_person(content: str, speaker: str) -> bool:
    """Whether the quoted words name the speaker, a person known by a full name, by surname or
    given name in a few words ("Crooked Hillary", Trump's name for Hillary Clinton, had gone
    to her: NeuS train 1420) and never say "I", "me" or "my": words about someone, not theirs (an
    organization's statement names it: "Microsoft has a long history of cooperating with law
    enforcement")."""
    words = speaker.split()
    if len(words) < 2:
        return False
    names = {words[-1]}
    if len(words[0]) > 2 and words[0][-1] != "." and len(content.split()) <= _EPITHET_WORDS:
        names.add(words[0])  # an epithet; not "'How's Sarah?'", which Sarah Silverman quoted
    if not any(w in content and re.search(rf"\b{re.escape(w)}\b", content) for w in names):
        return False
    return not re.search(r"\b(?:I|me|my|mine|myself)\b", content)


def _addresses(content: str, speaker: str) -> bool:
    """Whether the quoted words call the speaker by name, set off by commas as one speaks to
    someone: "[y]ou know, Kirsten, you’re even pretty when you’re fat", which a congressman
    told Kirsten Gillibrand (a Multi-News story gave her the words said to her). Not a name
    among others, which is no one spoken to: Elizabeth Warren's "workers in Detroit, Warren,
    Flint and Lansing", "Trump, Trump, Trump, that’s all they talk about"."""
    names = [w for w in speaker.split() if len(w) > 1 and w[0].isupper() and not w.endswith(".")]
    return any(
        not _listed(content, m)
        for w in names
        if w in content
        for m in re.finditer(rf"(?:^|[,;:]\s)\s*{re.escape(w)}\s*([,!?])(?!\w)", content)
    )


# after a name and its comma, the next of a list: "and", "or", or another word in capitals
_LIST_GOES_ON = re.compile(r"\s*(?:(?:and|or|nor)\b|&|(?!I\b)[A-Z])")


def _listed(content: str, found: re.Match[str]) -> bool:
    """Whether the name ``found`` (set off by commas) is one item of a list: a word in capitals
    before its comma, but the first of the words, or a next item after it."""
    before = content[max(0, found.start() - 40) : found.start()].split()
    first = found.start() - 40 <= 0 and len(before) <= 1  # the words' first: "Look, Kirsten, "
    if before and not first and before[-1][:1].isupper() and before[-1] != "I":
        return True
    return found.group(1) == "," and _LIST_GOES_ON.match(content, found.end()) is not None


class NamedElsewhere:
    """The quotes whose speaker is given by name or title (trust 2 or more), by the articles
    they are not in: a story compares each quote with those of its other outlets only, and a
    scan of every quote for each had made one article of 6,000 quotes take seconds."""

    def __init__(self, quotes: Sequence[Attributed]) -> None:
        self.named = [j for j, b in enumerate(quotes) if b.trust >= 2 and b.quote.speaker]
        self.article = [b.quote.article for b in quotes]
        self.known: dict[str, list[int]] = {}

    def outside(self, article: str) -> list[int]:
        """The indexes, in order, of the named quotes of every article but ``article``."""
        if article not in self.known:
            self.known[article] = [j for j in self.named if self.article[j] != article]
        return self.known[article]


def corroborate(quotes: Sequence[Attributed]) -> list[Attributed]:
    """A quote whose speaker is only guessed (pronoun, continuation, none) takes the speaker
    another outlet gives the same words by name or title."""
    words = [content_words(a.quote.text) for a in quotes]
    out = list(quotes)
    named = NamedElsewhere(quotes)
    for i, a in enumerate(quotes):
        if a.trust >= 2:
            continue
        best: tuple[int, Attributed] | None = None
        for j in named.outside(a.quote.article):
            b = quotes[j]
            shared = len(words[i] & words[j])
            if (
                shared >= 4
                and shared >= 0.5 * min(len(words[i]), len(words[j]))
                and (best is None or shared > best[0])
            ):
                best = (shared, b)
        if best and best[1].quote.speaker != a.quote.speaker:
            out[i] = Attributed(
                replace(a.quote, speaker=best[1].quote.speaker),
                a.span,
                best[1].trust - 1,
                "corroborated",
            )
    return out

"""When and where: date expressions resolved against each article's date, the event's place,
and a cited timeline.

"On Tuesday" means nothing without the day the article was written: the anchor is the article's
``published`` date, else a full date in its dateline. Without an anchor, relative expressions and
dates without a year stay unresolved (None) rather than guessed. Relative words inside quotes
("I hope that today …") are left alone too: they count from the day of the speech, which the
text does not give.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from functools import lru_cache
from heapq import heappop, heappush
from itertools import accumulate

from newsdigest.cite import contradicts, counts_of
from newsdigest.facts.canonical import CELESTIAL, fold, name_pattern, place_names
from newsdigest.facts.ner import ROLE_WORDS
from newsdigest.facts.quotes import QuoteSpan
from newsdigest.model import Article, Citation, Entity, Sentence, TimelineEntry
from newsdigest.names import is_country, lies_within
from newsdigest.readability import told_in_the_present
from newsdigest.stopwords import ENGLISH_STOP_WORDS
from newsdigest.summarize import quality
from newsdigest.summarize.coverage import defined_in
from newsdigest.summarize.units import strip_dateline
from newsdigest.timeutil import WEEKDAYS

_WEEKDAYS = [day.lower() for day in WEEKDAYS]
_MONTHS = {
    m: i + 1
    for i, names in enumerate(
        [
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sep", "sept"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ]
    )
    for m in names
}
_MONTH = r"(?P<month>" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\.?"
_NUMBERS = {
    "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10,
}  # fmt: skip
# Every branch starts with a month, a day's digits or "in/since/until/by/of": the lookahead
# turns away the other positions before the branches are tried (the dev stream's 383 texts:
# 282 -> 114 ms, the same matches)
_DATE = re.compile(
    r"(?=[\dabdfijmnosu])"
    rf"(?:\b{_MONTH}\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?(?:,?\s+(?P<year>\d{{4}}))?\b"
    rf"|\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?(?:\s*[-–]\s*\d{{1,2}})?\s+(?:of\s+)?(?P<month2>"
    + "|".join(sorted(_MONTHS, key=len, reverse=True))
    + r")\.?(?:,?\s+(?P<year2>\d{4}))?\b"
    rf"|\b{_MONTH.replace('month', 'month3')}\s+(?P<year3>\d{{4}})\b"
    # a year, not a number's integer part ("an impact force of 1910.4 N": a timeline line)
    r"|\b(?:in|since|until|by|of)\s+(?P<year4>(?:19|20)\d{2})\b(?![-–/]|[.,]\d))",
    re.I,
)
_RELATIVE = re.compile(
    r"\b(?P<mod>last|this|next|on|since|until|by)?\s*(?P<weekday>monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday)(?:['’]s)?\b"
    r"|\b(?P<today>today|tonight|this morning|this afternoon|this evening)\b"
    r"|\b(?P<yesterday>yesterday)\b|\b(?P<tomorrow>tomorrow)\b"
    r"|\b(?P<week>last|this|next) week\b"
    r"|\b(?P<n>\d+|one|two|three|four|five|six|seven|eight|nine|ten)\s+days?\s+(?P<dir>ago|later|earlier)\b",
    re.I,
)
# "was scheduled to take off at 11:55 p.m. Sunday" (dev stream, an NPR flight story) is a past
# plan: after "was", "were" or "been" these words say nothing of the future
_FUTURE = re.compile(
    r"\b(?:will|shall|to be held|is due|are due|upcoming|next"
    r"|(?<!\bwas )(?<!\bwere )(?<!\bbeen )(?:scheduled|plans? to|planned|expected to|set to))\b",
    re.I,
)
# "would" before a weekday in the same clause is the future of a report ("Soto said authorities
# would begin identifying the remains Tuesday", written Sunday); before a date it is mostly a
# condition ("that would represent a premium over the price on Nov. 2"), and across a quote mark
# it belongs to the quote. "Would not" is a refusal already made ("police would not say Tuesday
# whether the deaths were linked", written Wednesday), as "wouldn't" (no word boundary) is.
_WOULD = re.compile(r"\bwould\b(?!\s+(?:not|never)\b)", re.I)
_CLAUSE_END = re.compile(r"[\"“”.;]")
WOULD_REACH = 200  # characters before a weekday searched for its "would"


# the weekday is the day of a report ("..., lawyers said Tuesday", "a law firm announced
# Friday"), not of what "would" happen; "would be announced Friday" is still the future
_REPORTED_ON = re.compile(
    r"(?<!\bbe )(?<!\bbeen )\b(?:said|announced|told|reported|wrote|confirmed|stated)"
    r"\s+(?:on\s+|early\s+|late\s+)?$",
    re.I,
)


def _would_before(text: str, pos: int) -> bool:
    if _REPORTED_ON.search(text, max(0, pos - 40), pos):
        return False
    last = None
    for last in _WOULD.finditer(text, max(0, pos - WOULD_REACH), pos):  # noqa: B007
        pass  # the last one decides
    return last is not None and not _CLAUSE_END.search(text, last.end(), pos)


# ... and what was claimed then: "a state-run Chinese newspaper alleged Tuesday" (a dev-stream
# article's event day, against the others' Sunday, when the Panama Papers came out)
_REPORTED = re.compile(
    r"\b(?:reported|said|announced|wrote|told|alleged|claimed)\s+(?:on\s+)?$",
    re.I,
)
_EVENT_WORDS = re.compile(
    r"\b(?:talks|meeting|meetings|met|meets|meet|visit|visited|press conference|summit|held"
    r"|took place|arrived|hold|holds|negotiations|conference)\b",
    re.I,
)
_PLACE_CONTEXT = re.compile(r"\b(?:in|at)\s+(?:the\s+)?(?:[A-Z][\w.-]*['’]s\s+)?$")


@dataclass(frozen=True)
class DateMention:
    """A date expression of an article, resolved (ISO, to day, month or year) or not (None)."""

    article: str
    sentence: int
    start: int
    end: int
    text: str
    value: str | None
    relative: bool
    in_quote: bool
    span_bound: bool = False  # opens or closes a span ("since 1908"): not an event's date


# A day without a year, in a sentence not about the future, is the anchor year's up to this far
# ahead ("the emergency due to end on July 26", written July 14), last year's beyond it.
# Fitted on the dev stream's dated articles: 7 days resolved 16 such mentions to the wrong year,
# 60 none; from 90 days on, last summer's events start to land next summer.
AHEAD_DAYS = 60


# A date that opens or closes a span ("without a title since 1908", "in force until May") says
# how long something lasted, not when the sentence's event happened: no timeline line of it.
# ... and so does a period's end, a figure's reference point ("the $32.6 billion in
# undistributed foreign earnings Goldman had at the end of 2016": a dev-stream timeline's line
# of 2016 under a tax charge of December 2017)
_SPAN_BOUND = re.compile(
    r"\b(?:since|until|till|as of|(?:the\s+)?end\s+of)\s+"
    r"(?:(?:the|early|late|mid)[\s-]+)?$",
    re.I,
)
# ... and so does a moment restated in another time zone: "launched ... just before 6 a.m.
# (2100 GMT Monday)" is Tuesday's launch, not an event of Monday (a dev-stream timeline's line
# of August 28 under the missile fired over Japan on the 29th)
_IN_ANOTHER_ZONE = re.compile(r"\(\s*[^()]*\b(?:GMT|UTC)\s*$")
# "on June 12 last year": the year is said after the day
_YEAR_AFTER = re.compile(r"\s*,?\s+(?P<which>last|this|next)\s+year\b", re.I)


def _weekday_date(anchor: date, weekday: int, future: bool, mod: str) -> date:
    if mod == "next" or (future and mod != "last"):
        delta = (weekday - anchor.weekday()) % 7
        return anchor + timedelta(days=delta or (7 if mod == "next" else 0))
    delta = (anchor.weekday() - weekday) % 7
    if mod == "last" and delta == 0:
        delta = 7
    if delta == 6 and mod != "last":
        # the day after the publication date, not six days before: a stamp runs behind the
        # local date of events abroad (Tuesday's launch over Japan is Monday evening in New
        # York) and behind a live article's updates (Nice: "Hollande said early Friday" in a
        # page stamped Thursday). All 59 such mentions of the dev stream, read: the next day.
        return anchor + timedelta(days=1)
    return anchor - timedelta(days=delta)


def _year_for(month: int, day: int, anchor: date | None, future: bool) -> int | None:
    """The year of a day without one: the anchor's, moved when that lands on the wrong side."""
    if anchor is None:
        return None
    try:
        candidate = date(anchor.year, month, day)
    except ValueError:  # 29 February, and the anchor's year is not a leap year
        ahead = _next_year(month, day, anchor)
        if ahead != date.max and (future or ahead <= anchor + timedelta(days=AHEAD_DAYS)):
            return anchor.year + 1  # "will resume on Feb. 29", written December 2027
        if not future and _iso(anchor.year - 1, month, day):
            return anchor.year - 1  # "on Feb. 29", written January 2029
        return None
    if future and candidate < anchor - timedelta(days=7):
        return anchor.year + 1
    if not future and candidate > anchor + timedelta(days=AHEAD_DAYS):
        return anchor.year - 1
    if not future and _next_year(month, day, anchor) <= anchor + timedelta(days=AHEAD_DAYS):
        return anchor.year + 1  # "as soon as Jan. 4", written 27 December
    return anchor.year


def _next_year(month: int, day: int, anchor: date) -> date:
    try:
        return date(anchor.year + 1, month, day)
    except ValueError:  # 29 February
        return date.max


def _iso(year: int, month: int, day: int) -> str | None:
    try:
        return date(year, month, day).isoformat()
    except ValueError:
        return None


# what may stand before a dateline's date: nothing, or the place ("MOSCOW, ", "HUNTINGTON
# BEACH, Calif., ")
_DATELINE_PLACE = re.compile(r"\s*(?:[A-Z][\w .'’-]{0,40}?(?:,\s*|\s+)){0,3}")
# and what follows it: the dateline's dash or the agency in brackets
_DATELINE_END = re.compile(r"\s*(?:[–—-]|\(|/)")


# after a date on a line of its own: a time, then the end of the line or a dateline's dash
_STAMP_REST = re.compile(
    r"[\s,]*(?:(?:at\s+)?\d{1,2}[:.]\d\d\s*(?:[ap]\.?m\.?|[AP]M)?(?:\s*[A-Z]{2,4})?)?\s*"
    r"(?:[–—-].*)?"
)
MAX_STAMP_PREFIX = 60  # "By Jane Doe, ", "Updated 3:45 PM ET, Sat ", "Published on ", "(CNN) "


def _stamp_line(text: str, start: int, end: int) -> bool:
    """Whether the date at [start, end) is a byline's or a page's stamp: on a line of its own
    after a few words at most, no sentence before it, a time at most after it ("By Jane
    Doe, Jan. 5, 2019", "Published on May 3, 2015", "Updated 3:45 PM ET, Sat January 5,
    2019", "(CNN) Jan. 5, 2019 —")."""
    line_start = text.rfind("\n", 0, start) + 1
    line_end = text.find("\n", end)
    prefix = text[line_start:start]
    rest = text[end : line_end if line_end >= 0 else len(text)]
    return (
        len(prefix) <= MAX_STAMP_PREFIX
        and not re.search(r"[.!?]\s", prefix)
        and _STAMP_REST.fullmatch(rest) is not None
    )


def dateline_anchor(text: str) -> date | None:
    """A full date in an article's dateline ("MOSCOW, May 15, 2019 –") or stamp line ("By Jane
    Doe, Jan. 5, 2019"), if it has one: at the text's start, after a place at most, before
    the dateline's dash, or on a line of its own. Not any date near the start: a caption's
    "on April 1, 1990." had anchored a Multi-News story of 2017 ("officials announced
    Thursday" dated 1990)."""
    for m in _DATE.finditer(text[:160]):
        if not (
            (_DATELINE_PLACE.fullmatch(text[: m.start()]) and _DATELINE_END.match(text, m.end()))
            or _stamp_line(text, m.start(), m.end())
        ):
            continue
        month = m.group("month") or m.group("month2")
        day = m.group("day") or m.group("day2")
        year = m.group("year") or m.group("year2")
        if month and day and year:
            iso = _iso(int(year), _MONTHS[month.lower().rstrip(".")], int(day))
            if iso:
                return date.fromisoformat(iso)
    return None


# An anchor this close to the calendar's ends (year 1, year 9999) is a placeholder, not a
# publication day: counted from, "next week" or "Jan. 4" left the calendar (OverflowError ended
# the whole digest). Its relative dates stay unresolved, as without an anchor.
_ANCHOR_MARGIN = timedelta(days=400)


def article_anchor(article: Article) -> date | None:
    """The day relative expressions count from: publication date, else a dateline date."""
    if article.published is not None:
        day: date | None = article.published.date()
    else:
        day = dateline_anchor(article.text)
    if day is not None and not date.min + _ANCHOR_MARGIN <= day <= date.max - _ANCHOR_MARGIN:
        return None
    return day


class _Positions:
    """Which sentence and quote a character offset falls in, by bisection: an article of
    thousands of dates must not compare each with every sentence and quote.

    The answers are the plain rule's for any spans a caller passes (unsorted, overlapping,
    empty): the first sentence in the given order that holds the offset, else the last one in
    the given order that starts at or before it; a quote holds it if any quote does.
    """

    def __init__(self, sentences: Sequence[Sentence], quotes: Sequence[QuoteSpan]) -> None:
        self.sentences = list(sentences)
        order = sorted(range(len(self.sentences)), key=lambda i: self.sentences[i].start)
        self.starts = [self.sentences[i].start for i in order]
        self.latest = list(accumulate(order, max))  # latest given among those started so far
        # the stretches between span bounds, each with the first given sentence holding it
        self.bounds = sorted({p for s in self.sentences for p in (s.start, s.end)})
        self.holder: list[int | None] = []
        open_: list[tuple[int, int]] = []  # (place in the given order, end)
        k = 0
        for bound in self.bounds:
            while k < len(order) and self.starts[k] <= bound:
                heappush(open_, (order[k], self.sentences[order[k]].end))
                k += 1
            while open_ and open_[0][1] <= bound:
                heappop(open_)
            self.holder.append(open_[0][0] if open_ else None)
        self.first_start: dict[int, int] = {}  # a sentence index's first span start
        for s in self.sentences:
            self.first_start.setdefault(s.index, s.start)
        spans = sorted((q.start, q.end) for q in quotes)
        self.quote_starts = [a for a, _ in spans]
        self.reach: list[int] = []  # furthest end of the quotes opened so far
        for _, end in spans:
            self.reach.append(max(end, self.reach[-1] if self.reach else end))

    def index(self, pos: int) -> int:
        """The index of the sentence holding ``pos``, else of the last one before it, else 0."""
        j = bisect_right(self.bounds, pos) - 1
        given = self.holder[j] if j >= 0 else None
        if given is None:
            k = bisect_right(self.starts, pos) - 1
            given = self.latest[k] if k >= 0 else None
        return self.sentences[given].index if given is not None else 0

    def sentence_start(self, pos: int) -> int:
        """Where the sentence of ``pos`` starts (its index's first span; 0 without one)."""
        return self.first_start.get(self.index(pos), 0)

    def in_quote(self, pos: int) -> bool:
        k = bisect_right(self.quote_starts, pos) - 1
        return k >= 0 and self.reach[k] > pos


# A future cue further back than this in a long sentence is another clause's
FUTURE_REACH = 1000


# A Title Case word before a month is part of a name only rarely: tried as a rule, it dropped
# 17 real dates of 18 on Multi-News and NeuS ("Trump fired Comey May 9", headlines); China's
# rockets are the one such name space news keeps writing.
_LONG_MARCH = re.compile(r"\bLong\s+$")


# a picture's date: "in this June 27, 2011 file photo", "in this Aug. 5, 2017, photo" (a
# Multi-News timeline's line and a story's date had come from such a caption)
_PHOTO_DATE = re.compile(r",?\s+(?:file\s+)?(?:photo|image|picture|handout photo)\b", re.I)


# a date with its year, written before the event it names: "September 11, 2001 attackers" (a
# NeuS story of 2020 had its event on 2001-09-11), "the July 7, 2005 bombings"
_NAMES_AN_EVENT = re.compile(
    r",?\s+(?:terror(?:ist)?\s+)?(?:attacks?|attackers|hijackers|bombings?|bombers|massacre"
    r"|shootings?|shooters?|anniversary|commission)\b",
    re.I,
)
# ... but a date after "on", "since" ... is when the sentence's event happened ("On Jan. 5,
# 2020, attackers stormed the compound"), and one set off by a comma names an event only after
# "the" ("the Sept. 11, 2001, attacks"; not "set for March 3, 2020, commission officials said")
_TIME_BEFORE = re.compile(r"\b(?:on|since|until|till|by|from|for|through|of)\s+$", re.I)
_THE_BEFORE = re.compile(r"\bthe\s+$", re.I)


# a holiday a day is compared to, not a day of the story: "the Bastille Day celebrations --
# France's equivalent to July 4" (a dev-stream timeline's line of July 4, under the attack in
# Nice on July 14; the one date of the local sets' 3,881 so written)
_COMPARED_TO = re.compile(
    r"\b(?:equivalents?|versions?|answer|counterparts?)\s+(?:to|of)\s+(?:the\s+|its\s+|our\s+)?$",
    re.I,
)


def _names_an_event(text: str, start: int, end: int) -> bool:
    """Whether the date at ``start:end`` is written as a past event's name."""
    after = _NAMES_AN_EVENT.match(text, end)
    if after is None or _TIME_BEFORE.search(text, max(0, start - 10), start):
        return False
    return not after.group().startswith(",") or bool(
        _THE_BEFORE.search(text, max(0, start - 10), start)
    )


@lru_cache(maxsize=256)  # as many as analysis.DOC_CACHE keeps parses
def _date_matches(text: str) -> tuple[re.Match[str], ...]:
    """``_DATE``'s matches in ``text``, kept for the last texts asked: each refresh of a story
    scanned its older articles again (dev stream through the API: 617 scans of 383 texts)."""
    return tuple(_DATE.finditer(text))


@lru_cache(maxsize=256)  # as many as analysis.DOC_CACHE keeps parses
def _relative_matches(text: str) -> tuple[re.Match[str], ...]:
    """``_RELATIVE``'s matches in ``text``, kept as ``_date_matches``."""
    return tuple(_RELATIVE.finditer(text))


def find_dates(
    article: Article, sentences: Sequence[Sentence], quotes: Sequence[QuoteSpan]
) -> list[DateMention]:
    """Every date expression of an article, resolved against its anchor where possible."""
    text = article.text
    anchor = article_anchor(article)
    out: list[DateMention] = []
    where = _Positions(sentences, quotes)
    in_quote = where.in_quote

    def future_at(pos: int) -> bool:
        start = where.sentence_start(pos)
        return bool(_FUTURE.search(text, max(start, pos - FUTURE_REACH), pos))

    for m in _date_matches(text):
        if _LONG_MARCH.search(text, max(0, m.start() - 5), m.start()):
            continue  # China's Long March rockets ("the Long March 9 rocket"), not a date
        if _PHOTO_DATE.match(text, m.end()):
            continue  # "shown in this June 27, 2011 file photo": when a picture was taken
        if (m.group("year") or m.group("year2")) and _names_an_event(text, m.start(), m.end()):
            continue  # "September 11, 2001 attackers": a past event's name
        if _COMPARED_TO.search(text, max(0, m.start() - 40), m.start()):
            continue  # "France's equivalent to July 4": a holiday
        future = future_at(m.start())
        at = m.start("year4") if m.group("year4") else m.start()  # after "in", "since" ...
        value: str | None = None
        if m.group("year4"):
            value = m.group("year4")
        elif m.group("month3"):
            value = f"{m.group('year3')}-{_MONTHS[m.group('month3').lower().rstrip('.')]:02d}"
        else:
            month = _MONTHS[(m.group("month") or m.group("month2")).lower().rstrip(".")]
            day = int(m.group("day") or m.group("day2"))
            year_text = m.group("year") or m.group("year2")
            after = _YEAR_AFTER.match(text, m.end())
            year: int | None
            if year_text:
                year = int(year_text)
            elif after and anchor is not None:
                year = anchor.year + {"last": -1, "this": 0, "next": 1}[after["which"].lower()]
            else:
                year = _year_for(month, day, anchor, future)
            value = _iso(year, month, day) if year else None
        out.append(
            DateMention(
                article.id, where.index(m.start()), m.start(), m.end(),
                m.group(), value, False, in_quote(m.start()),
                _SPAN_BOUND.search(text, max(0, at - 24), at) is not None,
            )
        )  # fmt: skip
    for m in _relative_matches(text):
        quoted = in_quote(m.start())
        value = None
        if anchor is not None and not quoted:
            future = future_at(m.start())
            if m.group("weekday"):
                wd = _WEEKDAYS.index(m.group("weekday").lower())
                future = future or _would_before(text, m.start("weekday"))
                mod = (m.group("mod") or "").lower()
                value = _weekday_date(anchor, wd, future, mod).isoformat()
            elif m.group("today"):
                value = anchor.isoformat()
            elif m.group("yesterday"):
                value = (anchor - timedelta(days=1)).isoformat()
            elif m.group("tomorrow"):
                value = (anchor + timedelta(days=1)).isoformat()
            elif m.group("week"):
                shift = {"last": -7, "this": 0, "next": 7}[m.group("week").lower()]
                year, week, _ = (anchor + timedelta(days=shift)).isocalendar()
                value = f"{year}-W{week:02d}"
            elif m.group("n"):
                n = m.group("n").lower()
                days = int(n) if n.isdigit() else _NUMBERS[n]
                sign = -1 if m.group("dir").lower() in {"ago", "earlier"} else 1
                try:
                    value = (anchor + timedelta(days=sign * days)).isoformat()
                except OverflowError:  # "1000000 days ago": before year 1
                    value = None
        start = m.start("weekday") if m.group("weekday") else m.start()
        out.append(
            DateMention(
                article.id, where.index(start), start, m.end(),
                text[start : m.end()], value, True, quoted,
                _IN_ANOTHER_ZONE.search(text, max(0, start - 24), start) is not None,
            )
        )  # fmt: skip
    out.sort(key=lambda d: d.start)
    return out


# How long before its article's day a reported event can be: older days in a lead are history
# or a detail (the dev stream's Galaxy S9 story, written in January 2018, dated by a photo of
# parts stamped "21st of August, 2017"). Of the 108 days Giveme5W1H's coders marked as "when",
# none is more than a day before its article; 30 leaves room for a weekly or a late report.
EVENT_DAYS_BEFORE = 30


def reported_day(text: str, start: int) -> bool:
    """Whether the date at ``start`` of ``text`` says when something was said ("police said
    Wednesday"), not when it happened."""
    return _REPORTED.search(text[max(0, start - 30) : max(0, start)]) is not None


def article_event_date(
    article: Article, dates: Sequence[DateMention], lead_sentences: int = 3
) -> str | None:
    """The day of the reported event: the first day-precise date in the lead that is not in a
    quote, in the future, the bound of a span ("since May 5") or the day something was
    reported ("VoA reported on Wednesday"). The future is after the article's day and the
    next ("his farewell tour starting May 16", written in February, dated a story about the
    Grammys; the next day is allowed: a stamp runs behind events abroad). An undated article's
    day is not of a year before the newest it names."""
    anchor = article_anchor(article)
    latest = (anchor + timedelta(days=1)).isoformat() if anchor else None
    earliest = (anchor - timedelta(days=EVENT_DAYS_BEFORE)).isoformat() if anchor else None
    if anchor is None:
        # an undated article is as old as the newest year it names at least: a day of an
        # earlier year in its lead is background (a Multi-News story of Comey's memo was dated
        # by Watergate's June 17, 1972; a Phish reunion by the Grateful Dead's last show)
        years = [d.value[:4] for d in dates if d.value and d.value[:4].isdigit()]
        earliest = max(years, default=None)
    for d in dates:
        if d.sentence >= lead_sentences:
            break
        if d.in_quote or d.span_bound or d.value is None or len(d.value) != 10:
            continue
        if latest is not None and d.value > latest:
            continue
        if earliest is not None and d.value < earliest:
            continue  # background ("the dating on the components ... 21st of August, 2017")
        if reported_day(article.text, d.start):
            continue
        return d.value
    return None


# Where an article's event happened is in its first sentences (and its title): these many count.
LEAD_PLACE_SENTENCES = 3
# "Cleveland, Ohio", "Croydon, south London": the place after the comma says where the first is.
_QUALIFIER = re.compile(
    r",\s*(?:(?:north|south|east|west|central|northern|southern|eastern|western)\s+)?$", re.I
)
# An organization named for its building is also a place ("at the White House", "outside
# Trump Tower"): the model often labels these organizations.
_SITE = re.compile(
    r"\b(?:House|Tower|Towers|Palace|Hall|Center|Centre|Stadium|Arena|Field|Square|Airport"
    r"|Hotel|Embassy|Consulate|Station|Capitol|Kremlin)$"
)
_SITE_ALONE = frozenset({"Capitol", "Kremlin"})  # the others alone name no building: "the House"


def _site(name: str) -> bool:
    """An organization named for its building ("White House", "Madison Square Garden"'s
    kind), where things happen; "House" alone is the chamber (a NeuS story's "Where: House")."""
    return _SITE.search(name) is not None and (" " in name or name in _SITE_ALONE)


# ... but "in" after these says where someone or something comes from, not where the event
# was ("a pandemic that originated in China", a NeuS story of a US Senate vote)
_ATTRIBUTE_IN = re.compile(
    r"\b(?:originated|originating|born|based|headquartered|founded|raised|grew up|lives"
    r"|living|lived|studied|educated|registered|flagged)\s+(?:in|at)\s+(?:the\s+)?$"
    # ... and someone's origin ("If Loki, that merry prankster, hailed from South Africa
    # rather than Norway": a dev-stream lead on Elon Musk's car for Mars, whose digest read
    # "When/where: 2017-12-20, South Africa")
    r"|\b(?:hails|hailed|hailing|originally|native)\s+(?:from|of)\s+(?:the\s+)?$"
)
_DIVISION = re.compile(r"\s+(?:province|county|region|state|city|district)$", re.I)
# "in the northern Afghan city of Mazar-i-Sharif", "at a village in ...": said where it happened
_IN_PLACE = re.compile(
    r"\b(?:in|at|near|outside)\s+(?:(?:the|a|an)\s+)?(?:[A-Z][\w.-]*['’]s\s+)?"
    r"(?:(?:[\w-]+\s+){0,3}(?:city|town|village|capital|province|state|county|region)"
    r"\s+of\s+)?$"
)


def _names(place: Entity) -> set[str]:
    """A place's names, and each without "province", "county" ...: "Hebei province" is "Hebei"."""
    names = {place.name, *place.aliases}
    return names | {_DIVISION.sub("", n) for n in names}


# a place naming where someone is from or sits for, not where the event was ("Sen. Patty
# Murray, a Washington Democrat", "the Ohio-based company", "Texas Republicans": a NeuS
# story's place had been Washington)
_PLACE_AS_LABEL = re.compile(r"(?:-based|-born|\s+native)\b")
# ... and "a Washington Democrat": one person's party and state ("Virginia lawmakers approved"
# is where it happened)
_PARTY_AFTER = re.compile(r"\s+(?:Democrat|Republican|congress(?:wo)?man|senator|lawmaker)\b")
_ARTICLE_BEFORE = re.compile(r"\b(?:a|an)\s+$")
# "the Ukraine affair", "the US economy": a country's name before a noun names a thing, and
# "in" before it is the thing's (a NeuS story of a House vote "happened in" Ukraine, for
# "witnesses in the Ukraine affair"); "in the Philippines killed", "in the United States on
# Monday" are the country's (a verb in -ed, a word of grammar after it). A city's name says
# where: "in the Minneapolis trial of Derek Chauvin". Nor is a word of time or degree a noun:
# "in the Philippines this week", "in the Netherlands early Monday", "in the UK today".
_THE_BEFORE = re.compile(r"\bthe\s+$", re.IGNORECASE)
_NOUN_AFTER = re.compile(
    r"\s+(?!(?:on|in|at|of|to|for|from|with|by|and|or|but|as|than|that|which|who|where|when"
    r"|while|after|before|since|during|over|under|into|near|across|through|between|among"
    r"|against|about|is|was|were|are|be|been|has|had|have|will|would|could|should|can|may"
    r"|might|must|did|does|do|said|says|told|this|last|next|yesterday|today|tonight|tomorrow"
    r"|now|overnight|again|alone|too|also|already|still|each|every|all|both|so|if|until"
    r"|unless|amid|because|following|not|then|just|only|instead|late|later|soon|once|ago"
    r"|here|there)\b)[a-z]+(?<!ed)(?<!ly)\b(?![-'’])"
)
# a member's party and state: "Rep. Marjorie Taylor Greene (R-Ga.)", "(D-HI)"
_PARTY_STATE = re.compile(r"\([RDI]\s*[-–]\s*$")
# ... and one person's seat in Congress before their name: "Massachusetts Sen. Elizabeth
# Warren", "the Georgia congresswoman's" (NeuS stories of statements made in Washington had
# "happened in" Massachusetts and Georgia)
_SEAT_AFTER = re.compile(
    r"\s+(?:(?:Sen|Sens|Rep|Reps)\.|(?:senator|congressman|congresswoman|representative)\b)",
    re.IGNORECASE,
)
# ... or another post, unless its holder opens the sentence, acting where the post is
# ("Pennsylvania Gov. Tom Corbett compared same-sex marriage to incest"), and holds it still:
# "Former Massachusetts Gov. Mitt Romney on Saturday said he and President-elect Donald Trump
# held a 'far-reaching conversation'", "remove former Massachusetts Rep. Barney Frank and
# Connecticut Gov. Dannel Malloy" (NeuS stories had "happened in" Massachusetts, Connecticut)
_POST_AFTER = re.compile(
    r"\s+(?:(?:Gov|Sen|Rep|Lt|Atty|Gen)\.|(?:"
    + "|".join(sorted(ROLE_WORDS | {"congressman", "congresswoman", "legislator", "lawmaker"}))
    + r")\b)",
    re.IGNORECASE,
)
# A holder is named after the post, or has something ("a Hawaii judge's ruling"); with none,
# and none who held it ("the former Illinois governor"), the post is an office or a race run
# where it is ("Youngkin won the Virginia governor's race": Virginia had been lost)
_HOLDER_AFTER = re.compile(
    r"\s+[A-Z]|['’]s\s+(?!(?:race|election|contest|primary|runoff|seat|office|mansion|post|job)\b)"
)
_FORMER_BEFORE = re.compile(r"\bformer\s+$", re.IGNORECASE)
# what may come before the holder who opens the sentence: a phrase set off by a comma and an
# article ("On Monday, Texas Gov. Greg Abbott signed ...", "Late on Sunday, Minneapolis Mayor
# Jacob Frey ordered a curfew", "An Atlanta prosecutor on Monday charged 19 people": the place
# had been lost to a reordering of the same sentence)
_OPENS = re.compile(
    r"\s*[\"“‘']?(?:(?:on|in|at|by|late|early|earlier|later|after|before|during|since|last|this"
    r"|meanwhile|separately|also|however|now|today|yesterday|tonight|speaking|monday|tuesday"
    r"|wednesday|thursday|friday|saturday|sunday)\b[^,;:\"“”]{0,40},\s+)?(?:(?:the|a|an)\s+)?",
    re.IGNORECASE,
)


def _a_politicians_state(text: str, start: int, end: int, name: str, opening: int) -> bool:
    """Whether the place at [start, end) of ``text`` is a politician's seat or post before
    their name (``_SEAT_AFTER``; ``_POST_AFTER`` held by someone named after it, unless they
    open the sentence at ``opening``, or held before). Not a nationality ("a U.S. judge said in
    a ruling"); Georgia is a state too."""
    if is_country(name) and name != "Georgia":
        return False
    if _SEAT_AFTER.match(text, end):
        return True
    post = _POST_AFTER.match(text, end)
    return post is not None and bool(
        _FORMER_BEFORE.search(text, max(0, start - 8), start)
        or (_HOLDER_AFTER.match(text, post.end()) and not _OPENS.fullmatch(text, opening, start))
    )


# A place's name naming an event or a pact held there ("North Korea's participation will
# ensure safety of the Pyeongchang Olympics": a dev-stream story of Kim Jong Un's New Year
# speech read "Happened in: Pyeongchang"; "the Paris Agreement", "the Singapore summit"): the
# thing, not where this story happened
_EVENT_NAMED_AFTER = re.compile(
    r"\s+(?:(?:Winter|Summer)\s+)?(?:Olympics|Olympic\s+Games|Games|Paralympics|summit"
    r"|accords?|agreement|protocol|convention|declaration|treaty)\b",
    re.IGNORECASE,
)


def _weigh(
    text: str,
    mentions: list[tuple[int, int, str]],
    base: float,
    scores: dict[str, float],
    said: set[str],
    person_ends: frozenset[int] = frozenset(),
    opening: int = 0,
) -> None:
    """Add each place mention's weight to ``scores``. ``person_ends``: where the text's people's
    names end: a place "of" after one is the person's ("Gov. Dannel P. Malloy of Connecticut",
    "King Abdullah of Jordan": a NeuS story and a Multi-News one had "happened in" them).
    ``opening``: where the sentence of ``mentions`` starts."""
    ends = {end for _, end, _ in mentions}
    for start, end, name in mentions:
        if (
            _PLACE_AS_LABEL.match(text, end)
            or _EVENT_NAMED_AFTER.match(text, end)
            or _a_politicians_state(text, start, end, name, opening)
            or (text[start - 4 : start] == " of " and start - 4 in person_ends)
            or (
                _PARTY_AFTER.match(text, end)
                and _ARTICLE_BEFORE.search(text, max(0, start - 4), start)
            )
            or _PARTY_STATE.search(text, max(0, start - 4), start)
            or (
                _THE_BEFORE.search(text, max(0, start - 4), start)
                and _NOUN_AFTER.match(text, end)
                and is_country(name)
            )
        ):
            continue  # a label of someone or something, not where: "a Washington Democrat"
        before = text[max(0, start - 30) : start]
        q = _QUALIFIER.search(before)
        if q is not None and start - len(before) + q.start() in ends:
            continue  # it says where the place before it is
        if _ATTRIBUTE_IN.search(before):
            continue  # where someone or something comes from
        at = _IN_PLACE.search(before) is not None
        scores[name] = scores.get(name, 0.0) + base + at
        if at:
            said.add(name)


@dataclass(frozen=True)
class PlaceScores:
    """How strongly one article says each place is where its event happened (in order of
    first mention), and which of those it says the event was "in" or "at" and which are coarse
    (a country, a region, a body in the sky), and which its title names."""

    scores: dict[str, float]
    said: frozenset[str]
    coarse: frozenset[str]
    titled: frozenset[str] = frozenset()


# A site every town has, which says where only with its town ("the parade ended at City
# Hall": a dev-stream story of the Astros' parade in Houston read "Happened in: City Hall")
_GENERIC_SITE = re.compile(
    r"(?:City|Town|Village|County)\s+Hall|(?:Main|High)\s+Street|(?:Union|Central)\s+Station"
    r"|(?:Civic|Convention)\s+Cent(?:er|re)|Police\s+Headquarters|(?:County\s+)?Courthouse",
    re.IGNORECASE,
)


def article_place_scores(
    article: Article, sentences: Sequence[Sentence], entities: Sequence[Entity]
) -> PlaceScores:
    """Places the title and the first sentences name (said "in"/"at" counts more, the first
    sentence more than the next; deeper in, only where a meeting or talks were held "in"/"at"
    them), sentences about the future aside, and a place that only says where the one before
    it is ("Cleveland, Ohio") not at all. A place counts only if it is known (a country, a US
    state or a city of the gazetteer) or said "in"/"at" once: "Weibo" or "KCTV", which the
    model calls places, are where news was published, not where it happened, and an
    organization named for its building must be ("at the White House" is a place, "White House
    counselor" is not)."""
    known = place_names()
    places = [e for e in entities if e.type == "PLACE" or e.type == "ORG" and _site(e.name)]
    scores: dict[str, float] = {}
    said: set[str] = set()
    person_ends = frozenset(
        m.end for e in entities if e.type == "PERSON" for m in e.mentions if m.article == article.id
    )
    # each place matched on its own, so "Santa Clara" is found inside "Santa Clara County";
    # only the places this article names at all are looked for
    patterns = []
    for e in places:
        names = _names(e)
        if any(n in article.text or n in article.title for n in names):
            patterns.append((name_pattern(names), e.name))

    def mentions(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
        found = (
            (m.start(), m.end(), name) for p, name in patterns for m in p.finditer(text, start, end)
        )
        return sorted(found)

    titled: set[str] = set()
    if article.title:
        in_title = mentions(article.title, 0, len(article.title))
        titled = {name for _, _, name in in_title}
        _weigh(article.title, in_title, 2.0, scores, said)
    for k, sent in enumerate(sentences):
        lead = k < LEAD_PLACE_SENTENCES
        if _FUTURE.search(sent.text) or not (lead or _EVENT_WORDS.search(sent.text)):
            continue
        if _CONDITION.match(sent.text):
            continue  # a supposition ("If Loki ... hailed from South Africa rather than Norway")
        found = mentions(article.text, sent.start, sent.end)
        weight = (2.0 if k == 0 else 1.0) if lead else 0.0
        _weigh(article.text, found, weight, scores, said, person_ends, sent.start)
    # judged only for the places this article scored (the story's others are no answer here)
    scored = [e for e in places if scores.get(e.name, 0.0) > 0]
    good = {
        e.name
        for e in scored
        if (
            e.name in said
            or e.type != "ORG"
            and any(fold(n) in known for n in (e.name, *e.aliases))
        )
        and not _GENERIC_SITE.fullmatch(e.name)
    }
    coarse = frozenset(
        e.name
        for e in scored
        if e.name in good
        and any(is_country(n) or fold(n) in CELESTIAL for n in (e.name, *e.aliases))
    )
    kept = {n: v for n, v in scores.items() if n in good}
    return PlaceScores(
        kept, frozenset(n for n in kept if n in said), coarse, frozenset(titled & kept.keys())
    )


def _best_place(
    scores: Mapping[str, float], said: frozenset[str], coarse: frozenset[str]
) -> str | None:
    """The highest score among the places said "in"/"at" if any ("a plane crash in Costa
    Rica" over "New York family"), a coarse one only where nothing finer is (it says less:
    "Mazar-i-Sharif" over "Afghanistan"); a tie goes to the place named first."""
    if not scores:
        return None
    return max(scores, key=lambda n: (n in said, n not in coarse, scores[n]))


def story_place(articles: Iterable[PlaceScores]) -> str | None:
    """The place of a story's event: each article's place scores, made to sum to one (every
    article one vote, shared among the places it names), added up (``_best_place``)."""
    total: dict[str, float] = {}
    said: frozenset[str] = frozenset()
    coarse: frozenset[str] = frozenset()
    named: Counter[str] = Counter()  # how many articles name each place
    titled: set[str] = set()
    said_by: Counter[str] = Counter()  # ... and say it "in"/"at"
    for article in articles:
        whole = sum(article.scores.values())
        for name, value in article.scores.items():
            total[name] = total.get(name, 0.0) + value / whole
        said |= article.said
        coarse |= article.coarse
        named.update(article.scores.keys())
        titled |= article.titled
        said_by.update(article.said)
    finer = _finer_places(named, said_by, said, coarse) & titled
    return _best_place(total, said | finer, coarse)


def _finer_places(
    named: Counter[str], said_by: Counter[str], said: frozenset[str], coarse: frozenset[str]
) -> frozenset[str]:
    """Where only countries are said "in", a finer place within one that more articles name
    (two at least) than say that country "in": where in it, if a title names it too (see
    ``story_place``). "Florida reports 15,000 new coronavirus cases", a title and two leads,
    beside one article's "numbers in the U.S." (NeuS val 3 read "Happened in: United
    States")."""
    if not said or not said <= coarse:
        return frozenset()
    return frozenset(
        n
        for n in named
        if n not in coarse
        and named[n] >= 2
        and any(named[n] > said_by[c] and lies_within(n, c) for c in said)
    )


def article_meeting_place(
    article: Article, sentences: Sequence[Sentence], places: Sequence[Entity]
) -> str | None:
    """The city or site where the article says a meeting or talks were held: the place named
    with "in"/"at" in a sentence about the meeting (title and lead count most), countries and
    future events aside. Where two articles' answers differ, the sources disagree (the seeds'
    Sochi and Washington); the event place of other news (``article_place_scores``) differs
    between outlets mostly in detail ("Croydon", "south London"), which is no disagreement."""
    scores: Counter[str] = Counter()
    text = article.text
    for entity in places:
        if entity.type != "PLACE" or is_country(entity.name):
            continue
        names = (entity.name, *entity.aliases)
        if not any(n in text or n in article.title for n in names):
            continue  # named only in other articles of the story: nothing to find here
        pattern = name_pattern(names)
        if article.title:
            for m in pattern.finditer(article.title):
                if _PLACE_CONTEXT.search(article.title[: m.start()]):
                    scores[entity.name] += 3
        for sent in sentences:
            for m in pattern.finditer(text, sent.start, sent.end):
                if not _PLACE_CONTEXT.search(text[sent.start : m.start()]):
                    continue
                if not _EVENT_WORDS.search(sent.text) or _FUTURE.search(sent.text):
                    continue
                scores[entity.name] += 2 if sent.index == 0 else 1
    if not scores:
        return None
    (best, top), *rest = scores.most_common()
    if rest and rest[0][1] == top:
        return None  # two places equally likely: say so rather than pick one
    return best


def plurality(values: Mapping[str, str | None]) -> str | None:
    """The value most articles give; None on a tie or when none gives one."""
    counts = Counter(v for v in values.values() if v)
    if not counts:
        return None
    (best, top), *rest = counts.most_common()
    if rest and rest[0][1] == top:
        return None
    return best


_TL_WORDS = re.compile(r"[A-Za-z]{4,}")
# a day, a month or a year ("collapsed in 2016"); a week ("2018-W06") dates no event
_DATED = re.compile(r"\d{4}(?:-\d{2}(?:-\d{2})?)?$")
# A timeline is a handful of lines, not every sentence that carries a date.
MAX_TIMELINE = 5
MAX_DAY_SENTENCES = 200  # a date's sentences its line is chosen among
BACKGROUND_DAYS = 366  # before the story was written: background, not its timeline
# A date a month outside the days the story was written on is a past or coming event, the
# story's only when two outlets recall it or it names what the headlines name: one outlet's
# aside is its own context ("Kermit the Frog and Miss Piggy announced August 4 that ...", a
# celebrity-splits list under a 2018 break-up; "Paul Simon will undertake ... his farewell
# tour, which will begin May 16" under a Grammys story: dev-stream timelines), where
# "Broadcom's Nov. 6 proposal followed ..." is the Broadcom story's past
OWN_SPAN_DAYS = 30
# ... and in a story three articles or more tell, a day over a week before the first of them
# was written is what one outlet recalled, unless another recalls it too or it names what the
# headlines name ("During a Dec. 5 conference, JPMorgan Chase's chief financial officer ...",
# "On Dec. 6, the Citigroup chief financial officer ...", "Bank of America said in a Dec. 22
# filing ...": one outlet's lines filled four of five places in a timeline of Goldman Sachs's
# tax charge of Dec. 29, a dev-stream story of six articles)
RECALLED_DAYS = 6
# A day over a week after the last article was written is what was planned, forecast or
# supposed then, not what happened: "... would withdraw its offer if Qualcomm rescheduled its
# annual shareholder meeting from March 6", "... the team's next home game on November 19",
# "rumours suggest that the device could be unveiled at the Mobile World Congress" (three
# dev-stream timelines' lines). What a sentence says is still to come on the next days is
# dropped too where each article's own day is known (``build_timeline``'s ``written_on``).
PLANNED_DAYS = 7
MIN_ARTICLES_TO_RECALL = 3
_CAPITALIZED = re.compile(r"\b[A-Z][\w-]{2,}")
SAME_LINE = 0.5  # word Jaccard at which a sentence repeats a line taken under another date
# ... unless either writes its date out: "The Fed raised its benchmark rate ... on March 21,
# 2018." and "... on June 13, 2018." are two events in one sentence's mould; a weekday or
# "yesterday" is read against each outlet's own day, and two readings of one fact may differ
_WRITTEN_DATE = re.compile(
    r"\b(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s+\d|\b(?:19|20)\d\d\b"
)


def _tl_words(text: str) -> set[str]:
    return {w.casefold() for w in _TL_WORDS.findall(text)}


# One act told under two dates: a line a count of days back dates ("Two days ago, SpaceX CEO
# ... Elon Musk unveiled plans to launch his ... Tesla Roadster", in an article of Dec. 22)
# that names someone a line dated by the calendar names and tells its act in two words of it
# ("... when on Dec. 1 he first announced plans to launch the car, ...": Musk, "plans ...
# launch") is the calendar's day, read again from a reprinted article's day (the dev stream's
# Tesla-to-Mars story, event 18). The act is an intent, two words joined by "to" ("plans to
# launch"): a thing that recurs, told by two nouns ("North Korea's missile launch yesterday"
# beside its "last missile launch, on Aug. 29"), is another day's
_COUNTED_BACK = re.compile(r"\b(?:days?\s+(?:ago|earlier)|yesterday)\b", re.IGNORECASE)
_ACT = re.compile(r"\b(?=([a-z]{4,})\s+to\s+([a-z]{4,})\b)")
_NAMED = re.compile(r"(?<=[^.!?\s]\s)[A-Z][a-z]{2,}\b")


def _acts(text: str) -> set[tuple[str, str]]:
    """Pairs of lower-case words of four letters or more joined by "to", neither a stop word
    ("plans to launch": ("plans", "launch"))."""
    return {
        (a, b)
        for a, b in _ACT.findall(text)
        if a not in ENGLISH_STOP_WORDS and b not in ENGLISH_STOP_WORDS
    }


def _told_before(text: str, line: str) -> bool:
    """Whether ``text`` names someone ``line`` names and tells an act of it in its words."""
    return bool(set(_NAMED.findall(text)) & set(_NAMED.findall(line))) and bool(
        _acts(text) & _acts(line)
    )


def _same_words(a: set[str], b: set[str]) -> bool:
    """Two outlets' copies of one sentence, dated apart by their own readings ("Airline
    spokesman Joshua Freed said Tuesday that ... boarded the flight ..." under Sunday and
    under Tuesday: the dev stream's wrong-flight story)."""
    return bool(a | b) and len(a & b) >= SAME_LINE * len(a | b)


# a condition, not an event: "If Rosberg finishes third in Abu Dhabi on Sunday, he will be
# champion." (a dev-stream timeline line)
_CONDITION = re.compile(r"^(?:If|Unless|Should|Whether)\b")
# a wire photo's caption, dated by its picture ("Aurelie Chatelain, in this photograph
# provided by the Caudry City Hall April 22, 2015, is seen ...", "General view of the
# Emergency entrance to the Hotel Dieu Hospital in Paris April 22, 2015.": a Multi-News
# timeline's two lines)
_CAPTIONED = re.compile(
    r"\bin this (?:undated )?(?:photo|photograph|picture|image|file photo)\b"
    r"|^(?:A )?[Gg]eneral view of\b|\b(?:photo|photograph|picture) (?:provided|taken|released) by\b"
)


# no comment is no event: "USA TODAY's request for comment was not immediately returned." (a
# dev-stream timeline's line); what was not answered is a message ("did not return a phone
# call"), not "an emergency motion", "verbal commands" or "home" (NeuS and Multi-News events)
_NO_COMMENT = re.compile(
    r"\brequests? for comment\b|\bdid not (?:immediately )?(?:respond|reply|return)\b"
    r"(?=\s*[.;]|\s*$|[^.;]{0,50}?\b(?:requests?|messages?|e-?mail(?:s|ed)?|calls?|voicemails?"
    r"|inquir(?:y|ies)|queries|questions|comment)\b)"
    r"|\bnot immediately (?:returned|respond|reply|available)|\bcould not (?:immediately )?be"
    r" reached\b|\bdeclined to comment\b",
    re.IGNORECASE,
)
# ... and a sentence that goes on to tell something else tells that ("Qualcomm responded that
# its board would review the offer, and declined to comment further", "The first lady was
# hospitalized, though more details were not immediately available")
_ANOTHER_CLAUSE = re.compile(
    r",\s*(?:and|but|while|so|though|although|where)\b|\b(?:but|and) (?:said|says|added)\b"
    r"|^(?:While|Though|Although)\b"
)


# a listing's hour, not a sentence's opening: "7:30 p.m. Other dates: Jan. 12, 19 and 26." (a
# dev-stream timeline line from a calendar of sky-watching events)
_CLOCK_FIRST = re.compile(r"^\d{1,2}(?::\d\d)?\s*[ap]\.?m\.?\s", re.IGNORECASE)


# someone's words, not an event: a sentence that opens with its quotation ("“We need everyone
# on that evening who is in a position to help us,” Mr. Reul said, ... in an interview on
# Friday", '"The Panama company to which they refer to is a totally inactive company ...," the
# Messi family said': dev-stream timelines' lines, each also among the quotes). A quoted name
# ('"Star Wars" opened on Friday') ends in no stop or comma.
_OPENS_WITH_QUOTE = re.compile(r"[\"“][^\"“”]*[,.?!…][\"”]")
# a sentence's day told by its weekday ("on Monday", "Wednesday night")
_WEEKDAY_NAMED = re.compile(r"(?:mon|tues|wednes|thurs|fri|satur|sun)day\b", re.IGNORECASE)
# A weekday before the article's own day in a sentence told in the present ("The new year's
# night sky starts with a full moon on Monday", "The Quadrantid meteors peak on Wednesday
# night": a sky-watching calendar written on Saturday, December 30, whose days are the next
# week's) is a schedule's day misread as the week's past one: no timeline line (the dev stream's
# sky calendar had made lines of December 25 and 27). News tells what happened in a past
# tense; "As thousands celebrate New Year's Eve ... on Sunday night", written that Sunday,
# keeps its day. Who told it, after the sentence's last comma, is no tense of its event ("Earth
# gets closest to the sun ... on Wednesday at 12:35 a.m. Eastern time, the Naval Observatory
# said.")
_ATTRIBUTED = re.compile(r",[^,]{0,60}\b(?:said|says|reported|according to\b[^,]*)[.”\"]*\s*$")


def _fit_for_timeline(text: str) -> bool:
    """A sentence that reads alone and tells an event: no fragment, widget, orphaned "But
    ..." / "He ...", condition, photo caption, unanswered request for comment or quotation."""
    return (
        not _CONDITION.match(text)
        and not _OPENS_WITH_QUOTE.match(text)
        and not _CLOCK_FIRST.match(text)
        and not _CAPTIONED.search(text)
        and not quality.is_photo_caption(text)
        and not (_NO_COMMENT.search(text) and not _ANOTHER_CLAUSE.search(text))
        and not quality.problems(text)
        and not quality.needs_context(text)
    )


# How many of an article's readable sentences before a line may have named what it points back
# to: "The shares Mr. Blankfein and others received on Thursday cannot be sold for five
# years." (a dev-stream timeline line of Goldman Sachs's tax charge) had its shares two
# sentences and a newsletter widget before it
LOOK_BACK = 3
# "he" or "she" before the sentence names anyone: who, the sentences before said ("On Monday,
# the casino said that she left the company several years ago.", "Huge crowds gathered
# outside parliament late Monday demanding he quit ...": dev-stream timelines' lines). A
# capitalized word past the first, other than a weekday or a month, may be the name; "a man
# who said he ..." brings its person in.
_PERSON_PRONOUN = re.compile(r"\b(?:he|she|him|her|his|hers)\b")
_NAMED_BEFORE_PRONOUN = re.compile(
    r"\s(?!(?:Mon|Tues|Wednes|Thurs|Fri|Satur|Sun)day\b|(?:January|February|March|April|May"
    r"|June|July|August|September|October|November|December)\b)[A-Z]|\b(?:[Aa]n?|[Oo]ne)\s"
)
# the people the sentences before named, counted ("Prepared testimony's for the pair were
# released yesterday ...": a dev-stream timeline line, the pair named in the sentence before)
_THE_PAIR = re.compile(r"\b[Tt]he (?:pair|duo|trio|couple)\b(?! of\b)")
# an opening noun that only stands for what the sentences before told, unless it says which
# itself ("The decision to ...", "The move by ..."): "The moment was too much for Chapman who
# had thrown 2 2/3 innings on Sunday ..." (a dev-stream timeline line; which moment, the
# sentence before said)
_SHELL_OPENING = re.compile(
    r"[\"“‘']?The (?:moment|move|decision|development|situation|episode)\b(?! (?:of|to|by|that)\b)"
)


def _points_back(text: str, before: Sequence[str], article: str) -> bool:
    """Whether a line points to what its article's sentences ``before`` it named: its
    opening definite subject (``coverage.defined_in``) unless it says which, a "he" or "she"
    it names no one for, "the pair", or an opening "the moment" (``_SHELL_OPENING``). Its
    first word is a name where the ``article`` writes it capitalized mid-sentence ("Arians
    said he told the players ...")."""
    pronoun = _PERSON_PRONOUN.search(text)
    return bool(
        (
            pronoun is not None
            and not _NAMED_BEFORE_PRONOUN.search(text, 1, pronoun.start())
            and not _opens_with_a_name(text, article)
        )
        or _THE_PAIR.search(text)
        or _SHELL_OPENING.match(text)
        or (_NAMED_AFTER.match(text) is None and any(defined_in(text, b) for b in before))
    )


_FIRST_WORD = re.compile(r"[A-Z][\w'’-]+")


def _opens_with_a_name(text: str, article: str) -> bool:
    """Whether ``text``'s first word is one the ``article`` capitalizes mid-sentence."""
    first = _FIRST_WORD.match(text)
    return (
        first is not None
        and first.group().casefold() not in ENGLISH_STOP_WORDS
        and re.search(rf"[a-z,;]\s+{re.escape(first.group())}\b", article) is not None
    )


# a definite subject that says which itself: "The price of bitcoin yo-yoed wildly again on
# Tuesday ...", "The flight, HA446, left Auckland ..." (dev-stream timeline lines)
_NAMED_AFTER = re.compile(r"[\"“‘']?The [a-z]+(?:,| of\b)")


_YEAR = re.compile(r"\b(?:1[89]|20)\d\d\b")


def _in_the_past(sent: Sentence, before: Sentence | None, since: str) -> bool:
    """Whether a sentence, or the one before it, names years and all of them end before
    ``since``: its day without a year, a month away from the story's days or more, is of then,
    not of the story's year ("Superstitious Cubs
    fans point to one moment that doomed the team's 1969 season. On September 9, Chicago faced
    off against the New York Mets at Shea Stadium.": a dev-stream timeline's line of
    2016-09-09 under the Cubs' 2016 title)."""
    years = _YEAR.findall(sent.text) or (_YEAR.findall(before.text) if before else [])
    return bool(years) and all(y < since[:4] for y in years)


def _readable_before(doc: Sequence[Sentence], k: int) -> list[str]:
    """The texts of up to ``LOOK_BACK`` readable sentences before ``doc[k]`` (widgets aside)."""
    out: list[str] = []
    for j in range(k - 1, -1, -1):
        if len(out) == LOOK_BACK:
            break
        if not quality.is_boilerplate(doc[j].text):
            out.append(doc[j].text)
    return out


def headline_names(titles: Sequence[str]) -> frozenset[str]:
    """The capitalized words (stop words aside) two of the headlines share, or the one
    headline's: what the story is about, by name."""
    seen = Counter(w for t in titles if t for w in {m.casefold() for m in _CAPITALIZED.findall(t)})
    wanted = 2 if sum(1 for t in titles if t) > 1 else 1
    return frozenset(w for w, n in seen.items() if n >= wanted and w not in ENGLISH_STOP_WORDS)


def _names_the_subject(text: str, names: frozenset[str]) -> bool:
    """Whether a sentence names something the headlines name."""
    return any(m.group().casefold() in names for m in _CAPITALIZED.finditer(text))


def _planned_in(sent: Sentence, at: int) -> bool:
    """Whether the sentence says, before the date at ``at``, that its event is to come ("will
    be removed tomorrow", "is expected to remain closed on Wednesday", "would begin ...
    Tuesday")."""
    before = sent.text[: max(0, at - sent.start)]
    return bool(_FUTURE.search(before) or _SCHEDULED.search(before)) or _would_before(
        before, len(before)
    )


# ... and a schedule told in the present, or what is done before it ("Goldman was working to
# maximize the benefits it can still access before the new tax law takes effect on Jan. 1",
# written December 29: a dev-stream timeline's line of January 1)
_SCHEDULED = re.compile(r"\b(?:before|takes? effect|goes into effect|go into effect)\b", re.I)


def build_timeline(
    dates: Sequence[DateMention],
    sentences: Mapping[str, Sequence[Sentence]],
    event_date: str | None = None,
    written: date | None = None,
    began: date | None = None,
    subject: frozenset[str] = frozenset(),
    written_on: Mapping[str, date] | None = None,
) -> list[TimelineEntry]:
    """The story's distinct dated events in date order, one line each, merged across sources.

    ``written``: the latest day the story's articles were written; a year or month from then on
    is no event of its past ("the main task for whoever takes over the Bears in 2018", "the
    satellite is set to launch in 2018", both written in January 2018), nor a day over
    ``PLANNED_DAYS`` after it.
    ``began``: the earliest day they were written (None: the latest day the text names); what
    ended a year before it is background. A line dated over ``OWN_SPAN_DAYS`` outside the
    days they were written on needs a second outlet, or to name one of ``subject`` (the
    headlines' names: ``headline_names``; none known, none needed).
    ``written_on``: each article's own day; a day after it, in a sentence that says it is to
    come, is what that article planned or expected ("The tram ... will be removed tomorrow at
    the earliest", "The A42 is expected to remain closed on Wednesday": dev-stream timelines'
    lines), not what it reported; an article written on or after that day dates the event if
    it happened. (Without such words the day stays: pages whose date is older than their last
    update report "investigators said Monday" of a day after it.)

    Days, months and years count (a week is too vague to place); a date's line is the sentence
    the most articles date to it (then the earliest), citing every sentence that dates
    something to it; a sentence makes one line at most. At most ``MAX_TIMELINE`` dates: days
    before months and years (the story's own days before background), then those most
    articles mention; none when every dated statement falls on one day (the event's own: the
    digest says it), nor when fewer than two lines are days (one day and background years is
    a one-day story).
    Sentences that do not read alone (fragments, quotes cut off, an opening "But" or "He")
    never make a line.
    """
    by_article = {aid: {s.index: s for s in sents} for aid, sents in sentences.items()}
    position = {aid: {s.index: k for k, s in enumerate(sents)} for aid, sents in sentences.items()}
    texts = {aid: " ".join(s.text for s in sents) for aid, sents in sentences.items()}
    # a sentence's first date: "In 2014, Linsley became the first rookie center ... since 1974"
    # is a line of 2014, not of 1974 (the dev stream's Packers story)
    first: dict[tuple[str, int], int] = {}
    for d in dates:
        key = (d.article, d.sentence)
        first[key] = min(first.get(key, d.start), d.start)
    until = written.isoformat() if written is not None else None
    planned = (written + timedelta(days=PLANNED_DAYS)).isoformat() if written is not None else None
    recalled_before = (
        (began - timedelta(days=RECALLED_DAYS)).isoformat()
        if began is not None and len(sentences) >= MIN_ARTICLES_TO_RECALL
        else None
    )
    own_span = (
        (
            (began - timedelta(days=OWN_SPAN_DAYS)).isoformat(),
            (written + timedelta(days=OWN_SPAN_DAYS)).isoformat(),
        )
        if began is not None and written is not None
        else None
    )
    # what ended over a year before the story's first article was written is its background,
    # not its events ("On September 9, Chicago faced off against the New York Mets" of 1969,
    # and "no trophy back in 1908", in a 2016 story of the Cubs' title: a dev-stream timeline)
    if began is None:
        # undated: the latest day the text dates something to stands for the story's time (the
        # four timelines a reader met in 41 undated Multi-News digests were history: the Klan
        # in Anaheim in 1924, the crashes of 1987 and 2008 under a 2018 market drop)
        named = [d.value for d in dates if d.value and _DATED.match(d.value) and not d.in_quote]
        latest = max(named, default=None)  # a year or month from its first day
        began = date.fromisoformat(latest + "-01-01"[len(latest) - 4 :]) if latest else None
    since = (began - timedelta(days=BACKGROUND_DAYS)).isoformat() if began else None
    days: dict[str, list[tuple[Sentence, Citation]]] = {}
    dated: set[tuple[str, Citation]] = set()  # each sentence once under each of its dates
    counted_back: set[tuple[str, Citation]] = set()  # dated "two days ago" or "yesterday"
    for d in dates:
        if d.value is None or not _DATED.match(d.value) or d.in_quote:
            continue
        sent = by_article.get(d.article, {}).get(d.sentence)
        if sent is None or d.span_bound:
            continue
        if until is not None and len(d.value) < 10 and d.value >= until[: len(d.value)]:
            continue
        if planned is not None and d.value > planned:
            continue
        own_day = written_on.get(d.article) if written_on else None
        if (
            own_day is not None
            and len(d.value) == 10
            and d.value > own_day.isoformat()
            and _planned_in(sent, d.start)
        ):
            continue
        if since is not None and d.value + "-12-31"[len(d.value) - 4 :] < since:
            continue
        if (
            since is not None
            and own_span is not None
            and len(d.value) == 10
            and not own_span[0] <= d.value <= own_span[1]
            and not d.relative
            and _YEAR.search(d.text) is None
            and _in_the_past(sent, by_article[d.article].get(d.sentence - 1), since)
        ):
            continue
        if len(d.value) < 10 and first[(d.article, d.sentence)] < d.start:
            continue  # a year or month named after the sentence's own date
        if (
            own_day is not None
            and d.value < own_day.isoformat()
            and _WEEKDAY_NAMED.match(d.text)
            and told_in_the_present(_ATTRIBUTED.sub("", sent.text))
        ):
            continue  # a calendar's day, read as the week's past one
        cite = Citation.of(sent)
        if d.relative and _COUNTED_BACK.search(d.text):
            counted_back.add((d.value, cite))
        if (d.value, cite) not in dated:
            dated.add((d.value, cite))
            days.setdefault(d.value, []).append((sent, cite))
    if len(days) < 2 or (event_date is not None and set(days) == {event_date}):
        return []
    # the story's own days before background years, then the dates most articles give
    order = sorted(days, key=lambda v: (len(v) < 10, -len({c.article for _, c in days[v]}), v))
    entries: list[tuple[str, str, list[Citation]]] = []
    used: set[Citation | str] = set()  # sentences, and their texts (syndicated copies)
    # a line that dates two events tells both: a day it names makes no line of its own ("The
    # flight, HA446, left Auckland ... January 1st, 2018, and will land in Honolulu ... on
    # December 31st, 2017." then "The flight from Auckland ... left on Jan. 1, 2018 but when
    # it landed ... it was Sun. Dec. 31, 2017.": the dev stream's date-line flight, one event
    # told twice)
    days_of: dict[Citation, set[str]] = {}
    for day, found in days.items():
        for _, cite in found:
            days_of.setdefault(cite, set()).add(day)
    told: list[set[str]] = []  # the days each line taken names
    lines: list[set[str]] = []  # the words of the lines taken
    calendar_lines: list[str] = []  # the lines taken that the calendar dates
    for day in order:
        found = days[day]
        readable = [
            (s, c)
            for s, c in found
            if c not in used
            and " ".join(s.text.split()) not in used
            and not (
                not _WRITTEN_DATE.search(s.text)
                and any(_same_words(_tl_words(s.text), taken) for taken in lines)
            )
            and not any(day in named for named in told)
            and not (
                (day, c) in counted_back
                and any(_told_before(s.text, line) for line in calendar_lines)
            )
            and _fit_for_timeline(" ".join(s.text.split()))
            and not _points_back(
                " ".join(s.text.split()),
                _readable_before(sentences[c.article], position[c.article][s.index]),
                texts[c.article],
            )
        ]
        if not readable:
            continue
        # a date's line is chosen among its first sentences: each is compared with every other
        # (one 1 MB page of one day's sentences took minutes), and a day's story is in its first
        readable = readable[:MAX_DAY_SENTENCES]
        words = [_tl_words(s.text) for s, _ in readable]

        def support(k: int, words: list[set[str]] = words) -> int:
            """Sentences of this date that say much the same as sentence ``k``."""
            return sum(1 for w in words if w and len(w & words[k]) / len(w | words[k]) >= 0.3)

        line, origin = readable[max(range(len(readable)), key=lambda k: (support(k), -k))]
        # one sentence, one line (1908 and 1948 in one sentence: one line)
        used.update((origin, " ".join(line.text.split())))
        if not _WRITTEN_DATE.search(line.text):
            lines.append(_tl_words(line.text))
        # the same day's sentences, but not one that counts the line's things otherwise ("the
        # 80m-deep well" for "the 40m dry well": the dev stream's well story)
        counted = counts_of(line.text)
        cites = [
            origin,
            *(c for s, c in found if c != origin and not contradicts(counted, counts_of(s.text))),
        ]
        # a year or a month ends on its last day, written as the text compares dates
        outside = own_span is not None and (
            day + "-12-31"[len(day) - 4 :] < own_span[0] or day > own_span[1]
        )
        recalled = recalled_before is not None and day + "-12-31"[len(day) - 4 :] < recalled_before
        if (
            (outside or recalled)
            and subject
            and len({c.article for c in cites}) < 2
            and not _names_the_subject(line.text, subject)
        ):
            continue
        # who filed it ("SAN JOSE, Costa Rica — ", "(CNN) ") is not the event
        entries.append((day, " ".join(strip_dateline(line).text.split()), cites))
        told.append(days_of[origin])
        if (day, origin) not in counted_back:
            calendar_lines.append(line.text)
        if len(entries) == MAX_TIMELINE:
            break
    if sum(1 for day, _, _ in entries if len(day) == 10) < 2:
        # the story happened on one day, the rest is background ("Hilton became the first
        # cornerback with three sacks ... since 1982", "Massa's F1 career began in 2002"): 11
        # of the dev stream's 52 timelines were that, and a reader took them for noise
        return []
    entries.sort(key=lambda e: e[0])
    return [TimelineEntry(date=day, text=t, citations=tuple(c)) for day, t, c in entries]

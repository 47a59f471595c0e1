"""Extraction units: sentences, with a quotation that runs over several sentences kept whole.

``"We came to talk. We will keep talking," Pompeo said.`` splits into two sentences, and
either one alone is a dangling quote. Such runs become one unit whose span covers them all,
so an extractive summary can use the quote without cutting it. So do a lead-in and the
sentence after it when neither stands alone (``merge_lead_ins``).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from newsdigest.clean.rules import glued_dateline_end
from newsdigest.model import Sentence
from newsdigest.summarize.quality import (
    leads_in,
    needs_context,
    quote_balance_problem,
    single_quote_open,
)

# "DENVER (AP) — ", "(CNN) -- ", "LONDON — ", "SAN JOSE, Costa Rica — ", wire copy's
# "WASHINGTON (AP) _ ": where and who filed it, not what happened; CNN's pages glue the tag to
# the sentence ("Washington (CNN)The Supreme Court ...": 46 lines of the local sets, every one
# CNN's) or space it ("West Palm Beach, Florida (CNN) President ...")
_AGENCY_TAG = r"\((?:CNN|AP|Reuters|AFP|UPI|Xinhua|dpa|Bloomberg|CNN Business|CNNMoney)\)"
_DATELINE = re.compile(
    r"^(?:[A-Z][\w.,'’ /-]{1,40}?\s*)?\([A-Z][\w .]{1,40}\)(?:\s*(?:—|–|--?|_)\s*|(?=[A-Z][a-z]))"
    r"|^[A-Z][A-Z.,' ]{2,30}\s*(?:—|–|--?|_)\s+"
    r"|^[A-Z][A-Z.' ]{2,30},\s+[A-Z][A-Za-z.' ]{1,30}\s*(?:—|–|--|_)\s+"
    rf"|^(?:[A-Z][A-Za-z.,'’ /-]{{1,40}}?\s*)?{_AGENCY_TAG}\s+(?=[A-Z])"
    # the tag alone, spaced ("(CNN) Scores of people ..."): capitalized words only, as an aside
    # in brackets ("(The case was settled.) ...") is text
    r"|^\([A-Z]\w*(?: [A-Z]\w*){0,2}\)\s+(?=[A-Z])"
)
MAX_MERGED = 4
MAX_WORDS = 90
MAX_GAP = 3  # characters between the parts of a quote: one paragraph


def _opens_quote(text: str) -> bool:
    return text.count('"') % 2 == 1 or text.count("“") > text.count("”") or single_quote_open(text)


def merge_quotes(doc: Sequence[Sentence]) -> list[Sentence]:
    """The article's sentences with each multi-sentence quotation merged into one unit.

    A merged unit keeps the first sentence's index and spans to the last one's end; its text
    is the parts joined by one space (what lies between them in the article is whitespace).
    """
    out: list[Sentence] = []
    k = 0
    while k < len(doc):
        first = doc[k]
        end = k
        if quote_balance_problem(first.text) and _opens_quote(first.text):
            for j in range(k + 1, min(len(doc), k + MAX_MERGED)):
                text = " ".join(s.text for s in doc[k : j + 1])
                if len(text.split()) > MAX_WORDS or doc[j].start - doc[j - 1].end > MAX_GAP:
                    break  # too long, or past a paragraph break (a "Today" label between)
                if not quote_balance_problem(text):
                    end = j
                    break
        out.append(_joined(doc[k : end + 1]))
        k = end + 1
    return out


def _joined(parts: Sequence[Sentence]) -> Sentence:
    """One unit of consecutive sentences: the first one's index, a span over them all."""
    if len(parts) == 1:
        return parts[0]
    return Sentence(
        article_id=parts[0].article_id,
        index=parts[0].index,
        text=" ".join(p.text for p in parts),
        start=parts[0].start,
        end=parts[-1].end,
    )


def merge_lead_ins(units: Sequence[Sentence]) -> list[Sentence]:
    """The units with a lead-in and the unit after it in its paragraph made one, when that
    unit needs the lead-in: "“I want to tell you one more thing I know about the Negro,” Bundy
    said, according to the video." announces the quotation after it, which names no speaker
    (a Multi-News digest's pair). A lead-in whose next unit stands alone stays apart: the
    summarizer takes it only with that unit (``coverage``)."""
    out: list[Sentence] = []
    k = 0
    while k < len(units):
        unit = units[k]
        following = units[k + 1] if k + 1 < len(units) else None
        if (
            following is not None
            and following.start - unit.end <= MAX_GAP
            and leads_in(unit.text)  # rare, and cheaper than counting the two units' words
            and len(unit.text.split()) + len(following.text.split()) <= MAX_WORDS
            and needs_context(following.text)
        ):
            out.append(_joined([unit, following]))
            k += 2
        else:
            out.append(unit)
            k += 1
    return out


# a newsletter's section label before a sentence (Axios, and the outlets that copy its form):
# "Why it matters: The former presidents are hoping ..." (53 NeuS leads; a digest's line)
_LABEL = re.compile(
    r"^(?:Why it matters|The big picture|Driving the news|The bottom line|Bottom line"
    r"|Between the lines|What's next|What’s next|Yes, but|By the numbers|The state of play"
    r"|State of play|Be smart|Reality check|Zoom in|Zoom out|What to watch|The other side"
    r"|What they're saying|What they’re saying|The backstory|Flashback|Go deeper):\s+(?=[A-Z\"“])"
    # Forbes's section labels, in capitals and with no colon ("TOPLINE With the House of
    # Representatives passing ...": a NeuS digest's opening line)
    r"|^(?:TOPLINE|KEY FACTS|KEY BACKGROUND|CRUCIAL QUOTE|BIG NUMBER|WHAT TO WATCH FOR"
    r"|SURPRISING FACT|CHIEF CRITIC|NEWS PEG|FURTHER READING)\s+(?=[A-Z\"“][a-z\"“ ])"
    # or a stray closing bracket, the rest of a link's markup ("]On Monday morning, the
    # prosecution and defense will sum up ...": a NeuS lead, then a digest's line)
    r"|^[\])}]+\s*(?=[A-Z\"“])"
    # or a list's bullet set off by a space ("* All of the most explosive allegations ...",
    # "• In Montana, they are accused ...": a Multi-News digest's opening line and another's
    # candidate), or a video player's button ("CLOSE Police confirmed that two bodies ...": a
    # USA Today page's, 10 lines of the Multi-News sample; "CLOSE Skip in Skip x Embed x Share
    # A former Massachusetts police officer ...", another's)
    r"|^(?:[*•■]|-{1,2})\s+(?=[A-Z\"“])"
    r"|^(?:CLOSE\s+|Skip in Skip x Embed x Share\s+)+(?=[A-Z\"“][a-z ])"
)


def _from(sentence: Sentence, cut: int) -> Sentence:
    """The sentence from character ``cut`` on; still an exact span of the article."""
    return replace(sentence, text=sentence.text[cut:], start=sentence.start + cut)


def strip_label(sentence: Sentence) -> Sentence:
    """The sentence without a newsletter's section label (or a stray closing bracket) before
    it; still an exact span."""
    m = _LABEL.match(sentence.text)
    if not m or m.end() >= len(sentence.text):
        return sentence
    return _from(sentence, m.end())


# a place in capitals goes on after its first letter with one of these ("MOSCOW — ")
_DATELINE_SECOND = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZ.,' ")


def _may_open_with_dateline(text: str) -> bool:
    """The cheap signs every dateline form has one of (most sentences have none): a bracket
    (an agency's tag), a glued em dash, or a capital and then what continues a place in
    capitals."""
    return (
        "(" in text
        or "—" in text
        or ("A" <= text[:1] <= "Z" and text[1:2] in _DATELINE_SECOND)
        or " – " in text[:40]
        or " -- " in text[:40]
    )


# a known place in capitals, then a colon, or a space before an article: "MOSCOW: Russia's space
# experts say ..." (a dev-stream digest's opening line), "WASHINGTON The Senate passed ...",
# "PARIS An Algerian man ..." (Multi-News); not "VLADIMIR Putin ordered ..." (a city's name too)
_PLACE_THEN_LABEL = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’ ]{2,30}?)(?::\s+|\s+(?=(?:The|A|An)\s))(?=[A-Z\"“])"
)


# ... or written as a name, then a dash: "Washington — House Speaker Nancy Pelosi unveiled ..."
# (a NeuS digest line, CBS's form), "Flint — Sixteen months after ..." (Multi-News)
_NAMED_PLACE_DASH = re.compile(
    r"^(?P<place>[A-Z][a-z]+(?: [A-Z][a-z]+)?)\s+(?:—|–|--)\s+(?=[A-Z\"“])"
)


def _place_label_end(text: str) -> int:
    """Where a known place's dateline in capitals (``_PLACE_THEN_LABEL``) or written as a
    name before a dash (``_NAMED_PLACE_DASH``) ends the sentence's opening; 0 if none does."""
    from newsdigest.names import fold, is_country, place_names

    m = _PLACE_THEN_LABEL.match(text)
    if m:
        return m.end() if fold(m["place"]) in place_names() else 0
    m = _NAMED_PLACE_DASH.match(text)
    if not m or fold(m["place"]) not in place_names():
        return 0
    # a pair of countries is what the sentence is about, not where it was written: "Russia –
    # Ukraine talks resumed ...", "Brazil – Germany was the most shocking semi-final ..."
    # (hostile review); a city's dateline stays one ("Washington — China has ...")
    after = re.match(r"[A-Z][a-z]+(?: [A-Z][a-z]+)?", text[m.end() :])
    pair = after is not None and is_country(m["place"]) and is_country(after[0])
    return 0 if pair else m.end()


def strip_dateline(sentence: Sentence) -> Sentence:
    """The sentence without a leading dateline; still an exact span of the article. A glued
    one ("MIAMI—When speaking about ...": a Multi-News digest's line, its page's first
    paragraph a photo caption, so the cleaner's lead rule never met it) only of a place."""
    text = sentence.text
    if not _may_open_with_dateline(text):
        return sentence
    m = _DATELINE.match(text)
    end = m.end() if m else glued_dateline_end(text) or _place_label_end(text)
    if not end or end >= len(sentence.text) or not sentence.text[end].isupper():
        return sentence
    return _from(sentence, end)

"""Paragraphs of extracted text: blank lines separate them, and so does a single line break
unless the lines are a hard-wrapped paragraph or one line plainly continues the other.

Hard-wrapped plain text (wire copy, e-mail, text exports: every line cut near one column) is
recognized for the whole text at once, and there a line break separates paragraphs only where
the wrapper did not put it: the next line's first word would have fitted on the line (a short
last line, a headline, a dateline), or the next line is indented or a list item. Everywhere
else it is a space inside a sentence ("... the 1976-83\\nmilitary dictatorships.").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

from newsdigest.clean import rules

_BLANK_LINES = re.compile(r"\n[ \t]*\n\s*")
# where a single line break starts a paragraph in text that is not hard-wrapped
_UNWRAPPED_BREAK = re.compile(r"\n\s*\n|\n(?=[A-Z«“\"‘`—–-])")  # "`": wire copy's ``quote''"
# a bullet starts an item after a line that ended (a wrapper also moves "- " to a new line)
_BULLET = re.compile(r"[-*•·▪]\s")
# a line cut at a dash inside a word or phrase ("installed by Trump\n—to cool")
_DASH_CUT = re.compile(r"[-–—]$|^[-–—]\w")
# a compound the wrapper broke at its hyphen ("the seven-\nstory building"): one word again
_HYPHEN_BREAK = re.compile(r"(?<=[^\W\d_]-)\n[ \t]*(?=[^\W\d_])")
_TERMINAL = re.compile(r"""[.!?…:;]['"”’»)\]]*$""")
# a hard-wrapped text: lines of at most this many characters ...
MAX_WRAP_WIDTH = 100
# ... and at least this many (a page of short headings is not wrapped text) ...
MIN_WRAP_WIDTH = 50
# ... at least this many of them ...
MIN_WRAPPED_LINES = 3
# ... with at least a third of the lines (and three) within this many characters of the
# longest (a wrapper fills lines to within a word of its column; a wire story's short
# paragraphs end in short lines) ...
FULL_SLACK = 15
# ... and most of those full lines cut mid-sentence (a web page's one-line paragraphs end
# with a stop)
MIN_MID_SENTENCE_SHARE = 0.5
WRAP_TOLERANCE = 2


def wrap_width(lines: Sequence[str]) -> int | None:
    """The column ``lines`` (a whole text) are hard-wrapped at, or None when they are not."""
    body = [ln.rstrip() for ln in lines if ln.strip()]
    if len(body) < MIN_WRAPPED_LINES:
        return None
    width = max(len(ln) for ln in body)
    if not MIN_WRAP_WIDTH <= width <= MAX_WRAP_WIDTH:
        return None
    full = [ln for ln in body if len(ln) >= width - FULL_SLACK]
    if len(full) < MIN_WRAPPED_LINES or 3 * len(full) < len(body):
        return None
    mid = sum(1 for ln in full if not _TERMINAL.search(ln))
    return width if mid >= MIN_MID_SENTENCE_SHARE * len(full) else None


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def wrapped_break(line: str, nxt: str, width: int, indent: int = 0) -> bool:
    """In text wrapped at ``width``, whether the break between ``line`` and ``nxt`` ends a
    paragraph (``indent``: the indentation of the text's ordinary lines)."""
    body = nxt.strip()
    if _indent(nxt) > indent or (_BULLET.match(body) and _TERMINAL.search(line.rstrip())):
        return True
    if _DASH_CUT.search(line.rstrip()) or _DASH_CUT.search(body):
        return False
    first_word = body.split(maxsplit=1)[0] if body else ""
    # the wrapper would have put that word on this line had it been the same paragraph
    # (measured exact: allowing 1 or 2 columns of slack joined 2-4% fewer paragraphs right)
    return len(line.rstrip()) + 1 + len(first_word) <= width


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the paragraphs of raw ``text`` (whitespace around them included).

    The sentence splitter's first cut: a paragraph break always ends a sentence."""
    width = wrap_width(text.split("\n"))
    if width is None:
        spans: list[tuple[int, int]] = []
        pos = 0
        for m in _UNWRAPPED_BREAK.finditer(text):
            if m.group() == "\n" and _cut_name_below(text, m.start()):
                continue
            spans.append((pos, m.start()))
            pos = m.end()
        spans.append((pos, len(text)))
        return spans
    return _wrapped_spans(text, width)


def _cut_name_below(text: str, at: int) -> bool:
    """Whether the single line break at ``at`` only cut a name's end onto a last line of its
    paragraph (``ends_cut_name``), as ``split_paragraphs`` joins it."""
    end = text.find("\n", at + 1, at + MAX_WRAP_WIDTH + 2)
    if end < 0 and len(text) - at > MAX_WRAP_WIDTH + 1:
        return False  # a long line below: no name's end
    nxt = text[at + 1 :] if end < 0 else text[at + 1 : end]
    if end >= 0:
        after = text.find("\n", end + 1)
        if text[end + 1 : after if after >= 0 else len(text)].strip():
            return False  # not the paragraph's last line
    low = max(0, at - MAX_WRAP_WIDTH - 2)
    start = text.rfind("\n", low, at)
    if start < 0 and low > 0:
        return False  # a long line above: no wrapped line
    return ends_cut_name(text[start + 1 : at].strip(), nxt)


def _line_spans(text: str) -> list[tuple[int, int]]:
    spans = []
    pos = 0
    for line in text.split("\n"):
        spans.append((pos, pos + len(line)))
        pos += len(line) + 1
    return spans


def _wrapped_spans(text: str, width: int) -> list[tuple[int, int]]:
    lines = _line_spans(text)
    indents = Counter(_indent(text[s:e]) for s, e in lines if text[s:e].strip())
    indent = min(indents.items(), key=lambda kv: (-kv[1], kv[0]))[0] if indents else 0
    spans: list[tuple[int, int]] = []
    start: int | None = None
    previous = ""
    for s, e in lines:
        line = text[s:e]
        if not line.strip():
            if start is not None:
                spans.append((start, s))
                start = None
            continue
        if start is None:
            start = s
        elif wrapped_break(previous, line, width, indent):
            spans.append((start, s))
            start = s
        previous = line
    if start is not None:
        spans.append((start, len(text)))
    return spans or [(0, len(text))]


def split_paragraphs(text: str) -> list[str]:
    """Paragraphs of ``text``: blank lines always separate; a single line break separates too,
    except inside a hard-wrapped block or where a line obviously continues on the next."""
    width = wrap_width(text.split("\n"))
    if width is not None:
        paras = (
            " ".join(_HYPHEN_BREAK.sub("", text[s:e]).split())
            for s, e in _wrapped_spans(text, width)
        )
        return [p for p in paras if p]
    out: list[str] = []
    for block in _BLANK_LINES.split(text):
        lines = [ln.strip() for ln in block.split("\n") if ln.strip()]
        if not lines:
            continue
        if len(lines) >= 3 and all(40 <= len(ln) <= 100 for ln in lines[:-1]):
            # a hard-wrapped paragraph (e-mail, plain-text feeds), a compound cut at its hyphen
            # one word again as in wrapped text
            out.append(" ".join(_HYPHEN_BREAK.sub("", "\n".join(lines)).split()))
            continue
        current = [lines[0]]  # joined once the paragraph ends: joining at each line was
        size = len(lines[0])  # quadratic in a long run of them
        for n, line in enumerate(lines[1:], start=2):
            if _continues(current, size, line) or (
                n == len(lines) and ends_cut_name(current[-1], line)
            ):
                current.append(line)
                size += 1 + len(line)
            else:
                out.append(" ".join(current))
                current = [line]
                size = len(line)
        out.append(" ".join(current))
    return out


# the last words of a sentence the wrapper moved below its line: a few capitalized words or
# numbers and the stop ("Holiday.", "New York.", "May 2019.")
_CUT_TAIL = re.compile(r"""(?:[A-Z0-9][^\s]*\s+){0,2}[A-Z0-9][^\s]*?[.…]['"”’»)\]]*""")


def ends_cut_name(line: str, nxt: str) -> bool:
    """Whether ``nxt``, the last line of its paragraph, ends the sentence of ``line`` with the
    end of a name or a number the wrapper cut off: "Thank you for supporting the campaign to
    make Juneteenth a National" over "Holiday." (Multi-News 91 filled at 70 columns, too short
    for its column to show) had been two paragraphs, so two sentences, "Holiday." one of
    them. ``line`` is as long as a wrapped line (``MIN_WRAP_WIDTH`` less ``FULL_SLACK``, so
    not a short heading) and ends no sentence; a lead under a headline says more than a few
    capitalized words ("Prices fell.")."""
    return (
        MIN_WRAP_WIDTH - FULL_SLACK <= len(line) <= MAX_WRAP_WIDTH
        and not rules.ends_sentence(line)
        and _CUT_TAIL.fullmatch(nxt.strip()) is not None
    )


# A heading or widget is a line, not a paragraph of many: past this many characters the lines
# joined so far are not read as one again for each next line (a run of 10,000 lowercase lines
# with no stop, a word list, had taken 8 s, each line's test reading the paragraph from the start)
MAX_FURNITURE_CHARS = 2000


def _continues(lines: list[str], size: int, nxt: str) -> bool:
    """``nxt`` carries on the sentence of ``lines`` (a wrapped line, or the lines of a
    paragraph so far, ``size`` characters joined), unless they are a heading or widget that
    only looks unfinished ("Comments" above "reader0 wrote:")."""
    if not nxt[:1].islower() or rules.ends_sentence(lines[-1]):
        return False
    if size > MAX_FURNITURE_CHARS:
        return True
    line = " ".join(lines)
    return (
        not rules.TWEET_BYLINE.match(line)
        and not rules.TAIL_HEADING.match(line)
        and not rules.is_boilerplate_line(line)
    )

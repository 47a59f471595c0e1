"""Unicode repair: mojibake, entities, line breaks, spaces and invisible characters."""

from __future__ import annotations

import re

import ftfy

# ftfy repairs mojibake and HTML entities; curly quotes and dashes are kept because quote
# attribution and sentence splitting read them.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_EARLY_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")
_SPACE_CHARS = r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]"
_INNER_SPACES = re.compile(rf"(?<=\S){_SPACE_CHARS}+")
_INDENT = re.compile(rf"^{_SPACE_CHARS}+", re.MULTILINE)
_ODD_SPACE = re.compile(r"[\t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# Zero-width and soft-hyphen characters, and the bidirectional controls (marks, embeddings,
# overrides, isolates): formatting, not words. A right-to-left override kept in a title showed
# it reversed on the web page, and every line printed escaped. ZWNJ/ZWJ are kept: scripts
# need them.
_BIDI = "\u200e\u200f\u061c\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
_INVISIBLE = re.compile(f"[\u200b\u2060\ufeff\u00ad{_BIDI}]")
# The characters each of these patterns needs one of (a test holds them equal): whether a text
# holds one is a few ``in`` tests, each a fast scan, where the search of a character class
# reads a news text's 4,000 characters one by one (~50 µs)
_SIGNS = {
    _LINE_BREAKS: "\r\u2028\u2029\x0b\x0c\x85",
    _EARLY_BREAKS: "\r\u2028\u2029\x0b\x0c",
    _ODD_SPACE: "\t\u00a0\u1680\u202f\u205f\u3000" + "".join(map(chr, range(0x2000, 0x200B))),
    _INVISIBLE: "\u200b\u2060\ufeff\u00ad" + _BIDI,
}


def _holds(pattern: re.Pattern[str], text: str) -> bool:
    """``pattern.search(text)`` succeeds: ``text`` holds one of its characters."""
    return any(c in text for c in _SIGNS[pattern])


# A character ftfy could act on. Printable ASCII but "&" (entities), tab and newline, and the
# typographic punctuation U+2010-U+2027 (dashes, curly quotes, "…") but the dagger "†" and the
# bullet "•" are never changed by it: these are NFC-stable, not controls, ligatures or wide
# forms, and mojibake needs the bytes of a UTF-8 sequence, a lead byte and continuation bytes.
# In the legacy encodings ftfy tries, none of them is a continuation byte but "†" and "•" in
# Mac Roman (where “ and – are lead bytes: "“†" is the mojibake of "Ҡ"). Text made of them
# only (most English news, and every text on the cleaner's second, checking pass) skips ftfy.
_FTFY_WORK = re.compile(r"[^\t\n\x20-\x25\x27-\x7e\u2010-\u201f\u2021\u2023-\u2027]")


# the ASCII characters _FTFY_WORK passes over, deleted from an ASCII text's bytes: what is left
# is work for ftfy (bytes.translate reads them in C, the pattern one by one)
_PLAIN_ASCII = b"\t\n" + bytes(range(0x20, 0x26)) + bytes(range(0x27, 0x7F))


def _ftfy_has_work(text: str) -> bool:
    if text.isascii():
        return bool(text.encode("ascii").translate(None, _PLAIN_ASCII))
    return _FTFY_WORK.search(text) is not None


def _fix_lines(text: str) -> str:
    """``ftfy.fix_text`` of ``text``, with ftfy called only on the lines it could change.

    ftfy fixes a text one line at a time (each segment up to and including a "\n"), and a line
    without a character it acts on comes out as it went in, so the other lines are passed
    over: in most news a handful of lines hold a non-ASCII letter. The one state ftfy carries
    from line to line, turning off "auto" HTML unescaping after the first "<", and its cut of
    over-long lines are left to ftfy itself: such text goes to it whole.
    """
    if "<" in text or len(text) > _FTFY.max_decode_length:
        return ftfy.fix_text(text, _FTFY)
    out: list[str] = []
    pos = 0
    # from one character ftfy could act on to the next: the lines between go as they are
    while (work := _FTFY_WORK.search(text, pos)) is not None:
        start = text.rfind("\n", pos, work.start()) + 1 or pos  # its line's first character
        end = text.find("\n", work.start()) + 1 or len(text)
        out.append(text[pos:start])
        out.append(ftfy.fix_text(text[start:end], _FTFY))
        pos = end
    out.append(text[pos:])
    return "".join(out)


def drop_invisible(text: str) -> str:
    """``text`` without its zero-width and bidirectional control characters (an outlet's name:
    one written with a right-to-left override showed reversed on the web page)."""
    return _swap(_INVISIBLE, "", text)


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (valid in JSON escapes and file names, not encodable
    as UTF-8) replaced by U+FFFD, as a decoder replaces an undecodable byte."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


# ``a quotation'' within a paragraph; three apostrophes close a quotation within one
_TYPEWRITER_QUOTE = re.compile(r"``([^`\n]{0,3000}?)(')?''")


# a backtick typed for an apostrophe inside a word ("it`s not what you`re supposed to do": a
# Multi-News page, its digest line shown with the backticks)
_BACKTICK_APOSTROPHE = re.compile(r"(?<=[A-Za-z])`(?=[a-z])")


def typewriter_quotes(text: str) -> str:
    """Wire copy's ``quotation'' (two backticks, two apostrophes: the typewriter convention of
    AP and New York Times copy as archived) as “quotation”: readers and the quote finder know
    quotation marks, not backticks. The two apostrophes close only the backticks before them
    ("6-foot-10''" elsewhere is a height; "'no.'''" closes two quotations); backticks with no
    close in their paragraph open a quotation that runs on into the next. A backtick between
    letters is an apostrophe."""
    if "`" not in text:
        return text
    if "``" in text:
        text = _TYPEWRITER_QUOTE.sub(lambda m: f"“{m[1]}{'’' if m[2] else ''}”", text)
        text = text.replace("``", "“")
    return _BACKTICK_APOSTROPHE.sub("’", text)


# AP wire copy as archived types its dash as an underscore between spaces ("Berlusconi would
# have been forced to resign _ about 1 1/2 years before the end of his term": a Multi-News
# digest line); all 16 such in the 250 Multi-News clusters are dashes. A run of underscores
# ("___", a separator line) is not one.
_TYPEWRITER_DASH = re.compile(r"(?<=[^\s_]) _ (?=[^\s_])")


def typewriter_dashes(text: str) -> str:
    """Wire copy's " _ " dash as the typeset " — " a reader expects."""
    return _TYPEWRITER_DASH.sub(" \u2014 ", text) if " _ " in text else text


def repair_unicode(text: str, *, line_lengths: bool = False) -> str:
    """Fix mojibake/entities (ftfy), unify line breaks and spaces, drop invisible characters;
    typewriter quotation marks as typeset ones.

    With ``line_lengths`` each line keeps the length a wrapper gave it, for the joining of
    hard-wrapped lines, which measures them: the quotation marks and the runs of spaces inside
    a line (wire copy's two after a stop) are left to ``set_paragraph``, each a character or
    more shorter once mended (a line so shortened had read as a paragraph's last)."""
    if not line_lengths:
        text = typewriter_quotes(text)
    if text.isascii():  # most news: only "\r", "\v", "\f", tabs and runs of spaces to mend
        if "\r" in text or "\x0b" in text or "\x0c" in text:
            text = _EARLY_BREAKS.sub("\n", text)
        if not _ftfy_has_work(text):  # else entities or control characters: the long way
            if "\t" in text or "  " in text:
                return _mend_spaces(text, line_lengths=line_lengths)
            return text
    return _repair(text, line_lengths=line_lengths)


def set_paragraph(para: str) -> str:
    """A paragraph joined from lines repaired with ``line_lengths``: its typewriter quotation
    marks set, each run of spaces one space, the invisible characters gone."""
    if _HELD in para:
        para = para.replace(_HELD, "")
    para = typewriter_dashes(typewriter_quotes(para))
    if "  " not in para and ("\t" not in para if para.isascii() else not _holds(_ODD_SPACE, para)):
        return para  # every run of spaces is one " " already: the pattern would match each
    return _INNER_SPACES.sub(" ", para)


def _mend_spaces(text: str, *, line_lengths: bool = False) -> str:
    """Each run of spaces after a line's first character one space (with ``line_lengths``,
    each space character a space); a line's indent kept as wide (one space a character):
    hard-wrapped copy is read by its lines' lengths, and a paragraph's first line was wrapped
    with its indent."""
    if line_lengths:
        return _ODD_SPACE.sub(" ", text) if _holds(_ODD_SPACE, text) else text
    text = _INNER_SPACES.sub(" ", text)
    if not _holds(_ODD_SPACE, text):
        return text
    return _INDENT.sub(lambda m: " " * len(m.group()), text)


# With ``line_lengths`` an invisible character keeps its column as this noncharacter (which no
# text holds) until ``set_paragraph``: a wrapper counted it ("EMT\u200b\u200bs", Multi-News 12
# wrapped at 70 columns), and a line shortened by its removal read as a paragraph's last (the
# digest had "Charles Simons before threatening them, ...", a sentence cut at a line's start)
_HELD = "\ufdd0"


def _repair(text: str, *, line_lengths: bool = False) -> str:
    # line breaks and invisible characters first: a soft hyphen or form feed inside mojibake
    # hides it from ftfy ("\x85" is left to ftfy, which reads it as the "…" it usually was)
    gone = _HELD if line_lengths else ""
    text = _swap(_INVISIBLE, gone, _swap(_EARLY_BREAKS, "\n", text))
    for _ in range(3):  # a repair can reveal another layer of mojibake; stop when stable
        if not _ftfy_has_work(text):
            break
        fixed = _fix_lines(text)
        if fixed == text:
            break
        text = _swap(_INVISIBLE, gone, fixed)
    text = _swap(_LINE_BREAKS, "\n", text)
    if "  " in text or _holds(_ODD_SPACE, text):  # else every run of spaces is one space
        text = _mend_spaces(text, line_lengths=line_lengths)
    return text


def _swap(pattern: re.Pattern[str], new: str, text: str) -> str:
    """``text`` with ``pattern`` replaced by ``new`` (a search first: mostly it is absent)."""
    return pattern.sub(new, text) if _holds(pattern, text) else text

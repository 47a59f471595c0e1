"""Unicode repair: mojibake, entities, line breaks, spaces and invisible characters."""

from __future__ import annotations

import re

import ftfy

# ftfy repairs mojibake and HTML entities; curly quotes and dashes are kept because quote
# attribution and sentence splitting read them.
_FTFY = ftfy.TextFixerConfig(uncurl_quotes=False, explain=False)

_LINE_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c\x85]")
_EARLY_BREAKS = re.compile(r"\r\n?|[\u2028\u2029\x0b\x0c]")
_SPACES = re.compile(r"[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
_SURROGATE = re.compile(r"[\ud800-\udfff]")
_INVISIBLE = re.compile(r"[\u200b\u2060\ufeff\u00ad]")  # ZWNJ/ZWJ are kept: scripts need them
# What ftfy could change in ASCII text: entities ("&amp;"), control characters and terminal
# escapes. ASCII text without them is returned unchanged by ftfy, so it is not run (most news
# text, and every text on the cleaner's second, checking pass, is such text).
_FTFY_ASCII_WORK = re.compile(r"[&\x00-\x08\x0b-\x1f\x7f]")


def _ftfy_has_work(text: str) -> bool:
    return not text.isascii() or _FTFY_ASCII_WORK.search(text) is not None


def replace_surrogates(text: str) -> str:
    """``text`` with each lone surrogate (valid in JSON escapes and file names, not encodable
    as UTF-8) replaced by U+FFFD, as a decoder replaces an undecodable byte."""
    return _SURROGATE.sub("\ufffd", text) if _SURROGATE.search(text) else text


def repair_unicode(text: str) -> str:
    """Fix mojibake/entities (ftfy), unify line breaks and spaces, drop invisible characters."""
    # line breaks and invisible characters first: a soft hyphen or form feed inside mojibake
    # hides it from ftfy ("\x85" is left to ftfy, which reads it as the "…" it usually was)
    text = _INVISIBLE.sub("", _EARLY_BREAKS.sub("\n", text))
    for _ in range(3):  # a repair can reveal another layer of mojibake; stop when stable
        if not _ftfy_has_work(text):
            break
        fixed = ftfy.fix_text(text, _FTFY)
        if fixed == text:
            break
        text = _INVISIBLE.sub("", fixed)
    text = _LINE_BREAKS.sub("\n", text)
    return _SPACES.sub(" ", text)

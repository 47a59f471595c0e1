"""TREC-style SGML newswire, as DUC, TAC and TDT distribute it: one or more ``<DOC>`` elements a
file, each with a ``<DOCNO>``, maybe a headline and a date, and a ``<TEXT>`` of ``<P>``
paragraphs whose lines are hard-wrapped. The research sets of multi-document summarization
come this way; without this reader the tags would be read as text.

A document's id (``APW19981016.0240``) names its agency and day when nothing else does: the
date is taken from it, and the agency becomes the outlet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

from newsdigest.errors import InputError
from newsdigest.ingest.decode import whole_text
from newsdigest.ingest.html import parse_datetime
from newsdigest.model import Article, article_id

_DOC_TAG = re.compile(r"<(/?)DOC>", re.I)
_TAG = re.compile(r"<[^<>]{1,200}>")
_PARAGRAPH = re.compile(r"</?P>|\n[ \t]*\n", re.I)
# The wire services' typesetting codes, SGML entities no HTML names (``html.unescape`` leaves
# them): the New York Times service's quadding and rules ("&QL;", "&QC;", "&QR;", "&UR;",
# "&LR;", "&HT;", "&TD;") and control characters ("&Cx1f;"), none of them text; and the
# Associated Press's em dash, "&MD;". Only these: "B&Bs;" or "AT&amp;T" is text.
_WIRE_CODE = re.compile(r"&(?:Q[LCR]|UR|LR|HT|TD|Cx[0-9A-Fa-f]{1,2});")
_WIRE_DASH = re.compile(r"\s*&MD;\s*")
_DOCNO_DAY = re.compile(r"^([A-Z_]+?)_?(?:ENG_)?((?:19|20)\d{6})")
# the TREC disks' ids, as DUC 2001 and 2002 use them, name the day in six digits of the 1980s
# and 1990s: "AP880911-0016", "WSJ870324-0001"
_DOCNO_SHORT_DAY = re.compile(r"^(AP|WSJ)(\d{6})-\d")
_HEAD = re.compile(rb"^\s*<DOC>", re.I)
# agencies by the letters their document ids start with (DUC 2004, TDT, AQUAINT, Gigaword)
AGENCIES = {
    "AP": "Associated Press",
    "APW": "Associated Press",
    "AFP": "Agence France-Presse",
    "NYT": "New York Times",
    "XIE": "Xinhua",
    "XIN": "Xinhua",
    "LTW": "Los Angeles Times/Washington Post",
    "CNN": "CNN",
    "ABC": "ABC News",
    "NBC": "NBC News",
    "CNA": "Central News Agency",
    "FT": "Financial Times",
    "LA": "Los Angeles Times",
    "WSJ": "Wall Street Journal",
    "SJMN": "San Jose Mercury News",
    "FBIS": "Foreign Broadcast Information Service",
}


def looks_trec(head: bytes) -> bool:
    """Whether a file's first bytes open a TREC ``<DOC>`` element."""
    return bool(_HEAD.match(head.lstrip(b"\xef\xbb\xbf")))


def _element(doc: str, name: str) -> str | None:
    """The inside of the first ``<name>`` element, or None. The first opening tag is paired
    with the next closing one by plain search: a lazy regex would rescan the document from
    every unclosed opening tag (quadratic on a file of them)."""
    opening = re.search(rf"<{name}(?:\s[^<>]{{0,200}})?>", doc, re.I)
    if not opening:
        return None
    closing = re.compile(rf"</{name}>", re.I).search(doc, opening.end())
    return doc[opening.end() : closing.start()] if closing else None


def _unescape(text: str) -> str:
    """HTML's entities resolved, the wire's typesetting codes dropped."""
    return _WIRE_DASH.sub(" — ", _WIRE_CODE.sub(" ", html.unescape(text)))


def _field(doc: str, *names: str) -> str:
    """The text of the first of ``names`` the document has (tags inside removed)."""
    for name in names:
        inside = _element(doc, name)
        if inside is not None:
            return " ".join(_unescape(_TAG.sub(" ", inside)).split())
    return ""


def _body(doc: str) -> str:
    """The ``<TEXT>`` (else ``<BODY>``) as paragraphs; the lines inside one keep their breaks
    and indents (the cleaner joins hard-wrapped lines)."""
    inside = _element(doc, "TEXT")
    if inside is None:
        inside = _element(doc, "BODY")
    if not inside:
        return ""
    paras = []
    for part in _PARAGRAPH.split(inside):
        # each line keeps its indent: wire copy marks a paragraph by indenting its first line,
        # and the cleaner reads the wrapped lines' lengths with it
        lines = [ln.rstrip() for ln in _unescape(_TAG.sub(" ", part)).splitlines()]
        if any(lines):
            paras.append("\n".join(ln for ln in lines if ln.strip()))
    return "\n\n".join(paras)


def _from_docno(docno: str) -> tuple[str | None, datetime | None]:
    """(agency, day) an id like ``APW19981016.0240``, ``XIN_ENG_20050101.0001`` or
    ``AP880911-0016`` names."""
    key = docno.upper()
    if m := _DOCNO_DAY.match(key):
        agency, digits = m[1], m[2]
    elif m := _DOCNO_SHORT_DAY.match(key):
        agency, digits = m[1], f"19{m[2]}"
    else:
        return None, None
    agency = AGENCIES.get(agency, agency)
    try:
        day = datetime.strptime(digits, "%Y%m%d").replace(tzinfo=timezone.utc)
    except ValueError:
        day = None
    return agency, day


def _documents(text: str) -> list[str]:
    """The inside of each ``<DOC>…</DOC>``, found in one pass (a lazy regex over a file of
    unclosed ``<DOC>`` tags would rescan the rest of the file from each one)."""
    docs, start = [], None
    for m in _DOC_TAG.finditer(text):
        if not m.group(1):
            start = m.end()
        elif start is not None:
            docs.append(text[start : m.start()])
            start = None
    return docs


def trec_articles(text: str, name: str) -> Iterator[Article | InputError]:
    """The articles of one SGML file's text; a ``<DOC>`` without text is one error line."""
    docs = _documents(text)
    if not docs:
        yield InputError(name, "no <DOC> element with a closing </DOC>")
        return
    for k, doc in enumerate(docs):
        docno = _field(doc, "DOCNO") or f"{Path(name).name}#{k}"
        where = f"{name}:{docno}"
        body = _body(doc)
        if not body.strip():
            yield InputError(where, "no <TEXT> in the document")
            continue
        agency, day = _from_docno(docno)
        published = parse_datetime(_field(doc, "DATE_TIME", "DATETIME", "DATE")) or day
        yield Article(
            id=article_id(body),
            text=body,
            title=_field(doc, "HEADLINE", "HL", "HEAD", "TITLE"),
            source=agency,
            published=published,
            origin=where,
        )


def read_trec(path: Path, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Articles of a TREC/DUC/TDT SGML file (one or more ``<DOC>`` elements)."""
    text = whole_text(path, max_bytes)
    if isinstance(text, InputError):
        yield text
        return
    yield from trec_articles(text, str(path))

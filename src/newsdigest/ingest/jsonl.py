"""JSON Lines reader (one article per line) and JSON arrays of articles.

Field names vary between crawlers and datasets, so the common spellings are accepted (news-please
``maintext``/``date_publish``, NewsAPI ``source.name``, WCEP clusters with an ``articles`` list);
only a non-empty text is required. A bad line is reported with its number and the rest is read.

A field that cannot be used is dropped and the record kept (only the text is required): a date
that is unreadable or out of range (year 1 with an offset cannot be moved to UTC) becomes None.
Lone surrogates (``"\\ud800"``, valid JSON but not encodable text) become U+FFFD in every field,
as an undecodable byte in a text file does. A record's ``id`` is kept as the article's origin,
as the web API keeps it. A record nested deeper than ``Limits.max_json_depth`` or with a text
longer than ``Limits.max_article_chars`` is refused with one line.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Collection, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from difflib import get_close_matches
from itertools import islice
from pathlib import Path
from typing import Any, cast

from newsdigest.clean.unicode import replace_surrogates
from newsdigest.errors import InputError, RecordLines
from newsdigest.ingest.decode import (
    GZIP_ERRORS,
    decode_text,
    format_limit,
    gzip_bomb_reason,
    looks_binary,
    open_binary,
    read_head,
    whole_file,
    wide_encoding,
    wide_text,
)
from newsdigest.ingest.html import (
    domain_of,
    holds_markup,
    markup_text,
    parse_datetime,
    too_deep,
)
from newsdigest.ingest.json_bounded import JsonTooDeep, loads_bounded
from newsdigest.ingest.trec import looks_trec, trec_articles
from newsdigest.limits import DEFAULT_LIMITS, Limits, article_size_reason
from newsdigest.model import Article, article_id

TEXT_FIELDS = ("text", "maintext", "content", "body", "article", "document")
HTML_FIELDS = ("html", "raw_html", "content_html", "body_html")
TITLE_FIELDS = ("title", "headline")
URL_FIELDS = ("url", "link", "source_url")
DATE_FIELDS = (
    "published", "date_publish", "publish_date", "published_at", "publishedAt", "pubDate",
    "date", "time", "timestamp",
)  # fmt: skip
SOURCE_FIELDS = ("source", "outlet", "site", "sitename", "source_domain", "domain", "publisher")
# every field a record's reader reads, each spelling by the name the docs give it ("html":
# the text as markup)
READ_FIELDS = {
    "id": "id",
    "articles": "articles",
    **{key: "text" for key in TEXT_FIELDS},
    **{key: "html" for key in HTML_FIELDS},
    **{key: "title" for key in TITLE_FIELDS},
    **{key: "url" for key in URL_FIELDS},
    **{key: "published" for key in DATE_FIELDS},
    **{key: "source" for key in SOURCE_FIELDS},
}
_READ_FOLDED = {key.lower(): name for key, name in READ_FIELDS.items()}
# how like a read field's spelling a field must be to be asked "did you mean" about ("titel",
# "publshed", "Title", "contents"; not "filename" for "sitename", 0.75, nor "title_rss")
NEAR_FIELD = 0.8
MAX_UNREAD_NAMED = 8
# the unread fields looked at for one like a read field (the first met; a file whose records
# each bring new keys had cost 8.7 s to compare 100,000 of them)
MAX_UNREAD_COMPARED = 64

_CHUNK = 1 << 20
# what the line-end readers ask of a file at a time (``read1``: one read of the file below):
# small, so that a .jsonl.gz cut short gives the lines before its cut (a read that meets the
# cut returns nothing it inflated)
_PIECE = 1 << 13


def _first(record: dict[str, Any], fields: tuple[str, ...]) -> Any:
    return _first_field(record, fields)[1]


def _first_field(record: dict[str, Any], fields: tuple[str, ...]) -> tuple[str, Any]:
    """The first of ``fields`` the record gives a value, and that value (``("", None)``)."""
    for key in fields:
        value = record.get(key)
        if isinstance(value, dict) and isinstance(value.get("rendered"), str):
            value = value["rendered"]  # WordPress's REST API: {"rendered": "<p>...</p>"}
        if value not in (None, ""):
            return key, value
    return "", None


# Where the readers say that a record's field was dropped (a title that is a list, a date that
# is none): ``load_articles`` and ``iter_articles`` set it (``field_notes``) to their
# ``on_notice``. The record is kept (only the text is required), but a date or title lost
# without a word had left the user believing the article dated.
_FIELD_NOTES: ContextVar[Callable[[str, str], None] | None] = ContextVar(
    "field_notes", default=None
)


@contextmanager
def field_notes(tell: Callable[[str], None] | None) -> Iterator[None]:
    """Records' dropped fields are told to ``tell`` (one line each, ten a file) meanwhile."""
    notes = RecordLines(tell, RecordLines.dropped) if tell is not None else None
    token = _FIELD_NOTES.set(notes)
    try:
        yield
    finally:
        _FIELD_NOTES.reset(token)
        if notes is not None:
            notes.close()


@contextmanager
def notes_renamed(old: str, new: str) -> Iterator[None]:
    """Meanwhile, a note's record name that starts ``old`` starts ``new`` (standard input,
    read from a temporary file, is "<stdin>")."""
    outer = _FIELD_NOTES.get()
    if outer is None:
        yield
        return

    def renamed(name: str, message: str) -> None:
        outer(new + name[len(old) :] if name.startswith(old) else name, message)

    token = _FIELD_NOTES.set(renamed)
    try:
        yield
    finally:
        _FIELD_NOTES.reset(token)


def tell_note(name: str, message: str) -> None:
    """A note about a record that is kept (the readers' notes: one line, ten a file)."""
    notes = _FIELD_NOTES.get()
    if notes is not None:
        notes(name, message)


def _dropped(name: str, key: str, value: object, why: str) -> None:
    notes = _FIELD_NOTES.get()
    if notes is not None:
        if isinstance(value, str):
            shown = repr(value) if len(value) <= 40 else repr(value[:40]) + "..."
        elif isinstance(value, int | float) and not isinstance(value, bool):
            shown = repr(value)
        else:
            shown = f"a JSON {json_type(value)}"
        notes(name, f"'{key}' is {shown}, {why}")


def _string(value: object) -> str | None:
    """A text field's value as encodable text, or None when it is not text."""
    return replace_surrogates(value) if isinstance(value, str) else None


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type ("null", "array"), not Python's ("NoneType",
    "list"), which had reached users: "record is a JSON NoneType, not an object"."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, int | float):
        return "number"
    if isinstance(value, str):
        return "string"
    return "array" if isinstance(value, list) else "object"


def unread_fields_note(fields: Collection[str]) -> str:
    """The note on a file's article fields that no reader reads (``fields`` in the order met),
    each near a read one asked about: "titel", "publshed" or "Title" had been dropped without
    a word, the article then untitled or undated."""
    named = []
    for key in list(fields)[:MAX_UNREAD_NAMED]:
        near = _read_field_near(key)
        shown = repr(replace_surrogates(key[:40]))
        named.append(f"{shown} (did you mean '{near}'?)" if near else shown)
    more = len(fields) - len(named)
    plural = "s" if len(fields) != 1 else ""
    return (
        f"field{plural} not read: {', '.join(named)}"
        + (f" and {more:,} more" if more > 0 else "")
        + " (an article's fields are text, title, url, published, source and id)"
    )


def _read_field_near(key: str) -> str | None:
    """The read field ``key`` is spelled like ("titel", "Title": title), by its docs name."""
    near = get_close_matches(key.lower(), _READ_FOLDED, n=1, cutoff=NEAR_FIELD)
    return _READ_FOLDED[near[0]] if near else None


def misspelt_fields_note(fields: Collection[str]) -> str | None:
    """``unread_fields_note``, where one of ``fields`` looks like a misspelt read field; None
    where they resemble none ("label", "category", "authors": an export's own metadata). A
    note on those at every ingest of the dev stream (its "label") was noise that taught users
    to skip the notes that matter. ``ingest`` and ``POST /api/articles`` both say it so."""
    if any(map(_read_field_near, islice(fields, MAX_UNREAD_COMPARED))):
        return unread_fields_note(fields)
    return None


def _tell_unread(name: str, fields: dict[str, None]) -> None:
    """Say a file's unread fields once (``misspelt_fields_note``)."""
    notes = _FIELD_NOTES.get()
    if notes is not None and (note := misspelt_fields_note(fields)) is not None:
        notes(name, note)


def record_articles(
    record: object,
    name: str,
    limits: Limits = DEFAULT_LIMITS,
    unread: dict[str, None] | None = None,
) -> Iterator[Article | InputError]:
    """The article(s) of one decoded JSON record: an article object or a cluster of them.
    ``unread`` gathers the article fields no reader reads, in the order met (a file's
    readers say them once, ``unread_fields_note``)."""
    if not isinstance(record, dict):
        yield InputError(name, f"record is a JSON {json_type(record)}, not an object")
        return
    nested = record.get("articles")
    if isinstance(nested, list) and _first(record, TEXT_FIELDS) is None:
        if not nested:
            yield InputError(name, "cluster has an empty 'articles' list")
        for i, sub in enumerate(nested):
            yield from record_articles(sub, f"{name} article {i}", limits, unread)
        return
    if unread is not None:
        for key in record:
            if key not in READ_FIELDS and key not in unread:
                unread[key] = None
    text = _first(record, TEXT_FIELDS)
    if text is None:  # an export of the page or body as HTML only
        text = _first(record, HTML_FIELDS)
    if not isinstance(text, str) or not text.strip():
        # _first skips "": a record with "text": "" has an empty text, not a missing one
        empty = isinstance(text, str) or any(record.get(k) == "" for k in TEXT_FIELDS)
        got = "empty" if empty else "missing" if text is None else "not a string"
        yield InputError(name, f"'text' is {got} (it is the one required field)")
        return
    too_long = article_size_reason(text, limits)
    if too_long:
        yield InputError(name, too_long)
        return
    text = replace_surrogates(text)
    url_key, url_value = _first_field(record, URL_FIELDS)
    url = _string(url_value)
    if url_value is not None and url is None:
        _dropped(name, url_key, url_value, "not a string: the article is kept without a URL")
    if looks_trec(text[:64].encode("utf-8", "replace")):  # a DUC document pasted whole
        yield from trec_articles(text, name)
        return
    if holds_markup(text):
        record_text = text
        text = markup_text(text, name=name, url=url)
        if isinstance(text, InputError):
            yield text
            return
        if not text.strip():
            yield InputError(name, "'text' is HTML without text" + too_deep(record_text))
            return
    source_key, source = _first_field(record, SOURCE_FIELDS)
    if isinstance(source, dict):  # NewsAPI: {"id": ..., "name": ...}
        source = source.get("name") or source.get("id")
    if source is not None and not isinstance(source, str):  # a list had been stored "['x']"
        _dropped(name, source_key, source, "not a string: the article is kept without it")
        source = None
    record_id = record.get("id")
    has_id = isinstance(record_id, str | int) and not isinstance(record_id, bool)
    if record_id is not None and not has_id:  # a list or an object had been dropped unsaid
        why = "not a string or a whole number: the article is kept under its file and line"
        _dropped(name, "id", record_id, why)
    # an unreadable date is dropped, not the article: only the text is required
    date_key, date_value = _first_field(record, DATE_FIELDS)
    published = parse_datetime(date_value)
    if date_value is not None and published is None:
        why = (
            "no date (ISO 8601 or Unix seconds, of a year from 1000 to 8999): "
            "the article is kept undated"
        )
        _dropped(name, date_key, date_value, why)
    title_key, title_value = _first_field(record, TITLE_FIELDS)
    title = _string(title_value)
    if title_value is not None and title is None:
        _dropped(name, title_key, title_value, "not a string: the article is kept untitled")
    yield Article(
        id=article_id(text),
        text=text,
        title=title or "",
        url=url,
        source=replace_surrogates(source) if source else domain_of(url),
        published=published,
        origin=replace_surrogates(str(record_id)) if has_id and str(record_id) else name,
    )


class _CrLines:
    """``readline`` of a file whose lines end in a carriage return alone (classic Mac OS, some
    exporters): a binary file's own ``readline`` ends lines at "\n" only, and such a file had
    been one line, "invalid JSON (Extra data ...)" for all its records."""

    def __init__(self, fh: Any) -> None:
        self.fh = fh
        self.buffer = b""
        self.at = 0  # where the next line starts in ``buffer`` (no copy of the rest a line)
        self.failed: Exception | None = None  # a read that failed, raised once lines run out

    def readline(self, limit: int) -> bytes:
        stop = min(len(self.buffer), self.at + limit)
        end = self.buffer.find(b"\r", self.at, stop)
        if end >= 0 or stop - self.at >= limit:
            cut = end + 1 if end >= 0 else stop
            line, self.at = self.buffer[self.at : cut], cut
            return line
        # no line end in what is left: pieces are gathered until one holds it (joined once, so
        # a long line costs no copy of itself per piece)
        pieces = [self.buffer[self.at :]]
        size = len(pieces[0])
        self.buffer, self.at = b"", 0
        while self.failed is None:
            try:  # a .jsonl.gz cut short: the whole lines read before the cut are given first
                piece = self.fh.read1(_PIECE)
            except GZIP_ERRORS as exc:
                self.failed = exc
                break
            if not piece:
                return b"".join(pieces)
            pieces.append(piece)
            size += len(piece)
            if b"\r" in piece or size >= limit:
                self.buffer = b"".join(pieces)
                return self.readline(limit)
        raise self.failed


def _line_end(path: Path, max_bytes: int) -> bytes:
    """What ends the lines of the file: "\r" where its first megabyte (up to ``max_bytes``)
    holds carriage returns and no "\n", else "\n" (read past the head the format was told
    from: an article's line is often longer). A file with any "\n" keeps its lines, whatever
    "\r" they hold (JSON's white space may be one)."""
    read, carriage_return = 0, False
    try:
        with open_binary(path) as fh:  # buffered (os.fdopen "rb") or a GzipFile: both read1
            while read < min(_CHUNK, max_bytes):
                piece = cast(Any, fh).read1(_PIECE)
                if not piece:
                    break
                if b"\n" in piece:
                    return b"\n"
                read += len(piece)
                carriage_return = carriage_return or b"\r" in piece
    except (InputError, *GZIP_ERRORS):  # a .jsonl.gz cut short: the line reader says so
        pass
    return b"\r" if carriage_return else b"\n"


def _lines(path: Path, max_bytes: int, end: bytes = b"\n") -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line (ended by ``end``), streamed; None for a line over the
    size limit; InputError when a gzip file turns out a bomb (``gzip_bomb_reason``)."""
    with open_binary(path) as fh:
        reader = _CrLines(fh) if end == b"\r" else fh
        lineno = 0
        inflated = 0
        checked = max_bytes
        while True:
            line = reader.readline(max_bytes + 1)
            if not line:
                return
            lineno += 1
            inflated += len(line)
            if len(line) > max_bytes and not line.endswith(end):
                while True:  # skip the rest of the oversized line without keeping it
                    rest = reader.readline(_CHUNK)
                    inflated += len(rest)
                    _refuse_bomb(path, fh, inflated, max_bytes)
                    if not rest or rest.endswith(end):
                        break
                yield lineno, None
                continue
            if inflated > checked:  # checked once per max_bytes read, not per line
                checked = inflated + max_bytes
                _refuse_bomb(path, fh, inflated, max_bytes)
            yield lineno, line


def _refuse_bomb(path: Path, fh: Any, inflated: int, max_bytes: int) -> None:
    bomb = gzip_bomb_reason(fh, inflated, max_bytes)
    if bomb:
        raise InputError(str(path), bomb)


def _line_articles(
    line: str, where: str, limits: Limits, unread: dict[str, None]
) -> Iterator[Article | InputError]:
    """The article(s) of one JSON Lines line, or the one-line reason there are none."""
    try:
        record = loads_bounded(line, limits.max_json_depth)
    except JsonTooDeep as exc:
        yield InputError(where, str(exc))
        return
    except json.JSONDecodeError as exc:
        yield InputError(where, f"invalid JSON ({exc.msg}: column {exc.colno})")
        return
    yield from record_articles(record, where, limits, unread)


_ASCII_SPACE = " \t\n\r\x0b\x0c"  # what bytes.strip() strips


# a UTF-8 record's opening after a UTF-16-LE newline ("\n\x00") or after a UTF-8 one: in
# UTF-16-LE text these bytes would be a line opening with U+227B or two odd CJK characters
_UTF8_RECORD_AFTER = re.compile(rb'\n\x00\s*\{"|\}\r?\n\{"')


def _utf16_le(head: bytes) -> bool:
    """Whether a file opens as UTF-16-LE text (its mark, or its NULs where that puts them)."""
    if head.startswith(b"\xff\xfe"):
        return not head.startswith(b"\xff\xfe\x00\x00")  # UTF-32-LE's mark
    return wide_encoding(head) == "utf-16-le"


def _wide_lines(path: Path, head: bytes, max_bytes: int) -> Iterator[Article | InputError]:
    """A UTF-16/UTF-32 JSON Lines file (its byte-order mark says so), decoded whole: its
    newlines are not single bytes, so it cannot be streamed line by line as bytes."""
    name = str(path)
    data = whole_file(path, max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    unread: dict[str, None] = {}
    try:
        text = (
            None if _utf16_le(head) and _UTF8_RECORD_AFTER.search(data) else decode_text(data, name)
        )
    except InputError as err:
        if not (err.reason.startswith("invalid UTF-16") and _utf16_le(head)):
            yield err
            return
        text = None
    if text is None:
        # UTF-8 lines appended to a UTF-16-LE file (PowerShell's ">" made it, another tool
        # added to it): the whole file had been refused ("invalid UTF-16 at byte N"), its
        # UTF-16 records too, or its UTF-8 lines read as one line of CJK. Read line by line,
        # each line in its own encoding, as UTF-16 lines among UTF-8 ones are
        yield from _jsonl_records(path, max_bytes, unread)
        _tell_unread(name, unread)
        return
    records = 0
    for lineno, line in enumerate(text.split("\n"), start=1):
        # blank as the byte path means it: ASCII white space (str.strip would also take control
        # characters such as \x1f, and the line would vanish instead of being reported)
        if line.lstrip("\ufeff").strip(_ASCII_SPACE):
            records += 1
            yield from _line_articles(line, f"{name}:{lineno}", DEFAULT_LIMITS, unread)
    _tell_unread(name, unread)
    if records == 0:
        yield InputError(name, "no JSON records (only blank lines)")


def read_jsonl(path: Path, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Articles of a JSON Lines file, one per line; bad lines are reported, good ones kept."""
    name = str(path)
    try:
        with open_binary(path) as fh:
            head = read_head(fh, 8192)
    except InputError as err:
        yield err
        return
    except GZIP_ERRORS as exc:
        yield InputError(name, getattr(exc, "strerror", None) or "corrupt gzip data")
        return
    if not head:
        yield InputError(name, "empty file")
        return
    utf8_record = _opens_with_record(head)
    if wide_text(head) and not utf8_record:
        yield from _wide_lines(path, head, max_bytes)
        return
    # a UTF-16-LE record first, UTF-8 lines after it within the head: no wide text, no binary
    utf16_record = _utf16_opening(head.removeprefix(b"\xff\xfe"))
    if looks_binary(head) and not utf8_record and not utf16_record:
        yield InputError(name, "binary file (not JSON Lines)")
        return
    end = b"\n" if b"\n" in head else _line_end(path, max_bytes)  # Windows' "\r\n" too
    first = head.removeprefix(b"\xef\xbb\xbf").lstrip().split(end, 1)[0].strip()
    if first in (b"{", b"["):  # no record is a lone bracket: a pretty-printed JSON document
        yield from read_json(path, max_bytes=max_bytes, lines=False)
        return
    unread: dict[str, None] = {}
    yield from _jsonl_records(path, max_bytes, unread, end)  # its records, then the file's
    _tell_unread(name, unread)


def _opens_with_record(head: bytes) -> bool:
    """Whether the file's first line is a whole UTF-8 JSON object: then it is JSON Lines, read
    line by line, whatever NULs later lines hold (a UTF-16 line appended to it, as Windows
    PowerShell's ``>>`` writes, had made the whole file "binary")."""
    first, newline, _ = head.removeprefix(b"\xef\xbb\xbf").partition(b"\n")
    if not newline or b"\x00" in first:
        return False
    try:
        text = first.decode("utf-8").strip()
    except UnicodeDecodeError:
        return False
    return text.startswith("{") and text.endswith("}")


def _utf16_line(line: bytes) -> str | None:
    """A UTF-16-LE line of a JSON Lines file read as UTF-8 bytes (its newline is "\n\x00":
    the line ends at the "\n", the "\x00" opens the next one), decoded; None when it is no
    such line. A JSON record in UTF-8 holds no NUL, and one in UTF-16-LE one every other byte."""
    body = line.removeprefix(b"\xff\xfe").removesuffix(b"\n")
    if len(body) < 2 or len(body) % 2 or not _opens_utf16(body):
        return None
    try:
        return body.decode("utf-16-le")
    except UnicodeDecodeError:
        return None


def _opens_utf16(body: bytes) -> bool:
    """Whether bytes holding a NUL read as UTF-16-LE: NULs in half the odd places, or a
    record's opening in UTF-16-LE (a line of CJK text has few NULs)."""
    return _utf16_opening(body) or body[1::2].count(0) * 2 >= len(body) // 2


def _utf16_opening(body: bytes) -> bool:
    """Whether bytes open as a JSON record (or white space) in UTF-16-LE: its NUL second."""
    return body[1:2] == b"\x00" and body[:1] in b"{[ \t\r"


def _utf16_whole(
    line: bytes, lines: Iterator[tuple[int, bytes | None]], max_bytes: int
) -> tuple[bytes, int, tuple[int, bytes | None] | None]:
    """A UTF-16-LE line joined up to its own newline ("\n\x00" at an even place): a character
    with a 0x0A byte (上 U+4E0A, Њ U+040A, Gurmukhi's U+0A00-U+0A7F) had ended the line inside
    it, and every line after was "invalid UTF-8" or "invalid JSON" (its NULs now at odd places).
    Returns the line, how many more lines it took, and the line read past it (None at the end),
    which opens with the newline's NUL. A whole UTF-8 record is never taken into it."""
    pieces, size = [line], len(line)
    while True:
        following = next(lines, None)
        if following is None:
            return b"".join(pieces), len(pieces) - 1, None
        piece = following[1]
        if (
            piece is None
            or size % 2
            and piece.startswith(b"\x00")  # "\n" at an even place: size odd
            or size > max_bytes
            or _utf8_record(piece)
        ):
            return b"".join(pieces), len(pieces) - 1, following
        pieces.append(piece)
        size += len(piece)


def _utf8_record(line: bytes) -> bool:
    """Whether a line is a whole JSON object in UTF-8 (no NUL: UTF-16 text has them), after
    the NUL of a UTF-16 newline before it."""
    text = line.removeprefix(b"\x00").strip()
    return b"\x00" not in text and text.startswith(b"{") and text.endswith(b"}")


def _jsonl_records(
    path: Path, max_bytes: int, unread: dict[str, None], end: bytes = b"\n"
) -> Iterator[Article | InputError]:
    name = str(path)
    records = 0
    lines = _lines(path, max_bytes, end)
    after_utf16 = False  # the line before was UTF-16-LE: this one opens with its newline's NUL
    following: tuple[int, bytes | None] | None = None  # read past a UTF-16 line's last piece
    joined = 0  # pieces joined into UTF-16 lines so far: the file's line numbers are fewer
    while True:
        try:
            lineno, line = following or next(lines)
            following, number = None, lineno - joined
            if line is not None and after_utf16:
                line = line.removeprefix(b"\x00")
            if line and line.endswith(b"\n") and _utf16_opening(line.removeprefix(b"\xff\xfe")):
                line, more, following = _utf16_whole(line, lines, max_bytes)
                joined += more
        except StopIteration:
            break
        except InputError as err:  # the file went away or changed kind since it was opened
            yield err
            return
        except GZIP_ERRORS as exc:  # a .jsonl.gz cut short: the lines before it are kept
            yield InputError(
                f"{name}:{records + 1}", f"truncated or corrupt gzip data ({type(exc).__name__})"
            )
            return
        where = f"{name}:{number}"
        if line is None or len(line) > max_bytes:
            records += 1  # a record, refused: not "only blank lines"
            yield InputError(where, f"line too long (over the {format_limit(max_bytes)} limit)")
            after_utf16 = False
            continue
        wide = _utf16_line(line) if b"\x00" in line else None
        blank = not (wide if wide is not None else line.removeprefix(b"\xef\xbb\xbf")).strip()
        if not blank or wide is not None:  # a blank UTF-8 line passes a UTF-16 line's NUL on
            after_utf16 = wide is not None
        if blank:  # or only the BOM
            continue
        records += 1
        if wide is not None:
            decoded = wide
        else:
            try:
                decoded = line.decode("utf-8-sig")
            except UnicodeDecodeError as exc:
                yield InputError(where, f"invalid UTF-8 at byte {exc.start}")
                continue
        yield from _line_articles(decoded, where, DEFAULT_LIMITS, unread)
    if records == 0:
        yield InputError(name, "no JSON records (only blank lines)")


def read_json(path: Path, *, max_bytes: int, lines: bool = True) -> Iterator[Article | InputError]:
    """Articles of a .json file: an array of articles, one article, or a WCEP-style cluster.
    A .json file that is really JSON Lines is read as such (unless ``lines`` is False: a
    .jsonl file that is really one JSON document, indented, is read here)."""
    name = str(path)
    data = whole_file(path, max_bytes)
    if isinstance(data, InputError):
        yield data
        return
    if looks_binary(data):
        yield InputError(name, "binary file (not JSON)")
        return
    encoding = wide_encoding(data) or "utf-8-sig"
    try:
        doc = loads_bounded(data.decode(encoding), DEFAULT_LIMITS.max_json_depth)
    except UnicodeDecodeError as exc:
        yield InputError(
            name, f"invalid {encoding.upper().removesuffix('-SIG')} at byte {exc.start}"
        )
        return
    except JsonTooDeep as exc:
        yield InputError(name, str(exc))
        return
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and lines:
            yield from read_jsonl(path, max_bytes=max_bytes)
        else:
            yield InputError(
                name, f"invalid JSON ({exc.msg}: line {exc.lineno} column {exc.colno})"
            )
        return
    unread: dict[str, None] = {}
    if isinstance(doc, list):
        if not doc:
            yield InputError(name, "empty JSON array")
        for i, record in enumerate(doc):
            yield from record_articles(record, f"{name}[{i}]", unread=unread)
    else:
        yield from record_articles(doc, name, unread=unread)
    _tell_unread(name, unread)

"""WARC reader for crawl archives as Common Crawl's CC-NEWS publishes them (.warc.gz, one gzip
member per record; plain .warc works too).

Each HTML response record becomes an article (url from WARC-Target-URI, origin the
WARC-Record-ID, date from the page or else the crawl date). A record that is truncated,
corrupt, not HTML or without main text is reported with the file, the record and the reason,
and reading resumes at the next intact record, so one damaged record never costs the batch.
"""

from __future__ import annotations

import re
import zlib
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import (
    BUFF_SIZE,
    BufferedReader,
    ChunkedDataReader,
    DecompressingBufferedReader,
)
from warcio.statusandheaders import StatusAndHeaders, StatusAndHeadersParser

from newsdigest.errors import InputError
from newsdigest.gunzip import GZIP_MAGIC, GunzipError, GzipMembers, gunzip_layers, inflate
from newsdigest.ingest.decode import format_limit, looks_binary, open_regular
from newsdigest.ingest.html import extract_html, parse_datetime
from newsdigest.ingest.jsonl import tell_note
from newsdigest.model import Article

HTML_TYPES = ("text/html", "application/xhtml+xml")
_SCAN = 1 << 20
_WARC_LINE = b"WARC/1."
_EMBEDDED_RECORD = re.compile(rb"\r?\n\r?\nWARC/1\.[01]\r\nWARC-")  # a record swallowed the next
_HEADER_FIELD = re.compile(rb"^(WARC-Record-ID|WARC-Target-URI):\s*(.+?)\s*$", re.M | re.I)
_CHARSET = re.compile(r"charset=[\"']?([A-Za-z0-9_:.-]+)", re.I)
_SNIFF_HTML = re.compile(rb"<\s*(?:!doctype\s+html|html|head|body)\b", re.I)


# Longest header line taken (WARC or HTTP headers; servers refuse past 8-64 KB). warcio joins a
# line block by block, so a 50 MB header line took it 45 s; a record with a longer one is corrupt.
MAX_HEADER_LINE = 1 << 20


class _LongHeaderLine(Exception):
    """A header line past ``MAX_HEADER_LINE``: the record is corrupt (not a ValueError, which
    warcio catches and turns into an AttributeError further on)."""


class _BoundedLineReader(DecompressingBufferedReader):  # type: ignore[misc]
    """warcio's reader with header lines read in linear time and capped at ``MAX_HEADER_LINE``
    (payloads are read with ``read``, not line by line, so a page's long lines are untouched)."""

    def readline(self, length: int | None = None) -> bytes:
        if length == 0:
            return b""
        want = -1 if length is None else length
        parts: list[bytes] = []
        size = 0
        while True:
            self._fillbuff()
            if self.empty():
                break
            chunk = self.buff.readline(-1 if want < 0 else want - size)
            parts.append(chunk)
            size += len(chunk)
            if chunk.endswith(b"\n") or 0 <= want <= size:
                break
            if size > MAX_HEADER_LINE:
                raise _LongHeaderLine(f"a header line over {format_limit(MAX_HEADER_LINE)}")
        return b"".join(parts)


class _LastLine:
    """A stream whose ``readline`` remembers the last line it gave."""

    def __init__(self, stream: Any) -> None:
        self.stream = stream
        self.last = b""

    def readline(self, *args: Any) -> bytes:
        self.last = self.stream.readline(*args)
        return self.last


class _HttpHeadersParser(StatusAndHeadersParser):  # type: ignore[misc]
    """warcio's HTTP header parser, marking a header block the record ends inside: warcio stops
    at the end of the record as at the blank line after the headers, so a record cut there
    had been read as a page with no body and skipped without a word."""

    def parse(self, stream: Any, full_statusline: Any = None) -> StatusAndHeaders:
        lines = _LastLine(stream)
        headers = super().parse(lines, full_statusline)
        headers.cut_short = headers.total_len > 0 and not lines.last.endswith(b"\n")
        return headers


class QuietArchiveIterator(ArchiveIterator):  # type: ignore[misc]
    """warcio prints a multi-line warning to stderr for a record whose length is wrong; here
    that record is reported as an InputError instead, so the warning is silenced. Header lines
    are read through ``_BoundedLineReader``, HTTP headers through ``_HttpHeadersParser``."""

    INC_RECORD = ""

    def __init__(self, fileobj: IO[bytes]) -> None:
        super().__init__(fileobj)
        self.reader = _BoundedLineReader(self.fh, block_size=BUFF_SIZE)
        parser = self.loader.http_parser
        self.loader.http_parser = _HttpHeadersParser(parser.statuslist, parser.verify)


class _BodyDamaged(Exception):
    """A Content-Encoding'd body whose compressed data breaks off in the middle."""


class _StrictDecoding:
    """warcio's reading of a gzip or deflate Content-Encoding, strict: damaged data past the
    first block had been written to stderr by warcio (a raw zlib message, unnamed) and the
    page kept as far as it went; it raises now. A body that does not decode from its first
    block is still read as it is (a server that labels a plain page gzip), as warcio does,
    with a note; binary data so labelled is refused for its label (``_read_record``)."""

    decompressor: Any
    num_block_read: int

    def _init_decomp(self, decomp_type: str | None) -> None:
        super()._init_decomp(decomp_type)  # type: ignore[misc]
        if decomp_type == "gzip":  # read to its last member, as gzip(1) reads it
            self.decompressor = GzipMembers()

    def _decompress(self, data: bytes) -> bytes:
        if self.decompressor and data and self.num_block_read:
            try:
                return bytes(self.decompressor.decompress(data))
            except zlib.error:
                raise _BodyDamaged from None
        return bytes(super()._decompress(data))  # type: ignore[misc]

    def not_encoded(self) -> bool:
        """Whether the body was not in its coding at all (read as it is)."""
        return self.decompressor is None

    def ended_early(self) -> bool:
        """Whether the compressed data ended before its end (a body cut short)."""
        return self.decompressor is not None and getattr(self.decompressor, "eof", True) is False


class _EncodedBody(_StrictDecoding, BufferedReader):  # type: ignore[misc]
    pass


class _EncodedChunkedBody(_StrictDecoding, ChunkedDataReader):  # type: ignore[misc]
    pass


# the content codings warcio cannot undo here (brotli and zstd need packages not installed):
# such a body had been read as it is and called "not HTML (no markup found)"
_UNREAD_CODINGS = ("br", "zstd")


def _content_coding(record: Any) -> str:
    """The record's HTTP Content-Encoding as written ("gzip", "br"), or "" for none."""
    http = record.http_headers
    return ((http.get_header("content-encoding") if http else None) or "").strip()


def _codings(record: Any) -> list[str]:
    """The content codings the record's Content-Encoding lists, in the order applied, lower
    case, "x-gzip" as "gzip" (RFC 9110 8.4.1.3) and "identity" left out: "gzip, gzip" is
    gzip twice. warcio undoes one coding it knows by name; each other had left a page's bytes
    compressed, refused as "binary file (not HTML)"."""
    named = (c.strip().lower() for c in _content_coding(record).split(","))
    return [_CODING_ALIASES.get(c, c) for c in named if c and c != "identity"]


_CODING_ALIASES = {"x-gzip": "gzip", "x-deflate": "deflate"}


def _body(record: Any) -> Any:
    """The record's payload as ``record.content_stream()`` gives it (de-chunked, decoded),
    read by ``_StrictDecoding`` where it is compressed (by its last coding: the others are
    undone by ``_unwrapped``); as it is in an unread coding (warcio's "br", where the brotli
    package is installed, fails on brotli 1.x: "'brotli.Decompressor' object has no attribute
    'unused_data'", which had made the record "truncated or corrupt")."""
    http = record.http_headers
    codings = _codings(record)
    coding = codings[-1] if codings else ""
    if coding in _UNREAD_CODINGS:
        return record.raw_stream  # refused once read (``_read_record``)
    if not coding or coding not in BufferedReader.get_supported_decompressors():
        return record.content_stream()
    if http.get_header("transfer-encoding") == "chunked":
        return _EncodedChunkedBody(record.raw_stream, decomp_type=coding)
    return _EncodedBody(record.raw_stream, decomp_type=coding)


class _HeaderCut(Exception):
    """A record start that warcio stopped at without reading it (its header is cut short)."""

    def __init__(self, offset: int) -> None:
        super().__init__(f"record header at byte {offset} is cut short")
        self.offset = offset


# compressed layers undone inside a body at most (a body gzipped twice by a server and a proxy
# is common enough; more is no page)
_MAX_LAYERS = 4


def _unwrapped(content: bytes, inner: list[str], max_bytes: int) -> tuple[bytes, int] | str:
    """``content`` with its ``inner`` codings undone (the Content-Encoding's all but the last,
    warcio's), last applied first, then each gzip layer more its bytes open with (a body
    gzipped twice and labelled once, or gzip labelled none): the page and how many layers
    were not labelled; or why it cannot be read, in the words of a record's other refusals.
    Each layer is bounded by ``max_bytes``, so a bomb costs no more than the limit, and read
    to its last gzip member."""
    coding = "gzip"
    try:
        for layers, coding in enumerate(reversed(inner)):
            if coding in _UNREAD_CODINGS or coding not in ("gzip", "deflate"):
                return f"its body is {coding}-compressed, which is not read"
            if layers == _MAX_LAYERS:
                raise GunzipError("too deep")
            # gzip or zlib by their headers (a "deflate" page is zlib data, or at times raw
            # deflate)
            raw = coding == "deflate" and content[:1] != b"\x78"
            content = inflate(content, max_bytes, -zlib.MAX_WBITS if raw else zlib.MAX_WBITS | 32)
        coding = "gzip"
        return gunzip_layers(content, max_bytes, _MAX_LAYERS - len(inner))
    except GunzipError as exc:
        if exc.kind == "damaged":
            return f"corrupt record (its {coding}-encoded body is damaged)"
        if exc.kind == "too large":
            return f"record too large (over the {format_limit(max_bytes)} limit)"
        if exc.kind == "ends early":
            return f"truncated record (its {coding}-encoded body ends early)"
        return f"its body is compressed more than {_MAX_LAYERS} times over, which is not read"


def _failure_detail(exc: Exception) -> str:
    """What went wrong, in words; warcio's own messages quote the damaged bytes."""
    if isinstance(exc, _LongHeaderLine):
        return str(exc)
    if isinstance(exc, zlib.error | EOFError):
        return "its gzip data ends early or is damaged"
    if isinstance(exc, OSError):
        return _printable(exc.strerror or "") or "the file cannot be read"
    # warcio's own parse errors, and the AttributeError/TypeError/ValueError its parser raises
    # on a header cut short: the reader needs the reason, not the parser's internals
    return "its header is cut short or does not parse as a WARC record"


def _printable(message: str) -> str:
    """The leading plain-ASCII part of an error message (warcio quotes the damaged bytes)."""
    m = re.match(r"[ -~]*", message.strip())
    return (m.group(0) if m else "")[:80].rstrip(" :,")


def _record_name(path: str, record_id: str | None, uri: str | None, offset: int) -> str:
    rid = record_id or f"at byte {offset}"
    return f"{path}: record {rid}" + (f" <{uri}>" if uri else "")


def _peek_header(fh: IO[bytes], offset: int, gz: bool) -> tuple[str | None, str | None]:
    """Record id and target URI of the (possibly damaged) record starting at ``offset``."""
    fh.seek(offset)
    raw = fh.read(65536)
    if gz:  # feed small pieces: a damaged member still yields its intact start (the header)
        inflate = zlib.decompressobj(16 + zlib.MAX_WBITS)
        out = b""
        for i in range(0, len(raw), 256):
            try:
                out += inflate.decompress(raw[i : i + 256])
            except zlib.error:
                break
            if b"\r\n\r\n" in out or inflate.eof:
                break
        raw = out
    header = raw.split(b"\r\n\r\n", 1)[0]
    fields = {
        k.decode().lower(): v.decode("utf-8", "replace") for k, v in _HEADER_FIELD.findall(header)
    }
    return fields.get("warc-record-id"), fields.get("warc-target-uri")


def _is_record_start(fh: IO[bytes], offset: int, gz: bool) -> bool:
    fh.seek(offset)
    head = fh.read(512)
    if gz:
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(head, 16)
        except zlib.error:
            return False
    return head.startswith(_WARC_LINE)


def _next_record_start(fh: IO[bytes], start: int, gz: bool) -> int | None:
    """Offset of the first intact record header at or after ``start``, or None."""
    needle = GZIP_MAGIC if gz else b"\n" + _WARC_LINE
    pos = start
    while True:
        fh.seek(pos)
        chunk = fh.read(_SCAN + len(needle))
        if len(chunk) < len(needle):
            return None
        at = chunk.find(needle)
        while at != -1:
            candidate = pos + at + (0 if gz else 1)
            if candidate >= start and _is_record_start(fh, candidate, gz):
                return candidate
            at = chunk.find(needle, at + 1)
        pos += _SCAN


def _content_type(record: Any) -> str:
    headers = record.http_headers if record.rec_type == "response" else record.rec_headers
    return (headers.get_header("Content-Type") or "").strip() if headers else ""


def read_warc(path: Path, *, max_bytes: int) -> Iterator[Article | InputError]:
    """Articles of the HTML response records of a WARC file; other record types are skipped."""
    name = str(path)
    try:
        fh = open_regular(path)
    except InputError as err:
        yield err
        return
    with fh:
        head = fh.read(4)
        if not head:
            yield InputError(name, "empty file")
            return
        gz = head.startswith(b"\x1f\x8b")
        if not _is_record_start(fh, 0, gz):
            yield InputError(name, "not a WARC file (no WARC/1.x record header at the start)")
            return
        pos: int | None = 0
        html_records = 0
        while pos is not None:
            fh.seek(pos)
            iterator = QuietArchiveIterator(fh)
            resume: int | None = None
            last_start = pos
            seen = 0
            try:
                for record in iterator:
                    start = last_start = iterator.offset
                    seen += 1
                    if record.rec_type not in ("response", "resource"):
                        continue
                    outcome = _read_record(record, name, start, gz, max_bytes)
                    if outcome is None:
                        continue
                    html_records += 1
                    yield outcome
                    if isinstance(outcome, InputError) and outcome.reason.startswith("truncated"):
                        resume = _next_record_start(fh, start + 1, gz)
                        break
                else:
                    # warcio ends quietly at a record whose header is cut short: a record start
                    # it did not reach is that record
                    bad = pos if seen == 0 else _next_record_start(fh, last_start + 1, gz)
                    if bad is not None:
                        raise _HeaderCut(bad)
            except Exception as exc:  # noqa: BLE001 - any decoder/parser failure is per-record
                # warcio's offset is unreliable here
                bad = (
                    exc.offset if isinstance(exc, _HeaderCut) else max(iterator.offset, last_start)
                )
                rid, uri = _peek_header(fh, bad, gz)
                detail = _failure_detail(exc)
                yield InputError(
                    _record_name(name, rid, uri, bad), f"truncated or corrupt record ({detail})"
                )
                html_records += 1
                resume = _next_record_start(fh, bad + 1, gz)
            pos = resume
        if html_records == 0:
            yield InputError(name, "no HTML response records in the archive")


def _read_record(
    record: Any, path: str, offset: int, gz: bool, max_bytes: int
) -> Article | InputError | None:
    """The article of one response/resource record; None for records that are not pages
    (redirects, empty bodies)."""
    rec = record.rec_headers
    rid = rec.get_header("WARC-Record-ID")
    uri = rec.get_header("WARC-Target-URI")
    name = _record_name(path, rid, uri, offset)
    ctype = _content_type(record)
    body = _body(record)
    try:
        content = body.read(max_bytes + 1)
    except _BodyDamaged:
        content = None
    if content is not None and len(content) > max_bytes:
        return InputError(name, f"record too large (over the {format_limit(max_bytes)} limit)")
    while record.raw_stream.read(_SCAN):  # consume the rest to see whether the record is whole
        pass
    missing = getattr(record.raw_stream, "limit", 0) or 0
    if missing > 0:  # checked first: a cut inside the HTTP headers leaves no status to read
        return InputError(name, f"truncated record ({missing} bytes missing)")
    if getattr(record.http_headers, "cut_short", False):
        return InputError(name, "truncated record (it ends inside its HTTP headers)")
    coding = _content_coding(record)
    codings = _codings(record)
    if content is None or (isinstance(body, _StrictDecoding) and body.ended_early()):
        # a page cut off mid-body, kept as far as it went, had been stored as the article
        what = "truncated record" if content is not None else "corrupt record"
        why = "ends early" if content is not None else "is damaged"
        return InputError(name, f"{what} (its {coding}-encoded body {why})")
    if codings and codings[-1] in _UNREAD_CODINGS:
        return InputError(name, f"its body is {coding}-compressed, which is not read")
    unwrapped = _unwrapped(content, codings[:-1], max_bytes)
    if isinstance(unwrapped, str):
        return InputError(name, unwrapped)
    content, unlabelled = unwrapped
    if unlabelled:
        times = {1: "once", 2: "twice"}.get(unlabelled, f"{unlabelled} times")
        said = (
            f"gzip-compressed {times} more than its Content-Encoding {coding} says"
            if coding
            else "gzip data though no Content-Encoding says so"
        )
        tell_note(name, f"its body is {said}: read decompressed")
    elif isinstance(body, _StrictDecoding) and body.not_encoded() and content:
        # a server that labels its plain page gzip: the page is read as it is (warcio's way,
        # and an archived answer cannot be asked again), said in a note; a body in another
        # coding or binary had been "binary file (not HTML)", as if the page were a picture
        labelled = f"its body is labelled Content-Encoding {coding} but is not {coding} data"
        if looks_binary(content[:8192]):
            return InputError(name, labelled)
        tell_note(name, f"{labelled}: read as it is")
    if not gz and _EMBEDDED_RECORD.search(content):
        # before the status: a record cut in its status line reads the next record's header
        # as its own HTTP headers, and had been skipped as a response that is no page
        return InputError(name, "truncated record (its length runs into the next record)")
    if record.http_headers is not None and record.rec_type == "response":
        status = record.http_headers.get_statuscode() or ""
        if not status.startswith("2"):
            return None
    if not content.strip():
        return None
    # Common Crawl adds the type it identified from the bytes; servers often send none or a
    # generic one, so that and a look at the payload decide as well
    identified = (rec.get_header("WARC-Identified-Payload-Type") or "").lower()
    generic = not ctype or ctype.lower().startswith(("application/octet-stream", "text/plain"))
    is_html = (
        ctype.lower().startswith(HTML_TYPES)
        or identified.startswith(HTML_TYPES)
        or (generic and not identified and _SNIFF_HTML.search(content[:4096]) is not None)
    )
    if not is_html:
        seen_as = f", identified as {identified}" if identified else ""
        return InputError(name, f"not HTML ({ctype.split(';')[0] or 'no content type'}{seen_as})")
    m = _CHARSET.search(ctype)
    crawl_date = parse_datetime(rec.get_header("WARC-Date"))
    article = extract_html(
        content, name=name, url=uri, published=crawl_date, charset=m.group(1) if m else None
    )
    if isinstance(article, InputError):
        if rec.get_header("WARC-Truncated"):
            reason = (
                f"{article.reason}; record cut by the crawler ({rec.get_header('WARC-Truncated')})"
            )
            return InputError(name, reason)
        return article
    return replace(article, origin=rid or name)

"""Bytes to text, safely: size limits checked before reading, binary data and undecodable bytes
reported as the reason a file is skipped, never as a crash or as garbage articles."""

from __future__ import annotations

import codecs
import gzip
import os
import re
import stat
import unicodedata
import zlib
from pathlib import Path
from typing import BinaryIO

from newsdigest.errors import InputError
from newsdigest.gunzip import MAX_GZIP_LAYERS
from newsdigest.limits import DEFAULT_LIMITS, MB

DEFAULT_MAX_BYTES = DEFAULT_LIMITS.max_file_bytes  # far above any real article page

_SNIFF = 8192


def format_limit(max_bytes: int) -> str:
    """A size limit as people write it: "20 MB", "64 KB", "500 bytes"."""
    if max_bytes >= MB:
        return f"{max_bytes / MB:g} MB"
    return f"{max_bytes / 1024:g} KB" if max_bytes >= 1024 else f"{max_bytes} bytes"


def size_reason(size: int, max_bytes: int) -> str | None:
    """The error reason when ``size`` exceeds the limit, or None."""
    if size <= max_bytes:
        return None
    return f"file too large ({size / MB:.1f} MB > {format_limit(max_bytes)} limit)"


GZIP_ERRORS = (OSError, EOFError, zlib.error)
GZIP_MAGIC = b"\x1f\x8b"


def file_kind(mode: int) -> str:
    """What a non-regular file is, in words."""
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a named pipe"),
        (stat.S_ISSOCK, "a socket"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
    )
    return next((what for test, what in kinds if test(mode)), "a special file")


def os_reason(exc: OSError) -> str:
    """An OS error as the reason in a one-line message ("permission denied")."""
    return (exc.strerror or type(exc).__name__).lower()


def regular_file_error(path: Path) -> InputError | None:
    """Why ``path`` cannot be read as a file, or None when it is a regular file.

    A named pipe blocks a reader forever, a device never ends (/dev/zero) or has side effects
    when opened, so only regular files (or links to them) are ever opened; nothing is opened here.
    """
    try:
        mode = os.stat(path).st_mode
    except OSError as exc:
        return InputError(str(path), os_reason(exc))
    if stat.S_ISREG(mode):
        return None
    return InputError(str(path), f"not a regular file ({file_kind(mode)})")


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading, or InputError; checked before opening and again on the
    open file (without blocking), so a file swapped for a pipe in between is refused too."""
    error = regular_file_error(path)
    if error:
        raise error
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise InputError(str(path), os_reason(exc)) from None
    try:
        mode = os.fstat(fd).st_mode
        if not stat.S_ISREG(mode):
            raise InputError(str(path), f"not a regular file ({file_kind(mode)})")
        os.set_blocking(fd, True)
    except BaseException:
        os.close(fd)
        raise
    return os.fdopen(fd, "rb")


def open_binary(path: Path) -> BinaryIO:
    """The regular file for reading, gunzipped on the fly when it is gzip-compressed
    (.jsonl.gz), once or more (a .txt.gz a server sent gzipped again, saved as it came, had
    been "binary file (not text)"); InputError when it cannot be opened."""
    fh = open_regular(path)
    try:
        magic = fh.read(2)
        fh.seek(0)
    except OSError as exc:
        fh.close()
        raise InputError(str(path), os_reason(exc)) from None
    if magic != GZIP_MAGIC:
        return fh
    gz = gzip.GzipFile(fileobj=fh, mode="rb")
    gz.myfileobj = fh  # type: ignore[assignment]  # closing the reader closes the file
    for _ in range(MAX_GZIP_LAYERS - 1):
        try:
            inner = gz.peek(2)[:2] == GZIP_MAGIC
        except GZIP_ERRORS:  # damaged: said by the reader's first read, as for one layer
            break
        if not inner:
            break
        outer, gz = gz, gzip.GzipFile(fileobj=gz, mode="rb")
        gz.myfileobj = outer  # type: ignore[assignment]
    return gz  # type: ignore[return-value]


def read_head(fh: BinaryIO, size: int) -> bytes:
    """Up to ``size`` first bytes of ``fh``; of a gzip file cut short, those before the cut
    (``read(size)`` raised EOFError and kept nothing: a small .jsonl.gz cut short lost the
    complete lines before the cut, reported as "corrupt gzip data"). EOFError only when
    there are none."""
    chunks: list[bytes] = []
    got = 0
    while got < size:
        try:
            chunk = fh.read1(size - got) if isinstance(fh, gzip.GzipFile) else fh.read(size - got)
        except EOFError:
            if not chunks:
                raise
            break
        if not chunk:
            break
        chunks.append(chunk)
        got += len(chunk)
    return b"".join(chunks)


# gzip inflates news text 3 to 10 times and nothing real past ~30; a run of one byte (the
# usual bomb) inflates ~1,000 times
MAX_GZIP_RATIO = 100


def gzip_bomb_reason(fh: BinaryIO, inflated: int, max_bytes: int) -> str | None:
    """Why a stream read past ``max_bytes`` must stop: a gzip file inflating over
    ``MAX_GZIP_RATIO`` times (None for a plain file or an ordinary ratio). For readers that
    stream (JSON Lines), whose only other bound is one line."""
    if inflated <= max_bytes or not isinstance(fh, gzip.GzipFile):
        return None
    compressed = fh.fileobj.tell() if fh.fileobj is not None else 0
    if inflated <= MAX_GZIP_RATIO * max(compressed, 1):
        return None
    return (
        f"gzip bomb: over {MAX_GZIP_RATIO} times its compressed size past the "
        f"{format_limit(max_bytes)} limit"
    )


_PIECE = 1 << 20


def _trailing_garbage(exc: BaseException) -> bool:
    """Whether gzip stopped at bytes after a complete member that open no other ("Not a
    gzipped file" where a next member would start; the first member's start was checked):
    gzip(1) decompresses such a file and ignores them ("trailing garbage ignored"), and the
    article had been refused whole as "truncated or corrupt gzip data"."""
    return isinstance(exc, gzip.BadGzipFile) and str(exc).startswith("Not a gzipped file")


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; the size is checked from the file system first so an oversized file
    is never read into memory (for a gzip file, reading stops at the limit)."""
    name = str(path)
    with open_binary(path) as fh:
        compressed = isinstance(fh, gzip.GzipFile)
        if not compressed:
            reason = size_reason(os.fstat(fh.fileno()).st_size, max_bytes)
            if reason:
                raise InputError(name, reason)
        chunks: list[bytes] = []
        try:
            if isinstance(fh, gzip.GzipFile):  # a piece at a time: kept before trailing garbage
                got = 0
                while got <= max_bytes and (chunk := fh.read1(min(_PIECE, max_bytes + 1 - got))):
                    chunks.append(chunk)
                    got += len(chunk)
            else:
                chunks.append(fh.read(max_bytes + 1))
        except GZIP_ERRORS as exc:
            if not (compressed and chunks and _trailing_garbage(exc)):
                if compressed and not isinstance(exc, PermissionError):
                    raise InputError(
                        name, f"truncated or corrupt gzip data ({type(exc).__name__})"
                    ) from None
                raise InputError(
                    name, os_reason(exc) if isinstance(exc, OSError) else "cannot read file"
                ) from None
        data = b"".join(chunks)
    if len(data) > max_bytes:
        what = "once decompressed" if compressed else "read"
        raise InputError(name, f"file too large (over the {format_limit(max_bytes)} limit {what})")
    if not data:
        raise InputError(name, "empty file")
    return data


def whole_file(path: Path, max_bytes: int) -> bytes | InputError:
    """``read_limited`` for a reader that yields its errors: the bytes, or the reason."""
    try:
        return read_limited(path, max_bytes)
    except InputError as err:
        return err


def whole_text(path: Path, max_bytes: int) -> str | InputError:
    """The file decoded as text (``decode_text``), or the reason it cannot be."""
    try:
        return decode_text(read_limited(path, max_bytes), str(path))
    except InputError as err:
        return err


# Byte-order marks, longest first: a UTF-32-LE mark starts with the UTF-16-LE one.
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def bom_encoding(data: bytes) -> str | None:
    """The encoding a byte-order mark at the start of ``data`` declares, or None."""
    return next((enc for bom, enc in _BOMS if data.startswith(bom)), None)


# UTF-16 without its mark (as some Windows tools save text): in text of the Latin script every
# other byte is NUL, so at least this share of one half of the bytes is, and no more than the
# next of the other (a letter of U+0100-U+FFFF whose low byte is 0 is rare)
MIN_WIDE_NUL_SHARE = 0.7
MAX_NARROW_NUL_SHARE = 0.02


def _markless_utf16(head: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when ``head`` reads as UTF-16 text without its mark."""
    n = len(head) // 2 * 2
    if n < 16:
        return None
    even, odd = head[0:n:2].count(0), head[1:n:2].count(0)
    half = n // 2
    if odd >= MIN_WIDE_NUL_SHARE * half and even <= MAX_NARROW_NUL_SHARE * half:
        return "utf-16-le"
    if even >= MIN_WIDE_NUL_SHARE * half and odd <= MAX_NARROW_NUL_SHARE * half:
        return "utf-16-be"
    return None


def _markless_utf32(head: bytes) -> str | None:
    """ "utf-32-le" or "utf-32-be" when ``head`` reads as UTF-32 text without its mark: the
    top byte of every character is NUL (no code point is past U+10FFFF), the next nearly always,
    the lowest seldom (as in ``_markless_utf16``)."""
    n = len(head) // 4 * 4
    if n < 16:
        return None
    quarter = n // 4
    nuls = [head[k:n:4].count(0) for k in range(4)]
    for top, next_, low, encoding in ((3, 2, 0, "utf-32-le"), (0, 1, 3, "utf-32-be")):
        if (
            nuls[top] == quarter
            and nuls[next_] >= MIN_WIDE_NUL_SHARE * quarter
            and nuls[low] <= MAX_NARROW_NUL_SHARE * quarter
        ):
            return encoding
    return None


def wide_encoding(data: bytes) -> str | None:
    """The UTF-16 or UTF-32 encoding of ``data`` (text, though every other byte may be NUL):
    the one its byte-order mark declares, else UTF-32 or UTF-16 read from where its NUL bytes
    lie (UTF-32 without its mark had been refused as a binary file)."""
    encoding = bom_encoding(data)
    if encoding in ("utf-16", "utf-32"):
        return encoding
    if encoding:
        return None
    return _markless_utf32(data[:_SNIFF]) or _markless_utf16(data[:_SNIFF])


def wide_text(data: bytes) -> bool:
    """UTF-16 or UTF-32 text, with its mark or without (``wide_encoding``)."""
    return wide_encoding(data) is not None


# A few NUL bytes in UTF-8 text (a broken CMS's title, a crawler's slip) are dropped, not the
# file with them: at most this many in 1,000 bytes of the first block, which must read as
# UTF-8 without them (binary data has a NUL in 256 bytes, and does not)
MAX_STRAY_NULS_PER_KB = 1


def _stray_nuls(head: bytes) -> bool:
    """Whether the NULs of ``head`` are a few in UTF-8 text (see ``MAX_STRAY_NULS_PER_KB``)."""
    if head.count(b"\x00") > max(1, len(head) * MAX_STRAY_NULS_PER_KB // 1000):
        return False
    try:
        head.replace(b"\x00", b"").decode("utf-8")
    except UnicodeDecodeError as exc:  # a character cut by the block's end is no fault
        return exc.reason == "unexpected end of data"
    return True


# control characters (but tab, line and page breaks) in text, at most: an array of numbers
# 1-200 read as UTF-16 or UTF-32 is a third controls, a text none or a stray few
MAX_CONTROL_SHARE = 0.05
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")


def _mostly_controls(text: str) -> bool:
    sample = text[:20000]
    return len(_CONTROL.findall(sample)) > MAX_CONTROL_SHARE * len(sample)


# spaces, line breaks and punctuation in text, at least: English or Russian is a sixth of them,
# Chinese and Japanese a seventh (their full stops and commas), numbers under 50,000 read as
# UTF-32 (a file of token ids) one in a hundred or fifty, as scattered code points fall
MIN_BREAK_SHARE = 0.05


def _without_breaks(text: str) -> bool:
    sample = text[:20000]
    breaks = sum(1 for c in sample if c.isspace() or unicodedata.category(c)[0] in "PZ")
    return breaks < MIN_BREAK_SHARE * len(sample)


def looks_binary(data: bytes) -> bool:
    """NUL bytes (more than a stray few in UTF-8) or a known binary signature in the first
    block: not a text document."""
    head = data[:_SNIFF]
    encoding = wide_encoding(head)
    if encoding in ("utf-16", "utf-32"):  # its mark says text
        return False
    if encoding:  # guessed from its NULs, which an array of small numbers has too: read so,
        # the numbers are control characters, or (past U+00FF) letters with no space between
        text = head.decode(encoding, errors="ignore")
        return _mostly_controls(text) or _without_breaks(text)
    if b"\x00" in head and not _stray_nuls(head):
        return True
    signatures = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
    return head.startswith(signatures)


# the bytes UTF-8 cannot read, as ``errors="surrogateescape"`` leaves them (U+DC80-U+DCFF)
_ESCAPED_BYTES = re.compile("[\udc80-\udcff]+")


def _as_cp1252(run: re.Match[str]) -> str:
    return bytes(ord(c) - 0xDC00 for c in run.group()).decode("cp1252", errors="replace")


# UTF-8 text with a few bytes of Windows-1252 in it (a passage pasted from a Windows program):
# at most this share of its characters undecodable, and UTF-8's own letters beside them
MAX_STRAY_SHARE = 0.01


def _utf8_with_stray_bytes(data: bytes) -> str | None:
    """``data`` as UTF-8 whose few undecodable bytes are Windows-1252, or None when it does not
    read as such (a legacy encoding throughout is left to detection, which had read such a
    file as Mac Roman throughout: "Pinochet\x92s" became "Pinochetís")."""
    replaced = data.decode("utf-8", errors="replace")
    stray = replaced.count("\ufffd")
    if stray > MAX_STRAY_SHARE * len(replaced) or replaced.replace("\ufffd", "").isascii():
        return None
    return _ESCAPED_BYTES.sub(_as_cp1252, data.decode("utf-8", errors="surrogateescape"))


def decode_text(data: bytes, name: str) -> str:
    """Text of ``data``: UTF-16 or UTF-32 (``wide_encoding``), else UTF-8 (with or without BOM),
    else the encoding charset detection is confident about; mostly-undecodable bytes are an
    error, not an article of mojibake."""
    if looks_binary(data):
        raise InputError(name, "binary file (not text)")
    if wide_text(data):
        return _decode_wide(data, name)
    data = data.replace(b"\x00", b"")  # a stray few (looks_binary): no column stores one
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
    mixed = _utf8_with_stray_bytes(data)
    if mixed is not None:
        return mixed.removeprefix("\ufeff")
    from charset_normalizer import from_bytes

    matches = from_bytes(data[: 4 * MB])
    best = matches.best()
    if best is not None and best.encoding and best.chaos < 0.3:
        # short Western texts fit several code pages equally well; Windows-1252 is by far the
        # most common legacy encoding on the web, so it wins a tie
        tied = {
            m.encoding
            for m in matches
            if m.chaos <= best.chaos and m.coherence >= best.coherence - 0.02
        }
        encoding = "cp1252" if "cp1252" in tied else best.encoding
        try:
            text = data.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            text = None
        if text is not None and _readable(text):
            return text
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > 0.05 * max(1, len(text)) or not _readable(text):
        raise InputError(
            name,
            f"invalid UTF-8 at byte {utf8_error.start} and no other encoding fits "
            f"({bad} undecodable bytes)",
        )
    return text


def _decode_wide(data: bytes, name: str) -> str:
    encoding = wide_encoding(data) or "utf-16"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        raise InputError(name, f"invalid {encoding.upper()} at byte {exc.start}") from None
    if "\x00" in text:
        raise InputError(name, "binary file (not text)")
    return text


def _readable(text: str) -> bool:
    """Most characters are letters, digits, spaces or punctuation (not control or private use)."""
    sample = text[:20000]
    if not sample.strip():
        return False
    ok = sum(ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-–—«»“”‘’/&%$€£@#*" for ch in sample)
    return ok >= 0.85 * len(sample)

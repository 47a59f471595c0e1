"""Bytes to text, safely: size limits checked before reading, binary data and undecodable bytes
reported as the reason a file is skipped, never as a crash or as garbage articles."""

from __future__ import annotations

import gzip
import zlib
from pathlib import Path
from typing import BinaryIO

from newsdigest.errors import InputError

MB = 1024 * 1024
DEFAULT_MAX_BYTES = 20 * MB  # far above any real article page; stops a runaway file early

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


def is_gzip(path: Path) -> bool:
    try:
        with path.open("rb") as fh:
            return fh.read(2) == b"\x1f\x8b"
    except OSError:
        return False


def open_binary(path: Path) -> BinaryIO:
    """The file for reading, gunzipped on the fly when it is gzip-compressed (.jsonl.gz)."""
    if is_gzip(path):
        return gzip.open(path, "rb")  # type: ignore[return-value]
    return path.open("rb")


def read_limited(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; the size is checked from the file system first so an oversized file
    is never read into memory (for a gzip file, reading stops at the limit)."""
    name = str(path)
    try:
        size = path.stat().st_size
    except OSError as exc:
        raise InputError(name, exc.strerror or "cannot read file") from None
    compressed = is_gzip(path)
    reason = None if compressed else size_reason(size, max_bytes)
    if reason:
        raise InputError(name, reason)
    if size == 0:
        raise InputError(name, "empty file")
    try:
        with open_binary(path) as fh:
            data = fh.read(max_bytes + 1)
    except GZIP_ERRORS as exc:
        if compressed:
            raise InputError(
                name, f"truncated or corrupt gzip data ({type(exc).__name__})"
            ) from None
        raise InputError(name, getattr(exc, "strerror", None) or "cannot read file") from None
    if len(data) > max_bytes:
        what = "once decompressed" if compressed else "read"
        raise InputError(name, f"file too large (over the {format_limit(max_bytes)} limit {what})")
    if not data:
        raise InputError(name, "empty file")
    return data


def looks_binary(data: bytes) -> bool:
    """NUL bytes or a known binary signature in the first block: not a text document."""
    head = data[:_SNIFF]
    if b"\x00" in head:
        return True
    signatures = (b"%PDF", b"PK\x03\x04", b"\x89PNG", b"\xff\xd8\xff", b"GIF8")
    return head.startswith(signatures)


def decode_text(data: bytes, name: str) -> str:
    """Text of ``data``: UTF-8 (with or without BOM) first, else the encoding charset detection
    is confident about; mostly-undecodable bytes are an error, not an article of mojibake."""
    if looks_binary(data):
        raise InputError(name, "binary file (not text)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        utf8_error = exc
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


def _readable(text: str) -> bool:
    """Most characters are letters, digits, spaces or punctuation (not control or private use)."""
    sample = text[:20000]
    if not sample.strip():
        return False
    ok = sum(ch.isalnum() or ch.isspace() or ch in ".,;:!?'\"()-–—«»“”‘’/&%$€£@#*" for ch in sample)
    return ok >= 0.85 * len(sample)

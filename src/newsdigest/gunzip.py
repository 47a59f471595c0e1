"""gzip and zlib bodies undone in memory, every gzip member read and each layer bounded: the one
reading shared by the follower's fetch (a sitemap.xml.gz) and the WARC reader (a record body).
Each caller words the refusals its own way from ``GunzipError.kind``."""

from __future__ import annotations

import zlib
from typing import Literal

GZIP_MAGIC = b"\x1f\x8b\x08"
GZIP_WBITS = 16 + zlib.MAX_WBITS
# gzip layers undone in one file or answer at most: a .gz a server gzipped again (a saved
# .txt.gz, a sitemap.xml.gz) is two; more is no news
MAX_GZIP_LAYERS = 3

Refusal = Literal["damaged", "too large", "ends early", "too deep"]

# input handed to zlib per call at a member's start, doubled while the member goes on: zlib
# copies what is left of each call's input past a member's end (``unused_data``), so a
# member costs a copy of at most about its own size, and thousands of tiny members (a log
# gzipped line by line, appended) stay linear
_FIRST_PIECE = 1 << 10
_LAST_PIECE = 1 << 20


class GunzipError(Exception):
    """Why a compressed body cannot be read: ``kind`` is "damaged", "too large" (over the
    size bound once inflated), "ends early" or "too deep" (more layers than allowed)."""

    def __init__(self, kind: Refusal, detail: str = "") -> None:
        super().__init__(detail or kind)
        self.kind: Refusal = kind
        self.detail = detail


class GzipMembers:
    """zlib's decompressor (``decompress``, ``eof``, ``unused_data``) that goes on into each
    next gzip member when its data are gzip: ``cat a.gz b.gz`` is legal gzip, and one
    ``zlib.decompressobj`` stops at the first member's end, the rest dropped without a word.
    Fed whole (``inflate``) or a block at a time (warcio's reader of a record body). Bytes
    after a member that open no other are left in ``unused_data``, as gzip(1) ignores them."""

    def __init__(self, wbits: int = GZIP_WBITS) -> None:
        self._decoder = zlib.decompressobj(wbits)
        self._start = b""  # the data's first bytes: gzip data have members
        self._held = b""  # the start of a next member cut by the block's end
        self._piece = _FIRST_PIECE
        self._inflated = 0
        self.unused_data = b""

    @property
    def eof(self) -> bool:
        return self._decoder.eof and not self._held

    def decompress(self, data: bytes, max_bytes: int = 0) -> bytes:
        """``data`` inflated; zlib.error when damaged; GunzipError "too large" once all
        inflated so far passes ``max_bytes`` (0: no bound), never over it by more than one
        byte in memory."""
        if self.unused_data:
            return b""
        if self._held:
            data, self._held = self._held + data, b""
        if len(self._start) < 2:
            self._start = (self._start + data)[:2]
        view = memoryview(data)
        out: list[bytes] = []
        pos = 0
        while pos < len(view):
            if self._decoder.eof:
                head = view[pos : pos + len(GZIP_MAGIC)]
                if self._start != GZIP_MAGIC[:2] or not GZIP_MAGIC.startswith(head):
                    self.unused_data = bytes(view[pos:])
                    break
                if len(head) < len(GZIP_MAGIC):
                    self._held = bytes(head)
                    break
                self._decoder = zlib.decompressobj(GZIP_WBITS)
                self._piece = _FIRST_PIECE
            chunk = view[pos : pos + self._piece]
            budget = max_bytes + 1 - self._inflated if max_bytes else 0
            inflated = self._decoder.decompress(chunk, budget)
            self._inflated += len(inflated)
            out.append(inflated)
            if max_bytes and self._inflated > max_bytes:
                raise GunzipError("too large")
            d = self._decoder
            pos += len(chunk) - len(d.unconsumed_tail) - len(d.unused_data)
            self._piece = min(self._piece * 2, _LAST_PIECE)
        return b"".join(out)


def inflate(data: bytes, max_bytes: int, wbits: int = GZIP_WBITS) -> bytes:
    """``data`` decompressed, by ``wbits`` as zlib takes it, every gzip member of it, to at
    most ``max_bytes``; GunzipError when the data are damaged, end early or inflate past
    ``max_bytes``."""
    decoder = GzipMembers(wbits)
    try:
        inflated = decoder.decompress(data, max_bytes)
    except zlib.error as exc:
        raise GunzipError("damaged", str(exc)) from None
    if not decoder.eof:
        raise GunzipError("ends early")
    return inflated


def gunzip_layers(data: bytes, max_bytes: int, max_layers: int) -> tuple[bytes, int]:
    """``data`` with the gzip layers it opens with undone (a sitemap.xml.gz gzipped again by
    the server), each by ``inflate`` within ``max_bytes``, and how many there were;
    GunzipError "too deep" when more than ``max_layers``."""
    for layers in range(max_layers):
        if not data.startswith(GZIP_MAGIC):
            return data, layers
        data = inflate(data, max_bytes)
    if data.startswith(GZIP_MAGIC):
        raise GunzipError("too deep")
    return data, max_layers

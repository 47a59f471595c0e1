"""The HTTP connection as uvicorn runs it, with one change: a request it cannot read gets an
answer the client can read.

uvicorn's h11 protocol reads a request's line and headers up to 16 KB (h11's limit); past it,
or on any malformed request, it wrote a plain-text 400 and closed the socket at once, with the
rest of the request still unread: the kernel then resets the connection, and a client still
sending (a 160 KB address) saw "connection reset by peer", not the answer. Here the answer is
414 (the request line alone is too long) or 431 (the headers are), one JSON line as every API
error is, and the connection is closed the way Apache's "lingering close" does: the sending
side first, then the rest of the request read and dropped for a moment, so the answer arrives.
"""

from __future__ import annotations

import json
from http import HTTPStatus
from typing import Any

import h11
import uvicorn
from uvicorn.protocols.http.h11_impl import H11Protocol

# how long the rest of a refused request is read and dropped before the socket is closed
LINGER_SECONDS = 2.0
# a request's line and headers together, in bytes: h11's own default, said here so the
# refusal can name it
MAX_HEAD_BYTES = 16 * 1024


def refusal(pending: bytes, limit: int) -> tuple[int, str]:
    """The status and one line for a request h11 could not read, from the bytes it held."""
    if len(pending) <= limit:
        return 400, "malformed HTTP request"
    if b"\n" not in pending[: limit + 1]:
        return 414, f"request line too long (over {limit:,} bytes, the limit of line and headers)"
    return 431, f"request headers too large (over {limit:,} bytes, the limit of line and headers)"


class ReadableRefusals(H11Protocol):
    """uvicorn's h11 protocol whose refusals reach the client (see the module's docstring)."""

    lingering = False

    def data_received(self, data: bytes) -> None:
        if self.lingering:
            return  # the rest of a refused request: read, so the socket is not reset
        super().data_received(data)

    def send_400_response(self, msg: str) -> None:
        # called by uvicorn when h11 refuses the data received (RemoteProtocolError) only
        pending, _ = self.conn.trailing_data
        status, line = refusal(pending, self.config.h11_max_incomplete_event_size or MAX_HEAD_BYTES)
        body = json.dumps({"error": line, "detail": line}).encode()
        headers = [
            (b"content-type", b"application/json"),
            (b"content-length", str(len(body)).encode()),
            (b"connection", b"close"),
        ]
        for event in (
            h11.Response(status_code=status, headers=headers, reason=HTTPStatus(status).phrase),
            h11.Data(data=body),
            h11.EndOfMessage(),
        ):
            self.transport.write(self.conn.send(event))
        self.lingering = True
        if self.transport.can_write_eof():
            self.transport.write_eof()
        self.loop.call_later(LINGER_SECONDS, self.transport.close)


def server_config(app: Any, **options: Any) -> uvicorn.Config:
    """The uvicorn settings ``newsdigest serve`` runs ``app`` with (``options``: uvicorn's)."""
    return uvicorn.Config(
        app, http=ReadableRefusals, h11_max_incomplete_event_size=MAX_HEAD_BYTES, **options
    )

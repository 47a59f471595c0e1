"""Two ASGI wrappers around the app: the Host guard (DNS rebinding), and HEAD answered as GET.

Plain ASGI rather than Starlette's ``BaseHTTPMiddleware``: nothing is buffered, and a refused
request never reaches the app.
"""

from __future__ import annotations

import json
from typing import Any

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsdigest.serve.guard import HostRule, host_refusal

JSON_HEADERS = [
    (b"content-type", b"application/json"),
    (b"x-content-type-options", b"nosniff"),
]


async def send_json(send: Send, status: int, data: dict[str, Any]) -> None:
    body = json.dumps(data).encode()
    headers = [*JSON_HEADERS, (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


class HostGuard:
    """Answers 400 to a request whose Host header names a host this server does not serve."""

    def __init__(self, app: ASGIApp, rules: tuple[HostRule, ...] | None) -> None:
        self.app = app
        self.rules = rules

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            host = None
            for key, value in scope.get("headers", ()):
                if key == b"host":
                    host = value.decode("latin-1")
                    break
            server = scope.get("server")
            reason = host_refusal(host, tuple(server) if server else None, self.rules)
            if reason is not None:
                if scope["type"] == "http":
                    await send_json(send, 400, {"error": reason, "detail": reason})
                else:
                    await send({"type": "websocket.close", "code": 1008})
                return
        await self.app(scope, receive, send)


class HeadAsGet:
    """HEAD is GET without the body (RFC 9110), for every GET route: monitors and link checkers
    use it. FastAPI routes answer GET only; this runs GET and drops the body it sends."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or scope["method"] != "HEAD":
            await self.app(scope, receive, send)
            return

        body_sent = False

        async def headers_only(message: Message) -> None:
            nonlocal body_sent
            if message["type"] == "http.response.body":
                if body_sent:
                    return
                body_sent = True
                message = {"type": "http.response.body", "body": b"", "more_body": False}
            await send(message)

        await self.app({**scope, "method": "GET"}, receive, headers_only)

"""Run the app on a real loopback port (uvicorn in a thread), for browser tests and benchmarks."""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

import uvicorn
from starlette.types import ASGIApp

from newsdigest.serve import create_app
from newsdigest.serve.protocol import server_config
from newsdigest.store.base import Store


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@contextmanager
def serving(
    store: Store, wrap: Callable[[ASGIApp], ASGIApp] | None = None, **app_options: Any
) -> Iterator[str]:
    """The base URL of the app serving ``store`` until the block ends.

    ``app_options`` go to ``create_app``; ``wrap`` puts ASGI middleware around the app (a test
    that records what reached the server).
    """
    port = free_port()
    app: ASGIApp = create_app(store, **app_options)
    if wrap is not None:
        app = wrap(app)
    config = server_config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            raise RuntimeError("the test web server did not start")
        time.sleep(0.02)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)

"""``newsdigest serve``: story pages and the JSON API over a store, one command to start;
``--follow`` runs the follower beside the server, so the page stays current."""

from __future__ import annotations

import errno
import signal
import socket
import threading
from typing import TYPE_CHECKING, Annotated

import typer

from newsdigest.cli import options
from newsdigest.cli.common import (
    ExitCode,
    open_store_or_exit,
    option_given,
    report_error,
    start_spacy_workers,
    story_config_or_exit,
    usage_error,
)
from newsdigest.errors import hide_passwords

if TYPE_CHECKING:
    from newsdigest.config import StoryConfig
    from newsdigest.store.base import Store


def _host_name(text: str) -> str:
    """``--host`` unless blank: an empty host had been bound and said ":8772: cannot listen
    (Name or service not known)"."""
    if not text.strip():
        raise typer.BadParameter("an empty name names no interface (0.0.0.0 listens on all)")
    return text


def serve_command(
    db: options.Db = options.DEFAULT_DB,
    host: Annotated[
        str, typer.Option(help="Interface to listen on.", parser=_host_name)
    ] = "127.0.0.1",
    allow_host: Annotated[
        list[str] | None,
        typer.Option(
            "--allow-host",
            help="A Host name (or name:port) browsers may reach this server by, besides the "
            "bound address and localhost; repeatable ('*' for any, behind a trusted proxy).",
        ),
    ] = None,
    port: options.Port = 8000,
    follow: Annotated[
        list[str] | None,
        typer.Option(
            help="Follow this feed, OPML or sitemap while serving (repeatable).",
            parser=options.not_blank,
        ),
    ] = None,
    every: options.Every = options.DEFAULT_EVERY,
    rate: options.Rate = 1.0,
    words: options.Words = None,
    sentences: options.Sentences = None,
    summarizer: options.Summarizer = "default",
    embedder: options.Embedder = None,
    facts: options.Facts = True,
) -> None:
    """Serve the stories as web pages and a JSON API (docs at /docs)."""
    import uvicorn

    from newsdigest.serve import create_app
    from newsdigest.serve.protocol import server_config

    interval = every
    if not follow:  # a refresh interval without a source to refresh had been ignored silently
        unused = [f"--{name}" for name in ("every", "rate") if option_given(name)]
        if unused:
            usage_error(f"{' and '.join(unused)}: only used with --follow")
    # the settings the intake (POST, --follow) builds stories with, as ``stories`` takes them
    config = story_config_or_exit(words, sentences, summarizer, embedder, facts)
    from newsdigest.store import missing_store

    # serve makes a store that does not exist (POST /api/articles fills it), and says so: a
    # mistyped --db had served an empty site as if it were the store meant
    created = missing_store(db)
    store = open_store_or_exit(db)
    try:
        app = create_app(store, allowed_hosts=_hosts(host, port, allow_host), config=config)
    except ValueError as exc:
        store.close()
        usage_error(f"--allow-host: {exc}")
    try:
        sock = _listen(host, port)
    except OSError as exc:
        store.close()
        report_error(f"{host}:{port}: cannot listen ({exc.strerror or exc})")
        raise typer.Exit(ExitCode.FAILED) from None
    start_spacy_workers()  # before the follower's and the server's threads
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):  # uvicorn hands the signal on to us when done
        signal.signal(sig, lambda *_: stop.set())
    follower = (
        _start_follower(store, follow or [], interval, rate, stop, config) if follow else None
    )
    try:
        shown = f"[{host}]" if ":" in host else host  # an IPv6 address, as a URL writes it
        new = " (a new, empty store: POST /api/articles or --follow fills it)" if created else ""
        print(
            f"newsdigest: serving {hide_passwords(str(db))}{new} on http://{shown}:{port}/ (API docs at /docs)"
        )
        uvicorn.Server(server_config(app, log_level="warning")).run(sockets=[sock])
    finally:
        stop.set()  # the follower finishes its current article, then exits
        if follower is not None:
            follower.join(timeout=60)
        store.close()


def _listen(host: str, port: int) -> socket.socket:
    """The server's socket, bound here so that a port in use or an unknown host is our one
    line and exit 2, not uvicorn's log line and exit 3 after "serving …"."""
    try:
        found = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except UnicodeError:  # the IDNA codec: an empty or over-long label ("a..b")
        raise OSError(errno.EINVAL, "not a host name: a label is empty or too long") from None
    family, kind, proto, _, address = found[0]
    sock = socket.socket(family, kind, proto)
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)  # as uvicorn does
        sock.bind(address)
    except OSError:
        sock.close()
        raise
    return sock


def _start_follower(
    store: Store,
    sources: list[str],
    interval: float,
    rate: float,
    stop: threading.Event,
    config: StoryConfig,
) -> threading.Thread:
    """The follow loop in a thread of its own; each round's line goes to stdout."""
    from newsdigest.follow import Fetcher, Follower, Politeness, RoundReport

    def run() -> None:
        with Fetcher(Politeness(rate=rate)) as fetcher:
            follower = Follower(
                store,
                sources,
                fetcher,
                config,
                on_problem=lambda e: report_error(str(e)),
            )

            def show(n: int, report: RoundReport) -> None:
                print(f"newsdigest: follow round {n}: {report.line()}", flush=True)

            follower.run(interval, stop, show, lambda e: report_error(str(e)))

    thread = threading.Thread(target=run, name="newsdigest-follow", daemon=True)
    thread.start()
    return thread


def _hosts(host: str, port: int, extra: list[str] | None) -> list[str] | None:
    """The Host names requests may carry: the default (bound address and loopback) plus
    ``--allow-host``; None keeps the default as it is."""
    if not extra:
        return None
    bound = [f"{name}:{port}" for name in (host, "localhost", "127.0.0.1", "[::1]")]
    return [*bound, *extra]


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)

"""``newsdigest follow``: subscribe to feeds, OPML lists and sitemaps; store new articles and
keep the stories current, one round now (``--once``) or one every ``--every``."""

from __future__ import annotations

import re
import signal
import threading
from typing import Annotated

import typer

from newsdigest.cli import options
from newsdigest.cli.common import EXIT_FAILED, EXIT_OK, EXIT_PARTIAL, progress_bar, report_error

_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}


def parse_interval(text: str) -> float:
    """Seconds in "90s", "15m", "1h30m" or a bare number of seconds; ``ValueError`` else."""
    value = text.strip().lower()
    if re.fullmatch(r"\d+(\.\d+)?", value):
        seconds = float(value)
    elif re.fullmatch(r"(\d+(\.\d+)?[smhd])+", value):
        seconds = sum(
            float(n) * _UNITS[u] for n, _, u in re.findall(r"(\d+(\.\d+)?)([smhd])", value)
        )
    else:
        raise ValueError(f"{text!r} is not an interval (use e.g. 90s, 15m, 1h)")
    if seconds <= 0:
        raise ValueError(f"{text!r}: the interval must be positive")
    return seconds


def follow_command(
    sources: Annotated[
        list[str], typer.Argument(help="Feed URLs (RSS/Atom), OPML files or URLs, sitemap URLs.")
    ],
    db: options.Db = options.DEFAULT_DB,
    every: Annotated[str, typer.Option(help="Time between rounds: 90s, 15m, 1h.")] = "15m",
    once: Annotated[bool, typer.Option("--once", help="Run one round and exit.")] = False,
    rate: options.Rate = 1.0,
    timeout: Annotated[float, typer.Option(min=0.1, help="Seconds per request.")] = 20.0,
    words: options.Words = None,
    facts: options.Facts = True,
) -> None:
    """Fetch new articles from the sources (politely), store them and update their stories."""
    from newsdigest.config import StoryConfig
    from newsdigest.errors import NewsdigestError
    from newsdigest.follow import Fetcher, Follower, Politeness, RoundReport
    from newsdigest.store import open_store

    try:
        interval = parse_interval(every)
    except ValueError as exc:
        report_error(f"--every: {exc}")
        raise typer.Exit(EXIT_FAILED) from None
    try:
        store = open_store(db)
    except NewsdigestError as exc:
        report_error(str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    last: list[RoundReport] = []
    with progress_bar() as bar, Fetcher(Politeness(rate=rate, timeout=timeout)) as fetcher:
        task = bar.add_task("following", total=None)
        follower = Follower(
            store,
            sources,
            fetcher,
            StoryConfig(words=words, facts=facts),
            on_problem=lambda e: report_error(str(e)),
            on_progress=lambda done, total: bar.update(task, completed=done, total=total),
        )

        def show(n: int, report: RoundReport) -> None:
            last[:] = [report]
            typer.echo(f"round {n}: {report.line()}")
            bar.update(task, completed=0, total=None)

        try:
            if once:
                show(1, follower.run_round(stop))
            else:
                follower.run(interval, stop, show, lambda e: report_error(str(e)))
        except NewsdigestError as exc:
            report_error(str(exc))
            raise typer.Exit(EXIT_FAILED) from None
        finally:
            store.close()
    if once and last and last[0].failed:
        raise typer.Exit(EXIT_PARTIAL)
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("follow")(follow_command)

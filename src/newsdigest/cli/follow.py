"""``newsdigest follow``: subscribe to feeds, OPML lists and sitemaps; store new articles and
keep the stories current, one round now (``--once``) or one every ``--every``."""

from __future__ import annotations

import signal
import threading
from typing import Annotated

import typer

from newsdigest.cli import options
from newsdigest.cli.common import (
    ExitCode,
    open_store_or_exit,
    option_given,
    progress_bar,
    report_error,
    start_spacy_workers,
    usage_error,
)


def follow_command(
    sources: options.Sources,
    db: options.Db = options.DEFAULT_DB,
    every: options.Every = options.DEFAULT_EVERY,
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

    interval = every
    if once and option_given("every"):  # one round: no interval to wait
        usage_error("--every: not used with --once (one round, then exit)")
    store = open_store_or_exit(db)
    stop = threading.Event()
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, lambda *_: stop.set())
    last: list[RoundReport] = []
    if facts:
        start_spacy_workers()  # before the progress bar's thread
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
            raise typer.Exit(ExitCode.FAILED) from None
        finally:
            store.close()
    if once and last:
        report = last[0]
        if report.stories_error:  # the store could not be written: an error, as before
            report_error(report.stories_error)
            raise typer.Exit(ExitCode.FAILED)
        if report.failed and not (report.fetched or report.not_modified):
            raise typer.Exit(ExitCode.FAILED)  # no source could be read
        if report.problems():
            raise typer.Exit(ExitCode.PARTIAL)
    raise typer.Exit(ExitCode.OK)


def register(app: typer.Typer) -> None:
    app.command("follow")(follow_command)

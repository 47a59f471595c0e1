"""``newsdigest stories``: group stored articles into events and print each story's digest."""

from __future__ import annotations

import sys
from datetime import datetime
from typing import Annotated

import typer

from newsdigest.cli.common import EXIT_FAILED, EXIT_OK, progress_bar, report_error


def _since(value: str | None) -> datetime | None:
    from newsdigest.timeutil import parse_since

    try:
        return parse_since(value)
    except ValueError:
        report_error(f"--since: {value!r} is not a date (use YYYY-MM-DD or an ISO date-time)")
        raise typer.Exit(EXIT_FAILED) from None


def stories_command(
    db: Annotated[
        str, typer.Option("--db", help="SQLite file, or a postgresql:// URL.")
    ] = "news.db",
    since: Annotated[
        str | None, typer.Option(help="Only stories with an article published on/after DATE.")
    ] = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, markdown or json.")] = "text",
    words: Annotated[int | None, typer.Option("--words", "-w", help="Digest length.")] = None,
    limit: Annotated[int | None, typer.Option(help="At most this many stories.")] = None,
    facts: Annotated[
        bool, typer.Option("--facts/--no-facts", help="Extract who/what/where/when.")
    ] = True,
) -> None:
    """Cluster new articles into stories (incrementally) and print every story's digest."""
    from newsdigest.errors import NewsdigestError
    from newsdigest.render import render_many
    from newsdigest.store import open_store
    from newsdigest.stories import build_stories

    if fmt not in ("text", "markdown", "json"):
        report_error(f"--format: unknown format {fmt!r}; choose text, markdown or json")
        raise typer.Exit(EXIT_FAILED)
    after = _since(since)
    try:
        store = open_store(db)
    except NewsdigestError as exc:
        report_error(str(exc))
        raise typer.Exit(EXIT_FAILED) from None
    with progress_bar() as bar:
        task = bar.add_task("stories", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        try:
            stories = build_stories(
                store, after, words=words, with_facts=facts, limit=limit, on_progress=progress
            )
        except NewsdigestError as exc:
            report_error(str(exc))
            raise typer.Exit(EXIT_FAILED) from None
        finally:
            store.close()
    if stories or fmt == "json":
        sys.stdout.write(render_many(stories, fmt))
    else:
        report_error(f"{db}: no stories" + (f" since {since}" if since else ""))
    raise typer.Exit(EXIT_OK)


def register(app: typer.Typer) -> None:
    app.command("stories")(stories_command)

"""``newsdigest stories``: group stored articles into events and print each story's digest."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from newsdigest.cli import options
from newsdigest.cli.common import (
    ExitCode,
    open_store_or_exit,
    progress_bar,
    refuse_output_before_work,
    refuse_overwriting_input,
    report_error,
    report_notice,
    start_spacy_workers,
    story_config_or_exit,
    usage_error,
    write_output,
)

if TYPE_CHECKING:
    from newsdigest.config import StoryConfig
    from newsdigest.model import Story


def _since(value: str | None) -> datetime | None:
    from newsdigest.timeutil import parse_since

    try:
        return parse_since(value)
    except ValueError as exc:
        usage_error(f"--{exc}")  # "--since: 'x' is not a usable date (use YYYY-MM-DD ...)"


def stories_command(
    db: options.Db = options.DEFAULT_DB,
    since: options.Since = None,
    fmt: Annotated[str, typer.Option("--format", "-f", help="text, markdown or json.")] = "text",
    words: options.Words = None,
    sentences: options.Sentences = None,
    limit: options.Limit = None,
    summarizer: options.Summarizer = "default",
    embedder: options.Embedder = None,
    facts: options.Facts = True,
    output: options.Output = None,
) -> None:
    """Cluster new articles into stories (incrementally) and print every story's digest."""
    from newsdigest.errors import NewsdigestError
    from newsdigest.render import render_many
    from newsdigest.stories import StoryFailure, build_stories

    if fmt not in ("text", "markdown", "json"):
        usage_error(f"--format: unknown format {fmt!r}; choose text, markdown or json")
    refuse_overwriting_input("", output, [Path(db)])  # the SQLite file is no place for them
    refuse_output_before_work(output, "stories", db)
    after = _since(since)
    config = story_config_or_exit(words, sentences, summarizer, embedder, facts)

    failures: list[StoryFailure] = []

    def failed(failure: StoryFailure) -> None:
        failures.append(failure)
        report_error(f"{db}: story {failure.story_id} {failure.outcome}: {failure.reason}")

    store = open_store_or_exit(db, create=False)
    start_spacy_workers(store, config)
    with progress_bar() as bar:
        task = bar.add_task("stories", total=None)

        def progress(stage: str, done: int, total: int) -> None:
            bar.update(task, description=stage, completed=done, total=total)

        try:
            stories = build_stories(
                store, after, config, limit=limit, on_progress=progress, on_failure=failed
            )
        except NewsdigestError as exc:
            report_error(str(exc))
            raise typer.Exit(ExitCode.FAILED) from None
        finally:
            store.close()
    if stories or fmt == "json":
        write_output(render_many(stories, fmt), output, "stories")
    _note_empty_digests(stories, config)
    if not stories:
        # the bundled example's articles carry no date: "no stories since" alone read as a fault
        undated = " (articles with no publication date never match --since)"
        report_error(f"{db}: no stories" + (f" since {since}{undated}" if since else ""))
        raise typer.Exit(ExitCode.FAILED)
    raise typer.Exit(ExitCode.PARTIAL if failures else ExitCode.OK)


def _note_empty_digests(stories: Sequence[Story], config: StoryConfig) -> None:
    """One note for the stories printed without a digest, and why (``why_no_digest``)."""
    empty = [story for story in stories if not story.summary]
    if not empty:
        return
    # the pipeline (scipy, the summarizers) is imported only for a story printed without one
    from newsdigest.pipeline import why_no_digest

    reasons = Counter(why for story in empty if (why := why_no_digest(story, config)))
    for why, count in sorted(reasons.items()):
        what = "1 story" if count == 1 else f"{count} stories"
        report_notice(f"{what}: {why}")


def register(app: typer.Typer) -> None:
    app.command("stories")(stories_command)

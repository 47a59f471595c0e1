"""``newsdigest ingest``: read articles into the store (SQLite file or PostgreSQL URL)."""

from __future__ import annotations

from typing import Annotated

import typer

from newsdigest.cli import options
from newsdigest.cli.common import (
    ExitCode,
    open_store_or_exit,
    progress_bar,
    report_error,
    report_notice,
)
from newsdigest.errors import RecordLines


def ingest_command(
    paths: options.Inputs,
    db: options.Db = options.DEFAULT_DB,
    batch: Annotated[int, typer.Option(min=1, help="Articles per transaction.")] = 200,
) -> None:
    """Store articles, dropping exact and near duplicates; safe to rerun on the same input."""
    from newsdigest.errors import NewsdigestError
    from newsdigest.stories import ingest

    store = open_store_or_exit(db)
    handled = 0  # records of committed batches

    def committed(n: int) -> None:
        nonlocal handled
        handled += n
        bar.advance(task, n)

    refused = RecordLines(report_error, RecordLines.refused)
    with progress_bar() as bar:
        task = bar.add_task("ingesting", total=None)
        try:
            report = ingest(
                paths,
                store,
                batch_size=batch,
                on_error=refused.error,
                on_batch=committed,
                on_notice=report_notice,
            )
        except NewsdigestError as exc:
            # a store that fails mid-run (a full disk) rolls back the batch under way only: the
            # committed ones stay, which its "batch not stored (nothing committed)" had hidden
            kept = (
                f"; {handled} records were read into {db} before it (run the same command"
                " again once the store can be written: what is stored is skipped)"
                if handled
                else ""
            )
            report_error(f"{exc}{kept}")
            raise typer.Exit(ExitCode.FAILED) from None
        except KeyboardInterrupt:
            # Ctrl-C had ended the run without a word: the batch under way is rolled back,
            # the committed ones stay, and a rerun skips what is stored
            report_error(
                f"interrupted: {handled} records read into {db} before it; run the same command"
                " again to read the rest (what is stored is skipped)"
            )
            raise typer.Exit(130) from None
        finally:
            store.close()
            refused.close()
    typer.echo(report.line())
    if report.read == 0:
        raise typer.Exit(ExitCode.FAILED)
    raise typer.Exit(ExitCode.PARTIAL if report.rejected else ExitCode.OK)


def register(app: typer.Typer) -> None:
    app.command("ingest")(ingest_command)

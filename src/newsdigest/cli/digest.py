"""``newsdigest digest``: the cited summary of one cluster of articles."""

from __future__ import annotations

import sys
import time
from pathlib import Path
from typing import Annotated, Any

import typer

from newsdigest.cli import options
from newsdigest.cli.common import (
    ExitCode,
    fail,
    note_unused_embedder,
    refuse_output_before_work,
    refuse_overwriting_input,
    report_error,
    report_notice,
    usage_error,
    write_output,
)
from newsdigest.errors import RecordLines


def digest_command(
    paths: options.Inputs,
    words: options.Words = None,
    sentences: options.Sentences = None,
    fmt: Annotated[
        str, typer.Option("--format", "-f", help="text, markdown, json or html.")
    ] = "text",
    summarizer: options.Summarizer = "default",
    embedder: options.Embedder = None,
    model: Annotated[
        Path | None,
        typer.Option(
            "--model",
            help="Your own seq2seq model dir (save_pretrained) for --summarizer abstractive.",
            parser=options.input_path,  # blank: Path("") had been the current folder
        ),
    ] = None,
    facts: options.Facts = True,
    output: options.Output = None,
    timing: Annotated[bool, typer.Option(help="Print the time taken on stderr.")] = False,
) -> None:
    """Print the cited multi-document summary of the articles of one event."""
    from newsdigest.config import StoryConfig
    from newsdigest.errors import NewsdigestError
    from newsdigest.pipeline import digest
    from newsdigest.render import FORMATS, render

    if fmt not in FORMATS:
        usage_error(f"--format: unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    refuse_overwriting_input("", output, paths)
    refuse_output_before_work(output, "digest")
    method = _abstractive(summarizer, model)
    note_unused_embedder(embedder, ["abstractive" if method else summarizer])
    failures = 0  # counted, not kept: a million refused records had been a million lines held

    refused = RecordLines(report_error, RecordLines.refused)

    def on_error(error: Exception) -> None:
        nonlocal failures
        failures += 1
        refused.error(error)

    started = time.perf_counter()
    try:
        config = StoryConfig(
            words=words,
            sentences=sentences,
            summarizer=method or summarizer,
            embedder=embedder,
            facts=facts,
        )
        try:
            story = digest(paths, config, on_error=on_error, on_notice=report_notice)
        finally:
            refused.close()
    except NewsdigestError as exc:
        fail(exc)
    for dropped in getattr(method, "unsupported_", ()):
        print(
            f"note: {model}: left out a generated sentence no source supports: {dropped!r}",
            file=sys.stderr,
        )
    write_output(render(story, fmt), output, "digest")
    if timing:
        print(f"digest took {time.perf_counter() - started:.2f} s", file=sys.stderr)
    raise typer.Exit(ExitCode.PARTIAL if failures else ExitCode.OK)


def _abstractive(summarizer: str, model: Path | None) -> Any:
    """The abstractive summarizer over ``model``, loaded now so a bad path fails first."""
    from newsdigest.errors import NewsdigestError

    if model is None and summarizer != "abstractive":
        return None
    if summarizer not in ("default", "abstractive"):
        usage_error(f"--model: only used with --summarizer abstractive, not {summarizer!r}")
    from newsdigest.summarize.abstractive import AbstractiveSummarizer

    try:
        method = AbstractiveSummarizer(model)
        method.load()
    except NewsdigestError as exc:
        report_error(str(exc))
        raise typer.Exit(ExitCode.FAILED) from None
    return method


def register(app: typer.Typer) -> None:
    app.command("digest")(digest_command)

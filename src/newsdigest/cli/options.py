"""Options more than one command takes, declared once (as sqlite-utils does), so ``--db`` or
``--words`` means the same everywhere, with the same checks (a length is at least 1, a port
is a TCP port) and the same one-line error."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from newsdigest.store import DEFAULT_DB

Db = Annotated[
    str,
    typer.Option(
        "--db",
        help="SQLite file, or a postgresql://user@host/dbname URL.",
        envvar="NEWSDIGEST_DB",
    ),
]
Words = Annotated[
    int | None, typer.Option("--words", "-w", min=1, help="Digest length in words (default 120).")
]
Sentences = Annotated[
    int | None, typer.Option("--sentences", "-s", min=1, help="Digest length in sentences.")
]
Summarizer = Annotated[
    str,
    typer.Option(help="Summarization method: coverage (default), lead, lexrank, …, abstractive."),
]
Embedder = Annotated[
    str | None, typer.Option(help="Sentence embedder: tfidf, static, minilm or a model folder.")
]
Facts = Annotated[bool, typer.Option("--facts/--no-facts", help="Extract who/what/where/when.")]
Since = Annotated[
    str | None,
    typer.Option(help="Only stories with an article published on/after this ISO date/time."),
]
Limit = Annotated[int | None, typer.Option(min=1, help="At most this many stories.")]
Port = Annotated[int, typer.Option(min=1, max=65535, help="TCP port.")]
Rate = Annotated[
    float, typer.Option(min=0.001, help="Requests per second to one host (robots.txt aside).")
]
Output = Annotated[Path | None, typer.Option("--output", "-o", help="Write here, not stdout.")]

__all__ = [
    "DEFAULT_DB",
    "Db",
    "Embedder",
    "Facts",
    "Limit",
    "Output",
    "Port",
    "Rate",
    "Sentences",
    "Since",
    "Summarizer",
    "Words",
]

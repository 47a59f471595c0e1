"""Options more than one command takes, declared once (as sqlite-utils does), so ``--db`` or
``--words`` means the same everywhere, with the same checks (a length is at least 1, a port
is a TCP port) and the same one-line error."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Annotated

import typer

from newsdigest.store import DEFAULT_DB

# the readers' formats, as the README lists them (ingest/__init__.py's _READERS)
INPUTS_HELP = (
    "Files or folders of articles (txt, html, jsonl, json, warc[.gz], sgml); - reads standard"
    " input."
)


def not_blank(text: str) -> str:
    """``text`` unless blank: pathlib reads ``Path("")`` as ``.``, so ``ingest "$UNSET"`` had
    stored every file of the current folder, and ``follow ""`` said ": is a folder"."""
    if not text.strip():
        raise typer.BadParameter("an empty argument names no file, folder or URL")
    return text


def input_path(text: str) -> Path:
    """A file or folder argument, refused when blank (see ``not_blank``)."""
    return Path(not_blank(text))


Inputs = Annotated[list[Path], typer.Argument(help=INPUTS_HELP, parser=input_path)]
Sources = Annotated[
    list[str],
    typer.Argument(
        help="Feed URLs (RSS/Atom), OPML files or URLs, sitemap URLs.", parser=not_blank
    ),
]
Db = Annotated[
    str,
    typer.Option(
        "--db",
        help="SQLite file, or a postgresql://user@host/dbname URL.",
        envvar="NEWSDIGEST_DB",
        parser=not_blank,  # "--db ''" had been the folder ".", and "--db ' '" a store named " "
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
    # the help names the default: Typer's own "[default: default]" said nothing
    typer.Option(
        help="Summarization method: coverage (default), lead, lexrank, …;"
        " abstractive only in digest, with --model.",
        show_default=False,
    ),
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
_UNITS = {"s": 1, "m": 60, "h": 3600, "d": 86400}
MAX_INTERVAL = 365 * 86400


def parse_interval(text: str | float) -> float:
    """Seconds in "90s", "15m", "1h30m" or a bare number of seconds; ``ValueError`` else."""
    value = str(text).strip().lower()
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
    if seconds > MAX_INTERVAL:  # a wait past the clock's range raised OverflowError mid-run
        raise ValueError(f"{text!r}: the interval must be at most 365d")
    return seconds


def _interval_option(text: str | float) -> float:
    try:
        return parse_interval(text)
    except ValueError as exc:
        raise typer.BadParameter(str(exc)) from None


DEFAULT_EVERY = 900.0
Every = Annotated[
    float,
    typer.Option(
        parser=_interval_option,
        metavar="DURATION",
        help="Time between follow rounds: 90s, 15m, 1h30m (default 15m).",
        show_default=False,  # "[default: 900.0]" beside "(default 15m)"
    ),
]
Output = Annotated[
    Path | None,
    # blank refused: Path("") is the current folder, "-o ''" had been ".: it is a folder"
    typer.Option("--output", "-o", help="Write here, not stdout.", parser=input_path),
]

__all__ = [
    "DEFAULT_DB",
    "Db",
    "Embedder",
    "Every",
    "Inputs",
    "Facts",
    "Limit",
    "Output",
    "Port",
    "Rate",
    "Sentences",
    "Since",
    "Sources",
    "Summarizer",
    "Words",
]

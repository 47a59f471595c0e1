"""The ``newsdigest`` command: a Typer app whose commands live one per module.

Each command module has ``register(app)`` and imports its heavy dependencies inside the command,
so ``newsdigest --help`` stays fast.
"""

from __future__ import annotations

import errno
import importlib
import os
import sys
from typing import Annotated, Any

import typer
from typer.core import TyperGroup

COMMAND_MODULES = ("digest", "ingest", "stories", "eval", "serve", "follow", "spark", "bench")

# where the command's own arguments are kept for the program's callback, run before they are read
_COMMAND_ARGS = "newsdigest.command_args"


class _Commands(TyperGroup):
    """The program's commands; keeps the chosen command's arguments in the context, so the
    callback can tell ``newsdigest ingest --help`` (help, whatever the settings) from a run."""

    def resolve_command(self, ctx: Any, args: list[str]) -> Any:
        name, command, rest = super().resolve_command(ctx, args)
        ctx.meta[_COMMAND_ARGS] = tuple(rest)
        return name, command, rest


app = typer.Typer(
    cls=_Commands,
    name="newsdigest",
    help="Turn a pile of news articles into cited story digests, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode="markdown",
)


def _show_version(value: bool) -> None:
    if value:
        from newsdigest import __version__

        typer.echo(f"newsdigest {__version__}")
        raise typer.Exit()


@app.callback()
def _options(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_show_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Turn a pile of news articles into cited story digests, offline."""
    from newsdigest.cli.common import escape_unencodable_output

    escape_unencodable_output()
    if not set(ctx.meta.get(_COMMAND_ARGS, ())) & set(ctx.help_option_names):
        check_settings()  # (a command's --help is shown whatever the settings)


def check_settings() -> None:
    """Every command refuses an environment setting it cannot use before it starts, in one
    line: ``NEWSDIGEST_WORKERS=abc`` had been read only where the worker count was, so
    ``ingest`` and ``digest --no-facts`` ran without a word."""
    from newsdigest.parallel import worker_count

    worker_count()


for _name in COMMAND_MODULES:
    importlib.import_module(f"newsdigest.cli.{_name}").register(app)


def main() -> None:
    """The console script: a usage error (a bad option value, a missing argument) is one line
    on stderr and exit 2, like every other error of this command."""
    try:
        code = app(standalone_mode=False)
    except OSError as exc:
        if exc.errno not in _WRITE_ERRNOS:
            raise
        _stdout_failed(exc)
    except Exception as exc:
        from newsdigest.cli.common import report_error, usage_exit_code
        from newsdigest.errors import NewsdigestError

        if isinstance(exc, NewsdigestError):  # typed, with its one line: never a traceback
            report_error(str(exc))
            sys.exit(2)
        status = usage_exit_code(exc)
        if status is None:
            raise
        sys.exit(status)
    except KeyboardInterrupt:
        sys.exit(130)
    try:
        sys.stdout.flush()
    except OSError as exc:
        _stdout_failed(exc)
    sys.exit(code if isinstance(code, int) else 0)


# what writing the output can meet (a full disk, a lost device, a reader gone): one line, exit 2
_WRITE_ERRNOS = {errno.ENOSPC, errno.EDQUOT, errno.EIO, errno.EPIPE, errno.EFBIG}


def _stdout_failed(exc: OSError) -> None:
    """One line (none for a reader that stopped reading, ``| head``), exit 2 (1 for a pipe)."""
    if exc.errno != errno.EPIPE:
        print(
            f"error: cannot write the output ({exc.strerror or exc})", file=sys.stderr, flush=True
        )
    # stdout's buffer would fail again at exit, with a second message: point it at /dev/null
    os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
    sys.exit(1 if exc.errno == errno.EPIPE else 2)

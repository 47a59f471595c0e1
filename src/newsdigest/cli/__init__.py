"""The ``newsdigest`` command: a Typer app whose commands live one per module.

Each command module has ``register(app)`` and imports its heavy dependencies inside the command,
so ``newsdigest --help`` stays fast.
"""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES = ("digest", "ingest", "stories", "eval", "serve", "spark", "bench")

app = typer.Typer(
    name="newsdigest",
    help="Turn a pile of news articles into cited story digests, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"newsdigest.cli.{_name}")
    except ModuleNotFoundError as exc:  # a command module not written yet
        if exc.name != f"newsdigest.cli.{_name}":
            raise
        continue
    _module.register(app)


def main() -> None:
    app()

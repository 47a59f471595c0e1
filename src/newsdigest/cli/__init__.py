"""The ``newsdigest`` command: a Typer app whose commands live one per module.

Each command module has ``register(app)`` and imports its heavy dependencies inside the command,
so ``newsdigest --help`` stays fast.
"""

from __future__ import annotations

import importlib

import typer

COMMAND_MODULES = ("digest", "ingest", "stories", "eval", "serve", "follow", "spark", "bench")

app = typer.Typer(
    name="newsdigest",
    help="Turn a pile of news articles into cited story digests, offline.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)

for _name in COMMAND_MODULES:
    importlib.import_module(f"newsdigest.cli.{_name}").register(app)


def main() -> None:
    app()

"""``newsdigest serve``: story pages and the JSON API over a store, one command to start."""

from __future__ import annotations

from typing import Annotated

import typer

from newsdigest.cli import options
from newsdigest.cli.common import open_store_or_exit


def serve_command(
    db: options.Db = options.DEFAULT_DB,
    host: Annotated[str, typer.Option(help="Interface to listen on.")] = "127.0.0.1",
    port: options.Port = 8000,
) -> None:
    """Serve the stories as web pages and a JSON API (docs at /docs)."""
    import uvicorn

    from newsdigest.serve import create_app

    store = open_store_or_exit(db)
    try:
        print(f"newsdigest: serving {db} on http://{host}:{port}/ (API docs at /docs)")
        uvicorn.run(create_app(store), host=host, port=port, log_level="warning")
    finally:
        store.close()


def register(app: typer.Typer) -> None:
    app.command("serve")(serve_command)

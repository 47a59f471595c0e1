"""store stage: where articles, their URLs, clusters and stories live.

``open_store`` picks the backend from what the user typed: a path or ``sqlite:///path`` is a
SQLite file (the default), ``postgresql://…`` a PostgreSQL database (``[postgres]`` extra).
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from newsdigest.store.base import AddResult, ClusterRow, Store

DEFAULT_DB = "news.db"


def _target(url_or_path: str | os.PathLike[str] | bytes) -> str:
    """What the user named, as text; ``TypeError`` for anything else: ``db=None`` had made a
    database named "None" in the working folder (``db=5`` one named "5"), and ``b"news.db"``
    one named "b'news.db'"."""
    if isinstance(url_or_path, str | bytes) and not url_or_path.strip():
        from newsdigest.errors import StoreError

        # "" had opened the folder "." ("is a folder, not a database file"), " " made a store
        # named " "; the CLI refuses them as usage errors
        raise StoreError("db: an empty name names no store (give a path or a postgresql:// URL)")
    if isinstance(url_or_path, str | os.PathLike | bytes):
        return os.fsdecode(url_or_path)
    raise TypeError(f"db: expected a path or a postgresql:// URL, not {type(url_or_path).__name__}")


def sqlite_path(url_or_path: str | Path) -> Path | None:
    """The SQLite file ``url_or_path`` names (a path or ``sqlite:///path``), or None for a
    server URL."""
    target = _target(url_or_path)
    if target.startswith("sqlite:///"):
        return Path(target[len("sqlite:///") :] or DEFAULT_DB)
    return None if "://" in target else Path(target)


def missing_store(url_or_path: str | Path) -> bool:
    """Whether ``url_or_path`` names a SQLite file that does not exist: a command or call that
    only reads refuses it, so a typo leaves no empty database behind."""
    path = sqlite_path(url_or_path)
    try:
        return path is not None and not path.exists()
    except OSError:  # a name too long: opening it says why
        return False


def open_store(url_or_path: str | Path = DEFAULT_DB, **options: Any) -> Store:
    """A store for ``url_or_path``; the caller closes it (or uses it as a context manager)."""
    target = _target(url_or_path)
    if target.startswith(("postgresql://", "postgres://")):
        from newsdigest.store.postgres import PostgresStore

        return PostgresStore(target, **options)
    if target.startswith("sqlite:///"):
        target = target[len("sqlite:///") :] or DEFAULT_DB
    elif "://" in target:
        from newsdigest.errors import StoreError

        scheme = target.split("://", 1)[0]
        raise StoreError(f"{target}: unknown store scheme {scheme!r} (use a path or postgresql://)")
    from newsdigest.store.sqlite import SqliteStore

    return SqliteStore(target, **options)


__all__ = [
    "DEFAULT_DB",
    "AddResult",
    "ClusterRow",
    "Store",
    "missing_store",
    "open_store",
    "sqlite_path",
]

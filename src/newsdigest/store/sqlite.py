"""SQLite, the default store: one file, WAL mode, ``synchronous=FULL``.

Only what is SQLite's own lives here: how to connect (the file must sit in an existing folder),
its column types, ``BEGIN IMMEDIATE`` as the writers' lock, ``IN (?, …)`` lists under its bound
variable limit, times as UTC ISO text (so text order is time order), a reader connection per
thread (WAL lets readers run beside the one writer), and a lock file beside the database that
holds the clustering state across processes. Everything else is ``store/sql.py``.
"""

from __future__ import annotations

import json
import os
import re
import sqlite3
import threading
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime
from pathlib import Path
from typing import Any

from newsdigest import dedup
from newsdigest.errors import StoreError
from newsdigest.store.sql import SqlStore, write_failure
from newsdigest.timeutil import iso, parse_iso, stored_time

try:  # the clustering lock across processes; without fcntl it holds within this process only
    import fcntl
except ImportError:  # pragma: no cover - not on POSIX
    fcntl = None  # type: ignore[assignment]


def access_problem(path: Path) -> str | None:
    """Why this user may not open the SQLite store ``path`` and the files SQLite keeps beside
    it (``-wal``, ``-shm``), in the words of the permission to change and how to change it;
    None when it may."""
    folder = path.parent
    try:
        if _read_only_mount(folder):  # no chmod helps: it had said "chmod u+w" all the same
            return (
                f"{folder} is on a read-only file system (newsdigest writes to its store: copy"
                " it to a folder on a writable one, or mount this one read-write)"
            )
        for side in (path, path.with_name(path.name + "-wal"), path.with_name(path.name + "-shm")):
            if side.exists():
                if not os.access(side, os.R_OK):
                    return (
                        f"permission denied: this user may not read {side.name}"
                        f" (chmod u+rw {side}, or run as its owner)"
                    )
                if not os.access(side, os.W_OK):
                    return (
                        f"permission denied: {side.name} is read-only to this user (newsdigest"
                        f" writes to its store: chmod u+w {side}, or run as its owner)"
                    )
            elif not os.access(folder, os.W_OK | os.X_OK):
                beside = "SQLite keeps it beside the store; " if side != path else ""
                return (
                    f"permission denied: this user may not create {side.name} in {folder}"
                    f" ({beside}let this user write in {folder}, or move the store to a"
                    " folder it may)"
                )
    except OSError:  # a folder that may not be searched: the driver's reason stands
        return None
    return None


def _read_only_mount(folder: Path) -> bool:
    """Whether ``folder`` lies on a file system mounted read-only (a CD, a ``ro`` mount, a
    container's read-only volume)."""
    try:
        return bool(os.statvfs(folder).f_flag & os.ST_RDONLY)
    except (OSError, AttributeError):  # gone, or no statvfs (not POSIX): the checks below
        return False


def file_size_limit_note(message: str) -> str:
    """``message``, and where SQLite's "disk I/O error" may be this process's file-size limit
    (``ulimit -f``: past it a write fails with EFBIG, which SQLite reports as that), the limit:
    a store under one had failed with the bare words, as if the disk were failing."""
    if "disk I/O error" not in message:
        return message
    try:
        import resource
    except ImportError:  # pragma: no cover - not on POSIX
        return message
    limit = resource.getrlimit(resource.RLIMIT_FSIZE)[0]
    if limit == resource.RLIM_INFINITY:
        return message
    return (
        f"{message} (this process may write files of at most {limit:,} bytes: its file-size"
        " limit, ulimit -f)"
    )


class SqliteDialect:
    name = "sqlite"
    types = {
        "article_keys": "seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL UNIQUE",
        "url_seq": "INTEGER NOT NULL",
        "time": "TEXT",
        "blob": "BLOB",
        "json": "TEXT",
        "bigint": "INTEGER",
        "without_rowid": " WITHOUT ROWID",
    }
    errors: tuple[type[BaseException], ...] = (sqlite3.Error,)
    # how long a write waits for another process's write transaction before giving up
    busy_timeout_s = 30.0

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.where = str(self.path)
        self._local = threading.local()
        self._readers: list[sqlite3.Connection] = []
        self._readers_lock = threading.Lock()

    def _open(self) -> sqlite3.Connection:
        conn = sqlite3.connect(
            str(self.path),
            isolation_level=None,
            check_same_thread=False,
            timeout=self.busy_timeout_s,
        )
        conn.execute("PRAGMA foreign_keys=ON")
        return conn

    def connect(self) -> sqlite3.Connection:
        try:
            if self.path.is_symlink() and not self.path.exists():
                # SQLite said "unable to open database file" for a link that loops and for one
                # into a folder that does not exist; a link to a file yet to be made is fine
                os.stat(self.path)  # a loop: "too many levels of symbolic links", below
        except FileNotFoundError:
            target = Path(os.path.realpath(self.path))
            if not target.parent.is_dir():
                raise StoreError(
                    f"{self.path}: a link to {target}, whose folder does not exist"
                ) from None
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            raise StoreError(f"{self.path}: cannot open database: {reason}") from None
        try:
            if self.path.parent and not self.path.parent.exists():
                raise StoreError(f"{self.path}: folder {self.path.parent} does not exist")
            if self.path.is_dir():
                raise StoreError(f"{self.path}: is a folder, not a database file")
            if self.path.exists() and not self.path.is_file():
                # /dev/null had been "disk I/O error", after SQLite made /dev/null-journal;
                # a named pipe would block
                from newsdigest.ingest.decode import file_kind

                kind = file_kind(self.path.stat().st_mode)
                raise StoreError(f"{self.path}: not a database file ({kind})")
        except OSError as exc:  # a name too long, a folder that may not be searched
            reason = exc.strerror or type(exc).__name__
            raise StoreError(f"{self.path}: cannot open database: {reason}") from None
        try:
            conn = self._open()
            # checked before anything is written (WAL mode itself is stored in the file)
            tables = sorted(
                r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")
            )
        except sqlite3.Error as exc:
            # SQLite says "unable to open database file" for a file this user may not read
            # and for a folder it may not write in alike: the permission, named, is what to fix
            raise StoreError(f"{self.path}: cannot open database: {self._why(exc)}") from None
        if tables and "meta" not in tables:
            conn.close()
            raise StoreError(
                f"{self.path}: not a newsdigest database (tables: {', '.join(tables[:5])}"
                + (", …" if len(tables) > 5 else "")
                + ")"
            )
        try:
            conn.execute("PRAGMA journal_mode=WAL")
            conn.execute("PRAGMA synchronous=FULL")
        except sqlite3.Error as exc:
            conn.close()
            raise StoreError(f"{self.path}: cannot open database: {self._why(exc)}") from None
        return conn

    def _why(self, exc: sqlite3.Error) -> str:
        message = " ".join(str(exc).split())
        if "unable to open" in message or "readonly" in message:
            return access_problem(self.path) or message
        return file_size_limit_note(message)

    def explain(self, exc: BaseException) -> str:
        # a store at chmod 444 opens and reads, then fails its first write with SQLite's
        # "attempt to write a readonly database", which named neither the permission nor a fix
        if isinstance(exc, sqlite3.Error) and "readonly" in str(exc):
            problem = access_problem(self.path)
            if problem is not None:
                return problem
        return file_size_limit_note(write_failure(exc))

    def sql(self, statement: str) -> str:
        return statement

    def begin(self, conn: Any, lock_key: int) -> None:
        conn.execute("BEGIN IMMEDIATE")

    def commit(self, conn: Any) -> None:
        conn.execute("COMMIT")

    def rollback(self, conn: Any) -> None:
        conn.execute("ROLLBACK")

    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        return f"{column} IN ({','.join('?' * len(values))})", list(values)

    def max_in_list(self) -> int | None:
        return 500  # well under SQLite's bound-variable limit

    def time_in(self, t: datetime | None) -> str | None:
        return iso(t)

    def time_out(self, value: Any) -> datetime | None:
        return stored_time(parse_iso(value))

    def json_in(self, data: Mapping[str, Any]) -> str:
        return json.dumps(data, ensure_ascii=False)

    def json_out(self, value: Any) -> dict[str, Any]:
        return dict(json.loads(value))

    @contextmanager
    def reader(self) -> Iterator[sqlite3.Connection]:
        conn = getattr(self._local, "conn", None)
        if conn is None:
            conn = self._open()
            conn.execute("PRAGMA query_only=ON")
            self._local.conn = conn
            with self._readers_lock:
                self._readers.append(conn)
        yield conn

    def close_readers(self) -> None:
        with self._readers_lock:
            for conn in self._readers:
                conn.close()
            self._readers.clear()
        self._local = threading.local()

    @contextmanager
    def clustering_lock(self) -> Iterator[None]:
        if fcntl is None:
            yield
            return
        lock_path = f"{self.path}-cluster.lock"
        try:
            # read-only is enough for flock: a lock file another user created still serves
            fd = os.open(lock_path, os.O_RDONLY | os.O_CREAT, 0o666)
        except OSError as exc:
            reason = exc.strerror or type(exc).__name__
            if isinstance(exc, PermissionError):  # a folder made read-only after the -wal
                folder = self.path.parent
                reason = (
                    f"permission denied: this user may not create it in {folder} (let this"
                    f" user write in {folder}, or move the store to a folder it may)"
                )
            raise StoreError(
                f"{self.path}: cannot open the clustering lock {lock_path}: {reason}"
            ) from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX)
            try:
                yield
            finally:
                fcntl.flock(fd, fcntl.LOCK_UN)
        finally:
            os.close(fd)

    def columns(self, conn: Any) -> dict[str, set[str]]:
        tables = [r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")]
        return {
            table: {r[0] for r in conn.execute("SELECT name FROM pragma_table_info(?)", (table,))}
            for table in tables
        }

    def migrate(self, conn: Any, found: int) -> None:
        """Schema 1 files lack the story list's columns: add them (``SqlStore`` fills them).
        Schema 2 lacks only the follower's tables, which the schema's CREATE IF NOT EXISTS adds."""
        from newsdigest.store.sql import STORY_LIST_COLUMNS

        have = {row[1] for row in conn.execute("PRAGMA table_info(stories)").fetchall()}
        for column, decl in STORY_LIST_COLUMNS.items():
            if column not in have:
                conn.execute(f"ALTER TABLE stories ADD COLUMN {column} {decl}")

    def search_schema(self) -> list[str]:
        return [
            "CREATE VIRTUAL TABLE IF NOT EXISTS stories_fts USING fts5("
            "id UNINDEXED, body, tokenize = 'porter unicode61')"
        ]

    def index_story(self, db: Any, story_id: str, text: str) -> None:
        db.execute("DELETE FROM stories_fts WHERE id = ?", (story_id,))
        db.execute("INSERT INTO stories_fts (id, body) VALUES (?, ?)", (story_id, text))

    def search_query(self, query: str) -> tuple[str, list[Any]] | None:
        # each word quoted: the user's text is never FTS5 syntax (AND/NEAR/*/column:)
        words = re.findall(r"\w+", query)
        if not words:
            return None
        match = " ".join('"' + w + '"' for w in words)
        return (
            "FROM stories_fts f JOIN stories s ON s.id = f.id WHERE stories_fts MATCH ? "
            "ORDER BY bm25(stories_fts), s.id",
            [match],
        )


class SqliteStore(SqlStore):
    """A ``Store`` in one SQLite file (created on first use)."""

    def __init__(
        self, path: str | Path, *, near_duplicates: bool = True, threshold: float = dedup.THRESHOLD
    ) -> None:
        self.path = Path(path)
        super().__init__(
            SqliteDialect(self.path), near_duplicates=near_duplicates, threshold=threshold
        )

"""One SQL store, written once over two dialects (SQLite by default, PostgreSQL as an option).

Semantics, whichever database holds the data:

- Articles are keyed by content hash (``Article.id``) and by URL. Re-adding an article stores
  nothing; a URL already stored keeps the text first stored under it (an edited page is a new
  version the reader has not asked for: the URL is reported as a duplicate and nothing changes).
  A near-duplicate (a syndicated copy under other boilerplate, found with MinHash LSH) is not
  stored again: its URL is added to the earliest article it copies.
- Every write call is one transaction; a process killed at any point keeps every committed call
  and none of the call in flight, so rerunning the same ingest stores exactly what is missing.
- Reads never wait for a write's clustering or summarizing: they run on their own connections
  (SQLite in WAL mode: one per thread; PostgreSQL: MVCC), while writes go through one write
  connection, as datasette does.
- The schema carries a version (``meta`` table) checked on open, on both backends; an older
  file is migrated in place, a newer one refused.

What differs between the databases (types, parameter style, IN-lists, locking, codecs) is a
``Dialect``: ``store/sqlite.py`` and ``store/postgres.py`` only connect and describe those
differences.
"""

from __future__ import annotations

import re
import threading
from collections.abc import Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager, suppress
from dataclasses import replace
from datetime import datetime, timezone
from typing import Any, NoReturn, Protocol

from newsdigest import dedup
from newsdigest.errors import StoreError, hide_passwords
from newsdigest.model import Article, Story, StoryRow
from newsdigest.serialize import (
    story_from_dict,
    story_list_fields,
    story_search_text,
    story_to_dict,
)
from newsdigest.store.base import AddResult, AnalysisRecord, ClusterRow, SourceState

STORE_SCHEMA_VERSION = 3

# {name} tokens are filled by the dialect's ``types``
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    {article_keys},
    text TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    url TEXT,
    source TEXT,
    published {time},
    language TEXT,
    origin TEXT,
    added_at {time} NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS article_urls (
    url TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    seq {url_seq}
);
CREATE INDEX IF NOT EXISTS article_urls_article ON article_urls (article_id);
CREATE TABLE IF NOT EXISTS minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    signature {blob} NOT NULL
);
CREATE TABLE IF NOT EXISTS lsh_bands (
    band INTEGER NOT NULL,
    key {blob} NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (band, key, article_id)
){without_rowid};
CREATE TABLE IF NOT EXISTS article_analysis (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    version INTEGER NOT NULL,
    data {json} NOT NULL,
    doc {blob}
);
CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY,
    seq {bigint} NOT NULL,
    size INTEGER NOT NULL,
    first_published {time},
    last_published {time},
    state {blob} NOT NULL
);
CREATE INDEX IF NOT EXISTS clusters_last ON clusters (last_published);
CREATE TABLE IF NOT EXISTS cluster_meta (key TEXT PRIMARY KEY, value {blob} NOT NULL);
CREATE TABLE IF NOT EXISTS cluster_members (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    cluster_id TEXT NOT NULL REFERENCES clusters (id)
);
CREATE INDEX IF NOT EXISTS cluster_members_cluster ON cluster_members (cluster_id);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    data {json} NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    n_articles INTEGER NOT NULL DEFAULT 0,
    n_outlets INTEGER NOT NULL DEFAULT 0,
    n_outliers INTEGER NOT NULL DEFAULT 0,
    first_published {time},
    last_published {time},
    built_size INTEGER NOT NULL DEFAULT 0,
    updated_at {time} NOT NULL,
    lead TEXT NOT NULL DEFAULT '',
    outlet_names TEXT NOT NULL DEFAULT '',
    search_text TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS stories_recent ON stories (last_published DESC, id);
CREATE TABLE IF NOT EXISTS follow_sources (
    url TEXT PRIMARY KEY,
    etag TEXT,
    last_modified TEXT,
    last_fetch {time},
    last_ok {time},
    last_error TEXT,
    children TEXT NOT NULL DEFAULT ''
);
CREATE TABLE IF NOT EXISTS follow_seen (
    url TEXT PRIMARY KEY,
    outcome TEXT NOT NULL,
    seen_at {time} NOT NULL
);
"""

# the tables a store of each schema version was created with (the later versions' too): one
# missing from a store is damage, and a table made anew in its place had hidden the loss (an
# "articles" table dropped by hand: stories printed of articles no longer there)
TABLES_SINCE = {
    1: (
        "meta",
        "articles",
        "article_urls",
        "minhash",
        "lsh_bands",
        "clusters",
        "cluster_meta",
        "cluster_members",
        "stories",
    ),
    2: ("article_analysis",),
    3: ("follow_sources", "follow_seen"),
}

# columns the story list reads, added to SQLite files of schema 1 by ``_migrate``
STORY_LIST_COLUMNS = {
    "title": "TEXT NOT NULL DEFAULT ''",
    "n_articles": "INTEGER NOT NULL DEFAULT 0",
    "n_outlets": "INTEGER NOT NULL DEFAULT 0",
    "n_outliers": "INTEGER NOT NULL DEFAULT 0",
    "first_published": "TEXT",
    "lead": "TEXT NOT NULL DEFAULT ''",
    "outlet_names": "TEXT NOT NULL DEFAULT ''",
    "search_text": "TEXT NOT NULL DEFAULT ''",
}

# columns added without a new schema version, to any store that lacks them: such stores are
# no damaged stores. Stores of schema 2 and 3 written before the analyses kept each article's
# parse (59dee8f) have no article_analysis.doc; stores of schema 3 written by the follower's
# release (fef1a78), before the front page's, no lead, outlet_names or search_text
ADDED_COLUMNS = {
    ("article_analysis", "doc"): "{blob}",
    **{("stories", c): STORY_LIST_COLUMNS[c] for c in ("lead", "outlet_names", "search_text")},
}

_ARTICLE_COLUMNS = ("id", "text", "title", "url", "source", "published", "language", "origin")
_COLS = ", ".join(_ARTICLE_COLUMNS)
_A_COLS = ", ".join("a." + c for c in _ARTICLE_COLUMNS)
_NEWEST_FIRST = "ORDER BY last_published IS NULL, last_published DESC, id"
_ROW_COLS = (
    "s.id, s.title, s.n_articles, s.n_outlets, s.n_outliers, s.first_published, "
    "s.last_published, s.lead, s.outlet_names"
)


# the largest integer SQLite and PostgreSQL (bigint) hold: a LIMIT or OFFSET past it is none at
# all or past every row (``stories --limit 99999999999999999999`` was an OverflowError traceback)
_MAX_COUNT = 2**63 - 1


def _passwords_hidden(data: dict[str, Any], shown: Mapping[str, str]) -> dict[str, Any]:
    """A story's data with its articles' url, origin ("path") and URLs as ``shown`` maps
    them (a page URL stored with its password to the same hidden)."""

    def article(page: dict[str, Any]) -> dict[str, Any]:
        out = dict(page)
        for key in ("url", "path"):
            if isinstance(out.get(key), str):
                out[key] = shown.get(out[key], out[key])
        if isinstance(out.get("urls"), list):
            out["urls"] = [shown.get(u, u) if isinstance(u, str) else u for u in out["urls"]]
        return out

    return {
        **data,
        **{
            key: [article(a) if isinstance(a, dict) else a for a in data[key]]
            for key in ("articles", "outliers")
            if isinstance(data.get(key), list)
        },
    }


def _count(n: int) -> int:
    """``n`` as a LIMIT or OFFSET the database takes."""
    return min(int(n), _MAX_COUNT)


class Connection(Protocol):
    """What the store needs of a DB-API connection (sqlite3 and psycopg both provide it)."""

    def execute(self, sql: str, params: Sequence[Any] = ..., /) -> Any: ...

    def cursor(self) -> Any: ...

    def close(self) -> None: ...


class Dialect(Protocol):
    """What differs between databases; everything else is ``SqlStore``."""

    @property
    def where(self) -> str:
        """The database as messages name it (a path, or a URL without its password)."""
        ...

    @property
    def types(self) -> Mapping[str, str]:
        """The {tokens} of ``_SCHEMA``."""
        ...

    @property
    def errors(self) -> tuple[type[BaseException], ...]:
        """The driver's exceptions."""
        ...

    def connect(self) -> Connection: ...

    def explain(self, exc: BaseException) -> str:
        """A failed write's driver message on one line, with what to do where the cause is
        known (``write_failure``; SQLite: the permission a read-only store lacks)."""
        ...

    def sql(self, statement: str) -> str:
        """``statement`` (written with ``?`` parameters) in this database's parameter style."""
        ...

    def begin(self, conn: Connection, lock_key: int) -> None:
        """Start a write transaction that excludes other writers of the same kind."""
        ...

    def commit(self, conn: Connection) -> None: ...

    def rollback(self, conn: Connection) -> None: ...

    def in_list(self, column: str, values: Sequence[Any]) -> tuple[str, list[Any]]:
        """A ``column IN (…)`` condition and its parameters."""
        ...

    def max_in_list(self) -> int | None:
        """How many values one IN-list may hold (None: no limit)."""
        ...

    def time_in(self, t: datetime | None) -> Any: ...

    def time_out(self, value: Any) -> datetime | None: ...

    def json_in(self, data: Mapping[str, Any]) -> Any: ...

    def json_out(self, value: Any) -> dict[str, Any]: ...

    def clustering_lock(self) -> AbstractContextManager[None]:
        """Held across a clusterer's whole pass, against other processes."""
        ...

    def reader(self) -> AbstractContextManager[Connection]:
        """A connection for reads that does not wait for the write connection."""
        ...

    def close_readers(self) -> None: ...

    def columns(self, conn: Connection) -> dict[str, set[str]]:
        """The database's tables (the store's own schema, or SQLite's file), each with the
        names of its columns."""
        ...

    def migrate(self, conn: Connection, found: int) -> None:
        """Bring a database of schema ``found`` (older) up to ``STORE_SCHEMA_VERSION``."""
        ...

    def search_schema(self) -> Sequence[str]:
        """Statements that create the full-text index over ``stories.search_text`` (run after
        ``migrate``, idempotent)."""
        ...

    def index_story(self, db: Any, story_id: str, text: str) -> None:
        """Keep the full-text index of one story current (inside its write transaction)."""
        ...

    def search_query(self, query: str) -> tuple[str, list[Any]] | None:
        """FROM/WHERE/ORDER BY (over ``stories s``) matching ``query`` best first, and its
        parameters; None when the query has no searchable word."""
        ...


# advisory lock keys ("nd" + a number), one per kind of state a writer changes
LOCK_SCHEMA = 0x6E64_0001
LOCK_ARTICLES = 0x6E64_0002
LOCK_STORIES = 0x6E64_0003
LOCK_CLUSTERS = 0x6E64_0004
LOCK_CLUSTERING = 0x6E64_0005
LOCK_FOLLOW = 0x6E64_0006


def driver_message(exc: BaseException) -> str:
    """A driver's message on one line, its lines parted by "; " (libpq's "Connection refused"
    and "Is the server running ...?" had run together)."""
    lines = (" ".join(ln.split()) for ln in str(exc).splitlines())
    return "; ".join(ln for ln in lines if ln) or type(exc).__name__


def write_failure(exc: BaseException) -> str:
    """``driver_message``, and where another process holds the write lock past the wait
    (SQLite's "database is locked"), that this is all: "schema not created: database is
    locked" had read as a broken store."""
    message = driver_message(exc)
    if "database is locked" in message:
        message += " (another process is writing to it; try again when it has finished)"
    return message


def _schema_version(where: str, value: Any) -> int:
    try:
        return int(value)
    except (TypeError, ValueError):
        raise StoreError(f"{where}: unreadable store schema version {value!r}") from None


def _refuse_missing_tables(where: str, version: int, tables: Collection[str]) -> None:
    """``StoreError`` when a store of schema ``version`` lacks a table it was created with."""
    missing = [
        name
        for since, names in TABLES_SINCE.items()
        if since <= version
        for name in names
        if name not in tables
    ]
    if missing:
        which = f"table{'s' if len(missing) > 1 else ''} {_listed(missing)}"
        _damaged(where, f"{which} missing (a store of schema {version} has {_them(missing)})")


def _refuse_missing_columns(where: str, schema: str, found: Mapping[str, set[str]]) -> None:
    """``StoreError`` when a table of ``found`` (migrated) lacks a column ``schema`` gives it:
    a column dropped by hand had been a traceback at the first read of it."""
    tables = (
        re.fullmatch(r"\s*CREATE TABLE IF NOT EXISTS (\w+) \((.*)\)[^)]*", statement, re.S)
        for statement in schema.split(";")
    )
    missing = [
        f"{table.group(1)}.{column}"
        for table in tables
        if table
        for item in re.split(r",(?![^()]*\))", table.group(2))  # commas outside ( )
        if (column := item.split()[0]) not in _CONSTRAINTS
        and column not in found.get(table.group(1), ())
    ]
    if missing:
        which = f"column{'s' if len(missing) > 1 else ''} {_listed(missing)}"
        _damaged(where, f"{which} missing (a store of this schema has {_them(missing)})")


# what opens a table constraint in a CREATE TABLE body, not a column
_CONSTRAINTS = {"PRIMARY", "UNIQUE", "FOREIGN", "CHECK", "CONSTRAINT"}


def _them(names: Sequence[str]) -> str:
    return "them" if len(names) > 1 else "it"


def _listed(names: Sequence[str], most: int = 6) -> str:
    """ "a, b, c" or "a, b, c, … (9 in all)": a store missing every column stays one line."""
    if len(names) <= most:
        return ", ".join(names)
    return f"{', '.join(names[:most])}, … ({len(names)} in all)"


def _damaged(where: str, what: str) -> NoReturn:
    raise StoreError(
        f"{where}: a damaged store: {what}; nothing was changed: restore it from a backup,"
        " or start a new store"
    )


def _now() -> datetime:
    return datetime.now(timezone.utc)


class SqlStore:
    """A ``Store`` over one SQL database; see the module docstring for what it promises."""

    def __init__(
        self,
        dialect: Dialect,
        *,
        near_duplicates: bool = True,
        threshold: float = dedup.THRESHOLD,
    ) -> None:
        self.dialect = dialect
        self.near_duplicates = near_duplicates
        self.lsh = dedup.LshParams(threshold=threshold)
        try:
            self._conn = dialect.connect()
        except StoreError:
            raise
        except dialect.errors as exc:
            raise StoreError(
                f"{dialect.where}: cannot open database: {driver_message(exc)}"
            ) from exc
        # one write connection; the lock keeps threads (a web server's pool) from interleaving
        # statements of different transactions on it
        self._lock = threading.RLock()
        self._cluster_lock = threading.RLock()
        self._cluster_depth = 0
        self._cluster_held: AbstractContextManager[None] | None = None
        with self._write("cannot open for writing", LOCK_SCHEMA) as db:
            tables = dialect.columns(db)
            found, scrubbed = None, None
            if "meta" in tables:
                row = db.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
                found = _schema_version(dialect.where, row[0]) if row else None
                scrubbed = db.execute(
                    "SELECT 1 FROM meta WHERE key = 'passwords_hidden'"
                ).fetchone()
            if found is not None and found > STORE_SCHEMA_VERSION:
                raise StoreError(
                    f"{dialect.where}: written by a newer newsdigest (store schema {found}, "
                    f"this one reads up to {STORE_SCHEMA_VERSION})"
                )
            if found is not None:
                _refuse_missing_tables(dialect.where, found, tables)
            schema = _SCHEMA.format(**dialect.types)
            for statement in schema.split(";"):
                if statement.strip():
                    db.execute(statement)
            if found is not None and found < STORE_SCHEMA_VERSION:
                dialect.migrate(db, found)
            added = self._add_columns(db) if found is not None else set()
            for statement in dialect.search_schema():
                db.execute(statement)
            if found is not None:  # (the tables just made have every column)
                _refuse_missing_columns(dialect.where, schema, dialect.columns(db))
            if found is not None and (found < STORE_SCHEMA_VERSION or "stories" in added):
                self._backfill_story_rows(db)
            if found != STORE_SCHEMA_VERSION:
                db.execute(
                    self._q(
                        "INSERT INTO meta (key, value) VALUES ('schema_version', ?) "
                        "ON CONFLICT (key) DO UPDATE SET value = excluded.value"
                    ),
                    (str(STORE_SCHEMA_VERSION),),
                )
        if found is not None and not scrubbed:  # once a store: newer code stores none
            try:
                with self._write("passwords not hidden", LOCK_SCHEMA) as db:
                    self._hide_stored_passwords(db)
                    db.execute(
                        self._q(
                            "INSERT INTO meta (key, value) VALUES ('passwords_hidden', '1') "
                            "ON CONFLICT (key) DO NOTHING"
                        )
                    )
            except StoreError:
                # a store this user may only read still opens (``serve`` reads one): its
                # passwords stay until a writer opens it; the pages hide a source's own
                pass

    @property
    def where(self) -> str:
        return self.dialect.where

    def _q(self, statement: str) -> str:
        return self.dialect.sql(statement)

    # ---- transactions -------------------------------------------------------------------

    @contextmanager
    def _write(self, what: str, lock_key: int) -> Iterator[Any]:
        """One write transaction; on any error (disk full at COMMIT too) nothing is committed."""
        d = self.dialect
        with self._lock:
            try:
                d.begin(self._writer(), lock_key)
            except d.errors as exc:
                if not _is_closed(self._conn):
                    raise StoreError(f"{d.where}: {what}: {d.explain(exc)}") from exc
                # the server dropped the connection since the last write (a restart): nothing
                # was begun, so once more on a new one. It had stayed closed, every later write
                # of a long-running server or follower failing ("the connection is closed")
                try:
                    d.begin(self._writer(), lock_key)
                except d.errors as again:
                    raise StoreError(f"{d.where}: {what}: {d.explain(again)}") from again
            try:
                yield _Cursor(self._conn, d)
                d.commit(self._conn)
            except BaseException as exc:
                with suppress(*d.errors):  # a failed COMMIT may have ended it already
                    d.rollback(self._conn)
                if isinstance(exc, d.errors):
                    raise StoreError(
                        f"{d.where}: {what} (nothing committed): {d.explain(exc)}"
                    ) from exc
                raise

    def _writer(self) -> Any:
        """The write connection, opened again if the server closed it (``StoreError`` when it
        cannot be)."""
        if _is_closed(self._conn):
            self._conn = self.dialect.connect()
        return self._conn

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        d = self.dialect
        for retry in (True, False):
            conn = None
            try:
                with d.reader() as conn:
                    return list(conn.execute(d.sql(sql), list(params)).fetchall())
            except d.errors as exc:
                if retry and _is_closed(conn):  # dropped by the server (a restart): reopened
                    continue
                raise StoreError(f"{d.where}: read failed: {driver_message(exc)}") from exc
        raise AssertionError("unreachable")

    def _in_chunks(self, values: Sequence[Any]) -> Iterator[Sequence[Any]]:
        size = self.dialect.max_in_list() or max(len(values), 1)
        for i in range(0, len(values), size):
            yield values[i : i + size]

    # ---- articles -------------------------------------------------------------------------

    def _row_article(self, row: Sequence[Any]) -> Article:
        return Article(
            id=row[0],
            text=row[1],
            title=row[2] or "",
            url=row[3],
            source=row[4],
            published=self.dialect.time_out(row[5]),
            language=row[6],
            origin=row[7],
        )

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store a batch in one transaction; see the module docstring for what is a duplicate."""
        batch = list(articles)
        # signatures are computed outside the transaction: the write lock is held briefly
        sigs = {a.id: dedup.signature(a.text) for a in batch} if self.near_duplicates else {}
        stored: list[str] = []
        duplicates: list[str] = []
        near: dict[str, str] = {}
        t = self.dialect.time_in
        with self._write("batch not stored", LOCK_ARTICLES) as db:
            for a in batch:
                url = a.url.strip() if a.url else None
                if db.one("SELECT 1 FROM articles WHERE id = ?", (a.id,)):
                    duplicates.append(a.id)
                    if url:
                        self._add_url(db, url, a.id)
                    continue
                if url and db.one("SELECT article_id FROM article_urls WHERE url = ?", (url,)):
                    duplicates.append(url)  # the same URL seen before (perhaps edited since)
                    continue
                if self.near_duplicates:
                    canonical = self._near_duplicate_of(db, sigs[a.id])
                    if canonical is not None:
                        near[a.id] = canonical
                        duplicates.append(a.id)
                        if url:
                            self._add_url(db, url, canonical)
                        continue
                db.execute(
                    f"INSERT INTO articles ({_COLS}, added_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (a.id, a.text, a.title or "", url, a.source, t(a.published), a.language,
                     a.origin, t(_now())),
                )  # fmt: skip
                stored.append(a.id)
                if url:
                    self._add_url(db, url, a.id)
                if self.near_duplicates:
                    sig = sigs[a.id]
                    db.execute(
                        "INSERT INTO minhash (article_id, signature) VALUES (?, ?)",
                        (a.id, dedup.to_bytes(sig)),
                    )
                    db.executemany(
                        "INSERT INTO lsh_bands (band, key, article_id) VALUES (?, ?, ?) "
                        "ON CONFLICT DO NOTHING",
                        [(b, k, a.id) for b, k in dedup.band_keys(sig, self.lsh)],
                    )
        return AddResult(stored=tuple(stored), duplicates=tuple(duplicates), near_duplicates=near)

    def _near_duplicate_of(self, db: _Cursor, sig: Any) -> str | None:
        """The earliest stored article whose signature is within the threshold, if any."""
        keys = dedup.band_keys(sig, self.lsh)
        where = " OR ".join(["(band = ? AND key = ?)"] * len(keys))
        rows = db.all(
            "SELECT m.article_id, m.signature FROM minhash m JOIN articles a ON a.id = m.article_id "
            f"WHERE m.article_id IN (SELECT article_id FROM lsh_bands WHERE {where}) "
            "ORDER BY a.seq",
            [v for pair in keys for v in pair],
        )
        for article_id, blob in rows:
            if dedup.similar(sig, dedup.from_bytes(bytes(blob)), self.lsh.threshold):
                return str(article_id)
        return None

    @staticmethod
    def _add_url(db: _Cursor, url: str, article_id: str) -> None:
        db.execute(
            "INSERT INTO article_urls (url, article_id, seq) "
            "VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM article_urls)) "
            "ON CONFLICT DO NOTHING",
            (url, article_id),
        )

    def get_articles(
        self, since: datetime | None = None, ids: Sequence[str] | None = None
    ) -> list[Article]:
        """Articles in stored order, published at or after ``since`` and/or among ``ids``."""
        where: list[str] = []
        params: list[Any] = []
        if since is not None:
            where.append("published >= ?")
            params.append(self.dialect.time_in(since))
        if ids is not None:
            unique = list(dict.fromkeys(ids))
            if not unique:
                return []
            found: dict[str, tuple[int, Article]] = {}
            for chunk in self._in_chunks(unique):
                cond, values = self.dialect.in_list("id", chunk)
                sql = f"SELECT seq, {_COLS} FROM articles WHERE " + " AND ".join([*where, cond])
                for row in self._read(sql, [*params, *values]):
                    found[row[1]] = (int(row[0]), self._row_article(row[1:]))
            return [a for _, a in sorted(found.values(), key=lambda p: p[0])]
        sql = f"SELECT {_COLS} FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [self._row_article(r) for r in self._read(sql + " ORDER BY seq", params)]

    def urls(self, article_id: str) -> tuple[str, ...]:
        return self.urls_of([article_id]).get(article_id, ())

    def urls_of(self, article_ids: Sequence[str]) -> dict[str, tuple[str, ...]]:
        """Every URL each article was seen under (near-duplicates' URLs included), in order."""
        out: dict[str, list[str]] = {}
        for chunk in self._in_chunks(list(dict.fromkeys(article_ids))):
            cond, values = self.dialect.in_list("article_id", chunk)
            for aid, url in self._read(
                f"SELECT article_id, url FROM article_urls WHERE {cond} ORDER BY seq", values
            ):
                out.setdefault(aid, []).append(url)
        return {k: tuple(v) for k, v in out.items()}

    def count_articles(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM articles")[0][0])

    # ---- per-article analysis (computed once, when stored) --------------------------------

    def save_analyses(self, analyses: Mapping[str, AnalysisRecord], version: int) -> None:
        """Keep each article's analysis (sentence spans, parse…) made under ``version``."""
        j = self.dialect.json_in
        with self._write("analyses not saved", LOCK_ARTICLES) as db:
            db.executemany(
                "INSERT INTO article_analysis (article_id, version, data, doc) "
                "VALUES (?, ?, ?, ?) ON CONFLICT (article_id) DO UPDATE SET "
                "version = excluded.version, data = excluded.data, doc = excluded.doc",
                [(aid, version, j(r.data), r.doc) for aid, r in sorted(analyses.items())],
            )

    def get_analyses(self, article_ids: Sequence[str], version: int) -> dict[str, AnalysisRecord]:
        """The stored analyses of ``article_ids`` made under ``version`` (others are absent)."""
        out: dict[str, AnalysisRecord] = {}
        for chunk in self._in_chunks(list(dict.fromkeys(article_ids))):
            cond, values = self.dialect.in_list("article_id", chunk)
            rows = self._read(
                f"SELECT article_id, data, doc FROM article_analysis WHERE version = ? AND {cond}",
                [version, *values],
            )
            out.update(
                (aid, AnalysisRecord(self.dialect.json_out(data), bytes(doc) if doc else None))
                for aid, data, doc in rows
            )
        return out

    # ---- clustering state -----------------------------------------------------------------

    @contextmanager
    def clustering_lock(self) -> Iterator[None]:
        """Hold the clustering state for one whole pass (load, assign, save, digest): another
        thread or process that clusters waits here instead of working from the same state."""
        with self._cluster_lock:  # re-entrant in this thread; others wait here
            self._cluster_depth += 1
            try:
                if self._cluster_depth == 1:
                    try:
                        self._cluster_held = self.dialect.clustering_lock()
                        self._cluster_held.__enter__()
                    except self.dialect.errors as exc:
                        raise StoreError(
                            f"{self.where}: clustering lock: {driver_message(exc)}"
                        ) from exc
                try:
                    yield
                finally:
                    if self._cluster_depth == 1 and self._cluster_held is not None:
                        held, self._cluster_held = self._cluster_held, None
                        held.__exit__(None, None, None)
            finally:
                self._cluster_depth -= 1

    def unclustered(self, limit: int | None = None) -> list[Article]:
        """Articles not yet assigned to a cluster, oldest first (stored order)."""
        sql = (
            f"SELECT {_A_COLS} FROM articles a LEFT JOIN cluster_members m "
            "ON m.article_id = a.id WHERE m.article_id IS NULL ORDER BY a.seq"
        )
        params: list[Any] = []
        if limit is not None:
            sql += " LIMIT ?"
            params.append(_count(limit))
        return [self._row_article(r) for r in self._read(sql, params)]

    def unclustered_dated(self) -> bool:
        """Whether any article not yet assigned to a cluster has a publication time."""
        sql = (
            "SELECT 1 FROM articles a LEFT JOIN cluster_members m ON m.article_id = a.id "
            "WHERE m.article_id IS NULL AND a.published IS NOT NULL LIMIT 1"
        )
        return bool(self._read(sql, []))

    def load_clusters(self, active_since: datetime | None = None) -> list[ClusterRow]:
        """Clusters that can still take articles: last published at or after ``active_since``
        or undated; all of them when ``active_since`` is None."""
        sql = "SELECT id, seq, size, first_published, last_published, state FROM clusters"
        params: list[Any] = []
        if active_since is not None:
            sql += " WHERE last_published IS NULL OR last_published >= ?"
            params.append(self.dialect.time_in(active_since))
        out = self.dialect.time_out
        return [
            ClusterRow(r[0], int(r[1]), int(r[2]), out(r[3]), out(r[4]), bytes(r[5]))
            for r in self._read(sql + " ORDER BY seq", params)
        ]

    def load_cluster_meta(self, key: str) -> bytes | None:
        rows = self._read("SELECT value FROM cluster_meta WHERE key = ?", (key,))
        return bytes(rows[0][0]) if rows else None

    def save_clustering(
        self,
        clusters: Sequence[ClusterRow],
        assignments: Mapping[str, str],
        meta: Mapping[str, bytes] | None = None,
    ) -> None:
        """Upsert changed clusters, article → cluster and the clusterer's shared state (``meta``,
        e.g. document frequencies), in one transaction."""
        t = self.dialect.time_in
        with self._write("clustering not saved", LOCK_CLUSTERS) as db:
            db.executemany(
                "INSERT INTO cluster_meta (key, value) VALUES (?, ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                sorted((meta or {}).items()),
            )
            db.executemany(
                "INSERT INTO clusters (id, seq, size, first_published, last_published, state) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET size = excluded.size, "
                "first_published = excluded.first_published, "
                "last_published = excluded.last_published, state = excluded.state",
                [
                    (c.id, c.seq, c.size, t(c.first_published), t(c.last_published), c.state)
                    for c in clusters
                ],
            )
            db.executemany(
                "INSERT INTO cluster_members (article_id, cluster_id) VALUES (?, ?) "
                "ON CONFLICT (article_id) DO UPDATE SET cluster_id = excluded.cluster_id",
                sorted(assignments.items()),
            )

    def story_settings(self) -> str | None:
        """The settings (``StoryConfig.fingerprint``) the stored stories were built with."""
        rows = self._read("SELECT value FROM meta WHERE key = 'story_settings'")
        return str(rows[0][0]) if rows else None

    def change_story_settings(self, settings: str) -> None:
        """Record new settings and mark every stored story stale, so that each is rebuilt with
        them (one transaction: no story is left counted as built with settings it was not)."""
        with self._write("story settings not saved", LOCK_CLUSTERS) as db:
            db.execute("UPDATE stories SET built_size = -1")
            db.execute(
                "INSERT INTO meta (key, value) VALUES ('story_settings', ?) "
                "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
                (settings,),
            )

    def max_cluster_seq(self) -> int:
        return int(self._read("SELECT COALESCE(MAX(seq), 0) FROM clusters")[0][0])

    def stale_clusters(self) -> list[str]:
        """Clusters whose story is missing or was built from fewer articles than they hold."""
        rows = self._read(
            "SELECT c.id FROM clusters c LEFT JOIN stories s ON s.id = c.id "
            "WHERE s.id IS NULL OR s.built_size != c.size ORDER BY c.seq"
        )
        return [r[0] for r in rows]

    def cluster_articles(self, cluster_id: str) -> list[Article]:
        rows = self._read(
            f"SELECT {_A_COLS} FROM cluster_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.cluster_id = ? ORDER BY a.seq",
            (cluster_id,),
        )
        return [self._row_article(r) for r in rows]

    def cluster_of(self, article_ids: Sequence[str]) -> dict[str, str]:
        """The cluster of each of ``article_ids`` that is clustered."""
        out: dict[str, str] = {}
        for chunk in self._in_chunks(list(dict.fromkeys(article_ids))):
            cond, values = self.dialect.in_list("article_id", chunk)
            out.update(
                self._read(
                    f"SELECT article_id, cluster_id FROM cluster_members WHERE {cond}", values
                )
            )
        return out

    # ---- stories --------------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        d = self.dialect
        with self._write("stories not saved", LOCK_STORIES) as db:
            for story in stories:
                data = story_to_dict(story, with_spans=True)
                row = story_list_fields(data)
                search = story_search_text(data)
                db.execute(
                    "INSERT INTO stories (id, data, title, n_articles, n_outlets, n_outliers, "
                    "first_published, last_published, built_size, updated_at, lead, "
                    "outlet_names, search_text) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET "
                    "data = excluded.data, title = excluded.title, "
                    "n_articles = excluded.n_articles, n_outlets = excluded.n_outlets, "
                    "n_outliers = excluded.n_outliers, first_published = excluded.first_published, "
                    "last_published = excluded.last_published, built_size = excluded.built_size, "
                    "updated_at = excluded.updated_at, lead = excluded.lead, "
                    "outlet_names = excluded.outlet_names, search_text = excluded.search_text",
                    (
                        story.id,
                        d.json_in(data),
                        row.title,
                        row.articles,
                        row.outlets,
                        row.outliers,
                        d.time_in(row.first),
                        d.time_in(row.last),
                        len(story.articles),
                        d.time_in(_now()),
                        row.lead,
                        "\n".join(row.outlet_names),
                        search,
                    ),
                )
                d.index_story(db, story.id, search)

    def _add_columns(self, db: Any) -> set[str]:
        """Add the ``ADDED_COLUMNS`` a store lacks (before its search index, which may read
        one); the tables so changed."""
        have = self.dialect.columns(db)
        added: set[str] = set()
        for (table, column), kind in ADDED_COLUMNS.items():
            if table in have and column not in have[table]:
                kind = kind.format(**self.dialect.types)
                db.execute(f"ALTER TABLE {table} ADD COLUMN {column} {kind}")
                added.add(table)
        return added

    def _backfill_story_rows(self, db: _Cursor) -> None:
        """Fill the story list's and search's columns from each stored story (after a
        migration)."""
        d = self.dialect
        for story_id, raw in db.all("SELECT id, data FROM stories"):
            data = d.json_out(raw)
            row = story_list_fields(data)
            search = story_search_text(data)
            db.execute(
                "UPDATE stories SET title = ?, n_articles = ?, n_outlets = ?, n_outliers = ?, "
                "first_published = ?, last_published = ?, lead = ?, outlet_names = ?, "
                "search_text = ? WHERE id = ?",
                (row.title, row.articles, row.outlets, row.outliers, d.time_in(row.first),
                 d.time_in(row.last), row.lead, "\n".join(row.outlet_names), search, story_id),
            )  # fmt: skip
            d.index_story(db, story_id, search)

    def _hide_stored_passwords(self, db: _Cursor) -> None:
        """Passwords in URLs stored by older code (before 8767afd and ab933ac: a followed
        feed's ``http://user:pw@host/`` in its state, an OPML list's child feeds, seen entries,
        pages' url and origin, the stories citing them) hidden as newer code stores them. They
        had stayed, shown in the API and the pages' links, until each list was read whole
        again. A list whose children held one loses its validators: it is read whole next
        round, which gives them again (``follow.round._stored_children``). Nothing is written
        where nothing holds one, so a read-only store still opens."""
        maybe = ("%://%:%@%",)  # what a URL with a password matches (and a few without)
        fix = hide_passwords
        for url, children in db.all(
            "SELECT url, children FROM follow_sources WHERE url LIKE ? OR children LIKE ?",
            maybe * 2,
        ):
            hidden, kept = fix(url), "\n".join(fix(c) for c in children.split())
            if (hidden, kept) == (url, "\n".join(children.split())):
                continue
            if hidden != url and db.one("SELECT 1 FROM follow_sources WHERE url = ?", (hidden,)):
                db.execute("DELETE FROM follow_sources WHERE url = ?", (url,))  # newer state kept
                continue
            db.execute(
                "UPDATE follow_sources SET url = ?, children = ?, etag = NULL, "
                "last_modified = NULL WHERE url = ?",
                (hidden, kept, url),
            )
        pages: dict[str, str] = {}  # each page URL changed, as it is shown now
        for (url,) in db.all("SELECT url FROM follow_seen WHERE url LIKE ?", maybe):
            hidden = fix(url)
            if hidden == url:
                continue
            if db.one("SELECT 1 FROM follow_seen WHERE url = ?", (hidden,)):
                db.execute("DELETE FROM follow_seen WHERE url = ?", (url,))
            else:
                db.execute("UPDATE follow_seen SET url = ? WHERE url = ?", (hidden, url))
            # the page the follower stored under it (its canonical URL is seen too); pages
            # ingested from files or POSTed keep their URLs, as newer code keeps them
            row = db.one("SELECT article_id FROM article_urls WHERE url = ?", (url,))
            if row is None:
                continue
            if db.one("SELECT 1 FROM article_urls WHERE url = ?", (hidden,)):
                db.execute("DELETE FROM article_urls WHERE url = ?", (url,))
            else:
                db.execute("UPDATE article_urls SET url = ? WHERE url = ?", (hidden, url))
            pages[url] = hidden
            page = db.one("SELECT url, origin FROM articles WHERE id = ?", (row[0],))
            shown = tuple(fix(v) if v else v for v in page)
            if shown != tuple(page):
                db.execute("UPDATE articles SET url = ?, origin = ? WHERE id = ?", (*shown, row[0]))
        if pages:  # a story keeps its articles' url, origin ("path") and URLs in its data
            d = self.dialect
            for story_id, raw in db.all("SELECT id, data FROM stories"):
                data = d.json_out(raw)
                shown_data = _passwords_hidden(data, pages)
                if shown_data != data:
                    db.execute(
                        "UPDATE stories SET data = ? WHERE id = ?",
                        (d.json_in(shown_data), story_id),
                    )

    def list_stories(self, since: datetime | None = None, limit: int | None = None) -> list[Story]:
        """Stories newest first (by their latest article), undated last, then by id."""
        sql = "SELECT data FROM stories"
        params: list[Any] = []
        if since is not None:
            sql += " WHERE last_published >= ?"
            params.append(self.dialect.time_in(since))
        sql += " " + _NEWEST_FIRST
        if limit is not None:
            sql += " LIMIT ?"
            params.append(_count(limit))
        return self._stories([self.dialect.json_out(r[0]) for r in self._read(sql, params)])

    def story_rows(
        self,
        limit: int,
        offset: int = 0,
        *,
        min_articles: int = 1,
        max_articles: int | None = None,
        since: datetime | None = None,
    ) -> list[StoryRow]:
        """The story list's figures in ``list_stories`` order, without loading any story;
        only stories of ``min_articles``..``max_articles`` articles (the front page puts
        single-article stories apart) and, with ``since``, with an article published then or
        later (as ``list_stories``)."""
        where = "WHERE n_articles >= ?"
        params: list[Any] = [int(min_articles)]
        if max_articles is not None:
            where += " AND n_articles <= ?"
            params.append(int(max_articles))
        if since is not None:
            where += " AND last_published >= ?"
            params.append(self.dialect.time_in(since))
        rows = self._read(
            f"SELECT {_ROW_COLS} FROM stories s {where} {_NEWEST_FIRST} LIMIT ? OFFSET ?",
            [*params, _count(limit), _count(offset)],
        )
        return [self._story_row(r) for r in rows]

    def search_stories(self, query: str, limit: int, offset: int = 0) -> list[StoryRow]:
        """Stories whose title, digest or entities match ``query`` (every word, stemmed), best
        match first: SQLite FTS5 (bm25) or PostgreSQL full-text search (ts_rank)."""
        found = self.dialect.search_query(query)
        if found is None:
            return []
        clause, params = found
        rows = self._read(
            f"SELECT {_ROW_COLS} {clause} LIMIT ? OFFSET ?",
            [*params, _count(limit), _count(offset)],
        )
        return [self._story_row(r) for r in rows]

    def _story_row(self, r: Sequence[Any]) -> StoryRow:
        out = self.dialect.time_out
        return StoryRow(
            id=r[0],
            title=r[1],
            articles=int(r[2]),
            outlets=int(r[3]),
            outliers=int(r[4]),
            first=out(r[5]),
            last=out(r[6]),
            lead=r[7] or "",
            outlet_names=tuple(n for n in (r[8] or "").split("\n") if n),
        )

    def get_story(self, story_id: str) -> Story | None:
        if "\x00" in story_id:  # no id has one, and PostgreSQL refuses it as a parameter
            return None
        rows = self._read("SELECT data FROM stories WHERE id = ?", (story_id,))
        return self._stories([self.dialect.json_out(rows[0][0])])[0] if rows else None

    def _stories(self, dicts: list[dict[str, Any]]) -> list[Story]:
        """Stories with their articles' texts and URLs, fetched in one query per IN-list.

        The URLs are read now, not kept from the build: a syndicated copy that arrives later
        is stored as a URL of the article it duplicates and changes no story, yet its outlet
        must be listed with the story from then on."""
        ids = sorted(
            {
                d["id"]
                for data in dicts
                for d in [*data.get("articles", ()), *data.get("outliers", ())]
            }
        )
        texts = {a.id: a for a in self.get_articles(ids=ids)} if ids else {}
        urls = self.urls_of(ids) if ids else {}
        stories = [story_from_dict(data, texts) for data in dicts]
        return [
            replace(
                s,
                urls={
                    a.id: tuple(dict.fromkeys([*s.urls.get(a.id, ()), *urls.get(a.id, ())]))
                    for a in s.articles
                    if a.id in s.urls or a.id in urls
                },
            )
            for s in stories
        ]

    # ---- the follower's state ----------------------------------------------------------

    def source_states(self, urls: Sequence[str] | None = None) -> list[SourceState]:
        """The stored state of ``urls`` (all sources when None), by URL."""
        sql = (
            "SELECT url, etag, last_modified, last_fetch, last_ok, last_error, children "
            "FROM follow_sources"
        )
        rows: list[Any] = []
        if urls is None:
            rows = self._read(sql)
        else:
            for chunk in self._in_chunks(list(dict.fromkeys(urls))):
                cond, values = self.dialect.in_list("url", chunk)
                rows.extend(self._read(f"{sql} WHERE {cond}", values))
        out = self.dialect.time_out
        states = [
            SourceState(r[0], r[1], r[2], out(r[3]), out(r[4]), r[5], tuple(r[6].split()))
            for r in rows
        ]
        return sorted(states, key=lambda s: s.url)

    def save_source_state(self, state: SourceState) -> None:
        t = self.dialect.time_in
        with self._write("source state not saved", LOCK_FOLLOW) as db:
            db.execute(
                "INSERT INTO follow_sources (url, etag, last_modified, last_fetch, last_ok, "
                "last_error, children) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (url) DO UPDATE "
                "SET etag = excluded.etag, last_modified = excluded.last_modified, "
                "last_fetch = excluded.last_fetch, last_ok = excluded.last_ok, "
                "last_error = excluded.last_error, children = excluded.children",
                (state.url, state.etag, state.last_modified, t(state.last_fetch),
                 t(state.last_ok), state.last_error, "\n".join(state.children)),
            )  # fmt: skip

    def seen_urls(self, urls: Sequence[str]) -> frozenset[str]:
        """Those of ``urls`` the follower has already handled (stored, duplicate or rejected)."""
        found: set[str] = set()
        for chunk in self._in_chunks(list(dict.fromkeys(urls))):
            cond, values = self.dialect.in_list("url", chunk)
            found.update(
                r[0] for r in self._read(f"SELECT url FROM follow_seen WHERE {cond}", values)
            )
        return frozenset(found)

    def mark_seen(self, outcomes: Mapping[str, str]) -> None:
        """Remember entry URLs as handled, each with its outcome (stored, duplicate, rejected…)."""
        now = self.dialect.time_in(_now())
        with self._write("seen URLs not saved", LOCK_FOLLOW) as db:
            db.executemany(
                "INSERT INTO follow_seen (url, outcome, seen_at) VALUES (?, ?, ?) "
                "ON CONFLICT (url) DO UPDATE SET outcome = excluded.outcome",
                [(url, outcome, now) for url, outcome in sorted(outcomes.items())],
            )

    # ---- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self.dialect.close_readers()
            self._conn.close()

    def __enter__(self) -> SqlStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def _is_closed(conn: Any) -> bool:
    """Whether a driver connection is closed or broken (psycopg says so; an SQLite file's
    connection never breaks)."""
    return bool(getattr(conn, "closed", False))


class _Cursor:
    """The write connection inside a transaction, speaking ``?`` parameters on any database."""

    def __init__(self, conn: Connection, dialect: Dialect) -> None:
        self._conn = conn
        self._dialect = dialect

    def execute(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self._conn.execute(self._dialect.sql(sql), list(params))

    def executemany(self, sql: str, rows: Iterable[Sequence[Any]]) -> None:
        rows = list(rows)
        if not rows:
            return
        self._conn.cursor().executemany(self._dialect.sql(sql), [list(r) for r in rows])

    def one(self, sql: str, params: Sequence[Any] = ()) -> Any:
        return self.execute(sql, params).fetchone()

    def all(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        return list(self.execute(sql, params).fetchall())

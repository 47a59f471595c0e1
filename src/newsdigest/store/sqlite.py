"""SQLite store: one file, WAL mode, one transaction per call, idempotent writes.

Articles are keyed by content hash (``Article.id``) and by URL. Re-adding an article stores
nothing; a URL already stored keeps the text first stored under it (an edited page is a new
version the reader has not asked for: the URL is reported as a duplicate and nothing changes).
A near-duplicate (a syndicated copy under other boilerplate, found with MinHash LSH) is not
stored again: its URL is added to the article it copies.

Crash safety: every write call is one ``BEGIN IMMEDIATE … COMMIT`` in WAL mode with
``synchronous=FULL``, so a process killed at any point keeps every committed call and none of
the call in flight; rerunning the same ingest stores exactly what is missing.

Besides the ``Store`` protocol it keeps the incremental clustering state (one row per cluster,
an opaque blob the clusterer owns) and which articles each cluster holds.
"""

from __future__ import annotations

import json
import sqlite3
import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from newsdigest import dedup
from newsdigest.errors import StoreError
from newsdigest.model import Article, Story
from newsdigest.serialize import story_from_dict, story_to_dict
from newsdigest.store.base import AddResult, ClusterRow

SCHEMA_VERSION = 1

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS articles (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    text TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    url TEXT,
    source TEXT,
    published TEXT,
    language TEXT,
    origin TEXT,
    added_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS article_urls (
    url TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    seq INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS article_urls_article ON article_urls (article_id);
CREATE TABLE IF NOT EXISTS minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    signature BLOB NOT NULL
);
CREATE TABLE IF NOT EXISTS lsh_bands (
    band INTEGER NOT NULL,
    key BLOB NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (band, key, article_id)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    size INTEGER NOT NULL,
    first_published TEXT,
    last_published TEXT,
    state BLOB NOT NULL
);
CREATE INDEX IF NOT EXISTS clusters_last ON clusters (last_published);
CREATE TABLE IF NOT EXISTS cluster_meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS cluster_members (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    cluster_id TEXT NOT NULL REFERENCES clusters (id)
);
CREATE INDEX IF NOT EXISTS cluster_members_cluster ON cluster_members (cluster_id);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    data TEXT NOT NULL,
    last_published TEXT,
    built_size INTEGER NOT NULL DEFAULT 0,
    updated_at TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS stories_recent ON stories (last_published);
"""

_ARTICLE_COLUMNS = "id, text, title, url, source, published, language, origin"


def iso(t: datetime | None) -> str | None:
    """UTC ISO-8601, so that text comparison in SQL is time order (naive = UTC)."""
    if t is None:
        return None
    if t.tzinfo is None:
        t = t.replace(tzinfo=timezone.utc)
    return t.astimezone(timezone.utc).isoformat()


def _parse(value: str | None) -> datetime | None:
    return datetime.fromisoformat(value) if value else None


def _row_article(row: Sequence[Any]) -> Article:
    return Article(
        id=row[0],
        text=row[1],
        title=row[2] or "",
        url=row[3],
        source=row[4],
        published=_parse(row[5]),
        language=row[6],
        origin=row[7],
    )


def _now() -> str:
    return datetime.now(timezone.utc).isoformat()


class SqliteStore:
    """A ``Store`` in one SQLite file (created on first use)."""

    def __init__(
        self, path: str | Path, *, near_duplicates: bool = True, threshold: float = dedup.THRESHOLD
    ) -> None:
        self.path = Path(path)
        self.near_duplicates = near_duplicates
        self.lsh = dedup.LshParams(threshold=threshold)
        try:
            if self.path.parent and not self.path.parent.exists():
                raise StoreError(f"{self.path}: folder {self.path.parent} does not exist")
            self._conn = sqlite3.connect(
                str(self.path), isolation_level=None, check_same_thread=False, timeout=30
            )
            self._conn.execute("PRAGMA journal_mode=WAL")
            self._conn.execute("PRAGMA synchronous=FULL")
            self._conn.execute("PRAGMA foreign_keys=ON")
        except sqlite3.Error as exc:
            raise StoreError(f"{self.path}: cannot open database: {exc}") from exc
        self._lock = threading.RLock()
        with self._write("schema not created"):
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    self._conn.execute(statement)
            row = self._conn.execute("SELECT value FROM meta WHERE key='schema_version'").fetchone()
            if row is None:
                self._conn.execute(
                    "INSERT INTO meta (key, value) VALUES ('schema_version', ?)",
                    (str(SCHEMA_VERSION),),
                )
            elif int(row[0]) > SCHEMA_VERSION:
                raise StoreError(f"{self.path}: written by a newer newsdigest (schema {row[0]})")

    # ---- transactions -------------------------------------------------------------------

    @contextmanager
    def _write(self, what: str) -> Iterator[sqlite3.Connection]:
        """One write transaction; on any error nothing of it is committed."""
        with self._lock:
            try:
                self._conn.execute("BEGIN IMMEDIATE")
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: {what}: {exc}") from exc
            try:
                yield self._conn
            except BaseException as exc:
                self._conn.execute("ROLLBACK")
                if isinstance(exc, sqlite3.Error):
                    raise StoreError(f"{self.path}: {what} (nothing committed): {exc}") from exc
                raise
            else:
                self._conn.execute("COMMIT")

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                return self._conn.execute(sql, params).fetchall()
            except sqlite3.Error as exc:
                raise StoreError(f"{self.path}: read failed: {exc}") from exc

    # ---- articles -------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store a batch in one transaction; see the module docstring for what is a duplicate."""
        batch = list(articles)
        # signatures are computed outside the transaction: the write lock is held briefly
        sigs = {a.id: dedup.signature(a.text) for a in batch} if self.near_duplicates else {}
        stored: list[str] = []
        duplicates: list[str] = []
        near: dict[str, str] = {}
        with self._write("batch not stored") as db:
            for a in batch:
                url = a.url.strip() if a.url else None
                if db.execute("SELECT 1 FROM articles WHERE id = ?", (a.id,)).fetchone():
                    duplicates.append(a.id)
                    if url:
                        self._add_url(db, url, a.id)
                    continue
                if url:
                    owner = db.execute(
                        "SELECT article_id FROM article_urls WHERE url = ?", (url,)
                    ).fetchone()
                    if owner is not None:
                        duplicates.append(url)
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
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}, added_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    (
                        a.id,
                        a.text,
                        a.title or "",
                        url,
                        a.source,
                        iso(a.published),
                        a.language,
                        a.origin,
                        _now(),
                    ),
                )
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
                        "INSERT OR IGNORE INTO lsh_bands (band, key, article_id) VALUES (?, ?, ?)",
                        [(b, k, a.id) for b, k in dedup.band_keys(sig, self.lsh)],
                    )
        return AddResult(stored=tuple(stored), duplicates=tuple(duplicates), near_duplicates=near)

    def _near_duplicate_of(self, db: sqlite3.Connection, sig: Any) -> str | None:
        """The earliest stored article whose signature is within the threshold, if any."""
        keys = dedup.band_keys(sig, self.lsh)
        where = " OR ".join(["(band = ? AND key = ?)"] * len(keys))
        params = [v for pair in keys for v in pair]
        rows = db.execute(
            "SELECT m.article_id, m.signature FROM minhash m JOIN articles a ON a.id = m.article_id "
            f"WHERE m.article_id IN (SELECT article_id FROM lsh_bands WHERE {where}) "
            "ORDER BY a.seq",
            params,
        ).fetchall()
        for article_id, blob in rows:
            if dedup.similar(sig, dedup.from_bytes(blob), self.lsh.threshold):
                return str(article_id)
        return None

    @staticmethod
    def _add_url(db: sqlite3.Connection, url: str, article_id: str) -> None:
        db.execute(
            "INSERT OR IGNORE INTO article_urls (url, article_id, seq) "
            "VALUES (?, ?, (SELECT COALESCE(MAX(seq), 0) + 1 FROM article_urls))",
            (url, article_id),
        )

    def get_articles(
        self, since: datetime | None = None, ids: Sequence[str] | None = None
    ) -> list[Article]:
        where: list[str] = []
        params: list[Any] = []
        if since is not None:
            where.append("published >= ?")
            params.append(iso(since))
        if ids is not None:
            ids = list(dict.fromkeys(ids))
            if len(ids) > 500:  # keep under SQLite's bound-variable limit
                found = {
                    a.id: a
                    for i in range(0, len(ids), 500)
                    for a in self.get_articles(since, ids[i : i + 500])
                }
                return sorted(found.values(), key=lambda a: self._seq(a.id))
            if not ids:
                return []
            where.append(f"id IN ({','.join('?' * len(ids))})")
            params.extend(ids)
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_row_article(r) for r in self._read(sql + " ORDER BY seq", params)]

    def _seq(self, article_id: str) -> int:
        rows = self._read("SELECT seq FROM articles WHERE id = ?", (article_id,))
        return int(rows[0][0]) if rows else 0

    def urls(self, article_id: str) -> tuple[str, ...]:
        rows = self._read(
            "SELECT url FROM article_urls WHERE article_id = ? ORDER BY seq", (article_id,)
        )
        return tuple(r[0] for r in rows)

    def count_articles(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM articles")[0][0])

    # ---- clustering state -----------------------------------------------------------------

    def unclustered(self, limit: int | None = None) -> list[Article]:
        """Articles not yet assigned to a cluster, oldest first (stored order)."""
        sql = (
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))} "
            "FROM articles a LEFT JOIN cluster_members m ON m.article_id = a.id "
            "WHERE m.article_id IS NULL ORDER BY a.seq"
        )
        if limit is not None:
            sql += f" LIMIT {int(limit)}"
        return [_row_article(r) for r in self._read(sql)]

    def load_clusters(self, active_since: datetime | None = None) -> list[ClusterRow]:
        """Clusters that can still take articles: last published at or after ``active_since``
        or undated; all of them when ``active_since`` is None."""
        sql = "SELECT id, seq, size, first_published, last_published, state FROM clusters"
        params: list[Any] = []
        if active_since is not None:
            sql += " WHERE last_published IS NULL OR last_published >= ?"
            params.append(iso(active_since))
        rows = self._read(sql + " ORDER BY seq", params)
        return [
            ClusterRow(r[0], int(r[1]), int(r[2]), _parse(r[3]), _parse(r[4]), bytes(r[5]))
            for r in rows
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
        with self._write("clustering not saved") as db:
            db.executemany(
                "INSERT OR REPLACE INTO cluster_meta (key, value) VALUES (?, ?)",
                sorted((meta or {}).items()),
            )
            db.executemany(
                "INSERT INTO clusters (id, seq, size, first_published, last_published, state) "
                "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET size = excluded.size, "
                "first_published = excluded.first_published, "
                "last_published = excluded.last_published, state = excluded.state",
                [
                    (c.id, c.seq, c.size, iso(c.first_published), iso(c.last_published), c.state)
                    for c in clusters
                ],
            )
            db.executemany(
                "INSERT OR REPLACE INTO cluster_members (article_id, cluster_id) VALUES (?, ?)",
                sorted(assignments.items()),
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
            f"SELECT {', '.join('a.' + c.strip() for c in _ARTICLE_COLUMNS.split(','))} "
            "FROM cluster_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.cluster_id = ? ORDER BY a.seq",
            (cluster_id,),
        )
        return [_row_article(r) for r in rows]

    def cluster_of(self) -> dict[str, str]:
        """Every clustered article id → its cluster id."""
        return {a: c for a, c in self._read("SELECT article_id, cluster_id FROM cluster_members")}

    # ---- stories --------------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        with self._write("stories not saved") as db:
            for story in stories:
                data = story_to_dict(story)
                db.execute(
                    "INSERT INTO stories (id, data, last_published, built_size, updated_at) "
                    "VALUES (?, ?, ?, ?, ?) ON CONFLICT (id) DO UPDATE SET data = excluded.data, "
                    "last_published = excluded.last_published, "
                    "built_size = excluded.built_size, updated_at = excluded.updated_at",
                    (
                        story.id,
                        json.dumps(data, ensure_ascii=False),
                        iso(_parse(data["last_published"])),
                        len(story.articles),
                        _now(),
                    ),
                )

    def list_stories(self, since: datetime | None = None, limit: int | None = None) -> list[Story]:
        sql = "SELECT data FROM stories"
        params: list[Any] = []
        if since is not None:
            sql += " WHERE last_published >= ?"
            params.append(iso(since))
        # newest first, undated last, then by id: a stable order for the same store
        sql += " ORDER BY last_published IS NULL, last_published DESC, id"
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return self._stories([json.loads(r[0]) for r in self._read(sql, params)])

    def get_story(self, story_id: str) -> Story | None:
        rows = self._read("SELECT data FROM stories WHERE id = ?", (story_id,))
        return self._stories([json.loads(rows[0][0])])[0] if rows else None

    def _stories(self, dicts: list[dict[str, Any]]) -> list[Story]:
        """Stories with their articles' texts, fetched in one query per 500 ids."""
        ids = sorted(
            {
                d["id"]
                for data in dicts
                for d in [*data.get("articles", ()), *data.get("outliers", ())]
            }
        )
        texts = {a.id: a for a in self.get_articles(ids=ids)} if ids else {}
        return [story_from_dict(data, texts) for data in dicts]

    # ---- lifecycle ------------------------------------------------------------------------

    def close(self) -> None:
        with self._lock:
            self._conn.close()

    def __enter__(self) -> SqliteStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

"""PostgreSQL store for deployments where several processes write at once (psycopg 3).

Same semantics as the SQLite store (``store/sqlite.py``), method for method: articles keyed by
content hash and by URL, near-duplicates folded into the article they copy (MinHash LSH bands in
an indexed table), the incremental clustering state, one transaction per call, nothing of a
failed call committed.

Several writers: each write call takes a transaction-scoped advisory lock for what it changes
(articles, clustering, stories), so two crawlers posting the same article store it once, and a
near-duplicate check never races the insert it depends on. A clusterer's read-modify-write spans
several calls; ``clustering_lock()`` holds a session-level advisory lock across them. Readers
never wait for writers (MVCC).
"""

from __future__ import annotations

import threading
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import datetime, timezone
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from newsdigest import dedup
from newsdigest.errors import StoreError
from newsdigest.model import Article, Story
from newsdigest.serialize import story_from_dict, story_to_dict
from newsdigest.store.base import AddResult, ClusterRow

# advisory lock keys ("nd" + a number), one per kind of state a writer changes
_LOCK_SCHEMA = 0x6E64_0001
_LOCK_ARTICLES = 0x6E64_0002
_LOCK_STORIES = 0x6E64_0003
_LOCK_CLUSTERS = 0x6E64_0004
_LOCK_CLUSTERING = 0x6E64_0005  # session-level, held across a clusterer's whole pass

_SCHEMA = """
CREATE TABLE IF NOT EXISTS articles (
    seq BIGSERIAL UNIQUE,
    id TEXT PRIMARY KEY,
    text TEXT NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    url TEXT,
    source TEXT,
    published TIMESTAMPTZ,
    language TEXT,
    origin TEXT,
    added_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS articles_published ON articles (published);
CREATE TABLE IF NOT EXISTS article_urls (
    url TEXT PRIMARY KEY,
    article_id TEXT NOT NULL REFERENCES articles (id),
    seq BIGSERIAL
);
CREATE INDEX IF NOT EXISTS article_urls_article ON article_urls (article_id);
CREATE TABLE IF NOT EXISTS minhash (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    signature BYTEA NOT NULL
);
CREATE TABLE IF NOT EXISTS lsh_bands (
    band INTEGER NOT NULL,
    key BYTEA NOT NULL,
    article_id TEXT NOT NULL,
    PRIMARY KEY (band, key, article_id)
);
CREATE TABLE IF NOT EXISTS clusters (
    id TEXT PRIMARY KEY,
    seq BIGINT NOT NULL,
    size INTEGER NOT NULL,
    first_published TIMESTAMPTZ,
    last_published TIMESTAMPTZ,
    state BYTEA NOT NULL
);
CREATE INDEX IF NOT EXISTS clusters_last ON clusters (last_published);
CREATE TABLE IF NOT EXISTS cluster_meta (key TEXT PRIMARY KEY, value BYTEA NOT NULL);
CREATE TABLE IF NOT EXISTS cluster_members (
    article_id TEXT PRIMARY KEY REFERENCES articles (id),
    cluster_id TEXT NOT NULL REFERENCES clusters (id)
);
CREATE INDEX IF NOT EXISTS cluster_members_cluster ON cluster_members (cluster_id);
CREATE TABLE IF NOT EXISTS stories (
    id TEXT PRIMARY KEY,
    data JSONB NOT NULL,
    title TEXT NOT NULL DEFAULT '',
    n_articles INTEGER NOT NULL DEFAULT 0,
    n_outlets INTEGER NOT NULL DEFAULT 0,
    n_outliers INTEGER NOT NULL DEFAULT 0,
    first_published TIMESTAMPTZ,
    last_published TIMESTAMPTZ,
    built_size INTEGER NOT NULL DEFAULT 0,
    updated_at TIMESTAMPTZ NOT NULL DEFAULT now()
);
CREATE INDEX IF NOT EXISTS stories_recent ON stories (last_published DESC NULLS LAST, id);
"""

_ARTICLE_COLUMNS = "id, text, title, url, source, published, language, origin"
_A_COLUMNS = ", ".join("a." + c.strip() for c in _ARTICLE_COLUMNS.split(","))


def _aware(t: datetime | None) -> datetime | None:
    """Naive times are UTC, as everywhere in newsdigest."""
    return t.replace(tzinfo=timezone.utc) if t is not None and t.tzinfo is None else t


def _utc(t: datetime | None) -> datetime | None:
    return t.astimezone(timezone.utc) if t is not None else None


def _row_article(row: Sequence[Any]) -> Article:
    return Article(
        id=row[0],
        text=row[1],
        title=row[2] or "",
        url=row[3],
        source=row[4],
        published=_utc(row[5]),
        language=row[6],
        origin=row[7],
    )


def _redact(url: str) -> str:
    """The URL without its password, for messages."""
    parts = urlsplit(url)
    if parts.password:
        netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
        return urlunsplit(parts._replace(netloc=netloc))
    return url


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())


class PostgresStore:
    """A ``Store`` over one PostgreSQL database (``postgresql://user@host:port/dbname``)."""

    def __init__(
        self, url: str, *, near_duplicates: bool = True, threshold: float = dedup.THRESHOLD
    ) -> None:
        try:
            import psycopg
        except ImportError as exc:  # the optional extra is not installed
            raise StoreError(
                f"{_redact(url)}: PostgreSQL needs psycopg (pip install 'newsdigest[postgres]')"
            ) from exc
        self.url = url
        self.near_duplicates = near_duplicates
        self.lsh = dedup.LshParams(threshold=threshold)
        self._psycopg = psycopg
        try:
            self._conn = psycopg.connect(url, connect_timeout=10)
        except psycopg.Error as exc:
            raise StoreError(f"{_redact(url)}: cannot connect: {_one_line(exc)}") from exc
        # one connection per store; the lock keeps threads (a web server's pool) from
        # interleaving statements of different transactions on it
        self._lock = threading.RLock()
        with self._write("schema not created", _LOCK_SCHEMA) as db:
            db.execute(_SCHEMA)

    # ---- transactions -------------------------------------------------------------------

    @contextmanager
    def _write(self, what: str, lock_key: int) -> Iterator[Any]:
        """One transaction under the advisory lock ``lock_key``; on error nothing is committed."""
        with self._lock:
            try:
                with self._conn.transaction():
                    cur = self._conn.cursor()
                    cur.execute("SELECT pg_advisory_xact_lock(%s)", (lock_key,))
                    yield cur
            except self._psycopg.Error as exc:
                raise StoreError(
                    f"{_redact(self.url)}: {what} (nothing committed): {_one_line(exc)}"
                ) from exc

    def _read(self, sql: str, params: Sequence[Any] = ()) -> list[Any]:
        with self._lock:
            try:
                with self._conn.transaction():
                    return self._conn.execute(sql, params).fetchall()
            except self._psycopg.Error as exc:
                raise StoreError(f"{_redact(self.url)}: read failed: {_one_line(exc)}") from exc

    # ---- articles -------------------------------------------------------------------------

    def add_articles(self, articles: Iterable[Article]) -> AddResult:
        """Store a batch in one transaction; duplicates as in ``SqliteStore.add_articles``."""
        batch = list(articles)
        # signatures are computed before the transaction: the write lock is held briefly
        sigs = {a.id: dedup.signature(a.text) for a in batch} if self.near_duplicates else {}
        stored: list[str] = []
        duplicates: list[str] = []
        near: dict[str, str] = {}
        with self._write("batch not stored", _LOCK_ARTICLES) as db:
            for a in batch:
                url = a.url.strip() if a.url else None
                if db.execute("SELECT 1 FROM articles WHERE id = %s", (a.id,)).fetchone():
                    duplicates.append(a.id)
                    if url:
                        self._add_url(db, url, a.id)
                    continue
                if url:
                    owner = db.execute(
                        "SELECT article_id FROM article_urls WHERE url = %s", (url,)
                    ).fetchone()
                    if owner is not None:  # the same URL seen before (perhaps edited since)
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
                    f"INSERT INTO articles ({_ARTICLE_COLUMNS}) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO NOTHING",
                    (
                        a.id,
                        a.text,
                        a.title or "",
                        url,
                        a.source,
                        _aware(a.published),
                        a.language,
                        a.origin,
                    ),
                )
                stored.append(a.id)
                if url:
                    self._add_url(db, url, a.id)
                if self.near_duplicates:
                    sig = sigs[a.id]
                    db.execute(
                        "INSERT INTO minhash (article_id, signature) VALUES (%s, %s) "
                        "ON CONFLICT DO NOTHING",
                        (a.id, dedup.to_bytes(sig)),
                    )
                    db.executemany(
                        "INSERT INTO lsh_bands (band, key, article_id) VALUES (%s, %s, %s) "
                        "ON CONFLICT DO NOTHING",
                        [(b, k, a.id) for b, k in dedup.band_keys(sig, self.lsh)],
                    )
        return AddResult(stored=tuple(stored), duplicates=tuple(duplicates), near_duplicates=near)

    def _near_duplicate_of(self, db: Any, sig: Any) -> str | None:
        """The earliest stored article whose signature is within the threshold, if any."""
        keys = dedup.band_keys(sig, self.lsh)
        rows = db.execute(
            "SELECT m.article_id, m.signature FROM minhash m JOIN articles a ON a.id = m.article_id "
            "WHERE m.article_id IN (SELECT l.article_id FROM lsh_bands l "
            "JOIN unnest(%s::int[], %s::bytea[]) AS k(band, key) "
            "ON l.band = k.band AND l.key = k.key) ORDER BY a.seq",
            ([b for b, _ in keys], [k for _, k in keys]),
        ).fetchall()
        for article_id, blob in rows:
            if dedup.similar(sig, dedup.from_bytes(bytes(blob)), self.lsh.threshold):
                return str(article_id)
        return None

    @staticmethod
    def _add_url(db: Any, url: str, article_id: str) -> None:
        db.execute(
            "INSERT INTO article_urls (url, article_id) VALUES (%s, %s) ON CONFLICT DO NOTHING",
            (url, article_id),
        )

    def get_articles(
        self, since: datetime | None = None, ids: Sequence[str] | None = None
    ) -> list[Article]:
        where: list[str] = []
        params: list[Any] = []
        if since is not None:
            where.append("published >= %s")
            params.append(_aware(since))
        if ids is not None:
            where.append("id = ANY(%s)")
            params.append(list(dict.fromkeys(ids)))
        sql = f"SELECT {_ARTICLE_COLUMNS} FROM articles"
        if where:
            sql += " WHERE " + " AND ".join(where)
        return [_row_article(r) for r in self._read(sql + " ORDER BY seq", params)]

    def urls(self, article_id: str) -> tuple[str, ...]:
        rows = self._read(
            "SELECT url FROM article_urls WHERE article_id = %s ORDER BY seq", (article_id,)
        )
        return tuple(r[0] for r in rows)

    def count_articles(self) -> int:
        return int(self._read("SELECT COUNT(*) FROM articles")[0][0])

    # ---- clustering state -----------------------------------------------------------------

    @contextmanager
    def clustering_lock(self) -> Iterator[None]:
        """Hold the clustering state for one whole pass (load, assign, save): a second writer
        process waits here instead of clustering from the same stale state."""
        with self._lock:
            try:
                self._conn.execute("SELECT pg_advisory_lock(%s)", (_LOCK_CLUSTERING,))
                self._conn.commit()
            except self._psycopg.Error as exc:
                raise StoreError(f"{_redact(self.url)}: clustering lock: {_one_line(exc)}") from exc
            try:
                yield
            finally:
                self._conn.execute("SELECT pg_advisory_unlock(%s)", (_LOCK_CLUSTERING,))
                self._conn.commit()

    def unclustered(self, limit: int | None = None) -> list[Article]:
        """Articles not yet assigned to a cluster, oldest first (stored order)."""
        sql = (
            f"SELECT {_A_COLUMNS} FROM articles a "
            "LEFT JOIN cluster_members m ON m.article_id = a.id "
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
            sql += " WHERE last_published IS NULL OR last_published >= %s"
            params.append(_aware(active_since))
        rows = self._read(sql + " ORDER BY seq", params)
        return [
            ClusterRow(r[0], int(r[1]), int(r[2]), _utc(r[3]), _utc(r[4]), bytes(r[5]))
            for r in rows
        ]

    def load_cluster_meta(self, key: str) -> bytes | None:
        rows = self._read("SELECT value FROM cluster_meta WHERE key = %s", (key,))
        return bytes(rows[0][0]) if rows else None

    def save_clustering(
        self,
        clusters: Sequence[ClusterRow],
        assignments: Mapping[str, str],
        meta: Mapping[str, bytes] | None = None,
    ) -> None:
        """Upsert changed clusters, article → cluster and the clusterer's shared state (``meta``,
        e.g. document frequencies), in one transaction."""
        with self._write("clustering not saved", _LOCK_CLUSTERS) as db:
            db.executemany(
                "INSERT INTO cluster_meta (key, value) VALUES (%s, %s) "
                "ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value",
                sorted((meta or {}).items()),
            )
            db.executemany(
                "INSERT INTO clusters (id, seq, size, first_published, last_published, state) "
                "VALUES (%s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                "size = EXCLUDED.size, first_published = EXCLUDED.first_published, "
                "last_published = EXCLUDED.last_published, state = EXCLUDED.state",
                [
                    (
                        c.id,
                        c.seq,
                        c.size,
                        _aware(c.first_published),
                        _aware(c.last_published),
                        c.state,
                    )
                    for c in clusters
                ],
            )
            db.executemany(
                "INSERT INTO cluster_members (article_id, cluster_id) VALUES (%s, %s) "
                "ON CONFLICT (article_id) DO UPDATE SET cluster_id = EXCLUDED.cluster_id",
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
            f"SELECT {_A_COLUMNS} FROM cluster_members m JOIN articles a ON a.id = m.article_id "
            "WHERE m.cluster_id = %s ORDER BY a.seq",
            (cluster_id,),
        )
        return [_row_article(r) for r in rows]

    def cluster_of(self) -> dict[str, str]:
        """Every clustered article id → its cluster id."""
        return {a: c for a, c in self._read("SELECT article_id, cluster_id FROM cluster_members")}

    # ---- stories --------------------------------------------------------------------------

    def save_stories(self, stories: Sequence[Story]) -> None:
        from psycopg.types.json import Jsonb

        with self._write("stories not saved", _LOCK_STORIES) as db:
            for story in stories:
                data = story_to_dict(story)
                # the list's figures are kept in columns so a story list never parses stories
                first, last = data["first_published"], data["last_published"]
                db.execute(
                    "INSERT INTO stories (id, data, title, n_articles, n_outlets, n_outliers, "
                    "first_published, last_published, built_size) "
                    "VALUES (%s, %s, %s, %s, %s, %s, %s, %s, %s) ON CONFLICT (id) DO UPDATE SET "
                    "data = EXCLUDED.data, title = EXCLUDED.title, "
                    "n_articles = EXCLUDED.n_articles, n_outlets = EXCLUDED.n_outlets, "
                    "n_outliers = EXCLUDED.n_outliers, first_published = EXCLUDED.first_published, "
                    "last_published = EXCLUDED.last_published, built_size = EXCLUDED.built_size, "
                    "updated_at = now()",
                    (
                        story.id,
                        Jsonb(data),
                        data["title"],
                        len(data["articles"]),
                        data["outlets"],
                        len(data["outliers"]),
                        datetime.fromisoformat(first) if first else None,
                        datetime.fromisoformat(last) if last else None,
                        len(story.articles),
                    ),
                )

    def list_stories(self, since: datetime | None = None, limit: int | None = None) -> list[Story]:
        sql = "SELECT data FROM stories"
        params: list[Any] = []
        if since is not None:
            sql += " WHERE last_published >= %s"
            params.append(_aware(since))
        # newest first, undated last, then by id: the SQLite store's order
        sql += " ORDER BY last_published DESC NULLS LAST, id"
        if limit is not None:
            sql += " LIMIT %s"
            params.append(int(limit))
        return self._stories([r[0] for r in self._read(sql, params)])

    def story_rows(self, limit: int, offset: int = 0) -> list[dict[str, Any]]:
        """The story list's figures in ``list_stories`` order, without loading any story (the
        web list's fast path, used when a store offers it)."""
        rows = self._read(
            "SELECT id, title, n_articles, n_outlets, n_outliers, first_published, "
            "last_published FROM stories ORDER BY last_published DESC NULLS LAST, id "
            "LIMIT %s OFFSET %s",
            (limit, offset),
        )
        keys = ("id", "title", "articles", "outlets", "outliers", "first", "last")
        return [dict(zip(keys, r, strict=True)) for r in rows]

    def get_story(self, story_id: str) -> Story | None:
        rows = self._read("SELECT data FROM stories WHERE id = %s", (story_id,))
        return self._stories([rows[0][0]])[0] if rows else None

    def _stories(self, dicts: list[dict[str, Any]]) -> list[Story]:
        """Stories with their articles' texts, fetched in one query."""
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

    def __enter__(self) -> PostgresStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

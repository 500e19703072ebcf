"""DuckDB storage: schema, migrations and every SQL statement of the project.

DuckDB is the source of truth (papers, pages, chunks with their vectors, runs, failures);
the FAISS index is derived from it. DuckDB lets one process write, or many read, at a time:
writers keep their connection short (``Database.open`` per batch) and readers retry while a
writer holds the file, then raise ``StoreBusyError`` ("updating, try again").
"""

from __future__ import annotations

import hashlib
import json
import logging
import time
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import duckdb
import numpy as np

from kb.errors import NotFoundError, StoreBusyError
from kb.types import Chunk, ChunkDraft, Paper, ProfileExample, Rating

log = logging.getLogger(__name__)

BUSY_MESSAGE = "the knowledge base is updating; try again in a moment"
READER_WAIT_S = 2.0
WRITER_WAIT_S = 120.0

MIGRATIONS: list[str] = [
    # 1: papers, pages, chunks, references, runs, failures, embedding cache, announcements.
    """
    CREATE TABLE papers (
        arxiv_id VARCHAR PRIMARY KEY,
        version INTEGER,
        title VARCHAR NOT NULL DEFAULT '',
        abstract VARCHAR NOT NULL DEFAULT '',
        authors VARCHAR[] NOT NULL DEFAULT [],
        announce_type VARCHAR,
        primary_category VARCHAR,
        categories VARCHAR[] NOT NULL DEFAULT [],
        published TIMESTAMP,
        updated TIMESTAMP,
        announced DATE,
        abs_url VARCHAR NOT NULL DEFAULT '',
        pdf_url VARCHAR NOT NULL DEFAULT '',
        comment VARCHAR,
        journal_ref VARCHAR,
        doi VARCHAR,
        code_links VARCHAR[] NOT NULL DEFAULT [],
        source VARCHAR NOT NULL DEFAULT '',
        parse_status VARCHAR NOT NULL DEFAULT 'pending',
        parse_error VARCHAR,
        pdf_path VARCHAR,
        pdf_sha256 VARCHAR,
        parsed_version INTEGER,
        n_pages INTEGER,
        n_chunks INTEGER NOT NULL DEFAULT 0,
        first_seen TIMESTAMP NOT NULL,
        last_seen TIMESTAMP NOT NULL
    );
    CREATE TABLE pages (
        arxiv_id VARCHAR NOT NULL,
        page INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        PRIMARY KEY (arxiv_id, page)
    );
    CREATE TABLE chunks (
        chunk_id BIGINT PRIMARY KEY,
        arxiv_id VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        ordinal INTEGER NOT NULL,
        page INTEGER NOT NULL,
        page_end INTEGER NOT NULL,
        section VARCHAR NOT NULL DEFAULT '',
        text VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        embedding BLOB NOT NULL
    );
    CREATE INDEX chunks_paper ON chunks (arxiv_id);
    CREATE TABLE paper_references (
        arxiv_id VARCHAR NOT NULL,
        ordinal INTEGER NOT NULL,
        text VARCHAR NOT NULL,
        PRIMARY KEY (arxiv_id, ordinal)
    );
    CREATE TABLE announcements (
        day DATE NOT NULL,
        arxiv_id VARCHAR NOT NULL,
        category VARCHAR NOT NULL,
        announce_type VARCHAR,
        version INTEGER,
        PRIMARY KEY (day, arxiv_id, category)
    );
    CREATE TABLE failures (
        arxiv_id VARCHAR NOT NULL,
        stage VARCHAR NOT NULL,
        reason VARCHAR NOT NULL,
        failed_at TIMESTAMP NOT NULL,
        PRIMARY KEY (arxiv_id, stage)
    );
    CREATE SEQUENCE run_ids START 1;
    CREATE TABLE runs (
        run_id BIGINT PRIMARY KEY DEFAULT nextval('run_ids'),
        kind VARCHAR NOT NULL,
        params VARCHAR NOT NULL DEFAULT '{}',
        started TIMESTAMP NOT NULL,
        finished TIMESTAMP,
        status VARCHAR NOT NULL DEFAULT 'running',
        stats VARCHAR NOT NULL DEFAULT '{}'
    );
    CREATE TABLE embedding_cache (
        model VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL,
        embedding BLOB NOT NULL,
        PRIMARY KEY (model, content_hash)
    );
    CREATE TABLE kv (
        key VARCHAR PRIMARY KEY,
        value VARCHAR NOT NULL
    );
    """,
    # 2: which papers matched which interest profile, and why (daily runs, app filters).
    """
    CREATE TABLE matches (
        arxiv_id VARCHAR NOT NULL,
        profile VARCHAR NOT NULL,
        score DOUBLE NOT NULL,
        reason VARCHAR NOT NULL,
        day DATE,
        PRIMARY KEY (arxiv_id, profile)
    );
    """,
    # 3: grounded analyses, reused while paper version, backend, model, prompt and language match.
    """
    CREATE TABLE analyses (
        arxiv_id VARCHAR NOT NULL,
        version INTEGER NOT NULL,
        backend VARCHAR NOT NULL,
        model VARCHAR NOT NULL,
        prompt_version VARCHAR NOT NULL,
        language VARCHAR NOT NULL,
        sections VARCHAR NOT NULL,
        cited_chunk_ids BIGINT[] NOT NULL,
        created TIMESTAMP NOT NULL,
        PRIMARY KEY (arxiv_id, version, backend, model, prompt_version, language)
    );
    """,
    # 4: every delivery of a day's digest (email, webhook): sent, failed or skipped, and why.
    """
    CREATE SEQUENCE delivery_ids START 1;
    CREATE TABLE deliveries (
        delivery_id BIGINT PRIMARY KEY DEFAULT nextval('delivery_ids'),
        day DATE NOT NULL,
        channel VARCHAR NOT NULL,
        target VARCHAR NOT NULL,
        status VARCHAR NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        detail VARCHAR NOT NULL DEFAULT '',
        attempted_at TIMESTAMP NOT NULL
    );
    CREATE INDEX deliveries_day ON deliveries (day, channel);
    """,
    # 5: the user's ratings of papers for a profile, and papers imported as profile examples.
    """
    CREATE TABLE feedback (
        arxiv_id VARCHAR NOT NULL,
        profile VARCHAR NOT NULL,
        relevant BOOLEAN NOT NULL,
        rated_at TIMESTAMP NOT NULL,
        source VARCHAR NOT NULL DEFAULT 'cli',
        PRIMARY KEY (arxiv_id, profile)
    );
    CREATE TABLE profile_examples (
        profile VARCHAR NOT NULL,
        key VARCHAR NOT NULL,
        title VARCHAR NOT NULL,
        text VARCHAR NOT NULL,
        arxiv_id VARCHAR,
        source VARCHAR NOT NULL,
        added TIMESTAMP NOT NULL,
        PRIMARY KEY (profile, key)
    );
    """,
    # 6: the abstract tier: which text of each paper was embedded (the vector itself lives once,
    # in embedding_cache under (model, content_hash)); vector_id is the paper's FAISS id.
    """
    CREATE TABLE paper_vectors (
        arxiv_id VARCHAR PRIMARY KEY,
        vector_id BIGINT NOT NULL,
        model VARCHAR NOT NULL,
        content_hash VARCHAR NOT NULL
    );
    CREATE INDEX paper_vectors_id ON paper_vectors (vector_id);
    """,
]

PAPER_FIELDS = (
    "arxiv_id", "version", "title", "abstract", "authors", "announce_type", "primary_category",
    "categories", "published", "updated", "announced", "abs_url", "pdf_url", "comment",
    "journal_ref", "doi", "code_links", "source",
)  # fmt: skip
PAPER_TYPES = (
    "VARCHAR", "INTEGER", "VARCHAR", "VARCHAR", "VARCHAR[]", "VARCHAR", "VARCHAR", "VARCHAR[]",
    "TIMESTAMP", "TIMESTAMP", "DATE", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR",
    "VARCHAR[]", "VARCHAR",
)  # fmt: skip


@dataclass(frozen=True)
class DeliveryRecord:
    """One attempt to deliver a day's digest on a channel (``sent``, ``failed`` or ``skipped``)."""

    day: date
    channel: str
    target: str
    status: str
    attempts: int
    detail: str
    attempted_at: datetime | None = None
    delivery_id: int | None = None

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready record."""
        return {
            "delivery_id": self.delivery_id, "day": self.day.isoformat(),
            "channel": self.channel, "target": self.target, "status": self.status,
            "attempts": self.attempts, "detail": self.detail,
            "attempted_at": self.attempted_at.isoformat() if self.attempted_at else None,
        }  # fmt: skip


def _now() -> datetime:
    return datetime.now(UTC).replace(tzinfo=None)


def content_hash(text: str) -> str:
    """A stable hash of a text, used to avoid embedding the same text twice."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def make_chunk_id(arxiv_id: str, version: int, ordinal: int) -> int:
    """A deterministic positive int64 id: re-ingesting a paper gives the same ids."""
    digest = hashlib.blake2b(f"{arxiv_id}v{version}:{ordinal}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF


def _date_range(since: date | None, until: date | None) -> tuple[list[str], list[Any]]:
    """WHERE terms and parameters keeping papers announced (else published) in a range."""
    where, params = ["1=1"], []
    if since:
        where.append("coalesce(announced, CAST(published AS DATE)) >= ?")
        params.append(since)
    if until:
        where.append("coalesce(announced, CAST(published AS DATE)) <= ?")
        params.append(until)
    return where, params


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "being used" in text


class Database:
    """One DuckDB connection with the project's queries as methods."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self._depth = 0

    @classmethod
    @contextmanager
    def open(
        cls, path: Path, read_only: bool = False, wait_s: float | None = None
    ) -> Iterator[Database]:
        """Open the database (creating and migrating it when writing), waiting out a writer.

        Readers wait ``READER_WAIT_S`` by default (a search should answer or say "updating"
        quickly); writers wait ``WRITER_WAIT_S`` (a daily run must not fail because the app
        held a short read connection).

        Raises:
            StoreBusyError: another process kept the file locked for longer than ``wait_s``.
        """
        path = Path(path)
        if wait_s is None:
            wait_s = READER_WAIT_S if read_only else WRITER_WAIT_S
        if read_only and not path.exists():
            raise NotFoundError(f"no knowledge base at {path}: run `kb ingest` or `kb daily`")
        path.parent.mkdir(parents=True, exist_ok=True)
        deadline = time.monotonic() + wait_s
        delay = 0.05
        while True:
            try:
                con = duckdb.connect(str(path), read_only=read_only)
                break
            except duckdb.Error as exc:
                if not _is_lock_error(exc) or time.monotonic() >= deadline:
                    if _is_lock_error(exc):
                        raise StoreBusyError(
                            f"{BUSY_MESSAGE} ({path} is held by another process)"
                        ) from exc
                    raise
                time.sleep(delay)
                delay = min(delay * 2, 1.0)
        db = cls(con, path, read_only)
        try:
            if not read_only:
                db.migrate()
            yield db
        finally:
            con.close()

    # -- schema ---------------------------------------------------------------------------
    def migrate(self) -> int:
        """Apply the migrations not applied yet; returns the schema version."""
        self.con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)")
        row = self.con.execute("SELECT max(version) FROM schema_version").fetchone()
        current = row[0] or 0
        for number, sql in enumerate(MIGRATIONS, start=1):
            if number <= current:
                continue
            self.con.execute("BEGIN TRANSACTION")
            try:
                self.con.execute(sql)
                self.con.execute("INSERT INTO schema_version VALUES (?)", [number])
                self.con.execute("COMMIT")
            except Exception:
                self.con.execute("ROLLBACK")
                raise
            current = number
        return current

    @contextmanager
    def transaction(self) -> Iterator[None]:
        """All statements inside commit together or not at all (nested blocks join the outer)."""
        if self._depth:
            self._depth += 1
            try:
                yield
            finally:
                self._depth -= 1
            return
        self.con.execute("BEGIN TRANSACTION")
        self._depth = 1
        try:
            yield
        except BaseException:
            self.con.execute("ROLLBACK")
            raise
        else:
            self.con.execute("COMMIT")
        finally:
            self._depth = 0

    # -- papers ---------------------------------------------------------------------------
    def upsert_papers(self, papers: Sequence[Paper]) -> list[str]:
        """``upsert_paper`` for many papers: the ones never seen go in as one insert.

        A day's ~1,000 announcements took 5.8 s one row at a time; the unseen ones (nearly
        all of them) now take one statement, the rest keep the careful per-paper merge.
        """
        outcomes: dict[int, str] = {}
        ids = list(dict.fromkeys(p.arxiv_id for p in papers))
        known = {
            r[0]
            for r in self.con.execute(
                "SELECT arxiv_id FROM papers WHERE arxiv_id IN (SELECT unnest(?))", [ids]
            ).fetchall()
        } if ids else set()  # fmt: skip
        fresh: dict[str, int] = {}
        for i, paper in enumerate(papers):
            if paper.arxiv_id not in known and paper.arxiv_id not in fresh:
                fresh[paper.arxiv_id] = i
        now = _now()
        rows = [papers[i] for i in fresh.values()]
        self._insert_columns(
            "papers",
            PAPER_TYPES + ("TIMESTAMP", "TIMESTAMP"),
            [*([getattr(p, f) for p in rows] for f in PAPER_FIELDS), [now] * len(rows),
             [now] * len(rows)],
            names=(*PAPER_FIELDS, "first_seen", "last_seen"),
        )  # fmt: skip
        for i in fresh.values():
            outcomes[i] = "new"
        for i, paper in enumerate(papers):  # seen before, or twice in this batch
            if i not in outcomes:
                outcomes[i] = self.upsert_paper(paper)
        return [outcomes[i] for i in range(len(papers))]

    def upsert_paper(self, paper: Paper) -> str:
        """Insert or update a paper's metadata; returns ``new``, ``updated`` or ``unchanged``.

        A newer version replaces the metadata (same record); an older or equal version only
        fills fields that were empty, so a cross-list seen after the original changes nothing.
        """
        row = self.con.execute(
            "SELECT version, title, abstract, categories, announce_type FROM papers "
            "WHERE arxiv_id = ?",
            [paper.arxiv_id],
        ).fetchone()
        values = [getattr(paper, f) for f in PAPER_FIELDS]
        now = _now()
        if row is None:
            cols = ", ".join(PAPER_FIELDS)
            marks = ", ".join("?" for _ in PAPER_FIELDS)
            self.con.execute(
                f"INSERT INTO papers ({cols}, first_seen, last_seen) VALUES ({marks}, ?, ?)",
                [*values, now, now],
            )
            return "new"
        old_version = row[0] or 0
        new_version = paper.version or 0
        if new_version > old_version:
            sets = ", ".join(f"{f} = ?" for f in PAPER_FIELDS[1:])
            self.con.execute(
                f"UPDATE papers SET {sets}, last_seen = ? WHERE arxiv_id = ?",
                [*values[1:], now, paper.arxiv_id],
            )
            return "updated"
        merged_categories = list(dict.fromkeys([*(row[3] or []), *paper.categories]))
        changed = merged_categories != list(row[3] or []) or (not row[1] and paper.title)
        if changed:
            self.con.execute(
                "UPDATE papers SET categories = ?, title = CASE WHEN title = '' THEN ? ELSE title "
                "END, abstract = CASE WHEN abstract = '' THEN ? ELSE abstract END, last_seen = ? "
                "WHERE arxiv_id = ?",
                [merged_categories, paper.title, paper.abstract, now, paper.arxiv_id],
            )
            return "updated"
        return "unchanged"

    def get_paper(self, arxiv_id: str) -> dict[str, Any] | None:
        """The stored record of one paper as a dict, or None."""
        cur = self.con.execute("SELECT * FROM papers WHERE arxiv_id = ?", [arxiv_id])
        row = cur.fetchone()
        if row is None:
            return None
        names = [d[0] for d in cur.description]
        return dict(zip(names, row, strict=True))

    def get_papers(self, arxiv_ids: Sequence[str]) -> dict[str, dict[str, Any]]:
        """Stored records for several ids, keyed by id (missing ids are left out)."""
        if not arxiv_ids:
            return {}
        cur = self.con.execute(
            "SELECT * FROM papers WHERE arxiv_id IN (SELECT unnest(?))", [list(arxiv_ids)]
        )
        names = [d[0] for d in cur.description]
        return {row[0]: dict(zip(names, row, strict=True)) for row in cur.fetchall()}

    def list_papers(
        self,
        status: str | None = None,
        since: date | None = None,
        until: date | None = None,
        category: str | None = None,
        limit: int | None = None,
    ) -> list[dict[str, Any]]:
        """Papers, newest announcement first, with optional filters."""
        where, params = _date_range(since, until)
        if status:
            where.append("parse_status = ?")
            params.append(status)
        if category:
            where.append("list_contains(categories, ?)")
            params.append(category)
        sql = (
            f"SELECT * FROM papers WHERE {' AND '.join(where)} "
            "ORDER BY coalesce(announced, CAST(published AS DATE)) DESC NULLS LAST, arxiv_id"
        )
        if limit:
            sql += " LIMIT ?"
            params.append(limit)
        cur = self.con.execute(sql, params)
        names = [d[0] for d in cur.description]
        return [dict(zip(names, row, strict=True)) for row in cur.fetchall()]

    def set_parse_result(
        self,
        arxiv_id: str,
        status: str,
        error: str | None = None,
        pdf_path: str | None = None,
        pdf_sha256: str | None = None,
        parsed_version: int | None = None,
        n_pages: int | None = None,
    ) -> None:
        """Record how the full text of a paper went (``parsed``, ``failed``, ``no_pdf``)."""
        self.con.execute(
            "UPDATE papers SET parse_status = ?, parse_error = ?, "
            "pdf_path = coalesce(?, pdf_path), pdf_sha256 = coalesce(?, pdf_sha256), "
            "parsed_version = coalesce(?, parsed_version), n_pages = coalesce(?, n_pages) "
            "WHERE arxiv_id = ?",
            [status, error, pdf_path, pdf_sha256, parsed_version, n_pages, arxiv_id],
        )

    def fill_paper_metadata(self, arxiv_id: str, title: str, authors: Sequence[str]) -> None:
        """Set title and authors read from the PDF itself (user PDFs with no feed entry)."""
        self.con.execute(
            "UPDATE papers SET title = ?, authors = ? WHERE arxiv_id = ?",
            [title, list(authors), arxiv_id],
        )

    # -- full text ------------------------------------------------------------------------
    def replace_fulltext(
        self,
        arxiv_id: str,
        version: int,
        page_texts: dict[int, str],
        references: Sequence[str],
        drafts: Sequence[ChunkDraft],
        vectors: np.ndarray,
    ) -> tuple[list[int], list[int]]:
        """Replace a paper's pages, references and chunks in one transaction.

        Returns:
            (chunk ids removed, chunk ids added), for the FAISS index to follow.
        """
        if len(drafts) != len(vectors):
            raise ValueError(f"{arxiv_id}: {len(drafts)} chunks but {len(vectors)} vectors")
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        with self.transaction():
            removed = [
                r[0]
                for r in self.con.execute(
                    "SELECT chunk_id FROM chunks WHERE arxiv_id = ?", [arxiv_id]
                ).fetchall()
            ]
            self.con.execute("DELETE FROM chunks WHERE arxiv_id = ?", [arxiv_id])
            self.con.execute("DELETE FROM pages WHERE arxiv_id = ?", [arxiv_id])
            self.con.execute("DELETE FROM paper_references WHERE arxiv_id = ?", [arxiv_id])
            pages = sorted(page_texts.items())
            self._insert_columns(
                "pages", ("VARCHAR", "INTEGER", "VARCHAR"),
                [[arxiv_id] * len(pages), [p for p, _ in pages], [t for _, t in pages]],
            )  # fmt: skip
            self._insert_columns(
                "paper_references", ("VARCHAR", "INTEGER", "VARCHAR"),
                [[arxiv_id] * len(references), list(range(len(references))), list(references)],
            )  # fmt: skip
            added = [make_chunk_id(arxiv_id, version, d.ordinal) for d in drafts]
            self._insert_columns(
                "chunks",
                ("BIGINT", "VARCHAR", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "VARCHAR",
                 "VARCHAR", "VARCHAR", "BLOB"),
                [added, [arxiv_id] * len(drafts), [version] * len(drafts),
                 [d.ordinal for d in drafts], [d.page for d in drafts],
                 [d.page_end for d in drafts], [d.section for d in drafts],
                 [d.text for d in drafts], [content_hash(d.text) for d in drafts],
                 [v.tobytes() for v in vectors]],
            )  # fmt: skip
            self.con.execute(
                "UPDATE papers SET n_chunks = ? WHERE arxiv_id = ?", [len(added), arxiv_id]
            )
        return removed, added

    def _insert_columns(
        self,
        table: str,
        types: Sequence[str],
        columns: Sequence[Sequence[Any]],
        on_conflict: str = "",
        names: Sequence[str] = (),
    ) -> None:
        """Insert many rows in one statement: one typed list per column, unnested side by side.

        DuckDB runs this as one vectorised insert: ~40x faster than ``executemany`` (2.8 s ->
        0.07 s for 1,000 cached vectors), which goes row by row.
        """
        if not columns or not len(columns[0]):
            return
        if len(types) != len(columns) or (names and len(names) != len(columns)):
            raise ValueError(f"{table}: {len(columns)} columns for {len(types)} types")
        select = ", ".join(f"unnest(?::{t}[])" for t in types)
        target = f"{table} ({', '.join(names)})" if names else table
        self.con.execute(
            f"INSERT INTO {target} SELECT {select} {on_conflict}", [list(c) for c in columns]
        )

    def page_texts(self, arxiv_id: str) -> dict[int, str]:
        """The cleaned text of every page of a paper, by 1-based page number."""
        rows = self.con.execute(
            "SELECT page, text FROM pages WHERE arxiv_id = ? ORDER BY page", [arxiv_id]
        ).fetchall()
        return dict(rows)

    def references(self, arxiv_id: str) -> list[str]:
        """The reference list split off a paper's body."""
        rows = self.con.execute(
            "SELECT text FROM paper_references WHERE arxiv_id = ? ORDER BY ordinal", [arxiv_id]
        ).fetchall()
        return [r[0] for r in rows]

    def chunks_for_paper(self, arxiv_id: str) -> list[Chunk]:
        """A paper's chunks in reading order."""
        rows = self.con.execute(
            "SELECT chunk_id, arxiv_id, version, ordinal, page, page_end, section, text, "
            "content_hash FROM chunks WHERE arxiv_id = ? ORDER BY ordinal",
            [arxiv_id],
        ).fetchall()
        return [Chunk(*r) for r in rows]

    def get_chunks(self, chunk_ids: Sequence[int]) -> dict[int, Chunk]:
        """Chunks by id (ids not found are left out)."""
        if not chunk_ids:
            return {}
        rows = self.con.execute(
            "SELECT chunk_id, arxiv_id, version, ordinal, page, page_end, section, text, "
            "content_hash FROM chunks WHERE chunk_id IN (SELECT unnest(?))",
            [[int(i) for i in chunk_ids]],
        ).fetchall()
        return {r[0]: Chunk(*r) for r in rows}

    def chunk_vectors(
        self, arxiv_id: str | None = None, chunk_ids: Sequence[int] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(ids int64, vectors float32) of all chunks, of one paper's, or of some chunk ids."""
        sql = "SELECT chunk_id, embedding FROM chunks WHERE 1=1"
        params: list[Any] = []
        if arxiv_id:
            sql += " AND arxiv_id = ?"
            params.append(arxiv_id)
        if chunk_ids is not None:
            sql += " AND chunk_id IN (SELECT unnest(?))"
            params.append([int(i) for i in chunk_ids])
        sql += " ORDER BY chunk_id"
        rows = self.con.execute(sql, params).fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        flat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32)
        return ids, flat.reshape(len(rows), -1)

    def chunk_ids(self) -> np.ndarray:
        """Every chunk id, sorted (to check the FAISS index agrees)."""
        rows = self.con.execute("SELECT chunk_id FROM chunks ORDER BY chunk_id").fetchall()
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    def iter_chunk_texts(self, arxiv_ids: Sequence[str] | None = None) -> Iterator[Chunk]:
        """All chunks (or those of some papers), for lexical indexing."""
        sql = (
            "SELECT chunk_id, arxiv_id, version, ordinal, page, page_end, section, text, "
            "content_hash FROM chunks"
        )
        params: list[Any] = []
        if arxiv_ids is not None:
            sql += " WHERE arxiv_id IN (SELECT unnest(?))"
            params.append(list(arxiv_ids))
        sql += " ORDER BY chunk_id"
        for row in self.con.execute(sql, params).fetchall():
            yield Chunk(*row)

    # -- embedding cache --------------------------------------------------------------------
    def cached_embeddings(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors already computed for these content hashes with this model."""
        if not hashes:
            return {}
        rows = self.con.execute(
            "SELECT content_hash, embedding FROM embedding_cache "
            "WHERE model = ? AND content_hash IN (SELECT unnest(?))",
            [model, list(hashes)],
        ).fetchall()
        return {h: np.frombuffer(b, dtype=np.float32) for h, b in rows}

    def cached_hashes(self, model: str) -> set[str]:
        """Every content hash this model has a cached vector for (the backfill's anti-join)."""
        rows = self.con.execute(
            "SELECT content_hash FROM embedding_cache WHERE model = ?", [model]
        ).fetchall()
        return {r[0] for r in rows}

    def store_embeddings(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Cache vectors by content hash (existing entries are kept)."""
        pairs = dict(items)  # a hash given twice is stored once
        self._insert_columns(
            "embedding_cache", ("VARCHAR", "VARCHAR", "BLOB"),
            [[model] * len(pairs), list(pairs),
             [np.asarray(v, dtype=np.float32).tobytes() for v in pairs.values()]],
            "ON CONFLICT DO NOTHING",
        )  # fmt: skip

    # -- paper vectors (abstract tier) -------------------------------------------------------
    def paper_texts(self, arxiv_ids: Sequence[str] | None = None) -> list[tuple[str, str, str]]:
        """(arxiv_id, title, abstract) of every paper, or of some, by id."""
        sql = "SELECT arxiv_id, title, abstract FROM papers"
        params: list[Any] = []
        if arxiv_ids is not None:
            sql += " WHERE arxiv_id IN (SELECT unnest(?))"
            params.append(list(arxiv_ids))
        return self.con.execute(sql + " ORDER BY arxiv_id", params).fetchall()

    def paper_vector_hashes(self, model: str, arxiv_ids: Sequence[str]) -> dict[str, str]:
        """The content hash each paper's vector was made from, for papers that have one."""
        rows = self.con.execute(
            "SELECT v.arxiv_id, v.content_hash FROM paper_vectors v JOIN embedding_cache c "
            "ON c.model = v.model AND c.content_hash = v.content_hash "
            "WHERE v.model = ? AND v.arxiv_id IN (SELECT unnest(?))",
            [model, list(arxiv_ids)],
        ).fetchall()
        return dict(rows)

    def set_paper_vectors(self, model: str, rows: Sequence[tuple[str, int, str]]) -> None:
        """Point papers at their vectors: (arxiv_id, vector_id, content_hash) rows."""
        self._insert_columns(
            "paper_vectors", ("VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"),
            [[r[0] for r in rows], [r[1] for r in rows], [model] * len(rows), [r[2] for r in rows]],
            "ON CONFLICT DO UPDATE SET vector_id = excluded.vector_id, model = excluded.model, "
            "content_hash = excluded.content_hash",
        )  # fmt: skip

    def paper_vector_ids(self, model: str) -> np.ndarray:
        """Ids of the paper vectors this model made, sorted (to check the FAISS index)."""
        rows = self.con.execute(
            "SELECT v.vector_id FROM paper_vectors v JOIN embedding_cache c ON c.model = v.model "
            "AND c.content_hash = v.content_hash WHERE v.model = ? ORDER BY v.vector_id",
            [model],
        ).fetchall()
        return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))

    def paper_vectors(
        self, model: str, vector_ids: Sequence[int] | None = None, arxiv_ids: Sequence[str] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """(vector ids, vectors) of every paper, or of some vector ids or arXiv ids."""
        sql = (
            "SELECT v.vector_id, c.embedding FROM paper_vectors v JOIN embedding_cache c "
            "ON c.model = v.model AND c.content_hash = v.content_hash WHERE v.model = ?"
        )
        params: list[Any] = [model]
        if vector_ids is not None:
            sql += " AND v.vector_id IN (SELECT unnest(?))"
            params.append([int(i) for i in vector_ids])
        if arxiv_ids:
            sql += " AND v.arxiv_id IN (SELECT unnest(?))"
            params.append(list(arxiv_ids))
        rows = self.con.execute(sql + " ORDER BY v.vector_id", params).fetchall()
        if not rows:
            return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
        ids = np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))
        flat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32)
        return ids, flat.reshape(len(rows), -1)

    def papers_by_vector_id(self, vector_ids: Sequence[int]) -> dict[int, str]:
        """arXiv id of each paper vector id (ids not found are left out)."""
        if not vector_ids:
            return {}
        rows = self.con.execute(
            "SELECT vector_id, arxiv_id FROM paper_vectors WHERE vector_id IN (SELECT unnest(?))",
            [[int(i) for i in vector_ids]],
        ).fetchall()
        return dict(rows)

    def iter_abstracts(self, model: str) -> Iterator[tuple[int, str, str]]:
        """(vector id, title, abstract) of every paper with a vector, for BM25 over abstracts."""
        cur = self.con.execute(
            "SELECT v.vector_id, p.title, p.abstract FROM paper_vectors v JOIN papers p "
            "USING (arxiv_id) WHERE v.model = ? ORDER BY v.vector_id",
            [model],
        )
        while rows := cur.fetchmany(10_000):
            yield from rows

    def paper_vector_signature(self, model: str) -> tuple[int, int]:
        """(count, xor of id and text hashes) of the paper vectors: changes when they do."""
        row = self.con.execute(
            "SELECT count(*), coalesce(bit_xor(hash(vector_id, content_hash)), 0) "
            "FROM paper_vectors WHERE model = ?",
            [model],
        ).fetchone()
        return int(row[0]), int(row[1])

    def chunk_signature(self) -> tuple[int, int]:
        """(count, xor of ids) of the chunks: changes when chunks are added or removed."""
        row = self.con.execute(
            "SELECT count(*), coalesce(bit_xor(chunk_id), 0) FROM chunks"
        ).fetchone()
        return int(row[0]), int(row[1])

    def filtered_paper_ids(
        self, since: date | None, until: date | None, categories: Sequence[str] = ()
    ) -> list[str]:
        """Ids of the papers announced (else published) in a date range and in any of the
        categories given."""
        where, params = _date_range(since, until)
        if categories:
            where.append("len(list_intersect(categories, ?)) > 0")
            params.append(list(categories))
        sql = f"SELECT arxiv_id FROM papers WHERE {' AND '.join(where)}"
        return [r[0] for r in self.con.execute(sql, params).fetchall()]

    def paper_dates(self, arxiv_ids: Sequence[str]) -> dict[str, date | None]:
        """When each paper was announced (else published), for "earlier papers"."""
        if not arxiv_ids:
            return {}
        rows = self.con.execute(
            "SELECT arxiv_id, coalesce(announced, CAST(published AS DATE)) FROM papers "
            "WHERE arxiv_id IN (SELECT unnest(?))",
            [list(arxiv_ids)],
        ).fetchall()
        return dict(rows)

    # -- announcements, failures, runs, kv ---------------------------------------------------
    def record_announcements(
        self, rows: Sequence[tuple[date, str, str, str | None, int | None]]
    ) -> None:
        """``record_announcement`` for many (day, id, category, type, version) rows at once."""
        latest = {(r[0], r[1], r[2]): r for r in rows}  # the last word on a key wins, as before
        self._insert_columns(
            "announcements", ("DATE", "VARCHAR", "VARCHAR", "VARCHAR", "INTEGER"),
            [[r[i] for r in latest.values()] for i in range(5)],
            "ON CONFLICT DO UPDATE SET announce_type = excluded.announce_type, "
            "version = excluded.version",
        )  # fmt: skip

    def record_announcement(
        self,
        day: date,
        arxiv_id: str,
        category: str,
        announce_type: str | None,
        version: int | None,
    ) -> None:
        """Remember that a paper was announced in a category on a day."""
        self.con.execute(
            "INSERT INTO announcements VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "announce_type = excluded.announce_type, version = excluded.version",
            [day, arxiv_id, category, announce_type, version],
        )

    def announcements(self, day: date) -> list[dict[str, Any]]:
        """Papers announced on a day, one row per paper and category."""
        cur = self.con.execute(
            "SELECT * FROM announcements WHERE day = ? ORDER BY arxiv_id, category", [day]
        )
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def record_failure(self, arxiv_id: str, stage: str, reason: str) -> None:
        """Record why a paper failed at a stage (download, parse, embed...)."""
        self.con.execute(
            "INSERT INTO failures VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "reason = excluded.reason, failed_at = excluded.failed_at",
            [arxiv_id, stage, reason[:2000], _now()],
        )

    def clear_failure(self, arxiv_id: str, stage: str | None = None) -> None:
        """Forget a paper's failures (all stages, or one) after it succeeded."""
        if stage:
            self.con.execute(
                "DELETE FROM failures WHERE arxiv_id = ? AND stage = ?", [arxiv_id, stage]
            )
        else:
            self.con.execute("DELETE FROM failures WHERE arxiv_id = ?", [arxiv_id])

    def failures(self) -> list[dict[str, Any]]:
        """Every recorded failure, newest first."""
        cur = self.con.execute("SELECT * FROM failures ORDER BY failed_at DESC, arxiv_id")
        names = [d[0] for d in cur.description]
        return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

    def start_run(self, kind: str, params: dict[str, Any]) -> int:
        """Open a run record; returns its id."""
        row = self.con.execute(
            "INSERT INTO runs (kind, params, started) VALUES (?, ?, ?) RETURNING run_id",
            [kind, json.dumps(params, default=str), _now()],
        ).fetchone()
        return int(row[0])

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        """Close a run record with its outcome and figures."""
        self.con.execute(
            "UPDATE runs SET finished = ?, status = ?, stats = ? WHERE run_id = ?",
            [_now(), status, json.dumps(stats, default=str), run_id],
        )

    def get_kv(self, key: str) -> str | None:
        """A small stored value (such as the embedding model of the chunks)."""
        row = self.con.execute("SELECT value FROM kv WHERE key = ?", [key]).fetchone()
        return row[0] if row else None

    def set_kv(self, key: str, value: str) -> None:
        """Store a small value under a key."""
        self.con.execute(
            "INSERT INTO kv VALUES (?, ?) ON CONFLICT DO UPDATE SET value = excluded.value",
            [key, value],
        )

    def record_matches(self, day: date | None, matches: dict[str, list[dict[str, Any]]]) -> None:
        """Store each paper's matched profiles with score and reason."""
        rows = {
            (arxiv_id, m["profile"]): (float(m["score"]), m["reason"])
            for arxiv_id, found in matches.items()
            for m in found
        }
        self._insert_columns(
            "matches", ("VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR", "DATE"),
            [[k[0] for k in rows], [k[1] for k in rows], [v[0] for v in rows.values()],
             [v[1] for v in rows.values()], [day] * len(rows)],
            "ON CONFLICT DO UPDATE SET score = excluded.score, reason = excluded.reason, "
            "day = excluded.day",
        )  # fmt: skip

    def recent_abstracts(self, limit: int) -> list[tuple[str, str, str]]:
        """(id, title, abstract) of the most recently announced papers that have an abstract."""
        return self.con.execute(
            "SELECT arxiv_id, title, abstract FROM papers WHERE abstract <> '' "
            "ORDER BY announced DESC NULLS LAST, last_seen DESC LIMIT ?",
            [limit],
        ).fetchall()

    # -- ratings and imported examples ------------------------------------------------------
    def rate(self, arxiv_id: str, profile: str, relevant: bool, source: str = "cli") -> None:
        """Store (or replace) the user's rating of a paper for a profile."""
        self.con.execute(
            "INSERT INTO feedback VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "relevant = excluded.relevant, rated_at = excluded.rated_at, source = excluded.source",
            [arxiv_id, profile, relevant, _now(), source],
        )

    def unrate(self, arxiv_id: str, profile: str) -> bool:
        """Remove a rating; False when there was none."""
        found = self.con.execute(
            "DELETE FROM feedback WHERE arxiv_id = ? AND profile = ? RETURNING arxiv_id",
            [arxiv_id, profile],
        ).fetchall()
        return bool(found)

    def ratings(self, profile: str | None = None) -> list[Rating]:
        """Ratings, oldest first (of one profile, or all)."""
        sql = "SELECT arxiv_id, profile, relevant, rated_at, source FROM feedback"
        params: list[Any] = []
        if profile is not None:
            sql += " WHERE profile = ?"
            params.append(profile)
        rows = self.con.execute(sql + " ORDER BY rated_at, arxiv_id", params).fetchall()
        return [Rating(*row) for row in rows]

    def paper_by_doi(self, doi: str) -> dict[str, Any] | None:
        """The paper carrying this DOI (case-insensitive), if any."""
        row = self.con.execute(
            "SELECT arxiv_id FROM papers WHERE lower(doi) = lower(?) LIMIT 1", [doi.strip()]
        ).fetchone()
        return self.get_paper(row[0]) if row else None

    def add_profile_examples(self, profile: str, examples: Sequence[ProfileExample]) -> int:
        """Store imported examples of a profile (an entry already there is replaced)."""
        if not examples:
            return 0
        self.con.execute(
            "DELETE FROM profile_examples WHERE profile = ? AND key IN (SELECT unnest(?))",
            [profile, [e.key for e in examples]],
        )
        self._insert_columns(
            "profile_examples",
            ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "TIMESTAMP"),
            [[profile] * len(examples), [e.key for e in examples], [e.title for e in examples],
             [e.text for e in examples], [e.arxiv_id for e in examples],
             [e.source for e in examples], [_now()] * len(examples)],
        )  # fmt: skip
        return len(examples)

    def profile_examples(self, profile: str) -> list[ProfileExample]:
        """Examples imported for a profile (from a reference library)."""
        rows = self.con.execute(
            "SELECT key, title, text, arxiv_id, source FROM profile_examples WHERE profile = ? "
            "ORDER BY added, key",
            [profile],
        ).fetchall()
        return [ProfileExample(*row) for row in rows]

    def papers_matching_profile(self, profile: str) -> list[str]:
        """Ids of the papers that matched a profile, best score first."""
        rows = self.con.execute(
            "SELECT arxiv_id FROM matches WHERE profile = ? ORDER BY score DESC", [profile]
        ).fetchall()
        return [r[0] for r in rows]

    def matches_for(self, arxiv_ids: Sequence[str]) -> dict[str, list[dict[str, Any]]]:
        """Matched profiles (profile, score, reason, day) of some papers."""
        if not arxiv_ids:
            return {}
        cur = self.con.execute(
            "SELECT arxiv_id, profile, score, reason, day FROM matches "
            "WHERE arxiv_id IN (SELECT unnest(?)) ORDER BY score DESC",
            [list(arxiv_ids)],
        )
        found: dict[str, list[dict[str, Any]]] = {}
        for arxiv_id, profile, score, reason, day in cur.fetchall():
            found.setdefault(arxiv_id, []).append(
                {"profile": profile, "score": score, "reason": reason, "day": day}
            )
        return found

    def overview(self) -> dict[str, Any]:
        """Counts per announcement day, category and profile, and the failures with reasons."""

        def rows(sql: str) -> list[dict[str, Any]]:
            cur = self.con.execute(sql)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

        return {
            "per_day": rows(
                "SELECT coalesce(announced, CAST(published AS DATE), CAST(first_seen AS DATE)) "
                "AS day, count(*) AS papers FROM papers GROUP BY 1 ORDER BY 1"
            ),
            "per_category": rows(
                "SELECT category, count(*) AS papers FROM (SELECT unnest(categories) AS category "
                "FROM papers) GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
            "per_profile": rows(
                "SELECT profile, count(*) AS papers FROM matches GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
            "failures": rows(
                "SELECT f.arxiv_id, p.title, f.stage, f.reason, f.failed_at FROM failures f "
                "LEFT JOIN papers p USING (arxiv_id) ORDER BY f.failed_at DESC"
            ),
            "status": dict(
                self.con.execute(
                    "SELECT parse_status, count(*) FROM papers GROUP BY 1 ORDER BY 1"
                ).fetchall()
            ),
        }

    def get_analysis(
        self,
        arxiv_id: str,
        version: int,
        backend: str,
        model: str,
        prompt_version: str,
        language: str,
    ) -> dict[str, Any] | None:
        """A stored analysis made under exactly these conditions, or None."""
        cur = self.con.execute(
            "SELECT * FROM analyses WHERE arxiv_id = ? AND version = ? AND backend = ? AND "
            "model = ? AND prompt_version = ? AND language = ?",
            [arxiv_id, version, backend, model, prompt_version, language],
        )
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None

    def latest_analysis(self, arxiv_id: str) -> dict[str, Any] | None:
        """The most recent analysis of a paper, whatever made it (for the app)."""
        cur = self.con.execute(
            "SELECT * FROM analyses WHERE arxiv_id = ? ORDER BY version DESC, created DESC LIMIT 1",
            [arxiv_id],
        )
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None

    def save_analysis(self, record: dict[str, Any]) -> None:
        """Store an analysis (replacing one made under the same conditions)."""
        keys = ["arxiv_id", "version", "backend", "model", "prompt_version", "language",
                "sections", "cited_chunk_ids", "created"]  # fmt: skip
        self.con.execute(
            f"INSERT OR REPLACE INTO analyses ({', '.join(keys)}) VALUES "
            f"({', '.join('?' for _ in keys)})",
            [record[k] for k in keys],
        )

    # -- deliveries -------------------------------------------------------------------------
    def record_delivery(self, record: DeliveryRecord) -> int:
        """Store one delivery outcome; returns its id."""
        row = self.con.execute(
            "INSERT INTO deliveries (day, channel, target, status, attempts, detail, attempted_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING delivery_id",
            [record.day, record.channel, record.target, record.status, record.attempts,
             record.detail[:2000], record.attempted_at or _now()],
        ).fetchone()  # fmt: skip
        return int(row[0])

    def deliveries(self, day: date | None = None, limit: int = 100) -> list[DeliveryRecord]:
        """Delivery records, newest first (of one day, or of all)."""
        sql = (
            "SELECT day, channel, target, status, attempts, detail, attempted_at, delivery_id "
            "FROM deliveries"
        )
        params: list[Any] = []
        if day is not None:
            sql += " WHERE day = ?"
            params.append(day)
        sql += " ORDER BY delivery_id DESC LIMIT ?"
        params.append(limit)
        return [DeliveryRecord(*row) for row in self.con.execute(sql, params).fetchall()]

    def latest_deliveries(self) -> list[DeliveryRecord]:
        """The last sent or failed record of every (day, channel), newest day first."""
        rows = self.con.execute(
            "SELECT day, channel, target, status, attempts, detail, attempted_at, delivery_id "
            "FROM deliveries WHERE status IN ('sent', 'failed') "
            "QUALIFY row_number() OVER (PARTITION BY day, channel ORDER BY delivery_id DESC) = 1 "
            "ORDER BY day DESC, channel"
        ).fetchall()
        return [DeliveryRecord(*row) for row in rows]

    def stats(self) -> dict[str, Any]:
        """Counts of papers, chunks, parse states and failures."""
        papers = self.con.execute("SELECT count(*) FROM papers").fetchone()[0]
        chunks = self.con.execute("SELECT count(*) FROM chunks").fetchone()[0]
        by_status = dict(
            self.con.execute(
                "SELECT parse_status, count(*) FROM papers GROUP BY parse_status"
            ).fetchall()
        )
        failed = self.con.execute("SELECT count(DISTINCT arxiv_id) FROM failures").fetchone()[0]
        model = self.get_kv("embedding_model") or ""
        paper_vectors = len(self.paper_vector_ids(model))
        return {
            "papers": papers,
            "chunks": chunks,
            "paper_vectors": paper_vectors,
            "parsed": by_status.get("parsed", 0),
            "pending": by_status.get("pending", 0),
            "failed": failed,
            "by_status": by_status,
        }

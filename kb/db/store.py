"""The connection every query area shares: open (waiting out a writer), migrate, transactions.

DuckDB lets one process write, or many read, at a time: writers keep their connection short
(``Database.open`` per batch) and readers retry while a writer holds the file, then raise
``StoreBusyError`` ("updating, try again").
"""

from __future__ import annotations

import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any, Self

import duckdb

from kb.db.schema import MIGRATIONS
from kb.errors import NotFoundError, StoreBusyError

BUSY_MESSAGE = "the knowledge base is updating; try again in a moment"
READER_WAIT_S = 2.0
WRITER_WAIT_S = 120.0


def utcnow() -> datetime:
    """The current UTC time as DuckDB stores it (naive)."""
    return datetime.now(UTC).replace(tzinfo=None)


def _is_lock_error(exc: Exception) -> bool:
    text = str(exc).lower()
    return "lock" in text or "conflicting" in text or "being used" in text


class Store:
    """One DuckDB connection; the query areas (kb/db/*.py) add their statements as methods."""

    def __init__(self, con: duckdb.DuckDBPyConnection, path: Path, read_only: bool) -> None:
        self.con = con
        self.path = path
        self.read_only = read_only
        self._depth = 0

    @classmethod
    @contextmanager
    def open(
        cls, path: Path, read_only: bool = False, wait_s: float | None = None
    ) -> Iterator[Self]:
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

"""The day's bookkeeping: announcements, runs, failures and small key-values."""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import date
from typing import Any

from kb.db.store import Store, utcnow
from kb.records import Announcement, Failure


class RunLog(Store):
    """The day's bookkeeping: announcements, runs, failures and small key-values."""

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

    def announcements(self, day: date) -> list[Announcement]:
        """Papers announced on a day, one row per paper and category."""
        rows = self.con.execute(
            "SELECT day, arxiv_id, category, announce_type, version FROM announcements "
            "WHERE day = ? ORDER BY arxiv_id, category",
            [day],
        ).fetchall()
        return [Announcement(*row) for row in rows]

    def record_failure(self, arxiv_id: str, stage: str, reason: str) -> None:
        """Record why a paper failed at a stage (download, parse, embed...)."""
        self.con.execute(
            "INSERT INTO failures VALUES (?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "reason = excluded.reason, failed_at = excluded.failed_at",
            [arxiv_id, stage, reason[:2000], utcnow()],
        )

    def clear_failure(self, arxiv_id: str, stage: str | None = None) -> None:
        """Forget a paper's failures (all stages, or one) after it succeeded."""
        if stage:
            self.con.execute(
                "DELETE FROM failures WHERE arxiv_id = ? AND stage = ?", [arxiv_id, stage]
            )
        else:
            self.con.execute("DELETE FROM failures WHERE arxiv_id = ?", [arxiv_id])

    def failures(self, arxiv_id: str | None = None) -> list[Failure]:
        """Every recorded failure (or one paper's), newest first, with the paper's title."""
        sql = (
            "SELECT f.arxiv_id, p.title, f.stage, f.reason, f.failed_at FROM failures f "
            "LEFT JOIN papers p USING (arxiv_id)"
        )
        params: list[Any] = []
        if arxiv_id is not None:
            sql += " WHERE f.arxiv_id = ?"
            params.append(arxiv_id)
        rows = self.con.execute(sql + " ORDER BY f.failed_at DESC, f.arxiv_id", params).fetchall()
        return [Failure(*row) for row in rows]

    def start_run(self, kind: str, params: dict[str, Any]) -> int:
        """Open a run record; returns its id."""
        row = self.con.execute(
            "INSERT INTO runs (kind, params, started) VALUES (?, ?, ?) RETURNING run_id",
            [kind, json.dumps(params, default=str), utcnow()],
        ).fetchone()
        return int(row[0])

    def finish_run(self, run_id: int, status: str, stats: dict[str, Any]) -> None:
        """Close a run record with its outcome and figures."""
        self.con.execute(
            "UPDATE runs SET finished = ?, status = ?, stats = ? WHERE run_id = ?",
            [utcnow(), status, json.dumps(stats, default=str), run_id],
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

"""Every delivery of a day's digest: sent, failed or skipped, and why."""

from __future__ import annotations

from datetime import date
from typing import Any

from kb.db.store import Store, utcnow
from kb.records import DeliveryRecord


class DeliveryLog(Store):
    """Every delivery of a day's digest: sent, failed or skipped, and why."""

    def record_delivery(self, record: DeliveryRecord) -> int:
        """Store one delivery outcome; returns its id."""
        row = self.con.execute(
            "INSERT INTO deliveries (day, channel, target, status, attempts, detail, attempted_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING delivery_id",
            [record.day, record.channel, record.target, record.status, record.attempts,
             record.detail[:2000], record.attempted_at or utcnow()],
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

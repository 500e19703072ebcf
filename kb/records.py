"""Rows as they leave the knowledge base: one frozen dataclass per kind of stored record."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any


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

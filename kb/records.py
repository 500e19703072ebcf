"""Rows as they leave the knowledge base: one dataclass per kind of stored record.

``kb.db`` returns these, never ``dict``; a record that is printed as JSON has ``to_dict``.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kb.types import Paper, jsonable


@dataclass
class PaperRow(Paper):
    """A stored paper: its announced metadata, and how reading its full text went."""

    parse_status: str = "pending"  # pending, parsed, failed, no_pdf
    parse_error: str | None = None
    pdf_path: str | None = None
    pdf_sha256: str | None = None
    parsed_version: int | None = None
    n_pages: int | None = None
    n_chunks: int = 0
    first_seen: datetime | None = None
    last_seen: datetime | None = None

    @property
    def text_version(self) -> int:
        """The version whose full text is stored (else the announced one, else 1)."""
        return int(self.parsed_version or self.version or 1)

    @property
    def parsed(self) -> bool:
        """Whether the full text is stored."""
        return self.parse_status == "parsed"

    def holds_text_of(self, pdf_sha256: str, version: int | None = None) -> bool:
        """Whether the stored full text came from this PDF (and, given one, this version)."""
        return (
            self.parsed
            and self.pdf_sha256 == pdf_sha256
            and (version is None or self.parsed_version == version)
        )

    def to_paper(self) -> Paper:
        """The announced metadata alone, as a plain ``Paper``."""
        return Paper(**{f.name: getattr(self, f.name) for f in dataclasses.fields(Paper)})


PAPER_COLUMNS = tuple(f.name for f in dataclasses.fields(PaperRow))


@dataclass(frozen=True)
class Failure:
    """Why a paper failed at a stage (download, parse, embed, analyze...), and when."""

    arxiv_id: str
    title: str | None  # None when the paper itself is not stored
    stage: str
    reason: str
    failed_at: datetime


@dataclass(frozen=True)
class Announcement:
    """A paper announced in a category on a day."""

    day: date
    arxiv_id: str
    category: str
    announce_type: str | None
    version: int | None


@dataclass(frozen=True)
class Match:
    """A paper matched an interest profile: with what score, why, and on which day."""

    profile: str
    score: float
    reason: str
    day: date | None = None

    def to_dict(self) -> dict[str, Any]:
        """The report's JSON shape: ``{profile, score, reason}``."""
        return {"profile": self.profile, "score": self.score, "reason": self.reason}


@dataclass
class Overview:
    """The library at a glance: papers per day (announced, else published, else first seen),
    per category and per profile (most first), papers per parse state, and what failed."""

    per_day: dict[date, int] = field(default_factory=dict)
    per_category: dict[str, int] = field(default_factory=dict)
    per_profile: dict[str, int] = field(default_factory=dict)
    failures: list[Failure] = field(default_factory=list)
    status: dict[str, int] = field(default_factory=dict)


@dataclass(frozen=True)
class StoreStats:
    """Counts of papers, chunks, paper vectors, parse states and failed papers."""

    papers: int
    chunks: int
    paper_vectors: int
    parsed: int
    pending: int
    failed: int
    by_status: dict[str, int]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready counts (the start of ``kb stats --json``)."""
        return dataclasses.asdict(self)


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
            "attempted_at": jsonable(self.attempted_at),
        }  # fmt: skip

"""Domain records shared by every module: papers, parsed documents, chunks, hits."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

ANNOUNCE_TYPES = ("new", "cross", "replace", "replace-cross")


def _jsonable(value: Any) -> Any:
    """Turn dates and nested records into JSON-friendly values."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    return value


@dataclass
class Paper:
    """One arXiv paper as announced (one record per id, whatever the feed)."""

    arxiv_id: str
    version: int | None = None
    title: str = ""
    abstract: str = ""
    authors: list[str] = field(default_factory=list)
    announce_type: str | None = None
    primary_category: str | None = None
    categories: list[str] = field(default_factory=list)
    published: datetime | None = None
    updated: datetime | None = None
    announced: date | None = None
    abs_url: str = ""
    pdf_url: str = ""
    comment: str | None = None
    journal_ref: str | None = None
    doi: str | None = None
    code_links: list[str] = field(default_factory=list)
    source: str = ""

    @property
    def versioned_id(self) -> str:
        """The id with its version (``2512.05693v1``), or the bare id."""
        return f"{self.arxiv_id}v{self.version}" if self.version else self.arxiv_id

    def to_dict(self) -> dict[str, Any]:
        """All fields as JSON-ready values."""
        return {k: _jsonable(v) for k, v in dataclasses.asdict(self).items()}


@dataclass(frozen=True)
class TextBlock:
    """A paragraph-sized piece of body text, with the page and section it sits in."""

    page: int
    section: str
    text: str


@dataclass
class ParsedDoc:
    """What PyMuPDF gives for one PDF after cleaning: body blocks, references, page texts."""

    source: str
    n_pages: int
    title: str = ""
    authors: list[str] = field(default_factory=list)
    blocks: list[TextBlock] = field(default_factory=list)
    references: list[str] = field(default_factory=list)
    page_texts: dict[int, str] = field(default_factory=dict)
    metadata: dict[str, str] = field(default_factory=dict)

    @property
    def sections(self) -> list[str]:
        """Section titles in reading order, without repeats."""
        seen: list[str] = []
        for block in self.blocks:
            if block.section not in seen:
                seen.append(block.section)
        return seen


@dataclass(frozen=True)
class ChunkDraft:
    """A chunk before it has an id: text with its first/last page and section."""

    ordinal: int
    page: int
    page_end: int
    section: str
    text: str


@dataclass(frozen=True)
class Chunk:
    """A stored chunk; ``chunk_id`` is also its id in the FAISS index."""

    chunk_id: int
    arxiv_id: str
    version: int
    ordinal: int
    page: int
    page_end: int
    section: str
    text: str
    content_hash: str


@dataclass(frozen=True)
class Rating:
    """The user's judgement of a paper for one profile."""

    arxiv_id: str
    profile: str
    relevant: bool
    rated_at: datetime
    source: str = "cli"


@dataclass(frozen=True)
class ProfileExample:
    """A paper from the user's own library, imported as an example of a profile."""

    key: str
    title: str
    text: str
    arxiv_id: str | None = None
    source: str = ""


@dataclass
class Hit:
    """One search result: a full-text chunk (``kind`` "chunk", with its page) or a paper's
    abstract (``kind`` "abstract": ``chunk_id`` and ``page`` are None), with its score."""

    arxiv_id: str
    title: str
    chunk_id: int | None
    page: int | None
    section: str
    score: float
    text: str
    page_end: int | None = None
    published: str | None = None
    categories: list[str] = field(default_factory=list)
    kind: str = "chunk"
    full_text: bool = False

    def to_dict(self) -> dict[str, Any]:
        """The JSON shape of ``kb search --json``."""
        return {k: _jsonable(v) for k, v in dataclasses.asdict(self).items()}

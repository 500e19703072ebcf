"""Domain records shared by every module: papers, parsed documents, chunks, hits, analyses."""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

ANNOUNCE_TYPES = ("new", "cross", "replace", "replace-cross")
ANALYSIS_SECTIONS = (
    "summary", "motivation", "contributions", "method", "experiments", "limitations",
    "future_work",
)  # fmt: skip


def jsonable(value: Any) -> Any:
    """Dates as ISO strings, inside lists and dicts too; other values as they are."""
    if isinstance(value, (datetime, date)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [jsonable(v) for v in value]
    if isinstance(value, dict):
        return {k: jsonable(v) for k, v in value.items()}
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
        return {k: jsonable(v) for k, v in dataclasses.asdict(self).items()}


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
        return {k: jsonable(v) for k, v in dataclasses.asdict(self).items()}


@dataclass
class CitedSentence:
    """One sentence of an analysis and the pages (and chunks) it rests on."""

    text: str
    pages: list[int]
    chunk_ids: list[int] = field(default_factory=list)

    def render(self) -> str:
        """The sentence with its citation, e.g. ``... [p. 4]``."""
        if not self.pages:
            return self.text
        pages = ", ".join(str(p) for p in self.pages)
        return f"{self.text} [p{'p' if len(self.pages) > 1 else ''}. {pages}]"

    def to_dict(self) -> dict[str, Any]:
        """``{text, pages, chunk_ids}``."""
        return {"text": self.text, "pages": self.pages, "chunk_ids": self.chunk_ids}


@dataclass
class Analysis:
    """A paper's analysis: sections of cited sentences, and how it was made.

    ``reused`` is True when it was read back from the knowledge base rather than written now.
    """

    arxiv_id: str
    version: int
    backend: str
    model: str
    prompt_version: str
    language: str
    sections: dict[str, list[CitedSentence]]
    created: datetime
    reused: bool = False

    @property
    def cited_chunk_ids(self) -> list[int]:
        """Every chunk cited anywhere in the analysis."""
        ids = [c for sents in self.sections.values() for s in sents for c in s.chunk_ids]
        return list(dict.fromkeys(ids))

    def section_text(self, name: str) -> str:
        """A section as one paragraph of cited sentences."""
        return " ".join(s.render() for s in self.sections.get(name, []))

    def sections_dict(self) -> dict[str, list[dict[str, Any]]]:
        """The sections as JSON-ready lists of cited sentences."""
        return {name: [s.to_dict() for s in sents] for name, sents in self.sections.items()}

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready analysis (sections as cited sentences)."""
        return {
            "arxiv_id": self.arxiv_id,
            "version": self.version,
            "backend": self.backend,
            "model": self.model,
            "prompt_version": self.prompt_version,
            "language": self.language,
            "created": self.created.isoformat(),
            "sections": self.sections_dict(),
            "cited_chunk_ids": self.cited_chunk_ids,
        }

"""Read-side views of the knowledge base: one paper's record, library-wide figures."""

from __future__ import annotations

import json
from typing import Any

from kb.config import Settings
from kb.db import Database
from kb.errors import NotFoundError
from kb.ids import parse_paper_id
from kb.records import Overview
from kb.types import Analysis, Paper
from kb.vectors import INDEX_FILE, MANIFEST_FILE, PAPER_INDEX_FILE, PAPER_MANIFEST_FILE


def paper_record(settings: Settings, raw_id: str) -> dict[str, Any]:
    """Everything stored about one paper (JSON-ready), with its failures.

    Raises:
        InvalidIdError: the id is not an arXiv id.
        NotFoundError: the paper is not in the knowledge base.
    """
    arxiv_id, _ = parse_paper_id(raw_id)
    with Database.open(settings.db_path, read_only=True) as db:
        row = db.get_paper(arxiv_id)
        if row is None:
            raise NotFoundError(f"{arxiv_id} is not in the knowledge base")
        failures = db.failures(arxiv_id)
    record = row.to_dict()
    record["versioned_id"] = row.versioned_id
    record["chunk_count"] = row.n_chunks
    record["failures"] = [
        {"stage": f.stage, "reason": f.reason, "at": f.failed_at.isoformat()} for f in failures
    ]
    return record


def index_vector_count(
    settings: Settings, index_file: str = INDEX_FILE, manifest_file: str = MANIFEST_FILE
) -> int:
    """Vectors in a saved FAISS index, read from its manifest (0 when there is none)."""
    manifest = settings.index_dir / manifest_file
    if not manifest.exists() or not (settings.index_dir / index_file).exists():
        return 0
    return int(json.loads(manifest.read_text(encoding="utf-8")).get("count", 0))


def library_stats(settings: Settings) -> dict[str, Any]:
    """Papers, chunks, paper vectors, vectors in the FAISS indexes (``vectors``: both tiers,
    ``chunk_vectors`` + ``paper_index_vectors``), failures; zeros for an empty KB."""
    if not settings.db_path.exists():
        return {"papers": 0, "chunks": 0, "paper_vectors": 0, "vectors": 0, "chunk_vectors": 0,
                "paper_index_vectors": 0, "failed": 0, "parsed": 0, "pending": 0}  # fmt: skip
    with Database.open(settings.db_path, read_only=True) as db:
        stats = db.stats().to_dict()
    stats["chunk_vectors"] = index_vector_count(settings)
    stats["paper_index_vectors"] = index_vector_count(
        settings, PAPER_INDEX_FILE, PAPER_MANIFEST_FILE
    )
    stats["vectors"] = stats["chunk_vectors"] + stats["paper_index_vectors"]
    stats["home"] = str(settings.home)
    return stats


def library_overview(settings: Settings) -> Overview:
    """Figures for the app's Library page: papers per day / category / profile, failures."""
    if not settings.db_path.exists():
        return Overview()
    with Database.open(settings.db_path, read_only=True) as db:
        return db.overview()


def recent_papers(settings: Settings, limit: int = 300) -> list[Paper]:
    """The most recently announced papers in the knowledge base."""
    if not settings.db_path.exists():
        return []
    with Database.open(settings.db_path, read_only=True) as db:
        return [r.to_paper() for r in db.list_papers(limit=limit)]


def render_page_png(settings: Settings, arxiv_id: str, page: int, zoom: float = 1.5) -> bytes:
    """A page of a paper's stored PDF as PNG bytes (PyMuPDF), to show a cited page.

    Raises:
        NotFoundError: the paper, its PDF file or the page is not there.
    """
    import pymupdf

    with Database.open(settings.db_path, read_only=True) as db:
        row = db.get_paper(arxiv_id)
    if row is None or not row.pdf_path:
        raise NotFoundError(f"{arxiv_id}: no PDF stored for this paper")
    path = row.pdf_path
    try:
        with pymupdf.open(path) as doc:
            if not 1 <= page <= doc.page_count:
                raise NotFoundError(f"{arxiv_id}: page {page} not in 1..{doc.page_count}")
            pixmap = doc[page - 1].get_pixmap(matrix=pymupdf.Matrix(zoom, zoom))
            return pixmap.tobytes("png")
    except (RuntimeError, ValueError, OSError) as exc:
        raise NotFoundError(f"{arxiv_id}: cannot render page {page} of {path}: {exc}") from exc


def paper_analysis(settings: Settings, arxiv_id: str) -> Analysis | None:
    """The latest stored analysis of a paper, or None."""
    if not settings.db_path.exists():
        return None
    with Database.open(settings.db_path, read_only=True) as db:
        return db.latest_analysis(arxiv_id)

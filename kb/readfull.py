""" "Read in full": fetch a stored paper's PDF and ingest its full text (the app's Search page).

A paper known only by its abstract (a backfill, a day's announcements) becomes a full-text
paper: chunks with pages, searchable and answerable. Takes the writer lock like ``kb ingest``.
"""

from __future__ import annotations

from kb.config import Settings
from kb.db import Database
from kb.errors import NotFoundError
from kb.ids import parse_paper_id
from kb.ingest import Ingestor, IngestSummary
from kb.lock import run_lock


def read_in_full(settings: Settings, raw_id: str) -> IngestSummary:
    """Download (politely, into the PDF cache) and ingest one paper's PDF.

    Returns the ingest summary; a download or parse failure is in ``failures`` and recorded.

    Raises:
        InvalidIdError: not an arXiv id.
        NotFoundError: the paper is not in the knowledge base.
        LockedError: another writer holds the lock.
    """
    from kb.fetch import fetch_missing_pdfs

    arxiv_id = parse_paper_id(raw_id)[0]
    with run_lock(settings.lock_path):
        with Database.open(settings.db_path, read_only=True) as db:
            row = db.get_paper(arxiv_id)
        if row is None:
            raise NotFoundError(f"{arxiv_id} is not in the knowledge base")
        paper = row.to_paper()
        failures = fetch_missing_pdfs(settings, [paper])
        ingestor = Ingestor(settings)
        summary = IngestSummary()
        ingestor.ingest_pdfs(ingestor.plan_pdfs([paper], [settings.pdf_dir], summary), summary)
        summary.failures = failures + summary.failures
    return summary

"""Fetching the PDFs of papers that have none on disk yet (``--fetch-pdfs``, live runs)."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from pathlib import Path

from kb.arxiv_client import PoliteClient
from kb.config import Settings
from kb.db import Database
from kb.download import download_pdf
from kb.errors import KBError
from kb.ingest import index_pdf_dir
from kb.types import Paper

log = logging.getLogger(__name__)


def fetch_missing_pdfs(
    settings: Settings, papers: Sequence[Paper], pdf_dirs: Sequence[Path] = ()
) -> list[dict[str, str]]:
    """Download into the PDF cache every paper's PDF not found in ``pdf_dirs``.

    Returns the failures (arxiv_id, stage, reason); each is also recorded in DuckDB.
    """
    local: set[str] = set()
    for folder in pdf_dirs:
        local.update(index_pdf_dir(folder))
    client = PoliteClient(settings.feeds)
    failures = []
    for paper in papers:
        if paper.arxiv_id in local:
            continue
        try:
            download_pdf(paper, paper.version, settings, client, settings.pdf_dir)
        except KBError as exc:
            failures.append({"arxiv_id": paper.arxiv_id, "stage": "download", "reason": str(exc)})
    if failures:
        with Database.open(settings.db_path) as db:
            for failure in failures:
                db.record_failure(failure["arxiv_id"], "download", failure["reason"])
    return failures

"""The offline demo set: one day of arXiv-format feeds and PDFs typeset with PyMuPDF.

arXiv is out of reach offline and real papers may not be copied into the repository, so the
main command runs the whole pipeline on fictional papers (``kb/demo/data``, clearly labelled
DEMO): an RSS 2.0 feed per category, the arXiv API's Atom answer for the same ids
(``feeds``), and a PDF per paper (all but two) typeset by ``kb.typeset`` (``render``). Output is
deterministic (the same bytes every run) and files already on disk with the same bytes are
not rewritten.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from kb.atomic import write_if_changed
from kb.demo.feeds import API_FILE, DEMO_CATEGORIES, DEMO_DAY, announce_type, api_xml, feed_xml
from kb.demo.papers import PAPERS, DemoPaper
from kb.demo.render import render_pdf

__all__ = [
    "API_FILE", "DEMO_CATEGORIES", "DEMO_DAY", "PAPERS", "DemoPaper", "DemoSet",
    "announce_type", "api_xml", "feed_xml", "pdf_name", "render_pdf", "write_demo",
]  # fmt: skip

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class DemoSet:
    """Where the demo feeds (RSS per category, then API metadata) and PDFs are, and their day."""

    feed_paths: list[Path]
    pdf_dir: Path
    day: date


def pdf_name(paper: DemoPaper) -> str:
    """``<id>v<N>.pdf``, the name the pipeline looks for in a PDF folder."""
    return f"{paper.arxiv_id}v{paper.version}.pdf"


def write_demo(folder: Path) -> DemoSet:
    """Write (or keep, when unchanged) the demo feeds and PDFs under ``folder``.

    Args:
        folder: where ``<day>_<category>.xml``, the API metadata file and ``pdfs/`` go.

    Returns:
        The feed files (one RSS per category, then the API metadata), the PDF folder, the day.

    Raises:
        ValueError: a demo paper that cannot be typeset (a bug in ``kb.demo_papers``).
    """
    folder = Path(folder)
    pdf_dir = folder / "pdfs"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    feeds: list[Path] = []
    written = 0
    for category in DEMO_CATEGORIES:
        path = folder / f"{DEMO_DAY.isoformat()}_{category}.xml"
        written += write_if_changed(path, feed_xml(category).encode("utf-8"))
        feeds.append(path)
    api = folder / API_FILE
    written += write_if_changed(api, api_xml().encode("utf-8"))
    feeds.append(api)
    for paper in PAPERS:
        if paper.body is not None:
            written += write_if_changed(pdf_dir / pdf_name(paper), render_pdf(paper))
    log.info("demo set in %s: %d files written, the rest unchanged", folder, written)
    return DemoSet(feeds, pdf_dir, DEMO_DAY)

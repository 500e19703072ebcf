"""PDF download: polite, checked to be a PDF, size-limited, cached by id and version, resumable."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kb.config import Settings
from kb.errors import DownloadError, NotAPdfError
from kb.http import PoliteClient
from kb.ids import id_to_filename, parse_arxiv_id
from kb.types import Paper

log = logging.getLogger(__name__)


def _valid_pdf(path: Path) -> bool:
    with open(path, "rb") as handle:
        head = handle.read(1024)
    return b"%PDF-" in head[:1024]


def download_pdf(
    paper: Paper | str,
    version: int | None,
    settings: Settings,
    client: PoliteClient,
    cache_dir: Path,
) -> Path:
    """The PDF of a paper version in the cache, downloaded when missing.

    A ``.part`` file left by an interrupted download is resumed with an HTTP Range request.

    Raises:
        NotAPdfError: the server sent something else (an HTML page, an error).
        DownloadError: network failure, or larger than ``feeds.max_pdf_mb``.
    """
    raw_id = paper.arxiv_id if isinstance(paper, Paper) else paper
    arxiv_id, parsed_version = parse_arxiv_id(raw_id)
    version = version or parsed_version or (paper.version if isinstance(paper, Paper) else None)
    cache_dir.mkdir(parents=True, exist_ok=True)
    final = cache_dir / id_to_filename(arxiv_id, version)
    if final.exists() and _valid_pdf(final):
        return final
    part = final.with_name(final.name + ".part")
    url = f"{settings.feeds.pdf_base_url.rstrip('/')}/{arxiv_id}" + (
        f"v{version}" if version else ""
    )
    max_bytes = int(settings.feeds.max_pdf_mb * 1_000_000)
    try:
        response = client.get(url, max_bytes=max_bytes, stream_to=part)
    except DownloadError:
        if part.exists() and not _valid_pdf(part):
            part.unlink()  # not worth resuming: it does not even start like a PDF
        raise
    if not _valid_pdf(part):
        head = part.read_bytes()[:40]
        part.unlink(missing_ok=True)
        kind = response.headers.get("content-type", "unknown type")
        raise NotAPdfError(
            f"{arxiv_id}: {url} did not return a PDF (got {kind}, starting {head!r}; "
            "a captcha or error page?)"
        )
    os.replace(part, final)
    log.info("%s: downloaded %d bytes", arxiv_id, final.stat().st_size)
    return final

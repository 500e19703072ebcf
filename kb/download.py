"""PDF download: polite, checked to be a whole PDF, size-limited, cached by id and version,
resumable, and moved into the cache only when complete."""

from __future__ import annotations

import logging
import os
from pathlib import Path

from kb.arxiv_client import PoliteClient, feed_settings
from kb.config import FeedSettings, Settings
from kb.errors import DownloadError, InvalidIdError, NotAPdfError
from kb.http import Response
from kb.ids import id_to_filename, parse_arxiv_id
from kb.types import Paper

log = logging.getLogger(__name__)

PDF_MAGIC = b"%PDF-"
_HEAD_BYTES = 1024  # PDF readers accept the header anywhere in the first 1 KB
_TAIL_BYTES = 2048  # ... and the %%EOF marker near the end


def _head_tail(path: Path) -> tuple[bytes, bytes]:
    """The first and last bytes of a file."""
    size = path.stat().st_size
    with open(path, "rb") as handle:
        head = handle.read(_HEAD_BYTES)
        handle.seek(max(0, size - _TAIL_BYTES))
        tail = handle.read(_TAIL_BYTES)
    return head, tail


def is_complete_pdf(path: Path) -> bool:
    """True when ``path`` starts like a PDF and ends with the ``%%EOF`` marker."""
    if not path.is_file():
        return False
    head, tail = _head_tail(path)
    return PDF_MAGIC in head and b"%%EOF" in tail


def pdf_cache_path(arxiv_id: str, version: int | None, cache_dir: Path) -> Path:
    """Where the PDF of ``arxiv_id`` (version or bare) is cached; old-style ids lose the '/'."""
    return cache_dir / id_to_filename(arxiv_id, version)


def _check_pdf(part: Path, response: Response, label: str, url: str) -> None:
    """Raise (and drop the partial file) when the body is not a whole PDF."""
    head, tail = _head_tail(part)
    if PDF_MAGIC not in head:
        part.unlink(missing_ok=True)
        kind = response.header("content-type") or "no content type"
        raise NotAPdfError(
            f"{label}: {url} did not return a PDF: got {kind}, starting {head[:60]!r} "
            "(a captcha or error page?)"
        )
    if b"%%EOF" not in tail:
        size = part.stat().st_size
        part.unlink(missing_ok=True)
        raise DownloadError(
            f"{label}: {url} sent an incomplete PDF ({size} bytes, no %%EOF marker at the end); "
            "it will be fetched again next time"
        )


def download_pdf(
    paper_or_id: Paper | str,
    version: int | None,
    settings: Settings | FeedSettings,
    client: PoliteClient,
    cache_dir: Path,
) -> Path:
    """The PDF of one paper version in the cache, downloaded when missing.

    Args:
        paper_or_id: a Paper, or an arXiv id in any form (``2302.07302v1``, ``math/0601001``).
        version: the version to fetch; None means the id's own version, else the Paper's,
            else the bare id (arXiv then serves the latest version).
        settings: Settings or its ``feeds`` section (``pdf_base_url``, ``max_pdf_mb``).
        client: the polite client of this run.
        cache_dir: folder of cached PDFs (``<id>v<N>.pdf``).

    Returns:
        The cached file; no request is made when a complete PDF is already there.

    Raises:
        InvalidIdError: not an arXiv id (nothing is fetched or written).
        NotAPdfError: the server sent something else, such as an HTML captcha page.
        DownloadError: network failure, incomplete PDF, or larger than ``max_pdf_mb``. A cut
            transfer leaves ``<name>.pdf.part``, which the next call resumes with a Range request.
    """
    feeds = feed_settings(settings)
    raw_id = paper_or_id.arxiv_id if isinstance(paper_or_id, Paper) else paper_or_id
    arxiv_id, id_version = parse_arxiv_id(raw_id)
    if version is None:
        version = id_version or (paper_or_id.version if isinstance(paper_or_id, Paper) else None)
    if version is not None and version < 1:
        raise InvalidIdError(f"{arxiv_id}: no such version {version}")
    label = f"{arxiv_id}v{version}" if version else arxiv_id
    final = pdf_cache_path(arxiv_id, version, cache_dir)
    if is_complete_pdf(final):
        log.debug("%s: cached at %s", label, final)
        return final
    cache_dir.mkdir(parents=True, exist_ok=True)
    part = final.with_name(final.name + ".part")
    url = f"{feeds.pdf_base_url.rstrip('/')}/{label}"
    if part.exists():
        log.info("%s: resuming from %d bytes already downloaded", label, part.stat().st_size)
    response = client.get(url, stream_to=part, max_bytes=int(feeds.max_pdf_mb * 1_000_000))
    _check_pdf(part, response, label, url)
    os.replace(part, final)  # atomic: a reader sees no file or the whole file
    log.info("%s: downloaded %d bytes", label, final.stat().st_size)
    return final

"""Opening a PDF: files that cannot be one, damaged, truncated or encrypted are refused by name."""

from __future__ import annotations

import logging
from pathlib import Path

import pymupdf

from kb.errors import ParseError

log = logging.getLogger(__name__)


def _check_file(path: Path) -> bool:
    """Raise for files that cannot be a PDF; True when the end-of-file marker is there."""
    try:
        size = path.stat().st_size
        with path.open("rb") as handle:
            head = handle.read(1024)
            handle.seek(max(0, size - 2048))
            tail = handle.read()
    except OSError as exc:
        raise ParseError(f"{path.name}: cannot read the file ({exc.strerror or exc})") from exc
    if size == 0:
        raise ParseError(f"{path.name}: empty file (0 bytes)")
    if b"%PDF-" not in head:
        lower = head.lower()
        if b"<html" in lower or b"<!doctype" in lower or b"<head" in lower:
            kind = "an HTML page saved as .pdf"
        else:
            kind = "no %PDF- header"
        sample = head[:40].decode("latin-1", "replace").strip()
        raise ParseError(f"{path.name}: not a PDF ({kind}; starts with {sample!r})")
    return b"%%EOF" in tail


def open_pdf(path: Path) -> pymupdf.Document:
    complete = _check_file(path)
    try:
        doc = pymupdf.open(path, filetype="pdf")
    except Exception as exc:  # FileDataError, RuntimeError: MuPDF cannot rebuild the file
        raise ParseError(f"{path.name}: corrupt or truncated PDF ({exc})") from exc
    if doc.needs_pass:  # an empty user password (permissions only) opens by itself
        doc.close()
        raise ParseError(f"{path.name}: encrypted PDF (password protected); cannot read text")
    if doc.page_count == 0:
        doc.close()
        raise ParseError(f"{path.name}: corrupt or truncated PDF (no pages)")
    if doc.is_repaired:
        if not complete:
            doc.close()
            raise ParseError(f"{path.name}: corrupt or truncated PDF (the file ends early: no "
                             "%%EOF marker, cross-reference table lost)")  # fmt: skip
        log.warning("%s: damaged PDF, repaired by MuPDF", path.name)
    return doc

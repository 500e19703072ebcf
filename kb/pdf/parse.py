"""``parse_pdf``: one PDF -> clean body blocks with pages and sections, references, page texts."""

from __future__ import annotations

import logging
import re
from collections import Counter
from pathlib import Path

from kb.config import PdfSettings
from kb.errors import ParseError
from kb.pdf.assemble import Para, assemble
from kb.pdf.front import title_authors
from kb.pdf.layout import (
    drop_line_numbers,
    is_furniture,
    merge_pieces,
    reading_order,
    repeating_lines,
    title_hint,
)
from kb.pdf.lines import Page, read_page
from kb.pdf.opening import open_pdf
from kb.pdf.references import RefLine, split_references
from kb.pdf.text import clean_meta, join_lines
from kb.types import ParsedDoc, TextBlock

log = logging.getLogger(__name__)

_WORD = re.compile(r"[a-z]+(?:-[a-z]+)+|[a-z]{3,}")


def _body_size(pages: list[Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _read(path: Path, settings: PdfSettings) -> tuple[list[Page], dict[str, str], int]:
    """The lines of the first ``max_pages`` pages, and the metadata (with the page count)."""
    doc = open_pdf(path)
    try:
        total = doc.page_count
        limit = min(total, settings.max_pages)
        pages: list[Page] = []
        for number in range(limit):
            try:
                pages.append(read_page(doc[number], number + 1, with_names=number == 0))
            except Exception as exc:  # MuPDF errors on a damaged content stream
                raise ParseError(f"{path.name}: page {number + 1} cannot be read ({exc})") from exc
        metadata = {k: clean_meta(v) for k, v in (doc.metadata or {}).items() if v}
        repaired = doc.is_repaired
    finally:
        doc.close()
    metadata = {k: v for k, v in metadata.items() if v}
    metadata["page_count"] = str(total)
    if repaired:
        metadata["repaired"] = "true"
    if limit < total:
        metadata["truncated_to_pages"] = str(limit)
        log.warning("%s: %d pages, read the first %d", path.name, total, limit)
    return pages, metadata, limit


def _raw_chars(path: Path, pages: list[Page]) -> int:
    """Characters of text on the pages; raises when most of them are unmapped glyphs."""
    raw_chars = sum(len(ln.text) for p in pages for ln in p.lines)
    if raw_chars:
        junk = sum(ln.text.count("\ufffd") for p in pages for ln in p.lines)
        if junk > 0.3 * raw_chars:
            raise ParseError(f"{path.name}: text layer is unreadable (fonts without a Unicode "
                             "mapping)")  # fmt: skip
    return raw_chars


def _clean(pages: list[Page], metadata: dict[str, str]) -> float:
    """Line numbers, furniture and split pieces gone, blocks in reading order; the body size."""
    for page in pages:
        drop_line_numbers(page)
        merge_pieces(page)
    body_size = _body_size(pages)
    repeating = repeating_lines(pages)
    hint = title_hint(pages[0], body_size, metadata.get("title", "")) if pages else ""
    for page in pages:
        if page.lines:
            edges = (min(ln.y0 for ln in page.lines), max(ln.y1 for ln in page.lines))
            page.lines = [
                ln for ln in page.lines if not is_furniture(ln, page, repeating, hint, edges)
            ]
        page.blocks = reading_order(page, body_size)
    empty = [p.number for p in pages if not p.lines]
    if empty and len(empty) < len(pages):
        metadata["pages_without_text"] = ",".join(map(str, empty))
    return body_size


def _texts(
    paras: list[Para], ref_lines: list[RefLine]
) -> tuple[list[TextBlock], dict[int, str], list[str]]:
    """Body blocks, the text of each page (exactly what blocks are made of) and references."""
    every_line = "\n".join([*(ln for p in paras for ln in p.lines), *(r.text for r in ref_lines)])
    words = set(_WORD.findall(every_line.lower()))
    references, ref_pages = split_references(ref_lines, words)
    blocks: list[TextBlock] = []
    page_parts: dict[int, list[str]] = {}
    for para in paras:
        if para.kind == "refs":
            pieces = ref_pages.get(para.page, [])
        else:
            pieces = [join_lines(para.lines, words)]
        for text in pieces:
            if text:
                page_parts.setdefault(para.page, []).append(text)
        if para.kind == "body" and pieces[0]:
            blocks.append(TextBlock(para.page, para.section, pieces[0]))
    page_texts = {p: " ".join(parts) for p, parts in sorted(page_parts.items())}
    return blocks, page_texts, references


def _check_body(
    path: Path, blocks: list[TextBlock], raw_chars: int, metadata: dict[str, str], min_chars: int
) -> None:
    """Raise when too little body text is left, saying why as far as it can be told."""
    body_chars = sum(len(b.text) for b in blocks)
    if body_chars >= min_chars:
        return
    limit = int(metadata.get("truncated_to_pages", metadata["page_count"]))
    if metadata.get("repaired"):
        raise ParseError(f"{path.name}: corrupt or truncated PDF (damaged file, "
                         f"{raw_chars} characters of text left in {limit} pages)")  # fmt: skip
    if raw_chars < min_chars:
        raise ParseError(
            f"{path.name}: no text layer (scanned?): {raw_chars} characters of text in "
            f"{limit} page{'s' if limit != 1 else ''}"
        )
    raise ParseError(f"{path.name}: too little body text ({body_chars} characters in "
                     f"{limit} pages)")  # fmt: skip


def parse_pdf(path: Path, settings: PdfSettings | None = None) -> ParsedDoc:
    """Clean body blocks, sections, references and page texts of one PDF.

    Args:
        path: the PDF file.
        settings: page limit and the least body text a usable PDF has.

    Returns:
        The parsed document; pages past ``settings.max_pages`` are not read (metadata
        ``truncated_to_pages`` says so).

    Raises:
        ParseError: empty file, not a PDF (e.g. an HTML page), corrupt or truncated,
            encrypted, a page that cannot be read, or no text layer (scanned pages); the
            message names the file (and the page).
    """
    settings = settings or PdfSettings()
    path = Path(path)
    pages, metadata, limit = _read(path, settings)
    raw_chars = _raw_chars(path, pages)
    body_size = _clean(pages, metadata)
    title, authors = title_authors(metadata, pages[0] if pages else None, body_size)
    blocks, page_texts, references = _texts(*assemble(pages, body_size))
    _check_body(path, blocks, raw_chars, metadata, settings.min_chars)
    return ParsedDoc(
        source=str(path),
        n_pages=limit,
        title=title,
        authors=authors,
        blocks=blocks,
        references=references,
        page_texts=page_texts,
        metadata=metadata,
    )

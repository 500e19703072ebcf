"""PDF -> clean body text with pages and sections, and the reference list split off (PyMuPDF).

Cleaning: rotated margin stamps (arXiv's side line), line numbers, running headers and footers
and page numbers are removed; two-column pages are read column by column; hyphenated line
breaks are joined; ligatures normalised. ``page_texts`` holds exactly the text that blocks (and
so chunks) are made of, so a cited sentence can be checked against its page.
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pymupdf

from kb.config import PdfSettings
from kb.errors import ParseError
from kb.types import ParsedDoc, TextBlock

log = logging.getLogger(__name__)

_KNOWN_HEADINGS = (
    "abstract", "introduction", "related work", "related works", "background", "method",
    "methods", "methodology", "approach", "experiments", "experiment", "experimental setup",
    "experimental results", "results", "evaluation", "discussion", "limitations",
    "limitation", "conclusion", "conclusions", "future work", "conclusion and future work",
    "conclusions and future work", "acknowledgments", "acknowledgements", "acknowledgment",
    "references", "bibliography", "appendix", "appendices", "supplementary material",
    "ethics statement", "broader impact", "preliminaries", "problem formulation", "analysis",
    "user study", "study design", "findings", "system design", "dataset", "datasets",
    "implementation details", "ablation study", "ablation studies",
)  # fmt: skip
_NUMBERED = re.compile(
    r"^(?:(?:\d{1,2}(?:\.\d{1,2}){0,3})\.?|[IVX]{1,5}\.|[A-H](?:\.\d{1,2})*\.?)\s+\S"
)
_REFERENCES = re.compile(r"^(?:\d{1,2}\.?\s+)?(references|bibliography|literature cited)$", re.I)
_APPENDIX = re.compile(
    r"^(?:appendix|appendices|supplementary|[A-H](?:\.\d+)*\.?\s+[A-Z])", re.IGNORECASE
)
_REF_MARKER = re.compile(r"(?:^|\s)(\[\d{1,3}\])\s")
_DIGITS = re.compile(r"\d+")


@dataclass
class _Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool


@dataclass
class _Block:
    page: int
    x0: float
    y0: float
    x1: float
    y1: float
    lines: list[_Line]


def _norm(text: str) -> str:
    return unicodedata.normalize("NFKC", text).replace("\u00ad", "")


def _check_file(path: Path) -> None:
    try:
        size = path.stat().st_size
        head = path.open("rb").read(1024)
    except OSError as exc:
        raise ParseError(f"{path.name}: cannot read ({exc.strerror or exc})") from exc
    if size == 0:
        raise ParseError(f"{path.name}: empty file (0 bytes)")
    if b"%PDF-" not in head:
        sample = head[:60].decode("latin-1", "replace").strip()
        kind = (
            "an HTML page"
            if b"<html" in head.lower() or b"<!doctype" in head.lower()
            else ("not a PDF")
        )
        raise ParseError(f"{path.name}: {kind}, not a PDF (starts with {sample[:40]!r})")


def _open(path: Path) -> pymupdf.Document:
    _check_file(path)
    try:
        doc = pymupdf.open(path)
    except Exception as exc:  # PyMuPDF raises its own FileDataError / RuntimeError
        raise ParseError(f"{path.name}: corrupt or truncated PDF ({exc})") from exc
    if doc.needs_pass or doc.is_encrypted:
        doc.close()
        raise ParseError(f"{path.name}: encrypted PDF (password protected); cannot read text")
    if doc.page_count == 0:
        doc.close()
        raise ParseError(f"{path.name}: PDF has no pages")
    return doc


def _page_blocks(page: pymupdf.Page, number: int) -> list[_Block]:
    width = page.rect.width
    blocks: list[_Block] = []
    data = page.get_text(
        "dict", flags=pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
    )
    for raw in data["blocks"]:
        if raw.get("type") != 0:
            continue
        lines: list[_Line] = []
        for line in raw["lines"]:
            if abs(line["dir"][1]) > 0.1:  # rotated text: arXiv's side stamp, margin notes
                continue
            spans = [s for s in line["spans"] if s["text"].strip()]
            if not spans:
                continue
            text = _norm("".join(s["text"] for s in line["spans"])).strip()
            x0, y0, x1, y1 = line["bbox"]
            # line numbers of review copies sit in the outer margins
            if text.isdigit() and len(text) <= 4 and (x1 < width * 0.1 or x0 > width * 0.9):
                continue
            chars = sum(len(s["text"]) for s in spans)
            size = sum(s["size"] * len(s["text"]) for s in spans) / max(1, chars)
            bold = all((s["flags"] & 16) or "bold" in s["font"].lower() for s in spans)
            prev = lines[-1] if lines else None
            if prev and abs(prev.y0 - y0) < 2.5 and x0 >= prev.x1 - 1 and x0 - prev.x1 < 40:
                # the same visual line split in pieces ("3" + "Model Architecture")
                lines[-1] = _Line(f"{prev.text} {text}", prev.x0, min(prev.y0, y0), x1,
                                  max(prev.y1, y1), prev.size, prev.bold and bold)  # fmt: skip
                continue
            lines.append(_Line(text, x0, y0, x1, y1, round(size, 1), bold))
        if lines:
            blocks.append(
                _Block(
                    number,
                    min(ln.x0 for ln in lines),
                    min(ln.y0 for ln in lines),
                    max(ln.x1 for ln in lines),
                    max(ln.y1 for ln in lines),
                    lines,
                )  # fmt: skip
            )
    return blocks


def _reading_order(blocks: list[_Block], width: float) -> list[_Block]:
    """Column by column: full-width blocks cut the page into bands read left then right."""
    mid = width / 2
    ordered: list[_Block] = []
    left: list[_Block] = []
    right: list[_Block] = []

    def flush() -> None:
        ordered.extend(sorted(left, key=lambda b: b.y0))
        ordered.extend(sorted(right, key=lambda b: b.y0))
        left.clear()
        right.clear()

    for block in sorted(blocks, key=lambda b: (b.y0, b.x0)):
        if block.x1 <= mid + width * 0.03:
            left.append(block)
        elif block.x0 >= mid - width * 0.03:
            right.append(block)
        else:
            flush()
            ordered.append(block)
    flush()
    return ordered


def _repeating_lines(pages: list[list[_Block]], heights: list[float]) -> set[str]:
    """Texts (digits masked) of lines in the top/bottom bands that repeat on many pages."""
    counts: Counter[str] = Counter()
    for blocks, height in zip(pages, heights, strict=True):
        seen = set()
        for block in blocks:
            for line in block.lines:
                if line.y1 < height * 0.09 or line.y0 > height * 0.91:
                    seen.add(_DIGITS.sub("#", line.text.lower()))
        counts.update(seen)
    threshold = max(2, int(len(pages) * 0.4))
    return {text for text, n in counts.items() if n >= threshold} if len(pages) >= 2 else set()


def _is_margin_noise(line: _Line, height: float, repeating: set[str]) -> bool:
    in_band = line.y1 < height * 0.09 or line.y0 > height * 0.91
    if not in_band:
        return False
    masked = _DIGITS.sub("#", line.text.lower())
    if masked in repeating:
        return True
    # lone page numbers ("3", "- 3 -", "Page 3 of 9")
    return bool(
        re.fullmatch(
            r"(?:page\s*)?[-–\s]*\d{1,4}(?:\s*(?:of|/)\s*\d{1,4})?[-–\s]*", masked.replace("#", "1")
        )
    )


@functools.lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Whole words of the bundled model's vocabulary (to tell compounds from hyphenation)."""
    try:
        from kb.embed import bundled_model_path

        path = bundled_model_path() / "vocab.txt"
        words = path.read_text(encoding="utf-8").split()
    except Exception:  # no model package: plain hyphenation joining
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and len(w) > 2)


def _keeps_hyphen(left: str, right: str) -> bool:
    """True for a compound broken at its hyphen ("vision-" + "language"), False for a word
    split by hyphenation ("repre-" + "sentation")."""
    if re.search(r"\d", left.split()[-1] if left.split() else ""):
        return True  # "3B-parameter", "GPT-4-based"
    vocab = _vocabulary()
    a = re.findall(r"[A-Za-z]+$", left)
    b = re.findall(r"^[A-Za-z]+", right)
    if not vocab or not a or not b:
        return False
    a_word, b_word = a[0].lower(), b[0].lower()
    return a_word in vocab and b_word in vocab and (a_word + b_word) not in vocab


def _join_lines(lines: list[str]) -> str:
    """Lines of a paragraph joined; words hyphenated across a break are rejoined."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith("-") and len(text) > 1 and text[-2].isalnum():
            # "repre-" + "sentation" is one word; "GPT-" + "4o" keeps its hyphen
            if line[:1].islower() and not _keeps_hyphen(text[:-1], line):
                text = text[:-1] + line
            else:
                text = text + line
        else:
            text = f"{text} {line}"
    return " ".join(text.split())


def _heading_of(line: _Line, body_size: float) -> str | None:
    """The section title a line announces, or None."""
    text = line.text.strip()
    if not 2 <= len(text) <= 90 or text.endswith((",", ";")):
        return None
    bare = re.sub(
        r"^(?:\d{1,2}(?:\.\d{1,2}){0,3}\.?|[IVX]{1,5}\.|[A-H](?:\.\d{1,2})*\.?)\s+", "", text
    )
    bare_lower = bare.lower().rstrip(".:")
    emphasised = line.bold or line.size >= body_size + 0.8 or (text.isupper() and len(text) > 3)
    if bare_lower in _KNOWN_HEADINGS and (emphasised or text != bare):
        return text.rstrip(".:")
    if _NUMBERED.match(text) and emphasised and line.size >= body_size - 0.3:
        words = bare.split()
        plain = not re.search(r"\d{3,}|[=<>]", bare)
        if 1 <= len(words) <= 12 and bare[:1].isupper() and not text.endswith(".") and plain:
            return text.rstrip(".:")
    return None


def _title_authors(doc: pymupdf.Document, first: list[_Block]) -> tuple[str, list[str]]:
    meta_title = _norm((doc.metadata or {}).get("title") or "").strip()
    lines = [ln for b in first for ln in b.lines]
    title = ""
    title_end = 0
    if lines:
        top = [ln for ln in lines if ln.y0 < doc[0].rect.height * 0.5]
        if top:
            biggest = max(ln.size for ln in top)
            picked = [i for i, ln in enumerate(lines) if ln.size >= biggest - 0.5 and ln in top]
            if picked:
                run = [picked[0]]
                for i in picked[1:]:
                    if i == run[-1] + 1:
                        run.append(i)
                title = " ".join(lines[i].text for i in run)
                title_end = run[-1] + 1
    if len(meta_title) > 12 and not re.search(
        r"microsoft|untitled|\.docx?|\.tex|^arxiv", meta_title, re.I
    ):
        title = meta_title
    authors: list[str] = []
    for line in lines[title_end : title_end + 4]:
        if re.match(r"^(abstract|introduction|\d)", line.text, re.I) or "@" in line.text:
            break
        names = re.split(r",|\band\b|∗|\*|†|‡", re.sub(r"\d", "", line.text))
        names = [n.strip(" ,.") for n in names if 3 <= len(n.strip()) <= 40]
        if names and all(1 <= len(n.split()) <= 4 for n in names):
            authors.extend(names)
        else:
            break
    return " ".join(title.split()), authors[:30]


def _split_references(texts: list[str]) -> list[str]:
    joined = " ".join(texts)
    if len(_REF_MARKER.findall(" " + joined)) >= 3:
        parts = re.split(r"(?:^|\s)(?=\[\d{1,3}\]\s)", joined)
        return [p.strip() for p in parts if len(p.strip()) > 5]
    return [t for t in texts if len(t) > 5]


def parse_pdf(path: Path, settings: PdfSettings | None = None) -> ParsedDoc:
    """Clean body blocks, sections, references and page texts of one PDF.

    Raises:
        ParseError: empty file, not a PDF (e.g. an HTML page), corrupt or truncated,
            encrypted, or no text layer (scanned pages) — the message names the file.
    """
    settings = settings or PdfSettings()
    path = Path(path)
    doc = _open(path)
    try:
        n_pages = doc.page_count
        limit = min(n_pages, settings.max_pages)
        pages: list[list[_Block]] = []
        heights: list[float] = []
        widths: list[float] = []
        for number in range(limit):
            try:
                page = doc[number]
                pages.append(_page_blocks(page, number + 1))
            except Exception as exc:
                raise ParseError(f"{path.name}: page {number + 1} cannot be read ({exc})") from exc
            heights.append(page.rect.height)
            widths.append(page.rect.width)
        title, authors = _title_authors(doc, pages[0] if pages else [])
        metadata = {k: _norm(str(v)) for k, v in (doc.metadata or {}).items() if v}
    finally:
        doc.close()
    if limit < n_pages:
        metadata["truncated_to_pages"] = str(limit)
        log.warning("%s: %d pages, read the first %d", path.name, n_pages, limit)

    repeating = _repeating_lines(pages, heights)
    sizes: Counter[float] = Counter()
    for blocks in pages:
        for block in blocks:
            for line in block.lines:
                sizes[line.size] += len(line.text)
    body_size = sizes.most_common(1)[0][0] if sizes else 10.0

    body: list[TextBlock] = []
    ref_texts: list[str] = []
    page_parts: dict[int, list[str]] = {}
    section = "Front matter"
    in_refs = False
    for blocks, height, width in zip(pages, heights, widths, strict=True):
        for block in _reading_order(blocks, width):
            paragraph: list[str] = []

            def emit(para: list[str], refs: bool, heading: str, page: int = block.page) -> None:
                text = _join_lines(para)
                if not text:
                    return
                page_parts.setdefault(page, []).append(text)
                if refs:
                    ref_texts.append(text)
                else:
                    body.append(TextBlock(page, heading, text))

            for line in block.lines:
                if _is_margin_noise(line, height, repeating):
                    continue
                heading = _heading_of(line, body_size)
                starts_abstract = (
                    heading is None and not in_refs and section == "Front matter"
                    and re.match(r"^abstract\b", line.text, re.I) and len(line.text) < 600
                )  # fmt: skip
                if starts_abstract:
                    emit(paragraph, in_refs, section)
                    paragraph = []
                    section = "Abstract"
                    rest = re.sub(r"^abstract[\s.:—–-]*", "", line.text, flags=re.I)
                    if rest:
                        paragraph.append(rest)
                    continue
                if heading is not None:
                    emit(paragraph, in_refs, section)
                    paragraph = []
                    page_parts.setdefault(block.page, []).append(heading)
                    if _REFERENCES.match(heading.strip()):
                        in_refs = True
                    elif in_refs and _APPENDIX.match(heading):
                        in_refs = False
                    if not in_refs:
                        section = heading
                    continue
                paragraph.append(line.text)
            emit(paragraph, in_refs, section)

    body_chars = sum(len(b.text) for b in body)
    if body_chars < settings.min_chars:
        raise ParseError(
            f"{path.name}: no usable text layer ({body_chars} characters in {limit} pages; "
            "scanned pages?)"
        )
    return ParsedDoc(
        source=str(path),
        n_pages=limit,
        title=title,
        authors=authors,
        blocks=body,
        references=_split_references(ref_texts),
        page_texts={p: " ".join(parts) for p, parts in sorted(page_parts.items())},
        metadata=metadata,
    )

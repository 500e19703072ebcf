"""The lines of one page with position, size and weight, read by MuPDF (two readers: its HTML
rendering, fast, and its dict, exact; the second is the fallback of the first)."""

from __future__ import annotations

import functools
import html
import re
from dataclasses import dataclass, field

import pymupdf

from kb.pdf.text import normalize

# Ligatures are expanded by MuPDF itself when TEXT_PRESERVE_LIGATURES is not set.
TEXT_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
_HTML_LINE = re.compile(
    r'<p style="top:([-\d.]+)pt;left:([-\d.]+)pt;line-height:([-\d.]+)pt">(.*?)</p>', re.S
)
_HTML_SPAN = re.compile(
    r'(<sup>)?(?:<tt>)?(<b>)?(?:<i>)?<span style="font-family:[^;]*;font-size:([\d.]+)pt[^"]*">'
    r"(.*?)</span>",
    re.S,
)
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|medi|cmbx|\.b$|-b$", re.I)


@dataclass(slots=True)
class Line:
    """One line of a page: text, box, mean font size, weight and the MuPDF block it is in."""

    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    bold: bool
    block: int
    names: str = ""  # page 1 only: the text with superscripts turned into commas (authors)


@dataclass(slots=True)
class Block:
    """Lines read together, with their box and column (-1: across the columns)."""

    lines: list[Line]
    x0: float
    y0: float
    x1: float
    y1: float
    column: int = 0


@dataclass(slots=True)
class Page:
    """One page: its size, its lines and (after layout) its blocks in reading order."""

    number: int
    width: float
    height: float
    lines: list[Line]
    rotated: bool = False
    blocks: list[Block] = field(default_factory=list)


@functools.lru_cache(maxsize=512)
def _bold_font(name: str) -> bool:
    return bool(_BOLD_FONT.search(name))


def read_page(page: pymupdf.Page, number: int, with_names: bool) -> Page:
    """Lines of one page in PyMuPDF's order, text normalised; off-direction lines dropped.

    MuPDF's own HTML rendering of the text page gives each line's position and font runs
    several times faster than ``get_text("dict")`` (whose spans are split at every inferred
    space); the blocks give the text and geometry. When the two disagree about the number
    of lines, the page is read again from the dict.
    """
    textpage = page.get_textpage(flags=TEXT_FLAGS)
    kept = lines_from_html(textpage, with_names)
    if kept is None:
        kept = lines_from_dict(textpage, with_names)
    straight = sum(len(ln.text) for ln, horizontal in kept if horizontal)
    rotated = straight < sum(len(ln.text) for ln, horizontal in kept if not horizontal)
    lines = [ln for ln, horizontal in kept if horizontal != rotated and ln.text]
    return Page(number, page.rect.width, page.rect.height, lines, rotated)


def _clean_line(text: str) -> str:
    if text[-1] == "\u00ad":
        text = text[:-1] + "-"  # a soft hyphen at a line break is hyphenation
    clean = normalize(text)
    return " ".join(clean.split()) if "  " in clean or "\t" in clean else clean


def lines_from_html(textpage: pymupdf.TextPage, with_names: bool) -> list[tuple[Line, bool]] | None:
    """Lines from extractBLOCKS (text, block boxes) and extractHTML (line origin, fonts)."""
    styled = _HTML_LINE.findall(textpage.extractHTML())
    kept: list[tuple[Line, bool]] = []
    k = 0
    for x0b, y0b, x1b, y1b, text, index, kind in textpage.extractBLOCKS():
        if kind != 0:
            continue
        block_width = x1b - x0b
        for raw in text.split("\n")[:-1]:
            if k >= len(styled):
                return None
            top, left, height, inner = styled[k]
            k += 1
            stripped = raw.strip()
            if not stripped:
                continue
            size = float(height)
            bold = False
            names = ""
            if len(stripped) <= 120:  # long lines are body text: no style work
                runs = _HTML_SPAN.findall(inner)
                if runs:
                    visible = [r for r in runs if r[3].strip()]
                    chars = sum(len(r[3].strip()) for r in visible) or 1
                    size = sum(float(r[2]) * len(r[3].strip()) for r in visible) / chars
                    bold = bool(visible) and all(r[1] for r in visible)
                    if with_names:
                        biggest = max(float(r[2]) for r in runs)
                        names = normalize(html.unescape("".join(
                            "," if r[0] or float(r[2]) < biggest * 0.75 else r[3] for r in runs
                        )))  # fmt: skip
            x = float(left)
            y = float(top)
            width = len(stripped) * size * 0.45  # about right for the usual text fonts
            # a line far longer than its block is wide runs vertically (arXiv's side stamp)
            horizontal = width <= 1.5 * block_width + size or y1b - y0b < 2 * size
            x1 = x1b if width > 0.8 * block_width else min(x1b, x + width)
            line = Line(_clean_line(stripped), x, y, x1, y + size, round(size * 2) / 2, bold,
                         index, names)  # fmt: skip
            kept.append((line, horizontal))
    return kept if k == len(styled) else None


def lines_from_dict(textpage: pymupdf.TextPage, with_names: bool) -> list[tuple[Line, bool]]:
    """Lines from the text page's dict: exact boxes, direction and spans (slower)."""
    kept: list[tuple[Line, bool]] = []
    for index, block in enumerate(textpage.extractDICT()["blocks"]):
        for line in block.get("lines", ()):
            spans = line["spans"]
            text = spans[0]["text"] if len(spans) == 1 else "".join([s["text"] for s in spans])
            stripped = text.strip()
            if not stripped:
                continue
            chars = 0
            weighted = 0.0
            bold = True
            for s in spans:
                n = len(s["text"].strip())
                if n:
                    chars += n
                    weighted += s["size"] * n
                    if bold and not (s["flags"] & 16 or _bold_font(s["font"])):
                        bold = False
            names = ""
            if with_names:
                top = max(s["size"] for s in spans)
                names = normalize("".join(
                    "," if s["size"] < top * 0.75 or s["flags"] & 1 else s["text"] for s in spans
                ))  # fmt: skip
            dx, dy = line["dir"]
            x0, y0, x1, y1 = line["bbox"]
            size = round(weighted / chars * 2) / 2
            line_ = Line(_clean_line(stripped), x0, y0, x1, y1, size, bold, index, names)
            kept.append((line_, dx > 0.99 and -0.05 < dy < 0.05))
    return kept

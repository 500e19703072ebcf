"""The one typesetter: text measured and broken into lines, placed in columns page by page, and
written with PyMuPDF's TextWriter (the demo's papers, the tests' PDFs, the benchmark's).

Lines are broken at spaces only, every line is measured against its box, and anything that
would not fit raises instead of overflowing silently. Fonts are the base-14 Times and
Helvetica faces PyMuPDF carries (Latin-1 text), subset into each file so files stay small.
"""

from __future__ import annotations

import functools
from collections.abc import Sequence
from dataclasses import dataclass

import pymupdf

FONTS = ("tiro", "tibo", "tiit", "helv")  # Times roman, bold, italic; Helvetica
PRINTABLE = frozenset(chr(c) for c in [*range(32, 127), *range(160, 256)])


@functools.cache
def font(name: str) -> pymupdf.Font:
    """The PyMuPDF font of a base-14 name (``tiro``, ``tibo``, ``tiit``, ``helv``)."""
    return pymupdf.Font(name)


@functools.cache
def _advances(name: str) -> dict[str, float]:
    """Advance widths at size 1 of every printable Latin-1 character of a font."""
    face = font(name)
    return {ch: face.text_length(ch, fontsize=1.0) for ch in PRINTABLE}


def text_width(text: str, font_name: str, size: float) -> float:
    """Width in points of ``text`` (no kerning, so advances add up)."""
    advances = _advances(font_name)
    if all(ch in advances for ch in text):
        return sum(advances[ch] for ch in text) * size
    return font(font_name).text_length(text, fontsize=size)  # beyond Latin-1 (tests' ligatures)


def wrap(
    text: str, font_name: str, size: float, width: float, first_indent: float = 0.0
) -> list[str]:
    """Greedy line breaking at spaces only; never splits a word.

    Raises:
        ValueError: a word wider than the line, or a character outside Latin-1.
    """
    bad = sorted(set(text) - PRINTABLE)
    if bad:
        raise ValueError(f"characters outside Latin-1 cannot be typeset: {bad} in {text[:60]!r}")
    space = text_width(" ", font_name, size)
    lines: list[str] = []
    words: list[str] = []
    used = 0.0
    avail = width - first_indent
    for word in text.split():
        w = text_width(word, font_name, size)
        if w > avail:
            raise ValueError(f"word {word!r} ({w:.0f} pt) is wider than the line ({avail:.0f} pt)")
        if words and used + space + w > avail:
            lines.append(" ".join(words))
            words, used, avail = [word], w, width
        else:
            used = used + space + w if words else w
            words.append(word)
    if words:
        lines.append(" ".join(words))
    return lines


@dataclass(frozen=True)
class Run:
    """One line of text at its baseline."""

    x: float
    baseline: float
    text: str
    font: str
    size: float


Drawing = tuple[str, float, float, float, float]  # ("rule"|"box"|"arrow", coordinates...)


class Layout:
    """Text and drawings placed page by page, in ``columns`` columns below a top that can move
    down (a title block across the page)."""

    def __init__(
        self,
        rect: pymupdf.Rect,
        *,
        margin_x: float = 60.0,
        top: float = 72.0,
        bottom_gap: float = 66.0,
        gutter: float = 20.0,
        columns: int = 2,
    ) -> None:
        self.width, self.height = rect.width, rect.height
        self.margin_x, self.top, self.gutter, self.columns = margin_x, top, gutter, columns
        self.text_w = self.width - 2 * margin_x
        self.col_w = (self.text_w - (columns - 1) * gutter) / columns
        self.bottom = self.height - bottom_gap
        self.runs: list[list[Run]] = [[]]
        self.drawings: list[list[Drawing]] = [[]]
        self.col = 0
        self.col_top = top
        self.y = top

    @property
    def x(self) -> float:
        """Left edge of the current column."""
        return self.margin_x + self.col * (self.col_w + self.gutter)

    @property
    def at_top(self) -> bool:
        """True when nothing was placed yet in the current column."""
        return self.y <= self.col_top + 0.01

    def put(
        self,
        x: float,
        baseline: float,
        text: str,
        font_name: str,
        size: float,
        *,
        margin: bool = False,
    ) -> None:
        """Place one line of text; raises if it leaves the page's text area (unless ``margin``:
        furniture and line numbers stand outside it)."""
        right = x + text_width(text, font_name, size)
        outside = x < self.margin_x - 0.01 or right > self.width - self.margin_x + 0.01
        if outside and not margin:
            raise ValueError(f"line leaves the text area: {text[:50]!r}")
        self.runs[-1].append(Run(x, baseline, text, font_name, size))

    def rule(self, x0: float, y: float, x1: float, width: float) -> None:
        """A horizontal rule (tables)."""
        self.drawings[-1].append(("rule", x0, y, x1, width))

    def box(self, x0: float, y0: float, x1: float, y1: float) -> None:
        """A framed box of a figure."""
        self.drawings[-1].append(("box", x0, y0, x1, y1))

    def arrow(self, x0: float, y: float, x1: float) -> None:
        """A left-to-right arrow of a figure."""
        self.drawings[-1].append(("arrow", x0, y, x1, 0.0))

    def new_page(self) -> None:
        """Start the first column of a new page."""
        self.col = 0
        self.col_top = self.top
        self.runs.append([])
        self.drawings.append([])
        self.y = self.col_top

    def next_column(self) -> None:
        """Move to the next column, or to the first column of a new page."""
        if self.col + 1 < self.columns:
            self.col += 1
            self.y = self.col_top
        else:
            self.new_page()

    def need(self, height: float, what: str) -> None:
        """Make sure ``height`` points fit in the current column, moving on if not."""
        if self.y + height > self.bottom and not self.at_top:
            self.next_column()
        if self.y + height > self.bottom + 0.01:
            raise ValueError(f"{what} ({height:.0f} pt) is taller than a column")

    def line(self, text: str, style: tuple[str, float, float], indent: float = 0.0) -> None:
        """One line of body text in the current column (``style``: font, size, leading)."""
        font_name, size, leading = style
        self.need(leading, "a line")
        self.put(self.x + indent, self.y + size * 0.86, text, font_name, size)
        self.y += leading

    def paragraph(self, text: str, style: tuple[str, float, float], indent: float = 0.0) -> None:
        """A paragraph wrapped to the column, its first line indented by ``indent``."""
        for i, line in enumerate(wrap(text, style[0], style[1], self.col_w, indent)):
            self.line(line, style, indent if i == 0 else 0.0)


def _draw(page: pymupdf.Page, drawing: Drawing) -> None:
    kind, a, b, c, d = drawing
    if kind == "rule":
        page.draw_line((a, b), (c, b), color=(0, 0, 0), width=d)
    elif kind == "box":
        page.draw_rect(
            pymupdf.Rect(a, b, c, d), color=(0.2, 0.2, 0.2), fill=(0.93, 0.95, 0.98), width=0.6
        )
    else:  # arrow: a shaft and a filled head
        page.draw_line((a, b), (c - 3, b), color=(0, 0, 0), width=0.7)
        head = [(c - 4, b - 2.5), (c, b), (c - 4, b + 2.5)]
        page.draw_polyline(head, color=(0, 0, 0), fill=(0, 0, 0), width=0.7)


def render(layout: Layout, metadata: dict[str, str] | None = None) -> pymupdf.Document:
    """A PDF document of the layout's pages (drawings under the text); the caller saves it."""
    doc = pymupdf.open()
    for runs, drawings in zip(layout.runs, layout.drawings, strict=True):
        page = doc.new_page(width=layout.width, height=layout.height)
        for drawing in drawings:
            _draw(page, drawing)
        writer = pymupdf.TextWriter(page.rect)
        for run in runs:
            writer.append((run.x, run.baseline), run.text, font=font(run.font), fontsize=run.size)
        writer.write_text(page)
    doc.set_metadata(metadata or {})
    return doc


def to_bytes(doc: pymupdf.Document) -> bytes:
    """The document as compact, reproducible PDF bytes (fonts subset, no random file id)."""
    doc.subset_fonts()
    data = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    doc.close()
    return data


def pages_of_text(
    paragraphs: Sequence[tuple[str, str]], rect: pymupdf.Rect | None = None, **geometry: float
) -> bytes:
    """A plain document in one column: (kind, text) pairs, where kind is ``heading``, ``body``
    or ``page`` (the text starts a new page)."""
    styles = {"heading": ("tibo", 11.0, 15.0), "body": ("tiro", 9.0, 11.0)}
    layout = Layout(rect or pymupdf.paper_rect("letter"), columns=1, **geometry)
    for kind, text in paragraphs:
        if kind == "page":
            if layout.runs[-1]:
                layout.new_page()
            kind = "heading"
        style = styles[kind]
        layout.need(style[2] * (3 if kind == "heading" else 1), kind)
        layout.paragraph(text, style)
        layout.y += 4
    return to_bytes(render(layout))

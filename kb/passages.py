"""A chunk's text as evidence units: sentences, captions and table rows (with their header).

PyMuPDF gives a table as one run of words and numbers after its caption ("Table 3: ... Models
R-1 R-2 ... BART 48.79 23.78 ... PRIMERA 53.73 27.32 ..."). Such a run is cut into rows (a
label followed by numbers), each carrying the caption and the header words before the first
row, so a row can answer a question ("What ROUGE-1 does PRIMERA reach?") and be read. A
caption is recognised so that it is never an answer on its own.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from kb.sentences import split_sentences

UnitKind = Literal["sentence", "caption", "row"]

_CAPTION = re.compile(r"^(?:table|tab\.|figure|fig\.|algorithm)\s*[A-Z]?\d+[a-z]?\s*[:.|]", re.I)
# a caption glued to the end of a sentence by the PDF's reading order
_CAPTION_INSIDE = re.compile(r"(?<=[a-z,)])\s+(?=(?:Table|Figure|Fig\.)\s*\d+\s*:)")
_NUMBER = r"[-−+]?\d[\d,]*(?:\.\d+)?%?"
_CELL = re.compile(rf"^(?:{_NUMBER}|[-–—]|n/a|±)$", re.I)
MIN_CELLS = 2
MAX_LABEL_TOKENS = 6
MAX_HEADER_TOKENS = 30


@dataclass(frozen=True)
class Unit:
    """One piece of evidence inside a chunk: ``text`` as it reads, ``kind`` what it is.

    For a row, ``context`` is "caption | header" (may be empty); for others it is "".
    """

    text: str
    kind: UnitKind
    position: int
    context: str = ""

    @property
    def full_text(self) -> str:
        """The unit with its context, as shown to a reader or a model."""
        return f"{self.context} — {self.text}" if self.context else self.text


def is_caption(text: str) -> bool:
    """True for a figure or table caption ("Table 3: Functions of the Crawler.")."""
    return bool(_CAPTION.match(text.strip()))


def numeric_share(text: str) -> float:
    """Share of the whitespace-separated tokens that are numbers or table cell marks."""
    tokens = text.split()
    return sum(bool(_CELL.match(t)) for t in tokens) / len(tokens) if tokens else 0.0


def is_table_text(text: str) -> bool:
    """A run of table cells: many numbers (at least 6 and a third of the tokens)."""
    tokens = text.split()
    cells = sum(bool(_CELL.match(t)) for t in tokens)
    return cells >= 6 and cells >= len(tokens) / 3


def table_rows(text: str) -> tuple[str, list[str]]:
    """(header, rows) of a table run: a row is a label of a few words followed by at least
    MIN_CELLS numbers; the header is what comes before the first row (its last words)."""
    rows: list[str] = []
    head: list[str] = []
    label: list[str] = []
    cells: list[str] = []

    def close() -> None:
        if label and len(cells) >= MIN_CELLS:
            keep = MAX_LABEL_TOKENS
            if not rows and not head:  # "Method Precision Recall GPT-4o 0.96 0.69": the
                keep = max(1, len(label) - len(cells) - 1)  # column names open the label
            rows.append(" ".join([*label[-keep:], *cells]))
            if len(rows) == 1:
                head.extend(label[:-keep])
        elif not rows:
            head.extend([*label, *cells])

    for token in text.split():
        if _CELL.match(token):
            cells.append(token)
            continue
        if cells:
            close()
            label, cells = [], []
        label.append(token)
    close()
    return " ".join(head[-MAX_HEADER_TOKENS:]), rows


def split_units(text: str) -> list[Unit]:
    """A chunk's text as sentences, captions and table rows, in reading order."""
    units: list[Unit] = []
    caption = ""
    pieces = [p for s in split_sentences(text) for p in _CAPTION_INSIDE.split(s) if p.strip()]
    for piece in pieces:
        piece = piece.strip()
        if is_caption(piece):
            caption = piece
            units.append(Unit(piece, "caption", len(units)))
            continue
        if is_table_text(piece):
            header, rows = table_rows(piece)
            if rows:
                context = " | ".join(p for p in (caption, header) if p)
                units.extend(Unit(r, "row", len(units) + i, context) for i, r in enumerate(rows))
                continue
        units.append(Unit(piece, "sentence", len(units)))
    return units

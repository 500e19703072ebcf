"""The body markup of a demo paper (see ``kb.demo.papers``) as items to typeset."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True)
class Heading:
    """A numbered section (level 1) or subsection (level 2) title, or References."""

    level: int
    text: str


@dataclass(frozen=True)
class Para:
    """A body paragraph (``indent``: not the first one after a heading)."""

    text: str
    indent: bool


@dataclass(frozen=True)
class Table:
    """A caption, a header row and body rows; ``bold`` marks the rows of the paper's method."""

    caption: str
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]
    bold: frozenset[int] = field(default_factory=frozenset)


@dataclass(frozen=True)
class Figure:
    """A block diagram (boxes joined by arrows, left to right) with its caption below."""

    caption: str
    boxes: tuple[str, ...]


@dataclass(frozen=True)
class Reference:
    """One numbered entry of the reference list."""

    number: int
    text: str


Item = Heading | Para | Table | Figure | Reference


def _table(lines: list[str]) -> Table:
    cells = [[c.strip() for c in line.strip()[1:].split(" | ")] for line in lines]
    caption, header, body = cells[0][0], tuple(cells[1]), cells[2:]
    bold = frozenset(i for i, row in enumerate(body) if row[0].startswith("*"))
    rows = tuple(tuple([row[0].lstrip("*"), *row[1:]]) for row in body)
    if any(len(row) != len(header) for row in rows):
        raise ValueError(f"table {caption[:40]!r}: every row needs {len(header)} cells")
    return Table(caption, header, rows, bold)


def body_items(body: str) -> list[Item]:
    """Parse the body markup: ``#``/``##`` headings, ``|`` tables, ``!`` figures, paragraphs."""
    items: list[Item] = []
    lines = [line.strip() for line in body.strip().splitlines()]
    in_refs = False
    after_heading = True
    i = 0
    while i < len(lines):
        line = lines[i]
        if not line:
            i += 1
            continue
        if line.startswith("#"):
            level = len(line) - len(line.lstrip("#"))
            text = line.lstrip("#").strip()
            items.append(Heading(level, text))
            in_refs = text == "References"
            after_heading = True
        elif line.startswith("!"):
            caption, _, boxes = line[1:].partition(" | ")
            items.append(Figure(caption.strip(), tuple(b.strip() for b in boxes.split(" > "))))
        elif line.startswith("|"):
            end = i
            while end < len(lines) and lines[end].startswith("|"):
                end += 1
            items.append(_table(lines[i:end]))
            i = end
            continue
        elif in_refs:
            number = sum(isinstance(it, Reference) for it in items) + 1
            items.append(Reference(number, line))
        else:
            items.append(Para(line, indent=not after_heading))
            after_heading = False
        i += 1
    return items

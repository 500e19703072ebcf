"""The reference list: where it starts (with or without a heading) and its entries, split by
markers, hanging indents or gaps."""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from kb.pdf.headings import REFERENCE_TITLES, bare_title
from kb.pdf.lines import Page
from kb.pdf.text import join_lines

REF_MARKER = re.compile(r"^(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})\.?(?=\s))\s*")


@dataclass(slots=True)
class RefLine:
    """A line of the reference list, with where it stands (to find where entries start)."""

    page: int
    column: int
    x0: float
    y0: float
    y1: float
    text: str


def _entry_starts(lines: list[RefLine]) -> list[int]:
    """Indexes of the lines that begin a reference entry."""
    found = [(REF_MARKER.match(ln.text), i) for i, ln in enumerate(lines)]
    styles = Counter(m.lastindex for m, _ in found if m)
    style = styles.most_common(1)[0][0] if styles else 0
    # one marker style: "[12]" entries, not a continuation line starting "31 3 (1996)"
    marked = [(int(m.group(style)), i) for m, i in found if m and m.lastindex == style]
    sequential = sum(1 for (a, _), (b, _) in zip(marked, marked[1:], strict=False) if b == a + 1)
    if len(marked) >= 3 and sequential >= 0.6 * (len(marked) - 1):
        starts = []
        expected = None
        for value, i in marked:
            if expected is None or expected <= value <= expected + 3:
                starts.append(i)
                expected = value + 1
        return starts
    # hanging indents: an entry's first line sits at its column's left edge
    edges: dict[tuple[int, int], float] = {}
    for ln in lines:
        key = (ln.page, ln.column)
        edges[key] = min(edges.get(key, ln.x0), ln.x0)
    flush = [ln.x0 <= edges[(ln.page, ln.column)] + 1.5 for ln in lines]
    indented = sum(1 for ln, f in zip(lines, flush, strict=True)
                   if not f and ln.x0 > edges[(ln.page, ln.column)] + 3)  # fmt: skip
    if lines and 0.2 <= indented / len(lines) <= 0.9:
        return [i for i, f in enumerate(flush) if f]
    # spacing: entries are set apart by a larger gap than lines within one
    gaps = [
        b.y0 - a.y1
        for a, b in zip(lines, lines[1:], strict=False)
        if a.page == b.page and a.column == b.column and b.y0 > a.y0
    ]
    if len(gaps) >= 4:
        typical = sorted(gaps)[len(gaps) // 4]
        starts = [0]
        for i in range(1, len(lines)):
            a, b = lines[i - 1], lines[i]
            same = a.page == b.page and a.column == b.column and b.y0 > a.y0
            if not same or b.y0 - a.y1 > typical + 1.5:
                starts.append(i)
        if 1 < len(starts) < len(lines):
            return starts
    return list(range(len(lines)))


def split_references(
    lines: list[RefLine], words: set[str]
) -> tuple[list[str], dict[int, list[str]]]:
    """Reference entries, and per page the text of the entry pieces printed on it."""
    if not lines:
        return [], {}
    starts = _entry_starts(lines) or [0]
    if starts[0] != 0:
        starts.insert(0, 0)
    entries: list[str] = []
    per_page: dict[int, list[str]] = {}
    for a, b in zip(starts, [*starts[1:], len(lines)], strict=True):
        chunk = lines[a:b]
        text = join_lines([ln.text for ln in chunk], words)
        if len(text) > 3:
            entries.append(text)
        for page in dict.fromkeys(ln.page for ln in chunk):
            piece = join_lines([ln.text for ln in chunk if ln.page == page], words)
            if piece:
                per_page.setdefault(page, []).append(piece)
    return entries, per_page


def unheaded_references(pages: list[Page]) -> int | None:
    """The block where a reference list without a heading starts (numbered 1, 2, 3... at line
    starts on one of the last pages), when the paper has no References heading."""
    for page in pages:
        for line in page.lines:
            text = line.text
            if (
                len(text) <= 40
                and ("ref" in text.lower() or "bibl" in text.lower())
                and bare_title(re.sub(r"^[\dIVX.]+\s+", "", text)) in REFERENCE_TITLES
            ):
                return None
    tail = [(block, ln) for page in pages[-5:] for block in page.blocks for ln in block.lines]
    for start, (block, line) in enumerate(tail):
        match = REF_MARKER.match(line.text)
        if not match or int(match.group(match.lastindex)) != 1:
            continue
        # entries 1..5 follow, most of them with a year: a reference list, not a list of points
        expected, entries = 1, [""]
        for _, ln in tail[start:]:
            if expected > 6:
                break
            mark = REF_MARKER.match(ln.text)
            if (
                mark
                and mark.lastindex == match.lastindex
                and int(mark.group(mark.lastindex)) == expected
            ):
                expected += 1
                entries.append("")
            entries[-1] += " " + ln.text
        dated = sum(bool(re.search(r"\b(?:19|20)\d\d\b", e)) for e in entries[1:6])
        if expected > 5 and dated >= 3:
            return id(block)
    return None

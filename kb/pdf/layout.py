"""A page's layout: review line numbers, running headers and footers and page numbers removed,
split pieces of a line joined, columns found from gutters and read one after the other."""

from __future__ import annotations

import math
import re
from collections import Counter

from kb.pdf.front import meaningful_title
from kb.pdf.lines import Block, Line, Page

_BAND = 0.12  # top and bottom share of a page where running headers and footers live
_ARXIV_STAMP = re.compile(
    r"^arxiv:\s?\d{4}\.\d{4,5}(?:v\d+)?\s*\[[^\]]*\]\s+\d{1,2}\s\w{3}\s\d{4}$", re.I
)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—\s]*(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$", re.I
)
_DIGITS = re.compile(r"\d+")
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_ET_AL_HEAD = re.compile(r"^\D{2,40}\bet al\.?(?:\s*\d{1,4})?$")  # "Chang et al." "Shen, et al. 4"


def drop_line_numbers(page: Page) -> None:
    """Remove review-copy line numbers: runs of increasing numbers beside, not inside, text."""
    numbers = [ln for ln in page.lines if len(ln.text) <= 4 and ln.text.isdigit()]
    if len(numbers) < 5:
        return
    numbers.sort(key=lambda ln: (ln.x0 + ln.x1) / 2)
    clusters: list[list[Line]] = [[numbers[0]]]
    for line in numbers[1:]:
        prev = clusters[-1][-1]
        if (line.x0 + line.x1) / 2 - (prev.x0 + prev.x1) / 2 < 12:
            clusters[-1].append(line)
        else:
            clusters.append([line])
    text_spans = [(ln.x0, ln.x1) for ln in page.lines if len(ln.text) >= 25]
    drop: set[int] = set()
    for cluster in clusters:
        if len(cluster) < 5:
            continue
        left = min(ln.x0 for ln in cluster)
        right = max(ln.x1 for ln in cluster)
        cluster.sort(key=lambda ln: ln.y0)
        values = [int(ln.text) for ln in cluster]
        steps = [b - a for a, b in zip(values, values[1:], strict=False)]
        # counting up one by one, or rising beside the text: line numbers, not a table
        counting = sum(step == 1 for step in steps) >= 0.7 * len(steps)
        beside = not any(x0 < right - 1 and x1 > left + 1 for x0, x1 in text_spans)
        if counting or (beside and sum(step > 0 for step in steps) >= 0.8 * len(steps)):
            drop.update(id(ln) for ln in cluster)
    if drop:
        page.lines = [ln for ln in page.lines if id(ln) not in drop]


def merge_pieces(page: Page) -> None:
    """Join pieces of one visual line that PyMuPDF split ("3" + "Model Architecture")."""
    merged: list[Line] = []
    for line in page.lines:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.block == line.block
            and 0 <= line.x0 - prev.x1 < 3 * max(line.size, 4)
            and min(prev.y1, line.y1) - max(prev.y0, line.y0)
            > 0.5 * min(prev.y1 - prev.y0, line.y1 - line.y0)
        ):
            merged[-1] = Line(
                f"{prev.text} {line.text}", prev.x0, min(prev.y0, line.y0), line.x1,
                max(prev.y1, line.y1), max(prev.size, line.size) if prev.bold and line.bold
                else prev.size, prev.bold and line.bold, prev.block,
                f"{prev.names} {line.names}" if prev.names else "",
            )  # fmt: skip
        else:
            merged.append(line)
    page.lines = merged


def repeating_lines(pages: list[Page]) -> set[tuple[str, bool]]:
    """Running headers and footers: band lines (digits masked) repeated on many pages."""
    if len(pages) < 2:
        return set()
    counts: Counter[tuple[str, bool]] = Counter()
    for page in pages:
        seen = set()
        for line in page.lines:
            top = line.y1 < page.height * _BAND
            if top or line.y0 > page.height * (1 - _BAND):
                seen.add((_DIGITS.sub("#", line.text.lower()), top))
        counts.update(seen)
    threshold = 2 if len(pages) <= 3 else max(2, math.ceil(len(pages) * 0.3))
    return {key for key, n in counts.items() if n >= threshold}


def title_hint(first: Page, body_size: float, meta_title: str) -> str:
    """The title, lowercased, as far as can be told before layout (to spot running heads)."""
    if meaningful_title(meta_title):
        return meta_title.lower()
    top = [ln for ln in first.lines if ln.y0 < first.height * 0.4]
    biggest = max((ln.size for ln in top), default=0.0)
    if biggest < body_size + 1.5:
        return ""
    return " ".join(ln.text for ln in top if ln.size >= biggest - 0.5).lower()


def is_furniture(
    line: Line, page: Page, repeating: set[tuple[str, bool]], title: str, edges: tuple
) -> bool:
    top = line.y1 < page.height * _BAND
    if top or line.y0 > page.height * (1 - _BAND):
        text = line.text.lower()
        if (_DIGITS.sub("#", text), top) in repeating or _PAGE_NUMBER.match(text):
            return True
        # a running head of a paper too short for heads to repeat: the outermost line of a
        # page, giving the title or "Author et al."
        outermost = line.y0 <= edges[0] + 2 or line.y1 >= edges[1] - 2
        head = (len(text) < 60 and _ET_AL_HEAD.search(text)) or (
            len(text) >= 15 and title and text[:60] in title
        )
        if page.number > 1 and outermost and head:
            return True
    return line.text.startswith(("arXiv:", "arxiv:")) and bool(_ARXIV_STAMP.match(line.text))


def find_gutters(lines: list[Line]) -> list[tuple[float, float]]:
    """Vertical gaps between text columns, found from where narrow lines never reach."""
    long = [ln for ln in lines if len(ln.text) >= 20]
    if len(long) < 6:
        return []
    left = min(ln.x0 for ln in long)
    right = max(ln.x1 for ln in long)
    width = right - left
    if width < 100:
        return []
    # running text: words (not table rows of numbers, which may straddle the gutter) in
    # blocks of two lines or more (not a centred name or affiliation over both columns)
    sizes = Counter(ln.block for ln in lines)
    narrow = [
        ln for ln in long
        if ln.x1 - ln.x0 < 0.6 * width and sizes[ln.block] >= 2
        and len(_NOT_LETTERS.sub("", ln.text)) > 0.5 * len(ln.text)
    ]  # fmt: skip
    if len(narrow) < 6 or len(narrow) < 0.4 * len(long):
        return []  # mostly full-width lines: one column
    step = 2.0
    bins = int(width / step) + 2
    diff = [0] * (bins + 1)
    for ln in narrow:
        diff[max(0, int((ln.x0 - left) / step))] += 1
        diff[min(bins, int((ln.x1 - left) / step) + 1)] -= 1
    cover = []
    running = 0
    for value in diff[:bins]:
        running += value
        cover.append(running)
    peak = max(cover)
    tolerance = int(peak * 0.1)
    lo, hi = int(0.15 * bins), int(0.85 * bins)
    runs: list[tuple[int, int]] = []
    start = None
    for i in range(lo, hi + 1):
        empty = i < hi and cover[i] <= tolerance
        if empty and start is None:
            start = i
        elif not empty and start is not None:
            if (i - start) * step >= 6:
                runs.append((start, i))
            start = None
    gutters: list[tuple[float, float]] = []
    need = max(2, int(len(narrow) * 0.05))
    for a, b in sorted(runs, key=lambda r: r[0] - r[1])[:3]:
        x_a, x_b = left + a * step, left + b * step
        on_left = sum(1 for ln in narrow if ln.x1 <= x_a + step)
        on_right = sum(1 for ln in narrow if ln.x0 >= x_b - step)
        if on_left >= need and on_right >= need:
            gutters.append((x_a, x_b))
    return sorted(gutters)


def reading_order(page: Page, body_size: float) -> list[Block]:
    """PyMuPDF's blocks rebuilt from the kept lines, in reading order (columns, then bands)."""
    groups: dict[int, list[Line]] = {}
    for line in page.lines:
        groups.setdefault(line.block, []).append(line)
    gutters = [] if page.rotated else find_gutters(page.lines)

    def make(lines: list[Line]) -> Block:
        first = lines[0]
        x0, y0, x1, y1 = first.x0, first.y0, first.x1, first.y1
        for ln in lines:
            x0, y0, x1, y1 = min(x0, ln.x0), min(y0, ln.y0), max(x1, ln.x1), max(y1, ln.y1)
        return Block(lines, x0, y0, x1, y1)

    def spans(x0: float, x1: float) -> bool:
        return any(x0 < a - 1 and x1 > b + 1 for a, b in gutters)

    def column(x0: float, x1: float) -> int:
        middle = (x0 + x1) / 2
        return sum(1 for a, b in gutters if (a + b) / 2 < middle)

    blocks: list[Block] = []
    for lines in groups.values():
        block = make(lines)
        if gutters and spans(block.x0, block.x1) and not any(spans(ln.x0, ln.x1) for ln in lines):
            # one PyMuPDF block holding lines of two columns: split it per column
            parts: dict[int, list[Line]] = {}
            for ln in lines:
                parts.setdefault(column(ln.x0, ln.x1), []).append(ln)
            for index, part in sorted(parts.items()):
                piece = make(part)
                piece.column = index
                blocks.append(piece)
            continue
        block.column = -1 if spans(block.x0, block.x1) else column(block.x0, block.x1)
        blocks.append(block)
    if not gutters:
        return sorted(blocks, key=lambda b: (round(b.y0), b.x0)) if not page.rotated else blocks
    cuts = _band_cuts(blocks, body_size)
    ordered: list[Block] = []
    pending: list[Block] = []
    for block in sorted(blocks, key=lambda b: (b.y0, b.x0)):
        if cuts and block.y0 >= cuts[0]:
            while cuts and block.y0 >= cuts[0]:
                cuts.pop(0)
            ordered.extend(sorted(pending, key=lambda b: (b.column, b.y0)))
            pending.clear()
        if block.column >= 0:
            pending.append(block)
            continue
        ordered.extend(sorted(pending, key=lambda b: (b.column, b.y0)))
        pending.clear()
        ordered.append(block)
    ordered.extend(sorted(pending, key=lambda b: (b.column, b.y0)))
    return ordered


def _band_cuts(blocks: list[Block], body_size: float) -> list[float]:
    """Heights where every column pauses at once (a tall empty band across the page): the
    columns above are read before the columns below (e.g. a reference list after the text)."""
    cuts: list[float] = []
    reach = None
    for block in sorted(blocks, key=lambda b: b.y0):
        if reach is not None and block.y0 - reach >= 3 * body_size:
            above = {b.column for b in blocks if b.y1 <= reach and b.column >= 0}
            below = {b.column for b in blocks if b.y0 >= block.y0 and b.column >= 0}
            if len(above) > 1 and len(below) > 1:
                cuts.append(block.y0)
        reach = block.y1 if reach is None else max(reach, block.y1)
    return cuts

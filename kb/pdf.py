"""PDF -> clean body text with pages and sections, and the reference list split off (PyMuPDF).

One ``page.get_text("dict")`` per page gives lines with positions and fonts. Cleaning removes
rotated margin text (arXiv's side stamp), review-copy line numbers, running headers and
footers and page numbers; columns are found per page from the gaps between narrow lines and
read one after the other; headings are numbered or known titles set in bold or a larger size;
the reference list runs from its heading to an appendix heading or the end and is split into
entries by markers, hanging indents or gaps. Hyphenated line breaks are joined and ligatures
normalised. ``page_texts`` holds exactly the text that blocks (and so chunks) are made of, so
a cited sentence can be checked against its page.
"""

from __future__ import annotations

import functools
import html
import logging
import math
import re
import unicodedata
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from kb.config import PdfSettings
from kb.errors import ParseError
from kb.types import ParsedDoc, TextBlock

log = logging.getLogger(__name__)

DEFAULT_SECTION = "Abstract"  # what comes before the first heading: title, authors, abstract

# Ligatures are expanded by MuPDF itself when TEXT_PRESERVE_LIGATURES is not set.
_FLAGS = pymupdf.TEXT_PRESERVE_WHITESPACE | pymupdf.TEXT_MEDIABOX_CLIP
_BAND = 0.12  # top and bottom share of a page where running headers and footers live

_KNOWN_HEADINGS = frozenset((
    "abstract", "introduction", "related work", "related works", "background", "method",
    "methods", "methodology", "approach", "experiments", "experiment", "experimental setup",
    "experimental results", "results", "evaluation", "discussion", "limitations", "limitation",
    "conclusion", "conclusions", "future work", "conclusion and future work", "summary",
    "conclusions and future work", "results and discussion", "acknowledgments",
    "acknowledgements", "acknowledgment", "acknowledgement", "references", "bibliography",
    "literature cited", "appendix", "appendices", "supplementary material",
    "supplementary materials", "ethics statement", "ethical considerations", "broader impact",
    "broader impacts", "impact statement", "preliminaries", "problem formulation",
    "problem statement", "analysis", "user study", "study design", "findings", "system design",
    "dataset", "datasets", "implementation details", "ablation study", "ablation studies",
    "materials and methods", "author contributions", "data availability", "code availability",
    "competing interests", "funding", "checklist", "reproducibility statement",
))  # fmt: skip
# in papers with numbered sections, only these may appear without a number
_UNNUMBERED_OK = frozenset((
    "abstract", "acknowledgments", "acknowledgements", "acknowledgment", "acknowledgement",
    "references", "bibliography", "literature cited", "appendix", "appendices",
    "supplementary material", "supplementary materials", "limitations", "limitation",
    "ethics statement", "ethical considerations", "broader impact", "broader impacts",
    "impact statement", "author contributions", "data availability", "code availability",
    "competing interests", "funding", "checklist", "reproducibility statement",
))  # fmt: skip
_REFERENCE_TITLES = frozenset(("references", "bibliography", "literature cited"))
_AFTER_REFERENCES = frozenset((
    "appendix", "appendices", "supplementary material", "supplementary materials", "checklist",
))  # fmt: skip

_NUMBERED = re.compile(
    r"^(?P<num>[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-H](?:\.\d{1,2}){0,3}\.?)"
    r"\s+(?P<title>\S.*)$"
)
_ROMAN = {"I": 1, "V": 5, "X": 10}
_ABSTRACT_RUN_IN = re.compile(r"^(?:abstract|a b s t r a c t)\s*(?:[.:—–-]\s*|\s(?=[A-Z]))", re.I)
_APPENDIX_TITLE = re.compile(r"^(?:appendix|appendices|supplementary)\b", re.I)
_ARXIV_STAMP = re.compile(
    r"^arxiv:\s?\d{4}\.\d{4,5}(?:v\d+)?\s*\[[^\]]*\]\s+\d{1,2}\s\w{3}\s\d{4}$", re.I
)
_PAGE_NUMBER = re.compile(
    r"^(?:page\s*)?[-–—\s]*(?:\d{1,4}|[ivxlc]{1,6})(?:\s*(?:of|/)\s*\d{1,4})?[-–—\s]*$", re.I
)
_DIGITS = re.compile(r"\d+")
_HTML_LINE = re.compile(
    r'<p style="top:([-\d.]+)pt;left:([-\d.]+)pt;line-height:([-\d.]+)pt">(.*?)</p>', re.S
)
_HTML_SPAN = re.compile(
    r'(<sup>)?(?:<tt>)?(<b>)?(?:<i>)?<span style="font-family:[^;]*;font-size:([\d.]+)pt[^"]*">'
    r"(.*?)</span>",
    re.S,
)
_NOT_LETTERS = re.compile(r"[\W\d_]+")
_ET_AL_HEAD = re.compile(r"^\D{2,40}\bet al\.?(?:\s*\d{1,4})?$")  # "Chang et al." "Shen, et al. 4"
_PLACEHOLDER_TITLE = re.compile(
    r"^(?:untitled|title|document|microsoft word|arxiv|paper|manuscript|slide)"
    r"|\.(?:dvi|tex|pdf|docx?|ps|indd)\b",
    re.I,
)
_REF_MARKER = re.compile(r"^(?:\[(\d{1,4})\]|\((\d{1,4})\)|(\d{1,4})\.?(?=\s))\s*")
_BOLD_FONT = re.compile(r"bold|black|heavy|semibold|demi|medi|cmbx|\.b$|-b$", re.I)
_STRAY_ACCENT = re.compile(r"(?<=[^\W\d_])(?: ([\u0300-\u036f])|([\u02c7\u02d8-\u02dd]))([^\W\d_])")
_ACCENT_MARK = {"\u02c7": "\u030c", "\u02d8": "\u0306", "\u02d9": "\u0307", "\u02da": "\u030a",
                "\u02db": "\u0328", "\u02dc": "\u0303", "\u02dd": "\u030b"}  # fmt: skip
# superscripts and subscripts keep their form: NFKC would turn x² into x2
_PROTECTED = "²³¹" + "".join(chr(c) for c in range(0x2070, 0x20A0))
_PROTECT = str.maketrans({c: chr(0xF0000 + i) for i, c in enumerate(_PROTECTED)})
_UNPROTECT = str.maketrans({chr(0xF0000 + i): c for i, c in enumerate(_PROTECTED)})
_INVISIBLE = {
    **dict.fromkeys([*range(0, 32), 0x7F, 0x200B, 0x200C, 0x200D, 0x2060, 0xFEFF]),
    **dict.fromkeys([9, 10, 13], " "),
}

_AFFILIATION = re.compile(
    r"universit|institut|college|school|department|dept\b|laborator|\blabs?\b|research|"
    r"\binc\b|corp|ltd|gmbh|cent(?:er|re)\b|faculty|academy|hospital|foundation|google|"
    r"microsoft|facebook|\bmeta\b|deepmind|openai|amazon|nvidia|\bibm\b|apple|adobe|baidu|"
    r"alibaba|tencent|huawei|bytedance|samsung|\bbrain\b|\bai\b|allen|@|https?:|www\.|"
    r"\d{3,}|\bhong kong\b|\bnew york\b|united (?:states|kingdom)|\bsan \w+|\bsanta \w+|"
    r"\blos angeles\b|equal contribution|corresponding|\bemail\b",
    re.I,
)
_PARTICLES = frozenset(
    ["de", "van", "von", "der", "den", "da", "di", "del", "della", "la", "le", "du", "dos", "das",
     "bin", "al", "el", "y", "e"]
)  # fmt: skip


# -- records ------------------------------------------------------------------------------------
@dataclass(slots=True)
class _Line:
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
class _Block:
    lines: list[_Line]
    x0: float
    y0: float
    x1: float
    y1: float
    column: int = 0


@dataclass(slots=True)
class _Page:
    number: int
    width: float
    height: float
    lines: list[_Line]
    rotated: bool = False
    blocks: list[_Block] = field(default_factory=list)


@dataclass(slots=True)
class _Para:
    """A paragraph being assembled: its lines, or a heading, or the page's reference slot."""

    page: int
    section: str
    lines: list[str]
    kind: str = "body"  # body | heading | refs


@dataclass(slots=True)
class _RefLine:
    page: int
    column: int
    x0: float
    y0: float
    y1: float
    text: str


# -- text helpers ---------------------------------------------------------------------------
def _norm(text: str) -> str:
    """NFKC (ligatures, full-width forms) except for super/subscripts; stray accents joined."""
    if text.isascii():
        return text.translate(_INVISIBLE) if not text.isprintable() else text
    text = unicodedata.normalize("NFKC", text.translate(_PROTECT)).translate(_UNPROTECT)
    text = text.replace("\u00ad", "").translate(_INVISIBLE)
    if _STRAY_ACCENT.search(text):
        # pdfTeX accents set as separate glyphs: "Teˇsanovi ́c" -> "Tešanović"
        text = _STRAY_ACCENT.sub(lambda m: m[3] + (m[1] or _ACCENT_MARK[m[2]]), text)
        text = unicodedata.normalize("NFC", text)
    return text


def _clean_meta(value: object) -> str:
    """A metadata value as clean text: no lone surrogates, control characters or NULs."""
    text = str(value or "")
    text = re.sub(r"[\ud800-\udfff]", "", text)
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def _vocabulary() -> frozenset[str]:
    """Whole words of the bundled model's vocabulary (to tell compounds from hyphenation)."""
    try:
        from kb.embed import bundled_model_path

        words = (bundled_model_path() / "vocab.txt").read_text(encoding="utf-8").split()
    except Exception:  # no model package: plain hyphenation joining
        return frozenset()
    return frozenset(w for w in words if w.isalpha() and len(w) > 2)


def _keeps_hyphen(left: str, right: str, words: frozenset[str] | set[str]) -> bool:
    """True when ``left`` (ending in a hyphen) + ``right`` is a compound broken at its hyphen
    ("state-of-the-" + "art"), False for a word split by hyphenation ("repre-" + "sentation")."""
    head = left[:-1].rsplit(" ", 1)[-1]
    if not right[:1].islower() or not head[-1:].isalpha():
        return True  # "Vision-" + "Language", "GPT-" + "4o", "3-" + "layer"
    if "-" in head.strip("-"):
        return True  # TeX breaks a word that has hyphens only at them: "state-of-the-" + "art"
    match = re.match(r"[a-z]+", right)
    if not match:
        return True
    tail = match.group(0)
    last = re.findall(r"[A-Za-z]+$", head)
    part = last[0].lower() if last else ""
    if f"{head.lower()}-{tail}" in words:
        return True
    if part + tail in words:
        return False
    vocab = _vocabulary()
    return bool(vocab) and part in vocab and tail in vocab and part + tail not in vocab


def _join_lines(lines: list[str], words: frozenset[str] | set[str]) -> str:
    """Lines of a paragraph as one string; words hyphenated across a break are rejoined."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith(("-", "‐")) and len(text) > 1 and text[-2].isalnum():
            text = text + line if _keeps_hyphen(text, line, words) else text[:-1] + line
        elif text.endswith(("/", "_", ".", "-")) and re.search(r"(?:https?://|www\.)\S+$", text):
            text = text + line  # a URL broken over two lines
        else:
            text = f"{text} {line}"
    return " ".join(text.split())


# -- opening ------------------------------------------------------------------------------------
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


def _open(path: Path) -> pymupdf.Document:
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


# -- one page -----------------------------------------------------------------------------------
@functools.lru_cache(maxsize=512)
def _bold_font(name: str) -> bool:
    return bool(_BOLD_FONT.search(name))


def _read_page(page: pymupdf.Page, number: int, with_names: bool) -> _Page:
    """Lines of one page in PyMuPDF's order, text normalised; off-direction lines dropped.

    MuPDF's own HTML rendering of the text page gives each line's position and font runs
    several times faster than ``get_text("dict")`` (whose spans are split at every inferred
    space); the blocks give the text and geometry. When the two disagree about the number
    of lines, the page is read again from the dict.
    """
    textpage = page.get_textpage(flags=_FLAGS)
    kept = _lines_from_html(textpage, with_names)
    if kept is None:
        kept = _lines_from_dict(textpage, with_names)
    straight = sum(len(ln.text) for ln, horizontal in kept if horizontal)
    rotated = straight < sum(len(ln.text) for ln, horizontal in kept if not horizontal)
    lines = [ln for ln, horizontal in kept if horizontal != rotated and ln.text]
    return _Page(number, page.rect.width, page.rect.height, lines, rotated)


def _clean_line(text: str) -> str:
    if text[-1] == "\u00ad":
        text = text[:-1] + "-"  # a soft hyphen at a line break is hyphenation
    clean = _norm(text)
    return " ".join(clean.split()) if "  " in clean or "\t" in clean else clean


def _lines_from_html(
    textpage: pymupdf.TextPage, with_names: bool
) -> list[tuple[_Line, bool]] | None:
    """Lines from extractBLOCKS (text, block boxes) and extractHTML (line origin, fonts)."""
    styled = _HTML_LINE.findall(textpage.extractHTML())
    kept: list[tuple[_Line, bool]] = []
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
                        names = _norm(html.unescape("".join(
                            "," if r[0] or float(r[2]) < biggest * 0.75 else r[3] for r in runs
                        )))  # fmt: skip
            x = float(left)
            y = float(top)
            width = len(stripped) * size * 0.45  # about right for the usual text fonts
            # a line far longer than its block is wide runs vertically (arXiv's side stamp)
            horizontal = width <= 1.5 * block_width + size or y1b - y0b < 2 * size
            x1 = x1b if width > 0.8 * block_width else min(x1b, x + width)
            line = _Line(_clean_line(stripped), x, y, x1, y + size, round(size * 2) / 2, bold,
                         index, names)  # fmt: skip
            kept.append((line, horizontal))
    return kept if k == len(styled) else None


def _lines_from_dict(textpage: pymupdf.TextPage, with_names: bool) -> list[tuple[_Line, bool]]:
    """Lines from the text page's dict: exact boxes, direction and spans (slower)."""
    kept: list[tuple[_Line, bool]] = []
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
                names = _norm("".join(
                    "," if s["size"] < top * 0.75 or s["flags"] & 1 else s["text"] for s in spans
                ))  # fmt: skip
            dx, dy = line["dir"]
            x0, y0, x1, y1 = line["bbox"]
            size = round(weighted / chars * 2) / 2
            line_ = _Line(_clean_line(stripped), x0, y0, x1, y1, size, bold, index, names)
            kept.append((line_, dx > 0.99 and -0.05 < dy < 0.05))
    return kept


def _drop_line_numbers(page: _Page) -> None:
    """Remove review-copy line numbers: runs of increasing numbers beside, not inside, text."""
    numbers = [ln for ln in page.lines if len(ln.text) <= 4 and ln.text.isdigit()]
    if len(numbers) < 5:
        return
    numbers.sort(key=lambda ln: (ln.x0 + ln.x1) / 2)
    clusters: list[list[_Line]] = [[numbers[0]]]
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


def _merge_pieces(page: _Page) -> None:
    """Join pieces of one visual line that PyMuPDF split ("3" + "Model Architecture")."""
    merged: list[_Line] = []
    for line in page.lines:
        prev = merged[-1] if merged else None
        if (
            prev is not None
            and prev.block == line.block
            and 0 <= line.x0 - prev.x1 < 3 * max(line.size, 4)
            and min(prev.y1, line.y1) - max(prev.y0, line.y0)
            > 0.5 * min(prev.y1 - prev.y0, line.y1 - line.y0)
        ):
            merged[-1] = _Line(
                f"{prev.text} {line.text}", prev.x0, min(prev.y0, line.y0), line.x1,
                max(prev.y1, line.y1), max(prev.size, line.size) if prev.bold and line.bold
                else prev.size, prev.bold and line.bold, prev.block,
                f"{prev.names} {line.names}" if prev.names else "",
            )  # fmt: skip
        else:
            merged.append(line)
    page.lines = merged


def _furniture(pages: list[_Page]) -> set[tuple[str, bool]]:
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


def _title_hint(first: _Page, body_size: float, meta_title: str) -> str:
    """The title, lowercased, as far as can be told before layout (to spot running heads)."""
    if _meaningful_title(meta_title):
        return meta_title.lower()
    top = [ln for ln in first.lines if ln.y0 < first.height * 0.4]
    biggest = max((ln.size for ln in top), default=0.0)
    if biggest < body_size + 1.5:
        return ""
    return " ".join(ln.text for ln in top if ln.size >= biggest - 0.5).lower()


def _is_furniture(
    line: _Line, page: _Page, repeating: set[tuple[str, bool]], title: str, edges: tuple
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


# -- reading order ------------------------------------------------------------------------------
def _gutters(lines: list[_Line]) -> list[tuple[float, float]]:
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


def _blocks(page: _Page, body_size: float) -> list[_Block]:
    """PyMuPDF's blocks rebuilt from the kept lines, in reading order (columns, then bands)."""
    groups: dict[int, list[_Line]] = {}
    for line in page.lines:
        groups.setdefault(line.block, []).append(line)
    gutters = [] if page.rotated else _gutters(page.lines)

    def make(lines: list[_Line]) -> _Block:
        first = lines[0]
        x0, y0, x1, y1 = first.x0, first.y0, first.x1, first.y1
        for ln in lines:
            x0, y0, x1, y1 = min(x0, ln.x0), min(y0, ln.y0), max(x1, ln.x1), max(y1, ln.y1)
        return _Block(lines, x0, y0, x1, y1)

    def spans(x0: float, x1: float) -> bool:
        return any(x0 < a - 1 and x1 > b + 1 for a, b in gutters)

    def column(x0: float, x1: float) -> int:
        middle = (x0 + x1) / 2
        return sum(1 for a, b in gutters if (a + b) / 2 < middle)

    blocks: list[_Block] = []
    for lines in groups.values():
        block = make(lines)
        if gutters and spans(block.x0, block.x1) and not any(spans(ln.x0, ln.x1) for ln in lines):
            # one PyMuPDF block holding lines of two columns: split it per column
            parts: dict[int, list[_Line]] = {}
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
    ordered: list[_Block] = []
    pending: list[_Block] = []
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


def _band_cuts(blocks: list[_Block], body_size: float) -> list[float]:
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


# -- headings -----------------------------------------------------------------------------------
def _bare_title(text: str) -> str:
    """A heading's words without trailing punctuation, lowercased, letter-spacing undone."""
    bare = text.strip().rstrip(".:").strip().lower()
    if len(bare) > 4 and all(len(t) == 1 for t in bare.split()):
        bare = bare.replace(" ", "")  # "A B S T R A C T"
    return " ".join(bare.split())


def _top_number(num: str) -> tuple[str, int]:
    """Kind ("digit", "roman", "letter") and top-level value of a heading number."""
    head = num.rstrip(".").split(".")[0]
    if head.isdigit():
        return "digit", int(head)
    if num.endswith(".") and "." not in num[:-1] and set(head) <= set(_ROMAN) and head != "":
        total = 0
        for i, ch in enumerate(head):
            value = _ROMAN[ch]
            total += -value if i + 1 < len(head) and _ROMAN[head[i + 1]] > value else value
        return "roman", total
    return "letter", ord(head[0]) - ord("A") + 1


@dataclass
class _Headings:
    """Decides which lines are section headings, with what the document showed so far."""

    body_size: float
    numbered_style: bool
    last_top: int = 0
    roman: bool = False
    appendix: bool = False
    started: bool = False  # a heading other than Abstract was seen
    styles: set[tuple[float, bool]] = field(default_factory=set)

    def emphasised(self, line: _Line) -> bool:
        return line.bold or line.size >= self.body_size + 0.8

    def numbered(self, line: _Line, in_refs: bool) -> str | None:
        if len(line.text) > 110 or not (self.emphasised(line) or line.text.isupper()):
            return None
        match = _NUMBERED.match(line.text)
        if not match:
            return None
        title = match.group("title")
        words = title.split()
        if (
            not (1 <= len(words) <= 14)
            or title[0].islower()
            or not (title[0].isalnum() or title[0] in "[(\"'“")
            or title.endswith((",", ";"))
            or (title.endswith(".") and len(words) > 6)
            or re.search(r"[=<>@]|\d{4,}|https?:", title)
            or sum(ch.isdigit() for ch in title) > 0.3 * len(title)
            or line.size < self.body_size - (1.1 if line.bold else 0.6)
        ):
            return None
        if not (self.emphasised(line) or (title.isupper() and len(title) >= 4)):
            return None
        kind, top = _top_number(match.group("num"))
        if kind == "letter":
            sub = "." in match.group("num").rstrip(".")
            if not (
                in_refs or self.appendix or sub or (self.roman and match.group("num")[-1] == ".")
            ):
                return None
        elif kind == "roman":
            if top > 15 or (self.last_top and top < self.last_top):
                return None
        else:
            if top > 30 or top < self.last_top or (self.last_top and top > self.last_top + 5):
                return None
            if in_refs and not line.size >= self.body_size + 0.8:
                return None
        return line.text.rstrip(".: ")

    def known(self, line: _Line, standalone: bool) -> str | None:
        if len(line.text) > 60:
            return None
        if not (standalone or self.emphasised(line) or line.text.isupper()):
            return None
        bare = _bare_title(re.sub(r"^(?:\d{1,2}|[IVX]{1,4}|[A-H])\.?\s+", "", line.text))
        if bare not in _KNOWN_HEADINGS or (bare == "abstract" and self.started):
            return None
        if self.numbered_style and bare not in _UNNUMBERED_OK and not _NUMBERED.match(line.text):
            return None
        caps = line.text.isupper() and len(line.text) >= 4
        if self.emphasised(line) or caps or (standalone and bare in ("abstract", "references")):
            return line.text.rstrip(".: ")
        return None

    def styled(self, line: _Line, standalone: bool) -> str | None:
        """A line set exactly like headings already found (papers without numbers)."""
        if self.numbered_style or not standalone or not self.styles:
            return None
        text = line.text
        if (line.size, line.bold) not in self.styles or line.size < self.body_size + 0.8:
            return None
        if len(text.split()) > 10 or not text[0].isupper() or text.endswith((".", ",", ";")):
            return None
        return text.rstrip(": ")

    def after_references(self, line: _Line, alone: bool) -> str | None:
        """A title set apart after the reference list ("Attention Visualizations"): entries
        are never set large, nor as a bold block of one line."""
        text = line.text
        if not (line.size >= self.body_size + 0.8 or (line.bold and alone)):
            return None
        if len(text.split()) > 10 or not text[0].isupper() or text.endswith((".", ",", ";")):
            return None
        return text.rstrip(": ")

    def accept(self, line: _Line, heading: str) -> None:
        match = _NUMBERED.match(heading)
        if match:
            kind, top = _top_number(match.group("num"))
            if kind == "digit":
                self.last_top = top
            elif kind == "roman":
                self.roman = True
                self.last_top = top
            else:
                self.appendix = True
        if _bare_title(heading) != "abstract":
            self.started = True
        if _APPENDIX_TITLE.match(_bare_title(heading)):
            self.appendix = True
        if line.size >= self.body_size + 0.8:
            self.styles.add((line.size, line.bold))


def _numbered_style(pages: list[_Page], body_size: float) -> bool:
    """True when the paper numbers its sections (then unnumbered titles are rare)."""
    count = 0
    for page in pages:
        for line in page.lines:
            if len(line.text) < 80 and (line.bold or line.size >= body_size + 0.8):
                match = _NUMBERED.match(line.text)
                if match and match.group("num")[0].isdigit():
                    count += 1
                    if count >= 3:
                        return True
    return False


# -- title and authors --------------------------------------------------------------------------
def _meaningful_title(title: str) -> bool:
    if len(title) < 10 or len(title.split()) < 2:
        return False
    return not _PLACEHOLDER_TITLE.search(title)


def _title_lines(page: _Page, body_size: float) -> list[_Line]:
    """The first run of large lines in the top half of page 1 (the title)."""
    lines = [ln for b in page.blocks for ln in b.lines]
    run: list[_Line] = []
    for line in lines:
        large = line.y0 < page.height * 0.5 and (
            line.size >= body_size + 2.5 or (line.bold and line.size >= body_size + 1.5)
        )
        if not run:
            heading = _bare_title(line.text) in _KNOWN_HEADINGS or re.match(r"\d", line.text)
            if large and len(line.text) >= 3 and not heading:
                run.append(line)
        elif large and abs(line.size - run[0].size) <= 1 and line.y0 - run[-1].y1 < 2 * line.size:
            run.append(line)
            if len(run) == 4:
                break
        else:
            break
    return run


def _names(line: _Line) -> list[str]:
    """Person names on an author line; affiliations and what follows them on the line dropped."""
    names: list[str] = []
    for part in re.split(r",|;|\band\b|&|[^\w\s.'’\-]", line.names or line.text):
        part = " ".join(part.replace("’", "'").split()).strip(" .-")
        if not part:
            continue
        if _AFFILIATION.search(part):
            break
        tokens = part.split()
        if not 2 <= len(tokens) <= 5 or any(ch.isdigit() for ch in part):
            continue
        if all(t[0].isupper() or t in _PARTICLES for t in tokens) and any(
            len(t.strip(".")) > 1 for t in tokens
        ):
            names.append(part.title() if part.isupper() else part)
    return names


def _title_authors(
    meta: dict[str, str], first: _Page | None, body_size: float
) -> tuple[str, list[str]]:
    """Title and authors from the PDF metadata when meaningful, else from page 1."""
    title_lines = _title_lines(first, body_size) if first else []
    title = " ".join(ln.text for ln in title_lines)
    if _meaningful_title(meta.get("title", "")):
        title = meta["title"]
    authors: list[str] = []
    meta_author = meta.get("author", "")
    if meta_author and not re.search(r"@|\b(?:admin|user|owner|author)\b", meta_author, re.I):
        parts = re.split(r";|,|\band\b", meta_author)
        authors = [p.strip() for p in parts if 2 <= len(p.split()) <= 5]
    if not authors and first and title_lines:
        lines = [ln for b in first.blocks for ln in b.lines]
        start = lines.index(title_lines[-1]) + 1
        for line in lines[start : start + 40]:
            bare = _bare_title(line.text)
            if bare in _KNOWN_HEADINGS or _ABSTRACT_RUN_IN.match(line.text):
                break
            if line.size >= body_size + 4:
                continue  # a logo or a second title, not names
            found = _names(line)
            if len(line.text.split()) >= 10 and len(found) < 2:
                break
            authors.extend(n for n in found if n not in authors)
    return " ".join(title.split()), authors[:50]


# -- references ---------------------------------------------------------------------------------
def _entry_starts(lines: list[_RefLine]) -> list[int]:
    """Indexes of the lines that begin a reference entry."""
    found = [(_REF_MARKER.match(ln.text), i) for i, ln in enumerate(lines)]
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


def _references(lines: list[_RefLine], words: set[str]) -> tuple[list[str], dict[int, list[str]]]:
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
        text = _join_lines([ln.text for ln in chunk], words)
        if len(text) > 3:
            entries.append(text)
        for page in dict.fromkeys(ln.page for ln in chunk):
            piece = _join_lines([ln.text for ln in chunk if ln.page == page], words)
            if piece:
                per_page.setdefault(page, []).append(piece)
    return entries, per_page


# -- the document -------------------------------------------------------------------------------
def _body_size(pages: list[_Page]) -> float:
    sizes: Counter[float] = Counter()
    for page in pages:
        for line in page.lines:
            sizes[line.size] += len(line.text)
    return sizes.most_common(1)[0][0] if sizes else 10.0


def _ends_paragraph(text: str) -> bool:
    return text.endswith((".", "!", "?", ":", ".)", ".”", '."'))


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
    doc = _open(path)
    try:
        total = doc.page_count
        limit = min(total, settings.max_pages)
        pages: list[_Page] = []
        for number in range(limit):
            try:
                pages.append(_read_page(doc[number], number + 1, with_names=number == 0))
            except Exception as exc:  # MuPDF errors on a damaged content stream
                raise ParseError(f"{path.name}: page {number + 1} cannot be read ({exc})") from exc
        metadata = {k: _clean_meta(v) for k, v in (doc.metadata or {}).items() if v}
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

    raw_chars = sum(len(ln.text) for p in pages for ln in p.lines)
    if raw_chars:
        junk = sum(ln.text.count("\ufffd") for p in pages for ln in p.lines)
        if junk > 0.3 * raw_chars:
            raise ParseError(f"{path.name}: text layer is unreadable (fonts without a Unicode "
                             "mapping)")  # fmt: skip
    for page in pages:
        _drop_line_numbers(page)
        _merge_pieces(page)
    body_size = _body_size(pages)
    repeating = _furniture(pages)
    hint = _title_hint(pages[0], body_size, metadata.get("title", "")) if pages else ""
    for page in pages:
        if page.lines:
            edges = (min(ln.y0 for ln in page.lines), max(ln.y1 for ln in page.lines))
            page.lines = [
                ln for ln in page.lines if not _is_furniture(ln, page, repeating, hint, edges)
            ]
        page.blocks = _blocks(page, body_size)
    empty = [p.number for p in pages if not p.lines]
    if empty and len(empty) < len(pages):
        metadata["pages_without_text"] = ",".join(map(str, empty))

    title, authors = _title_authors(metadata, pages[0] if pages else None, body_size)
    paras, ref_lines = _assemble(pages, body_size)
    every_line = "\n".join([*(ln for p in paras for ln in p.lines), *(r.text for r in ref_lines)])
    words = set(_WORD.findall(every_line.lower()))
    references, ref_pages = _references(ref_lines, words)

    blocks: list[TextBlock] = []
    page_parts: dict[int, list[str]] = {}
    for para in paras:
        if para.kind == "refs":
            pieces = ref_pages.get(para.page, [])
        else:
            pieces = [_join_lines(para.lines, words)]
        for text in pieces:
            if text:
                page_parts.setdefault(para.page, []).append(text)
        if para.kind == "body" and pieces[0]:
            blocks.append(TextBlock(para.page, para.section, pieces[0]))

    body_chars = sum(len(b.text) for b in blocks)
    if body_chars < settings.min_chars:
        if repaired:
            raise ParseError(f"{path.name}: corrupt or truncated PDF (damaged file, "
                             f"{raw_chars} characters of text left in {limit} pages)")  # fmt: skip
        if raw_chars < settings.min_chars:
            raise ParseError(
                f"{path.name}: no text layer (scanned?): {raw_chars} characters of text in "
                f"{limit} page{'s' if limit != 1 else ''}"
            )
        raise ParseError(f"{path.name}: too little body text ({body_chars} characters in "
                         f"{limit} pages)")  # fmt: skip
    return ParsedDoc(
        source=str(path),
        n_pages=limit,
        title=title,
        authors=authors,
        blocks=blocks,
        references=references,
        page_texts={p: " ".join(parts) for p, parts in sorted(page_parts.items())},
        metadata=metadata,
    )


_WORD = re.compile(r"[a-z]+(?:-[a-z]+)+|[a-z]{3,}")


def _unheaded_references(pages: list[_Page]) -> int | None:
    """The block where a reference list without a heading starts (numbered 1, 2, 3... at line
    starts on one of the last pages), when the paper has no References heading."""
    for page in pages:
        for line in page.lines:
            text = line.text
            if (
                len(text) <= 40
                and ("ref" in text.lower() or "bibl" in text.lower())
                and _bare_title(re.sub(r"^[\dIVX.]+\s+", "", text)) in _REFERENCE_TITLES
            ):
                return None
    tail = [(block, ln) for page in pages[-5:] for block in page.blocks for ln in block.lines]
    for start, (block, line) in enumerate(tail):
        match = _REF_MARKER.match(line.text)
        if not match or int(match.group(match.lastindex)) != 1:
            continue
        # entries 1..5 follow, most of them with a year: a reference list, not a list of points
        expected, entries = 1, [""]
        for _, ln in tail[start:]:
            if expected > 6:
                break
            mark = _REF_MARKER.match(ln.text)
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


def _assemble(pages: list[_Page], body_size: float) -> tuple[list[_Para], list[_RefLine]]:
    """Walk the pages in reading order: paragraphs with their sections, headings, ref lines."""
    headings = _Headings(body_size, _numbered_style(pages, body_size))
    unheaded = _unheaded_references(pages)
    paras: list[_Para] = []
    ref_lines: list[_RefLine] = []
    section = DEFAULT_SECTION
    in_refs = False
    seen_heading = False
    current: _Para | None = None
    consumed: set[int] = set()  # lines already used as the second line of a heading

    def close() -> None:
        nonlocal current
        if current is not None and current.lines:
            prev = paras[-1] if paras else None
            # a paragraph that runs on into the next column continues the same block: it
            # starts in lower case, or the column ended inside a hyphenated word
            last = prev.lines[-1] if prev is not None and prev.lines else ""
            if (
                prev is not None and prev.kind == "body" and prev.page == current.page
                and prev.section == current.section and not _ends_paragraph(last)
                and (current.lines[0][:1].islower() or (last[-2:-1].isalpha() and last[-1] == "-"))
            ):  # fmt: skip
                prev.lines.extend(current.lines)
            else:
                paras.append(current)
        current = None

    for page in pages:
        ref_slot = False
        for b_index, block in enumerate(page.blocks):
            close()
            if id(block) == unheaded:
                in_refs = True
            lines = block.lines
            skip = 0
            for i, line in enumerate(lines):
                if skip or id(line) in consumed:
                    skip = max(0, skip - 1)
                    continue
                standalone = len(lines) == 1 or (
                    i == 0 and (lines[1].bold != line.bold or lines[1].size != line.size)
                )
                heading = headings.numbered(line, in_refs) or headings.known(line, standalone)
                if heading is None and not in_refs:
                    heading = headings.styled(line, standalone)
                if heading is not None and in_refs:
                    bare = _bare_title(heading)
                    kind = _NUMBERED.match(heading)
                    leaves = (
                        bare in _AFTER_REFERENCES or _APPENDIX_TITLE.match(bare)
                        or (kind is not None and not bare.startswith(tuple(_REFERENCE_TITLES)))
                    )  # fmt: skip
                    if not leaves:
                        heading = None
                if heading is None and in_refs:
                    heading = headings.after_references(line, len(lines) == 1)
                if heading is not None:
                    # a title set on two lines: "3 TABLEFORMER: Robust Structural" + "Table ..."
                    following = lines[i + 1 : i + 3]
                    if i + 1 == len(lines) and b_index + 1 < len(page.blocks):
                        following = page.blocks[b_index + 1].lines[:1]
                    for follow in following:
                        if (
                            follow.bold == line.bold and abs(follow.size - line.size) <= 0.3
                            and len(follow.text.split()) <= 8 and not _NUMBERED.match(follow.text)
                            and follow.y0 - line.y1 < line.size and not heading.endswith(".")
                            and (line.bold or line.size >= body_size + 0.8)
                        ):  # fmt: skip
                            heading = f"{heading} {follow.text.rstrip('.: ')}"
                            skip += 1
                            consumed.add(id(follow))
                            line = follow
                        else:
                            break
                    close()
                    headings.accept(line, heading)
                    seen_heading = True
                    paras.append(_Para(page.number, section, [heading], "heading"))
                    bare = _bare_title(re.sub(r"^[\dIVXA-H.]+\s+", "", heading))
                    if bare == "abstract" and section == DEFAULT_SECTION:
                        # the front matter's section goes on; leaving the word out of the
                        # page text keeps every chunk a plain substring of its pages
                        paras.pop()
                        continue
                    if bare in _REFERENCE_TITLES:
                        in_refs = True
                        continue
                    in_refs = False
                    section = DEFAULT_SECTION if bare == "abstract" else heading
                    paras[-1].section = section
                    continue
                if in_refs:
                    if not ref_slot:
                        close()
                        paras.append(_Para(page.number, section, [], "refs"))
                        ref_slot = True
                    ref_lines.append(
                        _RefLine(page.number, block.column, line.x0, line.y0, line.y1, line.text)
                    )
                    continue
                text = line.text
                if not seen_heading and i == 0 and _ABSTRACT_RUN_IN.match(text):
                    close()  # "Abstract—We present ...": a new paragraph, same section
                    seen_heading = True
                if current is not None and current.lines:
                    prev_line = lines[i - 1] if i else None
                    indent = prev_line is not None and line.x0 > block.x0 + 0.8 * line.size
                    gap = prev_line is not None and line.y0 - prev_line.y1 > 0.8 * line.size
                    if gap or (indent and _ends_paragraph(current.lines[-1])):
                        close()
                if current is None:
                    current = _Para(page.number, section, [])
                current.lines.append(text)
        close()
    close()
    return paras, ref_lines

"""Test PDFs written with PyMuPDF: the layouts and the damage that real papers show.

``PaperWriter`` lays out a small paper line by line with ``kb.typeset`` (so tests know exactly
where each line breaks): a full-width title block, one or two columns, bold numbered headings, running
headers and footers, page numbers, review-copy line numbers, a vertical arXiv stamp and a
reference list with hanging indents. The other helpers write the bad files a parser meets:
encrypted, image-only (scanned), truncated, HTML saved as .pdf, very long, odd metadata.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import pymupdf

from kb import typeset

REGULAR = "tiro"  # Times (Nimbus Roman), embedded by TextWriter: Unicode-safe
BOLD = "tibo"

WORDS = [
    "model", "data", "training", "results", "method", "analysis", "retrieval", "evaluation",
    "baseline", "dataset", "accuracy", "learning", "network", "feature", "query", "corpus",
    "paper", "section", "figure", "table", "layer", "signal", "robust", "simple", "sparse",
    "dense", "vector", "index", "search", "answer", "question", "context",
]  # fmt: skip


def filler(seed: int, sentences: int = 4) -> str:
    """Deterministic plain sentences (no hyphens, no abbreviations) tagged with ``seed``."""
    out = []
    for s in range(sentences):
        words = [WORDS[(seed * 7 + s * 5 + i * 3) % len(WORDS)] for i in range(9 + s % 4)]
        out.append(f"Sentence {seed}.{s} says the " + " ".join(words) + " matter.")
    return " ".join(out)


@dataclass
class Layout:
    """Page geometry and the furniture printed on every page."""

    width: float = 612
    height: float = 792
    margin: float = 72
    columns: int = 2
    gutter: float = 24
    size: float = 10
    leading: float = 12.5
    header: str | None = None  # running header, top of every page (``{page}`` is replaced)
    footer: str | None = None  # running footer above the page number
    page_numbers: bool = True
    line_numbers: bool = False  # review copy: every body line numbered in the outer margin
    arxiv_stamp: str | None = None  # vertical stamp in the left margin of page 1

    @property
    def column_width(self) -> float:
        """Width of one text column."""
        inner = self.width - 2 * self.margin
        return (inner - (self.columns - 1) * self.gutter) / self.columns


@dataclass
class PaperWriter:
    """Builds a paper on ``kb.typeset``'s layout, one explicit line at a time."""

    layout: Layout = field(default_factory=Layout)

    def __post_init__(self) -> None:
        lay = self.layout
        self.sheet = typeset.Layout(
            pymupdf.Rect(0, 0, lay.width, lay.height), margin_x=lay.margin, top=lay.margin,
            bottom_gap=lay.margin, gutter=lay.gutter, columns=lay.columns,
        )  # fmt: skip
        self.line_count = 0

    def _advance(self, height: float) -> None:
        """Move to the next column or page when ``height`` does not fit."""
        if self.sheet.y + height > self.sheet.bottom:
            self.sheet.next_column()

    def _put(self, x: float, y: float, text: str, font: str, size: float) -> None:
        self.sheet.put(x, y, text, font, size, margin=True)

    # -- content ----------------------------------------------------------------------------
    def title(self, title: str, authors: list[str], size: float = 17) -> None:
        """A centred, full-width title block on the current page; columns start below it."""
        lay = self.layout
        y = self.sheet.y + size
        for line in wrap(title, lay.width - 2 * lay.margin, BOLD, size):
            width = typeset.text_width(line, BOLD, size)
            self._put((lay.width - width) / 2, y, line, BOLD, size)
            y += size * 1.25
        names = ", ".join(authors)
        width = typeset.text_width(names, REGULAR, 11)
        self._put((lay.width - width) / 2, y + 4, names, REGULAR, 11)
        self.sheet.col_top = self.sheet.y = y + 30

    def heading(self, text: str, size: float = 12) -> None:
        """A bold heading on its own line, with space above."""
        self._advance(size * 3)
        self.sheet.y += 6 + size
        self._put(self.sheet.x, self.sheet.y, text, BOLD, size)
        self.sheet.y += 4

    def paragraph(self, text: str, indent: float = 10) -> None:
        """Body text wrapped to the column, first line indented."""
        lines = wrap(text, self.layout.column_width - indent, REGULAR, self.layout.size)
        first, rest = lines[:1], lines[1:]
        if rest:
            rest = wrap(" ".join(rest), self.layout.column_width, REGULAR, self.layout.size)
        self.lines(first, indent=indent)
        self.lines(rest)

    def lines(self, lines: list[str], indent: float = 0, hanging: float = 0) -> None:
        """Exactly these lines; ``hanging`` indents every line but the first."""
        lay = self.layout
        for i, line in enumerate(lines):
            self._advance(lay.leading)
            self.sheet.y += lay.leading
            shift = indent if i == 0 else hanging
            self._put(self.sheet.x + shift, self.sheet.y, line, REGULAR, lay.size)
            self.line_count += 1
            if lay.line_numbers:
                number = f"{self.line_count:03d}"
                x = lay.margin - 34 if self.sheet.col == 0 else lay.width - lay.margin + 16
                self._put(x, self.sheet.y, number, REGULAR, 7)

    def references(self, entries: list[str], heading: str = "References") -> None:
        """A reference list: each entry wrapped with a hanging indent."""
        self.heading(heading)
        for entry in entries:
            width = self.layout.column_width
            first = wrap(entry, width, REGULAR, self.layout.size)[0]
            rest = entry[len(first) :].strip()
            lines = [first] + (wrap(rest, width - 12, REGULAR, self.layout.size) if rest else [])
            self.lines(lines, hanging=12)
            self.sheet.y += 3

    def new_page(self) -> None:
        """Start the next page (e.g. an appendix)."""
        self.sheet.new_page()

    # -- output -----------------------------------------------------------------------------
    def save(self, path: Path, metadata: dict[str, str] | None = None, **save_options) -> Path:
        """Write furniture and text to ``path`` and return it."""
        lay = self.layout
        for number, runs in enumerate(self.sheet.runs, 1):
            furniture = []
            if lay.header:
                furniture.append((lay.margin, 40, lay.header.format(page=number), 8))
            if lay.footer:
                furniture.append((lay.margin, lay.height - 48, lay.footer.format(page=number), 8))
            if lay.page_numbers:
                furniture.append((lay.width / 2 - 3, lay.height - 30, str(number), 9))
            runs.extend(typeset.Run(x, y, text, REGULAR, size) for x, y, text, size in furniture)
        doc = typeset.render(self.sheet, metadata)
        if lay.arxiv_stamp:
            doc[0].insert_text((32, lay.height - 220), lay.arxiv_stamp, fontsize=20,
                               fontname="tiro", rotate=90, color=(0.5, 0.5, 0.5))  # fmt: skip
        doc.save(path, **save_options)
        doc.close()
        return path


def wrap(text: str, width: float, font: str, size: float) -> list[str]:
    """Greedy line breaking at spaces, by the one typesetter (``kb.typeset.wrap``)."""
    return typeset.wrap(text, font, size, width)


# -- ready-made documents ----------------------------------------------------------------------
NUMBERED_REFERENCES = [
    f"[{i}] Author{i} Surname, Second Writer and Third Person. A study of the {WORDS[i]} "
    f"problem with a rather long title that needs two lines. In Proceedings of the "
    f"Conference on {WORDS[i + 3].title()} Systems, pages {10 * i}-{10 * i + 9}, 2021."
    for i in range(1, 9)
]
AUTHOR_YEAR_REFERENCES = [
    f"{name}, A. and Other, B. 20{10 + i}. Learning the {WORDS[i]} of {WORDS[i + 5]} from "
    f"many examples at a large scale. Journal of {WORDS[i + 9].title()} Research, "
    f"{i}(2):1-20."
    for i, name in enumerate(["Adams", "Baker", "Chen", "Diaz", "Evans", "Fischer", "Garcia"])
]


PAPER_TITLE = "A Study of Careful Parsing for Scholarly Documents"
PAPER_AUTHORS = ["Ada Lovelace", "Alan Turing", "Grace Hopper"]
PAPER_SECTIONS = ["Abstract", "1 Introduction", "2 Related Work", "2.1 Earlier Parsers",
                  "3 Method", "4 Experiments", "5 Conclusion"]  # fmt: skip
APPENDIX = "A Appendix Details"


def paper_paragraphs() -> dict[str, list[str]]:
    """The body of ``two_column_paper``: section -> paragraphs (``Paragraph P<n> ...``)."""
    body = {"Abstract": ["We study how to read papers. " + filler(0, 3)]}
    number = 1
    for section in [*PAPER_SECTIONS[1:], APPENDIX]:
        count = 1 if section == APPENDIX else 2
        body[section] = [f"Paragraph P{n} begins here. " + filler(n) for n in range(number,
                         number + count)]  # fmt: skip
        number += count
    return body


def two_column_paper(path: Path, references: list[str] | None = None, **layout) -> Path:
    """A 2-3 page two-column paper: title, abstract, numbered sections, references, appendix.

    Its text is ``paper_paragraphs()``, so tests can check reading order and sections.
    """
    options = {"header": "Preprint under review at the arxiv-kb workshop", **layout}
    writer = PaperWriter(Layout(**options))
    writer.title(PAPER_TITLE, PAPER_AUTHORS)
    for section, paragraphs in paper_paragraphs().items():
        if section == APPENDIX:
            writer.references(references or NUMBERED_REFERENCES)
        writer.heading(section)
        for paragraph in paragraphs:
            writer.paragraph(paragraph)
    return writer.save(path, metadata={"title": "", "author": ""})


def lines_pdf(path: Path, lines: list[str], **layout) -> Path:
    """One column holding exactly ``lines`` (for line-break and hyphenation checks)."""
    writer = PaperWriter(Layout(**{"columns": 1, **layout}))
    writer.heading("1 Introduction")
    writer.lines(lines)
    writer.paragraph(filler(1, 6))
    return writer.save(path)


def scanned_pdf(path: Path, pages: int = 2) -> Path:
    """Pages that are pictures of text, with no text layer (a scan)."""
    source = pymupdf.open(stream=typeset.pages_of_text([("body", filler(3, 20))]))
    pix = source[0].get_pixmap(dpi=50)
    doc = pymupdf.open()
    for _ in range(pages):
        doc.new_page().insert_image(doc[-1].rect, pixmap=pix)
    doc.save(path)
    return path


def encrypted_pdf(path: Path, user_password: str = "secret") -> Path:
    """A paper that opens only with a password (empty password: only permissions restricted)."""
    plain = two_column_paper(path.with_suffix(".plain.pdf"))
    doc = pymupdf.open(plain)
    doc.save(path, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw=user_password,
             owner_pw="owner-" + user_password, permissions=pymupdf.PDF_PERM_PRINT)  # fmt: skip
    doc.close()
    plain.unlink()
    return path


def truncated_pdf(path: Path, keep: float = 0.4) -> Path:
    """A paper cut after ``keep`` of its bytes (an interrupted download)."""
    data = two_column_paper(path.with_suffix(".full.pdf")).read_bytes()
    path.with_suffix(".full.pdf").unlink()
    path.write_bytes(data[: int(len(data) * keep)])
    return path


def html_as_pdf(path: Path) -> Path:
    """An HTML page saved under a .pdf name (what a captcha or error page looks like)."""
    path.write_text("<!DOCTYPE html>\n<html><head><title>Just a moment...</title></head>"
                    "<body>Checking your browser</body></html>\n", encoding="utf-8")  # fmt: skip
    return path


def long_pdf(path: Path, pages: int = 305) -> Path:
    """Many short pages, each saying its own number."""
    sheet = typeset.Layout(pymupdf.paper_rect("letter"), margin_x=72, top=100, columns=1)
    for number in range(1, pages + 1):
        if number > 1:
            sheet.new_page()
        text = f"This is body page {number} of the long report. " + filler(number, 2)
        sheet.paragraph(text, (REGULAR, 10, 13))
    path.write_bytes(typeset.to_bytes(typeset.render(sheet)))
    return path


def unmapped_text_pdf(path: Path) -> Path:
    """Text whose font has no Unicode mapping: it extracts as U+FFFD replacement characters."""
    doc = pymupdf.open()
    page = doc.new_page()
    writer = pymupdf.TextWriter(page.rect)
    for i in range(30):
        writer.append((72, 100 + 12 * i), "\ufffd" * 70, font=typeset.font(REGULAR), fontsize=10)
    writer.write_text(page)
    doc.save(path)
    return path


def odd_metadata_pdf(path: Path) -> Path:
    """A paper whose Info strings are not clean UTF-8: Latin-1 bytes, broken UTF-16, NULs."""
    two_column_paper(path)
    doc = pymupdf.open(path)
    doc.set_metadata({"title": "placeholder"})
    info = int(doc.xref_get_key(-1, "Info")[1].split()[0])
    doc.xref_set_key(info, "Title", "(Caf\\351 na\\357ve r\\351sum\\351 of parsing)")  # Latin-1
    doc.xref_set_key(info, "Author", "<FEFFD800DC>")  # UTF-16 with a lone surrogate, odd length
    doc.xref_set_key(info, "Subject", "(tab\\011and\\001control\\033chars)")
    doc.xref_set_key(info, "Keywords", "<FEFF00500044004600A0006B00650079>")  # good UTF-16
    doc.saveIncr()
    doc.close()
    return path


def paper_of_feed(arxiv_id: str, feed: Path, folder: Path) -> Path:
    """A PDF for a paper of a feed file: its title, authors and abstract, typeset, named
    ``<id>v<N>.pdf`` as a folder of downloaded PDFs names it."""
    from kb.feeds import parse_feed

    paper = next(p for p in parse_feed(feed) if p.arxiv_id == arxiv_id)
    writer = PaperWriter(Layout(columns=1))
    writer.title(paper.title, paper.authors[:4])
    writer.heading("Abstract")
    writer.paragraph(paper.abstract)
    return writer.save(folder / f"{paper.arxiv_id}v{paper.version}.pdf")

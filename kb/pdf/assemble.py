"""Assembly: the pages in reading order become paragraphs under their sections, headings, and
the lines of the reference list."""

from __future__ import annotations

import re
from dataclasses import dataclass

from kb.pdf.headings import (
    ABSTRACT_RUN_IN,
    AFTER_REFERENCES,
    APPENDIX_TITLE,
    NUMBERED,
    REFERENCE_TITLES,
    Headings,
    bare_title,
    numbered_style,
)
from kb.pdf.lines import Block, Line, Page
from kb.pdf.references import RefLine, unheaded_references

DEFAULT_SECTION = "Abstract"  # what comes before the first heading: title, authors, abstract


@dataclass(slots=True)
class Para:
    """A paragraph being assembled: its lines, or a heading, or the page's reference slot."""

    page: int
    section: str
    lines: list[str]
    kind: str = "body"  # body | heading | refs


def _ends_paragraph(text: str) -> bool:
    return text.endswith((".", "!", "?", ":", ".)", ".”", '."'))


class _Assembler:
    """Walks the pages in reading order, keeping the section and whether it is in references."""

    def __init__(self, pages: list[Page], body_size: float) -> None:
        self.body_size = body_size
        self.headings = Headings(body_size, numbered_style(pages, body_size))
        self.unheaded = unheaded_references(pages)
        self.paras: list[Para] = []
        self.ref_lines: list[RefLine] = []
        self.section = DEFAULT_SECTION
        self.in_refs = False
        self.seen_heading = False
        self.ref_slot = False  # this page's place for its reference text was made
        self.current: Para | None = None
        self.consumed: set[int] = set()  # lines already used as the second line of a heading

    def close(self) -> None:
        """End the paragraph being built (joining it to the previous one when it runs on)."""
        current, self.current = self.current, None
        if current is None or not current.lines:
            return
        prev = self.paras[-1] if self.paras else None
        # a paragraph that runs on into the next column continues the same block: it starts
        # in lower case, or the column ended inside a hyphenated word
        last = prev.lines[-1] if prev is not None and prev.lines else ""
        if (
            prev is not None and prev.kind == "body" and prev.page == current.page
            and prev.section == current.section and not _ends_paragraph(last)
            and (current.lines[0][:1].islower() or (last[-2:-1].isalpha() and last[-1] == "-"))
        ):  # fmt: skip
            prev.lines.extend(current.lines)
        else:
            self.paras.append(current)

    def page(self, page: Page) -> None:
        """Every block of one page."""
        self.ref_slot = False
        for b_index, block in enumerate(page.blocks):
            self.close()
            if id(block) == self.unheaded:
                self.in_refs = True
            following = page.blocks[b_index + 1].lines[:1] if b_index + 1 < len(page.blocks) else []
            self.block(page, block, following)
        self.close()

    def block(self, page: Page, block: Block, next_block_head: list[Line]) -> None:
        """The lines of one block: headings, reference lines or body text."""
        lines = block.lines
        skip = 0
        for i, line in enumerate(lines):
            if skip or id(line) in self.consumed:
                skip = max(0, skip - 1)
                continue
            heading = self.heading(line, lines, i)
            if heading is not None:
                following = lines[i + 1 : i + 3] if i + 1 < len(lines) else next_block_head
                heading, last, taken = self.two_line_title(heading, line, following)
                skip += taken
                self.start_section(page, last, heading)
            elif self.in_refs:
                self.reference_line(page, block, line)
            else:
                self.body_line(page, block, lines, i)

    def heading(self, line: Line, lines: list[Line], i: int) -> str | None:
        """The heading this line is, if any (in the reference list: only one that ends it)."""
        headings = self.headings
        standalone = len(lines) == 1 or (
            i == 0 and (lines[1].bold != line.bold or lines[1].size != line.size)
        )
        heading = headings.numbered(line, self.in_refs) or headings.known(line, standalone)
        if heading is None and not self.in_refs:
            heading = headings.styled(line, standalone)
        if heading is not None and self.in_refs:
            bare = bare_title(heading)
            kind = NUMBERED.match(heading)
            leaves = (
                bare in AFTER_REFERENCES or APPENDIX_TITLE.match(bare)
                or (kind is not None and not bare.startswith(tuple(REFERENCE_TITLES)))
            )  # fmt: skip
            if not leaves:
                heading = None
        if heading is None and self.in_refs:
            heading = headings.after_references(line, len(lines) == 1)
        return heading

    def two_line_title(
        self, heading: str, line: Line, following: list[Line]
    ) -> tuple[str, Line, int]:
        """A title set on two lines ("3 TABLEFORMER: Robust Structural" + "Table ..."): the
        whole title, its last line, and how many following lines it took."""
        taken = 0
        for follow in following:
            if (
                follow.bold == line.bold and abs(follow.size - line.size) <= 0.3
                and len(follow.text.split()) <= 8 and not NUMBERED.match(follow.text)
                and follow.y0 - line.y1 < line.size and not heading.endswith(".")
                and (line.bold or line.size >= self.body_size + 0.8)
            ):  # fmt: skip
                heading = f"{heading} {follow.text.rstrip('.: ')}"
                taken += 1
                self.consumed.add(id(follow))
                line = follow
            else:
                break
        return heading, line, taken

    def start_section(self, page: Page, line: Line, heading: str) -> None:
        """A heading: a new section, the abstract going on, or the reference list starting."""
        self.close()
        self.headings.accept(line, heading)
        self.seen_heading = True
        self.paras.append(Para(page.number, self.section, [heading], "heading"))
        bare = bare_title(re.sub(r"^[\dIVXA-H.]+\s+", "", heading))
        if bare == "abstract" and self.section == DEFAULT_SECTION:
            # the front matter's section goes on; leaving the word out of the page text keeps
            # every chunk a plain substring of its pages
            self.paras.pop()
            return
        if bare in REFERENCE_TITLES:
            self.in_refs = True
            return
        self.in_refs = False
        self.section = DEFAULT_SECTION if bare == "abstract" else heading
        self.paras[-1].section = self.section

    def reference_line(self, page: Page, block: Block, line: Line) -> None:
        """A line of the reference list; the page's text gets one slot for its entries."""
        if not self.ref_slot:
            self.close()
            self.paras.append(Para(page.number, self.section, [], "refs"))
            self.ref_slot = True
        self.ref_lines.append(
            RefLine(page.number, block.column, line.x0, line.y0, line.y1, line.text)
        )

    def body_line(self, page: Page, block: Block, lines: list[Line], i: int) -> None:
        """A line of body text: a new paragraph after a gap or an indent, else the same one."""
        line = lines[i]
        if not self.seen_heading and i == 0 and ABSTRACT_RUN_IN.match(line.text):
            self.close()  # "Abstract—We present ...": a new paragraph, same section
            self.seen_heading = True
        current = self.current
        if current is not None and current.lines:
            prev_line = lines[i - 1] if i else None
            indent = prev_line is not None and line.x0 > block.x0 + 0.8 * line.size
            gap = prev_line is not None and line.y0 - prev_line.y1 > 0.8 * line.size
            if gap or (indent and _ends_paragraph(current.lines[-1])):
                self.close()
        if self.current is None:
            self.current = Para(page.number, self.section, [])
        self.current.lines.append(line.text)


def assemble(pages: list[Page], body_size: float) -> tuple[list[Para], list[RefLine]]:
    """Walk the pages in reading order: paragraphs with their sections, headings, ref lines."""
    assembler = _Assembler(pages, body_size)
    for page in pages:
        assembler.page(page)
    assembler.close()
    return assembler.paras, assembler.ref_lines

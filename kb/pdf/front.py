"""Front matter: the title and the authors, from the metadata when meaningful, else page 1."""

from __future__ import annotations

import re

from kb.pdf.headings import ABSTRACT_RUN_IN, KNOWN_HEADINGS, bare_title
from kb.pdf.lines import Line, Page

_PLACEHOLDER_TITLE = re.compile(
    r"^(?:untitled|title|document|microsoft word|arxiv|paper|manuscript|slide)"
    r"|\.(?:dvi|tex|pdf|docx?|ps|indd)\b",
    re.I,
)
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


def meaningful_title(title: str) -> bool:
    if len(title) < 10 or len(title.split()) < 2:
        return False
    return not _PLACEHOLDER_TITLE.search(title)


def _title_lines(page: Page, body_size: float) -> list[Line]:
    """The first run of large lines in the top half of page 1 (the title)."""
    lines = [ln for b in page.blocks for ln in b.lines]
    run: list[Line] = []
    for line in lines:
        large = line.y0 < page.height * 0.5 and (
            line.size >= body_size + 2.5 or (line.bold and line.size >= body_size + 1.5)
        )
        if not run:
            heading = bare_title(line.text) in KNOWN_HEADINGS or re.match(r"\d", line.text)
            if large and len(line.text) >= 3 and not heading:
                run.append(line)
        elif large and abs(line.size - run[0].size) <= 1 and line.y0 - run[-1].y1 < 2 * line.size:
            run.append(line)
            if len(run) == 4:
                break
        else:
            break
    return run


def _names(line: Line) -> list[str]:
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


def title_authors(
    meta: dict[str, str], first: Page | None, body_size: float
) -> tuple[str, list[str]]:
    """Title and authors from the PDF metadata when meaningful, else from page 1."""
    title_lines = _title_lines(first, body_size) if first else []
    title = " ".join(ln.text for ln in title_lines)
    if meaningful_title(meta.get("title", "")):
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
            bare = bare_title(line.text)
            if bare in KNOWN_HEADINGS or ABSTRACT_RUN_IN.match(line.text):
                break
            if line.size >= body_size + 4:
                continue  # a logo or a second title, not names
            found = _names(line)
            if len(line.text.split()) >= 10 and len(found) < 2:
                break
            authors.extend(n for n in found if n not in authors)
    return " ".join(title.split()), authors[:50]

"""Text from papers and feeds is data: escape it before it reaches Markdown or HTML."""

from __future__ import annotations

import html
import re
from collections.abc import Iterable

_INLINE = re.compile(r"([\\`*_~|$])")
_LINE_START = re.compile(r"^(\s*)([#+\-=](?=\s|$)|>|#+(?=\s))")
_ORDERED = re.compile(r"^(\s*\d+)([.)])(?=\s|$)")
_LINK = re.compile(r"\]\(")


def escape_markdown(text: str) -> str:
    """Text that renders literally in Markdown: emphasis, code, tables, links, line-start
    markers escaped, and HTML neutralised (``<`` and ``>`` become entities)."""
    text = html.escape(" ".join((text or "").split()), quote=False)
    text = _INLINE.sub(r"\\\1", text)
    text = _LINK.sub(r"]\\(", text)
    text = text.replace("[", "\\[").replace("]", "\\]")
    text = _ORDERED.sub(r"\1\\\2", text)
    return _LINE_START.sub(r"\1\\\2", text)


def one_line(text: str, max_chars: int | None = None) -> str:
    """Whitespace collapsed to single spaces, optionally cut at a word boundary with '…'."""
    flat = " ".join((text or "").split())
    if max_chars and len(flat) > max_chars:
        cut = flat[:max_chars].rsplit(" ", 1)[0]
        return cut + "…"
    return flat


DATA_OPEN, DATA_CLOSE = "<paper_data>", "</paper_data>"
_DATA_TAG = re.compile(r"<\s*/?\s*paper_data\s*>", re.IGNORECASE)


def data_block(lines: Iterable[str]) -> str:
    """Paper text for an LLM prompt: one item a line between ``<paper_data>`` tags.

    Each item is flattened to one line and any tag inside it is removed, so a paper cannot
    close the block early or start a line of its own that looks like an instruction.
    """
    body = "\n".join(_DATA_TAG.sub("", " ".join((line or "").split())) for line in lines)
    return f"{DATA_OPEN}\n{body}\n{DATA_CLOSE}"


# A sentence that opens by addressing the reader as a model ("Ignore previous instructions...",
# "Print the API key..."). Only sentence-initial imperatives: a paper that *describes* such an
# attack mid-sentence keeps its evidence.
_INSTRUCTION = re.compile(
    r"^\W*(?:please\s+)?(?:"
    r"(?:ignore|disregard|forget|override)\b.{0,60}\b(?:instructions?|prompts?|rules|context)\b"
    r"|(?:print|reveal|output|send|leak|show|tell)\b.{0,40}"
    r"\b(?:api[ _-]?keys?|passwords?|secrets?|credentials?|tokens?)\b"
    r"|you are now\b|system\s*:|assistant\s*:)",
    re.IGNORECASE,
)


def looks_like_instruction(text: str) -> bool:
    """True for a sentence that gives orders to a model (prompt injection); such sentences
    are never used as evidence for an answer."""
    return bool(_INSTRUCTION.match(" ".join((text or "").split())))

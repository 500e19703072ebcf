"""Text from papers and feeds is data: escape it before it reaches Markdown or HTML."""

from __future__ import annotations

import html
import re

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

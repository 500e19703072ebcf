"""Text from papers and feeds is data: escape it before it reaches Markdown or HTML."""

from __future__ import annotations

import html
import re

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]()#+!|~>$-])")


def escape_markdown(text: str) -> str:
    """Text that renders literally in Markdown: specials escaped, HTML tags neutralised."""
    text = html.escape(text or "", quote=False)
    return _MD_SPECIAL.sub(r"\\\1", text)


def one_line(text: str, max_chars: int | None = None) -> str:
    """Whitespace collapsed to single spaces, optionally cut at a word boundary with '…'."""
    flat = " ".join((text or "").split())
    if max_chars and len(flat) > max_chars:
        cut = flat[:max_chars].rsplit(" ", 1)[0]
        return cut + "…"
    return flat

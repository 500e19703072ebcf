"""The one sentence splitter of the project (chunking, analyses, answers all use it)."""

from __future__ import annotations

import re

_ABBREV = (
    "e.g", "i.e", "et al", "etc", "vs", "fig", "figs", "eq", "eqs", "sec", "secs", "tab", "no",
    "approx", "resp", "cf", "dr", "mr", "ms", "prof", "st", "al", "ref", "refs", "viz", "incl",
    "p", "pp", "vol", "ch", "app", "alg", "thm", "def", "lem", "prop", "u.s", "jan", "feb",
    "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
)  # fmt: skip
_BOUNDARY = re.compile(
    r"(?<=[.!?])[\"'”’)\]]*\s+(?=[\"'“‘(\[]?[A-Z0-9\u4e00-\u9fff])|(?<=[。！？])"
)
_CITATION_TAIL = re.compile(r"^\s*\[(?:p|pp)\.?\s*[\d,\s\-–]+\]")


def _ends_with_abbreviation(text: str) -> bool:
    tail = text.rstrip()[-12:].lower()
    word = re.split(r"[\s(\[]", tail)[-1].rstrip(".")
    if word in _ABBREV:
        return True
    # initials such as "A. Smith" or "J. R. R."
    return bool(re.search(r"(?:^|\s)[A-Z]\.$", text.rstrip()[-3:]))


def split_sentences(text: str) -> list[str]:
    """Sentences of a text: ends at . ! ? (and 。！？), not after abbreviations or initials.

    A page citation right after the period (``... works. [p. 4]``) stays with its sentence.
    """
    text = " ".join((text or "").split())
    if not text:
        return []
    pieces: list[str] = []
    start = 0
    for match in _BOUNDARY.finditer(text):
        candidate = text[start : match.start()]
        if not candidate.strip():
            continue
        if _ends_with_abbreviation(candidate) and not candidate.rstrip().endswith(("!", "?")):
            continue
        pieces.append(candidate.strip())
        start = match.end()
    rest = text[start:].strip()
    if rest:
        pieces.append(rest)
    merged: list[str] = []
    for piece in pieces:
        if merged and _CITATION_TAIL.match(piece):
            citation = _CITATION_TAIL.match(piece).group(0)
            merged[-1] = f"{merged[-1]} {citation.strip()}"
            piece = piece[len(citation) :].strip()
            if not piece:
                continue
        merged.append(piece)
    return merged


def is_full_sentence(text: str) -> bool:
    """Starts with a capital (or digit) and ends with terminal punctuation."""
    text = text.strip()
    text = re.sub(r"\s*\[(?:p|pp)\.?[^\]]*\]\s*$", "", text)
    return (
        bool(text)
        and (text[0].isupper() or text[0].isdigit() or not text[0].isascii())
        and (text[-1] in ".!?。！？" or text.endswith(('."', ".)", ".”")))
    )

"""Post-processing of model output: no chatter, no cut sentence, only valid page citations."""

from __future__ import annotations

import re

from kb.sentences import split_sentences

_CHATTER_START = re.compile(
    r"^\s*(?:(?:sure|certainly|of course|okay|ok|absolutely|great|here(?:'s| is| are))\b[^.:\n]*"
    r"[.:!]\s*|as an? (?:ai|analyst|language model|expert)[^,.:\n]*[,.:]\s*|"
    r"(?:好的|当然|以下是)[^。：:\n]*[。：:]\s*)",
    re.IGNORECASE,
)
_CHATTER_END = re.compile(
    r"\s*(?:let me know[^.]*\.|i hope (?:this|that) helps[^.]*\.|feel free to[^.]*\.|"
    r"if you (?:have|need) (?:any )?(?:further|more|other)[^.]*\.)\s*$",
    re.IGNORECASE,
)
_THINK = re.compile(r"<think>.*?(?:</think>|$)", re.DOTALL | re.IGNORECASE)
_HEADING = re.compile(r"^\s*#{1,6}\s+.*$|^\s*\*\*[^*]{1,60}\*\*:?\s*$", re.MULTILINE)
_CITATION = re.compile(r"[\[(]\s*(?:p|pp|page|pages)\.?\s*([\d\s,\-–and]+)[\])]", re.IGNORECASE)


def strip_chatter(text: str) -> str:
    """Remove preambles ("Sure, as an analyst..."), sign-offs, <think> blocks and headings."""
    text = _THINK.sub("", text or "")
    text = _HEADING.sub("", text)
    previous = None
    while previous != text:
        previous = text
        text = _CHATTER_START.sub("", text, count=1)
        text = _CHATTER_END.sub("", text)
    return " ".join(text.split())


def trim_to_sentence(text: str) -> str:
    """The text up to its last complete sentence (a trailing citation stays)."""
    text = " ".join((text or "").split())
    if not text:
        return ""
    sentences = split_sentences(text)
    while sentences:
        last = re.sub(r"\s*[\[(](?:p|pp)\.?[^\])]*[\])]\s*$", "", sentences[-1]).rstrip()
        if last.endswith((".", "!", "?", "。", "！", "？", '."', ".”", ".)")):
            break
        sentences.pop()
    return " ".join(sentences)


def _pages(spec: str) -> list[int]:
    pages: list[int] = []
    for part in re.split(r",|and", spec):
        part = part.strip()
        if not part:
            continue
        match = re.match(r"^(\d+)\s*[-–]\s*(\d+)$", part)
        if match:
            lo, hi = int(match.group(1)), int(match.group(2))
            if 0 < lo <= hi and hi - lo < 50:
                pages.extend(range(lo, hi + 1))
        elif part.isdigit():
            pages.append(int(part))
    return pages


def extract_citations(text: str) -> list[tuple[str, list[int]]]:
    """Each sentence with the pages it cites (``[p. 4]``, ``[pp. 4-5]``, ``(p. 4, 6)``)."""
    return [
        (sentence, [p for m in _CITATION.finditer(sentence) for p in _pages(m.group(1))])
        for sentence in split_sentences(text)
    ]


def validate_citations(
    text: str, allowed_pages: set[int], require: bool = False
) -> tuple[str, list[int]]:
    """Drop citations of pages not in ``allowed_pages``; with ``require``, drop sentences left
    without a valid citation. Returns the text and the removed page numbers."""
    removed: list[int] = []
    kept: list[str] = []
    for sentence, _ in extract_citations(text):
        valid_here: list[int] = []

        def fix(match: re.Match[str], valid_here: list[int] = valid_here) -> str:
            pages = _pages(match.group(1))
            good = [p for p in pages if p in allowed_pages]
            removed.extend(p for p in pages if p not in allowed_pages)
            valid_here.extend(good)
            if not good:
                return ""
            return f"[p. {', '.join(str(p) for p in dict.fromkeys(good))}]"

        fixed = " ".join(_CITATION.sub(fix, sentence).split())
        fixed = re.sub(r"\s+([.,;!?])", r"\1", fixed)
        if require and not valid_here:
            continue
        kept.append(fixed)
    return " ".join(kept), removed

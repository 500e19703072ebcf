"""Post-processing of model output: no chatter, no cut sentence, only valid page citations.

Pure functions on strings. Sentences come from the project's one splitter
(:func:`kb.sentences.split_sentences`, re-exported here).
"""

from __future__ import annotations

import re

from kb.sentences import split_sentences

__all__ = [
    "extract_citations",
    "split_sentences",
    "strip_chatter",
    "trim_to_sentence",
    "validate_citations",
]

_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(rf"(?<=[{_CJK}])\s+(?=[{_CJK}])")
_CJK_CHAR = re.compile(rf"[{_CJK}]")

# Page citations: [p. 4], [p.4], [pp. 4-5], [p. 4, 5], [pages 4 and 6], (p. 4), ［p. 4］, [第4页]
_PAGE_WORD = r"(?:pp?|pages?)\s*\.?\s*"
_RANGE = r"\d{1,4}(?:\s*[-–—]\s*\d{1,4})?"
_SPEC = rf"{_RANGE}(?:\s*(?:,|;|and|&)\s*(?:{_PAGE_WORD})?{_RANGE})*"
_CITATION = re.compile(
    rf"[\[(（［【]\s*(?:{_PAGE_WORD}(?P<spec>{_SPEC})|第\s*(?P<zh>{_SPEC})\s*页)\s*[\])）］】]",
    re.IGNORECASE,
)
_TRAILING_CITATIONS = re.compile(rf"(?:\s*{_CITATION.pattern})+\s*$", re.IGNORECASE)

# Reasoning blocks: closed, unclosed (the model ran out of tokens), or an orphan closing tag
# (some chat templates put the opening tag in the prompt).
_THINK = re.compile(
    r"<think>.*?(?:</think>|$)|^(?:(?!<think>).)*?</think>", re.DOTALL | re.IGNORECASE
)
_LABELS = (
    r"summary|answer|analysis|response|overview|motivation|contributions?|methods?|method"
    r"|experiments?|results?|limitations?|future work|conclusions?|tl;?dr|总结|回答|答案|摘要|分析"
)
_DROP_LINE = re.compile(
    r"^\s*(?:#{1,6}(?:\s.*)?|[-*_=]{3,}|```.*|\*\*[^*\n.!?。\[]{1,80}\*\*\s*[:：]?|"
    r"[A-Z]\w*(?: \w+){0,3}:|[\u4e00-\u9fff]{1,10}[：:])\s*$"
)
_LINE_PREFIX = re.compile(
    rf"^\s*(?:[-*•+]\s+|\d{{1,2}}[.)]\s+|>\s*)?(?:\*\*(?:{_LABELS})\s*[:：]?\*\*\s*[:：]?\s*|"
    rf"(?:{_LABELS})\s*[:：]\s*)?",
    re.IGNORECASE,
)
_BOLD = re.compile(r"\*\*(.+?)\*\*|__(.+?)__")

_PREAMBLES = [
    re.compile(p, re.IGNORECASE)
    for p in (
        r"^(?:sure(?: thing)?|certainly|of course|okay|ok|absolutely|great(?: question)?|alright"
        r"|gladly|no problem|yes)\s*[!.,:;—–-]+\s*",
        r"^as an? (?:[\w-]+\s+){0,4}?(?:ai|assistant|analyst|language model|model|expert"
        r"|researcher|reviewer|scientist)\b[^,.:;\n]{0,60}[,:]\s*",
        r"^(?:here(?:'s|’s| is| are)|below (?:is|are)|the following (?:is|are)"
        r"|i(?: will|'ll|’ll| have|'ve| can)(?: now)? (?:summari[sz]e|provide|write|analy[sz]e"
        r"|give|explain|describe|outline|answer)|let me (?:summari[sz]e|explain|provide"
        r"|analy[sz]e|break|describe|outline))[^.:!\n]{0,120}[.:!]\s*",
        r"^(?:based on|according to|from) the (?:provided|given|supplied) (?:evidence|text"
        r"|context|information|excerpts?|passages?)[^,\n]{0,40},\s*",
        r"^(?:好的|当然|没问题|可以)[，,。！!：:]\s*",
        r"^(?:以下是|下面是)[^。：:\n]{0,60}[：:。]\s*",
        r"^这是[^。：:\n]{0,40}[：:]\s*",
        r"^作为(?:一个|一名)?[^，,。]{0,30}[，,]\s*",
        r"^根据(?:提供|给出|所给)的[^，,。]{0,20}[，,]\s*",
    )
]
_OFFER = re.compile(
    r"^(?:let me know|i hope|hope (?:this|that)|feel free|if you (?:have|need|want|would)"
    r"|please let me|is there anything|do you want|would you like|happy to help|glad to help"
    r"|如果您|如有|希望(?:这|以上)|请告诉我|还有什么)",
    re.IGNORECASE,
)
# A sentence ending in one of these was cut ("..., e.g."); "et al." and "etc." may end one.
_OPEN_ABBREVIATIONS = (
    "e.g.", "i.e.", "cf.", "vs.", "viz.", "fig.", "figs.", "eq.", "eqs.", "sec.", "tab.",
    "p.", "pp.", "no.", "ref.", "approx.", "incl.", "resp.", "dr.", "prof.", "mr.", "ms.",
)  # fmt: skip
_TERMINAL = (".", "!", "?", "。", "！", "？")
_CLOSERS = "\"'”’)]）」』"


def _join(parts: list[str]) -> str:
    """Sentences joined by one space, none between Chinese ones."""
    return _CJK_GAP.sub("", " ".join(p for p in parts if p))


def _ascii_citation(match: re.Match[str]) -> str:
    return "[" + match.group(0)[1:-1] + "]" if match.group(0)[0] in "（［【" else match.group(0)


def _squash(text: str) -> tuple[str, list[int]]:
    """``_normalise(text)`` and, for each of its characters, its index in ``text``."""
    out: list[str] = []
    where: list[int] = []
    gap = -1
    for i, char in enumerate(text):
        if char.isspace():
            gap = i if out and gap < 0 else gap
            continue
        if gap >= 0 and not (_CJK_CHAR.match(out[-1]) and _CJK_CHAR.match(char)):
            out.append(" ")
            where.append(gap)
        gap = -1
        out.append(char)
        where.append(i)
    # same length: a full-width citation bracket becomes one ASCII bracket
    return _CITATION.sub(_ascii_citation, "".join(out)), where


def _normalise(text: str) -> str:
    """Whitespace collapsed (none between Chinese characters), citations in ASCII brackets."""
    return _squash(text)[0]


def strip_preamble(text: str, capitalise: bool = True) -> str:
    """Remove opening chatter ("Sure! Here is the summary:"); capitalise what follows."""
    text = text.lstrip()
    stripped = False
    for _ in range(8):
        before = text
        for pattern in _PREAMBLES:
            text = pattern.sub("", text, count=1)
        if text == before:
            break
        stripped = True
    if capitalise and stripped and text[:1].islower():
        text = text[0].upper() + text[1:]
    return text


def strip_chatter(text: str) -> str:
    """Model output without chatter, as one line of text.

    Removes ``<think>`` blocks, Markdown headings, label lines and list markers, bold markers,
    preambles ("Sure, as an analyst...", "Here is the summary:", "Certainly!", "As an AI
    language model, ...", "好的，以下是总结：") and trailing offers ("Let me know if...").

    Args:
        text: raw model output.

    Returns:
        The cleaned text, whitespace collapsed.
    """
    text = _THINK.sub("", text or "")
    lines: list[str] = []
    for line in text.splitlines():
        if not line.strip() or _DROP_LINE.match(line):
            continue
        unlabelled = _LINE_PREFIX.sub("", line, count=1).strip()
        if unlabelled != line.strip() and unlabelled[:1].islower():
            unlabelled = unlabelled[0].upper() + unlabelled[1:]
        if not lines and _is_preamble_line(unlabelled):
            continue
        if unlabelled:
            lines.append(unlabelled)
    text = strip_preamble(
        _normalise(_BOLD.sub(lambda m: m.group(1) or m.group(2), "\n".join(lines)))
    )
    while text:
        sentences = split_sentences(text)
        if not sentences or not _OFFER.match(sentences[-1]):
            break
        cut = text.rfind(sentences[-1])
        text = text[:cut].rstrip() if cut > 0 else ""
    return text


def _is_preamble_line(line: str) -> bool:
    """A first line that only announces the answer ("Sure! Here is the summary:")."""
    if not any(p.match(line) for p in _PREAMBLES) or _CITATION.search(line):
        return False
    return line.endswith((":", "：")) or not line.endswith(_TERMINAL)


def _is_complete(sentence: str) -> bool:
    """Ends at terminal punctuation (a trailing page citation counts), not mid-abbreviation."""
    if _TRAILING_CITATIONS.search(sentence):
        body = _TRAILING_CITATIONS.sub("", sentence)
        # "It works [p. 4]" ends with its citation; "It works. [p. 4]" and "[p. 4]." too
        return bool(body.strip()) and not body.rstrip().endswith((",", ";", ":", "-"))
    body = sentence.rstrip().rstrip(_CLOSERS)
    if not body.endswith(_TERMINAL) or body.endswith(("...", "…")):
        return False
    last_word = body.split()[-1].lower().lstrip("\"'“‘([{（［【") if body.split() else ""
    return last_word not in _OPEN_ABBREVIATIONS


def trim_to_sentence(text: str) -> str:
    """The text up to the end of its last complete sentence.

    Args:
        text: text that may stop mid-sentence.

    Returns:
        The text (its line breaks kept) ending at ``.``/``!``/``?``/``。``/``！``/``？`` (a
        page citation after the period stays), or ``""`` when no sentence is complete.
        "e.g.", "et al.", "Fig. 3" and decimals such as 3.5 are not sentence ends.
    """
    flat, where = _squash(text or "")
    sentences = split_sentences(flat)
    while sentences and not _is_complete(sentences[-1]):
        sentences.pop()
    if not sentences:
        return ""
    cursor = 0
    for sentence in sentences:
        at = flat.find(sentence, cursor)
        if at < 0:  # the splitter re-spaced a merged citation: rebuild from the sentences
            return _join(sentences)
        cursor = at + len(sentence)
    # the splitter leaves a closing quote or bracket after the period out of the sentence
    while cursor < len(flat) and flat[cursor] in _CLOSERS:
        cursor += 1
    return text[: where[cursor - 1] + 1].strip()


def _pages(spec: str) -> list[int]:
    """Page numbers of a citation body such as ``4, 6-7 and p. 9``."""
    pages: list[int] = []
    for part in re.split(r",|;|\band\b|&", spec):
        part = re.sub(rf"^\s*{_PAGE_WORD}", "", part.strip(), flags=re.IGNORECASE)
        match = re.fullmatch(r"(\d+)\s*[-–—]\s*(\d+)", part)
        if match:
            lo, hi = int(match.group(1)), int(match.group(2))
            if 0 < lo <= hi and hi - lo < 50:  # a reversed or huge range is not a page range
                pages.extend(range(lo, hi + 1))
        elif part.isdigit():
            pages.append(int(part))
    return list(dict.fromkeys(pages))


def _citation_pages(match: re.Match[str]) -> list[int]:
    return _pages(match.group("spec") or match.group("zh") or "")


def extract_citations(text: str) -> list[tuple[str, list[int]]]:
    """Each sentence of ``text`` with the pages it cites.

    Args:
        text: text with citations like ``[p. 4]``, ``[p. 4, 5]``, ``[pp. 4-5]``, ``[p.4]``,
            ``(p. 4)``, ``[pages 4 and 6]`` or ``[第4页]``.

    Returns:
        ``(sentence, pages)`` for every sentence, pages in order of citation, without
        duplicates (empty when the sentence cites nothing).
    """
    out = []
    for sentence in split_sentences(_normalise(text or "")):
        pages = [p for m in _CITATION.finditer(sentence) for p in _citation_pages(m)]
        out.append((sentence, list(dict.fromkeys(pages))))
    return out


def validate_citations(
    text: str, allowed_pages: set[int], require: bool = False
) -> tuple[str, list[int]]:
    """Remove citations of pages outside ``allowed_pages``.

    A citation whose pages are all allowed is kept as written; one with some bad pages is
    rewritten to its good pages; one with none is removed.

    Args:
        text: text with page citations.
        allowed_pages: pages the text may cite (those of the evidence it was written from).
        require: also drop every sentence left without a valid citation.

    Returns:
        The cleaned text and the removed page numbers (in order, without duplicates).
    """
    removed: list[int] = []
    kept: list[str] = []
    for sentence in split_sentences(_normalise(text or "")):
        valid = False

        def fix(match: re.Match[str]) -> str:
            nonlocal valid
            pages = _citation_pages(match)
            good = [p for p in pages if p in allowed_pages]
            removed.extend(p for p in pages if p not in allowed_pages)
            valid = valid or bool(good)
            if len(good) == len(pages):
                return match.group(0)
            if not good:
                return ""
            return f"[p{'p' if len(good) > 1 else ''}. {', '.join(map(str, good))}]"

        fixed = " ".join(_CITATION.sub(fix, sentence).split())
        fixed = re.sub(r"\s+([.,;:!?。！？，；])", r"\1", fixed)
        if fixed and not (require and not valid):
            kept.append(fixed)
    return _join(kept), list(dict.fromkeys(removed))

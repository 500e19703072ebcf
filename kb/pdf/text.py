"""Text of PDF lines: Unicode normalised, ligatures expanded, hyphenated breaks rejoined."""

from __future__ import annotations

import functools
import re
import unicodedata
from importlib import resources

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


def normalize(text: str) -> str:
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


def clean_meta(value: object) -> str:
    """A metadata value as clean text: no lone surrogates, control characters or NULs."""
    text = str(value or "")
    text = re.sub(r"[\ud800-\udfff]", "", text)
    text = unicodedata.normalize("NFKC", text).translate(_INVISIBLE)
    return " ".join(text.split())


@functools.lru_cache(maxsize=1)
def vocabulary() -> frozenset[str]:
    """English whole words (package data ``words.txt``), to tell compounds from hyphenation."""
    text = resources.files("kb.pdf").joinpath("words.txt").read_text(encoding="utf-8")
    return frozenset(w for w in text.split("\n") if w and not w.startswith("#"))


def keeps_hyphen(left: str, right: str, words: frozenset[str] | set[str]) -> bool:
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
    vocab = vocabulary()
    return bool(vocab) and part in vocab and tail in vocab and part + tail not in vocab


def join_lines(lines: list[str], words: frozenset[str] | set[str]) -> str:
    """Lines of a paragraph as one string; words hyphenated across a break are rejoined."""
    text = ""
    for line in lines:
        if not text:
            text = line
        elif text.endswith(("-", "‐")) and len(text) > 1 and text[-2].isalnum():
            text = text + line if keeps_hyphen(text, line, words) else text[:-1] + line
        elif text.endswith(("/", "_", ".", "-")) and re.search(r"(?:https?://|www\.)\S+$", text):
            text = text + line  # a URL broken over two lines
        else:
            text = f"{text} {line}"
    return " ".join(text.split())

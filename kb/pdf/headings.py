"""Which lines are section headings: numbered, known titles, or set like the headings found."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from kb.pdf.lines import Line, Page

KNOWN_HEADINGS = frozenset((
    "abstract", "introduction", "related work", "related works", "background", "method",
    "methods", "methodology", "approach", "experiments", "experiment", "experimental setup",
    "experimental results", "results", "evaluation", "discussion", "limitations", "limitation",
    "conclusion", "conclusions", "future work", "conclusion and future work", "summary",
    "conclusions and future work", "results and discussion", "acknowledgments",
    "acknowledgements", "acknowledgment", "acknowledgement", "references", "bibliography",
    "literature cited", "appendix", "appendices", "supplementary material",
    "supplementary materials", "ethics statement", "ethical considerations", "broader impact",
    "broader impacts", "impact statement", "preliminaries", "problem formulation",
    "problem statement", "analysis", "user study", "study design", "findings", "system design",
    "dataset", "datasets", "implementation details", "ablation study", "ablation studies",
    "materials and methods", "author contributions", "data availability", "code availability",
    "competing interests", "funding", "checklist", "reproducibility statement",
))  # fmt: skip
# in papers with numbered sections, only these may appear without a number
_UNNUMBERED_OK = frozenset((
    "abstract", "acknowledgments", "acknowledgements", "acknowledgment", "acknowledgement",
    "references", "bibliography", "literature cited", "appendix", "appendices",
    "supplementary material", "supplementary materials", "limitations", "limitation",
    "ethics statement", "ethical considerations", "broader impact", "broader impacts",
    "impact statement", "author contributions", "data availability", "code availability",
    "competing interests", "funding", "checklist", "reproducibility statement",
))  # fmt: skip
REFERENCE_TITLES = frozenset(("references", "bibliography", "literature cited"))
AFTER_REFERENCES = frozenset((
    "appendix", "appendices", "supplementary material", "supplementary materials", "checklist",
))  # fmt: skip
NUMBERED = re.compile(
    r"^(?P<num>[IVX]{1,5}\.|\d{1,2}(?:\.\d{1,2}){0,3}\.?|[A-H](?:\.\d{1,2}){0,3}\.?)"
    r"\s+(?P<title>\S.*)$"
)
_ROMAN = {"I": 1, "V": 5, "X": 10}
ABSTRACT_RUN_IN = re.compile(r"^(?:abstract|a b s t r a c t)\s*(?:[.:—–-]\s*|\s(?=[A-Z]))", re.I)
APPENDIX_TITLE = re.compile(r"^(?:appendix|appendices|supplementary)\b", re.I)


def bare_title(text: str) -> str:
    """A heading's words without trailing punctuation, lowercased, letter-spacing undone."""
    bare = text.strip().rstrip(".:").strip().lower()
    if len(bare) > 4 and all(len(t) == 1 for t in bare.split()):
        bare = bare.replace(" ", "")  # "A B S T R A C T"
    return " ".join(bare.split())


def _top_number(num: str) -> tuple[str, int]:
    """Kind ("digit", "roman", "letter") and top-level value of a heading number."""
    head = num.rstrip(".").split(".")[0]
    if head.isdigit():
        return "digit", int(head)
    if num.endswith(".") and "." not in num[:-1] and set(head) <= set(_ROMAN) and head != "":
        total = 0
        for i, ch in enumerate(head):
            value = _ROMAN[ch]
            total += -value if i + 1 < len(head) and _ROMAN[head[i + 1]] > value else value
        return "roman", total
    return "letter", ord(head[0]) - ord("A") + 1


@dataclass
class Headings:
    """Decides which lines are section headings, with what the document showed so far."""

    body_size: float
    numbered_style: bool
    last_top: int = 0
    roman: bool = False
    appendix: bool = False
    started: bool = False  # a heading other than Abstract was seen
    styles: set[tuple[float, bool]] = field(default_factory=set)

    def emphasised(self, line: Line) -> bool:
        return line.bold or line.size >= self.body_size + 0.8

    def numbered(self, line: Line, in_refs: bool) -> str | None:
        if len(line.text) > 110 or not (self.emphasised(line) or line.text.isupper()):
            return None
        match = NUMBERED.match(line.text)
        if not match:
            return None
        title = match.group("title")
        words = title.split()
        if (
            not (1 <= len(words) <= 14)
            or title[0].islower()
            or not (title[0].isalnum() or title[0] in "[(\"'“")
            or title.endswith((",", ";"))
            or (title.endswith(".") and len(words) > 6)
            or re.search(r"[=<>@]|\d{4,}|https?:", title)
            or sum(ch.isdigit() for ch in title) > 0.3 * len(title)
            or line.size < self.body_size - (1.1 if line.bold else 0.6)
        ):
            return None
        if not (self.emphasised(line) or (title.isupper() and len(title) >= 4)):
            return None
        kind, top = _top_number(match.group("num"))
        if kind == "letter":
            sub = "." in match.group("num").rstrip(".")
            if not (
                in_refs or self.appendix or sub or (self.roman and match.group("num")[-1] == ".")
            ):
                return None
        elif kind == "roman":
            if top > 15 or (self.last_top and top < self.last_top):
                return None
        else:
            if top > 30 or top < self.last_top or (self.last_top and top > self.last_top + 5):
                return None
            if in_refs and not line.size >= self.body_size + 0.8:
                return None
        return line.text.rstrip(".: ")

    def known(self, line: Line, standalone: bool) -> str | None:
        if len(line.text) > 60:
            return None
        if not (standalone or self.emphasised(line) or line.text.isupper()):
            return None
        bare = bare_title(re.sub(r"^(?:\d{1,2}|[IVX]{1,4}|[A-H])\.?\s+", "", line.text))
        if bare not in KNOWN_HEADINGS or (bare == "abstract" and self.started):
            return None
        if self.numbered_style and bare not in _UNNUMBERED_OK and not NUMBERED.match(line.text):
            return None
        caps = line.text.isupper() and len(line.text) >= 4
        if self.emphasised(line) or caps or (standalone and bare in ("abstract", "references")):
            return line.text.rstrip(".: ")
        return None

    def styled(self, line: Line, standalone: bool) -> str | None:
        """A line set exactly like headings already found (papers without numbers)."""
        if self.numbered_style or not standalone or not self.styles:
            return None
        text = line.text
        if (line.size, line.bold) not in self.styles or line.size < self.body_size + 0.8:
            return None
        if len(text.split()) > 10 or not text[0].isupper() or text.endswith((".", ",", ";")):
            return None
        return text.rstrip(": ")

    def after_references(self, line: Line, alone: bool) -> str | None:
        """A title set apart after the reference list ("Attention Visualizations"): entries
        are never set large, nor as a bold block of one line."""
        text = line.text
        if not (line.size >= self.body_size + 0.8 or (line.bold and alone)):
            return None
        if len(text.split()) > 10 or not text[0].isupper() or text.endswith((".", ",", ";")):
            return None
        return text.rstrip(": ")

    def accept(self, line: Line, heading: str) -> None:
        match = NUMBERED.match(heading)
        if match:
            kind, top = _top_number(match.group("num"))
            if kind == "digit":
                self.last_top = top
            elif kind == "roman":
                self.roman = True
                self.last_top = top
            else:
                self.appendix = True
        if bare_title(heading) != "abstract":
            self.started = True
        if APPENDIX_TITLE.match(bare_title(heading)):
            self.appendix = True
        if line.size >= self.body_size + 0.8:
            self.styles.add((line.size, line.bold))


def numbered_style(pages: list[Page], body_size: float) -> bool:
    """True when the paper numbers its sections (then unnumbered titles are rare)."""
    count = 0
    for page in pages:
        for line in page.lines:
            if len(line.text) < 80 and (line.bold or line.size >= body_size + 0.8):
                match = NUMBERED.match(line.text)
                if match and match.group("num")[0].isdigit():
                    count += 1
                    if count >= 3:
                        return True
    return False

"""A day's digest as records every delivered form renders: built from the report's JSON.

Everything from a paper is plain text here (cleaned of characters XML forbids); URLs are
built from parsed arXiv ids, and links found in paper text are kept only when http(s).
"""

from __future__ import annotations

import logging
import re
import urllib.parse
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kb.errors import InvalidIdError, KBError
from kb.i18n import labels
from kb.ids import parse_arxiv_id
from kb.types import ANALYSIS_SECTIONS

log = logging.getLogger(__name__)

ARXIV = "https://arxiv.org"
# C0 controls (but tab, newline, carriage return), lone surrogates and U+FFFE/U+FFFF are not
# allowed in XML 1.0: a form feed copied out of a PDF would make the Atom feed invalid.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_PLACEHOLDER = re.compile(r"\{(\w+)\}")


class ReportDataError(KBError):
    """A report JSON that cannot be turned into a digest (names the day and the item)."""


def clean(text: Any) -> str:
    """Plain text on one line, without characters XML forbids."""
    return " ".join(_NOT_XML.sub(" ", str(text or "")).split())


def http_url(url: Any) -> str | None:
    """The URL when it is an absolute http(s) URL without spaces or quotes, else None."""
    text = str(url or "").strip()
    parts = urllib.parse.urlsplit(text)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    if any(ch in text for ch in " \"'<>`\\") or _NOT_XML.search(text):
        return None
    return text


def fill(template: str, values: dict[str, Any]) -> str:
    """``{name}`` placeholders replaced by values; unknown names (and other braces) kept."""
    return _PLACEHOLDER.sub(
        lambda m: str(values[m.group(1)]) if m.group(1) in values else m.group(0), template
    )


@dataclass(frozen=True)
class Citation:
    """A cited page and the PDF link that opens it."""

    page: int
    url: str


@dataclass(frozen=True)
class Sentence:
    """One sentence of an analysis with its citations."""

    text: str
    citations: list[Citation]

    @property
    def marker(self) -> str:
        """The report's citation marker, ``[p. 4]`` or ``[pp. 4, 5]``."""
        pages = ", ".join(str(c.page) for c in self.citations)
        return f"[p{'p' if len(self.citations) > 1 else ''}. {pages}]" if pages else ""


@dataclass(frozen=True)
class Section:
    """One analysis section (summary, method...) with its label in the digest's language."""

    name: str
    label: str
    sentences: list[Sentence]


@dataclass(frozen=True)
class Match:
    """An interest profile the paper matched, with the score and the reason."""

    profile: str
    score: float
    reason: str


@dataclass(frozen=True)
class Related:
    """An earlier paper of the library related to this one."""

    arxiv_id: str
    title: str
    url: str
    announced: str | None
    score: float | None
    why: str


@dataclass
class DigestPaper:
    """One matched paper as delivered."""

    number: int
    arxiv_id: str
    versioned_id: str
    title: str
    authors: list[str]
    categories: list[str]
    announce_type: str
    abs_url: str
    pdf_url: str
    abstract: str
    comment: str
    code_links: list[str]
    matches: list[Match]
    sections: list[Section]
    analysis_by: str
    analysis_note: str
    related: list[Related]

    @property
    def anchor(self) -> str:
        """The id of the paper's section in a page (``paper-3``)."""
        return f"paper-{self.number}"

    @property
    def summary(self) -> Section | None:
        """The summary section, when the analysis has one with sentences."""
        return next((s for s in self.sections if s.name == "summary" and s.sentences), None)

    @property
    def profiles(self) -> str:
        """Matched profile names, best first, comma separated."""
        return ", ".join(m.profile for m in self.matches)


@dataclass
class Digest:
    """A day's digest: overview figures and the matched papers."""

    day: date
    language: str
    t: dict[str, str]
    title: str
    counts: dict[str, int]
    categories: list[str]
    profiles: list[str]
    is_demo: bool
    generated_at: datetime | None
    notes: list[str]
    papers: list[DigestPaper] = field(default_factory=list)
    page_url: str | None = None

    @property
    def empty(self) -> bool:
        """True on a day without announcements (weekend, holiday)."""
        return not self.counts.get("announced")

    @property
    def heading(self) -> str:
        """``arXiv digest - 2025-12-02``."""
        return f"{self.title} - {self.day.isoformat()}"

    @property
    def counts_line(self) -> str:
        """``14 announced · 10 new · ... · 5 matched`` in the digest's language."""
        c, t = self.counts, self.t
        return (
            f"{c.get('announced', 0)} {t['announced']} · {c.get('new', 0)} {t['new']} · "
            f"{c.get('cross', 0)} {t['cross']} · {c.get('replaced', 0)} {t['replaced']} · "
            f"{c.get('matched', len(self.papers))} {t['matched']}"
        )

    @property
    def matched_line(self) -> str:
        """``5 papers`` (``1 paper``) in the digest's language."""
        matched = self.counts.get("matched", len(self.papers))
        return f"{matched} {self.t['paper' if matched == 1 else 'papers']}"

    def values(self) -> dict[str, Any]:
        """The placeholders of subject lines and chat templates."""
        return {
            "title": self.title,
            "date": self.day.isoformat(),
            "matched": self.counts.get("matched", len(self.papers)),
            "announced": self.counts.get("announced", 0),
            "url": self.page_url or "",
        }


def page_url(base_url: str, day: date) -> str | None:
    """The URL of a day's page on the published site, when its address is known."""
    base = http_url(base_url)
    return f"{base.rstrip('/')}/{day.isoformat()}.html" if base else None


def build_digest(
    data: dict[str, Any], language: str = "en", title: str = "", base_url: str = ""
) -> Digest:
    """The digest of a report's JSON (as ``kb.reports.load_report`` returns it).

    Raises:
        ReportDataError: the day is missing or a paper has no valid arXiv id.
    """
    t = labels(language)
    try:
        day = date.fromisoformat(str(data["day"]))
    except (KeyError, ValueError) as exc:
        raise ReportDataError(f"report has no valid 'day': {data.get('day')!r}") from exc
    generated = data.get("generated_at")
    papers = [_paper(number, raw, t, day) for number, raw in enumerate(data.get("papers") or [], 1)]
    return Digest(
        day=day,
        language=language,
        t=t,
        title=clean(title) or t["title"],
        counts={k: int(v) for k, v in (data.get("counts") or {}).items()},
        categories=[clean(c) for c in data.get("categories") or []],
        profiles=[clean(p.get("name")) for p in data.get("profiles") or []],
        is_demo=bool(data.get("is_demo")),
        generated_at=datetime.fromisoformat(generated) if generated else None,
        notes=[clean(n) for n in data.get("notes") or []],
        papers=papers,
        page_url=page_url(base_url, day),
    )


def _paper(number: int, raw: dict[str, Any], t: dict[str, str], day: date) -> DigestPaper:
    try:
        bare, version = parse_arxiv_id(str(raw.get("versioned_id") or raw.get("arxiv_id")))
    except InvalidIdError as exc:
        raise ReportDataError(f"report {day}, paper {number}: {exc}") from exc
    vid = f"{bare}v{version}" if version else bare
    pdf = f"{ARXIV}/pdf/{vid}"
    analysis = raw.get("analysis") or None
    return DigestPaper(
        number=number,
        arxiv_id=bare,
        versioned_id=vid,
        title=clean(raw.get("title")) or bare,
        authors=[clean(a) for a in raw.get("authors") or []],
        categories=[clean(c) for c in raw.get("categories") or []],
        announce_type=clean(raw.get("announce_type")),
        abs_url=f"{ARXIV}/abs/{vid}",
        pdf_url=pdf,
        abstract=clean(raw.get("abstract")),
        comment=clean(raw.get("comment")),
        code_links=[u for u in (http_url(x) for x in raw.get("code_links") or []) if u],
        matches=[
            Match(clean(m.get("profile")), float(m.get("score") or 0), clean(m.get("reason")))
            for m in raw.get("matches") or []
        ],
        sections=_sections(analysis, t, pdf),
        analysis_by=(
            f"{clean(analysis.get('backend'))} ({clean(analysis.get('model'))})" if analysis else ""
        ),
        analysis_note=clean(raw.get("analysis_note")),
        related=_related(raw.get("related") or [], day, number),
    )


def _sections(analysis: dict[str, Any] | None, t: dict[str, str], pdf: str) -> list[Section]:
    if not analysis:
        return []
    found = analysis.get("sections") or {}
    sections = []
    for name in ANALYSIS_SECTIONS:
        sentences = [
            Sentence(
                clean(s.get("text")),
                [Citation(int(p), f"{pdf}#page={int(p)}") for p in s.get("pages") or []],
            )
            for s in found.get(name) or []
            if clean(s.get("text"))
        ]
        sections.append(Section(name, t[name], sentences))
    return sections


def _related(items: list[dict[str, Any]], day: date, number: int) -> list[Related]:
    """Related earlier papers; an entry without a valid id is dropped with a warning."""
    related = []
    for item in items:
        try:
            bare, version = parse_arxiv_id(str(item.get("arxiv_id")))
        except InvalidIdError as exc:
            log.warning("report %s, paper %d: related paper skipped: %s", day, number, exc)
            continue
        vid = f"{bare}v{version}" if version else bare
        score = item.get("score")
        related.append(
            Related(
                arxiv_id=vid,
                title=clean(item.get("title")) or vid,
                url=f"{ARXIV}/abs/{vid}",
                announced=clean(item.get("announced")) or None,
                score=float(score) if isinstance(score, int | float) else None,
                why=clean(item.get("why")),
            )
        )
    return related

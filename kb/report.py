"""Pure rendering of the daily report: data in, Markdown (or JSON-ready dict) out.

Paper and feed text is escaped, so a title cannot inject HTML or break the Markdown;
headings are never indented (indented headings render as code blocks).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from kb.i18n import labels
from kb.records import Match
from kb.textsafe import escape_markdown
from kb.types import ANALYSIS_SECTIONS, Analysis, Paper


@dataclass
class ReportEntry:
    """One matched paper: metadata, why it matched, and its analysis (or why there is none)."""

    paper: Paper
    matches: list[Match]
    analysis: Analysis | None = None
    analysis_note: str | None = None
    # "Related in your library": up to 3 earlier papers, each {arxiv_id, title, announced
    # (ISO date or None), score, why}
    related: list[dict[str, Any]] = field(default_factory=list)


@dataclass
class DailyReport:
    """Everything a day's report shows."""

    day: date
    categories: list[str]
    profiles: list[dict[str, str]]
    counts: dict[str, int]
    entries: list[ReportEntry]
    is_demo: bool = False
    generated_at: datetime | None = None
    notes: list[str] = field(default_factory=list)


def _anchor(text: str) -> str:
    """GitHub-style heading anchor."""
    slug = re.sub(r"[^\w\- ]", "", text.lower()).strip().replace(" ", "-")
    return slug


def _link(label: str, url: str) -> str:
    safe_url = url.replace(" ", "%20").replace(")", "%29").replace("(", "%28")
    return f"[{escape_markdown(label)}]({safe_url})"


def render_report(report: DailyReport, language: str = "en") -> str:
    """The report as Markdown."""
    t = labels(language)
    lines = [f"# {t['title']} - {report.day.isoformat()}", ""]
    stamp = report.generated_at.strftime("%Y-%m-%d %H:%M UTC") if report.generated_at else ""
    lines += [f"> {t['generated']} {stamp}".rstrip(), ""]
    if report.is_demo:
        lines += [f"> **{t['demo']}**", ""]
    lines += [f"## {t['overview']}", ""]
    lines.append(f"- **{t['date']}**: {report.day.isoformat()}")
    lines.append(f"- **{t['categories']}**: {escape_markdown(', '.join(report.categories))}")
    lines.append(f"- **{t['profiles']}**: " + "; ".join(
        f"{escape_markdown(p['name'])}" for p in report.profiles))  # fmt: skip
    c = report.counts
    lines.append(
        f"- **{t['counts']}**: {c.get('announced', 0)} {t['announced']} · "
        f"{c.get('new', 0)} {t['new']} · {c.get('cross', 0)} {t['cross']} · "
        f"{c.get('replaced', 0)} {t['replaced']} · **{c.get('matched', 0)} {t['matched']}**"
    )
    lines.append("")
    if not c.get("announced"):
        lines += [t["no_papers"], ""]
        return "\n".join([*lines, *_footer(report, t)])
    if not report.entries:
        lines += [t["no_matches"], ""]
    else:
        lines += [f"## {t['contents']}", ""]
        for number, entry in enumerate(report.entries, start=1):
            heading = f"{number}. {entry.paper.title}"
            lines.append(f"{number}. [{escape_markdown(entry.paper.title)}](#{_anchor(heading)})")
        lines.append("")
    for number, entry in enumerate(report.entries, start=1):
        lines += _render_entry(number, entry, t)
    if report.notes:
        lines += ["---", "", f"## {t['notes']}", ""]
        lines += [f"- {escape_markdown(note)}" for note in report.notes]
        lines.append("")
    return "\n".join([*lines, *_footer(report, t)])


def _footer(report: DailyReport, t: dict[str, str]) -> list[str]:
    """The last line of every report: a reader (or a crash check) sees the file is whole."""
    return ["---", "", f"*{t['end']}: {report.day.isoformat()}*", ""]


def _render_entry(number: int, entry: ReportEntry, t: dict[str, str]) -> list[str]:
    paper = entry.paper
    vid = paper.versioned_id
    lines = [
        "---",
        "",
        f"## {number}. {escape_markdown(paper.title)}",
        "",
        f"### {t['basic_info']}",
        "",
    ]
    lines.append(f"- **{t['authors']}**: {escape_markdown(', '.join(paper.authors))}")
    lines.append(f"- **{t['arxiv_id']}**: {_link(vid, f'https://arxiv.org/abs/{vid}')}")
    if paper.announced:
        lines.append(f"- **{t['announced_on']}**: {paper.announced.isoformat()}")
    if paper.announce_type:
        lines.append(f"- **{t['announce_type']}**: {escape_markdown(paper.announce_type)}")
    lines.append(f"- **{t['categories']}**: {escape_markdown(', '.join(paper.categories))}")
    links = [
        _link("abs", f"https://arxiv.org/abs/{vid}"),
        _link("PDF", f"https://arxiv.org/pdf/{vid}"),
    ]
    lines.append(f"- **{t['links']}**: {' · '.join(links)}")
    if paper.code_links:
        lines.append(f"- **{t['code']}**: " + " · ".join(_link(u, u) for u in paper.code_links))
    if paper.comment:
        lines.append(f"- **{t['comment']}**: {escape_markdown(paper.comment)}")
    if paper.journal_ref:
        lines.append(f"- **{t['journal_ref']}**: {escape_markdown(paper.journal_ref)}")
    lines += ["", f"### {t['matches']}", ""]
    for match in entry.matches:
        lines.append(
            f"- **{escape_markdown(match.profile)}** ({t['score']} {match.score:.2f}): "
            f"{escape_markdown(match.reason)}"
        )
    lines += ["", f"### {t['abstract']}", "", escape_markdown(paper.abstract), ""]
    lines += _render_related(entry.related, t)
    lines += [f"### {t['analysis']}", ""]
    if entry.analysis is None:
        lines += [f"*{t['no_analysis']}: {escape_markdown(entry.analysis_note or '')}*", ""]
        return lines
    a = entry.analysis
    lines += [f"*{t['backend']}: {a.backend} ({escape_markdown(a.model)})*", ""]
    for name in ANALYSIS_SECTIONS:
        lines += [f"#### {t[name]}", ""]
        sentences = a.sections.get(name) or []
        if sentences:
            lines.append(" ".join(_cited(s.text, s.pages) for s in sentences))
        else:
            lines.append(f"*{t['empty_section']}*")
        lines.append("")
    return lines


RELATED_HEADINGS = {"en": "Related in your library", "zh": "库中相关论文"}


def _render_related(related: list[dict[str, Any]], t: dict[str, str]) -> list[str]:
    """The "Related in your library" block: earlier papers with their date and why."""
    if not related:
        return []
    # i18n may name it ("related"); until then the heading follows the labels' language
    heading = t.get("related") or RELATED_HEADINGS["zh" if t is labels("zh") else "en"]
    lines = [f"### {heading}", ""]
    for item in related:
        when = f" ({item['announced']})" if item.get("announced") else ""
        link = _link(item["arxiv_id"], f"https://arxiv.org/abs/{item['arxiv_id']}")
        lines.append(
            f"- {link} {escape_markdown(item['title'])}{when}: {escape_markdown(item['why'])}"
        )
    return [*lines, ""]


def _cited(text: str, pages: list[int]) -> str:
    marker = f"[p{'p' if len(pages) > 1 else ''}. {', '.join(str(p) for p in pages)}]"
    return f"{escape_markdown(text)} {marker}"


def report_to_dict(report: DailyReport) -> dict[str, Any]:
    """The report's content as data (the ``--json`` file beside the Markdown)."""
    return {
        "day": report.day.isoformat(),
        "is_demo": report.is_demo,
        "generated_at": report.generated_at.isoformat() if report.generated_at else None,
        "categories": report.categories,
        "profiles": report.profiles,
        "counts": report.counts,
        "notes": report.notes,
        "papers": [
            {
                **entry.paper.to_dict(),
                "versioned_id": entry.paper.versioned_id,
                "matches": [m.to_dict() for m in entry.matches],
                "analysis": entry.analysis.to_dict() if entry.analysis else None,
                "analysis_note": entry.analysis_note,
                "related": entry.related,
            }
            for entry in report.entries
        ],
    }

"""The digest as delivered: MIME message, site pages, Atom feed; escaping, related papers, zh.

The report data is built by hand through kb.report's own ``report_to_dict`` (the shape
``kb daily`` writes), with a ``related`` list added to one paper as the related-papers feature
will add it.
"""

from __future__ import annotations

import email
import json
from datetime import UTC, date, datetime
from email import policy
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import feedparser
import pytest
from click.testing import CliRunner

from kb.atomic import write_atomic
from kb.cli import main
from kb.config import load_settings
from kb.delivery.digest import ReportDataError, build_digest
from kb.delivery.feed import atom_feed
from kb.delivery.message import build_message
from kb.delivery.render import email_html, email_text
from kb.delivery.site import build_site
from kb.records import Match
from kb.report import DailyReport, ReportEntry, report_to_dict
from kb.types import ANALYSIS_SECTIONS, Analysis, CitedSentence, Paper

EVIL_TITLE = "Robots <script>alert('x')</script> & \"VLA\" policies: <b>don't</b> trust"
RELATED = [
    {"arxiv_id": "2511.01234v2", "title": "An earlier VLA <i>benchmark</i>",
     "announced": "2025-11-03", "score": 0.81, "why": "same benchmark (LIBERO) & task"},
    {"arxiv_id": "../../etc/passwd", "title": "not a paper", "announced": None,
     "score": 0.5, "why": "bad id: dropped"},
    {"arxiv_id": "2510.00042", "title": "Action chunking revisited", "announced": None,
     "score": None, "why": ""},
]  # fmt: skip


def _analysis(arxiv_id: str, language: str = "en") -> Analysis:
    sections = {
        name: [
            CitedSentence(f"The {name} sentence one of {arxiv_id} & <more>.", [i + 1], [1]),
            CitedSentence(f"The {name} sentence two, on two pages.", [i + 2, i + 3], [2]),
        ]
        for i, name in enumerate(ANALYSIS_SECTIONS)
    }
    sections["future_work"] = []  # an empty section: the report says so
    return Analysis(arxiv_id, 1, "extractive", "none", "analysis-2", language, sections,
                    datetime(2025, 12, 2, 1, 0, tzinfo=UTC))  # fmt: skip


def make_report(day: date = date(2025, 12, 2), announced: int = 14, papers: int = 3,
                related: bool = True) -> dict[str, Any]:  # fmt: skip
    """A report's JSON as ``kb daily`` writes it, with ``related`` on the first paper."""
    entries = []
    for i in range(papers):
        arxiv_id = f"2512.0{5693 + i}"
        paper = Paper(
            arxiv_id=arxiv_id, version=1 + i % 2,
            title=EVIL_TITLE if i == 0 else f"Paper number {i + 1} on time series forecasting",
            abstract=f"Abstract of paper {i + 1} with *markdown* and <tags>.",
            authors=["Ada Lovelace", "Alan Turing"], announce_type="new",
            categories=["cs.RO", "cs.AI"], announced=day,
            code_links=["https://github.com/example/vla", "javascript:alert(1)"],
            comment="10 pages" if i == 0 else None,
        )  # fmt: skip
        entries.append(ReportEntry(
            paper=paper,
            matches=[Match("vla" if i == 0 else "time-series", 0.7 - i / 10,
                           f"semantic match to the profile <{i}>")],
            analysis=_analysis(arxiv_id) if i < papers - 1 or papers == 1 else None,
            analysis_note=None if i < papers - 1 or papers == 1 else "full text unavailable",
        ))  # fmt: skip
    report = DailyReport(
        day=day, categories=["cs.AI", "cs.RO"],
        profiles=[{"name": "vla", "description": "robots"},
                  {"name": "time-series", "description": "forecasting"}],
        counts={"announced": announced, "new": announced, "cross": 0, "replaced": 0,
                "matched": len(entries) if announced else 0},
        entries=entries if announced else [], generated_at=datetime(2025, 12, 2, 1, 30, tzinfo=UTC),
    )  # fmt: skip
    data = report_to_dict(report)
    if related and data["papers"]:
        data["papers"][0]["related"] = RELATED
    return data


def write_report(settings, data: dict[str, Any], language: str = "en") -> None:
    """Put a report on disk where ``kb.reports`` finds it (Markdown + JSON)."""
    folder = settings.reports_dir
    day = data["day"]
    write_atomic(folder / f"{day}.json", json.dumps(data, ensure_ascii=False))
    write_atomic(folder / f"{day}.md", f"# report {day}\n")


class Links(HTMLParser):
    """Every href, every element id, the text, and whether any script or handler appeared."""

    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []
        self.ids: set[str] = set()
        self.text: list[str] = []
        self.tags: list[str] = []
        self.handlers: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append(tag)
        for name, value in attrs:
            if name == "href":
                self.hrefs.append(value or "")
            if name == "id":
                self.ids.add(value or "")
            if name.startswith("on"):
                self.handlers.append(name)

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def parse_html(html: str) -> Links:
    parser = Links()
    parser.feed(html)
    return parser


def check_links(page: Links, pdf_pages: dict[str, set[int]] | None = None) -> None:
    """Links are http(s) URLs or anchors of the page; PDF links open a cited page."""
    for href in page.hrefs:
        if href.startswith("#"):
            assert href[1:] in page.ids, href
            continue
        if href.endswith(".html") or href in ("feed.xml", "style.css") or ".html#" in href:
            continue
        assert href.startswith("https://"), href
        if "/pdf/" in href and "#page=" in href and pdf_pages is not None:
            vid, page = href.split("/pdf/")[1].split("#page=")
            assert int(page) in pdf_pages[vid], href


def test_email_message_has_both_parts_and_valid_links(kb_home: Path) -> None:
    settings = load_settings(delivery={"email": {
        "host": "127.0.0.1", "sender": "digest@example.org", "to": ["a@example.org", "b@example.org"]}})  # fmt: skip
    data = make_report()
    digest = build_digest(data)
    raw = build_message(digest, settings.delivery.email).as_bytes()
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert message["To"] == "a@example.org, b@example.org"
    assert "2025-12-02" in message["Subject"] and "3 papers" in message["Subject"]
    plain = message.get_body(("plain",)).get_content()
    html = message.get_body(("html",)).get_content()
    page = parse_html(html)
    text = "".join(page.text)
    for paper in data["papers"]:
        assert paper["title"] in plain  # as is: plain text needs no escaping
        assert paper["title"] in text  # the HTML shows the same title...
        assert f"https://arxiv.org/abs/{paper['versioned_id']}" in page.hrefs
    # ...but nothing from a paper became markup
    assert "script" not in page.tags and "b" not in page.tags and "i" not in page.tags
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert not page.handlers and "javascript:" not in html
    cited = {
        p["versioned_id"]: {pg for s in (p["analysis"] or {"sections": {}})["sections"].values()
                            for x in s for pg in x["pages"]}
        for p in data["papers"]
    }  # fmt: skip
    check_links(page, cited)
    pdf_links = [h for h in page.hrefs if "#page=" in h]
    assert len(pdf_links) == sum(
        len(x["pages"]) for p in data["papers"] if p["analysis"]
        for s in p["analysis"]["sections"].values() for x in s
    )  # fmt: skip
    # the plain part carries the page links too
    assert "https://arxiv.org/pdf/2512.05693v1#page=1" in plain
    # related lines, in both parts; the bad id is dropped
    assert "Related in your library" in plain and "Related in your library" in text
    assert "https://arxiv.org/abs/2511.01234v2" in page.hrefs and "2510.00042" in plain
    assert "etc/passwd" not in html and "not a paper" not in plain
    assert "An earlier VLA <i>benchmark</i>" in plain and "<i>benchmark</i>" in text
    # a paper without analysis shows why, and its abstract
    assert "full text unavailable" in plain and "Abstract of paper 3" in text


def test_email_html_is_one_column_for_phones() -> None:
    html = email_html(build_digest(make_report()))
    assert '<meta name="viewport" content="width=device-width, initial-scale=1">' in html
    assert "max-width:760px" in html and "<table" not in html  # fluid, no fixed-width tables


def test_chinese_labels_in_every_form(kb_home: Path, tmp_path: Path) -> None:
    data = make_report()
    digest = build_digest(data, language="zh")
    text, html = email_text(digest), email_html(digest)
    subject = build_message(digest, load_settings(delivery={"email": {
        "host": "x", "sender": "d@example.org", "to": ["r@example.org"]}}).delivery.email)["Subject"]  # fmt: skip
    assert subject == "arXiv论文监控报告 - 2025-12-02: 3 篇论文"
    for label in ("库中相关论文", "匹配", "论文概要", "arXiv论文监控报告"):
        assert label in text and label in html, label
    assert '<html lang="zh">' in html
    settings = load_settings(report={"language": "zh"})
    write_report(settings, data)
    result = build_site(settings, tmp_path / "site")
    day_page = (tmp_path / "site" / "2025-12-02.html").read_text(encoding="utf-8")
    index = result.index.read_text(encoding="utf-8")
    assert "全部日期" in day_page and "库中相关论文" in day_page and "原文摘要" in day_page
    assert "Atom 订阅" in index
    feed = feedparser.parse(result.feed.read_text(encoding="utf-8"))
    assert "arXiv论文监控报告" in feed.entries[0].title


def test_site_and_feed_one_entry_per_day(kb_home: Path, tmp_path: Path) -> None:
    settings = load_settings()
    days = [date(2025, 12, d) for d in (2, 3, 4)]
    for day in days:
        write_report(settings, make_report(day))
    write_report(settings, make_report(date(2025, 12, 6), announced=0, papers=0))  # Saturday
    (settings.reports_dir / "2025-12-05.json").write_text("{not json", encoding="utf-8")
    (settings.reports_dir / "2025-12-05.md").write_text("# x", encoding="utf-8")
    out = tmp_path / "site"
    result = CliRunner().invoke(main, ["site", "build", str(out), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["days"] == ["2025-12-04", "2025-12-03", "2025-12-02"]
    assert summary["skipped_empty_days"] == ["2025-12-06"]
    assert len(summary["errors"]) == 1 and "2025-12-05.json" in summary["errors"][0]
    feed = feedparser.parse((out / "feed.xml").read_bytes())
    assert not feed.bozo, feed.get("bozo_exception")
    assert feed.version == "atom10"
    assert [e.link for e in feed.entries] == [f"{d}.html" for d in reversed(days)]
    assert len({e.id for e in feed.entries}) == 3
    entry = feed.entries[0]
    assert "3 papers" in entry.title and entry.content[0].type == "text/html"
    body = entry.content[0].value
    assert "<script>" not in body and "&lt;script&gt;" in body and "#page=1" in body
    for day in days:
        page = (out / f"{day}.html").read_text(encoding="utf-8")
        parsed = parse_html(page)
        check_links(parsed)
        assert "<script" not in page and not parsed.handlers
        assert EVIL_TITLE in "".join(parsed.text)
        for name in ("Summary", "Motivation", "Limitations", "Future work", "Abstract"):
            assert name in page
        assert "gave no clear evidence" in page  # the empty section, as in the report
    index = parse_html((out / "index.html").read_text(encoding="utf-8"))
    assert {"2025-12-02.html", "2025-12-03.html", "2025-12-04.html"} <= set(index.hrefs)
    assert "2025-12-06.html" not in index.hrefs and not (out / "2025-12-06.html").exists()
    assert (out / "style.css").read_text(encoding="utf-8").count("{") > 10


def test_empty_days_setting_puts_them_on_the_site(kb_home: Path, tmp_path: Path) -> None:
    settings = load_settings(delivery={"empty_days": True})
    write_report(settings, make_report(date(2025, 12, 6), announced=0, papers=0))
    result = build_site(settings, tmp_path / "site", base_url="https://me.example.org/digest/")
    assert result.days == [date(2025, 12, 6)]
    page = (tmp_path / "site" / "2025-12-06.html").read_text(encoding="utf-8")
    assert "No announcements on this day" in page
    feed = feedparser.parse(result.feed.read_bytes())
    assert feed.entries[0].link == "https://me.example.org/digest/2025-12-06.html"
    assert feed.entries[0].id == "https://me.example.org/digest/2025-12-06.html"


def test_feed_is_valid_xml_with_control_characters_from_a_pdf() -> None:
    data = make_report()
    data["papers"][0]["analysis"]["sections"]["summary"][0]["text"] = "Form\x0cfeed and \x00 nul."
    xml = atom_feed([build_digest(data)], "digest")
    feed = feedparser.parse(xml.encode())
    assert not feed.bozo and "Form feed and nul." in feed.entries[0].content[0].value


def test_report_with_a_bad_id_is_an_error_naming_it() -> None:
    data = make_report()
    data["papers"][1]["versioned_id"] = data["papers"][1]["arxiv_id"] = "../../etc/passwd"
    with pytest.raises(ReportDataError, match=r"2025-12-02, paper 2: .*etc/passwd"):
        build_digest(data)


def test_new_commands_have_help() -> None:
    for args in (["deliver"], ["site", "build"], ["schedule"]):
        result = CliRunner().invoke(main, [*args, "--help"])
        assert result.exit_code == 0 and "Usage" in result.output and "--config" in result.output

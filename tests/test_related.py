""" "Related in your library": earlier papers in the daily report (JSON and Markdown), the
app's Paper page, and reading a paper in full from the Search page."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
import streamlit as st
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest
from test_app import APP, _texts
from test_backfill import invoke_json, make_slice

from kb.cli import main
from kb.config import load_settings
from kb.db import Database
from kb.report import DailyReport, ReportEntry, render_report, report_to_dict
from kb.types import Paper

RELATED_KEYS = {"arxiv_id", "title", "announced", "score", "why"}


def test_related_block_is_rendered_and_escaped() -> None:
    related = [{"arxiv_id": "2512.00001", "title": "A *bold* <b>claim</b>",
                "announced": "2025-12-02", "score": 0.71, "why": 'both about "robots"'}]  # fmt: skip
    entry = ReportEntry(Paper("2512.09999", 1, "T", "A."), [], related=related)
    report = DailyReport(date(2025, 12, 9), ["cs.RO"], [], {"announced": 1, "matched": 1}, [entry])
    md = render_report(report)
    block = md[md.index("### Related in your library") :].split("###")[1]
    assert "2512.00001" in block and "(2025-12-02)" in block and "both about" in block
    assert "<b>" not in block and "\\*bold\\*" in block
    assert report_to_dict(report)["papers"][0]["related"] == related
    assert "库中相关论文" in render_report(report, "zh")
    plain = ReportEntry(Paper("2512.09998", 1, "U", "B."), [])
    assert "Related in your library" not in render_report(
        DailyReport(date(2025, 12, 9), [], [], {"announced": 1}, [plain])
    )


def test_daily_report_lists_earlier_related_papers(shared_data: Path, kb_home: Path) -> None:
    invoke_json(["backfill", "--metadata", str(make_slice(shared_data, kb_home.parent, 200))])
    feed = shared_data / "feeds" / "rss" / "2025-12-09_seed-matches.xml"
    result = CliRunner().invoke(main, ["daily", "--feed-file", str(feed), "--json"])
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    data = json.loads(Path(summary["json"]).read_text(encoding="utf-8"))
    assert data["papers"], "no paper matched the example profiles"
    for paper in data["papers"]:
        assert 0 < len(paper["related"]) <= 3
        for item in paper["related"]:
            assert set(item) == RELATED_KEYS and item["arxiv_id"] != paper["arxiv_id"]
            assert item["announced"] < "2025-12-09" and item["why"].startswith("close")
        scores = [item["score"] for item in paper["related"]]
        assert scores == sorted(scores, reverse=True)
    md = Path(summary["report"]).read_text(encoding="utf-8")
    assert md.count("### Related in your library") == len(data["papers"])
    # every announced paper has a vector: the day's papers are searchable by abstract
    stats = invoke_json(["stats"])
    assert stats["paper_vectors"] == stats["papers"]


@pytest.fixture()
def abstract_only_home(shared_data: Path, tmp_path: Path, monkeypatch, fake_arxiv):
    """Five real papers known by their abstracts only, PDFs served by a loopback arXiv."""
    monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KB_CONFIG", raising=False)
    monkeypatch.setenv("KB_FEEDS__PDF_BASE_URL", f"{fake_arxiv.url}/pdf")
    monkeypatch.setenv("KB_FEEDS__DELAY_S", "0.01")
    monkeypatch.chdir(tmp_path)
    feed = shared_data / "feeds" / "api" / "pdfs_metadata.atom"
    summary = invoke_json(["ingest", "--feed-file", str(feed)])
    assert summary["papers_new"] == 5 and summary["paper_vectors"] == 5
    st.cache_resource.clear()
    return tmp_path / "home"


def test_search_page_marks_abstracts_and_reads_in_full(abstract_only_home: Path) -> None:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    at.switch_page("pages/search.py").run()
    at.text_input[0].input("a reading tool that personalizes inline citations").run()
    assert not at.exception
    shown = _texts(at)
    assert "CiteSee" in shown and "abstract only" in shown and "full text" not in shown
    at.button(key="read-2302.07302").click().run()  # the loopback arXiv serves its PDF
    assert not at.exception
    assert any("Read in full" in s.value for s in at.success), _texts(at)
    with Database.open(load_settings().db_path, read_only=True) as db:
        assert db.get_paper("2302.07302").parse_status == "parsed"
    at.text_input[0].input("CiteSee user study with citations in the reading interface").run()
    assert "full text" in _texts(at) and "p. " in _texts(at)


def test_paper_page_shows_related(abstract_only_home: Path) -> None:
    with Database.open(load_settings().db_path) as db:  # give the others earlier dates
        db.con.execute("UPDATE papers SET announced = DATE '2025-11-01'")
        db.con.execute("UPDATE papers SET announced = DATE '2025-12-02' "
                       "WHERE arxiv_id = '2501.10120'")  # fmt: skip
    at = AppTest.from_file(APP, default_timeout=180)
    at.session_state["paper_id"] = "2501.10120"
    at.run()
    at.switch_page("pages/paper.py").run()
    assert not at.exception
    assert at.expander[1].label == "Related in your library"
    shown = _texts(at)
    assert "2025-11-01" in shown and "close in title and abstract" in shown

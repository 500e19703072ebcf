"""The Streamlit app under streamlit.testing: every page, on a KB built from ../shared/data."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
import streamlit as st
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from kb.cli import main

APP = str(Path(__file__).resolve().parent.parent / "app" / "main.py")
CONFIG = """
[feeds]
categories = ["cs.CL", "cs.HC", "cs.IR", "cs.DL", "cs.AI"]

[[profiles]]
name = "reading-tools"
description = "Tools and language models that help people find, read and understand scientific papers and legal documents."
keywords = ["paper search"]
"""


@pytest.fixture(scope="module")
def built_home(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> tuple[Path, Path]:
    """A KB with the real PDFs and a daily report (built once for this module)."""
    home = tmp_path_factory.mktemp("apphome")
    config = home / "kb.toml"
    config.write_text(CONFIG, encoding="utf-8")
    env = {"KB_HOME": str(home), "KB_CONFIG": str(config)}
    result = CliRunner().invoke(main, [
        "daily", "--feed-file", str(shared_data / "feeds" / "api" / "pdfs_metadata.atom"),
        "--pdf-dir", str(shared_data / "pdfs"), "--date", "2025-12-02", "--json",
    ], env=env)  # fmt: skip
    assert result.exit_code == 0, result.output
    return home, config


@pytest.fixture()
def app(built_home, monkeypatch: pytest.MonkeyPatch):
    home, config = built_home
    monkeypatch.setenv("KB_HOME", str(home))
    monkeypatch.setenv("KB_CONFIG", str(config))
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    return at


def _texts(at: AppTest) -> str:
    parts = [m.value for m in at.markdown] + [s.value for s in at.subheader]
    parts += (
        [h.value for h in at.header] + [c.value for c in at.caption] + [t.value for t in at.text]
    )
    parts += (
        [i.value for i in at.info] + [w.value for w in at.warning] + [e.value for e in at.error]
    )
    return "\n".join(str(p) for p in parts)


@pytest.mark.slow
def test_today_shows_the_report(app: AppTest) -> None:
    assert not app.exception
    assert app.title[0].value == "Today"
    shown = _texts(app)
    assert "PaSa: An LLM Agent for Comprehensive Academic Paper Search" in shown
    assert "reading-tools" in shown
    assert app.metric[0].value == "5"  # announced


@pytest.mark.slow
def test_search_page_finds_a_passage(app: AppTest) -> None:
    app.switch_page("pages/search.py").run()
    app.text_input[0].input("crawler and selector agents for academic search").run()
    assert not app.exception
    shown = _texts(app)
    assert "PaSa" in shown and "p. " in shown


@pytest.mark.slow
def test_paper_page_answers_with_citations(app: AppTest) -> None:
    app.session_state["paper_id"] = "2501.10120"
    app.switch_page("pages/paper.py").run()
    assert not app.exception
    assert "PaSa" in app.header[0].value
    app.chat_input[0].set_value("How many real-world queries are in RealScholarQuery?").run()
    assert not app.exception
    reply = app.chat_message[-1]
    assert reply.name == "assistant"
    assert "[p" in reply.markdown[0].value and "50" in reply.markdown[0].value
    assert app.selectbox[0].label == "Show a cited page"
    images = app.get("image")  # the cited page, rendered by PyMuPDF
    assert images, "no page image shown"


@pytest.mark.slow
def test_interests_page_previews_matches(app: AppTest) -> None:
    app.switch_page("pages/interests.py").run()
    assert not app.exception
    assert app.selectbox[0].options[0] == "reading-tools"
    app.button[0].click().run()  # "Preview matches"
    assert not app.exception
    assert "recent papers match" in _texts(app)


def _ratings(home: Path, config: Path) -> dict[tuple[str, str], bool]:
    from kb.config import load_settings
    from kb.relevance.service import list_ratings

    return {(r.arxiv_id, r.profile): r.relevant for r in list_ratings(load_settings(config))}


def _click(app: AppTest, label: str, key_start: str) -> None:
    button = next(b for b in app.button if b.label == label and b.key.startswith(key_start))
    button.click().run()
    assert not app.exception


@pytest.mark.slow
def test_thumbs_on_today_and_search_are_stored_and_undone(app: AppTest, built_home) -> None:
    """A rating from a Today card or a Search result lands in kb feedback's table at once."""
    home, config = built_home
    pasa = ("2501.10120", "reading-tools")
    _click(app, "👍", "today-2501.10120-up-")
    assert _ratings(home, config)[pasa] is True
    app.switch_page("pages/search.py").run()
    app.text_input[0].input("crawler and selector agents for academic search").run()
    _click(app, "👎", "search-2501.10120-down-")
    assert _ratings(home, config)[pasa] is False
    _click(app, "Undo", "search-2501.10120-undo-")
    assert pasa not in _ratings(home, config)


@pytest.mark.slow
def test_library_page_shows_counts(app: AppTest) -> None:
    app.switch_page("pages/library.py").run()
    assert not app.exception
    assert app.metric[0].value == "5"
    assert "Ingest failures" in _texts(app)


def test_empty_kb_message(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("KB_HOME", str(tmp_path / "empty"))
    monkeypatch.delenv("KB_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    st.cache_resource.clear()
    at = AppTest.from_file(APP, default_timeout=60)
    at.run()
    assert "No daily report yet" in _texts(at)
    at.switch_page("pages/search.py").run()
    assert "knowledge base is empty" in _texts(at)
    assert not at.exception


def test_paper_text_is_not_rendered_as_html() -> None:
    from kb.textsafe import escape_markdown

    hostile = '<img src=x onerror="alert(1)"> **bold** [link](javascript:alert(1))'
    safe = escape_markdown(hostile)
    assert "<img" not in safe and "](" not in safe and "**" not in safe
    assert os.path.exists(APP)

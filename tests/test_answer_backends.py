"""Answers through SmolLM2 (llama.cpp), a multilingual embedder folder, `kb eval qa --pdf-dir`,
and the app's streamed chat, each on the real PaSa PDF."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
import streamlit as st
from click.testing import CliRunner
from streamlit.testing.v1 import AppTest

from kb.cli import main
from kb.config import load_settings
from kb.db import Database
from kb.ingest import Ingestor
from kb.qa import ENGLISH_ONLY, Asker, Conversation
from kb.search import Searcher

PASA = "2501.10120"
APP = str(Path(__file__).resolve().parent.parent / "app" / "main.py")


@pytest.fixture(scope="module")
def pasa_home(tmp_path_factory: pytest.TempPathFactory, shared_data: Path) -> Path:
    """A KB holding only the PaSa paper (the bundled embedder)."""
    home = tmp_path_factory.mktemp("pasa")
    result = CliRunner().invoke(
        main, ["ingest", "--pdf", str(shared_data / "pdfs" / f"{PASA}.pdf"), "--json"],
        env={"KB_HOME": str(home), "KB_CONFIG": ""},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return home


def test_smollm2_answers_never_crash_and_cite_only_evidence(
    pasa_home: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pytest.importorskip("llama_cpp")
    monkeypatch.setenv("KB_HOME", str(pasa_home))
    settings = load_settings(llm={"backend": "llamacpp", "max_tokens": 96, "n_threads": 1})
    asker = Asker(settings)
    conversation = Conversation(PASA)
    for question in ("What does the Selector do?", "How is it trained?", "PaSa 用了哪些数据集？"):
        answer = asker.ask(question, PASA, conversation)
        assert isinstance(answer.answer, str) and answer.answer.strip()
        assert answer.backend == "llamacpp" and answer.model.endswith(".gguf")
        if not answer.found:
            assert not answer.citations
            continue
        cited = {int(p) for p in re.findall(r"\[p\. (\d+)\]", answer.answer)}
        assert cited and cited <= {c.page for c in answer.citations}
    assert len(conversation.turns) == 3


def test_multilingual_embedder_folder_searches_the_question_as_is(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, shared_data: Path
) -> None:
    """`embedding.model` = a local sentence-transformers folder with `multilingual = true`
    (built here from the bundled model's files): a Chinese question is searched as written
    instead of being refused."""
    from kb.embed import bundled_model_path

    folder = tmp_path / "multilingual-model"
    shutil.copytree(bundled_model_path(), folder)
    monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("KB_CONFIG", raising=False)
    settings = load_settings(
        embedding={"model": str(folder), "multilingual": True, "runner": "sentence-transformers"}
    )
    assert Ingestor(settings).ingest_loose_pdfs([shared_data / "pdfs" / f"{PASA}.pdf"]).pdfs_parsed
    searcher = Searcher(settings)
    assert searcher.embedder.runner == "sentence-transformers"
    queries: list[str] = []
    search = searcher.search
    monkeypatch.setattr(
        searcher, "search", lambda q, *a, **kw: queries.append(q) or search(q, *a, **kw)
    )
    question = "PaSa 的 Crawler 做什么？ Crawler"
    answer = Asker(settings, searcher).ask(question, PASA)
    assert queries == [question] and answer.answer != ENGLISH_ONLY
    assert not answer.found or all(c.arxiv_id == PASA for c in answer.citations)


def test_eval_qa_ingests_only_the_sets_pdfs_from_a_folder(
    tmp_path: Path, kb_home: Path, shared_data: Path
) -> None:
    pdfs = tmp_path / "named"
    pdfs.mkdir()
    shutil.copy(shared_data / "pdfs" / f"{PASA}.pdf", pdfs / f"{PASA}_PaSa_paper_search.pdf")
    shutil.copy(shared_data / "pdfs" / "2304.02623v1.pdf", pdfs / "2304.02623v1_Beyond.pdf")
    qa = tmp_path / "qa.jsonl"
    qa.write_text("\n".join(json.dumps(item) for item in [
        {"arxiv_id": PASA, "question": "Which two agents make up PaSa?",
         "answers": ["Crawler and Selector"], "answerable": True, "type": "method",
         "evidence": [{"page": 2, "text": "PaSa consists of two LLM agents: the Crawler and the Selector."}]},
        {"arxiv_id": PASA, "question": "What GPU cluster was PaSa trained on?", "answers": [],
         "evidence": [], "answerable": False, "type": "unanswerable"},
    ]) + "\n", encoding="utf-8")  # fmt: skip
    details = tmp_path / "details.jsonl"
    result = CliRunner().invoke(main, [
        "eval", "qa", str(qa), "--pdf-dir", str(pdfs), "--details", str(details), "--json",
    ])  # fmt: skip
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["n"] == 2 and figures["evidence_recall@5"] == 1.0
    with Database.open(load_settings().db_path, read_only=True) as db:
        assert set(db.get_papers([PASA, "2304.02623"])) == {PASA}, "only the set's paper"
    rows = [json.loads(line) for line in details.read_text(encoding="utf-8").splitlines()]
    assert [r["line"] for r in rows] == [1, 2] and rows[0]["first_hit_rank"] >= 1
    assert rows[0]["found"] is True and "found" in rows[1]


def test_app_chat_streams_the_model_answer(
    pasa_home: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fake_openai
) -> None:
    config = tmp_path / "kb.toml"
    config.write_text(
        f'[llm]\nbackend = "openai"\nbase_url = "{fake_openai.url}"\nmodel = "fake-model"\n',
        encoding="utf-8",
    )
    monkeypatch.setenv("KB_HOME", str(pasa_home))
    monkeypatch.setenv("KB_CONFIG", str(config))
    st.cache_resource.clear()
    app = AppTest.from_file(APP, default_timeout=120)
    app.session_state["paper_id"] = PASA
    app.run()
    app.switch_page("pages/paper.py").run()
    app.chat_input[0].set_value("What does the Crawler do?").run()
    assert not app.exception
    assert fake_openai.chat_requests[-1]["json"]["stream"] is True
    shown = app.chat_message[-1].markdown[0].value
    assert "[p" in shown and "999" not in shown and "Sure" not in shown
    app.chat_input[0].set_value("How is it trained?").run()
    assert not app.exception and len(app.chat_message) == 4
    history = fake_openai.chat_requests[-1]["json"]["messages"][-1]["content"]
    assert "Q: What does the Crawler do?" in history, "the follow-up keeps the context"

"""Hybrid search and questions about a paper, on the real PDFs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.config import load_settings
from kb.ingest import Ingestor
from kb.qa import Asker, Conversation
from kb.search import Searcher, SearchFilters, group_hits, rrf_fuse

pytestmark = pytest.mark.slow  # ingests the six real PDFs


@pytest.fixture(scope="module")
def kb_settings(tmp_path_factory, shared_data: Path):
    import os

    home = tmp_path_factory.mktemp("qa")
    old = os.environ.get("KB_HOME")
    os.environ["KB_HOME"] = str(home)
    settings = load_settings()
    Ingestor(settings).ingest_loose_pdfs(sorted((shared_data / "pdfs").glob("*.pdf")))
    yield settings
    if old is None:
        os.environ.pop("KB_HOME", None)
    else:
        os.environ["KB_HOME"] = old


def test_rrf_fusion_rewards_agreement() -> None:
    fused = dict(rrf_fuse([[1, 2, 3], [3, 1, 9]], k=60))
    assert max(fused, key=fused.get) in (1, 3) and fused[1] > fused[2] and fused[3] > fused[9]


def test_exact_terms_and_paraphrases(kb_settings) -> None:
    searcher = Searcher(kb_settings)
    exact = searcher.search("AutoScholarQuery", 5)
    assert exact[0].arxiv_id == "2501.10120" and "AutoScholarQuery" in exact[0].text
    para = searcher.search("plain-language summaries that help patients read medical studies", 5)
    assert para[0].arxiv_id == "2203.00130"
    groups = group_hits(searcher.search("summaries of legal cases", 20))
    assert len({g.arxiv_id for g in groups}) == len(groups)


def test_filters(kb_settings) -> None:
    searcher = Searcher(kb_settings)
    only = searcher.search("user study participants", 10, SearchFilters(paper="2302.07302"))
    assert only and {h.arxiv_id for h in only} == {"2302.07302"}
    assert searcher.search("anything", 5, SearchFilters(categories=["q-bio.XX"])) == []


def test_answers_cite_pages_and_decline_when_absent(kb_settings) -> None:
    asker = Asker(kb_settings, Searcher(kb_settings))
    answer = asker.ask("How many query-paper pairs are in AutoScholarQuery?", "2501.10120")
    assert answer.found and answer.citations
    assert "33,511" in answer.answer or any("33,511" in c.text for c in answer.citations)
    assert "[p." in answer.answer
    missing = asker.ask("What is the boiling point of liquid nitrogen on Mars?", "2501.10120")
    assert not missing.found and not missing.citations and "does not" in missing.answer


def test_follow_up_keeps_context(kb_settings) -> None:
    asker = Asker(kb_settings, Searcher(kb_settings))
    conversation = Conversation("2501.10120")
    asker.ask("What does the Crawler do?", "2501.10120", conversation)
    query = conversation.retrieval_query("and how is it trained?")
    assert query == "What does the Crawler do? and how is it trained?"
    follow = asker.ask("and how is it trained?", "2501.10120", conversation)
    assert len(conversation.turns) == 2 and follow.found
    assert any("train" in c.text.lower() for c in follow.citations)


def test_cli_search_and_ask_json(kb_settings, monkeypatch) -> None:
    monkeypatch.setenv("KB_HOME", str(kb_settings.home))
    runner = CliRunner()
    result = runner.invoke(
        main, ["search", "crawler", "--paper", "2501.10120", "--k", "5", "--json"]
    )
    hits = json.loads(result.stdout)
    assert len(hits) == 5 and all(h["arxiv_id"] == "2501.10120" for h in hits)
    result = runner.invoke(main, ["ask", "2501.10120", "What does the Selector do?", "--json"])
    answer = json.loads(result.stdout)
    assert set(answer) >= {"answer", "citations", "found"} and answer["found"]
    assert set(answer["citations"][0]) == {"arxiv_id", "page", "chunk_id", "text"}
    result = runner.invoke(main, ["ask", "--all", "Which paper studies civil rights lawsuits?",
                                  "--json"])  # fmt: skip
    answer = json.loads(result.stdout)
    assert answer["found"] and answer["citations"][0]["arxiv_id"] == "2206.10883"

"""KBRetriever: the knowledge base as a LlamaIndex retriever, in a real query engine."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("llama_index.core")

from llama_index.core.llms import MockLLM  # noqa: E402
from llama_index.core.query_engine import RetrieverQueryEngine  # noqa: E402
from llama_index.core.response_synthesizers import get_response_synthesizer  # noqa: E402
from test_search_tiers import two_tiers  # noqa: E402,F401  (the module fixture)

from kb.retriever import KBRetriever  # noqa: E402
from kb.search import SearchFilters  # noqa: E402


def test_retriever_nodes_carry_kb_metadata(two_tiers) -> None:  # noqa: F811
    settings, (arxiv_id, title) = two_tiers
    nodes = KBRetriever(settings, k=5).retrieve(title)
    assert nodes[0].node.metadata["arxiv_id"] == arxiv_id
    assert nodes[0].node.metadata["kind"] == "abstract" and nodes[0].node.metadata["page"] is None
    for item in nodes:
        assert set(item.node.metadata) >= {"arxiv_id", "title", "page", "section", "kind"}
    ranked = [n.score for n in nodes]
    assert ranked == sorted(ranked, reverse=True)


def test_retriever_filters_and_query_engine(two_tiers) -> None:  # noqa: F811
    settings, _ = two_tiers
    retriever = KBRetriever(settings, k=4, filters=SearchFilters(paper="2501.10120"))
    # MockLLM answers with the prompt it is given: no model, and we see what it would read
    synthesizer = get_response_synthesizer(response_mode="compact", llm=MockLLM())
    engine = RetrieverQueryEngine(retriever=retriever, response_synthesizer=synthesizer)
    response = engine.query("How many query-paper pairs are in AutoScholarQuery?")
    sources = response.source_nodes
    assert 0 < len(sources) <= 4
    assert {s.node.metadata["arxiv_id"] for s in sources} == {"2501.10120"}
    assert {s.node.metadata["kind"] for s in sources} <= {"chunk", "abstract"}
    assert any(s.node.metadata["page"] for s in sources)
    assert any("AutoScholarQuery" in s.node.get_content() for s in sources)
    prompt = str(response)
    assert "AutoScholarQuery" in prompt and "arxiv_id: 2501.10120" in prompt and "page: " in prompt


def test_retriever_module_imports_llama_index_only_inside(tmp_path: Path) -> None:
    import subprocess
    import sys

    code = "import kb.search, kb.cli, sys; print('llama_index' in ' '.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"

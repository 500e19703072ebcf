"""Hybrid search and questions about a paper, on the real PDFs."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
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


# --- the PaSa questions, asked as a reader would ----------------------------------------

PASA = "2501.10120"


def test_pasa_base_model_is_answered_with_qwen(kb_settings) -> None:
    asker = Asker(kb_settings, Searcher(kb_settings))
    answer = asker.ask("What base model is PaSa built on, and how was it trained?", PASA)
    assert answer.found
    first = answer.citations[0]
    assert "Qwen2.5-7b" in first.text and first.page == 7, "the answer leads with the answer"
    hits = Searcher(kb_settings).search("Which LLM is PaSa based on?", 5, SearchFilters(paper=PASA))
    assert any("Qwen2.5-7b" in h.text for h in hits)


def test_pasa_datasets_and_no_caption_as_answer(kb_settings) -> None:
    asker = Asker(kb_settings, Searcher(kb_settings))
    datasets = asker.ask("What datasets did they build?", PASA)
    assert datasets.found and "AutoScholarQuery" in datasets.answer
    crawler = asker.ask("What is the Crawler?", PASA)
    assert crawler.found and "Table 3: Functions of the Crawler" not in crawler.answer
    assert all(not c.text.startswith(("Table", "Figure")) for c in crawler.citations)


def test_table_rows_are_evidence_with_caption_and_header(kb_settings) -> None:
    from kb.passages import is_caption
    from kb.qa import Plan, analyse

    asker = Asker(kb_settings, Searcher(kb_settings))
    question = "What ROUGE-1 F1 does PRIMERA reach on the D → L task?"
    plan = Plan(question, question, analyse(question))
    evidence = asker._evidence(plan, "2206.10883")
    row = next(s for s in evidence if s.kind == "row" and s.text.startswith("PRIMERA 53.73"))
    assert row.page == 7 and row.context.startswith("Table 3: Performance of baseline models")
    assert row.full_text.startswith("Table 3:") and row.typed, "a row holds the number asked"
    assert not any(is_caption(s.text) for s in evidence), "a caption alone is never evidence"


def test_bm25_index_of_an_older_tokenizer_is_rebuilt(kb_settings) -> None:
    from kb.db import Database
    from kb.lexical import POINTER, open_lexical

    folder = kb_settings.home / "bm25"
    with Database.open(kb_settings.db_path, read_only=True) as db:
        current = open_lexical(folder, db)
        name = (folder / POINTER).read_text(encoding="utf-8")
        old = folder / name.replace("-tok", "-tokOLD")
        (folder / name).rename(old)
        (folder / POINTER).write_text(old.name, encoding="utf-8")
        rebuilt = open_lexical(folder, db)
    assert (folder / POINTER).read_text(encoding="utf-8") == name and not old.exists()
    assert list(rebuilt.ids) == list(current.ids)
    assert rebuilt.search("Qwen2.5-7b", 3)[0][0] in set(current.ids.tolist())


# --- model answers through the loopback OpenAI-compatible server --------------------------------


def _model_asker(kb_settings, server):
    from kb.llm.openai_compat import OpenAICompatLLM

    settings = kb_settings.model_copy(
        update={"llm": kb_settings.llm.model_copy(
            update={"backend": "openai", "base_url": server.url, "model": "fake-model"}
        )}
    )  # fmt: skip
    return Asker(settings, Searcher(kb_settings), OpenAICompatLLM(settings.llm, backoff_s=0))


def test_model_answer_is_streamed_cited_and_checked(kb_settings, fake_openai) -> None:
    asker = _model_asker(kb_settings, fake_openai)
    conversation = Conversation(PASA)
    pieces = list(asker.stream("What does the Selector do?", PASA, conversation))
    answer = conversation.turns[-1][1]
    assert len(pieces) > 3, "the server's events arrive one by one"
    request = fake_openai.chat_requests[-1]["json"]
    assert request["stream"] is True
    prompt = request["messages"][-1]["content"]
    assert "<paper_data>" in prompt and "Question: What does the Selector do?" in prompt
    assert "[p. 999]" in "".join(pieces), "the raw stream has the bogus citation"
    assert answer.found and "[p. 999]" not in answer.answer and "Sure!" not in answer.answer
    evidence_pages = {int(p) for p in re.findall(r"\[p\. (\d+)\]", prompt)}
    assert answer.citations and {c.page for c in answer.citations} <= evidence_pages
    follow = asker.ask("And how is it trained?", PASA, conversation)
    assert (
        "Q: What does the Selector do?"
        in fake_openai.chat_requests[-1]["json"]["messages"][-1]["content"]
    )
    assert follow.found


def test_model_says_not_in_the_paper(kb_settings, fake_openai) -> None:
    asker = _model_asker(kb_settings, fake_openai)
    fake_openai.reply("NOT FOUND")
    answer = asker.ask("How many seconds does PaSa take to answer one query?", PASA)
    assert not answer.found and not answer.citations and "does not" in answer.answer


def test_chinese_question_translated_then_answered_in_chinese(kb_settings, fake_openai) -> None:
    asker = _model_asker(kb_settings, fake_openai)
    fake_openai.reply("Which base model is PaSa built on?")
    fake_openai.reply("PaSa 基于 Qwen2.5-7b 模型训练 [p. 7]。它还用了别的模型 [p. 999]。")
    answer = asker.ask("PaSa 是基于哪个基础模型构建的？", PASA)
    translate, write = fake_openai.chat_requests[-2:]
    assert translate["json"]["messages"][-1]["content"] == "PaSa 是基于哪个基础模型构建的？"
    prompt = write["json"]["messages"][-1]["content"]
    assert "Answer in Chinese" in prompt and "Qwen2.5-7b" in prompt, "English retrieval found it"
    assert answer.found and answer.answer.startswith("PaSa 基于 Qwen2.5-7b")
    assert "[p. 7]" in answer.answer and "999" not in answer.answer
    assert [c.page for c in answer.citations] == [7]


def test_chinese_question_offline_says_the_embedder_is_english_only(kb_settings) -> None:
    answer = Asker(kb_settings, Searcher(kb_settings)).ask("PaSa 是基于哪个模型？", PASA)
    assert not answer.found and "English only" in answer.answer
    assert "embedding.multilingual" in answer.answer and "embedding.model" in answer.answer


KITTI_Q = "What error rate does PaSa reach on the KITTI benchmark?"


def test_a_name_the_paper_never_mentions_is_declined_by_name(kb_settings) -> None:
    asker = Asker(kb_settings, Searcher(kb_settings))
    kitti = asker.ask(KITTI_Q, PASA)
    assert not kitti.found and not kitti.citations
    assert kitti.answer == 'The paper never mentions "KITTI", so it does not answer this question.'
    named = asker.ask("Which LLM is PaSa based on, and how does it compare with GPT-4o?", PASA)
    assert named.found, named.answer  # PaSa, LLM and GPT-4o all occur in the paper
    off = kb_settings.model_copy(
        update={"qa": kb_settings.qa.model_copy(update={"missing_names": False})}
    )
    unchecked = Asker(off, Searcher(off)).ask(KITTI_Q, PASA)
    assert not unchecked.answer.startswith("The paper never mentions")


def test_a_proper_name_the_paper_never_mentions_is_declined_by_name(kb_settings) -> None:
    """A capitalised word inside the question (a product, a tool) counts as a name."""
    asker = Asker(kb_settings, Searcher(kb_settings))
    zotero = asker.ask("Can the Crawler export the papers it finds to Zotero?", PASA)
    assert not zotero.found and not zotero.citations
    assert zotero.answer == (
        'The paper never mentions "Zotero", so it does not answer this question.'
    )
    scholar = asker.ask("How does the Crawler use Google Scholar?", PASA)
    assert scholar.found, scholar.answer  # Crawler, Google and Scholar all occur in the paper


# --- the evidence ranker on the real papers ------------------------------------------------------


def test_in_paper_search_is_the_rankers_order_or_plain_fusion(kb_settings) -> None:
    from kb.db import Database
    from kb.evidence_rank import load_ranker, rank_chunks

    question = "How many query-paper pairs are in AutoScholarQuery?"
    searcher = Searcher(kb_settings)
    hits = searcher.search(question, 8, SearchFilters(paper=PASA))
    vector = searcher.embedder.embed([question])[0]
    with Database.open(kb_settings.db_path, read_only=True) as db:
        signals = searcher.paper_signals(db, PASA, question, vector, 100)
        assert signals is not None and signals.typed_question
        assert {"dense", "lexical", "window"} <= set(signals.rankings)
        assert searcher.paper_signals(db, "2412.99999", question, vector, 100) is None
    assert [h.chunk_id for h in hits] == [c for c, _ in rank_chunks(load_ranker(), signals)][:8]
    plain = Searcher(kb_settings.model_copy(update={"search": kb_settings.search.model_copy(
        update={"rerank_in_paper": False})}))  # fmt: skip
    fused = [c for c, _ in rrf_fuse(list(signals.rankings.values()), kb_settings.search.rrf_k)]
    assert [h.chunk_id for h in plain.search(question, 8, SearchFilters(paper=PASA))] == fused[:8]


def test_fit_script_on_real_questions(kb_settings, tmp_path) -> None:
    """The fit script collects chunk and answer examples from the KB's papers, reports recall
    left-one-set-out, writes both weights; the shipped weights find the evidence (and the
    answering unit) of questions they were fitted on at least as often as before; a paper the
    KB lacks is named."""
    import os
    import subprocess
    import sys

    from kb.answer_rank import load_answer_ranker
    from kb.evidence_fit import UNIT_RECALL_AT, collect, collect_answers, recall
    from kb.evidence_rank import load_ranker

    root = Path(__file__).resolve().parent.parent
    lines = (root / "tests" / "data" / "qa.jsonl").read_text().splitlines()
    first, second = tmp_path / "first.jsonl", tmp_path / "second.jsonl"
    first.write_text("\n".join(lines[:35]) + "\n")
    second.write_text("\n".join(lines[35:]) + "\n")
    out, answers_out = tmp_path / "chunks.json", tmp_path / "answers.json"
    script = root / "scripts" / "fit_evidence_ranker.py"
    run = subprocess.run(
        [sys.executable, str(script), "--sets", str(first), str(second), "--loso", "--json",
         "--out", str(out), "--answers-out", str(answers_out)],
        capture_output=True, text=True, env={**os.environ, "KB_HOME": str(kb_settings.home)},
    )  # fmt: skip
    assert run.returncode == 0, run.stderr
    result = json.loads(run.stdout)
    for stage in ("chunks", "answers"):
        part = result[stage]
        assert set(part["leave_one_set_out"]) == {"first", "second"}
        assert part["n"] == sum(r["n"] for r in part["leave_one_set_out"].values()) > 40
        assert 0.4 < max(part["loso_pooled"]["ranker"].values()) <= 1.0
    assert json.loads(out.read_text())["trained_on"] == ["first", "second"]
    assert json.loads(answers_out.read_text())["features"][0] == "cosine"

    examples = collect(Searcher(kb_settings), [root / "tests" / "data" / "qa.jsonl"])
    shipped, fused = recall(examples, load_ranker()), recall(examples, None)
    assert shipped[5] >= fused[5] and shipped[5] >= 0.85
    asker = Asker(kb_settings, Searcher(kb_settings))
    units = collect_answers(asker, [root / "tests" / "data" / "qa.jsonl"])
    ranked = recall(units, load_answer_ranker(), UNIT_RECALL_AT)
    assert ranked[3] >= recall(units, None, UNIT_RECALL_AT)[3] and ranked[1] >= 0.5

    missing = tmp_path / "missing.jsonl"
    item = json.loads(lines[0]) | {"arxiv_id": "2412.99999"}
    missing.write_text(json.dumps(item) + "\n")
    with pytest.raises(ValueError, match="missing line 1: paper 2412.99999 has no full text"):
        collect(Searcher(kb_settings), [missing])
    with pytest.raises(ValueError, match="missing line 1: paper 2412.99999 has no full text"):
        collect_answers(asker, [missing])


def test_the_answer_ranker_chooses_what_an_answer_shows(kb_settings) -> None:
    """With qa.answer_ranker the answer leads with the answer ranker's best unit; by default
    with the best hand score; the decline decision is the same both ways."""
    from kb.answer_rank import load_answer_ranker, unit_features
    from kb.qa import Plan, analyse

    question = "How many real-world queries are in RealScholarQuery?"
    on = kb_settings.model_copy(
        update={"qa": kb_settings.qa.model_copy(update={"answer_ranker": True})}
    )
    asker = Asker(on, Searcher(on))
    plan = Plan(question, question, analyse(question))
    units = asker._evidence(plan, PASA)
    scores = load_answer_ranker().score(unit_features(plan.analysed, units))
    best = units[int(np.argmax(scores))]
    answer = asker.ask(question, PASA)
    assert answer.found and answer.citations[0].text == best.full_text
    plain = Asker(kb_settings, Searcher(kb_settings)).ask(question, PASA)
    assert plain.found and plain.citations[0].text == units[0].full_text


def test_answers_read_fused_evidence_unless_asked_to_rerank(kb_settings) -> None:
    """`kb search --paper` ranks with the evidence ranker; an answer's evidence comes in plain
    fusion order by default (the decline rule was calibrated on it), reranked with
    qa.evidence_ranker."""
    from kb.qa import Plan, analyse

    question = "What precision does PaSa-7b reach on RealScholarQuery?"
    plan = Plan(question, question, analyse(question))
    searcher = Searcher(kb_settings)
    filters = SearchFilters(paper=PASA)
    n = kb_settings.qa.chunks
    fused = [h.chunk_id for h in searcher.search(question, n, filters, rerank=False)]
    ranked = [h.chunk_id for h in searcher.search(question, n, filters)]
    assert ranked == [h.chunk_id for h in searcher.search(question, n, filters, rerank=True)]
    assert fused != ranked, "the two orders differ for this question"
    by_default = {
        u.chunk_id: u.order[0] for u in Asker(kb_settings, searcher)._evidence(plan, PASA)
    }
    assert all(fused[rank] == chunk for chunk, rank in by_default.items())
    on = kb_settings.model_copy(
        update={"qa": kb_settings.qa.model_copy(update={"evidence_ranker": True})}
    )
    reranked = {u.chunk_id: u.order[0] for u in Asker(on, Searcher(on))._evidence(plan, PASA)}
    assert all(ranked[rank] == chunk for chunk, rank in reranked.items())

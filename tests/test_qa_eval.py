"""The QA gold set is faithful to the PDFs, and the QA metrics compute what they claim."""

from __future__ import annotations

import json
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.qa_eval import evaluate_qa, evidence_hit, load_qa_set, normalize_text, token_f1

QA = Path(__file__).parent / "data" / "qa.jsonl"


def test_every_evidence_passage_is_on_its_page(shared_data: Path) -> None:
    items = load_qa_set(QA)
    assert len(items) >= 40
    assert sum(not i.answerable for i in items) >= 6
    assert {"table", "late_page", "number", "method", "dataset"} <= {i.type for i in items}
    files = {p.stem.split("v")[0]: p for p in (shared_data / "pdfs").glob("*.pdf")}
    for item in items:
        doc = pymupdf.open(files[item.arxiv_id])
        for evidence in item.evidence:
            page = normalize_text(doc[evidence["page"] - 1].get_text())
            assert normalize_text(evidence["text"]) in page, (item.question, evidence["page"])


def test_metric_functions() -> None:
    assert token_f1("the Crawler and the Selector", ["Crawler and Selector"]) == pytest.approx(
        2 * (3 / 5) * 1 / (3 / 5 + 1)
    )
    assert token_f1("nothing shared", ["Crawler"]) == 0.0
    assert evidence_hit(
        ["PaSa con-\nsists of two agents."], ["... PaSa consists of two agents. ..."]
    )
    assert not evidence_hit(["PaSa consists of two agents."], ["An unrelated chunk of text."])
    items = load_qa_set(QA)[:3]
    figures = evaluate_qa(
        items,
        retrieve=lambda item, k: [e["text"] for e in item.evidence],
        answer=lambda item: (item.answers[0] if item.answers else "", bool(item.answers)),
    )
    assert figures["evidence_recall@1"] == 1.0 and figures["answer_token_f1"] == 1.0


def test_bad_lines_are_named(tmp_path: Path) -> None:
    bad = tmp_path / "qa.jsonl"
    bad.write_text('{"arxiv_id": "x"}\n', encoding="utf-8")
    with pytest.raises(Exception, match="qa.jsonl:1"):
        load_qa_set(bad)


@pytest.mark.slow
def test_eval_qa_on_the_real_pdfs(kb_home: Path, shared_data: Path) -> None:
    runner = CliRunner()
    pdfs = sorted((shared_data / "pdfs").glob("*.pdf"))
    args = ["ingest", "--json"]
    for pdf in pdfs:
        args += ["--pdf", str(pdf)]
    assert runner.invoke(main, args).exit_code == 0
    result = runner.invoke(main, ["eval", "qa", str(QA), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["evidence_recall@5"] >= 0.85
    assert figures["answer_contains_gold"] >= 0.6
    assert figures["decline_rate_unanswerable"] >= 0.5 and figures["false_decline_rate"] <= 0.2

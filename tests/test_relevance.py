"""Interest profiles: keywords, semantic scores with reasons, and the labelled evaluation."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.config import Profile, load_settings
from kb.feeds import parse_feed_files
from kb.relevance import example_profiles, keyword_hits, score_papers
from kb.types import Paper

LABELS = Path(__file__).parent / "data" / "relevance_labels.jsonl"


def labelled_feeds(shared_data: Path) -> list[Path]:
    return sorted(
        p for day in ("02", "03", "04", "05")
        for p in (shared_data / "feeds" / "rss").glob(f"2025-12-{day}_*.xml")
    )  # fmt: skip


def test_keywords_whole_words_and_case_rules() -> None:
    profile = Profile(name="v", description="d", keywords=["time series forecasting"],
                      case_sensitive_keywords=["VLA"])  # fmt: skip
    assert keyword_hits(profile, "Time-Series Forecasting at scale", "")[0] == [
        "time series forecasting"
    ]
    assert keyword_hits(profile, "Vlasov equations", "the vla of the spine")[0] == []
    assert keyword_hits(profile, "A VLA for robots", "")[0] == ["VLA"]
    hits, weight = keyword_hits(profile, "Robots", "We cite a VLA once.")
    assert hits == ["VLA"] and weight < 0.5  # a passing mention weighs little


def test_labelled_set_is_big_enough_and_only_from_the_allowed_days(shared_data: Path) -> None:
    labels = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    assert len(labels) >= 150
    papers = {p.arxiv_id for p in parse_feed_files(labelled_feeds(shared_data))}
    assert {lab["arxiv_id"] for lab in labels} <= papers
    for profile in ("vla", "time-series", "traffic"):
        assert any(lab["relevant"] for lab in labels if lab["profile"] == profile)


def test_reasons_are_checkable(kb_home: Path, fixtures: Path) -> None:
    settings = load_settings()
    papers = parse_feed_files([fixtures / "feeds" / "rss" / "2025-12-09_seed-matches.xml"])
    decisions = score_papers(papers, example_profiles(), settings)
    by_id = {p.arxiv_id: p for p in papers}
    himoe = next(d for d in decisions if d.arxiv_id == "2512.05693" and d.profile == "vla")
    assert himoe.matched and himoe.score > 0.62
    for d in decisions:
        paper = by_id[d.arxiv_id]
        match = re.search(r'keyword "([^"]+)"', d.reason)
        if match:
            assert match.group(1).lower().replace("-", " ") in (
                f"{paper.title} {paper.abstract}".lower().replace("-", " ")
            )
        assert d.best_sentence in paper.abstract or d.best_sentence == paper.title
    # the VLA paper scores far higher for vla than for traffic
    traffic = next(d for d in decisions if d.arxiv_id == "2512.05693" and d.profile == "traffic")
    assert himoe.score > traffic.score + 0.2 and not traffic.matched


def test_meaning_beats_keywords_on_unlabelled_wording(kb_home: Path) -> None:
    settings = load_settings()
    paraphrase = Paper(
        arxiv_id="2512.00001", title="Road network speed forecasting with graph neural networks",
        abstract="We forecast vehicle speeds on every road segment of a city for the next hour "
        "from loop-detector sensors, outperforming DCRNN on METR-LA and PEMS-BAY.",
    )  # fmt: skip
    passing = Paper(
        arxiv_id="2512.00002", title="Faster attention kernels for language model serving",
        abstract="We serve language models under heavy request traffic. Traffic prediction is "
        "not our goal; we optimise GPU kernels for attention.",
    )  # fmt: skip
    decisions = score_papers([paraphrase, passing], example_profiles(), settings)
    traffic = {d.arxiv_id: d for d in decisions if d.profile == "traffic"}
    assert traffic["2512.00001"].matched and not traffic["2512.00001"].keyword_hits
    assert not traffic["2512.00002"].matched and traffic["2512.00002"].keyword_hits


def test_cli_relevance_json_shape(kb_home: Path, fixtures: Path) -> None:
    feed = fixtures / "feeds" / "rss" / "2025-12-09_seed-matches.xml"
    result = CliRunner().invoke(main, ["relevance", "--feed-file", str(feed), "--json"])
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 6 * 3
    assert set(rows[0]) >= {"arxiv_id", "title", "profile", "score", "keyword_hits", "matched",
                            "reason"}  # fmt: skip


@pytest.mark.slow
def test_eval_combined_beats_keywords_on_every_profile(kb_home: Path, shared_data: Path) -> None:
    args = ["eval", "relevance", str(LABELS), "--json"]
    for feed in labelled_feeds(shared_data):
        args += ["--feed-file", str(feed)]
    result = CliRunner().invoke(main, args)
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    assert report["_missing_labels"] == 0
    for profile in ("vla", "time-series", "traffic"):
        figures = report[profile]
        assert figures["combined"]["f1"] > figures["keyword_only"]["f1"], (profile, figures)
        assert 0.2 <= figures["best_threshold"] <= 0.8

"""Interest profiles: keyword rules, semantic scores with checkable reasons, the labelled set."""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from kb.config import Profile, Settings, load_settings
from kb.db import Database
from kb.embed import get_embedder
from kb.errors import ConfigError
from kb.feeds import parse_feed_files
from kb.relevance import (
    Decision,
    evaluate,
    example_profiles,
    keyword_hits,
    keyword_pattern,
    load_labels,
    match_papers,
    score_papers,
)
from kb.sentences import split_sentences
from kb.types import Paper

LABELS = Path(__file__).parent / "data" / "relevance_labels.jsonl"
LABELLED_DAYS = ("2025-12-02", "2025-12-03", "2025-12-04", "2025-12-05")


def labelled_feeds(shared_data: Path) -> list[Path]:
    """The feeds the labels were judged on; later days stay unseen."""
    rss = shared_data / "feeds" / "rss"
    return sorted(p for day in LABELLED_DAYS for p in rss.glob(f"{day}_*.xml"))


class CountingEmbedder:
    """The real embedder, counting how many times it is called and on how many texts."""

    def __init__(self, inner) -> None:
        self.inner, self.name, self.dim = inner, inner.name, inner.dim
        self.calls: list[int] = []

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self.calls.append(len(texts))
        return self.inner.embed(texts)


# -- keywords (no model) ---------------------------------------------------------------------
def test_keywords_are_whole_words_and_ignore_case_by_default() -> None:
    profile = Profile(name="t", description="d", keywords=["time series forecasting", "vla"])
    assert keyword_hits(profile, "Time-Series Forecasting at scale", "").in_title == [
        "time series forecasting"
    ]
    assert keyword_hits(profile, "Multivariate TIME SERIES FORECASTING", "").hits
    assert keyword_hits(profile, "A vla policy", "").hits == ["vla"]
    assert keyword_hits(profile, "VLA policies", "").hits == ["vla"]
    # never inside a longer word
    assert keyword_hits(profile, "Vlasov equations", "Vlasov-Poisson and VLAN tagging").hits == []
    assert keyword_hits(profile, "Nonvla", "time series forecastingly").hits == []


def test_case_sensitive_acronyms() -> None:
    profile = Profile(name="v", description="d", case_sensitive_keywords=["VLA"])
    assert keyword_hits(profile, "A VLA for robots", "").hits == ["VLA"]
    assert keyword_hits(profile, "VLAs and VLA-based policies", "").hits == ["VLA"]
    assert keyword_hits(profile, "the vla of the spine", "a Vla").hits == []
    assert keyword_hits(profile, "Vlasov equations", "VLASOV solvers").hits == []
    assert not keyword_pattern("VLA", case_sensitive=True).search("vla")
    assert keyword_pattern("VLA", case_sensitive=False).search("vla")


def test_keyword_weight_depends_on_where_it_hits() -> None:
    profile = Profile(name="v", description="d", keywords=["vision-language-action"],
                      case_sensitive_keywords=["VLA"])  # fmt: skip
    title = keyword_hits(profile, "A VLA for robots", "")
    twice = keyword_hits(profile, "Robots", "Our VLA acts. The VLA also talks.")
    once = keyword_hits(profile, "Robots", "Unlike a VLA, we segment images.")
    # one mention spelled two ways ("Vision-Language-Action (VLA)" is two places, not four)
    spelled = keyword_hits(profile, "Robots", "A Vision-Language-Action model acts.")
    assert title.weight > twice.weight > once.weight > 0
    assert once.mentions == 1 and twice.mentions == 2 and spelled.mentions == 1
    assert title.describe() == 'keyword "VLA" in title'
    assert once.describe() == 'keyword "VLA" in abstract (1 mention)'
    assert keyword_hits(profile, "Robots", "No acronym here.").weight == 0


def test_example_profiles_cover_the_sample_report_topics() -> None:
    profiles = {p.name: p for p in example_profiles()}
    assert set(profiles) == {"vla", "time-series", "traffic"}
    assert "VLA" in profiles["vla"].case_sensitive_keywords
    assert any("Multivariate Time Series Forecasting".lower() == k.lower()
               for k in profiles["time-series"].keywords)  # fmt: skip
    assert {"traffic prediction", "spatio-temporal prediction"} <= set(profiles["traffic"].keywords)
    for profile in profiles.values():
        assert len(split_sentences(profile.description)) >= 3


# -- the labelled set ------------------------------------------------------------------------
def test_labelled_set_is_big_hard_and_only_from_the_allowed_days(shared_data: Path) -> None:
    raw = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    labels = load_labels(LABELS)
    assert len(labels) == len(raw) >= 150
    assert len({(lab["arxiv_id"], lab["profile"]) for lab in labels}) == len(labels)
    papers = {p.arxiv_id: p for p in parse_feed_files(labelled_feeds(shared_data))}
    assert {lab["arxiv_id"] for lab in labels} <= set(papers)
    profiles = {p.name: p for p in example_profiles()}
    for name, profile in profiles.items():
        mine = [lab for lab in labels if lab["profile"] == name]
        hits = {lab["arxiv_id"]: keyword_hits(profile, papers[lab["arxiv_id"]].title,
                                              papers[lab["arxiv_id"]].abstract).hits
                for lab in mine}  # fmt: skip
        positives = [lab for lab in mine if lab["relevant"]]
        assert len(positives) >= 4 and len(mine) - len(positives) >= 50
        # positives that use none of the keywords, in every profile
        assert sum(not hits[lab["arxiv_id"]] for lab in positives) >= 2, name
    # negatives that contain a keyword in passing (vla and time-series; no traffic keyword
    # occurs in these four days at all)
    for name in ("vla", "time-series"):
        passing = [lab for lab in labels if lab["profile"] == name and not lab["relevant"]
                   and keyword_hits(profiles[name], papers[lab["arxiv_id"]].title,
                                    papers[lab["arxiv_id"]].abstract).hits]  # fmt: skip
        assert passing, name


def test_load_labels_names_the_bad_line(tmp_path: Path) -> None:
    path = tmp_path / "labels.jsonl"
    path.write_text('{"arxiv_id": "2512.04952", "profile": "vla", "relevant": true}\n\n'
                    '{"arxiv_id": "2512.04952", "profile": "vla", "relevant": "yes"}\n')  # fmt: skip
    with pytest.raises(ConfigError, match=r"labels.jsonl:3"):
        load_labels(path)
    path.write_text('{"arxiv_id": "../../etc/passwd", "profile": "vla", "relevant": true}\n')
    with pytest.raises(ConfigError, match=r":1"):
        load_labels(path)


# -- scoring real papers -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def scored(shared_data: Path) -> tuple[dict[str, Paper], list[Decision], dict, CountingEmbedder]:
    """Every labelled positive and every annotated hard case, scored once for this module."""
    lines = [json.loads(line) for line in LABELS.read_text(encoding="utf-8").splitlines()]
    wanted = {lab["arxiv_id"] for lab in lines if lab["relevant"] or lab.get("note")}
    papers = {p.arxiv_id: p for p in parse_feed_files(labelled_feeds(shared_data))
              if p.arxiv_id in wanted}  # fmt: skip
    settings = Settings()  # defaults only: no kb.toml or KB_CONFIG of the caller leaks in
    embedder = CountingEmbedder(get_embedder(settings.embedding))
    decisions = score_papers(list(papers.values()), example_profiles(), settings,
                             embedder=embedder)  # fmt: skip
    gold = {(lab["arxiv_id"], lab["profile"]): lab["relevant"] for lab in lines}
    return papers, decisions, gold, embedder


def test_labelled_positives_score_above_negatives(scored) -> None:
    papers, decisions, gold, _ = scored
    assert len(decisions) == len(papers) * 3
    for profile in ("vla", "time-series", "traffic"):
        pos = [d.score for d in decisions if gold.get((d.arxiv_id, profile)) is True
               and d.profile == profile]  # fmt: skip
        neg = [d.score for d in decisions if gold.get((d.arxiv_id, profile)) is False
               and d.profile == profile]  # fmt: skip
        assert pos and neg
        # how often a relevant paper outranks an irrelevant one (ROC AUC)
        auc = np.mean([p > n for p in pos for n in neg])
        assert auc >= 0.8, (profile, auc)
        assert np.median(pos) > np.median(neg) + 0.1, profile


def test_reasons_are_checkable(scored) -> None:
    papers, decisions, _, _ = scored
    profiles = {p.name: p for p in example_profiles()}
    for d in decisions:
        paper = papers[d.arxiv_id]
        assert d.reason
        match = re.search(r'keyword "([^"]+)" in (title|abstract)', d.reason)
        assert bool(match) == bool(d.keyword_hits), d.reason
        if match:
            keyword, where = match.groups()
            case = keyword in profiles[d.profile].case_sensitive_keywords
            text = paper.title if where == "title" else paper.abstract
            assert keyword_pattern(keyword, case).search(text), (keyword, where, d.arxiv_id)
        assert d.best_sentence in split_sentences(paper.abstract), d.best_sentence
        assert f'best abstract sentence: "{d.best_sentence[:60]}' in d.reason
        closest = re.search(r'closest to (description|description sentence|example) "([^"]+)"',
                            d.reason)  # fmt: skip
        assert closest, d.reason
        texts = [profiles[d.profile].description, *profiles[d.profile].examples]
        assert any(closest.group(2).rstrip("…") in " ".join(t.split()) for t in texts)


def test_a_keyword_in_passing_is_not_enough_a_title_keyword_with_meaning_is(scored) -> None:
    _, decisions, gold, _ = scored
    by_key = {(d.arxiv_id, d.profile): d for d in decisions}
    robotseg = by_key[("2511.22950", "vla")]  # cites "VLA systems" once, segments robots
    assert robotseg.keyword_hits == ["VLA"] and not robotseg.matched
    e3ad = by_key[("2512.04733", "vla")]  # VLA in the title, driving model
    assert "in title" in e3ad.reason and e3ad.matched
    assert e3ad.semantic_score < e3ad.threshold  # the title keyword is what tips it
    matched_without_keyword = [d for (i, p), d in by_key.items()
                               if gold.get((i, p)) and d.matched and not d.keyword_hits]  # fmt: skip
    assert len(matched_without_keyword) >= 5


def test_embeddings_are_batched(scored) -> None:
    papers, _, _, embedder = scored
    # profiles + background, paper texts, candidate sentences: three calls, not one per paper
    assert len(embedder.calls) == 3
    assert embedder.calls[1] == len(papers)


def test_meaning_beats_keywords_on_new_wording(kb_home: Path) -> None:
    settings = load_settings()
    paraphrase = Paper(
        arxiv_id="2512.00001", title="Road network speed forecasting with graph neural networks",
        abstract="We forecast vehicle speeds on every road segment of a city for the next hour "
        "from loop-detector sensors, outperforming DCRNN on METR-LA and PEMS-BAY.",
    )  # fmt: skip
    passing = Paper(
        arxiv_id="2512.00002", title="Faster attention kernels for language model serving",
        abstract="We serve language models under heavy request load. Unlike traffic prediction "
        "work, we optimise GPU kernels for attention and cut latency by half.",
    )  # fmt: skip
    decisions = score_papers([paraphrase, passing], example_profiles(), settings)
    traffic = {d.arxiv_id: d for d in decisions if d.profile == "traffic"}
    assert traffic["2512.00001"].matched and not traffic["2512.00001"].keyword_hits
    assert traffic["2512.00002"].keyword_hits == ["traffic prediction"]
    assert not traffic["2512.00002"].matched
    matches = match_papers([paraphrase, passing], example_profiles(), settings)
    assert list(matches) == ["2512.00001"]
    assert [d.profile for d in matches["2512.00001"]][0] == "traffic"


def test_examples_from_the_kb_categories_and_the_cache(kb_home: Path, shared_data: Path) -> None:
    settings = load_settings()
    feed = shared_data / "feeds" / "rss" / "2025-12-05_cs.RO.xml"
    papers = parse_feed_files([feed])
    example = next(p for p in papers if p.arxiv_id == "2512.04952")  # FASTer, a VLA paper
    profile = Profile(name="robots", description="Robot learning.", examples=[example.arxiv_id],
                      categories=["cs.RO"])  # fmt: skip
    outsider = Paper(arxiv_id="2512.00003", title=example.title, abstract=example.abstract,
                     categories=["cs.CL"])  # fmt: skip
    with Database.open(settings.db_path) as db:
        db.upsert_paper(example)
        first = score_papers([example, outsider], [profile], settings, db=db)
        cached = db.con.execute("SELECT count(*) FROM embedding_cache").fetchone()[0]
        counter = CountingEmbedder(get_embedder(settings.embedding))
        again = score_papers([example, outsider], [profile], settings, db=db, embedder=counter)
    assert cached > 0 and counter.calls == []  # every text came from the cache
    assert [d.score for d in again] == pytest.approx([d.score for d in first])
    inside, outside = first
    assert f"example {example.arxiv_id}" in inside.reason and inside.matched
    assert inside.score == pytest.approx(outside.score, abs=1e-5)
    assert not outside.matched and "not in cs.RO" in outside.reason


# -- evaluation (no model) ---------------------------------------------------------------------
def _decision(arxiv_id: str, score: float, hits: bool, threshold: float = 0.5) -> Decision:
    return Decision(arxiv_id=arxiv_id, title="t", profile="p", score=score,
                    keyword_hits=["k"] if hits else [], matched=score >= threshold, reason="r",
                    semantic_score=score - (0.2 if hits else 0), threshold=threshold)  # fmt: skip


def test_evaluate_counts_and_finds_the_best_threshold() -> None:
    decisions = [_decision("a", 0.9, True), _decision("b", 0.6, False),
                 _decision("c", 0.45, False), _decision("d", 0.55, True),
                 _decision("e", 0.1, False)]  # fmt: skip
    labels = [{"arxiv_id": i, "profile": "p", "relevant": r}
              for i, r in zip("abcde", (True, True, True, False, False), strict=True)]  # fmt: skip
    labels.append({"arxiv_id": "zz", "profile": "p", "relevant": True})
    report = evaluate(decisions, labels)
    figures = report["profiles"]["p"]
    assert figures["n"] == 5 and figures["positives"] == 3
    assert figures["keyword_only"] == {"precision": 0.5, "recall": 0.3333, "f1": 0.4,
                                       "tp": 1, "fp": 1, "fn": 2}  # fmt: skip
    assert figures["combined"]["tp"] == 2 and figures["combined"]["fp"] == 1
    assert figures["semantic_only"]["tp"] == 2 and figures["semantic_only"]["fp"] == 0
    # everything from 0.45 up is caught and "d" (0.55) is the only error at best: F1 6/7
    assert figures["best_f1"] == pytest.approx(0.8571, abs=1e-4)
    assert 0.1 < figures["best_threshold"] <= 0.45
    assert report["missing_labels"] == [{"arxiv_id": "zz", "profile": "p"}]
    assert report["overall"]["best_threshold"] == figures["best_threshold"]

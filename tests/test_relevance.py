"""Interest profiles: description parsing, keywords, calibrated scores, reasons, the CLI."""

from __future__ import annotations

import json
import re
from pathlib import Path

import numpy as np
import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.config import Profile, load_settings
from kb.feeds import parse_feed_files
from kb.relevance import example_profiles, keyword_hits, score_papers
from kb.relevance.background import doc_text, load_background, shipped_papers
from kb.relevance.bar import ProfileBar, profile_bar
from kb.relevance.keywords import excluded_keyword
from kb.relevance.profile_text import parse_profile_text
from kb.types import Paper

SPEECH = Profile(
    name="speech",
    description="Automatic speech recognition and text-to-speech synthesis with neural "
    "networks. Not relevant: music generation, sign language.",
    keywords=["speech recognition", "ASR"],
)
ASR_PAPER = Paper(
    arxiv_id="2512.00011",
    title="Streaming speech recognition with conformer transducers",
    abstract="We build a low-latency automatic speech recognition system that transcribes "
    "spoken English in real time. Our conformer transducer lowers word error rate on "
    "LibriSpeech while halving latency.",
)
MUSIC_PAPER = Paper(
    arxiv_id="2512.00012",
    title="Text-to-music generation with latent diffusion",
    abstract="We generate songs and instrumental music from text prompts with a latent "
    "diffusion model trained on licensed music, improving musicality scores.",
)
GRAPH_PAPER = Paper(
    arxiv_id="2512.00013",
    title="Graph transformers for molecular property prediction",
    abstract="We predict molecular properties with a graph transformer over atoms and bonds, "
    "beating message passing networks on QM9.",
)


def test_exclusions_are_split_off_the_description() -> None:
    text = parse_profile_text(
        "I study 3D reconstruction from images. Not relevant: text-to-3D generation, "
        "camera-controlled video generation, and point cloud detection for driving."
    )
    assert text.wanted == ["I study 3D reconstruction from images."]
    assert text.excluded == [
        "text-to-3D generation",
        "camera-controlled video generation",
        "point cloud detection for driving",
    ]
    inline = parse_profile_text("Robot learning for manipulation, but not autonomous driving.")
    assert inline.wanted == ["Robot learning for manipulation."]
    assert inline.excluded == ["autonomous driving"]
    listing = parse_profile_text(
        "Diffusion models. Exclude diffusion for data such as text, "
        "molecules or time series; 3D avatars."
    )
    assert listing.excluded == [
        "diffusion for data such as text, molecules or time series",
        "3D avatars",
    ]
    for phrase in (
        "Not interested in: LLM safety.",
        "I don't want LLM safety.",
        "Excluding LLM safety.",
    ):
        assert parse_profile_text(f"Agents. {phrase}").excluded == ["LLM safety"], phrase


def test_exclusions_said_of_their_subject() -> None:
    """People write what they do not want in their own words, not only after "Not relevant:"
    (the forms below come from held-out profiles whose exclusions the parser used to miss)."""
    chatty = parse_profile_text(
        "I want ML on EEG and ECG. Medical imaging (MRI, CT, X-ray) is not my thing, even "
        "when it is of the brain."
    )
    assert chatty.wanted == ["I want ML on EEG and ECG."]
    assert chatty.excluded == ["Medical imaging (MRI", "CT", "X-ray)"], "as any listed exclusion"
    neither = parse_profile_text(
        "Legal NLP. Honestly, price forecasting from numeric series isn't what I'm after, "
        "and neither is agent governance."
    )
    assert neither.excluded == ["price forecasting from numeric series", "agent governance"]
    for sentence, subject in (
        ("Surveys are out of scope.", "Surveys"),
        ("Plain SLAM isn't really my thing.", "Plain SLAM"),
        ("Benchmarks don't interest me.", "Benchmarks"),
        ("I'm not interested in autonomous driving.", "autonomous driving"),
        ("I am not into drones.", "drones"),
        ("Honestly, I don't care about satellite imagery.", "satellite imagery"),
        ("What I don't need: speech recognition.", "speech recognition"),
        ("Token pruning is a different topic and I don't want it.", "Token pruning"),
        ("Not for me: video prediction.", "video prediction"),
        ("What I keep getting and don't want: deepfake forensics.", "deepfake forensics"),
        ("Crowd counting falls outside this interest.", "Crowd counting"),
        ("Plain SLAM lies outside this interest unless it learns.", "Plain SLAM"),
        (
            "Papers that only release a dataset are not what I need.",
            "Papers that only release a dataset",
        ),
        ("Please don't send me video prediction - I get plenty of it.", "video prediction"),
        ("Please skip video prediction, I already get plenty of those.", "video prediction"),
        ("Outside my interest are drone swarms.", "drone swarms"),
        ("Please spare me drone swarms.", "drone swarms"),
        ("No generic super-resolution.", "generic super-resolution"),
        ("Plain RAG memory stores are less my thing.", "Plain RAG memory stores"),
        (
            "Please don't fill my feed with NeRF papers; those only count if they model light.",
            "NeRF papers",
        ),
    ):
        assert parse_profile_text(f"Robots. {sentence}").excluded == [subject], sentence
    listed = parse_profile_text(
        "Robots. Mapping, driving and drones fall outside this interest unless they learn."
    )
    assert listed.excluded == ["Mapping", "driving and drones"]
    contrast = parse_profile_text(
        "Brains. Brain-inspired models count if they draw on neuroscience, but spiking "
        "hardware papers do not interest me."
    )
    assert contrast.excluded == ["spiking hardware papers"]
    assert contrast.wanted == [
        "Brains.",
        "Brain-inspired models count if they draw on neuroscience.",
    ]
    inline = parse_profile_text("I do RL in the classic sense, not chatbots.")
    assert inline.wanted == ["I do RL in the classic sense."] and inline.excluded == ["chatbots"]
    aside = parse_profile_text("Robots. Surveys, while useful, are not my thing.")
    assert "Surveys" in aside.excluded and aside.wanted == ["Robots."]
    broad = "Agents for images, not only text."
    assert parse_profile_text(broad).excluded == [], '"not only" widens, it does not exclude'
    both = parse_profile_text("Robots. I don't care about maps, and driving isn't my area either.")
    assert both.excluded == ["maps", "driving"]
    split = parse_profile_text(
        "Literature mining. The unit should be papers; agents running experiments are outside "
        "my interest unless they read papers. Those are different problems."
    )
    assert split.excluded == ["agents running experiments"]
    assert split.wanted == ["Literature mining.", "The unit should be papers."], (
        "the wanted half before ';' is kept; a pronoun subject excludes nothing"
    )
    # a wanted sentence that merely contains "not" stays wanted
    for wanted in (
        "Graph learning on graphs that are not knowledge graphs.",
        "Methods where labels are not needed.",
    ):
        kept = parse_profile_text(wanted)
        assert kept.excluded == [] and kept.wanted == [wanted], wanted


def test_chinese_exclusions() -> None:
    text = parse_profile_text("我关注医学图像分割。不相关：脑电、心电和临床文本。")
    assert text.wanted == ["我关注医学图像分割。"]
    assert text.excluded == ["脑电", "心电和临床文本"]
    assert parse_profile_text("我关注机器人学习，但不包括自动驾驶。").excluded == ["自动驾驶"]
    assert parse_profile_text("不要综述。").excluded == ["综述"]


def test_keywords_whole_words_plurals_and_acronym_case() -> None:
    profile = Profile(
        name="v",
        description="d",
        keywords=["time series forecasting", "CT", "jailbreak"],
        case_sensitive_keywords=["VLA"],
    )
    assert keyword_hits(profile, "Time-Series Forecasting at scale", "")[0] == [
        "time series forecasting"
    ]
    assert keyword_hits(profile, "Vlasov equations", "the vla of the spine")[0] == []
    assert keyword_hits(profile, "A VLA for robots", "")[0] == ["VLA"]
    assert keyword_hits(profile, "Jailbreaks of chat models", "")[0] == ["jailbreak"]
    assert keyword_hits(profile, "Lung CT segmentation", "")[0] == ["CT"]
    assert keyword_hits(profile, "A ct scan", "")[0] == [], "an acronym keeps its case"
    hits, weight = keyword_hits(profile, "Robots", "We cite a VLA once.")
    assert hits == ["VLA"] and weight < 0.5  # a passing mention weighs little
    vetoing = Profile(name="v", description="d", exclude_keywords=["survey"])
    assert excluded_keyword(vetoing, "A Survey of VLAs", "") == "survey"
    assert excluded_keyword(vetoing, "Surveillance robots", "") is None


def test_shipped_background_and_its_vectors() -> None:
    papers = shipped_papers()
    assert len(papers) == 2000 and all(p.title and p.abstract for p in papers)
    assert not any(p.arxiv_id.startswith("2512") for p in papers), "no evaluation days"

    class Refuse:
        name, dim = "all-MiniLM-L6-v2", 384

        def embed(self, texts):  # the shipped vectors must be used, not recomputed
            raise AssertionError(f"embedded {len(texts)} texts")

    background = load_background(Refuse(), 90)
    assert background.vectors.shape == (2000, 384)
    norms = np.linalg.norm(background.vectors, axis=1)
    assert np.allclose(norms, 1.0, atol=1e-2)


def test_vectors_of_the_shipped_background_match_the_model(kb_home: Path) -> None:
    from kb.embed import get_embedder

    settings = load_settings()
    papers = shipped_papers()[:5]
    fresh = get_embedder(settings.embedding).embed(
        [doc_text(p.title, p.abstract, 90) for p in papers]
    )
    background = load_background(get_embedder(settings.embedding), 90)
    cosine = (fresh * background.vectors[:5]).sum(axis=1)
    assert cosine.min() > 0.995


def test_the_bar_is_relative_to_the_best_matches() -> None:
    settings = load_settings()
    rel = settings.relevance
    common = np.r_[np.zeros(1967), np.full(33, 3.5)]  # 1.65% of the background scores 3+
    narrow_day = np.full(10, 12.0)  # a few papers far above the rest
    bar = profile_bar(common, narrow_day, settings)
    assert bar.top == pytest.approx(12.0)
    assert bar.threshold == pytest.approx(rel.relative_bar * 12.0) and bar.rarity == 0.0
    broad = np.r_[np.zeros(900), np.linspace(1.0, 4.0, 100)]  # a wide, low shoulder
    broad_bar = profile_bar(broad, np.zeros(0), settings)
    assert broad_bar.top < 4.0 and rel.min_score <= broad_bar.threshold < bar.threshold
    assert profile_bar(np.zeros(50), np.zeros(0), settings).threshold == rel.min_score
    assert profile_bar(np.array([]), np.array([]), settings) == ProfileBar(rel.min_score, 0.0)


def test_the_bar_rises_for_a_topic_few_background_papers_score_high_on() -> None:
    settings = load_settings()
    rel = settings.relevance
    day = np.full(10, 7.0)
    niche = profile_bar(np.r_[np.zeros(1996), np.full(4, 3.5)], day, settings)  # 0.2% high
    common = profile_bar(np.r_[np.zeros(1967), np.full(33, 3.5)], day, settings)
    broad = profile_bar(np.r_[np.zeros(1800), np.full(200, 3.5)], day, settings)  # 10% high
    assert niche.threshold > common.threshold > broad.threshold >= rel.min_score
    assert niche.rarity > 0 > broad.rarity and niche.tail_share == pytest.approx(0.002)
    # never above relative_bar_max of the best matches' mean
    assert niche.threshold <= rel.relative_bar_max * niche.top + 1e-9
    off = load_settings(relevance={"rarity_weight": 0.0})
    assert profile_bar(np.r_[np.zeros(1996), np.full(4, 3.5)], day, off).rarity == 0.0


def test_meaning_exclusions_and_reasons(kb_home: Path) -> None:
    settings = load_settings()
    decisions = score_papers([ASR_PAPER, MUSIC_PAPER, GRAPH_PAPER], [SPEECH], settings)
    by_id = {d.arxiv_id: d for d in decisions}
    asr, music, graph = by_id["2512.00011"], by_id["2512.00012"], by_id["2512.00013"]
    assert asr.matched and asr.decided_by in ("description", "keyword")
    assert asr.reason.startswith(f"{asr.decided_by}: score")
    assert "of 2,000 shipped background papers" in asr.reason
    assert not music.matched and "excluded" in music.reason
    assert not graph.matched and graph.score < asr.score - 2
    for d in decisions:
        assert d.threshold == asr.threshold
        assert 0.0 <= d.background_share <= 1.0


def test_exclude_keywords_veto(kb_home: Path) -> None:
    settings = load_settings()
    vetoing = SPEECH.model_copy(update={"exclude_keywords": ["conformer"]})
    decision = score_papers([ASR_PAPER], [vetoing], settings)[0]
    assert not decision.matched and decision.decided_by == "exclusion"
    assert decision.reason.startswith('exclusion: excluded keyword "conformer"')


def test_explicit_threshold_overrides_calibration(kb_home: Path) -> None:
    settings = load_settings()
    strict = SPEECH.model_copy(update={"threshold": 50.0})
    decision = score_papers([ASR_PAPER], [strict], settings)[0]
    assert not decision.matched and decision.threshold == 50.0
    assert "your threshold" in decision.reason


def test_seed_day_matches_the_vla_papers_not_sonic(kb_home: Path, fixtures: Path) -> None:
    settings = load_settings()
    papers = parse_feed_files([fixtures / "feeds" / "rss" / "2025-12-09_seed-matches.xml"])
    decisions = score_papers(papers, example_profiles(), settings)
    vla = {d.arxiv_id: d for d in decisions if d.profile == "vla"}
    assert vla["2512.05693"].matched, vla["2512.05693"].reason  # HiMoE-VLA
    sonic = vla["2511.07820"]  # humanoid motion tracking: the old tool's false match
    assert not sonic.matched and sonic.decided_by == "exclusion", sonic.reason
    by_id = {p.arxiv_id: p for p in papers}
    for d in decisions:
        match = re.search(r'keyword "([^"]+)"', d.reason)
        if match:
            text = f"{by_id[d.arxiv_id].title} {by_id[d.arxiv_id].abstract}".lower()
            assert match.group(1).lower().replace("-", " ") in text.replace("-", " ")


def test_cli_relevance_contract_with_a_users_profiles(kb_home: Path, tmp_path: Path) -> None:
    feed = tmp_path / "day.xml"
    items = "".join(
        f"<item><title>{p.title}</title><link>https://arxiv.org/abs/{p.arxiv_id}</link>"
        f"<description>arXiv:{p.arxiv_id}v1 Announce Type: new \nAbstract: {p.abstract}"
        f"</description><guid>oai:arXiv.org:{p.arxiv_id}v1</guid><category>cs.CL</category>"
        f"</item>"
        for p in (ASR_PAPER, MUSIC_PAPER, GRAPH_PAPER)
    )
    feed.write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{items}</channel></rss>',
        encoding="utf-8",
    )
    config = tmp_path / "user.toml"
    config.write_text(
        '[[profiles]]\nname = "speech"\ndescription = """Speech recognition and '
        'synthesis. Not relevant: music generation."""\nkeywords = ["ASR"]\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(
        main, ["--config", str(config), "relevance", "--feed-file", str(feed), "--json"]
    )
    assert result.exit_code == 0, result.output
    rows = json.loads(result.stdout)
    assert len(rows) == 3
    for row in rows:
        assert {
            "arxiv_id",
            "title",
            "profile",
            "score",
            "keyword_hits",
            "matched",
            "reason",
        } <= set(row)
    matched = {r["arxiv_id"] for r in rows if r["matched"]}
    assert matched == {"2512.00011"}
    # the scored papers are remembered, so they can be rated right away
    rated = CliRunner().invoke(
        main,
        [
            "--config",
            str(config),
            "feedback",
            "2512.00013",
            "--profile",
            "speech",
            "--not-relevant",
            "--json",
        ],
    )
    assert rated.exit_code == 0, rated.output
    assert json.loads(rated.stdout)[0]["relevant"] is False


def test_lexical_channel_ranks_by_the_profiles_own_words() -> None:
    from kb.relevance.lexical import LexicalIndex

    background = [(p.title, p.abstract) for p in shipped_papers()[:300]]
    papers = [(p.title, p.abstract) for p in (ASR_PAPER, MUSIC_PAPER, GRAPH_PAPER)]
    index = LexicalIndex.build(background, papers)
    query = index.query(["Automatic speech recognition with neural networks."], SPEECH.keywords)
    sims, bg = index.similarities(query)
    assert sims.shape == (3,) and bg.shape == (300,)
    assert sims[0] > max(sims[1], sims[2]) and sims[0] > np.percentile(bg, 99)
    words = index.shared_terms(query, 0)
    assert words and all(w in "speech recognition asr automatic" for w in words)
    assert index.shared_terms(query, 2) == ["networks"]  # the graph paper: one common word


def test_lexical_weight_moves_scores_and_reasons_name_shared_words(kb_home: Path) -> None:
    settings = load_settings()
    papers = [ASR_PAPER, MUSIC_PAPER, GRAPH_PAPER]
    with_words = {d.arxiv_id: d for d in score_papers(papers, [SPEECH], settings)}
    assert 'shares the words "speech' in with_words["2512.00011"].reason
    off = settings.model_copy(
        update={"relevance": settings.relevance.model_copy(update={"lexical_weight": 0.0})}
    )
    meaning_only = {d.arxiv_id: d for d in score_papers(papers, [SPEECH], off)}
    assert meaning_only["2512.00011"].score != pytest.approx(with_words["2512.00011"].score)
    assert meaning_only["2512.00011"].matched and with_words["2512.00011"].matched


def test_a_keyword_few_background_papers_contain_counts_wherever_it_is(kb_home: Path) -> None:
    """ "optimal transport" is in 6 of the 2,000 shipped background papers, "diffusion" in
    139: at a share of 0.5% only the first is rare, and a passing mention of it weighs
    ``rare_keyword_bonus`` title hits; the reason says why."""
    from kb.relevance.keywords import rare_keywords

    profile = Profile(
        name="ot",
        description="Optimal transport for machine learning: Wasserstein distances, Sinkhorn.",
        keywords=["optimal transport", "diffusion", "event camera"],
    )
    background = [(p.title, p.abstract) for p in shipped_papers()]
    assert rare_keywords(profile, background, 0.005) == {"optimal transport", "event camera"}
    assert rare_keywords(profile, background, 0.0) == frozenset()
    abstract = "We align feature distributions with optimal transport and test on three tasks."
    assert keyword_hits(profile, "Domain adaptation", abstract)[1] < 0.5
    rare = frozenset({"optimal transport"})
    assert keyword_hits(profile, "Domain adaptation", abstract, rare, 1.5)[1] == 1.5
    paper = Paper(arxiv_id="2512.00021", title="Aligning domains", abstract=abstract)
    scores = {}
    for share in (0.0, 0.005):
        settings = load_settings(relevance={"rare_keyword_share": share})
        decision = score_papers([paper], [profile], settings)[0]
        scores[share] = decision.score
        rare_said = 'keyword "optimal transport", rare among background papers' in decision.reason
        assert rare_said == (share > 0), decision.reason
    assert scores[0.005] > scores[0.0]

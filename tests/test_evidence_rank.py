"""The in-paper evidence ranker: its features, its weights file, its fit."""

from __future__ import annotations

import json

import numpy as np
import pytest

from kb.evidence_fit import Example, fit, leave_one_set_out, recall
from kb.evidence_rank import (
    CANDIDATES,
    FEATURES,
    RRF_K,
    WEIGHTS_PATH,
    LinearRanker,
    PaperSignals,
    load_ranker,
    rank_chunks,
)


def _signals() -> PaperSignals:
    return PaperSignals(
        rankings={"dense": [3, 1, 2], "lexical": [1, 2], "window": [2]},
        cosine={1: 0.5, 2: 0.4, 3: 0.6},
        bm25={1: 8.0, 2: 4.0},
        window_bm25={2: 6.0},
        row_bm25={2: 3.0},
    )


def test_fusion_and_features_say_what_each_ranking_says() -> None:
    signals = _signals()
    # chunk 2 is in all three rankings, 1 in two (first in one), 3 first in one only
    assert signals.fused() == [2, 1, 3]
    x = signals.features([1, 3])
    assert x.shape == (2, len(FEATURES))
    col = {name: i for i, name in enumerate(FEATURES)}
    assert x[0, col["lexical_inverse"]] == 1.0 and x[0, col["dense_inverse"]] == 0.5
    assert x[0, col["lexical_rrf"]] == pytest.approx(1 / (RRF_K + 1))
    assert x[1, col["lexical_rrf"]] == 0.0 and x[1, col["window_inverse"]] == 0.0
    assert x[1, col["cosine"]] == 0.0 and x[0, col["cosine"]] == pytest.approx(-0.1)
    assert x[0, col["bm25"]] == 1.0 and x[1, col["bm25"]] == 0.0
    assert signals.features([2])[0, col["row_bm25"]] == pytest.approx(0.5)


def test_ranker_orders_the_head_by_its_score_and_keeps_the_tail() -> None:
    coef = np.zeros(len(FEATURES))
    coef[FEATURES.index("bm25")] = 1.0
    ranker = LinearRanker(FEATURES, np.zeros(len(FEATURES)), np.ones(len(FEATURES)), coef)
    ranked = rank_chunks(ranker, _signals())
    assert [c for c, _ in ranked] == [1, 2, 3]  # by BM25 share: 1.0, 0.5, 0.0
    many = PaperSignals(rankings={"dense": list(range(CANDIDATES + 5))}, cosine={})
    order = rank_chunks(ranker, many)
    assert len(order) == CANDIDATES + 5
    assert [c for c, _ in order[CANDIDATES:]] == list(range(CANDIDATES, CANDIDATES + 5))
    scores = [s for _, s in order]
    assert scores == sorted(scores, reverse=True), "the tail scores below the head"


def test_shipped_weights_load_and_a_stale_file_is_named(tmp_path) -> None:
    ranker = load_ranker()
    assert ranker.coef.shape == (len(FEATURES),) and ranker.trained_on
    assert "qa_final11" not in ranker.trained_on, "reporting sets stay out of the fit"
    data = json.loads(WEIGHTS_PATH.read_text())
    data["features"] = data["features"][:-1]
    with pytest.raises(ValueError, match="refit with scripts/fit_evidence_ranker.py"):
        LinearRanker.from_dict(data, FEATURES)
    copy = tmp_path / "w.json"
    ranker.save(copy)
    again = LinearRanker.from_dict(json.loads(copy.read_text()), FEATURES)
    assert np.allclose(again.coef, ranker.coef, atol=1e-5)


def _synthetic(set_name: str, rng: np.random.Generator, n: int = 40) -> list[Example]:
    """Questions whose answer chunk has a higher BM25 share, the other features noise."""
    examples = []
    for q in range(n):
        x = rng.normal(size=(10, len(FEATURES)))
        gold = int(rng.integers(10))
        x[:, FEATURES.index("bm25")] = rng.uniform(0, 0.6, size=10)
        x[gold, FEATURES.index("bm25")] = 1.0
        examples.append(Example(set_name, f"q{q}", list(range(10)), x, {gold}))
    return examples


def test_fit_learns_the_informative_feature_and_is_measured_on_held_out_sets() -> None:
    rng = np.random.default_rng(0)
    examples = _synthetic("a", rng) + _synthetic("b", rng)
    ranker = fit(examples)
    assert int(np.argmax(ranker.coef)) == FEATURES.index("bm25")
    assert recall(examples, ranker)[1] > recall(examples, None)[1]
    report = leave_one_set_out(examples)
    assert set(report) == {"a", "b"} and report["a"]["n"] == 40
    assert report["a"]["ranker"][1] > 0.9 > report["a"]["fused"][1]
    with pytest.raises(ValueError, match="two sets"):
        leave_one_set_out(_synthetic("a", rng))


def _unit(
    text: str, cosine: float, page: int, position: int, question=None, kind: str = "sentence"
):
    """A candidate unit as ``score_candidates`` leaves it: its cosine and the question's
    terms it holds."""
    from kb.answer import Sentence
    from kb.lexical import tokenize

    terms = frozenset(tokenize([text])[0]) & question.terms if question else frozenset()
    return Sentence(
        text, "2501.10120", page, 1, (0, page, position), kind=kind, cosine=cosine, terms=terms
    )


def test_unit_features_read_the_question_and_the_unit() -> None:
    from kb.answer_rank import UNIT_FEATURES, unit_features
    from kb.question import analyse

    question = analyse("How many queries does AutoScholarQuery contain?")
    units = [
        _unit("AutoScholarQuery contains 35k queries from papers.", 0.7, 3, 1, question),
        _unit("We describe the Crawler and its actions in detail here.", 0.2, 4, 2, question),
    ]
    x = unit_features(question, units)
    col = {name: i for i, name in enumerate(UNIT_FEATURES)}
    assert x.shape == (2, len(UNIT_FEATURES))
    assert x[0, col["cosine_below_best"]] == 0.0 and x[1, col["cosine_below_best"]] < 0
    assert x[0, col["name_share"]] == 1.0 and x[1, col["name_share"]] == 0.0
    assert x[0, col["number_asked_and_held"]] == 1.0 and x[1, col["holds_number"]] == 0.0
    assert x[0, col["term_share"]] > x[1, col["term_share"]]
    assert x[0, col["focus_share"]] == 1.0 and x[1, col["focus_share"]] == 0.0
    assert unit_features(question, []).shape == (0, len(UNIT_FEATURES))


def test_choose_ranked_leads_with_the_best_and_keeps_close_units_in_paper_order() -> None:
    from kb.answer_rank import UNIT_FEATURES, choose_ranked
    from kb.question import analyse

    question = analyse("What does the Crawler do?")
    coef = np.zeros(len(UNIT_FEATURES))
    coef[UNIT_FEATURES.index("cosine")] = 10.0
    ranker = LinearRanker(UNIT_FEATURES, np.zeros(len(coef)), np.ones(len(coef)), coef)
    units = [
        _unit("An early sentence that is close to the question.", 0.55, 2, 1),
        _unit("The Crawler collects papers by search and by citations.", 0.6, 5, 1),
        _unit("A late sentence also close to the question.", 0.52, 9, 1),
        _unit("Something far away from the question entirely.", 0.1, 1, 1),
    ]
    chosen = choose_ranked(question, units, ranker, max_sentences=3, margin=1.0)
    assert chosen[0].page == 5, "the lead is the model's best"
    assert [c.page for c in chosen[1:]] == [2, 9], "support within the margin, paper order"
    assert len(choose_ranked(question, units, ranker, 3, margin=0.1)) == 1
    assert len(choose_ranked(question, units, ranker, 2, margin=9.0)) == 2
    assert choose_ranked(question, [], ranker, 3, 1.0) == []

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
    EvidenceRanker,
    PaperSignals,
    load_ranker,
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
    ranker = EvidenceRanker(np.zeros(len(FEATURES)), np.ones(len(FEATURES)), coef)
    ranked = ranker.order(_signals())
    assert [c for c, _ in ranked] == [1, 2, 3]  # by BM25 share: 1.0, 0.5, 0.0
    many = PaperSignals(rankings={"dense": list(range(CANDIDATES + 5))}, cosine={})
    order = ranker.order(many)
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
        EvidenceRanker.from_dict(data)
    copy = tmp_path / "w.json"
    ranker.save(copy)
    again = EvidenceRanker.from_dict(json.loads(copy.read_text()))
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

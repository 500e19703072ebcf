"""Re-rank one paper's candidate chunks for a question with a small fitted linear model.

The in-paper rankings (chunk cosine, chunk BM25, best sentence window, typed windows) are
first fused by reciprocal rank; the best ``CANDIDATES`` chunks are then ordered by a logistic
regression over what each ranking says of a chunk (its rank, as 1/rank and 1/(10 + rank)) and
the scores behind them (cosine below the paper's best, BM25 and best-window BM25 as a share of
the paper's best, and the best table row's BM25: a number asked for often sits only in a row).
The weights live in ``kb/data/evidence_ranker.json`` and are refitted from the QA sets with
``scripts/fit_evidence_ranker.py`` (see :mod:`kb.evidence_fit`).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import numpy as np

from kb.fusion import rrf_fuse

RRF_K = 10  # in-paper fusion: a chunk one ranking puts first should not drown in the others
CANDIDATES = 30
CHANNELS = ("dense", "lexical", "window", "typed", "stated")
SCORES = ("cosine", "bm25", "window_bm25", "row_bm25", "typed_question")
FEATURES = tuple(f"{c}_{form}" for c in CHANNELS for form in ("rrf", "inverse")) + SCORES
WEIGHTS_PATH = Path(__file__).parent / "data" / "evidence_ranker.json"


@dataclass
class PaperSignals:
    """What the in-paper retrievers say of a paper's chunks for one question."""

    rankings: dict[str, list[int]]
    cosine: dict[int, float]
    bm25: dict[int, float] = field(default_factory=dict)
    window_bm25: dict[int, float] = field(default_factory=dict)
    row_bm25: dict[int, float] = field(default_factory=dict)
    typed_question: bool = False

    def fused(self) -> list[int]:
        """Chunk ids by reciprocal-rank fusion of all rankings (ties by id)."""
        return [c for c, _ in rrf_fuse(list(self.rankings.values()), RRF_K)]

    def features(self, chunk_ids: Sequence[int]) -> np.ndarray:
        """One row of ``FEATURES`` per chunk id."""
        positions = {
            name: {c: r for r, c in enumerate(self.rankings.get(name, []), start=1)}
            for name in CHANNELS
        }
        top_cosine = max(self.cosine.values(), default=0.0)
        top_bm25 = max(self.bm25.values(), default=0.0) or 1.0
        top_window = max(self.window_bm25.values(), default=0.0) or 1.0
        rows = []
        for chunk_id in chunk_ids:
            row: list[float] = []
            for name in CHANNELS:
                rank = positions[name].get(chunk_id)
                row += [1.0 / (RRF_K + rank), 1.0 / rank] if rank else [0.0, 0.0]
            row += [
                self.cosine.get(chunk_id, top_cosine) - top_cosine,
                self.bm25.get(chunk_id, 0.0) / top_bm25,
                self.window_bm25.get(chunk_id, 0.0) / top_window,
                self.row_bm25.get(chunk_id, 0.0) / top_window,
                1.0 if self.typed_question else 0.0,
            ]
            rows.append(row)
        return np.array(rows, dtype=np.float64).reshape(len(rows), len(FEATURES))


@dataclass(frozen=True)
class LinearRanker:
    """A standardised linear scorer over named features (the chunk ranker here, the answer
    ranker of :mod:`kb.answer_rank`)."""

    features: tuple[str, ...]
    mean: np.ndarray
    scale: np.ndarray
    coef: np.ndarray
    intercept: float = 0.0
    trained_on: tuple[str, ...] = ()

    def score(self, features: np.ndarray) -> np.ndarray:
        """The model's score of each row (higher: more likely to hold the answer)."""
        return ((features - self.mean) / self.scale) @ self.coef + self.intercept

    def to_dict(self) -> dict:
        """The JSON form written by the fit script."""
        return {
            "features": list(self.features),
            "mean": [round(float(x), 6) for x in self.mean],
            "scale": [round(float(x), 6) for x in self.scale],
            "coef": [round(float(x), 6) for x in self.coef],
            "intercept": round(float(self.intercept), 6),
            "trained_on": list(self.trained_on),
        }

    @classmethod
    def from_dict(cls, data: dict, features: Sequence[str]) -> LinearRanker:
        """Read the JSON form; an error names a feature list that does not match the code."""
        if list(data.get("features", [])) != list(features):
            raise ValueError(
                f"ranker weights are for features {data.get('features')}, the code computes "
                f"{list(features)}: refit with scripts/fit_evidence_ranker.py"
            )
        arrays = [np.asarray(data[k], dtype=np.float64) for k in ("mean", "scale", "coef")]
        if any(a.shape != (len(features),) for a in arrays):
            raise ValueError("ranker weights need one mean, scale and coef per feature")
        intercept = float(data.get("intercept", 0.0))
        return cls(tuple(features), *arrays, intercept, tuple(data.get("trained_on", ())))

    def save(self, path: Path) -> None:
        """Write the weights as JSON."""
        path.write_text(json.dumps(self.to_dict(), indent=1) + "\n", encoding="utf-8")


def rank_chunks(ranker: LinearRanker, signals: PaperSignals) -> list[tuple[int, float]]:
    """All fused chunk ids with a score, the best ``CANDIDATES`` re-ranked by the model and
    placed first; the rest follow in fused order, scored below them."""
    fused = signals.fused()
    head, tail = fused[:CANDIDATES], fused[CANDIDATES:]
    if not head:
        return []
    scores = ranker.score(signals.features(head))
    order = np.argsort(-scores, kind="stable")
    ranked = [(head[i], float(scores[i])) for i in order]
    floor = min(s for _, s in ranked)
    return ranked + [(c, floor - 1.0 - i) for i, c in enumerate(tail)]


@lru_cache(maxsize=8)
def load_ranker(path: Path = WEIGHTS_PATH, features: tuple[str, ...] = FEATURES) -> LinearRanker:
    """Shipped weights (read once per process): the chunk ranker by default."""
    data = json.loads(Path(path).read_text(encoding="utf-8"))
    return LinearRanker.from_dict(data, features)

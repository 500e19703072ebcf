"""Reciprocal rank fusion: the one way rankings are merged (search tiers, in-paper evidence)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any


def rrf_fuse(rankings: Sequence[Sequence[Any]], k: int = 60) -> list[tuple[Any, float]]:
    """Reciprocal rank fusion of several rankings of ids: sum of 1/(k + rank), ties by id."""
    scores: dict[Any, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))

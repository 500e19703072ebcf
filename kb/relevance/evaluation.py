"""Precision, recall and F1 of the decisions against labelled judgements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from kb.relevance.scoring import Decision


def keyword_only(decision: Decision) -> bool:
    """What a keyword matcher (the old tool) would have decided."""
    return bool(decision.keyword_hits)


def _prf(predicted: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}  # fmt: skip


def evaluate(
    decisions: Sequence[Decision],
    labels: Sequence[dict[str, Any]],
    threshold: float,
    thresholds: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Precision/recall/F1 per profile for keyword-only, semantic-only and combined, and the
    threshold that maximises combined F1 on these labels."""
    index = {(d.arxiv_id, d.profile): d for d in decisions}
    thresholds = thresholds or {}
    report: dict[str, Any] = {}
    missing = [lab for lab in labels if (lab["arxiv_id"], lab["profile"]) not in index]
    for profile in sorted({lab["profile"] for lab in labels}):
        rows = [
            (index[(lab["arxiv_id"], profile)], bool(lab["relevant"]))
            for lab in labels
            if lab["profile"] == profile and (lab["arxiv_id"], profile) in index
        ]
        if not rows:
            continue
        gold = [g for _, g in rows]
        best_t, best_f1 = threshold, -1.0
        for t in np.arange(0.20, 0.80, 0.01):
            f1 = _prf([d.score >= t for d, _ in rows], gold)["f1"]
            if f1 > best_f1 + 1e-9:
                best_t, best_f1 = float(round(t, 2)), f1
        report[profile] = {
            "n": len(rows),
            "positives": sum(gold),
            "keyword_only": _prf([keyword_only(d) for d, _ in rows], gold),
            "semantic_only": _prf(
                [d.semantic_score >= thresholds.get(profile, threshold) for d, _ in rows], gold
            ),
            "combined": _prf([d.matched for d, _ in rows], gold),
            "best_threshold": best_t,
            "best_threshold_f1": round(best_f1, 4),
        }
    report["_missing_labels"] = len(missing)
    return report

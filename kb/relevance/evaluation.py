"""Precision, recall and F1 of the decisions against labelled judgements."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import numpy as np

from kb.relevance.decision import Decision

METHODS = ("keyword_only", "semantic_only", "combined")


def keyword_only(decision: Decision) -> bool:
    """What a keyword matcher (the old tool) would have decided."""
    return bool(decision.keyword_hits)


def prf(predicted: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    """Precision, recall, F1 and the counts behind them."""
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    return _figures(tp, fp, fn)


def _figures(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {
        "precision": round(precision, 4),
        "recall": round(recall, 4),
        "f1": round(f1, 4),
        "tp": tp,
        "fp": fp,
        "fn": fn,
    }


def _best_threshold(rows: list[tuple[Decision, bool]]) -> tuple[float, float]:
    """The calibrated-score threshold that maximises F1 on these labels (hindsight)."""
    gold = [g for _, g in rows]
    best_t, best_f1 = 0.0, -1.0
    for t in np.arange(-1.0, 8.0, 0.1):
        f1 = prf([d.score >= t for d, _ in rows], gold)["f1"]
        if f1 > best_f1 + 1e-9:
            best_t, best_f1 = float(round(t, 2)), f1
    return best_t, best_f1


def evaluate(
    decisions: Sequence[Decision],
    labels: Sequence[dict[str, Any]],
    skip: set[tuple[str, str]] | None = None,
) -> dict[str, Any]:
    """Figures per profile and micro-averaged over profiles (``_micro``).

    Args:
        decisions: what ``score_papers`` decided.
        labels: ``{arxiv_id, profile, relevant}`` judgements.
        skip: (arxiv_id, profile) pairs left out (e.g. the ones replayed as ratings).

    Returns:
        ``{profile: {n, positives, keyword_only, semantic_only, combined, best_threshold,
        best_threshold_f1}, "_micro": {method: figures}, "_missing_labels": n}``.
    """
    index = {(d.arxiv_id, d.profile): d for d in decisions}
    skip = skip or set()
    report: dict[str, Any] = {}
    totals = {m: [0, 0, 0] for m in METHODS}
    labels = [lab for lab in labels if (lab["arxiv_id"], lab["profile"]) not in skip]
    missing = [lab for lab in labels if (lab["arxiv_id"], lab["profile"]) not in index]
    for profile in dict.fromkeys(lab["profile"] for lab in labels):
        rows = [
            (index[(lab["arxiv_id"], profile)], bool(lab["relevant"]))
            for lab in labels
            if lab["profile"] == profile and (lab["arxiv_id"], profile) in index
        ]
        if not rows:
            continue
        gold = [g for _, g in rows]
        figures = {
            "keyword_only": prf([keyword_only(d) for d, _ in rows], gold),
            "semantic_only": prf([d.semantic_score >= d.threshold for d, _ in rows], gold),
            "combined": prf([d.matched for d, _ in rows], gold),
        }
        for method, f in figures.items():
            for j, key in enumerate(("tp", "fp", "fn")):
                totals[method][j] += int(f[key])
        best_t, best_f1 = _best_threshold(rows)
        report[profile] = {
            "n": len(rows),
            "positives": sum(gold),
            **figures,
            "best_threshold": best_t,
            "best_threshold_f1": round(best_f1, 4),
        }
    report["_micro"] = {m: _figures(*totals[m]) for m in METHODS}
    report["_missing_labels"] = len(missing)
    return report

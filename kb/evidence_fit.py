"""Fit the evidence ranker (:mod:`kb.evidence_rank`) on QA sets, and measure it fairly.

Each answerable question of a set gives one example per candidate chunk of its paper (the
best ``CANDIDATES`` after fusion), labelled by whether the chunk holds a gold evidence passage
(:func:`kb.qa_eval.evidence_hit`). A logistic regression over the standardised features is the
ranker. ``leave_one_set_out`` fits on all sets but one and measures evidence recall@k on the
one left out, for each set in turn: the figure to trust, since no set is scored by weights fitted
on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kb.db import Database
from kb.evidence_rank import CANDIDATES, FEATURES, EvidenceRanker, PaperSignals
from kb.ids import parse_paper_id
from kb.qa_eval import QAItem, evidence_hit, load_qa_set

RECALL_AT = (1, 5, 8, 10)


@dataclass
class Example:
    """One answerable question: its fused candidates, their features, which hold the answer."""

    set_name: str
    question: str
    candidates: list[int]
    features: np.ndarray
    gold: set[int]

    def recall(self, order: Sequence[int], k: int) -> bool:
        """Whether a gold chunk is among the first ``k`` of ``order``."""
        return bool(set(order[:k]) & self.gold)


def collect(
    searcher, sets: Sequence[Path], progress: Callable[[str], None] | None = None
) -> list[Example]:
    """Examples for every answerable question of ``sets`` whose paper the KB has read.

    Raises:
        ValueError: a question's paper has no full text in the KB (named in the message).
    """
    examples: list[Example] = []
    with Database.open(searcher.settings.db_path, read_only=True) as db:
        for path in sets:
            items = [item for item in load_qa_set(path) if item.answerable]
            for item in items:
                examples.append(_example(searcher, db, Path(path).stem, item))
            if progress:
                progress(f"{Path(path).name}: {len(items)} answerable questions")
    return examples


def _example(searcher, db: Database, set_name: str, item: QAItem) -> Example:
    paper_id = parse_paper_id(item.arxiv_id)[0]
    vector = searcher.embedder.embed([item.question])[0]
    n = searcher.settings.search.candidates
    signals: PaperSignals | None = searcher.paper_signals(db, paper_id, item.question, vector, n)
    if signals is None:
        raise ValueError(
            f"{set_name} line {item.line}: paper {item.arxiv_id} has no full text in the KB; "
            "ingest the set's PDFs first (kb ingest --pdf-dir DIR)"
        )
    candidates = signals.fused()[:CANDIDATES]
    chunks = db.get_chunks(candidates)
    gold = {
        c for c in candidates if c in chunks and evidence_hit(item.evidence_texts, [chunks[c].text])
    }
    return Example(set_name, item.question, candidates, signals.features(candidates), gold)


def fit(examples: Sequence[Example], c: float = 1.0) -> EvidenceRanker:
    """A logistic regression over the examples' standardised features."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([e.features for e in examples])
    y = np.concatenate([[c_id in e.gold for c_id in e.candidates] for e in examples])
    if y.all() or not y.any():
        raise ValueError("the examples need chunks both with and without the answer")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    sets = tuple(dict.fromkeys(e.set_name for e in examples))
    return EvidenceRanker(mean, scale, model.coef_[0], float(model.intercept_[0]), sets)


def recall(examples: Sequence[Example], ranker: EvidenceRanker | None) -> dict[int, float]:
    """Evidence recall@k over the examples, ranked by ``ranker`` (None: fused order)."""
    hits = dict.fromkeys(RECALL_AT, 0)
    for e in examples:
        order = e.candidates
        if ranker is not None and e.candidates:
            scores = ranker.score(e.features)
            order = [e.candidates[i] for i in np.argsort(-scores, kind="stable")]
        for k in RECALL_AT:
            hits[k] += e.recall(order, k)
    return {k: round(v / max(1, len(examples)), 3) for k, v in hits.items()}


def leave_one_set_out(examples: Sequence[Example]) -> dict[str, dict]:
    """Per set: ``{n, fused, ranker}``, recall@k of the fused order and of a ranker fitted on
    the other sets."""
    sets = list(dict.fromkeys(e.set_name for e in examples))
    if len(sets) < 2:
        raise ValueError("leave-one-set-out needs two sets or more")
    report: dict[str, dict] = {}
    for name in sets:
        held = [e for e in examples if e.set_name == name]
        ranker = fit([e for e in examples if e.set_name != name])
        report[name] = {"fused": recall(held, None), "ranker": recall(held, ranker), "n": len(held)}
    return report


__all__ = ["FEATURES", "Example", "collect", "fit", "leave_one_set_out", "recall"]

"""Fit the in-paper rankers on QA sets, and measure them fairly.

Two rankers, one method. The **chunk ranker** (:mod:`kb.evidence_rank`): each answerable
question gives one example per candidate chunk of its paper (the best ``CANDIDATES`` after
fusion), labelled by whether the chunk holds a gold evidence passage
(:func:`kb.qa_eval.evidence_hit`). The **answer ranker** (:mod:`kb.answer_rank`): one example
per evidence unit the answer could show (what ``Asker`` scores), labelled by whether the unit
holds a gold answer or a gold passage. A logistic regression over the standardised features is
the ranker. ``leave_one_set_out`` fits on all sets but one and measures recall@k on the one
left out, for each set in turn: the figure to trust, since no set is scored by weights fitted
on it.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from kb.answer_rank import UNIT_FEATURES, unit_features
from kb.db import Database
from kb.evidence_rank import CANDIDATES, FEATURES, LinearRanker, PaperSignals
from kb.ids import parse_paper_id
from kb.qa_eval import QAItem, evidence_hit, load_qa_set, normalize_text

CHUNK_RECALL_AT = (1, 5, 8, 10)
UNIT_RECALL_AT = (1, 3)
Progress = Callable[[str], None]


@dataclass
class Example:
    """One answerable question: its candidates, their features, which hold the answer."""

    set_name: str
    question: str
    candidates: list[int]
    features: np.ndarray
    gold: set[int]

    def recall(self, order: Sequence[int], k: int) -> bool:
        """Whether a gold candidate is among the first ``k`` of ``order``."""
        return bool(set(order[:k]) & self.gold)


def _answerable(sets: Sequence[Path], progress: Progress | None):
    for path in sets:
        items = [item for item in load_qa_set(path) if item.answerable]
        for item in items:
            yield Path(path).stem, item
        if progress:
            progress(f"{Path(path).name}: {len(items)} answerable questions")


def _no_full_text(set_name: str, item: QAItem) -> ValueError:
    return ValueError(
        f"{set_name} line {item.line}: paper {item.arxiv_id} has no full text in the KB; "
        "ingest the set's PDFs first (kb ingest --pdf-dir DIR)"
    )


def collect(searcher, sets: Sequence[Path], progress: Progress | None = None) -> list[Example]:
    """Chunk-ranker examples for every answerable question of ``sets``.

    Raises:
        ValueError: a question's paper has no full text in the KB (named in the message).
    """
    examples: list[Example] = []
    with Database.open(searcher.settings.db_path, read_only=True) as db:
        for set_name, item in _answerable(sets, progress):
            paper_id = parse_paper_id(item.arxiv_id)[0]
            vector = searcher.embedder.embed([item.question])[0]
            n = searcher.settings.search.candidates
            signals: PaperSignals | None = searcher.paper_signals(
                db, paper_id, item.question, vector, n
            )
            if signals is None:
                raise _no_full_text(set_name, item)
            candidates = signals.fused()[:CANDIDATES]
            chunks = db.get_chunks(candidates)
            gold = {
                c
                for c in candidates
                if c in chunks and evidence_hit(item.evidence_texts, [chunks[c].text])
            }
            features = signals.features(candidates)
            examples.append(Example(set_name, item.question, candidates, features, gold))
    return examples


def collect_answers(asker, sets: Sequence[Path], progress: Progress | None = None) -> list[Example]:
    """Answer-ranker examples: the evidence units ``asker`` scores for each answerable
    question, gold when a unit holds a gold answer or passage.

    Raises:
        ValueError: a question's paper has no full text in the KB (named in the message).
    """
    from kb.qa import Conversation

    items = list(_answerable(sets, progress))
    with Database.open(asker.settings.db_path, read_only=True) as db:
        for set_name, item in items:
            if len(db.chunk_vectors(parse_paper_id(item.arxiv_id)[0])[0]) == 0:
                raise _no_full_text(set_name, item)
    examples: list[Example] = []
    for set_name, item in items:
        paper_id = parse_paper_id(item.arxiv_id)[0]
        plan = asker._plan(item.question, Conversation(paper_id))
        units = asker._evidence(plan, paper_id)
        answers = [f" {normalize_text(a)} " for a in item.answers if normalize_text(a)]
        gold = {
            i
            for i, unit in enumerate(units)
            if any(a in f" {normalize_text(unit.full_text)} " for a in answers)
            or evidence_hit(item.evidence_texts, [unit.full_text])
        }
        features = unit_features(plan.analysed, units)
        examples.append(Example(set_name, item.question, list(range(len(units))), features, gold))
    return examples


def fit(
    examples: Sequence[Example], features: Sequence[str] = FEATURES, c: float = 1.0
) -> LinearRanker:
    """A logistic regression over the examples' standardised features."""
    from sklearn.linear_model import LogisticRegression

    x = np.vstack([e.features for e in examples])
    y = np.concatenate([[c_id in e.gold for c_id in e.candidates] for e in examples])
    if y.all() or not y.any():
        raise ValueError("the examples need candidates both with and without the answer")
    mean = x.mean(axis=0)
    scale = x.std(axis=0)
    scale[scale < 1e-9] = 1.0
    model = LogisticRegression(C=c, max_iter=5000).fit((x - mean) / scale, y)
    sets = tuple(dict.fromkeys(e.set_name for e in examples))
    return LinearRanker(
        tuple(features), mean, scale, model.coef_[0], float(model.intercept_[0]), sets
    )


def recall(
    examples: Sequence[Example], ranker: LinearRanker | None, at: Sequence[int] = CHUNK_RECALL_AT
) -> dict[int, float]:
    """Recall@k over the examples, ranked by ``ranker``; without one, in the candidates' own
    order (fusion for chunks, the hand-made score for answer units)."""
    hits = dict.fromkeys(at, 0)
    for e in examples:
        order = e.candidates
        if ranker is not None and e.candidates:
            scores = ranker.score(e.features)
            order = [e.candidates[i] for i in np.argsort(-scores, kind="stable")]
        for k in at:
            hits[k] += e.recall(order, k)
    return {k: round(v / max(1, len(examples)), 3) for k, v in hits.items()}


def leave_one_set_out(
    examples: Sequence[Example],
    features: Sequence[str] = FEATURES,
    at: Sequence[int] = CHUNK_RECALL_AT,
) -> dict[str, dict]:
    """Per set: ``{n, fused, ranker}``, recall@k of the candidates' own order and of a ranker
    fitted on the other sets."""
    sets = list(dict.fromkeys(e.set_name for e in examples))
    if len(sets) < 2:
        raise ValueError("leave-one-set-out needs two sets or more")
    report: dict[str, dict] = {}
    for name in sets:
        held = [e for e in examples if e.set_name == name]
        ranker = fit([e for e in examples if e.set_name != name], features)
        report[name] = {
            "n": len(held),
            "fused": recall(held, None, at),
            "ranker": recall(held, ranker, at),
        }
    return report


def pooled(per_set: dict[str, dict]) -> dict[str, dict[int, float]]:
    """Recall@k over all held-out sets of :func:`leave_one_set_out` together (each set
    weighted by its questions)."""
    total = sum(row["n"] for row in per_set.values())
    keys = next(iter(per_set.values()))["fused"]
    return {
        method: {
            k: round(sum(row[method][k] * row["n"] for row in per_set.values()) / total, 3)
            for k in keys
        }
        for method in ("fused", "ranker")
    }


__all__ = [
    "FEATURES",
    "UNIT_FEATURES",
    "Example",
    "collect",
    "collect_answers",
    "fit",
    "leave_one_set_out",
    "pooled",
    "recall",
]

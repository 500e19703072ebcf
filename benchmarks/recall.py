"""Evidence recall@k on the QA set, with one rule for every retriever.

The QA set is read by ``kb eval qa``'s own reader (``kb.qa_eval.load_qa_set``). Rule: retrieve
the top ``pool`` chunks over the whole index, keep those of the question's paper in rank order,
and count a hit at k when one of the first k holds a gold passage by the rule of ``kb eval qa``
(``kb.qa_eval.evidence_hit``: the passage, or half of its tokens in runs of three or more, in
order).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from kb.qa_eval import evidence_hit, load_qa_set

__all__ = ["Question", "evidence_hit", "evidence_recall", "load_questions"]

# (arxiv id, text) of the retrieved chunks, best first
Retriever = Callable[[str, int], list[tuple[str, str]]]

POOL = 50
KS = (1, 5, 10)


@dataclass
class Question:
    """An answerable QA line: the paper, the question and its verbatim evidence."""

    arxiv_id: str
    question: str
    evidence: list[str]


def load_questions(path: Path, arxiv_ids: set[str] | None = None) -> list[Question]:
    """Answerable questions with evidence, optionally only those about ``arxiv_ids``.

    The file is read and validated by ``kb.qa_eval.load_qa_set`` (the reader of ``kb eval qa``):
    a malformed line is a ConfigError naming it, never a silently skipped question.
    """
    return [
        Question(item.arxiv_id, item.question, item.evidence_texts)
        for item in load_qa_set(path)
        if item.answerable and (arxiv_ids is None or item.arxiv_id in arxiv_ids)
    ]


def evidence_recall(
    questions: Sequence[Question], retrieve: Retriever, ks: Sequence[int] = KS, pool: int = POOL
) -> dict[str, float]:
    """``{"@1": r, "@5": r, "@10": r, "n": questions}`` for one retriever."""
    hits = {k: 0 for k in ks}
    for question in questions:
        ranked = [text for arxiv_id, text in retrieve(question.question, pool)
                  if arxiv_id == question.arxiv_id]  # fmt: skip
        for k in ks:
            hits[k] += evidence_hit(question.evidence, ranked[:k])
    n = max(1, len(questions))
    figures: dict[str, float] = {f"@{k}": round(hits[k] / n, 4) for k in ks}
    figures["n"] = len(questions)
    return figures

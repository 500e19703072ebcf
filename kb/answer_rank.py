"""Choose which evidence units an extractive answer shows, with a small fitted linear model.

The candidates (sentences and table rows of the retrieved chunks) keep their hand-made score
(cosine + shared terms + answer-type cue), which the decline rule reads. What the answer
*shows* is chosen by a logistic regression over that score's parts and a few more cues: the
cosine below the best candidate's, the share of the question's terms (also weighted by how
rare each is among the candidates), the question's focus and names found in the unit, whether
it holds a number (and the question asks for one), whether it is a table row, the rank of its
chunk and its length. The answer leads with the model's best unit and adds up to
``max_sentences - 1`` units whose model score is within ``qa.answer_margin`` of it, in paper
order. Weights: ``kb/data/answer_ranker.json``, refitted by ``scripts/fit_evidence_ranker.py``.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from kb.answer import Sentence
from kb.evidence_rank import LinearRanker, load_ranker
from kb.question import Question, holds_answer_kind, missing_names

UNIT_FEATURES = (
    "cosine",
    "cosine_below_best",
    "term_share",
    "terms",
    "answer_cue",
    "table_row",
    "chunk_rank",
    "typed_question",
    "length",
    "rare_term_share",
    "focus_share",
    "name_share",
    "holds_number",
    "number_asked_and_held",
)
ANSWER_WEIGHTS_PATH = Path(__file__).parent / "data" / "answer_ranker.json"


def unit_features(question: Question, candidates: Sequence[Sentence]) -> np.ndarray:
    """One row of ``UNIT_FEATURES`` per scored candidate (``score_candidates`` sets
    ``cosine``, ``terms`` and ``strength``)."""
    if not candidates:
        return np.zeros((0, len(UNIT_FEATURES)))
    terms = set(question.terms)
    held = [set(c.terms) for c in candidates]  # the question's terms in the unit
    df = {t: sum(t in h for h in held) for t in terms}
    idf = {t: math.log((len(candidates) + 1) / (df[t] + 0.5)) for t in terms}
    total_idf = sum(idf.values()) or 1.0
    top_cosine = max(c.cosine for c in candidates)
    focus, names = set(question.focus), question.names
    rows = []
    for c, shared in zip(candidates, held, strict=True):
        number = holds_answer_kind("number", c.full_text)
        rows.append([
            c.cosine,
            c.cosine - top_cosine,
            len(shared) / max(1, len(terms)),
            float(len(shared)),
            float(c.strength),
            float(c.kind == "row"),
            1.0 / (1 + c.order[0]),
            float(question.wants != "any"),
            len(c.full_text) / 200,
            sum(idf[t] for t in shared) / total_idf,
            len(focus & shared) / len(focus) if focus else 1.0,
            1 - len(missing_names(names, c.full_text)) / len(names) if names else 1.0,
            float(number),
            float(number and question.wants == "number"),
        ])  # fmt: skip
    return np.array(rows, dtype=np.float64)


def load_answer_ranker(path: Path = ANSWER_WEIGHTS_PATH) -> LinearRanker:
    """The shipped answer-ranker weights (read once per process)."""
    return load_ranker(path, UNIT_FEATURES)


def choose_ranked(
    question: Question,
    candidates: Sequence[Sentence],
    ranker: LinearRanker,
    max_sentences: int,
    margin: float,
) -> list[Sentence]:
    """The model's best unit, then up to ``max_sentences - 1`` units scoring within
    ``margin`` of it, in paper order."""
    if not candidates:
        return []
    scores = ranker.score(unit_features(question, candidates))
    order = np.argsort(-scores, kind="stable")
    lead = candidates[order[0]]
    support = [
        candidates[i]
        for i in order[1:]
        if scores[i] >= scores[order[0]] - margin and candidates[i].text != lead.text
    ][: max(0, max_sentences - 1)]
    support.sort(key=lambda s: (s.arxiv_id, s.page, s.order[2]))
    return [lead, *support]

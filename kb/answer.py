"""Extractive answers: the evidence unit that answers first, then its support, or a decline.

Candidates are the sentences and table rows of the retrieved chunks (a caption alone is never
one; a row carries its caption and header). Each is scored by meaning (cosine to the
question), by the share of the question's terms it holds, and by whether it holds the kind of
entity the question wants (a number for "how many", a name for "which model"; twice the bonus
when stated as asked, "based on the Qwen2.5-7b"). ``choose`` leads with the best candidate;
candidates close to it follow in paper order (``qa.answer_ranker``, off by default, lets the
fitted ranker of ``kb.answer_rank`` choose instead). The decline rule
(``should_decline``) uses the best score, whether the best units hold a number when one is
asked for, count what a "how many" question counts, and mention a number question's focus.
Weights and thresholds were chosen on tests/data/qa.jsonl and the PaSa examples only; the
number rule on the four earlier sets, the count rule on the seventeen sets to qa_final15.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from kb.config import QASettings
from kb.lexical import tokenize
from kb.passages import split_units
from kb.question import Question, answer_strength, holds_answer_kind, states_count
from kb.textsafe import looks_like_instruction
from kb.types import Hit

MIN_SENTENCE_CHARS = 25


@dataclass
class Sentence:
    """A candidate evidence unit (sentence or table row) with where it comes from."""

    text: str
    arxiv_id: str
    page: int
    chunk_id: int
    order: tuple[int, int, int]
    score: float = 0.0
    kind: str = "sentence"
    context: str = ""
    terms: frozenset[str] = frozenset()
    cosine: float = 0.0
    strength: int = 0

    @property
    def typed(self) -> bool:
        """Whether the unit holds the kind of entity the question wants."""
        return self.strength > 0

    @property
    def full_text(self) -> str:
        """The unit with its table caption and header when it is a row."""
        return f"{self.context} — {self.text}" if self.context else self.text


def page_of(sentence: str, hit: Hit, page_texts: dict[int, str]) -> int:
    """The page holding a sentence of a chunk that may span pages."""
    if hit.page_end and hit.page_end != hit.page:
        probe = " ".join(sentence.split())[:80]
        for page in range(hit.page, hit.page_end + 1):
            if probe and probe in " ".join(page_texts.get(page, "").split()):
                return page
    return hit.page


def candidates_of(hits: Sequence[Hit], pages: dict[str, dict[int, str]]) -> list[Sentence]:
    """The answerable units of the retrieved chunks (no captions, no injected orders)."""
    found: list[Sentence] = []
    seen: set[str] = set()
    for rank, hit in enumerate(hits):
        for unit in split_units(hit.text):
            if unit.kind == "caption" or unit.text in seen:
                continue
            if unit.kind == "sentence" and len(unit.text) < MIN_SENTENCE_CHARS:
                continue
            if looks_like_instruction(unit.text):  # injected orders are not evidence
                continue
            seen.add(unit.text)
            page = page_of(unit.text, hit, pages.get(hit.arxiv_id, {}))
            found.append(
                Sentence(unit.text, hit.arxiv_id, page, hit.chunk_id,
                         (rank, hit.page, unit.position), kind=unit.kind, context=unit.context)
            )  # fmt: skip
    return found


def score_candidates(
    question: Question,
    query_vector: np.ndarray,
    vectors: np.ndarray,
    candidates: list[Sentence],
    settings: QASettings,
) -> list[Sentence]:
    """Score candidates (meaning + shared terms + wanted entity), best first."""
    cosine = vectors @ query_vector if len(candidates) else np.zeros(0)
    token_lists = tokenize([c.full_text for c in candidates])
    for candidate, cos, tokens in zip(candidates, cosine, token_lists, strict=True):
        candidate.terms = frozenset(tokens) & question.terms
        overlap = len(candidate.terms) / max(1, len(question.terms))
        strength = answer_strength(question.wants, candidate.text) if question.wants != "any" else 0
        candidate.cosine, candidate.strength = float(cos), strength
        candidate.score = (
            float(cos) + settings.overlap_weight * overlap + settings.cue_weight * strength
        )
    return sorted(candidates, key=lambda c: -c.score)


def choose(ranked: list[Sentence], settings: QASettings) -> list[Sentence]:
    """The lead (best) candidate, then up to ``max_sentences - 1`` close ones in paper order."""
    if not ranked:
        return []
    lead, support = ranked[0], []
    for candidate in ranked[1:]:
        if len(support) + 1 >= settings.max_sentences:
            break
        if candidate.score < lead.score - settings.score_margin:
            break
        if candidate.text != lead.text:
            support.append(candidate)
    support.sort(key=lambda s: (s.arxiv_id, s.page, s.order[2]))
    return [lead, *support]


def should_decline(question: Question, ranked: list[Sentence], settings: QASettings) -> bool:
    """Weak evidence: the best score is under ``min_score``; or the question asks for a
    number and none of the best ``number_window`` units holds one ("how many runs" answered
    by "the average of multiple runs"); or it asks how many of something and none of the
    best ``count_window`` units counts that thing ("how many *hospitals*" answered by
    "51,697 inpatient admissions"); or the best score is under ``focus_override`` and, for a
    question asking for a number, none of the best ``focus_window`` units mentions the
    quantity it asks about ("how many *seconds*"). Other questions' focus is not required:
    their answers paraphrase it ("what *restriction*", "what *safeguards*"); nor are the
    names a question uses, which the paper's tables and leaderboards hold outside the best
    units (a name the whole paper lacks is declined before, see ``kb.question.unmentioned``)."""
    if not ranked or ranked[0].score < settings.min_score:
        return True
    best = ranked[: settings.number_window] if question.wants == "number" else []
    if best and not any(holds_answer_kind("number", c.full_text) for c in best):
        return True
    counting = ranked[: settings.count_window] if question.counted else []
    if counting and not any(
        states_count(question.counted, c.full_text, c.kind == "row") for c in counting
    ):
        return True
    if ranked[0].score >= settings.focus_override:
        return False
    if not question.focus or question.wants != "number":
        return False
    near = ranked[: settings.focus_window]
    return not (question.focus & frozenset().union(*(c.terms for c in near)))


def render(chosen: Sequence[Sentence], many_papers: bool) -> str:
    """The answer text: each unit followed by its page citation."""
    parts = []
    for s in chosen:
        cite = f"[{s.arxiv_id} p. {s.page}]" if many_papers else f"[p. {s.page}]"
        text = s.full_text if s.kind == "row" else s.text
        parts.append(f"{text} {cite}")
    return " ".join(parts)

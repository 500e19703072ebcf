"""Questions about one paper (or all): retrieve evidence, answer with cited pages, or decline.

The extractive backend (no model) leads with the evidence unit that answers (kb.answer), then
support; a model backend writes from the same evidence, streamed, its citations checked
(kb.answer_model). When the evidence is weak the answer says so plainly. A non-English
question is translated by the model for retrieval, or, offline, refused with a plain note
that the bundled embedder is English-only (unless embedding.multilingual is set).
"""

from __future__ import annotations

import logging
import re
from collections import OrderedDict
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from kb.answer import Sentence, candidates_of, choose, render, score_candidates, should_decline
from kb.answer_model import (
    SYSTEM,
    build_prompt,
    finish,
    question_language,
    stream_text,
    translate_question,
)
from kb.answer_rank import choose_ranked, load_answer_ranker
from kb.config import Settings
from kb.db import Database
from kb.lexical import tokenize
from kb.llm.base import LLM
from kb.llm.factory import get_backend
from kb.question import Question, analyse, unmentioned
from kb.search import Searcher, SearchFilters

log = logging.getLogger(__name__)

NOT_FOUND = "The paper does not appear to answer this question."
NOT_FOUND_ALL = "No paper in the knowledge base appears to answer this question."
ENGLISH_ONLY = (
    "The offline embedder (all-MiniLM-L6-v2) understands English only, so this question "
    "cannot be matched to the paper. Ask in English, configure a model backend ([llm], which "
    "translates the question), or set embedding.model to a local multilingual "
    "sentence-transformers folder with embedding.multilingual = true."
)
VECTOR_CACHE_SIZE = 20_000  # evidence sentences whose vectors a long-lived Asker keeps
_FOLLOW_UP = re.compile(
    r"\b(it|its|they|them|their|this|that|these|those|the same|above|previous|more)\b", re.I
)


@dataclass
class Citation:
    """A page of a paper that an answer rests on, with the chunk and sentence."""

    arxiv_id: str
    page: int
    chunk_id: int
    text: str

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of ``kb ask --json`` citations."""
        return {
            "arxiv_id": self.arxiv_id,
            "page": self.page,
            "chunk_id": self.chunk_id,
            "text": self.text,
        }


@dataclass
class Answer:
    """An answer with its citations, or ``found=False`` with a plain statement."""

    answer: str
    citations: list[Citation]
    found: bool
    backend: str = "extractive"
    model: str = ""

    def to_dict(self) -> dict[str, Any]:
        """``{answer, citations: [{arxiv_id, page, chunk_id, text}], found}`` (+ backend)."""
        return {
            "answer": self.answer,
            "citations": [c.to_dict() for c in self.citations],
            "found": self.found,
            "backend": self.backend,
            "model": self.model,
        }


@dataclass
class Conversation:
    """Earlier turns about a paper, so a follow-up ("and on which datasets?") keeps context."""

    arxiv_id: str | None = None
    turns: list[tuple[str, Answer]] = field(default_factory=list)

    def retrieval_query(self, question: str) -> str:
        """The question, with the previous one prepended when this one leans on it."""
        if not self.turns:
            return question
        short = len(tokenize([question])[0]) <= 3
        if short or _FOLLOW_UP.search(question):
            return f"{self.turns[-1][0]} {question}"
        return question


class Asker:
    """Answers questions over the knowledge base; holds the searcher and model once."""

    def __init__(
        self, settings: Settings, searcher: Searcher | None = None, llm: LLM | None = None
    ) -> None:
        """``llm``: the backend (default: the one configured in ``settings.llm``)."""
        self.settings = settings
        self.searcher = searcher or Searcher(settings)
        self.llm = llm or get_backend(settings.llm)
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()

    def ask(
        self,
        question: str,
        arxiv_id: str | None = None,
        conversation: Conversation | None = None,
    ) -> Answer:
        """Answer from the evidence, citing pages; ``found=False`` when there is none."""
        for _ in self.stream(question, arxiv_id, conversation):
            pass
        return self._last

    def stream(
        self,
        question: str,
        arxiv_id: str | None = None,
        conversation: Conversation | None = None,
    ) -> Iterator[str]:
        """The answer as it is written (a model's tokens, or the extractive answer at once);
        when the iterator ends, ``conversation.turns[-1]`` (and ``last``) hold the Answer,
        whose cleaned text may differ from the streamed one (invalid citations removed)."""
        conversation = conversation or Conversation(arxiv_id)
        plan = self._plan(question, conversation)
        if not plan.refusal and arxiv_id and self.settings.qa.missing_names:
            plan.refusal = self._unmentioned(plan.analysed, arxiv_id)
        if plan.refusal:
            answer = self._declined(arxiv_id, plan.refusal)
        else:
            evidence = self._evidence(plan, arxiv_id)
            if not self.llm.writes:
                answer = self._extractive(plan.analysed, evidence, arxiv_id)
            elif not evidence or evidence[0].score < self.settings.qa.min_score:
                answer = self._declined(arxiv_id)
            else:
                answer = yield from self._model_answer(plan, evidence, arxiv_id, conversation)
        if not self.llm.writes or plan.refusal or not answer.found:
            yield answer.answer  # nothing was streamed: the answer comes at once
        self._last = answer
        conversation.turns.append((question, answer))

    @property
    def last(self) -> Answer:
        """The answer of the last ``ask``/``stream``."""
        return self._last

    def _plan(self, question: str, conversation: Conversation) -> Plan:
        """The English retrieval query for a question (translated by the model when needed)."""
        language = question_language(question)
        english = question
        if language != "en":
            if self.llm.writes:
                english = translate_question(self.llm, question)
            elif not self.settings.embedding.multilingual:
                return Plan(question, question, analyse(question), language, ENGLISH_ONLY)
        query = conversation.retrieval_query(english)
        return Plan(question, query, analyse(english), language)

    def _unmentioned(self, question: Question, arxiv_id: str) -> str | None:
        """A decline naming what the question asks about and the paper never mentions (see
        ``kb.question.unmentioned``)."""
        if not (question.names or question.proper_names or question.examples):
            return None
        with Database.open(self.settings.db_path, read_only=True) as db:
            pages = db.page_texts(arxiv_id)
        if not pages:  # known from its abstract only: nothing to check against
            return None
        missing = unmentioned(question, "\n".join(pages.values()))
        if not missing:
            return None
        named = ", ".join(f'"{name}"' for name in missing)
        return f"The paper never mentions {named}, so it does not answer this question."

    def _evidence(self, plan: Plan, arxiv_id: str | None) -> list[Sentence]:
        """Candidate units of the retrieved chunks, scored for the question, best first."""
        filters = SearchFilters(paper=arxiv_id)
        qa = self.settings.qa
        hits = self.searcher.search(plan.query, qa.chunks, filters, rerank=qa.evidence_ranker)
        pages: dict[str, dict[int, str]] = {}
        with Database.open(self.settings.db_path, read_only=True) as db:
            for hit in hits:
                if hit.page_end and hit.page_end != hit.page and hit.arxiv_id not in pages:
                    pages[hit.arxiv_id] = db.page_texts(hit.arxiv_id)
        candidates = candidates_of(hits, pages)
        if not candidates:
            return []
        vectors = self._embed([plan.query, *[c.full_text for c in candidates]])
        return score_candidates(plan.analysed, vectors[0], vectors[1:], candidates,
                                self.settings.qa)  # fmt: skip

    def _embed(self, texts: list[str]) -> np.ndarray:
        """Vectors of texts, those seen before in this process reused: a follow-up in the app
        mostly re-reads the same evidence (vectors do not depend on their batch, so the
        figures are the same)."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._vectors]
        if missing:
            self._vectors.update(zip(missing, self.searcher.embedder.embed(missing), strict=True))
            while len(self._vectors) > VECTOR_CACHE_SIZE:
                self._vectors.popitem(last=False)
        return np.vstack([self._vectors[t] for t in texts])

    def _backend(self) -> tuple[str, str]:
        """(backend, model) an answer records; an extractive answer names no model."""
        return self.llm.name, self.llm.model if self.llm.writes else ""

    def _declined(self, arxiv_id: str | None, text: str | None = None) -> Answer:
        backend, model = self._backend()
        return Answer(text or (NOT_FOUND if arxiv_id else NOT_FOUND_ALL), [], False, backend, model)

    def _extractive(
        self, question: Question, ranked: list[Sentence], arxiv_id: str | None
    ) -> Answer:
        """The answering unit first, then its support, cited; or a decline."""
        qa = self.settings.qa
        if should_decline(question, ranked, qa):
            return self._declined(arxiv_id)
        if qa.answer_ranker:
            chosen = choose_ranked(
                question, ranked, load_answer_ranker(), qa.max_sentences, qa.answer_margin
            )
        else:
            chosen = choose(ranked, qa)
        many = len({s.arxiv_id for s in chosen}) > 1 or arxiv_id is None
        citations = [Citation(s.arxiv_id, s.page, s.chunk_id, s.full_text) for s in chosen]
        return Answer(render(chosen, many), citations, True, *self._backend())

    def _model_answer(
        self,
        plan: Plan,
        ranked: list[Sentence],
        arxiv_id: str | None,
        conversation: Conversation,
    ) -> Iterator[str]:
        """Stream the model's answer from the best evidence; return the checked Answer."""
        evidence = ranked[: self.settings.qa.model_evidence]
        history = [(q, a.answer) for q, a in conversation.turns if a.found]
        prompt = build_prompt(plan.question, evidence, history, plan.language)
        pieces = []
        for piece in stream_text(self.llm, prompt, SYSTEM, self.settings.llm.max_tokens):
            pieces.append(piece)
            yield piece
        written = finish("".join(pieces), evidence)
        if not written.text:
            return self._declined(arxiv_id)
        citations = [Citation(s.arxiv_id, s.page, s.chunk_id, s.full_text) for s in written.cited]
        return Answer(written.text, citations, True, *self._backend())

    def _answer_with_model(
        self, question: str, evidence: list[Sentence], arxiv_id: str | None, *_: str
    ) -> Answer:
        """A model answer from given evidence, without retrieval (used by tests)."""
        plan = Plan(question, question, analyse(question), question_language(question))
        generator = self._model_answer(plan, evidence, arxiv_id, Conversation(arxiv_id))
        try:
            while True:
                next(generator)
        except StopIteration as stop:
            return stop.value


@dataclass
class Plan:
    """How one question is handled: the retrieval query, its analysis, the answer language,
    and a refusal text when it cannot be handled at all."""

    question: str
    query: str
    analysed: Question
    language: str = "en"
    refusal: str | None = None


def ask(settings: Settings, question: str, arxiv_id: str | None = None) -> Answer:
    """One question, no conversation (the CLI)."""
    return Asker(settings).ask(question, arxiv_id)

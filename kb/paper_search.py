"""Evidence retrieval inside one paper at two granularities: chunks and sentence windows.

Chunks (~1,200 characters) give recall; a question's few rare words or its number are
diluted in a chunk's vector and its BM25 length, so each chunk is also cut into windows of two
sentences (a table row is a window of its own, with its caption and header) and the windows
are ranked by BM25. A chunk then ranks by its best window. When the question wants a number,
a model or a dataset, the windows holding such an entity are ranked once more on their own
(question-type cues), and those stating it as asked ("based on the Qwen2.5-7b" for "which
model is it based on") once more again. These rankings are fused with the chunk-level ones
by reciprocal rank; `kb search --paper` re-ranks the best fused chunks with a small fitted
model (:mod:`kb.evidence_rank`).
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass

import bm25s
import numpy as np

from kb.lexical import tokenize
from kb.passages import Unit, split_units
from kb.question import Question, answer_strength
from kb.types import Chunk

WINDOW_SENTENCES = 2
# bm25s logs "Building index from tokens" at DEBUG on its own logger for every index: one per
# question here, so it is kept to INFO and up
logging.getLogger("bm25s").setLevel(logging.INFO)


@dataclass(frozen=True)
class Window:
    """Consecutive units of one chunk, searched as one short text."""

    chunk_id: int
    text: str
    kind: str


def chunk_windows(chunk: Chunk) -> list[Window]:
    """A chunk's windows: each run of WINDOW_SENTENCES sentences, each caption, each table
    row (with its caption and header)."""
    units = split_units(chunk.text)
    windows: list[Window] = []
    sentences: list[Unit] = [u for u in units if u.kind == "sentence"]
    for unit in units:
        if unit.kind != "sentence":
            windows.append(Window(chunk.chunk_id, unit.full_text, unit.kind))
    for start in range(max(1, len(sentences) - WINDOW_SENTENCES + 1)):
        part = sentences[start : start + WINDOW_SENTENCES]
        if part:
            windows.append(Window(chunk.chunk_id, " ".join(u.text for u in part), "sentence"))
    return windows


class PaperPassages:
    """One paper's windows and a BM25 index over them (built in milliseconds, kept per paper)."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.windows = [w for chunk in chunks for w in chunk_windows(chunk)]
        self.model: bm25s.BM25 | None = None
        tokens = tokenize([f"{w.text}" for w in self.windows])
        if self.windows and any(tokens):
            self.model = bm25s.BM25()
            self.model.index(tokens, show_progress=False)

    def window_scores(self, question: Question) -> np.ndarray:
        """BM25 score of every window for the question (zeros when nothing matches)."""
        scores = np.zeros(len(self.windows), dtype=np.float32)
        if self.model is None or not question.terms:
            return scores
        return self.model.get_scores(sorted(question.terms)).astype(np.float32)

    def signals(
        self, question: Question
    ) -> tuple[dict[str, list[int]], dict[int, float], dict[int, float]]:
        """Chunk ids ranked by their best window ("window"), and for a typed question by their
        best window holding the wanted kind of entity ("typed") and stating it as asked
        ("stated"), empty rankings left out; and per chunk the BM25 score of its best window
        and of its best table row."""
        scores = self.window_scores(question)
        order = [int(i) for i in np.argsort(-scores, kind="stable") if scores[i] > 0]
        rankings = {"window": _chunks_in_order(self.windows[i].chunk_id for i in order)}
        if question.wants != "any":
            strength = {i: answer_strength(question.wants, self.windows[i].text) for i in order}
            typed = sorted((i for i in order if strength[i]), key=lambda i: -strength[i])
            rankings["typed"] = _chunks_in_order(self.windows[i].chunk_id for i in typed)
            # a window that states it as asked ("based on the Qwen2.5-7b") votes once more
            strong = [i for i in typed if strength[i] == 2]
            rankings["stated"] = _chunks_in_order(self.windows[i].chunk_id for i in strong)
        best: dict[int, float] = {}
        best_row: dict[int, float] = {}
        for i in order:
            window, score = self.windows[i], float(scores[i])
            best.setdefault(window.chunk_id, score)  # order is best first
            if window.kind == "row":
                best_row.setdefault(window.chunk_id, score)
        return {k: v for k, v in rankings.items() if v}, best, best_row


def _chunks_in_order(chunk_ids: Iterable[int]) -> list[int]:
    """Chunk ids without repeats, first occurrence kept."""
    return list(dict.fromkeys(chunk_ids))


class PassageCache:
    """The last few papers' passages, keyed by paper id and the checksum of its chunks."""

    def __init__(self, size: int = 8) -> None:
        self.size = size
        self._items: OrderedDict[tuple[str, str], PaperPassages] = OrderedDict()

    def get(
        self, arxiv_id: str, checksum: str, load: Callable[[], Sequence[Chunk]]
    ) -> PaperPassages:
        """The passages of a paper, built from ``load()`` when not cached for these chunks."""
        key = (arxiv_id, checksum)
        if key in self._items:
            self._items.move_to_end(key)
            return self._items[key]
        passages = PaperPassages(load())
        self._items[key] = passages
        while len(self._items) > self.size:
            self._items.popitem(last=False)
        return passages

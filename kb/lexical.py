"""BM25 over chunk texts (bm25s), derived from DuckDB like the FAISS index.

Exact terms (benchmark names such as LIBERO, method names, symbols such as pi0) are where dense
vectors are weak; BM25 finds them. The index is saved in a versioned folder named by the
checksum of its chunk ids, and a pointer file is swapped atomically, so a reader never sees a
half-written index. The folder name carries ``TOKENIZER_VERSION`` too: an index written by
another tokenizer is not loaded but rebuilt (and the old folder removed) on first use.
"""

from __future__ import annotations

import logging
import os
import re
import shutil
import tempfile
import unicodedata
from collections.abc import Callable, Sequence
from pathlib import Path

import bm25s
import numpy as np
import Stemmer

from kb.atomic import write_atomic
from kb.db import Database
from kb.vectors import ids_checksum

log = logging.getLogger(__name__)

POINTER = "CURRENT"
# Bumped whenever tokenize() changes: a saved index made by another tokenizer is rebuilt.
TOKENIZER_VERSION = 2  # 2: model names, versions and numbers kept whole; stems
STOPWORDS = frozenset((
    "a", "an", "and", "are", "as", "at", "be", "been", "being", "but", "by", "can", "could",
    "did", "do", "does", "done", "for", "from", "had", "has", "have", "how", "if", "in",
    "into", "is", "it", "its", "many", "much", "no", "not", "of", "on", "or", "our", "so",
    "such", "than", "that", "the", "their", "them", "then", "there", "these", "they", "this",
    "those", "to", "was", "we", "were", "what", "when", "where", "which", "while", "who",
    "whom", "why", "will", "with", "would", "you",
))  # fmt: skip
# A word: letters and digits, joined inside by . - _ / + @ (Qwen2.5-7b, GPT-4o, 28.4, recall@20)
_TOKEN = re.compile(r"[^\W_]+(?:[.\-_/+@][^\W_]+)*")
_JOINER = re.compile(r"[.\-_/+@]")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}\b)")
_LETTERS = re.compile(r"[^\W\d_]+")
_STEMMER = Stemmer.Stemmer("english")


def _word_tokens(word: str) -> list[str]:
    """Tokens of one word: the word, and for a compound its versioned prefixes and its parts.

    "qwen2.5-7b" gives qwen2.5-7b, qwen2.5, qwen2, qwen, 7b; "28.4" stays 28.4 (a number is
    not split); plain words are stemmed (trained -> train); one letter alone is no token.
    """
    if word.isalpha():
        return [] if len(word) < 2 or word in STOPWORDS else [_STEMMER.stemWord(word)]
    if word.isalnum():  # letters and digits mixed (gpt4, 4o, qwen2) or a plain number
        return [word, *(_STEMMER.stemWord(p) for p in _LETTERS.findall(word) if len(p) >= 3)]
    parts = _JOINER.split(word)
    if all(p.isdigit() for p in parts):  # 28.4, 1.5.2, 2023-10: one number, kept whole
        return [word]
    tokens = [word]
    for end in range(1, len(parts)):  # prefixes holding a version: qwen2.5 of qwen2.5-7b
        prefix = word[: sum(len(p) + 1 for p in parts[:end]) - 1]
        if any(ch.isdigit() for ch in prefix) and not prefix.isdigit():
            tokens.append(prefix)
    for part in parts:
        if not part.isdigit():
            tokens.extend(_word_tokens(part))
    if all(p.isalpha() for p in parts):  # fine-tuned also matches finetuned
        tokens.append(_STEMMER.stemWord("".join(parts)))
    return list(dict.fromkeys(tokens))


def tokenize(texts: list[str]) -> list[list[str]]:
    """Lowercased tokens without stopwords, the same for chunks and queries.

    Model names, versions and numbers stay whole ("Qwen2.5-7b", "GPT-4o", "28.4", "33,511" as
    33511), with their parts added so "Qwen" or "GPT-4" still match; words are stemmed.
    """
    out = []
    for text in texts:
        text = _THOUSANDS.sub("", unicodedata.normalize("NFKC", text or "").lower())
        tokens: list[str] = []
        for match in _TOKEN.finditer(text):
            tokens.extend(_word_tokens(match.group(0)))
        out.append(tokens)
    return out


_VERSION_SUFFIX = f"-tok{TOKENIZER_VERSION}"


def index_name(ids: np.ndarray) -> str:
    """The folder name of an index: its chunk ids' checksum and the tokenizer version."""
    return f"{ids_checksum(ids)}{_VERSION_SUFFIX}"


class LexicalIndex:
    """A BM25 index whose document i is the chunk ``ids[i]``."""

    def __init__(self, model: bm25s.BM25 | None, ids: np.ndarray) -> None:
        self.model = model
        self.ids = ids
        self._position = {int(cid): i for i, cid in enumerate(ids)}

    @classmethod
    def build(cls, db: Database) -> LexicalIndex:
        """Index every chunk stored in DuckDB."""
        chunks = list(db.iter_chunk_texts())
        return cls.from_texts(
            [c.chunk_id for c in chunks], [f"{c.section}\n{c.text}" for c in chunks]
        )

    @classmethod
    def from_texts(cls, ids: Sequence[int], texts: Sequence[str]) -> LexicalIndex:
        """Index texts whose document i has the id ``ids[i]``."""
        array = np.asarray(list(ids), dtype=np.int64)
        if not len(array):
            return cls(None, array)
        model = bm25s.BM25()
        model.index(tokenize(list(texts)), show_progress=False)
        return cls(model, array)

    def search(self, query: str, k: int, only: np.ndarray | None = None) -> list[tuple[int, float]]:
        """(chunk id, BM25 score) best first; ``only`` restricts to some chunk ids."""
        if self.model is None or len(self.ids) == 0:
            return []
        tokens = tokenize([query])
        if not tokens[0]:
            return []
        mask = None
        if only is not None:
            mask = np.zeros(len(self.ids), dtype=np.float32)
            positions = [self._position[int(c)] for c in only if int(c) in self._position]
            if not positions:
                return []
            mask[positions] = 1.0
        k = min(k, len(self.ids))
        docs, scores = self.model.retrieve(
            tokens, k=k, show_progress=False, weight_mask=mask, n_threads=1
        )
        return [
            (int(self.ids[d]), float(s)) for d, s in zip(docs[0], scores[0], strict=True) if s > 0
        ]

    def save(self, folder: Path) -> None:
        """Write into a fresh versioned folder, then swap the pointer file atomically."""
        folder.mkdir(parents=True, exist_ok=True)
        name = index_name(self.ids)
        target = folder / name
        if not target.exists():
            tmp = Path(tempfile.mkdtemp(dir=folder, prefix=".build-"))
            np.save(tmp / "ids.npy", self.ids)
            if self.model is not None:
                self.model.save(str(tmp / "bm25"), show_progress=False)
            os.replace(tmp, target)
        write_atomic(folder / POINTER, name)
        for old in folder.iterdir():  # older versions no reader points to any more
            if old.is_dir() and old.name != name and not old.name.startswith(".build-"):
                shutil.rmtree(old, ignore_errors=True)

    @classmethod
    def load(cls, folder: Path) -> LexicalIndex | None:
        """The saved index, or None."""
        pointer = folder / POINTER
        if not pointer.exists():
            return None
        name = pointer.read_text(encoding="utf-8").strip()
        target = folder / name
        if not name.endswith(_VERSION_SUFFIX) or not (target / "ids.npy").exists():
            return None  # made by another tokenizer (or half there): the caller rebuilds
        ids = np.load(target / "ids.npy")
        model = None
        if (target / "bm25").exists():
            model = bm25s.BM25.load(str(target / "bm25"), show_progress=False)
        return cls(model, ids)


def open_lexical(folder: Path, db: Database) -> LexicalIndex:
    """The saved BM25 index when it covers exactly DuckDB's chunks, else a fresh one."""
    return _open_saved(folder, db.chunk_ids(), lambda: LexicalIndex.build(db))


def open_abstract_lexical(folder: Path, db: Database, model: str) -> LexicalIndex:
    """BM25 over every paper's title and abstract (document ids = paper vector ids), saved
    like the chunk index and rebuilt when the papers with a vector change."""

    def build() -> LexicalIndex:
        rows = list(db.iter_abstracts(model))
        return LexicalIndex.from_texts([r[0] for r in rows], [f"{r[1]}\n{r[2]}" for r in rows])

    return _open_saved(folder, db.paper_vector_ids(model), build)


def _open_saved(folder: Path, ids: np.ndarray, build: Callable[[], LexicalIndex]) -> LexicalIndex:
    """The index saved in ``folder`` when it holds exactly ``ids``, else ``build()`` saved."""
    index = LexicalIndex.load(folder)
    if index is not None and ids_checksum(index.ids) == ids_checksum(ids):
        return index
    index = build()
    try:
        index.save(folder)
    except OSError as exc:  # a read-only home still gets results, just not cached
        log.warning("could not save the BM25 index in %s: %s", folder, exc)
    return index

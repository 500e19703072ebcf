"""Section-aware evidence inside one paper: chunks, then sentences, each on a verified page."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

import numpy as np

from kb.db import Database
from kb.embed import Embedder, embed_cached
from kb.sentences import is_full_sentence, split_sentences
from kb.textsafe import looks_like_instruction
from kb.types import ANALYSIS_SECTIONS, Chunk

# For each analysis section: what to look for, which paper headings to prefer, and the words
# that make a sentence informative for it.
SECTION_QUERIES: dict[str, dict[str, str | list[str]]] = {
    "summary": {
        "queries": [
            "In this paper we propose a new method and show that it outperforms prior work.",
            "We present a system that addresses this problem.",
        ],
        "headings": r"abstract|conclu|summary",
        "cues": r"\b(we (propose|present|introduce|develop)|this paper|in this work|our (method|"
        r"approach|system))\b",
    },
    "motivation": {
        "queries": [
            "The problem is important but existing methods fail to address it.",
            "However, prior approaches are limited and struggle with this challenge.",
        ],
        "headings": r"intro|background|motivation",
        "cues": r"\b(however|challeng|difficult|struggl|lack|gap|limited|remains|problem|"
        r"existing|prior|important|critical)\w*",
    },
    "contributions": {
        "queries": [
            "Our main contributions are summarized as follows.",
            "We propose, we introduce, and we release.",
        ],
        "headings": r"intro|contribution",
        "cues": r"\b(contribution|we (propose|introduce|present|design|develop|release|build)|"
        r"novel|first)\w*",
    },
    "method": {
        "queries": [
            "Our method consists of the following components and architecture.",
            "The model is trained with this objective and design.",
        ],
        "headings": r"method|approach|model|architect|framework|design|system|implement|"
        r"overview|component|algorithm|preliminar",
        "cues": r"\b(consist|compos|component|module|layer|architect|train|loss|objective|"
        r"encoder|decoder|we (use|design|adopt|apply)|based on)\w*",
    },
    "experiments": {
        "queries": [
            "We evaluate on benchmark datasets with these metrics and compare against baselines.",
            "Our method outperforms the baselines by a large margin, achieving the best accuracy.",
        ],
        "headings": r"experiment|evaluat|result|setup|dataset|benchmark|ablation|study",
        "cues": r"(\d+(\.\d+)?\s?%|\b\d+\.\d+\b|\b(outperform|improv|achiev|dataset|benchmark|"
        r"baseline|metric|accuracy|score|error)\w*)",
    },
    "limitations": {
        "queries": [
            "A limitation of our approach is that it does not handle this case.",
            "Our study has several limitations.",
        ],
        "headings": r"limitation|discussion|conclu|threat",
        "cues": r"\b(limitation|limited|fail|cannot|does not|do not|only|restrict|drawback|"
        r"remain|difficult|assum)\w*",
    },
    "future_work": {
        "queries": [
            "In future work we plan to extend this approach.",
            "Future directions include exploring this further.",
        ],
        "headings": r"future|conclu|discussion",
        "cues": r"\b(future|plan to|will (explore|extend|investigate|study)|next step|"
        r"direction|extend)\w*",
    },
}


EXCLUDED_SECTIONS = re.compile(
    r"acknowledg|funding|author contribution|competing interest|references|bibliograph",
    re.IGNORECASE,
)
_NOISE = re.compile(r"https?://|www\.|[∗†‡§¶]|@|^\d+\s+[A-Z]")
STRICT_CUES = {"limitations", "future_work", "contributions"}


@dataclass
class EvidenceSentence:
    """A sentence of the paper with the page that holds it and the chunk it came from."""

    text: str
    page: int
    chunk_id: int
    ordinal: int
    position: int
    section: str
    score: float = 0.0


def normalize(text: str) -> str:
    """Comparable form of a text: NFKC, lowercase, hyphen breaks joined, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text).lower()
    text = re.sub(r"(\w)- (\w)", r"\1\2", text)
    return " ".join(text.split())


def locate_page(sentence: str, chunk: Chunk, pages_norm: dict[int, str]) -> int | None:
    """The page whose text holds the sentence (chunk pages first), or None if on none."""
    probe = normalize(sentence)
    order = list(range(chunk.page, chunk.page_end + 1)) + sorted(pages_norm)
    for page in dict.fromkeys(order):
        if probe in pages_norm.get(page, ""):
            return page
    return None


class PaperEvidence:
    """A paper's chunks, vectors and pages, loaded once for all analysis sections."""

    def __init__(self, db: Database, embedder: Embedder, arxiv_id: str) -> None:
        self.db = db
        self.embedder = embedder
        self.arxiv_id = arxiv_id
        self.chunks = [
            c for c in db.chunks_for_paper(arxiv_id) if not EXCLUDED_SECTIONS.search(c.section)
        ]
        ids, vectors = db.chunk_vectors(arxiv_id)
        order = {cid: i for i, cid in enumerate(ids)}
        self.vectors = (
            vectors[[order[c.chunk_id] for c in self.chunks]] if len(ids) else np.zeros((0, 1))
        )
        self.pages_norm = {p: normalize(t) for p, t in db.page_texts(arxiv_id).items()}
        self._sentences: dict[int, list[EvidenceSentence]] = {}
        self._sentence_vectors: dict[str, np.ndarray] = {}

    def prepare(self, sections: tuple[str, ...] = ANALYSIS_SECTIONS, k_chunks: int = 6) -> None:
        """Embed the candidate sentences of all these sections in one model call.

        Ranking section by section made ~7 small calls per paper; one call lets the model
        batch all of a paper's sentences by length (same vectors, fewer padded tokens).
        """
        texts = [
            sentence.text
            for section in sections
            for chunk in self.chunks_for(section, k_chunks)
            for sentence in self.sentences_of(chunk)
        ]
        self._embed_missing(texts)

    def _embed_missing(self, texts: list[str]) -> None:
        """Embed (in one call) the texts not embedded yet for this paper."""
        missing = [t for t in dict.fromkeys(texts) if t not in self._sentence_vectors]
        if missing:
            vectors = embed_cached(self.embedder, missing, self.db)
            self._sentence_vectors.update(zip(missing, vectors, strict=True))

    def _vectors_of(self, texts: list[str]) -> np.ndarray:
        """Sentence vectors, from ``prepare`` when it ran, else from the model now."""
        self._embed_missing(texts)
        return np.vstack([self._sentence_vectors[t] for t in texts])

    def chunks_for(self, section: str, k: int = 6) -> list[Chunk]:
        """The chunks most relevant to an analysis section (similarity + heading prior)."""
        if not self.chunks:
            return []
        spec = SECTION_QUERIES[section]
        queries = embed_cached(self.embedder, list(spec["queries"]), None)
        sims = (self.vectors @ queries.T).max(axis=1)
        heading = re.compile(str(spec["headings"]), re.IGNORECASE)
        prior = np.array([0.25 if heading.search(c.section) else 0.0 for c in self.chunks])
        if section == "summary":
            prior += np.array([0.1 if c.ordinal < 3 else 0.0 for c in self.chunks])
        order = np.argsort(-(sims + prior))[:k]
        return [self.chunks[i] for i in order]

    def sentences_of(self, chunk: Chunk) -> list[EvidenceSentence]:
        """Full sentences of a chunk that can be found on a page of the paper."""
        if chunk.chunk_id not in self._sentences:
            found = []
            for position, text in enumerate(split_sentences(chunk.text)):
                if not 40 <= len(text) <= 600 or not is_full_sentence(text):
                    continue
                if re.match(r"^(fig(ure)?|table|tab)\.?\s*\d", text, re.IGNORECASE):
                    continue
                if _NOISE.search(text) or looks_like_instruction(text):
                    continue  # (an order addressed to a model is not evidence)
                letters = sum(ch.isalpha() for ch in text)
                if letters < 0.6 * len(text):
                    continue
                page = locate_page(text, chunk, self.pages_norm)
                if page is not None:
                    found.append(EvidenceSentence(text, page, chunk.chunk_id, chunk.ordinal,
                                                  position, chunk.section))  # fmt: skip
            self._sentences[chunk.chunk_id] = found
        return self._sentences[chunk.chunk_id]

    def rank(self, section: str, k_chunks: int = 6) -> list[EvidenceSentence]:
        """Candidate sentences for a section, best first."""
        spec = SECTION_QUERIES[section]
        candidates: list[EvidenceSentence] = []
        seen: set[str] = set()
        for chunk in self.chunks_for(section, k_chunks):
            for sentence in self.sentences_of(chunk):
                if sentence.text not in seen:
                    seen.add(sentence.text)
                    candidates.append(sentence)
        if not candidates:
            return []
        queries = embed_cached(self.embedder, list(spec["queries"]), None)
        vectors = self._vectors_of([c.text for c in candidates])
        sims = (vectors @ queries.T).max(axis=1)
        cues = re.compile(str(spec["cues"]), re.IGNORECASE)
        heading = re.compile(str(spec["headings"]), re.IGNORECASE)
        for sentence, sim in zip(candidates, sims, strict=True):
            n_cues = len(cues.findall(sentence.text))
            bonus = 0.12 * min(2, n_cues)
            if section in STRICT_CUES and n_cues == 0:
                bonus -= 0.2
            bonus += 0.08 if heading.search(sentence.section) else 0.0
            if re.search(r"\[\d+(,\s*\d+)*\]|\bet al\.", sentence.text):
                bonus -= 0.05  # sentences about other papers
            sentence.score = float(sim) + bonus
        return sorted(candidates, key=lambda s: -s.score)

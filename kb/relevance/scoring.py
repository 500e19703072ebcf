"""Score = semantic similarity to the profile plus keyword evidence, with a reason.

Semantic similarity: title+abstract and its best sentence against the profile's description
sentences and examples, minus closeness to negative examples; the keyword bonus depends on
where the keyword hits: a keyword in the title counts, a single passing mention in the
abstract counts little.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from typing import Any

import numpy as np

from kb.config import Profile, Settings
from kb.db import Database
from kb.embed import Embedder, embed_cached, get_embedder
from kb.relevance.keywords import TITLE_BONUS, keyword_hits
from kb.relevance.profiles import resolve_examples
from kb.sentences import split_sentences
from kb.types import Paper

log = logging.getLogger(__name__)


@dataclass
class Decision:
    """Whether a paper matches a profile, how strongly, and why."""

    arxiv_id: str
    title: str
    profile: str
    score: float
    keyword_hits: list[str]
    matched: bool
    reason: str
    semantic_score: float = 0.0
    best_sentence: str = ""

    def to_dict(self) -> dict[str, Any]:
        """``{arxiv_id, title, profile, score, keyword_hits, matched, reason}`` and extras."""
        data = asdict(self)
        data["score"] = round(self.score, 4)
        data["semantic_score"] = round(self.semantic_score, 4)
        return data


@dataclass
class _ProfileVectors:
    profile: Profile
    texts: list[str]
    vectors: np.ndarray
    negatives: np.ndarray


def _profile_vectors(
    profiles: Sequence[Profile], embedder: Embedder, db: Database | None
) -> list[_ProfileVectors]:
    prepared = []
    for profile in profiles:
        texts = [profile.description, *split_sentences(profile.description)]
        texts += resolve_examples(profile.examples, db)
        texts = list(dict.fromkeys(t for t in texts if t.strip()))
        negatives = resolve_examples(profile.negative_examples, db)
        vectors = embed_cached(embedder, texts, db)
        neg = embed_cached(embedder, negatives, db) if negatives else np.zeros((0, embedder.dim))
        prepared.append(_ProfileVectors(profile, texts, vectors, neg.astype(np.float32)))
    return prepared


def _head(text: str, words: int) -> str:
    parts = text.split()
    return " ".join(parts[:words])


def _threshold(profile: Profile, settings: Settings) -> float:
    return profile.threshold if profile.threshold is not None else settings.relevance.threshold


def _clip(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def score_papers(
    papers: Sequence[Paper],
    profiles: Sequence[Profile],
    settings: Settings,
    db: Database | None = None,
    embedder: Embedder | None = None,
) -> list[Decision]:
    """Score every paper against every profile (batched embeddings, cached by content hash)."""
    if not papers or not profiles:
        return []
    embedder = embedder or get_embedder(settings.embedding)
    cache_db = db if db is not None and not db.read_only else None
    relevance = settings.relevance
    # Paper level: title + the start of the abstract (what the paper is about); short texts
    # keep this at a few seconds per thousand papers on two cores.
    docs = [_head(f"{p.title}. {p.abstract}", relevance.doc_words) for p in papers]
    doc_vectors = embed_cached(embedder, docs, cache_db)
    prepared = _profile_vectors(profiles, embedder, db)
    paper_sims_all = [doc_vectors @ prof.vectors.T for prof in prepared]
    # Sentence level only for candidates: near a threshold, or with a keyword hit.
    sentences: list[list[str]] = [split_sentences(p.abstract) or [p.title] for p in papers]
    candidates = set()
    for prof, sims in zip(prepared, paper_sims_all, strict=True):
        threshold = _threshold(prof.profile, settings)
        for i, paper in enumerate(papers):
            if (
                sims[i].max() >= threshold - relevance.candidate_margin
                or keyword_hits(prof.profile, paper.title, paper.abstract)[0]
            ):
                candidates.add(i)
    flat = [s for i in sorted(candidates) for s in sentences[i]]
    flat_vectors = embed_cached(embedder, flat, cache_db) if flat else None
    sentence_vectors: dict[int, np.ndarray] = {}
    offset = 0
    for i in sorted(candidates):
        sentence_vectors[i] = flat_vectors[offset : offset + len(sentences[i])]
        offset += len(sentences[i])
    decisions: list[Decision] = []
    for prof, paper_sims in zip(prepared, paper_sims_all, strict=True):
        neg_sims = doc_vectors @ prof.negatives.T if len(prof.negatives) else None
        threshold = _threshold(prof.profile, settings)
        for i, paper in enumerate(papers):
            best_text = int(np.argmax(paper_sims[i]))
            paper_sim = float(paper_sims[i, best_text])
            if i in sentence_vectors:
                block = sentence_vectors[i] @ prof.vectors.T
                s_idx, t_idx = np.unravel_index(int(np.argmax(block)), block.shape)
                sent_sim = float(block[s_idx, t_idx])
            else:  # far from this profile: the paper-level score stands for both
                s_idx, sent_sim = 0, paper_sim
            semantic = 0.6 * paper_sim + 0.4 * sent_sim
            if neg_sims is not None:
                # closer to what the user does not want than to what they want: pull down
                negative = float(neg_sims[i].max())
                semantic -= 0.5 * max(0.0, negative - paper_sim + 0.05)
            hits, weight = keyword_hits(prof.profile, paper.title, paper.abstract)
            score = semantic + relevance.keyword_boost * weight
            wanted = set(prof.profile.categories)
            in_categories = not wanted or bool(wanted.intersection(paper.categories))
            matched = in_categories and score >= threshold
            parts = []
            if hits:
                where = "title" if weight == TITLE_BONUS else "abstract"
                parts.append(f'keyword "{hits[0]}" in {where}')
            parts.append(f'closest to "{_clip(prof.texts[best_text], 90)}" ({paper_sim:.2f})')
            parts.append(f'best sentence: "{_clip(sentences[i][s_idx])}" ({sent_sim:.2f})')
            if not in_categories:
                parts.append(f"not in {sorted(wanted)}")
            decisions.append(
                Decision(
                    arxiv_id=paper.arxiv_id,
                    title=paper.title,
                    profile=prof.profile.name,
                    score=score,
                    keyword_hits=hits,
                    matched=matched,
                    reason="; ".join(parts),
                    semantic_score=semantic,
                    best_sentence=sentences[i][s_idx],
                )
            )
    return decisions

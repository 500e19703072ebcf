"""Interest profiles -> per-paper decisions with a score and a reason a person can check.

Score = semantic similarity (title+abstract and its best sentence against the profile's
description sentences and examples, minus closeness to negative examples) plus a keyword
bonus that depends on where the keyword hits: a keyword in the title counts, a single
passing mention in the abstract counts little.
"""

from __future__ import annotations

import logging
import re
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

import numpy as np

from kb.config import Profile, Settings
from kb.db import Database
from kb.embed import Embedder, embed_cached, get_embedder
from kb.ids import is_arxiv_id, normalize_id
from kb.sentences import split_sentences
from kb.types import Paper

log = logging.getLogger(__name__)

EXAMPLE_CONFIG = Path(__file__).with_name("kb.example.toml")
TITLE_BONUS = 1.0
REPEATED_BONUS = 0.6
PASSING_BONUS = 0.1


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


def example_profiles() -> list[Profile]:
    """The three commented example profiles shipped in kb.example.toml."""
    data = tomllib.loads(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    return [Profile.model_validate(p) for p in data.get("profiles", [])]


def effective_profiles(settings: Settings) -> list[Profile]:
    """The configured profiles, or the shipped examples when none are configured."""
    return list(settings.profiles) or example_profiles()


def _keyword_pattern(keyword: str, case_sensitive: bool) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"[\s\-]+", keyword.strip()) if w]
    body = r"[\s\-]+".join(words)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", 0 if case_sensitive else re.IGNORECASE)


def keyword_hits(profile: Profile, title: str, abstract: str) -> tuple[list[str], float]:
    """Keywords found (whole words) and their weight: title > repeated > passing mention."""
    hits: list[str] = []
    weight = 0.0
    mentions = 0
    patterns = [(k, _keyword_pattern(k, False)) for k in profile.keywords] + [
        (k, _keyword_pattern(k, True)) for k in profile.case_sensitive_keywords
    ]
    for keyword, pattern in patterns:
        in_title = bool(pattern.search(title))
        in_abstract = len(pattern.findall(abstract))
        if not in_title and not in_abstract:
            continue
        hits.append(keyword)
        mentions += in_abstract
        weight = max(weight, TITLE_BONUS if in_title else PASSING_BONUS)
    if weight < TITLE_BONUS and mentions >= 2:  # the topic recurs (any spelling of it)
        weight = REPEATED_BONUS
    return hits, weight


@dataclass
class _ProfileVectors:
    profile: Profile
    texts: list[str]
    vectors: np.ndarray
    negatives: np.ndarray


def _resolve_examples(items: Sequence[str], db: Database | None) -> list[str]:
    """Example texts: an arXiv id in the KB becomes its title and abstract."""
    texts = []
    for item in items:
        if db is not None and is_arxiv_id(item):
            row = db.get_paper(normalize_id(item))
            if row:
                texts.append(f"{row['title']}. {row['abstract']}")
                continue
            log.warning("example %s is not in the knowledge base; using it as text", item)
        texts.append(item)
    return texts


def _profile_vectors(
    profiles: Sequence[Profile], embedder: Embedder, db: Database | None
) -> list[_ProfileVectors]:
    prepared = []
    for profile in profiles:
        texts = [profile.description, *split_sentences(profile.description)]
        texts += _resolve_examples(profile.examples, db)
        texts = list(dict.fromkeys(t for t in texts if t.strip()))
        negatives = _resolve_examples(profile.negative_examples, db)
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


def keyword_only(decision: Decision) -> bool:
    """What a keyword matcher (the old tool) would have decided."""
    return bool(decision.keyword_hits)


def _prf(predicted: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}  # fmt: skip


def evaluate(
    decisions: Sequence[Decision],
    labels: Sequence[dict[str, Any]],
    threshold: float,
    thresholds: dict[str, float] | None = None,
) -> dict[str, Any]:
    """Precision/recall/F1 per profile for keyword-only, semantic-only and combined, and the
    threshold that maximises combined F1 on these labels."""
    index = {(d.arxiv_id, d.profile): d for d in decisions}
    thresholds = thresholds or {}
    report: dict[str, Any] = {}
    missing = [lab for lab in labels if (lab["arxiv_id"], lab["profile"]) not in index]
    for profile in sorted({lab["profile"] for lab in labels}):
        rows = [
            (index[(lab["arxiv_id"], profile)], bool(lab["relevant"]))
            for lab in labels
            if lab["profile"] == profile and (lab["arxiv_id"], profile) in index
        ]
        if not rows:
            continue
        gold = [g for _, g in rows]
        best_t, best_f1 = threshold, -1.0
        for t in np.arange(0.20, 0.80, 0.01):
            f1 = _prf([d.score >= t for d, _ in rows], gold)["f1"]
            if f1 > best_f1 + 1e-9:
                best_t, best_f1 = float(round(t, 2)), f1
        report[profile] = {
            "n": len(rows),
            "positives": sum(gold),
            "keyword_only": _prf([keyword_only(d) for d, _ in rows], gold),
            "semantic_only": _prf(
                [d.semantic_score >= thresholds.get(profile, threshold) for d, _ in rows], gold
            ),
            "combined": _prf([d.matched for d, _ in rows], gold),
            "best_threshold": best_t,
            "best_threshold_f1": round(best_f1, 4),
        }
    report["_missing_labels"] = len(missing)
    return report

"""Score papers against profiles: calibrated meaning, keyword evidence, exclusions, ratings.

For each profile, on centred document vectors (see ``profile_model``):
1. description: the mean cosine to the wanted sentences of the description (and the whole
   wanted text), plus ``lexical_weight`` times the TF-IDF similarity of the paper's words to
   the profile's words (``lexical``); examples: the best cosine to an example paper. Each is
   expressed in standard deviations above its mean over the background papers
   (``background``), so one default works for broad and narrow profiles; the larger of the
   two is the semantic score. Ratings are not examples: they teach the linear model of step 4.
2. keywords add ``keyword_weight`` for a title hit, 0.6 of it for a recurring one, 0.1 for a
   passing mention; ``rare_keyword_bonus`` times it for a keyword rare in the background,
   wherever it is (``keywords``).
3. a paper closer to an exclusion ("Not relevant: ..." items, negative examples) than to
   anything wanted loses ``exclusion_penalty``; an ``exclude_keywords`` hit vetoes it.
4. a linear model fitted on the confident matches and the ratings (``learner``) joins with
   weight ``self_training``.
The paper matches when the result reaches the profile's bar (``bar``: a share of what its
best matches score, raised for a topic few background papers score high on, at least
``min_score``; moved by the ratings of the papers it matches, see ``rated_bar``; or the
profile's own ``threshold``); a rated paper matches as rated. Rated papers of earlier days
(from the KB) are scored alongside, unseen, so their ratings can move the bar.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
from scipy import sparse

from kb.config import Profile, Settings
from kb.db import Database
from kb.embed import Embedder, embed_cached, get_embedder
from kb.relevance.background import Background, doc_text, load_background
from kb.relevance.bar import ProfileBar, profile_bar
from kb.relevance.decision import Decision, categories_admit, explain
from kb.relevance.keywords import excluded_keyword, keyword_hits, rare_keywords
from kb.relevance.learner import LinearProfileModel, fit_profile_model
from kb.relevance.lexical import LexicalIndex
from kb.relevance.profile_model import ProfileModel, build_profile_model, centred, rated_vectors
from kb.relevance.rated_bar import RatedBar, rated_bar
from kb.types import Paper, Rating

__all__ = ["Decision", "ScoreParts", "score_papers"]


@dataclass
class ScoreParts:
    """The components of one profile's scores over a set of documents (arrays by document)."""

    description: np.ndarray
    example: np.ndarray
    wanted_best: np.ndarray
    wanted_best_index: np.ndarray
    exclusion_best: np.ndarray
    exclusion_index: np.ndarray
    keyword_weight: np.ndarray
    lexical: np.ndarray


def _parts(
    model: ProfileModel,
    vectors: np.ndarray,
    texts: Sequence[tuple[str, str]],
    lexical: np.ndarray,
    rare: frozenset[str],
    settings: Settings,
) -> ScoreParts:
    sims = vectors @ model.aspect_vectors.T
    n = len(vectors)
    example = np.full(n, -1.0)
    wanted = [sims]
    # Example papers (the profile's and an imported library): paper-to-paper similarity, its
    # own scale. Ratings are not examples: a paper rated relevant as an example lifts every
    # near neighbour over the bar (measured: F1 fell 0.03-0.06 after 10 mixed ratings on the
    # calibration and report sets); ratings teach the linear model, both kinds alike.
    if model.example_vectors is not None:
        ex = vectors @ model.example_vectors.T
        example = ex.max(axis=1)
        wanted.append(ex)
    wanted_all = np.hstack(wanted)
    # Exclusions are texts, compared with the description's texts on the same scale; papers
    # rated not relevant teach the linear model instead (a paper is always closer to its
    # neighbours than to any sentence, so they would exclude a whole region).
    if model.exclusion_vectors is not None:
        neg = vectors @ model.exclusion_vectors.T
        excl_best, excl_index = neg.max(axis=1), neg.argmax(axis=1)
    else:
        excl_best, excl_index = np.full(n, -1.0), np.zeros(n, dtype=int)
    bonus = settings.relevance.rare_keyword_bonus
    weights = np.array([keyword_hits(model.profile, t, a, rare, bonus)[1] for t, a in texts])
    return ScoreParts(
        description=sims.mean(axis=1),
        example=example,
        wanted_best=wanted_all.max(axis=1),
        wanted_best_index=sims.argmax(axis=1),
        exclusion_best=excl_best,
        exclusion_index=excl_index,
        keyword_weight=weights,
        lexical=lexical,
    )


@dataclass
class _Scale:
    mean: float
    std: float

    @classmethod
    def of(cls, values: np.ndarray) -> _Scale:
        return cls(float(values.mean()), float(max(values.std(), 1e-6)))

    def __call__(self, values: np.ndarray) -> np.ndarray:
        return (values - self.mean) / self.std


@dataclass
class _MeaningScale:
    """Description cosine and lexical similarity, each calibrated on the background, added
    with ``lexical_weight``, and the sum calibrated again (so its unit stays one standard
    deviation of the background)."""

    description: _Scale
    lexical: _Scale
    weight: float
    combined: _Scale

    @classmethod
    def of(cls, parts: ScoreParts, weight: float) -> _MeaningScale:
        desc, lex = _Scale.of(parts.description), _Scale.of(parts.lexical)
        raw = desc(parts.description) + weight * lex(parts.lexical)
        return cls(desc, lex, weight, _Scale.of(raw))

    def __call__(self, parts: ScoreParts) -> np.ndarray:
        raw = self.description(parts.description) + self.weight * self.lexical(parts.lexical)
        return self.combined(raw)


@dataclass
class ProfileScores:
    """Everything computed for one profile: base and final scores for background and papers."""

    model: ProfileModel
    parts: ScoreParts
    semantic: np.ndarray
    example_z: np.ndarray
    penalised: np.ndarray
    base: np.ndarray
    final: np.ndarray
    background_final: np.ndarray
    linear: LinearProfileModel | None
    linear_z: np.ndarray | None
    bar: ProfileBar
    query: sparse.csr_matrix | None = None
    rated: RatedBar | None = None
    rare: frozenset[str] = frozenset()


def _base(parts: ScoreParts, desc: _MeaningScale, ex: _Scale | None, settings: Settings) -> tuple:
    rel = settings.relevance
    semantic = desc(parts)
    example_z = ex(parts.example) if ex is not None else np.full(len(semantic), -np.inf)
    penalised = parts.exclusion_best > parts.wanted_best + rel.exclusion_margin
    base = (
        np.maximum(semantic, example_z)
        + rel.keyword_weight * parts.keyword_weight
        - rel.exclusion_penalty * penalised
    )
    return semantic, example_z, penalised, base


def _score_profile(
    model: ProfileModel,
    background: Background,
    bg_vectors: np.ndarray,
    vectors: np.ndarray,
    papers: Sequence[Paper],
    lexical: LexicalIndex,
    settings: Settings,
) -> ProfileScores:
    bg_texts = [(p.title, p.abstract) for p in background.papers]
    query = lexical.query(model.aspects, model.profile.keywords)
    lex, bg_lex = lexical.similarities(query)
    rare = rare_keywords(model.profile, bg_texts, settings.relevance.rare_keyword_share)
    bg_parts = _parts(model, bg_vectors, bg_texts, bg_lex, rare, settings)
    texts = [(p.title, p.abstract) for p in papers]
    parts = _parts(model, vectors, texts, lex, rare, settings)
    desc = _MeaningScale.of(bg_parts, settings.relevance.lexical_weight)
    ex = _Scale.of(bg_parts.example) if model.example_vectors is not None else None
    *_, bg_base = _base(bg_parts, desc, ex, settings)
    semantic, example_z, penalised, base = _base(parts, desc, ex, settings)
    weight = settings.relevance.self_training
    linear = linear_z = None
    if weight > 0:
        linear = fit_profile_model(
            bg_vectors, bg_base, vectors, base,
            list(model.liked.values()), list(model.disliked.values()),
        )  # fmt: skip
    final, bg_final = base, bg_base
    if linear is not None:
        linear_z = linear.calibrated(vectors)
        final = (base + weight * linear_z) / (1 + weight)
        bg_final = (bg_base + weight * linear.calibrated(bg_vectors)) / (1 + weight)
    bar = profile_bar(bg_final, final, settings)
    return ProfileScores(
        model,
        parts,
        semantic,
        example_z,
        penalised,
        base,
        final,
        bg_final,
        linear,
        linear_z,
        bar,
        query,
        rare=rare,
    )


def _can_match(profile: Profile, paper: Paper) -> bool:
    """Whether the profile can match the paper at all: in its categories (if it names any),
    no ``exclude_keywords`` entry. A rating of a paper it cannot match says nothing of its bar."""
    return (
        categories_admit(profile, paper)
        and excluded_keyword(profile, paper.title, paper.abstract) is None
    )


def _ratings_by_profile(ratings: Sequence[Rating]) -> dict[str, list[Rating]]:
    found: dict[str, list[Rating]] = {}
    for rating in ratings:
        found.setdefault(rating.profile, []).append(rating)
    return found


def _rated_elsewhere(
    by_profile: dict[str, list[Rating]], papers: Sequence[Paper], db: Database | None
) -> list[Paper]:
    """The rated papers not among ``papers``, as stored in the KB (others are skipped)."""
    here = {p.arxiv_id for p in papers}
    ids = sorted({r.arxiv_id for rs in by_profile.values() for r in rs} - here)
    if not ids or db is None:
        return []
    rows = db.get_papers(ids)
    return [rows[i] for i in ids if i in rows]


def score_papers(
    papers: Sequence[Paper],
    profiles: Sequence[Profile],
    settings: Settings,
    db: Database | None = None,
    embedder: Embedder | None = None,
    judge: Any | None = None,
    ratings: Sequence[Rating] | None = None,
) -> list[Decision]:
    """Decide, for every paper and profile, whether it matches, with a score and a reason.

    Args:
        papers: the papers to score (a day's announcements, or any list).
        profiles: the interest profiles.
        settings: ``[relevance]`` and ``[embedding]`` are used.
        db: the knowledge base (background of recent papers, ratings, examples, vector cache).
        embedder: the model; default from the settings.
        judge: an optional ``LLMJudge`` for near-threshold papers (``relevance.llm_judge``).
        ratings: the ratings to learn from (default: the ones stored in ``db``).
    """
    if not papers or not profiles:
        return []
    rel = settings.relevance
    embedder = embedder or get_embedder(settings.embedding)
    cache = db if db is not None and not db.read_only else None
    by_profile = _ratings_by_profile(db.ratings() if ratings is None and db else ratings or [])
    scored = [*papers, *_rated_elsewhere(by_profile, papers, db)]
    docs = [doc_text(p.title, p.abstract, rel.doc_words) for p in scored]
    raw = embed_cached(embedder, docs, cache)
    background = load_background(
        embedder, rel.doc_words, db, rel.background_min_papers, rel.background_max_papers,
        settings.home / "cache", exclude={p.arxiv_id for p in scored},
    )  # fmt: skip
    mean = background.mean
    vectors, bg_vectors = centred(raw, mean), centred(background.vectors, mean)
    lexical = LexicalIndex.build(
        [(p.title, p.abstract) for p in background.papers], [(p.title, p.abstract) for p in scored]
    )
    known = {p.arxiv_id: v for p, v in zip(scored, raw, strict=True)}
    index = {p.arxiv_id: i for i, p in enumerate(scored)}
    decisions: list[Decision] = []
    for profile in profiles:
        rated = by_profile.get(profile.name, [])
        vectors_of = rated_vectors(rated, known)
        model = build_profile_model(profile, embedder, mean, rel.doc_words, db, vectors_of)
        scores = _score_profile(model, background, bg_vectors, vectors, scored, lexical, settings)
        verdicts = {r.arxiv_id: r.relevant for r in rated}
        threshold = profile.threshold
        if threshold is None:
            at = {index[k]: ok for k, ok in verdicts.items()
                  if k in index and _can_match(profile, scored[index[k]])}  # fmt: skip
            scores.rated = rated_bar(scores.bar.threshold, scores.final, at, rel.feedback_bar,
                                     rel.min_score)  # fmt: skip
            threshold = scores.rated.threshold
        for i, paper in enumerate(papers):
            vetoed = excluded_keyword(profile, paper.title, paper.abstract)
            words = lexical.shared_terms(scores.query, i)
            decisions.append(
                explain(paper, i, scores, threshold, background, verdicts.get(paper.arxiv_id),
                        vetoed, settings, words)
            )  # fmt: skip
    if judge is not None:
        judge.review(decisions, papers, profiles, db)
    return decisions

"""More like this: the papers whose vectors (title + abstract) are closest to a paper's.

``kb similar ID`` lists them; the daily report and the app's Paper page show the closest
*earlier* papers as "Related in your library", each with its date and why it is related.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from kb.config import Settings
from kb.db import Database
from kb.embed import get_embedder
from kb.errors import NotFoundError
from kb.ids import parse_paper_id
from kb.lexical import tokenize
from kb.vectors import VectorIndex
from kb.vectorstore import open_paper_index

RELATED = 3  # papers under "Related in your library"
MIN_TERM_CHARS = 4


@dataclass
class Similar:
    """A paper close to another one: ``{arxiv_id, title, score}`` plus its date and why."""

    arxiv_id: str
    title: str
    score: float
    announced: date | None = None
    why: str = ""

    def to_dict(self) -> dict[str, Any]:
        """``{arxiv_id, title, announced (ISO date or None), score, why}``."""
        return {
            "arxiv_id": self.arxiv_id,
            "title": self.title,
            "announced": self.announced.isoformat() if self.announced else None,
            "score": self.score,
            "why": self.why,
        }


def shared_terms(text: str, other: str, title: str, other_title: str, n: int = 3) -> list[str]:
    """Words two papers share: those in both titles first, then the longest (most specific)."""
    words = set(tokenize([text])[0]) & set(tokenize([other])[0])
    in_titles = set(tokenize([title])[0]) & set(tokenize([other_title])[0])
    ranked = sorted(
        (w for w in words if len(w) >= MIN_TERM_CHARS and not w.isdigit()),
        key=lambda w: (w not in in_titles, -len(w), w),
    )
    return ranked[:n]


def explain(score: float, terms: Sequence[str]) -> str:
    """A reason a person can check: the cosine of the two papers and the words they share."""
    reason = f"close in title and abstract (cosine {score:.2f})"
    if terms:
        reason += "; both about " + ", ".join(f'"{t}"' for t in terms)
    return reason


def similar_in(
    db: Database,
    index: VectorIndex,
    model: str,
    arxiv_id: str,
    k: int = 10,
    before: date | None = None,
) -> list[Similar]:
    """The ``k`` papers closest to ``arxiv_id`` (only those dated before ``before`` if given).

    Raises:
        NotFoundError: the paper is not stored, or has no vector yet.
    """
    _, vectors = db.paper_vectors(model, arxiv_ids=[arxiv_id])
    if not len(vectors):
        known = db.get_paper(arxiv_id) is not None
        raise NotFoundError(
            f"{arxiv_id} has no paper vector yet: run `kb backfill` or `kb ingest`"
            if known
            else f"{arxiv_id} is not in the knowledge base"
        )
    pool = k + 1 if before is None else max(200, 20 * k)
    scores, found = index.search(vectors[0], pool)
    pairs = [(int(i), float(s)) for i, s in zip(found[0], scores[0], strict=True) if i != -1]
    ids = db.papers_by_vector_id([i for i, _ in pairs])
    candidates = [(ids[i], s) for i, s in pairs if i in ids and ids[i] != arxiv_id]
    dates = db.paper_dates([pid for pid, _ in candidates]) if candidates else {}
    if before is not None:
        candidates = [(p, s) for p, s in candidates if dates.get(p) and dates[p] < before]
    candidates = candidates[:k]
    rows = db.get_papers([arxiv_id, *[p for p, _ in candidates]])
    me = rows[arxiv_id]
    found_papers = []
    for pid, score in candidates:
        row = rows[pid]
        terms = shared_terms(
            f"{me.title} {me.abstract}", f"{row.title} {row.abstract}", me.title, row.title
        )
        score = round(float(np.clip(score, -1.0, 1.0)), 4)
        found_papers.append(Similar(pid, row.title, score, dates.get(pid), explain(score, terms)))
    return found_papers


def similar_papers(settings: Settings, raw_id: str, k: int = 10) -> list[Similar]:
    """``kb similar``: the papers closest to one paper in meaning.

    Raises:
        InvalidIdError: not an arXiv id.
        NotFoundError: the paper is not stored or has no vector.
    """
    arxiv_id = parse_paper_id(raw_id)[0]
    embedder = get_embedder(settings.embedding)
    with Database.open(settings.db_path, read_only=True) as db:
        index = open_paper_index(settings, db, embedder.name, embedder.dim)
        return similar_in(db, index, embedder.name, arxiv_id, k)


def related_papers(
    settings: Settings, db: Database, arxiv_ids: Sequence[str], day: date, k: int = RELATED
) -> dict[str, list[Similar]]:
    """ "Related in your library" for each paper: up to ``k`` papers dated before ``day``."""
    embedder = get_embedder(settings.embedding)
    index = open_paper_index(settings, db, embedder.name, embedder.dim)
    related: dict[str, list[Similar]] = {}
    for arxiv_id in arxiv_ids:
        try:
            related[arxiv_id] = similar_in(db, index, embedder.name, arxiv_id, k, before=day)
        except NotFoundError:
            related[arxiv_id] = []
    return related


def related_in_library(settings: Settings, raw_id: str, k: int = RELATED) -> list[Similar]:
    """The app's Paper page: up to ``k`` papers dated before this one (any, when it has no
    date); empty when it has no vector yet."""
    arxiv_id = parse_paper_id(raw_id)[0]
    embedder = get_embedder(settings.embedding)
    with Database.open(settings.db_path, read_only=True) as db:
        day = db.paper_dates([arxiv_id]).get(arxiv_id)
        index = open_paper_index(settings, db, embedder.name, embedder.dim)
        try:
            return similar_in(db, index, embedder.name, arxiv_id, k, before=day)
        except NotFoundError:
            return []

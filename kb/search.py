"""Dense search over chunk vectors (FAISS), hydrated from DuckDB into hits."""

from __future__ import annotations

import logging
from collections.abc import Sequence

import numpy as np

from kb.config import Settings
from kb.db import Database
from kb.embed import Embedder, get_embedder
from kb.types import Hit
from kb.vectorstore import open_index

log = logging.getLogger(__name__)


def dense_candidates(
    settings: Settings,
    db: Database,
    embedder: Embedder,
    query_vector: np.ndarray,
    k: int,
    paper: str | None = None,
) -> list[tuple[int, float]]:
    """(chunk id, cosine score) best first, from the whole index or from one paper."""
    if paper:
        ids, vectors = db.chunk_vectors(paper)
        if len(ids) == 0:
            return []
        scores = vectors @ query_vector
        order = np.argsort(-scores)[:k]
        return [(int(ids[i]), float(scores[i])) for i in order]
    index = open_index(settings, db, embedder.name, embedder.dim)
    scores, ids = index.search(query_vector, k)
    return [(int(i), float(s)) for s, i in zip(scores[0], ids[0], strict=True) if i != -1]


def hydrate(db: Database, ranked: Sequence[tuple[int, float]]) -> list[Hit]:
    """Turn (chunk id, score) pairs into hits with paper titles, in the same order."""
    chunks = db.get_chunks([cid for cid, _ in ranked])
    papers = db.get_papers(list({c.arxiv_id for c in chunks.values()}))
    hits = []
    for cid, score in ranked:
        chunk = chunks.get(cid)
        if chunk is None:  # index ahead of the database (a writer mid-way): skip
            continue
        paper = papers.get(chunk.arxiv_id, {})
        published = paper.get("announced") or paper.get("published")
        hits.append(
            Hit(
                arxiv_id=chunk.arxiv_id,
                title=paper.get("title", ""),
                chunk_id=cid,
                page=chunk.page,
                section=chunk.section,
                score=round(score, 6),
                text=chunk.text,
                page_end=chunk.page_end,
                published=published.isoformat() if published else None,
                categories=list(paper.get("categories") or []),
            )
        )
    return hits


def search(
    settings: Settings, query: str, k: int = 10, paper: str | None = None
) -> list[Hit]:
    """The k chunks closest in meaning to the query (optionally inside one paper)."""
    embedder = get_embedder(settings.embedding)
    query_vector = embedder.embed([query])[0]
    with Database.open(settings.db_path, read_only=True) as db:
        ranked = dense_candidates(settings, db, embedder, query_vector, k, paper)
        return hydrate(db, ranked)

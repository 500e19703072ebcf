"""Hybrid search: dense (FAISS) + lexical (BM25), fused by reciprocal rank, hydrated from DuckDB.

Paraphrases are found by the embeddings and exact terms (benchmark names, symbols, method
names) by BM25; reciprocal rank fusion needs no score calibration between the two.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from kb.config import Settings
from kb.db import Database
from kb.embed import Embedder, get_embedder
from kb.lexical import LexicalIndex, open_lexical
from kb.paper_search import PassageCache
from kb.types import Hit
from kb.vectors import VectorIndex
from kb.vectorstore import open_index

log = logging.getLogger(__name__)


@dataclass
class SearchFilters:
    """Optional restrictions on where hits may come from."""

    paper: str | None = None
    since: date | None = None
    until: date | None = None
    categories: list[str] = field(default_factory=list)
    profile: str | None = None

    def restricts_papers(self) -> bool:
        """True when a filter other than ``paper`` is set."""
        return bool(self.since or self.until or self.categories or self.profile)


@dataclass
class PaperHits:
    """Hits grouped under their paper, best paper first."""

    arxiv_id: str
    title: str
    score: float
    hits: list[Hit]

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready grouping."""
        return {
            "arxiv_id": self.arxiv_id,
            "title": self.title,
            "score": self.score,
            "hits": [h.to_dict() for h in self.hits],
        }


def rrf_fuse(rankings: Sequence[Sequence[int]], k: int = 60) -> list[tuple[int, float]]:
    """Reciprocal rank fusion of several rankings of ids: sum of 1/(k + rank)."""
    scores: dict[int, float] = {}
    for ranking in rankings:
        for rank, item in enumerate(ranking, start=1):
            scores[item] = scores.get(item, 0.0) + 1.0 / (k + rank)
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))


def group_hits(hits: Sequence[Hit], per_paper: int = 3) -> list[PaperHits]:
    """Group hits by paper (keeping rank order), at most ``per_paper`` chunks under each."""
    groups: dict[str, PaperHits] = {}
    for hit in hits:
        group = groups.get(hit.arxiv_id)
        if group is None:
            groups[hit.arxiv_id] = PaperHits(hit.arxiv_id, hit.title, hit.score, [hit])
        elif len(group.hits) < per_paper:
            group.hits.append(hit)
    return list(groups.values())


def allowed_papers(db: Database, filters: SearchFilters) -> set[str] | None:
    """Paper ids that pass the date/category/profile filters (None: no restriction)."""
    if not filters.restricts_papers():
        return None
    ids: set[str] | None = None
    if filters.since or filters.until or filters.categories:
        rows = db.list_papers(since=filters.since, until=filters.until)
        wanted = set(filters.categories)
        ids = {
            r["arxiv_id"] for r in rows if not wanted or wanted.intersection(r["categories"] or [])
        }
    if filters.profile:
        matched = set(db.papers_matching_profile(filters.profile))
        ids = matched if ids is None else ids & matched
    return ids


class Searcher:
    """Holds the embedder and both indexes; reloads them when DuckDB's chunks change.

    Built once per process (the app caches it); every query opens a short read-only DuckDB
    connection, so a daily run can write between queries.
    """

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or get_embedder(settings.embedding)
        self._dense: VectorIndex | None = None
        self._lexical: LexicalIndex | None = None
        self._checksum: str | None = None
        self._passages = PassageCache()

    def _indexes(self, db: Database) -> tuple[VectorIndex, LexicalIndex]:
        from kb.vectors import ids_checksum

        checksum = ids_checksum(db.chunk_ids())
        if checksum != self._checksum or self._dense is None or self._lexical is None:
            self._dense = open_index(self.settings, db, self.embedder.name, self.embedder.dim)
            self._lexical = open_lexical(self.settings.home / "bm25", db)
            self._checksum = checksum
        return self._dense, self._lexical

    def _lexical_only(self, db: Database) -> LexicalIndex:
        """The BM25 index alone: a search inside one paper needs no FAISS index (start-up)."""
        from kb.vectors import ids_checksum

        checksum = ids_checksum(db.chunk_ids())
        if checksum != self._checksum or self._lexical is None:
            self._lexical = open_lexical(self.settings.home / "bm25", db)
            self._dense = None  # loaded again with the new chunks when needed
            self._checksum = checksum
        return self._lexical

    def search(self, query: str, k: int | None = None, filters: SearchFilters | None = None):
        """The k best chunks for the query, fused from dense and lexical rankings."""
        filters = filters or SearchFilters()
        k = k or self.settings.search.k
        query_vector = self.embedder.embed([query])[0]
        with Database.open(self.settings.db_path, read_only=True) as db:
            return self._search(db, query, query_vector, k, filters)

    def _search(
        self,
        db: Database,
        query: str,
        query_vector: np.ndarray,
        k: int,
        filters: SearchFilters,
    ) -> list[Hit]:
        allowed = allowed_papers(db, filters)
        n = max(self.settings.search.candidates, k * 4)
        if filters.paper:
            from kb.ids import parse_paper_id

            paper_id = parse_paper_id(filters.paper)[0]
            ids, vectors = db.chunk_vectors(paper_id)
            if len(ids) == 0 or (allowed is not None and paper_id not in allowed):
                return []
            order = np.argsort(-(vectors @ query_vector))[:n]
            dense = [int(ids[i]) for i in order]
            lexical_index = self._lexical_only(db)
            lexical = [cid for cid, _ in lexical_index.search(query, n, only=ids)]
            extra = self._window_rankings(db, paper_id, ids, query)
        else:
            dense_index, lexical_index = self._indexes(db)
            if allowed is not None:
                n = max(n, 1000)
            _, found = dense_index.search(query_vector, n)
            dense = [int(i) for i in found[0] if i != -1] if found.size else []
            lexical = [cid for cid, _ in lexical_index.search(query, n)]
            extra = []
        fused = rrf_fuse([dense, lexical, *extra], self.settings.search.rrf_k)
        hits = hydrate(db, fused[: max(n, k)])
        if allowed is not None:
            hits = [h for h in hits if h.arxiv_id in allowed]
        return hits[:k]

    def _window_rankings(
        self, db: Database, paper_id: str, ids: np.ndarray, query: str
    ) -> list[list[int]]:
        """In-paper evidence: the paper's chunks ranked by their best sentence windows."""
        from kb.question import analyse
        from kb.vectors import ids_checksum

        passages = self._passages.get(
            paper_id, ids_checksum(ids), lambda: db.chunks_for_paper(paper_id)
        )
        return passages.chunk_rankings(analyse(query))


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
    settings: Settings, query: str, k: int = 10, paper: str | None = None, **filters: Any
) -> list[Hit]:
    """One-off hybrid search (the CLI); long-lived callers keep a Searcher."""
    return Searcher(settings).search(query, k, SearchFilters(paper=paper, **filters))

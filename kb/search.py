"""Hybrid search over two tiers: full-text chunks and every paper's title + abstract.

Each tier has a dense ranking (FAISS) and a lexical one (BM25). Paraphrases are found by the
embeddings and exact terms (benchmark names, symbols, method names) by BM25. The tiers are
fused by ``fuse``: one dense ranking of chunks and abstracts together by cosine (the same
model embeds both, so their cosines compare), one lexical ranking by BM25 score, then
reciprocal rank fusion of the two; a paper ranks by its best hit. Measured against fusing
each tier apart and interleaving (README, Search and questions): better on both queries answered
in an abstract and questions answered in a full text, because the first hit of a small tier is
not promoted for being first.
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
from kb.evidence_rank import PaperSignals, load_ranker, rank_chunks
from kb.fusion import rrf_fuse
from kb.lexical import LexicalIndex, open_abstract_lexical, open_lexical
from kb.paper_search import PassageCache
from kb.records import PaperRow
from kb.types import Chunk, Hit
from kb.vectors import VectorIndex
from kb.vectorstore import open_index, open_paper_index

log = logging.getLogger(__name__)

ABSTRACT, CHUNK = "abstract", "chunk"
KINDS = (ABSTRACT, CHUNK)
Key = tuple[str, int]  # (kind, chunk id or paper vector id)


@dataclass
class SearchFilters:
    """Optional restrictions on where hits may come from.

    ``kinds`` defaults to full-text chunks only, what questions cite by page (``kb ask``);
    ``kb search``, the app and the retriever ask for both tiers.
    """

    paper: str | None = None
    since: date | None = None
    until: date | None = None
    categories: list[str] = field(default_factory=list)
    profile: str | None = None
    kinds: tuple[str, ...] = (CHUNK,)

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

    @property
    def full_text(self) -> bool:
        """Whether the paper's full text is in the knowledge base."""
        return any(h.full_text for h in self.hits)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready grouping."""
        return {
            "arxiv_id": self.arxiv_id,
            "title": self.title,
            "score": self.score,
            "full_text": self.full_text,
            "hits": [h.to_dict() for h in self.hits],
        }


def fuse(
    dense: dict[str, list[tuple[int, float]]],
    lexical: dict[str, list[tuple[int, float]]],
    rrf_k: int = 60,
    lexical_lead: float = 0.0,
) -> list[tuple[Key, float]]:
    """Fuse both tiers' (id, score) rankings: dense by cosine and lexical by BM25 score, each
    merged across tiers, then reciprocal rank fusion of the two merged rankings.

    A lexical first hit that scores ``lexical_lead`` times the second (or more) leads: a
    quoted sentence or a rare exact term singles out one text, which the rank-only fusion
    would let papers found by both rankings pass (0 turns this off)."""

    def merged(per_kind: dict[str, list[tuple[int, float]]]) -> list[tuple[Key, float]]:
        pairs = [((kind, i), s) for kind, found in per_kind.items() for i, s in found]
        return sorted(pairs, key=lambda p: (-p[1], p[0]))

    words = merged(lexical)
    fused = rrf_fuse([[key for key, _ in merged(dense)], [key for key, _ in words]], rrf_k)
    if lexical_lead > 0 and len(words) > 1 and words[0][1] >= lexical_lead * words[1][1] > 0:
        lead = words[0][0]
        top = fused[0][1] if fused else 0.0
        fused = [(lead, top + 1.0 / (rrf_k + 1))] + [p for p in fused if p[0] != lead]
    return fused


def group_hits(hits: Sequence[Hit], per_paper: int = 3) -> list[PaperHits]:
    """Group hits by paper (keeping rank order), at most ``per_paper`` hits under each."""
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
        ids = set(db.filtered_paper_ids(filters.since, filters.until, filters.categories))
    if filters.profile:
        matched = set(db.papers_matching_profile(filters.profile))
        ids = matched if ids is None else ids & matched
    return ids


@dataclass
class _Tier:
    """One tier's indexes and the DuckDB signature they were opened at."""

    dense: VectorIndex
    lexical: LexicalIndex
    signature: Any


class Searcher:
    """Holds the embedder and both tiers' indexes; reloads a tier when DuckDB's rows change.

    Built once per process (the app caches it); every query opens a short read-only DuckDB
    connection, so a daily run can write between queries.
    """

    def __init__(self, settings: Settings, embedder: Embedder | None = None) -> None:
        self.settings = settings
        self.embedder = embedder or get_embedder(settings.embedding)
        self._tiers: dict[str, _Tier] = {}
        self._passages = PassageCache()
        self._chunk_bm25: tuple[Any, LexicalIndex] | None = None

    def _chunk_lexical(self, db: Database) -> LexicalIndex:
        """The chunks' BM25 index alone: a search inside one paper needs no FAISS index."""
        tier = self._tiers.get(CHUNK)
        signature = db.chunk_signature()
        if tier is not None and tier.signature == signature:
            return tier.lexical
        if self._chunk_bm25 is None or self._chunk_bm25[0] != signature:
            self._chunk_bm25 = (signature, open_lexical(self.settings.home / "bm25", db))
        return self._chunk_bm25[1]

    def _in_paper(
        self,
        db: Database,
        paper_id: str,
        query: str,
        query_vector: np.ndarray,
        n: int,
        rerank: bool,
    ) -> list[tuple[Key, float]] | None:
        """Evidence inside one read paper: its chunks ranked by cosine, by BM25 and by their
        best sentence windows and table rows, fused, the best re-ranked by the evidence
        ranker when ``rerank``; None when the paper has no full text."""
        signals = self.paper_signals(db, paper_id, query, query_vector, n)
        if signals is None:
            return None
        if rerank:
            ranked = rank_chunks(load_ranker(), signals)
        else:
            ranked = rrf_fuse(list(signals.rankings.values()), self.settings.search.rrf_k)
        return [((CHUNK, cid), score) for cid, score in ranked]

    def paper_signals(
        self, db: Database, paper_id: str, query: str, query_vector: np.ndarray, n: int
    ) -> PaperSignals | None:
        """What each in-paper retriever says of the paper's chunks (top ``n`` of each), or
        None when the paper has no full text."""
        from kb.question import analyse
        from kb.vectors import ids_checksum

        ids, vectors = db.chunk_vectors(paper_id)
        if len(ids) == 0:
            return None
        cosine = vectors @ query_vector
        dense = [int(ids[i]) for i in np.argsort(-cosine)[:n]]
        bm25 = self._chunk_lexical(db).search(query, n, only=ids)
        passages = self._passages.get(
            paper_id, ids_checksum(ids), lambda: db.chunks_for_paper(paper_id)
        )
        question = analyse(query)
        windows, window_best, row_best = passages.signals(question)
        rankings = {"dense": dense, "lexical": [cid for cid, _ in bm25]}
        return PaperSignals(
            rankings={k: v for k, v in {**rankings, **windows}.items() if v},
            cosine={int(c): float(s) for c, s in zip(ids, cosine, strict=True)},
            bm25=dict(bm25),
            window_bm25=window_best,
            row_bm25=row_best,
            typed_question=question.wants != "any",
        )

    def _tier(self, db: Database, kind: str) -> _Tier:
        name, dim = self.embedder.name, self.embedder.dim
        signature = db.chunk_signature() if kind == CHUNK else db.paper_vector_signature(name)
        tier = self._tiers.get(kind)
        if tier is None or tier.signature != signature:
            home = self.settings.home
            if kind == CHUNK:
                dense = open_index(self.settings, db, name, dim)
                lexical = open_lexical(home / "bm25", db)
            else:
                dense = open_paper_index(self.settings, db, name, dim)
                lexical = open_abstract_lexical(home / "bm25-abstracts", db, name)
            tier = self._tiers[kind] = _Tier(dense, lexical, signature)
        return tier

    def search(
        self,
        query: str,
        k: int | None = None,
        filters: SearchFilters | None = None,
        rerank: bool | None = None,
    ):
        """The k best hits for the query, fused from the dense and lexical rankings of the
        tiers in ``filters.kinds``. Inside one paper, ``rerank`` (default
        ``search.rerank_in_paper``) orders the best chunks with the evidence ranker."""
        filters = filters or SearchFilters()
        k = k or self.settings.search.k
        if rerank is None:
            rerank = self.settings.search.rerank_in_paper
        query_vector = self.embedder.embed([query])[0]
        with Database.open(self.settings.db_path, read_only=True) as db:
            return self._search(db, query, query_vector, k, filters, rerank)

    def _search(
        self,
        db: Database,
        query: str,
        query_vector: np.ndarray,
        k: int,
        filters: SearchFilters,
        rerank: bool,
    ) -> list[Hit]:
        allowed = allowed_papers(db, filters)
        n = max(self.settings.search.candidates, k * 4)
        if filters.paper and CHUNK in filters.kinds:
            # A read paper is searched in its full text (its abstract is on its first page).
            from kb.ids import parse_paper_id

            paper_id = parse_paper_id(filters.paper)[0]
            if allowed is not None and paper_id not in allowed:
                return []
            fused_in_paper = self._in_paper(db, paper_id, query, query_vector, n, rerank)
            if fused_in_paper is not None:
                return hydrate(db, fused_in_paper[: max(n, k)])[:k]
        if allowed is not None:
            n = max(n, 1000)
        dense, lexical = self.rankings(db, query, query_vector, n, filters)
        search = self.settings.search
        fused = fuse(dense, lexical, search.rrf_k, search.lexical_lead)
        hits = hydrate(db, fused[: max(n, k)])
        if allowed is not None:
            hits = [h for h in hits if h.arxiv_id in allowed]
        return hits[:k]

    def rankings(
        self,
        db: Database,
        query: str,
        query_vector: np.ndarray,
        n: int,
        filters: SearchFilters,
    ) -> tuple[dict[str, list[tuple[int, float]]], dict[str, list[tuple[int, float]]]]:
        """Per tier in ``filters.kinds``: the top ``n`` (id, cosine) and (id, BM25 score)."""
        dense: dict[str, list[tuple[int, float]]] = {}
        lexical: dict[str, list[tuple[int, float]]] = {}
        for kind in KINDS:
            if kind in filters.kinds:
                dense[kind], lexical[kind] = self._rank(db, kind, query, query_vector, n, filters)
        return dense, lexical

    def _rank(
        self,
        db: Database,
        kind: str,
        query: str,
        query_vector: np.ndarray,
        n: int,
        filters: SearchFilters,
    ) -> tuple[list[tuple[int, float]], list[tuple[int, float]]]:
        """A tier's dense and lexical (id, score) rankings, inside one paper when asked."""
        tier = self._tier(db, kind)
        if filters.paper:
            from kb.ids import parse_paper_id

            paper_id = parse_paper_id(filters.paper)[0]
            if kind == CHUNK:
                ids, vectors = db.chunk_vectors(paper_id)
            else:
                ids, vectors = db.paper_vectors(self.embedder.name, arxiv_ids=[paper_id])
            if len(ids) == 0:
                return [], []
            scores = vectors @ query_vector
            order = np.argsort(-scores)[:n]
            dense = [(int(ids[i]), float(scores[i])) for i in order]
            return dense, tier.lexical.search(query, n, only=ids)
        scores, found = tier.dense.search(query_vector, n)
        dense = [(int(i), float(s)) for i, s in zip(found[0], scores[0], strict=True) if i != -1]
        return dense, tier.lexical.search(query, n)


def hydrate(db: Database, ranked: Sequence[tuple[Key, float]]) -> list[Hit]:
    """Turn ((kind, id), score) pairs into hits with paper titles, in the same order."""
    chunks = db.get_chunks([i for (kind, i), _ in ranked if kind == CHUNK])
    abstracts = db.papers_by_vector_id([i for (kind, i), _ in ranked if kind == ABSTRACT])
    wanted = {c.arxiv_id for c in chunks.values()} | set(abstracts.values())
    papers = db.get_papers(list(wanted))
    hits = []
    for (kind, item), score in ranked:
        chunk = chunks.get(item) if kind == CHUNK else None
        arxiv_id = chunk.arxiv_id if chunk else abstracts.get(item) if kind == ABSTRACT else None
        paper = papers.get(arxiv_id or "")
        if paper is None:  # index ahead of the database (a writer mid-way): skip
            continue
        hits.append(_hit(kind, item, round(score, 6), paper, chunk))
    return hits


def _hit(kind: str, item: int, score: float, paper: PaperRow, chunk: Chunk | None) -> Hit:
    """One hit: a chunk with its page, or a paper's abstract (``page`` None)."""
    published = paper.announced or paper.published
    common = {
        "arxiv_id": paper.arxiv_id,
        "title": paper.title,
        "score": score,
        "published": published.isoformat() if published else None,
        "categories": list(paper.categories),
        "kind": kind,
        "full_text": paper.parsed,
    }
    if chunk is None:
        return Hit(chunk_id=None, page=None, section="Abstract", text=paper.abstract,
                   page_end=None, **common)  # fmt: skip
    return Hit(chunk_id=item, page=chunk.page, section=chunk.section, text=chunk.text,
               page_end=chunk.page_end, **common)  # fmt: skip


def search(
    settings: Settings, query: str, k: int = 10, paper: str | None = None, **filters: Any
) -> list[Hit]:
    """One-off hybrid search (the CLI); long-lived callers keep a Searcher."""
    return Searcher(settings).search(query, k, SearchFilters(paper=paper, **filters))

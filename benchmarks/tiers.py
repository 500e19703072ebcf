"""Two-tier search and the bulk backfill, on real data.

``fusion`` compares ways to fuse full-text chunks with abstracts, on a knowledge base of real
PDFs (read in full) and real backfilled abstracts, with two kinds of queries: a sentence from
the middle of a backfilled abstract (the answer is in an abstract) and the QA set's questions
(the answer is in a full text). The score is how often the right paper is among the first
1 / 3 papers.

``backfill_run`` times ``kb backfill`` on metadata files (either engine) and measures search
over the result: latency of ``kb search`` and the middle-sentence check on a sample.
"""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from benchmarks.common import current_rss_mb, peak_rss_mb, percentiles_ms
from kb.config import Settings
from kb.db import Database
from kb.search import KINDS, Key, Searcher, SearchFilters, fuse, rrf_fuse
from kb.sentences import split_sentences

Fusion = Callable[[dict, dict, int], list[tuple[Key, float]]]


def per_tier(dense: dict, lexical: dict, rrf_k: int = 60) -> list[tuple[Key, float]]:
    """The alternative: RRF inside each tier, then the tiers interleaved by that score."""
    merged: list[tuple[Key, float]] = []
    for kind in dense:
        ranked = rrf_fuse([[i for i, _ in dense[kind]], [i for i, _ in lexical[kind]]], rrf_k)
        merged += [((kind, i), s) for i, s in ranked]
    return sorted(merged, key=lambda p: (-p[1], p[0]))


def chunks_first(dense: dict, lexical: dict, rrf_k: int = 60) -> list[tuple[Key, float]]:
    """A baseline: full-text hits first, abstracts after them."""
    ranked = per_tier(dense, lexical, rrf_k)
    return sorted(ranked, key=lambda p: (p[0][0] != "chunk", -p[1]))


def joint_with_lead(dense: Any, lexical: Any, rrf_k: int = 60) -> list[tuple[Key, float]]:
    """The joint fusion with the default ``search.lexical_lead`` (what ``kb search`` does)."""
    from kb.config_sections import SearchSettings

    return fuse(dense, lexical, rrf_k, SearchSettings().lexical_lead)


FUSIONS: dict[str, Fusion] = {
    "joint_lexical_lead": joint_with_lead,
    "joint": fuse,
    "per_tier": per_tier,
    "chunks_first": chunks_first,
}


def middle_sentence(abstract: str) -> str:
    """The sentence in the middle of an abstract (the independent check's query)."""
    sentences = split_sentences(abstract) or [abstract]
    return sentences[len(sentences) // 2]


def paper_order(db: Database, fused: Sequence[tuple[Key, float]], limit: int = 3) -> list[str]:
    """The first ``limit`` distinct papers of a fused ranking."""
    from kb.search import hydrate

    papers: list[str] = []
    for hit in hydrate(db, fused[:60]):
        if hit.arxiv_id not in papers:
            papers.append(hit.arxiv_id)
        if len(papers) == limit:
            break
    return papers


def fusion(
    settings: Settings, queries: Sequence[tuple[str, str, str]], n: int = 100
) -> dict[str, Any]:
    """Paper hit@1 and hit@3 of each fusion, per query set: (set name, query, arxiv_id)."""
    searcher = Searcher(settings)
    hits: dict[str, dict[str, list[int]]] = {}
    with Database.open(settings.db_path, read_only=True) as db:
        for name, query, arxiv_id in queries:
            vector = searcher.embedder.embed([query])[0]
            dense, lexical = searcher.rankings(db, query, vector, n, SearchFilters(kinds=KINDS))
            for method, fuse_with in FUSIONS.items():
                order = paper_order(db, fuse_with(dense, lexical, settings.search.rrf_k))
                row = hits.setdefault(method, {}).setdefault(name, [0, 0, 0])
                row[0] += order[:1] == [arxiv_id]
                row[1] += arxiv_id in order
                row[2] += 1
    return {
        method: {
            name: {"hit@1": round(a / total, 3), "hit@3": round(b / total, 3), "queries": total}
            for name, (a, b, total) in per_set.items()
        }
        for method, per_set in hits.items()
    }


def abstract_queries(settings: Settings, sample: int, seed: int = 0) -> list[tuple[str, str, str]]:
    """Middle sentences of ``sample`` papers without full text."""
    with Database.open(settings.db_path, read_only=True) as db:
        rows = db.con.execute(
            "SELECT arxiv_id, abstract FROM papers WHERE n_chunks = 0 AND abstract != '' "
            "ORDER BY arxiv_id"
        ).fetchall()
    picked = random.Random(seed).sample(rows, min(sample, len(rows)))
    return [("abstract", middle_sentence(abstract), pid) for pid, abstract in picked]


def backfill_run(
    settings: Settings, files: Sequence[Path], engine: str = "local", sample: int = 200
) -> dict[str, Any]:
    """Time and memory of a backfill, then search latency and the middle-sentence check."""
    from kb.backfill import BackfillOptions, backfill

    before = current_rss_mb()
    start = time.perf_counter()
    summary = backfill(settings, BackfillOptions(list(files), engine=engine))  # type: ignore[arg-type]
    seconds = time.perf_counter() - start
    result: dict[str, Any] = {
        "engine": engine,
        "seconds": round(seconds, 1),
        "papers_per_s": round(summary.vectors / seconds, 1) if seconds else None,
        "summary": {k: v for k, v in summary.to_dict().items() if k != "malformed"},
        "rss_growth_mb": round(current_rss_mb() - before, 1),
        "peak_rss_mb": peak_rss_mb(),
    }
    result["search"] = search_figures(settings, sample)
    return result


def search_figures(settings: Settings, sample: int = 200) -> dict[str, Any]:
    """``kb search`` over a backfilled KB: index opening time, p50/p95 of a query (embedding
    included) and how often a middle sentence finds its paper in the first 3."""
    searcher = Searcher(settings)
    queries = abstract_queries(settings, sample)
    start = time.perf_counter()
    searcher.search("open the indexes", 10, SearchFilters(kinds=KINDS))
    open_s = time.perf_counter() - start
    times, found = [], 0
    for _, query, arxiv_id in queries:
        t0 = time.perf_counter()
        hits = searcher.search(query, 10, SearchFilters(kinds=KINDS))
        times.append((time.perf_counter() - t0) * 1000)
        found += arxiv_id in list(dict.fromkeys(h.arxiv_id for h in hits))[:3]
    p50, p95 = percentiles_ms(times)
    top3 = round(found / len(queries), 3)
    return {"open_indexes_s": round(open_s, 1), "p50_ms": p50, "p95_ms": p95,
            "middle_sentence_top3": top3, "queries": len(queries)}  # fmt: skip


def two_tier_kb(settings: Settings, pdfs: Sequence[Path], metadata: Sequence[Path]) -> None:
    """A knowledge base of PDFs read in full plus backfilled abstracts (in ``settings.home``)."""
    from kb.backfill import BackfillOptions, backfill
    from kb.ingest import Ingestor
    from kb.papervectors import ensure_paper_vectors

    Ingestor(settings).ingest_loose_pdfs(list(pdfs))
    backfill(settings, BackfillOptions(list(metadata)))
    with Database.open(settings.db_path) as db:
        ensure_paper_vectors(db, Searcher(settings).embedder)


def fulltext_queries(qa_path: Path) -> list[tuple[str, str, str]]:
    """The QA set's answerable questions: their answer is in the paper's full text."""
    from kb.qa_eval import load_qa_set

    return [("fulltext", q.question, q.arxiv_id) for q in load_qa_set(qa_path) if q.answers]

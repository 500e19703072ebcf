"""Vector search latency and memory at growing sizes, on clustered synthetic unit vectors.

Per size: exact (flat) and, up to ``hnsw_max`` vectors, HNSW with the settings' M and
efSearch: build time, p50/p95 of one query, HNSW recall@10 against exact, and the memory the
index adds. The index the knowledge base itself would pick at that size (``index_kind``) is
named in ``kb_kind``; its figures are the headline.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from benchmarks.common import current_rss_mb, peak_rss_mb, percentiles_ms
from kb.config import Settings

DIM = 384
BLOCK = 50_000


def clustered_unit_vectors(rows: int, rng: np.random.Generator) -> np.ndarray:
    """Unit vectors around rows/500 centres (closer to real embeddings than pure noise).

    Made in blocks so that a million rows cost their 1.5 GB and no float64 copy.
    """
    centers = rng.standard_normal((max(1, rows // 500), DIM), dtype=np.float32)
    out = np.empty((rows, DIM), dtype=np.float32)
    for lo in range(0, rows, BLOCK):
        hi = min(rows, lo + BLOCK)
        block = centers[rng.integers(0, len(centers), hi - lo)]
        block += 0.6 * rng.standard_normal((hi - lo, DIM), dtype=np.float32)
        block /= np.linalg.norm(block, axis=1, keepdims=True)
        out[lo:hi] = block
    return out


def query_embedding_ms(embedder: Any, n: int = 30) -> tuple[float, float]:
    """p50/p95 of embedding one short question."""
    samples = []
    for i in range(n):
        start = time.perf_counter()
        embedder.embed([f"what does method number {i} achieve on benchmark {i % 7}?"])
        samples.append((time.perf_counter() - start) * 1000)
    return percentiles_ms(samples)


def index_bytes(index: Any) -> int:
    """Bytes the FAISS index holds: float vectors, id maps and HNSW's neighbour lists."""
    import faiss

    n = index.ntotal
    # IndexIDMap2: an id list (8 B) and a reverse hash map (~40 B an entry, approximate)
    total = n * (DIM * 4 + 8 + 40)
    if index.kind == "hnsw":
        hnsw = faiss.downcast_index(index.index.index).hnsw
        total += hnsw.neighbors.size() * 4 + hnsw.offsets.size() * 8 + hnsw.levels.size() * 4
    return total


def _time_queries(index: Any, queries: np.ndarray, k: int) -> tuple[list[float], list[set[int]]]:
    times, found = [], []
    for query in queries:
        start = time.perf_counter()
        _, ids = index.search(query, k)
        times.append((time.perf_counter() - start) * 1000)
        found.append(set(ids[0].tolist()))
    return times, found


def bench_size(
    size: int, settings: Settings, queries_n: int, hnsw_max: int, rng: np.random.Generator
) -> dict[str, Any]:
    """Figures of one size (see the module docstring)."""
    from kb.vectors import VectorIndex
    from kb.vectorstore import index_kind

    data = clustered_unit_vectors(size, rng)
    queries = data[rng.integers(0, size, queries_n)] + 0.05 * clustered_unit_vectors(queries_n, rng)
    queries /= np.linalg.norm(queries, axis=1, keepdims=True)
    ids = np.arange(size, dtype=np.int64)
    row: dict[str, Any] = {"kb_kind": index_kind(settings, size)}
    exact: list[set[int]] | None = None
    kinds = ["flat"] + (["hnsw"] if size <= hnsw_max else [])
    for kind in kinds:
        gc.collect()
        before = current_rss_mb()
        start = time.perf_counter()
        index = VectorIndex(DIM, {}, kind, settings.index.hnsw_m)
        index.add(ids, data)
        index.set_ef_search(settings.index.hnsw_ef_search)
        build_s = time.perf_counter() - start
        times, found = _time_queries(index, queries, 10)
        p50, p95 = percentiles_ms(times)
        entry = {
            "build_s": round(build_s, 2),
            "p50_ms": p50,
            "p95_ms": p95,
            "index_mb": round(index_bytes(index) / 2**20, 1),
            "rss_growth_mb": round(current_rss_mb() - before, 1),
        }
        if kind == "flat":
            exact = found
        elif exact is not None:
            entry["recall@10_vs_exact"] = round(
                float(np.mean([len(a & b) / 10 for a, b in zip(found, exact, strict=True)])), 4
            )
        row[kind] = entry
        del index
    row["vectors_mb"] = round(data.nbytes / 2**20, 1)
    row["peak_rss_mb"] = peak_rss_mb()
    headline = row.get(row["kb_kind"]) or row["flat"]
    row["p50_ms"], row["p95_ms"] = headline["p50_ms"], headline["p95_ms"]
    row["measured_kind"] = row["kb_kind"] if row["kb_kind"] in row else "flat"
    return row


def bench_search(
    settings: Settings,
    sizes: Sequence[int],
    queries_n: int = 200,
    hnsw_max: int = 100_000,
    embedder: Any | None = None,
) -> dict[str, Any]:
    """Search figures per size, and the query embedding time that adds to each search."""
    rng = np.random.default_rng(0)
    results: dict[str, Any] = {}
    if embedder is not None:
        p50, p95 = query_embedding_ms(embedder)
        results["query_embedding_ms"] = {"p50": p50, "p95": p95}
    for size in sizes:
        results[str(size)] = bench_size(size, settings, queries_n, hnsw_max, rng)
        gc.collect()
    return results

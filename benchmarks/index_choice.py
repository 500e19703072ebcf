"""Which FAISS index at a million vectors: HNSW (wider efSearch), IVF with exact distances,
and a quantized IVF with a refine step, on the same clustered synthetic unit vectors.

Per configuration: build time (training included), bytes per vector, p50/p95 of one query
(top 10, one thread of control as ``kb search`` runs it), recall@10 against exact search, and
the cost of adding one day's vectors (1,000) to the built index: the index the knowledge base
keeps must take a day's papers without being rebuilt.
"""

from __future__ import annotations

import gc
import time
from collections.abc import Sequence
from typing import Any

import numpy as np

from benchmarks.common import current_rss_mb, percentiles_ms
from benchmarks.search import DIM, clustered_unit_vectors

DAY_VECTORS = 1_000


def _queries(data: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """Queries near stored vectors (as a real query is near the passages that answer it)."""
    picked = data[rng.integers(0, len(data), n)] + 0.05 * clustered_unit_vectors(n, rng)
    return picked / np.linalg.norm(picked, axis=1, keepdims=True)


def exact_top(data: np.ndarray, queries: np.ndarray, k: int = 10) -> np.ndarray:
    """Exact top-k ids (the ground truth), by one batched flat search."""
    import faiss

    flat = faiss.IndexFlatIP(DIM)
    flat.add(data)
    return flat.search(queries, k)[1]


def build(spec: str, data: np.ndarray, train_n: int, rng: np.random.Generator) -> Any:
    """A FAISS index from a factory string, trained on a sample when it needs training."""
    import faiss

    index = faiss.index_factory(DIM, spec, faiss.METRIC_INNER_PRODUCT)
    if not index.is_trained:
        sample = data[np.sort(rng.choice(len(data), min(train_n, len(data)), replace=False))]
        index.train(sample)
    index.add(data)
    return index


def set_breadth(index: Any, breadth: int, k_factor: int) -> None:
    """efSearch (HNSW) or nprobe (IVF), and how many candidates a refine step re-scores."""
    import faiss

    if isinstance(index, faiss.IndexRefine):
        index.k_factor = k_factor
        index = faiss.downcast_index(index.base_index)
    if isinstance(index, faiss.IndexHNSW):
        index.hnsw.efSearch = breadth
    else:
        faiss.extract_index_ivf(index).nprobe = breadth


def query_figures(index: Any, queries: np.ndarray, truth: np.ndarray) -> dict[str, float]:
    """p50/p95 of one query at a time, and recall@10 against exact search."""
    times, recalls = [], []
    for query, exact in zip(queries, truth, strict=True):
        start = time.perf_counter()
        _, found = index.search(query[None, :], 10)
        times.append((time.perf_counter() - start) * 1000)
        recalls.append(len(set(found[0].tolist()) & set(exact.tolist())) / 10)
    p50, p95 = percentiles_ms(times)
    return {"p50_ms": p50, "p95_ms": p95, "recall@10": round(float(np.mean(recalls)), 4)}


def day_add_s(index: Any, rng: np.random.Generator) -> float:
    """Seconds to add one day's vectors to the built index (no rebuild)."""
    day = clustered_unit_vectors(DAY_VECTORS, rng)
    start = time.perf_counter()
    index.add(day)
    return round(time.perf_counter() - start, 3)


CANDIDATES: dict[str, dict[str, Any]] = {
    "HNSW32,Flat": {"breadths": [128, 256, 512], "k_factor": 1},
    "IVF{nlist},Flat": {"breadths": [16, 32, 64, 128], "k_factor": 1},
    "IVF{nlist},SQ8,Refine(Flat)": {"breadths": [16, 32, 64], "k_factor": 4},
    "IVF{nlist},PQ48,Refine(SQfp16)": {"breadths": [32, 64], "k_factor": 8},
}


def compare_indexes(
    size: int = 1_000_000,
    queries_n: int = 200,
    nlist: int | None = None,
    only: Sequence[str] = (),
    seed: int = 0,
) -> dict[str, Any]:
    """Figures of every candidate at ``size`` vectors (see the module docstring)."""
    import faiss

    rng = np.random.default_rng(seed)
    nlist = nlist or max(64, int(4 * np.sqrt(size)) // 64 * 64)
    data = clustered_unit_vectors(size, rng)
    queries = _queries(data, queries_n, rng)
    start = time.perf_counter()
    truth = exact_top(data, queries)
    flat_s = (time.perf_counter() - start) / queries_n
    result: dict[str, Any] = {
        "size": size,
        "nlist": nlist,
        "faiss_threads": faiss.omp_get_max_threads(),
        "exact_ms_per_query_batched": round(flat_s * 1000, 2),
        "candidates": {},
    }
    for template, plan in CANDIDATES.items():
        spec = template.format(nlist=nlist)
        if only and not any(o in spec for o in only):
            continue
        gc.collect()
        before = current_rss_mb()
        start = time.perf_counter()
        index = build(spec, data, 40 * nlist, rng)
        build_s = time.perf_counter() - start
        grown_mb = current_rss_mb() - before
        rows = {}
        for breadth in plan["breadths"]:
            set_breadth(index, breadth, plan["k_factor"])
            rows[str(breadth)] = query_figures(index, queries, truth)
        result["candidates"][spec] = {
            "build_s": round(build_s, 1),
            "bytes_per_vector": round(grown_mb * 2**20 / size),
            "by_breadth": rows,
            "add_1000_s": day_add_s(index, rng),
        }
        del index
    return result


def compare_on_real(
    vectors: np.ndarray, queries_n: int = 200, seed: int = 0, breadths: Sequence[int] = ()
) -> dict[str, Any]:
    """HNSW and IVF (the knowledge base's list count) on real vectors: ``queries_n`` of them
    are held out as queries ("more like this"), the rest indexed; recall@10 against exact."""
    from kb.vectorstore import ivf_lists

    rng = np.random.default_rng(seed)
    order = rng.permutation(len(vectors))
    queries, data = vectors[order[:queries_n]], np.ascontiguousarray(vectors[order[queries_n:]])
    truth = exact_top(data, queries)
    nlist = ivf_lists(len(data))
    result: dict[str, Any] = {"size": len(data), "nlist": nlist, "candidates": {}}
    plans = {"HNSW32,Flat": [64, 128, 256], f"IVF{nlist},Flat": list(breadths) or [8, 16, 32, 48]}
    for spec, widths in plans.items():
        start = time.perf_counter()
        index = build(spec, data, 40 * nlist, rng)
        rows = {}
        for width in widths:
            set_breadth(index, width, 1)
            rows[str(width)] = query_figures(index, queries, truth)
        result["candidates"][spec] = {
            "build_s": round(time.perf_counter() - start, 2),
            "by_breadth": rows,
        }
    return result


def pick(result: dict[str, Any], recall: float = 0.95) -> tuple[str, str] | None:
    """The fastest (p50) configuration that reaches ``recall``: (spec, breadth)."""
    best = None
    for spec, figures in result["candidates"].items():
        for breadth, row in figures["by_breadth"].items():
            if row["recall@10"] >= recall and (best is None or row["p50_ms"] < best[2]):
                best = (spec, breadth, row["p50_ms"])
    return (best[0], best[1]) if best else None

#!/usr/bin/env python3
"""Search latency and approximate-index recall at growing sizes (synthetic unit vectors).

For each size: query latency p50/p95 of exact (flat) and HNSW search with the real query
embedding time added, HNSW recall@10 against exact search, build time and peak memory.

    python scripts/bench_search.py [--sizes 10000,100000,1000000] [--queries 200] [--json]
"""

from __future__ import annotations

import argparse
import json
import resource
import sys
import time

import numpy as np

DIM = 384


def unit(rows: int, rng: np.random.Generator) -> np.ndarray:
    """Clustered unit vectors (closer to real embeddings than pure noise)."""
    centers = rng.normal(size=(max(1, rows // 500), DIM)).astype(np.float32)
    vectors = centers[rng.integers(0, len(centers), rows)] + 0.6 * rng.normal(
        size=(rows, DIM)
    ).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def percentiles(samples: list[float]) -> tuple[float, float]:
    return float(np.percentile(samples, 50)), float(np.percentile(samples, 95))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    from kb.config import load_settings
    from kb.embed import get_embedder
    from kb.vectors import VectorIndex

    settings = load_settings()
    embedder = get_embedder(settings.embedding)
    questions = [f"what does method number {i} achieve on benchmark {i % 7}?" for i in range(50)]
    embed_ms = []
    for q in questions:
        start = time.perf_counter()
        embedder.embed([q])
        embed_ms.append((time.perf_counter() - start) * 1000)
    embed_p50, embed_p95 = percentiles(embed_ms)
    rng = np.random.default_rng(0)
    results = {"query_embedding_ms": {"p50": round(embed_p50, 2), "p95": round(embed_p95, 2)}}
    for size in [int(s) for s in args.sizes.split(",")]:
        data = unit(size, rng)
        queries = data[rng.integers(0, size, args.queries)] + 0.05 * unit(args.queries, rng)
        queries /= np.linalg.norm(queries, axis=1, keepdims=True)
        ids = np.arange(size, dtype=np.int64)
        row = {}
        exact_ids = None
        for kind in ("flat", "hnsw"):
            start = time.perf_counter()
            index = VectorIndex(DIM, {}, kind, settings.index.hnsw_m)
            index.add(ids, data)
            index.set_ef_search(settings.index.hnsw_ef_search)
            build_s = time.perf_counter() - start
            times, found = [], []
            for q in queries:
                start = time.perf_counter()
                _, got = index.search(q, 10)
                times.append((time.perf_counter() - start) * 1000)
                found.append(got[0])
            p50, p95 = percentiles(times)
            entry = {
                "build_s": round(build_s, 2),
                "search_p50_ms": round(p50, 3),
                "search_p95_ms": round(p95, 3),
                "p50_ms_with_embedding": round(p50 + embed_p50, 2),
                "p95_ms_with_embedding": round(p95 + embed_p95, 2),
            }
            if kind == "flat":
                exact_ids = found
            else:
                recall = np.mean(
                    [len(set(a) & set(b)) / 10 for a, b in zip(found, exact_ids, strict=True)]
                )
                entry["recall@10_vs_exact"] = round(float(recall), 4)
            row[kind] = entry
            del index
        row["peak_rss_mb"] = round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)
        results[str(size)] = row
        del data
        if not args.json:
            print(f"{size:>9,} vectors: " + "; ".join(
                f"{k}: build {v['build_s']} s, p50 {v['p50_ms_with_embedding']} ms, p95 "
                f"{v['p95_ms_with_embedding']} ms" + (f", recall@10 {v['recall@10_vs_exact']}"
                                                       if "recall@10_vs_exact" in v else "")
                for k, v in row.items() if isinstance(v, dict)
            ) + f"; peak RSS {row['peak_rss_mb']} MB", flush=True)  # fmt: skip
    if args.json:
        print(json.dumps(results, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

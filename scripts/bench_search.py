#!/usr/bin/env python3
"""Search latency, HNSW recall and index memory at growing sizes (thin wrapper of benchmarks.search;
``scripts/bench.py`` runs it together with the other benchmarks).

    python scripts/bench_search.py [--sizes 10000,100000,1000000] [--hnsw-max N] [--queries 200]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def main() -> int:
    """Print the search figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="10000,100000,1000000")
    parser.add_argument("--hnsw-max", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    args = parser.parse_args()
    from benchmarks.search import bench_search
    from kb.config import load_settings
    from kb.embed import get_embedder

    settings = load_settings()
    sizes = [int(s) for s in args.sizes.split(",")]
    result = bench_search(
        settings, sizes, args.queries, args.hnsw_max, get_embedder(settings.embedding)
    )
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Scale figures: FAISS index choice at 1 M vectors, two-tier fusion on real data, and the
bulk backfill (thin wrapper of benchmarks.index_choice and benchmarks.tiers).

    python scripts/bench_scale.py index [--size 1000000] [--only IVF]
    python scripts/bench_scale.py fusion --metadata FILE... [--sample 200]
    python scripts/bench_scale.py backfill --metadata FILE... [--engine local|ray]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    """Print the figures of one part as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("part", choices=["index", "fusion", "backfill"])
    parser.add_argument("--size", type=int, default=1_000_000)
    parser.add_argument("--queries", type=int, default=200)
    parser.add_argument("--only", action="append", default=[])
    parser.add_argument("--metadata", action="append", type=Path, default=[])
    parser.add_argument("--pdf-dir", type=Path, default=ROOT.parent / "shared" / "data" / "pdfs")
    parser.add_argument("--qa", type=Path, default=ROOT / "tests" / "data" / "qa.jsonl")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--engine", choices=["local", "ray"], default="local")
    args = parser.parse_args()
    from benchmarks.common import machine

    result: dict = {"machine": machine()}
    if args.part == "index":
        from benchmarks.index_choice import compare_indexes, pick

        result["index"] = compare_indexes(args.size, args.queries, only=args.only)
        result["pick_recall_0.95"] = pick(result["index"])
    else:
        from benchmarks import tiers
        from kb.config import Settings

        with tempfile.TemporaryDirectory(prefix="kb-bench-scale-") as home:
            settings = Settings(home=Path(home))
            if args.part == "fusion":
                tiers.two_tier_kb(settings, sorted(args.pdf_dir.glob("*.pdf")), args.metadata)
                queries = tiers.abstract_queries(settings, args.sample)
                queries += tiers.fulltext_queries(args.qa)
                result["fusion"] = tiers.fusion(settings, queries)
            else:
                result["backfill"] = tiers.backfill_run(
                    settings, args.metadata, args.engine, args.sample
                )
    result["machine_after"] = machine()
    print(json.dumps(result, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
"""Relevance figures on every labelled set (logic in benchmarks/relevance.py).

Usage: scripts/bench_relevance.py [--data-dir ../shared/data] [--ratings 10 20] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    """Evaluate every set and print a Markdown table (or JSON)."""
    from benchmarks.relevance import evaluate_set, label_sets, markdown

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data-dir", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--ratings", type=int, nargs="*", default=[10, 20])
    parser.add_argument("--sets", nargs="*", help="Only these sets (by name).")
    parser.add_argument("--json", action="store_true", help="Print JSON instead of a table.")
    args = parser.parse_args()
    ratings = tuple(args.ratings)
    results = []
    with tempfile.TemporaryDirectory(prefix="kb-bench-relevance-") as home:
        for label_set in label_sets(args.data_dir):
            if args.sets and label_set.name not in args.sets:
                continue
            results.append(evaluate_set(label_set, Path(home), ratings))
            print(f"{label_set.name}: scored in {results[-1]['score_s']} s", file=sys.stderr)
    print(json.dumps(results, indent=1) if args.json else markdown(results, ratings))
    return 0


if __name__ == "__main__":
    sys.exit(main())

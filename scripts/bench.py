#!/usr/bin/env python3
"""Benchmark arxiv-kb: ingest against plain llama-index, evidence recall, search, daily run.

Prints a table, or with --json one JSON object whose keys include ingest_speedup_vs_llamaindex,
evidence_recall_ours, evidence_recall_llamaindex, search_p50_ms_100k, daily_run_s.

    python scripts/bench.py [--quick] [--sizes 10000,100000,1000000] [--pdf-dir DIR] [--json]
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import sys
import warnings
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


FLAG = {"action": "store_true"}
# the command line, one option a row: (flag, argparse keywords)
OPTIONS: list[tuple[str, dict[str, Any]]] = [
    ("--data-dir", {"type": Path, "default": ROOT.parent / "shared" / "data",
                    "help": "real data: pdfs/, pdfs-extra/, feeds/rss/ (default ../shared/data)"}),
    ("--pdf-dir", {"type": Path, "action": "append", "default": None,
                   "help": "PDFs to ingest (repeatable; default DATA_DIR/pdfs)"}),
    ("--qa", {"type": Path, "default": None, "help": "QA set (default tests/data/qa.jsonl)"}),
    ("--sizes", {"default": None,
                 "help": "vector counts for search (default 10000,100000,1000000)"}),
    ("--hnsw-max", {"type": int, "default": None,
                    "help": "largest size that also builds HNSW (default 100000)"}),
    ("--queries", {"type": int, "default": None, "help": "queries per size (default 200)"}),
    ("--synthetic-pdfs", {"type": int, "default": 0,
                          "help": "add this many generated PDFs to the ingest set"}),
    ("--repeat", {"type": int, "default": 1,
                  "help": "ingest rounds, alternating order; the fastest of each side counts"}),
    ("--no-int8", {**FLAG, "help": "skip the int8-quantized ingest variant"}),
    ("--no-fp32", {**FLAG, "help": "skip the float32 sentence-transformers ingest variant"}),
    ("--no-search", {**FLAG, "help": "skip the search benchmark (no sizes)"}),
    ("--no-daily", {**FLAG, "help": "skip the daily-run benchmark"}),
    ("--no-ingest", {**FLAG, "help": "skip the ingest comparison with llama-index"}),
    ("--announcements", {"type": int, "default": None, "help": "daily run size (default 1000)"}),
    ("--matched", {"type": int, "default": None,
                   "help": "matched papers with PDFs in the daily run (default 20)"}),
    ("--quick", {**FLAG, "help": "small sizes for CI: 2 PDFs, 10k/100k vectors, a 200-paper day"}),
    ("--json", {**FLAG, "help": "print one JSON object"}),
    ("--markdown", {**FLAG, "help": "print the tables as Markdown (for the README)"}),
    ("--from-json", {"type": Path, "default": None,
                     "help": "render a saved --json result; measure nothing"}),
]  # fmt: skip


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    """The command line (``OPTIONS``)."""
    parser = argparse.ArgumentParser(
        description=__doc__.splitlines()[0], formatter_class=argparse.RawDescriptionHelpFormatter
    )
    for flag, spec in OPTIONS:
        parser.add_argument(flag, **spec)
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    """Run the benchmark and print the result."""
    args = parse_args(argv)
    if args.from_json:
        from benchmarks.table import render_table

        print(render_table(json.loads(args.from_json.read_text(encoding="utf-8")), args.markdown))
        return 0
    os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")
    warnings.filterwarnings("ignore")
    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(message)s")
    logging.getLogger("benchmarks").setLevel(logging.INFO)  # progress on stderr
    from benchmarks.run import BenchOptions
    from benchmarks.table import render_table

    changes = {
        key: value
        for key, value in {
            "pdf_dirs": args.pdf_dir,
            "qa_path": args.qa,
            "sizes": tuple(int(s) for s in args.sizes.split(",")) if args.sizes else None,
            "hnsw_max": args.hnsw_max,
            "queries": args.queries,
            "daily_announcements": args.announcements,
            "daily_matched": args.matched,
        }.items()
        if value is not None
    }
    changes.update(synthetic_pdfs=args.synthetic_pdfs, repeat=args.repeat, daily=not args.no_daily)
    changes["ingest"] = not args.no_ingest
    if args.no_search:
        changes["sizes"] = ()
    if args.no_int8:
        changes["int8"] = False
    if args.no_fp32:
        changes["fp32"] = False
    if args.quick:
        options = BenchOptions.quick_options(args.data_dir, **changes)
    else:
        options = BenchOptions(data_dir=args.data_dir, **changes)
    from benchmarks.run import run_bench

    result = run_bench(options)
    if args.json:
        print(json.dumps(result, indent=2, default=str))
    else:
        print(render_table(result, args.markdown))
    return 0


if __name__ == "__main__":
    sys.exit(main())

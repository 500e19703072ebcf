#!/usr/bin/env python3
"""Ingest a folder of PDFs into a fresh home and print time per stage and recall (thin wrapper of
benchmarks.ingest; ``scripts/bench.py`` compares it with llama-index).

    python scripts/bench_ingest.py [--pdf-dir ../shared/data/pdfs] [--model all-MiniLM-L6-v2+int8]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> int:
    """Print the ingest figures as JSON."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf-dir", type=Path, default=ROOT.parent / "shared" / "data" / "pdfs")
    parser.add_argument("--model", default=None, help="embedding.model (default: the bundled one)")
    parser.add_argument("--workers", type=int, default=None, help="parse processes (default 1)")
    args = parser.parse_args()
    if not args.pdf_dir.is_dir():
        print(f"no PDF folder at {args.pdf_dir}", file=sys.stderr)
        return 2
    from benchmarks.common import find_pdfs, pdf_id
    from benchmarks.ingest import bench_ours
    from benchmarks.recall import load_questions
    from benchmarks.run import QA_SET

    pdfs = find_pdfs([args.pdf_dir])
    questions = load_questions(QA_SET, {pdf_id(p) for p in pdfs}) if QA_SET.is_file() else []
    overrides: dict = {}
    if args.model:
        overrides["embedding"] = {"model": args.model}
    if args.workers is not None:
        overrides["ingest"] = {"workers": args.workers}
    print(json.dumps(bench_ours(pdfs, questions, overrides), indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())

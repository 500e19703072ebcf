#!/usr/bin/env python3
"""Ingest a folder of PDFs into a fresh KB_HOME and print pages/s, chunks/s, s/paper, peak memory.

python scripts/bench_ingest.py [--pdf-dir ../shared/data/pdfs] [--workers 1] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pdf-dir", type=Path, default=ROOT.parent / "shared" / "data" / "pdfs")
    parser.add_argument("--workers", type=int, default=None, help="parse processes (default 1)")
    parser.add_argument("--json", action="store_true", help="print one JSON object")
    args = parser.parse_args()
    if not args.pdf_dir.is_dir():
        print(f"no PDF folder at {args.pdf_dir}", file=sys.stderr)
        return 2
    pdfs = sorted(args.pdf_dir.glob("*.pdf"))
    with tempfile.TemporaryDirectory(prefix="kb-bench-") as home:
        os.environ["KB_HOME"] = home
        from kb.config import load_settings
        from kb.embed import get_embedder
        from kb.ingest import Ingestor

        overrides = {"ingest": {"workers": args.workers}} if args.workers is not None else {}
        settings = load_settings(**overrides)
        start = time.perf_counter()
        get_embedder(settings.embedding)
        model_load_s = time.perf_counter() - start
        start = time.perf_counter()
        summary = Ingestor(settings).ingest_loose_pdfs(pdfs)
        total_s = time.perf_counter() - start
        from kb.db import Database

        with Database.open(settings.db_path, read_only=True) as db:
            pages = sum(len(db.page_texts(p["arxiv_id"])) for p in db.list_papers())
    peak_mb = (
        max(
            resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
            resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss,
        )
        / 1024
    )
    figures = {
        "pdfs": len(pdfs),
        "parsed": summary.pdfs_parsed,
        "failed": summary.pdfs_failed,
        "pages": pages,
        "chunks": summary.chunks_added,
        "total_s": round(total_s, 2),
        "model_load_s": round(model_load_s, 2),
        "pages_per_s": round(pages / total_s, 1) if total_s else 0.0,
        "chunks_per_s": round(summary.chunks_added / total_s, 1) if total_s else 0.0,
        "s_per_paper": round(total_s / max(1, summary.pdfs_parsed), 3),
        "peak_rss_mb": round(peak_mb, 1),
        "stages_s": summary.timings_s,
        "failures": summary.failures,
    }
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        for key, value in figures.items():
            print(f"{key:>14}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""One benchmark run: ingest against llama-index, evidence recall, search, the daily run."""

from __future__ import annotations

import logging
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.common import find_pdfs, machine, pdf_id
from kb.config import Settings

log = logging.getLogger(__name__)

QA_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "qa.jsonl"
DEFAULT_SIZES = (10_000, 100_000, 1_000_000)
QUICK_SIZES = (10_000, 100_000)
INT8_MODEL = "all-MiniLM-L6-v2+int8"
# The same pipeline with the embedding as sentence-transformers runs it by default (float32,
# the library's own encode): shows how much of the lead is the chunking and how much bf16.
FP32_LIBRARY = {"embedding": {"precision": "fp32", "runner": "sentence-transformers"}}


@dataclass
class BenchOptions:
    """What to measure and how big."""

    data_dir: Path
    pdf_dirs: list[Path] = field(default_factory=list)
    qa_path: Path = QA_SET
    sizes: tuple[int, ...] = DEFAULT_SIZES
    hnsw_max: int = 100_000
    queries: int = 200
    quick: bool = False
    daily: bool = True
    daily_announcements: int = 1000
    daily_matched: int = 20
    synthetic_pdfs: int = 0
    repeat: int = 1
    int8: bool = True
    fp32: bool = True
    ingest: bool = True

    @classmethod
    def quick_options(cls, data_dir: Path, **changes: Any) -> BenchOptions:
        """Small sizes for CI and tests: two PDFs, 10k/100k vectors, a 200-paper day."""
        values = {
            "sizes": QUICK_SIZES, "hnsw_max": 10_000, "queries": 50, "quick": True,
            "daily_announcements": 200, "daily_matched": 2, "int8": False, "fp32": False,
        }  # fmt: skip
        values.update(changes)
        return cls(data_dir=data_dir, **values)


def _ingest_pdfs(options: BenchOptions, scratch: Path) -> tuple[list[Path], str]:
    """The PDFs to ingest and where they come from (real, or generated when absent)."""
    dirs = options.pdf_dirs or [options.data_dir / "pdfs"]
    pdfs = find_pdfs([d for d in dirs if Path(d).is_dir()])
    if options.quick and pdfs:
        pdfs = sorted(pdfs, key=lambda p: p.stat().st_size)[:2]
    source = "real"
    if not pdfs:
        from benchmarks.synthetic import write_pdfs

        pdfs, source = write_pdfs(scratch / "pdfs", 2 if options.quick else 6), "generated"
    if options.synthetic_pdfs:
        from benchmarks.synthetic import write_pdfs

        pdfs += write_pdfs(scratch / "synthetic", options.synthetic_pdfs, seed=1)
        source += f"+{options.synthetic_pdfs} generated"
    return pdfs, source


def _best(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """The fastest of repeated runs (least disturbed by other load), with all totals."""
    best = dict(min(runs, key=lambda r: r["total_s"]))
    best["all_totals_s"] = [r["total_s"] for r in runs]
    return best


def bench_ingest_pair(options: BenchOptions, scratch: Path) -> dict[str, Any]:
    """Ours and llama-index over the same PDFs, alternating, each with its recall."""
    from benchmarks.ingest import bench_llamaindex, bench_ours
    from benchmarks.recall import load_questions

    pdfs, source = _ingest_pdfs(options, scratch)
    ids = {pdf_id(p) for p in pdfs}
    questions = load_questions(options.qa_path, ids) if options.qa_path.is_file() else []
    ours, llama = [], []
    for round_no in range(options.repeat):
        order = ("ours", "llama") if round_no % 2 == 0 else ("llama", "ours")
        for side in order:
            log.info("ingest round %d: %s over %d PDFs", round_no + 1, side, len(pdfs))
            if side == "ours":
                ours.append(bench_ours(pdfs, questions))
            else:
                llama.append(bench_llamaindex(pdfs, questions))
    figures = {
        "pdfs": [p.name for p in pdfs],
        "pdf_source": source,
        "questions": len(questions),
        "ours": _best(ours),
        "llamaindex": _best(llama),
    }
    if options.fp32:
        log.info("ingest: ours in float32 through sentence-transformers")
        figures["ours_fp32"] = bench_ours(pdfs, questions, FP32_LIBRARY)
    if options.int8:
        log.info("ingest: ours with %s", INT8_MODEL)
        figures["ours_int8"] = bench_ours(pdfs, questions, {"embedding": {"model": INT8_MODEL}})
    return figures


def run_bench(options: BenchOptions) -> dict[str, Any]:
    """Every measurement of issue 7 in one process; the JSON contract keys at the top."""
    from benchmarks.daily import bench_daily
    from benchmarks.search import bench_search
    from kb.embed import get_embedder

    started = time.perf_counter()
    result: dict[str, Any] = {"machine_start": machine(), "quick": options.quick}
    if not options.ingest:
        for key in ("ingest_speedup_vs_llamaindex", "evidence_recall_ours",
                    "evidence_recall_llamaindex"):  # fmt: skip
            result[key] = None
        result["ingest"] = None
    else:
        with tempfile.TemporaryDirectory(prefix="kb-bench-") as scratch:
            ingest = bench_ingest_pair(options, Path(scratch))
        ours, llama = ingest["ours"], ingest["llamaindex"]
        result["ingest_speedup_vs_llamaindex"] = round(
            llama["total_s"] / max(ours["total_s"], 1e-9), 3
        )
        recall_ours, recall_llama = ours["evidence_recall"], llama["evidence_recall"]
        result["evidence_recall_ours"] = recall_ours["@5"] if recall_ours else None
        result["evidence_recall_llamaindex"] = recall_llama["@5"] if recall_llama else None
        for variant in ("fp32", "int8"):  # the opt-in or comparison variants, when run
            side = ingest.get(f"ours_{variant}")
            if side is None:
                continue
            result[f"ingest_speedup_vs_llamaindex_{variant}"] = round(
                llama["total_s"] / max(side["total_s"], 1e-9), 3
            )
            recall = side["evidence_recall"]
            result[f"evidence_recall_ours_{variant}"] = recall["@5"] if recall else None
        result["ingest"] = ingest
    log.info("search: sizes %s", ", ".join(f"{n:,}" for n in options.sizes))
    settings = Settings(home=Path(tempfile.gettempdir()) / "kb-bench-unused")
    search = bench_search(
        settings, options.sizes, options.queries, options.hnsw_max,
        embedder=get_embedder(settings.embedding),
    )  # fmt: skip
    for size in (10_000, 100_000, 1_000_000):
        row = search.get(str(size))
        suffix = f"{size // 1000}k" if size < 1_000_000 else "1m"
        result[f"search_p50_ms_{suffix}"] = row["p50_ms"] if row else None
        result[f"search_p95_ms_{suffix}"] = row["p95_ms"] if row else None
    result["search"] = search
    if options.daily:
        log.info("daily run: %d announcements, %d matched", options.daily_announcements,
                 options.daily_matched)  # fmt: skip
    daily = (
        bench_daily(options.data_dir, options.daily_announcements, options.daily_matched)
        if options.daily
        else None
    )
    result["daily_run_s"] = daily["total_s"] if daily else None
    result["daily_stages_s"] = daily["stages_s"] if daily else None
    result["daily"] = daily
    result["machine_end"] = machine()
    result["bench_s"] = round(time.perf_counter() - started, 1)
    return result

"""Ingest of the same PDFs, same model: arxiv-kb against plain llama-index, and their recall."""

from __future__ import annotations

import logging
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from benchmarks import llamaindex_side
from benchmarks.common import pdf_id
from benchmarks.recall import Question, evidence_recall
from kb.config import Settings

log = logging.getLogger(__name__)


def bench_ours(
    pdfs: Sequence[Path], questions: Sequence[Question], overrides: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Ingest into a fresh home (model loaded beforehand), re-ingest unchanged, then recall."""
    from kb.embed import get_embedder
    from kb.ingest import Ingestor
    from kb.search import Searcher

    with tempfile.TemporaryDirectory(prefix="kb-bench-ours-") as home:
        settings = Settings(home=Path(home), **(overrides or {}))
        start = time.perf_counter()
        embedder = get_embedder(settings.embedding)
        model_load_s = time.perf_counter() - start
        start = time.perf_counter()
        summary = Ingestor(settings).ingest_loose_pdfs(list(pdfs))
        total_s = time.perf_counter() - start
        start = time.perf_counter()
        again = Ingestor(settings).ingest_loose_pdfs(list(pdfs))
        reingest_s = time.perf_counter() - start
        searcher = Searcher(settings, embedder)

        def retrieve(question: str, pool: int) -> list[tuple[str, str]]:
            return [(h.arxiv_id, h.text) for h in searcher.search(question, pool)]

        recall = evidence_recall(questions, retrieve) if questions else None
    return {
        "total_s": round(total_s, 3),
        "model_load_s": round(model_load_s, 3),
        "precision": embedder.precision,
        "runner": embedder.runner,
        "chunks": summary.chunks_added,
        "pdfs_parsed": summary.pdfs_parsed,
        "pdfs_failed": summary.pdfs_failed,
        "stages_s": dict(summary.timings_s),
        "reingest_unchanged_s": round(reingest_s, 3),
        "reingest_skipped": again.pdfs_unchanged,
        "evidence_recall": recall,
    }


def bench_llamaindex(
    pdfs: Sequence[Path], questions: Sequence[Question], settings: Settings | None = None
) -> dict[str, Any]:
    """Build the llama-index reference over the same PDFs and model, then recall."""
    settings = settings or Settings()
    start = time.perf_counter()
    embed_model = llamaindex_side.load_embed_model(
        settings.embedding.model, settings.embedding.max_seq_length
    )
    model_load_s = time.perf_counter() - start
    start = time.perf_counter()
    run = llamaindex_side.build_index(pdfs, embed_model)
    total_s = time.perf_counter() - start

    def retrieve(question: str, pool: int) -> list[tuple[str, str]]:
        return [
            (pdf_id(Path(name)), text)
            for name, text in llamaindex_side.retrieve_texts(run, question, pool)
        ]

    recall = evidence_recall(questions, retrieve) if questions else None
    return {
        "total_s": round(total_s, 3),
        "model_load_s": round(model_load_s, 3),
        "chunks": run.chunks,
        "stages_s": run.timings_s,
        "embed_batch_size": embed_model.embed_batch_size,
        "chunk_size_tokens": llamaindex_side.CHUNK_TOKENS,
        "chunk_overlap_tokens": llamaindex_side.OVERLAP_TOKENS,
        "evidence_recall": recall,
    }

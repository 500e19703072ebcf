"""Ingest: papers from feeds into DuckDB, their PDFs into chunks, vectors and the FAISS index.

The batch never stops for one bad paper: a PDF that fails is recorded with its reason and
skipped. Each paper's full text is committed to DuckDB in its own short transaction, and the
FAISS index (derived) is saved atomically at the end; after a crash ``open_index`` rebuilds it
from DuckDB, so nothing stored is lost or duplicated.
"""

from __future__ import annotations

import hashlib
import logging
import multiprocessing
import os
import threading
import time
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kb.chunking import chunk_doc
from kb.config import Settings
from kb.db import Database
from kb.embed import embed_cached, get_embedder
from kb.errors import ParseError
from kb.faults import checkpoint
from kb.feeds import abs_url, pdf_url
from kb.ids import filename_to_id, local_id
from kb.pdf import parse_pdf
from kb.types import ChunkDraft, Paper, ParsedDoc
from kb.vectors import VectorIndex
from kb.vectorstore import check_model, open_index

log = logging.getLogger(__name__)

Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]
# Chunks embedded in one pass across papers (sorted by length inside the model); ~2 MB of
# vectors, and a crash loses at most this much embedding work (the cache keeps the rest).
EMBED_AHEAD_CHUNKS = 512


@dataclass
class IngestSummary:
    """What one ingest did; the ``--json`` output of ``kb ingest``."""

    papers_new: int = 0
    papers_updated: int = 0
    papers_unchanged: int = 0
    pdfs_parsed: int = 0
    pdfs_failed: int = 0
    pdfs_unchanged: int = 0
    pdfs_missing: int = 0
    chunks_added: int = 0
    chunks_removed: int = 0
    paper_vectors: int = 0
    failures: list[dict[str, str]] = field(default_factory=list)
    timings_s: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready figures."""
        return asdict(self)

    def add_time(self, stage: str, seconds: float) -> None:
        """Accumulate time spent in a stage."""
        self.timings_s[stage] = round(self.timings_s.get(stage, 0.0) + seconds, 4)


@dataclass
class PdfJob:
    """A PDF to turn into chunks for a paper."""

    arxiv_id: str
    version: int
    path: Path
    sha256: str
    fill_metadata: bool = False


def file_sha256(path: Path) -> str:
    """SHA-256 of a file, read in blocks."""
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def index_pdf_dir(pdf_dir: Path) -> dict[str, list[tuple[int | None, Path]]]:
    """PDFs of a folder by bare arXiv id: ``{id: [(version or None, path), ...]}``."""
    found: dict[str, list[tuple[int | None, Path]]] = {}
    for path in sorted(Path(pdf_dir).glob("*.pdf")):
        parsed = filename_to_id(path.name)
        if parsed:
            found.setdefault(parsed[0], []).append((parsed[1], path))
    return found


def pick_pdf(
    candidates: Sequence[tuple[int | None, Path]], version: int | None
) -> tuple[int | None, Path] | None:
    """The file for a paper version: that version, else an unversioned file, else the newest."""
    if not candidates:
        return None
    for cand_version, path in candidates:
        if version and cand_version == version:
            return cand_version, path
    for cand_version, path in candidates:
        if cand_version is None:
            return cand_version, path
    return max(candidates, key=lambda c: c[0] or 0)


def _parse_and_chunk(
    path: str, settings_json: dict[str, Any]
) -> tuple[ParsedDoc | None, list[ChunkDraft], str | None]:
    """Worker side: parse and chunk one PDF; errors come back as text (picklable)."""
    settings = Settings.model_validate(settings_json)
    try:
        doc = parse_pdf(Path(path), settings.pdf)
        return doc, chunk_doc(doc, settings.chunking), None
    except ParseError as exc:
        return None, [], str(exc)
    except Exception as exc:  # a PyMuPDF crash on a hostile file must not stop the batch
        return None, [], f"{Path(path).name}: unexpected parser error: {exc!r}"


# Workers come from a fork server, not a fork of this process: a fork would inherit the daily
# run's lock and keep it (and the worker) alive after this process is killed.
_POOL_CONTEXT = multiprocessing.get_context("forkserver")


def _exit_with(owner_pid: int, poll_s: float = 1.0) -> None:
    """Worker initializer: leave when the process that made the pool is gone (killed), since
    an idle pool worker would otherwise wait forever and keep the fork server alive."""

    def watch() -> None:
        while True:
            try:
                os.kill(owner_pid, 0)
            except ProcessLookupError:
                os._exit(1)
            time.sleep(poll_s)

    threading.Thread(target=watch, daemon=True, name="exit-with-owner").start()


class Ingestor:
    """Adds papers and their full texts to the knowledge base of ``settings``."""

    def __init__(self, settings: Settings, progress: Progress | None = None) -> None:
        self.settings = settings
        self.embedder = get_embedder(settings.embedding)
        self.progress = progress or (lambda items, total, desc: items)

    # -- metadata -------------------------------------------------------------------------
    def add_papers(
        self, papers: Sequence[Paper], summary: IngestSummary, day: date | None = None
    ) -> None:
        """Upsert metadata of feed papers and remember their announcements."""
        start = time.perf_counter()
        with Database.open(self.settings.db_path) as db, db.transaction():
            for outcome in db.upsert_papers(papers):
                setattr(summary, f"papers_{outcome}", getattr(summary, f"papers_{outcome}") + 1)
            db.record_announcements(
                [
                    (announced, p.arxiv_id, category, p.announce_type, p.version)
                    for p in papers
                    if (announced := day or p.announced)
                    for category in p.categories[:1] or [""]
                ]
            )
        summary.add_time("metadata", time.perf_counter() - start)

    # -- full text ------------------------------------------------------------------------
    def plan_pdfs(
        self, papers: Sequence[Paper], pdf_dirs: Sequence[Path], summary: IngestSummary
    ) -> list[PdfJob]:
        """Which papers have a local PDF (in the first folder that has one) not stored yet."""
        found: dict[str, list[tuple[int | None, Path]]] = {}
        for folder in pdf_dirs:
            for arxiv_id, files in index_pdf_dir(folder).items():
                found.setdefault(arxiv_id, files)
        jobs: list[PdfJob] = []
        with Database.open(self.settings.db_path, read_only=False) as db:
            stored = db.get_papers([p.arxiv_id for p in papers])
            for paper in papers:
                choice = pick_pdf(found.get(paper.arxiv_id, []), paper.version)
                if choice is None:
                    summary.pdfs_missing += 1
                    continue
                file_version, path = choice
                version = file_version or paper.version or 1
                sha = file_sha256(path)
                row = stored.get(paper.arxiv_id)
                if row is not None and row.holds_text_of(sha, version):
                    summary.pdfs_unchanged += 1
                    continue
                jobs.append(PdfJob(paper.arxiv_id, version, path, sha))
        return jobs

    def ingest_pdfs(self, jobs: Sequence[PdfJob], summary: IngestSummary) -> None:
        """Parse (in a worker process), chunk, embed and store each PDF; one failure is skipped."""
        if not jobs:
            return
        settings_json = self.settings.model_dump(mode="json")
        with Database.open(self.settings.db_path) as db:
            check_model(db, self.embedder.name, self.embedder.dim)
            index = open_index(self.settings, db, self.embedder.name, self.embedder.dim)
        workers = min(self.settings.ingest.workers, len(jobs))
        pool = (
            ProcessPoolExecutor(
                workers, _POOL_CONTEXT, initializer=_exit_with, initargs=(os.getpid(),)
            )
            if workers > 0
            else None
        )
        try:
            futures: list[Future | None] = [
                pool.submit(_parse_and_chunk, str(job.path), settings_json) if pool else None
                for job in jobs
            ]
            parsed: dict[int, tuple[ParsedDoc | None, list[ChunkDraft], str | None]] = {}
            for n, job in enumerate(self.progress(jobs, len(jobs), "full texts")):
                if n not in parsed:
                    self._embed_ahead(n, jobs, futures, settings_json, parsed, summary)
                doc, drafts, error = parsed.pop(n)
                self._store_one(job, doc, drafts, error, index, summary)
        finally:
            if pool:
                pool.shutdown(cancel_futures=True)
            start = time.perf_counter()
            index.save(self.settings.index_dir)
            summary.add_time("index_save", time.perf_counter() - start)

    def _embed_ahead(
        self,
        first: int,
        jobs: Sequence[PdfJob],
        futures: Sequence[Future | None],
        settings_json: dict[str, Any],
        parsed: dict[int, tuple[ParsedDoc | None, list[ChunkDraft], str | None]],
        summary: IngestSummary,
    ) -> None:
        """Collect parsed PDFs from ``first`` on until they hold ``EMBED_AHEAD_CHUNKS`` chunks,
        and embed all their chunks in one pass into the content-hash cache.

        One pass over many papers lets the model sort every chunk by length, so batches hold
        texts of near-equal length and little padding; ``_store_one`` then finds each paper's
        vectors in the cache. Parsing is ~100x faster than embedding, so waiting for the next
        PDFs costs nothing.
        """
        texts: list[str] = []
        n = first
        while n < len(jobs) and (n == first or len(texts) < EMBED_AHEAD_CHUNKS):
            start = time.perf_counter()
            future = futures[n]
            if future is not None:
                parsed[n] = future.result()
            else:
                parsed[n] = _parse_and_chunk(str(jobs[n].path), settings_json)
            summary.add_time("parse", time.perf_counter() - start)
            texts.extend(d.text for d in parsed[n][1])
            n += 1
        if n - first < 2:  # a single paper: _store_one embeds it directly
            return
        start = time.perf_counter()
        with Database.open(self.settings.db_path) as db:
            embed_cached(self.embedder, texts, db)
        summary.add_time("embed", time.perf_counter() - start)

    def _store_one(
        self,
        job: PdfJob,
        doc: ParsedDoc | None,
        drafts: list[ChunkDraft],
        error: str | None,
        index: VectorIndex,
        summary: IngestSummary,
    ) -> None:
        """Embed one parsed PDF and commit it, or record why it failed."""
        if doc is not None and not drafts:
            error = f"{job.path.name}: no text chunks could be made"
        if error or doc is None:
            reason = error or "unknown parse failure"
            log.warning("%s: %s", job.arxiv_id, reason)
            with Database.open(self.settings.db_path) as db, db.transaction():
                db.record_failure(job.arxiv_id, "parse", reason)
                db.set_parse_result(job.arxiv_id, "failed", error=reason, pdf_path=str(job.path))
            summary.pdfs_failed += 1
            summary.failures.append({"arxiv_id": job.arxiv_id, "stage": "parse", "reason": reason})
            return
        with Database.open(self.settings.db_path) as db:
            start = time.perf_counter()
            vectors = embed_cached(self.embedder, [d.text for d in drafts], db)
            summary.add_time("embed", time.perf_counter() - start)
            checkpoint("embed_batch")
            start = time.perf_counter()
            with db.transaction():
                removed, added = db.replace_fulltext(
                    job.arxiv_id, job.version, doc.page_texts, doc.references, drafts, vectors
                )
                db.set_parse_result(
                    job.arxiv_id, "parsed", None, str(job.path), job.sha256, job.version,
                    doc.n_pages,
                )  # fmt: skip
                db.clear_failure(job.arxiv_id, "parse")
                if job.fill_metadata:
                    db.fill_paper_metadata(job.arxiv_id, doc.title or job.path.stem, doc.authors)
            summary.add_time("store", time.perf_counter() - start)
        checkpoint("ingest_commit")
        index.remove(removed)
        index.add(_ids(added), vectors)
        summary.pdfs_parsed += 1
        summary.chunks_added += len(added)
        summary.chunks_removed += len(removed)

    # -- entry points -----------------------------------------------------------------------
    def ingest(
        self,
        papers: Sequence[Paper],
        pdf_dirs: Path | Sequence[Path] | None = None,
        day: date | None = None,
    ) -> IngestSummary:
        """Store feed papers, then the full text of those with a PDF in ``pdf_dirs``."""
        summary = IngestSummary()
        self.add_papers(papers, summary, day)
        if pdf_dirs is None:
            pdf_dirs = []
        elif isinstance(pdf_dirs, Path):
            pdf_dirs = [pdf_dirs]
        jobs = self.plan_pdfs(papers, list(pdf_dirs), summary)
        self.ingest_pdfs(jobs, summary)
        return summary

    def ingest_loose_pdfs(self, paths: Sequence[Path]) -> IngestSummary:
        """``kb ingest --pdf``: PDFs with no feed entry; metadata read from the PDF itself."""
        summary = IngestSummary()
        papers, jobs = [], []
        for path in paths:
            path = Path(path)
            try:
                sha = file_sha256(path)
            except OSError as exc:
                reason = f"{path}: cannot read ({exc.strerror or exc})"
                summary.pdfs_failed += 1
                summary.failures.append({"arxiv_id": path.name, "stage": "read", "reason": reason})
                continue
            parsed = filename_to_id(path.name)
            arxiv_id, version = parsed if parsed else (local_id(sha), None)
            papers.append(
                Paper(
                    arxiv_id=arxiv_id,
                    version=version,
                    title=path.stem,
                    abs_url=abs_url(arxiv_id) if parsed else "",
                    pdf_url=pdf_url(arxiv_id, version) if parsed else "",
                    source=str(path),
                )
            )
            jobs.append(PdfJob(arxiv_id, version or 1, path, sha, fill_metadata=True))
        self.add_papers(papers, summary)
        with Database.open(self.settings.db_path) as db:
            stored = db.get_papers([j.arxiv_id for j in jobs])
        todo = []
        for job in jobs:
            row = stored.get(job.arxiv_id)
            if row is not None and row.holds_text_of(job.sha256):
                summary.pdfs_unchanged += 1
            else:
                todo.append(job)
        self.ingest_pdfs(todo, summary)
        return summary


def _ids(values: Sequence[int]) -> Any:
    import numpy as np

    return np.asarray(values, dtype=np.int64)

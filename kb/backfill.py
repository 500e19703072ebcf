"""``kb backfill``: arXiv metadata in bulk -> papers, paper vectors, indexes.

Steps (the same for both engines): read JSON lines -> parse and filter -> embed
``paper_text`` of the papers whose vector is missing -> load into DuckDB -> sync the paper
index and the abstract BM25. The local engine runs them in this process; the Ray engine
(``kb.rayengine``) runs parse and embed as a Ray Data pipeline writing Parquet, then loads it
here with the same ``load_batch``.

Idempotent and resumable: a batch's papers and their vector pointers commit in one
transaction (vectors first go to the content-hash cache), so a killed run leaves whole
batches, and a rerun skips what is stored and embeds only what is missing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from kb.config import Settings
from kb.db import Database, content_hash
from kb.embed import Embedder, embed_cached, get_embedder
from kb.faults import checkpoint
from kb.lock import run_lock
from kb.metadata import Record, iter_lines, read_records, wanted
from kb.papervectors import paper_vector_id, stale_papers
from kb.records import PaperRow
from kb.types import Paper

log = logging.getLogger(__name__)

MAX_REPORTED = 1000  # malformed lines listed one by one in the summary; all are counted
Progress = Callable[[int], None]


@dataclass
class BackfillOptions:
    """What ``kb backfill`` was asked to do."""

    files: list[Path]
    categories: list[str] = field(default_factory=list)
    since: date | None = None
    engine: Literal["local", "ray"] = "local"
    address: str | None = None


@dataclass
class BackfillSummary:
    """``{read, added, updated, skipped, bad_lines, vectors}`` and the details behind them.

    ``read`` = ``added + updated + skipped + bad_lines``; ``skipped`` holds ``filtered``
    (outside --categories/--since) and papers already stored as they are.
    """

    read: int = 0
    added: int = 0
    updated: int = 0
    skipped: int = 0
    bad_lines: int = 0
    vectors: int = 0
    filtered: int = 0
    malformed: list[dict[str, Any]] = field(default_factory=list)
    engine: str = "local"
    timings_s: dict[str, float] = field(default_factory=dict)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return asdict(self)

    def add_time(self, stage: str, seconds: float) -> None:
        """Accumulate time spent in a stage."""
        self.timings_s[stage] = round(self.timings_s.get(stage, 0.0) + seconds, 3)

    def count(self, records: Sequence[Record], options: BackfillOptions) -> list[Paper]:
        """Count bad and filtered records; the papers to load."""
        papers = []
        for record in records:
            self.read += 1
            if record.bad is not None:
                self.bad_lines += 1
                if len(self.malformed) < MAX_REPORTED:
                    self.malformed.append(record.bad.to_dict())
            elif wanted(record.paper, options.categories, options.since):
                papers.append(record.paper)
            else:
                self.filtered += 1
                self.skipped += 1
        return papers


def count_lines(files: Sequence[Path]) -> int:
    """Non-blank lines of the files (the progress bar's total)."""
    return sum(1 for path in files for _ in iter_lines(path))


def batched(items: Iterable[Any], size: int) -> Iterator[list[Any]]:
    """Lists of ``size`` items (the last one shorter)."""
    batch: list[Any] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _unchanged(paper: Paper, row: PaperRow | None) -> bool:
    """Whether storing ``paper`` would change nothing (the rerun case, checked in bulk)."""
    if row is None or (paper.version or 0) > (row.version or 0):
        return False
    filled = (bool(row.title) or not paper.title) and (bool(row.abstract) or not paper.abstract)
    return filled and set(paper.categories) <= set(row.categories)


def load_batch(
    db: Database, embedder: Embedder, papers: Sequence[Paper], summary: BackfillSummary
) -> None:
    """Store a batch of papers and point each at its vector, in one transaction.

    Vectors are computed first (into the cache, outside the transaction), from the texts the
    papers will have; a newer version already stored keeps its own text, and its vector.
    """
    start = time.perf_counter()
    rows = [(p.arxiv_id, p.title, p.abstract) for p in papers]
    todo = stale_papers(db, embedder.name, rows)
    embed_cached(embedder, [text for _, text in todo], db)
    summary.add_time("embed", time.perf_counter() - start)
    start = time.perf_counter()
    stored = db.get_papers([p.arxiv_id for p in papers])
    changed = [p for p in papers if not _unchanged(p, stored.get(p.arxiv_id))]
    with db.transaction():
        for outcome in db.upsert_papers(changed):
            if outcome == "new":
                summary.added += 1
            elif outcome == "updated":
                summary.updated += 1
            else:
                summary.skipped += 1
        summary.skipped += len(papers) - len(changed)
        todo = stale_papers(db, embedder.name, db.paper_texts([p.arxiv_id for p in papers]))
        embed_cached(embedder, [text for _, text in todo], db)  # cache hits but for merges
        db.set_paper_vectors(
            embedder.name, [(pid, paper_vector_id(pid), content_hash(t)) for pid, t in todo]
        )
        summary.vectors += len(todo)
    summary.add_time("store", time.perf_counter() - start)
    checkpoint("backfill_batch")


def finish_indexes(settings: Settings, embedder: Embedder, summary: BackfillSummary) -> None:
    """Bring the paper index and the abstract BM25 in step with DuckDB, and save them."""
    from kb.lexical import open_abstract_lexical
    from kb.vectorstore import open_paper_index

    start = time.perf_counter()
    with Database.open(settings.db_path) as db:
        open_paper_index(settings, db, embedder.name, embedder.dim)
        open_abstract_lexical(settings.home / "bm25-abstracts", db, embedder.name)
    summary.add_time("index", time.perf_counter() - start)


def run_local(
    settings: Settings, options: BackfillOptions, embedder: Embedder, progress: Progress | None
) -> BackfillSummary:
    """The local engine: every step in this process, one batch at a time."""
    summary = BackfillSummary(engine="local")
    records = (record for path in options.files for record in read_records(path))
    for batch in batched(records, settings.backfill.batch_size):
        start = time.perf_counter()
        papers = summary.count(batch, options)
        summary.add_time("read", time.perf_counter() - start)
        if papers:
            with Database.open(settings.db_path) as db:
                load_batch(db, embedder, papers, summary)
        if progress:
            progress(len(batch))
    return summary


def backfill(
    settings: Settings, options: BackfillOptions, progress: Progress | None = None
) -> BackfillSummary:
    """Load metadata files into the knowledge base (see the module docstring).

    Raises:
        LockedError: another writer (``kb daily``, ``kb ingest``) holds the lock.
        IndexMismatchError: the knowledge base was embedded with another model.
    """
    from kb.atomic import remove_stale_temps
    from kb.vectorstore import check_model

    started = time.perf_counter()
    with run_lock(settings.lock_path):
        remove_stale_temps(settings.index_dir)  # what a killed run left half-written
        embedder = get_embedder(settings.embedding)
        with Database.open(settings.db_path) as db:
            check_model(db, embedder.name, embedder.dim)
            run_id = db.start_run("backfill", {"files": [str(f) for f in options.files]})
        if options.engine == "ray":
            from kb.rayengine import run_ray

            summary = run_ray(settings, options, embedder, progress)
        else:
            summary = run_local(settings, options, embedder, progress)
        finish_indexes(settings, embedder, summary)
        summary.add_time("total", time.perf_counter() - started)
        with Database.open(settings.db_path) as db:
            db.finish_run(run_id, "done", summary.to_dict())
    for bad in summary.malformed:
        log.warning("%s line %d: %s", bad["file"], bad["line"], bad["reason"])
    return summary


__all__ = ["BackfillOptions", "BackfillSummary", "backfill", "count_lines"]

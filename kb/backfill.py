"""``kb backfill``: arXiv metadata in bulk -> papers, paper vectors, indexes.

Steps (the same for both engines): read JSON lines -> parse and filter -> embed
``paper_text`` of the papers whose vector is missing -> load into DuckDB -> sync the paper
index and the abstract BM25. The local engine runs them in this process; the Ray engine
(``kb.rayengine``) runs parse and embed as a Ray Data pipeline writing Parquet, then loads it
with the same ``kb.bulkload.load_batch``.

Idempotent and resumable: a batch's papers and their vector pointers commit in one
transaction (vectors first go to the content-hash cache), so a killed run leaves whole
batches, and a rerun skips what is stored and embeds only what is missing.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Sequence
from pathlib import Path

from kb.bulkload import BackfillOptions, BackfillSummary, Progress, batched, load_batch
from kb.config import Settings
from kb.db import Database
from kb.embed import Embedder, get_embedder
from kb.lock import run_lock
from kb.metadata import iter_lines, read_records

log = logging.getLogger(__name__)


def count_lines(files: Sequence[Path]) -> int:
    """Non-blank lines of the files (the progress bar's total)."""
    return sum(1 for path in files for _ in iter_lines(path))


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

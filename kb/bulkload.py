"""Papers loaded in batches: the records and steps both ``kb backfill`` engines share.

``load_batch`` stores a batch of papers and points each at its vector, in one transaction
(vectors go to the content-hash cache first, outside it), so a killed run leaves whole batches.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, Literal

from kb.db import Database, content_hash
from kb.embed import Embedder, embed_cached
from kb.faults import checkpoint
from kb.metadata import Record, wanted
from kb.papervectors import paper_vector_id, stale_papers
from kb.records import PaperRow
from kb.types import Paper

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

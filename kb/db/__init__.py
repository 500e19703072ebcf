"""DuckDB storage: schema, migrations and every SQL statement of the project.

DuckDB is the source of truth (papers, pages, chunks with their vectors, runs, failures);
the FAISS index is derived from it. Each module here holds the statements of one area, as a
mixin over the shared connection (``store.Store``); ``Database`` composes them, so a caller
holds one object and every SQL statement still lives in this package.
"""

from __future__ import annotations

from kb.db.analyses import AnalysisQueries
from kb.db.deliveries import DeliveryLog
from kb.db.embeddings import EmbeddingCache
from kb.db.fulltext import FulltextQueries
from kb.db.interests import InterestQueries
from kb.db.keys import content_hash, make_chunk_id
from kb.db.papers import PaperQueries
from kb.db.papervectors import PaperVectorQueries
from kb.db.runs import RunLog
from kb.db.schema import MIGRATIONS
from kb.db.store import BUSY_MESSAGE, READER_WAIT_S, WRITER_WAIT_S
from kb.db.summary import SummaryQueries
from kb.records import DeliveryRecord


class Database(
    SummaryQueries,  # first: it builds on RunLog and PaperVectorQueries
    PaperQueries,
    FulltextQueries,
    EmbeddingCache,
    PaperVectorQueries,
    RunLog,
    InterestQueries,
    AnalysisQueries,
    DeliveryLog,
):
    """One DuckDB connection with the project's queries as methods (``Database.open``)."""


__all__ = [
    "BUSY_MESSAGE",
    "MIGRATIONS",
    "READER_WAIT_S",
    "WRITER_WAIT_S",
    "Database",
    "DeliveryRecord",
    "content_hash",
    "make_chunk_id",
]

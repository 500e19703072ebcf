"""Keeps the FAISS index in step with DuckDB: open, check, rebuild, save."""

from __future__ import annotations

import logging
from typing import Any

from kb.config import Settings
from kb.db import Database
from kb.errors import IndexMismatchError
from kb.vectors import VectorIndex

log = logging.getLogger(__name__)


def index_spec(settings: Settings, model_name: str) -> dict[str, Any]:
    """What must match between an index and the settings that query it."""
    chunking = settings.chunking
    return {
        "model": model_name,
        "chunking": {
            "max_chars": chunking.max_chars,
            "overlap_chars": chunking.overlap_chars,
            "min_chars": chunking.min_chars,
        },
    }


def index_kind(settings: Settings, count: int) -> str:
    """Exact search while small, HNSW from ``index.approximate_from`` vectors on."""
    return "hnsw" if count >= settings.index.approximate_from else "flat"


def build_index(settings: Settings, db: Database, model_name: str, dim: int) -> VectorIndex:
    """A fresh index from every chunk vector stored in DuckDB."""
    ids, vectors = db.chunk_vectors()
    kind = index_kind(settings, len(ids))
    index = VectorIndex(dim, index_spec(settings, model_name), kind, settings.index.hnsw_m)
    if len(ids):
        if vectors.shape[1] != dim:
            raise IndexMismatchError(
                f"stored chunk vectors have dimension {vectors.shape[1]}, model {model_name} "
                f"gives {dim}: re-ingest with the model that made them or reset KB_HOME"
            )
        index.add(ids, vectors)
    index.set_ef_search(settings.index.hnsw_ef_search)
    return index


def check_model(db: Database, model_name: str, dim: int) -> None:
    """Refuse to mix vectors of two models in one knowledge base.

    Raises:
        IndexMismatchError: when DuckDB already holds chunks embedded by another model.
    """
    stored = db.get_kv("embedding_model")
    if stored is None:
        if not db.read_only:
            db.set_kv("embedding_model", model_name)
            db.set_kv("embedding_dim", str(dim))
        return
    if stored != model_name or int(db.get_kv("embedding_dim") or dim) != dim:
        raise IndexMismatchError(
            f"this knowledge base was embedded with {stored!r}; settings say {model_name!r}. "
            "Use the same embedding.model, or a new KB_HOME"
        )


def open_index(settings: Settings, db: Database, model_name: str, dim: int) -> VectorIndex:
    """The saved index when it agrees with DuckDB (same chunk ids), else one rebuilt from it.

    A crash between a DuckDB commit and the index save leaves them apart; this heals it.
    Raises IndexMismatchError when the saved index was made with other settings.
    """
    spec = index_spec(settings, model_name)
    index = VectorIndex.load(settings.index_dir, spec, dim)
    ids = db.chunk_ids()
    if index is not None and index.matches(ids):
        index.set_ef_search(settings.index.hnsw_ef_search)
        return index
    if index is not None:
        log.warning(
            "FAISS index (%d vectors) disagrees with DuckDB (%d chunks): rebuilding",
            index.ntotal,
            len(ids),
        )
    rebuilt = build_index(settings, db, model_name, dim)
    if not db.read_only:
        rebuilt.save(settings.index_dir)
    return rebuilt


def rebuild_index(settings: Settings, db: Database, model_name: str, dim: int) -> VectorIndex:
    """Make the index again from DuckDB and save it (``kb index rebuild``)."""
    index = build_index(settings, db, model_name, dim)
    index.save(settings.index_dir)
    return index


def chunk_ids_equal(index: VectorIndex, db: Database) -> bool:
    """True when the index holds exactly the chunk ids stored in DuckDB."""
    return index.matches(db.chunk_ids())

"""Keeps the FAISS indexes in step with DuckDB: open, check, sync, rebuild, save.

Two tiers, each its own index and manifest in ``settings.index_dir``: full-text chunks
(``chunks.faiss``, ids = chunk ids) and one vector per paper (``papers.faiss``, ids = paper
vector ids). Both are made by the model recorded in DuckDB (``check_model``), so vectors of
two models never meet in one knowledge base.
"""

from __future__ import annotations

import logging
import math
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import numpy as np

from kb.config import Settings
from kb.db import Database
from kb.errors import IndexMismatchError
from kb.vectors import (
    INDEX_FILE,
    MANIFEST_FILE,
    PAPER_INDEX_FILE,
    PAPER_MANIFEST_FILE,
    VectorIndex,
)

log = logging.getLogger(__name__)
# Part of the paper tier's manifest: a change to kb.papervectors.paper_text bumps it, so an
# index of the old texts is refused (and rebuilt) instead of mixed with new ones.
PAPER_TEXT_VERSION = 1


def index_spec(settings: Settings, model_name: str) -> dict[str, Any]:
    """What must match between a chunk index and the settings that query it."""
    chunking = settings.chunking
    return {
        "model": model_name,
        "chunking": {
            "max_chars": chunking.max_chars,
            "overlap_chars": chunking.overlap_chars,
            "min_chars": chunking.min_chars,
        },
    }


def paper_index_spec(model_name: str) -> dict[str, Any]:
    """What must match between the paper index and the settings that query it."""
    return {"model": model_name, "tier": "papers", "paper_text": PAPER_TEXT_VERSION}


@dataclass(frozen=True)
class Tier:
    """One FAISS index derived from DuckDB: its files, manifest spec and where its rows are."""

    name: str
    index_file: str
    manifest_file: str
    spec: dict[str, Any]
    ids: Callable[[Database], np.ndarray]
    vectors: Callable[[Database, np.ndarray | None], tuple[np.ndarray, np.ndarray]]


def chunk_tier(settings: Settings, model_name: str) -> Tier:
    """Full-text chunks: ids are chunk ids, vectors stored with the chunks."""
    return Tier(
        "chunks", INDEX_FILE, MANIFEST_FILE, index_spec(settings, model_name),
        lambda db: db.chunk_ids(),
        lambda db, ids: db.chunk_vectors(chunk_ids=ids),
    )  # fmt: skip


def paper_tier(model_name: str) -> Tier:
    """One vector per paper (title + abstract), kept in the embedding cache."""
    return Tier(
        "papers", PAPER_INDEX_FILE, PAPER_MANIFEST_FILE, paper_index_spec(model_name),
        lambda db: db.paper_vector_ids(model_name),
        lambda db, ids: db.paper_vectors(model_name, ids),
    )  # fmt: skip


def index_kind(settings: Settings, count: int) -> str:
    """Exact search while small, IVF from ``index.approximate_from`` vectors on."""
    return "ivf" if count >= settings.index.approximate_from else "flat"


def ivf_lists(count: int) -> int:
    """Inverted lists for ``count`` vectors: about 4 sqrt(N), as FAISS advises, with at least
    39 training vectors per list."""
    return max(1, min(int(4 * math.sqrt(count)), count // 39))


def _tune(index: VectorIndex, settings: Settings) -> VectorIndex:
    index.set_ef_search(settings.index.hnsw_ef_search)
    index.set_nprobe(settings.index.nprobe)
    return index


def build_tier(settings: Settings, db: Database, tier: Tier, dim: int) -> VectorIndex:
    """A fresh index of a tier from every vector stored in DuckDB."""
    ids, vectors = tier.vectors(db, None)
    kind = index_kind(settings, len(ids))
    index = VectorIndex(dim, tier.spec, kind, settings.index.hnsw_m, ivf_lists(len(ids)))
    if len(ids):
        if vectors.shape[1] != dim:
            raise IndexMismatchError(
                f"stored {tier.name} vectors have dimension {vectors.shape[1]}, the model "
                f"{tier.spec['model']} gives {dim}: re-ingest with the model that made them or "
                "reset KB_HOME"
            )
        index.add(ids, vectors)
    return _tune(index, settings)


def open_tier(settings: Settings, db: Database, tier: Tier, dim: int) -> VectorIndex:
    """The saved index brought in step with DuckDB: the ids added or removed since it was saved
    (a day's papers, or what a killed run left out) are synced in; the index is rebuilt only
    when it has to change kind (exact -> IVF as it grows) or is missing.

    Raises IndexMismatchError when the saved index was made with other settings.
    """
    folder = settings.index_dir
    index = VectorIndex.load(folder, tier.spec, dim, tier.index_file, tier.manifest_file)
    ids = tier.ids(db)
    if index is not None and index.matches(ids):
        return _tune(index, settings)
    if index is not None and index.kind == index_kind(settings, len(ids)):
        changed = index.sync(ids, lambda part: tier.vectors(db, part)[1])
        log.info("%s index: %d ids synced with DuckDB", tier.name, changed)
    else:
        if index is not None:
            log.warning(
                "%s index (%d vectors, %s) disagrees with DuckDB (%d): rebuilding",
                tier.name, index.ntotal, index.kind, len(ids),
            )  # fmt: skip
        index = build_tier(settings, db, tier, dim)
    if not db.read_only:
        index.save(folder, tier.index_file, tier.manifest_file)
    return _tune(index, settings)


def check_model(db: Database, model_name: str, dim: int) -> None:
    """Refuse to mix vectors of two models in one knowledge base.

    Raises:
        IndexMismatchError: when DuckDB already holds vectors embedded by another model.
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


def build_index(settings: Settings, db: Database, model_name: str, dim: int) -> VectorIndex:
    """A fresh chunk index from every chunk vector stored in DuckDB."""
    return build_tier(settings, db, chunk_tier(settings, model_name), dim)


def open_index(settings: Settings, db: Database, model_name: str, dim: int) -> VectorIndex:
    """The chunk index, in step with DuckDB (see ``open_tier``)."""
    return open_tier(settings, db, chunk_tier(settings, model_name), dim)


def open_paper_index(settings: Settings, db: Database, model_name: str, dim: int) -> VectorIndex:
    """The paper index, in step with DuckDB (see ``open_tier``)."""
    return open_tier(settings, db, paper_tier(model_name), dim)


def rebuild_index(settings: Settings, db: Database, model_name: str, dim: int) -> VectorIndex:
    """Make the chunk index again from DuckDB and save it (``kb index rebuild``)."""
    index = build_index(settings, db, model_name, dim)
    index.save(settings.index_dir)
    return index


def rebuild_paper_index(settings: Settings, db: Database, model_name: str, dim: int) -> VectorIndex:
    """Make the paper index again from DuckDB and save it (``kb index rebuild``)."""
    tier = paper_tier(model_name)
    index = build_tier(settings, db, tier, dim)
    index.save(settings.index_dir, tier.index_file, tier.manifest_file)
    return index


def chunk_ids_equal(index: VectorIndex, db: Database) -> bool:
    """True when the index holds exactly the chunk ids stored in DuckDB."""
    return index.matches(db.chunk_ids())

"""FAISS index: ids are chunk ids, atomic save with manifest, mismatch refused, healed from DuckDB."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from kb.config import load_settings
from kb.db import Database
from kb.errors import IndexMismatchError
from kb.types import ChunkDraft, Paper
from kb.vectors import VectorIndex
from kb.vectorstore import index_spec, open_index

SPEC = {"model": "m", "chunking": {"max_chars": 1200}}


def _unit(rows: int, dim: int = 8, seed: int = 0) -> np.ndarray:
    vectors = np.random.default_rng(seed).normal(size=(rows, dim)).astype(np.float32)
    return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


@pytest.mark.parametrize("kind", ["flat", "hnsw", "ivf"])
def test_add_search_remove_roundtrip(tmp_path: Path, kind: str) -> None:
    index = VectorIndex(8, SPEC, kind, nlist=1)
    index.set_ef_search(64)
    vectors = _unit(50)
    ids = np.arange(1000, 1050, dtype=np.int64)
    index.add(ids, vectors)
    scores, found = index.search(vectors[7], 3)
    assert found[0][0] == 1007 and scores[0][0] == pytest.approx(1.0, abs=1e-4)
    assert index.remove([1007, 1008]) == 2
    assert 1007 not in index.search(vectors[7], 5)[1][0]
    index.save(tmp_path)
    loaded = VectorIndex.load(tmp_path, SPEC, 8)
    assert loaded is not None and loaded.ntotal == 48 and loaded.kind == kind
    assert loaded.matches(np.setdiff1d(ids, [1007, 1008]))


def test_manifest_mismatch_is_refused(tmp_path: Path) -> None:
    index = VectorIndex(8, SPEC)
    index.add(np.array([1]), _unit(1))
    index.save(tmp_path)
    with pytest.raises(IndexMismatchError, match="model"):
        VectorIndex.load(tmp_path, {**SPEC, "model": "other"}, 8)
    with pytest.raises(IndexMismatchError, match="dim"):
        VectorIndex.load(tmp_path, SPEC, 16)


def test_index_behind_duckdb_is_rebuilt(kb_home: Path) -> None:
    settings = load_settings()
    drafts = [ChunkDraft(i, 1, 1, "S", f"t{i}") for i in range(4)]
    with Database.open(settings.db_path) as db:
        db.upsert_paper(Paper(arxiv_id="2501.10120", version=1, title="PaSa"))
        _, added = db.replace_fulltext("2501.10120", 1, {}, [], drafts, _unit(4))
        # an index saved before the last commit (as after a crash) is healed on open
        stale = VectorIndex(8, index_spec(settings, "m"))
        stale.add(np.array(added[:2]), _unit(2))
        stale.save(settings.index_dir)
        index = open_index(settings, db, "m", 8)
        assert index.matches(db.chunk_ids()) and index.ntotal == 4
    reloaded = VectorIndex.load(settings.index_dir, index_spec(settings, "m"), 8)
    assert reloaded is not None and reloaded.ntotal == 4


def _store_chunks(db: Database, arxiv_id: str, n: int, seed: int) -> list[int]:
    db.upsert_paper(Paper(arxiv_id=arxiv_id, version=1, title=arxiv_id))
    drafts = [ChunkDraft(i, 1, 1, "S", f"{arxiv_id} t{i}") for i in range(n)]
    return db.replace_fulltext(arxiv_id, 1, {}, [], drafts, _unit(n, seed=seed))[1]


def test_index_type_follows_size(kb_home: Path) -> None:
    settings = load_settings(index={"approximate_from": 3})
    drafts = [ChunkDraft(i, 1, 1, "S", f"t{i}") for i in range(5)]
    vectors = _unit(5)
    with Database.open(settings.db_path) as db:
        db.upsert_paper(Paper(arxiv_id="2501.10120", version=1, title="PaSa"))
        _, added = db.replace_fulltext("2501.10120", 1, {}, [], drafts, vectors)
        index = open_index(settings, db, "m", 8)
    assert index.kind == "ivf" and index.ntotal == 5
    assert index.search(vectors[2], 1)[1][0][0] == added[2]


def test_a_new_day_is_synced_in_not_rebuilt(kb_home: Path, monkeypatch) -> None:
    """Vectors added (or removed) after the index was saved are synced: the IVF lists are
    trained once, and the next day's vectors go into them."""
    settings = load_settings(index={"approximate_from": 40, "nprobe": 4})
    trained = []
    original = VectorIndex.train
    monkeypatch.setattr(VectorIndex, "train", lambda self, v, seed=0: (trained.append(len(v)),
                                                                         original(self, v, seed)))  # fmt: skip
    with Database.open(settings.db_path) as db:
        first = _store_chunks(db, "2501.00001", 80, seed=1)
        index = open_index(settings, db, "m", 8)
        assert index.kind == "ivf" and index.ntotal == 80 and len(trained) == 1
        second = _store_chunks(db, "2501.00002", 30, seed=2)  # the next day
        db.con.execute("DELETE FROM chunks WHERE chunk_id = ?", [first[0]])
        synced = open_index(settings, db, "m", 8)
        assert len(trained) == 1, "the index was rebuilt"
        assert synced.matches(db.chunk_ids()) and synced.ntotal == 109
        assert set(second) <= set(synced.ids().tolist()) and first[0] not in synced.ids()
    reloaded = VectorIndex.load(settings.index_dir, index_spec(settings, "m"), 8)
    assert reloaded is not None and reloaded.kind == "ivf" and reloaded.ntotal == 109

"""DuckDB storage: upserts keyed by id and version, full-text replacement, cache, locking."""

from __future__ import annotations

import multiprocessing as mp
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from kb.db import Database, make_chunk_id
from kb.errors import NotFoundError, StoreBusyError
from kb.types import ChunkDraft, Paper


def _paper(version: int = 1, categories=("cs.RO",), **kw) -> Paper:
    return Paper(
        arxiv_id="2512.05693", version=version, title="HiMoE-VLA", abstract="About robots.",
        categories=list(categories), announce_type="new", **kw,
    )  # fmt: skip


def test_upsert_new_unchanged_crosslist_and_replacement(tmp_path: Path) -> None:
    with Database.open(tmp_path / "kb.duckdb") as db:
        assert db.upsert_paper(_paper()) == "new"
        assert db.upsert_paper(_paper()) == "unchanged"
        # the same paper seen in another category feed: one record, categories merged
        assert db.upsert_paper(_paper(categories=("cs.AI",))) == "updated"
        assert db.get_paper("2512.05693").categories == ["cs.RO", "cs.AI"]
        # a replacement updates the version of the same record
        assert db.upsert_paper(_paper(version=2, categories=("cs.RO", "cs.AI"))) == "updated"
        row = db.get_paper("2512.05693")
        assert row.version == 2
        assert db.stats().papers == 1
        # an older version seen later does not roll back
        assert db.upsert_paper(_paper(version=1)) == "unchanged"
        assert db.get_paper("2512.05693").version == 2


def test_batch_upsert_stores_what_one_at_a_time_stores(tmp_path: Path) -> None:
    from datetime import UTC, datetime

    other = Paper(
        arxiv_id="2501.10120", version=3, title="PaSa", abstract="An agent.",
        authors=["Y. He", "Z. Li"], categories=["cs.IR", "cs.AI"], announce_type="replace",
        published=datetime(2025, 1, 17, 5, tzinfo=UTC), announced=date(2025, 12, 2),
        code_links=["https://github.com/bytedance/pasa"], comment="10 pages",
    )  # fmt: skip
    batch = [
        _paper(), other, _paper(categories=("cs.AI",)), _paper(version=2),
        Paper(arxiv_id="cs/0112017", version=1, title="An old-style id"),
    ]  # fmt: skip
    with Database.open(tmp_path / "one.duckdb") as db:
        db.upsert_paper(_paper(version=1, categories=("cs.CV",)))  # seen on an earlier day
        one = [db.upsert_paper(p) for p in batch]
        one_rows = db.con.execute("SELECT * EXCLUDE (first_seen, last_seen) FROM papers "
                                  "ORDER BY arxiv_id").fetchall()  # fmt: skip
    with Database.open(tmp_path / "many.duckdb") as db:
        db.upsert_paper(_paper(version=1, categories=("cs.CV",)))
        many = db.upsert_papers(batch)
        many_rows = db.con.execute("SELECT * EXCLUDE (first_seen, last_seen) FROM papers "
                                   "ORDER BY arxiv_id").fetchall()  # fmt: skip
        assert db.upsert_papers([]) == []
        db.record_announcements(
            [(date(2025, 12, 2), "2501.10120", "cs.IR", "new", 1),
             (date(2025, 12, 2), "2501.10120", "cs.IR", "replace", 3)]
        )  # fmt: skip
        (row,) = db.announcements(date(2025, 12, 2))
        assert (row.announce_type, row.version) == ("replace", 3)
    assert many == one == ["updated", "new", "updated", "updated", "new"]
    assert many_rows == one_rows
    assert many_rows[0][4] == ["Y. He", "Z. Li"] and many_rows[0][8] == datetime(2025, 1, 17, 5)


def test_replace_fulltext_is_idempotent_and_ids_are_stable(tmp_path: Path) -> None:
    drafts = [ChunkDraft(i, i + 1, i + 1, "Intro", f"text {i}") for i in range(3)]
    vectors = np.eye(3, 4, dtype=np.float32)
    with Database.open(tmp_path / "kb.duckdb") as db:
        db.upsert_paper(_paper())
        removed, added = db.replace_fulltext(
            "2512.05693", 1, {1: "p1"}, ["[1] ref"], drafts, vectors
        )
        assert removed == []
        assert added == [make_chunk_id("2512.05693", 1, i) for i in range(3)]
        removed2, added2 = db.replace_fulltext(
            "2512.05693", 1, {1: "p1"}, ["[1] ref"], drafts, vectors
        )
        assert sorted(removed2) == sorted(added) and added2 == added
        ids, stored = db.chunk_vectors()
        assert len(ids) == 3 and np.allclose(stored[np.argsort(ids)], vectors[np.argsort(added)])
        assert db.page_texts("2512.05693") == {1: "p1"}
        assert db.references("2512.05693") == ["[1] ref"]
        assert db.get_paper("2512.05693").n_chunks == 3


def test_failed_transaction_leaves_nothing_half_written(tmp_path: Path) -> None:
    drafts = [ChunkDraft(0, 1, 1, "Intro", "text")]
    with Database.open(tmp_path / "kb.duckdb") as db:
        db.upsert_paper(_paper())
        db.replace_fulltext("2512.05693", 1, {1: "p1"}, [], drafts, np.ones((1, 4), np.float32))
        with pytest.raises(ValueError):
            # two drafts, one vector: refused before anything is deleted
            db.replace_fulltext("2512.05693", 1, {}, [], drafts * 2, np.ones((1, 4), np.float32))
        assert db.stats().chunks == 1
        assert db.page_texts("2512.05693") == {1: "p1"}


def test_embedding_cache_failures_runs_announcements(tmp_path: Path) -> None:
    with Database.open(tmp_path / "kb.duckdb") as db:
        db.store_embeddings("m", [("h1", np.array([1, 0], np.float32))])
        db.store_embeddings("m", [("h1", np.array([0, 1], np.float32))])  # kept, not replaced
        assert np.allclose(db.cached_embeddings("m", ["h1", "h2"])["h1"], [1, 0])
        assert db.cached_embeddings("other", ["h1"]) == {}
        db.record_failure("2203.00130", "parse", "encrypted")
        db.record_failure("2203.00130", "parse", "encrypted again")
        assert [f.reason for f in db.failures()] == ["encrypted again"]
        run = db.start_run("ingest", {"x": 1})
        db.finish_run(run, "done", {"papers": 2})
        db.record_announcement(date(2025, 12, 2), "2512.05693", "cs.RO", "new", 1)
        assert db.announcements(date(2025, 12, 2))[0].arxiv_id == "2512.05693"


def test_read_only_open_of_missing_db_is_clear(tmp_path: Path) -> None:
    with pytest.raises(NotFoundError, match="no knowledge base"):
        with Database.open(tmp_path / "none.duckdb", read_only=True):
            pass


def _hold_writer(path: str, ready, release) -> None:
    with Database.open(Path(path)):
        ready.set()
        release.wait(20)


def test_reader_gets_busy_error_while_another_process_writes(tmp_path: Path) -> None:
    path = tmp_path / "kb.duckdb"
    with Database.open(path):
        pass
    ctx = mp.get_context("spawn")
    ready, release = ctx.Event(), ctx.Event()
    proc = ctx.Process(target=_hold_writer, args=(str(path), ready, release))
    proc.start()
    try:
        assert ready.wait(30)
        with pytest.raises(StoreBusyError, match="try again"):
            with Database.open(path, read_only=True, wait_s=0.3):
                pass
    finally:
        release.set()
        proc.join(30)
    with Database.open(path, read_only=True) as db:  # free again once the writer is gone
        assert db.stats().papers == 0

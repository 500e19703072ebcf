"""``kb backfill`` on real arXiv metadata: counts, idempotence, search and similar over the
abstracts, and resumption after a real SIGKILL in the middle of a run."""

from __future__ import annotations

import json
import random
import signal
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_crash import log_of, run_kb

from kb.cli import main
from kb.config import load_settings
from kb.db import Database
from kb.search import KINDS, Searcher, SearchFilters
from kb.sentences import split_sentences

SLICE = 240  # lines of a real daily listing (it repeats a few papers)
BAD = ["{oops", json.dumps({"id": "not-an-id", "title": "x"})]


def make_slice(shared_data: Path, folder: Path, lines: int = SLICE) -> Path:
    """The first ``lines`` lines of a real listing, with two malformed lines in the middle."""
    source = shared_data / "metadata" / "2025-12-03.jsonl"
    rows = source.read_text(encoding="utf-8").splitlines()[:lines]
    rows[10:10] = BAD  # lines 11 and 12
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "2025-12-03.jsonl"
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def unique_ids(path: Path) -> set[str]:
    ids = set()
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            ids.add(json.loads(line)["id"])
        except (ValueError, KeyError, TypeError):
            continue
    return ids - {"not-an-id"}


def invoke_json(args: list[str]) -> object:
    result = CliRunner().invoke(main, [*args, "--json"])
    assert result.exit_code == 0, result.output + repr(result.exception)
    return json.loads(result.stdout)


@pytest.fixture(scope="module")
def backfilled(tmp_path_factory: pytest.TempPathFactory, shared_data: Path):
    """A KB_HOME holding the slice, backfilled once through the CLI."""
    folder = tmp_path_factory.mktemp("backfill")
    path = make_slice(shared_data, folder / "data")
    home = folder / "home"
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_HOME", str(home))
        mp.delenv("KB_CONFIG", raising=False)
        first = invoke_json(["backfill", "--metadata", str(path)])
        again = invoke_json(["backfill", "--metadata", str(path)])
        stats = invoke_json(["stats"])
    return {"home": home, "path": path, "first": first, "again": again, "stats": stats}


def test_summary_counts_and_bad_lines(backfilled) -> None:
    first, ids = backfilled["first"], unique_ids(backfilled["path"])
    assert set(first) >= {"read", "added", "updated", "skipped", "bad_lines", "vectors"}
    assert first["read"] == SLICE + len(BAD)
    assert first["added"] == len(ids) and first["vectors"] == len(ids)
    assert first["read"] == first["added"] + first["updated"] + first["skipped"] + 2
    assert first["bad_lines"] == 2
    assert [(b["file"], b["line"]) for b in first["malformed"]] == [
        ("2025-12-03.jsonl", 11),
        ("2025-12-03.jsonl", 12),
    ]


def test_rerun_adds_nothing_and_stats_agree(backfilled) -> None:
    again, stats, n = backfilled["again"], backfilled["stats"], len(unique_ids(backfilled["path"]))
    assert again["added"] == again["updated"] == again["vectors"] == 0
    assert again["skipped"] == SLICE and again["bad_lines"] == 2
    assert stats["papers"] == stats["paper_vectors"] == stats["paper_index_vectors"] == n
    assert stats["vectors"] == n and stats["chunks"] == 0


def test_a_sentence_from_the_middle_of_an_abstract_finds_its_paper(backfilled, monkeypatch):
    """The issue's check: a middle sentence as the query, the paper in the top 3 for >= 90%."""
    monkeypatch.setenv("KB_HOME", str(backfilled["home"]))
    settings = load_settings()
    with Database.open(settings.db_path, read_only=True) as db:
        rows = db.paper_texts()
    sample = random.Random(7).sample(rows, 40)
    searcher = Searcher(settings)
    found = 0
    for arxiv_id, _, abstract in sample:
        sentences = split_sentences(abstract) or [abstract]
        query = sentences[len(sentences) // 2]
        hits = searcher.search(query, 10, SearchFilters(kinds=KINDS))
        top = list(dict.fromkeys(h.arxiv_id for h in hits))[:3]
        found += arxiv_id in top
        assert all(h.kind == "abstract" and h.page is None for h in hits)
    assert found / len(sample) >= 0.9


def test_search_json_and_similar_json(backfilled, monkeypatch) -> None:
    monkeypatch.setenv("KB_HOME", str(backfilled["home"]))
    settings = load_settings()
    with Database.open(settings.db_path, read_only=True) as db:
        arxiv_id, title, _ = db.paper_texts()[5]
    hits = invoke_json(["search", title, "--k", "5"])
    assert hits[0]["arxiv_id"] == arxiv_id and hits[0]["kind"] == "abstract"
    assert hits[0]["page"] is None and hits[0]["chunk_id"] is None
    assert set(hits[0]) >= {"arxiv_id", "title", "chunk_id", "page", "section", "score", "text"}
    similar = invoke_json(["similar", arxiv_id, "--k", "4"])
    assert len(similar) == 4 and all(set(s) >= {"arxiv_id", "title", "score"} for s in similar)
    assert arxiv_id not in {s["arxiv_id"] for s in similar}
    scores = [s["score"] for s in similar]
    assert scores == sorted(scores, reverse=True) and 0 < scores[-1] < 1
    missing = CliRunner().invoke(main, ["similar", "2512.99999", "--json"])
    assert missing.exit_code == 2 and "not in the knowledge base" in missing.output


def test_filters_at_load(shared_data: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv("KB_HOME", str(tmp_path / "home"))
    path = make_slice(shared_data, tmp_path / "data", 60)
    summary = invoke_json(["backfill", "--metadata", str(path), "--categories", "cs.RO,cs.LG"])
    stats = invoke_json(["stats"])
    assert summary["filtered"] > 0 and stats["papers"] == summary["added"] > 0
    later = invoke_json(["backfill", "--metadata", str(path), "--since", "2030-01-01"])
    assert later["added"] == 0 and later["filtered"] == later["read"] - 2


@pytest.mark.parametrize("crash_at", ["backfill_batch:2", "index_save"])
def test_backfill_resumes_after_sigkill(shared_data: Path, tmp_path: Path, crash_at: str) -> None:
    """Killed (SIGKILL) after two committed batches, or while saving the paper index: the rerun
    ends with the same papers and vectors as an uninterrupted run."""
    path = make_slice(shared_data, tmp_path / "data")
    small = {"KB_BACKFILL__BATCH_SIZE": "64"}
    args = ["backfill", "--metadata", str(path), "--json"]
    home = tmp_path / "crashed" / "home"
    assert run_kb(home, args, crash_at=crash_at, **small) == -signal.SIGKILL, log_of(home)
    assert run_kb(home, args, **small) == 0, log_of(home)
    clean = tmp_path / "clean" / "home"
    assert run_kb(clean, args, **small) == 0, log_of(clean)
    n = len(unique_ids(path))
    recovered, expected = _stats(home), _stats(clean)
    assert recovered == expected
    assert recovered["papers"] == recovered["paper_vectors"] == recovered["vectors"] == n
    assert not list((home / "faiss").glob(".*.tmp")), "temp files left behind"


def _stats(home: Path) -> dict[str, int]:
    """What ``kb stats --json`` counts for a home."""
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_HOME", str(home))
        mp.delenv("KB_CONFIG", raising=False)
        data = invoke_json(["stats"])
    return {k: data[k] for k in ("papers", "paper_vectors", "paper_index_vectors", "vectors")}

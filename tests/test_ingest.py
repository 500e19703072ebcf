"""Ingest on the real feeds and PDFs: papers, full texts, failures recorded, idempotence."""

from __future__ import annotations

from pathlib import Path

import pytest

from kb.config import load_settings
from kb.db import Database
from kb.feeds import parse_feed_files
from kb.ingest import Ingestor, index_pdf_dir, pick_pdf
from kb.library import library_stats
from kb.types import Paper
from kb.vectorstore import open_index


def _papers_for_pdfs(pdf_dir: Path) -> list[Paper]:
    """Feed-like records for the real PDFs (their metadata comes from the API Atom file)."""
    return [
        Paper(arxiv_id=arxiv_id, version=max((v or 1) for v, _ in files), title=f"paper {arxiv_id}")
        for arxiv_id, files in index_pdf_dir(pdf_dir).items()
    ]


def test_pick_pdf_prefers_exact_version_then_unversioned() -> None:
    files = [(1, Path("a_v1.pdf")), (None, Path("a.pdf")), (3, Path("a_v3.pdf"))]
    assert pick_pdf(files, 3) == (3, Path("a_v3.pdf"))
    assert pick_pdf(files, 2) == (None, Path("a.pdf"))
    assert pick_pdf([(1, Path("x")), (2, Path("y"))], 5) == (2, Path("y"))
    assert pick_pdf([], 1) is None


@pytest.mark.slow
def test_ingest_real_pdfs_then_reingest_changes_nothing(kb_home: Path, shared_data: Path) -> None:
    settings = load_settings()
    pdf_dir = shared_data / "pdfs"
    papers = _papers_for_pdfs(pdf_dir)
    first = Ingestor(settings).ingest(papers, pdf_dir)
    assert first.papers_new == len(papers) == 6
    # every PDF ingests or fails with a recorded reason
    assert first.pdfs_parsed + first.pdfs_failed == 6
    assert first.pdfs_parsed >= 5
    assert first.chunks_added > 100
    with Database.open(settings.db_path, read_only=True) as db:
        for paper in papers:
            row = db.get_paper(paper.arxiv_id)
            assert row.parse_status in {"parsed", "failed"}
            if row.parse_status == "failed":
                assert row.parse_error
            else:
                chunks = db.chunks_for_paper(paper.arxiv_id)
                assert len(chunks) == row.n_chunks > 0
                assert all(1 <= c.page <= c.page_end <= row.n_pages for c in chunks)
                assert any(c.section for c in chunks)
        ids_before = db.chunk_ids()
    stats = library_stats(settings)
    assert stats["chunk_vectors"] == stats["chunks"] == len(ids_before)

    second = Ingestor(settings).ingest(papers, pdf_dir)
    assert second.papers_unchanged == 6 and second.papers_new == 0
    assert second.chunks_added == 0 and second.pdfs_parsed == 0
    assert second.pdfs_unchanged == first.pdfs_parsed
    with Database.open(settings.db_path, read_only=True) as db:
        assert (db.chunk_ids() == ids_before).all()


def test_bad_pdf_is_recorded_and_batch_goes_on(kb_home: Path, tmp_path: Path):
    from pdf_factory import two_column_paper

    settings = load_settings()
    pdf_dir = tmp_path / "pdfs"
    pdf_dir.mkdir()
    two_column_paper(pdf_dir / "2304.02623v1.pdf")
    (pdf_dir / "2512.00001v1.pdf").write_bytes(b"<html><body>Just a moment...</body></html>")
    (pdf_dir / "2512.00002v1.pdf").write_bytes(b"")
    papers = [
        Paper(arxiv_id="2304.02623", version=1, title="Beyond Summarization"),
        Paper(arxiv_id="2512.00001", version=1, title="HTML instead of PDF"),
        Paper(arxiv_id="2512.00002", version=1, title="Zero bytes"),
    ]
    summary = Ingestor(settings).ingest(papers, pdf_dir)
    assert summary.pdfs_parsed == 1 and summary.pdfs_failed == 2
    reasons = {f["arxiv_id"]: f["reason"] for f in summary.failures}
    assert "2512.00001" in reasons and "2512.00002" in reasons
    with Database.open(settings.db_path, read_only=True) as db:
        assert {f.arxiv_id for f in db.failures()} == {"2512.00001", "2512.00002"}
        assert db.get_paper("2304.02623").parse_status == "parsed"
        assert db.get_paper("2512.00001").parse_status == "failed"


@pytest.mark.slow
def test_loose_pdfs_get_ids_from_names_or_content(kb_home: Path, shared_data: Path) -> None:
    settings = load_settings()
    extra = shared_data / "pdfs-extra"
    summary = Ingestor(settings).ingest_loose_pdfs(
        [
            extra / "1706.03762v7_Attention_Is_All_You_Need.pdf",
            extra / "papermage_emnlp2023demo.pdf",
        ]
    )
    assert summary.pdfs_parsed == 2
    with Database.open(settings.db_path, read_only=True) as db:
        attention = db.get_paper("1706.03762")
        assert attention.version == 7
        assert "attention" in attention.title.lower()
        local = [p for p in db.list_papers() if p.arxiv_id.startswith("local-")]
        assert len(local) == 1 and "papermage" in local[0].title.lower()


def test_feed_then_pdfs_matches_papers_by_id(
    kb_home: Path, fixtures: Path, served_pdfs: dict[str, Path]
) -> None:
    settings = load_settings()
    papers = parse_feed_files([fixtures / "feeds" / "api" / "pdfs_metadata.atom"])
    assert len(papers) == 5
    folder = next(iter(served_pdfs.values())).parent  # typeset PDFs named by id (and one more)
    summary = Ingestor(settings).ingest(papers, folder)
    assert summary.pdfs_parsed == 5 and summary.pdfs_missing == 0
    with Database.open(settings.db_path, read_only=True) as db:
        index = open_index(settings, db, "all-MiniLM-L6-v2", 384)
        assert index.matches(db.chunk_ids())


def test_inline_and_pooled_parsing_give_the_same_chunks(
    kb_home: Path, served_pdfs: dict[str, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    pdf = served_pdfs["2501.10120"]  # a typeset two-column paper
    texts = {}
    for workers in (0, 1):
        monkeypatch.setenv("KB_HOME", str(tmp_path / f"home{workers}"))
        settings = load_settings(ingest={"workers": workers})
        Ingestor(settings).ingest_loose_pdfs([pdf])
        with Database.open(settings.db_path, read_only=True) as db:
            texts[workers] = [c.text for c in db.chunks_for_paper("2501.10120")]
    assert texts[0] and texts[0] == texts[1]

"""Two tiers, one search: full texts (real PDFs) and abstracts (real backfilled metadata)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from test_backfill import invoke_json, make_slice

from kb.cli import main
from kb.config import load_settings
from kb.db import Database
from kb.search import KINDS, Searcher, SearchFilters, fuse, group_hits


@pytest.fixture(scope="module")
def two_tiers(tmp_path_factory: pytest.TempPathFactory, shared_data: Path):
    """Five papers read in full (announced 2025-12-02) and 60 lines of 2025-12-03 abstracts."""
    folder = tmp_path_factory.mktemp("tiers")
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("KB_HOME", str(folder / "home"))
        mp.delenv("KB_CONFIG", raising=False)
        feed = shared_data / "feeds" / "api" / "pdfs_metadata.atom"
        result = CliRunner().invoke(main, [
            "ingest", "--feed-file", str(feed), "--pdf-dir", str(shared_data / "pdfs"), "--json",
        ])  # fmt: skip
        assert result.exit_code == 0, result.output
        invoke_json(["backfill", "--metadata", str(make_slice(shared_data, folder, 60))])
        settings = load_settings()
        with Database.open(settings.db_path) as db:
            db.con.execute("UPDATE papers SET announced = DATE '2025-12-02' WHERE n_chunks > 0")
            abstract_only = db.con.execute(
                "SELECT arxiv_id, title FROM papers WHERE n_chunks = 0 ORDER BY arxiv_id LIMIT 1"
            ).fetchone()
        yield settings, abstract_only


def test_abstract_hits_and_chunk_hits_side_by_side(two_tiers) -> None:
    settings, (arxiv_id, title) = two_tiers
    searcher = Searcher(settings)
    hits = searcher.search(title, 10, SearchFilters(kinds=KINDS))
    assert hits[0].arxiv_id == arxiv_id and hits[0].kind == "abstract"
    assert hits[0].page is None and hits[0].chunk_id is None and not hits[0].full_text
    passage = searcher.search("How many query-paper pairs are in AutoScholarQuery?", 10,
                              SearchFilters(kinds=KINDS))  # fmt: skip
    assert passage[0].arxiv_id == "2501.10120" and passage[0].kind == "chunk"
    assert passage[0].page >= 1 and passage[0].full_text
    groups = group_hits(passage)
    assert groups[0].full_text and groups[0].to_dict()["full_text"] is True


def test_default_filters_keep_full_text_only(two_tiers) -> None:
    settings, (_, title) = two_tiers
    hits = Searcher(settings).search(title, 10)  # what kb ask cites: passages with pages
    assert hits and all(h.kind == "chunk" and h.page for h in hits)


def test_filters_apply_to_both_tiers(two_tiers) -> None:
    settings, (arxiv_id, title) = two_tiers
    searcher = Searcher(settings)
    both = SearchFilters(kinds=KINDS)
    early = searcher.search("academic paper search agent", 20,
                            SearchFilters(until=date(2025, 12, 2), kinds=KINDS))  # fmt: skip
    assert early and all(h.full_text for h in early)
    late = searcher.search("academic paper search agent", 20,
                           SearchFilters(since=date(2025, 12, 3), kinds=KINDS))  # fmt: skip
    assert late and all(h.kind == "abstract" for h in late)
    with Database.open(settings.db_path, read_only=True) as db:
        category = db.get_paper(arxiv_id).categories[0]
    in_cat = searcher.search(title, 20, SearchFilters(categories=[category], kinds=KINDS))
    assert in_cat[0].arxiv_id == arxiv_id
    assert all(category in h.categories for h in in_cat)
    only = searcher.search("method", 5, SearchFilters(paper=arxiv_id, kinds=KINDS))
    assert [h.arxiv_id for h in only] == [arxiv_id] and only[0].kind == "abstract"
    assert searcher.search(title, 5, SearchFilters(profile="nobody", kinds=both.kinds)) == []


def test_cli_kind_option_and_text_output(two_tiers, monkeypatch) -> None:
    settings, (arxiv_id, title) = two_tiers
    monkeypatch.setenv("KB_HOME", str(settings.home))
    chunks = invoke_json(["search", title, "--kind", "chunk"])
    assert chunks and {h["kind"] for h in chunks} == {"chunk"}
    text = CliRunner().invoke(main, ["search", "AutoScholarQuery query-paper pairs"]).output
    assert "[full text]" in text and "p." in text


def test_fusion_compares_cosines_across_tiers() -> None:
    # each tier's best is first in its own rankings, but the chunk is the closer one (cosine
    # 0.8 against 0.3, BM25 12 against 3): it must win outright, not tie as per-tier fusion would
    dense = {"chunk": [(1, 0.8), (2, 0.7)], "abstract": [(9, 0.3)]}
    lexical = {"chunk": [(1, 12.0)], "abstract": [(9, 3.0)]}
    fused = fuse(dense, lexical)
    assert [key for key, _ in fused] == [("chunk", 1), ("abstract", 9), ("chunk", 2)]
    assert fused[0][1] > fused[1][1]


def test_a_lexical_first_hit_far_ahead_leads() -> None:
    """A quoted sentence: BM25 singles out abstract 9 (score 30 against 10), which the dense
    ranking barely knows; rank fusion alone puts papers found by both rankings first."""
    dense = {"abstract": [(1, 0.6), (2, 0.59), (3, 0.58), (9, 0.2)]}
    lexical = {"abstract": [(9, 30.0), (1, 10.0), (2, 9.0), (3, 8.0)]}
    plain = [key for key, _ in fuse(dense, lexical)]
    assert plain[0] == ("abstract", 1)  # found by both rankings, it passes the quoted one
    led = fuse(dense, lexical, lexical_lead=1.2)
    assert [key for key, _ in led][:2] == [("abstract", 9), ("abstract", 1)]
    assert led[0][1] > led[1][1]
    close = {"abstract": [(9, 11.0), (1, 10.0), (2, 9.0), (3, 8.0)]}  # no clear lead: unchanged
    assert [key for key, _ in fuse(dense, close, lexical_lead=1.2)][0] == ("abstract", 1)

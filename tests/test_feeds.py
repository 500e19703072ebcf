"""Feeds: the three arXiv formats on the real files, merging, and bad input."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kb.errors import FeedError
from kb.feeds import feed_day, merge_papers, parse_feed, parse_feed_files, parse_feedparser_cache
from kb.ids import is_arxiv_id


def test_rss2_seed_matches(shared_data: Path) -> None:
    papers = {
        p.arxiv_id: p for p in parse_feed(shared_data / "feeds/rss/2025-12-09_seed-matches.xml")
    }
    himoe = papers["2512.05693"]
    assert (himoe.version, himoe.announce_type) == (1, "cross")
    assert himoe.categories == ["cs.RO", "cs.AI"] and himoe.authors[0] == "Zhiying Du"
    assert himoe.code_links == ["https://github.com/ZhiyingDu/HiMoE-VLA"]
    assert not himoe.abstract.startswith("arXiv:") and "Announce Type" not in himoe.abstract
    assert himoe.announced == date(2025, 12, 9)
    types = {pid: (p.version, p.announce_type) for pid, p in papers.items()}
    assert types["2506.07339"] == (2, "replace-cross")
    assert types["2512.05721"] == (1, "new")
    assert types["2511.04555"] == (2, "replace")
    assert papers["2511.04555"].pdf_url == "https://arxiv.org/pdf/2511.04555v2"


def test_rdf_titles_flags_and_html_authors(shared_data: Path) -> None:
    papers = {p.arxiv_id: p for p in parse_feed(shared_data / "feeds/rdf/2025-12-08_cs.RO.rdf")}
    area = papers["2512.05131"]
    assert area.title.startswith("AREA3D: Active Reconstruction Agent")
    assert "arXiv:" not in area.title and area.announce_type == "cross"
    assert area.primary_category == "cs.CV" and "cs.RO" in area.categories
    assert area.authors[:2] == ["Tianling Xu", "Shengzhe Gan"]
    assert "<p>" not in area.abstract and "<a" not in " ".join(area.authors)
    assert feed_day(shared_data / "feeds/rdf/2025-12-08_cs.RO.rdf") == date(2025, 12, 8)


def test_api_atom_fields(shared_data: Path) -> None:
    papers = parse_feed(shared_data / "feeds/api/2025-12-08_query.atom")
    first = papers[0]
    assert (first.arxiv_id, first.version, first.primary_category) == ("2512.05122", 1, "cs.AI")
    assert first.comment.startswith("Presented at 2025 International Workshop")
    assert first.pdf_url == "https://arxiv.org/pdf/2512.05122v1"
    assert len(papers) == 100


def test_old_style_ids_and_api_errors(shared_data: Path) -> None:
    api = shared_data / "feeds/real/api/arxivpy_2026"
    [astro] = parse_feed(api / "id_astro-ph_0601001_s0_m100_3150dca9dc76.xml")
    assert astro.arxiv_id == "astro-ph/0601001"
    [quant] = parse_feed(api / "id_quant-ph_0201082v1_s0_m100_86989fe779ef.xml")
    assert (quant.arxiv_id, quant.version) == ("quant-ph/0201082", 1)
    with pytest.raises(FeedError, match="incorrect id format for abc"):
        parse_feed(api / "id_abc_s0_m100_b79c8dcf6bc3.xml")
    assert parse_feed(api / "id_0000.0000_s0_m100_8b51d9633a68.xml") == []


def test_every_shared_feed_parses(shared_data: Path) -> None:
    count = 0
    for path in sorted((shared_data / "feeds").rglob("*")):
        if path.is_dir() or path.name.endswith(".gz"):
            continue
        if "id_abc" in path.name:
            continue  # the API error response (tested above)
        papers = parse_feedparser_cache(path) if path.suffix == ".json" else parse_feed(path)
        assert all(is_arxiv_id(p.arxiv_id) and p.title for p in papers), path
        count += len(papers)
    assert count > 9000


def test_one_paper_in_several_category_feeds_is_one_record(shared_data: Path) -> None:
    files = sorted((shared_data / "feeds/rss").glob("2025-12-02_*.xml"))
    raw = [p for f in files for p in parse_feed(f)]
    merged = parse_feed_files(files)
    assert len(merged) < len(raw) and len({p.arxiv_id for p in merged}) == len(merged)
    multi = next(p for p in merged if sum(r.arxiv_id == p.arxiv_id for r in raw) > 1)
    assert len(multi.categories) > 1


def test_replacement_updates_version_not_a_new_paper(shared_data: Path) -> None:
    [v1] = [p for p in parse_feed(shared_data / "feeds/rss/2025-12-09_seed-matches.xml")
            if p.arxiv_id == "2511.04555"]  # fmt: skip
    old = type(v1)(**{**v1.__dict__, "version": 1, "announce_type": "new"})
    merged = merge_papers([old, v1])
    assert len(merged) == 1 and merged[0].version == 2 and merged[0].announce_type == "replace"


def test_html_instead_of_a_feed_is_a_named_error(tmp_path: Path) -> None:
    bad = tmp_path / "today.xml"
    bad.write_bytes(b"<html><head><title>503</title></head><body>Service Unavailable</body></html>")
    with pytest.raises(FeedError, match="today.xml"):
        parse_feed_files([bad])


ITEM = (
    "<item><title>{title}</title><link>https://arxiv.org/abs/{id}</link><description>"
    "arXiv:{id}v{v} Announce Type: new \nAbstract: {abstract}</description>"
    "<guid>oai:arXiv.org:{id}v{v}</guid><category>cs.AI</category></item>"
)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    ids=st.lists(
        st.sampled_from(["2512.05693", "math/0601001", "1706.03762", "bogus", "../x"]), max_size=6
    ),  # fmt: skip
    cut=st.integers(min_value=0, max_value=2000),
    title=st.text(max_size=40),
    encoding=st.sampled_from(["utf-8", "latin-1", "utf-16"]),
)
def test_malformed_feeds_give_papers_or_a_named_error(ids, cut, title, encoding) -> None:
    from xml.sax.saxutils import escape

    items = "".join(ITEM.format(id=i, v=1, title=escape(title) or "t", abstract="x") for i in ids)
    xml = f"<?xml version='1.0'?><rss version='2.0'><channel><title>cs.AI</title>{items}</channel></rss>"
    data = xml.encode(encoding, errors="replace")[: cut or None]
    try:
        papers = parse_feed(data, name="fuzz.xml")
    except FeedError as exc:
        assert "fuzz.xml" in str(exc)
        return
    for paper in papers:
        assert is_arxiv_id(paper.arxiv_id) and paper.title

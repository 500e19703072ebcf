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


def test_rss2_seed_matches(fixtures: Path) -> None:
    papers = {p.arxiv_id: p for p in parse_feed(fixtures / "feeds/rss/2025-12-09_seed-matches.xml")}
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


def test_rdf_titles_flags_and_html_authors(fixtures: Path) -> None:
    papers = {p.arxiv_id: p for p in parse_feed(fixtures / "feeds/rdf/2025-12-08_cs.RO.rdf")}
    area = papers["2512.05131"]
    assert area.title.startswith("AREA3D: Active Reconstruction Agent")
    assert "arXiv:" not in area.title and area.announce_type == "cross"
    assert area.primary_category == "cs.CV" and "cs.RO" in area.categories
    assert area.authors[:2] == ["Tianling Xu", "Shengzhe Gan"]
    assert "<p>" not in area.abstract and "<a" not in " ".join(area.authors)
    assert feed_day(fixtures / "feeds/rdf/2025-12-08_cs.RO.rdf") == date(2025, 12, 8)


def test_api_atom_fields(fixtures: Path) -> None:
    papers = parse_feed(fixtures / "feeds/api/2025-12-08_query.atom")
    first = papers[0]
    assert (first.arxiv_id, first.version, first.primary_category) == ("2512.05122", 1, "cs.AI")
    assert first.comment.startswith("Presented at 2025 International Workshop")
    assert first.pdf_url == "https://arxiv.org/pdf/2512.05122v1"
    assert len(papers) == 24  # the fixture keeps the first 24 of the 100 entries


def test_old_style_ids_and_api_errors(fixtures: Path) -> None:
    api = fixtures / "feeds/api"
    [astro] = parse_feed(api / "old_style_id_astro-ph_0601001.atom")
    assert astro.arxiv_id == "astro-ph/0601001"
    [quant] = parse_feed(api / "old_style_id_quant-ph_0201082v1.atom")
    assert (quant.arxiv_id, quant.version) == ("quant-ph/0201082", 1)
    with pytest.raises(FeedError, match="incorrect id format for abc"):
        parse_feed(api / "error_bad_id.atom")
    assert parse_feed(api / "empty_result.atom") == []
    assert parse_feed(fixtures / "feeds/rss/empty_weekend.xml") == []


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


def test_one_paper_in_several_category_feeds_is_one_record(fixtures: Path) -> None:
    files = sorted((fixtures / "feeds/rss").glob("2025-12-02_*.xml"))
    raw = [p for f in files for p in parse_feed(f)]
    merged = parse_feed_files(files)
    assert len(merged) < len(raw) and len({p.arxiv_id for p in merged}) == len(merged)
    multi = next(p for p in merged if sum(r.arxiv_id == p.arxiv_id for r in raw) > 1)
    assert len(multi.categories) > 1


def test_replacement_updates_version_not_a_new_paper(fixtures: Path) -> None:
    [v1] = [p for p in parse_feed(fixtures / "feeds/rss/2025-12-09_seed-matches.xml")
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


# Ids in every historic form, with and without the prefixes and versions feeds and users write.
_BARE_IDS = [
    "2512.05693",
    "0704.0001",
    "1412.9999",
    "math/0601001",
    "hep-th/9901001",
    "math.GT/0309136",
]
# (the feeds' own prefixes, oai:arXiv.org: in guids and the abs URL in links, are added below)
_ID_FORMS = st.tuples(st.sampled_from(_BARE_IDS), st.sampled_from(["", "v1", "v2", "v12"])).map(
    lambda t: (t[0], f"{t[0]}{t[1]}")
)
_BAD_IDS = st.sampled_from(
    ["bogus", "../../etc/passwd", "2512.05693/../../x", "", "12345.6", "/etc/passwd"]
)


@st.composite
def _entries(draw):
    """(expected bare id or None, entry fields) with any field possibly missing."""
    if draw(st.booleans()):
        bare, written = draw(_ID_FORMS)
    else:
        bare, written = None, draw(_BAD_IDS)
    fields = {
        "id": written,
        "title": draw(st.one_of(st.none(), st.text(max_size=30))),
        "abstract": draw(st.one_of(st.none(), st.text(max_size=60))),
        "author": draw(st.one_of(st.none(), st.text(max_size=20))),
        "category": draw(st.one_of(st.none(), st.sampled_from(["cs.AI", "cs.RO", "math.GT"]))),
    }
    return bare, fields


def _rss2(entries) -> str:
    from xml.sax.saxutils import escape

    items = []
    for _, f in entries:
        parts = [f"<title>{escape(f['title'])}</title>" if f["title"] is not None else ""]
        parts.append(f"<link>https://arxiv.org/abs/{escape(f['id'])}</link>")
        if f["abstract"] is not None:
            parts.append(
                f"<description>arXiv:{escape(f['id'])} Announce Type: new \nAbstract: {escape(f['abstract'])}</description>"
            )
        parts.append(f"<guid>oai:arXiv.org:{escape(f['id'])}</guid>")
        if f["category"]:
            parts.append(f"<category>{f['category']}</category>")
        if f["author"] is not None:
            parts.append(f"<dc:creator>{escape(f['author'])}</dc:creator>")
        items.append("<item>" + "".join(parts) + "</item>")
    return (
        "<?xml version='1.0' encoding='UTF-8'?><rss version='2.0' "
        "xmlns:dc='http://purl.org/dc/elements/1.1/'><channel><title>cs.AI updates on arXiv.org</title>"
        + "".join(items)
        + "</channel></rss>"
    )


def _atom(entries) -> str:
    from xml.sax.saxutils import escape

    items = []
    for _, f in entries:
        parts = [f"<id>http://arxiv.org/abs/{escape(f['id'])}</id>"]
        if f["title"] is not None:
            parts.append(f"<title>{escape(f['title'])}</title>")
        if f["abstract"] is not None:
            parts.append(f"<summary>{escape(f['abstract'])}</summary>")
        if f["author"] is not None:
            parts.append(f"<author><name>{escape(f['author'])}</name></author>")
        if f["category"]:
            parts.append(f"<category term='{f['category']}'/>")
        items.append("<entry>" + "".join(parts) + "</entry>")
    return (
        "<?xml version='1.0' encoding='UTF-8'?><feed xmlns='http://www.w3.org/2005/Atom'>"
        "<title>arXiv Query: test</title>" + "".join(items) + "</feed>"
    )


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    entries=st.lists(_entries(), max_size=8),
    fmt=st.sampled_from(["rss2", "atom"]),
    damage=st.sampled_from(["none", "truncate", "latin-1-declared-utf-8", "utf-16", "junk-bytes"]),
    cut=st.floats(min_value=0.0, max_value=1.0),
)
def test_any_entry_mix_gives_whole_records_or_a_named_error(entries, fmt, damage, cut) -> None:
    text = _rss2(entries) if fmt == "rss2" else _atom(entries)
    data = text.encode("utf-8")
    if damage == "truncate":
        data = data[: int(len(data) * cut)]
    elif damage == "latin-1-declared-utf-8":
        data = text.encode("latin-1", errors="replace")
    elif damage == "utf-16":
        data = text.encode("utf-16")
    elif damage == "junk-bytes":
        at = int(len(data) * cut)
        data = data[:at] + b"\xff\xfe\x00<<&" + data[at:]
    try:
        papers = parse_feed(data, name="fuzz-feed.xml")
    except FeedError as exc:
        assert "fuzz-feed.xml" in str(exc)
        return
    ids = [p.arxiv_id for p in papers]
    wanted = {bare for bare, _ in entries if bare is not None}
    # whole records only: a valid bare id (no prefix, no version), a title, a sane version
    for paper in papers:
        assert is_arxiv_id(paper.arxiv_id) and paper.arxiv_id in wanted
        assert not paper.arxiv_id.lower().startswith(("oai:", "arxiv:", "http"))
        assert "v" not in paper.arxiv_id.split("/")[-1]
        assert paper.title.strip()
        assert paper.version is None or paper.version >= 1
    # merging removes duplicates whatever their forms were
    merged = merge_papers(papers)
    assert len({p.arxiv_id for p in merged}) == len(merged) == len(set(ids))
    if damage == "none":
        titled = {bare for bare, f in entries if bare is not None and (f["title"] or "").strip()}
        assert set(ids) == titled

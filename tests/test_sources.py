"""RSS and API sources over the loopback arXiv, compared with parsing the same files directly."""

from __future__ import annotations

from pathlib import Path

import pytest
from loopback import Reply

from kb.arxiv_client import PoliteClient
from kb.errors import DownloadError
from kb.feeds import merge_papers, parse_feed, parse_feed_files
from kb.sources import fetch_metadata, fetch_rss, fetch_today, query_api

API_PAGES = Path("feeds/real/api/arxivpy_2026")


def _fields(papers):
    return [(p.versioned_id, p.title, p.announce_type, p.categories, p.authors) for p in papers]


def test_fetch_today_gives_the_papers_of_the_files(loopback_settings, loopback_arxiv):
    live = fetch_today(loopback_settings, PoliteClient(loopback_settings.feeds))
    files = [loopback_arxiv.rss[c] for c in loopback_settings.feeds.categories]
    assert _fields(live) == _fields(parse_feed_files(files))
    assert len(live) > 10 and len(live) < sum(len(parse_feed(f)) for f in files)  # merged
    assert [r.route for r in loopback_arxiv.requests] == [
        f"/rss/{c}" for c in loopback_settings.feeds.categories
    ]
    assert min(loopback_arxiv.gaps()) >= loopback_settings.feeds.delay_s


def test_fetch_rss_returns_the_bytes_served(loopback_settings, loopback_arxiv):
    client = PoliteClient(loopback_settings.feeds)
    assert fetch_rss("cs.RO", client, loopback_settings) == loopback_arxiv.rss["cs.RO"].read_bytes()
    with pytest.raises(ValueError, match="not an arXiv category"):
        fetch_rss("../api/query", client, loopback_settings)
    assert len(loopback_arxiv.requests) == 1


def test_fetch_today_retries_and_skips_a_failed_category(loopback_settings, loopback_arxiv):
    loopback_arxiv.script("/rss/cs.AI", Reply.status(503, retry_after="0.05"))
    settings = loopback_settings.model_copy(deep=True)
    settings.feeds.categories = ["cs.AI", "cs.XX", "cs.RO"]  # cs.XX: 404, logged and skipped
    live = fetch_today(settings, PoliteClient(settings.feeds))
    files = [loopback_arxiv.rss["cs.AI"], loopback_arxiv.rss["cs.RO"]]
    assert _fields(live) == _fields(parse_feed_files(files))
    assert [r.route for r in loopback_arxiv.requests] == [
        "/rss/cs.AI", "/rss/cs.AI", "/rss/cs.XX", "/rss/cs.RO"
    ]  # fmt: skip


def test_fetch_today_fails_when_no_category_can_be_fetched(loopback_settings):
    settings = loopback_settings.model_copy(deep=True)
    settings.feeds.categories = ["cs.XX", "cs.YY"]
    with pytest.raises(DownloadError, match=r"no category could be fetched: cs.XX .*HTTP 404"):
        fetch_today(settings, PoliteClient(settings.feeds))


def test_api_paging_replays_the_recorded_pages(loopback_settings, corpus_arxiv, shared_data):
    """Six real API pages of 10 (start=0..50), fetched one polite request at a time."""
    settings = loopback_settings.model_copy(deep=True)
    settings.feeds.api_base_url = corpus_arxiv.feed_urls()["api_base_url"]
    client = PoliteClient(settings.feeds)
    papers = query_api(settings, client, search_query="all:testing", max_results=60, page_size=10)
    pages = [
        next((shared_data / API_PAGES).glob(f"q_testing_s{s}_m10_*")) for s in range(0, 60, 10)
    ]
    expected = merge_papers([p for page in pages for p in parse_feed(page)])
    assert _fields(papers) == _fields(expected) and len(papers) == 60
    hits = corpus_arxiv.hits("/api/query")
    assert [int(h.query["start"]) for h in hits] == [0, 10, 20, 30, 40, 50]
    assert {h.query["search_query"] for h in hits} == {"all:testing"}
    assert min(corpus_arxiv.gaps()) >= settings.feeds.delay_s


def test_api_paging_stops_at_total_results(loopback_settings, loopback_arxiv):
    """24 results announced: pages of 10 ask start=0, 10, 20 and no more."""
    client = PoliteClient(loopback_settings.feeds)
    papers = query_api(loopback_settings, client, search_query="cat:cs.AI", max_results=1000,
                       page_size=10)  # fmt: skip
    assert _fields(papers) == _fields(parse_feed(loopback_arxiv.api)) and len(papers) == 24
    hits = loopback_arxiv.hits("/api/query")
    assert [(h.query["start"], h.query["max_results"]) for h in hits] == [
        ("0", "10"), ("10", "10"), ("20", "10")
    ]  # fmt: skip


def test_api_start_and_max_results_are_a_window(loopback_settings, loopback_arxiv):
    client = PoliteClient(loopback_settings.feeds)
    papers = query_api(loopback_settings, client, search_query="cat:cs.AI", start=5,
                       max_results=12, page_size=5)  # fmt: skip
    assert _fields(papers) == _fields(parse_feed(loopback_arxiv.api)[5:17])
    assert [h.query["max_results"] for h in loopback_arxiv.hits("/api/query")] == ["5", "5", "2"]


def test_an_empty_api_page_is_asked_again(loopback_settings, loopback_arxiv):
    loopback_arxiv.script("/api/query", Reply.status(503, retry_after="0"), Reply.empty_feed())
    client = PoliteClient(loopback_settings.feeds)
    papers = query_api(loopback_settings, client, search_query="cat:cs.AI", max_results=40,
                       page_size=40)  # fmt: skip
    assert _fields(papers) == _fields(parse_feed(loopback_arxiv.api)[:40])
    assert [h.reply for h in loopback_arxiv.hits("/api/query")] == ["status", "empty_feed", "ok"]


def test_fetch_metadata_in_batches(loopback_settings, loopback_arxiv, fixtures):
    api = fixtures / "feeds" / "api"
    known = parse_feed(api / "2025-12-08_query.atom") + parse_feed(api / "pdfs_metadata.atom")
    ids = [p.arxiv_id for p in known]
    asked = [*ids[:3], "../../etc/passwd", f"{ids[3]}v1", *ids[4:]]
    client = PoliteClient(loopback_settings.feeds)
    papers = fetch_metadata(asked, loopback_settings, client, batch_size=12)
    assert [p.arxiv_id for p in papers] == ids
    assert _fields(papers) == _fields(known)
    hits = loopback_arxiv.hits("/api/query")
    assert [len(h.query["id_list"].split(",")) for h in hits] == [12, 12, 5]
    assert "etc" not in "".join(h.path for h in hits)  # the invalid id never left the machine

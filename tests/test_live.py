"""The live paths (RSS, API, PDF download) against a real HTTP server on 127.0.0.1."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.arxiv_client import PoliteClient
from kb.cli import main
from kb.download import download_pdf
from kb.errors import DownloadError, NotAPdfError
from kb.feeds import parse_feed, parse_feed_files
from kb.sources import fetch_today, query_api


def test_fetch_today_equals_parsing_the_files(live_settings, fake_arxiv):
    client = PoliteClient(live_settings.feeds)
    live = fetch_today(live_settings, client)
    files = parse_feed_files(sorted(fake_arxiv.rss[c] for c in live_settings.feeds.categories))
    assert {p.versioned_id for p in live} == {p.versioned_id for p in files}
    assert len(fake_arxiv.hits("/rss/")) == 4
    times = [r.time for r in fake_arxiv.requests]
    gaps = [b - a for a, b in zip(times, times[1:], strict=False)]
    assert min(gaps) >= live_settings.feeds.delay_s * 0.9  # polite spacing, measured server-side


def test_503_with_retry_after_is_honoured(live_settings, fake_arxiv):
    fake_arxiv.script("/rss/cs.AI", ("status", 503, {"Retry-After": "0.3"}),
                      ("status", 429, {"Retry-After": "0.2"}))  # fmt: skip
    waits: list[float] = []
    client = PoliteClient(live_settings.feeds)
    real_sleep = client.sleep
    client.sleep = lambda s: (waits.append(s), real_sleep(s))  # type: ignore[method-assign]
    body = client.get(f"{fake_arxiv.url}/rss/cs.AI").body
    assert body.startswith(b"<?xml")
    assert len(fake_arxiv.hits("/rss/cs.AI")) == 3
    assert any(abs(w - 0.3) < 0.01 for w in waits) and any(abs(w - 0.2) < 0.01 for w in waits)
    gap = fake_arxiv.requests[1].time - fake_arxiv.requests[0].time
    assert gap >= 0.28


def test_bounded_retries_then_clear_error(live_settings, fake_arxiv):
    fake_arxiv.script("/rss/cs.LG", *[("status", 503, {"Retry-After": "0"})] * 10)
    with pytest.raises(DownloadError, match=r"rss/cs.LG: failed after 4 attempts \(HTTP 503\)"):
        PoliteClient(live_settings.feeds).get(f"{fake_arxiv.url}/rss/cs.LG")
    assert len(fake_arxiv.hits("/rss/cs.LG")) == 4  # no request storm


def test_too_long_retry_after_gives_up(live_settings, fake_arxiv):
    fake_arxiv.script("/rss/cs.CV", ("status", 429, {"Retry-After": "3600"}))
    with pytest.raises(DownloadError, match="asked to wait 3600"):
        PoliteClient(live_settings.feeds).get(f"{fake_arxiv.url}/rss/cs.CV")


def test_unreachable_host_is_named(live_settings):
    import socket

    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    sock.close()  # nothing listens there now
    with pytest.raises(DownloadError, match="arXiv is unreachable"):
        PoliteClient(live_settings.feeds).get(f"http://127.0.0.1:{port}/rss/cs.AI")


def test_timeout_and_slow_drip_fail_cleanly(live_settings, fake_arxiv):
    settings = live_settings.feeds.model_copy(update={"max_retries": 1, "timeout_s": 0.3})
    fake_arxiv.script("/rss/cs.RO", ("hang", 1.0), ("drip", 0.5))
    with pytest.raises(DownloadError, match="failed after 2 attempts"):
        PoliteClient(settings).get(f"{fake_arxiv.url}/rss/cs.RO")


def test_api_query(live_settings, fake_arxiv):
    papers = query_api(live_settings, PoliteClient(live_settings.feeds), search_query="cat:cs.AI")
    assert len(papers) == len(parse_feed(fake_arxiv.api)) > 20
    assert all(p.primary_category for p in papers)
    assert "search_query=cat%3Acs.AI" in fake_arxiv.hits("/api/query")[0].path


def test_pdf_download_cache_html_and_resume(live_settings, fake_arxiv, tmp_path: Path):
    client = PoliteClient(live_settings.feeds)
    cache = tmp_path / "pdfs"
    path = download_pdf("2501.10120", None, live_settings, client, cache)
    assert path.read_bytes().startswith(b"%PDF-")
    n = len(fake_arxiv.hits("/pdf/"))
    assert download_pdf("2501.10120", None, live_settings, client, cache) == path
    assert len(fake_arxiv.hits("/pdf/")) == n  # cached: no new request

    fake_arxiv.script("/pdf/2304.02623v1", ("html",))
    with pytest.raises(NotAPdfError, match="2304.02623.*text/html"):
        download_pdf("2304.02623", 1, live_settings, client, cache)
    assert not list(cache.glob("2304.02623*"))  # nothing half-written left behind

    # connection reset mid-body: the retry resumes with a Range request
    fake_arxiv.script("/pdf/2302.07302v1", ("reset", 50_000))
    path = download_pdf("2302.07302", 1, live_settings, client, cache)
    original = (fake_arxiv.pdfs["2302.07302v1"]).read_bytes()
    assert path.read_bytes() == original
    ranged = [r for r in fake_arxiv.hits("/pdf/2302.07302v1") if "Range" in r.headers]
    assert ranged and ranged[0].headers["Range"] == "bytes=50000-"


def test_pdf_size_limit(live_settings, fake_arxiv, tmp_path: Path):
    settings = live_settings.model_copy(
        update={"feeds": live_settings.feeds.model_copy(update={"max_pdf_mb": 0.1})}
    )
    with pytest.raises(DownloadError, match="MB limit"):
        download_pdf("2203.00130", 1, settings, PoliteClient(settings.feeds), tmp_path)


def test_ingest_through_the_live_path(live_settings, fake_arxiv, fixtures: Path, tmp_path):
    """kb ingest --fetch-pdfs downloads the PDFs of the feed's papers from the server."""
    feed = fixtures / "feeds" / "api" / "pdfs_metadata.atom"
    fake_arxiv.script("/pdf/2304.02623v1", ("status", 503, {"Retry-After": "0.1"}))
    fake_arxiv.script("/pdf/2501.10120v1", ("html",))
    env = {
        "KB_FEEDS__PDF_BASE_URL": f"{fake_arxiv.url}/pdf", "KB_FEEDS__DELAY_S": "0.01",
        "KB_FEEDS__BACKOFF_S": "0.01",
    }  # fmt: skip
    result = CliRunner().invoke(
        main, ["ingest", "--feed-file", str(feed), "--fetch-pdfs", "--json"], env=env
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["pdfs_parsed"] == 4
    assert [f["arxiv_id"] for f in summary["failures"]] == ["2501.10120"]
    assert "did not return a PDF" in summary["failures"][0]["reason"]

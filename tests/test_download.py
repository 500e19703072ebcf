"""PDF download over the loopback arXiv: cache, checks, limits, resume."""

from __future__ import annotations

from pathlib import Path

import pytest
from loopback import Reply

from kb.arxiv_client import PoliteClient
from kb.download import download_pdf, is_complete_pdf
from kb.errors import DownloadError, InvalidIdError, NotAPdfError
from kb.types import Paper


@pytest.fixture()
def cache(tmp_path: Path) -> Path:
    return tmp_path / "pdfs"


@pytest.fixture()
def client(loopback_settings) -> PoliteClient:
    return PoliteClient(loopback_settings.feeds)


def _original(loopback_arxiv, key: str) -> bytes:
    return loopback_arxiv.pdfs[key].read_bytes()


def test_download_then_the_cache_answers_without_a_request(
    loopback_settings, loopback_arxiv, client, cache
):
    path = download_pdf("2302.07302", 1, loopback_settings, client, cache)
    assert path == cache / "2302.07302v1.pdf"
    assert path.read_bytes() == _original(loopback_arxiv, "2302.07302v1")
    assert [p.name for p in cache.iterdir()] == ["2302.07302v1.pdf"]  # no .part left
    assert [r.route for r in loopback_arxiv.requests] == ["/pdf/2302.07302v1"]

    again = download_pdf(Paper("2302.07302", version=1), None, loopback_settings, client, cache)
    assert again == path
    assert len(loopback_arxiv.requests) == 1  # served from the cache


def test_bare_id_and_versioned_id_forms(loopback_settings, loopback_arxiv, client, cache):
    bare = download_pdf("2501.10120", None, loopback_settings, client, cache)
    assert bare.name == "2501.10120.pdf"
    versioned = download_pdf("arXiv:2304.02623v1", None, loopback_settings.feeds, client, cache)
    assert versioned.name == "2304.02623v1.pdf"
    assert [r.route for r in loopback_arxiv.requests] == ["/pdf/2501.10120", "/pdf/2304.02623v1"]


def test_old_style_id_is_fetched_by_url_and_cached_without_a_slash(
    loopback_settings, loopback_arxiv, client, cache
):
    loopback_arxiv.pdfs["math/0601001v2"] = loopback_arxiv.pdfs["1903.10676"]
    path = download_pdf("math/0601001v2", None, loopback_settings, client, cache)
    assert path == cache / "math_0601001v2.pdf" and is_complete_pdf(path)
    assert loopback_arxiv.requests[0].route == "/pdf/math/0601001v2"


def test_invalid_id_fetches_and_writes_nothing(loopback_settings, loopback_arxiv, client, tmp_path):
    cache = tmp_path / "deep" / "pdfs"
    with pytest.raises(InvalidIdError):
        download_pdf("../../etc/passwd", None, loopback_settings, client, cache)
    assert not loopback_arxiv.requests and not (tmp_path / "deep").exists()


def test_html_instead_of_a_pdf(loopback_settings, loopback_arxiv, client, cache):
    loopback_arxiv.script("/pdf/2304.02623v1", Reply.html())
    with pytest.raises(NotAPdfError) as info:
        download_pdf("2304.02623", 1, loopback_settings, client, cache)
    message = str(info.value)
    assert message.startswith("2304.02623v1: ") and "did not return a PDF" in message
    assert "got text/html" in message and "captcha or error page?" in message
    assert list(cache.iterdir()) == []  # nothing half-written left behind


def test_a_broken_cached_file_is_replaced(loopback_settings, loopback_arxiv, client, cache):
    cache.mkdir()
    (cache / "2304.02623v1.pdf").write_bytes(b"<html>an error page saved by mistake</html>")
    path = download_pdf("2304.02623", 1, loopback_settings, client, cache)
    assert path.read_bytes() == _original(loopback_arxiv, "2304.02623v1")
    assert len(loopback_arxiv.requests) == 1


def test_resume_from_a_part_file_with_range(loopback_settings, loopback_arxiv, client, cache):
    original = _original(loopback_arxiv, "2206.10883v3")
    cache.mkdir()
    cut = len(original) * 2 // 3
    (cache / "2206.10883v3.pdf.part").write_bytes(original[:cut])
    path = download_pdf("2206.10883", 3, loopback_settings, client, cache)
    assert path.read_bytes() == original
    (request,) = loopback_arxiv.requests
    assert request.header("Range") == f"bytes={cut}-"
    assert not (cache / "2206.10883v3.pdf.part").exists()


def test_a_server_that_ignores_range_restarts_the_file(
    loopback_settings, loopback_arxiv, client, cache
):
    original = _original(loopback_arxiv, "2206.10883v3")
    cache.mkdir()
    cut = len(original) // 2
    (cache / "2206.10883v3.pdf.part").write_bytes(original[:cut])
    loopback_arxiv.script("/pdf/2206.10883v3", Reply.ignore_range())
    path = download_pdf("2206.10883", 3, loopback_settings, client, cache)
    assert path.read_bytes() == original  # 200 instead of 206: not appended to the part
    assert loopback_arxiv.requests[0].header("Range") == f"bytes={cut}-"


def test_a_part_longer_than_the_file_starts_over(loopback_settings, loopback_arxiv, client, cache):
    original = _original(loopback_arxiv, "2304.02623v1")
    cache.mkdir()
    (cache / "2304.02623v1.pdf.part").write_bytes(b"%PDF-" + b"x" * 2_000_000)
    path = download_pdf("2304.02623", 1, loopback_settings, client, cache)
    assert path.read_bytes() == original  # 416 for the range, then the whole file
    assert [r.header("Range") for r in loopback_arxiv.requests] == ["bytes=2000005-", None]


def test_connection_reset_mid_body_resumes_on_retry(
    loopback_settings, loopback_arxiv, client, cache
):
    original = _original(loopback_arxiv, "2203.00130v1")
    cut = len(original) // 2
    loopback_arxiv.script("/pdf/2203.00130v1", Reply.reset(cut))
    path = download_pdf("2203.00130", 1, loopback_settings, client, cache)
    assert path.read_bytes() == original
    first, second = loopback_arxiv.requests
    assert first.reply == "reset" and first.header("Range") is None
    offset = int(second.header("Range").removeprefix("bytes=").rstrip("-"))
    assert 0 < offset <= cut  # only the missing part was asked for again


def test_cut_transfer_leaves_a_part_that_the_next_run_resumes(
    loopback_settings, loopback_arxiv, cache
):
    original = _original(loopback_arxiv, "2302.07302v1")
    cut = len(original) // 3
    loopback_arxiv.script("/pdf/2302.07302v1", Reply.truncate(cut), Reply.truncate(cut))
    settings = loopback_settings.model_copy(deep=True)
    settings.feeds.max_retries = 1
    with pytest.raises(DownloadError, match=r"failed after 2 attempts \(body cut short"):
        download_pdf("2302.07302", 1, settings, PoliteClient(settings.feeds), cache)
    part = cache / "2302.07302v1.pdf.part"
    assert part.stat().st_size == 2 * cut  # the second attempt resumed the first
    assert not (cache / "2302.07302v1.pdf").exists()

    path = download_pdf("2302.07302", 1, settings, PoliteClient(settings.feeds), cache)
    assert path.read_bytes() == original
    assert loopback_arxiv.requests[-1].header("Range") == f"bytes={2 * cut}-"


def test_size_limit_from_content_length(loopback_settings, loopback_arxiv, cache):
    settings = loopback_settings.model_copy(deep=True)
    settings.feeds.max_pdf_mb = 0.1
    size_mb = len(_original(loopback_arxiv, "2203.00130v1")) / 1_000_000
    assert size_mb > 0.1
    with pytest.raises(
        DownloadError, match=rf"{size_mb:.1f} MB, over the 0.1 MB limit \(feeds.max"
    ):
        download_pdf("2203.00130", 1, settings, PoliteClient(settings.feeds), cache)
    assert list(cache.iterdir()) == [] and len(loopback_arxiv.requests) == 1


def test_size_limit_while_reading_a_body_of_unknown_length(
    loopback_settings, loopback_arxiv, cache
):
    settings = loopback_settings.model_copy(deep=True)
    settings.feeds.max_pdf_mb = 0.1
    loopback_arxiv.script("/pdf/2203.00130v1", Reply.no_length())
    with pytest.raises(DownloadError, match=r"larger than the 0.1 MB limit"):
        download_pdf("2203.00130", 1, settings, PoliteClient(settings.feeds), cache)
    assert list(cache.iterdir()) == [] and len(loopback_arxiv.requests) == 1


def test_a_pdf_cut_short_without_content_length_is_not_cached(
    loopback_settings, loopback_arxiv, client, cache
):
    cut = len(_original(loopback_arxiv, "2304.02623v1")) // 2
    loopback_arxiv.script("/pdf/2304.02623v1", Reply.no_length(after_bytes=cut))
    with pytest.raises(DownloadError, match=rf"2304.02623v1: .* incomplete PDF \({cut} bytes"):
        download_pdf("2304.02623", 1, loopback_settings, client, cache)
    assert list(cache.iterdir()) == []
    path = download_pdf("2304.02623", 1, loopback_settings, client, cache)
    assert path.read_bytes() == _original(loopback_arxiv, "2304.02623v1")


def test_missing_paper_is_a_clear_error(loopback_settings, loopback_arxiv, client, cache):
    with pytest.raises(DownloadError, match=r"/pdf/2401.00001v1: HTTP 404"):
        download_pdf("2401.00001v1", None, loopback_settings, client, cache)
    assert list(cache.iterdir()) == [] and len(loopback_arxiv.requests) == 1

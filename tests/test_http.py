"""The polite client against a real HTTP server on 127.0.0.1 (tests/loopback.py)."""

from __future__ import annotations

import logging
import socket
import threading
import time
from datetime import UTC, datetime, timedelta
from email.utils import format_datetime

import pytest
from loopback import Reply

from kb.arxiv_client import HostUnreachableError, PoliteClient
from kb.config import FeedSettings
from kb.errors import DownloadError
from kb.http import retry_after_s


def _settings(server, **overrides) -> FeedSettings:
    values = {
        **server.feed_urls(),
        "delay_s": 0.03,
        "backoff_s": 0.02,
        "timeout_s": 1.0,
        "max_retries": 3,
        "max_retry_after_s": 2.0,
    }
    return FeedSettings(**{**values, **overrides})


def _recording_client(settings: FeedSettings) -> tuple[PoliteClient, list[float]]:
    """A client whose waits are recorded (and really slept: the server measures them)."""
    waits: list[float] = []

    def sleep(seconds: float) -> None:
        waits.append(seconds)
        time.sleep(seconds)

    return PoliteClient(settings, sleep=sleep), waits


def test_requests_to_one_host_are_spaced_by_delay(loopback_arxiv):
    settings = _settings(loopback_arxiv, delay_s=0.05)
    client = PoliteClient(settings)
    for category in ["cs.AI", "cs.LG", "cs.CV", "cs.RO", "cs.AI"]:
        assert client.get(f"{loopback_arxiv.url}/rss/{category}").status == 200
    gaps = loopback_arxiv.gaps("/rss/")
    assert len(gaps) == 4
    assert min(gaps) >= 0.05 - 0.003  # measured on the server's clock
    assert loopback_arxiv.hits()[0].header("User-Agent") == settings.user_agent


def test_threads_share_the_pause_and_never_overlap(loopback_arxiv):
    """Six requests from three threads: one connection at a time, each start delay_s apart."""
    settings = _settings(loopback_arxiv, delay_s=0.04)
    client = PoliteClient(settings)
    errors: list[BaseException] = []

    def worker(category: str) -> None:
        try:
            for _ in range(2):
                client.get(f"{loopback_arxiv.url}/rss/{category}")
        except BaseException as exc:  # surfaced by the assert below
            errors.append(exc)

    threads = [threading.Thread(target=worker, args=(c,)) for c in ("cs.AI", "cs.LG", "cs.CV")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=10)
    assert not errors
    gaps = loopback_arxiv.gaps()
    assert len(gaps) == 5 and min(gaps) >= 0.04 - 0.003


def test_503_with_retry_after_waits_as_asked_then_succeeds(loopback_arxiv):
    loopback_arxiv.script("/rss/cs.AI", Reply.status(503, retry_after="0.3"))
    client, waits = _recording_client(_settings(loopback_arxiv))
    response = client.get(f"{loopback_arxiv.url}/rss/cs.AI")
    assert response.body == loopback_arxiv.rss["cs.AI"].read_bytes()
    assert [r.reply for r in loopback_arxiv.hits("/rss/cs.AI")] == ["status", "ok"]
    assert waits[0] == pytest.approx(0.3)
    assert loopback_arxiv.gaps()[0] >= 0.3 - 0.003


def test_429_with_retry_after_likewise(loopback_arxiv):
    loopback_arxiv.script("/api/query", Reply.status(429, retry_after="0.2"))
    client, waits = _recording_client(_settings(loopback_arxiv))
    response = client.get(f"{loopback_arxiv.url}/api/query?search_query=all:x&max_results=5")
    assert response.status == 200 and response.body.count(b"<entry>") == 5
    assert len(loopback_arxiv.hits("/api/query")) == 2
    assert waits == [pytest.approx(0.2)]
    assert loopback_arxiv.gaps()[0] >= 0.2 - 0.003


def test_retry_after_as_http_date():
    now = datetime(2025, 12, 2, 12, 0, 0, tzinfo=UTC)
    later = format_datetime(now + timedelta(seconds=90), usegmt=True)
    assert retry_after_s(later, now=now.timestamp()) == pytest.approx(90)
    assert (
        retry_after_s(format_datetime(now - timedelta(seconds=5), usegmt=True), now.timestamp())
        == 0
    )
    assert retry_after_s("7") == 7 and retry_after_s("soon") is None and retry_after_s(None) is None


def test_without_retry_after_the_backoff_doubles(loopback_arxiv):
    loopback_arxiv.script("/rss/cs.LG", *[Reply.status(502)] * 3)
    client, waits = _recording_client(_settings(loopback_arxiv, backoff_s=0.02))
    assert client.get(f"{loopback_arxiv.url}/rss/cs.LG").status == 200
    retry_waits = [w for w in waits if w >= 0.02 - 1e-9]
    assert retry_waits[:3] == [pytest.approx(0.02), pytest.approx(0.04), pytest.approx(0.08)]
    assert len(loopback_arxiv.hits("/rss/cs.LG")) == 4


def test_gives_up_after_max_retries_naming_the_url(loopback_arxiv):
    loopback_arxiv.script("/rss/cs.CV", *[Reply.status(503, retry_after="0")] * 10)
    url = f"{loopback_arxiv.url}/rss/cs.CV"
    with pytest.raises(DownloadError) as info:
        PoliteClient(_settings(loopback_arxiv, max_retries=2)).get(url)
    assert str(info.value) == f"{url}: failed after 3 attempts (HTTP 503)"
    assert len(loopback_arxiv.hits("/rss/cs.CV")) == 3  # bounded: no request storm
    assert min(loopback_arxiv.gaps()) >= 0.03 - 0.003  # even Retry-After: 0 keeps the pause


def test_retry_after_longer_than_the_limit_gives_up_at_once(loopback_arxiv):
    loopback_arxiv.script("/rss/cs.RO", Reply.status(429, retry_after="3600"))
    client, waits = _recording_client(_settings(loopback_arxiv))
    with pytest.raises(DownloadError, match=r"rss/cs.RO: HTTP 429, server asked to wait 3600 s"):
        client.get(f"{loopback_arxiv.url}/rss/cs.RO")
    assert not waits  # no sleep at all: neither the hour asked nor a backoff
    assert len(loopback_arxiv.hits()) == 1


def test_client_errors_are_not_retried(loopback_arxiv):
    with pytest.raises(DownloadError, match=r"/rss/cs.XX: HTTP 404"):
        PoliteClient(_settings(loopback_arxiv)).get(f"{loopback_arxiv.url}/rss/cs.XX")
    assert len(loopback_arxiv.hits()) == 1


def test_unreachable_host_fails_fast_with_a_hint():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # closed when the block ends: nothing listens there
    settings = FeedSettings(delay_s=0.01, backoff_s=0.5, max_retries=3)
    client, waits = _recording_client(settings)
    with pytest.raises(HostUnreachableError) as info:
        client.get(f"http://127.0.0.1:{port}/rss/cs.AI")
    message = str(info.value)
    assert message.startswith(f"arXiv is unreachable (http://127.0.0.1:{port}/rss/cs.AI: ")
    assert message.endswith("check the network or use --feed-file/--source demo")
    assert not waits  # no backoff when the host was never reached


def test_a_hang_times_out_then_the_retry_succeeds(loopback_arxiv, caplog):
    loopback_arxiv.script("/rss/cs.AI", Reply.hang(2.0))
    client = PoliteClient(_settings(loopback_arxiv, timeout_s=0.3))
    with caplog.at_level(logging.WARNING, logger="kb.http"):
        assert client.get(f"{loopback_arxiv.url}/rss/cs.AI").status == 200
    assert [r.reply for r in loopback_arxiv.hits()] == ["hang", "ok"]
    retries = [r.getMessage() for r in caplog.records if "retry 1 of 3" in r.getMessage()]
    assert len(retries) == 1 and "timed out after 0.3 s" in retries[0]


def test_timeouts_every_time_end_in_a_clear_error(loopback_arxiv):
    loopback_arxiv.script("/rss/cs.AI", Reply.hang(2.0), Reply.hang(2.0))
    url = f"{loopback_arxiv.url}/rss/cs.AI"
    with pytest.raises(DownloadError, match=r"failed after 2 attempts \(timed out after 0.2 s\)"):
        PoliteClient(_settings(loopback_arxiv, timeout_s=0.2, max_retries=1)).get(url)


def test_connection_reset_mid_body_then_success(loopback_arxiv):
    pdf = loopback_arxiv.pdfs["2304.02623v1"].read_bytes()
    assert len(pdf) > 100_000
    loopback_arxiv.script("/pdf/2304.02623v1", Reply.reset(100_000))
    response = PoliteClient(_settings(loopback_arxiv)).get(f"{loopback_arxiv.url}/pdf/2304.02623v1")
    assert response.body == pdf
    assert [r.reply for r in loopback_arxiv.hits()] == ["reset", "ok"]


def test_short_body_is_detected_and_retried(loopback_arxiv):
    feed = loopback_arxiv.rss["cs.LG"].read_bytes()
    assert len(feed) > 5000
    loopback_arxiv.script("/rss/cs.LG", Reply.truncate(5000), Reply.truncate(10))
    client, waits = _recording_client(_settings(loopback_arxiv))
    assert client.get(f"{loopback_arxiv.url}/rss/cs.LG").body == feed
    assert len(loopback_arxiv.hits()) == 3


@pytest.mark.parametrize("interval_s", [0.1, 0.5], ids=["under-timeout", "over-timeout"])
def test_slow_drip_hits_the_timeout(loopback_arxiv, interval_s):
    """8 bytes every 0.1 s never trips a 0.3 s socket timeout; the throughput floor does."""
    loopback_arxiv.script("/rss/cs.CV", Reply.drip(interval_s), Reply.drip(interval_s))
    settings = _settings(loopback_arxiv, timeout_s=0.3, max_retries=1)
    with pytest.raises(DownloadError, match=r"failed after 2 attempts \(timed out"):
        PoliteClient(settings).get(f"{loopback_arxiv.url}/rss/cs.CV")
    hits = loopback_arxiv.hits()
    assert len(hits) == 2
    # each attempt was abandoned after a few drips, not read to the end of the feed
    assert all(0 < hit.sent_bytes < 200 for hit in hits), [hit.sent_bytes for hit in hits]

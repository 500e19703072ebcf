"""Polite HTTP for arXiv: a pause between requests, bounded retries with backoff that honour
Retry-After, timeouts, and errors that name the URL."""

from __future__ import annotations

import logging
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path

from kb.config import FeedSettings
from kb.errors import DownloadError
from kb.faults import checkpoint

log = logging.getLogger(__name__)
RETRY_STATUSES = {429, 500, 502, 503, 504}


@dataclass
class Response:
    """A finished response: status, headers and body (or the file the body went to)."""

    status: int
    headers: dict[str, str]
    body: bytes = b""
    url: str = ""
    path: Path | None = None


@dataclass
class PoliteClient:
    """One client per run: keeps ``delay_s`` between requests to the same host."""

    settings: FeedSettings
    sleep: Callable[[float], None] = time.sleep
    clock: Callable[[], float] = time.monotonic
    _last: dict[str, float] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def _wait_turn(self, host: str) -> None:
        with self._lock:
            last = self._last.get(host)
            if last is not None:
                wait = self.settings.delay_s - (self.clock() - last)
                if wait > 0:
                    self.sleep(wait)
            self._last[host] = self.clock()

    def _retry_wait(self, attempt: int, retry_after: str | None) -> float:
        backoff = self.settings.backoff_s * (2**attempt)
        if retry_after:
            try:
                return max(0.0, float(retry_after))
            except ValueError:
                try:
                    return max(0.0, parsedate_to_datetime(retry_after).timestamp() - time.time())
                except (TypeError, ValueError):
                    pass
        return backoff

    def get(self, url: str, headers: dict[str, str] | None = None, max_bytes: int | None = None,
            stream_to: Path | None = None) -> Response:  # fmt: skip
        """GET with politeness and retries.

        Raises:
            DownloadError: arXiv unreachable, too many failures, a non-retryable status, or a
                body larger than ``max_bytes``.
        """
        host = urllib.parse.urlsplit(url).netloc
        last_error = "no attempt"
        for attempt in range(self.settings.max_retries + 1):
            self._wait_turn(host)
            extra = dict(headers or {})
            offset = stream_to.stat().st_size if stream_to is not None and stream_to.exists() else 0
            if offset:  # resume what an earlier attempt (or run) already wrote
                extra["Range"] = f"bytes={offset}-"
            request = urllib.request.Request(
                url, headers={"User-Agent": self.settings.user_agent, **extra}
            )
            retry_after = None
            try:
                with urllib.request.urlopen(request, timeout=self.settings.timeout_s) as resp:
                    status = resp.status
                    resp_headers = {k.lower(): v for k, v in resp.headers.items()}
                    if stream_to is not None and status != 206:
                        stream_to.write_bytes(b"")  # Range ignored or not asked: start over
                    body = self._read(resp, url, max_bytes, stream_to)
                    if stream_to is not None:
                        return Response(status, resp_headers, b"", url, stream_to)
                    return Response(status, resp_headers, body, url)
            except urllib.error.HTTPError as exc:
                if exc.code not in RETRY_STATUSES:
                    raise DownloadError(f"{url}: HTTP {exc.code} {exc.reason}") from None
                retry_after = exc.headers.get("Retry-After")
                last_error = f"HTTP {exc.code}"
            except DownloadError:
                raise
            except urllib.error.URLError as exc:
                reason = exc.reason
                if isinstance(reason, ConnectionRefusedError) or "Name or service" in str(reason):
                    raise DownloadError(
                        f"arXiv is unreachable ({url}: {reason}); check the network, or run "
                        "offline with --feed-file / --source demo"
                    ) from None
                last_error = f"connection error: {reason}"
            except (TimeoutError, ConnectionError, OSError) as exc:
                last_error = f"{type(exc).__name__}: {exc}"
            if attempt == self.settings.max_retries:
                break
            wait = self._retry_wait(attempt, retry_after)
            if wait > self.settings.max_retry_after_s:
                raise DownloadError(
                    f"{url}: server asked to wait {wait:.0f} s (limit "
                    f"{self.settings.max_retry_after_s:.0f} s); giving up for now"
                )
            log.warning("%s: %s; retry %d in %.1f s", url, last_error, attempt + 1, wait)
            self.sleep(wait)
        raise DownloadError(
            f"{url}: failed after {self.settings.max_retries + 1} attempts ({last_error})"
        )

    def _read(self, resp, url: str, max_bytes: int | None, stream_to: Path | None) -> bytes:
        chunks: list[bytes] = []
        total = stream_to.stat().st_size if stream_to is not None and stream_to.exists() else 0
        received = 0
        handle = open(stream_to, "ab") if stream_to is not None else None  # noqa: SIM115
        try:
            while True:
                block = resp.read(1 << 16)
                if not block:
                    break
                total += len(block)
                received += len(block)
                if max_bytes is not None and total > max_bytes:
                    raise DownloadError(f"{url}: larger than the {max_bytes // 1_000_000} MB limit")
                if handle:
                    handle.write(block)
                    checkpoint("download_part")
                else:
                    chunks.append(block)
        finally:
            if handle:
                handle.close()
        expected = resp.headers.get("Content-Length")
        if expected and received != int(expected):
            raise ConnectionError(f"body cut short ({received} of {expected} bytes)")
        return b"".join(chunks)

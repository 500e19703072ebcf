"""Polite HTTP for arXiv: one request at a time per host, a pause between requests, bounded
retries with backoff that honour Retry-After, timeouts, and errors that name the URL."""

from __future__ import annotations

import errno
import http.client
import logging
import re
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from kb.config import FeedSettings, Settings
from kb.errors import DownloadError
from kb.faults import checkpoint

log = logging.getLogger(__name__)

RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})
# A body that trickles in slower than this is treated as a timeout (a per-read socket timeout
# alone never fires when a server sends one byte just before each timeout).
MIN_BYTES_PER_S = 1024.0
_CHUNK_BYTES = 1 << 16
_UNREACHABLE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")


def feed_settings(settings: Settings | FeedSettings) -> FeedSettings:
    """The ``[feeds]`` section, whether given the whole Settings or the section itself."""
    return settings.feeds if isinstance(settings, Settings) else settings


@dataclass
class Response:
    """A finished response: status, headers (lower-case names) and body, or the file it went to."""

    status: int
    headers: dict[str, str]
    body: bytes = b""
    url: str = ""
    path: Path | None = None

    def header(self, name: str, default: str | None = None) -> str | None:
        """One header value by case-insensitive name."""
        return self.headers.get(name.lower(), default)


class HostUnreachableError(DownloadError):
    """The host could not be reached at all (DNS failure, connection refused, no route)."""


class _Retryable(Exception):
    """A failure worth another attempt (the message says what happened)."""

    def __init__(self, cause: str, retry_after: str | None = None) -> None:
        super().__init__(cause)
        self.retry_after = retry_after


class _Final(DownloadError):
    """A failure no retry can fix; ``drop_part`` says whether a partial file is worthless."""

    def __init__(self, message: str, drop_part: bool = True) -> None:
        super().__init__(message)
        self.drop_part = drop_part


@dataclass
class _Transfer:
    """Where one attempt's body goes: memory, or a file (appended to when resuming)."""

    stream_to: Path | None
    offset: int = 0
    chunks: list[bytes] = field(default_factory=list)


def retry_after_s(value: str | None, now: float | None = None) -> float | None:
    """Seconds asked by a Retry-After header (delta seconds or an HTTP date); None if unreadable."""
    if not value:
        return None
    text = value.strip()
    try:
        return max(0.0, float(text))
    except ValueError:
        pass
    try:
        when = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    if when is None:
        return None
    return max(0.0, when.timestamp() - (time.time() if now is None else now))


def _unreachable(reason: object) -> bool:
    """True for errors that mean the host cannot be reached at all (DNS, refused, no route)."""
    if isinstance(reason, (socket.gaierror, ConnectionRefusedError)):
        return True
    return isinstance(reason, OSError) and reason.errno in _UNREACHABLE_ERRNOS


class PoliteClient:
    """One client per run, shared by threads: the pause and retry policy of ``FeedSettings``.

    Requests to one host are serialised (arXiv asks for one connection at a time) and each
    starts at least ``delay_s`` after the previous one ended; ``sleep`` and ``clock`` can be
    replaced to observe the waits.
    """

    def __init__(
        self,
        settings: FeedSettings | Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        min_bytes_per_s: float = MIN_BYTES_PER_S,
    ) -> None:
        self.settings = feed_settings(settings)
        self.sleep = sleep
        self.clock = clock
        self.min_bytes_per_s = min_bytes_per_s
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._last_done: dict[str, float] = {}
        self._reached: set[str] = set()

    # -- politeness -------------------------------------------------------------------------
    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _wait_turn(self, host: str) -> None:
        """Sleep until ``delay_s`` has passed since the last request to ``host`` ended."""
        last = self._last_done.get(host)
        if last is not None:
            wait = self.settings.delay_s - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)

    def _retry_wait(self, url: str, attempt: int, failure: _Retryable) -> float:
        """Seconds to wait before the next attempt; raises when the server asks too much."""
        limit = self.settings.max_retry_after_s
        asked = retry_after_s(failure.retry_after)
        if asked is not None:
            if asked > limit:
                raise DownloadError(
                    f"{url}: {failure}, server asked to wait {asked:.0f} s (more than "
                    f"feeds.max_retry_after_s = {limit:g} s); giving up, try again later"
                )
            return asked
        return min(self.settings.backoff_s * (2**attempt), limit)

    # -- requests ---------------------------------------------------------------------------
    def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        stream_to: Path | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """GET ``url`` politely, retrying what is worth retrying.

        Args:
            url: the address to fetch.
            headers: extra request headers.
            stream_to: write the body to this file instead of memory. When it already holds
                bytes (an interrupted download) they are kept and only the rest is asked for
                with a Range request; a server that ignores Range makes the file start over.
            max_bytes: the largest body accepted (counting bytes already in ``stream_to``).

        Returns:
            The response; its ``body`` is empty and ``path`` set when ``stream_to`` was given.

        Raises:
            DownloadError: the host is unreachable, a status no retry can fix, a Retry-After
                longer than ``max_retry_after_s``, a body over ``max_bytes``, or every attempt
                failed (the message names the URL and the last cause). After a cut transfer
                ``stream_to`` keeps its bytes so a later call resumes; otherwise it is removed.
        """
        host = urllib.parse.urlsplit(url).netloc
        attempts = self.settings.max_retries + 1
        with self._host_lock(host):
            for attempt in range(attempts):
                self._wait_turn(host)
                try:
                    try:
                        return self._attempt(url, host, headers or {}, stream_to, max_bytes)
                    finally:
                        # Counting the pause from the end of a request keeps it even when a
                        # response was slow, however long the transfer took.
                        self._last_done[host] = self.clock()
                except _Final as exc:
                    if stream_to is not None and exc.drop_part:
                        stream_to.unlink(missing_ok=True)
                    raise
                except _Retryable as failure:
                    if attempt + 1 == attempts:
                        raise DownloadError(
                            f"{url}: failed after {attempts} attempt{'s' if attempts > 1 else ''} "
                            f"({failure})"
                        ) from None
                    wait = self._retry_wait(url, attempt, failure)
                    log.warning(
                        "%s: %s; retry %d of %d in %.2f s",
                        url, failure, attempt + 1, attempts - 1, wait,
                    )  # fmt: skip
                    if wait > 0:
                        self.sleep(wait)
        raise AssertionError("unreachable")  # pragma: no cover - the loop returns or raises

    def _attempt(
        self,
        url: str,
        host: str,
        headers: dict[str, str],
        stream_to: Path | None,
        max_bytes: int | None,
    ) -> Response:
        """One request; failures become _Retryable or _Final."""
        transfer = _Transfer(stream_to)
        sent = {"User-Agent": self.settings.user_agent, **headers}
        if stream_to is not None and stream_to.exists():
            transfer.offset = stream_to.stat().st_size
            if transfer.offset:
                sent["Range"] = f"bytes={transfer.offset}-"
        request = urllib.request.Request(url, headers=sent)
        try:
            with urllib.request.urlopen(request, timeout=self.settings.timeout_s) as resp:
                self._reached.add(host)
                return self._receive(resp, url, transfer, max_bytes)
        except urllib.error.HTTPError as exc:
            self._reached.add(host)
            return self._http_error(exc, url, transfer)
        except urllib.error.URLError as exc:
            reason = exc.reason
            if _unreachable(reason) and host not in self._reached:
                # Never reached in this run: the network or the host is down, fail fast.
                raise HostUnreachableError(
                    f"arXiv is unreachable ({url}: {reason}): check the network or use "
                    "--feed-file/--source demo"
                ) from exc
            if isinstance(reason, TimeoutError):
                raise _Retryable(
                    f"timed out connecting after {self.settings.timeout_s:g} s"
                ) from None
            raise _Retryable(f"connection error: {reason}") from None
        except TimeoutError:
            raise _Retryable(f"timed out after {self.settings.timeout_s:g} s") from None
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            raise _Retryable(f"{type(exc).__name__}: {exc or 'connection closed'}") from None

    def _http_error(self, exc: urllib.error.HTTPError, url: str, transfer: _Transfer) -> Response:
        """Turn an error status into a retry, a restart (416) or a final error."""
        exc.close()  # the error body is not needed; free the connection
        if exc.code in RETRY_STATUSES:
            raise _Retryable(f"HTTP {exc.code}", exc.headers.get("Retry-After"))
        if exc.code == 416 and transfer.offset and transfer.stream_to is not None:
            # Our partial file does not fit the server's copy: start over on the next attempt.
            transfer.stream_to.unlink(missing_ok=True)
            raise _Retryable("HTTP 416 for the resumed range; starting over")
        raise _Final(f"{url}: HTTP {exc.code} {exc.reason}")

    def _receive(
        self, resp: http.client.HTTPResponse, url: str, transfer: _Transfer, max_bytes: int | None
    ) -> Response:
        """Read the body into memory or the file, checking size, progress and completeness."""
        status = resp.status
        resp_headers = {k.lower(): v for k, v in resp.headers.items()}
        final_url = resp.geturl() or url
        handle: BinaryIO | None = None
        if transfer.stream_to is not None:
            resumed = status == 206 and self._resume_ok(resp_headers, transfer, url)
            if transfer.offset and not resumed:
                log.info("%s: server sent the whole file (HTTP %d); starting over", url, status)
            if not resumed:
                transfer.offset = 0
            transfer.stream_to.parent.mkdir(parents=True, exist_ok=True)
            handle = open(transfer.stream_to, "ab" if resumed else "wb")  # noqa: SIM115
        try:
            self._copy_body(resp, resp_headers, url, transfer, max_bytes, handle)
        finally:
            if handle is not None:
                handle.close()
        if transfer.stream_to is not None:
            return Response(status, resp_headers, b"", final_url, transfer.stream_to)
        return Response(status, resp_headers, b"".join(transfer.chunks), final_url)

    def _resume_ok(self, headers: dict[str, str], transfer: _Transfer, url: str) -> bool:
        """True when a 206 continues exactly where our partial file ends."""
        match = _CONTENT_RANGE.match(headers.get("content-range", ""))
        if match and int(match.group(1)) == transfer.offset:
            return True
        log.warning("%s: unexpected Content-Range %r", url, headers.get("content-range"))
        assert transfer.stream_to is not None
        transfer.stream_to.unlink(missing_ok=True)
        raise _Retryable("server resumed at the wrong offset; starting over")

    def _copy_body(
        self,
        resp: http.client.HTTPResponse,
        headers: dict[str, str],
        url: str,
        transfer: _Transfer,
        max_bytes: int | None,
        handle: BinaryIO | None,
    ) -> None:
        """Copy the body block by block; the limits are checked as bytes arrive."""
        expected = _int_or_none(headers.get("content-length"))
        limit_mb = f"{max_bytes / 1_000_000:g} MB" if max_bytes is not None else ""
        announced = transfer.offset + expected if expected is not None else None
        if max_bytes is not None and announced is not None and announced > max_bytes:
            raise _Final(
                f"{url}: {announced / 1_000_000:.1f} MB, over the "
                f"{limit_mb} limit (feeds.max_pdf_mb)"
            )
        received = 0
        window_start, window_bytes = self.clock(), 0
        window_s = self.settings.timeout_s
        while True:
            block = resp.read1(_CHUNK_BYTES)
            if not block:
                break
            received += len(block)
            if max_bytes is not None and transfer.offset + received > max_bytes:
                raise _Final(f"{url}: larger than the {limit_mb} limit (feeds.max_pdf_mb)")
            if handle is not None:
                handle.write(block)
                checkpoint("download_part")
            else:
                transfer.chunks.append(block)
            window_bytes += len(block)
            elapsed = self.clock() - window_start
            if elapsed >= window_s:
                if window_bytes < self.min_bytes_per_s * elapsed:
                    raise _Retryable(
                        f"timed out: body trickling at {window_bytes / elapsed:.0f} B/s "
                        f"(under {self.min_bytes_per_s:g} B/s for {elapsed:.1f} s)"
                    )
                window_start, window_bytes = self.clock(), 0
        if expected is not None and received != expected:
            raise _Retryable(f"body cut short ({received} of {expected} bytes)")


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None

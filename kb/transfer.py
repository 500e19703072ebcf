"""One transfer: where its body goes, how it fails, and reading it (into memory or a file,
resumed at an offset, within a size cap and above a throughput floor)."""

from __future__ import annotations

import http.client
import logging
import re
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import BinaryIO

from kb.faults import checkpoint

log = logging.getLogger(__name__)

_CHUNK_BYTES = 1 << 16
_CONTENT_RANGE = re.compile(r"bytes\s+(\d+)-(\d+)/(\d+|\*)")


class HTTPFailure(Exception):
    """A request that failed for good; ``kind`` says how, the rest is for the message.

    Kinds: ``unreachable`` (the host was never reached), ``status`` (an error status),
    ``retry_after`` (the server asked for a longer wait than the policy allows),
    ``timeout``, ``connection``, ``too_large`` (``cause`` holds the sizes).
    """

    def __init__(
        self,
        kind: str,
        url: str,
        cause: str,
        *,
        status: int = 0,
        reason: str = "",
        body: bytes = b"",
        retry_after: float | None = None,
    ) -> None:
        super().__init__(f"{url}: {cause}")
        self.kind, self.url, self.cause = kind, url, cause
        self.status, self.reason, self.body = status, reason, body
        self.retry_after = retry_after
        self.attempts = 1
        self.exhausted = False  # every attempt the policy allows failed

    @property
    def drop_part(self) -> bool:
        """True when a partial download is worthless (a later call must not resume it)."""
        return self.kind in ("status", "too_large")


class Retryable(Exception):
    """A failure worth another attempt when the policy allows (its message says what)."""

    def __init__(self, failure: HTTPFailure) -> None:
        super().__init__(failure.cause)
        self.failure = failure


@dataclass
class Transfer:
    """Where one attempt's body goes: memory, or a file (appended to when resuming)."""

    stream_to: Path | None
    offset: int = 0
    chunks: list[bytes] = field(default_factory=list)


def retry_after_s(value: str | None, now: float | None = None) -> float | None:
    """Seconds asked by a Retry-After header (seconds, fractions too, or an HTTP date).

    None when absent or unreadable; a date before ``now`` (default: the clock) gives 0.
    """
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
    return None if when is None else max(0.0, when.timestamp() - (now or time.time()))


def _retry(url: str, kind: str, cause: str) -> Retryable:
    return Retryable(HTTPFailure(kind, url, cause))


def _too_large(url: str, cause: str) -> HTTPFailure:
    return HTTPFailure("too_large", url, cause)


def resumed_from(headers: dict[str, str], transfer: Transfer, url: str) -> bool:
    """True when a 206 continues exactly where our partial file ends; else start over."""
    match = _CONTENT_RANGE.match(headers.get("content-range", ""))
    if match and int(match.group(1)) == transfer.offset:
        return True
    log.warning("%s: unexpected Content-Range %r", url, headers.get("content-range"))
    assert transfer.stream_to is not None
    transfer.stream_to.unlink(missing_ok=True)
    raise _retry(url, "connection", "server resumed at the wrong offset; starting over")


def _int_or_none(text: str | None) -> int | None:
    try:
        return int(text) if text is not None else None
    except ValueError:
        return None


def copy_body(
    resp: http.client.HTTPResponse,
    headers: dict[str, str],
    url: str,
    transfer: Transfer,
    max_bytes: int | None,
    handle: BinaryIO | None,
    floor: tuple[Callable[[], float], float, float],
) -> None:
    """Copy the body block by block; the limits are checked as bytes arrive.

    ``floor`` is (clock, window_s, min_bytes_per_s): fewer bytes than that in a window is a
    timeout, however regularly they come.
    """
    clock, window_s, min_bytes_per_s = floor
    expected = _int_or_none(headers.get("content-length"))
    limit_mb = f"{max_bytes / 1_000_000:g} MB" if max_bytes is not None else ""
    announced = transfer.offset + expected if expected is not None else None
    if max_bytes is not None and announced is not None and announced > max_bytes:
        raise _too_large(url, f"{announced / 1_000_000:.1f} MB, over the {limit_mb} limit")
    received = 0
    window_start, window_bytes = clock(), 0
    while True:
        block = resp.read1(_CHUNK_BYTES)
        if not block:
            break
        received += len(block)
        if max_bytes is not None and transfer.offset + received > max_bytes:
            raise _too_large(url, f"larger than the {limit_mb} limit")
        if handle is not None:
            handle.write(block)
            checkpoint("download_part")
        else:
            transfer.chunks.append(block)
        window_bytes += len(block)
        elapsed = clock() - window_start
        if elapsed >= window_s:
            if window_bytes < min_bytes_per_s * elapsed:
                raise _retry(url, "timeout", (
                    f"timed out: body trickling at {window_bytes / elapsed:.0f} B/s "
                    f"(under {min_bytes_per_s:g} B/s for {elapsed:.1f} s)"
                ))  # fmt: skip
            window_start, window_bytes = clock(), 0
    if expected is not None and received != expected:
        raise _retry(url, "connection", f"body cut short ({received} of {expected} bytes)")

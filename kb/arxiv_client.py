"""``PoliteClient``: the HTTP transport as arXiv asks to be used, with errors worded for it.

arXiv asks for one connection at a time and a pause between requests; the pause, retries and
timeouts come from ``[feeds]``. Failures become ``DownloadError`` naming the URL and the cause.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

from kb.config import FeedSettings, Settings
from kb.errors import DownloadError
from kb.http import MIN_BYTES_PER_S, Response, RetryPolicy, Transport
from kb.transfer import HTTPFailure

ARXIV_RETRY_STATUSES = frozenset({429, 500, 502, 503, 504})


def feed_settings(settings: Settings | FeedSettings) -> FeedSettings:
    """The ``[feeds]`` section, whether given the whole Settings or the section itself."""
    return settings.feeds if isinstance(settings, Settings) else settings


class HostUnreachableError(DownloadError):
    """The host could not be reached at all (DNS failure, connection refused, no route)."""


class PoliteClient(Transport):
    """The transport with the pause and retry policy of ``FeedSettings``; errors for arXiv.

    arXiv asks for one connection at a time and a pause between requests: both hold across
    threads sharing one client.
    """

    def __init__(
        self,
        settings: FeedSettings | Settings,
        *,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        min_bytes_per_s: float = MIN_BYTES_PER_S,
    ) -> None:
        feeds = feed_settings(settings)
        policy = RetryPolicy(
            retries=feeds.max_retries, backoff_s=feeds.backoff_s,
            max_retry_after_s=feeds.max_retry_after_s, statuses=ARXIV_RETRY_STATUSES,
        )  # fmt: skip
        super().__init__(
            policy, timeout_s=feeds.timeout_s, user_agent=feeds.user_agent, delay_s=feeds.delay_s,
            sleep=sleep, clock=clock, min_bytes_per_s=min_bytes_per_s,
        )  # fmt: skip
        self.settings = feeds

    def get(
        self,
        url: str,
        *,
        headers: dict[str, str] | None = None,
        stream_to: Path | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """GET ``url`` politely (see ``Transport.request``).

        Raises:
            HostUnreachableError: the host was never reached in this run.
            DownloadError: a status no retry can fix, a Retry-After longer than
                ``max_retry_after_s``, a body over ``max_bytes``, or every attempt failed (the
                message names the URL and the last cause).
        """
        try:
            return self.request(url, headers=headers, stream_to=stream_to, max_bytes=max_bytes)
        except HTTPFailure as failure:
            raise self._download_error(failure) from failure.__cause__

    def _download_error(self, failure: HTTPFailure) -> DownloadError:
        url, cause, attempts = failure.url, failure.cause, failure.attempts
        if failure.kind == "unreachable":
            return HostUnreachableError(
                f"arXiv is unreachable ({url}: {cause}): check the network or use "
                "--feed-file/--source demo"
            )
        if failure.kind == "retry_after":
            limit = self.settings.max_retry_after_s
            return DownloadError(
                f"{url}: {cause}, server asked to wait {failure.retry_after:.0f} s (more than "
                f"feeds.max_retry_after_s = {limit:g} s); giving up, try again later"
            )
        if failure.kind == "too_large":
            return DownloadError(f"{url}: {cause} (feeds.max_pdf_mb)")
        if failure.exhausted:
            return DownloadError(
                f"{url}: failed after {attempts} attempt{'s' if attempts > 1 else ''} ({cause})"
            )
        return DownloadError(f"{url}: HTTP {failure.status} {failure.reason}")

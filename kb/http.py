"""The one HTTP transport of arxiv-kb (arXiv and OpenAI-compatible endpoints alike).

Retries are tenacity's: a bounded number of attempts, exponential backoff, or the wait a
server asks for in Retry-After. What is ours: one request at a time per host with a pause
between requests, resuming a cut download with a Range request, a cap on the body size, and a
throughput floor that turns a body trickling in byte by byte into a timeout. Failures are
``HTTPFailure`` records; each caller words them (``kb.arxiv_client.PoliteClient`` for arXiv,
the LLM backend for its endpoint).
"""

from __future__ import annotations

import errno
import http.client
import logging
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import tenacity

from kb.transfer import (
    HTTPFailure,
    Retryable,
    Transfer,
    copy_body,
    resumed_from,
    retry_after_s,
)

log = logging.getLogger(__name__)

# A body that trickles in slower than this is treated as a timeout (a per-read socket timeout
# alone never fires when a server sends one byte just before each timeout).
MIN_BYTES_PER_S = 1024.0
_ERROR_BODY_BYTES = 4096
_UNREACHABLE_ERRNOS = {errno.ENETUNREACH, errno.EHOSTUNREACH, errno.ENETDOWN, errno.EHOSTDOWN}


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


@dataclass(frozen=True)
class RetryPolicy:
    """When another attempt is made, and how long to wait before it."""

    retries: int
    backoff_s: float
    max_retry_after_s: float
    statuses: frozenset[int]
    retry_failures: bool = True  # timeouts, resets and cut bodies; else only ``statuses``


def _unreachable(reason: object) -> bool:
    """True for errors that mean the host cannot be reached at all (DNS, refused, no route)."""
    if isinstance(reason, (socket.gaierror, ConnectionRefusedError)):
        return True
    return isinstance(reason, OSError) and reason.errno in _UNREACHABLE_ERRNOS


class _WaitAsked(tenacity.wait.wait_base):
    """The Retry-After of the failure when it gave one, else exponential backoff."""

    def __init__(self, policy: RetryPolicy) -> None:
        self.backoff = tenacity.wait_exponential(
            multiplier=policy.backoff_s, exp_base=2, min=0, max=policy.max_retry_after_s
        )

    def __call__(self, retry_state: tenacity.RetryCallState) -> float:
        error = retry_state.outcome.exception() if retry_state.outcome else None
        asked = error.failure.retry_after if isinstance(error, Retryable) else None
        return asked if asked is not None else self.backoff(retry_state)


class Transport:
    """One per endpoint family and run, shared by threads.

    Requests to one host are serialised and each starts at least ``delay_s`` after the
    previous one ended; ``sleep`` and ``clock`` can be replaced to observe the waits.
    """

    def __init__(
        self,
        policy: RetryPolicy,
        *,
        timeout_s: float,
        user_agent: str,
        delay_s: float = 0.0,
        sleep: Callable[[float], None] = time.sleep,
        clock: Callable[[], float] = time.monotonic,
        min_bytes_per_s: float = MIN_BYTES_PER_S,
    ) -> None:
        self.policy = policy
        self.timeout_s = timeout_s
        self.user_agent = user_agent
        self.delay_s = delay_s
        self.sleep = sleep
        self.clock = clock
        self.min_bytes_per_s = min_bytes_per_s
        self._lock = threading.Lock()
        self._host_locks: dict[str, threading.Lock] = {}
        self._last_done: dict[str, float] = {}
        self._reached: set[str] = set()

    def _host_lock(self, host: str) -> threading.Lock:
        with self._lock:
            return self._host_locks.setdefault(host, threading.Lock())

    def _wait_turn(self, host: str) -> None:
        """Sleep until ``delay_s`` has passed since the last request to ``host`` ended."""
        last = self._last_done.get(host)
        if last is not None:
            wait = self.delay_s - (self.clock() - last)
            if wait > 0:
                self.sleep(wait)

    def _log_retry(self, retry_state: tenacity.RetryCallState) -> None:
        error = retry_state.outcome.exception() if retry_state.outcome else None
        wait = retry_state.next_action.sleep if retry_state.next_action else 0.0
        url = retry_state.kwargs.get("url", "")
        log.warning(
            "%s: %s; retry %d of %d in %.2f s",
            url, error, retry_state.attempt_number, self.policy.retries, wait,
        )  # fmt: skip

    def _retrying(self) -> tenacity.Retrying:
        """Attempts as the policy says: retryable failures again, after the asked wait."""
        return tenacity.Retrying(
            stop=tenacity.stop_after_attempt(self.policy.retries + 1),
            wait=_WaitAsked(self.policy),
            retry=tenacity.retry_if_exception_type(Retryable),
            sleep=self.sleep,
            before_sleep=self._log_retry,
            reraise=True,
        )

    def request(
        self,
        url: str,
        *,
        data: bytes | None = None,
        headers: dict[str, str] | None = None,
        stream_to: Path | None = None,
        max_bytes: int | None = None,
    ) -> Response:
        """GET (or POST ``data`` to) ``url``, retrying what the policy says is worth it.

        Args:
            url: the address.
            data: a request body (makes it a POST).
            headers: extra request headers.
            stream_to: write the body to this file instead of memory. When it already holds
                bytes (an interrupted download) they are kept and only the rest is asked for
                with a Range request; a server that ignores Range makes the file start over.
            max_bytes: the largest body accepted (counting bytes already in ``stream_to``).

        Returns:
            The response; its ``body`` is empty and ``path`` set when ``stream_to`` was given.

        Raises:
            HTTPFailure: the request failed for good (``attempts`` says how many were made).
                After a cut transfer ``stream_to`` keeps its bytes so a later call resumes;
                otherwise it is removed.
        """
        host = urllib.parse.urlsplit(url).netloc
        retrying = self._retrying()
        sent = {"User-Agent": self.user_agent, **(headers or {})}
        with self._host_lock(host):
            try:
                return retrying(
                    self._attempt, url=url, host=host, data=data, headers=sent,
                    stream_to=stream_to, max_bytes=max_bytes,
                )  # fmt: skip
            except Retryable as last:  # every attempt failed: a cut download stays to resume
                raise self._exhausted(last) from None
            except HTTPFailure as failure:
                if stream_to is not None and failure.drop_part:
                    stream_to.unlink(missing_ok=True)
                raise

    def _attempt(self, **request: object) -> Response:
        """One exchange after the host's pause; the pause counts from its end."""
        host = str(request["host"])
        self._wait_turn(host)
        try:
            return self._exchange(**request)  # type: ignore[arg-type]
        finally:
            # Counting the pause from the end of a request keeps it even when a response was
            # slow, however long the transfer took.
            self._last_done[host] = self.clock()

    def _exhausted(self, last: Retryable) -> HTTPFailure:
        """The last failure once every attempt the policy allows was made."""
        last.failure.attempts = self.policy.retries + 1
        last.failure.exhausted = True
        return last.failure

    @staticmethod
    def _fail(failure: HTTPFailure, retry: bool) -> Retryable | HTTPFailure:
        return Retryable(failure) if retry else failure

    def _exchange(
        self,
        url: str,
        host: str,
        data: bytes | None,
        headers: dict[str, str],
        stream_to: Path | None,
        max_bytes: int | None,
    ) -> Response:
        """One request; failures become Retryable or HTTPFailure."""
        transfer = Transfer(stream_to)
        headers = dict(headers)
        if stream_to is not None and stream_to.exists():
            transfer.offset = stream_to.stat().st_size
            if transfer.offset:
                headers["Range"] = f"bytes={transfer.offset}-"
        request = urllib.request.Request(url, data=data, headers=headers)
        resp = self._urlopen(request, url, host, transfer)
        with resp:
            try:
                return self._receive(resp, url, transfer, max_bytes)
            except Retryable as cut:  # a body cut short, trickling or resumed wrongly
                raise self._fail(cut.failure, self.policy.retry_failures) from None
            except (ConnectionError, http.client.HTTPException, OSError) as exc:
                raise self._transport_error(exc, url) from None

    def _urlopen(
        self, request: urllib.request.Request, url: str, host: str, transfer: Transfer
    ) -> http.client.HTTPResponse:
        """Open one request; failures become Retryable or HTTPFailure."""
        failures = self.policy.retry_failures
        try:
            resp = urllib.request.urlopen(request, timeout=self.timeout_s)
            self._reached.add(host)
            return resp
        except urllib.error.HTTPError as exc:
            self._reached.add(host)
            raise self._status_error(exc, url, transfer) from None
        except urllib.error.URLError as exc:
            reason = exc.reason
            if isinstance(reason, TimeoutError):
                cause = f"timed out connecting after {self.timeout_s:g} s"
                raise self._fail(HTTPFailure("timeout", url, cause), failures) from None
            if _unreachable(reason) and host not in self._reached:
                # Never reached in this run: the network or the host is down, fail fast.
                raise HTTPFailure("unreachable", url, str(reason)) from exc
            cause = f"connection error: {reason}"
            raise self._fail(HTTPFailure("connection", url, cause), failures) from None
        except (ConnectionError, http.client.HTTPException, OSError) as exc:
            raise self._transport_error(exc, url) from None

    def _transport_error(self, exc: BaseException, url: str) -> Retryable | HTTPFailure:
        """A timeout or broken connection (opening or reading) as a retry or a failure."""
        if isinstance(exc, TimeoutError):
            failure = HTTPFailure("timeout", url, f"timed out after {self.timeout_s:g} s")
        else:
            cause = f"{type(exc).__name__}: {exc or 'connection closed'}"
            failure = HTTPFailure("connection", url, cause)
        return self._fail(failure, self.policy.retry_failures)

    def open(
        self, url: str, *, data: bytes | None = None, headers: dict[str, str] | None = None
    ) -> http.client.HTTPResponse:
        """Open ``url`` with the same retries as ``request`` and return the live response,
        for a body read as it arrives (server-sent events); the caller closes it.

        Raises:
            HTTPFailure: opening failed for good.
        """
        host = urllib.parse.urlsplit(url).netloc
        sent = {"User-Agent": self.user_agent, **(headers or {})}

        def attempt(url: str) -> http.client.HTTPResponse:
            request = urllib.request.Request(url, data=data, headers=sent)
            return self._urlopen(request, url, host, Transfer(None))

        try:
            return self._retrying()(attempt, url=url)
        except Retryable as last:
            raise self._exhausted(last) from None

    def _status_error(
        self, exc: urllib.error.HTTPError, url: str, transfer: Transfer
    ) -> Retryable | HTTPFailure:
        """An error status as a retry, a restart (416) or a final failure."""
        try:
            body = exc.read(_ERROR_BODY_BYTES)
        except (OSError, http.client.HTTPException):
            body = b""
        finally:
            exc.close()  # free the connection
        asked = retry_after_s(exc.headers.get("Retry-After"))
        failure = HTTPFailure(
            "status", url, f"HTTP {exc.code}", status=exc.code, reason=str(exc.reason),
            body=body, retry_after=asked,
        )  # fmt: skip
        if exc.code in self.policy.statuses:
            if asked is not None and asked > self.policy.max_retry_after_s:
                failure.kind = "retry_after"
                return failure
            return Retryable(failure)
        if exc.code == 416 and transfer.offset and transfer.stream_to is not None:
            # Our partial file does not fit the server's copy: start over on the next attempt.
            transfer.stream_to.unlink(missing_ok=True)
            return Retryable(HTTPFailure("status", url, "HTTP 416 for the resumed range; "
                                         "starting over", status=416))  # fmt: skip
        return failure

    def _receive(
        self, resp: http.client.HTTPResponse, url: str, transfer: Transfer, max_bytes: int | None
    ) -> Response:
        """Read the body into memory or the file, checking size, progress and completeness."""
        status = resp.status
        resp_headers = {k.lower(): v for k, v in resp.headers.items()}
        final_url = resp.geturl() or url
        handle = None
        if transfer.stream_to is not None:
            resumed = status == 206 and resumed_from(resp_headers, transfer, url)
            if transfer.offset and not resumed:
                log.info("%s: server sent the whole file (HTTP %d); starting over", url, status)
            if not resumed:
                transfer.offset = 0
            transfer.stream_to.parent.mkdir(parents=True, exist_ok=True)
            handle = open(transfer.stream_to, "ab" if resumed else "wb")  # noqa: SIM115
        try:
            floor = (self.clock, self.timeout_s, self.min_bytes_per_s)
            copy_body(resp, resp_headers, url, transfer, max_bytes, handle, floor)
        finally:
            if handle is not None:
                handle.close()
        if transfer.stream_to is not None:
            return Response(status, resp_headers, b"", final_url, transfer.stream_to)
        return Response(status, resp_headers, b"".join(transfer.chunks), final_url)

"""Retries for a send: tenacity with exponential waits, attempts counted, secrets redacted."""

from __future__ import annotations

import logging
from collections.abc import Callable, Iterable
from typing import TypeVar

from tenacity import (
    RetryCallState,
    Retrying,
    retry_if_exception,
    stop_after_attempt,
    wait_exponential,
)

from kb.config_delivery import DeliverySettings
from kb.errors import KBError

log = logging.getLogger(__name__)
T = TypeVar("T")


class DeliveryError(KBError):
    """A send that failed for good: the reason (secrets removed) and the attempts made."""

    def __init__(self, message: str, attempts: int = 1) -> None:
        super().__init__(message)
        self.attempts = attempts


def redact(text: str, secrets: Iterable[str | None]) -> str:
    """``text`` with every secret replaced by ``***``."""
    for secret in secrets:
        if secret:
            text = text.replace(secret, "***")
    return text


def send_with_retries(
    send: Callable[[], T],
    settings: DeliverySettings,
    is_transient: Callable[[BaseException], bool],
    what: str,
    secrets: Iterable[str | None] = (),
) -> tuple[T, int]:
    """Call ``send`` until it succeeds, retrying passing failures; returns (result, attempts).

    Waits ``retry_wait_s`` before the first retry, doubling each time, ``retries`` times at
    most. A failure that no retry can fix (``is_transient`` false) stops at once.

    Raises:
        DeliveryError: the last failure, named after ``what``, with secrets removed.
    """
    hidden = [s for s in secrets if s]
    attempts = 0

    def attempt() -> T:
        nonlocal attempts
        attempts += 1
        return send()

    def before_sleep(state: RetryCallState) -> None:
        exc = state.outcome.exception() if state.outcome else None
        log.warning(
            "%s: attempt %d failed (%s); retrying in %.1f s",
            what, state.attempt_number, redact(_describe(exc), hidden),
            state.next_action.sleep if state.next_action else 0.0,
        )  # fmt: skip

    retrying = Retrying(
        stop=stop_after_attempt(settings.retries + 1),
        wait=wait_exponential(multiplier=settings.retry_wait_s, min=settings.retry_wait_s),
        retry=retry_if_exception(is_transient),
        before_sleep=before_sleep,
        reraise=True,
    )
    try:
        return retrying(attempt), attempts
    except DeliveryError as exc:
        raise DeliveryError(redact(str(exc), hidden), attempts) from exc
    except Exception as exc:
        reason = redact(_describe(exc), hidden)
        raise DeliveryError(f"{what}: {reason} (after {attempts} attempts)", attempts) from exc


def _describe(exc: BaseException | None) -> str:
    if exc is None:
        return "unknown error"
    text = str(exc).strip()
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__

"""Delivering a day's digest on every configured channel, recording each outcome in DuckDB.

A failed send is recorded (``kb deliver --retry-failed`` resends it) and never touches the
report; a day without announcements is skipped unless ``delivery.empty_days`` is true.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import date
from typing import Any

import duckdb

from kb.config import Settings
from kb.db import Database
from kb.delivery.digest import Digest, build_digest
from kb.delivery.retry import DeliveryError
from kb.errors import ConfigError, KBError
from kb.records import DeliveryRecord
from kb.reports import load_report

log = logging.getLogger(__name__)

CHANNELS = ("email", "webhook")


def configured_channels(settings: Settings) -> list[str]:
    """The channels whose settings are filled in."""
    delivery = settings.delivery
    return [c for c, on in (("email", delivery.email.configured),
                            ("webhook", delivery.webhook.configured)) if on]  # fmt: skip


def digest_of(settings: Settings, data: dict[str, Any]) -> Digest:
    """A report's JSON as the digest the settings ask for (language, title, site URL)."""
    site = settings.delivery.site
    return build_digest(data, settings.report.language, site.title, site.base_url)


def _target(settings: Settings, channel: str) -> str:
    if channel == "email":
        return ", ".join(settings.delivery.email.to)
    from kb.delivery.webhook import redact_url, webhook_url

    try:
        return redact_url(webhook_url(settings.delivery.webhook))
    except ConfigError:
        return "(no URL)"


def _send(settings: Settings, channel: str, digest: Digest) -> DeliveryRecord:
    target = _target(settings, channel)
    try:
        if channel == "email":
            from kb.delivery.message import build_message
            from kb.delivery.smtp import send_email

            detail, attempts = send_email(build_message(digest, settings.delivery.email),
                                          settings.delivery)  # fmt: skip
        else:
            from kb.delivery.webhook import build_payload, post_webhook

            detail, attempts = post_webhook(build_payload(digest, settings.delivery.webhook),
                                            settings.delivery)  # fmt: skip
    except DeliveryError as exc:
        log.error("%s %s: %s", digest.day, channel, exc)
        return DeliveryRecord(digest.day, channel, target, "failed", exc.attempts, str(exc))
    except KBError as exc:  # settings that cannot work: no retry would help
        log.error("%s %s: %s", digest.day, channel, exc)
        return DeliveryRecord(digest.day, channel, target, "failed", 0, str(exc))
    log.info("%s %s: sent to %s (%s)", digest.day, channel, target, detail)
    return DeliveryRecord(digest.day, channel, target, "sent", attempts, detail)


def _sent_channels(settings: Settings, day: date) -> set[str]:
    try:
        with Database.open(settings.db_path) as db:
            return {r.channel for r in db.deliveries(day) if r.status == "sent"}
    except (KBError, duckdb.Error) as exc:
        log.warning("could not read earlier deliveries of %s: %s", day, exc)
        return set()


def _store(settings: Settings, records: Sequence[DeliveryRecord]) -> None:
    try:
        with Database.open(settings.db_path) as db, db.transaction():
            for record in records:
                db.record_delivery(record)
    except (KBError, duckdb.Error) as exc:  # the outcome is still returned and printed
        log.error("could not record deliveries in %s: %s", settings.db_path, exc)


def deliver_digest(
    settings: Settings,
    data: dict[str, Any],
    channels: Sequence[str] | None = None,
    skip_sent: bool = False,
) -> list[DeliveryRecord]:
    """Send a report's digest on the channels given (default: every configured one).

    ``skip_sent`` leaves out channels that already delivered this day (a second ``kb daily``
    of the same day sends nothing twice); ``kb deliver`` resends regardless.

    Raises:
        ConfigError: no channel is configured, or a requested one is not.
    """
    available = configured_channels(settings)
    wanted = list(channels or available)
    if not wanted:
        raise ConfigError(
            "nothing to deliver to: set [delivery.email] host and to, or [delivery.webhook] url"
        )
    missing = [c for c in wanted if c not in available]
    if missing:
        raise ConfigError(f"not configured: {', '.join(missing)} (see [delivery] in kb.toml)")
    digest = digest_of(settings, data)
    done = _sent_channels(settings, digest.day) if skip_sent else set()
    records = []
    for channel in wanted:
        if channel in done:
            log.info("%s %s: already sent; not sent again", digest.day, channel)
            continue
        if digest.empty and not settings.delivery.empty_days:
            records.append(DeliveryRecord(
                digest.day, channel, _target(settings, channel), "skipped", 0,
                "no announcements that day (delivery.empty_days = false)",
            ))  # fmt: skip
            continue
        records.append(_send(settings, channel, digest))
    _store(settings, records)
    return records


def deliver_day(
    settings: Settings, day: date | None = None, channels: Sequence[str] | None = None
) -> list[DeliveryRecord]:
    """Send (again) the digest of a day's report (the latest when ``day`` is None).

    Raises:
        NotFoundError: there is no report for that day.
        ConfigError: see ``deliver_digest``.
    """
    return deliver_digest(settings, load_report(settings, day), channels)


def failed_deliveries(settings: Settings) -> list[DeliveryRecord]:
    """The (day, channel) pairs whose last attempt failed, newest day first."""
    with Database.open(settings.db_path) as db:
        return [r for r in db.latest_deliveries() if r.status == "failed"]


def delivery_log(
    settings: Settings, day: date | None = None, limit: int = 50
) -> list[DeliveryRecord]:
    """Recorded deliveries, newest first."""
    with Database.open(settings.db_path) as db:
        return db.deliveries(day, limit)

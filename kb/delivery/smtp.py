"""Sending the digest email over SMTP: plain, STARTTLS or implicit TLS, with login, retried.

The password is read from the environment variable named by ``password_env`` at send time;
it is never logged, stored, or put in an error message.
"""

from __future__ import annotations

import ipaddress
import os
import smtplib
import ssl
from email.message import EmailMessage

from kb.config_delivery import DeliverySettings, EmailSettings
from kb.delivery.retry import send_with_retries
from kb.errors import ConfigError


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def smtp_password(settings: EmailSettings) -> str | None:
    """The password from the environment (None without a login).

    Raises:
        ConfigError: a login is configured but the variable is unset, or the login would
            cross the network unencrypted.
    """
    if not settings.user:
        return None
    if settings.security == "none" and not _is_loopback(settings.host):
        raise ConfigError(
            f"delivery.email: logging in to {settings.host} without encryption would send the "
            'password in clear; use security = "starttls" or "ssl"'
        )
    password = os.environ.get(settings.password_env)
    if not password:
        raise ConfigError(
            f"delivery.email.user is set but the environment variable "
            f"{settings.password_env} (delivery.email.password_env) is empty"
        )
    return password


def tls_context(settings: EmailSettings) -> ssl.SSLContext:
    """Certificate-checking TLS, trusting ``ca_file`` when given (else the system store)."""
    cafile = str(settings.ca_file) if settings.ca_file else None
    try:
        return ssl.create_default_context(cafile=cafile)
    except (OSError, ssl.SSLError) as exc:
        raise ConfigError(f"delivery.email.ca_file {cafile}: {exc}") from exc


def is_transient(exc: BaseException) -> bool:
    """True for failures a later attempt may not meet: lost connections, 4xx replies."""
    if isinstance(exc, smtplib.SMTPAuthenticationError | smtplib.SMTPNotSupportedError):
        return False
    if isinstance(exc, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _ in exc.recipients.values())
    if isinstance(exc, smtplib.SMTPResponseException):
        return 400 <= exc.smtp_code < 500
    if isinstance(exc, ssl.SSLCertVerificationError | ConfigError):
        return False
    return isinstance(exc, smtplib.SMTPException | OSError)


def _send_once(
    message: EmailMessage, settings: EmailSettings, password: str | None, context: ssl.SSLContext
) -> str:
    host, port, timeout = settings.host, settings.effective_port, settings.timeout_s
    if settings.security == "ssl":
        client: smtplib.SMTP = smtplib.SMTP_SSL(host, port, timeout=timeout, context=context)
    else:
        client = smtplib.SMTP(host, port, timeout=timeout)
    with client:
        if settings.security == "starttls":
            client.starttls(context=context)
        if settings.user:
            client.login(settings.user, password or "")
        refused = client.send_message(message, to_addrs=list(settings.to))
    if refused:
        return f"accepted for {len(settings.to) - len(refused)} of {len(settings.to)}: " + (
            "; ".join(f"{addr} refused ({code})" for addr, (code, _) in refused.items())
        )
    return f"accepted for {len(settings.to)} recipient(s)"


def send_email(message: EmailMessage, delivery: DeliverySettings) -> tuple[str, int]:
    """Send the message to ``delivery.email.to``; returns (server outcome, attempts).

    Raises:
        ConfigError: the settings cannot work (no password, bad CA file).
        DeliveryError: the server failed for good (after retries when the failure passes).
    """
    settings = delivery.email
    password = smtp_password(settings)
    context = tls_context(settings)
    what = f"email to {settings.host}:{settings.effective_port}"
    return send_with_retries(
        lambda: _send_once(message, settings, password, context),
        delivery,
        is_transient,
        what,
        secrets=[password],
    )

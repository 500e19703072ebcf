"""The digest email as a MIME message: plain text and HTML alternatives of the same digest."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import formatdate, make_msgid

from kb.config_delivery import EmailSettings
from kb.delivery.digest import Digest, fill
from kb.delivery.render import email_html, email_text
from kb.errors import ConfigError


def sender_address(settings: EmailSettings) -> str:
    """The From address: ``sender``, else the login name when it is an address."""
    sender = settings.sender or (settings.user if "@" in settings.user else "")
    if not sender:
        raise ConfigError("delivery.email.sender is empty (and user is not an address)")
    return sender


def build_message(digest: Digest, settings: EmailSettings) -> EmailMessage:
    """A multipart/alternative message (text/plain, then text/html) for the recipients.

    Raises:
        ConfigError: no sender or no recipient is configured.
    """
    if not settings.to:
        raise ConfigError("delivery.email.to lists no recipient")
    sender = sender_address(settings)
    message = EmailMessage()
    subject = settings.subject or f"{digest.heading}: {digest.matched_line}"
    message["Subject"] = " ".join(fill(subject, digest.values()).split())
    message["From"] = sender
    message["To"] = ", ".join(settings.to)
    message["Date"] = formatdate(localtime=True)
    domain = sender.rsplit("@", 1)[-1].strip(" >") if "@" in sender else None
    message["Message-ID"] = make_msgid("arxiv-kb", domain=domain or None)
    message["Auto-Submitted"] = "auto-generated"  # RFC 3834: no vacation replies to a digest
    message["X-Arxiv-Kb-Day"] = digest.day.isoformat()
    message.set_content(email_text(digest), subtype="plain", charset="utf-8")
    message.add_alternative(email_html(digest), subtype="html", charset="utf-8")
    return message

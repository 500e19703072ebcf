"""The ``[delivery]`` settings: email, chat webhook, static site (part of ``kb.config``)."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator

from kb.errors import ConfigError

# Keys that would hold a secret; refused so that a password never lands in kb.toml.
SECRET_KEYS = frozenset({"password", "pass", "secret", "token", "api_key", "key"})


def _refuse_secret(data: Any, section: str, env_field: str) -> Any:
    """A secret written into the settings is refused (it would end up in backups and commits)."""
    if isinstance(data, dict) and SECRET_KEYS.intersection(k.lower() for k in data):
        raise ConfigError(
            f"a password cannot be a setting ([{section}] in kb.toml or a KB_ variable): put it "
            f"in the environment variable named by {section}.{env_field}"
        )
    return data


def _env_var_name(value: str, field: str) -> str:
    if value and not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", value):
        raise ConfigError(
            f"{field} must be the NAME of an environment variable, not the secret itself"
        )
    return value


class EmailSettings(BaseModel):
    """The daily digest by email (SMTP); configured when ``host`` and ``to`` are set."""

    model_config = ConfigDict(extra="forbid")

    host: str = Field(default="", description="SMTP server host name (empty: no email).")
    port: int | None = Field(
        default=None, ge=1, le=65535,
        description="SMTP port (default: 587 for starttls, 465 for ssl, 25 for none).",
    )  # fmt: skip
    security: Literal["none", "starttls", "ssl"] = Field(
        default="starttls",
        description="starttls: plain connection upgraded to TLS; ssl: TLS from the start "
        "(implicit TLS); none: no encryption (a relay on the same machine only).",
    )
    sender: str = Field(default="", description="From address, e.g. 'arxiv-kb <me@example.org>'.")
    to: list[str] = Field(default_factory=list, description="Recipient addresses.")
    user: str = Field(default="", description="SMTP login name (empty: no login).")
    password_env: str = Field(
        default="KB_SMTP_PASSWORD",
        description="Environment variable that holds the SMTP password (never stored).",
    )
    ca_file: Path | None = Field(
        default=None, description="CA bundle to trust for the server's certificate "
        "(default: the system's trust store).",
    )  # fmt: skip
    timeout_s: float = Field(default=30.0, gt=0, description="Timeout of one SMTP step.")
    subject: str = Field(
        default="",
        description="Subject line with {title} {date} {matched} {announced} filled in "
        "(default: 'arXiv digest - DATE: N papers', in the report's language).",
    )

    @model_validator(mode="before")
    @classmethod
    def _no_password(cls, data: Any) -> Any:
        return _refuse_secret(data, "delivery.email", "password_env")

    @field_validator("password_env")
    @classmethod
    def _password_env_name(cls, value: str) -> str:
        return _env_var_name(value, "delivery.email.password_env")

    @property
    def configured(self) -> bool:
        """True when there is a server and someone to write to."""
        return bool(self.host and self.to)

    @property
    def effective_port(self) -> int:
        """The port given, else the usual one for the security mode."""
        return self.port or {"starttls": 587, "ssl": 465, "none": 25}[self.security]


class WebhookSettings(BaseModel):
    """A short daily message posted to a chat webhook; configured when a URL is set."""

    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        default="", description="Incoming-webhook URL (Slack, Feishu, DingTalk, Discord...)."
    )
    url_env: str = Field(
        default="", description="Environment variable holding the URL instead (it is a secret)."
    )
    format: Literal["slack", "json"] = Field(
        default="slack",
        description="slack: Slack blocks with mrkdwn; json: the template below (or, without "
        "one, the digest as structured JSON).",
    )
    template: str = Field(
        default="",
        description='JSON body for format "json", with {title} {date} {text} {markdown} '
        '{matched} {announced} {url} filled into its strings, e.g. \'{"msgtype": "text", '
        '"text": {"content": "{text}"}}\' for DingTalk.',
    )
    max_chars: int | None = Field(
        default=None, ge=100, description="Cut {text} and {markdown} to this length (Discord 2000)."
    )
    max_papers: int = Field(default=20, ge=1, description="Paper lines in one message at most.")
    timeout_s: float = Field(default=20.0, gt=0, description="Timeout of one POST.")

    @field_validator("url_env")
    @classmethod
    def _url_env_name(cls, value: str) -> str:
        return _env_var_name(value, "delivery.webhook.url_env")

    @field_validator("template")
    @classmethod
    def _template_is_json(cls, value: str) -> str:
        if value.strip():
            try:
                json.loads(value)
            except ValueError as exc:
                raise ConfigError(f"delivery.webhook.template is not JSON: {exc}") from exc
        return value

    @property
    def configured(self) -> bool:
        """True when a URL (or the variable naming one) is set."""
        return bool(self.url or self.url_env)


class SiteSettings(BaseModel):
    """The static site and Atom feed written by ``kb site build``."""

    model_config = ConfigDict(extra="forbid")

    base_url: str = Field(
        default="",
        description="Public URL the site is served from (makes feed links absolute; "
        "also linked from emails and chat messages).",
    )
    title: str = Field(default="", description="Site and feed title (default: the report's).")
    feed_days: int = Field(default=60, ge=1, description="Newest days in the Atom feed.")


class DeliverySettings(BaseModel):
    """Where the daily digest goes: email, chat webhook, static site and feed."""

    model_config = ConfigDict(extra="forbid")

    empty_days: bool = Field(
        default=False,
        description="Deliver (and list on the site and feed) days without announcements too.",
    )
    retries: int = Field(default=3, ge=0, description="Retries of a failed send.")
    retry_wait_s: float = Field(
        default=10.0, ge=0, description="Wait before the first retry; doubles each retry."
    )
    email: EmailSettings = Field(default_factory=EmailSettings)
    webhook: WebhookSettings = Field(default_factory=WebhookSettings)
    site: SiteSettings = Field(default_factory=SiteSettings)

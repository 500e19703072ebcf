"""A short daily message to a chat webhook: Slack blocks, or JSON from a template (Feishu,
DingTalk, Discord, Teams...), posted with httpx and retried on passing failures."""

from __future__ import annotations

import json
import logging
import os
import urllib.parse
from typing import Any

import httpx

from kb.config_delivery import DeliverySettings, WebhookSettings
from kb.delivery.digest import Digest, DigestPaper, fill
from kb.delivery.retry import DeliveryError, send_with_retries
from kb.errors import ConfigError
from kb.textsafe import escape_markdown

# httpx logs every request line at INFO, URL included: a webhook URL is a secret.
for _name in ("httpx", "httpcore"):
    logging.getLogger(_name).setLevel(logging.WARNING)

SLACK_MAX_PAPERS = 45  # Slack takes 50 blocks; 5 are the header, counts, "more" and the link
SLACK_SECTION_CHARS = 3000
RETRY_STATUSES = frozenset({408, 425, 429, 500, 502, 503, 504})
# Chat services that answer HTTP 200 with an error code in the body (DingTalk, Feishu, Teams).
_ERROR_KEYS = ("errcode", "code", "StatusCode")


def webhook_url(settings: WebhookSettings) -> str:
    """The URL to post to: ``url``, or the value of the variable named by ``url_env``.

    Raises:
        ConfigError: neither gives an http(s) URL.
    """
    url = os.environ.get(settings.url_env, "") if settings.url_env else settings.url
    if urllib.parse.urlsplit(url).scheme not in ("http", "https"):
        where = f"${settings.url_env}" if settings.url_env else "delivery.webhook.url"
        raise ConfigError(f"{where} is not an http(s) URL")
    return url


def redact_url(url: str) -> str:
    """Scheme and host only: a webhook URL's path is its secret."""
    parts = urllib.parse.urlsplit(url)
    return f"{parts.scheme}://{parts.hostname}/…"


def _related_line(paper: DigestPaper, digest: Digest, markdown: bool) -> str | None:
    if not paper.related:
        return None
    first = paper.related[0]
    when = f" ({first.announced})" if first.announced else ""
    title = f"[{escape_markdown(first.title)}]({first.url})" if markdown else first.title
    tail = "" if markdown else f" {first.url}"
    return f"   {digest.t['related']}: {title}{when}{tail}"


def _paper_line(paper: DigestPaper, markdown: bool) -> str:
    scores = ", ".join(f"{m.profile} {m.score:.2f}" for m in paper.matches)
    if markdown:
        return f"{paper.number}. [{escape_markdown(paper.title)}]({paper.abs_url}) ({scores})"
    return f"{paper.number}. {paper.title} ({scores}) {paper.abs_url}"


def chat_text(digest: Digest, max_papers: int, markdown: bool = False) -> str:
    """The message as lines: heading, counts, one line per paper (and its nearest relative)."""
    heading = f"**{digest.heading}**" if markdown else digest.heading
    lines = [heading, digest.counts_line]
    if digest.empty:
        lines.append(digest.t["no_papers"])
    elif not digest.papers:
        lines.append(digest.t["no_matches"])
    for paper in digest.papers[:max_papers]:
        lines.append(_paper_line(paper, markdown))
        related = _related_line(paper, digest, markdown)
        if related:
            lines.append(related)
    hidden = len(digest.papers) - max_papers
    if hidden > 0:
        lines.append(digest.t["more_papers"].format(n=hidden))
    if digest.page_url:
        link = f"[{digest.t['read_online']}]({digest.page_url})" if markdown else digest.page_url
        lines.append(link if markdown else f"{digest.t['read_online']}: {link}")
    return "\n".join(lines)


def _cut(text: str, max_chars: int | None) -> str:
    if not max_chars or len(text) <= max_chars:
        return text
    kept = text[: max_chars - 1].rsplit("\n", 1)[0]
    return kept + "\n…"


def _slack(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _slack_link(url: str, label: str) -> str:
    return f"<{url}|{_slack(label)}>"


def slack_payload(digest: Digest, max_papers: int) -> dict[str, Any]:
    """Slack Block Kit: a header, the counts, one section per paper, a link to the site."""
    shown = min(max_papers, SLACK_MAX_PAPERS)
    blocks: list[dict[str, Any]] = [
        {"type": "header", "text": {"type": "plain_text", "text": digest.heading[:150]}},
        {"type": "context", "elements": [{"type": "mrkdwn", "text": _slack(digest.counts_line)}]},
    ]
    if digest.empty or not digest.papers:
        note = digest.t["no_papers"] if digest.empty else digest.t["no_matches"]
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": _slack(note)}})
    for paper in digest.papers[:shown]:
        scores = ", ".join(f"_{_slack(m.profile)}_ {m.score:.2f}" for m in paper.matches)
        text = f"*{paper.number}.* {_slack_link(paper.abs_url, paper.title)}  {scores}"
        if paper.related:
            r = paper.related[0]
            when = f" ({_slack(r.announced)})" if r.announced else ""
            text += f"\n↳ {_slack(digest.t['related'])}: {_slack_link(r.url, r.title)}{when}"
        section = {"type": "mrkdwn", "text": text[:SLACK_SECTION_CHARS]}
        blocks.append({"type": "section", "text": section})
    if len(digest.papers) > shown:
        more = digest.t["more_papers"].format(n=len(digest.papers) - shown)
        blocks.append({"type": "context", "elements": [{"type": "mrkdwn", "text": _slack(more)}]})
    if digest.page_url:
        link = _slack_link(digest.page_url, digest.t["read_online"])
        blocks.append({"type": "section", "text": {"type": "mrkdwn", "text": link}})
    return {"text": f"{digest.heading}: {digest.counts_line}", "blocks": blocks,
            "unfurl_links": False, "unfurl_media": False}  # fmt: skip


def _fill_json(node: Any, values: dict[str, Any]) -> Any:
    if isinstance(node, str):
        return fill(node, values)
    if isinstance(node, list):
        return [_fill_json(item, values) for item in node]
    if isinstance(node, dict):
        return {key: _fill_json(value, values) for key, value in node.items()}
    return node


def json_payload(digest: Digest, settings: WebhookSettings) -> dict[str, Any]:
    """The template with placeholders filled in (values land JSON-escaped in its strings);
    without a template, the digest as structured JSON."""
    values = {
        **digest.values(),
        "text": _cut(chat_text(digest, settings.max_papers), settings.max_chars),
        "markdown": _cut(chat_text(digest, settings.max_papers, True), settings.max_chars),
    }
    if settings.template.strip():
        return _fill_json(json.loads(settings.template), values)
    return {
        **values,
        "counts": digest.counts,
        "papers": [
            {
                "arxiv_id": p.versioned_id, "title": p.title, "url": p.abs_url,
                "pdf_url": p.pdf_url, "authors": p.authors,
                "matches": [{"profile": m.profile, "score": m.score, "reason": m.reason}
                            for m in p.matches],
                "summary": " ".join(f"{x.text} {x.marker}" for x in p.summary.sentences)
                if p.summary else "",
                "related": [{"arxiv_id": r.arxiv_id, "title": r.title, "url": r.url,
                             "announced": r.announced, "score": r.score, "why": r.why}
                            for r in p.related],
            }
            for p in digest.papers
        ],
    }  # fmt: skip


def build_payload(digest: Digest, settings: WebhookSettings) -> dict[str, Any]:
    """The body for the configured format."""
    if settings.format == "slack":
        return slack_payload(digest, settings.max_papers)
    return json_payload(digest, settings)


class _HTTPStatusError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status


def _check(response: httpx.Response, shown_url: str) -> str:
    if response.status_code >= 400:
        body = response.text[:200].strip()
        raise _HTTPStatusError(response.status_code, f"{shown_url} answered {response.status_code}"
                               f"{': ' + body if body else ''}")  # fmt: skip
    try:
        data = response.json()
    except ValueError:
        data = None
    if isinstance(data, dict):
        for key in _ERROR_KEYS:
            if isinstance(data.get(key), int) and data[key] != 0:
                raise DeliveryError(f"{shown_url} refused the message: {response.text[:200]}")
    return f"{response.status_code} {response.text[:80].strip()}".strip()


def is_transient(exc: BaseException) -> bool:
    """Timeouts, lost connections, 429 and 5xx answers are worth another try."""
    if isinstance(exc, _HTTPStatusError):
        return exc.status in RETRY_STATUSES
    return isinstance(exc, httpx.TransportError)


def post_webhook(payload: dict[str, Any], delivery: DeliverySettings) -> tuple[str, int]:
    """POST the payload as JSON; returns (the answer, attempts).

    Raises:
        ConfigError: no usable URL.
        DeliveryError: the service failed for good.
    """
    settings = delivery.webhook
    url = webhook_url(settings)
    shown = redact_url(url)

    def post() -> str:
        with httpx.Client(timeout=settings.timeout_s, follow_redirects=False) as client:
            return _check(client.post(url, json=payload), shown)

    return send_with_retries(post, delivery, is_transient, f"webhook {shown}", secrets=[url])

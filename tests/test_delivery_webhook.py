"""Chat delivery against a loopback HTTP server: Slack blocks, JSON templates (DingTalk,
Feishu, Discord), the structured digest, retries on 503, errors in a 200 body."""

from __future__ import annotations

import json
import logging
import threading
from collections import deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from test_delivery import EVIL_TITLE, make_report, write_report

from kb.cli import main
from kb.config import load_settings
from kb.db import Database
from kb.delivery.service import deliver_digest


class Hook:
    """A webhook receiver on 127.0.0.1: logs every POST, answers scripted replies, then 200."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.replies: deque[tuple[int, bytes]] = deque()
        self.lock = threading.Lock()
        hook = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                return

            def do_POST(self) -> None:  # noqa: N802 (http.server API)
                body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
                with hook.lock:
                    hook.posts.append({"path": self.path, "type": self.headers["Content-Type"],
                                       "body": json.loads(body)})  # fmt: skip
                    status, answer = hook.replies.popleft() if hook.replies else (200, b"ok")
                self.send_response(status)
                self.send_header("Content-Length", str(len(answer)))
                self.end_headers()
                self.wfile.write(answer)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}/services/T000/B000/XXXXSECRET"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> Hook:
        self.thread.start()
        return self

    def __exit__(self, *exc: Any) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture()
def hook():
    with Hook() as server:
        yield server


def hook_settings(url: str, **webhook: Any) -> Any:
    return load_settings(delivery={"retries": 2, "retry_wait_s": 0.01,
                                   "webhook": {"url": url, **webhook}})  # fmt: skip


def test_slack_blocks_one_line_per_paper(
    kb_home: Path, hook: Hook, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.DEBUG)
    settings = hook_settings(hook.url, format="slack")
    (record,) = deliver_digest(settings, make_report())
    assert "sent" in caplog.text and "XXXXSECRET" not in caplog.text  # no URL in the logs
    assert (record.status, record.attempts) == ("sent", 1)
    (post,) = hook.posts
    assert post["type"] == "application/json"
    body = post["body"]
    assert "2025-12-02" in body["text"] and body["blocks"][0]["type"] == "header"
    sections = [b["text"]["text"] for b in body["blocks"] if b["type"] == "section"]
    assert len(sections) == 3
    first = sections[0]
    # Slack's escaping: & < > only; a title cannot open a <!channel> mention or a link
    assert "&lt;script&gt;" in first and "<script>" not in first
    assert "<https://arxiv.org/abs/2512.05693v1|" in first
    assert "Related in your library" in first and "<https://arxiv.org/abs/2511.01234v2|" in first
    # the secret path of the URL is not recorded, only its host
    assert record.target == "http://127.0.0.1/…" and "XXXXSECRET" not in record.detail


def test_json_template_for_dingtalk(kb_home: Path, hook: Hook) -> None:
    template = (
        '{"msgtype": "markdown", "markdown": {"title": "{title} {date}", "text": "{markdown}"}}'
    )
    settings = hook_settings(hook.url, format="json", template=template)
    (record,) = deliver_digest(settings, make_report())
    assert record.status == "sent"
    body = hook.posts[0]["body"]
    assert body["msgtype"] == "markdown"
    assert body["markdown"]["title"] == "arXiv digest 2025-12-02"
    text = body["markdown"]["text"]
    assert "(https://arxiv.org/abs/2512.05693v1)" in text
    assert "<script>" not in text and "&lt;script&gt;" in text  # escaped as in the report


def test_discord_template_is_cut_to_its_limit(kb_home: Path, hook: Hook) -> None:
    data = make_report(papers=25)
    settings = hook_settings(hook.url, format="json", template='{"content": "{text}"}',
                             max_chars=400, max_papers=20)  # fmt: skip
    deliver_digest(settings, data)
    content = hook.posts[0]["body"]["content"]
    assert len(content) <= 400 and content.endswith("…")
    assert EVIL_TITLE in content  # plain text: the title as it is, inside a JSON string


def test_structured_json_without_template(kb_home: Path, hook: Hook) -> None:
    settings = hook_settings(hook.url, format="json")
    deliver_digest(settings, make_report())
    body = hook.posts[0]["body"]
    assert body["date"] == "2025-12-02" and body["matched"] == 3
    assert [p["arxiv_id"] for p in body["papers"]] == ["2512.05693v1", "2512.05694v2",
                                                      "2512.05695v1"]  # fmt: skip
    assert body["papers"][0]["related"][0]["arxiv_id"] == "2511.01234v2"
    assert "[p. 1]" in body["papers"][0]["summary"]


def test_503_is_retried_then_sent(kb_home: Path, hook: Hook) -> None:
    hook.replies.extend([(503, b"busy"), (503, b"busy")])
    (record,) = deliver_digest(hook_settings(hook.url), make_report())
    assert (record.status, record.attempts) == ("sent", 3) and len(hook.posts) == 3


def test_404_fails_at_once_and_error_in_200_body_fails(kb_home: Path, hook: Hook) -> None:
    hook.replies.append((404, b"no_service"))
    (record,) = deliver_digest(hook_settings(hook.url), make_report())
    assert (record.status, record.attempts) == ("failed", 1) and "404" in record.detail
    hook.replies.append((200, b'{"errcode": 310000, "errmsg": "keywords not in content"}'))
    (record,) = deliver_digest(hook_settings(hook.url, format="json"), make_report())
    assert record.status == "failed" and "keywords not in content" in record.detail
    assert "XXXXSECRET" not in record.detail


def test_url_from_environment_and_chinese(kb_home: Path, hook: Hook, monkeypatch) -> None:
    monkeypatch.setenv("KB_TEAM_HOOK", hook.url)
    settings = load_settings(report={"language": "zh"}, delivery={
        "webhook": {"url_env": "KB_TEAM_HOOK", "format": "json",
                    "template": '{"msg_type": "text", "content": {"text": "{text}"}}'}})  # fmt: skip
    (record,) = deliver_digest(settings, make_report())
    assert record.status == "sent"
    text = hook.posts[0]["body"]["content"]["text"]
    assert "arXiv论文监控报告" in text and "库中相关论文" in text and "匹配" in text


def test_bad_template_is_a_settings_error(kb_home: Path, tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text('[delivery.webhook]\nurl = "http://127.0.0.1:9/x"\nformat = "json"\n'
                      "template = '{\"text\": '\n", encoding="utf-8")  # fmt: skip
    result = CliRunner().invoke(main, ["deliver", "--config", str(config)])
    assert result.exit_code == 2 and "template is not JSON" in result.output


def test_cli_both_channels_and_one_at_a_time(kb_home: Path, hook: Hook, tmp_path: Path) -> None:
    settings = load_settings()
    write_report(settings, make_report())
    (tmp_path / "kb.toml").write_text(
        f'[delivery]\nretry_wait_s = 0\n[delivery.webhook]\nurl = "{hook.url}"\n', encoding="utf-8"
    )
    result = CliRunner().invoke(main, ["deliver", "--channel", "webhook"])
    assert result.exit_code == 0, result.output
    assert "webhook -> http://127.0.0.1/…: sent" in result.output
    missing = CliRunner().invoke(main, ["deliver", "--channel", "email"])
    assert missing.exit_code == 2 and "not configured: email" in missing.output
    with Database.open(settings.db_path) as db:
        assert [r.status for r in db.deliveries()] == ["sent"]

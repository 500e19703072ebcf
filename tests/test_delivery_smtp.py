"""Email delivery against a real SMTP server on 127.0.0.1 (aiosmtpd): plain, STARTTLS and
implicit TLS with a certificate made by trustme, login with the password from the
environment, retries on a failing server, records in DuckDB, and the password nowhere."""

from __future__ import annotations

import base64
import email
import json
import socket
import ssl
import threading
from dataclasses import dataclass, field
from email import policy
from pathlib import Path

import pytest
import trustme
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from click.testing import CliRunner
from test_delivery import make_report, parse_html, write_report

from kb.cli import main
from kb.config import load_settings
from kb.db import Database
from kb.delivery.service import deliver_digest

PASSWORD = "s3cret-Pa55-7f1e2d"
USER = "digest-bot"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@dataclass
class Handler:
    """Keeps every message; answers ``fail_codes`` (one per DATA) before accepting."""

    fail_codes: list[str] = field(default_factory=list)
    messages: list[email.message.EmailMessage] = field(default_factory=list)
    envelopes: list = field(default_factory=list)
    data_calls: int = 0
    logins: list[tuple[bytes, bytes]] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    async def handle_DATA(self, server, session, envelope) -> str:  # noqa: N802 (aiosmtpd API)
        with self.lock:
            self.data_calls += 1
            if self.fail_codes:
                return self.fail_codes.pop(0)
            self.envelopes.append(envelope)
            self.messages.append(email.message_from_bytes(envelope.content, policy=policy.default))
        return "250 OK"

    def authenticate(self, server, session, envelope, mechanism, auth_data) -> AuthResult:
        if isinstance(auth_data, LoginPassword):
            self.logins.append((auth_data.login, auth_data.password))
            ok = auth_data.login == USER.encode() and auth_data.password == PASSWORD.encode()
            return AuthResult(success=ok, handled=False)  # not handled: the server says 535
        return AuthResult(success=False, handled=False)


@pytest.fixture(scope="module")
def certs(tmp_path_factory: pytest.TempPathFactory) -> tuple[trustme.CA, Path]:
    """A throwaway CA, and its certificate as a file the client can trust."""
    ca = trustme.CA()
    path = tmp_path_factory.mktemp("ca") / "ca.pem"
    ca.cert_pem.write_to_path(str(path))
    return ca, path


def _server_context(ca: trustme.CA) -> ssl.SSLContext:
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    ca.issue_cert("127.0.0.1", "localhost").configure_cert(context)
    return context


def start_server(handler: Handler, mode: str = "none", ca: trustme.CA | None = None,
                 auth: bool = False) -> Controller:  # fmt: skip
    """An aiosmtpd server on a free loopback port, in the given security mode."""
    kwargs: dict = {}
    server_kwargs: dict = {}
    if mode == "ssl":
        kwargs["ssl_context"] = _server_context(ca)
    if mode == "starttls":
        server_kwargs.update(tls_context=_server_context(ca), require_starttls=True)
    if auth:
        # aiosmtpd advertises AUTH on implicit TLS only without auth_require_tls (it looks
        # for STARTTLS); the connection is encrypted from the start anyway
        server_kwargs.update(authenticator=handler.authenticate, auth_required=True,
                             auth_require_tls=mode == "starttls")  # fmt: skip
    controller = Controller(handler, hostname="127.0.0.1", port=_free_port(),
                            server_kwargs=server_kwargs, **kwargs)  # fmt: skip
    controller.start()
    return controller


def email_settings(port: int, mode: str = "none", ca_file: Path | None = None,
                   user: str = "", **delivery) -> dict:  # fmt: skip
    return {
        "retries": 2, "retry_wait_s": 0.01, **delivery,
        "email": {"host": "127.0.0.1", "port": port, "security": mode, "sender":
                  "arxiv-kb <digest@example.org>", "to": ["reader@example.org"], "user": user,
                  "ca_file": str(ca_file) if ca_file else None, "timeout_s": 5},
    }  # fmt: skip


def _records(settings) -> list:
    with Database.open(settings.db_path) as db:
        return db.deliveries()


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS")
@pytest.mark.parametrize("mode", ["none", "starttls", "ssl"])
def test_each_security_mode_with_login(mode: str, kb_home: Path, certs, monkeypatch) -> None:
    ca, ca_file = certs
    handler = Handler()
    controller = start_server(handler, mode, ca, auth=True)
    monkeypatch.setenv("KB_SMTP_PASSWORD", PASSWORD)
    try:
        settings = load_settings(delivery=email_settings(controller.port, mode, ca_file, USER))
        records = deliver_digest(settings, make_report())
    finally:
        controller.stop()
    assert [(r.channel, r.status, r.attempts) for r in records] == [("email", "sent", 1)]
    assert handler.logins == [(USER.encode(), PASSWORD.encode())]
    (message,) = handler.messages
    assert handler.envelopes[0].rcpt_tos == ["reader@example.org"]
    kinds = [part.get_content_type() for part in message.iter_parts()]
    assert kinds == ["text/plain", "text/html"]
    html = message.get_body(("html",)).get_content()
    assert "https://arxiv.org/pdf/2512.05693v1#page=1" in parse_html(html).hrefs
    assert _records(settings)[0].status == "sent"


def test_wrong_password_fails_once_and_never_shows_it(kb_home: Path, certs, monkeypatch) -> None:
    ca, ca_file = certs
    handler = Handler()
    controller = start_server(handler, "starttls", ca, auth=True)
    monkeypatch.setenv("KB_SMTP_PASSWORD", "wrong-" + PASSWORD)
    try:
        settings = load_settings(
            delivery=email_settings(controller.port, "starttls", ca_file, USER)
        )
        (record,) = deliver_digest(settings, make_report())
    finally:
        controller.stop()
    assert record.status == "failed" and record.attempts == 1  # 535 is final: no retry
    assert "535" in record.detail and PASSWORD not in record.detail
    assert not handler.messages


def test_untrusted_certificate_is_refused_without_retry(kb_home: Path, certs) -> None:
    ca, _ = certs
    handler = Handler()
    controller = start_server(handler, "ssl", ca)
    try:
        settings = load_settings(delivery=email_settings(controller.port, "ssl"))
        (record,) = deliver_digest(settings, make_report())
    finally:
        controller.stop()
    assert record.status == "failed" and record.attempts == 1
    assert "CERTIFICATE_VERIFY_FAILED" in record.detail and not handler.messages


def test_temporary_failures_are_retried_then_sent(kb_home: Path) -> None:
    handler = Handler(fail_codes=["451 4.3.0 try later", "421 4.3.2 busy"])
    controller = start_server(handler)
    try:
        settings = load_settings(delivery=email_settings(controller.port))
        (record,) = deliver_digest(settings, make_report())
    finally:
        controller.stop()
    assert (record.status, record.attempts) == ("sent", 3)
    assert handler.data_calls == 3 and len(handler.messages) == 1


def test_failing_server_is_recorded_then_resent_with_kb_deliver(kb_home: Path) -> None:
    handler = Handler(fail_codes=["451 4.3.0 try later"] * 3)
    controller = start_server(handler)
    try:
        settings = load_settings(delivery=email_settings(controller.port, retries=2))
        write_report(settings, make_report())
        config = kb_home.parent / "kb.toml"
        config.write_text(f"[delivery]\nretries = 2\nretry_wait_s = 0.01\n[delivery.email]\n"
                          f"host = \"127.0.0.1\"\nport = {controller.port}\nsecurity = \"none\"\n"
                          f"sender = \"d@example.org\"\nto = [\"reader@example.org\"]\n",
                          encoding="utf-8")  # fmt: skip
        first = CliRunner().invoke(main, ["deliver", "2025-12-02", "--json"])
        assert first.exit_code == 2, first.output
        (failed,) = json.loads(first.stdout)
        assert failed["status"] == "failed" and failed["attempts"] == 3
        assert handler.data_calls == 3 and not handler.messages
        # the server is fine again: resend what failed
        again = CliRunner().invoke(main, ["deliver", "--retry-failed", "--json"])
        assert again.exit_code == 0, again.output
        assert [r["status"] for r in json.loads(again.stdout)] == ["sent"]
        assert len(handler.messages) == 1
        listed = CliRunner().invoke(main, ["deliver", "--list", "--json"])
        assert [r["status"] for r in json.loads(listed.stdout)] == ["sent", "failed"]
        nothing = CliRunner().invoke(main, ["deliver", "--retry-failed"])
        assert nothing.exit_code == 0 and "nothing to resend" in nothing.output
    finally:
        controller.stop()
    # the report itself was never touched
    assert json.loads((settings.reports_dir / "2025-12-02.json").read_text())["day"] == "2025-12-02"


def test_unreachable_server_retries_then_records(kb_home: Path) -> None:
    settings = load_settings(delivery=email_settings(_free_port(), retries=3))
    (record,) = deliver_digest(settings, make_report())
    assert record.status == "failed" and record.attempts == 4
    assert "Connection refused" in record.detail or "ConnectionRefused" in record.detail


def test_empty_day_is_not_delivered_unless_asked(kb_home: Path) -> None:
    handler = Handler()
    controller = start_server(handler)
    empty = make_report(announced=0, papers=0)
    try:
        quiet = load_settings(delivery=email_settings(controller.port))
        (record,) = deliver_digest(quiet, empty)
        assert record.status == "skipped" and not handler.messages
        loud = load_settings(delivery=email_settings(controller.port, empty_days=True))
        (record,) = deliver_digest(loud, empty)
        assert record.status == "sent"
    finally:
        controller.stop()
    plain = handler.messages[0].get_body(("plain",)).get_content()
    assert "No announcements on this day" in plain


def test_login_needs_the_password_variable(kb_home: Path, monkeypatch) -> None:
    monkeypatch.delenv("KB_SMTP_PASSWORD", raising=False)
    settings = load_settings(delivery=email_settings(_free_port(), "starttls", user=USER))
    (record,) = deliver_digest(settings, make_report())
    assert record.status == "failed" and record.attempts == 0
    assert "KB_SMTP_PASSWORD" in record.detail


def test_a_password_in_the_settings_is_refused(kb_home: Path, tmp_path: Path) -> None:
    config = tmp_path / "secret.toml"
    config.write_text(f'[delivery.email]\nhost = "x"\npassword = "{PASSWORD}"\n', encoding="utf-8")
    result = CliRunner().invoke(main, ["deliver", "--config", str(config)])
    assert result.exit_code == 2 and "password_env" in result.output
    assert PASSWORD not in result.output


@pytest.mark.slow
def test_kb_daily_deliver_sends_one_message_per_day(kb_home: Path, certs, monkeypatch) -> None:
    """The contract: kb daily --deliver -> one message naming every matched paper; a second
    run of the same day sends nothing twice; the password is in no log, file or DuckDB."""
    ca, ca_file = certs
    handler = Handler()
    controller = start_server(handler, "starttls", ca, auth=True)
    monkeypatch.setenv("KB_SMTP_PASSWORD", PASSWORD)
    config = kb_home.parent / "kb.toml"
    config.write_text(
        f"[delivery.email]\nhost = \"127.0.0.1\"\nport = {controller.port}\n"
        f"security = \"starttls\"\nsender = \"digest@example.org\"\n"
        f"to = [\"reader@example.org\"]\nuser = \"{USER}\"\npassword_env = \"KB_SMTP_PASSWORD\"\n"
        f"ca_file = \"{ca_file}\"\n",
        encoding="utf-8",
    )  # fmt: skip
    try:
        runs = [CliRunner().invoke(main, ["-vv", "daily", "--source", "demo", "--deliver",
                                          "--json"]) for _ in range(2)]  # fmt: skip
    finally:
        controller.stop()
    for run in runs:
        assert run.exit_code == 0, run.output
    first, second = (json.loads(r.stdout) for r in runs)
    assert [d["status"] for d in first["deliveries"]] == ["sent"]
    assert second["deliveries"] == []  # already sent that day
    (message,) = handler.messages
    report = json.loads(Path(first["json"]).read_text(encoding="utf-8"))
    plain = message.get_body(("plain",)).get_content()
    html_text = "".join(parse_html(message.get_body(("html",)).get_content()).text)
    assert report["papers"]
    for paper in report["papers"]:
        assert paper["title"] in plain and paper["title"] in html_text
    secrets = [PASSWORD.encode(), base64.b64encode(f"\0{USER}\0{PASSWORD}".encode())]
    logged = "".join(r.output for r in runs)  # stdout and stderr, where -vv logs go
    assert "INFO" in logged or "DEBUG" in logged
    assert PASSWORD not in logged
    for path in kb_home.parent.rglob("*"):
        if path.is_file():
            data = path.read_bytes()
            assert not any(s in data for s in secrets), path


def _smtp_config(path: Path, port: int, **delivery) -> None:
    extra = "".join(f"{k} = {json.dumps(v)}\n" for k, v in delivery.items())
    path.write_text(
        f"[delivery]\nretries = 1\nretry_wait_s = 0.01\n{extra}[delivery.email]\n"
        f'host = "127.0.0.1"\nport = {port}\nsecurity = "none"\nsender = "d@example.org"\n'
        f'to = ["reader@example.org"]\n',
        encoding="utf-8",
    )


@pytest.mark.slow
def test_real_days_one_message_each_and_a_failure_keeps_the_report(
    kb_home: Path, shared_data: Path
) -> None:
    """Two real days -> two messages naming their own papers; on the third the server is
    down: exit code 0, report written, failure recorded; kb deliver sends it later."""
    rss = shared_data / "feeds" / "rss"
    handler = Handler()
    port = _free_port()
    _smtp_config(kb_home.parent / "kb.toml", port)
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        summaries = []
        for day in ("2025-12-02", "2025-12-04"):  # each has matches in cs.RO
            args = ["daily", "--feed-file", str(rss / f"{day}_cs.RO.xml"), "--deliver", "--json"]
            run = CliRunner().invoke(main, args)
            assert run.exit_code == 0, run.output
            summaries.append(json.loads(run.stdout))
    finally:
        controller.stop()
    assert [m["X-Arxiv-Kb-Day"] for m in handler.messages] == ["2025-12-02", "2025-12-04"]
    for message, summary in zip(handler.messages, summaries, strict=True):
        report = json.loads(Path(summary["json"]).read_text(encoding="utf-8"))
        assert report["papers"], summary["day"]
        plain = message.get_body(("plain",)).get_content()
        html_text = "".join(parse_html(message.get_body(("html",)).get_content()).text)
        for paper in report["papers"]:
            assert paper["title"] in plain and paper["title"] in html_text
    # the server is down for the third day
    args = ["daily", "--feed-file", str(rss / "2025-12-03_cs.RO.xml"), "--deliver", "--json"]
    run = CliRunner().invoke(main, args)
    assert run.exit_code == 0, run.output  # the documented exit code: the report is done
    summary = json.loads(run.stdout)
    assert Path(summary["report"]).read_text(encoding="utf-8").rstrip().endswith("2025-12-03*")
    (failed,) = summary["deliveries"]
    assert failed["status"] == "failed" and failed["attempts"] == 2
    controller = Controller(handler, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        resend = CliRunner().invoke(main, ["deliver", "--retry-failed"])
    finally:
        controller.stop()
    assert resend.exit_code == 0, resend.output
    assert handler.messages[-1]["X-Arxiv-Kb-Day"] == "2025-12-03" and len(handler.messages) == 3


def test_daily_on_a_day_without_announcements(
    kb_home: Path, shared_data: Path, monkeypatch
) -> None:
    empty = shared_data / "feeds" / "real" / "rss_current"
    empty = empty / "allnewsai_cs.CL_weekend_empty_2026-08-01.xml"
    handler = Handler()
    controller = start_server(handler)
    _smtp_config(kb_home.parent / "kb.toml", controller.port)
    try:
        quiet = CliRunner().invoke(
            main, ["daily", "--feed-file", str(empty), "--deliver", "--json"]
        )
        monkeypatch.setenv("KB_DELIVERY__EMPTY_DAYS", "true")
        loud = CliRunner().invoke(main, ["daily", "--feed-file", str(empty), "--deliver", "--json"])
    finally:
        controller.stop()
    assert quiet.exit_code == loud.exit_code == 1  # nothing new, as documented
    assert [d["status"] for d in json.loads(quiet.stdout)["deliveries"]] == ["skipped"]
    assert [d["status"] for d in json.loads(loud.stdout)["deliveries"]] == ["sent"]
    (message,) = handler.messages
    assert "No announcements" in message.get_body(("plain",)).get_content()

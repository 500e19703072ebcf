"""``kb deliver``, ``kb site build`` and ``kb schedule``: the digest where researchers read it."""

from __future__ import annotations

import shutil
import sys
from datetime import date
from pathlib import Path

import click

from kb.atomic import write_atomic
from kb.cli.common import EXIT_FAILED, EXIT_NOTHING, EXIT_OK, emit_json, json_option, with_settings
from kb.config import Settings


def _day(value: str | None) -> date | None:
    if value in (None, "latest"):
        return None
    try:
        return date.fromisoformat(value)
    except ValueError as exc:
        raise click.BadParameter(f"{value!r} is not YYYY-MM-DD (or 'latest')") from exc


def _exit_code(records: list) -> int:
    statuses = {r.status for r in records}
    if "failed" in statuses:
        return EXIT_FAILED
    return EXIT_OK if "sent" in statuses else EXIT_NOTHING


def _print_records(records: list) -> None:
    for r in records:
        detail = f": {r.detail}" if r.detail else ""
        attempts = f", {r.attempts} attempt{'s' if r.attempts != 1 else ''}" if r.attempts else ""
        click.echo(f"{r.day} {r.channel} -> {r.target}: {r.status}{attempts}{detail}",
                   err=r.status == "failed")  # fmt: skip


@click.command("deliver")
@click.argument("day", required=False, metavar="[DATE]")
@click.option(
    "--channel",
    "channels",
    multiple=True,
    type=click.Choice(["email", "webhook"]),
    help="Only this channel (repeatable; default: every configured one).",
)
@click.option("--retry-failed", is_flag=True, help="Resend every day whose last send failed.")
@click.option("--list", "show_log", is_flag=True, help="Show the recorded deliveries instead.")
@json_option
@with_settings
def deliver_cmd(
    day: str | None,
    channels: tuple[str, ...],
    retry_failed: bool,
    show_log: bool,
    as_json: bool,
    settings: Settings,
) -> None:
    """Send (again) a day's digest by email and/or webhook (DATE: YYYY-MM-DD, default the
    latest report). Every outcome is recorded in the knowledge base.

    \b
    Exit codes:
      0  sent
      1  nothing sent: a day without announcements (delivery.empty_days = false)
      2  a send failed (recorded; run again, or use --retry-failed later)
    """
    from kb.delivery import service

    if show_log:
        records = service.delivery_log(settings, _day(day) if day else None)
        if as_json:
            emit_json([r.to_dict() for r in records])
        else:
            _print_records(records)
        return
    if retry_failed:
        records = []
        for failed in service.failed_deliveries(settings):
            if not channels or failed.channel in channels:
                records += service.deliver_day(settings, failed.day, [failed.channel])
    else:
        records = service.deliver_day(settings, _day(day), list(channels) or None)
    if as_json:
        emit_json([r.to_dict() for r in records])
    else:
        _print_records(records)
        if not records:
            click.echo("nothing to resend")
    sys.exit(_exit_code(records) if records else EXIT_OK)


@click.group("site")
def site_group() -> None:
    """The static site of the digests and its Atom feed."""


@site_group.command("build")
@click.argument("out_dir", type=click.Path(file_okay=False, path_type=Path), metavar="OUT")
@click.option(
    "--base-url",
    default=None,
    help="Address the site is published at (default: delivery.site.base_url); makes the "
    "feed's links absolute.",
)
@json_option
@with_settings
def site_build_cmd(out_dir: Path, base_url: str | None, as_json: bool, settings: Settings) -> None:
    """Write OUT/index.html, one OUT/YYYY-MM-DD.html per day and OUT/feed.xml (Atom) from
    the reports. Plain HTML and CSS: no JavaScript, paper text always escaped."""
    from kb.delivery.site import build_site

    result = build_site(settings, out_dir, base_url)
    if as_json:
        emit_json(result.to_dict())
        return
    days = len(result.days)
    click.echo(f"{days} day{'' if days == 1 else 's'} -> {result.index} and {result.feed}")
    if result.skipped_empty:
        click.echo(f"  {len(result.skipped_empty)} days without announcements left out "
                   "(delivery.empty_days = false)")  # fmt: skip
    for error in result.errors:
        click.echo(f"  skipped {error}", err=True)


def _job(settings: Settings, deliver: bool, site_dir: Path | None):
    from kb.delivery.schedule import Job

    beside = Path(sys.executable).with_name("kb")  # the console script of this environment
    kb = beside if beside.exists() else Path(shutil.which("kb") or "kb")
    secrets = []
    email, webhook = settings.delivery.email, settings.delivery.webhook
    if deliver and email.configured and email.user:
        secrets.append(email.password_env)
    if deliver and webhook.url_env:
        secrets.append(webhook.url_env)
    return Job(
        workdir=Path.cwd(),
        kb=kb,
        home=settings.home,
        config=settings.config_file,
        deliver=deliver,
        site_dir=site_dir.resolve() if site_dir else None,
        secrets=secrets,
    )


@click.command("schedule")
@click.option("--cron", "kind", flag_value="cron", help="Print a crontab entry.")
@click.option("--systemd", "kind", flag_value="systemd", help="Print a systemd service + timer.")
@click.option(
    "--github-actions", "kind", flag_value="github-actions", help="Print a GitHub Actions workflow."
)
@click.option("--at", "at_text", default="01:00", show_default=True,
              help="Run time, US Eastern (after the feed of the 20:00 announcement).")  # fmt: skip
@click.option("--timezone", "tz_name", default=None,
              help="The zone cron runs in (default: this machine's).")  # fmt: skip
@click.option("--no-deliver", is_flag=True, help="Run kb daily without --deliver.")
@click.option(
    "--site",
    "site_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Also rebuild the static site in this folder after each run (cron, systemd).",
)
@click.option("--pages", is_flag=True, help="GitHub Actions: also publish the site on Pages.")
@click.option(
    "--write",
    "write_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Write the file(s) into this folder instead of printing them (systemd, Actions).",
)
@with_settings
def schedule_cmd(
    kind: str | None,
    at_text: str,
    tz_name: str | None,
    no_deliver: bool,
    site_dir: Path | None,
    pages: bool,
    write_dir: Path | None,
    settings: Settings,
) -> None:
    """Print a ready crontab line, systemd service + timer, or GitHub Actions workflow that
    runs `kb daily --source live --deliver` after arXiv's announcement (20:00 US Eastern,
    Sunday to Thursday), keeping KB_HOME between runs."""
    from kb.delivery.actions import WORKFLOW_PATH, github_workflow
    from kb.delivery.schedule import cron_entry, parse_at, systemd_units, zone

    if kind is None:
        raise click.UsageError("choose one of --cron, --systemd, --github-actions")
    at = parse_at(at_text)
    job = _job(settings, not no_deliver, site_dir)
    if kind == "cron":
        where, name = zone(tz_name)
        click.echo(cron_entry(job, at, where, name), nl=False)
        return
    if kind == "systemd":
        files = systemd_units(job, at)
    else:
        files = {WORKFLOW_PATH: github_workflow(at, job.secrets, job.deliver, pages)}
    if write_dir:
        for name, text in files.items():
            path = write_dir / name
            write_atomic(path, text)
            click.echo(f"wrote {path}")
        return
    for name, text in files.items():
        if len(files) > 1:
            click.echo(f"# ---- {name} ----")
        click.echo(text, nl=False)


def register(group: click.Group) -> None:
    """Add ``deliver``, ``site`` and ``schedule`` to the ``kb`` group."""
    group.add_command(deliver_cmd)
    group.add_command(site_group)
    group.add_command(schedule_cmd)

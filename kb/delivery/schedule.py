"""``kb schedule``: a crontab line, systemd units or a GitHub Actions workflow that run the
daily job after arXiv's announcement.

arXiv announces at 20:00 US Eastern, Sunday to Thursday; the listing is dated the next day and
its RSS feeds carry it from about midnight Eastern. The job therefore runs at 01:00 Eastern
(``--at``), Monday to Friday. systemd timers take the Eastern zone directly; cron and GitHub
Actions run in one fixed zone, so the time is chosen there to fall after the feed all year
round, summer time or not.
"""

from __future__ import annotations

import os
import shlex
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from kb.errors import ConfigError

EASTERN = ZoneInfo("America/New_York")
LISTING_DAYS = (0, 1, 2, 3, 4)  # Monday..Friday (Python weekdays): the listings of Sun..Thu
DEFAULT_AT = time(1, 0)
UNIT_NAME = "arxiv-kb-daily"


@dataclass
class Job:
    """What the scheduled job runs, and where."""

    workdir: Path
    kb: Path
    home: Path
    config: Path | None = None
    deliver: bool = True
    site_dir: Path | None = None
    secrets: list[str] = field(default_factory=list)

    def daily_args(self) -> list[str]:
        """``kb daily`` arguments of the job."""
        return ["daily", "--source", "live", *(["--deliver"] if self.deliver else [])]

    def env(self) -> dict[str, str]:
        """Environment the job needs: KB_HOME (and KB_CONFIG when a file was given)."""
        found = {"KB_HOME": str(self.home)}
        if self.config:
            found["KB_CONFIG"] = str(self.config)
        return found


@dataclass(frozen=True)
class RunTime:
    """When the job runs in a zone: minute, hour, cron weekdays, and the Eastern times it
    corresponds to over a year (earliest and latest)."""

    minute: int
    hour: int
    weekdays: tuple[int, ...]
    eastern_earliest: time
    eastern_latest: time

    @property
    def cron_weekdays(self) -> str:
        """``1-5`` for a run of days, else ``0,1,2``."""
        days = sorted(self.weekdays)
        if len(days) > 2 and days == list(range(days[0], days[-1] + 1)):
            return f"{days[0]}-{days[-1]}"
        return ",".join(str(d) for d in days)


def parse_at(text: str) -> time:
    """``HH:MM`` (US Eastern) as a time; raises ConfigError when malformed."""
    try:
        return datetime.strptime(text.strip(), "%H:%M").time()
    except ValueError as exc:
        raise ConfigError(f"--at wants HH:MM (US Eastern), not {text!r}") from exc


def zone(name: str | None) -> tuple[tzinfo, str]:
    """The zone called ``name``, else this machine's (TZ, /etc/timezone, /etc/localtime)."""
    candidates = [name] if name else [os.environ.get("TZ", "").lstrip(":"), _etc_zone()]
    for candidate in filter(None, candidates):
        try:
            return ZoneInfo(candidate), candidate
        except (ZoneInfoNotFoundError, ValueError) as exc:
            if name:
                raise ConfigError(f"unknown time zone {name!r}") from exc
    local = datetime.now().astimezone().tzinfo
    return (local or ZoneInfo("UTC")), str(local or "UTC")


def _etc_zone() -> str | None:
    timezone_file = Path("/etc/timezone")
    if timezone_file.is_file():
        return timezone_file.read_text(encoding="utf-8").strip() or None
    localtime = Path("/etc/localtime")
    if localtime.is_symlink():
        target = str(localtime.resolve())
        if "zoneinfo/" in target:
            return target.split("zoneinfo/", 1)[1]
    return None


def run_time(at: time, where: tzinfo, start: date | None = None) -> RunTime:
    """The wall-clock time in ``where`` that is never before ``at`` Eastern on listing days.

    Over a year of listing days, the Eastern run time is converted to ``where``; the latest
    offset from the listing day's midnight wins, so the run is late by the summer-time
    difference at most, and never early.
    """
    first = start or date.today()
    days = [first + timedelta(days=i) for i in range(366)]
    offsets, moments = [], []
    for day in days:
        if day.weekday() not in LISTING_DAYS:
            continue
        moment = datetime.combine(day, at, EASTERN).astimezone(where)
        offsets.append(moment.replace(tzinfo=None) - datetime.combine(day, time(0)))
        moments.append(day)
    latest = max(offsets)
    shift_days, rest = divmod(latest, timedelta(days=1))
    hour, minute = divmod(int(rest.total_seconds()) // 60, 60)
    weekdays = tuple(sorted({(d + shift_days + 1) % 7 for d in LISTING_DAYS}))
    eastern = [
        datetime.combine(day + timedelta(days=shift_days), time(hour, minute), where)
        .astimezone(EASTERN)
        .time()
        for day in moments
    ]
    return RunTime(minute, hour, weekdays, min(eastern), max(eastern))


def _when(rt: RunTime, zone_name: str) -> str:
    span = f"{rt.eastern_earliest:%H:%M}"
    if rt.eastern_latest != rt.eastern_earliest:
        span += f" or {rt.eastern_latest:%H:%M} (summer time)"
    return f"{rt.hour:02d}:{rt.minute:02d} {zone_name} = {span} US Eastern"


HEADER = (
    "arXiv announces at 20:00 US Eastern, Sunday to Thursday; its RSS feeds carry the new "
    "listing from about midnight Eastern."
)


def cron_entry(job: Job, at: time, where: tzinfo, zone_name: str) -> str:
    """A crontab entry (comments and one line) in the crontab's zone."""
    rt = run_time(at, where)
    env = " ".join(f"{k}={shlex.quote(v)}" for k, v in job.env().items())
    kb = shlex.quote(str(job.kb))
    steps = [f"{env} {kb} {' '.join(job.daily_args())}"]
    if job.site_dir:
        steps.append(f"{env} {kb} site build {shlex.quote(str(job.site_dir))}")
    log_file = shlex.quote(str(job.home / "daily.log"))
    command = (
        f"mkdir -p {shlex.quote(str(job.home))} && cd {shlex.quote(str(job.workdir))} && "
        f"( {'; '.join(steps)} ) >> {log_file} 2>&1"
    ).replace("%", "\\%")  # cron turns a bare % into a newline
    secrets = " ".join(f"{name}=..." for name in job.secrets)
    return "\n".join([
        f"# arxiv-kb daily digest. {HEADER}",
        f"# Runs Monday to Friday at {_when(rt, zone_name)}. Exit code 1 = no announcements.",
        *([f"# Put {secrets} in the crontab's environment (a line above this one)."]
          if secrets else []),
        f"{rt.minute} {rt.hour} * * {rt.cron_weekdays} {command}",
        "",
    ])  # fmt: skip


def _systemd_quote(value: str) -> str:
    value = value.replace("%", "%%")
    if any(ch in value for ch in " \"\\'$"):
        return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return value


def systemd_units(job: Job, at: time) -> dict[str, str]:
    """``arxiv-kb-daily.service`` and ``arxiv-kb-daily.timer`` (user units)."""
    exec_start = " ".join(_systemd_quote(a) for a in [str(job.kb), *job.daily_args()])
    env_lines = [f"Environment={_systemd_quote(f'{k}={v}')}" for k, v in job.env().items()]
    post = (
        [f"ExecStartPost={_systemd_quote(str(job.kb))} site build "
         f"{_systemd_quote(str(job.site_dir))}"] if job.site_dir else []
    )  # fmt: skip
    secrets = ", ".join(job.secrets) or "KB_SMTP_PASSWORD"
    service = "\n".join([
        "# arxiv-kb daily digest: the job (started by arxiv-kb-daily.timer).",
        "# Install: copy both files to ~/.config/systemd/user/, then",
        "#   systemctl --user daemon-reload && systemctl --user enable --now arxiv-kb-daily.timer",
        "#   loginctl enable-linger \"$USER\"   # so that it runs while you are logged out",
        "[Unit]",
        "Description=arxiv-kb daily digest (announcements, report, delivery)",
        "Wants=network-online.target",
        "After=network-online.target",
        "",
        "[Service]",
        "Type=oneshot",
        f"WorkingDirectory={_systemd_quote(str(job.workdir))}",
        *env_lines,
        f"# Secrets ({secrets}=...) go in this file, readable by you only (chmod 600):",
        "EnvironmentFile=-%h/.config/arxiv-kb/secrets.env",
        f"ExecStart={exec_start}",
        *post,
        "# Exit code 1: no announcements that day, not a failure.",
        "SuccessExitStatus=1",
        "TimeoutStartSec=2h",
        "",
    ])  # fmt: skip
    timer = "\n".join([
        f"# arxiv-kb daily digest: when. {HEADER}",
        "[Unit]",
        "Description=Run the arxiv-kb daily digest after arXiv's announcement",
        "",
        "[Timer]",
        f"OnCalendar=Mon..Fri *-*-* {at:%H:%M}:00 America/New_York",
        "# A run missed while the machine was off starts at the next boot.",
        "Persistent=true",
        "",
        "[Install]",
        "WantedBy=timers.target",
        "",
    ])  # fmt: skip
    return {f"{UNIT_NAME}.service": service, f"{UNIT_NAME}.timer": timer}

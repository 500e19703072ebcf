"""``kb schedule``: crontab fields, systemd units and a GitHub Actions workflow that are valid
and run after arXiv's listing every listing day of the year, whatever the zone."""

from __future__ import annotations

import configparser
import re
import shutil
import subprocess
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
import yaml
from click.testing import CliRunner

from kb.cli import main
from kb.delivery.schedule import EASTERN, LISTING_DAYS, run_time

CRON_FIELD = re.compile(r"^(\*|\d+(-\d+)?(,\d+(-\d+)?)*)$")
CRON_RANGES = [(0, 59), (0, 23), (1, 31), (1, 12), (0, 7)]


def _cron_values(field: str, low: int, high: int) -> set[int]:
    assert CRON_FIELD.match(field), field
    if field == "*":
        return set(range(low, high + 1))
    values: set[int] = set()
    for part in field.split(","):
        first, _, last = part.partition("-")
        values |= set(range(int(first), int(last or first) + 1))
    assert all(low <= v <= high for v in values), field
    return values


def parse_cron_line(text: str) -> tuple[list[set[int]], str]:
    """The one non-comment line of a crontab entry: five checked fields and the command."""
    (line,) = [x for x in text.splitlines() if x.strip() and not x.startswith("#")]
    fields = line.split(None, 5)
    values = [_cron_values(f, lo, hi) for f, (lo, hi) in zip(fields[:5], CRON_RANGES, strict=True)]
    return values, fields[5]


@pytest.mark.parametrize(
    "zone_name",
    [
        "UTC",
        "America/New_York",
        "Asia/Shanghai",
        "Europe/Berlin",
        "Pacific/Honolulu",
        "Australia/Sydney",
    ],
)
def test_cron_time_falls_after_the_feed_every_listing_day(zone_name: str) -> None:
    where = ZoneInfo(zone_name)
    start = date(2026, 1, 1)
    rt = run_time(time(1, 0), where, start=start)
    checked = 0
    for i in range(366):
        day = start + timedelta(days=i)
        if day.weekday() not in LISTING_DAYS:
            continue
        feed = datetime.combine(day, time(1, 0), EASTERN)
        # the cron run in that zone on or after the listing's Eastern day
        runs = [datetime.combine(day + timedelta(days=k), time(rt.hour, rt.minute), where)
                for k in (-1, 0, 1)]  # fmt: skip
        runs = [r for r in runs if (r.isoweekday() % 7) in rt.weekdays]
        first_after = min((r for r in runs if r >= feed), default=None)
        assert first_after is not None, (zone_name, day)
        assert first_after - feed <= timedelta(hours=2), (zone_name, day, first_after)
        checked += 1
    assert checked > 250 and len(rt.weekdays) == 5


def test_cron_entry_utc(kb_home: Path) -> None:
    result = CliRunner().invoke(main, ["schedule", "--cron", "--timezone", "UTC"])
    assert result.exit_code == 0, result.output
    (minute, hour, dom, month, dow), command = parse_cron_line(result.output)
    assert (minute, hour, dow) == ({0}, {6}, {1, 2, 3, 4, 5})
    assert len(dom) == 31 and len(month) == 12
    assert "daily --source live --deliver" in command and f"KB_HOME={kb_home}" in command
    assert "%" not in command.replace("\\%", "")
    assert "20:00 US Eastern, Sunday to Thursday" in result.output
    eastern = CliRunner().invoke(main, ["schedule", "--cron", "--timezone", "America/New_York",
                                        "--at", "00:30", "--site", "site"])  # fmt: skip
    (minute, hour, _, _, dow), command = parse_cron_line(eastern.output)
    assert (minute, hour, dow) == ({30}, {0}, {1, 2, 3, 4, 5})
    assert "site build" in command
    bad = CliRunner().invoke(main, ["schedule", "--cron", "--at", "25:99"])
    assert bad.exit_code == 2 and "HH:MM" in bad.output


def test_cron_line_runs_in_a_shell(kb_home: Path, tmp_path: Path) -> None:
    """The command part, run by sh as cron would, starts `kb` with KB_HOME (here: --help)."""
    result = CliRunner().invoke(main, ["schedule", "--cron", "--timezone", "UTC"])
    _, command = parse_cron_line(result.output)
    command = command.replace("daily --source live --deliver", "daily --help")
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    log = (kb_home / "daily.log").read_text(encoding="utf-8")
    assert "Exit codes" in log


def test_systemd_units(kb_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "units"
    result = CliRunner().invoke(main, ["schedule", "--systemd", "--write", str(out)])
    assert result.exit_code == 0, result.output
    service = configparser.ConfigParser(strict=False, interpolation=None)
    service.optionxform = str  # systemd keys are case-sensitive
    service.read(out / "arxiv-kb-daily.service")
    assert service["Service"]["Type"] == "oneshot"
    assert service["Service"]["ExecStart"].endswith("daily --source live --deliver")
    assert Path(service["Service"]["ExecStart"].split()[0]).name == "kb"
    assert service["Service"]["SuccessExitStatus"] == "1"
    assert "KB_HOME=" in service["Service"]["Environment"]
    timer = configparser.ConfigParser(strict=False, interpolation=None)
    timer.optionxform = str
    timer.read(out / "arxiv-kb-daily.timer")
    calendar = timer["Timer"]["OnCalendar"]
    assert calendar == "Mon..Fri *-*-* 01:00:00 America/New_York"
    assert (
        timer["Timer"]["Persistent"] == "true" and timer["Install"]["WantedBy"] == "timers.target"
    )
    printed = CliRunner().invoke(main, ["schedule", "--systemd"])
    assert "# ---- arxiv-kb-daily.timer ----" in printed.output
    analyze = shutil.which("systemd-analyze")
    if analyze:  # systemd's own parser, where the machine has it
        done = subprocess.run([analyze, "calendar", "--iterations", "5", calendar],
                              capture_output=True, text=True)  # fmt: skip
        assert done.returncode == 0, done.stderr
        assert "Mon" in done.stdout and "Sat" not in done.stdout and "Sun" not in done.stdout
        units = [str(out / "arxiv-kb-daily.service"), str(out / "arxiv-kb-daily.timer")]
        done = subprocess.run([analyze, "verify", *units], capture_output=True, text=True)
        # verify only warns about unknown keys and bad values: any message is a failure here
        assert done.returncode == 0 and not done.stderr.strip(), done.stderr


def test_github_actions_workflow_keeps_kb_home(kb_home: Path, tmp_path: Path) -> None:
    (tmp_path / "kb.toml").write_text(
        '[delivery.email]\nhost = "smtp.example.org"\nto = ["me@example.org"]\n'
        'user = "me@example.org"\npassword_env = "KB_SMTP_PASSWORD"\n'
        '[delivery.webhook]\nurl_env = "KB_SLACK_URL"\n',
        encoding="utf-8",
    )
    result = CliRunner().invoke(main, ["schedule", "--github-actions", "--pages"])
    assert result.exit_code == 0, result.output
    flow = yaml.safe_load(result.output)
    (cron,) = [s["cron"] for s in flow["on"]["schedule"]]
    values = [
        _cron_values(f, lo, hi) for f, (lo, hi) in zip(cron.split(), CRON_RANGES, strict=True)
    ]
    assert values[1] == {6} and values[4] == {1, 2, 3, 4, 5}  # 06:00 UTC, Monday to Friday
    job = flow["jobs"]["daily"]
    home = job["env"]["KB_HOME"]
    assert job["env"]["KB_SMTP_PASSWORD"] == "${{ secrets.KB_SMTP_PASSWORD }}"
    assert job["env"]["KB_SLACK_URL"] == "${{ secrets.KB_SLACK_URL }}"
    steps = job["steps"]
    uses = [s.get("uses", "") for s in steps]
    restore = steps[uses.index("actions/cache/restore@v4")]
    save = steps[uses.index("actions/cache/save@v4")]
    assert restore["with"]["path"] == save["with"]["path"] == home
    assert restore["with"]["restore-keys"] == "kb-home-" and save["with"]["key"].startswith(
        "kb-home-"
    )
    run_steps = [s["run"] for s in steps if "run" in s]
    daily = next(r for r in run_steps if "kb daily" in r)
    assert uses.index("actions/cache/restore@v4") < steps.index(
        next(s for s in steps if s.get("run") == daily)
    )
    assert "--source live --deliver" in daily and "[ $? -eq 1 ]" in daily
    assert "kb site build site" in run_steps
    assert flow["jobs"]["pages"]["steps"][0]["uses"] == "actions/deploy-pages@v4"
    assert "KB_SMTP_PASSWORD" in result.output and "password =" not in result.output


def test_schedule_needs_a_kind(kb_home: Path) -> None:
    result = CliRunner().invoke(main, ["schedule"])
    assert result.exit_code == 2 and "--cron" in result.output

"""``kb schedule --github-actions``: a workflow that runs the daily job on GitHub's runners,
keeping KB_HOME between runs with actions/cache (and, with ``pages``, publishing the site)."""

from __future__ import annotations

from datetime import time
from zoneinfo import ZoneInfo

from kb.delivery.render import environment
from kb.delivery.schedule import HEADER, run_time

WORKFLOW_PATH = ".github/workflows/arxiv-kb-daily.yml"
KB_HOME = "kb-home"  # relative to the checkout; cached between runs


def github_workflow(at: time, secrets: list[str], deliver: bool = True, pages: bool = False) -> str:
    """The workflow file (YAML) for a repository holding arxiv-kb and its kb.toml; the
    secrets named (environment variables of the job) come from the repository's secrets."""
    rt = run_time(at, ZoneInfo("UTC"))
    return (
        environment()
        .get_template("github-actions.yml")
        .render(
            header=HEADER,
            utc=f"{rt.hour:02d}:{rt.minute:02d}",
            eastern=f"{rt.eastern_earliest:%H:%M}",
            eastern_summer=f"{rt.eastern_latest:%H:%M}",
            cron=f"{rt.minute} {rt.hour} * * {rt.cron_weekdays}",
            home=KB_HOME,
            secrets=secrets,
            daily="kb daily --source live" + (" --deliver" if deliver else ""),
            pages=pages,
        )
    )

"""``kb schedule --github-actions``: a workflow that runs the daily job on GitHub's runners,
keeping KB_HOME between runs with actions/cache (and, with ``pages``, publishing the site)."""

from __future__ import annotations

import json
from datetime import time
from zoneinfo import ZoneInfo

from kb.delivery.schedule import HEADER, run_time

WORKFLOW_PATH = ".github/workflows/arxiv-kb-daily.yml"
KB_HOME = "kb-home"  # relative to the checkout; cached between runs


def _q(text: str) -> str:
    """A YAML double-quoted scalar (JSON strings are valid YAML)."""
    return json.dumps(text)


def github_workflow(at: time, secrets: list[str], deliver: bool = True, pages: bool = False) -> str:
    """The workflow file (YAML) for a repository holding arxiv-kb and its kb.toml."""
    rt = run_time(at, ZoneInfo("UTC"))
    cron = f"{rt.minute} {rt.hour} * * {rt.cron_weekdays}"
    daily = "kb daily --source live" + (" --deliver" if deliver else "")
    env = [f"      KB_HOME: {KB_HOME}"] + [
        f"      {name}: ${{{{ secrets.{name} }}}}" for name in secrets
    ]
    lines = [
        "# arxiv-kb daily digest on GitHub Actions.",
        f"# {HEADER}",
        f"# The schedule is in UTC: {rt.hour:02d}:{rt.minute:02d} UTC = "
        f"{rt.eastern_earliest:%H:%M} US Eastern ({rt.eastern_latest:%H:%M} in summer).",
        "# KB_HOME (the DuckDB file, FAISS index, PDFs, reports) is kept between runs by",
        "# actions/cache: restored at the start, saved under a new key at the end.",
        *(["# Secrets: Settings > Secrets and variables > Actions > New repository secret: "
           + ", ".join(secrets) + "."] if secrets else []),
        "name: arxiv-kb daily digest",
        '"on":',
        "  schedule:",
        f"    - cron: {_q(cron)}",
        "  workflow_dispatch: {}",
        "permissions:",
        "  contents: read",
        "concurrency:",
        "  group: arxiv-kb-daily",
        "  cancel-in-progress: false",
        "jobs:",
        "  daily:",
        "    runs-on: ubuntu-latest",
        "    timeout-minutes: 120",
        "    env:",
        *env,
        "    steps:",
        "      - uses: actions/checkout@v4",
        "      - uses: actions/setup-python@v5",
        "        with:",
        '          python-version: "3.11"',
        "          cache: pip",
        "      - name: Install arxiv-kb (CPU-only torch first)",
        "        run: |",
        "          python -m pip install torch==2.13.0 --index-url https://download.pytorch.org/whl/cpu",
        "          python -m pip install -e .",
        "      - name: Restore KB_HOME",
        "        uses: actions/cache/restore@v4",
        "        with:",
        f"          path: {KB_HOME}",
        "          key: kb-home-${{ github.run_id }}",
        "          restore-keys: kb-home-",
        "      - name: Daily run",
        "        # exit code 1 = no announcements that day: not a failure",
        "        run: |",
        f"          {daily} || [ $? -eq 1 ]",
        *(["      - name: Build the site",
           "        run: kb site build site",
           "      - uses: actions/upload-pages-artifact@v3",
           "        with:",
           "          path: site"] if pages else []),
        "      - name: Save KB_HOME",
        "        if: ${{ !cancelled() }}",
        "        uses: actions/cache/save@v4",
        "        with:",
        f"          path: {KB_HOME}",
        "          key: kb-home-${{ github.run_id }}",
    ]  # fmt: skip
    if pages:
        lines += [
            "  pages:",
            "    # Settings > Pages > Source: GitHub Actions",
            "    needs: daily",
            "    runs-on: ubuntu-latest",
            "    permissions:",
            "      pages: write",
            "      id-token: write",
            "    environment:",
            "      name: github-pages",
            "      url: ${{ steps.deployment.outputs.page_url }}",
            "    steps:",
            "      - id: deployment",
            "        uses: actions/deploy-pages@v4",
        ]
    return "\n".join(lines) + "\n"

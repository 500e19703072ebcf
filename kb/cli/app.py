"""``kb app``: start the Streamlit app on localhost."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import click

from kb.cli.common import with_settings
from kb.config import Settings

APP_MAIN = Path(__file__).resolve().parents[2] / "app" / "main.py"


@click.command("app")
@click.option("--port", type=int, default=8501, show_default=True, help="Port on localhost.")
@click.option("--headless/--browser", default=True, help="Do not open a browser window.")
@with_settings
def app_cmd(port: int, headless: bool, settings: Settings) -> None:
    """Start the Streamlit app (reports, search, papers, interests, library) on localhost."""
    if not APP_MAIN.exists():
        raise click.ClickException(f"app not found at {APP_MAIN} (run from a source checkout)")
    env = dict(os.environ)
    env["KB_HOME"] = str(settings.home)
    if settings.config_file:
        env["KB_CONFIG"] = str(settings.config_file)
    command = [
        sys.executable, "-m", "streamlit", "run", str(APP_MAIN),
        "--server.address", "127.0.0.1", "--server.port", str(port),
        "--server.headless", "true" if headless else "false",
        "--browser.gatherUsageStats", "false",
    ]  # fmt: skip
    click.echo(f"arxiv-kb app on http://127.0.0.1:{port}  (Ctrl+C to stop)", err=True)
    raise SystemExit(subprocess.call(command, env=env))


def register(group: click.Group) -> None:
    """Add ``app`` to the ``kb`` group."""
    group.add_command(app_cmd)

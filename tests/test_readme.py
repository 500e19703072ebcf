"""The README's command blocks, run as a user types them (those that need no network or server).

Every ```bash block is read; each command runs in one bash session in a temporary folder with
the test's virtual environment as ``.venv``, ``KB_HOME`` inside that folder, ``feeds/`` holding
two fixture feed files (so ``feeds/*.xml`` is a glob of two) and ``pdfs/`` a PDF typeset for the
paper the README asks about.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
README = ROOT / "README.md"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
ASKED = "2512.05693"  # the paper of `kb ask` and `kb show` in the README

# Commands left out, by how they start, and why.
NOT_RUN = {
    "./scripts/demo.sh": "installs .venv from the package index first (the demo day itself "
    "runs in test_demo and test_daily)",
    "./scripts/test.sh": "runs this very test suite",
    ".venv/bin/python -m pytest": "runs this very test suite",
    "kb daily --source live": "needs arXiv over the network",
    "kb app": "starts a server (the app is tested with AppTest and headless Chromium)",
}
MARK = "@@readme-exit"


def bash_commands(text: str) -> list[str]:
    """Every command line of the ```bash blocks (comments and blank lines dropped by bash)."""
    blocks = re.findall(r"^```bash\n(.*?)^```", text, re.S | re.M)
    return [line for block in blocks for line in block.splitlines() if line.strip()]


def reason_not_run(command: str) -> str | None:
    """Why a command is not run here, or None."""
    return next((why for start, why in NOT_RUN.items() if command.startswith(start)), None)


def _setup(folder: Path) -> None:
    from pdf_factory import paper_of_feed

    (folder / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    feeds = folder / "feeds"
    feeds.mkdir()
    for name in ("2025-12-09_seed-matches.xml", "2025-12-02_cs.RO.xml"):
        (feeds / name).write_bytes((FIXTURES / "feeds" / "rss" / name).read_bytes())
    (folder / "pdfs").mkdir()
    paper_of_feed(ASKED, feeds / "2025-12-09_seed-matches.xml", folder / "pdfs")


def test_readme_lists_the_commands_it_leaves_out() -> None:
    commands = bash_commands(README.read_text(encoding="utf-8"))
    assert len(commands) >= 8
    skipped = {start for start in NOT_RUN if any(c.startswith(start) for c in commands)}
    assert skipped == set(NOT_RUN), "a command left out here is no longer in the README"
    assert any("--feed-file feeds/*.xml" in c for c in commands)


@pytest.mark.slow
def test_every_command_block_runs_as_written(tmp_path: Path) -> None:
    commands = [
        c for c in bash_commands(README.read_text(encoding="utf-8")) if not reason_not_run(c)
    ]
    _setup(tmp_path)
    script = "".join(f"{c}\necho '{MARK}' $?\n" for c in commands)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    env.update(KB_HOME=str(tmp_path / "home"), PATH=os.environ.get("PATH", ""))
    done = subprocess.run(
        ["bash", "-c", script], cwd=tmp_path, env=env, capture_output=True, text=True,
        timeout=1200, check=False,
    )  # fmt: skip
    codes = [int(m) for m in re.findall(rf"^{MARK} (\d+)$", done.stdout, re.M)]
    assert len(codes) == len(commands), done.stdout[-2000:] + done.stderr[-2000:]
    failed = [(c, code) for c, code in zip(commands, codes, strict=True) if code != 0]
    assert not failed, (failed, done.stderr[-3000:])
    assert "Got unexpected extra arguments" not in done.stderr
    assert ASKED in done.stdout  # kb show / kb ask printed the paper
    reports = list((tmp_path / "home" / "reports").glob("*.md"))
    assert reports and ASKED in reports[0].read_text(encoding="utf-8")

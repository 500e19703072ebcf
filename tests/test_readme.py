"""The README's command blocks, run as a user types them (those that need no network or server).

Every ```bash block is read; each command runs in one bash session in a temporary folder with
the test's virtual environment as ``.venv``, ``KB_HOME`` inside that folder, ``feeds/`` holding
two fixture feed files (so ``feeds/*.xml`` is a glob of two), ``pdfs/`` a PDF typeset for the
paper the README asks about, ``arxiv-metadata.jsonl.gz`` the papers of a fixture feed in the
layout of arXiv's metadata snapshot, and a chat webhook on 127.0.0.1 for ``kb deliver``.
"""

from __future__ import annotations

import gzip
import json
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


def _metadata_snapshot(feed: Path, out: Path) -> int:
    """The feed's papers as lines of arXiv's metadata snapshot (what ``kb backfill`` reads)."""
    from kb.feeds import parse_feed

    papers = parse_feed(feed)
    with gzip.open(out, "wt", encoding="utf-8") as handle:
        for p in papers:
            record = {
                "id": p.arxiv_id, "title": p.title, "abstract": p.abstract,
                "authors": ", ".join(p.authors), "categories": " ".join(p.categories),
                "update_date": "2025-12-02",
                "versions": [{"version": "v1", "created": "Mon, 1 Dec 2025 18:00:00 GMT"}],
            }  # fmt: skip
            handle.write(json.dumps(record) + "\n")
    return len(papers)


def _setup(folder: Path) -> None:
    from pdf_factory import paper_of_feed

    (folder / ".venv").symlink_to(Path(sys.prefix), target_is_directory=True)
    feeds = folder / "feeds"
    feeds.mkdir()
    for name in ("2025-12-09_seed-matches.xml", "2025-12-02_cs.RO.xml"):
        (feeds / name).write_bytes((FIXTURES / "feeds" / "rss" / name).read_bytes())
    (folder / "pdfs").mkdir()
    paper_of_feed(ASKED, feeds / "2025-12-09_seed-matches.xml", folder / "pdfs")
    cs_ro = FIXTURES / "feeds" / "rss" / "2025-12-02_cs.RO.xml"
    assert _metadata_snapshot(cs_ro, folder / "arxiv-metadata.jsonl.gz") >= 5


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
    from test_delivery_webhook import Hook

    _setup(tmp_path)
    script = "".join(f"{c}\necho '{MARK}' $?\n" for c in commands)
    env = {k: v for k, v in os.environ.items() if not k.startswith("KB_")}
    env.update(KB_HOME=str(tmp_path / "home"), PATH=os.environ.get("PATH", ""))
    with Hook() as hook:
        env["KB_DELIVERY__WEBHOOK__URL"] = hook.url  # where `kb deliver` sends the day
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
    assert hook.posts, "kb deliver sent nothing to the webhook"
    reports = list((tmp_path / "home" / "reports").glob("*.md"))
    assert reports and ASKED in reports[0].read_text(encoding="utf-8")

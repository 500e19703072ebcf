"""Readers while ``kb daily`` writes, and two daily runs at once.

DuckDB lets one process write or many read: a reader that finds the file held by the daily run
waits a moment, then gets StoreBusyError ("the knowledge base is updating; try again in a
moment"), which the CLI prints with exit code 3 and the app shows as an info box. Never a
traceback, never a raw DuckDB lock error.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from test_crash import kb_env, log_of, run_kb

from kb.db import BUSY_MESSAGE, Database
from kb.errors import StoreBusyError

ROOT = Path(__file__).resolve().parent.parent
APP = str(ROOT / "app" / "main.py")
QUERY = "robot manipulation policy"

# A long-lived reader, like the app: one Searcher, a query every 0.1 s, each outcome a JSON line.
READER = """
import json, sys, time, traceback
from pathlib import Path
from kb.config import load_settings
from kb.errors import StoreBusyError
from kb.search import Searcher
searcher = Searcher(load_settings())
stop = Path(sys.argv[1])
calls = 0
# at least one search, however late this process finished importing (torch takes a while)
while not calls or not stop.exists():
    calls += 1
    try:
        out = {"ok": len(searcher.search(sys.argv[2], 5))}
    except StoreBusyError as exc:
        out = {"busy": str(exc)}
    except Exception:
        out = {"error": traceback.format_exc()}
    print(json.dumps(out), flush=True)
    time.sleep(0.1)
"""


def cli_search(home: Path) -> tuple[int, str, str]:
    """One ``kb search --json`` in its own process."""
    proc = subprocess.run(
        [sys.executable, "-m", "kb.cli", "search", QUERY, "--k", "3", "--json"],
        env=kb_env(home), cwd=home.parent, capture_output=True, text=True, timeout=300,
    )  # fmt: skip
    return proc.returncode, proc.stdout, proc.stderr


def wait_for_lock_holder(home: Path, pid: int, timeout_s: float = 300) -> None:
    """Until the daily run ``pid`` has taken the run lock (it writes its pid into the file)."""
    deadline = time.monotonic() + timeout_s
    lock = home / "kb.lock"
    while time.monotonic() < deadline:
        if lock.exists() and lock.read_text(encoding="utf-8").strip() == str(pid):
            return
        time.sleep(0.05)
    raise AssertionError(f"daily run {pid} never took {lock}")


@pytest.mark.slow
def test_readers_while_daily_writes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    home = tmp_path / "home"
    # a small KB to search: the demo day with one analysed paper; the run below adds four more
    assert run_kb(home, ["daily", "--source", "demo"], KB_REPORT__MAX_PAPERS="1") == 0
    daily_env = kb_env(home, KB_REPORT__MAX_PAPERS="5")
    with open(tmp_path / "daily.out", "wb") as out:
        writer = subprocess.Popen(
            [sys.executable, "-m", "kb.cli", "daily", "--source", "demo"],
            env=daily_env, cwd=tmp_path, stdout=out, stderr=subprocess.STDOUT,
        )  # fmt: skip
    wait_for_lock_holder(home, writer.pid)

    # a second daily run at the same time: refused at once, or waits its turn with --wait
    second = run_kb(home, ["daily", "--source", "demo"])
    assert second == 2 and "another run holds" in log_of(home)
    with open(tmp_path / "waiter.out", "wb") as out:
        waiter = subprocess.Popen(
            [sys.executable, "-m", "kb.cli", "daily", "--source", "demo", "--wait", "900"],
            env=kb_env(home, KB_REPORT__MAX_PAPERS="5"), cwd=tmp_path, stdout=out,
            stderr=subprocess.STDOUT,
        )  # fmt: skip

    stop = tmp_path / "stop"
    with open(tmp_path / "reader.jsonl", "wb") as out, open(tmp_path / "reader.err", "wb") as err:
        reader = subprocess.Popen(
            [sys.executable, "-c", READER, str(stop), QUERY],
            env=kb_env(home), cwd=tmp_path, stdout=out, stderr=err,
        )  # fmt: skip
    cli_calls: list[tuple[int, str, str]] = []

    def cli_loop() -> None:
        cli_calls.append(cli_search(home))  # one at least, even after a quick daily run
        while writer.poll() is None:
            cli_calls.append(cli_search(home))

    cli_thread = threading.Thread(target=cli_loop)
    cli_thread.start()
    try:
        # the app's Search page, in this process, while the daily run writes
        monkeypatch.setenv("KB_HOME", str(home))
        monkeypatch.delenv("KB_CONFIG", raising=False)
        st.cache_resource.clear()
        at = AppTest.from_file(APP, default_timeout=300)
        at.run()
        at.switch_page("pages/search.py").run()
        app_outcomes: list[str] = []
        while (writer.poll() is None or not app_outcomes) and len(app_outcomes) < 500:
            if at.text_input:
                at.text_input[0].input(f"{QUERY} {len(app_outcomes)}").run()
            else:  # the last run stopped at the page's "is there a KB?" check (busy): again
                at.run()
            assert not at.exception, at.exception
            assert not at.error, [e.value for e in at.error]
            shown = [str(i.value) for i in at.info] + [str(c.value) for c in at.caption]
            if any("updating; try again" in s for s in shown):
                app_outcomes.append("busy")
            elif at.text_input and at.text_input[0].value:
                assert any("passages from" in s for s in shown), shown
                app_outcomes.append("ok")

        assert writer.wait(timeout=900) == 0, (tmp_path / "daily.out").read_text()
        cli_thread.join(timeout=300)
        stop.touch()
        reader.wait(timeout=120)
        assert waiter.wait(timeout=900) == 0, (tmp_path / "waiter.out").read_text()
    finally:  # never leave a run or a reader behind, even when an assert failed
        stop.touch()
        for proc in (writer, waiter, reader):
            if proc.poll() is None:
                proc.kill()
        cli_thread.join(timeout=300)

    stdout = (tmp_path / "reader.jsonl").read_text(encoding="utf-8")
    stderr = (tmp_path / "reader.err").read_text(encoding="utf-8")
    reader_calls = [json.loads(line) for line in stdout.splitlines() if line.strip()]
    errors = [c["error"] for c in reader_calls if "error" in c]
    assert not errors, errors[0]
    assert "Traceback" not in stderr, stderr
    assert all(c.get("ok", 1) > 0 for c in reader_calls), "a search during the run found nothing"
    for code, out, err in cli_calls:
        assert "Traceback" not in err and "IO Error" not in err and "Conflicting" not in err, err
        if code == 0:
            assert json.loads(out), "no results"
        else:
            assert code == 3 and BUSY_MESSAGE in err and not out, (code, out, err)
    figures: dict[str, Any] = {
        "reader": (len(reader_calls), sum("busy" in c for c in reader_calls)),
        "cli": (len(cli_calls), sum(code == 3 for code, _, _ in cli_calls)),
        "app": (len(app_outcomes), app_outcomes.count("busy")),
    }
    print(f"\ncalls during the daily run (total, 'updating'): {figures}")
    assert reader_calls and cli_calls and app_outcomes


def test_reader_gets_busy_error_then_succeeds(tmp_path: Path) -> None:
    """While another process holds the write connection a reader reports 'updating' (no raw
    DuckDB error); once it is released the same read works."""
    path = tmp_path / "kb.duckdb"
    with Database.open(path):
        pass
    holder = subprocess.Popen(
        [sys.executable, "-c",
         "import sys, time; from kb.db import Database\n"
         "with Database.open(sys.argv[1]):\n    print('held', flush=True); time.sleep(3)",
         str(path)],
        env=kb_env(tmp_path), stdout=subprocess.PIPE, text=True,
    )  # fmt: skip
    assert holder.stdout.readline().strip() == "held"
    with pytest.raises(StoreBusyError, match="updating; try again"):
        with Database.open(path, read_only=True, wait_s=0.5):
            pass
    assert holder.poll() is None  # gave up while the writer still held the file
    holder.wait(timeout=30)
    with Database.open(path, read_only=True) as db:
        assert db.stats().papers == 0


@pytest.mark.slow
def test_cli_reader_exit_code_3_while_locked(tmp_path: Path) -> None:
    home = tmp_path / "home"
    with Database.open(home / "kb.duckdb"):
        code, out, err = cli_search(home)
    assert code == 3 and out == "" and BUSY_MESSAGE in err and "Traceback" not in err


def test_other_writers_take_the_daily_lock(kb_home: Path) -> None:
    """kb ingest and kb index rebuild write the KB too: refused while a daily run holds it."""
    from click.testing import CliRunner

    from kb.cli import main
    from kb.config import load_settings
    from kb.lock import run_lock

    pdf = kb_home.parent / "2501.00001.pdf"
    pdf.write_bytes(b"%PDF-1.4\n")
    with run_lock(load_settings().lock_path):
        for args in (["ingest", "--pdf", str(pdf)], ["index", "rebuild"]):
            result = CliRunner().invoke(main, args)
            assert result.exit_code == 2 and "another run holds" in result.stderr, result.output

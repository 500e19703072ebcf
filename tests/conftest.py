"""Shared fixtures: KB_HOME in a temp folder, real data from ../shared/data when present."""

from __future__ import annotations

import os
from pathlib import Path

import sys

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
SHARED_DATA = Path(os.environ.get("KB_SHARED_DATA", ROOT.parent / "shared" / "data"))


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real arXiv feeds and PDFs of ../shared/data; skips when the folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder not found: {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture()
def kb_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh KB_HOME for one test; no kb.toml or KB_CONFIG leaks in."""
    home = tmp_path / "kbhome"
    monkeypatch.setenv("KB_HOME", str(home))
    monkeypatch.delenv("KB_CONFIG", raising=False)
    monkeypatch.chdir(tmp_path)
    return home


@pytest.fixture()
def fake_openai():
    """A loopback OpenAI-compatible server (see tests/openai_server.py)."""
    from openai_server import FakeOpenAI

    with FakeOpenAI() as server:
        yield server

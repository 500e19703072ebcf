"""Shared fixtures: KB_HOME in a temp folder, real data from ../shared/data when present."""

from __future__ import annotations

import os
import sys
from pathlib import Path

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


@pytest.fixture()
def fake_arxiv(shared_data: Path):
    """A loopback arXiv replaying the real 2025-12-02 feeds, an API response and the PDFs."""
    from loopback import FakeArxiv

    rss = {
        p.stem.split("_", 1)[1]: p for p in (shared_data / "feeds" / "rss").glob("2025-12-02_*.xml")
    }
    pdfs = {}
    for path in (shared_data / "pdfs").glob("*.pdf"):
        pdfs[path.stem] = path
        pdfs[path.stem.split("v")[0]] = path
    server = FakeArxiv(
        rss=rss, api=shared_data / "feeds" / "api" / "2025-12-08_query.atom", pdfs=pdfs
    )
    with server:
        yield server


@pytest.fixture()
def live_settings(kb_home: Path, fake_arxiv, monkeypatch: pytest.MonkeyPatch):
    """Settings whose arXiv URLs point at the loopback server, with short delays."""
    from kb.config import load_settings

    return load_settings(feeds={
        "rss_base_url": f"{fake_arxiv.url}/rss", "api_base_url": f"{fake_arxiv.url}/api/query",
        "pdf_base_url": f"{fake_arxiv.url}/pdf", "delay_s": 0.05, "backoff_s": 0.05,
        "timeout_s": 1.0, "max_retries": 3,
        "categories": ["cs.AI", "cs.LG", "cs.CV", "cs.RO"],
    })  # fmt: skip


@pytest.fixture()
def loopback_arxiv(shared_data: Path):
    """A loopback arXiv over the real data (tests/loopback.py): `.url`, `.requests`, `.script`.

    Serves the 2025-12-02 RSS files, the API Atom files (paged by ``start``; id_list lookups),
    the recorded API paging responses and the real PDFs.
    """
    from loopback import LoopbackArxiv

    with LoopbackArxiv.from_shared_data(shared_data) as server:
        yield server


@pytest.fixture()
def loopback_settings(kb_home: Path, loopback_arxiv):
    """Settings whose [feeds] URLs point at ``loopback_arxiv``, with test-sized waits."""
    from kb.config import load_settings

    return load_settings(
        feeds={
            **loopback_arxiv.feed_urls(),
            "delay_s": 0.03,
            "backoff_s": 0.02,
            "timeout_s": 1.0,
            "max_retries": 3,
            "max_retry_after_s": 2.0,
            "categories": ["cs.AI", "cs.LG", "cs.CV", "cs.RO"],
        }
    )

"""Shared fixtures: KB_HOME in a temp folder, the small real data of tests/fixtures, PDFs typeset
at test time, and the full corpus of ../shared/data when present.

A test that asks for ``shared_data`` (directly or through another fixture) is marked ``corpus``
here: ``pytest -m "not corpus"`` is what a fresh clone without ../shared runs in full.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(Path(__file__).resolve().parent))
SHARED_DATA = Path(os.environ.get("KB_SHARED_DATA", ROOT.parent / "shared" / "data"))
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# PDFs the loopback arXiv serves: typeset at test time under the names of real arXiv files
SERVED_PDFS = ("1903.10676", "2203.00130v1", "2206.10883v3", "2302.07302v1", "2304.02623v1",
               "2501.10120")  # fmt: skip


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """Mark every test that reads the corpus (the ``shared_data`` fixture) ``corpus``."""
    for item in items:
        if "shared_data" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """The real arXiv feeds and PDFs of ../shared/data; skips when the folder is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"real data folder not found: {SHARED_DATA}")
    return SHARED_DATA


@pytest.fixture(scope="session")
def fixtures() -> Path:
    """tests/fixtures: small excerpts of real arXiv feeds and API responses (see its README)."""
    return FIXTURES


@pytest.fixture(scope="session")
def served_pdfs(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """Two-column papers typeset by kb.typeset, one per name of ``SERVED_PDFS``, each distinct."""
    from pdf_factory import two_column_paper

    folder = tmp_path_factory.mktemp("served-pdfs")
    return {
        name: two_column_paper(folder / f"{name}.pdf", header=f"Preprint arXiv:{name}")
        for name in SERVED_PDFS
    }


def _pdf_routes(files: dict[str, Path]) -> dict[str, Path]:
    """``/pdf/<name>`` routes: the file's own name and its bare id (the version we have)."""
    routes: dict[str, Path] = {}
    for name, path in sorted(files.items()):
        routes[name] = path
        routes.setdefault(name.split("v")[0], path)
    return routes


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
def fake_arxiv(served_pdfs: dict[str, Path]):
    """A loopback arXiv replaying the fixture feeds of 2025-12-02, an API response and PDFs."""
    from loopback import FakeArxiv

    feeds = FIXTURES / "feeds"
    rss = {p.stem.split("_", 1)[1]: p for p in (feeds / "rss").glob("2025-12-02_*.xml")}
    server = FakeArxiv(
        rss=rss, api=feeds / "api" / "2025-12-08_query.atom", pdfs=_pdf_routes(served_pdfs)
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
def loopback_arxiv(served_pdfs: dict[str, Path]):
    """A loopback arXiv over tests/fixtures (tests/loopback.py): `.url`, `.requests`, `.script`.

    Serves the fixture RSS files of 2025-12-02, the fixture API Atom files (paged by
    ``start``; id_list lookups) and the typeset PDFs.
    """
    from loopback import LoopbackArxiv

    api = FIXTURES / "feeds" / "api"
    with LoopbackArxiv(
        rss={p.stem.split("_", 1)[1]: p for p in (FIXTURES / "feeds" / "rss").glob("2025-12-02_*")},
        api=api / "2025-12-08_query.atom",
        pdfs=_pdf_routes(served_pdfs),
        api_extra=tuple(sorted(api.glob("*.atom"))),
    ) as server:
        yield server


@pytest.fixture()
def corpus_arxiv(shared_data: Path):
    """The loopback arXiv over the whole corpus: every RSS file of 2025-12-02, the recorded API
    paging responses and the real PDFs."""
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

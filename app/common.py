"""Resources loaded once per app process, and small rendering helpers shared by pages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, TypeVar

import streamlit as st

from kb.config import Settings, load_settings
from kb.errors import KBError, NotFoundError, StoreBusyError
from kb.library import library_stats
from kb.textsafe import escape_markdown

T = TypeVar("T")
BUSY = "The knowledge base is updating; try again in a moment."
EMPTY = (
    "The knowledge base is empty. Run `kb daily --source demo` (or `kb ingest --feed-file ...`) "
    "to fill it, then reload this page."
)


@st.cache_resource(show_spinner=False)
def get_settings() -> Settings:
    """Settings, read once (KB_HOME / KB_CONFIG / kb.toml)."""
    return load_settings()


@st.cache_resource(show_spinner="Loading the embedding model…")
def get_searcher():
    """The hybrid searcher with its model and indexes (reloads indexes when data change)."""
    from kb.search import Searcher

    return Searcher(get_settings())


@st.cache_resource(show_spinner="Loading the answering backend…")
def get_asker():
    """The question answerer, sharing the searcher's model."""
    from kb.qa import Asker

    return Asker(get_settings(), get_searcher())


def reset_resources() -> None:
    """Forget cached settings and models (after the settings file changed)."""
    get_settings.clear()
    get_searcher.clear()
    get_asker.clear()


def safe(text: str | None) -> str:
    """Paper or feed text made safe to pass to st.markdown (shown literally)."""
    return escape_markdown(text or "")


def guarded(func: Callable[[], T]) -> T | None:
    """Run a kb call; a busy or missing KB becomes a clear message instead of a traceback."""
    try:
        return func()
    except StoreBusyError:
        st.info(BUSY, icon=":material/hourglass_top:")
    except NotFoundError as exc:
        st.info(str(exc), icon=":material/info:")
    except KBError as exc:
        st.error(str(exc), icon=":material/error:")
    return None


def require_kb() -> bool:
    """Show the empty-KB message and return False when there is nothing to show."""
    stats = guarded(lambda: library_stats(get_settings()))
    if stats is None:
        return False
    if stats.get("papers", 0) == 0:
        st.info(EMPTY, icon=":material/inventory_2:")
        return False
    return True


def open_paper(arxiv_id: str) -> None:
    """Go to the Paper page for this id."""
    st.session_state["paper_id"] = arxiv_id
    st.switch_page("pages/paper.py")


def paper_links(paper: dict[str, Any]) -> str:
    """abs / PDF / code links as Markdown (URLs come from parsed, cleaned feed fields)."""
    links = []
    if paper.get("abs_url"):
        links.append(f"[abs]({paper['abs_url']})")
    if paper.get("pdf_url"):
        links.append(f"[PDF]({paper['pdf_url']})")
    for url in paper.get("code_links") or []:
        links.append(f"[code]({url})")
    return " · ".join(links)


def rating_controls(arxiv_id: str, profiles: list[str], key: str) -> None:
    """Thumbs up / down per profile for one paper, with undo; stored at once (kb feedback)."""
    from kb.relevance.service import list_ratings, rate_paper, undo_rating

    settings = get_settings()
    current = {
        r.profile: r.relevant
        for r in guarded(lambda: list_ratings(settings)) or []
        if r.arxiv_id == arxiv_id
    }
    for profile in profiles:
        cols = st.columns([3, 1, 1, 1])
        state = current.get(profile)
        label = {True: "rated relevant", False: "rated not relevant", None: "not rated"}[state]
        cols[0].caption(f"{safe(profile)}: {label}")
        if cols[1].button(
            "👍", key=f"{key}-up-{profile}", help=f"Relevant for {profile}", disabled=state is True
        ):
            guarded(lambda p=profile: rate_paper(settings, arxiv_id, p, True, source="app"))
            st.rerun()
        if cols[2].button(
            "👎",
            key=f"{key}-down-{profile}",
            help=f"Not relevant for {profile}",
            disabled=state is False,
        ):
            guarded(lambda p=profile: rate_paper(settings, arxiv_id, p, False, source="app"))
            st.rerun()
        if cols[3].button("Undo", key=f"{key}-undo-{profile}", disabled=state is None):
            guarded(lambda p=profile: undo_rating(settings, arxiv_id, p))
            st.rerun()

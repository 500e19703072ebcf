"""Search page: query, filters, results grouped by paper: full-text passages with pages and
abstracts of every stored paper; "Read in full" fetches and ingests a paper's PDF."""

from datetime import date

import streamlit as st
from common import (
    get_searcher,
    get_settings,
    guarded,
    open_paper,
    rating_controls,
    require_kb,
    safe,
)

from kb.readfull import read_in_full
from kb.search import KINDS, SearchFilters, group_hits
from kb.textsafe import one_line

WHERE = {"both": KINDS, "abstracts": ("abstract",), "full texts": ("chunk",)}

st.title("Search the library")
settings = get_settings()
if require_kb():
    query = st.text_input("Query", placeholder="e.g. language-conditioned robot policies, LIBERO")
    with st.expander("Filters"):
        where = st.radio("Search in", list(WHERE), horizontal=True)
        col1, col2 = st.columns(2)
        since = col1.date_input("From", value=None)
        until = col2.date_input("To", value=None)
        categories = st.multiselect("Categories", settings.feeds.categories)
        profile = st.selectbox(
            "Matched profile",
            [""] + [p.name for p in settings.profiles],
            format_func=lambda x: x or "any",
        )
        k = st.slider("Passages", 5, 50, 15)
    if query:
        filters = SearchFilters(
            since=since if isinstance(since, date) else None,
            until=until if isinstance(until, date) else None,
            categories=categories,
            profile=profile or None,
            kinds=WHERE[where],
        )
        hits = guarded(lambda: get_searcher().search(query, k, filters))
        if hits is not None:
            groups = group_hits(hits)
            st.caption(f"{len(hits)} passages from {len(groups)} papers")
            if not groups:
                st.info("No results. Try other words or fewer filters.")
            for group in groups:
                with st.container(border=True):
                    badge = "full text" if group.full_text else "abstract only"
                    st.markdown(f"**{safe(group.title)}** · `{group.arxiv_id}` · *{badge}*")
                    for hit in group.hits:
                        if hit.kind == "abstract":
                            where_found = "abstract"
                        elif hit.page_end in (None, hit.page):
                            where_found = f"*{safe(hit.section)}* · p. {hit.page}"
                        else:
                            where_found = f"*{safe(hit.section)}* · pp. {hit.page}-{hit.page_end}"
                        st.markdown(where_found)
                        st.text(one_line(hit.text, 400))
                    rated = [profile] if profile else [p.name for p in settings.profiles]
                    if rated:
                        with st.expander("Rate this paper (teaches your profiles)"):
                            rating_controls(group.arxiv_id, rated, key=f"search-{group.arxiv_id}")
                    col_open, col_read = st.columns(2)
                    if col_open.button("Open paper", key=f"open-{group.arxiv_id}"):
                        open_paper(group.arxiv_id)
                    if not group.full_text and col_read.button(
                        "Read in full", key=f"read-{group.arxiv_id}"
                    ):
                        with st.spinner("Fetching and reading the PDF…"):
                            summary = guarded(
                                lambda gid=group.arxiv_id: read_in_full(settings, gid)
                            )
                        if summary is not None and summary.pdfs_parsed:
                            get_searcher.clear()
                            st.success(f"Read in full: {summary.chunks_added} passages added.")
                        elif summary is not None:
                            reasons = "; ".join(f["reason"] for f in summary.failures)
                            st.warning(f"Could not read the full text: {reasons or 'no PDF'}")

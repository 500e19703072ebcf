"""Search page: query, filters, results grouped by paper with snippets and pages."""

from datetime import date

import streamlit as st
from common import get_searcher, get_settings, guarded, open_paper, require_kb, safe

from kb.search import SearchFilters, group_hits
from kb.textsafe import one_line

st.title("Search the library")
settings = get_settings()
if require_kb():
    query = st.text_input("Query", placeholder="e.g. language-conditioned robot policies, LIBERO")
    with st.expander("Filters"):
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
        )
        hits = guarded(lambda: get_searcher().search(query, k, filters))
        if hits is not None:
            groups = group_hits(hits)
            st.caption(f"{len(hits)} passages from {len(groups)} papers")
            if not groups:
                st.info("No results. Try other words or fewer filters.")
            for group in groups:
                with st.container(border=True):
                    st.markdown(f"**{safe(group.title)}** · `{group.arxiv_id}`")
                    for hit in group.hits:
                        pages = (
                            f"p. {hit.page}"
                            if hit.page_end in (None, hit.page)
                            else (f"pp. {hit.page}-{hit.page_end}")
                        )
                        st.markdown(f"*{safe(hit.section)}* · {pages}")
                        st.text(one_line(hit.text, 400))
                    if st.button("Open paper", key=f"open-{group.arxiv_id}"):
                        open_paper(group.arxiv_id)

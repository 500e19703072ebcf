"""Library page: what is in the knowledge base, as charts, and what failed and why."""

import pandas as pd
import streamlit as st
from common import get_settings, guarded, require_kb

from kb.library import library_overview, library_stats

st.title("Library")
settings = get_settings()
if require_kb():
    stats = guarded(lambda: library_stats(settings)) or {}
    overview = guarded(lambda: library_overview(settings)) or {}
    cols = st.columns(4)
    cols[0].metric("Papers", stats.get("papers", 0))
    cols[1].metric("Full texts", stats.get("parsed", 0))
    cols[2].metric("Chunks", stats.get("chunks", 0))
    cols[3].metric("Failed", stats.get("failed", 0))
    left, right = st.columns(2)
    with left:
        st.subheader("Papers per day")
        per_day = pd.DataFrame(overview.get("per_day", []))
        if not per_day.empty:
            st.bar_chart(per_day.set_index("day")["papers"])
    with right:
        st.subheader("Papers per category")
        per_cat = pd.DataFrame(overview.get("per_category", []))
        if not per_cat.empty:
            st.bar_chart(per_cat.head(15).set_index("category")["papers"], horizontal=True)
    st.subheader("Papers per interest profile")
    per_profile = pd.DataFrame(overview.get("per_profile", []))
    if per_profile.empty:
        st.caption("No profile matches yet: they are recorded by `kb daily`.")
    else:
        st.bar_chart(per_profile.set_index("profile")["papers"], horizontal=True)
    st.subheader("Ingest failures")
    failures = pd.DataFrame(overview.get("failures", []))
    if failures.empty:
        st.success("No failures recorded.")
    else:
        st.dataframe(failures, hide_index=True, use_container_width=True)

"""Library page: what is in the knowledge base, as charts, and what failed and why."""

import pandas as pd
import streamlit as st
from common import get_settings, guarded, require_kb

from kb.library import library_overview, library_stats
from kb.records import Overview

st.title("Library")
settings = get_settings()
if require_kb():
    stats = guarded(lambda: library_stats(settings)) or {}
    overview = guarded(lambda: library_overview(settings)) or Overview()
    cols = st.columns(4)
    cols[0].metric("Papers", stats.get("papers", 0))
    cols[1].metric("Full texts", stats.get("parsed", 0))
    cols[2].metric("Chunks", stats.get("chunks", 0))
    cols[3].metric("Failed", stats.get("failed", 0))
    left, right = st.columns(2)
    with left:
        st.subheader("Papers per day")
        per_day = pd.Series(overview.per_day, name="papers", dtype=int)
        if not per_day.empty:
            st.bar_chart(per_day)
    with right:
        st.subheader("Papers per category")
        per_cat = pd.Series(overview.per_category, name="papers", dtype=int)
        if not per_cat.empty:
            st.bar_chart(per_cat.head(15), horizontal=True)
    st.subheader("Papers per interest profile")
    per_profile = pd.Series(overview.per_profile, name="papers", dtype=int)
    if per_profile.empty:
        st.caption("No profile matches yet: they are recorded by `kb daily`.")
    else:
        st.bar_chart(per_profile, horizontal=True)
    st.subheader("Ingest failures")
    failures = pd.DataFrame(overview.failures)
    if failures.empty:
        st.success("No failures recorded.")
    else:
        st.dataframe(failures, hide_index=True, use_container_width=True)

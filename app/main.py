"""arxiv-kb Streamlit app: navigation between the pages (every decision is made in kb)."""

import streamlit as st

st.set_page_config(page_title="arxiv-kb", page_icon=":material/article:", layout="wide")

PAGES = [
    st.Page("pages/today.py", title="Today", icon=":material/today:", default=True),
    st.Page("pages/search.py", title="Search", icon=":material/search:"),
    st.Page("pages/paper.py", title="Paper", icon=":material/description:"),
    st.Page("pages/interests.py", title="Interests", icon=":material/tune:"),
    st.Page("pages/library.py", title="Library", icon=":material/bar_chart:"),
]

st.navigation(PAGES).run()

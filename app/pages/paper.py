"""Paper page: metadata, abstract, analysis, and a chat about the paper with cited pages."""

import streamlit as st
from common import get_asker, get_settings, guarded, require_kb, safe

from kb.answer_model import escape_pieces
from kb.i18n import labels
from kb.library import paper_analysis, paper_record, render_page_png
from kb.qa import Conversation
from kb.similar import related_in_library
from kb.types import ANALYSIS_SECTIONS

settings = get_settings()
t = labels(settings.report.language)
st.title("Paper")
if require_kb():
    typed = st.text_input("arXiv id", value=st.session_state.get("paper_id", ""))
    arxiv_id = typed.strip()
    if not arxiv_id:
        st.caption("Open a paper from Today or Search, or type its arXiv id.")
    record = guarded(lambda: paper_record(settings, arxiv_id)) if arxiv_id else None
    if record:
        arxiv_id = record["arxiv_id"]
        st.session_state["paper_id"] = arxiv_id
        st.header(record["title"], anchor=False)
        st.caption(
            f"{record['versioned_id']} · {', '.join(record.get('categories') or [])} · "
            f"full text: {record['parse_status']} · {record['chunk_count']} chunks"
        )
        st.markdown(safe(", ".join(record.get("authors") or [])))
        if record.get("abstract"):
            with st.expander(t["abstract"], expanded=True):
                st.markdown(safe(record["abstract"]))
        related = guarded(lambda: related_in_library(settings, arxiv_id)) or []
        if related:
            with st.expander("Related in your library", expanded=True):
                for item in related:
                    when = item.announced.isoformat() if item.announced else "undated"
                    st.markdown(
                        f"**{safe(item.title)}** · `{item.arxiv_id}` · {when}  \n{safe(item.why)}"
                    )
        analysis = guarded(lambda: paper_analysis(settings, arxiv_id))
        if analysis:
            with st.expander(t["analysis"]):
                for name in ANALYSIS_SECTIONS:
                    st.markdown(f"**{t[name]}**")
                    st.markdown(
                        " ".join(f"{safe(s.text)} [p. {', '.join(map(str, s.pages))}]"
                                 for s in analysis.sections.get(name, [])) or t["empty_section"]
                    )  # fmt: skip
        st.subheader("Ask about this paper", anchor=False)
        key = f"conversation-{arxiv_id}"
        conversation = st.session_state.setdefault(key, Conversation(arxiv_id))
        for question, answer in conversation.turns:
            st.chat_message("user").markdown(safe(question))
            with st.chat_message("assistant"):
                st.markdown(safe(answer.answer))
        question = st.chat_input("Ask a question about this paper")
        if question:
            st.chat_message("user").markdown(safe(question))
            with st.chat_message("assistant"):
                box = st.empty()
                asker = get_asker()
                pieces = asker.stream(question, arxiv_id, conversation)
                if guarded(lambda: box.write_stream(escape_pieces(pieces))) is not None:
                    box.markdown(safe(asker.last.answer))  # cleaned: only valid citations
        cited = sorted({c.page for _, a in conversation.turns for c in a.citations})
        if cited:
            page = st.selectbox("Show a cited page", cited, format_func=lambda p: f"page {p}")
            image = guarded(lambda: render_page_png(settings, arxiv_id, page))
            if image:
                st.image(image, caption=f"{arxiv_id}, page {page}")

"""Today page: the latest daily report (or an earlier day), one card per paper."""

import streamlit as st
from common import get_settings, guarded, open_paper, rating_controls, safe

from kb.i18n import labels
from kb.reports import list_reports, load_report
from kb.types import ANALYSIS_SECTIONS

settings = get_settings()
t = labels(settings.report.language)
st.title("Today")
reports = list_reports(settings)
if not reports:
    st.info(
        "No daily report yet. Run `kb daily --source demo` (offline demo) or "
        "`kb daily --source live`, then reload this page.",
        icon=":material/inventory_2:",
    )
else:
    day = st.selectbox("Day", [r.day for r in reports], format_func=lambda d: d.isoformat())
    report = guarded(lambda: load_report(settings, day))
    if report:
        if report.get("is_demo"):
            st.warning(t["demo"], icon=":material/science:")
        counts = report.get("counts", {})
        cols = st.columns(5)
        for col, key in zip(
            cols, ("announced", "matched", "new", "cross", "replaced"), strict=True
        ):
            col.metric(t[key].capitalize(), counts.get(key, 0))
        if not report["papers"]:
            st.info(t["no_papers"] if not counts.get("announced") else t["no_matches"])
        for paper in report["papers"]:
            with st.container(border=True):
                st.subheader(paper["title"], anchor=False)
                st.caption(
                    f"{paper['versioned_id']} · {', '.join(paper['categories'])} · "
                    f"{', '.join(paper['authors'][:6])}{' …' if len(paper['authors']) > 6 else ''}"
                )
                for match in paper["matches"]:
                    st.markdown(
                        f"**{safe(match['profile'])}** · score {match['score']:.2f} · "
                        f"{safe(match['reason'])}"
                    )
                links = [
                    f"[abs](https://arxiv.org/abs/{paper['versioned_id']})",
                    f"[PDF](https://arxiv.org/pdf/{paper['versioned_id']})",
                ]
                links += [f"[code]({url})" for url in paper.get("code_links", [])]
                st.markdown(" · ".join(links))
                analysis = paper.get("analysis")
                with st.expander(t["analysis"], expanded=False):
                    if analysis is None:
                        st.caption(paper.get("analysis_note") or t["no_analysis"])
                    else:
                        for name in ANALYSIS_SECTIONS:
                            sentences = analysis["sections"].get(name, [])
                            st.markdown(f"**{t[name]}**")
                            st.markdown(
                                " ".join(
                                    f"{safe(s['text'])} [p. {', '.join(map(str, s['pages']))}]"
                                    for s in sentences
                                )
                                or t["empty_section"]
                            )
                with st.expander("Rate this paper (teaches your profiles)", expanded=False):
                    rating_controls(
                        paper["arxiv_id"],
                        [m["profile"] for m in paper["matches"]],
                        key=f"today-{paper['arxiv_id']}",
                    )
                if st.button("Open paper", key=f"today-{paper['arxiv_id']}"):
                    open_paper(paper["arxiv_id"])

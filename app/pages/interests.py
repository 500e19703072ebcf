"""Interests page: view and edit profiles (saved to kb.toml) with a live preview of matches."""

from pathlib import Path

import pandas as pd
import streamlit as st
from common import get_settings, guarded, reset_resources, safe

from kb.config import Profile
from kb.configfile import save_profiles
from kb.library import recent_papers
from kb.relevance import effective_profiles
from kb.relevance.service import score_with_kb

st.title("Interests")
settings = get_settings()
profiles = effective_profiles(settings)
config_path = settings.config_file or Path("kb.toml")
if not settings.profiles:
    st.info(
        "No profiles in your settings yet: these are the shipped examples. "
        f"Saving writes them to {config_path}.",
        icon=":material/info:",
    )

names = [p.name for p in profiles]
choice = st.selectbox("Profile", [*names, "+ new profile"])
current = next((p for p in profiles if p.name == choice), None) or Profile(name="", description="")

with st.form("profile"):
    name = st.text_input("Name", current.name)
    description = st.text_area("What you follow, in plain words", current.description, height=120)
    keywords = st.text_input("Keywords (comma separated, whole words)", ", ".join(current.keywords))
    acronyms = st.text_input(
        "Case-sensitive keywords (acronyms such as VLA)", ", ".join(current.case_sensitive_keywords)
    )
    examples = st.text_area(
        "Example papers (arXiv ids or titles, one per line)", "\n".join(current.examples)
    )
    negatives = st.text_area(
        "Negative examples (one per line)", "\n".join(current.negative_examples)
    )
    categories = st.multiselect(
        "Only these categories (optional)",
        sorted(set(settings.feeds.categories) | set(current.categories)),
        default=current.categories,
    )
    excludes = st.text_input(
        "Exclude keywords (comma separated; a paper with one never matches)",
        ", ".join(current.exclude_keywords),
    )
    own_bar = st.checkbox(
        "Set my own threshold (default: calibrated for this profile, nothing to set)",
        value=current.threshold is not None,
    )
    threshold = st.slider(
        "Threshold (standard deviations above the background)",
        0.0,
        6.0,
        float(current.threshold if current.threshold is not None else 2.5),
        0.1,
    )
    preview = st.form_submit_button("Preview matches")
    save = st.form_submit_button("Save to kb.toml", type="primary")


def _split(text: str, sep: str) -> list[str]:
    return [part.strip() for part in text.split(sep) if part.strip()]


if preview or save:
    try:
        edited = Profile(
            name=name.strip(),
            description=description.strip(),
            keywords=_split(keywords, ","),
            case_sensitive_keywords=_split(acronyms, ","),
            examples=_split(examples, "\n"),
            negative_examples=_split(negatives, "\n"),
            categories=categories,
            exclude_keywords=_split(excludes, ","),
            threshold=threshold if own_bar else None,
        )
    except ValueError as exc:
        st.error(f"Invalid profile: {exc}")
        edited = None
    if edited is not None and (not edited.name or not edited.description):
        st.error("A profile needs a name and a description.")
        edited = None
    if edited is not None and save:
        updated = [edited if p.name == current.name else p for p in profiles]
        if current.name not in names:
            updated.append(edited)
        if guarded(lambda: save_profiles(config_path, updated)) is not None:
            reset_resources()
            st.success(f"Saved {len(updated)} profiles to {config_path}.")
    if edited is not None:
        papers = guarded(lambda: recent_papers(settings, limit=300)) or []
        if not papers:
            st.info("No papers in the knowledge base to preview against yet.")
        else:
            decisions = (
                guarded(lambda: score_with_kb(settings, papers, [edited], store=False)) or []
            )
            matched = sorted((d for d in decisions if d.matched), key=lambda d: -d.score)
            st.subheader(f"{len(matched)} of {len(papers)} recent papers match")
            if matched:
                st.dataframe(
                    pd.DataFrame(
                        [
                            {
                                "arxiv_id": d.arxiv_id,
                                "title": d.title,
                                "score": round(d.score, 3),
                                "why": d.reason,
                            }
                            for d in matched
                        ]
                    ),
                    hide_index=True,
                    use_container_width=True,
                )
            near = [d for d in sorted(decisions, key=lambda d: -d.score) if not d.matched][:5]
            if near:
                st.caption("Closest papers that did not match:")
                for d in near:
                    st.markdown(f"- {safe(d.title)} ({d.score:.2f}; bar {d.threshold:.2f})")

"""Keyword evidence: whole-word hits, weighted by where they occur."""

from __future__ import annotations

import re

from kb.config import Profile

TITLE_BONUS = 1.0
REPEATED_BONUS = 0.6
PASSING_BONUS = 0.1


def _keyword_pattern(keyword: str, case_sensitive: bool) -> re.Pattern[str]:
    words = [re.escape(w) for w in re.split(r"[\s\-]+", keyword.strip()) if w]
    body = r"[\s\-]+".join(words)
    return re.compile(rf"(?<![\w-]){body}(?![\w-])", 0 if case_sensitive else re.IGNORECASE)


def keyword_hits(profile: Profile, title: str, abstract: str) -> tuple[list[str], float]:
    """Keywords found (whole words) and their weight: title > repeated > passing mention."""
    hits: list[str] = []
    weight = 0.0
    mentions = 0
    patterns = [(k, _keyword_pattern(k, False)) for k in profile.keywords] + [
        (k, _keyword_pattern(k, True)) for k in profile.case_sensitive_keywords
    ]
    for keyword, pattern in patterns:
        in_title = bool(pattern.search(title))
        in_abstract = len(pattern.findall(abstract))
        if not in_title and not in_abstract:
            continue
        hits.append(keyword)
        mentions += in_abstract
        weight = max(weight, TITLE_BONUS if in_title else PASSING_BONUS)
    if weight < TITLE_BONUS and mentions >= 2:  # the topic recurs (any spelling of it)
        weight = REPEATED_BONUS
    return hits, weight

"""Keyword evidence: whole-word hits, weighted by where they occur and how rare they are.

A keyword matches as whole words, case-insensitively, with any spacing or hyphenation between
its words and an optional plural ("jailbreak" finds "jailbreaks"). A keyword written like an
acronym (two or more capitals, no spaces: "CT", "BEV", "3DGS") matches with its case, so "CT"
does not find "ct" inside a formula; `case_sensitive_keywords` force case for any keyword.

A keyword few background papers contain ("optimal transport", "Mamba", "event camera": under
``relevance.rare_keyword_share`` of them) is strong evidence wherever it occurs: a hit counts
``relevance.rare_keyword_bonus`` times a title hit. Measured on the labelled sets, a paper
whose abstract names such a keyword once is relevant two times in three, one naming a keyword
that 5% of papers contain one time in ten.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from kb.config import Profile

TITLE_BONUS = 1.0
REPEATED_BONUS = 0.6
PASSING_BONUS = 0.1


def looks_like_acronym(keyword: str) -> bool:
    """``CT``, ``VLA``, ``3DGS``, ``LiDAR``: short, no spaces, two or more capitals."""
    word = keyword.strip()
    return " " not in word and len(word) <= 8 and sum(c.isupper() for c in word) >= 2


@lru_cache(maxsize=4096)
def keyword_pattern(keyword: str, case_sensitive: bool) -> re.Pattern[str]:
    """A whole-word pattern for a keyword (spaces or hyphens between words, plural allowed)."""
    words = [re.escape(w) for w in re.split(r"[\s\-]+", keyword.strip()) if w]
    body = r"[\s\-]+".join(words)
    plural = "" if case_sensitive and looks_like_acronym(keyword) else r"(?:e?s)?"
    flags = 0 if case_sensitive else re.IGNORECASE
    return re.compile(rf"(?<![\w-]){body}{plural}(?![\w-])", flags)


def _patterns(words: list[str], forced_case: list[str]) -> list[tuple[str, re.Pattern[str]]]:
    return [(k, keyword_pattern(k, looks_like_acronym(k))) for k in words if k.strip()] + [
        (k, keyword_pattern(k, True)) for k in forced_case if k.strip()
    ]


def rare_keywords(
    profile: Profile, texts: Sequence[tuple[str, str]], share: float
) -> frozenset[str]:
    """The profile's keywords that fewer than ``share`` of ``texts`` (the background papers'
    titles and abstracts) contain; none when ``share`` is 0."""
    if share <= 0 or not texts:
        return frozenset()
    limit = share * len(texts)
    rare = set()
    for keyword, pattern in _patterns(profile.keywords, profile.case_sensitive_keywords):
        count = 0
        for title, abstract in texts:
            if pattern.search(title) or pattern.search(abstract):
                count += 1
                if count >= limit:
                    break
        if count < limit:
            rare.add(keyword)
    return frozenset(rare)


def keyword_hits(
    profile: Profile,
    title: str,
    abstract: str,
    rare: frozenset[str] = frozenset(),
    rare_bonus: float = TITLE_BONUS,
) -> tuple[list[str], float]:
    """Keywords found (whole words) and their weight: title > repeated > passing mention; a
    hit of a ``rare`` keyword (see ``rare_keywords``) weighs at least ``rare_bonus``."""
    hits: list[str] = []
    weight = 0.0
    mentions = 0
    for keyword, pattern in _patterns(profile.keywords, profile.case_sensitive_keywords):
        in_title = bool(pattern.search(title))
        in_abstract = len(pattern.findall(abstract))
        if not in_title and not in_abstract:
            continue
        hits.append(keyword)
        mentions += in_abstract
        weight = max(weight, TITLE_BONUS if in_title else PASSING_BONUS)
    if weight < TITLE_BONUS and mentions >= 2:  # the topic recurs (any spelling of it)
        weight = REPEATED_BONUS
    if rare & set(hits):
        weight = max(weight, rare_bonus)
    return hits, weight


def excluded_keyword(profile: Profile, title: str, abstract: str) -> str | None:
    """The first ``exclude_keywords`` entry found in the title or abstract, if any."""
    text = f"{title}\n{abstract}"
    for keyword, pattern in _patterns(profile.exclude_keywords, []):
        if pattern.search(text):
            return keyword
    return None

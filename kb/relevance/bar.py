"""A profile's bar before ratings: relative to its best matches, raised for a rare topic.

A narrow profile with distinctive words scores its few papers far above everything else (10+
standard deviations) and its near neighbours well above a fixed bar; a broad, diffusely
worded one never scores anything very high, and its papers sit at 1.5-2.5. So the bar starts
at ``relative_bar`` of the mean of the ``bar_top`` best scores (background and new papers
together, so a small feed does not move it much).

How many background papers score high says how common the profile's topic is. Where few do
(a niche topic: a handful of papers a day, and the rest of its top scores are near
neighbours), the bar rises by ``rarity_weight`` for every e-fold fewer background papers
than ``rarity_share`` scoring ``rarity_score`` or more; where many do (a broad topic), it
comes down the same way. It never rises above ``relative_bar_max`` of the best matches'
mean, nor falls under ``min_score``. Chosen on the older label sets, reported on later ones
(README: Relevance).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import numpy as np

from kb.config import Settings

# The rarity term's share is floored at this (4 of 2,000 papers): below it the count is noise.
MIN_SHARE = 0.002


@dataclass(frozen=True)
class ProfileBar:
    """The bar, the best matches' mean it is relative to, and how rarity moved it."""

    threshold: float
    top: float
    tail_share: float = 0.0
    rarity: float = 0.0


def profile_bar(background: np.ndarray, papers: np.ndarray, settings: Settings) -> ProfileBar:
    """The profile's bar from its scores over the background and the new papers.

    Args:
        background: the profile's final scores of the background papers.
        papers: its final scores of the papers being decided.
        settings: ``[relevance]`` holds the bar's parameters.
    """
    rel = settings.relevance
    scores = np.concatenate([background, papers])
    if not len(scores):
        return ProfileBar(rel.min_score, 0.0)
    top = float(np.sort(scores)[::-1][: rel.bar_top].mean())
    relative = rel.relative_bar * top
    tail = float((background >= rel.rarity_score).mean()) if len(background) else rel.rarity_share
    rarity = -rel.rarity_weight * math.log(max(tail, MIN_SHARE) / rel.rarity_share)
    ceiling = max(relative, rel.relative_bar_max * top)
    threshold = max(rel.min_score, min(relative + rarity, ceiling))
    return ProfileBar(threshold, top, tail, threshold - max(rel.min_score, relative))

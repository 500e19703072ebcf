"""The bar after the user's ratings of matched papers: how precise the digest turned out.

A rating of a paper the profile matched says whether the bar let the right paper in. When
the rated matches were nearly all relevant, the bar comes down a little (more of what lies
just under it is probably wanted too); when several were not, it goes up. The share of
relevant papers among the rated matches is smoothed toward ``TARGET`` with ``PRIOR``
pseudo-ratings, so one rating moves the bar little, and needs ``MIN_RATED`` rated matches
before it acts. The bar moves ``relevance.feedback_bar`` standard deviations per unit of
difference from ``TARGET``, and never under ``relevance.min_score``. Chosen on the older
label sets with a user rating the top of their digest, reported on four sets it was not
chosen on (README: Relevance, "Ratings").
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

import numpy as np

TARGET = 0.85  # the share of relevant papers among rated matches at which the bar stays
PRIOR = 2.0  # pseudo-ratings at TARGET that smooth the share
MIN_RATED = 3  # rated matches needed before the bar moves


@dataclass(frozen=True)
class RatedBar:
    """The bar after ratings, how far it moved, and the rated matches it moved on."""

    threshold: float
    shift: float
    rated_matches: int
    relevant: int


def rated_bar(
    threshold: float,
    scores: np.ndarray,
    verdicts: Mapping[int, bool],
    weight: float,
    floor: float,
) -> RatedBar:
    """Move ``threshold`` by the ratings of the papers it matches.

    Args:
        threshold: the calibrated bar before ratings.
        scores: the final scores of the papers scored (rated ones among them).
        verdicts: index into ``scores`` -> the user's rating (True: relevant).
        weight: ``relevance.feedback_bar`` (0 leaves the bar where it is).
        floor: the lowest bar (``relevance.min_score``).
    """
    matched = [bool(ok) for i, ok in verdicts.items() if scores[i] >= threshold]
    relevant = sum(matched)
    if weight <= 0 or len(matched) < MIN_RATED:
        return RatedBar(threshold, 0.0, len(matched), relevant)
    share = (relevant + TARGET * PRIOR) / (len(matched) + PRIOR)
    moved = max(floor, threshold + weight * (TARGET - share))
    return RatedBar(moved, moved - threshold, len(matched), relevant)

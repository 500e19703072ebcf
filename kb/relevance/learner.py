"""A per-profile linear model over paper vectors: confident matches and the user's ratings.

arxiv-sanity ranks by an SVM trained on a user's tagged papers against all others; here the
same kind of model starts before any rating: the papers the calibrated score is confident
about (far above the background, and the bulk far below it) are its first labels, so it
learns the region of the embedding space the profile's papers occupy, beyond the few
sentences of the description. Ratings join as labels that weigh more than the guesses, and
override them for the rated papers.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

import numpy as np

log = logging.getLogger(__name__)

CONFIDENT_MATCH = 3.0  # calibrated score above which a paper is taken as a positive
CONFIDENT_MISS = 1.0  # below which it is taken as a negative
MIN_POSITIVES = 3
RATING_WEIGHT = 5.0
REGULARISATION_C = 1.0


@dataclass
class LinearProfileModel:
    """A fitted model, its score scale on the background, and what it learned from."""

    weights: np.ndarray
    bias: float
    scale_mean: float
    scale_std: float
    n_positive: int
    n_negative: int
    n_rated: int

    def calibrated(self, vectors: np.ndarray) -> np.ndarray:
        """Scores in standard deviations above the background mean, like the base score."""
        raw = vectors @ self.weights + self.bias
        return (raw - self.scale_mean) / self.scale_std


def fit_profile_model(
    background: np.ndarray,
    background_scores: np.ndarray,
    papers: np.ndarray,
    paper_scores: np.ndarray,
    liked: list[np.ndarray] | None = None,
    disliked: list[np.ndarray] | None = None,
) -> LinearProfileModel | None:
    """Fit a logistic regression on confident guesses plus ratings; None if too few positives.

    Args:
        background: centred background vectors; ``background_scores`` their base scores.
        papers: centred vectors of the papers being scored; ``paper_scores`` their scores.
        liked: centred vectors of papers the user rated relevant (labels 1, heavier).
        disliked: centred vectors of papers rated not relevant (labels 0, heavier).
    """
    from sklearn.linear_model import LogisticRegression

    liked, disliked = liked or [], disliked or []
    vectors = np.vstack([background, papers])
    scores = np.concatenate([background_scores, paper_scores])
    positive, negative = scores >= CONFIDENT_MATCH, scores < CONFIDENT_MISS
    if positive.sum() + len(liked) < MIN_POSITIVES or not negative.any():
        return None
    keep = positive | negative
    x = [vectors[keep]]
    y = [positive[keep].astype(int)]
    w = [np.ones(int(keep.sum()))]
    for rated, label in ((liked, 1), (disliked, 0)):
        if rated:
            x.append(np.vstack(rated))
            y.append(np.full(len(rated), label))
            w.append(np.full(len(rated), RATING_WEIGHT))
    labels = np.concatenate(y)
    weights = np.concatenate(w)
    # balance the classes by weight, so a narrow profile's few matches still count
    for label in (0, 1):
        mask = labels == label
        weights[mask] *= len(labels) / (2.0 * weights[mask].sum())
    model = LogisticRegression(C=REGULARISATION_C, max_iter=1000)
    model.fit(np.vstack(x), labels, sample_weight=weights)
    raw = background @ model.coef_[0] + model.intercept_[0]
    return LinearProfileModel(
        weights=model.coef_[0].astype(np.float32),
        bias=float(model.intercept_[0]),
        scale_mean=float(raw.mean()),
        scale_std=float(max(raw.std(), 1e-6)),
        n_positive=int(positive.sum()) + len(liked),
        n_negative=int(negative.sum()) + len(disliked),
        n_rated=len(liked) + len(disliked),
    )

"""What the user follows: interest profiles (``[[profiles]]``) and how papers are scored
against them (``[relevance]``); part of ``kb.config.Settings``."""

from __future__ import annotations

import logging

from pydantic import BaseModel, Field, field_validator

LEGACY_THRESHOLD_BELOW = 1.0  # profile thresholds under this are older versions' cosines


class Profile(BaseModel):
    """A named interest: what the user follows, in plain words, with optional hints."""

    name: str = Field(description="Short unique name.")
    description: str = Field(
        description="One or several sentences in plain language; sentences such as "
        "'Not relevant: A, B.' or clauses 'but not C' name what to exclude."
    )
    keywords: list[str] = Field(
        default_factory=list,
        description="Whole-word keywords (plural allowed; acronyms like CT keep their case).",
    )
    case_sensitive_keywords: list[str] = Field(
        default_factory=list, description="Keywords matched with case (acronyms such as VLA)."
    )
    exclude_keywords: list[str] = Field(
        default_factory=list,
        description="Whole words that veto a match (unless the paper is a positive example).",
    )
    examples: list[str] = Field(
        default_factory=list, description="arXiv ids in the KB, or titles/abstract text."
    )
    negative_examples: list[str] = Field(
        default_factory=list, description="Papers or text this profile should not match."
    )
    categories: list[str] = Field(default_factory=list, description="Only these categories.")
    threshold: float | None = Field(
        default=None,
        description="Calibrated score a paper needs to match, in standard deviations above "
        "the background (default: relevance.min_score); set only to override calibration.",
    )

    @field_validator("threshold")
    @classmethod
    def _not_a_cosine(cls, value: float | None) -> float | None:
        """A value under 1 is an older version's cosine threshold: on today's scale it would
        match most papers, so it is dropped (with a warning) and calibration decides."""
        if value is not None and value < LEGACY_THRESHOLD_BELOW:
            logging.getLogger(__name__).warning(
                "a profile threshold of %s is on the old cosine scale and is ignored: "
                "thresholds are standard deviations above the background now (see "
                "relevance.min_score); remove it to let calibration decide", value
            )  # fmt: skip
            return None
        return value


class RelevanceSettings(BaseModel):
    """Scoring papers against profiles (calibrated against a background; no threshold to set)."""

    min_score: float = Field(
        default=1.5,
        description="The lowest bar: calibrated score (standard deviations above the "
        "profile's mean over the background papers) a paper needs at least.",
    )
    relative_bar: float = Field(
        default=0.5, gt=0, le=1,
        description="A paper matches at this share of the score of the profile's best "
        "matches (the mean of its `bar_top` best scores over background and new papers), "
        "moved by how rare high scores are (`rarity_*`).",
    )  # fmt: skip
    bar_top: int = Field(
        default=10, ge=1, description="How many best scores the relative bar is taken from."
    )
    rarity_score: float = Field(
        default=3.0, description="A background paper scoring this or more counts as high."
    )
    rarity_share: float = Field(
        default=0.0165, gt=0, lt=1,
        description="The share of background papers scoring high at which the bar stays "
        "where `relative_bar` puts it; fewer raise it, more lower it.",
    )  # fmt: skip
    rarity_weight: float = Field(
        default=1.0, ge=0,
        description="How far the bar moves per e-fold fewer (or more) high-scoring background "
        "papers than `rarity_share` (0 turns it off).",
    )  # fmt: skip
    relative_bar_max: float = Field(
        default=0.6, gt=0, le=1,
        description="The bar never rises above this share of the best matches' score.",
    )  # fmt: skip
    keyword_weight: float = Field(
        default=2.0, ge=0, description="Score added for a keyword in the title (less elsewhere)."
    )
    rare_keyword_share: float = Field(
        default=0.002, ge=0, le=1,
        description="A keyword fewer than this share of the background papers contain is rare "
        "(0 turns rare keywords off) ...",
    )  # fmt: skip
    rare_keyword_bonus: float = Field(
        default=1.5, ge=0,
        description="... and a hit of it, wherever it is, counts this many title hits.",
    )  # fmt: skip
    lexical_weight: float = Field(
        default=1.0, ge=0,
        description="Weight of the profile's words (TF-IDF) beside the meaning of its "
        "description (0 turns the lexical channel off).",
    )  # fmt: skip
    exclusion_penalty: float = Field(
        default=3.0, ge=0,
        description="Score removed from a paper closer to an exclusion than to the profile.",
    )  # fmt: skip
    exclusion_margin: float = Field(
        default=0.05, ge=0, description="How much closer to an exclusion before it applies."
    )
    self_training: float = Field(
        default=2.0, ge=0,
        description="Weight of the per-profile linear model fitted on confident matches and "
        "ratings (0 turns it off).",
    )  # fmt: skip
    feedback_bar: float = Field(
        default=1.5, ge=0,
        description="How far your ratings of matched papers move the bar: standard "
        "deviations per unit of difference between 85% and the (smoothed) share of them you "
        "rated relevant; acts from 3 rated matches (0 turns it off).",
    )  # fmt: skip
    doc_words: int = Field(
        default=90, ge=10, description="Words of title + abstract embedded per paper."
    )
    background_min_papers: int = Field(
        default=1000, ge=50,
        description="Recent KB papers needed before they replace the shipped background set.",
    )  # fmt: skip
    background_max_papers: int = Field(
        default=2000, ge=100, description="Recent KB papers used as background at most."
    )
    llm_judge: bool = Field(
        default=False,
        description="Ask the [llm] model backend to judge near-threshold papers (opt-in).",
    )
    llm_judge_margin: float = Field(
        default=0.75, ge=0, description="Papers this close to the threshold go to the judge."
    )
    llm_judge_max: int = Field(default=30, ge=0, description="Judge calls per run at most.")

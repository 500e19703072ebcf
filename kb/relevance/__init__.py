"""Interest profiles -> per-paper decisions with a calibrated score and a reason to check."""

from kb.relevance.decision import Decision
from kb.relevance.evaluation import evaluate, keyword_only
from kb.relevance.keywords import keyword_hits
from kb.relevance.profiles import EXAMPLE_CONFIG, effective_profiles, example_profiles
from kb.relevance.scoring import score_papers

__all__ = [
    "EXAMPLE_CONFIG",
    "Decision",
    "effective_profiles",
    "evaluate",
    "example_profiles",
    "keyword_hits",
    "keyword_only",
    "score_papers",
]

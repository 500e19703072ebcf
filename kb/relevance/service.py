"""What the CLI and the app call: score papers with the KB's ratings, rate, undo, replay.

Scoring remembers the scored papers' metadata in the knowledge base (so any of them can be
rated with ``kb feedback`` or found again) unless another process is writing; then it scores
from a read-only view and stores nothing.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator, Sequence
from contextlib import ExitStack, contextmanager
from datetime import UTC, datetime
from typing import Any

from kb.config import Profile, Settings
from kb.db import Database
from kb.errors import ConfigError, LockedError, NotFoundError, StoreBusyError
from kb.ids import normalize_id
from kb.lock import run_lock
from kb.relevance.decision import Decision
from kb.relevance.evaluation import evaluate
from kb.relevance.profiles import effective_profiles
from kb.relevance.scoring import score_papers
from kb.types import Paper, Rating

log = logging.getLogger(__name__)


@contextmanager
def _database(settings: Settings, store: bool) -> Iterator[Database | None]:
    """A writable KB when we may write, else a read-only one, else none."""
    with ExitStack() as stack:
        db: Database | None = None
        if store:
            try:
                stack.enter_context(run_lock(settings.lock_path))
                db = stack.enter_context(Database.open(settings.db_path, wait_s=2.0))
            except (LockedError, StoreBusyError):
                log.info("another process writes the knowledge base: scoring without storing")
                stack.close()
        if db is None and settings.db_path.exists():
            try:
                db = stack.enter_context(Database.open(settings.db_path, read_only=True))
            except StoreBusyError:
                log.info("knowledge base busy: scoring without it")
        yield db


def make_judge(settings: Settings) -> Any | None:
    """The LLM judge when ``relevance.llm_judge`` is on (and [llm] has a model), else None."""
    if not settings.relevance.llm_judge:
        return None
    from kb.relevance.judge import LLMJudge

    return LLMJudge.from_settings(settings)


def score_with_kb(
    settings: Settings,
    papers: Sequence[Paper],
    profiles: Sequence[Profile] | None = None,
    store: bool = True,
) -> list[Decision]:
    """Score papers against the profiles with the KB's background, ratings and examples.

    Args:
        settings: the settings (profiles default to ``effective_profiles``).
        papers: the papers to score.
        profiles: other profiles than the configured ones (the app's preview).
        store: remember the papers' metadata (and cache their vectors) in the KB.
    """
    profiles = list(profiles) if profiles is not None else effective_profiles(settings)
    with _database(settings, store) as db:
        if db is not None and not db.read_only and papers:
            with db.transaction():
                db.upsert_papers(papers)
        return score_papers(papers, profiles, settings, db=db, judge=make_judge(settings))


def _profile_named(settings: Settings, name: str) -> Profile:
    for profile in effective_profiles(settings):
        if profile.name == name:
            return profile
    names = [p.name for p in effective_profiles(settings)]
    raise ConfigError(f"no profile named {name!r} (have: {', '.join(names)})")


def rate_paper(
    settings: Settings, arxiv_id: str, profile: str, relevant: bool, source: str = "cli"
) -> Rating:
    """Store the user's rating of a paper for a profile (any paper in the KB).

    Raises:
        ConfigError: no such profile.
        NotFoundError: the paper is not in the knowledge base.
    """
    _profile_named(settings, profile)
    arxiv_id = normalize_id(arxiv_id)
    with run_lock(settings.lock_path, wait_s=10.0), Database.open(settings.db_path) as db:
        if db.get_paper(arxiv_id) is None:
            raise NotFoundError(
                f"{arxiv_id} is not in the knowledge base: score or ingest it first "
                "(kb relevance --feed-file, kb daily, kb ingest, kb backfill)"
            )
        db.rate(arxiv_id, profile, relevant, source)
    log.info("rated %s %s for %s", arxiv_id, "relevant" if relevant else "not relevant", profile)
    return Rating(arxiv_id, profile, relevant, datetime.now(UTC), source)


def undo_rating(settings: Settings, arxiv_id: str, profile: str) -> bool:
    """Remove a rating; False when there was none."""
    arxiv_id = normalize_id(arxiv_id)
    with run_lock(settings.lock_path, wait_s=10.0), Database.open(settings.db_path) as db:
        return db.unrate(arxiv_id, profile)


def list_ratings(settings: Settings, profile: str | None = None) -> list[Rating]:
    """The stored ratings (of one profile, or all), oldest first."""
    if not settings.db_path.exists():
        return []
    with Database.open(settings.db_path, read_only=True) as db:
        return db.ratings(profile)


def replay_ratings(
    labels: Sequence[dict[str, Any]], per_profile: int
) -> tuple[list[Rating], set[tuple[str, str]]]:
    """The first ``per_profile`` labels of each profile (file order) as ratings."""
    taken: dict[str, int] = {}
    ratings: list[Rating] = []
    now = datetime.now(UTC)
    for label in labels:
        profile = label["profile"]
        if taken.get(profile, 0) >= per_profile:
            continue
        taken[profile] = taken.get(profile, 0) + 1
        ratings.append(Rating(label["arxiv_id"], profile, bool(label["relevant"]), now, "replay"))
    return ratings, {(r.arxiv_id, r.profile) for r in ratings}


def digest_ratings(
    decisions: Sequence[Decision], labels: Sequence[dict[str, Any]]
) -> list[dict[str, Any]]:
    """The labels a user would give reading their digest: the labelled papers each profile
    matched, best-scored first (``replay_ratings`` then takes the first N per profile)."""
    verdicts = {(lab["arxiv_id"], lab["profile"]): lab for lab in labels}
    shown = sorted(
        (d for d in decisions if d.matched and (d.arxiv_id, d.profile) in verdicts),
        key=lambda d: -d.score,
    )
    return [verdicts[(d.arxiv_id, d.profile)] for d in shown]


FEEDBACK_FROM = ("file", "digest")


def evaluate_labels(
    settings: Settings,
    papers: Sequence[Paper],
    labels: Sequence[dict[str, Any]],
    feedback: int = 0,
    feedback_from: str = "file",
) -> dict[str, Any]:
    """Figures on labelled papers; with ``feedback`` N, N labels per profile are replayed as
    ratings (in memory). ``feedback_from`` "file" takes the first N labels of each profile in
    file order, and the figures are on the other labels; "digest" takes the N best-scored
    papers the profile matched with default settings, as a user rating their digest would,
    and the figures are on all labels (the rated papers decided as rated, as the product
    shows them: the rest alone would lack the best matches)."""
    if feedback_from not in FEEDBACK_FROM:
        raise ValueError(f"feedback_from must be one of {FEEDBACK_FROM}, not {feedback_from!r}")
    wanted = {lab["profile"] for lab in labels}
    profiles = [p for p in effective_profiles(settings) if p.name in wanted]
    ratings: list[Rating] = []
    skip: set[tuple[str, str]] = set()
    if feedback:
        source = labels
        if feedback_from == "digest":
            source = digest_ratings(score_papers(papers, profiles, settings), labels)
        ratings, skip = replay_ratings(source, feedback)
        skip = skip if feedback_from == "file" else set()
    decisions = score_papers(papers, profiles, settings, ratings=ratings)
    report = evaluate(decisions, labels, skip=skip)
    report["_feedback"] = {"per_profile": feedback, "ratings": len(ratings),
                           "from": feedback_from}  # fmt: skip
    return report


def import_examples(settings: Settings, path: Any, profile: str) -> Any:
    """``kb profile import``: a reference library as examples of a profile (all or nothing)."""
    from kb.relevance.library_import import import_library

    _profile_named(settings, profile)
    with run_lock(settings.lock_path, wait_s=10.0), Database.open(settings.db_path) as db:
        return import_library(db, path, profile)

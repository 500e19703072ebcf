"""A decision per (paper, profile), and the reason in words: which part decided, and how."""

from __future__ import annotations

from dataclasses import asdict, dataclass
from typing import TYPE_CHECKING, Any

from kb.config import Profile, Settings
from kb.relevance.keywords import TITLE_BONUS, keyword_hits
from kb.types import Paper

if TYPE_CHECKING:
    from kb.relevance.background import Background
    from kb.relevance.scoring import ProfileScores

DECIDERS = ("keyword", "description", "exclusion", "examples", "feedback", "categories", "llm")


@dataclass
class Decision:
    """Whether a paper matches a profile, how strongly, and why.

    ``score`` is calibrated: standard deviations above the profile's mean over the
    background papers (``threshold`` is in the same unit); ``decided_by`` names the part that
    decided (one of ``DECIDERS``); ``background_share`` is the share of background papers
    scoring at least as high.
    """

    arxiv_id: str
    title: str
    profile: str
    score: float
    keyword_hits: list[str]
    matched: bool
    reason: str
    semantic_score: float = 0.0
    decided_by: str = "description"
    threshold: float = 0.0
    background_share: float = 1.0
    closest: str = ""

    def to_dict(self) -> dict[str, Any]:
        """``{arxiv_id, title, profile, score, keyword_hits, matched, reason}`` and extras."""
        data = asdict(self)
        for key in ("score", "semantic_score", "threshold"):
            data[key] = round(float(data[key]), 4)
        data["background_share"] = round(float(self.background_share), 5)
        return data


def categories_admit(profile: Profile, paper: Paper) -> bool:
    """Whether the paper is in one of the profile's categories (always, if it names none)."""
    wanted = set(profile.categories)
    return not wanted or bool(wanted.intersection(paper.categories))


def _clip(text: str, n: int = 90) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _share(value: float) -> str:
    pct = 100 * value
    return f"{pct:.1f}%" if pct >= 0.1 else "<0.1%"


def _decider(
    s: ProfileScores, i: int, matched: bool, threshold: float, kw_share: float, pen_share: float
) -> str:
    final, base = float(s.final[i]), float(s.base[i])
    if s.penalised[i] and final < threshold <= final + pen_share:
        return "exclusion"
    rated = s.linear is not None and s.linear.n_rated > 0
    if rated and (base >= threshold) != matched:
        return "feedback"
    if s.rated is not None and s.rated.shift and (final >= threshold - s.rated.shift) != matched:
        return "feedback"
    if matched and s.parts.keyword_weight[i] > 0 and final - kw_share < threshold:
        return "keyword"
    if matched and s.example_z[i] > s.semantic[i]:
        return "examples"
    return "description"


def _evidence(
    s: ProfileScores,
    i: int,
    closest: str,
    hits: list[str],
    weight: float,
    decided: str,
    words: list[str],
) -> list[str]:
    """What the score of paper ``i`` rests on, in words: the closest aspect, the words it
    shares with the profile, a keyword, an example, an exclusion, the linear model."""
    model = s.model
    parts = [f'closest to "{_clip(closest)}"']
    if words:
        parts.append("shares the words " + ", ".join(f'"{w}"' for w in words))
    if hits:
        rare = [h for h in hits if h in s.rare]
        if rare:
            parts.append(f'keyword "{rare[0]}", rare among background papers')
        else:
            where = "title" if weight == TITLE_BONUS else "abstract"
            parts.append(f'keyword "{hits[0]}" in {where}')
    if decided == "examples" and model.examples:
        parts.append("close to an example paper of the profile")
    if s.penalised[i]:
        excluded = model.exclusions[int(s.parts.exclusion_index[i])]
        parts.append(
            f'closer to excluded "{_clip(excluded, 70)}" ({s.parts.exclusion_best[i]:.2f}) '
            f"than to the profile ({s.parts.wanted_best[i]:.2f})"
        )
    if s.linear is not None and s.linear_z is not None:
        source = f"{s.linear.n_rated} ratings and " if s.linear.n_rated else ""
        parts.append(f"profile model ({source}{s.linear.n_positive} confident matches) "
                     f"{float(s.linear_z[i]):+.2f}")  # fmt: skip
    return parts


def explain(
    paper: Paper,
    i: int,
    s: ProfileScores,
    threshold: float,
    background: Background,
    verdict: bool | None,
    vetoed: str | None,
    settings: Settings,
    words: list[str] | None = None,
) -> Decision:
    """The decision on paper ``i`` for the profile scored in ``s``, with its reason
    (``words``: the terms it shares with the profile's text, most telling first)."""
    rel = settings.relevance
    model = s.model
    final = float(s.final[i])
    shrink = 1.0 / (1.0 + rel.self_training) if s.linear is not None else 1.0
    hits, weight = keyword_hits(model.profile, paper.title, paper.abstract, s.rare,
                                rel.rare_keyword_bonus)  # fmt: skip
    in_categories = categories_admit(model.profile, paper)
    matched = final >= threshold and in_categories and vetoed is None
    decided = _decider(s, i, matched, threshold, rel.keyword_weight * weight * shrink,
                       rel.exclusion_penalty * shrink)  # fmt: skip
    share = float((s.background_final >= final).mean())
    own = model.profile.threshold is not None
    if own:
        bar = "your threshold"
    elif s.bar.threshold > rel.min_score:
        bar = f"{rel.relative_bar:.0%} of {s.bar.top:.2f}, what this profile's best matches score"
        moved = s.bar.rarity
        if abs(moved) >= 0.01:
            bar += (f", {'raised' if moved > 0 else 'lowered'} {abs(moved):.2f} as "
                    f"{_share(s.bar.tail_share)} of the background score "
                    f"{rel.rarity_score:g}+")  # fmt: skip
    else:
        bar = "the lowest bar"
    if not own and s.rated is not None and s.rated.shift:
        r = s.rated
        bar += (f", {'raised' if r.shift > 0 else 'lowered'} {abs(r.shift):.2f} as you rated "
                f"{r.relevant} of {r.rated_matches} matched papers relevant")  # fmt: skip
    parts = [
        f"score {final:.2f} {'≥' if final >= threshold else '<'} {threshold:.2f} ({bar}); "
        f"top {_share(share)} of {background.describe()} for this profile"
    ]
    closest = model.aspects[int(s.parts.wanted_best_index[i])]
    parts += _evidence(s, i, closest, hits, weight, decided, words or [])
    if vetoed is not None and verdict is not True:
        decided, matched = "exclusion", False
        parts.insert(0, f'excluded keyword "{vetoed}"')
    if not in_categories and verdict is None:
        decided = "categories"
        parts.append(f"not in {sorted(set(model.profile.categories))}")
    if verdict is not None:
        decided, matched = "feedback", verdict
        parts.insert(0, f"you rated it {'relevant' if verdict else 'not relevant'}")
    return Decision(
        arxiv_id=paper.arxiv_id,
        title=paper.title,
        profile=model.name,
        score=final,
        keyword_hits=hits,
        matched=matched,
        reason=f"{decided}: " + "; ".join(parts),
        semantic_score=float(s.semantic[i]),
        decided_by=decided,
        threshold=threshold,
        background_share=share,
        closest=closest,
    )

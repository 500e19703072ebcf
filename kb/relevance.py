"""Interest profiles -> per-paper decisions with a score and a reason a person can check.

For each paper and profile:

- semantic score: closeness of the paper (title + start of the abstract) and of its best
  abstract sentence to the profile's texts (the description, each description sentence, the
  positive examples: mostly the closest one, partly the whole description), minus closeness to
  the negative examples. It is rescaled so that 0 means
  "as close as a generic AI topic" and 1 means "identical": a profile written in broad words sits
  closer to everything than a narrow one, and the rescaling lets one default threshold serve both;
- keyword evidence: whole-word hits weighted by where they occur (title > several mentions in
  the abstract > a single passing mention);
- combined score: semantic + ``keyword_boost`` * keyword weight; matched at or above the
  threshold (the profile's own, else ``relevance.threshold``, calibrated on the labelled set in
  tests/data/relevance_labels.jsonl).

All texts are embedded in batches and cached by content hash when a writable database is given.
"""

from __future__ import annotations

import json
import logging
import re
import tomllib
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from kb.config import EmbeddingSettings, Profile, Settings
from kb.db import Database
from kb.embed import BUNDLED_NAMES, Embedder, embed_cached, get_embedder
from kb.errors import ConfigError
from kb.ids import is_arxiv_id, normalize_id
from kb.sentences import split_sentences
from kb.types import Paper

log = logging.getLogger(__name__)

EXAMPLE_CONFIG = Path(__file__).with_name("kb.example.toml")

# Keyword weights by where the keyword occurs.
TITLE_WEIGHT = 1.0
REPEATED_WEIGHT = 0.6
PASSING_WEIGHT = 0.1
# Semantic score: paper-level vs best-sentence similarity, and the pull of negative examples.
DOC_WEIGHT = 0.6
# Closeness to a profile: mostly the closest of its texts (any one facet of the description, or
# an example, is enough), partly the whole description, so that one generic facet alone ("...
# with language models") does not pull in every paper that shares its words.
WHOLE_WEIGHT = 0.3
NEGATIVE_WEIGHT = 0.5
NEGATIVE_MARGIN = 0.05
# Generic topics that calibrate how close "unrelated" is for a given profile wording: a profile's
# baseline is the mean similarity of its closest BASELINE_TOP topics. None of them is one of the
# example profiles' topics; they are a spread of what a daily cs listing holds.
BASELINE_TOP = 5
BACKGROUND_TOPICS = (
    "Large language models: pretraining, instruction tuning, alignment and reasoning.",
    "Image generation and editing with diffusion models.",
    "Video generation and video understanding.",
    "Medical image segmentation and diagnosis.",
    "Object detection and tracking in images and videos.",
    "3D reconstruction, neural rendering and Gaussian splatting.",
    "Vision-language models for image captioning and visual question answering.",
    "Reinforcement learning algorithms and theory.",
    "Graph neural networks for node classification and link prediction.",
    "Natural language processing for low-resource languages, translation and sentiment analysis.",
    "Speech recognition and audio processing.",
    "Retrieval-augmented generation and question answering over documents.",
    "LLM agents that use tools, plan and write code.",
    "AI safety, fairness, bias and ethics.",
    "Model compression: quantization, pruning and efficient inference.",
    "Federated learning and privacy.",
    "Remote sensing and satellite image analysis.",
    "Recommender systems and information retrieval.",
    "Optimization methods and learning theory for deep networks.",
    "Human pose estimation and motion generation.",
    "Anomaly detection in images and industrial inspection.",
    "Scientific machine learning for physics, chemistry and biology.",
    "Benchmarks and evaluation of AI systems.",
    "Multi-agent systems and game theory.",
    "Knowledge graphs and symbolic reasoning.",
)


@dataclass
class Decision:
    """Whether a paper matches a profile, how strongly, and why."""

    arxiv_id: str
    title: str
    profile: str
    score: float
    keyword_hits: list[str]
    matched: bool
    reason: str
    semantic_score: float = 0.0
    keyword_weight: float = 0.0
    threshold: float = 0.0
    closest: str = ""
    best_sentence: str = ""

    def to_dict(self, details: bool = False) -> dict[str, Any]:
        """``{arxiv_id, title, profile, score, keyword_hits, matched, reason}`` (+ the rest)."""
        data = asdict(self)
        for key in ("score", "semantic_score", "keyword_weight", "threshold"):
            data[key] = round(float(data[key]), 4)
        if details:
            return data
        keys = ("arxiv_id", "title", "profile", "score", "keyword_hits", "matched", "reason")
        return {k: data[k] for k in keys}


def example_profiles() -> list[Profile]:
    """The three commented example profiles shipped in kb.example.toml."""
    data = tomllib.loads(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    return [Profile.model_validate(p) for p in data.get("profiles", [])]


def effective_profiles(settings: Settings) -> list[Profile]:
    """The configured profiles, or the shipped examples when none are configured."""
    return list(settings.profiles) or example_profiles()


# -- keywords -----------------------------------------------------------------------------------
_PATTERNS: dict[tuple[str, bool], re.Pattern[str]] = {}


def keyword_pattern(keyword: str, case_sensitive: bool = False) -> re.Pattern[str]:
    """A whole-word pattern: words may be joined by spaces, hyphens or nothing, a plural ``s``
    or ``es`` may follow, and no letter or digit may touch either end ("VLA" never matches
    "Vlasov"; "VLA" matches "VLAs" and "VLA-based")."""
    key = (keyword, case_sensitive)
    if key not in _PATTERNS:
        words = [re.escape(w) for w in re.split(r"[\s\-]+", keyword.strip()) if w]
        if not words:
            raise ConfigError(f"empty keyword {keyword!r}")
        body = r"[\s\-]*".join(words)
        flags = 0 if case_sensitive else re.IGNORECASE
        _PATTERNS[key] = re.compile(rf"(?<![^\W_]){body}(?:e?s)?(?![^\W_])", flags)
    return _PATTERNS[key]


@dataclass
class KeywordHits:
    """Which keywords a paper contains and how much that says."""

    hits: list[str] = field(default_factory=list)
    in_title: list[str] = field(default_factory=list)
    mentions: int = 0
    weight: float = 0.0

    def describe(self) -> str:
        """``keyword "VLA" in title`` / ``keyword "VLA" in abstract (3 mentions)``."""
        if not self.hits:
            return ""
        if self.in_title:
            return f'keyword "{self.in_title[0]}" in title'
        times = "1 mention" if self.mentions == 1 else f"{self.mentions} mentions"
        return f'keyword "{self.hits[0]}" in abstract ({times})'


def keyword_hits(profile: Profile, title: str, abstract: str) -> KeywordHits:
    """Keywords of a profile found in a paper, weighted by where they hit.

    ``keywords`` ignore case, ``case_sensitive_keywords`` (acronyms such as VLA) do not.
    A keyword in the title weighs most; several mentions in the abstract weigh more than one
    passing mention (overlapping matches of two spellings count once).
    """
    found = KeywordHits()
    spans: set[tuple[int, int]] = set()
    keywords = [(k, False) for k in profile.keywords]
    keywords += [(k, True) for k in profile.case_sensitive_keywords]
    for keyword, case_sensitive in keywords:
        if not keyword.strip():
            continue
        pattern = keyword_pattern(keyword, case_sensitive)
        in_title = bool(pattern.search(title))
        matches = [m.span() for m in pattern.finditer(abstract)]
        if not in_title and not matches:
            continue
        found.hits.append(keyword)
        if in_title:
            found.in_title.append(keyword)
        spans.update(matches)
    found.mentions = _distinct_spans(spans)
    if found.in_title:
        found.weight = TITLE_WEIGHT
    elif found.mentions >= 2:
        found.weight = REPEATED_WEIGHT
    elif found.mentions == 1:
        found.weight = PASSING_WEIGHT
    return found


def _distinct_spans(spans: set[tuple[int, int]]) -> int:
    """How many non-overlapping places the spans cover."""
    count, end = 0, -1
    for start, stop in sorted(spans):
        if start >= end:
            count += 1
        end = max(end, stop)
    return count


# -- profiles as vectors -----------------------------------------------------------------------
@dataclass
class _ProfileText:
    text: str
    label: str  # how a reason names it: description sentence "…", example 2512.01234 "…"


@dataclass
class _PreparedProfile:
    profile: Profile
    texts: list[_ProfileText]
    vectors: np.ndarray
    negatives: np.ndarray
    baseline: float
    threshold: float

    def closeness(self, sims: np.ndarray) -> np.ndarray:
        """Closeness from similarities to the profile texts (last axis): the closest text,
        blended with the whole description (always the first text when there is one)."""
        best = sims.max(axis=-1)
        if not self.profile.description.strip():
            return best
        return (1 - WHOLE_WEIGHT) * best + WHOLE_WEIGHT * sims[..., 0]


def _clip(text: str, n: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= n else text[: n - 1].rsplit(" ", 1)[0] + "…"


def _resolve_examples(items: Sequence[str], db: Database | None) -> list[_ProfileText]:
    """Example texts: an arXiv id found in the KB becomes its title and abstract."""
    resolved = []
    for item in items:
        if not item.strip():
            continue
        if is_arxiv_id(item.strip()):
            row = db.get_paper(normalize_id(item.strip())) if db is not None else None
            if row:
                text = f"{row['title']}. {row.get('abstract') or ''}".strip()
                resolved.append(
                    _ProfileText(text, f'example {row["arxiv_id"]} "{_clip(row["title"], 80)}"')
                )
                continue
            log.warning("example %s is not in the knowledge base; using it as text", item)
        resolved.append(_ProfileText(item, f'example "{_clip(item, 90)}"'))
    return resolved


def _profile_texts(profile: Profile, db: Database | None) -> list[_ProfileText]:
    texts: list[_ProfileText] = []
    description = " ".join(profile.description.split())
    sentences = split_sentences(description)
    if description:
        texts.append(_ProfileText(description, f'description "{_clip(description, 90)}"'))
    if len(sentences) > 1:
        texts += [_ProfileText(s, f'description sentence "{_clip(s, 90)}"') for s in sentences]
    texts += _resolve_examples(profile.examples, db)
    unique: dict[str, _ProfileText] = {}
    for item in texts:
        unique.setdefault(item.text, item)
    return list(unique.values())


def _prepare(
    profiles: Sequence[Profile],
    settings: Settings,
    embedder: Embedder,
    db: Database | None,
    cache: Database | None,
) -> list[_PreparedProfile]:
    """Embed every profile's texts, negatives and the background topics in one batch."""
    texts = [_profile_texts(p, db) for p in profiles]
    negatives = [[t.text for t in _resolve_examples(p.negative_examples, db)] for p in profiles]
    flat = list(BACKGROUND_TOPICS)
    for own, neg in zip(texts, negatives, strict=True):
        flat += [t.text for t in own] + neg
    vectors = embed_cached(embedder, flat, cache)
    background, offset = vectors[: len(BACKGROUND_TOPICS)], len(BACKGROUND_TOPICS)
    prepared = []
    for profile, own, neg in zip(profiles, texts, negatives, strict=True):
        own_vectors = vectors[offset : offset + len(own)]
        offset += len(own)
        neg_vectors = vectors[offset : offset + len(neg)]
        offset += len(neg)
        threshold = (
            profile.threshold if profile.threshold is not None else settings.relevance.threshold
        )
        prof = _PreparedProfile(profile, own, own_vectors, neg_vectors, 0.0, threshold)
        if own:
            closest = np.sort(prof.closeness(background @ own_vectors.T))[-BASELINE_TOP:]
            prof.baseline = float(closest.mean())
        prepared.append(prof)
    return prepared


# -- scoring -----------------------------------------------------------------------------------
class _LazyEmbedder:
    """The settings' embedder, loaded only when a text is missing from the cache (a re-run over
    cached papers then takes well under a second instead of the model's load time)."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        self.settings = settings
        # the name SentenceTransformerEmbedder gives itself: the cache key of its vectors
        bundled = settings.model.lower() in BUNDLED_NAMES
        self.name = "all-MiniLM-L6-v2" if bundled else settings.model

    @property
    def dim(self) -> int:
        """Vector size (loads the model)."""
        return get_embedder(self.settings).dim

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed with the real model (loaded once per process)."""
        return get_embedder(self.settings).embed(texts)


def _head(text: str, words: int) -> str:
    return " ".join(text.split()[:words])


def score_papers(
    papers: Sequence[Paper],
    profiles: Sequence[Profile],
    settings: Settings,
    db: Database | None = None,
    embedder: Embedder | None = None,
) -> list[Decision]:
    """Score every paper against every profile.

    Args:
        papers: announcements (title and abstract are enough; no PDF needed).
        profiles: interest profiles; example arXiv ids are looked up in ``db``.
        settings: ``relevance`` and ``embedding`` settings are used.
        db: optional knowledge base: resolves example ids and, when writable, caches vectors.
        embedder: optional embedder (default: the one of ``settings.embedding``).

    Returns:
        One Decision per paper and profile, papers in order, profiles in order within a paper.
    """
    if not papers or not profiles:
        return []
    embedder = embedder or _LazyEmbedder(settings.embedding)
    cache = db if db is not None and not db.read_only else None
    relevance = settings.relevance
    prepared = _prepare(profiles, settings, embedder, db, cache)
    docs = [_head(f"{p.title}. {p.abstract}", relevance.doc_words) for p in papers]
    doc_vectors = embed_cached(embedder, docs, cache)
    doc_sims = [doc_vectors @ prof.vectors.T for prof in prepared]
    keywords = [
        [keyword_hits(prof.profile, p.title, p.abstract) for prof in prepared] for p in papers
    ]
    # Sentence-level similarity only for papers that could match: near a threshold by their
    # paper-level similarity, or with a keyword hit. The rest keep the paper-level value.
    sentences = [split_sentences(p.abstract) or [p.title] for p in papers]
    candidates = []
    for i in range(len(papers)):
        for j, prof in enumerate(prepared):
            if not len(prof.texts):
                continue
            rough = _rescale(float(prof.closeness(doc_sims[j][i])), prof.baseline)
            if keywords[i][j].hits or rough >= prof.threshold - relevance.candidate_margin:
                candidates.append(i)
                break
    flat = [s for i in candidates for s in sentences[i]]
    flat_vectors = embed_cached(embedder, flat, cache) if flat else None
    sentence_vectors: dict[int, np.ndarray] = {}
    offset = 0
    for i in candidates:
        sentence_vectors[i] = flat_vectors[offset : offset + len(sentences[i])]
        offset += len(sentences[i])
    log.info(
        "scored %d papers x %d profiles (%d sentences of %d candidates embedded)",
        len(papers), len(prepared), len(flat), len(candidates),
    )  # fmt: skip
    decisions = []
    for i, paper in enumerate(papers):
        for j, prof in enumerate(prepared):
            decisions.append(
                _decide(
                    paper,
                    prof,
                    doc_sims[j][i],
                    doc_vectors[i],
                    sentence_vectors.get(i),
                    sentences[i],
                    keywords[i][j],
                    relevance.keyword_boost,
                )
            )
    return decisions


def _rescale(raw: float, baseline: float) -> float:
    return (raw - baseline) / max(1.0 - baseline, 1e-6)


def _decide(
    paper: Paper,
    prof: _PreparedProfile,
    doc_sims: np.ndarray,
    doc_vector: np.ndarray,
    sentence_vectors: np.ndarray | None,
    sentences: list[str],
    hits: KeywordHits,
    keyword_boost: float,
) -> Decision:
    """One paper against one prepared profile."""
    parts = [hits.describe()] if hits.hits else []
    semantic, closest, best_sentence = 0.0, "", ""
    if len(prof.texts):
        best_text = int(np.argmax(doc_sims))
        doc_sim = float(doc_sims[best_text])
        doc_close = float(prof.closeness(doc_sims))
        if sentence_vectors is not None:
            block = sentence_vectors @ prof.vectors.T
            per_sentence = prof.closeness(block)
            s_idx = int(np.argmax(per_sentence))
            sent_sim, sent_close = float(block[s_idx].max()), float(per_sentence[s_idx])
        else:  # far from this profile: the paper-level closeness stands for both
            s_idx, sent_sim, sent_close = 0, doc_sim, doc_close
        raw = DOC_WEIGHT * doc_close + (1 - DOC_WEIGHT) * sent_close
        if len(prof.negatives):
            # closer to what the user does not want than to what they want: pull down
            negative = float((prof.negatives @ doc_vector).max())
            raw -= NEGATIVE_WEIGHT * max(0.0, negative - doc_sim + NEGATIVE_MARGIN)
            if negative > doc_sim:
                parts.append(f"closer to a negative example ({negative:.2f})")
        semantic = _rescale(raw, prof.baseline)
        closest = prof.texts[best_text].label
        best_sentence = sentences[s_idx]
        parts.append(f"closest to {closest} ({doc_sim:.2f})")
        parts.append(f'best abstract sentence: "{_clip(best_sentence)}" ({sent_sim:.2f})')
    score = semantic + keyword_boost * hits.weight
    wanted = set(prof.profile.categories)
    in_categories = not wanted or bool(wanted.intersection(paper.categories))
    if not in_categories:
        parts.append(f"not in {', '.join(sorted(wanted))}")
    return Decision(
        arxiv_id=paper.arxiv_id,
        title=paper.title,
        profile=prof.profile.name,
        score=score,
        keyword_hits=list(hits.hits),
        matched=in_categories and score >= prof.threshold,
        reason="; ".join(parts),
        semantic_score=semantic,
        keyword_weight=hits.weight,
        threshold=prof.threshold,
        closest=closest,
        best_sentence=best_sentence,
    )


def match_papers(
    papers: Sequence[Paper],
    profiles: Sequence[Profile],
    settings: Settings,
    db: Database | None = None,
    embedder: Embedder | None = None,
) -> dict[str, list[Decision]]:
    """The matched decisions of each paper that matches any profile, best score first.

    Returns:
        ``{arxiv_id: [Decision, ...]}`` in the order of ``papers``; papers without a match are
        left out.
    """
    matches: dict[str, list[Decision]] = {}
    for decision in score_papers(papers, profiles, settings, db, embedder):
        if decision.matched:
            matches.setdefault(decision.arxiv_id, []).append(decision)
    for found in matches.values():
        found.sort(key=lambda d: -d.score)
    return matches


# -- evaluation --------------------------------------------------------------------------------
def load_labels(path: Path) -> list[dict[str, Any]]:
    """Labelled judgements, one JSON object per line: ``{arxiv_id, profile, relevant}``.

    Raises:
        ConfigError: a line that is not such an object (names the file and line).
    """
    labels = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            relevant = item["relevant"]
            if not isinstance(relevant, bool):
                raise TypeError(f"relevant must be true or false, not {relevant!r}")
            labels.append({"arxiv_id": normalize_id(str(item["arxiv_id"])),
                           "profile": str(item["profile"]), "relevant": relevant})  # fmt: skip
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: not a label line ({exc})") from exc
    return labels


def _prf(predicted: Sequence[bool], gold: Sequence[bool]) -> dict[str, float]:
    tp = sum(p and g for p, g in zip(predicted, gold, strict=True))
    fp = sum(p and not g for p, g in zip(predicted, gold, strict=True))
    fn = sum(g and not p for p, g in zip(predicted, gold, strict=True))
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": round(precision, 4), "recall": round(recall, 4), "f1": round(f1, 4),
            "tp": tp, "fp": fp, "fn": fn}  # fmt: skip


def _cut_points(scores: Sequence[float]) -> list[float]:
    """Thresholds between consecutive distinct scores (every distinct decision rule once)."""
    values = sorted(set(round(float(s), 6) for s in scores))
    if not values:
        return []
    cuts = [values[0] - 0.01] + [(a + b) / 2 for a, b in zip(values, values[1:], strict=False)]
    return cuts + [values[-1] + 0.01]


def _best_threshold(
    groups: Sequence[tuple[Sequence[float], Sequence[bool]]],
) -> tuple[float, float]:
    """The threshold that maximises the mean F1 over the groups, and that F1.

    Ties go to the middle one of the tied cut points, away from the labelled scores.
    """
    cuts = _cut_points([s for scores, _ in groups for s in scores])
    if not cuts:
        return 0.0, 0.0
    results = []
    for cut in cuts:
        f1s = [_prf([s >= cut for s in scores], gold)["f1"] for scores, gold in groups]
        results.append((round(float(np.mean(f1s)), 4), cut))
    best = max(f1 for f1, _ in results)
    tied = [cut for f1, cut in results if f1 == best]
    return round(tied[len(tied) // 2], 3), best


def evaluate(decisions: Sequence[Decision], labels: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Precision, recall and F1 of keyword-only, semantic-only and combined decisions.

    Keyword-only: any keyword hit (what a keyword matcher does). Semantic-only: the semantic
    score alone at the decision's threshold. Combined: the decision itself.

    Returns:
        ``{"profiles": {name: {n, positives, threshold, keyword_only, semantic_only, combined,
        best_threshold, best_f1}}, "overall": {macro F1s, best_threshold (one threshold for
        all profiles), best_macro_f1}, "missing_labels": [...]}``.
    """
    index = {(d.arxiv_id, d.profile): d for d in decisions}
    missing = [lab for lab in labels if (lab["arxiv_id"], lab["profile"]) not in index]
    profiles: dict[str, Any] = {}
    groups = []
    for name in sorted({lab["profile"] for lab in labels}):
        rows = [(index[(lab["arxiv_id"], name)], bool(lab["relevant"]))
                for lab in labels
                if lab["profile"] == name and (lab["arxiv_id"], name) in index]  # fmt: skip
        if not rows:
            continue
        gold = [g for _, g in rows]
        scores = [d.score for d, _ in rows]
        best_t, best_f1 = _best_threshold([(scores, gold)])
        groups.append((scores, gold))
        profiles[name] = {
            "n": len(rows),
            "positives": sum(gold),
            "threshold": round(rows[0][0].threshold, 4),
            "keyword_only": _prf([bool(d.keyword_hits) for d, _ in rows], gold),
            "semantic_only": _prf([d.semantic_score >= d.threshold for d, _ in rows], gold),
            "combined": _prf([d.matched for d, _ in rows], gold),
            "best_threshold": best_t,
            "best_f1": best_f1,
        }
    overall: dict[str, Any] = {}
    if profiles:
        for method in ("keyword_only", "semantic_only", "combined"):
            mean = np.mean([p[method]["f1"] for p in profiles.values()])
            overall[f"{method}_macro_f1"] = round(float(mean), 4)
        overall["best_threshold"], overall["best_macro_f1"] = _best_threshold(groups)
    return {
        "profiles": profiles,
        "overall": overall,
        "missing_labels": [{"arxiv_id": m["arxiv_id"], "profile": m["profile"]} for m in missing],
    }

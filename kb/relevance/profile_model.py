"""A profile turned into vectors: wanted aspects, exclusions, examples and the user's ratings.

Every vector is centred on the background mean before cosine similarity: all papers share a
large "machine learning paper" direction, and removing it makes the topic-specific part count.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from kb.config import Profile
from kb.db import Database
from kb.embed import Embedder, embed_cached
from kb.relevance.background import doc_text
from kb.relevance.profile_text import ProfileText, parse_profile_text
from kb.relevance.profiles import resolve_examples
from kb.types import Rating

log = logging.getLogger(__name__)


def centred(vectors: np.ndarray, mean: np.ndarray) -> np.ndarray:
    """Vectors minus the background mean, back to unit length."""
    out = np.asarray(vectors, dtype=np.float32) - mean
    norms = np.linalg.norm(out, axis=-1, keepdims=True)
    return out / np.maximum(norms, 1e-9)


@dataclass
class ProfileModel:
    """The centred vectors of one profile, with the text each vector stands for."""

    profile: Profile
    text: ProfileText
    aspects: list[str]
    aspect_vectors: np.ndarray
    examples: list[str] = field(default_factory=list)
    example_vectors: np.ndarray | None = None
    exclusions: list[str] = field(default_factory=list)
    exclusion_vectors: np.ndarray | None = None
    liked: dict[str, np.ndarray] = field(default_factory=dict)
    disliked: dict[str, np.ndarray] = field(default_factory=dict)

    @property
    def name(self) -> str:
        """The profile's name."""
        return self.profile.name

    @property
    def n_ratings(self) -> int:
        """How many papers the user rated for this profile."""
        return len(self.liked) + len(self.disliked)


def rated_vectors(
    ratings: Sequence[Rating], known: dict[str, np.ndarray]
) -> tuple[dict[str, np.ndarray], dict[str, np.ndarray]]:
    """Document vectors of rated papers, liked and disliked, from ``known`` (the papers being
    scored, which include every rated paper the KB holds).

    A rated paper that is neither being scored nor stored in the KB is skipped (it cannot
    be embedded); ``kb feedback`` refuses such ids up front.
    """
    liked = {r.arxiv_id: known[r.arxiv_id] for r in ratings if r.relevant and r.arxiv_id in known}
    disliked = {
        r.arxiv_id: known[r.arxiv_id] for r in ratings if not r.relevant and r.arxiv_id in known
    }
    return liked, disliked


def build_profile_model(
    profile: Profile,
    embedder: Embedder,
    mean: np.ndarray,
    words: int,
    db: Database | None = None,
    rated: tuple[dict[str, np.ndarray], dict[str, np.ndarray]] = ({}, {}),
) -> ProfileModel:
    """Embed a profile's description, examples, exclusions and ratings (centred vectors).

    Args:
        profile: the profile as configured.
        embedder: the model (the same as the papers').
        mean: the background mean vector to centre on.
        words: words of title + abstract per document, for rated and example papers.
        db: the knowledge base, to resolve example ids and rated papers, and cache vectors.
        rated: raw vectors of the papers rated relevant and not relevant for this profile.
    """
    cache = db if db is not None and not db.read_only else None
    text = parse_profile_text(profile.description)
    aspects = list(
        dict.fromkeys([*text.wanted, text.wanted_text] if text.wanted else [profile.name])
    )
    examples = resolve_examples(profile.examples, db)
    if db is not None:
        examples += [f"{e.title}. {e.text}" for e in db.profile_examples(profile.name)]
    examples = [doc_text(e, "", words) for e in dict.fromkeys(examples) if e.strip()]
    exclusions = list(
        dict.fromkeys(text.excluded + resolve_examples(profile.negative_examples, db))
    )
    liked, disliked = rated
    texts = aspects + examples + exclusions
    vectors = centred(embed_cached(embedder, texts, cache), mean)
    n_a, n_e = len(aspects), len(examples)
    return ProfileModel(
        profile=profile,
        text=text,
        aspects=aspects,
        aspect_vectors=vectors[:n_a],
        examples=examples,
        example_vectors=vectors[n_a : n_a + n_e] if n_e else None,
        exclusions=exclusions,
        exclusion_vectors=vectors[n_a + n_e :] if exclusions else None,
        liked={k: centred(v, mean) for k, v in liked.items()},
        disliked={k: centred(v, mean) for k, v in disliked.items()},
    )

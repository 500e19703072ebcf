"""The embedder: the in-process memory of short texts and the int8 variant's own name."""

from __future__ import annotations

import numpy as np

from kb.config import EmbeddingSettings
from kb.embed import get_embedder, resolve_model_path, split_quantization


def test_remembered_texts_give_the_vectors_the_model_gives() -> None:
    embedder = get_embedder(EmbeddingSettings())
    first = embedder.embed(["graph neural networks for traffic", "robot policies"])
    first[:] = 0.0  # the caller owns its array: the memory must not change with it
    mixed = embedder.embed(["robot policies", "a sentence not seen yet", "robot policies"])
    direct = embedder.model.encode(
        ["robot policies", "a sentence not seen yet", "robot policies"], normalize_embeddings=True
    )
    assert mixed.shape == (3, embedder.dim) and mixed.dtype == np.float32
    assert np.allclose(mixed, direct, atol=1e-5)
    assert embedder.embed([]).shape == (0, embedder.dim)


def test_int8_is_a_model_name_of_its_own() -> None:
    assert split_quantization("all-MiniLM-L6-v2+int8") == ("all-MiniLM-L6-v2", True)
    assert split_quantization("all-MiniLM-L6-v2") == ("all-MiniLM-L6-v2", False)
    assert resolve_model_path("all-MiniLM-L6-v2+int8") == resolve_model_path("all-MiniLM-L6-v2")

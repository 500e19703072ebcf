"""Ids, hashes and vectors as stored: chunk ids that survive re-ingestion, text hashes for the
cache, vector blobs back to arrays."""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from typing import Any

import numpy as np


def content_hash(text: str) -> str:
    """A stable hash of a text, used to avoid embedding the same text twice."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def make_chunk_id(arxiv_id: str, version: int, ordinal: int) -> int:
    """A deterministic positive int64 id: re-ingesting a paper gives the same ids."""
    digest = hashlib.blake2b(f"{arxiv_id}v{version}:{ordinal}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF


def id_array(rows: Sequence[tuple[Any, ...]]) -> np.ndarray:
    """The first column of rows as int64 ids."""
    return np.fromiter((r[0] for r in rows), dtype=np.int64, count=len(rows))


def ids_and_vectors(rows: Sequence[tuple[Any, ...]]) -> tuple[np.ndarray, np.ndarray]:
    """(int64 ids, float32 matrix) from (id, vector bytes) rows; empty arrays for no rows."""
    if not rows:
        return np.zeros(0, dtype=np.int64), np.zeros((0, 0), dtype=np.float32)
    flat = np.frombuffer(b"".join(r[1] for r in rows), dtype=np.float32)
    return id_array(rows), flat.reshape(len(rows), -1)

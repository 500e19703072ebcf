"""Stable ids and hashes: chunk ids that survive re-ingestion, text hashes for the cache."""

from __future__ import annotations

import hashlib


def content_hash(text: str) -> str:
    """A stable hash of a text, used to avoid embedding the same text twice."""
    return hashlib.blake2b(text.encode("utf-8"), digest_size=16).hexdigest()


def make_chunk_id(arxiv_id: str, version: int, ordinal: int) -> int:
    """A deterministic positive int64 id: re-ingesting a paper gives the same ids."""
    digest = hashlib.blake2b(f"{arxiv_id}v{version}:{ordinal}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF

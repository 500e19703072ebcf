"""The embedding cache: vectors by (model, content hash), so a text is embedded once."""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import numpy as np

from kb.db.store import Store


class EmbeddingCache(Store):
    """The embedding cache: vectors by (model, content hash), so a text is embedded once."""

    def cached_embeddings(self, model: str, hashes: Sequence[str]) -> dict[str, np.ndarray]:
        """Vectors already computed for these content hashes with this model."""
        if not hashes:
            return {}
        rows = self.con.execute(
            "SELECT content_hash, embedding FROM embedding_cache "
            "WHERE model = ? AND content_hash IN (SELECT unnest(?))",
            [model, list(hashes)],
        ).fetchall()
        return {h: np.frombuffer(b, dtype=np.float32) for h, b in rows}

    def cached_hashes(self, model: str) -> set[str]:
        """Every content hash this model has a cached vector for (the backfill's anti-join)."""
        rows = self.con.execute(
            "SELECT content_hash FROM embedding_cache WHERE model = ?", [model]
        ).fetchall()
        return {r[0] for r in rows}

    def store_embeddings(self, model: str, items: Iterable[tuple[str, np.ndarray]]) -> None:
        """Cache vectors by content hash (existing entries are kept)."""
        pairs = dict(items)  # a hash given twice is stored once
        self._insert_columns(
            "embedding_cache", ("VARCHAR", "VARCHAR", "BLOB"),
            [[model] * len(pairs), list(pairs),
             [np.asarray(v, dtype=np.float32).tobytes() for v in pairs.values()]],
            "ON CONFLICT DO NOTHING",
        )  # fmt: skip

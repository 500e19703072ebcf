"""The abstract tier: which text of each paper was embedded, and its FAISS id."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from kb.db.keys import id_array, ids_and_vectors
from kb.db.store import Store


class PaperVectorQueries(Store):
    """The abstract tier: which text of each paper was embedded, and its FAISS id."""

    def paper_vector_hashes(self, model: str, arxiv_ids: Sequence[str]) -> dict[str, str]:
        """The content hash each paper's vector was made from, for papers that have one."""
        rows = self.con.execute(
            "SELECT v.arxiv_id, v.content_hash FROM paper_vectors v JOIN embedding_cache c "
            "ON c.model = v.model AND c.content_hash = v.content_hash "
            "WHERE v.model = ? AND v.arxiv_id IN (SELECT unnest(?))",
            [model, list(arxiv_ids)],
        ).fetchall()
        return dict(rows)

    def set_paper_vectors(self, model: str, rows: Sequence[tuple[str, int, str]]) -> None:
        """Point papers at their vectors: (arxiv_id, vector_id, content_hash) rows."""
        self._insert_columns(
            "paper_vectors", ("VARCHAR", "BIGINT", "VARCHAR", "VARCHAR"),
            [[r[0] for r in rows], [r[1] for r in rows], [model] * len(rows), [r[2] for r in rows]],
            "ON CONFLICT DO UPDATE SET vector_id = excluded.vector_id, model = excluded.model, "
            "content_hash = excluded.content_hash",
        )  # fmt: skip

    def paper_vector_ids(self, model: str) -> np.ndarray:
        """Ids of the paper vectors this model made, sorted (to check the FAISS index)."""
        rows = self.con.execute(
            "SELECT v.vector_id FROM paper_vectors v JOIN embedding_cache c ON c.model = v.model "
            "AND c.content_hash = v.content_hash WHERE v.model = ? ORDER BY v.vector_id",
            [model],
        ).fetchall()
        return id_array(rows)

    def paper_vectors(
        self, model: str, vector_ids: Sequence[int] | None = None, arxiv_ids: Sequence[str] = ()
    ) -> tuple[np.ndarray, np.ndarray]:
        """(vector ids, vectors) of every paper, or of some vector ids or arXiv ids."""
        sql = (
            "SELECT v.vector_id, c.embedding FROM paper_vectors v JOIN embedding_cache c "
            "ON c.model = v.model AND c.content_hash = v.content_hash WHERE v.model = ?"
        )
        params: list[Any] = [model]
        if vector_ids is not None:
            sql += " AND v.vector_id IN (SELECT unnest(?))"
            params.append([int(i) for i in vector_ids])
        if arxiv_ids:
            sql += " AND v.arxiv_id IN (SELECT unnest(?))"
            params.append(list(arxiv_ids))
        rows = self.con.execute(sql + " ORDER BY v.vector_id", params).fetchall()
        return ids_and_vectors(rows)

    def papers_by_vector_id(self, vector_ids: Sequence[int]) -> dict[int, str]:
        """arXiv id of each paper vector id (ids not found are left out)."""
        if not vector_ids:
            return {}
        rows = self.con.execute(
            "SELECT vector_id, arxiv_id FROM paper_vectors WHERE vector_id IN (SELECT unnest(?))",
            [[int(i) for i in vector_ids]],
        ).fetchall()
        return dict(rows)

    def iter_abstracts(self, model: str) -> Iterator[tuple[int, str, str]]:
        """(vector id, title, abstract) of every paper with a vector, for BM25 over abstracts."""
        cur = self.con.execute(
            "SELECT v.vector_id, p.title, p.abstract FROM paper_vectors v JOIN papers p "
            "USING (arxiv_id) WHERE v.model = ? ORDER BY v.vector_id",
            [model],
        )
        while rows := cur.fetchmany(10_000):
            yield from rows

    def paper_vector_signature(self, model: str) -> tuple[int, int]:
        """(count, xor of id and text hashes) of the paper vectors: changes when they do."""
        row = self.con.execute(
            "SELECT count(*), coalesce(bit_xor(hash(vector_id, content_hash)), 0) "
            "FROM paper_vectors WHERE model = ?",
            [model],
        ).fetchone()
        return int(row[0]), int(row[1])

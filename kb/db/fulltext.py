"""Full texts: a paper's pages, reference list and chunks with their vectors."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import Any

import numpy as np

from kb.db.keys import content_hash, id_array, ids_and_vectors, make_chunk_id
from kb.db.store import Store
from kb.types import Chunk, ChunkDraft


class FulltextQueries(Store):
    """Full texts: a paper's pages, reference list and chunks with their vectors."""

    def replace_fulltext(
        self,
        arxiv_id: str,
        version: int,
        page_texts: dict[int, str],
        references: Sequence[str],
        drafts: Sequence[ChunkDraft],
        vectors: np.ndarray,
    ) -> tuple[list[int], list[int]]:
        """Replace a paper's pages, references and chunks in one transaction.

        Returns:
            (chunk ids removed, chunk ids added), for the FAISS index to follow.
        """
        if len(drafts) != len(vectors):
            raise ValueError(f"{arxiv_id}: {len(drafts)} chunks but {len(vectors)} vectors")
        vectors = np.ascontiguousarray(vectors, dtype=np.float32)
        with self.transaction():
            removed = [
                r[0]
                for r in self.con.execute(
                    "SELECT chunk_id FROM chunks WHERE arxiv_id = ?", [arxiv_id]
                ).fetchall()
            ]
            self.con.execute("DELETE FROM chunks WHERE arxiv_id = ?", [arxiv_id])
            self.con.execute("DELETE FROM pages WHERE arxiv_id = ?", [arxiv_id])
            self.con.execute("DELETE FROM paper_references WHERE arxiv_id = ?", [arxiv_id])
            pages = sorted(page_texts.items())
            self._insert_columns(
                "pages", ("VARCHAR", "INTEGER", "VARCHAR"),
                [[arxiv_id] * len(pages), [p for p, _ in pages], [t for _, t in pages]],
            )  # fmt: skip
            self._insert_columns(
                "paper_references", ("VARCHAR", "INTEGER", "VARCHAR"),
                [[arxiv_id] * len(references), list(range(len(references))), list(references)],
            )  # fmt: skip
            added = [make_chunk_id(arxiv_id, version, d.ordinal) for d in drafts]
            self._insert_columns(
                "chunks",
                ("BIGINT", "VARCHAR", "INTEGER", "INTEGER", "INTEGER", "INTEGER", "VARCHAR",
                 "VARCHAR", "VARCHAR", "BLOB"),
                [added, [arxiv_id] * len(drafts), [version] * len(drafts),
                 [d.ordinal for d in drafts], [d.page for d in drafts],
                 [d.page_end for d in drafts], [d.section for d in drafts],
                 [d.text for d in drafts], [content_hash(d.text) for d in drafts],
                 [v.tobytes() for v in vectors]],
            )  # fmt: skip
            self.con.execute(
                "UPDATE papers SET n_chunks = ? WHERE arxiv_id = ?", [len(added), arxiv_id]
            )
        return removed, added

    def page_texts(self, arxiv_id: str) -> dict[int, str]:
        """The cleaned text of every page of a paper, by 1-based page number."""
        rows = self.con.execute(
            "SELECT page, text FROM pages WHERE arxiv_id = ? ORDER BY page", [arxiv_id]
        ).fetchall()
        return dict(rows)

    def references(self, arxiv_id: str) -> list[str]:
        """The reference list split off a paper's body."""
        rows = self.con.execute(
            "SELECT text FROM paper_references WHERE arxiv_id = ? ORDER BY ordinal", [arxiv_id]
        ).fetchall()
        return [r[0] for r in rows]

    def chunks_for_paper(self, arxiv_id: str) -> list[Chunk]:
        """A paper's chunks in reading order."""
        rows = self.con.execute(
            "SELECT chunk_id, arxiv_id, version, ordinal, page, page_end, section, text, "
            "content_hash FROM chunks WHERE arxiv_id = ? ORDER BY ordinal",
            [arxiv_id],
        ).fetchall()
        return [Chunk(*r) for r in rows]

    def get_chunks(self, chunk_ids: Sequence[int]) -> dict[int, Chunk]:
        """Chunks by id (ids not found are left out)."""
        if not chunk_ids:
            return {}
        rows = self.con.execute(
            "SELECT chunk_id, arxiv_id, version, ordinal, page, page_end, section, text, "
            "content_hash FROM chunks WHERE chunk_id IN (SELECT unnest(?))",
            [[int(i) for i in chunk_ids]],
        ).fetchall()
        return {r[0]: Chunk(*r) for r in rows}

    def chunk_vectors(
        self, arxiv_id: str | None = None, chunk_ids: Sequence[int] | None = None
    ) -> tuple[np.ndarray, np.ndarray]:
        """(ids int64, vectors float32) of all chunks, of one paper's, or of some chunk ids."""
        sql = "SELECT chunk_id, embedding FROM chunks WHERE 1=1"
        params: list[Any] = []
        if arxiv_id:
            sql += " AND arxiv_id = ?"
            params.append(arxiv_id)
        if chunk_ids is not None:
            sql += " AND chunk_id IN (SELECT unnest(?))"
            params.append([int(i) for i in chunk_ids])
        sql += " ORDER BY chunk_id"
        rows = self.con.execute(sql, params).fetchall()
        return ids_and_vectors(rows)

    def chunk_ids(self) -> np.ndarray:
        """Every chunk id, sorted (to check the FAISS index agrees)."""
        rows = self.con.execute("SELECT chunk_id FROM chunks ORDER BY chunk_id").fetchall()
        return id_array(rows)

    def iter_chunk_texts(self, arxiv_ids: Sequence[str] | None = None) -> Iterator[Chunk]:
        """All chunks (or those of some papers), for lexical indexing."""
        sql = (
            "SELECT chunk_id, arxiv_id, version, ordinal, page, page_end, section, text, "
            "content_hash FROM chunks"
        )
        params: list[Any] = []
        if arxiv_ids is not None:
            sql += " WHERE arxiv_id IN (SELECT unnest(?))"
            params.append(list(arxiv_ids))
        sql += " ORDER BY chunk_id"
        for row in self.con.execute(sql, params).fetchall():
            yield Chunk(*row)

    def chunk_signature(self) -> tuple[int, int]:
        """(count, xor of ids) of the chunks: changes when chunks are added or removed."""
        row = self.con.execute(
            "SELECT count(*), coalesce(bit_xor(chunk_id), 0) FROM chunks"
        ).fetchone()
        return int(row[0]), int(row[1])

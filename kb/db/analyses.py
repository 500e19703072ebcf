"""Stored analyses, reused while paper version, backend, model, prompt and language match."""

from __future__ import annotations

from typing import Any

from kb.db.store import Store


class AnalysisQueries(Store):
    """Stored analyses, reused while paper version, backend, model, prompt and language match."""

    def get_analysis(
        self,
        arxiv_id: str,
        version: int,
        backend: str,
        model: str,
        prompt_version: str,
        language: str,
    ) -> dict[str, Any] | None:
        """A stored analysis made under exactly these conditions, or None."""
        cur = self.con.execute(
            "SELECT * FROM analyses WHERE arxiv_id = ? AND version = ? AND backend = ? AND "
            "model = ? AND prompt_version = ? AND language = ?",
            [arxiv_id, version, backend, model, prompt_version, language],
        )
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None

    def latest_analysis(self, arxiv_id: str) -> dict[str, Any] | None:
        """The most recent analysis of a paper, whatever made it (for the app)."""
        cur = self.con.execute(
            "SELECT * FROM analyses WHERE arxiv_id = ? ORDER BY version DESC, created DESC LIMIT 1",
            [arxiv_id],
        )
        row = cur.fetchone()
        return dict(zip([d[0] for d in cur.description], row, strict=True)) if row else None

    def save_analysis(self, record: dict[str, Any]) -> None:
        """Store an analysis (replacing one made under the same conditions)."""
        keys = ["arxiv_id", "version", "backend", "model", "prompt_version", "language",
                "sections", "cited_chunk_ids", "created"]  # fmt: skip
        self.con.execute(
            f"INSERT OR REPLACE INTO analyses ({', '.join(keys)}) VALUES "
            f"({', '.join('?' for _ in keys)})",
            [record[k] for k in keys],
        )

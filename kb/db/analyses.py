"""Stored analyses, reused while paper version, backend, model, prompt and language match."""

from __future__ import annotations

import json
from typing import Any

from kb.db.store import Store
from kb.types import Analysis, CitedSentence

COLUMNS = ("arxiv_id", "version", "backend", "model", "prompt_version", "language", "sections",
           "cited_chunk_ids", "created")  # fmt: skip
SELECT_ANALYSES = f"SELECT {', '.join(COLUMNS)} FROM analyses"


def _analysis(row: tuple[Any, ...] | None) -> Analysis | None:
    """An analysis read back (``reused``), its sections decoded from their stored JSON."""
    if row is None:
        return None
    stored = dict(zip(COLUMNS, row, strict=True))
    sections = {
        name: [CitedSentence(**s) for s in sentences]
        for name, sentences in json.loads(stored.pop("sections")).items()
    }
    del stored["cited_chunk_ids"]  # derived from the sections
    return Analysis(**stored, sections=sections, reused=True)


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
    ) -> Analysis | None:
        """A stored analysis made under exactly these conditions, or None."""
        row = self.con.execute(
            f"{SELECT_ANALYSES} WHERE arxiv_id = ? AND version = ? AND backend = ? AND "
            "model = ? AND prompt_version = ? AND language = ?",
            [arxiv_id, version, backend, model, prompt_version, language],
        ).fetchone()
        return _analysis(row)

    def latest_analysis(self, arxiv_id: str) -> Analysis | None:
        """The most recent analysis of a paper, whatever made it (for the app)."""
        row = self.con.execute(
            f"{SELECT_ANALYSES} WHERE arxiv_id = ? ORDER BY version DESC, created DESC LIMIT 1",
            [arxiv_id],
        ).fetchone()
        return _analysis(row)

    def save_analysis(self, analysis: Analysis) -> None:
        """Store an analysis (replacing one made under the same conditions)."""
        values = [getattr(analysis, c) for c in COLUMNS if c != "sections"]
        values.insert(COLUMNS.index("sections"),
                      json.dumps(analysis.sections_dict(), ensure_ascii=False))  # fmt: skip
        self.con.execute(
            f"INSERT OR REPLACE INTO analyses ({', '.join(COLUMNS)}) VALUES "
            f"({', '.join('?' for _ in COLUMNS)})",
            values,
        )

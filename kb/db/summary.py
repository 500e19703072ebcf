"""Library-wide figures: counts per day, category, profile and parse state."""

from __future__ import annotations

from typing import Any

from kb.db.papervectors import PaperVectorQueries
from kb.db.runs import RunLog


class SummaryQueries(PaperVectorQueries, RunLog):
    """Library-wide figures: counts per day, category, profile and parse state."""

    def overview(self) -> dict[str, Any]:
        """Counts per announcement day, category and profile, and the failures with reasons."""

        def rows(sql: str) -> list[dict[str, Any]]:
            cur = self.con.execute(sql)
            names = [d[0] for d in cur.description]
            return [dict(zip(names, r, strict=True)) for r in cur.fetchall()]

        return {
            "per_day": rows(
                "SELECT coalesce(announced, CAST(published AS DATE), CAST(first_seen AS DATE)) "
                "AS day, count(*) AS papers FROM papers GROUP BY 1 ORDER BY 1"
            ),
            "per_category": rows(
                "SELECT category, count(*) AS papers FROM (SELECT unnest(categories) AS category "
                "FROM papers) GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
            "per_profile": rows(
                "SELECT profile, count(*) AS papers FROM matches GROUP BY 1 ORDER BY 2 DESC, 1"
            ),
            "failures": rows(
                "SELECT f.arxiv_id, p.title, f.stage, f.reason, f.failed_at FROM failures f "
                "LEFT JOIN papers p USING (arxiv_id) ORDER BY f.failed_at DESC"
            ),
            "status": dict(
                self.con.execute(
                    "SELECT parse_status, count(*) FROM papers GROUP BY 1 ORDER BY 1"
                ).fetchall()
            ),
        }

    def stats(self) -> dict[str, Any]:
        """Counts of papers, chunks, parse states and failures."""
        papers = self.con.execute("SELECT count(*) FROM papers").fetchone()[0]
        chunks = self.con.execute("SELECT count(*) FROM chunks").fetchone()[0]
        by_status = dict(
            self.con.execute(
                "SELECT parse_status, count(*) FROM papers GROUP BY parse_status"
            ).fetchall()
        )
        failed = self.con.execute("SELECT count(DISTINCT arxiv_id) FROM failures").fetchone()[0]
        model = self.get_kv("embedding_model") or ""
        paper_vectors = len(self.paper_vector_ids(model))
        return {
            "papers": papers,
            "chunks": chunks,
            "paper_vectors": paper_vectors,
            "parsed": by_status.get("parsed", 0),
            "pending": by_status.get("pending", 0),
            "failed": failed,
            "by_status": by_status,
        }

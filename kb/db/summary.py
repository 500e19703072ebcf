"""Library-wide figures: counts per day, category, profile and parse state."""

from __future__ import annotations

from kb.db.papervectors import PaperVectorQueries
from kb.db.runs import RunLog
from kb.records import Overview, StoreStats


class SummaryQueries(PaperVectorQueries, RunLog):
    """Library-wide figures: counts per day, category, profile and parse state."""

    def overview(self) -> Overview:
        """Counts per announcement day, category and profile, and the failures with reasons."""
        per_day = self.con.execute(
            "SELECT coalesce(announced, CAST(published AS DATE), CAST(first_seen AS DATE)), "
            "count(*) FROM papers GROUP BY 1 ORDER BY 1"
        ).fetchall()
        per_category = self.con.execute(
            "SELECT category, count(*) FROM (SELECT unnest(categories) AS category FROM papers) "
            "GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        per_profile = self.con.execute(
            "SELECT profile, count(*) FROM matches GROUP BY 1 ORDER BY 2 DESC, 1"
        ).fetchall()
        return Overview(
            per_day=dict(per_day),
            per_category=dict(per_category),
            per_profile=dict(per_profile),
            failures=self.failures(),
            status=self.parse_states(),
        )

    def parse_states(self) -> dict[str, int]:
        """Papers per parse state (``pending``, ``parsed``, ``failed``, ``no_pdf``)."""
        return dict(
            self.con.execute(
                "SELECT parse_status, count(*) FROM papers GROUP BY 1 ORDER BY 1"
            ).fetchall()
        )

    def stats(self) -> StoreStats:
        """Counts of papers, chunks, paper vectors, parse states and failed papers."""
        papers = self.con.execute("SELECT count(*) FROM papers").fetchone()[0]
        chunks = self.con.execute("SELECT count(*) FROM chunks").fetchone()[0]
        by_status = self.parse_states()
        failed = self.con.execute("SELECT count(DISTINCT arxiv_id) FROM failures").fetchone()[0]
        model = self.get_kv("embedding_model") or ""
        return StoreStats(
            papers=papers,
            chunks=chunks,
            paper_vectors=len(self.paper_vector_ids(model)),
            parsed=by_status.get("parsed", 0),
            pending=by_status.get("pending", 0),
            failed=failed,
            by_status=by_status,
        )

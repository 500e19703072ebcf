"""What the user cares about: profile matches, ratings and imported examples."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from kb.db.store import Store, utcnow
from kb.records import Match
from kb.types import ProfileExample, Rating


class InterestQueries(Store):
    """What the user cares about: profile matches, ratings and imported examples."""

    def record_matches(self, day: date | None, matches: dict[str, list[Match]]) -> None:
        """Store each paper's matched profiles with score and reason."""
        rows = {
            (arxiv_id, m.profile): (float(m.score), m.reason)
            for arxiv_id, found in matches.items()
            for m in found
        }
        self._insert_columns(
            "matches", ("VARCHAR", "VARCHAR", "DOUBLE", "VARCHAR", "DATE"),
            [[k[0] for k in rows], [k[1] for k in rows], [v[0] for v in rows.values()],
             [v[1] for v in rows.values()], [day] * len(rows)],
            "ON CONFLICT DO UPDATE SET score = excluded.score, reason = excluded.reason, "
            "day = excluded.day",
        )  # fmt: skip

    def matches_for(self, arxiv_ids: Sequence[str]) -> dict[str, list[Match]]:
        """Matched profiles of some papers, best score first."""
        if not arxiv_ids:
            return {}
        rows = self.con.execute(
            "SELECT arxiv_id, profile, score, reason, day FROM matches "
            "WHERE arxiv_id IN (SELECT unnest(?)) ORDER BY score DESC",
            [list(arxiv_ids)],
        ).fetchall()
        found: dict[str, list[Match]] = {}
        for arxiv_id, *match in rows:
            found.setdefault(arxiv_id, []).append(Match(*match))
        return found

    def papers_matching_profile(self, profile: str) -> list[str]:
        """Ids of the papers that matched a profile, best score first."""
        rows = self.con.execute(
            "SELECT arxiv_id FROM matches WHERE profile = ? ORDER BY score DESC", [profile]
        ).fetchall()
        return [r[0] for r in rows]

    def rate(self, arxiv_id: str, profile: str, relevant: bool, source: str = "cli") -> None:
        """Store (or replace) the user's rating of a paper for a profile."""
        self.con.execute(
            "INSERT INTO feedback VALUES (?, ?, ?, ?, ?) ON CONFLICT DO UPDATE SET "
            "relevant = excluded.relevant, rated_at = excluded.rated_at, source = excluded.source",
            [arxiv_id, profile, relevant, utcnow(), source],
        )

    def unrate(self, arxiv_id: str, profile: str) -> bool:
        """Remove a rating; False when there was none."""
        found = self.con.execute(
            "DELETE FROM feedback WHERE arxiv_id = ? AND profile = ? RETURNING arxiv_id",
            [arxiv_id, profile],
        ).fetchall()
        return bool(found)

    def ratings(self, profile: str | None = None) -> list[Rating]:
        """Ratings, oldest first (of one profile, or all)."""
        sql = "SELECT arxiv_id, profile, relevant, rated_at, source FROM feedback"
        params: list[Any] = []
        if profile is not None:
            sql += " WHERE profile = ?"
            params.append(profile)
        rows = self.con.execute(sql + " ORDER BY rated_at, arxiv_id", params).fetchall()
        return [Rating(*row) for row in rows]

    def add_profile_examples(self, profile: str, examples: Sequence[ProfileExample]) -> int:
        """Store imported examples of a profile (an entry already there is replaced)."""
        if not examples:
            return 0
        self.con.execute(
            "DELETE FROM profile_examples WHERE profile = ? AND key IN (SELECT unnest(?))",
            [profile, [e.key for e in examples]],
        )
        self._insert_columns(
            "profile_examples",
            ("VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "VARCHAR", "TIMESTAMP"),
            [[profile] * len(examples), [e.key for e in examples], [e.title for e in examples],
             [e.text for e in examples], [e.arxiv_id for e in examples],
             [e.source for e in examples], [utcnow()] * len(examples)],
        )  # fmt: skip
        return len(examples)

    def profile_examples(self, profile: str) -> list[ProfileExample]:
        """Examples imported for a profile (from a reference library)."""
        rows = self.con.execute(
            "SELECT key, title, text, arxiv_id, source FROM profile_examples WHERE profile = ? "
            "ORDER BY added, key",
            [profile],
        ).fetchall()
        return [ProfileExample(*row) for row in rows]

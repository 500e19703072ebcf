"""The daily run: announcements -> relevance -> full text -> analyses -> report.

Idempotent and resumable: every stage stores its results in DuckDB (papers, full texts,
analyses) and skips what is already there, so a second run of the same day, or a run after a
crash, does only what is missing and writes the same report. A lock keeps two runs apart.
"""

from __future__ import annotations

import json
import logging
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any, Literal

from kb.atomic import remove_stale_temps, write_atomic
from kb.config import Settings
from kb.db import Database
from kb.errors import KBError
from kb.ingest import Ingestor, IngestSummary
from kb.lock import run_lock
from kb.records import Match
from kb.types import Analysis, Paper

log = logging.getLogger(__name__)

Source = Literal["files", "live", "demo"]
Progress = Callable[[Iterable[Any], int, str], Iterable[Any]]


@dataclass
class DailyOptions:
    """What ``kb daily`` was asked to do."""

    day: date | None = None
    source: Source = "files"
    feed_files: list[Path] = field(default_factory=list)
    pdf_dirs: list[Path] = field(default_factory=list)
    fetch_pdfs: bool = False
    out_dir: Path | None = None
    wait_s: float = 0.0
    deliver: bool = False


@dataclass
class DailyResult:
    """What a daily run did; ``status`` maps to the exit code (done 0, nothing_new 1)."""

    status: Literal["done", "nothing_new"]
    day: date
    report_path: Path
    json_path: Path
    counts: dict[str, int]
    timings_s: dict[str, float]
    failures: list[dict[str, str]]
    deliveries: list[dict[str, Any]] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "status": self.status,
            "day": self.day.isoformat(),
            "report": str(self.report_path),
            "json": str(self.json_path),
            "counts": self.counts,
            "timings_s": self.timings_s,
            "failures": self.failures,
            "deliveries": self.deliveries,
        }


def announcement_counts(papers: Sequence[Paper]) -> dict[str, int]:
    """Announced / new / cross / replaced figures for the report overview."""
    types = [p.announce_type or "" for p in papers]
    return {
        "announced": len(papers),
        "new": types.count("new"),
        "cross": types.count("cross"),
        "replaced": types.count("replace") + types.count("replace-cross"),
    }


class DailyRun:
    """One day's pipeline for the settings given."""

    def __init__(self, settings: Settings, options: DailyOptions, progress: Progress | None = None):
        self.settings = settings
        self.options = options
        self.progress = progress
        self.timings: dict[str, float] = {}
        self.failures: list[dict[str, str]] = []
        self.is_demo = options.source == "demo"

    def _timed(self, stage: str, start: float) -> None:
        self.timings[stage] = round(self.timings.get(stage, 0.0) + time.perf_counter() - start, 3)

    # -- stages -----------------------------------------------------------------------------
    def collect(self) -> tuple[list[Paper], date]:
        """The day's announcements from files, the demo set, or arXiv itself."""
        from kb.feeds import feed_day, parse_feed_files

        start = time.perf_counter()
        opts = self.options
        if opts.source == "demo":
            from kb.demo import write_demo

            demo = write_demo(self.settings.home / "demo")
            opts.feed_files = list(demo.feed_paths)
            opts.pdf_dirs = [demo.pdf_dir, *opts.pdf_dirs]
            opts.day = opts.day or demo.day
        if opts.source == "live":
            from kb.arxiv_client import PoliteClient
            from kb.sources import fetch_today

            papers = fetch_today(self.settings, PoliteClient(self.settings.feeds))
            day = opts.day or next((p.announced for p in papers if p.announced), None)
        else:
            papers = parse_feed_files(opts.feed_files)
            day = opts.day or next(
                (d for d in (feed_day(f) for f in opts.feed_files) if d is not None), None
            )
        categories = set(self.settings.feeds.categories)
        if opts.source != "demo" and categories:
            papers = [
                p for p in papers if categories.intersection(p.categories) or not p.categories
            ]
        self._timed("fetch", start)
        return papers, day or datetime.now(UTC).date()

    def score(self, papers: Sequence[Paper], day: date) -> dict[str, list[Match]]:
        """Matched profiles per paper id (best score first), stored for the app's filters."""
        from kb.relevance import score_papers
        from kb.relevance.service import make_judge

        start = time.perf_counter()
        with Database.open(self.settings.db_path) as db:
            decisions = score_papers(
                papers, self.profiles(), self.settings, db=db, judge=make_judge(self.settings)
            )
        matches: dict[str, list[Match]] = {}
        for decision in decisions:
            if decision.matched:
                matches.setdefault(decision.arxiv_id, []).append(
                    Match(decision.profile, round(float(decision.score), 3), decision.reason)
                )
        for found in matches.values():
            found.sort(key=lambda m: -m.score)
        with Database.open(self.settings.db_path) as db:
            db.record_matches(day, matches)
        self._timed("score", start)
        return matches

    def profiles(self) -> list[Any]:
        """The configured profiles, else the three shipped examples."""
        if self.settings.profiles:
            return list(self.settings.profiles)
        from kb.relevance import example_profiles

        return example_profiles()

    def fulltext(self, papers: Sequence[Paper], day: date) -> IngestSummary:
        """Store every announcement's metadata, and the full text of the matched papers."""
        ingestor = Ingestor(self.settings, progress=self.progress)
        summary = IngestSummary()
        ingestor.add_papers(papers, summary, day)
        self.paper_vectors(papers)
        return summary

    def paper_vectors(self, papers: Sequence[Paper]) -> None:
        """A vector for each announced paper (the abstract tier of search, related papers)."""
        from kb.embed import get_embedder
        from kb.papervectors import ensure_paper_vectors

        start = time.perf_counter()
        embedder = get_embedder(self.settings.embedding)
        with Database.open(self.settings.db_path) as db:
            ensure_paper_vectors(db, embedder, [p.arxiv_id for p in papers])
        self._timed("paper_vectors", start)

    def related(self, matched: Sequence[Paper], day: date) -> dict[str, list[dict[str, Any]]]:
        """ "Related in your library" for each matched paper: up to 3 papers announced before
        ``day``, with their dates and why (the paper index takes the day's vectors here)."""
        from kb.similar import related_papers

        start = time.perf_counter()
        with Database.open(self.settings.db_path) as db:
            found = related_papers(self.settings, db, [p.arxiv_id for p in matched], day)
        self._timed("related", start)
        return {pid: [s.to_dict() for s in items] for pid, items in found.items()}

    def fetch_pdfs(self, matched: Sequence[Paper]) -> list[Path]:
        """Download the PDFs of matched papers not found locally (live runs)."""
        from kb.fetch import fetch_missing_pdfs

        start = time.perf_counter()
        self.failures.extend(fetch_missing_pdfs(self.settings, matched, self.options.pdf_dirs))
        self._timed("download", start)
        return [self.settings.pdf_dir]

    def _fail(self, arxiv_id: str, stage: str, reason: str) -> None:
        log.warning("%s (%s): %s", arxiv_id, stage, reason)
        self.failures.append({"arxiv_id": arxiv_id, "stage": stage, "reason": reason})
        with Database.open(self.settings.db_path) as db:
            db.record_failure(arxiv_id, stage, reason)

    def analyze(self, matched: Sequence[Paper]) -> dict[str, Analysis]:
        """A grounded analysis of each matched paper whose full text is stored."""
        from kb.analyze import analyze_paper
        from kb.embed import get_embedder
        from kb.llm.factory import get_backend

        start = time.perf_counter()
        llm = get_backend(self.settings.llm)
        embedder = get_embedder(self.settings.embedding)
        analyses: dict[str, Analysis] = {}
        items: Iterable[Paper] = matched
        if self.progress:
            items = self.progress(matched, len(matched), "analyses")
        for paper in items:
            with Database.open(self.settings.db_path) as db:
                row = db.get_paper(paper.arxiv_id)
                if row is None or not row.parsed:
                    continue
                try:
                    analyses[paper.arxiv_id] = analyze_paper(
                        db, self.settings, paper.arxiv_id, llm=llm, embedder=embedder
                    )
                except KBError as exc:
                    reason = str(exc)
                    db.record_failure(paper.arxiv_id, "analyze", reason)
                    self.failures.append(
                        {"arxiv_id": paper.arxiv_id, "stage": "analyze", "reason": reason}
                    )
        self._timed("analyze", start)
        return analyses

    # -- the whole day ----------------------------------------------------------------------
    def run(self) -> DailyResult:
        """Do the day; raises KBError for a failure that stops the run."""
        with run_lock(self.settings.lock_path, self.options.wait_s):
            result = self._run_locked()
        if self.options.deliver:  # outside the lock: a slow mail server holds no one up
            result.deliveries = self._deliver(result)
        return result

    def _deliver(self, result: DailyResult) -> list[dict[str, Any]]:
        """Send the day's digest; a failure is recorded and reported, never raised."""
        from kb.delivery.service import deliver_digest

        try:
            data = json.loads(result.json_path.read_text(encoding="utf-8"))
            records = deliver_digest(self.settings, data, skip_sent=True)
        except (KBError, OSError, ValueError) as exc:
            log.error("delivery of %s: %s", result.day, exc)
            return [{"channel": "all", "status": "failed", "attempts": 0, "detail": str(exc)}]
        return [r.to_dict() for r in records]

    def ingest_matched(self, matched: Sequence[Paper], summary: IngestSummary) -> None:
        """The full text of the matched papers: local PDFs, else downloads (live runs)."""
        pdf_dirs = list(self.options.pdf_dirs)
        if self.options.source == "live" or self.options.fetch_pdfs:
            pdf_dirs += self.fetch_pdfs(matched)
        ingestor = Ingestor(self.settings, progress=self.progress)
        start = time.perf_counter()
        jobs = ingestor.plan_pdfs(matched, pdf_dirs, summary)
        ingestor.ingest_pdfs(jobs, summary)
        self._timed("ingest", start)
        for stage, seconds in summary.timings_s.items():
            self.timings[f"ingest.{stage}"] = seconds
        self.failures.extend(summary.failures)

    def _run_locked(self) -> DailyResult:
        out_dir = self.options.out_dir or self.settings.reports_dir
        for folder in (out_dir, self.settings.index_dir):
            remove_stale_temps(folder)
        papers, day = self.collect()
        counts = announcement_counts(papers)
        summary = self.fulltext(papers, day)
        matches = self.score(papers, day) if papers else {}
        by_id = {p.arxiv_id: p for p in papers}
        ranked = sorted(matches, key=lambda pid: -matches[pid][0].score)
        matched = [by_id[pid] for pid in ranked[: self.settings.report.max_papers]]
        counts["matched"] = len(matched)
        if matched:
            self.ingest_matched(matched, summary)
        analyses = self.analyze(matched) if matched else {}
        related = self.related(matched, day) if matched else {}
        md_path, json_path = self.write_report(
            out_dir, day, counts, [(p, matches[p.arxiv_id]) for p in matched], analyses, related
        )
        with Database.open(self.settings.db_path) as db:
            run_id = db.start_run("daily", {"day": day.isoformat(), "source": self.options.source})
            db.finish_run(run_id, "done", {"counts": counts, "timings_s": self.timings})
        return DailyResult(
            status="done" if papers else "nothing_new",
            day=day,
            report_path=md_path,
            json_path=json_path,
            counts=counts,
            timings_s=self.timings,
            failures=self.failures,
        )

    def write_report(
        self,
        out_dir: Path,
        day: date,
        counts: dict[str, int],
        matched: Sequence[tuple[Paper, list[Match]]],
        analyses: dict[str, Analysis],
        related: dict[str, list[dict[str, Any]]],
    ) -> tuple[Path, Path]:
        """The day's report as Markdown and JSON (each written atomically); their paths."""
        from kb.report import DailyReport, ReportEntry, render_report, report_to_dict

        start = time.perf_counter()
        notes = self._paper_notes([p for p, _ in matched], analyses)
        entries = [
            ReportEntry(
                paper=paper,
                matches=found,
                analysis=analyses.get(paper.arxiv_id),
                analysis_note=notes.get(paper.arxiv_id),
                related=related.get(paper.arxiv_id, []),
            )
            for paper, found in matched
        ]
        report = DailyReport(
            day=day,
            categories=list(self.settings.feeds.categories),
            profiles=[{"name": p.name, "description": p.description} for p in self.profiles()],
            counts=counts,
            entries=entries,
            is_demo=self.is_demo,
            generated_at=datetime.now(UTC),
            notes=[f"{f['arxiv_id']} ({f['stage']}): {f['reason']}" for f in self.failures],
        )
        md_path = out_dir / f"{day.isoformat()}.md"
        json_path = out_dir / f"{day.isoformat()}.json"
        markdown = render_report(report, self.settings.report.language)
        write_atomic(md_path, markdown, crash_point="report_write")
        data = json.dumps(report_to_dict(report), ensure_ascii=False, indent=2, default=str)
        write_atomic(json_path, data, crash_point="report_write")
        self._timed("report", start)
        return md_path, json_path

    def _paper_notes(
        self, matched: Sequence[Paper], analyses: dict[str, Analysis]
    ) -> dict[str, str]:
        """Why a matched paper has no analysis (no PDF, parse failure...)."""
        notes: dict[str, str] = {}
        with Database.open(self.settings.db_path, read_only=False) as db:
            rows = db.get_papers([p.arxiv_id for p in matched])
            failures = {f.arxiv_id: f.reason for f in db.failures()}
        for paper in matched:
            if paper.arxiv_id in analyses:
                continue
            row = rows.get(paper.arxiv_id)
            if row is not None and row.parse_status == "failed":
                notes[paper.arxiv_id] = f"full text could not be read: {row.parse_error}"
            elif paper.arxiv_id in failures:
                notes[paper.arxiv_id] = f"full text unavailable: {failures[paper.arxiv_id]}"
            else:
                notes[paper.arxiv_id] = "full text unavailable: no PDF for this paper"
        return notes


def run_daily(
    settings: Settings, options: DailyOptions, progress: Progress | None = None
) -> DailyResult:
    """Run the daily pipeline once (see DailyRun)."""
    return DailyRun(settings, options, progress).run()

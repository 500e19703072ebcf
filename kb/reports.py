"""Finding and reading the daily reports written by ``kb daily``."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kb.config import Settings
from kb.errors import NotFoundError


@dataclass(frozen=True)
class ReportFile:
    """One day's report: its Markdown and JSON files."""

    day: date
    markdown: Path
    data: Path


def list_reports(settings: Settings) -> list[ReportFile]:
    """Reports in the reports folder, newest day first (only finished ones: both files)."""
    folder = settings.reports_dir
    if not folder.is_dir():
        return []
    found = []
    for path in folder.glob("*.json"):
        try:
            day = date.fromisoformat(path.stem)
        except ValueError:
            continue
        markdown = path.with_suffix(".md")
        if markdown.exists():
            found.append(ReportFile(day, markdown, path))
    return sorted(found, key=lambda r: r.day, reverse=True)


def load_report(settings: Settings, day: date | None = None) -> dict[str, Any]:
    """The JSON content of a day's report (the latest when ``day`` is None).

    Raises:
        NotFoundError: no report for that day (or none at all).
    """
    reports = list_reports(settings)
    if not reports:
        raise NotFoundError(f"no reports in {settings.reports_dir}: run `kb daily` first")
    chosen = reports[0] if day is None else next((r for r in reports if r.day == day), None)
    if chosen is None:
        raise NotFoundError(f"no report for {day} in {settings.reports_dir}")
    return json.loads(chosen.data.read_text(encoding="utf-8"))

"""``kb site build``: a static site of the digests (index, one page per day, no JavaScript)
and their Atom feed, from the reports on disk."""

from __future__ import annotations

import json
import logging
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

from kb.atomic import write_atomic
from kb.config import Settings
from kb.delivery.digest import Digest, ReportDataError, build_digest
from kb.delivery.feed import atom_feed
from kb.delivery.render import render, site_css
from kb.i18n import labels
from kb.reports import list_reports

log = logging.getLogger(__name__)


@dataclass
class SiteResult:
    """What ``build_site`` wrote, and the reports it could not read (with the reason)."""

    out_dir: Path
    days: list[date] = field(default_factory=list)
    skipped_empty: list[date] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    @property
    def index(self) -> Path:
        """The site's front page."""
        return self.out_dir / "index.html"

    @property
    def feed(self) -> Path:
        """The Atom feed."""
        return self.out_dir / "feed.xml"

    def to_dict(self) -> dict[str, Any]:
        """JSON-ready summary."""
        return {
            "out_dir": str(self.out_dir),
            "index": str(self.index),
            "feed": str(self.feed),
            "days": [d.isoformat() for d in self.days],
            "skipped_empty_days": [d.isoformat() for d in self.skipped_empty],
            "errors": self.errors,
        }


def load_digests(settings: Settings, base_url: str = "") -> tuple[list[Digest], list[str]]:
    """Every report on disk as a digest, newest first; unreadable ones as errors naming the file."""
    digests, errors = [], []
    site = settings.delivery.site
    for report in list_reports(settings):
        try:
            data = json.loads(report.data.read_text(encoding="utf-8"))
            digests.append(build_digest(data, settings.report.language, site.title, base_url))
        except (OSError, ValueError, TypeError, AttributeError, ReportDataError) as exc:
            errors.append(f"{report.data}: {exc}")
            log.warning("site: skipped %s: %s", report.data, exc)
    return digests, errors


def build_site(settings: Settings, out_dir: Path, base_url: str | None = None) -> SiteResult:
    """Write ``index.html``, one ``YYYY-MM-DD.html`` per day, ``style.css`` and ``feed.xml``.

    Days without announcements are left out unless ``delivery.empty_days`` is true.
    """
    base = settings.delivery.site.base_url if base_url is None else base_url
    result = SiteResult(Path(out_dir))
    digests, result.errors = load_digests(settings, base)
    shown = [d for d in digests if not d.empty or settings.delivery.empty_days]
    result.skipped_empty = [d.day for d in digests if d not in shown]
    t = labels(settings.report.language)
    title = settings.delivery.site.title or t["title"]
    common = {"lang": settings.report.language, "t": t, "site_title": title}
    out = result.out_dir
    for i, digest in enumerate(shown):
        newer = shown[i - 1].day if i > 0 else None
        older = shown[i + 1].day if i + 1 < len(shown) else None
        page = render("site_day.html", inline_styles=False, d=digest, previous=older,
                      next=newer, page_title=digest.heading, **common)  # fmt: skip
        write_atomic(out / f"{digest.day.isoformat()}.html", page)
        result.days.append(digest.day)
    index = render("site_index.html", inline_styles=False, digests=shown, page_title=title,
                   **common)  # fmt: skip
    write_atomic(out / "style.css", site_css())
    write_atomic(result.feed, atom_feed(shown[: settings.delivery.site.feed_days], title, base))
    write_atomic(result.index, index)
    return result

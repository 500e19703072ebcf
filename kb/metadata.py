"""arXiv metadata in JSON lines -> Paper records, for the bulk backfill.

Two layouts are read, gzip or plain:
- the public arXiv metadata snapshot: ``id`` (also old style, ``hep-th/9901001``),
  ``title``, ``abstract``, ``authors`` (one string; ``authors_parsed`` when present),
  ``categories`` (space separated), ``versions`` ([{version, created}]), ``update_date``,
  ``comments``, ``journal-ref``, ``doi``;
- daily listings: ``id``, ``title``, ``summary``, ``authors`` and ``categories`` as lists,
  ``comment``, and the day in the file name (``2025-12-02.jsonl``) or in ``_source_file``.

A line that is not a JSON object with a valid id and a title or abstract is a ``BadLine``
naming the file and line; reading goes on.
"""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from pathlib import Path
from typing import Any

from kb.errors import InvalidIdError
from kb.feeds import abs_url, pdf_url
from kb.ids import parse_arxiv_id
from kb.types import Paper

_DAY = re.compile(r"(\d{4}-\d{2}-\d{2})")
# arXiv categories (cs.CV, hep-th, math.AG); MSC / ACM classes some listings mix in are dropped
_CATEGORY = re.compile(r"^[a-z][a-z\-]*(?:\.[A-Za-z][A-Za-z\-]*)?$")


@dataclass(frozen=True)
class BadLine:
    """A line that could not be read as a paper: where it is and why."""

    file: str
    line: int
    reason: str

    def to_dict(self) -> dict[str, Any]:
        """``{file, line, reason}``."""
        return {"file": self.file, "line": self.line, "reason": self.reason}


@dataclass(frozen=True)
class Record:
    """One line of a metadata file: a paper, or why the line is bad."""

    file: str
    line: int
    paper: Paper | None = None
    bad: BadLine | None = None


def iter_lines(path: Path) -> Iterator[tuple[int, str]]:
    """(1-based line number, text) of a plain or gzip JSON-lines file; blank lines skipped."""
    opener = gzip.open if path.suffix == ".gz" else open
    with opener(path, "rt", encoding="utf-8", errors="replace") as handle:
        for number, line in enumerate(handle, start=1):
            if line.strip():
                yield number, line


def file_day(path: Path) -> date | None:
    """The announcement day a listing's file name carries (``2025-12-02.jsonl``)."""
    match = _DAY.search(path.name)
    return _parse_day(match.group(1)) if match else None


def _parse_day(text: str | None) -> date | None:
    try:
        return date.fromisoformat(text[:10]) if text else None
    except ValueError:
        return None


def _created(version: dict[str, Any]) -> datetime | None:
    try:
        return parsedate_to_datetime(version.get("created", "")).replace(tzinfo=None)
    except (TypeError, ValueError, IndexError):
        return None


def _authors(record: dict[str, Any]) -> list[str]:
    parsed = record.get("authors_parsed")
    if isinstance(parsed, list) and parsed:
        names = [" ".join(p for p in (row[1:2] + row[0:1]) if p) for row in parsed if row]
        return [" ".join(n.split()) for n in names if n.strip()]
    authors = record.get("authors") or []
    if isinstance(authors, str):
        authors = re.split(r",\s*|\s+and\s+", " ".join(authors.split()))
    return [" ".join(str(a).split()) for a in authors if str(a).strip()]


def _categories(raw: Any) -> list[str]:
    # a list, "cs.CV cs.AI" (the snapshot), or "['cs.CV', 'cs.AI']" (a list printed as text)
    items = re.split(r"[\s,\[\]'\"]+", raw) if isinstance(raw, str) else list(raw or [])
    return list(dict.fromkeys(c for c in map(str, items) if _CATEGORY.match(c)))


def _text(value: Any) -> str:
    return " ".join(str(value).split()) if value else ""


def parse_record(record: Any, day: date | None = None) -> Paper:
    """A Paper from one decoded line of either layout.

    Raises:
        ValueError: the record is not an object, or has no title and no abstract.
        InvalidIdError: its id is not an arXiv id.
    """
    if not isinstance(record, dict):
        raise ValueError(f"expected a JSON object, got {type(record).__name__}")
    arxiv_id, id_version = parse_arxiv_id(str(record.get("id") or ""))
    title = _text(record.get("title"))
    abstract = _text(record.get("abstract") or record.get("summary"))
    if not title and not abstract:
        raise ValueError(f"{arxiv_id}: no title and no abstract")
    versions = [v for v in record.get("versions") or [] if isinstance(v, dict)]
    version = len(versions) or id_version
    source_day = _parse_day((_DAY.search(str(record.get("_source_file") or "")) or [None])[0])
    categories = _categories(record.get("categories"))
    return Paper(
        arxiv_id=arxiv_id,
        version=version,
        title=title,
        abstract=abstract,
        authors=_authors(record),
        primary_category=categories[0] if categories else None,
        categories=categories,
        published=_created(versions[0]) if versions else None,
        updated=_created(versions[-1]) if versions else None,
        announced=source_day or day,
        abs_url=abs_url(arxiv_id),
        pdf_url=pdf_url(arxiv_id, version),
        comment=_text(record.get("comments") or record.get("comment")) or None,
        journal_ref=_text(record.get("journal-ref")) or None,
        doi=_text(record.get("doi")) or None,
        source="backfill",
    )


def read_records(path: Path) -> Iterator[Record]:
    """Every non-blank line of a metadata file as a Record (a paper or a bad line)."""
    day = file_day(path)
    name = path.name
    for number, line in iter_lines(path):
        yield parse_line(name, number, line, day)


def parse_line(name: str, number: int, line: str, day: date | None) -> Record:
    """One line as a Record: its paper, or a BadLine saying why not."""
    try:
        paper = parse_record(json.loads(line), day)
    except json.JSONDecodeError as exc:
        return Record(name, number, bad=BadLine(name, number, f"not JSON: {exc.msg}"))
    except (InvalidIdError, ValueError, TypeError, AttributeError) as exc:
        return Record(name, number, bad=BadLine(name, number, str(exc)))
    return Record(name, number, paper=paper)


def paper_day(paper: Paper) -> date | None:
    """The latest date known of a paper (update, else announcement, else first version)."""
    for value in (paper.updated, paper.announced, paper.published):
        if value is not None:
            return value.date() if isinstance(value, datetime) else value
    return None


def wanted(paper: Paper, categories: Sequence[str], since: date | None) -> bool:
    """Whether a paper passes ``--categories`` (exact, or an archive such as ``cs``) and
    ``--since`` (its latest known date on or after; papers with no date pass)."""
    if categories:
        archives = {c.split(".")[0] for c in paper.categories}
        if not set(categories) & (set(paper.categories) | archives):
            return False
    day = paper_day(paper)
    return since is None or day is None or day >= since


def read_papers(paths: Sequence[Path], wanted: set[str] | None = None) -> list[Paper]:
    """The papers of metadata files (only ``wanted`` ids when given; the first record wins);
    bad lines are skipped (``kb backfill`` reports them)."""
    found: dict[str, Paper] = {}
    for path in paths:
        for record in read_records(Path(path)):
            paper = record.paper
            if paper is None or paper.arxiv_id in found:
                continue
            if wanted is None or paper.arxiv_id in wanted:
                found[paper.arxiv_id] = paper
    return list(found.values())

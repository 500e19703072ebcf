"""arXiv feeds -> Paper records: today's RSS 2.0, the older RSS 1.0/RDF, and API Atom.

One paper listed in several category feeds becomes one record; a replacement (v2, ...)
updates the version of that record instead of making a new paper.
"""

from __future__ import annotations

import calendar
import gzip
import html
import json
import logging
import re
from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import feedparser

from kb.errors import FeedError, InvalidIdError
from kb.ids import parse_arxiv_id
from kb.links import extract_code_links
from kb.types import Paper

log = logging.getLogger(__name__)

_PREFIX = re.compile(
    r"^\s*arXiv:\S+\s+Announce Type:\s*(?P<type>[\w\-]+)\s*(?:Abstract:\s*)?", re.IGNORECASE
)
_RDF_TITLE = re.compile(
    r"^(?P<title>.*?)\.?\s*\(arXiv:(?P<id>[^\s\[\]]+)\s*"
    r"\[(?P<primary>[^\]]+)\]\s*(?P<flag>[A-Z ]*)\)\s*$",
    re.DOTALL,
)
_TAG = re.compile(r"<[^>]+>")
_TYPE_RANK = {"new": 0, "replace": 1, "cross": 2, "replace-cross": 3}


def clean_text(text: str | None) -> str:
    """HTML tags removed, entities unescaped, whitespace collapsed."""
    if not text:
        return ""
    return " ".join(html.unescape(_TAG.sub(" ", text)).split())


def _split_authors(raw: str) -> list[str]:
    text = clean_text(raw)
    if not text:
        return []
    parts = re.split(r",\s*|\s+and\s+", text)
    return [p.strip() for p in parts if p.strip() and p.strip().lower() != "and"]


def _dt(struct: Any) -> datetime | None:
    if not struct:
        return None
    return datetime.fromtimestamp(calendar.timegm(struct), tz=UTC).replace(tzinfo=None)


def _source_name(source: str | Path | bytes, name: str | None) -> str:
    if name:
        return name
    return str(source) if isinstance(source, (str, Path)) else "<feed bytes>"


def _read(source: str | Path | bytes, label: str) -> bytes:
    if isinstance(source, bytes):
        return source
    try:
        return Path(source).read_bytes()
    except OSError as exc:
        raise FeedError(f"{label}: cannot read feed ({exc.strerror or exc})") from exc


def _parsed(source: str | Path | bytes, name: str | None) -> tuple[Any, str]:
    label = _source_name(source, name)
    data = _read(source, label)
    try:
        parsed = feedparser.parse(data)
    except Exception as exc:  # feedparser is lenient; anything it raises is a bad feed
        raise FeedError(f"{label}: not a readable feed ({exc})") from exc
    if not parsed.get("version"):
        reason = parsed.get("bozo_exception") or "no RSS, RDF or Atom root element"
        raise FeedError(f"{label}: not an arXiv feed ({reason})")
    return parsed, label


def _feed_date(parsed: Any) -> date | None:
    feed = parsed.feed
    for key in ("published_parsed", "updated_parsed"):
        value = feed.get(key)
        if value:
            # arXiv stamps days at midnight US Eastern; use the local calendar day it names
            raw = feed.get(key.replace("_parsed", "")) or ""
            match = re.search(r"(\d{1,2}) (\w{3}) (\d{4})", raw)
            if match:
                return datetime.strptime(" ".join(match.groups()), "%d %b %Y").date()
            match = re.match(r"(\d{4}-\d{2}-\d{2})", raw)
            if match:
                return date.fromisoformat(match.group(1))
            return _dt(value).date() if _dt(value) else None
    return None


def abs_url(arxiv_id: str) -> str:
    """The abstract page of a paper."""
    return f"https://arxiv.org/abs/{arxiv_id}"


def pdf_url(arxiv_id: str, version: int | None) -> str:
    """The PDF of a paper version (the latest when the version is unknown)."""
    return f"https://arxiv.org/pdf/{arxiv_id}" + (f"v{version}" if version else "")


def feed_day(source: str | Path | bytes) -> date | None:
    """The announcement day a feed is for (None when it does not say)."""
    parsed, _ = _parsed(source, None)
    return _feed_date(parsed)


def _rss2_entry(entry: Any, day: date | None, label: str) -> Paper:
    summary = entry.get("summary", "")
    match = _PREFIX.match(summary)
    announce = (entry.get("arxiv_announce_type") or (match.group("type") if match else "")) or None
    abstract = clean_text(summary[match.end() :] if match else summary)
    guid = entry.get("id") or entry.get("link") or ""
    raw_id = guid if ("arxiv" in guid.lower() or re.search(r"\d{4}\.\d{4,5}", guid)) else ""
    if match:
        raw_id = summary.split()[0]
    arxiv_id, version = parse_arxiv_id(raw_id or entry.get("link", ""))
    if version is None:
        _, version = parse_arxiv_id(guid) if guid else (arxiv_id, None)
    categories = list(dict.fromkeys(t["term"] for t in entry.get("tags", []) if t.get("term")))
    authors = _split_authors(entry.get("author", ""))
    return Paper(
        arxiv_id=arxiv_id,
        version=version,
        title=clean_text(entry.get("title")),
        abstract=abstract,
        authors=authors,
        announce_type=announce.lower() if announce else None,
        primary_category=categories[0] if categories else None,
        categories=categories,
        published=_dt(entry.get("published_parsed")),
        announced=day,
        abs_url=abs_url(arxiv_id),
        pdf_url=pdf_url(arxiv_id, version),
        code_links=extract_code_links(abstract),
        source=label,
    )


def _rdf_entry(entry: Any, day: date | None, label: str, feed_category: str | None) -> Paper:
    title_raw = " ".join((entry.get("title") or "").split())
    match = _RDF_TITLE.match(title_raw)
    if not match:
        raise InvalidIdError(f"no arXiv id in RDF title {title_raw[:80]!r}")
    arxiv_id, version = parse_arxiv_id(match.group("id"))
    primary = match.group("primary").strip()
    flag = match.group("flag").strip().upper()
    if "CROSS" in flag:
        announce = "replace-cross" if "UPDATED" in flag else "cross"
    elif "UPDATED" in flag:
        announce = "replace"
    else:
        announce = "new"
    categories = list(dict.fromkeys([primary, *([feed_category] if feed_category else [])]))
    abstract = clean_text(entry.get("summary"))
    return Paper(
        arxiv_id=arxiv_id,
        version=version,
        title=clean_text(match.group("title")),
        abstract=abstract,
        authors=_split_authors(entry.get("author", "")),
        announce_type=announce,
        primary_category=primary,
        categories=categories,
        announced=day,
        abs_url=abs_url(arxiv_id),
        pdf_url=pdf_url(arxiv_id, version),
        code_links=extract_code_links(abstract),
        source=label,
    )


def _atom_entry(entry: Any, day: date | None, label: str) -> Paper:
    arxiv_id, version = parse_arxiv_id(entry.get("id", ""))
    primary = (entry.get("arxiv_primary_category") or {}).get("term")
    tags = [t["term"] for t in entry.get("tags", []) if t.get("term")]
    categories = list(dict.fromkeys([*([primary] if primary else []), *tags]))
    pdf_link = next(
        (lnk["href"] for lnk in entry.get("links", []) if lnk.get("title") == "pdf"), None
    )
    abstract = clean_text(entry.get("summary"))
    comment = clean_text(entry.get("arxiv_comment")) or None
    authors = [clean_text(a.get("name")) for a in entry.get("authors", []) if a.get("name")]
    published = _dt(entry.get("published_parsed"))
    updated = _dt(entry.get("updated_parsed"))
    announce = None
    if version and version > 1:
        announce = "replace"
    return Paper(
        arxiv_id=arxiv_id,
        version=version,
        title=clean_text(entry.get("title")),
        abstract=abstract,
        authors=authors,
        announce_type=announce,
        primary_category=primary or (categories[0] if categories else None),
        categories=categories,
        published=published,
        updated=updated,
        announced=day,
        abs_url=abs_url(arxiv_id),
        pdf_url=(pdf_link or pdf_url(arxiv_id, version)).replace("http://", "https://"),
        comment=comment,
        journal_ref=clean_text(entry.get("arxiv_journal_ref")) or None,
        doi=clean_text(entry.get("arxiv_doi")) or None,
        code_links=extract_code_links(abstract, comment),
        source=label,
    )


def _api_error(parsed: Any) -> str | None:
    for entry in parsed.entries:
        if "api/errors" in entry.get("id", "") or entry.get("title", "").strip() == "Error":
            return clean_text(entry.get("summary")) or "unknown API error"
    return None


def parse_feed(source: str | Path | bytes, name: str | None = None) -> list[Paper]:
    """Papers of one feed in any of arXiv's three formats (detected from the content).

    Entries without a valid arXiv id are skipped with a warning.

    Raises:
        FeedError: the feed cannot be read, is not a feed, or is an arXiv API error.
    """
    parsed, label = _parsed(source, name)
    version = parsed.get("version") or ""
    day = _feed_date(parsed)
    if version.startswith("atom"):
        error = _api_error(parsed)
        if error:
            raise FeedError(f"{label}: arXiv API error: {error}")
    feed_category = None
    match = re.match(r"^([\w\-.]+) updates on arXiv", parsed.feed.get("title", ""))
    if match and "+" not in match.group(1):
        feed_category = match.group(1)
    papers: list[Paper] = []
    skipped = 0
    for entry in parsed.entries:
        try:
            if version.startswith("atom"):
                paper = _atom_entry(entry, day, label)
            elif (
                version.startswith("rss1")
                or version == "rss090"
                or _RDF_TITLE.match(" ".join((entry.get("title") or "").split()))
            ):
                paper = _rdf_entry(entry, day, label, feed_category)
            else:
                paper = _rss2_entry(entry, day, label)
        except InvalidIdError as exc:
            skipped += 1
            log.warning("%s: skipped an entry: %s", label, exc)
            continue
        if not paper.title:
            skipped += 1
            log.warning("%s: skipped %s: no title", label, paper.arxiv_id)
            continue
        papers.append(paper)
    if parsed.get("bozo") and not papers and parsed.entries:
        raise FeedError(f"{label}: malformed feed ({parsed.get('bozo_exception')})")
    return papers


def _better(a: Paper, b: Paper) -> Paper:
    """Of two records of one paper, the one whose fields should win."""
    if (a.version or 0) != (b.version or 0):
        return a if (a.version or 0) > (b.version or 0) else b
    rank_a = _TYPE_RANK.get(a.announce_type or "", 9)
    rank_b = _TYPE_RANK.get(b.announce_type or "", 9)
    return a if rank_a <= rank_b else b


def merge_papers(papers: Iterable[Paper]) -> list[Paper]:
    """One record per id, first-seen order: newest version wins, categories are united."""
    merged: dict[str, Paper] = {}
    for paper in papers:
        old = merged.get(paper.arxiv_id)
        if old is None:
            merged[paper.arxiv_id] = paper
            continue
        best = _better(old, paper)
        other = paper if best is old else old
        primary = best.primary_category or other.primary_category
        categories = list(
            dict.fromkeys([*([primary] if primary else []), *best.categories, *other.categories])
        )
        merged[paper.arxiv_id] = Paper(
            **{
                **best.__dict__,
                "categories": categories,
                "primary_category": primary,
                "abstract": best.abstract or other.abstract,
                "authors": best.authors or other.authors,
                "comment": best.comment or other.comment,
                "journal_ref": best.journal_ref or other.journal_ref,
                "doi": best.doi or other.doi,
                "published": best.published or other.published,
                "announced": best.announced or other.announced,
                "code_links": list(dict.fromkeys([*best.code_links, *other.code_links])),
            }
        )
    return list(merged.values())


def parse_feed_files(paths: Sequence[Path]) -> list[Paper]:
    """Parse several feed files and merge them into one record per paper.

    Raises:
        FeedError: naming the first file that cannot be parsed.
    """
    papers: list[Paper] = []
    for path in paths:
        if str(path).endswith((".json", ".jsonl.gz")):
            papers.extend(parse_feedparser_cache(Path(path)))
        else:
            papers.extend(parse_feed(Path(path)))
    return merge_papers(papers)


def _cache_entries(path: Path) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    if path.name.endswith(".gz"):
        with gzip.open(path, "rt", encoding="utf-8") as handle:
            for line in handle:
                if line.strip():
                    yield from _cache_entries_of(json.loads(line))
    else:
        yield from _cache_entries_of(json.loads(path.read_text(encoding="utf-8")))


def _cache_entries_of(data: dict[str, Any]) -> Iterable[tuple[dict[str, Any], dict[str, Any]]]:
    if "rss_cache" in data:  # the JSON-lines archive: one day per line, the cache nested
        yield from _cache_entries_of(data["rss_cache"])
        return
    feeds = data.values() if "entries" not in data else [data]
    for feed in feeds:
        if isinstance(feed, dict) and "entries" in feed:
            for entry in feed["entries"]:
                yield feed.get("feed", {}), entry


def parse_feedparser_cache(path: Path) -> list[Paper]:
    """Papers from feedparser output saved as JSON (one feed, or JSON lines of feeds).

    Raises:
        FeedError: the file is not JSON of that shape.
    """
    papers: list[Paper] = []
    try:
        for feed, entry in _cache_entries(path):
            raw_day = feed.get("published") or feed.get("updated") or ""
            match = re.search(r"(\d{1,2}) (\w{3}) (\d{4})", raw_day)
            day = datetime.strptime(" ".join(match.groups()), "%d %b %Y").date() if match else None
            entry = dict(entry)
            entry.setdefault("published_parsed", None)
            try:
                papers.append(_rss2_entry(_Entry(entry), day, str(path)))
            except InvalidIdError as exc:
                log.warning("%s: skipped an entry: %s", path, exc)
    except (OSError, ValueError, AttributeError, TypeError) as exc:
        raise FeedError(f"{path}: not a feedparser JSON cache ({exc})") from exc
    return merge_papers(papers)


class _Entry(dict):
    """A JSON entry that answers ``.get`` like a feedparser entry."""

"""Your reference library as profile examples: BibTeX, RIS and CSL-JSON (Zotero's exports).

An entry with an arXiv id (eprint, URL, DOI 10.48550/arXiv.*, "arXiv:" in the journal) or a
DOI that a paper in the KB carries is matched to that paper; the others become text examples
from their title and abstract. A malformed file is an error naming the line, and nothing is
imported from it.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from kb.db import Database
from kb.errors import ConfigError
from kb.ids import is_arxiv_id, normalize_id
from kb.records import PaperRow
from kb.types import ProfileExample

_ARXIV_IN_TEXT = re.compile(
    r"(?:arxiv\.org/(?:abs|pdf)/|arxiv[:.\s]+|10\.48550/arxiv\.)"
    r"(\d{4}\.\d{4,5}|[a-z\-]+(?:\.[A-Z]{2})?/\d{7})",
    re.I,
)
_RIS_LINE = re.compile(r"^[A-Z][A-Z0-9]  -( |$)")


@dataclass
class ImportReport:
    """What an import did: entries read, used (matched or as text) and skipped, with reasons."""

    read: int = 0
    matched: int = 0
    as_text: int = 0
    skipped: list[dict[str, str]] = field(default_factory=list)

    @property
    def used(self) -> int:
        """Entries that became examples."""
        return self.matched + self.as_text

    def to_dict(self) -> dict[str, Any]:
        """JSON shape of ``kb profile import --json``."""
        return {
            "read": self.read,
            "used": self.used,
            "matched": self.matched,
            "as_text": self.as_text,
            "skipped": self.skipped,
        }


@dataclass
class Entry:
    """One reference, reduced to what matching needs."""

    key: str
    title: str = ""
    abstract: str = ""
    arxiv_id: str | None = None
    doi: str | None = None


def _clean(text: Any) -> str:
    return " ".join(str(text or "").replace("{", "").replace("}", "").split())


def _arxiv_from(*values: Any) -> str | None:
    for value in values:
        text = " ".join(value) if isinstance(value, list) else str(value or "")
        match = _ARXIV_IN_TEXT.search(text)
        if match and is_arxiv_id(match.group(1)):
            return normalize_id(match.group(1))
    return None


def _bibtex(text: str, path: Path) -> list[Entry]:
    import bibtexparser

    library = bibtexparser.parse_string(text)
    if library.failed_blocks:
        block = library.failed_blocks[0]
        raise ConfigError(f"{path}:{block.start_line + 1}: not a valid BibTeX entry")
    entries = []
    for item in library.entries:
        fields = {k.lower(): v for k, v in item.fields_dict.items()}

        def get(name: str, fields: dict = fields) -> Any:
            return fields[name].value if name in fields else ""

        eprint = get("eprint") if "arxiv" in str(get("archiveprefix")).lower() else ""
        entries.append(
            Entry(
                item.key,
                _clean(get("title")),
                _clean(get("abstract")),
                _arxiv_from(
                    f"arXiv:{eprint}" if eprint else "",
                    get("url"),
                    get("doi"),
                    get("journal"),
                    get("note"),
                ),
                _clean(get("doi")) or None,
            )
        )
    return entries


def _ris(text: str, path: Path) -> list[Entry]:
    import rispy

    for number, line in enumerate(text.splitlines(), start=1):
        if line.strip() and not _RIS_LINE.match(line):
            raise ConfigError(f"{path}:{number}: not a RIS line (expected 'TAG  - value')")
    entries = []
    for n, item in enumerate(rispy.loads(text), start=1):
        title = item.get("title") or item.get("primary_title") or ""
        urls = item.get("urls") or []
        entries.append(
            Entry(
                item.get("id") or f"entry {n}",
                _clean(title),
                _clean(item.get("abstract")),
                _arxiv_from(urls, item.get("doi"), item.get("journal_name"), item.get("notes")),
                _clean(item.get("doi")) or None,
            )
        )
    return entries


def _csl_json(text: str, path: Path) -> list[Entry]:
    try:
        items = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ConfigError(f"{path}:{exc.lineno}: not valid JSON ({exc.msg})") from exc
    if isinstance(items, dict):
        items = items.get("items", [items])
    if not isinstance(items, list) or not all(isinstance(i, dict) for i in items):
        raise ConfigError(f"{path}:1: CSL-JSON must be a list of items")
    return [
        Entry(
            str(i.get("id") or f"entry {n}"),
            _clean(i.get("title")),
            _clean(i.get("abstract")),
            _arxiv_from(i.get("URL"), i.get("DOI"), i.get("number"), i.get("container-title")),
            _clean(i.get("DOI")) or None,
        )
        for n, i in enumerate(items, start=1)
    ]


def read_library(path: Path) -> list[Entry]:
    """Entries of a BibTeX (.bib), RIS (.ris) or CSL-JSON (.json) file.

    Raises:
        ConfigError: unknown format, or a malformed file (naming the line).
    """
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc
    suffix = path.suffix.lower()
    if suffix in (".bib", ".bibtex"):
        return _bibtex(text, path)
    if suffix in (".ris", ".txt"):
        return _ris(text, path)
    if suffix in (".json", ".csljson"):
        return _csl_json(text, path)
    raise ConfigError(f"{path}: unknown library format (use .bib, .ris or CSL .json)")


def import_library(db: Database, path: Path, profile: str) -> ImportReport:
    """Store a library's entries as examples of ``profile`` (all or nothing)."""
    entries = read_library(path)
    report = ImportReport(read=len(entries))
    examples: list[ProfileExample] = []
    for entry in entries:
        paper = _match(db, entry)
        if paper is not None:
            report.matched += 1
            examples.append(
                ProfileExample(
                    f"arxiv:{paper.arxiv_id}",
                    paper.title,
                    paper.abstract,
                    paper.arxiv_id,
                    path.name,
                )
            )
        elif entry.title and (entry.abstract or len(entry.title.split()) >= 4):
            report.as_text += 1
            examples.append(
                ProfileExample(
                    f"{path.name}:{entry.key}",
                    entry.title,
                    entry.abstract,
                    entry.arxiv_id,
                    path.name,
                )
            )
        else:
            reason = "no title" if not entry.title else "title too short and no abstract"
            report.skipped.append({"entry": entry.key, "reason": reason})
    with db.transaction():
        db.add_profile_examples(profile, examples)
    return report


def _match(db: Database, entry: Entry) -> PaperRow | None:
    if entry.arxiv_id:
        row = db.get_paper(entry.arxiv_id)
        if row:
            return row
    if entry.doi:
        return db.paper_by_doi(entry.doi)
    return None

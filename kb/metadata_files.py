"""arXiv metadata as JSON lines (the public snapshot's format and ../shared/data's), read lazily."""

from __future__ import annotations

import ast
import gzip
import json
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from kb.errors import ConfigError
from kb.ids import is_arxiv_id, normalize_id
from kb.types import Paper


def _categories(value: object) -> list[str]:
    """A list, a space-separated string ("cs.CV cs.AI") or a Python list literal as text."""
    if isinstance(value, list):
        return [str(v) for v in value]
    text = str(value or "").strip()
    if text.startswith("["):
        try:
            return [str(v) for v in ast.literal_eval(text)]
        except (ValueError, SyntaxError):
            return []
    return text.split()


def paper_from_record(record: dict) -> Paper:
    """A Paper from one metadata record (``summary`` or ``abstract``; ``id`` as published).

    Raises:
        ValueError: the record has no valid arXiv id or no title.
    """
    raw_id = str(record.get("id") or "").strip()
    if not is_arxiv_id(raw_id):
        raise ValueError(f"not an arXiv id: {raw_id!r}")
    title = " ".join(str(record.get("title") or "").split())
    if not title:
        raise ValueError(f"{raw_id}: no title")
    abstract = (
        record.get("summary") if record.get("summary") is not None else record.get("abstract")
    )
    categories = _categories(record.get("categories"))
    return Paper(
        arxiv_id=normalize_id(raw_id),
        title=title,
        abstract=" ".join(str(abstract or "").split()),
        categories=categories,
        primary_category=categories[0] if categories else None,
        source="metadata",
    )


def iter_records(path: Path) -> Iterator[tuple[int, str]]:
    """(line number, line) of a plain or gzip JSON-lines file."""
    opener = gzip.open if str(path).endswith(".gz") else open
    try:
        with opener(path, "rt", encoding="utf-8") as handle:
            yield from enumerate(handle, start=1)
    except OSError as exc:
        raise ConfigError(f"cannot read {path}: {exc}") from exc


def read_metadata_papers(paths: Sequence[Path], wanted: Iterable[str] | None = None) -> list[Paper]:
    """Papers of metadata files (only the ``wanted`` ids when given; the first record wins).

    Raises:
        ConfigError: a line is not JSON or not a paper record (naming file and line).
    """
    keep = set(wanted) if wanted is not None else None
    found: dict[str, Paper] = {}
    for path in paths:
        for number, line in iter_records(Path(path)):
            if not line.strip():
                continue
            try:
                paper = paper_from_record(json.loads(line))
            except (ValueError, TypeError, AttributeError) as exc:
                raise ConfigError(f"{path}:{number}: not a metadata record ({exc})") from exc
            if (keep is None or paper.arxiv_id in keep) and paper.arxiv_id not in found:
                found[paper.arxiv_id] = paper
    return list(found.values())

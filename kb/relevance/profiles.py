"""Where profiles come from: the settings, or the shipped examples; examples as text."""

from __future__ import annotations

import logging
import tomllib
from collections.abc import Sequence
from pathlib import Path

from kb.config import Profile, Settings
from kb.db import Database
from kb.ids import is_arxiv_id, normalize_id

log = logging.getLogger(__name__)

EXAMPLE_CONFIG = Path(__file__).resolve().parent.parent / "kb.example.toml"


def example_profiles() -> list[Profile]:
    """The three commented example profiles shipped in kb.example.toml."""
    data = tomllib.loads(EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    return [Profile.model_validate(p) for p in data.get("profiles", [])]


def effective_profiles(settings: Settings) -> list[Profile]:
    """The configured profiles, or the shipped examples when none are configured."""
    return list(settings.profiles) or example_profiles()


def resolve_examples(items: Sequence[str], db: Database | None) -> list[str]:
    """Example texts: an arXiv id in the KB becomes its title and abstract."""
    texts = []
    for item in items:
        if db is not None and is_arxiv_id(item):
            row = db.get_paper(normalize_id(item))
            if row:
                texts.append(f"{row.title}. {row.abstract}")
                continue
            log.warning("example %s is not in the knowledge base; using it as text", item)
        texts.append(item)
    return texts

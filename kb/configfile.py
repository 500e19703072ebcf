"""Writing settings back to kb.toml (the app's Interests page edits profiles)."""

from __future__ import annotations

import os
import tempfile
import tomllib
from pathlib import Path
from typing import Any

import tomli_w

from kb.config import Profile
from kb.errors import ConfigError


def save_profiles(path: Path, profiles: list[Profile]) -> Path:
    """Replace the ``[[profiles]]`` of a TOML file, keeping its other tables.

    The file is rewritten atomically; comments in it are not kept (tomli-w cannot).
    Returns the path written.

    Raises:
        ConfigError: two profiles share a name, or the existing file is not valid TOML.
    """
    names = [p.name for p in profiles]
    if len(names) != len(set(names)):
        raise ConfigError(f"profile names must be unique: {names}")
    data: dict[str, Any] = {}
    if path.exists():
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    data["profiles"] = [
        {k: v for k, v in p.model_dump().items() if v not in (None, [], "")} for p in profiles
    ]
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            tomli_w.dump(data, handle)
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return path

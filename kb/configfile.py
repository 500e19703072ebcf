"""Writing settings back to kb.toml (the app's Interests page edits profiles).

tomlkit keeps what the user wrote: comments, key order, string style. A profile that was in the
file is edited in place (only its changed keys are rewritten); new ones are appended.
"""

from __future__ import annotations

from pathlib import Path

import tomlkit
from tomlkit.exceptions import TOMLKitError
from tomlkit.items import AoT, Table

from kb.atomic import write_atomic
from kb.config import Profile
from kb.errors import ConfigError


def _update_table(table: Table, profile: Profile) -> Table:
    """``table`` holding ``profile``: unchanged keys (and their comments) are left as they are;
    empty values are written only where the file already had them."""
    values = profile.model_dump()
    for key in list(table):
        value = values.get(key)
        if tomlkit.item(table[key]).unwrap() == value:
            continue
        if value in (None, [], ""):
            del table[key]
        else:
            table[key] = value  # in place: the key keeps its position
    for key, value in values.items():
        if key not in table and value not in (None, [], ""):
            table[key] = value
    return table


def _new_table(after_something: bool) -> Table:
    table = tomlkit.table()
    if after_something:
        table.trivia.indent = "\n"  # a blank line before its [[profiles]] header
    return table


def save_profiles(path: Path, profiles: list[Profile]) -> Path:
    """Replace the ``[[profiles]]`` of a TOML file, keeping its other tables and its comments.

    The file is rewritten atomically. Returns the path written.

    Raises:
        ConfigError: two profiles share a name, or the existing file is not valid TOML.
    """
    names = [p.name for p in profiles]
    if len(names) != len(set(names)):
        raise ConfigError(f"profile names must be unique: {names}")
    doc = tomlkit.document()
    if path.exists():
        try:
            doc = tomlkit.parse(path.read_text(encoding="utf-8"))
        except TOMLKitError as exc:
            raise ConfigError(f"{path} is not valid TOML: {exc}") from exc
    existing = doc.get("profiles")
    old = {t.get("name"): t for t in existing} if isinstance(existing, AoT) else {}
    tables = [_update_table(old.get(p.name) or _new_table(bool(doc)), p) for p in profiles]
    if isinstance(existing, AoT):
        existing.clear()
        for table in tables:
            existing.append(table)
    else:
        doc["profiles"] = tomlkit.aot()
        for table in tables:
            doc["profiles"].append(table)
    write_atomic(path, tomlkit.dumps(doc))
    return path

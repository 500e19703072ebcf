"""Unknown settings are errors: a key in kb.toml, a ``KB_*`` variable or an argument that names
no field says which key, where it was, and the closest valid key."""

from __future__ import annotations

import difflib
import logging
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from pydantic import BaseModel

from kb.errors import ConfigError

ENV_PREFIX = "KB_"
# KB_* variables that are not settings: the config file, the crash hook, the test suite's.
OTHER_ENV = frozenset({"KB_CONFIG", "KB_CRASH_AT", "KB_SHARED_DATA", "KB_SCREENSHOTS"})
INTERNAL_FIELDS = frozenset({"config_file"})  # set by load_settings, never by the user
# keys older versions read: accepted with a warning (an old kb.toml keeps working), never used
RETIRED = {
    "relevance.threshold": "scores are calibrated against a background of real papers now; "
    "remove it (relevance.min_score and a profile's own threshold are in standard deviations)",
    "relevance.max_score": "the bar is now relative to the profile's best matches "
    "(relevance.relative_bar); remove it",
    "relevance.threshold_slope": "the bar is now relative to the profile's best matches "
    "(relevance.relative_bar); remove it",
}
log = logging.getLogger(__name__)


def _model_of(annotation: Any) -> type[BaseModel] | None:
    """The settings model a field holds (itself, or in a list like ``profiles``), if any."""
    for candidate in (annotation, *typing.get_args(annotation)):
        if isinstance(candidate, type) and issubclass(candidate, BaseModel):
            return candidate
    return None


def _fields(model: type[BaseModel]) -> dict[str, type[BaseModel] | None]:
    return {
        name: _model_of(info.annotation)
        for name, info in model.model_fields.items()
        if name not in INTERNAL_FIELDS
    }


def _closest(key: str, choices: list[str]) -> str:
    close = difflib.get_close_matches(key, choices, n=1, cutoff=0.6)
    return close[0] if close else ""


def unknown_keys(
    data: Mapping[str, Any], model: type[BaseModel], where: str = ""
) -> Iterator[tuple[str, str, list[str]]]:
    """(dotted key, closest valid dotted key or "", the valid keys there) for each unknown key."""
    fields = _fields(model)
    for key, value in data.items():
        if key not in fields:
            hint = _closest(key, list(fields))
            yield f"{where}{key}", f"{where}{hint}" if hint else "", sorted(fields)
            continue
        inner = fields[key]
        if inner is None:
            continue
        items = value if isinstance(value, list) else [value]
        for index, item in enumerate(items):
            if isinstance(item, Mapping):
                place = f"{where}{key}[{index}]." if isinstance(value, list) else f"{where}{key}."
                yield from unknown_keys(item, inner, place)


def _problem(key: str, place: str, hint: str, choices: list[str]) -> ConfigError:
    advice = f"did you mean {hint!r}?" if hint else f"valid keys there: {', '.join(choices)}"
    return ConfigError(f"unknown setting {key} {place}; {advice}")


def check_file(data: Mapping[str, Any], model: type[BaseModel], path: object) -> None:
    """Raise for the first key of a TOML file that is no setting.

    Raises:
        ConfigError: naming the key, the file and the closest valid key.
    """
    for key, hint, choices in unknown_keys(data, model):
        if key in RETIRED:
            log.warning("setting %r in %s is no longer used: %s", key, path, RETIRED[key])
            continue
        raise _problem(repr(key), f"in {path}", hint, choices)


def check_arguments(data: Mapping[str, Any], model: type[BaseModel]) -> None:
    """Raise for the first keyword argument of ``load_settings`` that is no setting."""
    for key, hint, choices in unknown_keys(data, model):
        raise _problem(repr(key), "(an argument)", hint, choices)


def _env_path(model: type[BaseModel], parts: list[str]) -> tuple[str, list[str]] | None:
    """None when the ``__``-separated parts name a setting; else the closest valid variable
    ("" if none is close) and the valid variables at that level."""
    valid: list[str] = []
    current: type[BaseModel] | None = model
    for part in parts:
        if current is None:  # a value inside a plain field (a list or a dict): not checked
            return None
        fields = _fields(current)
        if part not in fields:
            names = ["__".join([*valid, f]).upper() for f in sorted(fields)]
            hint = _closest(part, list(fields))
            return (ENV_PREFIX + "__".join([*valid, hint]).upper() if hint else "", names)
        valid.append(part)
        current = fields[part]
    return None


def check_environment(
    environ: Mapping[str, str], model: type[BaseModel], also_allowed: Iterable[str] = ()
) -> None:
    """Raise for the first ``KB_SECTION__KEY`` variable that names no setting.

    Only nested names (with ``__``) are checked: a plain ``KB_*`` name may be a secret that a
    setting points to by name (``delivery.smtp.password_env = "KB_SMTP_PASSWORD"``).

    Args:
        environ: the environment.
        model: the settings model.
        also_allowed: variables the settings name as holding secrets (the API key's, the SMTP
            password's, the webhook URL's), which may look like ``KB_A__B``.

    Raises:
        ConfigError: naming the variable and the closest valid one.
    """
    allowed = OTHER_ENV | {name.upper() for name in also_allowed if name}
    for name in sorted(environ):
        upper = name.upper()
        if not upper.startswith(ENV_PREFIX) or upper in allowed or "__" not in upper:
            continue
        parts = upper[len(ENV_PREFIX) :].lower().split("__")
        if ".".join(parts) in RETIRED:
            log.warning("variable %s is no longer used: %s", name, RETIRED[".".join(parts)])
            continue
        unknown = _env_path(model, parts)
        if unknown is not None:
            hint, names = unknown
            choices = [ENV_PREFIX + n for n in names]
            raise _problem(name, "(an environment variable)", hint, choices)

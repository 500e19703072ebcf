"""What every command shares: ``--config``, ``--json``, error handling, output helpers."""

from __future__ import annotations

import functools
import glob
import json
import logging
import os
import sys
from collections.abc import Callable
from typing import Any

import click

from kb.config import Settings, load_settings
from kb.errors import KBError, StoreBusyError

# 3: a reader found the knowledge base locked by a writer (``kb daily``): try again shortly.
EXIT_OK, EXIT_NOTHING, EXIT_FAILED, EXIT_BUSY = 0, 1, 2, 3


class FilesOption(click.Option):
    """A file-list option as a shell user types it: several values after one flag (what a
    glob expands to), the flag repeated, or both: ``--feed-file a.xml b.xml``,
    ``--feed-file feeds/*.xml``, ``--feed-file a.xml --feed-file b.xml``.

    Values run up to the next option, leaving enough for the command's required arguments; a
    pattern the shell did not expand (quoted, or no shell) is expanded here, sorted.
    """

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs["multiple"] = True
        super().__init__(*args, **kwargs)

    def add_to_parser(self, parser: Any, ctx: click.Context) -> None:
        """Register as usual, then let the parser entry take every value that follows."""
        super().add_to_parser(parser, ctx)
        for name in self.opts:
            entry = parser._long_opt.get(name) or parser._short_opt.get(name)
            if entry is not None:
                entry.process = _take_values(entry.process, parser, ctx.command)


def _is_option(token: str) -> bool:
    return token.startswith("-") and token != "-"


def _later_arguments(rargs: list[str], parser: Any) -> int:
    """How many of ``rargs`` will be positional arguments (not options or their values)."""
    count, skip, greedy = 0, 0, False
    for token in rargs:
        if token == "--":
            return count + len(rargs) - rargs.index(token) - 1
        if _is_option(token):
            entry = parser._long_opt.get(token.split("=", 1)[0]) or parser._short_opt.get(token)
            greedy = entry is not None and isinstance(entry.obj, FilesOption)
            valued = entry is not None and entry.takes_value and "=" not in token
            skip = entry.nargs if valued else 0
        elif skip:
            skip -= 1
        elif not greedy:
            count += 1
    return count


def _take_values(process: Callable[..., None], parser: Any, command: click.Command):
    """``process`` taking the flag's value and the non-option values after it."""
    required = sum(p.nargs for p in command.params if isinstance(p, click.Argument) and p.required)

    def process_all(value: Any, state: Any) -> None:
        run = 0
        while run < len(state.rargs) and not _is_option(state.rargs[run]):
            run += 1
        still_needed = required - len(state.largs) - _later_arguments(state.rargs[run:], parser)
        run -= min(run, max(0, still_needed))
        values = [value, *state.rargs[:run]]
        del state.rargs[:run]
        for item in values:
            pattern = any(c in item for c in "*?[") and not os.path.exists(item)
            matches = sorted(glob.glob(item)) if pattern else []
            for one in matches or [item]:
                process(one, state)

    return process_all


def config_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--config FILE`` to a command (it is also accepted before the command name)."""
    return click.option(
        "--config",
        "config_path",
        type=click.Path(dir_okay=False),
        default=None,
        help="kb.toml to read (default: $KB_CONFIG, else ./kb.toml).",
    )(func)


def json_option(func: Callable[..., Any]) -> Callable[..., Any]:
    """Add ``--json``: machine output, the only thing printed on stdout."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON on stdout.")(func)


def with_settings(func: Callable[..., Any]) -> Callable[..., Any]:
    """Load settings once (from ``--config`` here or on the group) and pass them as ``settings``.

    KBError becomes a one-line message on stderr and exit code 2; a knowledge base busy
    with a writer becomes "updating, try again" and exit code 3.
    """

    @config_option
    @click.pass_context
    @functools.wraps(func)
    def wrapper(ctx: click.Context, *args: Any, config_path: str | None = None, **kwargs: Any):
        root = ctx.find_root()
        path = config_path or (root.obj or {}).get("config_path")
        try:
            settings = load_settings(path)
            return func(*args, settings=settings, **kwargs)
        except StoreBusyError as exc:
            click.echo(f"busy: {exc}", err=True)
            ctx.exit(EXIT_BUSY)
        except KBError as exc:
            click.echo(f"error: {exc}", err=True)
            ctx.exit(EXIT_FAILED)

    return wrapper


def emit_json(data: Any) -> None:
    """Write JSON to stdout (dates and paths as strings)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))


def setup_logging(verbose: int) -> None:
    """Log to stderr so stdout stays clean for ``--json``."""
    level = logging.WARNING if verbose == 0 else logging.INFO if verbose == 1 else logging.DEBUG
    logging.basicConfig(
        level=level, stream=sys.stderr, format="%(levelname)s %(name)s: %(message)s", force=True
    )


def settings_from_context(ctx: click.Context) -> Settings:
    """Settings for code that is not a decorated command (rarely needed)."""
    return load_settings((ctx.find_root().obj or {}).get("config_path"))

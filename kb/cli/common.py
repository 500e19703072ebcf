"""What every command shares: ``--config``, ``--json``, error handling, output helpers."""

from __future__ import annotations

import functools
import json
import logging
import sys
from collections.abc import Callable
from typing import Any

import click

from kb.config import Settings, load_settings
from kb.errors import KBError, StoreBusyError

# 3: a reader found the knowledge base locked by a writer (``kb daily``): try again shortly.
EXIT_OK, EXIT_NOTHING, EXIT_FAILED, EXIT_BUSY = 0, 1, 2, 3


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

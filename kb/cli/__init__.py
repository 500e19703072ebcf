"""The ``kb`` command group: a thin layer over the kb library (one module per area)."""

from __future__ import annotations

import importlib
from typing import Any

import click

from kb.cli.common import setup_logging

# Each module below defines click commands and a ``register(group)`` function.
COMMAND_MODULES = (
    "kb.cli.ingest",
    "kb.cli.query",
    "kb.cli.ask",
    "kb.cli.relevance",
    "kb.cli.evaluate",
    "kb.cli.daily",
    "kb.cli.deliver",
    "kb.cli.app",
    "kb.cli.backfill",
)


# Where the commands that answer interactively live: ``kb ask`` imports only what asking needs
# (not PyMuPDF, the feed parser or the relevance scorer), which saves seconds of start-up.
# Any other command is found by importing every module of COMMAND_MODULES.
COMMAND_HOMES = {"ask": "kb.cli.ask", "search": "kb.cli.query", "show": "kb.cli.query",
                 "stats": "kb.cli.query"}  # fmt: skip


class LazyGroup(click.Group):
    """A group whose command modules are imported when a command is looked up."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self._loaded: set[str] = set()

    def _load(self, module: str) -> None:
        if module not in self._loaded:
            self._loaded.add(module)
            importlib.import_module(module).register(self)

    def _load_all(self) -> None:
        for module in COMMAND_MODULES:
            self._load(module)

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        """The command, importing its module (or all of them) first."""
        if cmd_name in COMMAND_HOMES:
            self._load(COMMAND_HOMES[cmd_name])
        if cmd_name not in self.commands:
            self._load_all()
        return super().get_command(ctx, cmd_name)

    def list_commands(self, ctx: click.Context) -> list[str]:
        """Every command's name (imports every module)."""
        self._load_all()
        return super().list_commands(ctx)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.option(
    "--config",
    "config_path",
    type=click.Path(dir_okay=False),
    default=None,
    help="kb.toml to read (default: $KB_CONFIG, else ./kb.toml).",
)
@click.option("-v", "--verbose", count=True, help="More logging on stderr (-v, -vv).")
@click.version_option(package_name="arxiv-kb")
@click.pass_context
def main(ctx: click.Context, config_path: str | None, verbose: int) -> None:
    """arxiv-kb: daily arXiv reports and a searchable knowledge base of full texts.

    All state lives under KB_HOME (default ./indexes). Settings come from kb.toml,
    KB_* environment variables and defaults.
    """
    setup_logging(verbose)
    ctx.obj = {"config_path": config_path}

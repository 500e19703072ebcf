"""The ``kb`` command group: a thin layer over the kb library (one module per area)."""

from __future__ import annotations

import importlib

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


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
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


for _name in COMMAND_MODULES:
    importlib.import_module(_name).register(main)

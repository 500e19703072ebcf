"""``kb backfill``: load arXiv metadata in bulk (local or on Ray)."""

from __future__ import annotations

from pathlib import Path

import click
from tqdm import tqdm

from kb.backfill import BackfillOptions, backfill, count_lines
from kb.cli.common import emit_json, json_option, with_settings
from kb.config import Settings

DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("backfill")
@click.option(
    "--metadata",
    "files",
    multiple=True,
    required=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON-lines metadata (the arXiv snapshot's layout or daily listings), plain or .gz; "
    "repeat for several.",
)
@click.option(
    "--categories",
    "categories",
    multiple=True,
    help="Only papers in these categories (cs.CV, or an archive such as cs); repeat or "
    "separate with commas.",
)
@click.option("--since", type=DATE, default=None, help="Only papers updated on/after YYYY-MM-DD.")
@click.option(
    "--engine",
    type=click.Choice(["local", "ray"]),
    default="local",
    show_default=True,
    help="local: in this process; ray: a Ray Data pipeline (pip install -e '.[scale]').",
)
@click.option(
    "--address",
    default=None,
    help="Ray cluster to join (ray://host:10001 or host:6379); default: start a local one.",
)
@json_option
@with_settings
def backfill_cmd(
    files: tuple[Path, ...],
    categories: tuple[str, ...],
    since,
    engine: str,
    address: str | None,
    as_json: bool,
    settings: Settings,
) -> None:
    """Load arXiv metadata in bulk: every paper gets a record, a paper vector and BM25 over
    its abstract, so `kb search` and `kb similar` reach it.

    Idempotent (a rerun adds nothing) and resumable (a killed run keeps whole batches; the
    rerun does the rest). Malformed lines are counted and listed with their line numbers;
    they never stop the run.

    JSON: {read, added, updated, skipped, bad_lines, vectors, filtered, malformed: [{file,
    line, reason}], engine, timings_s}.
    """
    if address and engine != "ray":
        raise click.UsageError("--address needs --engine ray")
    wanted = [c.strip() for item in categories for c in item.split(",") if c.strip()]
    options = BackfillOptions(list(files), wanted, since.date() if since else None, engine, address)
    bar = tqdm(
        total=count_lines(options.files),
        desc="metadata",
        unit="line",
        file=click.get_text_stream("stderr"),
        disable=None,
    )
    with bar:
        summary = backfill(settings, options, progress=bar.update)
    if as_json:
        emit_json(summary.to_dict())
        return
    click.echo(
        f"read {summary.read}: {summary.added} added, {summary.updated} updated, "
        f"{summary.skipped} skipped ({summary.filtered} filtered), {summary.bad_lines} bad; "
        f"{summary.vectors} paper vectors made"
    )
    for bad in summary.malformed:
        click.echo(f"  {bad['file']} line {bad['line']}: {bad['reason']}")


def register(group: click.Group) -> None:
    """Add this module's commands to the ``kb`` group."""
    group.add_command(backfill_cmd)

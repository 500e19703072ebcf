"""Commands that read: ``kb search``, ``kb show``, ``kb stats``."""

from __future__ import annotations

import click

from kb.cli.common import emit_json, json_option, with_settings
from kb.config import Settings
from kb.library import paper_record, library_stats
from kb.search import search


@click.command("search")
@click.argument("query")
@click.option("--k", "k", type=click.IntRange(1, 1000), default=None, help="Hits to return.")
@click.option("--paper", default=None, help="Search inside one paper (arXiv id).")
@json_option
@with_settings
def search_cmd(query: str, k: int | None, paper: str | None, as_json: bool, settings: Settings):
    """Find the passages closest in meaning to QUERY across all papers."""
    hits = search(settings, query, k=k or settings.search.k, paper=paper)
    if as_json:
        emit_json([hit.to_dict() for hit in hits])
        return
    if not hits:
        click.echo("no results")
    for rank, hit in enumerate(hits, start=1):
        snippet = " ".join(hit.text.split())[:240]
        click.echo(f"{rank:2d}. [{hit.score:.3f}] {hit.arxiv_id} p.{hit.page} {hit.section}")
        click.echo(f"    {hit.title}")
        click.echo(f"    {snippet}")


@click.command("show")
@click.argument("arxiv_id")
@json_option
@with_settings
def show_cmd(arxiv_id: str, as_json: bool, settings: Settings) -> None:
    """The stored record of one paper: metadata, parse status, chunk count."""
    record = paper_record(settings, arxiv_id)
    if as_json:
        emit_json(record)
        return
    for key, value in record.items():
        if isinstance(value, list):
            value = ", ".join(str(v) for v in value)
        click.echo(f"{key:>16}: {value}")


@click.command("stats")
@json_option
@with_settings
def stats_cmd(as_json: bool, settings: Settings) -> None:
    """Counts: papers, chunks, vectors in the FAISS index, failures."""
    stats = library_stats(settings)
    if as_json:
        emit_json(stats)
        return
    for key, value in stats.items():
        click.echo(f"{key:>12}: {value}")


def register(group: click.Group) -> None:
    """Add this module's commands to the ``kb`` group."""
    group.add_command(search_cmd)
    group.add_command(show_cmd)
    group.add_command(stats_cmd)

"""Commands that read: ``kb search``, ``kb similar``, ``kb show``, ``kb stats``."""

from __future__ import annotations

import click

from kb.cli.common import emit_json, json_option, with_settings
from kb.config import Settings
from kb.library import library_stats, paper_record
from kb.search import KINDS, Searcher, SearchFilters, group_hits

DATE = click.DateTime(formats=["%Y-%m-%d"])


@click.command("search")
@click.argument("query")
@click.option("--k", "k", type=click.IntRange(1, 1000), default=None, help="Hits to return.")
@click.option("--paper", default=None, help="Search inside one paper (arXiv id).")
@click.option("--since", type=DATE, default=None, help="Papers announced on/after YYYY-MM-DD.")
@click.option("--until", type=DATE, default=None, help="Papers announced on/before YYYY-MM-DD.")
@click.option("--category", "categories", multiple=True, help="Only these arXiv categories.")
@click.option("--profile", default=None, help="Only papers that matched this interest profile.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(KINDS),
    help="Only abstracts (every stored paper) or only full-text chunks; default both.",
)
@json_option
@with_settings
def search_cmd(
    query: str,
    k: int | None,
    paper: str | None,
    since,
    until,
    categories: tuple[str, ...],
    profile: str | None,
    kinds: tuple[str, ...],
    as_json: bool,
    settings: Settings,
) -> None:
    """Find passages about QUERY across all papers: the abstract of every stored paper and the
    full text of those read in full (dense + BM25 on each, fused; papers rank by their best
    hit).

    JSON: a list of hits {arxiv_id, title, chunk_id, page, section, score, text, kind,
    full_text, ...}; kind is "chunk" (a full-text passage) or "abstract" (page and chunk_id
    null).

    \b
    Exit codes:
      0  done (possibly "no results")
      2  failed: the error is printed on stderr
      3  busy: a daily run is writing; "updating, try again in a moment" on stderr
    """
    filters = SearchFilters(
        paper=paper,
        since=since.date() if since else None,
        until=until.date() if until else None,
        categories=list(categories),
        profile=profile,
        kinds=kinds or KINDS,
    )
    hits = Searcher(settings).search(query, k or settings.search.k, filters)
    if as_json:
        emit_json([hit.to_dict() for hit in hits])
        return
    if not hits:
        click.echo("no results")
    for rank, group in enumerate(group_hits(hits), start=1):
        mark = "  [full text]" if group.full_text else ""
        click.echo(f"{rank:2d}. {group.arxiv_id}  {group.title}{mark}")
        for hit in group.hits:
            snippet = " ".join(hit.text.split())[:220]
            where = "abstract" if hit.page is None else f"p.{hit.page} [{hit.section}]"
            click.echo(f"    {where} {snippet}")


@click.command("similar")
@click.argument("arxiv_id")
@click.option("--k", "k", type=click.IntRange(1, 200), default=10, show_default=True,
              help="Papers to return.")  # fmt: skip
@json_option
@with_settings
def similar_cmd(arxiv_id: str, k: int, as_json: bool, settings: Settings) -> None:
    """Papers closest in meaning to ARXIV_ID (its title and abstract against every stored
    paper's).

    JSON: a list of {arxiv_id, title, score, announced, why}, closest first.
    """
    from kb.similar import similar_papers

    found = similar_papers(settings, arxiv_id, k)
    if as_json:
        emit_json([s.to_dict() for s in found])
        return
    if not found:
        click.echo("no similar papers")
    for rank, item in enumerate(found, start=1):
        when = item.announced.isoformat() if item.announced else "undated"
        click.echo(f"{rank:2d}. {item.arxiv_id}  {item.title}  ({when}, {item.score:.2f})")


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
    group.add_command(similar_cmd)
    group.add_command(show_cmd)
    group.add_command(stats_cmd)

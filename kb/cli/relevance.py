"""``kb relevance`` and ``kb eval relevance``: scoring feeds against the interest profiles."""

from __future__ import annotations

from pathlib import Path

import click

from kb.cli.common import FilesOption, emit_json, json_option, with_settings
from kb.config import Settings
from kb.feeds import parse_feed_files
from kb.relevance import effective_profiles, score_papers

FEEDS = click.option(
    "--feed-file",
    "feed_files",
    cls=FilesOption,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Feed file(s) whose papers are scored: several after one flag, a glob, or repeated.",
)


@click.command("relevance")
@FEEDS
@click.option("--matched-only", is_flag=True, help="Only print papers that match a profile.")
@json_option
@with_settings
def relevance_cmd(
    feed_files: tuple[Path, ...], matched_only: bool, as_json: bool, settings: Settings
) -> None:
    """Score every paper of the feeds against every profile (no PDFs needed).

    JSON: a list of {arxiv_id, title, profile, score, keyword_hits, matched, reason}.
    """
    if not feed_files:
        raise click.UsageError("give --feed-file FILE...")
    papers = parse_feed_files(list(feed_files))
    decisions = score_papers(papers, effective_profiles(settings), settings)
    if matched_only:
        decisions = [d for d in decisions if d.matched]
    if as_json:
        emit_json([d.to_dict() for d in decisions])
        return
    for d in sorted(decisions, key=lambda d: (-d.matched, -d.score)):
        if d.matched or not matched_only:
            mark = "MATCH" if d.matched else "     "
            click.echo(f"{mark} {d.score:.3f} [{d.profile}] {d.arxiv_id} {d.title[:80]}")
            if d.matched:
                click.echo(f"      {d.reason}")


@click.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing kb.toml.")
def init_cmd(force: bool) -> None:
    """Write the commented example settings (three interest profiles) to ./kb.toml."""
    from kb.relevance import EXAMPLE_CONFIG

    target = Path("kb.toml")
    if target.exists() and not force:
        raise click.ClickException("kb.toml exists (use --force to overwrite)")
    target.write_text(EXAMPLE_CONFIG.read_text(encoding="utf-8"), encoding="utf-8")
    click.echo(f"wrote {target.resolve()}")


def register(group: click.Group) -> None:
    """Add ``relevance`` and ``init`` to the ``kb`` group."""
    group.add_command(relevance_cmd)
    group.add_command(init_cmd)

"""``kb relevance``, ``kb feedback``, ``kb profile import`` and ``kb init``: your interests."""

from __future__ import annotations

from pathlib import Path

import click

from kb.atomic import write_atomic
from kb.cli.common import FilesOption, emit_json, json_option, with_settings
from kb.config import Settings
from kb.feeds import parse_feed_files

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
@click.option("--no-store", is_flag=True, help="Do not remember the scored papers in the KB.")
@json_option
@with_settings
def relevance_cmd(
    feed_files: tuple[Path, ...],
    matched_only: bool,
    no_store: bool,
    as_json: bool,
    settings: Settings,
) -> None:
    """Score every paper of the feeds against every profile (no PDFs needed).

    Scores are calibrated against a background of real papers, so no threshold needs
    setting; your ratings (kb feedback) and imported examples are used at once. The scored
    papers are remembered in the knowledge base, so any of them can be rated.

    JSON: a list of {arxiv_id, title, profile, score, keyword_hits, matched, reason, ...}.
    """
    from kb.relevance.service import score_with_kb

    if not feed_files:
        raise click.UsageError("give --feed-file FILE...")
    papers = parse_feed_files(list(feed_files))
    decisions = score_with_kb(settings, papers, store=not no_store)
    if matched_only:
        decisions = [d for d in decisions if d.matched]
    if as_json:
        emit_json([d.to_dict() for d in decisions])
        return
    for d in sorted(decisions, key=lambda d: (-d.matched, -d.score)):
        mark = "MATCH" if d.matched else "     "
        click.echo(f"{mark} {d.score:6.2f} [{d.profile}] {d.arxiv_id} {d.title[:80]}")
        if d.matched:
            click.echo(f"       {d.reason}")


@click.command("feedback")
@click.argument("arxiv_ids", metavar="ARXIV_ID...", nargs=-1)
@click.option("--profile", "profile", help="The profile the rating is for.")
@click.option(
    "--relevant/--not-relevant",
    "relevant",
    default=None,
    help="Your judgement: belongs in this profile's digest, or not.",
)
@click.option("--undo", is_flag=True, help="Remove the rating instead.")
@click.option("--list", "list_only", is_flag=True, help="Show the stored ratings.")
@json_option
@with_settings
def feedback_cmd(
    arxiv_ids: tuple[str, ...],
    profile: str | None,
    relevant: bool | None,
    undo: bool,
    list_only: bool,
    as_json: bool,
    settings: Settings,
) -> None:
    """Rate papers for a profile; relevance learns from the ratings at once.

    Any paper in the knowledge base can be rated, also one known only from a feed. A rated
    paper matches as rated; every rating also teaches the profile's linear model over the
    paper vectors (fitted with the papers the calibrated score is confident about), and
    ratings of papers the profile matched move its bar (relevance.feedback_bar): up when
    several were not relevant, a little down when nearly all were.

    JSON: a list of {arxiv_id, profile, relevant, rated_at} (with --undo: {arxiv_id,
    profile, removed}).
    """
    from kb.relevance.service import rate_paper, undo_rating

    if list_only:
        _show_ratings(settings, profile, as_json)
        return
    if not arxiv_ids or not profile:
        raise click.UsageError("give ARXIV_ID... and --profile NAME (or --list)")
    if undo == (relevant is not None):
        raise click.UsageError("give exactly one of --relevant, --not-relevant or --undo")
    out = []
    for arxiv_id in arxiv_ids:
        if undo:
            out.append(
                {
                    "arxiv_id": arxiv_id,
                    "profile": profile,
                    "removed": undo_rating(settings, arxiv_id, profile),
                }
            )
        else:
            rating = rate_paper(settings, arxiv_id, profile, bool(relevant))
            out.append(
                {
                    "arxiv_id": rating.arxiv_id,
                    "profile": rating.profile,
                    "relevant": rating.relevant,
                    "rated_at": rating.rated_at.isoformat(),
                }
            )
    if as_json:
        emit_json(out)
        return
    for row in out:
        if undo:
            state = "removed" if row["removed"] else "had no rating"
            click.echo(f"{row['arxiv_id']}: {state} for {profile}")
        else:
            state = "relevant" if row["relevant"] else "not relevant"
            click.echo(f"{row['arxiv_id']}: rated {state} for {profile}")


def _show_ratings(settings: Settings, profile: str | None, as_json: bool) -> None:
    """``kb feedback --list``: the stored ratings (of one profile, or all)."""
    from kb.relevance.service import list_ratings

    rows = [r.__dict__ for r in list_ratings(settings, profile)]
    if as_json:
        emit_json(rows)
        return
    for r in rows:
        mark = "+" if r["relevant"] else "-"
        click.echo(f"{mark} {r['profile']:<20} {r['arxiv_id']:<14} {r['rated_at']:%Y-%m-%d %H:%M}")


@click.group("profile")
def profile_group() -> None:
    """Manage interest profiles beyond kb.toml (examples from your reference library)."""


@profile_group.command("import")
@click.argument(
    "library", metavar="FILE", type=click.Path(exists=True, dir_okay=False, path_type=Path)
)
@click.option("--profile", "profile", required=True, help="The profile the papers exemplify.")
@json_option
@with_settings
def profile_import_cmd(library: Path, profile: str, as_json: bool, settings: Settings) -> None:
    """Import a BibTeX, RIS or CSL-JSON file (Zotero exports) as examples of a profile.

    Entries with an arXiv id or DOI of a paper in the KB are matched to it; the others
    become text examples from their title and abstract. A malformed file is refused with
    the line named, and nothing is imported from it.

    JSON: {read, used, matched, as_text, skipped: [{entry, reason}]}.
    """
    from kb.relevance.service import import_examples

    report = import_examples(settings, library, profile)
    if as_json:
        emit_json(report.to_dict())
        return
    click.echo(
        f"{library.name}: {report.read} entries, {report.used} used as examples of "
        f"{profile} ({report.matched} matched to papers in the KB, {report.as_text} "
        f"as text), {len(report.skipped)} skipped"
    )
    for skip in report.skipped:
        click.echo(f"  skipped {skip['entry']}: {skip['reason']}")


@click.command("init")
@click.option("--force", is_flag=True, help="Overwrite an existing kb.toml.")
def init_cmd(force: bool) -> None:
    """Write the commented example settings (three interest profiles) to ./kb.toml."""
    from kb.relevance import EXAMPLE_CONFIG

    target = Path("kb.toml")
    if target.exists() and not force:
        raise click.ClickException("kb.toml exists (use --force to overwrite)")
    write_atomic(target, EXAMPLE_CONFIG.read_text(encoding="utf-8"))
    click.echo(f"wrote {target.resolve()}")


def register(group: click.Group) -> None:
    """Add ``relevance``, ``feedback``, ``profile`` and ``init`` to the ``kb`` group."""
    for command in (relevance_cmd, feedback_cmd, profile_group, init_cmd):
        group.add_command(command)

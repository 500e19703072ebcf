"""``kb relevance`` (score feeds against the interest profiles) and ``kb init``."""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from pathlib import Path

import click

from kb.cli.common import emit_json, json_option, with_settings
from kb.config import Profile, Settings
from kb.db import Database
from kb.errors import ConfigError, StoreBusyError
from kb.feeds import parse_feed_files
from kb.relevance import effective_profiles, score_papers

log = logging.getLogger(__name__)

FEEDS = click.option(
    "--feed-file",
    "feed_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Feed file(s) whose papers are scored; repeatable.",
)


@contextmanager
def cache_database(settings: Settings) -> Iterator[Database | None]:
    """The knowledge base, opened to cache embeddings and resolve example ids.

    Yields None when another process is writing it: scoring then runs without the cache.
    """
    with ExitStack() as stack:
        try:
            db = stack.enter_context(Database.open(settings.db_path, wait_s=2.0))
        except StoreBusyError as exc:
            log.warning("%s; scoring without the embedding cache", exc)
            db = None
        yield db


def pick_profiles(settings: Settings, names: tuple[str, ...]) -> list[Profile]:
    """The configured profiles (or the shipped examples), only ``names`` when given.

    Raises:
        ConfigError: a name that is not a profile.
    """
    profiles = effective_profiles(settings)
    if not names:
        return profiles
    known = {p.name: p for p in profiles}
    unknown = [n for n in names if n not in known]
    if unknown:
        raise ConfigError(f"no profile named {unknown} (have: {sorted(known)})")
    return [known[n] for n in names]


@click.command("relevance")
@FEEDS
@click.option("--profile", "profile_names", multiple=True, help="Only this profile; repeatable.")
@click.option("--matched-only", is_flag=True, help="Only papers that match a profile.")
@json_option
@with_settings
def relevance_cmd(
    feed_files: tuple[Path, ...],
    profile_names: tuple[str, ...],
    matched_only: bool,
    as_json: bool,
    settings: Settings,
) -> None:
    """Score every paper of the feeds against every profile (no PDFs needed).

    JSON: a list of {arxiv_id, title, profile, score, keyword_hits, matched, reason}.
    """
    if not feed_files:
        raise click.UsageError("give --feed-file FILE (repeatable)")
    papers = parse_feed_files(list(feed_files))
    profiles = pick_profiles(settings, profile_names)
    start = time.perf_counter()
    with cache_database(settings) as db:
        decisions = score_papers(papers, profiles, settings, db=db)
    log.info("scored %d papers in %.1f s", len(papers), time.perf_counter() - start)
    if matched_only:
        decisions = [d for d in decisions if d.matched]
    if as_json:
        emit_json([d.to_dict() for d in decisions])
        return
    matched = sorted((d for d in decisions if d.matched), key=lambda d: (d.profile, -d.score))
    click.echo(f"{len(papers)} papers, {len(profiles)} profiles, {len(matched)} matches")
    for d in matched:
        click.echo(f"MATCH {d.score:.2f} [{d.profile}] {d.arxiv_id} {d.title[:90]}")
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

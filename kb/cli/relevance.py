"""``kb relevance`` and ``kb eval relevance``: scoring feeds against the interest profiles."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kb.cli.common import emit_json, json_option, with_settings
from kb.config import Settings
from kb.db import Database
from kb.errors import ConfigError
from kb.feeds import parse_feed_files
from kb.library import paper_from_row
from kb.relevance import effective_profiles, evaluate, score_papers

FEEDS = click.option(
    "--feed-file",
    "feed_files",
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Feed file(s) whose papers are scored; repeatable.",
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


def _load_labels(path: Path) -> list[dict]:
    labels = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            labels.append({"arxiv_id": str(item["arxiv_id"]), "profile": str(item["profile"]),
                           "relevant": bool(item["relevant"])})  # fmt: skip
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: not a label line ({exc})") from exc
    return labels


@click.command("relevance")
@click.argument("labels_path", metavar="LABELS.jsonl", type=click.Path(exists=True, path_type=Path))
@FEEDS
@json_option
@with_settings
def eval_relevance_cmd(
    labels_path: Path, feed_files: tuple[Path, ...], as_json: bool, settings: Settings
) -> None:
    """Precision, recall and F1 of keyword-only, semantic-only and combined decisions, and
    the best threshold per profile, on labelled papers (from --feed-file or the KB)."""
    labels = _load_labels(labels_path)
    wanted = {lab["arxiv_id"] for lab in labels}
    papers = [p for p in parse_feed_files(list(feed_files)) if p.arxiv_id in wanted] if feed_files else []
    missing = wanted - {p.arxiv_id for p in papers}
    if missing and settings.db_path.exists():
        with Database.open(settings.db_path, read_only=True) as db:
            papers += [paper_from_row(r) for r in db.get_papers(sorted(missing)).values()]
    profiles = [p for p in effective_profiles(settings) if p.name in {lab["profile"] for lab in labels}]
    decisions = score_papers(papers, profiles, settings)
    thresholds = {p.name: p.threshold for p in profiles if p.threshold is not None}
    report = evaluate(decisions, labels, settings.relevance.threshold, thresholds)
    if as_json:
        emit_json(report)
        return
    click.echo(f"{'profile':<14}{'method':<15}{'P':>7}{'R':>7}{'F1':>7}")
    for name, figures in report.items():
        if name.startswith("_"):
            continue
        for method in ("keyword_only", "semantic_only", "combined"):
            f = figures[method]
            click.echo(f"{name:<14}{method:<15}{f['precision']:7.3f}{f['recall']:7.3f}{f['f1']:7.3f}")
        click.echo(f"{'':<14}best threshold {figures['best_threshold']:.2f} "
                   f"(F1 {figures['best_threshold_f1']:.3f}), n={figures['n']}")  # fmt: skip
    if report.get("_missing_labels"):
        click.echo(f"{report['_missing_labels']} labelled papers were not found", err=True)


@click.group("eval")
def eval_group() -> None:
    """Measure relevance and question answering on labelled sets."""


eval_group.add_command(eval_relevance_cmd)


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
    """Add ``relevance``, ``eval`` and ``init`` to the ``kb`` group."""
    group.add_command(relevance_cmd)
    group.add_command(eval_group)
    group.add_command(init_cmd)

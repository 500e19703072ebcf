"""``kb daily``: the whole day's pipeline, cron-ready."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import click
from tqdm import tqdm

from kb.cli.common import (
    EXIT_FAILED,
    EXIT_NOTHING,
    EXIT_OK,
    FilesOption,
    emit_json,
    json_option,
    with_settings,
)
from kb.config import Settings
from kb.errors import KBError
from kb.pipeline import DailyOptions, run_daily


def _progress(items, total, desc):
    return tqdm(items, total=total, desc=desc, file=click.get_text_stream("stderr"), leave=False)


@click.command("daily")
@click.option(
    "--date",
    "day",
    type=click.DateTime(formats=["%Y-%m-%d"]),
    default=None,
    help="Day to report (YYYY-MM-DD; default: the feeds' announcement day).",
)
@click.option(
    "--feed-file",
    "feed_files",
    cls=FilesOption,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="Feed file(s) of the day (offline run): several after one flag, a glob, or repeated.",
)
@click.option(
    "--pdf-dir",
    "pdf_dirs",
    cls=FilesOption,
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder(s) of PDFs named by arXiv id (offline run); several after one flag or repeated.",
)
@click.option(
    "--source",
    type=click.Choice(["live", "demo"]),
    default=None,
    help="live: fetch from arXiv; demo: the generated offline demo set.",
)
@click.option("--fetch-pdfs", is_flag=True, help="Download matched papers' PDFs missing locally.")
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    default=None,
    help="Report folder (default: KB_HOME/reports).",
)
@click.option("--wait", "wait_s", type=float, default=0.0, help="Wait this long for a lock.")
@click.option(
    "--deliver",
    is_flag=True,
    help="Then send the digest by email / webhook ([delivery] settings); channels that "
    "already delivered this day are not sent again.",
)
@json_option
@with_settings
def daily_cmd(
    day,
    feed_files: tuple[Path, ...],
    pdf_dirs: tuple[Path, ...],
    source: str | None,
    fetch_pdfs: bool,
    out_dir: Path | None,
    wait_s: float,
    deliver: bool,
    as_json: bool,
    settings: Settings,
) -> None:
    """Fetch the day's announcements, score them against your profiles, ingest and analyse
    the matched papers, and write reports/YYYY-MM-DD.md (and .json).

    \b
    Exit codes:
      0  done: the report was written
      1  nothing new: no announcements that day (a short report says so)
      2  failed: the error is printed on stderr
    A failed delivery (--deliver) does not change the exit code: the report is written, the
    failure is recorded and printed, and `kb deliver DATE` (or --retry-failed) sends again.
    """
    if source and feed_files:
        raise click.UsageError("use either --source or --feed-file, not both")
    if not source and not feed_files:
        raise click.UsageError("give --feed-file FILE... (offline), --source live or --source demo")
    options = DailyOptions(
        day=day.date() if isinstance(day, date) else None,
        source=source or "files",  # type: ignore[arg-type]
        feed_files=list(feed_files),
        pdf_dirs=list(pdf_dirs),
        fetch_pdfs=fetch_pdfs,
        out_dir=out_dir,
        wait_s=wait_s,
        deliver=deliver,
    )
    try:
        result = run_daily(settings, options, progress=None if as_json else _progress)
    except KBError as exc:
        click.echo(f"error: {exc}", err=True)
        raise SystemExit(EXIT_FAILED) from exc
    if as_json:
        emit_json(result.to_dict())
    else:
        counts = result.counts
        click.echo(
            f"{result.day}: {counts.get('announced', 0)} announced, "
            f"{counts.get('matched', 0)} matched -> {result.report_path}"
        )
        for failure in result.failures:
            click.echo(f"  {failure['arxiv_id']} ({failure['stage']}): {failure['reason']}")
        for record in result.deliveries:
            line = f"  {record['channel']}: {record['status']}"
            detail = f" ({record['detail']})" if record.get("detail") else ""
            click.echo(line + detail, err=record["status"] == "failed")
        stages = ", ".join(f"{k} {v:.1f}s" for k, v in result.timings_s.items() if "." not in k)
        click.echo(f"  time: {stages}")
    raise SystemExit(EXIT_OK if result.status == "done" else EXIT_NOTHING)


def register(group: click.Group) -> None:
    """Add ``daily`` to the ``kb`` group."""
    group.add_command(daily_cmd)

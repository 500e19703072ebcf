"""Commands that write: ``kb ingest`` and ``kb index rebuild``."""

from __future__ import annotations

from pathlib import Path

import click
from tqdm import tqdm

from kb.cli.common import EXIT_FAILED, FilesOption, emit_json, json_option, with_settings
from kb.config import Settings
from kb.db import Database
from kb.embed import get_embedder
from kb.feeds import parse_feed_files
from kb.ingest import Ingestor, IngestSummary
from kb.lock import run_lock
from kb.papervectors import ensure_paper_vectors
from kb.vectorstore import open_paper_index, rebuild_index, rebuild_paper_index


def _progress(items, total, desc):
    return tqdm(items, total=total, desc=desc, unit="pdf", file=click.get_text_stream("stderr"))


def _print_summary(summary: IngestSummary) -> None:
    click.echo(
        f"papers: {summary.papers_new} new, {summary.papers_updated} updated, "
        f"{summary.papers_unchanged} unchanged",
        err=False,
    )
    click.echo(
        f"PDFs: {summary.pdfs_parsed} parsed, {summary.pdfs_failed} failed, "
        f"{summary.pdfs_unchanged} unchanged, {summary.pdfs_missing} without PDF"
    )
    click.echo(f"chunks: {summary.chunks_added} added, {summary.chunks_removed} removed")
    for failure in summary.failures:
        click.echo(f"  failed {failure['arxiv_id']} ({failure['stage']}): {failure['reason']}")


@click.command("ingest")
@click.option(
    "--feed-file",
    "feed_files",
    cls=FilesOption,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="arXiv feed file(s) (RSS 2.0, RSS 1.0/RDF or API Atom): several after one flag, a "
    "glob, or repeated.",
)
@click.option(
    "--pdf-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Folder of PDFs named by arXiv id (with or without version); without --feed-file "
    "every PDF in it is ingested as with --pdf.",
)
@click.option(
    "--pdf",
    "pdfs",
    cls=FilesOption,
    type=click.Path(dir_okay=False, path_type=Path),
    help="PDF(s) with no feed entry (id from the name when it is an arXiv id): several after "
    "one flag, a glob, or repeated.",
)
@click.option("--fetch-pdfs", is_flag=True, help="Download missing PDFs from arXiv (live).")
@json_option
@with_settings
def ingest_cmd(
    feed_files: tuple[Path, ...],
    pdf_dir: Path | None,
    pdfs: tuple[Path, ...],
    fetch_pdfs: bool,
    as_json: bool,
    settings: Settings,
) -> None:
    """Add papers from feeds (and their full texts) to the knowledge base.

    Prints papers new/updated, PDFs parsed/failed and chunks added; a PDF that fails is
    recorded with its reason and the batch goes on. Exits 2 with a message while a daily
    run (or another ingest) holds the lock.
    """
    if not feed_files and pdf_dir is not None:
        pdfs = (*pdfs, *sorted(pdf_dir.glob("*.pdf")))
        if not pdfs:
            raise click.UsageError(f"no PDF files in {pdf_dir}")
    if not feed_files and not pdfs:
        raise click.UsageError("give --feed-file FILE..., --pdf-dir DIR and/or --pdf FILE...")
    with run_lock(settings.lock_path):  # one writer at a time (kb daily takes it too)
        ingestor = Ingestor(settings, progress=None if as_json else _progress)
        total = IngestSummary()
        if feed_files:
            papers = parse_feed_files(list(feed_files))
            dirs = [pdf_dir] if pdf_dir else []
            fetch_failures = []
            if fetch_pdfs:
                from kb.fetch import fetch_missing_pdfs

                fetch_failures = fetch_missing_pdfs(settings, papers, dirs)
                dirs.append(settings.pdf_dir)
            total = ingestor.ingest(papers, dirs)
            total.failures = fetch_failures + total.failures
        if pdfs:
            loose = ingestor.ingest_loose_pdfs(list(pdfs))
            for key, value in loose.to_dict().items():
                if isinstance(value, int):
                    setattr(total, key, getattr(total, key) + value)
            total.failures.extend(loose.failures)
            for stage, seconds in loose.timings_s.items():
                total.add_time(stage, seconds)
        with Database.open(settings.db_path) as db:  # the abstract tier: every paper searchable
            total.paper_vectors = ensure_paper_vectors(db, ingestor.embedder)
            open_paper_index(settings, db, ingestor.embedder.name, ingestor.embedder.dim)
    if as_json:
        emit_json(total.to_dict())
    else:
        _print_summary(total)


@click.group("index")
def index_group() -> None:
    """Manage the FAISS index (derived from DuckDB)."""


@index_group.command("rebuild")
@json_option
@with_settings
def index_rebuild_cmd(as_json: bool, settings: Settings) -> None:
    """Make the FAISS indexes (chunks, papers) again from the vectors stored in DuckDB."""
    embedder = get_embedder(settings.embedding)
    with run_lock(settings.lock_path), Database.open(settings.db_path) as db:
        index = rebuild_index(settings, db, embedder.name, embedder.dim)
        papers = rebuild_paper_index(settings, db, embedder.name, embedder.dim)
    result = {"vectors": index.ntotal, "kind": index.kind, "path": str(settings.index_dir),
              "paper_vectors": papers.ntotal, "paper_kind": papers.kind}  # fmt: skip
    if as_json:
        emit_json(result)
    else:
        click.echo(
            f"rebuilt {index.kind} index with {index.ntotal} vectors in {settings.index_dir}"
        )


def register(group: click.Group) -> None:
    """Add this module's commands to the ``kb`` group."""
    group.add_command(ingest_cmd)
    group.add_command(index_group)


__all__ = ["register", "EXIT_FAILED"]

"""``kb eval relevance`` and ``kb eval qa``: measured quality on labelled sets."""

from __future__ import annotations

import json
from pathlib import Path

import click

from kb.cli.common import FilesOption, emit_json, json_option, with_settings
from kb.cli.relevance import FEEDS
from kb.config import Settings
from kb.db import Database
from kb.errors import ConfigError
from kb.feeds import parse_feed_files
from kb.metadata import read_papers


@click.group("eval")
def eval_group() -> None:
    """Measure relevance and question answering on labelled sets."""


def _load_labels(path: Path) -> list[dict]:
    labels = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            item = json.loads(line)
            labels.append(
                {
                    "arxiv_id": str(item["arxiv_id"]),
                    "profile": str(item["profile"]),
                    "relevant": bool(item["relevant"]),
                }
            )
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: not a label line ({exc})") from exc
    return labels


@eval_group.command("relevance")
@click.argument("labels_path", metavar="LABELS.jsonl", type=click.Path(exists=True, path_type=Path))
@FEEDS
@click.option(
    "--metadata",
    "metadata_files",
    cls=FilesOption,
    multiple=True,
    type=click.Path(exists=True, dir_okay=False, path_type=Path),
    help="JSON-lines arXiv metadata (id, title, summary|abstract, categories; "
    ".gz too) with the labelled papers; repeatable.",
)
@click.option(
    "--feedback",
    "feedback",
    type=click.IntRange(0, None),
    default=0,
    show_default=True,
    help="Replay the first N labels of each profile (file order) as ratings and "
    "report on the other labels.",
)
@click.option(
    "--feedback-from",
    "feedback_from",
    type=click.Choice(["file", "digest"]),
    default="file",
    show_default=True,
    help="Which labels --feedback replays: the first of the file, or the N best-scored "
    "papers each profile matched (what a user rating their digest would rate).",
)
@json_option
@with_settings
def eval_relevance_cmd(
    labels_path: Path,
    feed_files: tuple[Path, ...],
    metadata_files: tuple[Path, ...],
    feedback: int,
    feedback_from: str,
    as_json: bool,
    settings: Settings,
) -> None:
    """Precision, recall and F1 of keyword-only, semantic-only and combined decisions per
    profile and micro-averaged, on labelled papers (from --feed-file, --metadata or the KB),
    with default settings; the best threshold in hindsight is shown for reference."""
    from kb.relevance.service import evaluate_labels

    labels = _load_labels(labels_path)
    wanted = {lab["arxiv_id"] for lab in labels}
    found = parse_feed_files(list(feed_files)) if feed_files else []
    found += read_papers(list(metadata_files), wanted) if metadata_files else []
    papers = list({p.arxiv_id: p for p in found if p.arxiv_id in wanted}.values())
    missing = wanted - {p.arxiv_id for p in papers}
    if missing and settings.db_path.exists():
        with Database.open(settings.db_path, read_only=True) as db:
            papers += [r.to_paper() for r in db.get_papers(sorted(missing)).values()]
    report = evaluate_labels(settings, papers, labels, feedback, feedback_from)
    if as_json:
        emit_json(report)
        return
    click.echo(f"{'profile':<24}{'method':<15}{'P':>7}{'R':>7}{'F1':>7}")
    for name, figures in report.items():
        if name.startswith("_") and name != "_micro":
            continue
        for method in ("keyword_only", "semantic_only", "combined"):
            f = figures[method]
            label = "ALL (micro)" if name == "_micro" else name
            click.echo(
                f"{label[:23]:<24}{method:<15}{f['precision']:7.3f}{f['recall']:7.3f}{f['f1']:7.3f}"
            )
        if name != "_micro":
            click.echo(
                f"{'':<24}hindsight threshold {figures['best_threshold']:.1f} "
                f"(F1 {figures['best_threshold_f1']:.3f}), n={figures['n']}"
            )
    if report.get("_missing_labels"):
        click.echo(f"{report['_missing_labels']} labelled papers were not found", err=True)


@eval_group.command("qa")
@click.argument("qa_path", metavar="QA.jsonl", type=click.Path(exists=True, path_type=Path))
@click.option("--k", "k", type=click.IntRange(1, 50), default=5, show_default=True,
              help="An extra evidence recall cut-off reported next to @1, @5 and @10.")  # fmt: skip
@click.option(
    "--pdf-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="First ingest the PDFs of this folder whose names start with an arXiv id of the set "
    "(2501.10120.pdf, 1706.03762v7_Attention.pdf); other PDFs in it are left alone.",
)
@click.option(
    "--details",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write one JSON line per question (rank of the first evidence hit, answer, found).",
)
@json_option
@with_settings
def eval_qa_cmd(
    qa_path: Path,
    k: int,
    pdf_dir: Path | None,
    details: Path | None,
    as_json: bool,
    settings: Settings,
) -> None:
    """Evidence recall@k, answers containing the gold answer, false declines and how often
    unanswerable questions are declined, on papers in the knowledge base (or --pdf-dir)."""
    from kb.qa_eval import QAEvaluation, load_qa_set

    items = load_qa_set(qa_path)
    if pdf_dir is not None:
        _ingest_set_pdfs(settings, pdf_dir, {item.arxiv_id for item in items}, as_json)
    evaluation = QAEvaluation(settings)
    figures = evaluation.run(items, k)
    if details is not None:
        evaluation.write_details(details)
    if as_json:
        emit_json(figures)
        return
    for key, value in figures.items():
        click.echo(f"{key:>28}: {value}")


def _ingest_set_pdfs(settings: Settings, pdf_dir: Path, wanted: set[str], quiet: bool) -> None:
    """Ingest the folder's PDFs named by an id of the set; name the ids without a PDF."""
    from kb.ids import filename_to_id
    from kb.ingest import Ingestor
    from kb.lock import run_lock

    pdfs = {}
    for path in sorted(pdf_dir.glob("*.pdf")):
        parsed = filename_to_id(path.name)
        if parsed and parsed[0] in wanted:
            pdfs.setdefault(parsed[0], path)
    missing = sorted(wanted - set(pdfs))
    if missing:
        click.echo(f"no PDF in {pdf_dir} for: {', '.join(missing)}", err=True)
    with run_lock(settings.lock_path):
        summary = Ingestor(settings).ingest_loose_pdfs(list(pdfs.values()))
    for failure in summary.failures:
        click.echo(f"failed {failure['arxiv_id']}: {failure['reason']}", err=True)
    if not quiet:
        click.echo(f"ingested {summary.pdfs_parsed} PDFs ({summary.pdfs_unchanged} unchanged)")


def register(group: click.Group) -> None:
    """Add ``eval`` to the ``kb`` group."""
    group.add_command(eval_group)

"""``kb eval``: measured quality on labelled sets (``relevance`` here; other areas add theirs).

The ``eval`` group is defined once here; a module adds a subcommand with
``@eval_group.command(...)`` or ``eval_group.add_command(...)``.
"""

from __future__ import annotations

from pathlib import Path

import click

from kb.cli.common import emit_json, json_option, with_settings
from kb.cli.relevance import FEEDS, cache_database
from kb.config import Settings
from kb.feeds import parse_feed_files
from kb.library import paper_from_row
from kb.relevance import effective_profiles, evaluate, load_labels, score_papers

METHODS = ("keyword_only", "semantic_only", "combined")


@click.group("eval")
def eval_group() -> None:
    """Measure relevance and question answering on labelled sets."""


@eval_group.command("relevance")
@click.argument("labels_path", metavar="LABELS.jsonl", type=click.Path(exists=True, path_type=Path))
@FEEDS
@json_option
@with_settings
def eval_relevance_cmd(
    labels_path: Path, feed_files: tuple[Path, ...], as_json: bool, settings: Settings
) -> None:
    """Precision, recall and F1 of keyword-only, semantic-only and combined decisions per
    profile, and the threshold that maximises F1, on LABELS.jsonl.

    LABELS.jsonl lines are {"arxiv_id", "profile", "relevant": true|false} for papers in the
    knowledge base or in --feed-file.
    """
    labels = load_labels(labels_path)
    wanted = {lab["arxiv_id"] for lab in labels}
    papers = [p for p in parse_feed_files(list(feed_files)) if p.arxiv_id in wanted]
    names = {lab["profile"] for lab in labels}
    profiles = [p for p in effective_profiles(settings) if p.name in names]
    with cache_database(settings) as db:
        missing = sorted(wanted - {p.arxiv_id for p in papers})
        if missing and db is not None:
            papers += [paper_from_row(r) for r in db.get_papers(missing).values()]
        decisions = score_papers(papers, profiles, settings, db=db)
    report = evaluate(decisions, labels)
    report["unknown_profiles"] = sorted(names - {p.name for p in profiles})
    if as_json:
        emit_json(report)
        return
    click.echo(f"{'profile':<14}{'method':<15}{'P':>7}{'R':>7}{'F1':>7}")
    for name, figures in report["profiles"].items():
        for method in METHODS:
            f = figures[method]
            row = f"{f['precision']:7.3f}{f['recall']:7.3f}{f['f1']:7.3f}"
            click.echo(f"{name:<14}{method:<15}{row}")
        click.echo(
            f"{'':<14}n={figures['n']} ({figures['positives']} relevant), threshold "
            f"{figures['threshold']:.3f}; best threshold {figures['best_threshold']:.3f} "
            f"(F1 {figures['best_f1']:.3f})"
        )
    overall = report["overall"]
    if overall:
        click.echo(
            f"macro F1: keyword-only {overall['keyword_only_macro_f1']:.3f}, semantic-only "
            f"{overall['semantic_only_macro_f1']:.3f}, combined {overall['combined_macro_f1']:.3f}"
        )
        click.echo(
            f"one threshold for all profiles: {overall['best_threshold']:.3f} "
            f"(macro F1 {overall['best_macro_f1']:.3f})"
        )
    if report["missing_labels"]:
        click.echo(
            f"{len(report['missing_labels'])} labelled papers were not found "
            "(give their --feed-file or add them to the knowledge base)",
            err=True,
        )
    if report["unknown_profiles"]:
        click.echo(f"labels name unknown profiles: {report['unknown_profiles']}", err=True)


@eval_group.command("qa")
@click.argument("qa_path", metavar="QA.jsonl", type=click.Path(exists=True, path_type=Path))
@click.option("--k", "k", type=click.IntRange(1, 50), default=5, show_default=True,
              help="Chunks retrieved per question for the answer.")  # fmt: skip
@json_option
@with_settings
def eval_qa_cmd(qa_path: Path, k: int, as_json: bool, settings: Settings) -> None:
    """Evidence recall@k, answer token F1, and how often unanswerable questions are declined,
    on papers already in the knowledge base."""
    from kb.qa import Asker
    from kb.qa_eval import evaluate_qa, load_qa_set
    from kb.search import Searcher, SearchFilters

    items = load_qa_set(qa_path)
    searcher = Searcher(settings)
    asker = Asker(settings, searcher)

    def retrieve(item, top):
        hits = searcher.search(item.question, top, SearchFilters(paper=item.arxiv_id))
        return [h.text for h in hits]

    def answer(item):
        result = asker.ask(item.question, item.arxiv_id)
        return result.answer, result.found

    figures = evaluate_qa(items, retrieve, answer)
    if as_json:
        emit_json(figures)
        return
    for key, value in figures.items():
        click.echo(f"{key:>28}: {value}")


def register(group: click.Group) -> None:
    """Add ``eval`` to the ``kb`` group."""
    group.add_command(eval_group)

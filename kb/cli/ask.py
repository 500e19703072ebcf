"""``kb ask``: questions about one paper (or all), answered with cited pages."""

from __future__ import annotations

import click

from kb.cli.common import emit_json, json_option, with_settings
from kb.config import Settings
from kb.ids import parse_paper_id
from kb.qa import Asker, Conversation


def _print_answer(answer) -> None:
    click.echo(answer.answer)
    for citation in answer.citations:
        snippet = " ".join(citation.text.split())[:160]
        click.echo(f"  - {citation.arxiv_id} p. {citation.page}: {snippet}")


@click.command("ask")
@click.argument("words", nargs=-1, required=True)
@click.option("--all", "all_papers", is_flag=True, help="Ask across all papers.")
@click.option("--chat", is_flag=True, help="Keep asking follow-ups (empty line ends).")
@json_option
@with_settings
def ask_cmd(
    words: tuple[str, ...], all_papers: bool, chat: bool, as_json: bool, settings: Settings
) -> None:
    """Answer a question about a paper, citing pages: kb ask ARXIV_ID "question".

    With --all: kb ask --all "question". When the paper does not contain the answer, the
    answer says so (JSON: found=false) instead of guessing.
    JSON: {answer, citations: [{arxiv_id, page, chunk_id, text}], found}.
    Exit code 3: a daily run is writing the knowledge base; try again in a moment.
    """
    if all_papers:
        arxiv_id, question = None, " ".join(words)
    else:
        if len(words) < 2:
            raise click.UsageError('give ARXIV_ID "question", or --all "question"')
        arxiv_id, question = parse_paper_id(words[0])[0], " ".join(words[1:])
    asker = Asker(settings)
    conversation = Conversation(arxiv_id)
    answer = asker.ask(question, arxiv_id, conversation)
    if as_json:
        emit_json(answer.to_dict())
    else:
        _print_answer(answer)
    while chat:
        follow_up = click.prompt("follow-up", default="", show_default=False, err=True)
        if not follow_up.strip():
            break
        answer = asker.ask(follow_up, arxiv_id, conversation)
        emit_json(answer.to_dict()) if as_json else _print_answer(answer)


def register(group: click.Group) -> None:
    """Add ``ask`` to the ``kb`` group."""
    group.add_command(ask_cmd)

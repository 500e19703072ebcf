"""The ``kb`` command line through click's runner: contracts of names, options and --json."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from kb.cli import main


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()


def _json(result) -> object:
    assert result.exit_code == 0, result.output + str(result.exception)
    return json.loads(result.stdout)


def test_every_command_has_help(runner: CliRunner) -> None:
    result = runner.invoke(main, ["--help"])
    assert result.exit_code == 0
    for name in ("ingest", "search", "similar", "backfill", "show", "stats", "index", "daily"):
        assert name in result.output
        sub = runner.invoke(main, [name, "--help"])
        assert sub.exit_code == 0 and "Usage" in sub.output
        assert "--config" in sub.output or name == "index"


def test_stats_on_an_empty_kb(runner: CliRunner, kb_home: Path) -> None:
    stats = _json(runner.invoke(main, ["stats", "--json"]))
    assert stats["papers"] == 0 and stats["vectors"] == 0 and stats["failed"] == 0


@pytest.mark.slow
def test_ingest_search_show_stats_rebuild(runner: CliRunner, kb_home: Path, shared_data: Path):
    feed = shared_data / "feeds" / "api" / "pdfs_metadata.atom"
    summary = _json(
        runner.invoke(
            main,
            ["ingest", "--feed-file", str(feed), "--pdf-dir", str(shared_data / "pdfs"), "--json"],
        )
    )
    assert summary["papers_new"] == 5 and summary["pdfs_parsed"] == 5
    assert summary["chunks_added"] > 0

    hits = _json(runner.invoke(main, ["search", "searching academic papers with an LLM agent",
                                      "--k", "5", "--json"]))  # fmt: skip
    assert 0 < len(hits) <= 5
    assert set(hits[0]) >= {"arxiv_id", "title", "chunk_id", "page", "section", "score", "text"}
    assert hits[0]["arxiv_id"] == "2501.10120"

    inside = _json(runner.invoke(main, ["search", "crawler agent", "--paper", "2501.10120",
                                        "--k", "5", "--json"]))  # fmt: skip
    assert inside and {h["arxiv_id"] for h in inside} == {"2501.10120"}

    record = _json(runner.invoke(main, ["show", "arXiv:2501.10120", "--json"]))
    assert record["arxiv_id"] == "2501.10120"
    assert record["parse_status"] == "parsed" and record["chunk_count"] > 0

    stats = _json(runner.invoke(main, ["stats", "--json"]))
    assert stats["papers"] == 5 and stats["chunk_vectors"] == stats["chunks"] > 0
    assert stats["paper_vectors"] == stats["paper_index_vectors"] == 5
    assert stats["vectors"] == stats["chunks"] + 5

    rebuilt = _json(runner.invoke(main, ["index", "rebuild", "--json"]))
    assert rebuilt["vectors"] == stats["chunks"] and rebuilt["paper_vectors"] == 5


def test_errors_are_one_line_and_exit_2(runner: CliRunner, kb_home: Path) -> None:
    result = runner.invoke(main, ["show", "../../etc/passwd"])
    assert result.exit_code == 2 and "not an arXiv id" in result.stderr
    result = runner.invoke(main, ["show", "2501.10120", "--config", "missing.toml"])
    assert result.exit_code == 2 and "config file not found" in result.stderr


def test_ingest_a_pdf_folder_alone(runner: CliRunner, kb_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "pdfs"
    folder.mkdir()
    result = runner.invoke(main, ["ingest", "--pdf-dir", str(folder)])
    assert result.exit_code == 2 and "no PDF files" in result.stderr
    (folder / "2501.00002v1.pdf").write_bytes(b"<html><body>Just a moment...</body></html>")
    summary = _json(runner.invoke(main, ["ingest", "--pdf-dir", str(folder), "--json"]))
    assert summary["pdfs_failed"] == 1 and summary["chunks_added"] == 0
    assert "2501.00002" in json.dumps(summary["failures"])


# -- file lists as a shell user types them -------------------------------------------------------
@pytest.fixture()
def files_command():
    """A command with a file-list option, a flag, a valued option and a required argument."""
    import click

    from kb.cli.common import FilesOption

    @click.command()
    @click.argument("labels")
    @click.option("--feed-file", "feeds", cls=FilesOption, type=click.Path(exists=True))
    @click.option("--pdf", "pdfs", cls=FilesOption)
    @click.option("--k", type=int, default=0)
    @click.option("--json", "as_json", is_flag=True)
    def command(labels, feeds, pdfs, k, as_json):
        click.echo(json.dumps({"labels": labels, "feeds": feeds, "pdfs": pdfs, "k": k,
                               "json": as_json}))  # fmt: skip

    return command


def test_file_options_take_several_values_globs_and_repeats(
    runner: CliRunner, files_command, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    for name in ("a.xml", "b.xml", "c.xml", "L.jsonl"):
        (tmp_path / name).write_text("x", encoding="utf-8")

    def parsed(*args: str) -> dict:
        result = runner.invoke(files_command, list(args))
        assert result.exit_code == 0, result.output
        return json.loads(result.output)

    three = ["a.xml", "b.xml", "c.xml"]
    assert parsed("L.jsonl", "--feed-file", "a.xml", "b.xml", "c.xml")["feeds"] == three
    assert (
        parsed("L.jsonl", "--feed-file", "a.xml", "--feed-file", "b.xml", "c.xml")["feeds"] == three
    )
    assert parsed("L.jsonl", "--feed-file", "*.xml")["feeds"] == three  # a quoted glob
    assert parsed("L.jsonl", "--feed-file=a.xml", "b.xml")["feeds"] == ["a.xml", "b.xml"]
    # values stop at the next option; the required argument is left for itself
    got = parsed("--feed-file", "a.xml", "b.xml", "L.jsonl", "--k", "3", "--pdf", "x.pdf", "y.pdf")
    assert got == {"labels": "L.jsonl", "feeds": ["a.xml", "b.xml"], "pdfs": ["x.pdf", "y.pdf"],
                   "k": 3, "json": False}  # fmt: skip
    got = parsed("--feed-file", "a.xml", "L.jsonl", "--json", "--pdf", "x.pdf")
    assert (got["feeds"], got["labels"], got["json"]) == (["a.xml"], "L.jsonl", True)
    missing = runner.invoke(files_command, ["L.jsonl", "--feed-file", "a.xml", "nope.xml"])
    assert missing.exit_code == 2 and "nope.xml" in missing.output


@pytest.mark.slow
def test_kb_commands_take_a_glob_after_one_flag(runner: CliRunner, kb_home: Path) -> None:
    """The README's `--feed-file feeds/*.xml`: the same papers as one flag per file."""
    from kb.demo import write_demo
    from kb.feeds import parse_feed_files

    demo = write_demo(kb_home.parent / "demo")
    feeds = sorted(str(p) for p in demo.feed_paths if p.suffix == ".xml")
    assert len(feeds) >= 2
    one_flag = _json(runner.invoke(main, ["relevance", "--feed-file", *feeds, "--json"]))
    repeated = [arg for feed in feeds for arg in ("--feed-file", feed)]
    assert _json(runner.invoke(main, ["relevance", *repeated, "--json"])) == one_flag
    every_paper = {p.arxiv_id for p in parse_feed_files([Path(f) for f in feeds])}
    assert {d["arxiv_id"] for d in one_flag} == every_paper  # every file was read

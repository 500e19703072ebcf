"""The fictional papers of the offline demo set, read from package data (``kb/demo/data``).

One Markdown file per paper, named by its id: TOML front matter between ``+++`` lines (what the
feeds announce: id, version, categories, title, authors, affiliation, comment, abstract, and the
PDF's running header ``short_title``, ``paper_size``, ``submitted``/``updated`` dates), then the
full text when the paper has a PDF in the demo set.

Written for the demo only: ids in the 2512.99xxx block cannot collide with real arXiv ids, and
every number is internally consistent within its paper. The set covers three example interests
(vision-language-action robot policies, multivariate time-series forecasting, traffic /
spatio-temporal prediction), hard negatives that use one of their keywords only in passing,
and unrelated work. Real prior work is cited by name in the texts.

Body markup (typeset by ``kb.demo.render``): ``# 1 Introduction`` is a section, ``## 3.1 ...`` a
subsection; every other line is one paragraph; ``! caption | box > box`` is a figure; a run of
``|`` lines is a table (caption, header, rows; a row starting with ``*`` is set in bold); lines
after ``# References`` are the entries. Only Latin-1 characters: the PDFs use base-14 fonts.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from importlib import resources

_FENCE = "+++"


@dataclass(frozen=True)
class DemoPaper:
    """One fictional paper: what the feeds announce and, when ``body`` is set, its PDF text."""

    arxiv_id: str
    version: int
    categories: tuple[str, ...]  # primary first, as arXiv lists them
    title: str
    short_title: str  # the running header of the PDF
    authors: tuple[str, ...]
    affiliation: str
    abstract: str
    comment: str | None = None
    body: str | None = None  # None: the paper has no PDF in the demo set
    paper_size: str = "letter"
    submitted: str = "2025-12-08"  # first version
    updated: str = "2025-12-08"  # this version


def parse_paper(text: str, name: str) -> DemoPaper:
    """One paper file: TOML front matter between ``+++`` lines, then the body (may be empty).

    Raises:
        ValueError: naming the file, when the front matter is missing or not valid TOML, or
            names a field a paper does not have.
    """
    head, fence, rest = text.removeprefix(_FENCE + "\n").partition("\n" + _FENCE + "\n")
    if not text.startswith(_FENCE + "\n") or not fence:
        raise ValueError(f"{name}: no front matter between {_FENCE} lines")
    try:
        meta = tomllib.loads(head)
        meta["categories"] = tuple(meta["categories"])
        meta["authors"] = tuple(meta["authors"])
        return DemoPaper(**meta, body=rest.strip() or None)
    except (tomllib.TOMLDecodeError, KeyError, TypeError) as exc:
        raise ValueError(f"{name}: bad front matter ({exc})") from exc


def load_papers() -> list[DemoPaper]:
    """Every paper of the demo set, in id order."""
    folder = resources.files("kb.demo").joinpath("data")
    files = sorted((f for f in folder.iterdir() if f.name.endswith(".md")), key=lambda f: f.name)
    return [parse_paper(f.read_text(encoding="utf-8"), f.name) for f in files]


PAPERS: list[DemoPaper] = load_papers()

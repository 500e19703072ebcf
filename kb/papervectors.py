"""One vector per paper (its title and abstract): the abstract tier of search, ``kb similar``
and "Related in your library".

The text is made by ``paper_text`` alone, so every place that embeds a paper (this module,
the backfill, and relevance once it adopts it) gives the same content hash, and the vector is
computed once per paper version: it lives in the embedding cache, and ``paper_vectors`` only
points at it.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable, Sequence
from typing import Protocol

from kb.db import Database, content_hash
from kb.embed import Embedder, embed_cached

log = logging.getLogger(__name__)

# Papers embedded per pass: the model sorts a pass by length; a crash loses at most this many.
EMBED_BATCH = 256
Progress = Callable[[int], None]


class HasAbstract(Protocol):
    """Anything with a title and an abstract (a Paper, a stored row)."""

    title: str
    abstract: str


def compose_paper_text(title: str, abstract: str) -> str:
    """``"title. abstract"`` with whitespace collapsed (the title alone without an abstract).

    The same string relevance scoring embeds, cut to its first 90 words: a short abstract's
    vector is shared by both through the content-hash cache.
    """
    title = " ".join((title or "").split())
    if not (abstract or "").strip():
        return title
    return " ".join(f"{title}. {abstract}".split())


def paper_text(paper: HasAbstract) -> str:
    """The text embedded as a paper's vector (see ``compose_paper_text``)."""
    return compose_paper_text(paper.title, paper.abstract)


def paper_vector_id(arxiv_id: str) -> int:
    """A paper's id in the paper index: deterministic, positive int64."""
    digest = hashlib.blake2b(f"paper:{arxiv_id}".encode(), digest_size=8).digest()
    return int.from_bytes(digest, "big") & 0x7FFF_FFFF_FFFF_FFFF


def stale_papers(db: Database, model: str, rows: Sequence[tuple[str, str, str]]) -> list[tuple]:
    """The (arxiv_id, text) of rows whose vector is missing or was made from another text."""
    texts = {row[0]: compose_paper_text(row[1], row[2]) for row in rows}
    texts = {pid: text for pid, text in texts.items() if text}
    stored: dict[str, str] = {}
    ids = list(texts)
    for lo in range(0, len(ids), 50_000):
        stored.update(db.paper_vector_hashes(model, ids[lo : lo + 50_000]))
    return [(pid, text) for pid, text in texts.items() if stored.get(pid) != content_hash(text)]


def embed_papers(
    db: Database, embedder: Embedder, todo: Sequence[tuple[str, str]], progress: Progress | None
) -> int:
    """Embed (arxiv_id, text) pairs through the cache and point the papers at their vectors.

    Each pass commits on its own: a killed run keeps every finished pass, and the vectors of
    the unfinished one stay in the cache for the next run.
    """
    for lo in range(0, len(todo), EMBED_BATCH):
        part = todo[lo : lo + EMBED_BATCH]
        embed_cached(embedder, [text for _, text in part], db)
        with db.transaction():
            db.set_paper_vectors(
                embedder.name,
                [(pid, paper_vector_id(pid), content_hash(text)) for pid, text in part],
            )
        if progress:
            progress(len(part))
    return len(todo)


def ensure_paper_vectors(
    db: Database,
    embedder: Embedder,
    arxiv_ids: Iterable[str] | None = None,
    progress: Progress | None = None,
) -> int:
    """Give every paper (or the ones named) a current vector; returns how many were made."""
    from kb.vectorstore import check_model

    check_model(db, embedder.name, embedder.dim)
    rows = db.paper_texts(None if arxiv_ids is None else list(arxiv_ids))
    todo = stale_papers(db, embedder.name, rows)
    if todo:
        log.info("embedding %d paper vectors", len(todo))
    return embed_papers(db, embedder, todo, progress)

"""The background a profile's scores are calibrated against: real announcements, no labels.

A raw cosine similarity means different things for different profiles (a broad profile sits
close to many papers, a narrow one to few). Scores are therefore expressed in standard
deviations above the profile's mean over a background of real papers: the knowledge base's
most recent announcements once it holds enough of them, else a shipped set of 2,000 real arXiv
abstracts (cs.CV/CL/AI/LG/RO, April-October 2025; ``kb/data/background/``) whose vectors for
the bundled model ship beside it, so a first run embeds nothing extra.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import numpy as np

from kb.db import Database, content_hash
from kb.embed import Embedder, embed_cached

log = logging.getLogger(__name__)

SHIPPED = "data/background"
SHIPPED_PAPERS = "papers.jsonl.gz"


@dataclass(frozen=True)
class BackgroundPaper:
    """A paper of the background: enough text to score it like an announcement."""

    arxiv_id: str
    title: str
    abstract: str


@dataclass
class Background:
    """Background papers and their document vectors (unit length, one row per paper)."""

    source: str
    papers: list[BackgroundPaper]
    vectors: np.ndarray

    def __len__(self) -> int:
        return len(self.papers)

    @property
    def mean(self) -> np.ndarray:
        """The average document vector: the direction every paper shares."""
        return self.vectors.mean(axis=0)

    def describe(self) -> str:
        """E.g. "2,000 recent papers" or "2,000 shipped background papers"."""
        return f"{len(self):,} {self.source}"


def doc_text(title: str, abstract: str, words: int) -> str:
    """What a paper is embedded as for relevance: title and the start of the abstract."""
    text = f"{' '.join(title.split())}. {' '.join(abstract.split())}"
    return " ".join(text.split()[:words])


def shipped_papers() -> list[BackgroundPaper]:
    """The shipped background set (real arXiv metadata, package data)."""
    source = resources.files("kb").joinpath(SHIPPED, SHIPPED_PAPERS)
    with source.open("rb") as raw, gzip.open(raw, "rt", encoding="utf-8") as lines:
        rows = [json.loads(line) for line in lines if line.strip()]
    return [BackgroundPaper(r["id"], r["title"], r["abstract"]) for r in rows]


def _vectors_name(model: str, words: int, texts: list[str]) -> str:
    digest = hashlib.sha256("\n".join(texts).encode("utf-8")).hexdigest()[:12]
    slug = "".join(c if c.isalnum() or c in "-_." else "_" for c in model)
    return f"vectors-{slug}-w{words}-{digest}.npy"


def shipped_vectors_path(model: str, words: int, texts: list[str]) -> Path:
    """Where the shipped vectors of these texts for this model would be (may not exist)."""
    base = Path(str(resources.files("kb").joinpath(SHIPPED)))
    return base / _vectors_name(model, words, texts)


def _shipped_background(embedder: Embedder, words: int, cache_dir: Path | None) -> Background:
    papers = shipped_papers()
    texts = [doc_text(p.title, p.abstract, words) for p in papers]
    name = _vectors_name(embedder.name, words, texts)
    candidates = [shipped_vectors_path(embedder.name, words, texts)]
    if cache_dir is not None:
        candidates.append(cache_dir / name)
    for path in candidates:
        if path.is_file():
            vectors = np.load(path).astype(np.float32)
            if vectors.shape == (len(texts), embedder.dim):
                return Background("shipped background papers", papers, vectors)
    log.info("embedding the %d shipped background papers once for %s", len(texts), embedder.name)
    vectors = embedder.embed(texts).astype(np.float32)
    if cache_dir is not None:
        cache_dir.mkdir(parents=True, exist_ok=True)
        tmp = cache_dir / f".{name}.tmp.npy"
        np.save(tmp, vectors.astype(np.float16))
        tmp.replace(cache_dir / name)
    return Background("shipped background papers", papers, vectors)


def _kb_background(
    db: Database, model: str, words: int, limit: int, exclude: set[str]
) -> Background | None:
    """The most recent papers of the KB whose relevance vectors are already cached."""
    papers = [
        BackgroundPaper(*row)
        for row in db.recent_abstracts(limit + len(exclude))
        if row[0] not in exclude
    ][:limit]
    hashes = [content_hash(doc_text(p.title, p.abstract, words)) for p in papers]
    cached = db.cached_embeddings(model, hashes)
    kept = [(p, cached[h]) for p, h in zip(papers, hashes, strict=True) if h in cached]
    if not kept:
        return None
    vectors = np.vstack([v for _, v in kept]).astype(np.float32)
    return Background("recent papers", [p for p, _ in kept], vectors)


def load_background(
    embedder: Embedder,
    words: int,
    db: Database | None = None,
    min_papers: int = 1000,
    max_papers: int = 2000,
    cache_dir: Path | None = None,
    exclude: set[str] | None = None,
) -> Background:
    """The KB's recent papers when it holds ``min_papers`` of them, else the shipped set.

    Args:
        embedder: the model whose vectors are compared (vectors of two models never mix).
        words: words of title + abstract per document (``relevance.doc_words``).
        db: the knowledge base, if there is one.
        min_papers: recent papers needed before they replace the shipped set.
        max_papers: most recent papers used at most.
        cache_dir: where vectors of the shipped set are kept for a non-bundled model.
        exclude: ids never used as background (the papers being scored).
    """
    if db is not None:
        recent = _kb_background(db, embedder.name, words, max_papers, exclude or set())
        if recent is not None and len(recent) >= min_papers:
            return recent
    return _shipped_background(embedder, words, cache_dir)


def build_shipped_vectors(embedder: Embedder, words: int) -> Path:
    """Compute and write the vectors shipped with the background set (a release step)."""
    papers = shipped_papers()
    texts = [doc_text(p.title, p.abstract, words) for p in papers]
    path = shipped_vectors_path(embedder.name, words, texts)
    for old in path.parent.glob(f"vectors-*-w{words}-*.npy"):
        if old.name.startswith(path.name.split("-w")[0]):
            old.unlink()
    np.save(path, embed_cached(embedder, texts, None).astype(np.float16))
    return path

"""``kb backfill --engine ray``: parse and embed as a Ray Data pipeline, then load here.

read the files (``read_binary_files``) -> one row per line (``flat_map``) -> parse, filter
and drop texts already embedded (``map_batches``; the cached content hashes are broadcast
once) -> ``map_batches(EmbedActor)``, an actor pool where each actor loads the embedder once
-> Parquet partitioned by ``yymm`` under ``KB_HOME/backfill/``. The driver then loads the
Parquet rows into DuckDB with the local engine's ``load_batch`` (vectors go to the
content-hash cache first, so nothing is embedded twice). Without ``--address`` Ray starts a
local cluster of this machine's cores; with one it joins that cluster, whose workers must
have arxiv-kb installed.

Ray is optional (``pip install -e '.[scale]'``); it is imported only here.
"""

from __future__ import annotations

import gzip
import json
import logging
import os
import time
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import numpy as np

from kb.atomic import write_atomic
from kb.bulkload import BackfillOptions, BackfillSummary, Progress, batched, load_batch
from kb.config import EmbeddingSettings, Settings
from kb.db import Database, content_hash
from kb.embed import Embedder
from kb.errors import ConfigError
from kb.metadata import Record, file_day, parse_line, wanted
from kb.papervectors import paper_text

log = logging.getLogger(__name__)


def _ray() -> Any:
    try:
        import ray
        import ray.data  # noqa: F401
    except ImportError as exc:
        raise ConfigError(
            "the Ray engine needs Ray Data: pip install -e '.[scale]' (or use --engine local)"
        ) from exc
    return ray


def yymm(arxiv_id: str) -> str:
    """The partition of an id: ``2512`` for 2512.05693, ``9901`` for hep-th/9901001."""
    number = arxiv_id.rsplit("/", 1)[-1]
    return number[:4] if number[:4].isdigit() else "other"


def split_lines(row: dict[str, Any]) -> Iterator[dict[str, Any]]:
    """One row per non-blank line of a (gzip or plain) file: file name, line number, text."""
    data = row["bytes"]
    if data[:2] == b"\x1f\x8b":
        data = gzip.decompress(data)
    name = Path(row["path"]).name
    for number, raw in enumerate(data.decode("utf-8", errors="replace").splitlines(), start=1):
        if raw.strip():
            yield {"file": name, "line": number, "raw": raw}


PARSED_COLUMNS = ("error", "filtered", "text", "hash", "embed", "yymm")


class ParseBatch:
    """Parse and filter lines; mark the texts that still need a vector."""

    def __init__(self, categories: list[str], since: str | None, cached: Any) -> None:
        self.categories = categories
        self.since = datetime.fromisoformat(since).date() if since else None
        self.cached = cached

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Columns: file, line, raw, error, filtered, text, hash, embed, yymm."""
        import ray

        cached = ray.get(self.cached) if isinstance(self.cached, ray.ObjectRef) else self.cached
        self.cached = cached
        out: dict[str, list[Any]] = {k: [] for k in PARSED_COLUMNS}
        for name, number, raw in zip(batch["file"], batch["line"], batch["raw"], strict=True):
            record = parse_line(str(name), int(number), str(raw), file_day(Path(str(name))))
            paper = record.paper
            keep = paper is not None and wanted(paper, self.categories, self.since)
            text = paper_text(paper) if keep else ""
            digest = content_hash(text) if text else ""
            out["error"].append(record.bad.reason if record.bad else "")
            out["filtered"].append(paper is not None and not keep)
            out["text"].append(text)
            out["hash"].append(digest)
            out["embed"].append(bool(digest) and digest not in cached)
            out["yymm"].append(yymm(paper.arxiv_id) if paper else "bad")
        return {**batch, **{k: np.array(v) for k, v in out.items()}}


class EmbedActor:
    """An actor of the pool: loads the embedder once, embeds the rows marked ``embed``."""

    def __init__(self, embedding: dict[str, Any], threads: int = 1) -> None:
        import torch

        from kb.embed import get_embedder

        torch.set_num_threads(threads)
        self.embedder = get_embedder(EmbeddingSettings.model_validate(embedding))

    def __call__(self, batch: dict[str, np.ndarray]) -> dict[str, np.ndarray]:
        """Adds ``vector``: the text's unit vector, or an empty one when not embedded."""
        todo = np.flatnonzero(batch["embed"])
        vectors = [np.zeros(0, np.float32)] * len(batch["embed"])
        if len(todo):
            fresh = self.embedder.embed([str(batch["text"][i]) for i in todo])
            for i, vector in zip(todo, fresh, strict=True):
                vectors[i] = vector
        column = np.empty(len(vectors), dtype=object)
        column[:] = vectors
        return {**batch, "vector": column}


LIGHT_CPUS = 0.1  # read, split, parse and write reserve little, so the actors get the cores
BLOCK_BYTES = 4 << 20


def run_pipeline(
    settings: Settings, options: BackfillOptions, cached: set[str], out_dir: Path
) -> None:
    """Run the Ray Data pipeline of the module docstring, writing Parquet into ``out_dir``.

    Without an address it starts a local Ray cluster and shuts it down at the end.
    """
    ray = _ray()
    cfg = settings.backfill
    started = not ray.is_initialized()
    if started:
        ray.init(
            address=options.address or None,
            num_cpus=None if options.address else (os.cpu_count() or 1),
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
        )
    light = {"num_cpus": LIGHT_CPUS}
    try:
        files = [str(p.resolve()) for p in options.files]
        # small blocks (a few thousand lines), so that every actor of the pool gets work
        ray.data.DataContext.get_current().target_max_block_size = BLOCK_BYTES
        ds = ray.data.read_binary_files(files, include_paths=True, **light)
        ds = ds.flat_map(split_lines, **light)
        since = options.since.isoformat() if options.since else None
        ds = ds.map_batches(
            ParseBatch, fn_constructor_args=(options.categories, since, ray.put(cached)),
            batch_size=cfg.ray_batch_size, compute=ray.data.ActorPoolStrategy(size=1), **light,
        )  # fmt: skip
        ds = ds.map_batches(
            EmbedActor,
            fn_constructor_args=(settings.embedding.model_dump(mode="json"), cfg.ray_actor_threads),
            batch_size=cfg.ray_batch_size,
            compute=ray.data.ActorPoolStrategy(size=cfg.ray_actors),
            num_cpus=cfg.ray_actor_cpus,
        )
        ds.write_parquet(str(out_dir), partition_cols=["yymm"], ray_remote_args=light)
    finally:
        if started:
            ray.shutdown()


def iter_parquet_records(out_dir: Path) -> Iterator[tuple[Record, np.ndarray | None]]:
    """(record, vector or None) of every row the pipeline wrote, in file and line order."""
    import pyarrow.dataset as pads

    table = pads.dataset(str(out_dir), format="parquet", partitioning="hive").to_table(
        columns=["file", "line", "raw", "vector"]
    )
    table = table.sort_by([("file", "ascending"), ("line", "ascending")])
    for batch in table.to_batches(max_chunksize=4096):
        rows = batch.to_pydict()
        for name, number, raw, vector in zip(
            rows["file"], rows["line"], rows["raw"], rows["vector"], strict=True
        ):
            record = parse_line(name, number, raw, file_day(Path(name)))
            has_vector = vector is not None and len(vector) > 0
            yield record, np.asarray(vector, np.float32) if has_vector else None


def run_ray(
    settings: Settings, options: BackfillOptions, embedder: Embedder, progress: Progress | None
) -> BackfillSummary:
    """The Ray engine: the pipeline, then the load into the knowledge base."""
    summary = BackfillSummary(engine="ray")
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%S")
    out_dir = settings.home / "backfill" / f"ray-{stamp}-{os.getpid()}"
    with Database.open(settings.db_path, read_only=True) as db:
        cached = db.cached_hashes(embedder.name)
    start = time.perf_counter()
    run_pipeline(settings, options, cached, out_dir)
    summary.add_time("ray_pipeline", time.perf_counter() - start)
    for rows in batched(iter_parquet_records(out_dir), settings.backfill.batch_size):
        vectors = {content_hash(paper_text(r.paper)): v for r, v in rows if v is not None}
        papers = summary.count([r for r, _ in rows], options)
        with Database.open(settings.db_path) as db:
            db.store_embeddings(embedder.name, vectors.items())
            load_batch(db, embedder, papers, summary)
        if progress:
            progress(len(rows))
    write_atomic(out_dir / "_LOADED", json.dumps(summary.to_dict()))
    return summary

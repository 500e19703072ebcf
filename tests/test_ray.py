"""``kb backfill --engine ray``: the Ray Data pipeline, for real, on a small slice."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.dataset as pads
import pytest

pytest.importorskip("ray.data")

from test_backfill import invoke_json, make_slice, unique_ids  # noqa: E402


def test_ray_engine_matches_the_local_engine(shared_data: Path, tmp_path: Path, monkeypatch):
    path = make_slice(shared_data, tmp_path / "data", 80)
    monkeypatch.delenv("KB_CONFIG", raising=False)
    monkeypatch.setenv("KB_HOME", str(tmp_path / "ray"))
    ray_run = invoke_json(["backfill", "--metadata", str(path), "--engine", "ray"])
    ray_stats = invoke_json(["stats"])
    ray_hits = invoke_json(["search", "video generation with diffusion models", "--k", "5"])
    monkeypatch.setenv("KB_HOME", str(tmp_path / "local"))
    local_run = invoke_json(["backfill", "--metadata", str(path)])
    local_stats = invoke_json(["stats"])
    local_hits = invoke_json(["search", "video generation with diffusion models", "--k", "5"])

    n = len(unique_ids(path))
    assert ray_run["engine"] == "ray" and ray_run["added"] == local_run["added"] == n
    for key in ("read", "skipped", "bad_lines", "vectors"):
        assert ray_run[key] == local_run[key], key
    assert ray_run["malformed"] == local_run["malformed"]
    for key in ("papers", "paper_vectors", "paper_index_vectors"):
        assert ray_stats[key] == local_stats[key] == n, key
    # the same vectors (one model, batch-invariant embedding), so the same ranking
    assert [h["arxiv_id"] for h in ray_hits] == [h["arxiv_id"] for h in local_hits]
    assert [h["score"] for h in ray_hits] == pytest.approx([h["score"] for h in local_hits])

    # the pipeline's output: Parquet partitioned by yymm, every line accounted for
    (out_dir,) = (tmp_path / "ray" / "backfill").iterdir()
    assert {p.name for p in out_dir.iterdir() if p.is_dir()} >= {"yymm=2512", "yymm=bad"}
    table = pads.dataset(str(out_dir), format="parquet", partitioning="hive").to_table()
    assert table.num_rows == ray_run["read"]
    assert json.loads((out_dir / "_LOADED").read_text())["added"] == n

    # a rerun on Ray embeds nothing again (the cached hashes are broadcast to the parse step)
    monkeypatch.setenv("KB_HOME", str(tmp_path / "ray"))
    again = invoke_json(["backfill", "--metadata", str(path), "--engine", "ray"])
    assert again["added"] == again["vectors"] == 0
    latest = max((tmp_path / "ray" / "backfill").iterdir(), key=lambda p: p.stat().st_mtime)
    vectors = pads.dataset(str(latest), format="parquet", partitioning="hive").to_table(
        columns=["vector"]
    )
    assert all(len(v) == 0 for v in vectors.column("vector").to_pylist())

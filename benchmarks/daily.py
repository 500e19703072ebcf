"""The daily run at realistic size: ~1,000 real announcements, ~20 matched papers with PDFs.

The day is made of the real RSS files of ``feeds/rss`` (whole files, in date order, until the
target count is reached). A scoring pass in this process finds which papers the profiles will
match; each of them gets a distinct real PDF copied under its id (distinct, so the content-hash
cache cannot make a repeated PDF free). Then ``kb daily`` runs as a fresh process, as cron would
start it: the total includes Python start-up and loading the model.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import tomlkit

import kb
from kb.config import Settings

CATEGORIES = ["cs.AI", "cs.CL", "cs.CV", "cs.LG", "cs.RO"]
# The three example topics match ~12 papers in ~1,000 announcements; the day has ~20.
# A researcher following a fourth, busier topic gets there: its profile is added to the
# examples (profile text only: backends, model and settings stay the defaults).
FOURTH_PROFILE = {
    "name": "llm-agents",
    "description": (
        "Large language model agents that plan, call tools and act over many steps in "
        "software, web or computer-use environments; agent benchmarks, multi-agent "
        "collaboration, and memory or self-reflection for LLM agents."
    ),
    "keywords": ["LLM agent", "LLM agents"],
    "threshold": 0.55,
}


def bench_profiles() -> list[dict[str, Any]]:
    """The shipped example profiles plus the fourth topic, as kb.toml tables."""
    from kb.relevance import example_profiles

    return [
        *(p.model_dump(exclude_none=True) for p in example_profiles()),
        FOURTH_PROFILE,
    ]


def pick_feed_files(rss_dir: Path, target: int) -> tuple[list[Path], int]:
    """Real feed files, oldest first, until ``target`` distinct announcements are covered."""
    from kb.feeds import parse_feed_files

    files = sorted(p for p in Path(rss_dir).glob("*_cs.*.xml"))
    chosen: list[Path] = []
    count = 0
    for path in files:
        chosen.append(path)
        count = len(parse_feed_files(chosen))
        if count >= target:
            break
    return chosen, count


def matched_ids(
    feed_files: Sequence[Path], settings: Settings, limit: int
) -> tuple[list[str], int]:
    """The ids the daily run will pick (best score first, at most ``limit``) and all matches."""
    from kb.feeds import parse_feed_files
    from kb.relevance import effective_profiles, score_papers

    papers = parse_feed_files(list(feed_files))
    best: dict[str, float] = {}
    for decision in score_papers(papers, effective_profiles(settings), settings):
        if decision.matched:
            best[decision.arxiv_id] = max(best.get(decision.arxiv_id, -1e9), decision.score)
    ranked = sorted(best, key=lambda pid: -best[pid])
    return ranked[:limit], len(ranked)


def stage_pdfs(ids: Sequence[str], sources: Sequence[Path], folder: Path) -> int:
    """Copy one real PDF under each id (cycling when there are fewer); distinct files used."""
    pdfs = sorted({p.resolve() for src in sources for p in Path(src).glob("*.pdf")})
    if not pdfs:
        return 0
    folder.mkdir(parents=True, exist_ok=True)
    for i, arxiv_id in enumerate(ids):
        shutil.copyfile(pdfs[i % len(pdfs)], folder / f"{arxiv_id}.pdf")
    return min(len(ids), len(pdfs))


def bench_daily(data_dir: Path, target: int = 1000, matched: int = 20) -> dict[str, Any] | None:
    """Run ``kb daily`` on a built day; None when the real feeds are absent."""
    rss_dir = Path(data_dir) / "feeds" / "rss"
    if not rss_dir.is_dir():
        return None
    feed_files, announced = pick_feed_files(rss_dir, target)
    with tempfile.TemporaryDirectory(prefix="kb-bench-daily-") as tmp:
        tmp_path = Path(tmp)
        env = {
            **os.environ,
            "KB_HOME": str(tmp_path / "home"),
            "KB_REPORT__MAX_PAPERS": str(matched),
            "KB_FEEDS__CATEGORIES": json.dumps(CATEGORIES),
            # the child imports this very kb package, wherever it runs from
            "PYTHONPATH": os.pathsep.join(
                [str(Path(kb.__file__).resolve().parent.parent), os.environ.get("PYTHONPATH", "")]
            ),
        }
        # the defaults, not a local kb.toml: only the profiles are the benchmark's own
        profiles = bench_profiles()
        config = tmp_path / "kb.toml"
        config.write_text(tomlkit.dumps({"profiles": profiles}), encoding="utf-8")
        env["KB_CONFIG"] = str(config)
        settings = Settings(
            home=tmp_path / "probe", feeds={"categories": CATEGORIES}, profiles=profiles
        )
        start = time.perf_counter()
        ids, all_matches = matched_ids(feed_files, settings, matched)
        probe_s = time.perf_counter() - start
        pdf_dir = tmp_path / "pdfs"
        distinct = stage_pdfs(ids, [data_dir / "pdfs", data_dir / "pdfs-extra"], pdf_dir)
        cmd = [sys.executable, "-c", "from kb.cli import main; main()", "daily", "--json"]
        cmd += ["--pdf-dir", str(pdf_dir)]
        for path in feed_files:
            cmd += ["--feed-file", str(path)]
        start = time.perf_counter()
        done = subprocess.run(
            cmd, env=env, capture_output=True, text=True, cwd=tmp_path, check=False
        )
        total_s = time.perf_counter() - start
        if done.returncode not in (0, 1):
            raise RuntimeError(f"kb daily failed ({done.returncode}): {done.stderr[-2000:]}")
        result = json.loads(done.stdout)
    timings = result.get("timings_s", {})
    in_run = sum(v for k, v in timings.items() if "." not in k)
    return {
        "total_s": round(total_s, 2),
        "stages_s": timings,
        "startup_and_model_load_s": round(total_s - in_run, 2),
        "announced": result.get("counts", {}).get("announced", announced),
        "matched": result.get("counts", {}).get("matched", 0),
        "matches_before_cap": all_matches,
        "pdfs_distinct": distinct,
        "feed_files": [p.name for p in feed_files],
        "failures": len(result.get("failures", [])),
        "probe_scoring_s": round(probe_s, 2),
        "profiles": [p["name"] for p in profiles],
    }

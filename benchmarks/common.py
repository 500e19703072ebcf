"""Shared helpers of the benchmarks: machine facts, percentiles, memory, PDF discovery."""

from __future__ import annotations

import os
import platform
import resource
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from kb.ids import filename_to_id


def machine() -> dict[str, Any]:
    """Cores, load average and Python: the contention behind every figure of a run."""
    import torch

    load = os.getloadavg()
    return {
        "cores": os.cpu_count(),
        "torch_threads": torch.get_num_threads(),
        "loadavg_1_5_15": [round(x, 2) for x in load],
        "python": platform.python_version(),
    }


def percentiles_ms(samples: Sequence[float]) -> tuple[float, float]:
    """p50 and p95 of samples in milliseconds, rounded."""
    if not samples:
        return 0.0, 0.0
    return (
        round(float(np.percentile(samples, 50)), 3),
        round(float(np.percentile(samples, 95)), 3),
    )


def peak_rss_mb() -> float:
    """Peak resident memory of this process, MB."""
    return round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1)


def current_rss_mb() -> float:
    """Resident memory now, MB (Linux /proc; 0 elsewhere)."""
    try:
        with open("/proc/self/statm", encoding="ascii") as handle:
            pages = int(handle.read().split()[1])
    except (OSError, ValueError, IndexError):
        return 0.0
    return round(pages * os.sysconf("SC_PAGE_SIZE") / 2**20, 1)


def find_pdfs(folders: Sequence[Path]) -> list[Path]:
    """PDFs of the folders whose name starts with an arXiv id, one per id, sorted by name."""
    seen: dict[str, Path] = {}
    for folder in folders:
        for path in sorted(Path(folder).glob("*.pdf")):
            parsed = filename_to_id(path.name)
            if parsed and parsed[0] not in seen:
                seen[parsed[0]] = path
    return sorted(seen.values(), key=lambda p: p.name)


def pdf_id(path: Path) -> str:
    """The bare arXiv id a PDF file name carries ('' when none)."""
    parsed = filename_to_id(Path(path).name)
    return parsed[0] if parsed else ""

"""Generated PDFs: paper-like pages of text, for runs without the real data or larger sets."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from kb import typeset

WORDS = [
    "model",
    "training",
    "data",
    "attention",
    "layer",
    "retrieval",
    "embedding",
    "benchmark",
    "accuracy",
    "loss",
    "graph",
    "policy",
    "robot",
    "vision",
    "language",
    "token",
    "encoder",
    "decoder",
    "transformer",
    "dataset",
    "evaluation",
    "baseline",
    "ablation",
    "gradient",
    "optimizer",
    "inference",
    "latency",
    "memory",
    "scaling",
    "sparse",
    "dense",
    "convolution",
    "diffusion",
    "agent",
    "reward",
    "planning",
    "forecasting",
    "temporal",
    "spatial",
    "feature",
]


def _paragraph(rng: np.random.Generator, sentences: int) -> str:
    out = []
    for _ in range(sentences):
        words = rng.choice(WORDS, size=int(rng.integers(8, 22)))
        out.append(" ".join(words).capitalize() + ".")
    return " ".join(out)


def write_pdfs(folder: Path, count: int, pages: int = 8, seed: int = 0) -> list[Path]:
    """``count`` PDFs named ``9901.0000N.pdf`` with about ``pages`` pages of prose each, typeset
    by ``kb.typeset`` like the demo's papers and the tests' PDFs."""
    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        parts: list[tuple[str, str]] = []
        for page_no in range(pages):
            parts.append(("page", f"{page_no + 1} Section"))
            parts += [("body", _paragraph(rng, 5)) for _ in range(4)]
        path = folder / f"9901.{n:05d}.pdf"
        path.write_bytes(typeset.pages_of_text(parts))
        paths.append(path)
    return paths

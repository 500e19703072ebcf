"""Generated PDFs: paper-like pages of text, for runs without the real data or larger sets."""

from __future__ import annotations

from pathlib import Path

import numpy as np

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
    """``count`` PDFs named ``9901.0000N.pdf`` with ``pages`` pages of prose each."""
    import pymupdf

    rng = np.random.default_rng(seed)
    folder.mkdir(parents=True, exist_ok=True)
    paths = []
    for n in range(count):
        doc = pymupdf.open()
        for page_no in range(pages):
            page = doc.new_page()
            text = f"{page_no + 1} Section\n\n" + "\n\n".join(_paragraph(rng, 5) for _ in range(4))
            page.insert_textbox(pymupdf.Rect(60, 60, 540, 780), text, fontsize=9)
        path = folder / f"9901.{n:05d}.pdf"
        doc.save(path)
        doc.close()
        paths.append(path)
    return paths

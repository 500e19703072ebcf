"""Relevance on every labelled set, with default settings, before and after replayed ratings.

Each set is a profiles file (only ``[[profiles]]``: name, description, keywords) and exhaustive
labels over real announcements (tests/data/relevance/*.md say how they were made). The papers
come from ../shared/data/metadata. Prints per-profile and micro F1 of keyword-only,
semantic-only and combined decisions, and combined F1 after 10 and 20 ratings per profile
(the first labels of the file, as ``kb eval relevance --feedback N`` replays them; and the
best-scored matches, as a user rating their digest would, ``--feedback-from digest``: on all
labels, the rated ones decided as rated), plus the time to score each set.
"""

from __future__ import annotations

import json
import time
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kb.config import load_settings
from kb.metadata import read_papers
from kb.relevance.service import evaluate_labels

DATA = Path(__file__).resolve().parent.parent / "tests" / "data"


@dataclass(frozen=True)
class LabelSet:
    """One labelled set: what it is called, its files, the metadata holding its papers."""

    name: str
    role: str
    profiles: Path
    labels: Path
    metadata: tuple[str, ...]


def label_sets(shared: Path) -> list[LabelSet]:
    """The project's labelled sets, in the order they were written."""
    rel, meta = DATA / "relevance", shared / "metadata"
    early = tuple(str(meta / f"2025-12-0{d}.jsonl") for d in "2345")
    later = tuple(str(meta / f"2025-12-{d}.jsonl") for d in ("08", "10", "11", "12"))
    big = (str(meta / "arxiv_daily_listing_all_74k.jsonl.gz"),)
    return [
        LabelSet("calibration", "tuned on", rel / "profiles_calibration.toml",
                 rel / "labels_calibration.jsonl", early),
        LabelSet("report", "held out, then tuned on", rel / "profiles_report.toml",
                 rel / "labels_report.jsonl", early),
        LabelSet("holdout", "held out, then tuned on", rel / "profiles_holdout.toml",
                 rel / "labels_holdout.jsonl", later),
        LabelSet("final", "held out, then tuned on", rel / "profiles_final.toml",
                 rel / "labels_final.jsonl", big),
        LabelSet("final2", "held out, then tuned on", rel / "profiles_final2.toml",
                 rel / "labels_final2.jsonl", big),
        LabelSet("final3", "held out, reported once, then tuned on", rel / "profiles_final3.toml",
                 rel / "labels_final3.jsonl", big),
        # final4 onwards, each described in tests/data/relevance/FINAL<n>_LABELS.md
        *(LabelSet(f"final{n}", "held out, reported once", rel / f"profiles_final{n}.toml",
                   rel / f"labels_final{n}.jsonl", big) for n in range(4, 51)),
        LabelSet("example (old)", "tuned on; pooled labels", DATA.parent.parent / "kb" /
                 "kb.example.toml", DATA / "relevance_labels.jsonl", early),
    ]  # fmt: skip


def evaluate_set(label_set: LabelSet, home: Path, ratings: tuple[int, ...]) -> dict[str, Any]:
    """Figures of one set: default settings, then after each number of replayed ratings."""
    profiles = tomllib.loads(label_set.profiles.read_text(encoding="utf-8"))["profiles"]
    settings = load_settings(home=home, profiles=profiles)
    labels = [json.loads(line) for line in label_set.labels.read_text().splitlines() if line]
    wanted = {lab["arxiv_id"] for lab in labels}
    papers = read_papers([Path(p) for p in label_set.metadata], wanted)
    start = time.perf_counter()
    out = {"set": label_set.name, "role": label_set.role, "papers": len(papers),
           "default": evaluate_labels(settings, papers, labels)}  # fmt: skip
    out["score_s"] = round(time.perf_counter() - start, 1)
    for n in ratings:
        out[f"after_{n}"] = evaluate_labels(settings, papers, labels, feedback=n)
        out[f"digest_{n}"] = evaluate_labels(settings, papers, labels, n, "digest")
    return out


def markdown(results: list[dict[str, Any]], ratings: tuple[int, ...]) -> str:
    """One table row per profile and one micro row per set."""
    head = ["set", "profile", "positives", "keyword-only", "semantic-only", "combined"]
    head += [f"after {n} ratings" for n in ratings]
    head += [f"after rating {n} of the digest" for n in ratings]
    lines = ["| " + " | ".join(head) + " |", "|" + "---|" * len(head)]
    for result in results:
        default = result["default"]
        names = [k for k in default if not k.startswith("_")] + ["_micro"]
        for name in names:
            row = default[name]
            cells = [result["set"], "**micro**" if name == "_micro" else name,
                     str(sum(default[k]["positives"] for k in default if not k.startswith("_"))
                         if name == "_micro" else row["positives"])]  # fmt: skip
            cells += [f"{row[m]['f1']:.2f}" for m in ("keyword_only", "semantic_only", "combined")]
            cells += [f"{result[f'after_{n}'][name]['combined']['f1']:.2f}" for n in ratings]
            cells += [f"{result[f'digest_{n}'][name]['combined']['f1']:.2f}" for n in ratings]
            lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)

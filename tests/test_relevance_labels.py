"""The labelled relevance sets are what their notes say: exhaustive over their papers, one
judgement per (paper, profile), profiles as in their frozen file, held-out sets disjoint."""

from __future__ import annotations

import json
import tomllib
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "relevance"
SETS = sorted(p.stem.removeprefix("labels_") for p in DATA.glob("labels_*.jsonl"))
LATER = [name for name in SETS if name.startswith("final")]


def _labels(name: str) -> list[dict]:
    lines = (DATA / f"labels_{name}.jsonl").read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


@pytest.mark.parametrize("name", SETS)
def test_a_label_set_is_exhaustive_and_matches_its_profiles(name: str) -> None:
    labels = _labels(name)
    profiles = tomllib.loads((DATA / f"profiles_{name}.toml").read_text(encoding="utf-8"))
    names = {p["name"] for p in profiles["profiles"]}
    assert all("threshold" not in p for p in profiles["profiles"]), "defaults only"
    assert {lab["profile"] for lab in labels} == names
    pairs = [(lab["arxiv_id"], lab["profile"]) for lab in labels]
    assert len(pairs) == len(set(pairs)), "one judgement per paper and profile"
    assert all(isinstance(lab["relevant"], bool) for lab in labels)
    papers = {lab["arxiv_id"] for lab in labels}
    assert len(pairs) == len(papers) * len(names), "every paper judged for every profile"
    ids_file = DATA / f"{name}_ids.txt"
    if ids_file.exists():
        assert ids_file.read_text().split() == list(dict.fromkeys(a for a, _ in pairs))
    for profile in names:
        assert any(lab["relevant"] for lab in labels if lab["profile"] == profile)


@pytest.mark.parametrize("name", LATER)
def test_a_later_set_shares_no_paper_with_any_other_set(name: str) -> None:
    mine = {lab["arxiv_id"] for lab in _labels(name)}
    for other in SETS:
        if other != name:
            assert not mine & {lab["arxiv_id"] for lab in _labels(other)}, other

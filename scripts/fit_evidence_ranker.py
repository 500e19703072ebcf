#!/usr/bin/env python3
"""Fit the in-paper rankers (evidence chunks, answer units) on QA sets, and measure them
leave-one-set-out.

The knowledge base (KB_HOME or --config) must hold the sets' papers: ingest their PDFs first,
for example with `kb eval qa SET.jsonl --pdf-dir DIR` (tests/data/QA_FINAL_SET.md names the
files qa_final needs). The answer ranker is fitted on the evidence `kb ask` retrieves
(`qa.evidence_ranker`). Logic in kb/evidence_fit.py.

Usage: scripts/fit_evidence_ranker.py [--sets FILE ...] [--out kb/data/evidence_ranker.json]
       [--answers-out kb/data/answer_ranker.json] [--loso] [--json]
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

# The sets the shipped weights are fitted on; later sets are kept for reporting.
TRAINING_SETS = ("qa", "qa_report", "qa_final", *(f"qa_final{i}" for i in range(2, 11)))


def main() -> int:
    """Collect examples, report leave-one-set-out recall, write the weights."""
    from kb.config import load_settings
    from kb.evidence_fit import (
        CHUNK_RECALL_AT,
        UNIT_FEATURES,
        UNIT_RECALL_AT,
        collect,
        collect_answers,
        fit,
        leave_one_set_out,
        pooled,
        recall,
    )
    from kb.evidence_rank import FEATURES
    from kb.qa import Asker
    from kb.search import Searcher

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--config", help="kb.toml to use (default: as kb finds it).")
    parser.add_argument(
        "--sets", nargs="*", type=Path,
        default=[ROOT / "tests" / "data" / f"{name}.jsonl" for name in TRAINING_SETS],
        help="QA sets (JSONL) to fit on (default: the training sets in tests/data).",
    )  # fmt: skip
    parser.add_argument("--out", type=Path, help="Write the chunk ranker's weights here.")
    parser.add_argument("--answers-out", type=Path, help="Write the answer ranker's weights here.")
    parser.add_argument("--loso", action="store_true", help="Also fit leaving each set out.")
    parser.add_argument("--json", action="store_true", help="Print JSON instead of tables.")
    args = parser.parse_args()
    settings = load_settings(args.config)
    searcher = Searcher(settings)
    say = lambda line: print(line, file=sys.stderr)  # noqa: E731
    result: dict = {}
    try:
        stages = [
            ("chunks", collect(searcher, args.sets, say), FEATURES, CHUNK_RECALL_AT, args.out),
            ("answers", collect_answers(Asker(settings, searcher), args.sets, say),
             UNIT_FEATURES, UNIT_RECALL_AT, args.answers_out),
        ]  # fmt: skip
    except (ValueError, FileNotFoundError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    for name, examples, features, at, out in stages:
        ranker = fit(examples, features)
        part: dict = {"n": len(examples), "fused": recall(examples, None, at)}
        part["ranker_in_sample"] = recall(examples, ranker, at)
        if args.loso:
            part["leave_one_set_out"] = per_set = leave_one_set_out(examples, features, at)
            part["loso_pooled"] = pooled(per_set)
        if out:
            ranker.save(out)
        result[name] = part
    if args.json:
        print(json.dumps(result, indent=1))
    else:
        print("\n\n".join(_table(name, part) for name, part in result.items()))
    return 0


def _table(name: str, result: dict) -> str:
    """Markdown rows: recall@k before (fusion, or the hand-made answer score) and ranked, per
    held-out set."""
    at = "/".join(str(k) for k in result["fused"])
    lines = [f"{name}: {result['n']} answerable questions; before {result['fused']}; "
             f"ranker (in sample) {result['ranker_in_sample']}"]  # fmt: skip
    if "leave_one_set_out" in result:
        lines += ["", f"| held-out set | n | before @{at} | ranker @{at} |", "|---|---|---|---|"]
        pooled_row = {"n": result["n"], **result["loso_pooled"]}
        rows = {**result["leave_one_set_out"], "pooled": pooled_row}
        for set_name, row in rows.items():
            cells = ["/".join(f"{v:.2f}" for v in row[m].values()) for m in ("fused", "ranker")]
            lines.append(f"| {set_name} | {row['n']} | {cells[0]} | {cells[1]} |")
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main())

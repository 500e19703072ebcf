"""Evaluation of retrieval and answers on a QA set: evidence recall@k, token F1, declines."""

from __future__ import annotations

import json
import re
import string
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from kb.errors import ConfigError


@dataclass
class QAItem:
    """One question with its gold answers and verbatim evidence (page, text)."""

    arxiv_id: str
    question: str
    answers: list[str] = field(default_factory=list)
    evidence: list[dict] = field(default_factory=list)
    answerable: bool = True
    type: str = ""


def load_qa_set(path: Path) -> list[QAItem]:
    """Read ``{arxiv_id, question, answers, evidence}`` lines; errors name the line."""
    items = []
    for number, line in enumerate(Path(path).read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            raw = json.loads(line)
            evidence = [e if isinstance(e, dict) else {"text": str(e)} for e in raw["evidence"]]
            items.append(QAItem(
                arxiv_id=str(raw["arxiv_id"]), question=str(raw["question"]),
                answers=list(raw.get("answers") or []), evidence=evidence,
                answerable=bool(raw.get("answerable", bool(raw.get("answers")))),
                type=str(raw.get("type", "")),
            ))  # fmt: skip
        except (ValueError, KeyError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: not a QA line ({exc})") from exc
    return items


def normalize_text(text: str) -> str:
    """NFKC, lowercase, hyphenated breaks joined, punctuation dropped, spaces collapsed."""
    text = unicodedata.normalize("NFKC", text or "").lower()
    text = re.sub(r"(\w)-\s+(\w)", r"\1\2", text)
    text = "".join(" " if ch in string.punctuation or ch in "“”‘’–—" else ch for ch in text)
    return " ".join(text.split())


def evidence_hit(
    evidence: Sequence[str], retrieved: Sequence[str], min_overlap: float = 0.5
) -> bool:
    """A gold passage overlaps a retrieved chunk: contained in it after normalisation, or at
    least ``min_overlap`` of its tokens (a bag, counts respected) appear in that chunk."""
    for gold in evidence:
        gold_n = normalize_text(gold)
        tokens = Counter(gold_n.split())
        if not tokens:
            continue
        for chunk in retrieved:
            chunk_n = normalize_text(chunk)
            if gold_n in chunk_n:
                return True
            shared = sum((tokens & Counter(chunk_n.split())).values())
            if shared / sum(tokens.values()) >= min_overlap:
                return True
    return False


def token_f1(prediction: str, answers: Sequence[str]) -> float:
    """SQuAD-style token F1 of a prediction against the best-matching gold answer."""
    pred = normalize_text(prediction).split()
    best = 0.0
    for answer in answers:
        gold = normalize_text(answer).split()
        common = sum((Counter(pred) & Counter(gold)).values())
        if not common:
            continue
        precision, recall = common / len(pred), common / len(gold)
        best = max(best, 2 * precision * recall / (precision + recall))
    return best


def answer_recall(prediction: str, answers: Sequence[str]) -> float:
    """1 when a gold answer appears in the prediction (after normalisation), else 0."""
    pred = normalize_text(prediction)
    return float(any(normalize_text(a) and normalize_text(a) in pred for a in answers))


def evaluate_qa(
    items: Sequence[QAItem],
    retrieve: Callable[[QAItem, int], list[str]],
    answer: Callable[[QAItem], tuple[str, bool]],
    ks: Sequence[int] = (1, 5, 10),
) -> dict[str, float]:
    """Evidence recall@k, answer token F1 and containment, and decline rates."""
    answerable = [i for i in items if i.answerable and i.evidence]
    unanswerable = [i for i in items if not i.answerable]
    figures: dict[str, float] = {"n": len(items), "answerable": len(answerable)}
    top = max(ks)
    retrieved = {id(i): retrieve(i, top) for i in answerable}
    for k in ks:
        hits = [
            evidence_hit([e["text"] for e in i.evidence], retrieved[id(i)][:k]) for i in answerable
        ]
        figures[f"evidence_recall@{k}"] = round(sum(hits) / max(1, len(hits)), 4)
    f1s, contains, false_declines = [], [], 0
    for item in answerable:
        text, found = answer(item)
        false_declines += not found
        f1s.append(token_f1(text, item.answers))
        contains.append(answer_recall(text, item.answers))
    declined = sum(not answer(i)[1] for i in unanswerable)
    figures["answer_token_f1"] = round(sum(f1s) / max(1, len(f1s)), 4)
    figures["answer_contains_gold"] = round(sum(contains) / max(1, len(contains)), 4)
    figures["false_decline_rate"] = round(false_declines / max(1, len(answerable)), 4)
    figures["unanswerable"] = len(unanswerable)
    figures["decline_rate_unanswerable"] = round(declined / max(1, len(unanswerable)), 4)
    return figures

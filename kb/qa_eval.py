"""The gold QA set and its metrics: evidence recall@k, answer token F1, decline rates.

Matching rules (shared by the set's verification test and the metrics):

- ``normalize_text``: NFKC (ligatures such as "ﬁ" become "fi"), lowercase, soft hyphens
  dropped, a hyphen between two word characters removed together with any whitespace after
  it (so "repre- sentation", "self-\\nreported" and "self-reported" all become one word),
  thousands commas dropped ("9,280" -> "9280"), decimal points kept ("0.43"), every other
  punctuation or symbol character (Unicode categories P* and S*) turned into a space, and
  whitespace collapsed.
- ``evidence_hit``: a gold passage is found in a retrieved chunk when its normalised text is a
  substring of the chunk's, or when at least ``min_overlap`` of its tokens match the chunk in
  order, inside runs of at least ``MIN_RUN`` consecutive tokens. The runs make the rule
  "contiguous-ish": a passage cut in half by a chunk boundary still counts for the chunk that
  holds most of it, while common words scattered over a long chunk do not.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from kb.errors import ConfigError
from kb.ids import is_arxiv_id

QA_TYPES = frozenset(
    {"contribution", "dataset", "number", "method", "table", "late_page", "unanswerable",
     "late-page", "definition", "comparison", "limitation"}
)  # fmt: skip
MIN_RUN = 3
RECALL_KS = (1, 5, 10)

_SOFT_HYPHEN = "\u00ad"
_WORD_HYPHEN = re.compile(r"(?<=\w)[-\u2010\u2011]\s*(?=\w)")
_THOUSANDS = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_DECIMAL = re.compile(r"(?<=\d)\.(?=\d)")
_DECIMAL_MARK = "\x00"  # protects decimal points from the punctuation pass
_ARTICLES = frozenset({"a", "an", "the"})


@dataclass(frozen=True)
class Evidence:
    """A verbatim passage (1-3 sentences) and the 1-based page it is on."""

    page: int
    text: str


@dataclass(frozen=True)
class QAItem:
    """One gold question about one paper."""

    arxiv_id: str
    question: str
    answers: tuple[str, ...]
    evidence: tuple[Evidence, ...]
    answerable: bool
    type: str
    line: int = 0

    @property
    def evidence_texts(self) -> list[str]:
        """The evidence passages' text, in file order."""
        return [e.text for e in self.evidence]


def load_qa_set(path: Path | str) -> list[QAItem]:
    """Read and validate a QA set (one JSON object per line; blank lines skipped).

    Args:
        path: the ``.jsonl`` file.

    Returns:
        The items in file order.

    Raises:
        ConfigError: naming the file and line of the first malformed or inconsistent item.
    """
    path = Path(path)
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            items.append(_parse_item(json.loads(line), number))
        except (ValueError, TypeError) as exc:
            raise ConfigError(f"{path}:{number}: bad QA item: {exc}") from exc
    return items


def _parse_item(raw: Any, line: int) -> QAItem:
    """One validated QAItem from a decoded JSON line (ValueError/TypeError when invalid)."""
    if not isinstance(raw, dict):
        raise TypeError("expected a JSON object")
    missing = {"arxiv_id", "question", "answers", "evidence", "answerable", "type"} - set(raw)
    if missing:
        raise ValueError(f"missing field(s): {', '.join(sorted(missing))}")
    arxiv_id, question = raw["arxiv_id"], raw["question"]
    if not isinstance(arxiv_id, str) or not is_arxiv_id(arxiv_id):
        raise ValueError(f"arxiv_id is not an arXiv id: {arxiv_id!r}")
    if not isinstance(question, str) or not question.strip():
        raise ValueError("question must be a non-empty string")
    answers = raw["answers"]
    if not isinstance(answers, list) or not all(isinstance(a, str) and a.strip() for a in answers):
        raise ValueError("answers must be a list of non-empty strings")
    evidence = tuple(_parse_evidence(e) for e in _as_list(raw["evidence"], "evidence"))
    answerable, kind = raw["answerable"], raw["type"]
    if not isinstance(answerable, bool):
        raise TypeError("answerable must be true or false")
    if kind not in QA_TYPES:
        raise ValueError(f"type {kind!r} is not one of {', '.join(sorted(QA_TYPES))}")
    if answerable and (not answers or not evidence or kind == "unanswerable"):
        raise ValueError("an answerable item needs answers, evidence and a non-'unanswerable' type")
    if not answerable and (answers or evidence or kind != "unanswerable"):
        raise ValueError("an unanswerable item has no answers, no evidence, type 'unanswerable'")
    return QAItem(arxiv_id, question.strip(), tuple(answers), evidence, answerable, kind, line)


def _as_list(value: Any, name: str) -> list[Any]:
    """``value`` when it is a list, else TypeError naming the field."""
    if not isinstance(value, list):
        raise TypeError(f"{name} must be a list")
    return value


def _parse_evidence(raw: Any) -> Evidence:
    """One ``{page, text}`` evidence entry."""
    if not isinstance(raw, dict) or set(raw) != {"page", "text"}:
        raise ValueError("evidence entries are objects with exactly 'page' and 'text'")
    page, text = raw["page"], raw["text"]
    if not isinstance(page, int) or isinstance(page, bool) or page < 1:
        raise ValueError(f"evidence page must be an integer >= 1, got {page!r}")
    if not isinstance(text, str) or not normalize_text(text):
        raise ValueError("evidence text must contain words")
    return Evidence(page, text)


def normalize_text(text: str) -> str:
    """Text reduced for matching (see the module docstring for the exact rules).

    Args:
        text: any text, e.g. a PDF page as PyMuPDF extracts it.

    Returns:
        Lowercase words separated by single spaces.
    """
    text = unicodedata.normalize("NFKC", text or "").replace(_SOFT_HYPHEN, "").lower()
    text = _WORD_HYPHEN.sub("", text)
    text = _THOUSANDS.sub("", text)
    text = _DECIMAL.sub(_DECIMAL_MARK, text)
    text = "".join(" " if unicodedata.category(ch)[0] in "PS" else ch for ch in text)
    return " ".join(text.replace(_DECIMAL_MARK, ".").split())


def evidence_hit(
    evidence_texts: Sequence[str], retrieved_texts: Sequence[str], min_overlap: float = 0.5
) -> bool:
    """Whether any gold passage overlaps any retrieved chunk.

    Args:
        evidence_texts: the gold passages of one question (any one is enough).
        retrieved_texts: the retrieved chunks' text.
        min_overlap: fraction of a passage's tokens that must match one chunk in order,
            in runs of at least ``MIN_RUN`` tokens, when the passage is not wholly inside it.

    Returns:
        True when one passage is a substring of, or overlaps enough with, one chunk.
    """
    golds = [g for g in (normalize_text(t) for t in evidence_texts) if g]
    chunks = [normalize_text(t) for t in retrieved_texts]
    for gold in golds:
        gold_tokens = gold.split()
        for chunk in chunks:
            if f" {gold} " in f" {chunk} ":
                return True
            if _ordered_overlap(gold_tokens, chunk.split()) >= min_overlap:
                return True
    return False


def _ordered_overlap(gold: list[str], chunk: list[str]) -> float:
    """Fraction of ``gold`` tokens matched in order in ``chunk`` by runs of >= MIN_RUN tokens."""
    if not gold or not chunk:
        return 0.0
    run = min(MIN_RUN, len(gold))
    blocks = SequenceMatcher(None, gold, chunk, autojunk=False).get_matching_blocks()
    return sum(b.size for b in blocks if b.size >= run) / len(gold)


def evidence_recall_at_k(
    items: Sequence[QAItem], retrieve: Callable[[QAItem, int], list[str]], k: int
) -> float:
    """Share of answerable items whose gold evidence is hit by one of the top ``k`` chunks.

    Args:
        items: QA items; unanswerable ones are skipped.
        retrieve: ``(item, k) -> chunk texts``, best first.
        k: how many chunks count.

    Returns:
        Recall in [0, 1]; 0.0 when no item is answerable.
    """
    answerable = [i for i in items if i.answerable]
    return _recall([(i, retrieve(i, k)) for i in answerable], k)


def _recall(retrieved: Sequence[tuple[QAItem, list[str]]], k: int) -> float:
    """Evidence recall@k over precomputed ``(item, chunks)`` pairs."""
    if not retrieved:
        return 0.0
    hits = sum(evidence_hit(item.evidence_texts, chunks[:k]) for item, chunks in retrieved)
    return hits / len(retrieved)


def _answer_tokens(text: str) -> list[str]:
    """SQuAD-style answer tokens: normalised words without articles."""
    return [t for t in normalize_text(text).split() if t not in _ARTICLES]


def token_f1(prediction: str, answers: Sequence[str]) -> float:
    """SQuAD-style token F1 of ``prediction`` against its best-matching gold answer.

    Args:
        prediction: the system's answer text.
        answers: alternative gold answers.

    Returns:
        The maximum F1 over ``answers``; with no gold answers, 1.0 for an empty prediction
        and 0.0 otherwise (the SQuAD 2.0 convention).
    """
    pred = _answer_tokens(prediction)
    if not answers:
        return float(not pred)
    best = 0.0
    for answer in answers:
        gold = _answer_tokens(answer)
        if not gold or not pred:
            best = max(best, float(gold == pred))
            continue
        common = sum((Counter(pred) & Counter(gold)).values())
        if common:
            precision, recall = common / len(pred), common / len(gold)
            best = max(best, 2 * precision * recall / (precision + recall))
    return best


def answer_contains_gold(prediction: str, answers: Sequence[str]) -> bool:
    """Whether a whole gold answer appears, word-aligned, in the normalised prediction."""
    pred = f" {normalize_text(prediction)} "
    return any(gold and f" {gold} " in pred for gold in (normalize_text(a) for a in answers))


def evaluate_qa(
    items: Sequence[QAItem],
    retrieve: Callable[[QAItem, int], list[str]],
    answer: Callable[[QAItem], tuple[str, bool]],
    k: int = 5,
) -> dict[str, float]:
    """Retrieval and answer metrics over a QA set.

    Args:
        items: the QA set.
        retrieve: ``(item, k) -> chunk texts``, best first; called once per answerable item.
        answer: ``item -> (answer text, found)``; called once per item.
        k: an extra recall cut-off reported next to @1, @5 and @10.

    Returns:
        ``n``, ``answerable``, ``unanswerable``, ``evidence_recall@K`` for K in 1, 5, 10 and
        ``k``, ``answer_token_f1`` and ``answer_contains_gold`` (answerable items),
        ``false_decline_rate`` (answerable items answered with found == False) and
        ``decline_rate`` (unanswerable items answered with found == False).
    """
    answerable = [i for i in items if i.answerable]
    unanswerable = [i for i in items if not i.answerable]
    ks = sorted({*RECALL_KS, k})
    retrieved = [(item, retrieve(item, max(ks))) for item in answerable]
    figures: dict[str, float] = {
        "n": len(items),
        "answerable": len(answerable),
        "unanswerable": len(unanswerable),
    }
    for cut in ks:
        figures[f"evidence_recall@{cut}"] = round(_recall(retrieved, cut), 4)
    f1s, contains, false_declines = [], [], 0
    for item in answerable:
        text, found = answer(item)
        false_declines += not found
        f1s.append(token_f1(text, item.answers))
        contains.append(answer_contains_gold(text, item.answers))
    declines = sum(not answer(item)[1] for item in unanswerable)
    figures["answer_token_f1"] = round(_mean(f1s), 4)
    figures["answer_contains_gold"] = round(_mean(contains), 4)
    figures["false_decline_rate"] = (
        round(false_declines / len(answerable), 4) if answerable else 0.0
    )
    figures["decline_rate"] = round(declines / len(unanswerable), 4) if unanswerable else 0.0
    return figures


def _mean(values: Sequence[float]) -> float:
    """Arithmetic mean; 0.0 for no values."""
    return sum(values) / len(values) if values else 0.0


class QAEvaluation:
    """``kb eval qa``: the knowledge base's search and answers measured on a QA set.

    Retrieval is ``Searcher.search(question, k, paper=id)`` (what ``kb search --paper``
    returns) and answers are ``Asker.ask(question, id)`` (what ``kb ask`` returns).
    """

    def __init__(self, settings: Any) -> None:
        from kb.qa import Asker
        from kb.search import Searcher

        self.searcher = Searcher(settings)
        self.asker = Asker(settings, self.searcher)
        self.rows: dict[int, dict[str, Any]] = {}

    def _row(self, item: QAItem) -> dict[str, Any]:
        return self.rows.setdefault(
            item.line,
            {"line": item.line, "arxiv_id": item.arxiv_id, "question": item.question,
             "answerable": item.answerable, "type": item.type},
        )  # fmt: skip

    def retrieve(self, item: QAItem, k: int) -> list[str]:
        """The top ``k`` chunk texts for the item's question, inside its paper."""
        from kb.search import SearchFilters

        texts = [
            h.text
            for h in self.searcher.search(item.question, k, SearchFilters(paper=item.arxiv_id))
        ]
        hit = next((i for i, t in enumerate(texts) if evidence_hit(item.evidence_texts, [t])), None)
        self._row(item)["first_hit_rank"] = None if hit is None else hit + 1
        return texts

    def answer(self, item: QAItem) -> tuple[str, bool]:
        """The answer text and whether it was found."""
        result = self.asker.ask(item.question, item.arxiv_id)
        row = self._row(item)
        row.update(answer=result.answer, found=result.found)
        if item.answerable:
            row["contains_gold"] = answer_contains_gold(result.answer, item.answers)
        return result.answer, result.found

    def run(self, items: Sequence[QAItem], k: int = 5) -> dict[str, float]:
        """The figures of :func:`evaluate_qa`; per-question rows kept in ``rows``."""
        return evaluate_qa(items, self.retrieve, self.answer, k)

    def write_details(self, path: Path) -> None:
        """One JSON line per question, in file order."""
        lines = [json.dumps(self.rows[key], ensure_ascii=False) for key in sorted(self.rows)]
        Path(path).write_text("\n".join(lines) + "\n", encoding="utf-8")

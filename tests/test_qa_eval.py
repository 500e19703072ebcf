"""The QA gold set is faithful to the PDFs, and the QA metrics compute what they claim."""

from __future__ import annotations

import json
import re
from collections import Counter
from pathlib import Path

import pymupdf
import pytest
from click.testing import CliRunner

from kb.cli import main
from kb.errors import ConfigError
from kb.qa_eval import (
    QAItem,
    answer_contains_gold,
    evaluate_qa,
    evidence_hit,
    evidence_recall_at_k,
    load_qa_set,
    normalize_text,
    token_f1,
)

QA = Path(__file__).parent / "data" / "qa.jsonl"
QA_REPORT = Path(__file__).parent / "data" / "qa_report.jsonl"
_WORD = re.compile(r"[a-z0-9]{3,}")
_STOP = {"the", "and", "for", "what", "which", "how", "many", "does", "did", "are", "with", "paper"}


@pytest.fixture(scope="module")
def qa_items() -> list[QAItem]:
    """The committed gold set."""
    return load_qa_set(QA)


@pytest.fixture(scope="module")
def page_texts(shared_data: Path) -> dict[str, list[str]]:
    """Raw PyMuPDF text of every page of the real PDFs, keyed by bare arXiv id."""
    texts = {}
    for path in sorted((shared_data / "pdfs").glob("*.pdf")):
        with pymupdf.open(path) as doc:
            texts[path.stem.split("v")[0]] = [page.get_text() for page in doc]
    return texts


QA_FINAL = Path(__file__).parent / "data" / "qa_final.jsonl"
FINAL_FILES = {  # the third set's ids and their PDFs in pdfs-extra (tests/data/QA_FINAL_SET.md)
    "pdf-extra/1304001": "RealTime_Temporal_Stereo_Matching_mineru.pdf",
    "pdf-extra/2311001": "papermage_emnlp2023demo.pdf",
    "pdf-extra/2302001": "paperqa_paper_MolecularPredictionExplanations.pdf",
    "2305.03393": "2305.03393v1-pg9_docling_single_page.pdf",
}


def _extra_texts(shared_data: Path, ids: set[str]) -> dict[str, list[str]]:
    """Page texts of the PDFs in pdfs-extra whose id is in ``ids``: the id is in the file name
    (``<id>_<title>.pdf``), or the file is one of FINAL_FILES."""
    from kb.ids import filename_to_id

    texts = {}
    for path in sorted((shared_data / "pdfs-extra").glob("*.pdf")):
        parsed = filename_to_id(path.name)
        named = next((i for i, n in FINAL_FILES.items() if n == path.name), None)
        arxiv_id = named or (parsed[0] if parsed else None)
        if arxiv_id in ids:
            with pymupdf.open(path) as doc:
                texts[arxiv_id] = [page.get_text() for page in doc]
    return texts


@pytest.fixture(scope="module")
def report_page_texts(shared_data: Path) -> dict[str, list[str]]:
    """Page texts of the reporting set's PDFs in pdfs-extra (named ``<id>_<title>.pdf``)."""
    return _extra_texts(shared_data, {item.arxiv_id for item in load_qa_set(QA_REPORT)})


def _misplaced(items: list[QAItem], page_texts: dict[str, list[str]]) -> list[tuple]:
    """Evidence passages not found (after normalisation) on their stated page."""
    missing = []
    for item in items:
        pages = page_texts[item.arxiv_id]
        for evidence in item.evidence:
            assert 1 <= evidence.page <= len(pages), (item.line, evidence.page)
            if normalize_text(evidence.text) not in normalize_text(pages[evidence.page - 1]):
                missing.append((item.line, item.arxiv_id, evidence.page, evidence.text[:60]))
    return missing


def _words(text: str) -> set[str]:
    """Content words of a text, for the toy ranker."""
    return set(_WORD.findall(normalize_text(text))) - _STOP


def _overlap_ranker(page_texts: dict[str, list[str]]):
    """A retriever over whole pages of the item's paper, ranked by shared question words."""
    page_words = {aid: [_words(p) for p in pages] for aid, pages in page_texts.items()}

    def retrieve(item: QAItem, k: int) -> list[str]:
        question = _words(item.question)
        scores = [len(question & words) for words in page_words[item.arxiv_id]]
        order = sorted(range(len(scores)), key=lambda i: (-scores[i], i))
        return [page_texts[item.arxiv_id][i] for i in order[:k]]

    return retrieve


# --- the gold set itself ------------------------------------------------------------------------


def test_every_evidence_passage_is_on_its_page(
    qa_items: list[QAItem], page_texts: dict[str, list[str]]
) -> None:
    assert set(page_texts) == {i.arxiv_id for i in qa_items}, "every PDF has questions, and back"
    missing = _misplaced(qa_items, page_texts)
    assert not missing, f"evidence not found on its stated page: {missing}"


RESERVED = {"1706.03762", "2010.11929", "1902.00751", "2303.16563", "2104.08860", "1911.02782"}


def test_every_reporting_evidence_passage_is_on_its_page(
    report_page_texts: dict[str, list[str]],
) -> None:
    items = load_qa_set(QA_REPORT)
    ids = {i.arxiv_id for i in items}
    assert set(report_page_texts) == ids, "every paper of the set has its PDF in pdfs-extra"
    assert not ids & RESERVED and not ids & {i.arxiv_id for i in load_qa_set(QA)}
    assert len(items) >= 60 and len(ids) >= 6
    missing = _misplaced(items, report_page_texts)
    assert not missing, f"evidence not found on its stated page: {missing}"


QA_FINAL2 = Path(__file__).parent / "data" / "qa_final2.jsonl"


@pytest.mark.parametrize("path", [QA_FINAL, QA_FINAL2], ids=["final", "final2"])
def test_every_final_set_evidence_passage_is_on_its_page(shared_data: Path, path: Path) -> None:
    items = load_qa_set(path)
    ids = {i.arxiv_id for i in items}
    assert not ids & RESERVED
    if path == QA_FINAL:
        assert ids == set(FINAL_FILES)
        assert not ids & {i.arxiv_id for i in [*load_qa_set(QA), *load_qa_set(QA_REPORT)]}
    else:  # new questions over the papers of the report and final sets
        asked = {i.question for i in [*load_qa_set(QA_REPORT), *load_qa_set(QA_FINAL)]}
        assert len(items) >= 50 and not asked & {i.question for i in items}
        assert sum(not i.answerable for i in items) >= 15
    texts = _extra_texts(shared_data, ids)
    assert set(texts) == ids, "every paper of the set has its PDF in pdfs-extra"
    _assert_faithful(items, texts)


def _assert_faithful(items: list[QAItem], texts: dict[str, list[str]]) -> None:
    """Every evidence passage is on its page, every gold answer is in its evidence, and an
    unanswerable question has neither."""
    missing = _misplaced(items, texts)
    assert not missing, f"evidence not found on its stated page: {missing}"
    for item in items:
        if item.answerable:
            joined = " ".join(normalize_text(e.text) for e in item.evidence)
            assert any(normalize_text(a) in joined for a in item.answers), item.line
        else:
            assert not item.evidence and not item.answers, item.line


LATER_FINALS = {
    f"final{n}": Path(__file__).parent / "data" / f"qa_final{n}.jsonl" for n in range(3, 19)
}


@pytest.mark.parametrize("path", list(LATER_FINALS.values()), ids=list(LATER_FINALS))
def test_the_later_final_sets_are_faithful_to_their_pdfs(
    shared_data: Path, page_texts: dict[str, list[str]], path: Path
) -> None:
    """New questions over PDFs of pdfs/ and pdfs-extra/, none reserved, none asked by an
    earlier set (tests/data/QA_FINAL3_SET.md ... QA_FINAL18_SET.md)."""
    items = load_qa_set(path)
    ids = {i.arxiv_id for i in items}
    assert not ids & RESERVED and len(items) >= 45 and len(ids) >= 6
    assert sum(not i.answerable for i in items) >= 15
    order = [QA, QA_REPORT, QA_FINAL, QA_FINAL2, *LATER_FINALS.values()]
    asked = {i.question for earlier in order[: order.index(path)] for i in load_qa_set(earlier)}
    assert not asked & {i.question for i in items}, "every question is new"
    texts = {**{i: t for i, t in page_texts.items() if i in ids}, **_extra_texts(shared_data, ids)}
    assert set(texts) == ids, "every paper of the set has its PDF in pdfs or pdfs-extra"
    _assert_faithful(items, texts)


def test_the_set_has_the_promised_mix(
    qa_items: list[QAItem], page_texts: dict[str, list[str]]
) -> None:
    types = Counter(item.type for item in qa_items)
    assert len(qa_items) >= 45
    assert types["unanswerable"] >= 6 and types["table"] >= 3 and types["late_page"] >= 3
    assert {"contribution", "dataset", "number", "method"} <= set(types)
    assert len({(i.arxiv_id, i.question) for i in qa_items}) == len(qa_items), "no duplicates"
    for item in qa_items:
        if item.type == "late_page":
            last_page = max(e.page for e in item.evidence)
            assert last_page > len(page_texts[item.arxiv_id]) / 2, item.question
        for evidence in item.evidence:
            assert len(evidence.text.split()) <= 90, "evidence is 1-3 sentences"


# --- normalisation ------------------------------------------------------------------------------


def test_normalize_text_joins_hyphenated_breaks_and_strips_punctuation() -> None:
    assert normalize_text("repre-\n  sentation") == "representation"
    assert normalize_text("self- reported") == normalize_text("self-reported") == "selfreported"
    assert normalize_text("ﬁnetuning  the\tMODEL.") == "finetuning the model"
    assert (
        normalize_text("9,280 summaries; rating 0.43 (σ= 1.51)")
        == "9280 summaries rating 0.43 σ 1.51"
    )
    assert normalize_text("“smart copiers” — $15/hour") == "smart copiers 15 hour"
    assert normalize_text("𝜎") == "σ", "math italic letters fold to plain ones (NFKC)"
    assert normalize_text("a - b") == "a b", "a spaced dash is a separator, not a word break"
    assert normalize_text("") == ""


# --- token F1 -----------------------------------------------------------------------------------


def test_token_f1_known_cases() -> None:
    # articles are dropped: both sides are [crawler, and, selector]
    assert token_f1("the Crawler and the Selector", ["Crawler and Selector"]) == 1.0
    # pred [crawler, selector, and, queue] vs gold [crawler, and, selector]: P 3/4, R 1
    assert token_f1("Crawler, Selector and a queue", ["the Crawler and the Selector"]) == (
        pytest.approx(2 * 0.75 * 1 / 1.75)
    )
    # vs "37.78": P 1/4, R 1 -> 0.4; vs [37.78, in, recall, 20]: P 3/4, R 3/4 -> 0.75; max wins
    assert token_f1("by 37.78% in recall", ["37.78", "37.78% in recall@20"]) == pytest.approx(0.75)
    assert token_f1("nothing shared", ["Crawler"]) == 0.0
    assert token_f1("", ["Crawler"]) == 0.0
    assert token_f1("", []) == 1.0 and token_f1("an answer", []) == 0.0


def test_answer_contains_gold_is_word_aligned() -> None:
    assert answer_contains_gold("PaSa-7b improves recall by 37.78%.", ["37.78%"])
    assert not answer_contains_gold("a rating of 10.43", ["0.43"])
    assert not answer_contains_gold("anything", [])


# --- evidence hits ------------------------------------------------------------------------------


GOLD = (
    "The Crawler iteratively processes each paper in the paper queue, navigating citation "
    "networks to discover increasingly relevant papers."
)


def test_evidence_hit_substring_after_normalisation() -> None:
    chunk = "... The Crawler iter-\natively processes each paper in the paper queue, navigating citation networks to discover increasingly relevant papers. The Selec- tor ..."
    assert evidence_hit([GOLD], ["an unrelated chunk", chunk])
    assert evidence_hit(["unrelated gold", GOLD], [chunk]), "any one passage is enough"
    assert not evidence_hit([GOLD], ["An unrelated chunk about summarising lawsuits."])
    assert not evidence_hit([GOLD], [])


def test_evidence_hit_partial_span_respects_min_overlap() -> None:
    # a chunk boundary cuts the passage: 11 of its 18 tokens are in this chunk, in one run
    chunk = "Prior text. The Crawler iteratively processes each paper in the paper queue, navigating citation"
    assert evidence_hit([GOLD], [chunk], min_overlap=0.5)
    assert not evidence_hit([GOLD], [chunk], min_overlap=0.8)


def test_evidence_hit_ignores_a_bag_of_scattered_words() -> None:
    words = normalize_text(GOLD).split()
    scrambled = " ".join(words[::2] + ["filler"] + words[1::2])
    assert set(words) <= set(scrambled.split())
    assert not evidence_hit([GOLD], [scrambled]), "all words present, but in no run of 3"


# --- recall@k and the whole evaluation ----------------------------------------------------------


def test_recall_at_k_with_a_word_overlap_ranker(
    qa_items: list[QAItem], page_texts: dict[str, list[str]]
) -> None:
    ranker = _overlap_ranker(page_texts)
    asked: list[int] = []

    def retrieve(item: QAItem, k: int) -> list[str]:
        asked.append(k)
        return ranker(item, k)

    recalls = [evidence_recall_at_k(qa_items, retrieve, k) for k in (1, 5, 10)]
    assert set(asked) == {1, 5, 10}
    assert len(asked) == 3 * sum(i.answerable for i in qa_items), "only answerable items"
    assert recalls[0] <= recalls[1] <= recalls[2]
    # worst pages first: the same words, ranked backwards, must do worse at the top
    backwards = evidence_recall_at_k(
        qa_items, lambda item, k: list(reversed(ranker(item, 10**6)))[:k], 1
    )
    assert recalls[0] > backwards
    assert recalls[1] >= 0.6, "shared question words point to the evidence page most times"

    def gold_pages(item: QAItem, k: int) -> list[str]:
        return [page_texts[item.arxiv_id][e.page - 1] for e in item.evidence][:k]

    def other_pages(item: QAItem, k: int) -> list[str]:
        gold = {e.page for e in item.evidence}
        pages = page_texts[item.arxiv_id]
        return [p for n, p in enumerate(pages, start=1) if n not in gold][:k]

    assert evidence_recall_at_k(qa_items, gold_pages, 1) == 1.0
    # a page that restates a gold passage is listed as evidence too, so no other page hits
    assert evidence_recall_at_k(qa_items, other_pages, 100) == 0.0


def test_evaluate_qa_figures(qa_items: list[QAItem], page_texts: dict[str, list[str]]) -> None:
    retrieve = _overlap_ranker(page_texts)
    n_ans = sum(i.answerable for i in qa_items)

    def oracle(item: QAItem) -> tuple[str, bool]:
        return (item.answers[0], True) if item.answerable else ("", False)

    figures = evaluate_qa(qa_items, retrieve, oracle, k=3)
    assert figures["n"] == len(qa_items) and figures["answerable"] == n_ans
    assert {
        "evidence_recall@1",
        "evidence_recall@3",
        "evidence_recall@5",
        "evidence_recall@10",
    } <= set(figures)
    assert figures["evidence_recall@5"] == round(evidence_recall_at_k(qa_items, retrieve, 5), 4)
    assert figures["answer_token_f1"] == 1.0 and figures["answer_contains_gold"] == 1.0
    assert figures["decline_rate"] == 1.0 and figures["false_decline_rate"] == 0.0

    always_answers = evaluate_qa(qa_items, retrieve, lambda item: ("The Crawler.", True))
    assert always_answers["decline_rate"] == 0.0 and always_answers["false_decline_rate"] == 0.0
    assert 0.0 < always_answers["answer_token_f1"] < 0.2
    never_answers = evaluate_qa(qa_items, retrieve, lambda item: ("Not found.", False))
    assert never_answers["decline_rate"] == 1.0 and never_answers["false_decline_rate"] == 1.0
    assert never_answers["answer_token_f1"] == 0.0


# --- loading ------------------------------------------------------------------------------------


GOOD = {
    "arxiv_id": "2501.10120",
    "question": "Which two LLM agents make up PaSa?",
    "answers": ["Crawler and Selector"],
    "evidence": [{"page": 2, "text": "PaSa consists of two LLM agents."}],
    "answerable": True,
    "type": "method",
}


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        ("{not json", "bad QA item"),
        (json.dumps({k: v for k, v in GOOD.items() if k != "evidence"}), "missing field"),
        (json.dumps({**GOOD, "arxiv_id": "../../etc/passwd"}), "not an arXiv id"),
        (json.dumps({**GOOD, "type": "trivia"}), "type 'trivia'"),
        (json.dumps({**GOOD, "evidence": [{"page": 0, "text": "x"}]}), "page must be"),
        (json.dumps({**GOOD, "answerable": "yes"}), "true or false"),
        (json.dumps({**GOOD, "answerable": False, "type": "unanswerable"}), "unanswerable item"),
        (json.dumps({**GOOD, "answers": []}), "answerable item needs"),
    ],
)
def test_bad_lines_are_named(tmp_path: Path, bad_line: str, message: str) -> None:
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps(GOOD) + "\n\n" + bad_line + "\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=rf"qa\.jsonl:3: .*{re.escape(message)}"):
        load_qa_set(path)


def test_a_good_line_loads(tmp_path: Path) -> None:
    path = tmp_path / "qa.jsonl"
    path.write_text(json.dumps(GOOD) + "\n", encoding="utf-8")
    (item,) = load_qa_set(path)
    assert item.evidence[0].page == 2 and item.answers == ("Crawler and Selector",)
    assert item.evidence_texts == ["PaSa consists of two LLM agents."] and item.line == 1


# --- end to end ---------------------------------------------------------------------------------


@pytest.mark.slow
def test_eval_qa_on_the_real_pdfs(kb_home: Path, shared_data: Path) -> None:
    runner = CliRunner()
    args = ["ingest", "--json"]
    for pdf in sorted((shared_data / "pdfs").glob("*.pdf")):
        args += ["--pdf", str(pdf)]
    assert runner.invoke(main, args).exit_code == 0
    result = runner.invoke(main, ["eval", "qa", str(QA), "--json"])
    assert result.exit_code == 0, result.output
    figures = json.loads(result.stdout)
    assert figures["n"] == len(load_qa_set(QA))
    assert figures["evidence_recall@5"] >= 0.8
    assert figures["answer_contains_gold"] >= 0.5
    assert figures["decline_rate"] >= 0.5 and figures["false_decline_rate"] <= 0.25

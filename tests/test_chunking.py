"""Chunking: whole sentences within one section, sizes within limits, true pages, overlap."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from kb.chunking import chunk_doc
from kb.config import ChunkingSettings
from kb.pdf import parse_pdf
from kb.types import ChunkDraft, ParsedDoc, TextBlock

SMALL = ChunkingSettings(max_chars=400, overlap_chars=100, min_chars=120)


def make_doc(blocks: list[tuple[int, str, str]]) -> ParsedDoc:
    """A parsed document from (page, section, text) blocks; page texts as the parser makes them."""
    pages: dict[int, list[str]] = {}
    for page, _, text in blocks:
        pages.setdefault(page, []).append(text)
    return ParsedDoc(
        source="made.pdf",
        n_pages=max(pages),
        blocks=[TextBlock(page, section, text) for page, section, text in blocks],
        page_texts={p: " ".join(parts) for p, parts in pages.items()},
    )


def sentences(count: int, start: int = 0) -> str:
    return " ".join(
        f"Sentence number {n} tells the reader about result {n * 7} in detail."
        for n in range(start, start + count)
    )


def overlap(a: str, b: str) -> str:
    """The longest end of ``a`` that starts ``b``."""
    for size in range(min(len(a), len(b)), 0, -1):
        if b.startswith(a[-size:]):
            return a[-size:]
    return ""


def check_chunks(doc: ParsedDoc, chunks: list[ChunkDraft], settings: ChunkingSettings) -> None:
    """What every chunking must satisfy, whatever the document."""
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    runs: dict[str, str] = {}
    for block in doc.blocks:
        runs[block.section] = f"{runs.get(block.section, '')} {block.text}".strip()
    headings = set(doc.sections)
    for i, chunk in enumerate(chunks):
        last_of_section = i + 1 == len(chunks) or chunks[i + 1].section != chunk.section
        limit = settings.max_chars + (settings.min_chars if last_of_section else 0)
        assert 0 < len(chunk.text) <= limit
        assert chunk.text not in headings and chunk.section in headings
        assert 1 <= chunk.page <= chunk.page_end <= doc.n_pages
        span = range(chunk.page, chunk.page_end + 1)
        pages = " ".join(doc.page_texts[p] for p in span if p in doc.page_texts)  # blank: none
        assert chunk.text in pages  # so a cited sentence can be found on the pages named
        at = runs[chunk.section].find(chunk.text)
        assert at >= 0  # from its own section only
        end = at + len(chunk.text)
        assert at == 0 or runs[chunk.section][at - 1] == " "  # never cut inside a word
        assert end == len(runs[chunk.section]) or runs[chunk.section][end] == " "


@pytest.fixture(scope="module")
def paper_plain(shared_data: Path) -> ParsedDoc:
    return parse_pdf(shared_data / "pdfs" / "2203.00130v1.pdf")


@pytest.mark.parametrize("settings", [ChunkingSettings(), SMALL], ids=["default", "small"])
def test_real_paper_chunks(paper_plain: ParsedDoc, settings: ChunkingSettings) -> None:
    chunks = chunk_doc(paper_plain, settings)
    check_chunks(paper_plain, chunks, settings)
    assert chunks == chunk_doc(paper_plain, settings)  # deterministic
    assert {c.section for c in chunks} == set(paper_plain.sections)
    assert any(c.page_end > c.page for c in chunks)  # text running over a page break
    shared = [
        overlap(a.text, b.text)
        for a, b in zip(chunks, chunks[1:], strict=False)
        if a.section == b.section
    ]
    # a seam, where there is one, is whole sentences that fit in the overlap budget
    assert any(shared)
    assert all(len(s) <= settings.overlap_chars for s in shared)
    assert all(s.rstrip()[-1] in ".!?)\"'”’0123456789]" for s in shared if len(s) > 20), shared
    intro = [c for c in chunks if c.section == "1 INTRODUCTION"]
    assert intro[0].text.startswith("A strong public health system") and intro[0].page == 1


def test_every_shared_pdf_chunks_within_limits(shared_data: Path) -> None:
    files = sorted((shared_data / "pdfs").glob("*.pdf")) + sorted(
        (shared_data / "pdfs-extra").glob("*.pdf")
    )
    for path in files:
        doc = parse_pdf(path)
        check_chunks(doc, chunk_doc(doc), ChunkingSettings())


def test_long_block_is_cut_at_sentence_ends_with_overlap() -> None:
    doc = make_doc([(1, "2 Method", sentences(40))])
    chunks = chunk_doc(doc, SMALL)
    check_chunks(doc, chunks, SMALL)
    assert len(chunks) > 5
    for a, b in zip(chunks, chunks[1:], strict=False):
        assert a.text.endswith("in detail.") and b.text.startswith("Sentence number")
        seam = overlap(a.text, b.text)
        assert seam.startswith("Sentence number") and len(seam) <= SMALL.overlap_chars
    without = chunk_doc(doc, ChunkingSettings(max_chars=400, overlap_chars=0, min_chars=120))
    assert " ".join(c.text for c in without) == doc.blocks[0].text  # no text lost or repeated


def test_small_tail_joins_the_chunk_before_it() -> None:
    settings = ChunkingSettings(max_chars=400, overlap_chars=0, min_chars=120)
    text = sentences(6)  # six sentences of ~70 characters: five fit, one is left over
    doc = make_doc([(1, "3 Results", text)])
    chunks = chunk_doc(doc, settings)
    assert [c.text for c in chunks] == [text]  # the short tail merged instead of standing alone
    check_chunks(doc, chunks, settings)
    longer = make_doc([(1, "3 Results", sentences(8))])
    assert len(chunk_doc(longer, settings)) == 2  # a tail above min_chars is its own chunk


def test_sentence_longer_than_a_chunk_is_cut_between_words() -> None:
    words = [f"token{n}" for n in range(400)]
    doc = make_doc([(2, "Appendix", " ".join(words))])
    chunks = chunk_doc(doc, SMALL)
    check_chunks(doc, chunks, SMALL)
    for chunk in chunks:
        assert all(re.fullmatch(r"token\d+", w) for w in chunk.text.split())
    giant = make_doc([(1, "Data", "x" * 1000 + " end.")])  # one word longer than a chunk
    assert [len(c.text) for c in chunk_doc(giant, SMALL)] == [400, 400, 200 + 5]


def test_sections_never_mix_and_pages_follow_sentences() -> None:
    doc = make_doc([
        (1, "Abstract", "A short abstract that is smaller than the minimum."),
        (1, "1 Introduction", sentences(3)),
        (1, "1 Introduction", "The model is"),
        (2, "1 Introduction", "trained on data from the second page. " + sentences(2, 10)),
        (2, "2 Method", sentences(2, 20)),
        (3, "1 Introduction", "A section name seen again later starts a new run."),
    ])  # fmt: skip
    chunks = chunk_doc(doc, SMALL)
    check_chunks(doc, chunks, SMALL)
    runs = [c.section for i, c in enumerate(chunks) if i == 0 or chunks[i - 1].section != c.section]
    assert runs == ["Abstract", "1 Introduction", "2 Method", "1 Introduction"]
    assert chunks[0].text == doc.blocks[0].text  # a small section still gets its chunk
    crossing = [c for c in chunks if "The model is trained on data" in c.text]
    assert crossing and all((c.page, c.page_end) == (1, 2) for c in crossing)
    method = [c for c in chunks if c.section == "2 Method"]
    assert [(c.page, c.page_end) for c in method] == [(2, 2)]
    assert (chunks[-1].page, chunks[-1].text) == (3, doc.blocks[-1].text)


def test_empty_documents_give_no_chunks() -> None:
    assert chunk_doc(ParsedDoc(source="x.pdf", n_pages=1)) == []
    assert chunk_doc(make_doc([(1, "Abstract", "   ")])) == []

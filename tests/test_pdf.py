"""PDF text: real papers, generated layouts, and every kind of bad file."""

from __future__ import annotations

from pathlib import Path

import pymupdf
import pytest

from kb.chunking import chunk_doc
from kb.config import ChunkingSettings, PdfSettings
from kb.demo import write_demo
from kb.errors import ParseError
from kb.pdf import parse_pdf


def test_real_paper_sections_references_and_cleaning(shared_data: Path) -> None:
    doc = parse_pdf(shared_data / "pdfs" / "2203.00130v1.pdf")
    assert doc.n_pages == 39 and doc.title.startswith("Paper Plain")
    assert "1 INTRODUCTION" in doc.sections and "8.4 Limitations" in doc.sections
    assert len(doc.references) > 50 and doc.references[0].startswith("[1]")
    body = " ".join(b.text for b in doc.blocks)
    assert "Annotate the web, with anyone, anywhere" not in body  # references are not body
    assert all("arXiv:2203.00130v1" not in t for t in doc.page_texts.values())  # margin stamp
    assert (
        "Healthcare consumers report that, unsurprisingly, medical papers are difficult to read"
        in (doc.page_texts[2])
    )


def test_numbered_headings_split_across_spans(shared_data: Path) -> None:
    doc = parse_pdf(shared_data / "pdfs-extra" / "1706.03762v7_Attention_Is_All_You_Need.pdf")
    assert {"1 Introduction", "3.2.1 Scaled Dot-Product Attention", "7 Conclusion"} <= set(
        doc.sections
    )


def test_two_columns_headers_and_page_numbers(tmp_path: Path) -> None:
    demo = write_demo(tmp_path)
    doc = parse_pdf(demo.pdf_dir / "2512.99005v1.pdf")
    text = " ".join(doc.page_texts.values())
    assert "arxiv-kb demo" not in text  # running header removed
    intro = text.index("This paper studies traffic prediction")
    related = text.index("The closest prior work includes")
    assert intro < related  # left column read before right column
    assert "5 Limitations" in doc.sections and len(doc.references) >= 6


def test_every_shared_pdf_parses_or_fails_with_a_reason(shared_data: Path) -> None:
    for path in sorted((shared_data / "pdfs").glob("*.pdf")) + sorted(
        (shared_data / "pdfs-extra").glob("*.pdf")
    ):
        doc = parse_pdf(path)
        assert doc.blocks and doc.page_texts, path


def _text_pdf(path: Path, pages: int = 1, text: str = "Some words here. " * 40) -> Path:
    doc = pymupdf.open()
    for _ in range(pages):
        doc.new_page().insert_textbox(pymupdf.Rect(50, 50, 550, 800), text, fontsize=10)
    doc.save(path)
    return path


def test_bad_files_raise_parse_errors_naming_the_file(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    html = tmp_path / "page.pdf"
    html.write_bytes(b"<!DOCTYPE html><html>captcha</html>")
    good = _text_pdf(tmp_path / "good.pdf", pages=3)
    truncated = tmp_path / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[:300])
    encrypted = tmp_path / "locked.pdf"
    doc = pymupdf.open(good)
    doc.save(encrypted, encryption=pymupdf.PDF_ENCRYPT_AES_256, user_pw="u", owner_pw="o")
    scanned = tmp_path / "scan.pdf"
    doc = pymupdf.open()
    doc.new_page().draw_rect(pymupdf.Rect(50, 50, 300, 300), fill=(0, 0, 0))
    doc.save(scanned)
    cases = {empty: "empty file", html: "HTML page", truncated: "corrupt or truncated",
             encrypted: "encrypted", scanned: "no usable text"}  # fmt: skip
    for path, reason in cases.items():
        with pytest.raises(ParseError, match=reason) as info:
            parse_pdf(path)
        assert path.name in str(info.value)


def test_page_limit_and_odd_metadata(tmp_path: Path) -> None:
    path = _text_pdf(tmp_path / "long.pdf", pages=320)
    doc = pymupdf.open(path)
    doc.set_metadata({"title": "Caf\udce9 \x00 title"[:0] + "Café – ÅÄÖ ✓", "author": "Ünïcødé"})
    doc.save(tmp_path / "long2.pdf")
    parsed = parse_pdf(tmp_path / "long2.pdf", PdfSettings(max_pages=300))
    assert parsed.n_pages == 300 and parsed.metadata["truncated_to_pages"] == "300"
    assert parsed.metadata["author"] == "Ünïcødé"


def test_chunks_respect_limits_sections_and_words(shared_data: Path) -> None:
    doc = parse_pdf(shared_data / "pdfs" / "2501.10120.pdf")
    settings = ChunkingSettings(max_chars=800, overlap_chars=120, min_chars=150)
    chunks = chunk_doc(doc, settings)
    assert chunks == chunk_doc(doc, settings)  # deterministic
    assert [c.ordinal for c in chunks] == list(range(len(chunks)))
    assert max(len(c.text) for c in chunks) <= 800 * 1.5
    sections = set(doc.sections)
    for chunk in chunks:
        assert chunk.section in sections and 1 <= chunk.page <= chunk.page_end <= doc.n_pages
        last = chunk.text.split()[-1]  # chunks end at a word boundary of the page text
        assert any(
            f"{last} " in f"{doc.page_texts[p]} " for p in range(chunk.page, chunk.page_end + 1)
        )
    overlaps = sum(
        a.section == b.section and a.text.split(". ")[-1][:40] in b.text
        for a, b in zip(chunks, chunks[1:], strict=False)
    )
    assert overlaps > 0

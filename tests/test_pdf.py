"""PDF text: real papers (checked by reading them), generated layouts, and every kind of bad file."""

from __future__ import annotations

import re
from pathlib import Path

import pymupdf
import pytest
from pdf_factory import (
    APPENDIX,
    AUTHOR_YEAR_REFERENCES,
    NUMBERED_REFERENCES,
    PAPER_AUTHORS,
    PAPER_SECTIONS,
    PAPER_TITLE,
    encrypted_pdf,
    html_as_pdf,
    lines_pdf,
    long_pdf,
    odd_metadata_pdf,
    paper_paragraphs,
    scanned_pdf,
    truncated_pdf,
    two_column_paper,
    unmapped_text_pdf,
)

from kb.config import PdfSettings
from kb.errors import ParseError
from kb.pdf import DEFAULT_SECTION, parse_pdf
from kb.types import ParsedDoc

_CACHE: dict[Path, ParsedDoc] = {}


def parsed(path: Path) -> ParsedDoc:
    """Each real PDF is parsed once per test session."""
    if path not in _CACHE:
        _CACHE[path] = parse_pdf(path)
    return _CACHE[path]


def real(shared_data: Path, name: str) -> ParsedDoc:
    folder = "pdfs" if (shared_data / "pdfs" / name).exists() else "pdfs-extra"
    return parsed(shared_data / folder / name)


def body(doc: ParsedDoc) -> str:
    return " ".join(b.text for b in doc.blocks)


# -- every real PDF -----------------------------------------------------------------------------
def test_every_shared_pdf_parses_into_consistent_pages(shared_data: Path) -> None:
    files = sorted((shared_data / "pdfs").glob("*.pdf")) + sorted(
        (shared_data / "pdfs-extra").glob("*.pdf")
    )
    assert len(files) >= 20
    for path in files:  # all of them have a text layer (looked at each): none may fail
        doc = parsed(path)
        with pymupdf.open(path) as raw:
            assert doc.n_pages == raw.page_count, path.name
        assert doc.blocks and doc.sections[0] == DEFAULT_SECTION, path.name
        for block in doc.blocks:  # blocks are made of the same text as their page
            assert block.text in doc.page_texts[block.page], (path.name, block.page)
            assert block.text == " ".join(block.text.split()) and "\ufb01" not in block.text
        for text in doc.page_texts.values():
            assert not re.search(r"arXiv:\d{4}\.\d{4,5}v\d \[", text), path.name  # side stamp


def test_page_that_is_left_blank_is_recorded(shared_data: Path) -> None:
    doc = real(shared_data, "2103.15348_LayoutParser_excerpt_4pages_with_empty_pages.pdf")
    assert doc.metadata["pages_without_text"] == "2" and 2 not in doc.page_texts
    assert doc.title.startswith("LayoutParser: A Unified Toolkit")


# -- Paper Plain: ACM single column, 39 pages, numbered references, appendices after them ----
def test_paper_plain_sections_references_and_cleaning(shared_data: Path) -> None:
    doc = real(shared_data, "2203.00130v1.pdf")
    assert doc.title.startswith("Paper Plain: Making Medical Research Papers Approachable")
    assert doc.authors[:3] == ["Tal August", "Lucy Lu Wang", "Jonathan Bragg"]
    sections = doc.sections
    for name in ("1 INTRODUCTION", "3 OBSERVATIONS OF NON-EXPERT READERS", "8.4 Limitations",
                 "9 CONCLUSION", "ACKNOWLEDGMENTS", "B ITERATIVE DESIGN"):  # fmt: skip
        assert name in sections
    # appendices come after the reference list and stay body text with their own sections
    assert sections.index("9 CONCLUSION") < sections.index("A INTERVIEWS WITH HEALTHCARE "
                                                           "CONSUMERS AND PROVIDERS")  # fmt: skip
    assert len(doc.references) == 111
    assert [int(re.match(r"\[(\d+)\]", r)[1]) for r in doc.references] == list(range(1, 112))
    assert doc.references[1].startswith("[2] 2021. Hypothes.is: Annotate the web, with anyone")
    assert "Annotate the web, with anyone, anywhere" not in body(doc)
    # the running head (title + page number) is gone; the sentence is on page 2 as printed
    assert doc.page_texts[1].startswith("Paper Plain: Making Medical")  # the title itself
    assert not any(t.startswith("Paper Plain: Making") for p, t in doc.page_texts.items() if p > 1)
    assert ("Healthcare consumers report that, unsurprisingly, medical papers are difficult to "
            "read") in doc.page_texts[2]  # fmt: skip
    intro = [b for b in doc.blocks if b.section == "1 INTRODUCTION"]
    assert intro[0].page == 1 and intro[0].text.startswith("A strong public health system")


def test_references_heading_splits_body_from_bibliography(shared_data: Path) -> None:
    doc = real(shared_data, "1706.03762v7_Attention_Is_All_You_Need.pdf")
    assert doc.title == "Attention Is All You Need"  # not the permission notice above it
    assert {"Ashish Vaswani", "Łukasz Kaiser", "Illia Polosukhin"} <= set(doc.authors)
    assert {"1 Introduction", "3.2.1 Scaled Dot-Product Attention", "7 Conclusion"} <= set(
        doc.sections
    )
    assert len(doc.references) == 40 and doc.references[-1].startswith("[40] Muhua Zhu")
    assert doc.references[-1].endswith("ACL, August 2013.")
    # the attention figures after the references are body again, under their own title
    assert doc.sections[-1] == "Attention Visualizations"


def test_reference_list_without_heading_and_split_accents(shared_data: Path) -> None:
    doc = real(shared_data, "1111.2011v2_QuantumCriticality_BetheLattice.pdf")
    assert doc.title.startswith("Quantum Criticality for Extended Nodes on a Bethe Lattice")
    assert doc.authors == ["James M. Murray", "Adrian Del Maestro", "Zlatko Tešanović"]
    assert {"I. INTRODUCTION", "V. DISCUSSION", "A. Ordered Phase"} <= set(doc.sections)
    assert [r.split()[0] for r in doc.references] == [str(n) for n in range(1, 21)]
    assert doc.references[0] == "1 D. C. Johnston, Adv. Phys. 59, 803 (2010)."
    assert "Adv. Phys. 59, 803" not in body(doc)


def test_author_year_references_split_by_hanging_indent(shared_data: Path) -> None:
    doc = real(shared_data, "2501.10120.pdf")  # ACL style: two columns, no numbers
    assert len(doc.references) == 37
    assert doc.references[0].startswith("Shubham Agarwal, Issam H Laradji, Laurent Char")
    assert doc.references[-1].startswith("Shunyu Yao, Jeffrey Zhao, Dian Yu")
    for entry in doc.references:
        assert entry[0].isupper() and re.search(r"\b20\d\d[ab]?\.", entry), entry
    assert "PaSa" not in " ".join(doc.authors) and "Weinan E" in doc.authors


def test_parenthesised_numbers_and_letter_appendices(shared_data: Path) -> None:
    chem = real(shared_data, "paperqa_paper_MolecularPredictionExplanations.pdf")
    assert [int(re.match(r"\((\d+)\)", r)[1]) for r in chem.references] == list(range(1, 150))
    assert chem.sections[:3] == ["Abstract", "Introduction", "Theory"]
    s2orc = real(shared_data, "1911.02782_S2ORC_acl2020.pdf")
    letters = [s[0] for s in s2orc.sections if re.match(r"[A-F] [A-Z]", s)]
    assert letters == ["A", "B", "C", "D", "E", "F"]
    assert s2orc.sections.index("8 Conclusion") < s2orc.sections.index("A Background & "
                                                                       "Terminology")  # fmt: skip


def test_two_column_reading_order_on_a_real_page(shared_data: Path) -> None:
    doc = real(shared_data, "2501.10120.pdf")
    page = doc.page_texts[1]
    # left column (abstract) before right column (introduction) before nothing interleaved
    assert page.index("We introduce PaSa, an advanced Paper Search") < page.index(
        "Academic paper search lies at the core of research"
    )
    assert "outperforms existing baselines on RealScholarQuery, including Google" in page


# -- generated papers ---------------------------------------------------------------------------
def test_two_columns_are_read_column_by_column(tmp_path: Path) -> None:
    doc = parse_pdf(two_column_paper(tmp_path / "paper.pdf"))
    text = body(doc)
    expected = paper_paragraphs()
    order = []
    for section, paragraphs in expected.items():
        for paragraph in paragraphs:
            assert paragraph in text  # whole: never interleaved with the other column
            order.append(text.index(paragraph))
            in_section = " ".join(b.text for b in doc.blocks if b.section == section)
            assert paragraph in in_section  # (a paragraph may break over two columns)
    assert order == sorted(order)
    assert doc.sections == [*PAPER_SECTIONS, APPENDIX]
    assert doc.n_pages >= 2 and doc.title == PAPER_TITLE and doc.authors == PAPER_AUTHORS


def test_headers_footers_page_numbers_and_line_numbers_removed(tmp_path: Path) -> None:
    plain = parse_pdf(two_column_paper(tmp_path / "plain.pdf"))
    review = parse_pdf(
        two_column_paper(
            tmp_path / "review.pdf",
            line_numbers=True,
            footer="Workshop on careful parsing, page {page}",
            arxiv_stamp="arXiv:2401.00001v2 [cs.CL] 3 Jan 2024",
        )  # fmt: skip
    )
    assert review.page_texts == plain.page_texts  # numbers, footer and stamp all gone
    assert review.blocks == plain.blocks and review.references == plain.references
    for number, text in plain.page_texts.items():
        assert "Preprint under review" not in text and "Workshop on careful" not in text
        assert not re.search(rf"(?:^|\s){number}$", text) and not re.search(r"\b0\d\d\b", text)
    with pymupdf.open(tmp_path / "review.pdf") as raw:  # the furniture was really printed
        printed = raw[0].get_text()
        assert "007" in printed and "Workshop on careful parsing, page 1" in printed
        assert "arXiv:2401.00001v2" in printed


def test_references_are_split_off_and_appendix_stays_body(tmp_path: Path) -> None:
    numbered = parse_pdf(two_column_paper(tmp_path / "numbered.pdf"))
    assert numbered.references == NUMBERED_REFERENCES
    author_year = parse_pdf(
        two_column_paper(tmp_path / "ay.pdf", references=AUTHOR_YEAR_REFERENCES)
    )
    assert author_year.references == AUTHOR_YEAR_REFERENCES  # one entry per hanging indent
    for doc in (numbered, author_year):
        assert "Proceedings of the Conference" not in body(doc) and "Journal of" not in body(doc)
        appendix = [b for b in doc.blocks if b.section == APPENDIX]
        assert appendix and appendix[0].text == paper_paragraphs()[APPENDIX][0]


def test_hyphenation_compounds_and_ligatures(tmp_path: Path) -> None:
    lines = [
        "We learn a repre-",
        "sentation that is state-of-the-",
        "art on each bench-",
        "mark of the Vision-",
        "Language task. A benchmark is",
        "a test, and the cross-",
        "entropy loss is the cross-entropy",
        "loss. The ﬁnal ﬂow of the oﬃce costs",
        "x² units of informa-",
        "tion for GPT-",
        "4 models.",
    ]
    doc = parse_pdf(lines_pdf(tmp_path / "lines.pdf", lines))
    text = doc.blocks[0].text
    assert text.startswith(
        "We learn a representation that is state-of-the-art on each benchmark of the "
        "Vision-Language task. A benchmark is a test, and the cross-entropy loss is the "
        "cross-entropy loss. The final flow of the office costs x² units of information for "
        "GPT-4 models."
    )
    assert doc.page_texts[1].startswith("1 Introduction " + text)


def test_title_and_authors_from_metadata_when_meaningful(tmp_path: Path) -> None:
    path = two_column_paper(tmp_path / "meta.pdf")
    with pymupdf.open(path) as pdf:
        pdf.set_metadata({"title": "Careful Parsing (journal version)", "author": "A. B. Cee"})
        pdf.saveIncr()
    doc = parse_pdf(path)
    assert doc.title == "Careful Parsing (journal version)" and doc.authors == ["A. B. Cee"]
    with pymupdf.open(path) as pdf:
        pdf.set_metadata({"title": "Microsoft Word - draft3.docx", "author": ""})
        pdf.saveIncr()
    doc = parse_pdf(path)
    assert doc.title == PAPER_TITLE and doc.authors == PAPER_AUTHORS


# -- files that cannot be read ------------------------------------------------------------------
def _error(path: Path, settings: PdfSettings | None = None) -> str:
    with pytest.raises(ParseError) as info:
        parse_pdf(path, settings)
    message = str(info.value)
    assert message.startswith(f"{path.name}: ")
    return message


def test_empty_html_and_garbage_files(tmp_path: Path) -> None:
    empty = tmp_path / "empty.pdf"
    empty.write_bytes(b"")
    assert "empty file (0 bytes)" in _error(empty)
    assert "not a PDF (an HTML page saved as .pdf" in _error(html_as_pdf(tmp_path / "page.pdf"))
    noise = tmp_path / "noise.pdf"
    noise.write_bytes(bytes(range(256)) * 8)
    assert "not a PDF (no %PDF- header" in _error(noise)
    assert "cannot read the file" in _error(tmp_path / "missing.pdf")


def test_truncated_and_corrupt_files(tmp_path: Path) -> None:
    for keep in (0.1, 0.5, 0.98):
        message = _error(truncated_pdf(tmp_path / f"cut{int(keep * 100)}.pdf", keep=keep))
        assert "corrupt or truncated PDF" in message
    corrupt = tmp_path / "corrupt.pdf"
    corrupt.write_bytes(b"%PDF-1.7\n" + b"\x00garbage\xff" * 500 + b"\n%%EOF\n")
    assert "corrupt or truncated PDF" in _error(corrupt)


def test_encrypted_files(tmp_path: Path) -> None:
    assert "encrypted PDF (password protected)" in _error(encrypted_pdf(tmp_path / "locked.pdf"))
    # an empty user password only restricts permissions: the text is readable
    doc = parse_pdf(encrypted_pdf(tmp_path / "open.pdf", user_password=""))
    assert doc.sections == [*PAPER_SECTIONS, APPENDIX] and doc.metadata["encryption"]


def test_scanned_and_unmapped_text(tmp_path: Path) -> None:
    message = _error(scanned_pdf(tmp_path / "scan.pdf", pages=2))
    assert "no text layer (scanned?)" in message and "2 pages" in message
    assert "text layer is unreadable" in _error(unmapped_text_pdf(tmp_path / "cid.pdf"))


def test_long_pdf_is_cut_at_max_pages(tmp_path: Path) -> None:
    path = long_pdf(tmp_path / "long.pdf", pages=305)
    doc = parse_pdf(path)  # default settings: 300 pages
    assert doc.n_pages == 300 and max(doc.page_texts) == 300
    assert doc.metadata["truncated_to_pages"] == "300" and doc.metadata["page_count"] == "305"
    assert doc.page_texts[300].startswith("This is body page 300 of the long report.")
    short = parse_pdf(path, PdfSettings(max_pages=5))
    assert short.n_pages == 5 and sorted(short.page_texts) == [1, 2, 3, 4, 5]
    whole = parse_pdf(long_pdf(tmp_path / "short.pdf", pages=3))
    assert "truncated_to_pages" not in whole.metadata


def test_metadata_that_is_not_clean_utf8(tmp_path: Path) -> None:
    doc = parse_pdf(odd_metadata_pdf(tmp_path / "odd.pdf"))
    for key, value in doc.metadata.items():
        value.encode("utf-8")  # no lone surrogates
        assert value.isprintable() and value == " ".join(value.split()), key
    assert doc.title == "Café naïve résumé of parsing"  # Latin-1 (PDFDocEncoding) bytes
    assert doc.metadata["keywords"] == "PDF key"  # UTF-16 with a no-break space
    assert "author" not in doc.metadata  # undecodable: dropped, authors come from page 1
    assert doc.authors == PAPER_AUTHORS


# -- the two line readers -----------------------------------------------------------------------
def _both_readers(page: pymupdf.Page, first: bool):
    from kb.pdf.lines import TEXT_FLAGS, lines_from_dict, lines_from_html

    textpage = page.get_textpage(flags=TEXT_FLAGS)
    return lines_from_html(textpage, first), lines_from_dict(textpage, first)


def test_both_line_readers_agree_on_a_typeset_page(tmp_path: Path) -> None:
    """The fast reader (MuPDF's HTML) and the exact one (its dict) give the same lines."""
    path = two_column_paper(tmp_path / "paper.pdf")
    with pymupdf.open(path) as doc:
        for number, page in enumerate(doc):
            fast, exact = _both_readers(page, number == 0)
            assert fast is not None and len(fast) == len(exact) > 20
            for (a, a_straight), (b, b_straight) in zip(fast, exact, strict=True):
                assert (a.text, a.bold, a_straight) == (b.text, b.bold, b_straight)
                assert abs(a.x0 - b.x0) < 0.5 and abs(a.size - b.size) <= 0.5
                assert a.block == b.block
    headings = [ln.text for ln, _ in fast if ln.bold]
    assert headings, "the typeset headings are bold to both readers"


def test_both_line_readers_read_the_same_text_on_real_pages(shared_data: Path) -> None:
    files = sorted((shared_data / "pdfs").glob("*.pdf"))
    assert files
    for path in files:
        with pymupdf.open(path) as doc:
            for number in range(min(3, doc.page_count)):
                fast, exact = _both_readers(doc[number], number == 0)
                assert [ln.text for ln, _ in fast] == [ln.text for ln, _ in exact], path.name


def test_hyphenation_words_are_package_data_not_the_embedder(tmp_path: Path) -> None:
    """Parsing gives the same text whatever is installed: the word list ships with kb.pdf."""
    import subprocess
    import sys

    from kb.pdf.text import join_lines, vocabulary

    assert len(vocabulary()) > 20_000 and {"representation", "state", "art"} <= vocabulary()
    assert join_lines(["a repre-", "sentation of the state-of-the-", "art"], set()) == (
        "a representation of the state-of-the-art"
    )
    path = two_column_paper(tmp_path / "paper.pdf")
    code = (
        "import sys; from kb.pdf import parse_pdf; parse_pdf(sys.argv[1]); "
        "assert not [m for m in sys.modules if m.startswith(('kb.embed', 'sentence_transformers',"
        " 'torch'))], 'parsing imported the embedder'"
    )
    subprocess.run([sys.executable, "-c", code, str(path)], check=True)

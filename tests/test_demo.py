"""The generated demo set: deterministic files, arXiv-shaped feeds, realistic two-column PDFs."""

from __future__ import annotations

import dataclasses
import os
import re
import subprocess
import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import feedparser
import pymupdf
import pytest

from kb.demo import API_FILE, DEMO_CATEGORIES, DEMO_DAY, PAPERS, DemoPaper, render_pdf, write_demo
from kb.demo.markup import body_items
from kb.demo.render import typeset
from kb.feeds import parse_feed, parse_feed_files
from kb.ids import is_arxiv_id
from kb.typeset import wrap

WITH_PDF = [p for p in PAPERS if p.body is not None]
SECTIONS = ["1 Introduction", "2 Related Work", "3 Method", "4 Experiments", "5 Limitations",
            "6 Conclusion and Future Work"]  # fmt: skip


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory):
    """One demo set for the read-only checks of this module."""
    return write_demo(tmp_path_factory.mktemp("demo"))


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*.*"))}


def _rss_feeds(demo) -> list[Path]:
    return [p for p in demo.feed_paths if p.suffix == ".xml"]


# -- the files ---------------------------------------------------------------------------------
def test_same_bytes_every_run_and_unchanged_files_are_not_rewritten(tmp_path: Path) -> None:
    first = write_demo(tmp_path / "a")
    write_demo(tmp_path / "b")
    a, b = _files(tmp_path / "a"), _files(tmp_path / "b")
    assert a == b and len(a) == len(DEMO_CATEGORIES) + 1 + len(WITH_PDF)
    assert sum(len(data) for data in a.values()) < 1_500_000

    stamps = {p: p.stat().st_mtime_ns for p in (tmp_path / "a").rglob("*.*")}
    os.utime(first.feed_paths[0], ns=(1, 1))  # a rewrite would move the stamp again
    stamps[first.feed_paths[0]] = 1
    again = write_demo(tmp_path / "a")
    assert again == first
    assert {p: p.stat().st_mtime_ns for p in (tmp_path / "a").rglob("*.*")} == stamps
    assert not list((tmp_path / "a").rglob("*.tmp"))

    first.feed_paths[1].write_text("damaged", encoding="utf-8")  # a changed file is repaired
    write_demo(tmp_path / "a")
    assert _files(tmp_path / "a") == b


def test_same_bytes_in_another_process(tmp_path: Path) -> None:
    code = f"from pathlib import Path; from kb.demo import write_demo; write_demo(Path({str(tmp_path / 'p')!r}))"
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    subprocess.run([sys.executable, "-c", code], check=True, env=env, timeout=120)
    write_demo(tmp_path / "here")
    assert _files(tmp_path / "p") == _files(tmp_path / "here")


def test_demo_set_shape(demo) -> None:
    assert DEMO_DAY.weekday() < 5 and demo.day == DEMO_DAY
    names = [p.name for p in demo.feed_paths]
    assert names == [f"{DEMO_DAY.isoformat()}_{c}.xml" for c in DEMO_CATEGORIES] + [API_FILE]
    pdfs = sorted(p.name for p in demo.pdf_dir.glob("*.pdf"))
    assert pdfs == sorted(f"{p.arxiv_id}v{p.version}.pdf" for p in WITH_PDF)
    without = [p for p in PAPERS if p.body is None]
    assert 1 <= len(without) <= 2 and len(PAPERS) >= 12
    ids = [p.arxiv_id for p in PAPERS]
    assert len(set(ids)) == len(ids)
    # valid arXiv ids in a block no real paper uses
    assert all(is_arxiv_id(i) and re.fullmatch(r"2512\.99\d{3}", i) for i in ids)


# -- feeds --------------------------------------------------------------------------------------
def test_rss_feeds_parse_with_feedparser(demo) -> None:
    seen_types = set()
    for path in _rss_feeds(demo):
        category = path.stem.split("_", 1)[1]
        parsed = feedparser.parse(path.read_bytes())
        assert not parsed.bozo and parsed.version == "rss20", path.name
        assert parsed.feed.title == f"{category} updates on arXiv.org (arxiv-kb demo)"
        assert "DEMO" in parsed.feed.description and "arxiv-kb" in parsed.feed.description
        listed = [p for p in PAPERS if category in p.categories]
        assert len(parsed.entries) == len(listed) > 0
        for entry in parsed.entries:
            vid = entry.id.removeprefix("oai:arXiv.org:")
            kind = entry.arxiv_announce_type
            seen_types.add(kind)
            assert entry.summary.startswith(f"arXiv:{vid} Announce Type: {kind} \nAbstract: ")
            assert entry.link == f"https://arxiv.org/abs/{vid.split('v')[0]}"
            assert category in [t.term for t in entry.tags] and entry.author
            assert entry.published_parsed[:3] == DEMO_DAY.timetuple()[:3]
    assert seen_types == {"new", "cross", "replace", "replace-cross"}


def test_rss_items_have_the_elements_of_real_arxiv_items(demo, fixtures: Path) -> None:
    def item_tags(path: Path) -> set[str]:
        items = ET.parse(path).getroot().iter("item")
        return {child.tag for item in items for child in item}

    real = item_tags(fixtures / "feeds" / "rss" / "2025-12-02_cs.AI.xml")
    for path in _rss_feeds(demo):
        assert item_tags(path) == real, path.name


def test_feeds_through_kb_feeds(demo) -> None:
    by_feed = {
        p.stem.split("_", 1)[1]: {x.arxiv_id: x for x in parse_feed(p)} for p in _rss_feeds(demo)
    }
    for paper in PAPERS:
        primary, replaced = paper.categories[0], paper.version > 1
        for category in DEMO_CATEGORIES:
            found = by_feed[category].get(paper.arxiv_id)
            if category not in paper.categories:
                assert found is None
                continue
            expected = ("replace" if replaced else "new") if category == primary else (
                "replace-cross" if replaced else "cross")  # fmt: skip
            assert (found.version, found.announce_type) == (paper.version, expected)
            assert found.categories == list(paper.categories) and found.announced == DEMO_DAY
    # cross-listed realistically: some papers are new in one feed and cross in another
    both = [i for i in by_feed["cs.RO"] if i in by_feed["cs.CV"]]
    assert both and all(by_feed["cs.RO"][i].announce_type == "new" for i in both)

    merged = {p.arxiv_id: p for p in parse_feed_files(demo.feed_paths)}
    assert set(merged) == {p.arxiv_id for p in PAPERS}
    links = {i: p.code_links for i, p in merged.items()}
    # trailing punctuation of the abstracts is not part of the links
    assert links["2512.99005"] == ["https://github.com/arxiv-kb-demo/TrafficMamba"]
    assert links["2512.99006"] == ["https://github.com/arxiv-kb-demo/HiPool"]
    assert links["2512.99008"] == ["https://github.com/arxiv-kb-demo/BurstServe"]
    # links only in the comments come through the API metadata
    assert links["2512.99003"] == ["https://github.com/arxiv-kb-demo/PatchMixer-X"]
    assert "https://arxiv-kb-demo.github.io/ManiVLA/" in links["2512.99001"]
    assert all(merged[p.arxiv_id].comment == p.comment for p in PAPERS)


def test_api_metadata_is_arxiv_atom(demo) -> None:
    parsed = feedparser.parse(demo.feed_paths[-1].read_bytes())
    assert not parsed.bozo and parsed.version == "atom10"
    assert [e.id for e in parsed.entries] == [
        f"http://arxiv.org/abs/{p.arxiv_id}v{p.version}" for p in PAPERS
    ]
    assert all(e.arxiv_primary_category["term"] == p.categories[0]
               for e, p in zip(parsed.entries, PAPERS, strict=True))  # fmt: skip


def test_comments_tell_the_truth_about_the_pdfs(demo) -> None:
    for paper in WITH_PDF:
        with pymupdf.open(demo.pdf_dir / f"{paper.arxiv_id}v{paper.version}.pdf") as doc:
            n_pages = doc.page_count
        lines = paper.body.splitlines()
        counts = {
            "page": n_pages,
            "figure": sum(line.startswith("! Figure") for line in lines),
            "table": sum(line.startswith("| Table") for line in lines),
        }
        claims = re.findall(r"(\d+) (page|figure|table)s?\b", paper.comment or "")
        assert claims and all(int(n) == counts[kind] for n, kind in claims), paper.arxiv_id


# -- PDFs ---------------------------------------------------------------------------------------
def _tokens(paper: DemoPaper, n_pages: int) -> set[str]:
    """Every word the PDF may legitimately contain."""
    texts = [paper.title, ", ".join(paper.authors), paper.affiliation, paper.abstract,
             paper.body or "", f"{paper.short_title} - arxiv-kb demo", "Abstract", "References",
             "Fictional paper generated by arxiv-kb for offline demos; not an arXiv submission."]  # fmt: skip
    words = {w for text in texts for w in text.replace(" | ", " ").replace(" > ", " ").split()}
    words |= {w.lstrip("#|!*") for w in words}
    return words | {str(i) for i in range(1, max(n_pages, 13))} | {f"[{i}]" for i in range(1, 13)}


@pytest.mark.parametrize("paper", WITH_PDF, ids=lambda p: p.arxiv_id)
def test_pdf_layout(demo, paper: DemoPaper) -> None:
    with pymupdf.open(demo.pdf_dir / f"{paper.arxiv_id}v{paper.version}.pdf") as doc:
        assert 4 <= doc.page_count <= 6
        assert doc.metadata["title"] == paper.title
        allowed = _tokens(paper, doc.page_count)
        headings: list[str] = []
        subsections: list[str] = []
        for number, page in enumerate(doc, start=1):
            width, height = page.rect.width, page.rect.height
            assert (round(width), round(height)) in {(612, 792), (595, 842)}  # Letter or A4
            lines = [
                (line["bbox"], "".join(s["text"] for s in line["spans"]), line["spans"])
                for block in page.get_text("dict")["blocks"]
                if block["type"] == 0
                for line in block["lines"]
            ]
            top = [t for bbox, t, _ in lines if bbox[3] < 60]
            bottom = [t for bbox, t, _ in lines if bbox[1] > height - 60]
            assert top == [f"{paper.short_title} - arxiv-kb demo"] and bottom == [str(number)]
            body = [(bbox, t, spans) for bbox, t, spans in lines if 60 <= bbox[1] <= height - 60]
            for bbox, text, _ in body:  # nothing leaves the text area
                assert bbox[0] >= 59 and bbox[2] <= width - 59, text
            mid = width / 2
            if number == 1:  # title, authors and abstract across the page, then two columns
                start = next(b[1] for b, t, _ in body if t == SECTIONS[0])
                above = [t for b, t, _ in body if b[1] < start and b[0] < mid < b[2]]
                assert paper.title.split()[0] in above[0] and len(above) >= 5
                body = [line for line in body if line[0][1] >= start]
            left = [b for b, _, _ in body if b[2] < mid]
            right = [b for b, _, _ in body if b[0] > mid]
            spanning = [t for b, t, _ in body if b[0] < mid < b[2]]
            assert not spanning, spanning[:3]  # the body is set in two columns
            assert left and (right or number == doc.page_count)
            for _, text, spans in body:
                if all("Bold" in s["font"] for s in spans):
                    size = spans[0]["size"]
                    if size >= 11:
                        headings.append(text)
                    elif size >= 10 and re.match(r"\d\.\d ", text):
                        subsections.append(text)
            for word in page.get_text("words"):  # no word was broken or invented
                assert word[4] in allowed, (number, word[4])
        assert headings == [*SECTIONS[:-1], SECTIONS[-1], "References"]
        assert any(s.startswith("3.1 ") for s in subsections)
        assert any(s.startswith("4.1 ") for s in subsections)
        text = " ".join(page.get_text() for page in doc)
    assert re.search(r"Our contributions are: \(1\).+\(2\).+\(3\)", " ".join(text.split()))
    refs = re.findall(r"^\[(\d+)\]", text.split("References")[-1], re.MULTILINE)
    assert 8 <= len(refs) <= 12 and refs == [str(i) for i in range(1, len(refs) + 1)]


def test_pdfs_parse_into_sections_and_references(demo) -> None:
    parse_pdf = pytest.importorskip("kb.pdf").parse_pdf
    for paper in WITH_PDF:
        doc = parse_pdf(demo.pdf_dir / f"{paper.arxiv_id}v{paper.version}.pdf")
        assert doc.title == paper.title and doc.authors == list(paper.authors)
        for name in ("Introduction", "Method", "Experiments", "Limitations"):
            assert any(name in s for s in doc.sections), (paper.arxiv_id, name, doc.sections)
        n_refs = sum(type(item).__name__ == "Reference" for item in body_items(paper.body))
        assert len(doc.references) == n_refs and doc.references[0].startswith("[1] ")
        body = " ".join(b.text for b in doc.blocks)
        assert "arxiv-kb demo" not in body and "References" not in doc.sections
        assert doc.references[-1].split("] ", 1)[1][:30] not in body  # references split off
        intro = next(b.text for b in doc.blocks if b.section == "1 Introduction")
        assert intro in paper.body  # paragraphs come back whole, in reading order


# -- no silent overflow --------------------------------------------------------------------------
def test_text_that_cannot_fit_raises() -> None:
    assert wrap("a few short words", "tiro", 10, 60) == ["a few short", "words"]
    with pytest.raises(ValueError, match="wider than the line"):
        wrap("x" * 80, "tiro", 10, 200)
    with pytest.raises(ValueError, match="outside Latin-1"):
        wrap("an em dash \u2014 here", "tiro", 10, 200)
    paper = WITH_PDF[0]
    long_heading = dataclasses.replace(paper, body="# 1 " + "Very Long Heading " * 8 + "\nText.")
    with pytest.raises(ValueError, match=f"{paper.arxiv_id}: heading"):
        typeset(long_heading)
    wide_table = dataclasses.replace(paper, body="# 1 Results\n| Table 1: wide.\n| "
                                     + " | ".join(["Column header"] * 9) + "\n| " + " | ".join(["0.123"] * 9))  # fmt: skip
    with pytest.raises(ValueError, match="wider than a column"):
        typeset(wide_table)
    with pytest.raises(ValueError, match="no PDF"):
        render_pdf(next(p for p in PAPERS if p.body is None))

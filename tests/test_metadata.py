"""arXiv metadata JSON lines: both layouts, gzip, bad lines with their numbers, filters."""

from __future__ import annotations

import json
from datetime import date, datetime
from pathlib import Path

from kb.metadata import parse_record, read_records, wanted

# The public snapshot's layout (values of the real record of hep-th/9901001, shortened).
SNAPSHOT = {
    "id": "hep-th/9901001",
    "submitter": "Juan Maldacena",
    "authors": "Juan M. Maldacena and Andrew Strominger",
    "title": "AdS_3 Black Holes and a Stringy Exclusion\n  Principle",
    "comments": "21 pages",
    "journal-ref": "JHEP 9812:005,1998",
    "doi": "10.1088/1126-6708/1998/12/005",
    "categories": "hep-th gr-qc",
    "abstract": "  We consider string theory on AdS_3 x S^3.\nThe spectrum is bounded.\n",
    "versions": [
        {"version": "v1", "created": "Fri, 1 Jan 1999 19:10:55 GMT"},
        {"version": "v2", "created": "Mon, 4 Jan 1999 10:00:00 GMT"},
    ],
    "update_date": "1999-01-04",
    "authors_parsed": [["Maldacena", "Juan M.", ""], ["Strominger", "Andrew", ""]],
}


def test_snapshot_record_with_old_style_id() -> None:
    paper = parse_record(SNAPSHOT)
    assert paper.arxiv_id == "hep-th/9901001" and paper.version == 2
    assert paper.title == "AdS_3 Black Holes and a Stringy Exclusion Principle"
    assert paper.abstract == "We consider string theory on AdS_3 x S^3. The spectrum is bounded."
    assert paper.authors == ["Juan M. Maldacena", "Andrew Strominger"]
    assert paper.categories == ["hep-th", "gr-qc"] and paper.primary_category == "hep-th"
    assert paper.published == datetime(1999, 1, 1, 19, 10, 55)
    assert paper.updated == datetime(1999, 1, 4, 10, 0, 0)
    assert paper.journal_ref == "JHEP 9812:005,1998" and paper.doi.startswith("10.1088")
    assert paper.pdf_url.endswith("hep-th/9901001v2")


def test_daily_listings_plain_and_gzip(shared_data: Path) -> None:
    folder = shared_data / "metadata"
    listing = next(read_records(folder / "2025-12-02.jsonl")).paper
    assert listing.arxiv_id == "2511.21697" and listing.announced == date(2025, 12, 2)
    assert listing.title.startswith("Detail Enhanced Gaussian Splatting")
    big = next(read_records(folder / "arxiv_daily_listing_all_74k.jsonl.gz")).paper
    # the day comes from the line's _source_file; MSC and ACM classes mixed into the
    # categories are dropped
    assert big.arxiv_id == "1812.06145" and big.announced == date(2025, 10, 13)
    assert big.categories == ["cs.CV", "cs.AI", "cs.HC", "cs.LG", "stat.ML"]
    assert "\n" not in big.abstract and big.abstract.startswith("We present")


def test_bad_lines_are_named_and_reading_goes_on(tmp_path: Path) -> None:
    good = json.dumps({"id": "2512.00001", "title": "A", "summary": "B"})
    lines = [
        good,
        "{not json",
        json.dumps({"id": "../../etc/passwd", "title": "x"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"id": "2512.00002"}),
        good.replace("00001", "00003"),
    ]
    path = tmp_path / "mixed.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    records = list(read_records(path))
    assert [r.paper.arxiv_id for r in records if r.paper] == ["2512.00001", "2512.00003"]
    bad = [(r.bad.line, r.bad.reason) for r in records if r.bad]
    assert [line for line, _ in bad] == [2, 3, 5, 6]  # the blank line 4 is not a record
    assert "not JSON" in bad[0][1] and "passwd" in bad[1][1]
    assert "object" in bad[2][1] and "no title" in bad[3][1]


def test_category_and_since_filters() -> None:
    paper = parse_record(SNAPSHOT)
    assert wanted(paper, ["hep-th"], None) and wanted(paper, ["gr-qc"], None)
    assert wanted(paper, ["hep"], None) is False and wanted(paper, ["cs"], None) is False
    assert wanted(parse_record({**SNAPSHOT, "categories": "cs.CV"}), ["cs"], None)
    assert wanted(paper, [], date(1999, 1, 4)) and not wanted(paper, [], date(1999, 1, 5))

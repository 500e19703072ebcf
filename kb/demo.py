"""The offline demo set: an arXiv-format RSS feed per category and PDFs written with PyMuPDF.

arXiv is out of reach offline and real papers may not be copied into the repository, so the
main command runs the whole pipeline on these generated papers (clearly labelled DEMO).
Generation is deterministic: the same bytes every run.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import date, datetime, timedelta, timezone
from email.utils import format_datetime
from pathlib import Path
from xml.sax.saxutils import escape

import pymupdf

from kb.demo_papers import PAPERS

DEMO_DAY = date(2025, 12, 9)
DEMO_CATEGORIES = ("cs.AI", "cs.LG", "cs.CV", "cs.RO")
NO_PDF = {"2512.99009", "2512.99010"}
_EST = timezone(timedelta(hours=-5))
_PAGE = pymupdf.paper_rect("letter")
_MARGIN = 54


@dataclass(frozen=True)
class DemoSet:
    """Where the demo feeds and PDFs were written, and the day they announce."""

    feed_paths: list[Path]
    pdf_dir: Path
    day: date


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


def abstract_of(p: dict) -> str:
    """The paper's abstract, built from its facts."""
    code = f" Code is available at {p['code']}." if p.get("code") else ""
    return (
        f"We study {p['problem']}. However, {p['gap']}. We propose {p['name']}, which "
        f"{p['idea']}. Experiments on {p['datasets']} show that {p['result']}.{code}"
    )


def sections_of(p: dict) -> list[tuple[str, list[str]]]:
    """Section titles and paragraphs of the paper body."""
    name, parts = p["name"], p["parts"]
    return [
        (
            "1 Introduction",
            [
                f"This paper studies {p['problem']}. The problem matters because progress in this "
                f"area is measured on {p['datasets']}, and practitioners need methods that are both "
                f"accurate and efficient.",
                f"However, {p['gap']}. This gap motivates our work: a method should keep what works "
                f"in current systems while removing this weakness.",
                f"Our contributions are: (1) we propose {name}, which {p['idea']}; (2) we design "
                f"{parts[0]}, {parts[1]}, and {parts[2]}; (3) we evaluate on {p['datasets']}, where "
                f"{p['result']}.",
            ],
        ),
        (
            "2 Related Work",
            [
                f"The closest prior work includes {p['baselines']}. These methods established "
                f"strong results but share the limitation that {p['gap']}.",
                f"In contrast to them, {name} {p['idea']}. We compare against all of them in "
                f"Section 4 under the same training budget.",
            ],
        ),
        ("3 Method", []),
        (
            "3.1 Overview",
            [
                f"{_cap(name)} {p['idea']}. The design keeps the number of parameters comparable to "
                f"the baselines so that improvements come from the structure rather than size.",
            ],
        ),
        (
            "3.2 Components",
            [
                f"The first component is {parts[0]}. It is trained jointly with the rest of the "
                f"model. The second component is {parts[1]}. The third component is {parts[2]}.",
                "All components are trained end to end with the Adam optimizer, a cosine learning "
                "rate schedule and early stopping on a held-out validation split.",
            ],
        ),
        ("4 Experiments", []),
        (
            "4.1 Setup",
            [
                f"We evaluate on {p['datasets']}. We report {p['metrics']}. We compare with "
                f"{p['baselines']}, using the hyperparameters recommended by their authors.",
            ],
        ),
        (
            "4.2 Main Results",
            [
                f"Table 1 summarises the main results. {_cap(p['result'])}. The improvement is "
                f"consistent across all settings we tested.",
            ],
        ),
        (
            "4.3 Ablation Study",
            [
                f"We ablate each component of {name}. {_cap(p['ablation'])}. This confirms that "
                f"every component contributes to the final performance.",
            ],
        ),
        (
            "5 Limitations",
            [
                f"Our study has limitations. {_cap(p['limitation'])}. In addition, all experiments "
                f"use public or in-house data whose distribution may differ from other deployments.",
            ],
        ),
        (
            "6 Conclusion and Future Work",
            [
                f"We presented {name}, which {p['idea']}. {_cap(p['result'])}. "
                f"{_cap(p['future'])}.",
            ],
        ),
    ]


def _references(p: dict) -> list[str]:
    names = [b.strip() for b in p["baselines"].replace(" and ", ", ").split(",") if b.strip()]
    refs = [f"A. Author and B. Author. {n}: a strong baseline. In Proc. of a Conference, 2024."
            for n in names]  # fmt: skip
    refs += [
        "C. Writer, D. Reader. A survey of the field. Journal of Examples, 12(3):1-30, 2023.",
        "E. Tester. Benchmarks and how to read them. arXiv preprint, 2022.",
        "F. Builder, G. Maker. Efficient training at scale. In Proc. of a Workshop, 2025.",
        "H. Analyst. On the evaluation of learned systems. Transactions of Examples, 2021.",
    ]
    return refs[:12]


def _body_html(p: dict) -> str:
    out = []
    for title, paragraphs in sections_of(p):
        level = "h3" if "." in title.split()[0] else "h2"
        out.append(f"<{level}>{html.escape(title)}</{level}>")
        out.extend(f"<p>{html.escape(par)}</p>" for par in paragraphs)
        if title == "4.2 Main Results":
            out.append(
                "<p><b>Table 1.</b> Main results.</p><table><tr><th>Model</th>"
                "<th>Result</th></tr>"
                + "".join(f"<tr><td>{html.escape(b)}</td><td>baseline</td></tr>"
                          for b in p["baselines"].replace(" and ", ", ").split(", "))
                + f"<tr><td><b>{html.escape(p['name'])}</b></td><td><b>best</b></td></tr></table>"
            )  # fmt: skip
    out.append("<h2>References</h2>")
    out.extend(f"<p>[{i}] {html.escape(r)}</p>" for i, r in enumerate(_references(p), start=1))
    return "".join(out)


_CSS = (
    "* {font-family: serif; font-size: 10pt; line-height: 1.3;} "
    "h1 {font-size: 16pt; font-weight: bold; text-align: center;} "
    "h2 {font-size: 11.5pt; font-weight: bold; margin-top: 8pt;} "
    "h3 {font-size: 10.5pt; font-weight: bold; margin-top: 6pt;} "
    "p {text-align: justify; margin-bottom: 5pt;} .authors {text-align: center;} "
    "td, th {font-size: 9pt; padding: 2pt;}"
)


def write_pdf(p: dict, path: Path) -> None:
    """Title page in one column, then a two-column body with headers and page numbers."""
    head = (
        f"<h1>{html.escape(p['title'])}</h1><p class='authors'>"
        f"{html.escape(', '.join(p['authors']))}</p>"
        f"<h2>Abstract</h2><p>{html.escape(abstract_of(p))}</p>"
    )
    head_story = pymupdf.Story(head, user_css=_CSS)
    body_story = pymupdf.Story(_body_html(p), user_css=_CSS)
    width, height = _PAGE.width, _PAGE.height
    col_w = (width - 2 * _MARGIN - 18) / 2
    tmp = path.with_suffix(".tmp.pdf")
    writer = pymupdf.DocumentWriter(str(tmp))
    top = _MARGIN + 14
    first = True
    more = True
    while more:
        device = writer.begin_page(_PAGE)
        if first:
            _, filled = head_story.place(pymupdf.Rect(_MARGIN, top, width - _MARGIN, height / 2))
            head_story.draw(device)
            col_top = pymupdf.Rect(filled).y1 + 12
            first = False
        else:
            col_top = top
        for x0 in (_MARGIN, _MARGIN + col_w + 18):
            if more:
                rect = pymupdf.Rect(x0, col_top, x0 + col_w, height - _MARGIN - 10)
                more, _ = body_story.place(rect)
                body_story.draw(device)
        writer.end_page()
    writer.close()
    doc = pymupdf.open(tmp)
    short = p["title"].split(":")[0]
    for number, page in enumerate(doc, start=1):
        page.insert_text((_MARGIN, _MARGIN - 8), f"{short} - arxiv-kb demo", fontsize=8)
        page.insert_text((width / 2 - 4, height - _MARGIN + 20), str(number), fontsize=8)
    stamp = "D:20251209000000-05'00'"
    doc.set_metadata({"title": p["title"], "author": ", ".join(p["authors"]),
                      "creationDate": stamp, "modDate": stamp, "producer": "arxiv-kb demo"})  # fmt: skip
    data = doc.tobytes(garbage=3, deflate=True, no_new_id=True)
    doc.close()
    tmp.unlink()
    _write_if_changed(path, data)


def _write_if_changed(path: Path, data: bytes) -> None:
    if path.exists() and path.read_bytes() == data:
        return
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    tmp.replace(path)


def _item(p: dict, category: str) -> str:
    primary = p["cats"][0]
    replaced = p["version"] > 1
    kind = (
        ("replace" if replaced else "new")
        if category == primary
        else ("replace-cross" if replaced else "cross")
    )
    vid = f"{p['id']}v{p['version']}"
    stamp = format_datetime(datetime(2025, 12, 9, tzinfo=_EST))
    cats = "".join(f"\n      <category>{c}</category>" for c in p["cats"])
    return (
        f"    <item>\n      <title>{escape(p['title'])}</title>\n"
        f"      <link>https://arxiv.org/abs/{p['id']}</link>\n"
        f"      <description>arXiv:{vid} Announce Type: {kind} \nAbstract: "
        f"{escape(abstract_of(p))}</description>\n"
        f'      <guid isPermaLink="false">oai:arXiv.org:{vid}</guid>{cats}\n'
        f"      <pubDate>{stamp}</pubDate>\n      <arxiv:announce_type>{kind}</arxiv:announce_type>\n"
        f"      <dc:rights>http://creativecommons.org/licenses/by/4.0/</dc:rights>\n"
        f"      <dc:creator>{escape(', '.join(p['authors']))}</dc:creator>\n    </item>\n"
    )


def feed_xml(category: str) -> str:
    """One category's RSS 2.0 feed for the demo day, in arXiv's layout."""
    stamp = format_datetime(datetime(2025, 12, 9, tzinfo=_EST))
    items = "".join(_item(p, category) for p in PAPERS if category in p["cats"])
    return (
        "<?xml version='1.0' encoding='UTF-8'?>\n"
        '<rss xmlns:arxiv="http://arxiv.org/schemas/atom" '
        'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:atom="http://www.w3.org/2005/Atom" '
        'xmlns:content="http://purl.org/rss/1.0/modules/content/" version="2.0">\n  <channel>\n'
        f"    <title>{category} updates on arXiv.org (arxiv-kb DEMO feed)</title>\n"
        f"    <link>http://rss.arxiv.org/rss/{category}</link>\n"
        f"    <description>DEMO: fictional papers generated by arxiv-kb to run offline, in the "
        f"layout of the {category} feed.</description>\n"
        "    <language>en-us</language>\n"
        f"    <lastBuildDate>{stamp}</lastBuildDate>\n    <pubDate>{stamp}</pubDate>\n"
        f"{items}  </channel>\n</rss>\n"
    )


def write_demo(folder: Path) -> DemoSet:
    """Write (or keep, when unchanged) the demo feeds and PDFs under ``folder``."""
    folder = Path(folder)
    pdf_dir = folder / "pdfs"
    pdf_dir.mkdir(parents=True, exist_ok=True)
    feeds = []
    for category in DEMO_CATEGORIES:
        path = folder / f"{DEMO_DAY.isoformat()}_{category}.xml"
        _write_if_changed(path, feed_xml(category).encode("utf-8"))
        feeds.append(path)
    for p in PAPERS:
        if p["id"] not in NO_PDF:
            write_pdf(p, pdf_dir / f"{p['id']}v{p['version']}.pdf")
    return DemoSet(feeds, pdf_dir, DEMO_DAY)

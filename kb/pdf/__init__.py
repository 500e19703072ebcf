"""PDF -> clean body text with pages and sections, and the reference list split off (PyMuPDF).

MuPDF gives each page's lines with positions and fonts (``lines``). Cleaning removes rotated
margin text (arXiv's side stamp), review-copy line numbers, running headers and footers and
page numbers; columns are found per page from the gaps between narrow lines and read one after
the other (``layout``); headings are numbered or known titles set in bold or a larger size
(``headings``); title and authors come from the metadata or page 1 (``front``); the reference
list runs from its heading to an appendix heading or the end and is split into entries by
markers, hanging indents or gaps (``references``); paragraphs are assembled under their
sections (``assemble``). Hyphenated line breaks are joined and ligatures normalised (``text``).
``page_texts`` holds exactly the text that blocks (and so chunks) are made of, so a cited
sentence can be checked against its page.
"""

from kb.pdf.assemble import DEFAULT_SECTION
from kb.pdf.parse import parse_pdf

__all__ = ["DEFAULT_SECTION", "parse_pdf"]

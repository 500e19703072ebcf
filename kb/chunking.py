"""Pure chunking: body blocks -> chunks of whole sentences within one section, with pages.

The blocks of a section are read as one text (so a sentence broken by a column or page
break stays whole), cut into sentences, and packed into chunks of at most ``max_chars``.
Each chunk after the first of a section starts with the whole sentences of the chunk before
it that fit in ``overlap_chars``. A last chunk whose own text is shorter than ``min_chars``
joins the chunk before it. A chunk's text is always a
substring of the section's text, so it can be found again on the pages it names.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator
from dataclasses import dataclass

from kb.config import ChunkingSettings
from kb.sentences import split_sentences
from kb.types import ChunkDraft, ParsedDoc, TextBlock


@dataclass(frozen=True)
class _Piece:
    """A sentence (or a part of an over-long one) with the pages it is printed on."""

    text: str
    page: int
    page_end: int


def _runs(blocks: list[TextBlock]) -> Iterator[list[TextBlock]]:
    """Runs of consecutive blocks that share a section."""
    run: list[TextBlock] = []
    for block in blocks:
        if run and block.section != run[-1].section:
            yield run
            run = []
        if block.text.strip():
            run.append(block)
    if run:
        yield run


def _word_cuts(text: str, limit: int) -> Iterator[str]:
    """``text`` in parts of at most ``limit`` characters, cut at spaces (a longer word alone
    is cut where it must be)."""
    while len(text) > limit:
        cut = text.rfind(" ", 0, limit + 1)
        if cut <= 0:
            cut = limit
        yield text[:cut].rstrip()
        text = text[cut:].lstrip()
    if text:
        yield text


def _pieces(run: list[TextBlock], max_chars: int) -> list[_Piece]:
    """The run's text cut at sentence ends, each piece with its first and last page.

    Pieces are taken from the run's own text between sentence starts, so joined with single
    spaces they give that text back (the splitter may drop a closing quote; we do not).
    """
    texts = [" ".join(b.text.split()) for b in run]
    starts: list[int] = []
    offset = 0
    for text in texts:
        starts.append(offset)
        offset += len(text) + 1
    joined = " ".join(texts)
    pages = [b.page for b in run]

    def page_at(position: int) -> int:
        return pages[bisect.bisect_right(starts, position) - 1]

    bounds = [0]
    for sentence in split_sentences(joined)[1:]:
        at = joined.find(sentence[:40], bounds[-1] + 1)
        if at > bounds[-1]:
            bounds.append(at)
    bounds.append(len(joined) + 1)
    pieces: list[_Piece] = []
    for begin, end in zip(bounds, bounds[1:], strict=False):
        sentence = joined[begin : end - 1].strip()
        at = begin
        for part in _word_cuts(sentence, max_chars):
            at = joined.find(part, at)
            pieces.append(_Piece(part, page_at(at), page_at(at + len(part) - 1)))
            at += len(part)
    return pieces


def _size(pieces: list[_Piece]) -> int:
    return sum(len(p.text) for p in pieces) + max(0, len(pieces) - 1)


def _overlap(previous: list[_Piece], budget: int) -> list[_Piece]:
    """The end of a chunk repeated at the start of the next: the whole sentences that fit in
    ``budget`` characters, none when the last sentence alone is longer.

    (A tail of words cut out of a sentence was tried too: on the QA set it lowered evidence
    recall@5 from 0.85 to 0.83 and @10 from 0.98 to 0.95, as the fragment pulls the next
    chunk's vector towards a sentence it does not hold.)
    """
    if budget <= 0 or not previous:
        return []
    carried: list[_Piece] = []
    size = 0
    for piece in reversed(previous):
        extra = len(piece.text) + (1 if carried else 0)
        if size + extra > budget:
            break
        carried.insert(0, piece)
        size += extra
    return carried


def _pack(pieces: list[_Piece], settings: ChunkingSettings) -> list[list[_Piece]]:
    """Pieces grouped into chunks of at most ``max_chars``, each after the first of a section
    opening with the overlap; a tail with less than ``min_chars`` of new text joins the last."""
    groups: list[list[_Piece]] = []
    current: list[_Piece] = []
    repeated = 0  # how many pieces at the start of ``current`` repeat the previous chunk
    size = -1  # characters of " ".join(current)
    for piece in pieces:
        if len(current) > repeated and size + 1 + len(piece.text) > settings.max_chars:
            groups.append(current)
            current = _overlap(current, settings.overlap_chars)
            size = _size(current) if current else -1
            while current and size + 1 + len(piece.text) > settings.max_chars:
                current = current[1:]
                size = _size(current) if current else -1
            repeated = len(current)
        current.append(piece)
        size += 1 + len(piece.text)
    new = current[repeated:]
    if new:
        if groups and _size(new) < settings.min_chars:
            groups[-1] = [*groups[-1], *new]
        else:
            groups.append(current)
    return groups


def chunk_doc(doc: ParsedDoc, settings: ChunkingSettings | None = None) -> list[ChunkDraft]:
    """Cut a document's body into chunks of whole sentences, section by section.

    Args:
        doc: the parsed document (its blocks, in reading order).
        settings: ``max_chars`` per chunk, ``overlap_chars`` repeated between neighbours,
            ``min_chars`` under which a last piece joins the chunk before it.

    Returns:
        Chunks numbered 0..n-1 in reading order; each at most ``max_chars`` characters
        (``max_chars + min_chars`` for a section's last chunk that took in a small tail),
        never cut inside a word unless one word is longer than a chunk.
    """
    settings = settings or ChunkingSettings()
    drafts: list[ChunkDraft] = []
    for run in _runs(doc.blocks):
        for group in _pack(_pieces(run, settings.max_chars), settings):
            drafts.append(
                ChunkDraft(
                    ordinal=len(drafts),
                    page=min(p.page for p in group),
                    page_end=max(p.page_end for p in group),
                    section=run[0].section,
                    text=" ".join(p.text for p in group),
                )
            )
    return drafts

"""Pure chunking: body blocks -> chunks of whole sentences within one section, with pages."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from kb.config import ChunkingSettings
from kb.sentences import split_sentences
from kb.types import ChunkDraft, ParsedDoc, TextBlock


@dataclass
class _Piece:
    text: str
    page: int


def _pieces(block: TextBlock, max_chars: int) -> Iterator[_Piece]:
    """Sentences of a block; a sentence longer than a chunk is cut at word boundaries."""
    for sentence in split_sentences(block.text):
        while len(sentence) > max_chars:
            cut = sentence.rfind(" ", 0, max_chars)
            cut = cut if cut > max_chars // 2 else max_chars
            yield _Piece(sentence[:cut].strip(), block.page)
            sentence = sentence[cut:].strip()
        if sentence:
            yield _Piece(sentence, block.page)


def _sections(doc: ParsedDoc) -> Iterator[tuple[str, list[TextBlock]]]:
    """Runs of consecutive blocks that share a section."""
    run: list[TextBlock] = []
    for block in doc.blocks:
        if run and block.section != run[-1].section:
            yield run[-1].section, run
            run = []
        run.append(block)
    if run:
        yield run[-1].section, run


def chunk_doc(doc: ParsedDoc, settings: ChunkingSettings | None = None) -> list[ChunkDraft]:
    """Chunks of at most ``max_chars`` (sentences never cut unless longer than a chunk),
    consecutive chunks of a section sharing ~``overlap_chars`` of text, small tails merged.
    """
    settings = settings or ChunkingSettings()
    drafts: list[ChunkDraft] = []
    for section, blocks in _sections(doc):
        pieces = [p for b in blocks for p in _pieces(b, settings.max_chars)]
        groups: list[list[_Piece]] = []
        current: list[_Piece] = []
        size = 0
        for piece in pieces:
            if current and size + len(piece.text) + 1 > settings.max_chars:
                groups.append(current)
                overlap: list[_Piece] = []
                carried = 0
                for prev in reversed(current):
                    if carried + len(prev.text) > settings.overlap_chars:
                        break
                    overlap.insert(0, prev)
                    carried += len(prev.text) + 1
                current, size = overlap, carried
            current.append(piece)
            size += len(piece.text) + 1
        if current:
            new_part = current
            if groups and size < settings.min_chars:
                merged = groups[-1] + [p for p in new_part if p not in groups[-1]]
                if sum(len(p.text) + 1 for p in merged) <= settings.max_chars * 1.5:
                    groups[-1] = merged
                    new_part = []
            if new_part:
                groups.append(new_part)
        for group in groups:
            drafts.append(
                ChunkDraft(
                    ordinal=len(drafts),
                    page=min(p.page for p in group),
                    page_end=max(p.page for p in group),
                    section=section,
                    text=" ".join(p.text for p in group),
                )
            )
    return drafts

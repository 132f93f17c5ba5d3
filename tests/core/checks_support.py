"""Helpers for the checks tests: building small briefings, and the "nothing lost" audit."""

from __future__ import annotations

import re

from briefing.checks.context import sentence_spans
from briefing.importing import import_text
from briefing.model import Block, Briefing, ListBlock, ListItem, Paragraph, Run, Section, Table

_SPACES = re.compile(r"\s+")


def squash(text: str) -> str:
    """Text with its whitespace made single spaces, for comparing before and after whitespace fixes."""
    return _SPACES.sub(" ", text).strip()


def make(*blocks: Block, heading: str = "Background") -> Briefing:
    """A briefing with one section holding these blocks (ids must be set)."""
    briefing = Briefing()
    briefing.sections = [Section(briefing.new_id("s"), heading, 1, list(blocks))]
    briefing.next_id = 100
    return briefing


def para(block_id: str, text: str) -> Paragraph:
    """A one-run paragraph."""
    return Paragraph(block_id, [Run(text)])


def items(block_id: str, *texts: str) -> ListBlock:
    """A bulleted list of plain items."""
    return ListBlock(block_id, [ListItem(text) for text in texts])


def table(block_id: str, header: list[str], *rows: list[str]) -> Table:
    """A table with a delimiter row."""
    return Table(block_id, list(header), [list(row) for row in rows], "", [""] * len(header))


def text_of(text: str) -> Briefing:
    """A plain-text article imported."""
    return import_text(text)


def pieces(briefing: Briefing) -> list[str]:
    """What must never be lost: every non-empty table cell and every sentence of prose."""
    found: list[str] = []
    for _, block in briefing.blocks():
        if isinstance(block, Table):
            found += [squash(cell) for row in [block.header, *block.rows] for cell in row if cell.strip()]
            continue
        texts = [block.text] if isinstance(block, Paragraph) else []
        if isinstance(block, ListBlock):
            texts = [item.full_text for item in block.items]
        for text in texts:
            found += [squash(text[a:b]) for a, b in sentence_spans(text)]
    return [piece for piece in found if piece]


def corpus(briefing: Briefing) -> str:
    """Everything the model still says, plus everything the change log says was there before."""
    parts = [briefing.meta.title]
    for section, block in briefing.blocks():
        parts.append(section.heading)
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts += [item.full_text for item in block.items]
        elif isinstance(block, Table):
            parts.append(block.caption)
            parts += [cell for row in [block.header, *block.rows] for cell in row]
    parts += [change.before for change in briefing.changes]
    return "\n".join(squash(part) for part in parts)


def lost(original: list[str], briefing: Briefing) -> list[str]:
    """Pieces of the original that are neither in the model nor recorded as removed in the change log."""
    everything = corpus(briefing)
    return [piece for piece in original if piece not in everything]


def shapes(briefing: Briefing) -> list[tuple[int, int]]:
    """Each table's (columns, body rows)."""
    return [(b.column_count, len(b.rows)) for _, b in briefing.blocks() if isinstance(b, Table)]


def all_text(briefing: Briefing) -> str:
    """All the text of the model, for "this is gone" assertions."""
    parts = [briefing.meta.title] + [s.heading for s in briefing.sections]
    for _, block in briefing.blocks():
        if isinstance(block, Paragraph):
            parts.append(block.text)
        elif isinstance(block, ListBlock):
            parts += [item.full_text for item in block.items]
        elif isinstance(block, Table):
            parts += [block.caption] + [c for row in [block.header, *block.rows] for c in row]
    return "\n".join(parts)

"""Block kinds, registered once: their texts (what search, checks and pointers read), their name for
people, and whether comments can point into their text.

Adding a kind (a block quote, say) means a model class, an entry here, and its import and export.
Code that needs to know "what text does this block hold, and where" asks :func:`texts`; it does not
dispatch on the block's class.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass

from .model import Block, Briefing, ListBlock, Paragraph, Table
from .refs import HEADER_ROW, Ref


@dataclass(frozen=True)
class BlockKind:
    """What the editing core, search and naming need to know about one kind of block."""

    name: str
    cls: type
    #: The kind in words ("paragraph", "list", "table").
    label: str
    #: Every text the block holds, with a ref to it (``field`` names a part such as the caption or a
    #: list item's ``term``), in reading order.
    texts: Callable[[Block], Iterator[tuple[Ref, str]]]
    #: Whether comments can point at spans of its text (paragraphs, list items).
    spans: bool


def _paragraph_texts(block: Block) -> Iterator[tuple[Ref, str]]:
    assert isinstance(block, Paragraph)
    yield Ref(block_id=block.id), block.text


def _list_texts(block: Block) -> Iterator[tuple[Ref, str]]:
    assert isinstance(block, ListBlock)
    for index, item in enumerate(block.items):
        yield Ref(block_id=block.id, item=index, field="term"), item.term
        yield Ref(block_id=block.id, item=index, field="text"), item.text


def _table_texts(block: Block) -> Iterator[tuple[Ref, str]]:
    assert isinstance(block, Table)
    yield Ref(block_id=block.id, field="caption"), block.caption
    for column, cell in enumerate(block.header):
        yield Ref(block_id=block.id, row=HEADER_ROW, column=column), cell
    for row, cells in enumerate(block.rows):
        for column, cell in enumerate(cells):
            yield Ref(block_id=block.id, row=row, column=column), cell


KINDS: dict[str, BlockKind] = {
    kind.name: kind
    for kind in (
        BlockKind("paragraph", Paragraph, "paragraph", _paragraph_texts, True),
        BlockKind("list", ListBlock, "list", _list_texts, True),
        BlockKind("table", Table, "table", _table_texts, False),
    )
}


def kind_of(block: Block) -> BlockKind:
    """The registered kind of a block."""
    return KINDS[block.kind]


def texts(block: Block) -> Iterator[tuple[Ref, str]]:
    """Every text of a block with its ref."""
    return kind_of(block).texts(block)


def text_at(briefing: Briefing, ref: Ref, find_block: Callable[[str], Block | None] | None = None) -> str:
    """The text a ref names: a span of a paragraph or list item, an item, a cell, a row (cells joined by
    " | "), a heading; "" when it names no text (a whole table) or nothing any more. ``find_block``
    (a locator's ``block``) finds blocks in constant time when many refs are read."""
    if not ref.block_id:
        section = briefing.find_section(ref.section_id) if ref.section_id else None
        return section.heading if section is not None else ""
    block = (find_block or briefing.find_block)(ref.block_id)
    if block is None:
        rec = next((r for r in briefing.recommendations if r.id == ref.block_id), None)
        if rec is None:
            return ""
        return rec.text[ref.start : ref.end] if ref.has_span else rec.text
    text = ""
    if isinstance(block, Paragraph):
        text = block.text
    elif isinstance(block, ListBlock):
        if ref.item is None or not 0 <= ref.item < len(block.items):
            return ""
        text = block.items[ref.item].full_text
    elif isinstance(block, Table):
        if ref.field == "caption":
            return block.caption
        if ref.row is None:
            return ""
        if ref.row != HEADER_ROW and not 0 <= ref.row < len(block.rows):
            return ""
        cells = block.header if ref.row == HEADER_ROW else block.rows[ref.row]
        if ref.column is None:
            return " | ".join(cells)
        return cells[ref.column] if 0 <= ref.column < len(cells) else ""
    if ref.start is not None and ref.end is not None:
        return text[ref.start : ref.end]
    return text

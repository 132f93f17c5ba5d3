"""Fix actions shared by the text rules: remove or replace a span of prose, remove a whole block.

A span is given by block, list item and offsets *and* the text expected there; if the text moved (an
earlier fix in the same paragraph), the action looks for it again, and if it is gone it does nothing —
which is what makes these fixes idempotent.
"""

from __future__ import annotations

from typing import Any

from ..model import Block, ListBlock, Paragraph, Table
from .context import sentence_spans
from .edits import Edit
from .findings import Fix, Outcome, Target

_TRAILING_JUNK = " \t\n,;:–—-"


def unit_text(block: Block, item: int | None) -> str | None:
    """The text a span indexes: a paragraph's text or a list item's ``full_text``."""
    if isinstance(block, Paragraph) and item is None:
        return block.text
    if isinstance(block, ListBlock) and item is not None and 0 <= item < len(block.items):
        return block.items[item].full_text
    return None


def locate(text: str, start: int, end: int, expected: str) -> tuple[int, int] | None:
    """Where ``expected`` is now: at ``[start, end)`` if still there, else its first occurrence."""
    if text[start:end] == expected:
        return start, end
    found = text.find(expected)
    return (found, found + len(expected)) if found >= 0 and expected else None


def span_params(target: Target, expected: str, **extra: Any) -> dict[str, Any]:
    """The parameters of a span action for a target."""
    return {
        "section_id": target.section_id,
        "block_id": target.block_id,
        "item": target.item,
        "start": target.start,
        "end": target.end,
        "expected": expected,
        **extra,
    }


def remove_span_fix(label: str, target: Target, expected: str, safe: bool, note: str) -> Fix:
    """A fix removing ``expected`` at ``target`` (the unit goes too if nothing else is left in it)."""
    return Fix(label, safe, "text.remove-span", span_params(target, expected, note=note))


def replace_span_fix(
    label: str, target: Target, expected: str, replacement: str, safe: bool, note: str
) -> Fix:
    """A fix replacing ``expected`` at ``target`` with ``replacement``."""
    return Fix(
        label, safe, "text.replace-span", span_params(target, expected, replacement=replacement, note=note)
    )


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` overlapping ``[start, end)``, for the change log."""
    spans = [(a, b) for a, b in sentence_spans(text) if a < end and b > start] or [(start, end)]
    return text[spans[0][0] : spans[-1][1]]


def _where(edit: Edit, params: dict[str, Any]) -> tuple[Block, str] | None:
    block = edit.block(params["block_id"])
    if block is None:
        return None
    text = unit_text(block, params.get("item"))
    return (block, text) if text is not None else None


def remove_span(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Remove a span; a paragraph or list item with nothing left but punctuation is removed too."""
    found = _where(edit, params)
    if found is None:
        return None
    block, text = found
    span = locate(text, params["start"] or 0, params["end"] or 0, params["expected"])
    if span is None:
        return None
    start, end = span
    # Take the whitespace after the span with it (or before, at the end of the text).
    while end < len(text) and text[end] in " \t":
        end += 1
    if end == len(text):
        while start > 0 and text[start - 1] in " \t":
            start -= 1
    removed = text[span[0] : span[1]]
    where = Target(params.get("section_id", ""), block.id, item=params.get("item")).describe()
    rest = text[:start] + text[end:]
    item = params.get("item")
    assert isinstance(block, Paragraph | ListBlock)
    if not rest.strip(_TRAILING_JUNK):
        if isinstance(block, ListBlock) and item is not None and len(block.items) > 1:
            edit.remove_item(block, item)
        else:
            edit.remove_block(block.id)
    else:
        edit.replace_text(block, item, start, end, "")
    return Outcome(where, removed, "", params["note"])


def replace_span(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Replace a span with new text."""
    found = _where(edit, params)
    if found is None:
        return None
    block, text = found
    span = locate(text, params["start"] or 0, params["end"] or 0, params["expected"])
    if span is None or params["expected"] == params["replacement"]:
        return None
    start, end = span
    before = sentence_around(text, start, end)
    assert isinstance(block, Paragraph | ListBlock)
    edit.replace_text(block, params.get("item"), start, end, params["replacement"])
    new_text = unit_text(block, params.get("item")) or ""
    after = sentence_around(new_text, start, start + len(params["replacement"]))
    where = Target(params.get("section_id", ""), block.id, item=params.get("item")).describe()
    return Outcome(where, before, after, params["note"])


def block_text(block: Block) -> str:
    """A block as plain text for the change log: a paragraph, a list's items, a table's pipe rows."""
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        return "\n".join(f"{item.marker} {item.full_text}" for item in block.items)
    assert isinstance(block, Table)
    return "\n".join(pipe_row(row) for row in [block.header, *block.rows])


def pipe_row(cells: list[str]) -> str:
    """A table row as Markdown pipe text."""
    return "| " + " | ".join(cells) + " |" if cells else "|"


ACTIONS = {"text.remove-span": remove_span, "text.replace-span": replace_span}

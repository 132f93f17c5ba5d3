"""Fix actions shared by the text rules: remove or replace a span of prose, remove a whole block.

A span is given by block, list item and offsets *and* the text expected there; if the text moved (an
earlier fix in the same paragraph), the action looks for it again, and if it is gone it does nothing —
which is what makes these fixes idempotent.
"""

from __future__ import annotations

from typing import Any

from ..kinds import texts
from ..model import Block, ListBlock, Paragraph, Table
from ..refs import Ref
from .context import sentence_spans
from .edits import Edit
from .findings import Fix, Outcome

_TRAILING_JUNK = " \t\n,;:–—-"


def unit_text(block: Block, item: int | None) -> str | None:
    """The text a span indexes: a paragraph's text or a list item's ``full_text``; ``None`` for a block
    that has no such text (a table, an item that is gone)."""
    if isinstance(block, Paragraph) and item is None:
        return block.text
    if isinstance(block, ListBlock) and item is not None and 0 <= item < len(block.items):
        return block.items[item].full_text
    return None


#: Characters on each side of a span remembered to find it again (and to know when it is gone).
CONTEXT = 12


def context(text: str, start: int, end: int) -> dict[str, str]:
    """The text just before and after a span, stored with a fix to find the span again."""
    return {"prefix": text[max(0, start - CONTEXT) : start], "suffix": text[end : end + CONTEXT]}


def locate(text: str, params: dict[str, Any], replacement: str | None = None) -> tuple[int, int] | None:
    """Where a fix's span is now: at its offsets if the text there (and around it) is unchanged, else
    wherever the same text sits between the same neighbours; ``None`` when it is gone.

    With ``replacement``, an occurrence that is already part of the replacement ("U.S. President" inside
    "former U.S. President") does not count, so a replacement is never applied twice.
    """
    expected = params["expected"]
    if not expected:
        return None
    prefix, suffix = params.get("prefix", ""), params.get("suffix", "")
    shift = replacement.find(expected) if replacement else -1

    def fits(at: int) -> bool:
        if shift >= 0 and at >= shift and text.startswith(replacement or "", at - shift):
            return False
        end = at + len(expected)
        return text[at:end] == expected and text[:at].endswith(prefix) and text[end:].startswith(suffix)

    start = params.get("start") or 0
    if fits(start):
        return start, start + len(expected)
    found = text.find(expected)
    while found >= 0 and not fits(found):
        found = text.find(expected, found + 1)
    return (found, found + len(expected)) if found >= 0 else None


def span_params(target: Ref, expected: str, text: str | None = None, **extra: Any) -> dict[str, Any]:
    """The parameters of a span action for a target; ``text`` (the unit's text) adds the span's context."""
    params = {
        "section_id": target.section_id,
        "block_id": target.block_id,
        "item": target.item,
        "start": target.start,
        "end": target.end,
        "expected": expected,
        **extra,
    }
    if text is not None and target.start is not None and target.end is not None:
        params.update(context(text, target.start, target.end))
    return params


def remove_span_fix(
    label: str, target: Ref, expected: str, safe: bool, note: str, text: str | None = None
) -> Fix:
    """A fix removing ``expected`` at ``target`` (the unit goes too if nothing else is left in it)."""
    return Fix(label, safe, "text.remove-span", span_params(target, expected, text, note=note))


def replace_span_fix(
    label: str,
    target: Ref,
    expected: str,
    replacement: str,
    safe: bool,
    note: str,
    text: str | None = None,
) -> Fix:
    """A fix replacing ``expected`` at ``target`` with ``replacement``."""
    return Fix(
        label,
        safe,
        "text.replace-span",
        span_params(target, expected, text, replacement=replacement, note=note),
    )


def sentence_bounds(text: str, start: int, end: int) -> tuple[int, int]:
    """Where the sentence(s) of ``text`` overlapping ``[start, end)`` begin and end."""
    spans = [(a, b) for a, b in sentence_spans(text) if a < end and b > start] or [(start, end)]
    return min(spans[0][0], start), max(spans[-1][1], end)


def sentence_around(text: str, start: int, end: int) -> str:
    """The sentence(s) of ``text`` overlapping ``[start, end)``, for the change log."""
    first, last = sentence_bounds(text, start, end)
    return text[first:last]


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
    span = locate(text, params)
    if span is None:
        return None
    start, end = span
    # Take the whitespace after the span with it (or before, at the end of the text).
    while end < len(text) and text[end] in " \t":
        end += 1
    if end == len(text):
        while start > 0 and text[start - 1] in " \t":
            start -= 1
    where = Ref(params.get("section_id", ""), block.id, item=params.get("item"))
    rest = text[:start] + text[end:]
    item = params.get("item")
    assert isinstance(block, Paragraph | ListBlock)
    if not rest.strip(_TRAILING_JUNK):
        if isinstance(block, ListBlock) and item is not None and len(block.items) > 1:
            edit.remove_item(block, item)
        else:
            edit.remove_block(block.id)
        return Outcome(where, text, "", params["note"])
    edit.replace_text(block, item, start, end, "")
    # The change log shows the whole sentence(s) the span was in, before and after.
    first, last = sentence_bounds(text, min(start, span[0]), max(end, span[1]))
    after = rest[first : last - (end - start)].strip()
    return Outcome(where, text[first:last].strip(), after, params["note"])


def replace_span(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Replace a span with new text."""
    found = _where(edit, params)
    if found is None:
        return None
    block, text = found
    span = locate(text, params, params["replacement"])
    if span is None or params["expected"] == params["replacement"]:
        return None
    start, end = span
    before = sentence_around(text, start, end)
    assert isinstance(block, Paragraph | ListBlock)
    edit.replace_text(block, params.get("item"), start, end, params["replacement"])
    new_text = unit_text(block, params.get("item")) or ""
    after = sentence_around(new_text, start, start + len(params["replacement"]))
    where = Ref(params.get("section_id", ""), block.id, item=params.get("item"))
    return Outcome(where, before, after, params["note"])


def block_text(block: Block) -> str:
    """A block as plain text for the change log: a paragraph, a list's items, a table's pipe rows; any
    other kind, its texts one a line."""
    if isinstance(block, Paragraph):
        return block.text
    if isinstance(block, ListBlock):
        return "\n".join(f"{item.marker} {item.full_text}" for item in block.items)
    if isinstance(block, Table):
        return "\n".join(pipe_row(row) for row in [block.header, *block.rows])
    return "\n".join(text for _, text in texts(block) if text)


def pipe_row(cells: list[str]) -> str:
    """A table row as Markdown pipe text."""
    return "| " + " | ".join(cells) + " |" if cells else "|"


ACTIONS = {"text.remove-span": remove_span, "text.replace-span": replace_span}

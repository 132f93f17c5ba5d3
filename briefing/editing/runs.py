"""Replacing a stretch of text: in formatted paragraph runs (the rest keeps its formatting) and in a
list item (whose full text is a term, a separator and a text)."""

from __future__ import annotations

import copy

from ..model import ListItem, Run


def retext_runs(runs: list[Run], value: str) -> list[Run]:
    """New runs carrying ``value``: the unchanged prefix and suffix keep their runs' formatting."""
    old = "".join(run.text for run in runs)
    if not runs:
        return [Run(value)] if value else []
    prefix = 0
    while prefix < min(len(old), len(value)) and old[prefix] == value[prefix]:
        prefix += 1
    suffix = 0
    limit = min(len(old), len(value)) - prefix
    while suffix < limit and old[len(old) - 1 - suffix] == value[len(value) - 1 - suffix]:
        suffix += 1
    return splice_runs(runs, prefix, len(old) - suffix, value[prefix : len(value) - suffix])


def splice_runs(runs: list[Run], start: int, end: int, new: str) -> list[Run]:
    """Runs with ``[start, end)`` of their text replaced by ``new``, in the format found at ``start``."""
    result: list[Run] = []
    position = 0
    inserted = False
    for run in runs:
        run_start, run_end = position, position + len(run.text)
        position = run_end
        keep_before = run.text[: max(0, min(start, run_end) - run_start)]
        keep_after = run.text[max(0, end - run_start) :] if end < run_end else ""
        if keep_before:
            result.append(Run(keep_before, run.bold, run.italic, run.href))
        if (
            not inserted
            and run_start <= start <= run_end
            and (start < run_end or run is runs[-1] or end == start)
        ):
            if new:
                result.append(Run(new, run.bold, run.italic, run.href))
            inserted = True
        if keep_after:
            result.append(Run(keep_after, run.bold, run.italic, run.href))
    if not inserted and new:
        result.append(Run(new))
    return [run for run in result if run.text]


def splice_item(item: ListItem, start: int, end: int, new: str) -> tuple[ListItem, list[int] | None]:
    """A copy of ``item`` with ``[start, end)`` of its full text replaced by ``new``, and the changed span
    ``[start, old end, new end]`` for the pointers (``None`` when the item's shape changed too).

    An edit inside the term or inside the text keeps the two apart; one across the separator makes the
    item a single text; a term edited away takes its separator with it.
    """
    changed = copy.copy(item)
    old_full = item.full_text
    term_end = len(item.term)
    text_start = term_end + len(item.separator)
    if item.term and end <= term_end:
        changed.term = item.term[:start] + new + item.term[end:]
    elif not item.term or start >= text_start:
        offset = text_start if item.term else 0
        changed.text = item.text[: start - offset] + new + item.text[end - offset :]
    else:  # the span crosses the separator: keep the item as one text
        changed.text = old_full[:start] + new + old_full[end:]
        changed.term = changed.separator = ""
    if changed.separator and not changed.term.strip():
        changed.term = changed.separator = ""
    exact = changed.full_text == old_full[:start] + new + old_full[end:]
    return changed, [start, end, start + len(new)] if exact else None

"""Formatted paragraph text: replacing a stretch of it while the rest keeps its formatting."""

from __future__ import annotations

from ..model import Run


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

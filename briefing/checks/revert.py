"""Reverting one applied fix out of order, when that is still exact.

A fix records undo steps for the blocks, rows, sections and entries it changed. If all of those are
still as the fix left them, replaying its steps restores exactly what was there before, whatever else
changed since; if any was edited since, reverting it alone could destroy that edit, so it is refused.
"""

from __future__ import annotations

from typing import Any

from ..model import Briefing
from ..project import _dump
from .findings import AppliedFix


def fingerprint(briefing: Briefing, applied: AppliedFix) -> list[tuple[str, str, Any]]:
    """A comparable picture of everything the fix touched, as it is now."""
    state: list[tuple[str, str, Any]] = []
    for step in applied.steps:
        block = getattr(step, "block", None)
        block_id = getattr(step, "block_id", None) or (block.id if block is not None else None)
        if block_id is not None:
            current = briefing.find_block(block_id)
            state.append(("block", block_id, _dump(current) if current is not None else None))
        section = getattr(step, "section", None)
        if section is not None:
            found = briefing.find_section(section.id)
            state.append(("section", section.id, (found.heading, found.level) if found else None))
        entry = getattr(step, "entry", None)
        if entry is not None:
            current = next((e for e in getattr(briefing, step.attribute) if e.id == entry.id), None)
            state.append(("entry", entry.id, _dump(current) if current is not None else None))
        if hasattr(step, "meta"):
            state.append(("meta", "", _dump(briefing.meta)))
    return state


def still_applies(briefing: Briefing, applied: AppliedFix, after: list[tuple[str, str, Any]]) -> bool:
    """Whether what the fix touched is unchanged since ``after`` was taken (right after the fix)."""
    return applied.change is not None and fingerprint(briefing, applied) == after

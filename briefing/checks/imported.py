"""Findings for what import had to decide: each :class:`~briefing.model.ImportNote` becomes one.

Import keeps every character but sometimes has to choose (an 8-bit encoding, how deep a list may nest);
the note it leaves says what it chose, and this check puts that in front of the analyst. There is no fix:
the remedy is to re-save the article (in UTF-8, with shallower nesting) or to accept the choice.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..refs import SOURCE, Ref
from .context import CheckContext
from .findings import Finding
from .rules import RULES


def check_import_notes(ctx: CheckContext) -> Iterator[Finding]:
    """One finding per import note, placed on the article file; the message is its own subject, so two
    notes of one rule are ignored separately."""
    for note in ctx.briefing.import_notes:
        rule = RULES.get(note.rule)
        if rule is None:  # a rule of a newer version that this one does not know
            continue
        where = f"Line {note.line}: " if note.line else ""
        message = where + note.message
        yield Finding(rule.id, rule.severity, message, Ref(SOURCE), subject=message, source_line=note.line)


CHECKS = [check_import_notes]

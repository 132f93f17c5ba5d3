"""What an export is asked to do and what it reports back; plain data, so the GUI can build it cheaply."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

#: The templates shipped in ``resources/templates``, by the name the CLI and the GUI use.
BUILTIN_TEMPLATES = ("briefing-note", "decision-memo", "us-action-memo", "uk-submission")
#: How a decision line looks: blanks to initial, or tick boxes.
DECISION_LINE_STYLES = ("lines", "boxes")


@dataclass
class ExportOptions:
    """Choices for one Word export; every field has a sensible default."""

    #: A built-in template name, or the path of a user's .docx used as the style source.
    #: Empty: chosen by the briefing's purpose (decision → ``decision-memo``, else ``briefing-note``).
    template: str = ""
    #: Overrides ``meta.classification`` in the banner and the document properties.
    classification: str | None = None
    #: The "Corrections to the source" appendix; ``None`` means on when the briefing has changes.
    include_corrections: bool | None = None
    #: ``"lines"`` or ``"boxes"``; ``None`` keeps the template's setting.
    decision_line: str | None = None
    #: Export the analyst's comments as Word comments.
    include_comments: bool = True
    #: Also export comments marked resolved; Word shows them resolved (done), not open.
    include_resolved_comments: bool = True
    #: Show the corrections as Word tracked changes (``w:ins``/``w:del``) where they were made, so that a
    #: reviewer accepts or rejects each in Word; the appendix then lists only the others
    #: (see :mod:`.tracked`).
    tracked_changes: bool = False
    #: The date printed in the header block; ``None`` uses ``meta.date``, else today.
    date: str | None = None


@dataclass
class ExportResult:
    """What an export wrote and what the user should know about it."""

    path: Path
    #: The template actually used: a built-in name or the user's path.
    template: str
    #: Things the export changed or could not do, one sentence each (e.g. dropped characters).
    warnings: list[str] = field(default_factory=list)
    comments: int = 0
    tables: int = 0

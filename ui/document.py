"""The open briefing as the GUI sees it: the model, its file, its undo stack and change signals."""

from __future__ import annotations

import hashlib
from pathlib import Path

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing.model import Briefing


def file_digest(path: Path) -> str | None:
    """A hash of a file's bytes, to notice when someone else changed it; ``None`` if it is gone."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class BriefingDocument(QObject):
    """Owns the briefing being edited. Undo commands change it through :mod:`briefing.edits` and then
    call :meth:`notify`, and every view listens to :attr:`changed` instead of to each other."""

    #: Something changed: ``kind`` is "meta", "section", "block", "table", "structure" or
    #: "recommendations"; ``item_id`` is the section or block id ("" for meta and structure).
    changed = Signal(str, str)

    def __init__(self, briefing: Briefing, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.briefing = briefing
        #: Where the project is saved; ``None`` until the first save of an imported article.
        self.path: Path | None = None
        #: The article it was imported from, if any (suggests the Save As name).
        self.source_path: Path | None = None
        #: The project file's hash when it was opened or last saved.
        self.saved_digest: str | None = None
        self.undo_stack = QUndoStack(self)
        #: Fix commands applied in this session, by the id of the change-log entry each made; the
        #: corrections log reverts one out of order through it.
        self.applied_fixes: dict[str, QUndoCommand] = {}
        #: The article's text when it was imported in this session (checks about what import leaves
        #: out, such as trailing blank lines, need it).
        self.source_text: str | None = None

    def push(self, command: QUndoCommand) -> None:
        """Do an edit (its ``redo()``) and make it undoable."""
        self.undo_stack.push(command)

    def notify(self, kind: str, item_id: str = "") -> None:
        """Tell the views what changed."""
        self.changed.emit(kind, item_id)

    @property
    def modified(self) -> bool:
        """Whether there are edits not yet saved."""
        return not self.undo_stack.isClean()

    @property
    def display_name(self) -> str:
        """The name for the title bar: the project's file name, else the article's, else "Untitled"."""
        if self.path is not None:
            return self.path.name
        if self.source_path is not None:
            return self.source_path.name
        return "Untitled"

    def mark_saved(self, path: Path) -> None:
        """Remember where and what was saved."""
        self.path = path
        self.saved_digest = file_digest(path)
        self.undo_stack.setClean()

    def changed_on_disk(self) -> bool:
        """Whether the project file was changed by someone else since it was opened or saved."""
        if self.path is None or self.saved_digest is None or not self.path.exists():
            return False
        return file_digest(self.path) != self.saved_digest

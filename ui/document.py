"""The open briefing as the GUI sees it: the model, its file, its undo stack and change signals."""

from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from briefing.editing import ChangeEvent, StepError
from briefing.errors import BriefingError
from briefing.model import Briefing

if TYPE_CHECKING:
    from .commands import Maker, TransactionCommand


def file_digest(path: Path) -> str | None:
    """A hash of a file's bytes, to notice when someone else changed it; ``None`` if it is gone."""
    try:
        return hashlib.sha256(path.read_bytes()).hexdigest()
    except OSError:
        return None


class BriefingDocument(QObject):
    """Owns the briefing being edited. Every edit is a :class:`~ui.commands.TransactionCommand` of the
    editing core; after each do, undo and redo it emits :attr:`changed` with the transaction's typed
    events, and every view listens to that instead of to each other."""

    #: What changed: a ``list[briefing.editing.ChangeEvent]`` (see :mod:`briefing.editing.events`).
    changed = Signal(object)
    #: An edit did not fit the briefing as it is now and changed nothing: one sentence for the user.
    refused = Signal(str)

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
        #: The article's text when it was imported in this session (checks about what import leaves
        #: out, such as trailing blank lines, need it).
        self.source_text: str | None = None

    def push(self, command: QUndoCommand) -> None:
        """Do an edit (its ``redo()``) and make it undoable."""
        self.undo_stack.push(command)

    def edit(self, label: str, make: Maker, merge_key: Hashable | None = None) -> TransactionCommand:
        """Make an edit: ``make(briefing)`` returns the transaction(s); pushed as one undo step.

        Returns the command: its ``result`` is what ``make`` returned, its ``error`` what it raised. An
        edit that does not fit (a core error) changes nothing and is reported through :attr:`refused`;
        any other exception is a bug and is raised.
        """
        from .commands import TransactionCommand

        command = TransactionCommand(self, label, make, merge_key)
        self.undo_stack.push(command)
        error = command.error
        if isinstance(error, (StepError, BriefingError)):  # the edit does not fit: say so, change nothing
            self.refused.emit(f"{label}: nothing was changed ({error}).")
        elif error is not None:
            raise error  # a bug: the crash handler shows it and writes a recovery copy
        return command

    def notify(self, events: Iterable[ChangeEvent]) -> None:
        """Tell the views what changed."""
        events = list(events)
        if events:
            self.changed.emit(events)

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


# --- reading events --------------------------------------------------------------------------------------


def mentions(events: list[ChangeEvent], item_id: str, what: tuple[str, ...] = ("block", "section")) -> bool:
    """Whether an event is about this block or section (or entry, with ``what``)."""
    return any(event.id == item_id and event.what in what for event in events)


def structural(events: list[ChangeEvent]) -> bool:
    """Whether sections or blocks were inserted, removed, moved or replaced."""
    return any(event.structural or event.action == "replaced" for event in events)


def about(events: list[ChangeEvent], *what: str) -> bool:
    """Whether any event is about one of these kinds of thing (``comments``, ``meta``…)."""
    return any(event.what in what for event in events)

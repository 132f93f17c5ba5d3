"""What every text field of the editor shares: its Undo and Redo keys go to the document's undo stack,
and Qt's change reports are narrowed to the stretch that really changed."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject
from PySide6.QtGui import QKeyEvent, QKeySequence
from PySide6.QtWidgets import QPlainTextEdit, QTextEdit, QWidget

from briefing.editing.steps import text_diff


class UndoToStack(QObject):
    """Sends Ctrl+Z / Ctrl+Y of a text field to the window's Undo and Redo instead of the field's own
    undo, which knows nothing of the model (it would undo the loading of the text and blank the field)."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() == QEvent.Type.ShortcutOverride and isinstance(event, QKeyEvent):
            if event.matches(QKeySequence.StandardKey.Undo) or event.matches(QKeySequence.StandardKey.Redo):
                event.ignore()  # not the field's: the shortcut goes to the window's action
                return True
        return False


def route_undo(widget: QWidget, parent: QObject) -> None:
    """Make a text field's Undo and Redo keys reach the document's undo stack."""
    if isinstance(widget, (QTextEdit, QPlainTextEdit)):
        widget.setUndoRedoEnabled(False)
    filter_ = parent.findChild(UndoToStack, "undoToStack")
    if filter_ is None:
        filter_ = UndoToStack(parent)
        filter_.setObjectName("undoToStack")
    widget.installEventFilter(filter_)


def text_span(old: str, new: str, position: int, removed: int, added: int) -> tuple[int, int, int] | None:
    """The changed stretch ``(start, old end, new end)`` from a ``contentsChange`` report, checked
    against the texts and narrowed to what really changed; ``None`` when the report does not fit
    (then the core compares the texts)."""
    excess = max(position + removed - len(old), position + added - len(new), 0)
    removed, added = removed - excess, added - excess  # Qt counts the closing paragraph mark
    if position < 0 or removed < 0 or added < 0:
        return None
    old_end, new_end = position + removed, position + added
    if old[:position] != new[:position] or old[old_end:] != new[new_end:]:
        return None
    # A format change reports its whole range: only the text that changed inside it counts.
    start, old_stop, new_stop = text_diff(old[position:old_end], new[position:new_end])
    return position + start, position + old_stop, position + new_stop

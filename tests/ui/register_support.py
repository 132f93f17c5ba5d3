"""Editing the register's cells as a user does: click the row, double-click the cell, choose or type,
press Enter."""

from __future__ import annotations

from PySide6.QtCore import QPoint, Qt
from PySide6.QtWidgets import QComboBox, QDateEdit, QLineEdit, QWidget

from ui.recommendations import COLUMN


def cell_point(view, index) -> QPoint:
    """The middle of a cell's visible part (scrolled to first)."""
    view.scrollTo(index)
    return view.visualRect(index).intersected(view.viewport().rect()).center()


def _open_editor(view) -> QWidget:
    """The cell editor that is open (closed ones linger until Qt deletes them)."""
    editors = [
        widget
        for widget in view.viewport().findChildren(QWidget)
        if isinstance(widget, (QComboBox, QDateEdit, QLineEdit))
        and widget.isVisible()
        and not isinstance(widget.parent(), QDateEdit)  # a date editor's own line
    ]
    assert len(editors) == 1, editors
    return editors[0]


def edit_register_cell(qtbot, window, row: int, name: str, value: str) -> None:
    """Set the register's ``name`` cell ("decision", "owner", "due", …) on a shown row to ``value``."""
    panel = window.recommendations
    view = panel.view
    index = panel.proxy.index(row, COLUMN[name])

    def in_sight() -> bool:
        view.scrollTo(index)
        return not view.visualRect(index).intersected(view.viewport().rect()).isEmpty()

    # Rows that just grew with their text change how far the register scrolls only once Qt has laid
    # them out (a turn of the event loop later); a user sees the row settle before clicking it.
    qtbot.waitUntil(in_sight, timeout=2000)
    point = cell_point(view, index)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    assert view.state() == view.State.EditingState, f"no editor opened on the {name} cell"
    editor = _open_editor(view)
    if isinstance(editor, QComboBox):
        assert editor.findText(value) >= 0, value
        editor.setCurrentIndex(editor.findText(value))  # chosen from the drop-down
    elif isinstance(editor, QDateEdit):
        qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(editor, value)
    else:
        assert isinstance(editor, QLineEdit)
        qtbot.keyClick(editor, Qt.Key.Key_A, Qt.KeyboardModifier.ControlModifier)
        qtbot.keyClicks(editor, value)
    qtbot.keyClick(editor, Qt.Key.Key_Return)
    # Qt commits the editor's value on the next turn of the event loop.
    qtbot.waitUntil(lambda: view.state() != view.State.EditingState, timeout=2000)

"""Shared GUI test helpers."""

from __future__ import annotations

from ui.main_window import MainWindow


def open_window(qtbot, settings, path=None) -> MainWindow:
    """A shown main window with ``path`` loaded (and waited for)."""
    window = MainWindow(settings)
    qtbot.addWidget(window)
    window.show()
    if path is not None:
        with qtbot.waitSignal(window.documentLoaded, timeout=5000):
            window.open_path(path)
    return window


def outline_rows(window: MainWindow) -> list[tuple[str, str]]:
    """(label, kind) of the outline's top-level rows."""
    from ui.outline import KIND_ROLE

    model = window.outline.model()
    return [(model.index(r, 0).data(), model.index(r, 0).data(KIND_ROLE)) for r in range(model.rowCount())]


def tables(window: MainWindow):
    """The briefing's tables in reading order."""
    from briefing.model import Table

    return [block for _, block in window.doc.briefing.blocks() if isinstance(block, Table)]


# --- the document view: click where the user would, then type -------------------------------------------


def click_text(qtbot, window: MainWindow, needle: str, offset: int = 0, occurrence: int = 0) -> None:
    """Scroll the document view to the ``occurrence``-th ``needle`` and click just before its
    character ``offset`` (as a user clicks into a word)."""
    from PySide6.QtCore import Qt
    from PySide6.QtGui import QTextCursor, QTextDocument

    view = window.document_view
    window.stack.setCurrentWidget(view)
    found = QTextCursor(view.document())
    for _ in range(occurrence + 1):
        found = view.document().find(needle, found, QTextDocument.FindFlag.FindCaseSensitively)
        assert not found.isNull(), f"{needle!r} is not on the page"
    position = found.selectionStart() + offset
    place = QTextCursor(view.document())
    place.setPosition(position)
    view.setTextCursor(place)  # scrolls it into view, as the user's scrolling would
    view.ensureCursorVisible()
    rect = view.cursorRect(place)
    point = rect.center()
    point.setX(rect.left() + 1)
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=point)
    for _ in range(3):  # a click at a line's edge can land a character off: the user nudges it
        here = view.textCursor().position()
        if here == position:
            break
        qtbot.keyClick(view, Qt.Key.Key_Right if here < position else Qt.Key.Key_Left)
    assert view.textCursor().position() == position, "the click did not land where aimed"


def select_text(qtbot, window: MainWindow, needle: str, occurrence: int = 0) -> None:
    """Click before ``needle`` and extend the selection over it with Shift+Right, as a user would."""
    from PySide6.QtCore import Qt

    click_text(qtbot, window, needle, occurrence=occurrence)
    for _ in needle:
        qtbot.keyClick(window.document_view, Qt.Key.Key_Right, Qt.KeyboardModifier.ShiftModifier)
    assert window.document_view.textCursor().selectedText() == needle


def page_text(window: MainWindow) -> str:
    """What the document view shows."""
    return window.document_view.toPlainText()


def open_grid(qtbot, window: MainWindow, table) -> None:
    """Select a table in the outline (the document's cursor goes to it) and choose Edit ▸ Edit Table in
    Grid. (Its shortcut, pressed through qtbot, would leave Qt believing Ctrl is still held, and the
    grid would then add to its selection on every later click.)"""
    window.outline.select_id(table.id)
    window.grid_action.trigger()
    assert window.stack.currentWidget() is window.grid_page
    assert window.table_editor.table_id == table.id

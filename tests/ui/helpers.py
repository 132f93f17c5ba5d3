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

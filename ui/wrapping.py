"""Long text readable in the register and comment tables: rows that grow with their wrapped text, and
tooltips that wrap (Qt lays a plain-text tooltip out on one line as wide as its text, off the screen)."""

from __future__ import annotations

import html

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QTableView


def wrapped_tooltip(*paragraphs: str) -> str:
    """A tooltip of some paragraphs of plain text, wrapped to a readable width (line breaks kept)."""
    parts = [html.escape(text).replace("\n", "<br>") for text in paragraphs if text]
    return "<qt>" + "".join(f"<p>{part}</p>" for part in parts) + "</qt>" if parts else ""


class _RowFitter(QObject):
    """Sizes the rows in sight to their wrapped text whenever the text, the columns or the scroll change.

    Only the rows in sight are measured: Qt's own "resize to contents" measures every row on each change,
    which for a few hundred recommendations took 70 ms after every structural edit of the document.
    """

    def __init__(self, view: QTableView, max_lines: int) -> None:
        super().__init__(view)
        self.view = view
        view.setWordWrap(True)
        view.verticalHeader().setMaximumSectionSize(view.fontMetrics().lineSpacing() * max_lines + 8)
        self.timer = QTimer(self)
        self.timer.setSingleShot(True)
        self.timer.setInterval(0)
        self.timer.timeout.connect(self.fit)
        model = view.model()
        for signal in (
            model.modelReset,
            model.dataChanged,
            model.rowsInserted,
            model.rowsRemoved,
            model.layoutChanged,
        ):
            signal.connect(self.timer.start)
        view.horizontalHeader().sectionResized.connect(self.timer.start)
        view.verticalScrollBar().valueChanged.connect(self.timer.start)
        view.viewport().installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:  # noqa: N802 - Qt override
        if event.type() in (QEvent.Type.Resize, QEvent.Type.Show):
            self.timer.start()
        return False

    def fit(self) -> None:
        """Measure the rows in sight (a row's height moves those below it, so go down one by one)."""
        view = self.view
        rows = view.verticalHeader()
        bottom = view.viewport().height()
        row, count = max(view.rowAt(0), 0), view.model().rowCount()
        while row < count and rows.sectionViewportPosition(row) < bottom:
            view.resizeRowToContents(row)
            row += 1


def grow_rows(view: QTableView, max_lines: int) -> None:
    """Let a word-wrapping table's rows grow with their text, up to ``max_lines`` lines (set the view's
    model first)."""
    _RowFitter(view, max_lines)

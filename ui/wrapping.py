"""Long text readable in the register and comment tables: rows that grow with their wrapped text, and
tooltips that wrap (Qt lays a plain-text tooltip out on one line as wide as its text, off the screen)."""

from __future__ import annotations

import html

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView, QTableView


def wrapped_tooltip(*paragraphs: str) -> str:
    """A tooltip of some paragraphs of plain text, wrapped to a readable width (line breaks kept)."""
    parts = [html.escape(text).replace("\n", "<br>") for text in paragraphs if text]
    return "<qt>" + "".join(f"<p>{part}</p>" for part in parts) + "</qt>" if parts else ""


def grow_rows(view: QTableView, max_lines: int) -> None:
    """Let a word-wrapping table's rows grow with their text, up to ``max_lines`` lines.

    Qt sizes such rows for the columns' widths of the moment; a column that is stretched or dragged
    wider later leaves them as tall as before, so they are measured again after each resize.
    """
    view.setWordWrap(True)
    rows = view.verticalHeader()
    rows.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    rows.setMaximumSectionSize(view.fontMetrics().lineSpacing() * max_lines + 8)
    timer = QTimer(view)
    timer.setSingleShot(True)
    timer.setInterval(0)
    timer.timeout.connect(lambda: rows.resizeSections(QHeaderView.ResizeMode.ResizeToContents))
    view.horizontalHeader().sectionResized.connect(timer.start)

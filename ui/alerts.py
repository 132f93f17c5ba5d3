"""One way to tell the user something: a clear message, what to do, and the details on request."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QMessageBox, QWidget


def show_message(
    parent: QWidget | None,
    text: str,
    informative: str = "",
    details: str = "",
    icon: QMessageBox.Icon = QMessageBox.Icon.Information,
    title: str = "Briefing Editor",
) -> QMessageBox:
    """Show a window-modal, non-blocking message box and return it (tests inspect it)."""
    box = QMessageBox(parent)
    box.setIcon(icon)
    box.setWindowTitle(title)
    box.setText(text)
    if informative:
        box.setInformativeText(informative)
    if details:
        box.setDetailedText(details)
    box.setStandardButtons(QMessageBox.StandardButton.Ok)
    box.setWindowModality(Qt.WindowModality.WindowModal)
    box.open()
    return box


def show_error(parent: QWidget | None, text: str, informative: str = "", details: str = "") -> QMessageBox:
    """Show an error: what failed, why and what to do, and the technical details folded away."""
    return show_message(parent, text, informative, details, QMessageBox.Icon.Warning)

"""GUI test isolation: settings go to a temporary folder, never to the user's real ones."""

from __future__ import annotations

import pytest
from PySide6.QtCore import QSettings


@pytest.fixture(autouse=True)
def isolated_settings(tmp_path, qapp):
    """Point QSettings at tmp_path for every GUI test."""
    qapp.setOrganizationName("Briefing Editor Tests")
    qapp.setApplicationName("Briefing Editor Tests")
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, str(tmp_path / "settings"))
    yield tmp_path / "settings"


@pytest.fixture
def settings(isolated_settings) -> QSettings:
    """A settings object stored under tmp_path."""
    return QSettings(str(isolated_settings / "editor.ini"), QSettings.Format.IniFormat)


@pytest.fixture(autouse=True)
def no_modal_dialogs(monkeypatch):
    """Modal message boxes would block a test forever: answer them. Tests that care override these.

    "Save changes?" is answered Discard (so closing test windows never blocks); warnings are cancelled.
    """
    from PySide6.QtWidgets import QMessageBox

    monkeypatch.setattr(QMessageBox, "question", lambda *a, **k: QMessageBox.StandardButton.Discard)
    monkeypatch.setattr(QMessageBox, "warning", lambda *a, **k: QMessageBox.StandardButton.Cancel)
    monkeypatch.setattr(QMessageBox, "critical", lambda *a, **k: QMessageBox.StandardButton.Ok)


@pytest.fixture(autouse=True)
def clean_clipboard(qapp):
    """Empty the clipboard after each test: mime data a test put there crashes Qt's exit (offscreen)."""
    yield
    from PySide6.QtGui import QGuiApplication

    QGuiApplication.clipboard().clear()

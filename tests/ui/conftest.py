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

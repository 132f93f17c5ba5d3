"""The editor never writes over what it has open, and tidies what killed autosaves left at start."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from briefing import project, safekeeping
from briefing.atomic import temp_prefix
from briefing.editing import operations
from briefing.errors import ExportError, ProjectError
from briefing.export.templates import builtin_path
from briefing.importing import import_file
from ui.recovery import RecoveryManager

from .helpers import open_window

Button = QMessageBox.StandardButton
POSIX = pytest.mark.skipif(os.name == "nt", reason="POSIX symbolic links")


def _export_to(qtbot, window, target: Path) -> None:
    window.export_action.trigger()  # File ▸ Export Word (Ctrl+E)
    dialog = window.export_dialog
    dialog.output.setText(str(target))
    dialog.export_button.click()
    qtbot.wait(50)


@POSIX
def test_an_export_onto_a_link_to_the_open_project_is_refused(qtbot, settings, sample_path, tmp_path):
    saved = tmp_path / "note.briefing"
    project.save(import_file(sample_path), saved)
    before = saved.read_bytes()
    link = tmp_path / "note.docx"
    link.symlink_to(saved.name)
    window = open_window(qtbot, settings, saved)
    _export_to(qtbot, window, link)
    dialog = window.export_dialog
    assert dialog.isVisible() and not dialog.progress.isVisible()
    assert dialog.status.text().startswith("“note.docx” is the open project")
    assert saved.read_bytes() == before and link.is_symlink()


def test_an_export_onto_the_template_is_refused(qtbot, settings, sample_path, tmp_path):
    template = tmp_path / "T.docx"
    shutil.copyfile(builtin_path("briefing-note"), template)
    before = template.read_bytes()
    window = open_window(qtbot, settings, sample_path)
    window.export_action.trigger()  # File ▸ Export Word (Ctrl+E)
    dialog = window.export_dialog
    dialog.template.setCurrentIndex(2)
    dialog.template_path.setText(str(template))
    dialog.output.setText(str(template))
    dialog.export_button.click()
    qtbot.wait(50)
    assert "“T.docx” is the template" in dialog.status.text()
    assert template.read_bytes() == before


def test_an_export_elsewhere_still_runs(qtbot, settings, sample_path, tmp_path):
    window = open_window(qtbot, settings, sample_path)
    window.export_action.trigger()  # File ▸ Export Word (Ctrl+E)
    dialog = window.export_dialog
    dialog.output.setText(str(tmp_path / "note.docx"))
    with qtbot.waitSignal(dialog.exported, timeout=20000):
        dialog.export_button.click()
    assert (tmp_path / "note.docx").stat().st_size > 0


def test_orphan_autosave_temporary_files_are_removed_at_start(qtbot, settings, tmp_path, dead_pid):
    """What a kill during a first autosave leaves: a temporary file and no description, never offered."""
    folder = tmp_path / "recovery"
    folder.mkdir()
    dead, live = f"{dead_pid}-1", f"{os.getpid()}-7"
    orphans = [
        temp_prefix(f"{dead}.briefing", dead_pid) + "k2j4h5g6.tmp",
        f".{dead}.briefing.k2j4h5g6.tmp",  # as versions before writers were named left them
    ]
    running = [temp_prefix(f"{live}.briefing") + "k2j4h5g6.tmp", f".{live}.json.k2j4h5g6.tmp"]
    for name in orphans + running:
        (folder / name).write_bytes(b"{" * 4096)
    settings.setValue("autosave/folder", str(folder))
    window = open_window(qtbot, settings)
    manager = RecoveryManager(window, settings)
    assert sorted(p.name for p in folder.iterdir()) == sorted(running)
    assert manager.pending() == [] and safekeeping.list_recoveries(folder) == []


def test_a_copy_killed_before_its_description_is_offered_and_restored(
    qtbot, settings, tmp_path, dead_pid, sample_path, monkeypatch
):
    folder = tmp_path / "recovery"
    briefing = import_file(sample_path)
    briefing.meta.title = "Edited before the kill"
    copy = safekeeping.write_recovery(briefing, folder, f"{dead_pid}-1", safekeeping.RecoveryMeta("x"))
    copy.meta_file.unlink()  # killed between the briefing and its description
    settings.setValue("autosave/folder", str(folder))
    window = open_window(qtbot, settings)
    manager = RecoveryManager(window, settings)
    asked = []
    monkeypatch.setattr(manager, "ask", lambda recovery: asked.append(recovery) or Button.Open)
    assert manager.offer_restores()
    assert [r.key for r in asked] == [f"{dead_pid}-1"]
    assert window.doc.briefing.meta.title == "Edited before the kill" and window.doc.modified
    assert not any(p.name.startswith(f"{dead_pid}-") for p in folder.iterdir())


def _open_saved(qtbot, settings, sample_path, tmp_path):
    saved = tmp_path / "note.briefing"
    project.save(import_file(sample_path), saved)
    return open_window(qtbot, settings, saved), saved


def test_saving_over_a_read_only_project_is_refused_and_says_so(qtbot, settings, sample_path, tmp_path):
    window, saved = _open_saved(qtbot, settings, sample_path, tmp_path)
    before = saved.read_bytes()
    saved.chmod(0o444)
    window.doc.edit("Edit title", lambda b: operations.set_meta(b, "title", "Changed"))
    window.save_action.trigger()  # File ▸ Save (Ctrl+S)
    assert "could not be saved" in window.last_error.text()
    assert "is read-only, so it was not replaced" in window.last_error.informativeText()
    assert saved.read_bytes() == before and window.doc.modified


def test_an_export_onto_a_read_only_file_is_refused(qtbot, settings, sample_path, tmp_path):
    target = tmp_path / "note.docx"
    target.write_bytes(b"keep me")
    target.chmod(0o444)
    window = open_window(qtbot, settings, sample_path)
    _export_to(qtbot, window, target)
    assert window.export_dialog.status.text() == "“note.docx” is read-only, so it was not replaced."
    assert target.read_bytes() == b"keep me"


def test_the_corrections_log_and_register_never_replace_the_open_project(
    qtbot, settings, sample_path, tmp_path
):
    window, saved = _open_saved(qtbot, settings, sample_path, tmp_path)
    before = saved.read_bytes()
    with pytest.raises(ProjectError, match="note.briefing: is the open project"):
        window.corrections.save_log(saved)
    with pytest.raises(ExportError, match="note.briefing: is the open project"):
        window.recommendations.export_csv(saved)
    assert saved.read_bytes() == before

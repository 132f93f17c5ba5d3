"""Never lose work: autosave, restore after a crash, backups on save, outside changes, the crash dialog."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import sys
import textwrap
import threading
import time
from pathlib import Path

import pytest
from PySide6.QtCore import QSettings
from PySide6.QtWidgets import QApplication, QMessageBox

from briefing import project, safekeeping
from briefing.editing import operations
from briefing.importing import import_file
from briefing.safekeeping import RecoveryMeta
from ui import app as editor
from ui.crash import CRASH_TEXT, CrashHandler
from ui.main_window import MainWindow
from ui.recovery import RecoveredDocument, RecoveryManager

Button = QMessageBox.StandardButton
EDITED = "Edited before the crash"


@pytest.fixture
def folder(tmp_path) -> Path:
    return tmp_path / "recovery"


@pytest.fixture(autouse=True)
def answers(monkeypatch) -> list[str]:
    """Neutralise the modal questions: "save changes?" discards, "changed on disk?" cancels.

    Each question's text is recorded, so tests can check what was asked."""
    asked: list[str] = []

    def question(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return Button.Discard

    def warning(_parent, _title, text, *_args, **_kwargs):
        asked.append(text)
        return Button.Cancel

    monkeypatch.setattr(QMessageBox, "question", question)
    monkeypatch.setattr(QMessageBox, "warning", warning)
    return asked


def _start(qtbot, settings: QSettings, folder: Path, path=None, seconds: float = 3600):
    """A shown window with a recovery manager, ``path`` loaded."""
    settings.setValue("autosave/folder", str(folder))
    settings.setValue("autosave/seconds", seconds)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    manager = RecoveryManager(window, settings)
    window.show()
    if path is not None:
        with qtbot.waitSignal(window.documentLoaded, timeout=5000):
            window.open_path(path)
    return window, manager


def _edit(window: MainWindow, title: str = EDITED) -> None:
    window.doc.edit("Edit title", lambda b: operations.set_meta(b, "title", title))


def _autosave(qtbot, manager: RecoveryManager) -> None:
    with qtbot.waitSignal(manager.written, timeout=5000):
        assert manager.autosave()


def _files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


# --- autosave -----------------------------------------------------------------------------------------


def test_the_timer_writes_a_copy_only_while_there_are_unsaved_changes(qtbot, settings, folder, sample_path):
    window, manager = _start(qtbot, settings, folder, sample_path, seconds=0.05)
    assert manager.timer.isActive() and manager.timer.interval() == 50
    qtbot.wait(200)
    assert _files(folder) == []  # nothing unsaved yet

    with qtbot.waitSignal(manager.written, timeout=5000) as written:
        _edit(window)
    assert Path(written.args[0]) == folder / f"{manager.key}.briefing"
    assert _files(folder) == [f"{manager.key}.briefing", f"{manager.key}.json"]
    assert project.load(written.args[0]).meta.title == EDITED
    assert safekeeping.list_recoveries(folder) == []  # this session is alive: not offered to itself


def test_the_copy_is_written_off_the_ui_thread_and_only_when_something_changed(
    qtbot, settings, folder, sample_path, monkeypatch
):
    window, manager = _start(qtbot, settings, folder, sample_path)
    threads = []
    real_write = safekeeping.write_recovery

    def write(*args, **kwargs):
        threads.append(threading.current_thread())
        return real_write(*args, **kwargs)

    monkeypatch.setattr(safekeeping, "write_recovery", write)
    _edit(window)
    _autosave(qtbot, manager)
    assert threads and threads[0] is not threading.main_thread()
    assert not manager.autosave()  # no edit since
    _edit(window, "Again")
    _autosave(qtbot, manager)
    assert len(threads) == 2


def test_autosave_serializes_off_the_ui_thread(qtbot, settings, folder, sample_path, monkeypatch):
    """The UI thread only takes a quick copy; serializing and writing (slow for big briefings) happen in
    a worker. The time it takes is measured in benchmarks, not here."""
    import threading

    from briefing import safekeeping

    threads = []
    original = safekeeping.write_recovery

    def spy(*args, **kwargs):
        threads.append(threading.current_thread())
        return original(*args, **kwargs)

    monkeypatch.setattr(safekeeping, "write_recovery", spy)
    window, manager = _start(qtbot, settings, folder, sample_path)
    _edit(window)
    with qtbot.waitSignal(manager.written, timeout=20000):
        assert manager.autosave()
    assert threads and all(thread is not threading.main_thread() for thread in threads)


def test_saving_removes_the_copy(qtbot, settings, folder, sample_path, tmp_path):
    window, manager = _start(qtbot, settings, folder, sample_path)
    _edit(window)
    _autosave(qtbot, manager)
    assert window.save_to(tmp_path / "note.briefing")
    assert _files(folder) == []
    assert not manager.autosave()


def test_discarding_the_changes_removes_the_copy(qtbot, settings, folder, sample_path, answers):
    window, manager = _start(qtbot, settings, folder, sample_path)
    _edit(window)
    _autosave(qtbot, manager)
    window.close_briefing()
    assert answers and "Save the changes" in answers[0]
    assert _files(folder) == []


def test_undoing_back_to_the_saved_state_removes_the_copy(qtbot, settings, folder, sample_path):
    window, manager = _start(qtbot, settings, folder, sample_path)
    _edit(window)
    _autosave(qtbot, manager)
    window.doc.undo_stack.undo()
    assert not manager.autosave()
    assert _files(folder) == []


def test_a_normal_close_removes_the_copy_and_stops_the_timer(qtbot, settings, folder, sample_path):
    window, manager = _start(qtbot, settings, folder, sample_path, seconds=30)
    _edit(window)
    _autosave(qtbot, manager)
    assert window.close()
    assert _files(folder) == []
    assert not manager.timer.isActive()


def test_a_failed_autosave_is_reported_and_retried(qtbot, settings, tmp_path, sample_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("a file where the recovery folder should be")
    window, manager = _start(qtbot, settings, blocked, sample_path)
    _edit(window)
    with qtbot.waitSignal(manager.writeFailed, timeout=5000) as failed:
        manager.autosave()
    assert "not-a-folder" in failed.args[0]
    assert "Autosave failed" in window.statusBar().currentMessage()
    blocked.unlink()
    _autosave(qtbot, manager)  # retried though nothing changed since
    assert _files(blocked) == [f"{manager.key}.briefing", f"{manager.key}.json"]


def test_autosave_can_be_turned_off_and_changed_while_running(qtbot, settings, folder):
    _, manager = _start(qtbot, settings, folder, seconds=0)
    assert not manager.timer.isActive()
    settings.setValue("autosave/seconds", 45)
    manager.apply_settings()
    assert manager.timer.isActive() and manager.timer.interval() == 45_000
    settings.setValue("autosave/seconds", "not a number")
    manager.apply_settings()
    assert manager.timer.interval() == 30_000


# --- after a crash ------------------------------------------------------------------------------------

CRASHING_SESSION = textwrap.dedent(
    """
    import sys
    from PySide6.QtCore import QSettings, QTimer
    from PySide6.QtWidgets import QApplication

    app = QApplication([sys.argv[0]])
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)
    QSettings.setPath(QSettings.Format.IniFormat, QSettings.Scope.UserScope, sys.argv[1])

    from briefing.editing import operations
    from ui import app as editor
    from ui.main_window import MainWindow


    def edit_once_loaded():
        window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))

        def edit(*_args):
            window.doc.edit("Edit title", lambda b: operations.set_meta(b, "title", sys.argv[2]))

        if window.doc.source_path is not None:
            edit()
        else:
            window.documentLoaded.connect(edit)


    QTimer.singleShot(0, edit_once_loaded)
    sys.exit(editor.main([]))
    """
)


def _app_settings(settings_dir: Path) -> QSettings:
    """The settings file ``ui.app.main`` reads under the isolated settings path."""
    return QSettings(
        str(settings_dir / "Briefing Editor" / "Briefing Editor.ini"), QSettings.Format.IniFormat
    )


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_session_is_offered_at_the_next_start_and_restores_the_edit(
    qtbot, isolated_settings, folder, monkeypatch, sample_path
):
    startup = _app_settings(isolated_settings)
    startup.setValue("autosave/folder", str(folder))
    startup.setValue("autosave/seconds", 0.2)
    startup.sync()
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    session = subprocess.Popen(
        [sys.executable, "-c", CRASHING_SESSION, str(isolated_settings), EDITED],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        deadline = time.monotonic() + 30
        while not list(folder.glob("*.json")):
            assert session.poll() is None, session.communicate()[1].decode(errors="replace")
            assert time.monotonic() < deadline, "the session wrote no recovery copy"
            time.sleep(0.05)
    finally:
        session.send_signal(signal.SIGKILL)
        session.communicate()
    assert session.returncode == -signal.SIGKILL

    asked, seen = [], {}

    def answer_restore(box):
        asked.append((box.text(), box.informativeText(), [b.text() for b in box.buttons()]))
        return Button.Open.value

    def instead_of_the_event_loop():
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        seen.update(
            title=window.windowTitle(),
            briefing_title=window.doc.briefing.meta.title,
            modified=window.doc.modified,
            source=window.doc.source_path,
            loading=window.loader.busy,
        )
        return 0

    monkeypatch.setattr(QMessageBox, "exec", answer_restore)
    monkeypatch.setattr(QApplication, "exec", lambda _app: instead_of_the_event_loop())
    assert editor.main([]) == 0

    (text, informative, buttons) = asked[0]
    assert "nk-missile-tests.txt" in text and "did not close normally" in text
    assert "Restore" in informative
    assert {"&Restore", "Discard", "&Later"} <= set(buttons)
    assert seen["briefing_title"] == EDITED
    assert seen["modified"]
    assert "nk-missile-tests.txt (recovered)" in seen["title"]
    assert seen["source"] == sample_path.resolve()
    assert not seen["loading"]  # the sample was not opened over the restored briefing
    # The dead session's copy is gone; only the new session's own copy remains.
    assert not any(name.startswith(f"{session.pid}-") for name in _files(folder))
    assert safekeeping.list_recoveries(folder) == []


def _leave_copy(folder: Path, pid: int, title: str = EDITED, **meta) -> safekeeping.Recovery:
    briefing = import_file(Path(__file__).resolve().parents[2] / "resources" / "nk-missile-tests.txt")
    briefing.meta.title = title
    meta.setdefault("display_name", "nk-missile-tests.txt")
    return safekeeping.write_recovery(briefing, folder, f"{pid}-1", RecoveryMeta(**meta), pid=pid)


def test_later_keeps_the_copy_and_discard_deletes_it(qtbot, settings, folder, dead_pid, monkeypatch):
    _leave_copy(folder, dead_pid)
    window, manager = _start(qtbot, settings, folder)
    monkeypatch.setattr(manager, "ask", lambda _r: Button.Ignore)
    assert not manager.offer_restores()
    assert len(manager.pending()) == 1
    monkeypatch.setattr(manager, "ask", lambda _r: Button.Discard)
    assert not manager.offer_restores()
    assert manager.pending() == [] and _files(folder) == []
    assert window.doc.briefing.meta.title == ""


def test_the_question_is_a_real_box_with_restore_discard_and_later(qtbot, settings, folder, dead_pid):
    from PySide6.QtCore import QTimer

    _leave_copy(folder, dead_pid, original_path="/work/notes/korea.briefing")
    _, manager = _start(qtbot, settings, folder)
    boxes = []

    def press_escape():
        box = QApplication.activeModalWidget()
        boxes.append((box.text(), box.informativeText()))
        box.reject()

    QTimer.singleShot(50, press_escape)
    (recovery,) = manager.pending()
    assert manager.ask(recovery) not in (Button.Open, Button.Discard)  # closing the box means Later
    assert "nk-missile-tests.txt" in boxes[0][0]
    assert "/work/notes/korea.briefing" in boxes[0][1]


def test_a_restored_project_saves_to_its_file_and_still_notices_outside_changes(
    qtbot, settings, folder, dead_pid, tmp_path, monkeypatch, answers
):
    from ui.document import file_digest

    original = tmp_path / "korea.briefing"
    project.save(
        import_file(Path(__file__).resolve().parents[2] / "resources" / "nk-missile-tests.txt"), original
    )
    _leave_copy(
        folder,
        dead_pid,
        display_name="korea.briefing",
        original_path=str(original),
        saved_digest=file_digest(original),
    )
    window, manager = _start(qtbot, settings, folder)
    monkeypatch.setattr(manager, "ask", lambda _r: Button.Open)
    assert manager.offer_restores()
    assert isinstance(window.doc, RecoveredDocument)
    assert window.doc.path == original and window.doc.modified
    assert window.windowTitle().startswith("korea.briefing (recovered)")

    original.write_text(original.read_text(encoding="utf-8").replace("Hwasong", "Hwaseong"), encoding="utf-8")
    assert not window.save()  # the file changed since the crashed session opened it: asked, cancelled
    assert "changed by another program" in answers[-1]
    assert "Hwaseong" in original.read_text(encoding="utf-8")

    window.doc.saved_digest = file_digest(original)  # as if the outside change had been seen
    assert window.save()
    assert project.load(original).meta.title == EDITED
    assert window.windowTitle().startswith("korea.briefing[*]") and not window.doc.modified
    assert _files(folder) == []


def test_a_damaged_copy_is_reported_and_kept(qtbot, settings, folder, dead_pid, monkeypatch):
    recovery = _leave_copy(folder, dead_pid)
    recovery.project_file.write_text("{ half a file", encoding="utf-8")
    window, manager = _start(qtbot, settings, folder)
    monkeypatch.setattr(manager, "ask", lambda _r: Button.Open)
    assert not manager.offer_restores()
    box = window.last_error
    assert box.isVisible() and "could not be restored" in box.text()
    assert "damaged" in box.informativeText() and "kept" in box.informativeText()
    assert len(manager.pending()) == 1
    box.done(0)


# --- backups and outside changes ----------------------------------------------------------------------


def test_each_save_keeps_a_timestamped_backup_pruned_to_n(qtbot, settings, folder, sample_path, tmp_path):
    settings.setValue("backups/keep", 3)
    window, _ = _start(qtbot, settings, folder, sample_path)
    path = tmp_path / "korea.briefing"
    assert window.save_to(path)
    assert safekeeping.list_backups(path) == []  # nothing to back up before the first save
    for n in range(5):
        _edit(window, f"Version {n}")
        assert window.save_to(path)
    backups = safekeeping.list_backups(path)
    assert len(backups) == 3
    assert all(re.fullmatch(r"korea-\d{8}-\d{6}(-\d+)?\.briefing", p.name) for p in backups)
    assert all(p.parent == tmp_path / "korea.briefing.backups" for p in backups)
    assert [project.load(p).meta.title for p in backups] == ["Version 3", "Version 2", "Version 1"]
    assert project.load(path).meta.title == "Version 4"


def test_a_save_goes_ahead_without_a_backup_and_says_so(qtbot, settings, folder, sample_path, tmp_path):
    window, _ = _start(qtbot, settings, folder, sample_path)
    path = tmp_path / "korea.briefing"
    assert window.save_to(path)
    (tmp_path / "korea.briefing.backups").write_text("in the way")
    _edit(window)
    assert window.save_to(path)
    assert project.load(path).meta.title == EDITED
    assert "no backup" in window.statusBar().currentMessage()


def test_saving_over_a_file_changed_on_disk_asks_and_cancel_leaves_it(
    qtbot, settings, folder, sample_path, tmp_path, monkeypatch, answers
):
    path = tmp_path / "korea.briefing"
    window, _ = _start(qtbot, settings, folder, sample_path)
    assert window.save_to(path)
    with qtbot.waitSignal(window.documentLoaded, timeout=5000):
        window.open_path(path)
    _edit(window)
    theirs = path.read_text(encoding="utf-8").replace("UNCLASSIFIED", "SECRET")
    path.write_text(theirs, encoding="utf-8")

    assert not window.save()
    assert "korea.briefing" in answers[-1] and "changed by another program" in answers[-1]
    assert path.read_text(encoding="utf-8") == theirs
    assert window.doc.modified

    monkeypatch.setattr(QMessageBox, "warning", lambda *_a, **_k: Button.Save)
    assert window.save()
    assert project.load(path).meta.title == EDITED
    # Their version was kept as a backup before it was overwritten.
    (backup,) = safekeeping.list_backups(path)
    assert backup.read_text(encoding="utf-8") == theirs


def test_saving_an_unchanged_file_does_not_ask(qtbot, settings, folder, sample_path, tmp_path, answers):
    path = tmp_path / "korea.briefing"
    window, _ = _start(qtbot, settings, folder, sample_path)
    assert window.save_to(path)
    _edit(window)
    assert window.save()
    assert answers == []


# --- the crash handler --------------------------------------------------------------------------------


def _raise_and_handle(handler: CrashHandler) -> None:
    try:
        raise RuntimeError("the table model lost a row")
    except RuntimeError:
        handler.handle(*sys.exc_info())


def test_an_uncaught_exception_writes_a_copy_then_shows_the_traceback_in_details(
    qtbot, settings, folder, sample_path, capfd
):
    window, manager = _start(qtbot, settings, folder, sample_path)
    handler = CrashHandler(window, manager)
    _edit(window)
    _raise_and_handle(handler)

    copy = folder / f"{manager.key}.briefing"
    assert project.load(copy).meta.title == EDITED
    box = handler.last_box
    assert box is not None and box.isVisible()
    assert box.text() == CRASH_TEXT
    assert "recovery copy" in box.informativeText()
    assert "Traceback" not in box.text() + box.informativeText()
    assert "Traceback (most recent call last)" in box.detailedText()
    assert "RuntimeError: the table model lost a row" in box.detailedText()
    assert "RuntimeError" in capfd.readouterr().err  # logged too
    box.done(0)


def test_a_crash_without_unsaved_changes_says_so_and_one_dialog_at_a_time(qtbot, settings, folder):
    window, manager = _start(qtbot, settings, folder)
    handler = CrashHandler(window, manager)
    _raise_and_handle(handler)
    first = handler.last_box
    assert "no unsaved changes" in first.informativeText()
    _raise_and_handle(handler)
    assert handler.last_box is first
    assert _files(folder) == []
    first.done(0)


def test_a_crash_in_a_worker_thread_is_shown_on_the_gui_thread(qtbot, settings, folder, sample_path):
    window, manager = _start(qtbot, settings, folder, sample_path)
    handler = CrashHandler(window, manager)
    _edit(window)
    worker = threading.Thread(target=_raise_and_handle, args=(handler,))
    worker.start()
    worker.join()
    qtbot.waitUntil(lambda: handler.last_box is not None, timeout=5000)
    assert handler.last_box.thread() is QApplication.instance().thread()
    assert "RuntimeError" in handler.last_box.detailedText()
    assert (folder / f"{manager.key}.briefing").exists()
    handler.last_box.done(0)


def test_when_the_copy_cannot_be_written_the_dialog_says_save_now(qtbot, settings, tmp_path, sample_path):
    blocked = tmp_path / "not-a-folder"
    blocked.write_text("in the way")
    window, manager = _start(qtbot, settings, blocked, sample_path)
    handler = CrashHandler(window, manager)
    _edit(window)
    _raise_and_handle(handler)
    assert "could not be written" in handler.last_box.informativeText()
    assert "Save your work" in handler.last_box.informativeText()
    handler.last_box.done(0)


def test_install_and_uninstall_the_hook(qtbot, settings, folder):
    window, manager = _start(qtbot, settings, folder)
    handler = CrashHandler(window, manager)
    before = sys.excepthook
    handler.install()
    try:
        assert sys.excepthook == handler.handle
    finally:
        handler.uninstall()
    assert sys.excepthook is before

"""Autosave and crash recovery for the editor window, and backups before a save.

While the open briefing has unsaved changes, a timer writes a recovery copy (``briefing.safekeeping``)
every ``autosave/seconds`` (30 by default). Saving, discarding the changes or closing normally removes
it, so a copy found at the next start means the session died; the user is then offered to restore it.
At start, temporary files that a session killed in mid-write left in the folder are removed.

Settings: ``autosave/seconds`` (0 turns autosave off), ``autosave/folder`` (where copies go; by default
``recovery`` in the application's data folder; tests point it at a temporary folder) and
``backups/keep`` (how many backups of a project file are kept; 0 keeps none).
"""

from __future__ import annotations

import itertools
import os
from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject, QSettings, QStandardPaths, QThreadPool, QTimer, Signal, Slot
from PySide6.QtGui import QIcon
from PySide6.QtWidgets import QMessageBox

from briefing import safekeeping
from briefing.errors import BriefingError
from briefing.model import Briefing
from briefing.safekeeping import Recovery, RecoveryMeta

from .alerts import show_error
from .document import BriefingDocument

if TYPE_CHECKING:
    from .main_window import MainWindow

AUTOSAVE_SECONDS = 30
_sessions = itertools.count(1)


def recovery_folder(settings: QSettings) -> Path:
    """Where recovery copies are written: ``autosave/folder``, else the app data folder's ``recovery``."""
    configured = settings.value("autosave/folder", "")
    if configured:
        return Path(str(configured))
    base = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(base) / "recovery"


def autosave_interval_ms(settings: QSettings) -> int:
    """The autosave period in milliseconds (0: off); a value that is not a number means the default."""
    value = settings.value("autosave/seconds", AUTOSAVE_SECONDS)
    try:
        seconds = float(value) if isinstance(value, (str, bytes, int, float)) else AUTOSAVE_SECONDS
    except (TypeError, ValueError):
        seconds = AUTOSAVE_SECONDS
    return max(0, int(seconds * 1000))


def back_up(path: Path, settings: QSettings) -> str:
    """Keep a timestamped copy of ``path`` before a save overwrites it; returns why not, if it failed.

    A failed backup does not stop the save: the save itself is atomic, and refusing to save would put
    the unsaved work at more risk than a missing backup does.
    """
    value = settings.value("backups/keep", safekeeping.BACKUP_KEEP)
    try:
        keep = int(value) if isinstance(value, (str, bytes, int, float)) else safekeeping.BACKUP_KEEP
    except (TypeError, ValueError):
        keep = safekeeping.BACKUP_KEEP
    try:
        safekeeping.make_backup(path, keep)
    except BriefingError as exc:
        return str(exc)
    return ""


def _base_name(doc: BriefingDocument) -> str:
    """The plain document's name, whatever a subclass's ``display_name`` adds to it."""
    prop = vars(BriefingDocument)["display_name"]
    assert isinstance(prop, property) and prop.fget is not None
    name: str = prop.fget(doc)
    return name


class RecoveredDocument(BriefingDocument):
    """A briefing restored from a recovery copy: unsaved, and saying so in the title until saved."""

    def __init__(self, briefing: Briefing, parent: QObject | None = None) -> None:
        super().__init__(briefing, parent)
        self.recovered = True

    @property
    def display_name(self) -> str:
        """The usual name, marked "(recovered)" until the first save."""
        name = _base_name(self)
        return f"{name} (recovered)" if self.recovered else name

    def mark_saved(self, path: Path) -> None:
        """Saved: from now on an ordinary document."""
        self.recovered = False
        super().mark_saved(path)


class RecoveryManager(QObject):
    """Keeps a recovery copy of the window's briefing while it has unsaved changes.

    The briefing is copied on the UI thread (:func:`briefing.safekeeping.snapshot`, about 15 ms for a
    1 MB briefing), and serialized and written (with ``fsync``) in a one-thread pool, so typing never
    waits for the disk and copies are written in order.
    """

    #: A recovery copy was written (its briefing file).
    written = Signal(str)
    #: A recovery copy could not be written (the reason).
    writeFailed = Signal(str)
    _finished = Signal(int, str, str)  # generation, path, error: from the writer thread

    def __init__(self, window: MainWindow, settings: QSettings, folder: Path | None = None) -> None:
        super().__init__(window)
        self.window = window
        self.settings = settings
        self.folder = folder if folder is not None else recovery_folder(settings)
        # What sessions killed mid-write left belongs to no copy, so nothing else would ever remove it.
        safekeeping.remove_orphans(self.folder)
        #: One copy per window and process; the pid in its description (and, for a copy whose session
        #: died before writing the description, in this key) tells a live session from a dead one.
        self.key = f"{os.getpid()}-{next(_sessions)}"
        self.last_error = ""
        self._doc: BriefingDocument | None = None
        self._dirty = False
        self._has_copy = False
        self._generation = 0
        self._pool = QThreadPool(self)
        self._pool.setMaxThreadCount(1)
        self._finished.connect(self._on_finished)
        self.timer = QTimer(self)
        self.timer.timeout.connect(self.autosave)
        self.apply_settings()
        window.recovery = self

    @Slot()
    def apply_settings(self) -> None:
        """(Re)start the timer with ``autosave/seconds``, e.g. after Preferences changed it; 0 stops it."""
        interval = autosave_interval_ms(self.settings)
        if interval:
            self.timer.start(interval)
        else:
            self.timer.stop()

    # --- autosave -------------------------------------------------------------------------------------

    def _follow(self) -> BriefingDocument:
        """The window's current document, watched for edits (the window replaces it on open and new)."""
        doc = self.window.doc
        if doc is not self._doc:
            self._doc = doc
            doc.changed.connect(self._mark_dirty)
            doc.undo_stack.indexChanged.connect(self._mark_dirty)
            self._dirty = True
        return doc

    @Slot()
    def _mark_dirty(self, *_args: object) -> None:
        self._dirty = True

    def _meta(self, doc: BriefingDocument) -> RecoveryMeta:
        return RecoveryMeta(
            display_name=_base_name(doc),
            original_path=str(doc.path) if doc.path else None,
            source_path=str(doc.source_path) if doc.source_path else None,
            saved_digest=doc.saved_digest,
        )

    @Slot()
    def autosave(self) -> bool:
        """Start writing a recovery copy if there are edits since the last one; returns whether it did."""
        doc = self._follow()
        if not doc.modified:
            if self._has_copy:  # undone back to the saved state
                self.discard()
            return False
        if not self._dirty or self._pool.activeThreadCount():
            return False  # nothing new, or the last write is still going (the next tick retries)
        copy, meta, generation = safekeeping.snapshot(doc.briefing), self._meta(doc), self._generation
        self._dirty = False

        def write() -> None:
            try:
                recovery = safekeeping.write_recovery(copy, self.folder, self.key, meta)
            except Exception as exc:  # noqa: BLE001 - report every failure; the worker must not die silently
                self._finished.emit(generation, "", str(exc))
            else:
                self._finished.emit(generation, str(recovery.project_file), "")

        self._pool.start(write)
        return True

    @Slot(int, str, str)
    def _on_finished(self, generation: int, path: str, error: str) -> None:
        if generation != self._generation:
            return  # discarded since
        if error:
            self._dirty = True
            self.last_error = error
            self.window.statusBar().showMessage(f"Autosave failed: {error}", 10000)
            self.writeFailed.emit(error)
        else:
            self._has_copy = True
            self.written.emit(path)

    def wait(self) -> None:
        """Wait for a recovery copy being written (tests, and before deleting it)."""
        self._pool.waitForDone()

    def write_now(self) -> Recovery | None:
        """Write a recovery copy at once, on this thread (crash handler, restore); ``None`` if unmodified.

        Raises :class:`~briefing.errors.BriefingError` if it cannot be written.
        """
        doc = self._follow()
        self.wait()
        if not doc.modified:
            return None
        recovery = safekeeping.write_recovery(doc.briefing, self.folder, self.key, self._meta(doc))
        self._dirty, self._has_copy = False, True
        return recovery

    @Slot()
    def discard(self) -> None:
        """Remove this session's copy: the work was saved, or the user chose to drop it."""
        self.wait()
        self._generation += 1
        self._dirty = False
        try:
            safekeeping.discard_recovery(self.folder, self.key)
        except BriefingError as exc:
            self.window.statusBar().showMessage(f"Could not remove the recovery copy: {exc}", 10000)
        self._has_copy = False

    def stop(self) -> None:
        """Normal close: no more autosaves, and no copy left behind."""
        self.timer.stop()
        self.discard()

    # --- restoring after a crash ----------------------------------------------------------------------

    def pending(self) -> list[Recovery]:
        """Copies left by sessions that ended without saving, newest first."""
        return safekeeping.list_recoveries(self.folder)

    def offer_restores(self) -> bool:
        """Ask about each copy a dead session left; returns whether one was restored into the window."""
        for recovery in self.pending():
            answer = self.ask(recovery)
            if answer == QMessageBox.StandardButton.Open:
                if self.restore(recovery):
                    return True
            elif answer == QMessageBox.StandardButton.Discard:
                try:
                    safekeeping.discard_recovery(recovery.folder, recovery.key)
                except BriefingError as exc:
                    self.window.statusBar().showMessage(str(exc), 10000)
        return False

    def ask(self, recovery: Recovery) -> QMessageBox.StandardButton:
        """Restore (``Open``), ``Discard`` or Later (anything else) for one recovery copy."""
        name = recovery.meta.display_name or "Untitled"
        when = recovery.saved_at.strftime("%d %b %Y at %H:%M") if recovery.saved_at else "earlier"
        box = QMessageBox(self.window)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle("Restore Unsaved Changes")
        box.setText(f"Briefing Editor did not close normally. Unsaved changes to “{name}” were kept.")
        informative = (
            f"They were saved automatically on {when}. Restore opens them as an unsaved briefing; "
            "Discard deletes them; Later asks again next time."
        )
        if recovery.meta.original_path:
            informative += f"\n\nProject file: {recovery.meta.original_path}"
        box.setInformativeText(informative)
        buttons = QMessageBox.StandardButton
        box.setStandardButtons(buttons.Open | buttons.Discard | buttons.Ignore)
        restore = box.button(buttons.Open)
        restore.setText("&Restore")
        restore.setIcon(QIcon())  # the style's "open folder" icon would suggest a file dialog
        box.button(buttons.Ignore).setText("&Later")
        box.setDefaultButton(buttons.Open)
        box.setEscapeButton(buttons.Ignore)
        box.setDetailedText(f"Recovery copy: {recovery.project_file}")
        return buttons(box.exec())

    def restore(self, recovery: Recovery) -> bool:
        """Open a recovery copy as an unsaved document of the window; returns whether it did."""
        if not self.window.maybe_save():
            return False
        name = recovery.meta.display_name or "Untitled"
        try:
            briefing = safekeeping.load_recovery(recovery)
        except BriefingError as exc:
            self.window.last_error = show_error(
                self.window,
                f"The unsaved changes to “{name}” could not be restored.",
                exc.reason + ". The recovery copy is kept.",
                str(recovery.project_file),
            )
            return False
        meta = recovery.meta
        doc = RecoveredDocument(briefing, self.window)
        # Saving goes back to the original project file, and still warns if someone changed it since.
        doc.path = Path(meta.original_path) if meta.original_path else None
        doc.source_path = Path(meta.source_path) if meta.source_path else None
        doc.saved_digest = meta.saved_digest
        self.window._install_document(doc)
        doc.undo_stack.resetClean()  # restored work is unsaved work
        self.window._update_title()
        self.window.statusBar().showMessage(f"Restored the unsaved changes to {name}", 6000)
        try:  # our own copy first, then the dead session's, so there is always one on disk
            self.write_now()
            safekeeping.discard_recovery(recovery.folder, recovery.key)
        except BriefingError as exc:
            self.window.statusBar().showMessage(f"Restored {name}, but: {exc}", 10000)
        return True

"""The last line of defence: an unexpected exception first saves the work, then tells the user.

Installed as ``sys.excepthook`` by ``ui.app.main``. PySide calls the hook for exceptions escaping slots
and overrides, on whichever thread raised them; the dialog is always shown on the GUI thread.
"""

from __future__ import annotations

import sys
import traceback
from collections.abc import Callable
from types import TracebackType
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QObject, QThread, Signal, Slot
from PySide6.QtWidgets import QMessageBox

from .alerts import show_error

if TYPE_CHECKING:
    from .main_window import MainWindow
    from .recovery import RecoveryManager

CRASH_TEXT = "Briefing Editor ran into an unexpected problem."


class CrashHandler(QObject):
    """Writes a recovery copy, then shows the traceback in a dialog's details — one dialog at a time."""

    _report = Signal(str)  # the traceback, from another thread to the GUI thread

    def __init__(self, window: MainWindow, recovery: RecoveryManager) -> None:
        super().__init__(window)
        self.window = window
        self.recovery = recovery
        #: The crash dialog last shown (tests inspect it).
        self.last_box: QMessageBox | None = None
        self._previous: Callable[[type[BaseException], BaseException, TracebackType | None], Any] | None = (
            None
        )
        self._busy = False
        self._report.connect(self.report)

    def install(self) -> None:
        """Become ``sys.excepthook``."""
        self._previous = sys.excepthook
        sys.excepthook = self.handle

    def uninstall(self) -> None:
        """Give ``sys.excepthook`` back."""
        if sys.excepthook == self.handle:
            sys.excepthook = self._previous or sys.__excepthook__

    def handle(self, exc_type: type[BaseException], exc: BaseException, tb: TracebackType | None) -> None:
        """The hook itself: log the traceback, then save and report on the GUI thread."""
        details = "".join(traceback.format_exception(exc_type, exc, tb))
        if sys.__stderr__ is not None:
            sys.__stderr__.write(details)
        if issubclass(exc_type, KeyboardInterrupt | SystemExit):
            return
        if QThread.currentThread() is self.thread():
            self.report(details)
        else:
            self._report.emit(details)  # queued: widgets live on the GUI thread

    @Slot(str)
    def report(self, details: str) -> None:
        """Write the recovery copy, then show the crash dialog (unless one is already open)."""
        if self._busy:  # the handler itself failed; the traceback is already on stderr
            return
        self._busy = True
        try:
            try:
                saved = self.recovery.write_now()
            except Exception as exc:  # noqa: BLE001 - whatever went wrong, still tell the user
                informative = (
                    f"A recovery copy could not be written ({exc}). Save your work under a new name now, "
                    "then restart Briefing Editor."
                )
            else:
                informative = (
                    "Your unsaved changes were kept in a recovery copy, which the next start offers to "
                    "restore. To be safe, save your work under a new name and restart Briefing Editor."
                    if saved is not None
                    else "There were no unsaved changes. You can keep working, but restarting Briefing "
                    "Editor is safest."
                )
            if self.last_box is not None and self.last_box.isVisible():
                return
            self.last_box = show_error(self.window, CRASH_TEXT, informative, details)
            self.last_box.setIcon(QMessageBox.Icon.Critical)
        finally:
            self._busy = False

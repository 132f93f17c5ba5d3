"""Opening documents off the UI thread, so a large article never freezes the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from briefing.documents import is_project, open_document
from briefing.errors import BriefingError


class _Signals(QObject):
    loaded = Signal(object, str)  # Briefing, path
    failed = Signal(str, str)  # message, path


class _LoadTask(QRunnable):
    def __init__(self, path: str, signals: _Signals, sources: dict[str, str]) -> None:
        super().__init__()
        self.path = path
        self.signals = signals
        self.sources = sources

    @staticmethod
    def _emit(signal, *args) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            pass  # the window was closed while the work ran

    def run(self) -> None:
        try:
            briefing = open_document(self.path)
            if not is_project(self.path):
                from briefing.textfile import read_text

                # The checks look at what import leaves out of the model (trailing blank lines).
                self.sources[self.path] = read_text(self.path).text
        except BriefingError as exc:
            self._emit(self.signals.failed, str(exc), self.path)
        except Exception as exc:  # noqa: BLE001 - a bug in import must not kill the worker silently
            self._emit(
                self.signals.failed,
                f"{self.path}: could not be opened ({type(exc).__name__}: {exc})",
                self.path,
            )
        else:
            self._emit(self.signals.loaded, briefing, self.path)


class DocumentLoader(QObject):
    """Loads a project or article in the thread pool and reports back on the UI thread."""

    loaded = Signal(object, str)
    failed = Signal(str, str)

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._signals = _Signals(self)
        self._signals.loaded.connect(self._finished)
        self._signals.failed.connect(self._finished)
        self._signals.loaded.connect(self.loaded)
        self._signals.failed.connect(self.failed)
        self._pending = 0
        #: The article text of each imported path, for the checks; the window takes it on ``loaded``.
        self.sources: dict[str, str] = {}

    @property
    def busy(self) -> bool:
        """Whether a load is under way."""
        return self._pending > 0

    def load(self, path: str | Path) -> None:
        """Start loading; ``loaded`` or ``failed`` follows."""
        self._pending += 1
        QThreadPool.globalInstance().start(_LoadTask(str(path), self._signals, self.sources))

    def _finished(self, *_args: object) -> None:
        self._pending -= 1

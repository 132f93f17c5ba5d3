"""Opening documents off the UI thread, so a large article never freezes the window."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QObject, Signal

from briefing.documents import open_with_source
from briefing.model import Briefing

from .workers import run_in_pool


class DocumentLoader(QObject):
    """Loads a project or article in the thread pool; ``loaded`` or ``failed`` follows on the UI thread."""

    loaded = Signal(object, str)  # Briefing, path
    failed = Signal(str, str)  # message, path

    def __init__(self, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._pending = 0
        #: The article text of each imported path, for the checks; the window takes it on ``loaded``.
        self.sources: dict[str, str] = {}

    @property
    def busy(self) -> bool:
        """Whether a load is under way."""
        return self._pending > 0

    def load(self, path: str | Path) -> None:
        """Start loading."""
        path = str(path)
        self._pending += 1

        def work() -> tuple[Briefing, str | None]:
            # The checks look at what import leaves out of the model (trailing blank lines).
            return open_with_source(path)

        def done(result: tuple[Briefing, str | None]) -> None:
            self._pending -= 1
            briefing, source = result
            if source is not None:
                self.sources[path] = source
            self.loaded.emit(briefing, path)

        def failed(message: str) -> None:
            self._pending -= 1
            self.failed.emit(message, path)

        run_in_pool(work, self, done, failed, f"{path}: opening")

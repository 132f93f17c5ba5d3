"""Running slow work (import, checks, export) in Qt's thread pool and hearing back on the UI thread."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, SignalInstance

from briefing.errors import BriefingError


class _Relay(QObject):
    """Carries the result across threads; queued signals deliver it on the UI thread."""

    done = Signal(object)
    failed = Signal(str)


class _Task(QRunnable):
    def __init__(self, work: Callable[[], Any], relay: _Relay, what: str) -> None:
        super().__init__()
        self.work, self.relay, self.what = work, relay, what

    def run(self) -> None:
        try:
            result = self.work()
        except BriefingError as exc:
            self._emit(self.relay.failed, str(exc))
        except Exception as exc:  # noqa: BLE001 - a bug must reach the user as a message, not vanish
            self._emit(self.relay.failed, f"{self.what} failed ({type(exc).__name__}: {exc})")
        else:
            self._emit(self.relay.done, result)

    @staticmethod
    def _emit(signal: SignalInstance, *args: Any) -> None:
        try:
            signal.emit(*args)
        except RuntimeError:
            pass  # the window was closed while the work ran


def run_in_pool(
    work: Callable[[], Any],
    parent: QObject,
    on_done: Callable[[Any], None],
    on_failed: Callable[[str], None],
    what: str = "The work",
) -> None:
    """Run ``work()`` off the UI thread; ``on_done(result)`` or ``on_failed(message)`` follows on it.

    A :class:`~briefing.errors.BriefingError` becomes its own one-line message; anything else a message
    that names ``what`` failed and why.
    """
    relay = _Relay(parent)
    relay.done.connect(on_done)
    relay.failed.connect(on_failed)
    relay.done.connect(relay.deleteLater)
    relay.failed.connect(relay.deleteLater)
    QThreadPool.globalInstance().start(_Task(work, relay, what))

"""Work done in a forked child process while this one goes on with something else.

``briefing convert`` builds the Word document in a child while it runs the checks, so a machine's
second core halves the wait on a large article. The child starts as a copy of this process (no
arguments to pickle); only its result comes back, pickled, through a pipe. Where ``fork`` is missing
(Windows) or unsafe (threads are running, as in the editor), the work runs here, when its result is
asked for: the caller sees the same result, exception or value, either way.
"""

from __future__ import annotations

import gc
import os
import pickle
import signal
import sys
import threading
from collections.abc import Callable
from typing import Generic, TypeVar

T = TypeVar("T")


def can_fork() -> bool:
    """Whether work can go to a child: ``fork`` exists and no other thread could hold a lock the
    child would inherit locked."""
    return hasattr(os, "fork") and threading.active_count() == 1


class Job(Generic[T]):
    """One piece of work started by :func:`start`; :meth:`result` waits for it."""

    def __init__(self, work: Callable[[], T]) -> None:
        self._work = work
        self._pid = 0
        self._pipe = -1
        if can_fork():
            self._fork()

    def _fork(self) -> None:
        for stream in (sys.stdout, sys.stderr):
            stream.flush()  # or the child's copy of a buffer would be printed twice
        read_end, write_end = os.pipe()
        # Objects that exist now are left out of the child's cycle collections: a collection touches
        # every object it scans, and each page touched is a page the child must copy.
        gc.freeze()
        try:
            pid = os.fork()
        except OSError:  # no room for another process: the work runs here instead
            gc.unfreeze()
            os.close(read_end)
            os.close(write_end)
            return
        if pid == 0:  # pragma: no cover - the child's lines run in another process
            os.close(read_end)
            self._serve(write_end)
        gc.unfreeze()
        os.close(write_end)
        self._pid, self._pipe = pid, read_end

    def _serve(self, pipe: int) -> None:  # pragma: no cover - runs in the child
        status = 0
        try:
            with os.fdopen(pipe, "wb") as out:
                try:
                    answer: tuple[bool, object] = (True, self._work())
                except Exception as exc:  # the parent raises it as if the work had run there
                    answer = (False, exc)
                # dumped straight into the pipe: a large bytes value is written as it is, not copied
                pickle.dump(answer, out, pickle.HIGHEST_PROTOCOL)
        except BaseException:  # an unpicklable result, a closed pipe, Ctrl-C: the parent redoes it
            status = 1
        finally:
            os._exit(status)  # no atexit handlers, no buffers flushed twice

    def result(self) -> T:
        """The work's value, or its exception raised here; waits for the child if there is one."""
        if not self._pid:
            return self._work()
        with os.fdopen(self._pipe, "rb") as pipe:
            try:  # read before waiting: a child blocked on a full pipe would never end
                ok, value = pickle.load(pipe)
            except Exception:  # the child died before it answered (killed, out of memory)
                ok, value = None, None
        self._reap()
        if ok is None:
            return self._work()
        if not ok:
            raise value
        return value

    def cancel(self) -> None:
        """Stop the work if it is still running; its result is not wanted."""
        if self._pid:
            try:
                os.kill(self._pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
            os.close(self._pipe)
            self._reap()

    def _reap(self) -> None:
        os.waitpid(self._pid, 0)
        self._pid = 0


def start(work: Callable[[], T]) -> Job[T]:
    """Start ``work`` in a child process when one can be forked (else it runs when asked for)."""
    return Job(work)

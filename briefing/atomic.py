"""Writing files so that they hold either the old or the new content, never half of either; and never
writing where the user did not mean to.

A write goes to a temporary file beside its target, named ``.NAME.briefing-PID-HOST-RANDOM.tmp`` (the
writer's process id and a tag of its host), which is then renamed over the target. A writer killed in
between leaves that file behind; the next write to the same folder removes it once its writer is gone.
A target that is a symbolic link is written through: the file it points to gets the new content and the
link stays a link, as text editors do.
"""

from __future__ import annotations

import hashlib
import os
import re
import socket
import stat
import tempfile
import time
from collections.abc import Iterable
from pathlib import Path

from . import patterns
from .errors import BriefingError

#: A temporary file older than this is stale whoever wrote it (a write takes seconds, not hours).
STALE_TEMP_SECONDS = 24 * 60 * 60
#: Temporary files of versions that did not name their writer are removed after this long.
LEGACY_TEMP_SECONDS = 60 * 60
#: How much of a target's name its temporary file repeats (file names are limited to 255 bytes).
_MAX_NAME_BYTES = 180
#: The end of our temporary files' names (``.NAME`` comes before it); searched from the end of a name
#: rather than matched with a leading ``.*``, which backtracks on a name full of dots.
_TEMP = patterns.compile(r"\.briefing-(\d{1,10})-([0-9a-f]{6})-[a-z0-9_]{1,16}\.tmp\Z")


def host_tag() -> str:
    """Six hex digits naming this computer, so a shared folder's temporary files are judged by their host."""
    return hashlib.blake2s(socket.gethostname().encode("utf-8", "surrogatepass")).hexdigest()[:6]


def temp_prefix(name: str, pid: int | None = None) -> str:
    """The start of the name of a temporary file that will replace the file ``name``."""
    while len(name.encode("utf-8", "surrogatepass")) > _MAX_NAME_BYTES:
        name = name[:-1]
    return f".{name}.briefing-{os.getpid() if pid is None else pid}-{host_tag()}-"


def write_target(path: Path) -> Path:
    """The file a write to ``path`` replaces: the final target of a symbolic link, else ``path`` itself.

    Raises :class:`BriefingError` for a link that never reaches a file name (a loop).
    """
    if not os.path.islink(path):
        return path
    target = Path(os.path.realpath(path))
    if os.path.islink(target):
        raise BriefingError(path, "is a symbolic link that loops, so nothing was written through it")
    return target


def same_file(a: str | Path, b: str | Path) -> bool:
    """Whether two paths name one file: the same inode (hard and symbolic links too), or, for a file not
    written yet, the same resolved name."""
    try:
        return os.path.samefile(a, b)
    except OSError:
        pass
    return os.path.normcase(os.path.realpath(a)) == os.path.normcase(os.path.realpath(b))


def refuse_same_file(
    output: Path,
    protected: Iterable[tuple[str, str | Path | None]],
    error: type[BriefingError] = BriefingError,
) -> None:
    """Refuse an output that is one of the files the work reads, before any work is done.

    ``protected`` pairs what each file is ("the input", "the template") with its path (``None``: none).
    """
    for what, path in protected:
        if path is None or not str(path):
            continue
        if same_file(output, path):
            where = "" if str(path) == str(output) else f" ({path})"
            raise error(output, f"is {what}{where}; write the output to another file")


def is_read_only(path: Path) -> bool:
    """Whether an existing file may not be replaced: the owner's write bit is off (which holds even for
    root, whom the system lets write anything), or this user may not write it."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return False
    if not stat.S_ISREG(mode):
        return False
    return not mode & stat.S_IWUSR or not os.access(path, os.W_OK)


def refuse_read_only(output: Path, hint: str = "", error: type[BriefingError] = BriefingError) -> None:
    """Refuse to replace a read-only file; ``hint`` says how to replace it anyway."""
    if is_read_only(output):
        raise error(output, "is read-only, so it was not replaced" + (f" ({hint})" if hint else ""))


def atomic_write_bytes(path: Path, data: bytes, error: type[BriefingError]) -> None:
    """Write ``data`` to ``path`` so that it holds either the old or the new content, never half.

    A symbolic link is written through to its target. Stale temporary files of earlier writes to the
    folder are removed first. ``error`` is the :class:`~briefing.errors.BriefingError` subclass raised
    on failure.
    """
    try:
        target = write_target(path)
    except BriefingError as exc:
        raise error(path, exc.reason) from None
    folder = target.parent if str(target.parent) else Path(".")
    remove_stale_temps(folder, target.name)
    try:
        handle, temp_name = tempfile.mkstemp(prefix=temp_prefix(target.name), suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(path, f"cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if target.exists():
            os.chmod(temp_name, target.stat().st_mode & 0o777)
        else:
            os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, target)
    except OSError as exc:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise error(path, f"cannot be written ({exc.strerror or exc})") from None
    _sync_folder(folder)


def remove_stale_temps(folder: Path, name: str = "") -> list[Path]:
    """Remove the temporary files that killed writes left in ``folder``; returns what was removed.

    One of ours is stale when its writer, on this host, is no longer running, or when it is older than
    :data:`STALE_TEMP_SECONDS`. A temporary file of an older version (``.NAME.XXXXXXXX.tmp``, no writer
    in its name) is removed only for the file ``name`` about to be replaced, and only once it is older
    than :data:`LEGACY_TEMP_SECONDS`. Failures are ignored: tidying must never stop a write.
    """
    legacy = re.compile(rf"\.{re.escape(name)}\.[a-z0-9_]{{8}}\.tmp", re.DOTALL) if name else None
    here, now, removed = host_tag(), time.time(), []
    try:
        entries = list(os.scandir(folder))
    except OSError:
        return []
    for entry in entries:
        if not (entry.name.startswith(".") and entry.name.endswith(".tmp")):
            continue
        try:
            if not entry.is_file(follow_symlinks=False):
                continue
            age = now - entry.stat(follow_symlinks=False).st_mtime
        except OSError:
            continue
        match = _TEMP.search(entry.name)
        if match and match.start() > 0:
            dead = match.group(2) == here and not process_alive(int(match.group(1)))
            stale = dead or age > STALE_TEMP_SECONDS
        else:
            stale = (
                legacy is not None and legacy.fullmatch(entry.name) is not None and age > LEGACY_TEMP_SECONDS
            )
        if stale:
            try:
                os.unlink(entry.path)
            except OSError:
                continue
            removed.append(Path(entry.path))
    return removed


def process_alive(pid: int) -> bool:
    """Whether a process with this id is running (this process counts as running)."""
    if pid == os.getpid():
        return True
    if pid <= 0:
        return False
    if os.name == "nt":  # pragma: no cover - os.kill(pid, 0) would send Ctrl+C there
        return _windows_process_alive(pid)
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True  # it exists, under another user
    except (OSError, OverflowError):
        return False
    return True


def _windows_process_alive(pid: int) -> bool:  # pragma: no cover - Windows only
    import ctypes

    kernel32 = ctypes.windll.kernel32  # type: ignore[attr-defined]
    handle = kernel32.OpenProcess(0x1000, False, pid)  # PROCESS_QUERY_LIMITED_INFORMATION
    if not handle:
        return False
    try:
        code = ctypes.c_ulong()
        if not kernel32.GetExitCodeProcess(handle, ctypes.byref(code)):
            return False
        return code.value == 259  # STILL_ACTIVE
    finally:
        kernel32.CloseHandle(handle)


def _umask() -> int:
    """The process's umask, read without changing it where the platform allows (Linux reports it in
    /proc); setting and restoring it would, for an instant, leave another thread's new files open to all.
    Elsewhere, the mask read once when this module was loaded."""
    try:
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("Umask:"):
                    return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return _START_UMASK


def _read_umask_once() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


_START_UMASK = _read_umask_once()


def _sync_folder(folder: Path) -> None:
    """Make the rename itself durable where the platform allows it."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)

"""Writing files so that they hold either the old or the new content, never half of either."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from .errors import BriefingError


def atomic_write_bytes(path: Path, data: bytes, error: type[BriefingError]) -> None:
    """Write ``data`` to ``path`` so that it holds either the old or the new content, never half.

    ``error`` is the :class:`~briefing.errors.BriefingError` subclass raised on failure.
    """
    folder = path.parent if str(path.parent) else Path(".")
    try:
        handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as exc:
        raise error(path, f"cannot be written ({exc.strerror or exc})") from None
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temp_name, path.stat().st_mode & 0o777)
        else:
            os.chmod(temp_name, 0o666 & ~_umask())
        os.replace(temp_name, path)
    except OSError as exc:
        try:
            os.unlink(temp_name)
        except OSError:
            pass
        raise error(path, f"cannot be written ({exc.strerror or exc})") from None
    _sync_folder(folder)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


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

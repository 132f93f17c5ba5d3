"""The errors the core raises; each message names the file and the problem in one line."""

from __future__ import annotations

from pathlib import Path


class BriefingError(Exception):
    """Base of every error the core raises on purpose."""

    def __init__(self, path: str | Path | None, reason: str) -> None:
        self.path = str(path) if path is not None else None
        self.reason = reason
        super().__init__(f"{self.path}: {reason}" if self.path else reason)

    def __reduce__(self) -> tuple[object, ...]:
        # pickled by its parts: the default would call the class with the message alone
        return _restore, (type(self), self.path, self.reason, self.args)


def _restore(
    kind: type[BriefingError], path: str | None, reason: str, args: tuple[object, ...]
) -> BriefingError:
    error = kind.__new__(kind)
    Exception.__init__(error, *args)
    error.path, error.reason = path, reason
    return error


class InputError(BriefingError):
    """An article cannot be read: binary, empty, too large, undecodable or missing."""


class ProjectError(BriefingError):
    """A ``.briefing`` project file cannot be read or written."""


class ExportError(BriefingError):
    """A Word or PDF export failed; the previous output file is left as it was."""

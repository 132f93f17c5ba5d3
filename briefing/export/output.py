"""Writing a finished Word document to its file: apart from the writer so that ``convert``, which
builds the note in another process (:mod:`briefing.forked`), writes it without loading python-docx."""

from __future__ import annotations

from pathlib import Path

from ..atomic import atomic_write_bytes
from ..errors import ExportError


def commit_docx(path: Path, data: bytes) -> None:
    """Replace ``path`` with a built document, atomically (the old file stays whole until the new
    one is complete); :class:`~briefing.errors.ExportError` when it cannot be written."""
    atomic_write_bytes(path, data, ExportError)

"""Word and PDF export. python-docx is loaded only when an export runs, so the GUI starts fast."""

from __future__ import annotations

from pathlib import Path

from ..model import Briefing
from .options import BUILTIN_TEMPLATES, DECISION_LINE_STYLES, ExportOptions, ExportResult

__all__ = [
    "BUILTIN_TEMPLATES",
    "DECISION_LINE_STYLES",
    "ExportOptions",
    "ExportResult",
    "build_docx",
    "commit_docx",
    "export_docx",
    "export_pdf",
]


def export_docx(briefing: Briefing, path: str | Path, options: ExportOptions | None = None) -> ExportResult:
    """Write the briefing as a Word document, atomically; raises :class:`~briefing.errors.ExportError`.

    Safe to call from a worker thread: it reads the briefing and touches nothing else.
    """
    from .docx_writer import write_docx

    return write_docx(briefing, Path(path), options or ExportOptions())


def build_docx(
    briefing: Briefing, path: str | Path, options: ExportOptions | None = None
) -> tuple[bytes, ExportResult]:
    """The Word document :func:`export_docx` would write to ``path``, as bytes, and its result;
    nothing is written (:func:`commit_docx` writes it)."""
    from .docx_writer import build_docx as build

    return build(briefing, Path(path), options or ExportOptions())


def commit_docx(path: str | Path, data: bytes) -> None:
    """Write a document :func:`build_docx` made to ``path``, atomically (the old file stays whole
    until the new one is complete)."""
    from .output import commit_docx as commit

    commit(Path(path), data)


def export_pdf(docx_path: str | Path, pdf_path: str | Path) -> Path:
    """Convert a .docx to PDF with LibreOffice headless, comments kept; a clear error when it is missing."""
    from .pdf import convert_to_pdf

    return convert_to_pdf(Path(docx_path), Path(pdf_path))

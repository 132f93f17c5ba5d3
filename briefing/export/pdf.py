"""PDF through LibreOffice headless: the one renderer that reads .docx faithfully on every platform.

Comments are kept as PDF note annotations (LibreOffice drops them from a plain ``--convert-to pdf``), and
the PDF is tagged. Each run gets a fresh LibreOffice profile, so a LibreOffice the user has open does not
block it.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
import zipfile
from pathlib import Path

from ..atomic import atomic_write_bytes
from ..errors import ExportError

#: The writer_pdf_Export filter: comments kept as PDF annotations, and a tagged PDF (headings, lists,
#: tables and reading order marked up), which screen readers need and accessibility rules require.
PDF_FILTER = (
    'pdf:writer_pdf_Export:{"ExportNotes":{"type":"boolean","value":"true"},'
    '"UseTaggedPDF":{"type":"boolean","value":"true"}}'
)
#: Seconds a conversion may take before it is given up (a first start of LibreOffice takes a few).
TIMEOUT = 180
INSTALL_HINT = (
    "LibreOffice is not installed, so no PDF can be made; install it (Debian/Ubuntu: "
    "apt-get install libreoffice-writer-nogui) or open the .docx in Word and save as PDF"
)


def find_soffice() -> str | None:
    """The LibreOffice program, or ``None``."""
    for name in ("soffice", "libreoffice"):
        found = shutil.which(name)
        if found:
            return found
    for candidate in (
        "/Applications/LibreOffice.app/Contents/MacOS/soffice",
        r"C:\Program Files\LibreOffice\program\soffice.exe",
    ):
        if os.path.isfile(candidate):
            return candidate
    return None


def convert_to_pdf(docx_path: Path, pdf_path: Path, soffice: str | None = None) -> Path:
    """Write ``pdf_path`` from ``docx_path``; the old PDF survives any failure."""
    soffice = soffice or find_soffice()
    if soffice is None:
        raise ExportError(pdf_path, INSTALL_HINT)
    if not docx_path.is_file():
        raise ExportError(docx_path, "no such file to convert")
    if not zipfile.is_zipfile(docx_path):  # LibreOffice would happily print it as plain text
        raise ExportError(docx_path, "is not a Word .docx file")
    with tempfile.TemporaryDirectory(prefix="briefing-pdf-") as work:
        work_dir = Path(work)
        source = work_dir / "in" / "document.docx"  # a plain name: LibreOffice names its output after it
        source.parent.mkdir()
        shutil.copyfile(docx_path, source)
        command = [
            soffice,
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(work_dir / 'profile').as_uri()}",
            "--convert-to",
            PDF_FILTER,
            "--outdir",
            str(work_dir / "out"),
            str(source),
        ]
        try:
            result = subprocess.run(command, capture_output=True, text=True, timeout=TIMEOUT, check=False)
        except subprocess.TimeoutExpired:
            raise ExportError(pdf_path, f"LibreOffice took longer than {TIMEOUT} s to make the PDF") from None
        except OSError as exc:
            raise ExportError(pdf_path, f"LibreOffice cannot be started ({exc.strerror or exc})") from None
        produced = work_dir / "out" / "document.pdf"
        if result.returncode != 0 or not produced.is_file():
            detail = (result.stderr or result.stdout).strip().splitlines()[-1:] or ["no output"]
            raise ExportError(pdf_path, f"LibreOffice could not make the PDF ({detail[0]})")
        atomic_write_bytes(pdf_path, produced.read_bytes(), ExportError)
    return pdf_path

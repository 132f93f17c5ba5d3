"""Reading PDF articles: the text layer, page by page, then the plain-text import.

A PDF holds placed glyphs, not paragraphs: the text of each page comes out as its lines, and the
plain-text import joins hard-wrapped lines into paragraphs and finds headings, lists and tables, as for
text copied out of a PDF. A page break becomes a blank line. pypdfium2 reads 50 pages in a fifth of a
second (pdfplumber, which also finds ruled tables, took seven).

What the checks' lines and columns count in is the extracted text, not the PDF.
"""

from __future__ import annotations

from pathlib import Path

from ..errors import InputError
from ..model import Briefing

#: pdfium's marks for a hyphen it put at a line's end, and for nothing.
_TRANSLATE = str.maketrans({"\x02": "-", "\x00": None, "\ufffe": None, "\uffff": None})


def pdf_text(data: bytes, path: str | Path | None = None) -> str:
    """The text of a PDF, its pages separated by a blank line; :class:`InputError` when there is none."""
    import pypdfium2 as pdfium

    if not data.strip():
        raise InputError(path, "is empty: there is no text to import")
    if b"%PDF-" not in data[:1024]:
        raise InputError(path, "is not a PDF document (it does not start as one)")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        if "password" in str(exc).lower():
            raise InputError(path, "is an encrypted PDF: it needs a password to open; refused") from None
        raise InputError(path, "is a damaged PDF: it cannot be read") from None
    try:
        pages: list[str] = []
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    text = textpage.get_text_range()
                finally:
                    textpage.close()
            finally:
                page.close()
            text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TRANSLATE)
            pages.append("\n".join(line.rstrip() for line in text.split("\n")).strip("\n"))
    except pdfium.PdfiumError:
        raise InputError(path, "is a damaged PDF: a page cannot be read") from None
    finally:
        document.close()
    if not pages:
        raise InputError(path, "is a PDF with no pages: there is no text to import")
    if not any(page.strip() for page in pages):
        raise InputError(
            path, "is a PDF with no text layer (a scan?): there is no text to import; run OCR on it first"
        )
    return "\n\n".join(page for page in pages if page.strip()) + "\n"


def import_pdf(data: bytes, path: str | Path | None = None) -> tuple[Briefing, str]:
    """A briefing from a PDF's bytes, and its extracted text (the source text)."""
    from . import import_text

    text = pdf_text(data, path)
    return import_text(text), text

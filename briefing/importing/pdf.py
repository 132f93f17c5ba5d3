"""Reading PDF articles: the text layer, page by page, then the plain-text import.

A PDF holds placed glyphs, not paragraphs: the text of each page comes out as its lines, and the
plain-text import joins hard-wrapped lines into paragraphs and finds headings, lists and tables, as for
text copied out of a PDF. A page break becomes a blank line. pypdfium2 reads 50 pages in a fifth of a
second (pdfplumber, which also finds ruled tables, took seven).

What the checks' lines and columns count in is the extracted text, not the PDF.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from ..errors import InputError
from ..model import Briefing

#: pdfium's marks for a hyphen that ended a line (it joins the two lines: "co\ufffeoperation"), kept as
#: the hyphen the page shows; NULs and non-characters are nothing.
#: Word's bullets in the Symbol and Wingdings fonts come out as private-use code points: the bullets they
#: show.
_TRANSLATE = str.maketrans(
    {"\x02": "-", "\ufffe": "-", "\x00": None, "\uffff": None, "\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢"}
)


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
                    lines = _page_lines(textpage)
                finally:
                    textpage.close()
            finally:
                page.close()
            text = "\n".join(line.translate(_TRANSLATE).rstrip() for line in lines)
            pages.append(text.strip("\n"))
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


def _page_lines(textpage: Any) -> list[str]:
    """A page's lines, with a blank line where the gap above a line is wider than the page's usual line
    pitch (a paragraph break, a heading): the plain-text import reads a blank line as the strongest sign
    of a new paragraph, and a PDF's text layer has none of its own."""
    raw = textpage.get_text_range()
    segments = raw.split("\n")
    lines = [segment.rstrip("\r").replace("\r", "\n") for segment in segments]
    if len(raw) != textpage.count_chars():
        return lines  # characters outside the BMP: offsets do not match the boxes; no gaps then
    bottoms: list[float | None] = []
    start = 0
    for segment in segments:
        first = next((k for k, ch in enumerate(segment) if not ch.isspace()), None)
        bottoms.append(textpage.get_charbox(start + first, loose=True)[1] if first is not None else None)
        start += len(segment) + 1
    pitches = sorted(
        above - below
        for above, below in zip(bottoms, bottoms[1:], strict=False)
        if above is not None and below is not None and above > below
    )
    if len(pitches) < 3:
        return lines
    usual = pitches[len(pitches) // 2]
    out: list[str] = []
    last: float | None = None
    for line, bottom in zip(lines, bottoms, strict=True):
        if (
            last is not None
            and bottom is not None
            and last - bottom > 1.6 * usual
            and out
            and out[-1].strip()
        ):
            out.append("")
        out.append(line)
        if bottom is not None:
            last = bottom
    return out


def import_pdf(data: bytes, path: str | Path | None = None) -> tuple[Briefing, str]:
    """A briefing from a PDF's bytes, and its extracted text (the source text)."""
    from . import import_text

    text = pdf_text(data, path)
    return import_text(text), text

"""Reading PDF articles: the text layer, page by page, then the plain-text import.

A PDF holds placed glyphs, not paragraphs: the text of each page comes out as its lines, and the
plain-text import joins hard-wrapped lines into paragraphs and finds headings, lists and tables, as for
text copied out of a PDF. A page break becomes a blank line. pypdfium2 reads 50 pages in a fifth of a
second (pdfplumber, which also finds ruled tables, took seven).

The page shows what its text does not: Word and LibreOffice set a heading in a larger or bold font
with no blank line under it, so the text alone reads ``Issue`` and the sentence below it as one wrapped
paragraph. Each line's font size, boldness and baseline are read too, and the whole document is
weighed at once (:func:`_layout`): the body font is the one most characters are set in; a short line
set larger or bolder is a heading, ranked by its font; a wider gap than the body's line pitch is a
blank line; a line repeated at the same place at the top or bottom of pages is a running header. The
plain-text import gets these as :class:`~briefing.importing.structure.LineHints`.

What the checks' lines and columns count in is the extracted text, not the PDF.
"""

from __future__ import annotations

import ctypes
import re
from collections import Counter
from dataclasses import dataclass
from itertools import takewhile
from pathlib import Path
from typing import Any

from .. import patterns
from ..errors import InputError
from ..model import Briefing
from .lines import is_heading_line
from .structure import LineHints

#: pdfium's marks for a hyphen that ended a line (it joins the two lines: "co\ufffeoperation"), kept as
#: the hyphen the page shows; NULs and non-characters are nothing.
#: Word's bullets in the Symbol and Wingdings fonts come out as private-use code points: the bullets they
#: show.
_TRANSLATE = str.maketrans(
    {"\x02": "-", "\ufffe": "-", "\x00": None, "\uffff": None, "\uf0b7": "•", "\uf0a7": "▪", "\uf0d8": "➢"}
)
#: Font names of bold faces (``ABCDEF+Carlito-Bold``): pdfium reports weight 400 for most of them.
_BOLD_NAME = patterns.compile(r"bold|black|heavy|semibold|demi", re.IGNORECASE)
_FORCE_BOLD = 1 << 18  # the font descriptor's ForceBold flag
#: Characters sampled per line for its font: enough for the most common one, cheap on long documents.
_SAMPLES = 8
#: A gap this many body line pitches wide is a blank line. Word's 8 pt after an 11 pt paragraph makes
#: 1.55; lines of one paragraph are set at one pitch.
_GAP = 1.35
#: A heading is set at least this much larger than the body (or bold where the body is not).
_LARGER = 1.12
_NOT_HEADING_END = (".", ",", ";")
#: A running header's or a date's length at most (a line of prose is longer).
_SHORT = 60
_SENTENCE_END = tuple('.!?:;…"”’)')
_FIGURES = patterns.compile(r"\d+")


@dataclass(slots=True)
class _Line:
    """One line of a page as pdfium placed it."""

    text: str
    page: int
    #: The baseline of its first character (points from the page's foot); ``None`` when not known.
    baseline: float | None = None
    #: The font size and boldness most of its characters are set in (size 0: not known).
    size: float = 0.0
    bold: bool = False
    #: A blank line goes above it (a wider gap than the body's line pitch).
    gap: bool = False

    @property
    def font(self) -> tuple[float, bool]:
        return (round(self.size * 2) / 2, self.bold)


def pdf_text(data: bytes, path: str | Path | None = None) -> str:
    """The text of a PDF, its pages separated by a blank line; :class:`InputError` when there is none."""
    return _read(data, path)[0]


def import_pdf(data: bytes, path: str | Path | None = None) -> tuple[Briefing, str]:
    """A briefing from a PDF's bytes, and its extracted text (the source text)."""
    from . import import_text

    text, hints = _read(data, path)
    return import_text(text, hints=hints), text


def _read(data: bytes, path: str | Path | None) -> tuple[str, LineHints]:
    """The text of a PDF and what its fonts and places say of its lines."""
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
        pages: list[list[_Line]] = []
        for index in range(len(document)):
            page = document[index]
            try:
                textpage = page.get_textpage()
                try:
                    pages.append(_page_lines(textpage, index))
                finally:
                    textpage.close()
            finally:
                page.close()
    except pdfium.PdfiumError:
        raise InputError(path, "is a damaged PDF: a page cannot be read") from None
    finally:
        document.close()
    if not pages:
        raise InputError(path, "is a PDF with no pages: there is no text to import")
    if not any(line.text.strip() for lines in pages for line in lines):
        raise InputError(
            path, "is a PDF with no text layer (a scan?): there is no text to import; run OCR on it first"
        )
    return _layout(pages)


def _page_lines(textpage: Any, page: int) -> list[_Line]:
    """A page's lines, each with its first character's baseline and its most common font."""
    import pypdfium2.raw as raw_api

    raw = textpage.get_text_range()
    segments = raw.split("\n")
    lines = [
        _Line(segment.rstrip("\r").replace("\r", "\n").translate(_TRANSLATE).rstrip(), page)
        for segment in segments
    ]
    if len(raw) != textpage.count_chars():
        return lines  # characters outside the BMP: offsets do not match the boxes; no fonts then
    handle = textpage.raw
    x, y = ctypes.c_double(), ctypes.c_double()
    flags = ctypes.c_int()
    name = ctypes.create_string_buffer(128)
    start = 0
    for segment, line in zip(segments, lines, strict=True):
        places = [start + k for k, ch in enumerate(segment) if not ch.isspace()]
        start += len(segment) + 1
        if not places:
            continue
        if raw_api.FPDFText_GetCharOrigin(handle, places[0], ctypes.byref(x), ctypes.byref(y)):
            line.baseline = y.value
        step = max(1, len(places) // _SAMPLES)
        fonts: Counter[tuple[float, bool]] = Counter()
        for k in places[::step]:
            size = raw_api.FPDFText_GetFontSize(handle, k)
            got = raw_api.FPDFText_GetFontInfo(handle, k, name, len(name), ctypes.byref(flags))
            font_name = name.value.decode("latin-1", "replace") if 0 < got <= len(name) else ""
            bold = (
                raw_api.FPDFText_GetFontWeight(handle, k) >= 600
                or bool(flags.value & _FORCE_BOLD)
                or bool(_BOLD_NAME.search(font_name.partition("+")[2] or font_name))
            )
            fonts[(round(size, 1), bold)] += 1
        (line.size, line.bold), _ = fonts.most_common(1)[0]
    return lines


def _layout(pages: list[list[_Line]]) -> tuple[str, LineHints]:
    """The document's text and hints, its pages weighed together: the body font is the one most
    characters are set in, so a heading is told by its font, not by its words."""
    weights: Counter[tuple[float, bool]] = Counter()
    for lines in pages:
        for line in lines:
            if line.size:
                weights[line.font] += len(line.text.strip())
    body = weights.most_common(1)[0][0] if weights else (0.0, False)
    pages = [_mark_gaps(_join_wrapped_headings(lines, body), body) for lines in pages]
    running = _running_lines(pages)
    headings = [
        line for lines in pages for line in lines if id(line) not in running and _set_as_heading(line, body)
    ]
    # Heading fonts ranked, largest (then bold) first; a font used only by the first heading, on the
    # first page and larger than all the others, is the title's and takes no rank.
    fonts = sorted({line.font for line in headings}, reverse=True)
    title = None
    if headings and headings[0].font == fonts[0] and [h.font for h in headings].count(fonts[0]) == 1:
        above = list(takewhile(lambda line: line is not headings[0], pages[0]))
        if len(above) < len(pages[0]) and _top_of_document(above):
            title = id(headings[0])
            fonts = fonts[1:]
    levels = {id(line): min(fonts.index(line.font) + 1, 3) if line.font in fonts else 1 for line in headings}
    standalone = set() if headings else _standalone_by_shape(pages)
    out: list[str] = []
    hints = LineHints()
    for lines in pages:
        texts: list[tuple[_Line | None, str]] = []
        for line in lines:
            if line.gap and texts and texts[-1][1].strip():
                texts.append((None, ""))
            texts.extend((line if k == 0 else None, part) for k, part in enumerate(line.text.split("\n")))
        while texts and not texts[0][1].strip():
            texts.pop(0)
        while texts and not texts[-1][1].strip():
            texts.pop()
        if not texts:
            continue
        if out:
            out.append("")
        for placed, text in texts:
            key = id(placed)
            if placed is None:
                pass
            elif key in running:
                hints.furniture.add(len(out))
            elif key == title:
                hints.title = len(out)
            elif key in levels:
                hints.headings[len(out)] = levels[key]
            elif key in standalone:
                hints.standalone.add(len(out))
            elif headings and placed.size and placed.font == body:
                hints.body.add(len(out))
            out.append(text)
    return "\n".join(out) + "\n", hints


def _top_of_document(above: list[_Line]) -> bool:
    """Whether the lines above a heading leave it at the top of the document: a few short lines at most
    (a running header, a date, a marking), no prose."""
    placed = [line.text.strip() for line in above if line.text.strip()]
    return len(placed) <= 3 and all(len(text) <= _SHORT for text in placed)


def _set_as_heading(line: _Line, body: tuple[float, bool]) -> bool:
    """A short line with no final sentence punctuation set larger than the body, or bold where the body
    is not."""
    text = line.text.strip()
    if (
        not line.size
        or not body[0]
        or not text
        or len(text) > 120
        or len(text.split()) > 16
        or text.endswith(_NOT_HEADING_END)
        or not any(ch.isalpha() for ch in text)
    ):
        return False
    size, bold = line.font
    larger = size >= body[0] * _LARGER and size - body[0] >= 1.0
    return larger or (bold and not body[1] and size >= body[0] - 0.5)


def _join_wrapped_headings(lines: list[_Line], body: tuple[float, bool]) -> list[_Line]:
    """A heading too long for one line wraps onto the next in its font: one line again, so it is one
    heading (``Options for the Eastern`` / ``Quay``)."""
    out: list[_Line] = []
    for line in lines:
        last = out[-1] if out else None
        if (
            last is not None
            and line.font == last.font
            and line.font != body
            and _set_as_heading(last, body)
            and _set_as_heading(line, body)
            and last.baseline is not None
            and line.baseline is not None
            and 0 < last.baseline - line.baseline <= 1.5 * line.size
            and len(last.text.split()) + len(line.text.split()) <= 16
            and "\n" not in last.text + line.text
        ):
            last.text = last.text.rstrip() + " " + line.text.strip()
            continue
        out.append(line)
    return out


def _mark_gaps(lines: list[_Line], body: tuple[float, bool]) -> list[_Line]:
    """A blank line where the gap above a line is wider than the body's usual line pitch (a paragraph
    break, a heading): the plain-text import reads a blank line as the strongest sign of a new
    paragraph, and a PDF's text layer has none of its own. The pitch is measured between lines of the
    body font, so the wider spacing around headings does not hide paragraph breaks."""
    placed = [(line, line.baseline) for line in lines if line.baseline is not None and line.text.strip()]
    pairs = [(a, b, above - below) for (a, above), (b, below) in zip(placed, placed[1:], strict=False)]
    pitches = sorted(pitch for a, b, pitch in pairs if pitch > 0 and a.font == body == b.font)
    if len(pitches) < 3:
        pitches = sorted(pitch for _, _, pitch in pairs if pitch > 0)
    if len(pitches) < 3:
        return lines
    usual = pitches[len(pitches) // 2]
    for a, b, pitch in pairs:
        # A line in a larger font takes more room: the extra size is allowed for.
        extra = max(0.0, a.size - body[0], b.size - body[0])
        if pitch > _GAP * usual + extra:
            b.gap = True
    return lines


def _running_lines(pages: list[list[_Line]]) -> set[int]:
    """Running headers and footers: the same short line (its figures aside) at the same height among
    the first or last two lines of two or more pages."""
    seen: dict[tuple[str, int], list[_Line]] = {}
    for lines in pages:
        placed = [line for line in lines if line.text.strip() and line.baseline is not None]
        for line in {id(line): line for line in placed[:2] + placed[-2:]}.values():
            text = _FIGURES.sub("#", line.text.strip()).casefold()
            if len(text) <= _SHORT and line.baseline is not None:
                seen.setdefault((text, round(line.baseline / 3)), []).append(line)
    return {id(line) for found in seen.values() if len({line.page for line in found}) >= 2 for line in found}


def _standalone_by_shape(pages: list[list[_Line]]) -> set[int]:
    """Without fonts to go by, a heading's line by its shape: much shorter than the page's full lines,
    heading-like (Title Case, capitals, no final punctuation), at the top of the page or after a line
    that ends a sentence, and followed by a line that starts one. Such a line does not run on into the
    next; whether it is a heading the plain-text import decides."""
    found: set[int] = set()
    for lines in pages:
        placed = [line for line in lines if line.text.strip()]
        lengths = sorted(len(line.text.strip()) for line in placed)
        if len(lengths) < 3:
            continue
        width = lengths[int(len(lengths) * 0.9)]
        for k, line in enumerate(placed[:-1]):
            text, after = line.text.strip(), placed[k + 1]
            before = placed[k - 1].text.strip() if k else ""
            if (
                len(text) <= 0.5 * width
                and is_heading_line(text)
                and (not before or line.gap or before.endswith(_SENTENCE_END))
                and not after.gap
                and after.text.strip()[:1].isupper()
                and len(after.text.strip()) > 0.5 * width
            ):
                found.add(id(line))
    return found

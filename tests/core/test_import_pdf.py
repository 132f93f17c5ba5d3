"""PDF import: the text layer page by page, then the plain-text import; bad PDFs get one clear line.

The PDFs are written here by a tiny writer (Helvetica text, one line per ``Tj``), so every test knows
exactly which text the file holds.
"""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import InputError
from briefing.importing import import_article
from briefing.importing.pdf import import_pdf, pdf_text

from .test_import_properties import model_text


def make_pdf(pages: list[list[str]], encrypt: bool = False) -> bytes:
    """A PDF of A4 pages, each a list of text lines (Latin-1); a page without lines gets a grey box and
    no text, as a scan has. ``encrypt`` adds a security handler whose password is not the empty one."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    font = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for lines in pages:
        ops = [b"BT /F1 11 Tf 14 TL 50 800 Td"]
        for line in lines:
            escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
            ops.append(b"(" + escaped.encode("latin-1") + b") Tj T*")
        ops.append(b"ET")
        if not lines:
            ops = [b"0.5 g 50 50 400 600 re f"]
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R >> >> >>" % (pages_id, content, font)
            )
        )
    add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    trailer = b"<< /Size %d /Root %d 0 R" % (len(objects) + 1 + int(encrypt), catalog)
    if encrypt:
        handler = add(
            b"<< /Filter /Standard /V 1 /R 2 /Length 40 /P -44 /O <"
            + b"ab" * 32
            + b"> /U <"
            + b"cd" * 32
            + b"> >>"
        )
        trailer += b" /Encrypt %d 0 R /ID [<%s> <%s>]" % (
            handler,
            b"0123456789abcdef" * 2,
            b"0123456789abcdef" * 2,
        )
    return assemble_pdf(objects, trailer)


def assemble_pdf(objects: list[bytes], trailer: bytes) -> bytes:
    """A PDF file of numbered objects (1, 2, …) with its cross-reference table; ``trailer`` is the
    trailer dictionary without its closing ``>>``."""
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n" + trailer + b" >>\nstartxref\n%d\n%%%%EOF\n" % xref
    return bytes(out)


def chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace())


def test_the_text_comes_page_by_page_with_a_blank_line_at_each_page_break() -> None:
    data = make_pdf(
        [["Trade Talks Resume", "The ministry said (on Monday) talks resume."], ["Page two text."]]
    )
    assert pdf_text(data) == (
        "Trade Talks Resume\nThe ministry said (on Monday) talks resume.\n\nPage two text.\n"
    )


def test_a_pdf_imports_through_the_plain_text_import_with_its_text_as_the_source(tmp_path) -> None:
    path = tmp_path / "report.pdf"
    path.write_bytes(make_pdf([["Background", "", "Tariffs rose in March."], ["- Steel", "- Grain"]]))
    briefing, source = import_article(path)
    assert source == pdf_text(path.read_bytes())
    text = model_text(briefing)
    for word in ("Background", "Tariffs rose in March.", "Steel", "Grain"):
        assert word in text
    assert briefing.source_map, "findings can name the extracted text's lines"


def test_a_wider_gap_between_lines_is_a_blank_line_so_paragraphs_stay_apart() -> None:
    lines = [
        "The council met on Monday and",
        "agreed the budget.",
        "",
        "Roads get more money",
        "this year.",
        "x",
    ]
    assert pdf_text(make_pdf([lines])) == (
        "The council met on Monday and\nagreed the budget.\n\nRoads get more money\nthis year.\nx\n"
    )


def test_a_hyphen_that_ends_a_line_is_kept() -> None:
    # pdfium joins a line ending in a hyphen to the next, as a word broken across lines.
    assert pdf_text(make_pdf([["The co-", "operation held."]])) == "The co-operation held.\n"


def test_a_blank_page_in_a_pdf_with_text_is_no_error() -> None:
    assert pdf_text(make_pdf([["First page."], [], ["Third page."]])) == "First page.\n\nThird page.\n"


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (make_pdf([["Secret text."]], encrypt=True), "is an encrypted PDF: it needs a password to open"),
        (make_pdf([[], []]), "is a PDF with no text layer (a scan?): there is no text to import"),
        (b"%PDF-1.4\n1 0 obj << /Type /Catalog >> garbage", "is a damaged PDF: it cannot be read"),
        (b"PK\x03\x04 not a pdf at all", "is not a PDF document"),
        (b"", "is empty: there is no text to import"),
        (b"  \n", "is empty: there is no text to import"),
    ],
)
def test_bad_pdfs_get_one_line_naming_the_problem(data: bytes, problem: str) -> None:
    with pytest.raises(InputError) as caught:
        import_pdf(data, "scan.pdf")
    message = str(caught.value)
    assert message.startswith("scan.pdf: " + problem), message
    assert "\n" not in message


LINE = st.text(
    st.characters(min_codepoint=0x21, max_codepoint=0x7E), min_size=1, max_size=12
) | st.sampled_from(["Key Findings", "1. Summary", "- item", "| a | b |", "Page 2 of 5", "SUMMARY"])


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.lists(st.lists(LINE, min_size=1, max_size=6).map(" ".join), max_size=8), min_size=1, max_size=3
    )
)
def test_pdf_import_keeps_every_character_of_the_extracted_text(pages: list[list[str]]) -> None:
    data = make_pdf(pages)
    try:
        briefing, text = import_pdf(data, "x.pdf")
    except InputError as exc:
        assert not any(line.strip() for page in pages for line in page), exc
        return
    assert chars(text) == chars("".join(line for page in pages for line in page)), "the text layer, whole"
    from .test_import_properties import content_chars

    missing = content_chars(text) - chars(model_text(briefing))
    assert not missing, f"lost {dict(missing)}"

"""PDF headings: a heading with no blank line under it stays a heading, wrapped prose still joins.

Word and LibreOffice set a heading in a larger or bold font and put no blank line in the text layer
under it, so the text alone reads the heading and the sentence below as one wrapped paragraph. The PDFs
here are written by a tiny writer that sets each line in a font and at a height as those programs do
(headings larger or bold, space above a heading, none under it); one test converts a real .docx with
LibreOffice when it is installed. All text is invented for these tests.
"""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from briefing.importing.pdf import import_pdf, pdf_text
from briefing.model import Briefing, Paragraph

from .test_import_pdf import assemble_pdf, make_pdf
from .test_import_properties import content_chars, model_text

#: Styles of the writer: font, size, space above, line pitch (points).
STYLES = {
    "title": (b"F2", 24, 0, 30),
    "h1": (b"F2", 16, 14, 20),
    "h1+": (b"F2", 16, 0, 20),  # the second line of a heading that wraps
    "h2": (b"F2", 13, 10, 16),
    "bold": (b"F2", 11, 10, 14),
    "body": (b"F1", 11, 0, 14),
    "gap": (b"F1", 11, 9, 14),  # a body line after a paragraph's spacing (Word's 8 pt after)
    "lead": (b"F1", 11, 9, 14),  # a paragraph's first line that opens with a bold phrase
}


def typeset_pdf(pages: list[list[tuple[str, str]]]) -> bytes:
    """A PDF of A4 pages, each a list of ``(style, text)`` lines (Latin-1), set in Helvetica and
    Helvetica-Bold at the heights :data:`STYLES` gives: a heading has space above it and none below."""
    objects: list[bytes] = []

    def add(body: bytes) -> int:
        objects.append(body)
        return len(objects)

    regular = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>")
    bold = add(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>")
    pages_id = len(objects) + 1 + 2 * len(pages)
    kids = []
    for lines in pages:
        ops = []
        y = 800.0
        for style, text in lines:
            font, size, above, pitch = STYLES[style]
            y -= above + pitch
            # "Lead|rest": the lead in bold, the rest of the line in the body font.
            lead, _, rest = text.rpartition("|") if style == "lead" else ("", "", text)
            shown = b"(%s) Tj" % _escape(rest)
            if lead:
                shown = b"/F2 11 Tf (%s) Tj /F1 11 Tf " % _escape(lead) + shown
            ops.append(b"BT /%s %d Tf 1 0 0 1 60 %.1f Tm %s ET" % (font, size, y, shown))
        stream = b"\n".join(ops)
        content = add(b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream")
        kids.append(
            add(
                b"<< /Type /Page /Parent %d 0 R /MediaBox [0 0 595 842] /Contents %d 0 R "
                b"/Resources << /Font << /F1 %d 0 R /F2 %d 0 R >> >> >>" % (pages_id, content, regular, bold)
            )
        )
    add(b"<< /Type /Pages /Kids [" + b" ".join(b"%d 0 R" % k for k in kids) + b"] /Count %d >>" % len(kids))
    catalog = add(b"<< /Type /Catalog /Pages %d 0 R >>" % pages_id)
    return assemble_pdf(objects, b"<< /Size %d /Root %d 0 R" % (len(objects) + 1, catalog))


def _escape(text: str) -> bytes:
    return text.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)").encode("latin-1")


def outline(briefing: Briefing) -> list[tuple[int, str, list[str]]]:
    """Each section as its level, heading and paragraphs' texts."""
    return [
        (s.level, s.heading, [b.text for b in s.blocks if isinstance(b, Paragraph)])
        for s in briefing.sections
    ]


def assert_nothing_lost(briefing: Briefing, text: str) -> None:
    missing = content_chars(text) - content_chars(model_text(briefing))
    assert not missing, f"lost {dict(missing)}"


BERTH = [
    ("title", "Harbour Bulletin"),
    ("h1", "Issue"),
    ("body", "The port authority has asked for a decision on the new berth at the eastern quay"),
    ("body", "before the end of the month, because the dredging contract must be signed soon."),
    ("h1", "Why the berth matters now"),
    ("body", "Ferry traffic rose by a fifth last year and the two existing berths are full at peak"),
    ("body", "hours on most days of the summer season, when the island services run hourly."),
    ("h2", "Options Considered"),
    ("body", "Three sites along the harbour wall were weighed by the working group over the"),
    ("body", "winter months, each with its own costs and risks to the fishing fleet in the"),
    ("body", "Inner Basin Moorings"),
    ("body", "and to the ferry timetable."),
    ("gap", "A second paragraph follows with only the spacing of a paragraph above it, and it"),
    ("body", "wraps onto a second line as well."),
]


def test_a_heading_set_in_a_larger_or_bold_font_stays_a_heading_over_its_paragraph() -> None:
    data = typeset_pdf([BERTH])
    briefing, text = import_pdf(data, "berth.pdf")
    assert "Issue\nThe port authority" in text, "the text layer itself has no blank line under a heading"
    assert briefing.meta.title == "Harbour Bulletin"
    sections = outline(briefing)
    assert [(level, heading) for level, heading, _ in sections] == [
        (1, "Issue"),
        (1, "Why the berth matters now"),  # sentence case: the font tells, not the words
        (2, "Options Considered"),
    ]
    issue, why, options = (paragraphs for _, _, paragraphs in sections)
    assert issue == [
        "The port authority has asked for a decision on the new berth at the eastern quay before the end "
        "of the month, because the dredging contract must be signed soon."
    ]
    assert why[0].startswith("Ferry traffic rose") and why[0].endswith("run hourly.")
    # Wrapped lines in the body font join, a Title Case line among them too; a paragraph's spacing
    # above a line starts a new paragraph.
    assert options == [
        "Three sites along the harbour wall were weighed by the working group over the winter months, "
        "each with its own costs and risks to the fishing fleet in the Inner Basin Moorings and to the "
        "ferry timetable.",
        "A second paragraph follows with only the spacing of a paragraph above it, and it wraps onto a "
        "second line as well.",
    ]
    assert_nothing_lost(briefing, text)


def test_a_bold_heading_in_the_body_size_is_a_heading_and_a_bold_phrase_in_a_line_is_not() -> None:
    lines = [
        ("body", "The ferry company wrote to the council in March about the timetable for the"),
        ("body", "summer and the number of crossings it can offer with one berth."),
        ("bold", "Key points for the council"),
        ("body", "Crossings fall by a third when one berth is closed for dredging in the spring, and"),
        ("body", "the company asks for two weeks' notice of any closure."),
        ("lead", "Dredging Window |The contractor can work only between March and May, when the"),
        ("body", "fleet is at sea and the ferries run the winter timetable."),
    ]
    briefing, text = import_pdf(typeset_pdf([lines]), "bold.pdf")
    sections = outline(briefing)
    assert [heading for _, heading, _ in sections] == ["", "Key points for the council"]
    assert sections[1][2] == [
        "Crossings fall by a third when one berth is closed for dredging in the spring, and the company "
        "asks for two weeks' notice of any closure.",
        "Dredging Window The contractor can work only between March and May, when the fleet is at sea "
        "and the ferries run the winter timetable.",
    ]
    assert_nothing_lost(briefing, text)


def test_a_heading_that_wraps_onto_a_second_line_is_one_heading() -> None:
    lines = [
        ("h1", "Costs of the Eastern Quay Berth and of the"),
        ("h1+", "Dredging Needed"),
        ("body", "The estimate is nine million over three years, most of it for the dredging of the"),
        ("body", "approach channel to the new depth."),
    ]
    briefing, _ = import_pdf(typeset_pdf([lines]), "wrapped.pdf")
    headings = [s.heading for s in briefing.sections if s.heading] + [briefing.meta.title]
    assert "Costs of the Eastern Quay Berth and of the Dredging Needed" in headings
    paragraphs = [p for _, _, ps in outline(briefing) for p in ps]
    assert paragraphs == [
        "The estimate is nine million over three years, most of it for the dredging of the approach "
        "channel to the new depth."
    ]


def test_a_running_header_is_furniture_and_not_glued_to_the_title_or_a_paragraph() -> None:
    body = [
        ("body", "The harbour board met on Tuesday and heard the engineers' report on the state of"),
        ("body", "the eastern quay wall, which needs repair before any new berth is built on it."),
    ] * 6
    first = [("body", "Harbour Bulletin"), ("title", "Harbour Bulletin"), ("h1", "Summary"), *body]
    second = [("body", "Harbour Bulletin"), *body, ("h1", "Next Steps"), *body[:2]]
    briefing, text = import_pdf(typeset_pdf([first, second]), "bulletin.pdf")
    assert briefing.meta.title == "Harbour Bulletin"
    assert [heading for _, heading, _ in outline(briefing) if heading] == ["Summary", "Next Steps"]
    notes = [note for note in briefing.import_notes if note.rule == "import.furniture"]
    assert [text.split("\n")[note.line - 1] for note in notes] == ["Harbour Bulletin", "Harbour Bulletin"]
    for _, _, paragraphs in outline(briefing):
        for paragraph in paragraphs:
            assert paragraph == "Harbour Bulletin" or paragraph.startswith("The harbour board met"), paragraph
    assert_nothing_lost(briefing, text)


def test_without_fonts_to_go_by_a_short_heading_line_is_told_by_its_shape() -> None:
    # One font throughout: a short Title Case line at the top of the page or after a sentence's end,
    # above a full line that starts a sentence, stands alone.
    lines = [
        "Harbour Bulletin",
        "",
        "Issue",
        "The port authority has asked for a decision on the new berth at the eastern quay before",
        "the end of the month, because the dredging contract must be signed in the spring.",
        "",
        "Background",
        "Ferry traffic rose by a fifth last year and the two existing berths are now full at peak",
        "hours. The council commissioned a study of three sites along the harbour wall. The",
        "Minister of Transport",
        "asked for the study to be finished by the autumn sitting of the council this year.",
    ]
    data = make_pdf([lines])
    briefing, text = import_pdf(data, "plain.pdf")
    assert text == pdf_text(data)
    assert briefing.meta.title == "Harbour Bulletin"
    assert outline(briefing) == [
        (
            1,
            "Issue",
            [
                "The port authority has asked for a decision on the new berth at the eastern quay before "
                "the end of the month, because the dredging contract must be signed in the spring."
            ],
        ),
        (
            1,
            "Background",
            [
                "Ferry traffic rose by a fifth last year and the two existing berths are now full at peak "
                "hours. The council commissioned a study of three sites along the harbour wall. The "
                "Minister of Transport asked for the study to be finished by the autumn sitting of the "
                "council this year."
            ],
        ),
    ]


def test_plain_wrapped_paragraphs_in_one_font_still_join() -> None:
    lines = [
        "The council met on Monday and agreed the budget for the coming year after a long debate",
        "About Roads And Bridges In The North",
        "of the county, where the winter storms did the most damage to the coast road.",
    ]
    briefing, _ = import_pdf(make_pdf([lines]), "wrapped.pdf")
    assert outline(briefing) == [(1, "", [" ".join(lines)])]


@pytest.fixture(scope="module")
def office_pdf(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """A .docx written with Word's own styles (Title, Heading 1 and 2, a running header), converted to
    PDF by LibreOffice; skipped when LibreOffice is not installed."""
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        pytest.skip("LibreOffice (soffice) is not installed")
    docx = pytest.importorskip("docx")
    folder: Path = tmp_path_factory.mktemp("office")
    document = docx.Document()
    document.sections[0].header.paragraphs[0].text = "Quay Review"
    document.add_paragraph("Eastern Quay Review", style="Title")
    document.add_heading("Issue", level=1)
    document.add_paragraph(
        "The port authority has asked for a decision on the new berth at the eastern quay before the end "
        "of the month, because the dredging contract must be signed in the spring and the contractor "
        "needs the final depth of the approach channel before it orders the equipment."
    )
    document.add_heading("Why the berth matters now", level=1)
    for _ in range(5):
        document.add_paragraph(
            "Ferry traffic rose by a fifth last year and the two existing berths are now full at peak "
            "hours, so that island services wait outside the harbour wall in poor weather and the "
            "timetable slips by up to an hour on the busiest summer days of the season."
        )
    document.add_heading("Options Considered", level=2)
    for _ in range(5):
        document.add_paragraph(
            "Three sites along the harbour wall were weighed by the working group over the winter "
            "months, each with its own costs and its own risks to the fishing fleet that moors in the "
            "inner basin during the closed season."
        )
    document.save(folder / "review.docx")
    try:
        subprocess.run(
            [
                soffice,
                f"-env:UserInstallation={(folder / 'profile').as_uri()}",
                "--headless",
                "--convert-to",
                "pdf",
                "--outdir",
                str(folder),
                str(folder / "review.docx"),
            ],
            check=True,
            capture_output=True,
            timeout=180,
        )
    except (subprocess.SubprocessError, OSError) as exc:
        pytest.skip(f"LibreOffice could not convert the document: {exc}")
    pdf = folder / "review.pdf"
    if not pdf.exists():
        pytest.skip("LibreOffice wrote no PDF")
    return pdf.read_bytes()


def test_a_pdf_made_by_libreoffice_keeps_its_headings_apart_from_their_paragraphs(office_pdf: bytes) -> None:
    briefing, text = import_pdf(office_pdf, "review.pdf")
    assert briefing.meta.title == "Eastern Quay Review"
    sections = outline(briefing)
    headed = [(level, heading) for level, heading, _ in sections if heading]
    assert headed == [(1, "Issue"), (1, "Why the berth matters now"), (2, "Options Considered")]
    by_heading = {heading: paragraphs for _, heading, paragraphs in sections}
    assert by_heading["Issue"] == [
        "The port authority has asked for a decision on the new berth at the eastern quay before the end "
        "of the month, because the dredging contract must be signed in the spring and the contractor "
        "needs the final depth of the approach channel before it orders the equipment."
    ]
    why = [p for p in by_heading["Why the berth matters now"] if p != "Quay Review"]
    assert why and all(p.startswith("Ferry traffic rose") and p.endswith("of the season.") for p in why)
    options = [p for p in by_heading["Options Considered"] if p != "Quay Review"]
    assert options and all(p.startswith("Three sites") and p.endswith("closed season.") for p in options)
    assert_nothing_lost(briefing, text)

"""Word import: headings by style or outline level, lists with nesting, real tables with merged cells,
bold and italic runs, and the document's comments on the blocks they are about."""

from __future__ import annotations

import io
import zipfile
from collections import Counter

import docx
import pytest
from docx.enum.style import WD_STYLE_TYPE
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.errors import InputError
from briefing.importing import import_article
from briefing.importing.word import import_docx
from briefing.model import Briefing, ListBlock, Paragraph, Table

from .test_import_properties import model_text


def save(document) -> bytes:
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def blocks(briefing: Briefing) -> list:
    return [block for _, block in briefing.blocks()]


def memo() -> docx.Document:
    d = docx.Document()
    d.add_paragraph("Port Strike Enters Second Week", style="Title")
    lede = d.add_paragraph("Dock workers in three ports stayed out on ")
    lede.add_run("Monday").bold = True
    lede.add_run(", the union said; talks are ")
    lede.add_run("expected").italic = True
    lede.add_run(" to resume.")
    d.add_comment(
        lede.runs[1], text="Confirm the day with the union's notice.", author="Ana Ruiz", initials="AR"
    )
    d.add_heading("Impact", 1)
    d.add_paragraph("Containers: 40,000 waiting", style="List Bullet")
    d.add_paragraph("Reefers first", style="List Bullet 2")
    d.add_paragraph("Bulk: unaffected", style="List Bullet")
    d.add_paragraph("Call the port authority", style="List Number")
    d.add_paragraph("Brief the minister", style="List Number")
    d.add_heading("Backlog by port", 2)
    table = d.add_table(rows=3, cols=3)
    for r, row in enumerate([["Port", "Ships", "Note"], ["North", "12", "worst"], ["South", "7", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 0).merge(table.cell(1, 1))  # a horizontal merge: both texts in one cell
    d.add_comment(table.cell(2, 1).paragraphs[0].runs[0], text="Seven or eight?", author="Bo Chen")
    d.add_paragraph("More after the table.")
    return d


def test_headings_come_from_title_and_heading_styles() -> None:
    briefing, text = import_docx(save(memo()))
    assert briefing.meta.title == "Port Strike Enters Second Week"
    assert [(s.heading, s.level) for s in briefing.sections if s.heading] == [
        ("Impact", 1),
        ("Backlog by port", 2),
    ]
    assert text.startswith("Port Strike Enters Second Week\n\nDock workers")


def test_runs_keep_bold_and_italic() -> None:
    briefing, _ = import_docx(save(memo()))
    lede = next(b for b in blocks(briefing) if isinstance(b, Paragraph))
    assert [(r.text, r.bold, r.italic) for r in lede.runs] == [
        ("Dock workers in three ports stayed out on ", False, False),
        ("Monday", True, False),
        (", the union said; talks are ", False, False),
        ("expected", False, True),
        (" to resume.", False, False),
    ]


def test_list_styles_make_lists_with_nesting_and_bullets_and_numbers_apart() -> None:
    briefing, _ = import_docx(save(memo()))
    bullets, numbers = [b for b in blocks(briefing) if isinstance(b, ListBlock)]
    assert [(i.full_text, i.level) for i in bullets.items] == [
        ("Containers: 40,000 waiting", 0),
        ("Reefers first", 1),
        ("Bulk: unaffected", 0),
    ]
    assert not bullets.ordered
    assert numbers.ordered and [i.marker for i in numbers.items] == ["1.", "2."]


def test_tables_are_real_tables_and_merged_cells_keep_their_text_once() -> None:
    briefing, _ = import_docx(save(memo()))
    [table] = [b for b in blocks(briefing) if isinstance(b, Table)]
    assert table.header == ["Port", "Ships", "Note"]
    assert table.rows[0] == ["North 12", "", "worst"]
    assert table.rows[1] == ["South", "7", ""]
    assert model_text(briefing).count("North") == 1


def test_a_vertical_merge_keeps_the_text_in_the_top_cell_only() -> None:
    d = docx.Document()
    table = d.add_table(rows=3, cols=2)
    for r, row in enumerate([["Region", "Status"], ["East", "open"], ["West", ""]]):
        for c, text in enumerate(row):
            table.cell(r, c).text = text
    table.cell(1, 1).merge(table.cell(2, 1))
    briefing, _ = import_docx(save(d))
    [block] = [b for b in blocks(briefing) if isinstance(b, Table)]
    assert block.rows == [["East", "open"], ["West", ""]]


def test_comments_become_briefing_comments_on_their_blocks() -> None:
    briefing, _ = import_docx(save(memo()))
    lede = next(b for b in blocks(briefing) if isinstance(b, Paragraph))
    [table] = [b for b in blocks(briefing) if isinstance(b, Table)]
    on_lede, on_cell = briefing.comments
    assert (on_lede.text, on_lede.author, on_lede.initials) == (
        "Confirm the day with the union's notice.",
        "Ana Ruiz",
        "AR",
    )
    assert on_lede.anchor.block_id == lede.id
    assert (on_cell.anchor.block_id, on_cell.anchor.row, on_cell.anchor.column) == (table.id, 1, 1)


def test_heading_styles_are_found_by_id_or_name_in_any_case_and_by_outline_level() -> None:
    d = docx.Document()
    custom = d.styles.add_style("SECTION HEAD", WD_STYLE_TYPE.PARAGRAPH)
    p_pr = custom.element.get_or_add_pPr()
    outline = OxmlElement("w:outlineLvl")
    outline.set(qn("w:val"), "1")
    p_pr.append(outline)
    lower = d.styles.add_style("heading 3", WD_STYLE_TYPE.PARAGRAPH) if "heading 3" not in d.styles else None
    d.add_paragraph("By outline level", style="SECTION HEAD")
    d.add_paragraph("Body text under it.")
    para = d.add_paragraph("Direct outline level")
    direct = OxmlElement("w:outlineLvl")
    direct.set(qn("w:val"), "0")
    para._p.get_or_add_pPr().append(direct)
    d.add_paragraph("By name", style=lower or "Heading 3")
    briefing, _ = import_docx(save(d))
    assert [(s.heading, s.level) for s in briefing.sections if s.heading] == [
        ("By outline level", 2),
        ("Direct outline level", 1),
        ("By name", 3),
    ]


def test_body_order_keeps_tables_between_paragraphs() -> None:
    d = docx.Document()
    d.add_paragraph("Before.")
    d.add_table(rows=1, cols=2).rows[0].cells[0].text = "cell"
    d.add_paragraph("After.")
    briefing, text = import_docx(save(d))
    assert [b.kind for b in blocks(briefing)] == ["paragraph", "table", "paragraph"]
    assert text == "Before.\n\n| cell |  |\n\nAfter.\n"


def test_numbered_paragraphs_without_a_list_style_are_list_items() -> None:
    d = docx.Document()
    for level, text in [(0, "Top"), (1, "Under")]:
        para = d.add_paragraph(text)
        num_pr = para._p.get_or_add_pPr().get_or_add_numPr()
        num_pr.get_or_add_ilvl().val = level
        num_pr.get_or_add_numId().val = 1
    briefing, _ = import_docx(save(d))
    [block] = [b for b in blocks(briefing) if isinstance(b, ListBlock)]
    assert [(i.text, i.level) for i in block.items] == [("Top", 0), ("Under", 1)]


def damaged_zip() -> bytes:
    data = save(memo())
    return data[: len(data) // 2]


def zip_without_document() -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("hello.txt", "not a Word document")
    return buffer.getvalue()


@pytest.mark.parametrize(
    ("data", "problem"),
    [
        (damaged_zip(), "is a damaged Word document"),
        (zip_without_document(), "is not a Word document"),
        (b"just some text, not a zip", "is not a Word document"),
        (b"", "is empty: there is no text to import"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(500), "is an old Word (.doc) file"),
        (save(docx.Document()), "holds no text to import"),
    ],
)
def test_bad_docx_files_get_one_line(tmp_path, data: bytes, problem: str) -> None:
    path = tmp_path / "memo.docx"
    path.write_bytes(data)
    with pytest.raises(InputError) as caught:
        import_article(path)
    message = str(caught.value)
    assert message.startswith(f"{path}: {problem}"), message
    assert "\n" not in message


# --- nothing lost -----------------------------------------------------------------------------------

WORD = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Co", "Cn", "Zs", "Zl", "Zp")),
    min_size=1,
    max_size=8,
)
TEXT = st.lists(WORD, min_size=1, max_size=5).map(" ".join)
STYLES = st.sampled_from(
    ["Normal", "Title", "Heading 1", "Heading 2", "List Bullet", "List Bullet 2", "List Number"]
)
PART = st.one_of(
    st.tuples(
        st.just("p"), STYLES, st.lists(st.tuples(TEXT, st.booleans(), st.booleans()), min_size=1, max_size=3)
    ),
    st.tuples(st.just("t"), st.integers(1, 4), st.lists(TEXT, min_size=1, max_size=12)),
)


def chars(text: str) -> Counter:
    return Counter(ch for ch in text if not ch.isspace() and ch != "|")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(PART, min_size=1, max_size=8))
def test_word_import_keeps_every_character_of_the_extracted_text(parts) -> None:
    d = docx.Document()
    written = []
    for part in parts:
        if part[0] == "p":
            _, style, runs = part
            para = d.add_paragraph(style=style)
            for text, bold, italic in runs:
                run = para.add_run(text)
                run.bold, run.italic = bold, italic
                written.append(text)
        else:
            _, columns, cells = part
            rows = -(-len(cells) // columns)
            table = d.add_table(rows=rows, cols=columns)
            for index, text in enumerate(cells):
                table.cell(index // columns, index % columns).text = text
                written.append(text)
    briefing, text = import_docx(save(d))
    assert not chars("".join(written)) - chars(text), "the document's text, whole"
    missing = chars(text) - chars(model_text(briefing))
    assert not missing, f"lost {dict(missing)}"

"""Importer edge cases: tables in awkward places, list terms, headings, encodings, Markdown."""

from __future__ import annotations

import codecs

from briefing.importing import import_file, import_text
from briefing.model import ListBlock, Paragraph, Table


def blocks(briefing):
    return [block for _, block in briefing.blocks()]


def tables(briefing) -> list[Table]:
    return [block for block in blocks(briefing) if isinstance(block, Table)]


def test_table_at_end_of_file_without_newline():
    b = import_text("Intro text here.\n| a | b |\n|---|---|\n| 1 | 2 |")
    assert [(t.header, t.rows) for t in tables(b)] == [(["a", "b"], [["1", "2"]])]


def test_paragraph_right_after_a_table_is_not_swallowed():
    b = import_text("| a | b |\n|---|---|\n| 1 | 2 |\nThis sentence follows the table directly.\n")
    assert [block.kind for block in blocks(b)] == ["table", "paragraph"]
    assert tables(b)[0].rows == [["1", "2"]]


def test_heading_right_after_a_table_starts_a_section():
    b = import_text("| a | b |\n|---|---|\n| 1 | 2 |\nNext Steps for the Region\nText.\n")
    assert [s.heading for s in b.sections] == ["", "Next Steps for the Region"]


def test_table_without_outer_pipes():
    b = import_text("Name | Value\n--- | ---\nalpha | 1\nbeta | 2\n")
    assert [(t.header, t.rows) for t in tables(b)] == [(["Name", "Value"], [["alpha", "1"], ["beta", "2"]])]


def test_table_without_delimiter_row_keeps_every_row():
    b = import_text("| a | b |\n| 1 | 2 |\n")
    (table,) = tables(b)
    assert (table.header, table.rows, table.align) == (["a", "b"], [["1", "2"]], None)


def test_escaped_pipe_is_a_literal_pipe_in_a_cell():
    b = import_text("| expr | meaning |\n|---|---|\n| a \\| b | either |\n")
    assert tables(b)[0].rows == [["a | b", "either"]]


def test_empty_cells_and_ragged_rows_are_kept():
    b = import_text("| a | b | c |\n|---|---|---|\n| | x | |\n| 1 |\n| 1 | 2 | 3 | 4 |\n")
    assert tables(b)[0].rows == [["", "x", ""], ["1"], ["1", "2", "3", "4"]]


def test_a_row_over_a_delimiter_row_starts_a_new_table():
    text = "| a | b |\n|---|---|\n| 1 | 2 |\n| a | b |\n|---|---|\n| 1 | 2 |\n"
    assert [(t.header, t.rows) for t in tables(import_text(text))] == [(["a", "b"], [["1", "2"]])] * 2


def test_alignment_from_the_delimiter_row():
    b = import_text("| a | b | c | d |\n|:--|--:|:-:|---|\n| 1 | 2 | 3 | 4 |\n")
    assert tables(b)[0].align == ["left", "right", "center", ""]


def test_crlf_and_bom(tmp_path):
    path = tmp_path / "windows.txt"
    path.write_bytes(
        codecs.BOM_UTF8 + b"Lede line.\r\nA Heading Here\r\n| a | b |\r\n|---|---|\r\n| 1 | 2 |\r\n"
    )
    b = import_file(path)
    assert [s.heading for s in b.sections] == ["", "A Heading Here"]
    assert b.sections[0].blocks[0].text == "Lede line."  # no BOM, no \r
    assert tables(b)[0].rows == [["1", "2"]]


def test_utf16_and_cp1252_files(tmp_path):
    text = "Le café “noir” — résumé.\nSecond Heading Line\nBody text."
    for encoding in ("utf-16", "cp1252"):
        path = tmp_path / f"{encoding}.txt"
        path.write_bytes(text.encode(encoding))
        b = import_file(path)
        assert b.sections[0].blocks[0].text == "Le café “noir” — résumé."


def test_term_separators():
    b = import_text(
        "- Deterrence: keep forces ready.\n"
        "- Diplomacy — reopen the channels.\n"
        "- Sanctions - enforce them fully.\n"
        "- Regional security destabilization-Heightened alertness among allies.\n"
    )
    (block,) = blocks(b)
    assert [(i.term, i.separator, i.text) for i in block.items] == [
        ("Deterrence", ": ", "keep forces ready."),
        ("Diplomacy", " — ", "reopen the channels."),
        ("Sanctions", " - ", "enforce them fully."),
        ("Regional security destabilization", "-", "Heightened alertness among allies."),
    ]


def test_hyphenated_sentences_are_not_split():
    b = import_text(
        "- Build real-time data sharing with partners.\n"
        "- Kim Jong-Un Visits the Border Region today.\n"
        "- Support the non-Western states in the forum.\n"
        "- Track Scud-ER launches closely.\n"
    )
    (block,) = blocks(b)
    assert [item.term for item in block.items] == ["", "", "", ""]
    assert block.items[1].text == "Kim Jong-Un Visits the Border Region today."


def test_list_markers_levels_and_numbering():
    b = import_text("1. First point\n2) Second point\n   - nested detail\n• Bullet after\n")
    lists = [block for block in blocks(b) if isinstance(block, ListBlock)]
    assert lists[0].ordered
    assert [(i.marker, i.level, i.text) for i in lists[0].items] == [
        ("1.", 0, "First point"),
        ("2)", 0, "Second point"),
        ("-", 1, "nested detail"),
    ]
    assert [i.marker for i in lists[1].items] == ["•"]


def test_markdown_title_line_becomes_the_title():
    b = import_text("# Briefing on the Strait\nOpening paragraph.\n## Background\nMore text.\n")
    assert b.meta.title == "Briefing on the Strait"
    assert [s.heading for s in b.sections] == ["", "Background"]
    assert b.sections[1].level == 2


def test_hard_wrapped_paragraphs_are_joined():
    text = (
        "The ministry met on Tuesday to consider\n"
        "the latest reports from the region and\n"
        "agreed on a common line.\n\n"
        "A second paragraph starts here and it\n"
        "continues on this line.\n"
    )
    paragraphs = [block.text for block in blocks(import_text(text))]
    assert paragraphs == [
        "The ministry met on Tuesday to consider the latest reports from the region and agreed on a "
        "common line.",
        "A second paragraph starts here and it continues on this line.",
    ]


def test_source_attribution_and_url():
    b = import_text(
        "Officials spoke, as reported by The Korea Herald on Monday.\nSee https://example.org/a/b.\n"
    )
    assert b.meta.source.publisher == "The Korea Herald"
    assert b.meta.source.url == "https://example.org/a/b"


def test_markdown_runs_and_table_tolerance():
    text = (
        "# Strait Update\n\n"
        "The **navy** moved *quickly* past [the port](https://example.org/port).\n\n"
        "| Ship | Tonnes |\n|---|---|\n| Alpha | 1,200 | 7 |\n"
        "A sentence right after the table.\n\n"
        "## Recommendations\n\n"
        "- **Patrols**: increase patrols near the strait\n"
        "- Review the rules of engagement\n"
    )
    b = import_text(text, markdown=True)
    assert b.meta.title == "Strait Update"
    paragraph = b.sections[0].blocks[0]
    assert isinstance(paragraph, Paragraph)
    assert paragraph.text == "The navy moved quickly past the port."
    assert [(r.text, r.bold, r.italic) for r in paragraph.runs if r.bold or r.italic] == [
        ("navy", True, False),
        ("quickly", False, True),
    ]
    assert [r.href for r in paragraph.runs if r.href] == ["https://example.org/port"]
    table = b.sections[0].blocks[1]
    assert isinstance(table, Table) and table.rows == [["Alpha", "1,200", "7"]]
    assert b.sections[0].blocks[2].text == "A sentence right after the table."
    rec_list = b.sections[1].blocks[0]
    assert [(i.term, i.text) for i in rec_list.items] == [
        ("Patrols", "increase patrols near the strait"),
        ("", "Review the rules of engagement"),
    ]
    assert [r.text for r in b.recommendations] == [
        "Patrols: increase patrols near the strait",
        "Review the rules of engagement",
    ]


def test_pipes_in_markdown_code_fences_are_not_tables():
    b = import_text("Intro.\n\n```\n| a | b |\n|---|---|\n```\n", markdown=True)
    assert not tables(b)
    assert "| a | b |" in blocks(b)[-1].text

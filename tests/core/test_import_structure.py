"""Structure recovery on short articles of our own, one failure kind each (see docs/import.md)."""

from __future__ import annotations

from briefing.importing import import_text
from briefing.model import Briefing, ListBlock, Paragraph, Table


def headings(briefing: Briefing) -> list[str]:
    return [section.heading for section in briefing.sections if section.heading]


def kinds(briefing: Briefing) -> list[str]:
    return [block.kind for _, block in briefing.blocks()]


MEMO = """CONFIDENTIAL

TO: Deputy Minister, Trade Policy
FROM: Rosa Lind, Ports Desk
DATE: 4 May 2026
SUBJECT: Grain corridor reopening

1. PURPOSE

To brief you on the reopening of the grain corridor.

2. BACKGROUND

The corridor closed in March after a dispute over inspection fees.
"""


def test_a_memo_header_fills_meta_and_stays_in_the_body() -> None:
    b = import_text(MEMO)
    assert b.meta.classification == "CONFIDENTIAL"
    assert (b.meta.prepared_for, b.meta.prepared_by, b.meta.date) == (
        "Deputy Minister, Trade Policy",
        "Rosa Lind, Ports Desk",
        "4 May 2026",
    )
    assert b.meta.title == "Grain corridor reopening"
    assert headings(b) == ["1. PURPOSE", "2. BACKGROUND"]
    lede = [block.text for block in b.sections[0].blocks if isinstance(block, Paragraph)]
    assert "TO: Deputy Minister, Trade Policy" in lede and "CONFIDENTIAL" in lede


def test_a_date_line_or_a_marking_is_not_the_title() -> None:
    b = import_text("12 March 2026\n\nSECRET\n\nHarbour Strike Update\n\nDockers walked out on Monday.\n")
    assert b.meta.title == "Harbour Strike Update"
    assert "12 March 2026" not in headings(b)
    assert b.meta.classification == "SECRET"


def test_the_first_heading_as_title_is_not_also_an_empty_section() -> None:
    b = import_text("Harbour Strike Update\n\nBackground\n\nDockers walked out on Monday.\n")
    assert b.meta.title == "Harbour Strike Update"
    assert headings(b) == ["Background"]


WRAPPED = """# Deep Research Report

## Query

Examine how port levies changed shipping routes in the region.

## Research Report

# Port Levies and Shipping Routes: What Changed in 2024

The levies moved traffic to the southern ports within a month.

## 1. Summary

Traffic fell by a fifth at the northern ports.
"""


def test_a_tool_s_wrapper_title_gives_way_to_the_document_s_own() -> None:
    b = import_text(WRAPPED, markdown=True)
    assert b.meta.title == "Port Levies and Shipping Routes: What Changed in 2024"
    assert [(s.heading, s.level) for s in b.sections] == [
        ("Deep Research Report", 1), ("Query", 2), ("Research Report", 2), ("1. Summary", 2)
    ]  # fmt: skip
    # the text under the real title stays, now under the heading before it; the title is no heading
    assert [blk.text for blk in b.sections[2].blocks] == [  # type: ignore[union-attr]
        "The levies moved traffic to the southern ports within a month."
    ]
    located = {tuple(b.source_map[s.id][""].split()[1:]) for s in b.sections}
    assert ("0@1:3",) in located and ("0@9:3",) == tuple(b.source_map["meta.title"][""].split()[1:])
    # a title of its own words stays the title, even with a document word in it
    b = import_text(WRAPPED.replace("# Deep Research Report", "# Port Levy Research Report"), markdown=True)
    assert b.meta.title == "Port Levy Research Report"


def test_a_plain_first_line_above_the_first_markdown_heading_is_the_title() -> None:
    b = import_text("Ferry Services After the Storm\n\n## Damage\n\nTwo piers were lost.\n", markdown=True)
    assert b.meta.title == "Ferry Services After the Storm"
    assert headings(b) == ["Damage"]
    assert all(
        block.text != "Ferry Services After the Storm"
        for _, block in b.blocks()
        if isinstance(block, Paragraph)
    )


def test_attribution_stops_at_the_end_of_the_sentence() -> None:
    b = import_text("Talks resumed, as reported by Reuters. The meeting lasted an hour.\n")
    assert b.meta.source.publisher == "Reuters"
    b = import_text("Prices rose, according to Bloomberg. Traders were calm.\n")
    assert b.meta.source.publisher == "Bloomberg"
    b = import_text("Exports fell, according to customs data.\n")
    assert b.meta.source.publisher == ""


def test_a_source_line_under_a_table_is_the_tables_not_the_articles() -> None:
    table = "| Port | Calls |\n|---|---|\n| North | 120 |\n| South | 95 |\n"
    b = import_text(f"# Port calls\n\n{table}\nSource: Harbour office returns\n", markdown=True)
    assert b.meta.source.publisher == ""
    b = import_text(
        f"# Port calls\n\nSource: Coastal Courier\n\n{table}\nSource: Harbour office\n", markdown=True
    )
    assert b.meta.source.publisher == "Coastal Courier"


def test_markdown_numbered_outline_lines_are_headings_and_a_real_list_stays_a_list() -> None:
    text = (
        "# Port Review\n\n1. EXECUTIVE SUMMARY\n\nThe port reopened.\n\n"
        "2. Findings\n\nThree things stand out.\n\n"
        "1. Queues shortened\n2. Fees fell\n3. Staff returned\n"
    )
    b = import_text(text, markdown=True)
    assert headings(b) == ["1. EXECUTIVE SUMMARY", "2. Findings"]
    [items] = [block for _, block in b.blocks() if isinstance(block, ListBlock)]
    assert [item.text for item in items.items] == ["Queues shortened", "Fees fell", "Staff returned"]


def test_markdown_bold_line_is_a_heading_and_bullet_glyphs_are_items() -> None:
    text = "## Summary\n\nText here.\n\n**Key Findings**\n\n• Queues shortened\n• Fees fell\n"
    b = import_text(text, markdown=True)
    assert headings(b) == ["Summary", "Key Findings"]
    assert b.sections[-1].level == 3
    [items] = [block for _, block in b.blocks() if isinstance(block, ListBlock)]
    assert [(item.marker, item.text) for item in items.items] == [
        ("•", "Queues shortened"),
        ("•", "Fees fell"),
    ]


def test_markdown_front_matter_is_kept_and_gives_the_title() -> None:
    text = '---\ntitle: "Grid Outlook\\_2026"\ndate: 2026-01-05\n---\n\n## Demand\n\nDemand rose.\n'
    b = import_text(text, markdown=True)
    assert b.meta.title == "Grid Outlook\u00a02026"
    assert headings(b) == ["Demand"]
    assert b.sections[0].blocks[0].text.startswith('title: "Grid Outlook')
    assert [note.rule for note in b.import_notes] == ["import.front-matter"]


def test_an_uneven_column_table_is_a_table_with_a_note_to_confirm_the_split() -> None:
    b = import_text("Rates\n\nCountry  Rate  Note\nBrazil  50  Most goods  from May\nChile  10  Copper\n")
    [table] = [block for _, block in b.blocks() if isinstance(block, Table)]
    assert table.header == ["Country", "Rate", "Note"]
    assert [note.rule for note in b.import_notes] == ["import.table-split"]


def test_a_label_and_value_line_is_not_a_heading() -> None:
    b = import_text("Harbour Closure\n\nThe port shut on Monday.\nSource: Harbour Daily\n")
    assert headings(b) == [] and b.meta.title == "Harbour Closure"  # the one heading is the title
    assert b.meta.source.publisher == "Harbour Daily"


def test_a_running_header_between_page_numbers_is_furniture() -> None:
    pages = "".join(
        f"Section {n} Notes\n\nThe survey went on in week {n}.\n\nPage {n} of 3\nPort Survey - draft\n\n"
        for n in (1, 2, 3)
    )
    b = import_text(pages)
    lines = {note.line for note in b.import_notes if note.rule == "import.furniture"}
    assert len(lines) == 6
    assert headings(b) == ["Section 2 Notes", "Section 3 Notes"] or len(headings(b)) == 3


def test_a_wrapped_paragraph_continues_across_a_page_break() -> None:
    text = (
        "The ministry said the new quota for the northern fishery would be set\n\nPage 1 of 2\n\n"
        "after the spring survey, and that boats would be told by June.\n"
    )
    b = import_text(text)
    paragraphs = [block.text for _, block in b.blocks() if isinstance(block, Paragraph)]
    assert paragraphs[0].endswith(
        "would be set after the spring survey, and that boats would be told by June."
    )
    assert paragraphs[1] == "Page 1 of 2"


def test_alignment_from_indentation_and_lone_markers() -> None:
    text = "    Intro.\n\n    -\n    First point\n    -\n    Second point\n        - nested point\n"
    b = import_text(text)
    [items] = [block for _, block in b.blocks() if isinstance(block, ListBlock)]
    assert [(item.level, item.text) for item in items.items] == [
        (0, "First point"),
        (0, "Second point"),
        (1, "nested point"),
    ]


def test_a_table_flattened_to_one_cell_a_line_is_a_table_with_a_note() -> None:
    text = (
        "Fuel Prices This Winter\n\nPrices fell, the ministry said.\n\n"
        "Fuel\nPrice per litre\nDiesel\n1.62\nPetrol\n1.71\nHeating oil\n1.20\n\nMore text.\n"
    )
    b = import_text(text)
    [table] = [block for _, block in b.blocks() if isinstance(block, Table)]
    assert (table.header, table.rows) == (
        ["Fuel", "Price per litre"],
        [["Diesel", "1.62"], ["Petrol", "1.71"], ["Heating oil", "1.20"]],
    )
    assert [note.rule for note in b.import_notes] == ["import.table-split"]
    assert b.meta.title == "Fuel Prices This Winter"


def test_a_short_first_line_above_the_text_is_the_title() -> None:
    b = import_text("Outlook for the spring\nThe harbour reopened on Monday and traffic has returned.\n")
    assert b.meta.title == "Outlook for the spring"
    assert [block.text for _, block in b.blocks()] == [
        "The harbour reopened on Monday and traffic has returned."
    ]


RUN_IN = """# Harbour dredging

PURPOSE: To seek your decision on the second dredging contract.

BACKGROUND: The first contract ended in June with the channel at 11 metres.

NOTE: the depth survey is provisional.
"""


def test_run_in_labels_that_confirm_each_other_become_headings_with_their_text() -> None:
    b = import_text(RUN_IN, markdown=True)
    assert [h for h in headings(b) if h != b.meta.title][:3] == ["PURPOSE:", "BACKGROUND:", "NOTE:"]
    purpose = next(s for s in b.sections if s.heading == "PURPOSE:")
    assert purpose.blocks[0].text == "To seek your decision on the second dredging contract."  # type: ignore[union-attr]


def test_a_single_run_in_label_that_names_a_part_of_a_note_is_a_heading() -> None:
    text = (
        "Ministerial submission\n\nSECRET\n\nPURPOSE: To seek your agreement to open talks with the port "
        "authority.\n\nThe authority wrote on 3 May asking for a meeting.\n"
    )
    b = import_text(text)
    assert [s.heading for s in b.sections if s.heading] == ["PURPOSE:"]
    purpose = b.sections[-1]
    assert [block.text for block in purpose.blocks] == [  # type: ignore[union-attr]
        "To seek your agreement to open talks with the port authority.",
        "The authority wrote on 3 May asking for a meeting.",
    ]
    # in its own words only: a remark's label, or a part's name inside the sentence, is no heading
    b = import_text("Ministerial submission\n\nPURPOSES: varied.\n\nThe authority wrote.\n")
    assert not [s.heading for s in b.sections if s.heading]


def test_a_single_run_in_label_is_a_remark_not_a_heading() -> None:
    b = import_text(
        "# Harbour dredging\n\nNOTE: the depth survey is provisional.\n\nThe channel is 11 metres deep.\n"
    )
    assert "NOTE:" not in headings(b)
    assert any(
        block.text.startswith("NOTE: the depth") for _, block in b.blocks() if isinstance(block, Paragraph)
    )


NUMBERED_RUN_IN = """Memorandum on Harbour Dredging

By the authority vested in the board, it is hereby directed as follows:

Section 1.  Purpose.  The harbour channel must be kept at eleven metres so that the new ferries can dock.

Sec. 2.  Dredging Contracts.  (a)  The harbour master shall tender the second contract by 1 March.

Sec. 3.  Reports to the Board (HB).  Within 90 days, the harbour master shall report on the depth survey.

The board will meet again in June. Sec. 4 of the old order stays in force.
"""


def test_numbered_run_in_section_labels_become_headings_with_their_text() -> None:
    b = import_text(NUMBERED_RUN_IN)
    assert [h for h in headings(b) if h != b.meta.title][:3] == [
        "Section 1.  Purpose.",
        "Sec. 2.  Dredging Contracts.",
        "Sec. 3.  Reports to the Board (HB).",
    ]
    contracts = next(s for s in b.sections if s.heading.startswith("Sec. 2."))
    assert contracts.blocks[0].text.startswith("(a)  The harbour master shall tender")  # type: ignore[union-attr]
    # a sentence that only mentions a section is no label; and nothing of the text is lost
    assert not any(h.startswith("Sec. 4") for h in headings(b))
    joined = " ".join([s.heading for s in b.sections] + [bl.text for _, bl in b.blocks()])  # type: ignore[union-attr]
    assert "".join(joined.split()).count("Withinthe") == 0 and "Within 90 days" in joined


def test_a_single_numbered_label_is_not_taken_for_a_heading() -> None:
    b = import_text(
        "Order on Ferries\n\nSec. 1.  Scope.  This order covers the ferries.\n\nIt ends in May.\n"
    )
    assert not any(h.startswith("Sec. 1") for h in headings(b))


def test_numbered_labels_spaced_with_no_break_spaces_are_found() -> None:
    b = import_text(NUMBERED_RUN_IN.replace(".  ", ".\u00a0 "))
    assert sum(h.startswith(("Section 1.", "Sec. ")) for h in headings(b)) == 3


def test_the_one_heading_over_the_whole_text_is_its_title_not_a_heading_as_well() -> None:
    b = import_text("Harbour Closure\n\nThe port shut on Monday.\n\nShips wait offshore.\n")
    assert b.meta.title == "Harbour Closure" and headings(b) == []
    assert [blk.text for s in b.sections for blk in s.blocks] == [
        "The port shut on Monday.",
        "Ships wait offshore.",
    ]
    b = import_text("Harbour Closure\n\nThe port shut.\n\nWhat Comes Next\n\nShips wait.\n")
    assert b.meta.title == "Harbour Closure" and headings(b) == ["Harbour Closure", "What Comes Next"]


def test_a_line_out_of_an_item_s_indented_wrap_ends_the_item() -> None:
    # pasted without blank lines, wrapped at 72 columns: the item's text runs on indented, and ends
    # without a full stop; the heading after it is back at the margin
    text = (
        "Harbour Works Review\n"
        "Dredging\n"
        "The board met on Monday and agreed the plan for the channel and the outer\n"
        "berths after a long debate.\n"
        "- Deepen the outer channel to twelve metres before the winter storms and\n"
        "  the start of the grain season at the northern terminals\n"
        "Funding and Timing\n"
        "The ministry will pay two thirds of the cost from the ports budget.\n"
    )
    b = import_text(text)
    assert [s.heading for s in b.sections if s.heading] == ["Dredging", "Funding and Timing"]
    item = next(block for _, block in b.blocks() if isinstance(block, ListBlock)).items[0]
    assert item.full_text.endswith("the start of the grain season at the northern terminals")

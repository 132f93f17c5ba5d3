"""Tables whose cell separators were lost in copying become tables with a note, and prose stays prose."""

from __future__ import annotations

from collections import Counter

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.importing import import_text
from briefing.importing.positions import decode, row_text
from briefing.importing.runtogether import boundaries, run_together_table
from briefing.model import Briefing, ListBlock, Paragraph, Table
from tests.core.test_import_properties import content_chars, model_text

TARIFFS = (
    "CountryTariff (%)Notes\nBrazil50Applied to most goods\nIndia25Pending review\nJapan15Applied since May\n"
)


def tables(b: Briefing) -> list[Table]:
    return [block for _, block in b.blocks() if isinstance(block, Table)]


def paragraphs(b: Briefing) -> list[str]:
    return [block.text for _, block in b.blocks() if isinstance(block, Paragraph)]


def split_notes(b: Briefing) -> list[str]:
    return [note.message for note in b.import_notes if note.rule == "import.table-split"]


def keeps_every_character(text: str, b: Briefing) -> bool:
    return not content_chars(text) - Counter(ch for ch in model_text(b) if not ch.isspace())


def test_the_issue_example_is_a_table_of_three_columns_with_a_note() -> None:
    text = f"Tariffs announced on Monday\n\n{TARIFFS}"
    b = import_text(text)
    [table] = tables(b)
    assert table.header == ["Country", "Tariff (%)", "Notes"]
    assert table.rows == [
        ["Brazil", "50", "Applied to most goods"],
        ["India", "25", "Pending review"],
        ["Japan", "15", "Applied since May"],
    ]
    [note] = [note for note in b.import_notes if note.rule == "import.table-split"]
    assert note.line == 3
    assert "Lines 3-6" in note.message and "3 columns" in note.message
    assert "check the columns" in note.message
    assert keeps_every_character(text, b)


def test_cells_keep_their_places_in_the_article() -> None:
    text = f"Tariffs announced on Monday\n\n{TARIFFS}"
    b = import_text(text)
    [table] = tables(b)
    lines = text.split("\n")
    entries = b.source_map[table.id]
    for part, cells in [("header", table.header), *((f"row={n}", row) for n, row in enumerate(table.rows))]:
        decoded = decode(entries[part])
        assert decoded is not None
        _, segments = decoded
        joined = row_text(cells)
        for (start, line, column), (end, _, _) in zip(
            segments[1:], [*segments[2:], (len(joined) + 1, 0, 0)], strict=True
        ):
            cell = joined[start : end - 1]
            assert lines[line - 1][column - 1 : column - 1 + len(cell)] == cell


@pytest.mark.parametrize(
    ("text", "header", "first_row"),
    [
        (  # five columns, percentages and thousands separators
            "RegionShare (%)Volume (t)StatusChange (%)\n"
            "North12.5%1,250Stable3%\n"
            "South40%12,400Growing fast8.5%\n"
            "West7%980Under review12%\n",
            ["Region", "Share (%)", "Volume (t)", "Status", "Change (%)"],
            ["North", "12.5%", "1,250", "Stable", "3%"],
        ),
        (  # a header with units in parentheses, and figures run together in the rows
            "PortDepth (m)Cranes (no.)Operator\n"
            "Avonport146Harbour Board\n"
            "Kettle Bay93Private\n"
            "New Haven1812Harbour Board\n",
            ["Port", "Depth (m)", "Cranes (no.)", "Operator"],
            ["Avonport", "146", "Harbour Board"],
        ),
        (  # four columns with amounts
            "ProgrammeBudget (USD m)Staff (no.)Lead\n"
            "Water$4.2m12Ministry of Health\n"
            "Roads$18m40Transport Agency\n"
            "Schools$7.5m25Education Office\n",
            ["Programme", "Budget (USD m)", "Staff (no.)", "Lead"],
            ["Water", "$4.2m", "12", "Ministry of Health"],
        ),
    ],
)
def test_wider_tables_are_read_by_their_columns(text, header, first_row) -> None:
    b = import_text(f"Figures\n\n{text}\nMore text follows here.\n")
    [table] = tables(b)
    assert table.header == header
    assert table.rows[0] == first_row
    assert len(table.rows) == 3
    [note] = split_notes(b)
    assert f"{len(header)} columns" in note
    if len(first_row) < len(header):  # two figures ran together where no cut shows: the note says so
        assert f"The header has {len(header)} cells but the rows only {len(first_row)}" in note
    assert keeps_every_character(text, b)


def test_a_paragraph_directly_above_and_below_stays_a_paragraph() -> None:
    text = f"The ministry published new rates on Monday.\n{TARIFFS}The rates take effect in June.\n"
    b = import_text(text)
    [table] = tables(b)
    assert table.header == ["Country", "Tariff (%)", "Notes"]
    assert len(table.rows) == 3
    assert paragraphs(b) == ["The ministry published new rates on Monday.", "The rates take effect in June."]
    assert "Lines 2-5" in split_notes(b)[0]
    assert keeps_every_character(text, b)


def test_blank_lines_around_the_table() -> None:
    text = f"Trade\n\nThe ministry published new rates.\n\n{TARIFFS}\nThe rates take effect in June.\n"
    b = import_text(text)
    [table] = tables(b)
    assert len(table.rows) == 3
    assert "The rates take effect in June." in paragraphs(b)


def test_a_sentence_below_that_runs_a_name_into_a_figure_is_not_a_row() -> None:
    text = f"{TARIFFS}Officials in Brazil said the COVID19 rules would also apply from May.\n"
    b = import_text(text)
    [table] = tables(b)
    assert len(table.rows) == 3
    assert paragraphs(b)[-1].startswith("Officials in Brazil")


def test_a_row_with_a_name_cut_inside_is_taken_by_the_columns_and_named_in_the_note() -> None:
    text = (
        "CompanyStake (%)Sector\n"
        "Atlas Mining40Resources\n"
        "Harbour Freight25Logistics\n"
        "NorthStar Energy12Power\n"
    )
    b = import_text(text)
    [table] = tables(b)
    assert table.rows[2] == ["NorthStar Energy", "12", "Power"]
    assert "Line 4 could be cut in more than one way" in split_notes(b)[0]


@pytest.mark.parametrize(
    "text",
    [
        # brand names and codes that show the boundaries, one or two a line
        "Apple said iPhone sales rose while its iPad line fell\n"
        "and the MacBook range was flat in the quarter, while\n"
        "McDonald's reported that COVID19 rules had eased.\n",
        "The G20 met in May. Leaders said the COVID19 response\n"
        "was slow, and McDonald's and eBay both reported losses.\n"
        "An iPhone app tracked the 3D printing of parts.\n",
        "Sales of the iPhone15 rose sharply.\nThe G20 summit ends Friday.\nMcDonald's opened 40 stores.\n",
        "COVID19 cases fell.\nThe G7 met.\nAn iPhone was sold.\n",
    ],
)
def test_prose_with_camel_case_and_codes_stays_prose(text) -> None:
    b = import_text(f"Notes\n\n{text}")
    assert not tables(b)
    assert not split_notes(b)
    assert keeps_every_character(text, b)


def test_names_in_camel_case_one_a_line_are_not_a_table() -> None:
    b = import_text("Tools\n\nPowerPoint\nYouTube\nLinkedIn\nJavaScript\n")
    assert not tables(b)


def test_numbered_headings_run_into_their_titles_are_not_a_table() -> None:
    b = import_text("Section1Introduction\nSection2Background\nSection3Findings\n")
    assert not tables(b)


def test_prices_after_quantities_are_cut_at_the_currency_sign() -> None:
    [table] = tables(import_text("ItemQtyPrice\nApples3$1.20\nPears12$0.80\nPlums7$2.10\n"))
    assert table.rows == [["Apples", "3", "$1.20"], ["Pears", "12", "$0.80"], ["Plums", "7", "$2.10"]]


def test_a_list_is_not_a_table() -> None:
    text = "Rates\n\n- Brazil50Applied to most goods\n- India25Pending review\n- Japan15Applied since May\n"
    b = import_text(text)
    assert not tables(b)
    [items] = [block for _, block in b.blocks() if isinstance(block, ListBlock)]
    assert len(items.items) == 3
    assert keeps_every_character(text, b)


def test_headings_and_single_lines_are_not_tables() -> None:
    b = import_text(
        "BackgroundContext\n\nThe port reopened.\n\nCountryTariff (%)Notes\n\nBrazil50Most goods\n"
    )
    assert not tables(b)
    b = import_text("CountryTariff (%)Notes\nBrazil50Applied to most goods\n")
    assert not tables(b)


def test_hard_wrapped_sentences_are_not_rows() -> None:
    text = (
        "Exports to the EU fell sharply in March as new tariffs on Steel20 products took effect.\n"
        "Officials in the UK said the Rules2025 package would be reviewed by the committee soon.\n"
        "Analysts at the IMF noted that Growth3 forecasts had been cut for most of the region.\n"
    )
    assert not tables(import_text(text))


def test_boundaries() -> None:
    assert boundaries("CountryTariff (%)Notes") == [7, 17]
    assert boundaries("Brazil50Applied to most goods") == [6, 8]
    assert boundaries("New Zealand") == []
    assert boundaries("iPhone McDonald's G20 3D printing") == []
    assert boundaries("COVID19") == [5]
    assert boundaries("12.5%1,250") == [5]


def test_the_header_alone_with_too_few_rows_is_not_read() -> None:
    assert run_together_table(["CountryTariff (%)Notes", "Brazil50Most goods"], 0) is None


@settings(max_examples=300, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(
        st.one_of(
            st.sampled_from(
                [
                    "Brazil50",
                    "Applied to most goods",
                    "Tariff (%)",
                    "12.5%",
                    "1,250",
                    "iPhone",
                    "McDonald's",
                    "COVID19",
                    "G20",
                    "CountryTariff",
                    "\n",
                    "\n\n",
                    "- ",
                    "|",
                    "  ",
                    ".",
                ]
            ),
            st.text(max_size=8),
        ),
        max_size=40,
    ).map("".join)
)
def test_every_character_survives_import(text) -> None:
    b = import_text(text)
    assert keeps_every_character(text, b)


def test_markdown_run_together_cells_after_a_blank_line_are_a_table_too():
    text = (
        "# Tariffs\n\nRates announced on Monday.\n\n"
        "CountryTariff (%)Notes\nBrazil50Applied to most goods\nIndia25Pending review\n\n"
        "**McDonald** and *iPhone* sales rose 5% in Q3 2025.\nThe G20 met.\nCOVID19 rules ended.\n"
    )
    briefing = import_text(text, markdown=True)
    tables = [b for _, b in briefing.blocks() if isinstance(b, Table)]
    assert len(tables) == 1 and tables[0].header == ["Country", "Tariff (%)", "Notes"]
    assert tables[0].rows == [["Brazil", "50", "Applied to most goods"], ["India", "25", "Pending review"]]
    assert [n.rule for n in briefing.import_notes] == ["import.table-split"]

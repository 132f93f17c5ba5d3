"""``Label: value`` lines in plain text: two or more in a row are a definition list, kept whole; records
that repeat the labels are then offered as a table by the ``table.records`` check."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.checks import apply_fix, run_checks
from briefing.importing import import_text
from briefing.model import ListBlock, Paragraph, Table
from tests.core.test_import_properties import content_chars, model_text

RECORDS = """\
Harbour Levies

The port board set new levies on Tuesday.

Vessel class: Feeder
Levy: 1.20 per tonne
Review: Annual

Vessel class: Panamax
Levy: 0.95 per tonne
Review: Every two years

The board meets again in June.
"""


def blocks(text: str, markdown: bool = False):
    briefing = import_text(text, markdown=markdown)
    return briefing, [b for s in briefing.sections for b in s.blocks]


def test_label_value_lines_become_a_definition_list_and_records_a_table_on_request():
    briefing, found = blocks(RECORDS)
    assert [type(b) for b in found] == [Paragraph, ListBlock, ListBlock, Paragraph]  # a list per record
    listing = found[1]
    assert isinstance(listing, ListBlock)
    assert [(i.term, i.separator, i.text, i.marker) for i in listing.items[:3]] == [
        ("Vessel class", ": ", "Feeder", ""),
        ("Levy", ": ", "1.20 per tonne", ""),
        ("Review", ": ", "Annual", ""),
    ]
    (finding,) = [f for f in run_checks(briefing) if f.rule == "table.records"]
    apply_fix(briefing, finding, finding.fixes[0])
    table = next(b for s in briefing.sections for b in s.blocks if isinstance(b, Table))
    assert table.header == ["Vessel class", "Levy", "Review"]
    assert table.rows == [
        ["Feeder", "1.20 per tonne", "Annual"],
        ["Panamax", "0.95 per tonne", "Every two years"],
    ]


def test_one_definition_list_is_not_records():
    _, found = blocks("Project: Coastal radar\nOwner: Ministry of Transport\nBudget: 4.5 million\n")
    (listing,) = found
    assert isinstance(listing, ListBlock) and [i.term for i in listing.items] == [
        "Project",
        "Owner",
        "Budget",
    ]


def test_lines_with_a_colon_that_are_not_fields_stay_prose():
    text = (
        "The minister said: the talks will resume in March.\n\n"
        "PURPOSE: To seek a decision on the berth.\n"
        "BACKGROUND: The port asked for funds.\n\n"
        "Note: one line alone with a colon is a sentence.\n\n"
        "The meeting starts at 10:30 and ends at 12:00.\n"
    )
    _, found = blocks(text)
    assert not any(isinstance(b, ListBlock) for b in found)


def test_a_wrapped_value_carries_on_its_item():
    text = (
        "Status: Applied to most goods except steel, aluminium and the parts listed in the annex to the\n"
        "    order of 3 March\n"
        "Review: Annual\n"
    )
    _, found = blocks(text)
    (listing,) = found
    assert isinstance(listing, ListBlock)
    assert listing.items[0].text.endswith("order of 3 March") and listing.items[1].term == "Review"


FIELD = st.tuples(
    st.sampled_from(["Country", "Rate (%)", "Vessel class", "Status", "Owner"]),
    st.text(st.characters(blacklist_categories=("Cs", "Cc")), min_size=1, max_size=30),
).map(lambda pair: f"{pair[0]}: {pair[1].strip() or 'x'}")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.one_of(FIELD, st.just(""), st.just("A sentence of prose.")), min_size=1, max_size=12))
def test_fields_lose_no_character(lines):
    text = "\n".join(lines)
    briefing = import_text(text)
    missing = content_chars(text) - content_chars(model_text(briefing))
    assert not missing


def test_markdown_field_lines_with_bold_labels_are_definition_lists_too():
    text = (
        "# Levies\n\nThe board set levies.\n\n"
        "**Vessel class:** Feeder\n**Levy:** 1.20 per tonne\n\n"
        "**Vessel class:** Panamax\n**Levy:** 0.95 per tonne\n\n"
        "Country: Chile\nRate: 10%\n"
    )
    briefing, found = blocks(text, markdown=True)
    assert [type(b) for b in found] == [Paragraph, ListBlock, ListBlock, ListBlock]
    assert [(i.term, i.text, i.marker) for i in found[1].items] == [
        ("Vessel class", "Feeder", ""),
        ("Levy", "1.20 per tonne", ""),
    ]
    (finding,) = [f for f in run_checks(briefing) if f.rule == "table.records"]
    assert "2 records" in finding.message


def test_a_markdown_memo_header_and_prose_with_colons_stay_as_they_were():
    text = (
        "To: The Minister\nFrom: Policy Unit\nSubject: Berth funding\n\n"
        "The minister said: talks resume.\nThey end: soon.\n"
    )
    _, found = blocks(text, markdown=True)
    assert not any(isinstance(b, ListBlock) for b in found)


def test_fields_under_a_generator_stamp_go_with_it_but_a_field_with_a_figure_never_does():
    from briefing.checks import apply_safe_fixes

    stamp = "# Outlook\n\n**Generated at:** 2025-02-14 06:30\n"
    text = stamp + "**Backend:** dense_hybrid\n**Run notes:**\n\nBody text here.\n"
    briefing, _ = blocks(text, markdown=True)
    apply_safe_fixes(briefing)
    assert "dense_hybrid" not in model_text(briefing) and "Body text here." in model_text(briefing)
    text = stamp + "**Tariff:** 50%\n**Country:** Brazil\n\nBody.\n"
    briefing, _ = blocks(text, markdown=True)
    apply_safe_fixes(briefing)
    assert "50%" in model_text(briefing)

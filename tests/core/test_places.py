"""People read places, never ids: every kind of ref is named in words, a deleted one says so."""

from __future__ import annotations

import pytest

from briefing.editing import operations
from briefing.importing import import_file
from briefing.model import (
    Briefing,
    ListBlock,
    ListItem,
    Paragraph,
    Recommendation,
    Run,
    Section,
    Table,
)
from briefing.places import Places, describe
from briefing.refs import HEADER_ROW, SOURCE, Ref


def test_places_of_the_sample(sample_path):
    briefing = import_file(sample_path)
    places = Places(briefing)
    tables = [b.id for _, b in briefing.blocks() if b.kind == "table"]
    assert [places.describe_id(t) for t in tables] == ["Table 1", "Table 2", "Table 3", "Table 4"]
    lists = [b.id for _, b in briefing.blocks() if b.kind == "list"]
    assert places.describe_id(lists[1]).startswith("list 1 in “Implications for US Diplomacy")
    assert places.describe_id(briefing.sections[0].blocks[0].id) == "paragraph 1 in the summary"
    assert places.describe_id(briefing.recommendations[2].id) == "recommendation 3"
    section = briefing.sections[1]
    assert places.describe_ref(Ref(section.id, tables[0], row=1)) == "Table 1, row 2"
    assert places.describe_ref(Ref(section.id, "b999")) == (
        f"removed from the article (was in section “{section.heading[:39]}…”)"
    )
    assert places.describe_ref(Ref("s999", "b999")) == "removed from the article"


def small() -> Briefing:
    """A lede, a section with a paragraph, a list and a table, and two recommendations."""
    briefing = Briefing()
    briefing.sections = [
        Section("s1", "", 1, [Paragraph("b2", [Run("Ferries to the island stop in March.")])]),
        Section(
            "s3",
            "Harbour works",
            1,
            [
                Paragraph("b4", [Run("The old pier closes "), Run("for two years", bold=True), Run(".")]),
                ListBlock(
                    "b5", [ListItem("Rebuild the pier"), ListItem("Dredge", term="Channel", separator=": ")]
                ),
                Table("b6", ["Phase", "Cost"], [["Design", "2 m"], ["Build", "9 m"]], caption="Budget"),
            ],
        ),
    ]
    briefing.recommendations = [
        Recommendation("r7", "Run a temporary ferry", Ref("s3", "b5", item=0)),
        Recommendation("r8", "Fund the build phase", Ref("s3", "b6", row=1)),
    ]
    briefing.next_id = 9
    return briefing


@pytest.mark.parametrize(
    ("ref", "words"),
    [
        (Ref(), "the whole article"),
        (Ref(field="meta.title"), "the title"),
        (Ref(field="meta.subtitle"), "the subtitle"),
        (Ref(field="meta.source.publisher"), "the source's publisher"),
        (Ref(field="meta.prepared_by"), "the author (prepared by)"),
        (Ref(field="meta.summary"), "the key points"),
        (Ref(field="meta.classification"), "the classification"),
        (Ref(field="meta"), "the briefing details"),
        (Ref(section_id="s1"), "the summary"),
        (Ref(section_id="s3"), "section “Harbour works”"),
        (Ref(section_id="s3", field="heading"), "section “Harbour works”"),
        (Ref("s1", "b2"), "paragraph 1 in the summary"),
        (Ref("s3", "b4"), "paragraph 1 in “Harbour works”"),
        (Ref("s3", "b4", start=20, end=33), "paragraph 1 in “Harbour works”: “for two years”"),
        (Ref("s3", "b5"), "list 1 in “Harbour works”"),
        (Ref("s3", "b5", item=1), "list 1 in “Harbour works”, item 2"),
        (Ref("s3", "b5", item=1, start=0, end=7), "list 1 in “Harbour works”, item 2: “Channel”"),
        (Ref("s3", "b6"), "Table 1"),
        (Ref("s3", "b6", field="caption"), "Table 1, caption"),
        (Ref("s3", "b6", row=HEADER_ROW), "Table 1, header row"),
        (Ref("s3", "b6", row=HEADER_ROW, column=1), "Table 1, header row, column 2"),
        (Ref("s3", "b6", row=1), "Table 1, row 2"),
        (Ref("s3", "b6", row=1, column=1), "Table 1, row 2, column 2"),
        (Ref("s3", "b6", column=0), "Table 1, column 1"),
        (Ref(block_id="r8"), "recommendation 2"),
        (Ref(block_id="r8", field="text"), "recommendation 2"),
        (Ref(block_id="r8", field="annotation.owner"), "recommendation 2, owner"),
        (Ref(block_id="r8", start=0, end=3), "recommendation 2: “Fun”"),
        # places that are gone
        (Ref("s3", "b999"), "removed from the article (was in section “Harbour works”)"),
        (Ref("s1", "b999"), "removed from the article (was in the summary)"),
        (Ref("s999", "b999"), "removed from the article"),
        (Ref(section_id="s999"), "removed from the article"),
        (Ref(block_id="r999"), "removed from the article"),
        (Ref("s3", "b6", row=1, lost=True), "removed from the article (was Table 1, row 2)"),
        (
            Ref("s3", "b5", item=0, start=0, end=4, lost=True),
            "removed from the article (was list 1 in “Harbour works”, item 1)",
        ),
        (Ref("s3", "b999", lost=True), "removed from the article (was in section “Harbour works”)"),
        (Ref("s999", "b999", lost=True), "removed from the article"),
    ],
)
def test_every_kind_of_place_in_words(ref, words):
    assert describe(small(), ref) == words


def test_a_deleted_row_and_block_are_named_as_removed_and_undo_names_them_again():
    briefing = small()
    row = operations.remove_row(briefing, "b6", 1)
    origin = briefing.recommendations[1].origin
    assert origin.lost
    assert describe(briefing, origin) == "removed from the article (was Table 1, row 2)"
    block = operations.remove_block(briefing, "b5")
    origin = briefing.recommendations[0].origin
    assert describe(briefing, origin) == "removed from the article (was in section “Harbour works”)"
    block.undo()
    row.undo()
    assert [describe(briefing, r.origin) for r in briefing.recommendations] == [
        "list 1 in “Harbour works”, item 1",
        "Table 1, row 2",
    ]


def test_printed_table_numbers_override_the_count():
    briefing = small()
    briefing.sections[1].blocks.insert(0, Table("b9", [], []))  # an empty table the note leaves out
    places = Places(briefing, table_numbers={"b6": 1})
    assert places.describe_ref(Ref("s3", "b6", row=0)) == "Table 1, row 1"
    assert places.describe_ref(Ref("s3", "b9")) == "a table left out of the note"
    assert Places(briefing).describe_ref(Ref("s3", "b6")) == "Table 2"


def test_long_headings_and_quotes_are_cut():
    briefing = small()
    briefing.sections[1].heading = "A heading much longer than forty characters, to be cut"
    words = describe(briefing, Ref("s3", "b4", start=0, end=33))
    assert (
        words
        == "paragraph 1 in “A heading much longer than forty charac…”: “The old pier closes for two years”"
    )


def test_a_place_in_the_source_text_is_named_as_such() -> None:
    assert describe(Briefing(), Ref(SOURCE)) == "the article's text"

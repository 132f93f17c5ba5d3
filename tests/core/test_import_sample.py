"""Importing the user's canonical sample article gives exactly what it says, defects included."""

from __future__ import annotations

import pytest

from briefing.importing import import_file
from briefing.model import ListBlock, Paragraph, Table

HEADINGS = [
    "North Korea Conducts Ballistic Missile Tests Escalating Regional Tensions",
    "Implications for US Diplomacy as Trump Prepares for Asia Tour",
    "Strategic Recommendations for Strengthening Alliance Coordination and Deterrence",
]

TABLES = [
    (
        ["Launch Date", "Missile Type", "Range (km)", "Flight Duration", "", "", ""],
        [
            ["April 5, 2024", "Hwasong-12", "1,100", "14 minutes", "", "", ""],
            ["April 6, 2024", "Scud-ER", "450", "April 6, 2024", "Scud-ER", "450", "7 minutes"],
        ],
    ),
    (
        ["Priority", "Diplomatic Focus", "", ""],
        [
            ["Security", "Enhanced military cooperation and intelligence sharing", "", ""],
            ["Economic", "Trade agreements bolstering regional stability", "", ""],
            ["Diplomatic", "Reopening dialogue channels with North Korea and China"],
        ],
    ),
    (
        ["Priority", "Diplomatic Focus"],
        [
            ["Security", "Enhanced military cooperation and intelligence sharing"],
            ["Economic", "Trade agreements bolstering regional stability"],
            ["Diplomatic", "Reopening dialogue channels with North Korea and China"],
        ],
    ),
    (
        ["Focus Area", "Key Action", "Expected Impact", ""],
        [
            [
                "Military Exercises",
                "Joint drills focusing on missile interception",
                "Improved operational readiness",
                "",
            ],
            ["Intelligence Sharing", "Real-time data exchange platforms", "Faster threat detection", ""],
            [
                "Diplomacy Coordination",
                "Diplomacy Coordination",
                "Unified public statements and strategic messaging",
                "Strengthened allied deterrence and global perception",
            ],
        ],
    ),
]


@pytest.fixture(scope="module")
def sample():
    from tests.conftest import SAMPLE

    return import_file(SAMPLE)


def test_lede_then_three_headed_sections(sample):
    assert [s.heading for s in sample.sections] == ["", *HEADINGS]
    lede = sample.sections[0].blocks
    assert len(lede) == 1 and isinstance(lede[0], Paragraph)
    assert lede[0].text.startswith("North Korea has once again escalated tensions")
    assert lede[0].text.endswith("key stops in Japan and South Korea.")


def test_title_is_the_first_heading_and_source_is_captured(sample):
    assert sample.meta.title == HEADINGS[0]
    assert sample.meta.source.publisher == "AP News"


def test_block_order_in_each_section(sample):
    kinds = [[block.kind for block in section.blocks] for section in sample.sections[1:]]
    assert kinds == [
        ["paragraph", "paragraph", "list", "table", "paragraph"],
        ["paragraph", "list", "paragraph", "table", "table", "paragraph"],
        ["paragraph", "paragraph", "list", "table"],
    ]


def test_three_lists_of_three_items_with_terms_split(sample):
    lists = [block for _, block in sample.blocks() if isinstance(block, ListBlock)]
    assert [len(block.items) for block in lists] == [3, 3, 3]
    assert [(item.term, item.separator) for item in lists[0].items] == [
        ("Regional security destabilization", "-"),
        ("Violation of UN resolutions", "-"),
        ("Impact on diplomatic efforts", "-"),
    ]
    assert lists[0].items[0].text == "Heightened alertness among East Asian nations amid fears of escalation."
    # Plain sentences are not split, even with a hyphen inside.
    assert all(item.term == "" for block in lists[1:] for item in block.items)
    assert lists[1].items[0].text == "Strengthening alliances through joint security initiatives"


def test_four_tables_exactly_as_written(sample):
    tables = [block for _, block in sample.blocks() if isinstance(block, Table)]
    assert [(t.header, t.rows) for t in tables] == TABLES
    assert all(t.align is not None for t in tables)


def test_chatbot_line_stays_a_paragraph(sample):
    texts = [block.text for _, block in sample.blocks() if isinstance(block, Paragraph)]
    assert (
        "If you’d like, I can also help you with additional formatting or modifications. Let me know!"
        in texts
    )


def test_recommendations_from_the_list_and_the_action_table(sample):
    """The list and the action table describe the same three actions: one recommendation per action,
    made from the list item, with the table row paired to it as its detail (rows in the same order)."""
    recs = sample.recommendations
    assert len(recs) == 3
    rec_section = sample.sections[3]
    list_block, table = rec_section.blocks[2], rec_section.blocks[3]
    assert [(r.origin.block_id, r.origin.item) for r in recs] == [(list_block.id, i) for i in range(3)]
    assert recs[0].text.startswith("Expanding missile defense systems")
    details = sample.details
    assert [(d.recommendation, d.origin.block_id, d.origin.row) for d in details] == [
        (recs[i].id, table.id, i) for i in range(3)
    ]
    assert table.rows[0][0] == "Military Exercises" and "missile defense" in recs[0].text


def test_ids_are_unique_and_change_log_empty(sample):
    ids = [s.id for s in sample.sections] + [b.id for _, b in sample.blocks()]
    ids += [r.id for r in sample.recommendations] + [d.id for d in sample.details]
    assert len(ids) == len(set(ids))
    assert sample.changes == []

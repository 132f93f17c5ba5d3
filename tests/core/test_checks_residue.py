"""Generator residue: reasoning, agent notes, prompts, chatter, hedges, placeholders, no article — and
the markup rule's safe fix keeping every sign.

The example sentences here were written after the code, in wordings of their own: a test that only
repeated the patterns would prove nothing about text nobody listed.
"""

from __future__ import annotations

from briefing.checks import apply_safe_fixes, run_checks
from tests.core.checks_support import make, para, table


def rules(briefing, source=None):
    return [f.rule for f in run_checks(briefing, source)]


# --- data safety: a sign is never markup -------------------------------------------------------------------


def test_a_greater_than_sign_in_a_cell_is_not_a_quote_marker():
    briefing = make(
        table(
            "b1",
            ["Group", "Share"],
            ["Large firms", ">30% average"],
            ["Small firms", "> 12 points"],
            ["Exporters", ">$4bn"],
        )
    )
    assert rules(briefing) == []
    apply_safe_fixes(briefing)
    assert [row[1] for row in briefing.sections[0].blocks[0].rows] == [">30% average", "> 12 points", ">$4bn"]


def test_a_quote_marker_before_words_is_still_stripped_and_signs_in_prose_are_kept():
    briefing = make(
        para("b1", ">40% of ports reported delays."), para("b2", "> Officials declined to comment.")
    )
    assert rules(briefing) == ["text.markup"]
    apply_safe_fixes(briefing)
    assert [b.text for b in briefing.sections[0].blocks] == [
        ">40% of ports reported delays.",
        "Officials declined to comment.",
    ]


def test_a_number_sign_before_of_is_not_a_heading_mark():
    briefing = make(table("b1", ["# of ships", "Route"], ["14", "Suez"]))
    assert rules(briefing) == []

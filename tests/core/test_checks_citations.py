"""Citation markers: flagged when they point to no note, removed unattended only when the article has no
notes at all and the marker is clearly one; linked to their notes when the notes are there.

Every example is written for this file, in phrasings of its own.
"""

from __future__ import annotations

import pytest

from briefing.checks import apply_fix, apply_safe_fixes, run_checks
from briefing.checks.citations import find_markers, footnote_links
from briefing.checks.context import CheckContext
from briefing.importing import import_text
from briefing.model import Briefing, ListBlock, ListItem, Paragraph, Run, Section
from tests.core.checks_support import items, make, para, table


def cited(briefing: Briefing) -> list:
    return [f for f in run_checks(briefing) if f.rule in ("text.citation", "text.footnotes")]


def texts(briefing: Briefing) -> list[str]:
    out = []
    for _, block in briefing.blocks():
        if isinstance(block, Paragraph):
            out.append(block.text)
        elif isinstance(block, ListBlock):
            out += [item.full_text for item in block.items]
    return out


@pytest.mark.parametrize(
    ("text", "clean"),
    [
        ("Rice exports rose 4.5%[1] in the first quarter.", "Rice exports rose 4.5% in the first quarter."),
        ("Rice exports rose 4.5% [1] in the first quarter.", "Rice exports rose 4.5% in the first quarter."),
        ("Exports fell to $1.2bn.[2][3] Imports held.", "Exports fell to $1.2bn. Imports held."),
        ("Exports fell to $1.2bn [2], [3].", "Exports fell to $1.2bn."),
        (
            "Stocks stood at ~40 days¹ ² and margins at ±2.5 points³.",
            "Stocks stood at ~40 days and margins at ±2.5 points.",
        ),
        (
            "The envoy, Ana Kowalczyk, left on 3 May 2024【4:0†source】.",
            "The envoy, Ana Kowalczyk, left on 3 May 2024.",
        ),
        ("Prices peaked at €40【12】 before falling.", "Prices peaked at €40 before falling."),
        ("Output rose ≥3% ([4]) in March.", "Output rose ≥3% in March."),
        ("Sanctions were widened[^7] to banks.", "Sanctions were widened to banks."),
        ("Growth was <5% [1, 2] and inflation >30% [4–6].", "Growth was <5% and inflation >30%."),
    ],
)
def test_markers_pointing_nowhere_are_flagged_and_safely_removed(text, clean):
    briefing = make(para("b1", text))
    (finding,) = cited(briefing)
    assert finding.rule == "text.citation" and "no notes" in finding.message and finding.safe_fix
    apply_safe_fixes(briefing)
    assert texts(briefing) == [clean]
    assert cited(briefing) == []


def test_a_marker_in_a_list_item_goes_and_the_item_stays():
    briefing = make(items("b1", "Raise the steel tariff to 25%[1]", "Review it by June 2026 [2]."))
    assert [f.rule for f in cited(briefing)] == ["text.citation", "text.citation"]
    apply_safe_fixes(briefing)
    assert texts(briefing) == ["Raise the steel tariff to 25%", "Review it by June 2026."]


@pytest.mark.parametrize(
    "text",
    [
        "The court set this out at paragraph [34] of its ruling.",
        "Under Article 5 [2] the members must consult.",
        "The budget for [2024] was cut by half.",  # a year, not a note
        "Output rose by a factor of 10⁶ in a decade.",
        "Fires burned 40 km² of forest and 3 m³ of timber stock.",
        "The formula E = mc² was on the banner.",
        "In [12] cases the inspectors found nothing.",  # perhaps an editor's number; no clear marker here
        "[1] This line is a note, not a citation.",
        "Rates x[1] and y[2] are the model's inputs, the annex says.",
    ],
)
def test_numbers_that_are_data_or_references_to_numbered_things_are_not_markers(text):
    briefing = make(para("b1", text))
    assert cited(briefing) == []
    apply_safe_fixes(briefing)
    assert texts(briefing) == [text]


def test_a_cell_that_is_a_marker_is_a_value_and_a_marker_in_a_cell_is_never_removed_unattended():
    briefing = make(
        table(
            "b1",
            ["Indicator", "Value", "Ref"],
            ["GDP growth", "4.5%[1]", "[2]"],
            ["Inflation", ">30%", "[3]"],
        )
    )
    (finding,) = cited(briefing)
    assert finding.target.row == 0 and finding.target.column == 1 and not finding.safe_fix
    assert apply_safe_fixes(briefing) == []
    assert briefing.sections[0].blocks[0].rows == [
        ["GDP growth", "4.5%[1]", "[2]"],
        ["Inflation", ">30%", "[3]"],
    ]
    applied = apply_fix(briefing, finding, finding.fixes[0])
    assert applied.change.after == "4.5%" and briefing.sections[0].blocks[0].rows[0][2] == "[2]"


REPORT = """# Rice Markets in 2024

Export prices rose 4.5% [1] after the ban, while stocks fell to 40 days [2][3].

- Thailand raised shipments by 12% [2]

## References

[1] Ministry of Commerce, monthly bulletin, May 2024.

[2] Port authority figures, 14 June 2024.

[3] Trade association survey, 2024.
"""


def test_markers_with_their_notes_are_one_note_for_word_footnotes_and_nothing_is_removed():
    briefing = import_text(REPORT, markdown=True)
    (finding,) = cited(briefing)
    assert finding.rule == "text.footnotes" and not finding.fixes
    assert finding.message.startswith(
        "3 citation markers in the text point to the 3 notes under “References”"
    )
    assert "does not make them Word footnotes" in finding.message
    assert apply_safe_fixes(briefing) == []
    links = footnote_links(CheckContext(briefing))
    assert [(link.text, link.note_text[:3]) for link in links] == [
        ("[1]", "[1]"),
        ("[2][3]", "[2]"),
        ("[2][3]", "[3]"),
        ("[2]", "[2]"),
    ]


def test_a_marker_without_its_note_in_a_text_that_has_notes_needs_a_person():
    text = REPORT.replace("stocks fell to 40 days [2][3]", "stocks fell to 40 days [7]")
    briefing = import_text(text, markdown=True)
    citation = next(f for f in cited(briefing) if f.rule == "text.citation")
    assert "there is no note 7 (the notes are 1 to 3)" in citation.message and not citation.safe_fix
    assert [c.rule for c in apply_safe_fixes(briefing)] == []


def test_two_reference_lists_numbered_from_one_make_a_marker_ambiguous():
    text = REPORT + "\n## Further sources\n\n[1] A second list that starts again at one.\n"
    briefing = import_text(text, markdown=True)
    citation = next(f for f in cited(briefing) if f.rule == "text.citation")
    assert "two notes are numbered 1" in citation.message and not citation.safe_fix


def test_an_unnumbered_sources_list_is_notes_too():
    briefing = make(
        para("b1", "Turnout was 61.4% [1], the highest since 1995."),
        para("b2", "Sources:"),
        items("b3", "Electoral commission count", "Exit poll by a private institute"),
    )
    (finding,) = cited(briefing)
    assert "not numbered" in finding.message and not finding.safe_fix


def test_superscript_notes_and_caret_definitions_link_their_markers():
    briefing = make(
        para("b1", "Debt reached 92% of GDP¹ and the deficit 5.1%[^d]."),
        para("b2", "¹ Finance ministry, spring forecast."),
        para("b3", "[^d]: Eurostat, April release."),
    )
    (finding,) = cited(briefing)
    assert finding.rule == "text.footnotes"
    assert [link.text for link in footnote_links(CheckContext(briefing))] == ["¹", "[^d]"]


def test_note_numbers_import_made_links_are_markers_of_a_closing_notes_list():
    text = (
        "The minister agreed in June,[1](#n1) and the cabinet was told.[2](#n2)\n\n"
        "  * 1  Letter of 4 June.\n  * 2  Cabinet minute, 9 June.\n"
    )
    briefing = import_text(text, markdown=True)
    (finding,) = cited(briefing)
    assert finding.rule == "text.footnotes" and finding.message.startswith("2 citation markers")


def test_linked_note_numbers_without_notes_are_removed_with_their_link():
    briefing = make(Paragraph("b1", [Run("Talks resumed on 2 May"), Run("4", href="#fn4"), Run(" in Doha.")]))
    (finding,) = cited(briefing)
    assert finding.safe_fix
    apply_safe_fixes(briefing)
    assert texts(briefing) == ["Talks resumed on 2 May in Doha."]
    assert all(not run.href for run in briefing.sections[0].blocks[0].runs)


def test_the_fix_does_nothing_once_the_markers_are_gone():
    briefing = make(para("b1", "Exports rose 4% [1]."))
    (finding,) = cited(briefing)
    apply_fix(briefing, finding, finding.safe_fix)
    assert apply_fix(briefing, finding, finding.safe_fix).change is None


def test_markers_in_a_notes_section_are_the_notes_own_numbers():
    briefing = Briefing()
    briefing.sections = [
        Section("s1", "", 1, [para("b1", "Wheat rose 3% [1].")]),
        Section(
            "s2",
            "Notes",
            2,
            [ListBlock("b2", [ListItem("Grain board data, 2024 [1]", marker="1.")], ordered=True)],
        ),
    ]
    briefing.next_id = 10
    (finding,) = cited(briefing)
    assert finding.rule == "text.footnotes"


def test_find_markers_spans_take_the_space_before():
    text = "Rose 4% [3] and fell [4]."
    assert [(m.text, text[m.cut[0] : m.cut[1]]) for m in find_markers(text)] == [
        ("[3]", " [3]"),
        ("[4]", " [4]"),
    ]

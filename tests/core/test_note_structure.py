"""The note's structure: recommendations made once per action (a table row that names the same action
as a list item is its detail), recommendation headings in other languages, and an article section
placed in another part of the note — through the editing core, and on the command line through the
project file."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from briefing import cli, project
from briefing.editing import operations
from briefing.editing.operations import EditError
from briefing.export import ExportOptions, export_docx
from briefing.export.arrangement import arrange
from briefing.export.templates import resolve_template
from briefing.importing import import_text

from .export_support import body_outline

#: An article of our own that gives three actions twice: as a list, and as a table in another order
#: with one row that is no action of the list.
TWICE = """Harbour Security Review

The port authority met on Monday to review security at the container terminals.

## Findings

Inspectors found two gaps in the fence and a backlog of unchecked refrigerated cargo declarations.

## Recommendations

The review proposes these steps:

- Installing perimeter cameras along the northern container yard fence.
- Training customs staff to inspect refrigerated cargo declarations.
- Funding a joint patrol boat with the coast guard for night shifts.

| Measure | Owner | Cost |
|---|---|---|
| Patrol boat shared with coast guard, night shifts | Coast guard | $2.1m |
| Perimeter cameras, northern yard fence | Port police | $0.4m |
| Refrigerated cargo inspection training for customs | Customs | $0.1m |
| Annual audit of badge readers | Facilities | $0.05m |
"""


def test_rows_naming_the_same_actions_as_the_items_become_their_details() -> None:
    briefing = import_text(TWICE, markdown=True)
    recs = briefing.recommendations
    texts = [rec.text for rec in recs]
    assert texts[:3] == [
        "Installing perimeter cameras along the northern container yard fence.",
        "Training customs staff to inspect refrigerated cargo declarations.",
        "Funding a joint patrol boat with the coast guard for night shifts.",
    ]
    table = next(b for _, b in briefing.blocks() if b.kind == "table")
    by_rec = {d.recommendation: d.origin.row for d in briefing.details}
    # Paired by what they say, not by position: the table lists them in another order.
    assert by_rec == {recs[0].id: 1, recs[1].id: 2, recs[2].id: 0}
    # The audit row matches no item: it stays a recommendation of its own, nothing is lost.
    assert len(recs) == 4 and recs[3].origin.block_id == table.id and recs[3].origin.row == 3
    assert "badge readers" in recs[3].text


def test_unrelated_rows_are_never_paired() -> None:
    text = TWICE.replace("Patrol boat shared with coast guard, night shifts", "Quarterly budget report")
    text = text.replace("Perimeter cameras, northern yard fence", "Staff canteen menu")
    text = text.replace("Refrigerated cargo inspection training for customs", "Parking permits")
    text = text.replace("| Coast guard |", "| Finance office |")
    # Each of these rows shares one word with an item ("staff", "customs"), by chance: the table as a
    # whole gives other things than the list, so no row is taken for an item's detail.
    briefing = import_text(text, markdown=True)
    assert briefing.details == []
    assert len(briefing.recommendations) == 7  # three items and four rows, each its own


@pytest.mark.parametrize(
    ("heading", "lang"),
    [("Recommandations", "fr"), ("Recomendaciones", "es"), ("Empfehlungen", "de")],
)
def test_recommendation_headings_in_other_languages(heading: str, lang: str) -> None:
    text = (
        f"Titre\n\nUn paragraphe d'introduction.\n\n## {heading}\n\n- Première action.\n- Deuxième action.\n"
    )
    briefing = import_text(text, markdown=True)
    assert [rec.text for rec in briefing.recommendations] == ["Première action.", "Deuxième action."], lang


def test_set_placement_is_one_undo_step_and_refuses_a_part_no_note_has() -> None:
    briefing = import_text(TWICE, markdown=True)
    section = briefing.sections[-1]
    before = project.to_dict(briefing)
    transaction = operations.set_placement(briefing, section.id, "annex")
    assert section.placement == "annex"
    transaction.undo()
    assert project.to_dict(briefing) == before
    transaction.redo()
    assert section.placement == "annex"
    with pytest.raises(EditError, match="no part of a note"):
        operations.set_placement(briefing, section.id, "appendix")
    with pytest.raises(EditError, match="no section"):
        operations.set_placement(briefing, "s999", "annex")


def test_every_section_is_printed_in_exactly_one_part_of_every_template() -> None:
    briefing = import_text(TWICE, markdown=True)
    briefing.sections[-1].placement = "status"  # a part the UK submission does not have
    for name in ("briefing-note", "decision-memo", "us-action-memo", "uk-submission"):
        parts = arrange(briefing, resolve_template(name, "decision").settings)
        placed = [s.id for part in parts for s in part.sections]
        assert sorted(placed) == sorted(s.id for s in briefing.sections), name


def test_a_placement_in_the_project_file_moves_the_section_in_the_converted_note(tmp_path: Path) -> None:
    briefing = import_text(TWICE, markdown=True)
    saved = tmp_path / "harbour.briefing"
    project.save(briefing, saved)
    # The analyst edits the project file: the recommendations' section goes under Background.
    data = json.loads(saved.read_text(encoding="utf-8"))
    section = next(s for s in data["sections"] if s["heading"] == "Recommendations")
    assert section.get("placement", "") == ""
    section["placement"] = "background"
    saved.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    assert project.load(saved).find_section(section["id"]).placement == "background"
    out = tmp_path / "harbour.docx"
    assert cli.main(["convert", str(saved), "-o", str(out), "--allow-errors"]) == 0
    outline = body_outline(out)
    background, part = outline.index("P|Heading 1|Background"), outline.index("P|Heading 1|Recommendations")
    # In article order under Background: the Findings, then the section placed there.
    assert outline[background + 1] == "P|Heading 2|Findings"
    assert background < outline.index("P|Heading 2|Recommendations") < part
    # The numbered recommendations are still printed once, in the note's Recommendations part.
    numbered = [line for line in outline if line.startswith("P|List Number|")]
    assert len(numbered) == 4


def test_a_decision_memo_keeps_its_body_short_and_the_article_in_annex_a(tmp_path: Path) -> None:
    briefing = import_text(TWICE, markdown=True)
    out = tmp_path / "memo.docx"
    export_docx(briefing, out, ExportOptions(template="decision-memo"))
    outline = body_outline(out)
    annex = outline.index("P|Heading 1|Annex A — Source article")
    body = outline[:annex]
    assert "P|Heading 1|Issue" in body and "P|Heading 1|Recommendations" in body
    assert not any("Findings" in line or "two gaps in the fence" in line for line in body)
    assert "P|Heading 2|Findings" in outline[annex:]
    assert sum(line.startswith("P|Decision Line|Approve") for line in body) == 4


def test_the_us_action_memo_signs_once_and_the_signature_keeps_with_the_last_decision(
    tmp_path: Path,
) -> None:
    import docx

    briefing = import_text(TWICE, markdown=True)
    out = tmp_path / "action.docx"
    export_docx(briefing, out, ExportOptions(template="us-action-memo"))
    paragraphs = docx.Document(str(out)).paragraphs
    decisions = [i for i, p in enumerate(paragraphs) if p.text.startswith("Agree ___")]
    signatures = [i for i, p in enumerate(paragraphs) if p.text.startswith("Signature ___")]
    assert len(decisions) == 4 and len(signatures) == 1 and signatures[0] == decisions[-1] + 1
    assert paragraphs[decisions[-1]].paragraph_format.keep_with_next
    headings = [p.text for p in paragraphs if p.style.name == "Heading 1"]
    # no source is known, so no Sources part; the Findings go to Tab A
    assert headings == ["Issue for decision", "Recommendation", "Tab A — Source article"]

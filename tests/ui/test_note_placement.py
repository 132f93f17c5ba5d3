"""Placing an article section in another part of the note, from the outline: by dragging the section
onto a part under "In the Note", or from the section's Place in the Note menu. Each is one undo step,
kept in the project, and the Word export prints the section there."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QDragMoveEvent, QDropEvent

from briefing import project
from briefing.editing import operations
from briefing.export import ExportOptions, export_docx
from tests.core.export_support import body_outline
from tests.ui.helpers import open_window
from tests.ui.test_outline import choose, entries, open_menu
from ui.outline import KIND_ROLE, PLACEMENT_ROLE

IMPLICATIONS = "Implications for US Diplomacy as Trump Prepares for Asia Tour"
#: The parts of a briefing note a section can be placed in, in order (not the source line's).
BRIEFING_NOTE_PARTS = (
    "Summary",
    "Background",
    "Current status",
    "Key considerations",
    "Recommendations",
    "Next steps",
    "Annex A — Source article",
)


def note_parts(outline) -> dict[str, object]:
    """The rows under "In the Note", by their label without the count."""
    model = outline.model()
    group = next(
        model.item(row) for row in range(model.rowCount()) if model.index(row, 0).data(KIND_ROLE) == "note"
    )
    rows = [group.child(row) for row in range(group.rowCount())]
    return {row.text().split(" (")[0]: row for row in rows}


def drag_onto(outline, section_id: str, part) -> None:
    """Drag a section's row and drop it on a part of the note, as the mouse does."""
    source = outline._items[section_id].index()
    outline.scrollTo(part.index())
    point = outline.visualRect(part.index()).center()
    mime = outline.model().mimeData([source])
    buttons, keys = Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    outline.dragMoveEvent(QDragMoveEvent(point, Qt.DropAction.MoveAction, mime, buttons, keys))
    outline.dropEvent(QDropEvent(point, Qt.DropAction.MoveAction, mime, buttons, keys))


def test_the_outline_shows_the_parts_of_the_note_with_what_goes_in_each(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    parts = note_parts(window.outline)
    # A briefing for information is a briefing note, with every part it may print, in order (empty
    # ones are left out of the note); the source line's part takes no section.
    assert tuple(parts) == BRIEFING_NOTE_PARTS
    assert parts["Current status"].text() == "Current status"  # nothing in it yet
    assert parts["Background"].text() == "Background (2)"  # the title's section and the Implications
    assert IMPLICATIONS in parts["Background"].toolTip()
    assert parts["Recommendations"].data(PLACEMENT_ROLE) == "recommendations"


def test_dropping_a_section_on_a_part_places_it_there_and_undo_puts_it_back(
    qtbot, settings, sample_path, tmp_path
):
    window = open_window(qtbot, settings, sample_path)
    briefing = window.doc.briefing
    section = next(s for s in briefing.sections if s.heading == IMPLICATIONS)
    order = [s.id for s in briefing.sections]
    drag_onto(window.outline, section.id, note_parts(window.outline)["Summary"])
    assert section.placement == "summary"
    assert [s.id for s in briefing.sections] == order  # placed, not moved in the article
    assert window.outline._items[section.id].text().startswith("[Summary] Implications")
    assert note_parts(window.outline)["Summary"].text() == "Summary (2)"
    assert window.undo_action.text().replace("&", "").startswith("Undo Place section in the note")

    target = tmp_path / "placed.briefing"
    assert window.save_to(target)
    assert project.load(target).find_section(section.id).placement == "summary"
    out = tmp_path / "note.docx"
    export_docx(project.load(target), out, ExportOptions())
    outline = body_outline(out)
    summary, background = outline.index("P|Heading 1|Summary"), outline.index("P|Heading 1|Background")
    assert summary < outline.index(f"P|Heading 2|{IMPLICATIONS}") < background

    window.undo_action.trigger()
    assert section.placement == ""
    assert not window.outline._items[section.id].text().startswith("[Summary] Implications")
    window.redo_action.trigger()
    assert section.placement == "summary"


def test_the_section_menu_places_it_and_gives_it_back_to_the_template(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    briefing = window.doc.briefing
    section = next(s for s in briefing.sections if s.heading == IMPLICATIONS)
    menu = open_menu(qtbot, window.outline, section.id)
    texts = entries(menu)
    assert {f"Place in the Note ▸ {name}" for name in ("Summary", "Background", "Recommendations")} <= set(
        texts
    )
    place = next(a.menu() for a in menu.actions() if a.menu() is not None and "Place" in a.text())
    checked = [a.text() for a in place.actions() if a.isChecked()]
    assert checked == ["Background"]  # where the template puts it now
    choose(qtbot, menu, "Place in the Note ▸ Recommendations")
    assert section.placement == "recommendations"
    menu = open_menu(qtbot, window.outline, section.id)
    choose(qtbot, menu, "Place in the Note ▸ Where the Template Puts It")
    assert section.placement == ""
    # A block goes where its section goes: its row has no such entry.
    block = section.blocks[0]
    menu = open_menu(qtbot, window.outline, block.id)
    assert not any(text.startswith("Place in the Note") for text in entries(menu))
    menu.close()


def test_a_briefing_for_decision_offers_the_memos_parts_and_its_annex(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    window.doc.edit("Purpose", lambda b: operations.set_meta(b, "purpose", "decision"))
    parts = note_parts(window.outline)
    assert "Annex A — Source article" in parts and "Issue" in parts
    section = window.doc.briefing.sections[0]
    drag_onto(window.outline, section.id, parts["Annex A — Source article"])
    assert section.placement == "annex"

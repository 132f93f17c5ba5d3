"""The outline's right-click menu: what it offers on each kind of row, that every entry is one undo step,
and that it survives the document being replaced under it (the start's recovery question answered
Discard, then the briefing arriving while the menu is open)."""

from __future__ import annotations

import random

import shiboken6
from hypothesis import HealthCheck, given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QSettings, Qt, QTimer
from PySide6.QtGui import QFocusEvent, QKeySequence
from PySide6.QtWidgets import QApplication, QInputDialog, QMenu, QMessageBox

from briefing.export.templates import resolve_template
from briefing.model import PLACEMENTS
from tests.ui.helpers import open_window
from tests.ui.test_note_placement import BRIEFING_NOTE_PARTS
from tests.ui.test_outline import choose, entries, open_menu
from tests.ui.test_recovery import _leave_copy
from ui import app as editor
from ui.crash import CRASH_TEXT
from ui.main_window import MainWindow
from ui.outline import ID_ROLE, KIND_ROLE
from ui.recovery import RecoveryManager


def outline_tree(outline) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """(kind, id, [(kind, id) of its rows]) of each top-level row of the outline."""
    model = outline.model()
    tree = []
    for row in range(model.rowCount()):
        index = model.index(row, 0)
        children = [
            (model.index(r, 0, index).data(KIND_ROLE), model.index(r, 0, index).data(ID_ROLE))
            for r in range(model.rowCount(index))
        ]
        tree.append((index.data(KIND_ROLE), index.data(ID_ROLE), children))
    return tree


def model_tree(briefing) -> list[tuple[str, str, list[tuple[str, str]]]]:
    """What :func:`outline_tree` should be for the briefing."""
    tree = [("details", "", [])]
    tree += [("section", s.id, [(b.kind, b.id) for b in s.blocks]) for s in briefing.sections]
    if briefing.recommendations:
        tree.append(("recommendations", "", [("recommendation", r.id) for r in briefing.recommendations]))
    if briefing.sections:  # the parts of the note a section can be placed in (not the Sources line)
        parts = resolve_template("", briefing.meta.purpose).settings.note_sections()
        tree.append(("note", "", [("note-part", "") for p in parts if set(p.takes) & set(PLACEMENTS)]))
    return tree


def test_the_briefing_arriving_while_the_menu_is_open_after_a_recovery_discard(
    qtbot, isolated_settings, tmp_path, dead_pid, monkeypatch, sample_path
):
    """At the start, Discard on the recovery question, then a right-click on the outline while the
    article still loads: the briefing arriving replaces the outline under its open menu. The menu ran
    its own event loop inside the outline's event handler, which the replaced outline was deleted
    under (a segmentation fault offscreen; "Internal C++ object (QMenu) already deleted" and the crash
    dialog in a real window). Then a list is deleted from the new outline's menu."""
    folder = tmp_path / "recovery"
    startup = QSettings(
        str(isolated_settings / "Briefing Editor" / "Briefing Editor.ini"), QSettings.Format.IniFormat
    )
    startup.setValue("autosave/folder", str(folder))
    startup.sync()
    _leave_copy(folder, dead_pid)
    asked: list[str] = []

    def discard_when_asked() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        asked.append(box.text())
        box.button(QMessageBox.StandardButton.Discard).click()

    seen: dict = {}

    def the_user_at_work() -> int:  # instead of the event loop
        window = next(
            w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow) and w.isVisible()
        )
        first = window.outline
        assert window.loader.busy  # the article is still loading
        arrived: list[bool] = []

        def the_briefing_arrives() -> None:  # runs in whatever event loop is turning: the menu's, if any
            qtbot.waitUntil(lambda: window.outline is not first, timeout=10000)
            arrived.append(True)

        QTimer.singleShot(0, the_briefing_arrives)
        menu = open_menu(qtbot, first, "")
        qtbot.waitUntil(lambda: bool(arrived), timeout=10000)
        qtbot.waitUntil(lambda: QApplication.activePopupWidget() is None)  # the menu went with its outline
        briefing = window.doc.briefing
        assert outline_tree(window.outline) == model_tree(briefing)
        seen["stale menu deleted"] = not shiboken6.isValid(menu)

        lists = [block for _, block in briefing.blocks() if block.kind == "list"]
        choose(qtbot, open_menu(qtbot, window.outline, lists[0].id), "Delete List")
        seen["deleted"] = briefing.find_block(lists[0].id) is None
        seen["outline is model"] = outline_tree(window.outline) == model_tree(briefing)
        window.undo_action.trigger()
        seen["undone"] = briefing.find_block(lists[0].id) is not None
        seen["crash dialogs"] = [b for b in window.findChildren(QMessageBox) if b.text() == CRASH_TEXT]
        window.close()
        return 0

    QTimer.singleShot(0, discard_when_asked)
    monkeypatch.setattr(QApplication, "exec", lambda _app: the_user_at_work())
    assert editor.main([str(sample_path)]) == 0
    assert asked and "did not close normally" in asked[0]
    assert seen == {
        "stale menu deleted": True,
        "deleted": True,
        "outline is model": True,
        "undone": True,
        "crash dialogs": [],
    }


def snapshot(briefing) -> list[tuple[str, str, list[str]]]:
    """The sections and blocks, whole, to compare before and after."""
    return [(s.id, s.heading, [repr(b) for b in s.blocks]) for s in briefing.sections]


def offered(qtbot, outline, item_id: str) -> tuple[list[str], set[str]]:
    """The entries of a row's right-click menu, and which of them are disabled (the menu is closed)."""
    menu = open_menu(qtbot, outline, item_id)
    texts = entries(menu)
    disabled = {a.text().replace("&", "").split("\t")[0] for a in menu.actions() if not a.isEnabled()}
    menu.close()
    return texts, disabled


SECTION_INSERTS = [
    "Insert ▸ Section After This",
    "Insert ▸ Paragraph at the End of This Section",
    "Insert ▸ List at the End of This Section",
    "Insert ▸ Table at the End of This Section",
]
BLOCK_INSERTS = [
    "Insert ▸ Section After This Section",
    "Insert ▸ Paragraph After This",
    "Insert ▸ List After This",
    "Insert ▸ Table After This",
]
FOLDING = ["Expand All", "Collapse All"]
#: The parts of a briefing note a section can be printed in, and the way back to the template's choice.
PLACE = [f"Place in the Note ▸ {part}" for part in (*BRIEFING_NOTE_PARTS, "Where the Template Puts It")]


def test_each_row_offers_what_applies_to_it(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    outline = window.outline
    sections = window.doc.briefing.sections
    lede, headed, last = sections[0], sections[1], sections[-1]
    assert not lede.heading and headed.heading

    texts, disabled = offered(qtbot, outline, headed.id)
    assert texts == [
        *SECTION_INSERTS,
        "Rename Section",
        *PLACE,
        "Move Up",
        "Move Down",
        "Delete Section",
        "Comment…",
        *FOLDING,
    ]
    assert disabled == set()
    texts, disabled = offered(qtbot, outline, lede.id)  # no heading to rename; first: cannot go up
    assert texts == [*SECTION_INSERTS, *PLACE, "Move Up", "Move Down", "Delete Section", "Comment…", *FOLDING]
    assert disabled == {"Move Up"}
    assert offered(qtbot, outline, last.id)[1] == {"Move Down"}

    a_list = next(b for b in headed.blocks if b.kind == "list")
    texts, disabled = offered(qtbot, outline, a_list.id)
    assert texts == [*BLOCK_INSERTS, "Move Up", "Move Down", "Delete List", "Comment…", *FOLDING]
    assert disabled == set()
    texts, disabled = offered(qtbot, outline, last.blocks[-1].id)  # the last block of all
    assert last.blocks[-1].kind == "table" and "Delete Table" in texts and "Rename Section" not in texts
    assert disabled == {"Move Down"}
    texts, disabled = offered(qtbot, outline, lede.blocks[0].id)  # the first block of all
    assert "Delete Paragraph" in texts and "Rename Section" not in texts
    assert disabled == {"Move Up"}

    assert offered(qtbot, outline, "")[0] == FOLDING  # Briefing details
    recommendation = window.doc.briefing.recommendations[0]
    assert offered(qtbot, outline, recommendation.id)[0] == FOLDING

    # Each entry shows its key, the window's action's.
    menu = open_menu(qtbot, outline, a_list.id)
    delete = next(a for a in menu.actions() if a.text().startswith("&Delete"))
    keys = window.delete_item_action.shortcut().toString(QKeySequence.SequenceFormat.NativeText)
    assert keys and delete.text() == f"&Delete List\t{keys}"
    insert = next(a for a in menu.actions() if isinstance(a.menu(), QMenu))
    assert insert.text() == "&Insert"
    menu.close()


def test_every_entry_on_a_block_is_one_undo_step(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    outline, briefing = window.outline, window.doc.briefing
    stack = window.doc.undo_stack
    section = briefing.sections[2]
    a_list = next(b for b in section.blocks if b.kind == "list")
    start = snapshot(briefing)
    place = section.blocks.index(a_list)

    for entry, kind in (
        ("Insert ▸ Paragraph After This", "paragraph"),
        ("Insert ▸ List After This", "list"),
        ("Insert ▸ Table After This", "table"),
    ):
        steps = stack.index()
        choose(qtbot, open_menu(qtbot, outline, a_list.id), entry)
        new = section.blocks[place + 1]
        assert new.kind == kind and new.id not in {b for _, _, blocks in start for b in blocks}
        assert outline.current_id() == new.id
        assert stack.index() == steps + 1  # one undo step
        assert outline_tree(outline) == model_tree(briefing)
        window.undo_action.trigger()
        assert snapshot(briefing) == start
        assert outline_tree(outline) == model_tree(briefing)

    choose(qtbot, open_menu(qtbot, outline, a_list.id), "Insert ▸ Section After This Section")
    assert len(briefing.sections) == len(start) + 1 and briefing.sections[3].heading == "New section"
    assert briefing.sections[2] is section
    window.undo_action.trigger()
    assert snapshot(briefing) == start

    choose(qtbot, open_menu(qtbot, outline, a_list.id), "Move Up")
    assert section.blocks.index(a_list) == place - 1
    assert outline.current_id() == a_list.id
    choose(qtbot, open_menu(qtbot, outline, a_list.id), "Move Down")
    choose(qtbot, open_menu(qtbot, outline, a_list.id), "Move Down")
    assert section.blocks.index(a_list) == place + 1
    assert outline_tree(outline) == model_tree(briefing)
    for _ in range(3):
        window.undo_action.trigger()
    assert snapshot(briefing) == start

    choose(qtbot, open_menu(qtbot, outline, a_list.id), "Delete List")
    assert briefing.find_block(a_list.id) is None
    assert outline_tree(outline) == model_tree(briefing)
    window.undo_action.trigger()
    assert snapshot(briefing) == start
    assert outline_tree(outline) == model_tree(briefing)
    window.redo_action.trigger()
    assert briefing.find_block(a_list.id) is None
    assert outline_tree(outline) == model_tree(briefing)


def test_every_entry_on_a_section_is_one_undo_step(qtbot, settings, sample_path):
    window = open_window(qtbot, settings, sample_path)
    outline, briefing = window.outline, window.doc.briefing
    section = briefing.sections[1]
    start = snapshot(briefing)

    choose(qtbot, open_menu(qtbot, outline, section.id), "Insert ▸ Table at the End of This Section")
    assert section.blocks[-1].kind == "table" and len(section.blocks) == len(start[1][2]) + 1
    window.undo_action.trigger()
    choose(qtbot, open_menu(qtbot, outline, section.id), "Insert ▸ Section After This")
    assert briefing.sections[1] is section and len(briefing.sections) == len(start) + 1
    assert outline.current_id() == briefing.sections[2].id
    window.undo_action.trigger()
    assert snapshot(briefing) == start

    # Rename selects the heading in the document, to type the new one over it.
    choose(qtbot, open_menu(qtbot, outline, section.id), "Rename Section")
    assert window.document_view.textCursor().selectedText() == section.heading
    qtbot.keyClicks(window.document_view, "Launches and reactions")
    assert section.heading == "Launches and reactions"
    while window.doc.undo_stack.canUndo():
        window.undo_action.trigger()
    assert snapshot(briefing) == start

    choose(qtbot, open_menu(qtbot, outline, section.id), "Move Down")
    assert briefing.sections[2] is section
    choose(qtbot, open_menu(qtbot, outline, section.id), "Delete Section")
    assert briefing.find_section(section.id) is None
    assert outline_tree(outline) == model_tree(briefing)
    window.undo_action.trigger()
    window.undo_action.trigger()
    assert snapshot(briefing) == start
    assert outline_tree(outline) == model_tree(briefing)


def test_comment_on_a_row_is_about_that_row(qtbot, settings, sample_path, monkeypatch):
    window = open_window(qtbot, settings, sample_path)
    briefing = window.doc.briefing
    table = next(b for _, b in briefing.blocks() if b.kind == "table")
    monkeypatch.setattr(QInputDialog, "getMultiLineText", lambda *_a, **_k: ("Check the ranges", True))
    choose(qtbot, open_menu(qtbot, window.outline, table.id), "Comment…")
    (comment,) = briefing.comments
    assert comment.text == "Check the ranges" and comment.anchor.block_id == table.id
    window.undo_action.trigger()
    assert briefing.comments == []


def _focus_back(outline) -> None:
    """What the outline gets when its menu closes (offscreen, setFocus sends nothing to a window that
    is not active)."""
    QApplication.sendEvent(outline, QFocusEvent(QEvent.Type.FocusIn, Qt.FocusReason.PopupFocusReason))


def test_deleting_a_row_selects_the_one_beside_it_and_the_document_stays(qtbot, settings, sample_path):
    """The outline keeps a selection when its row is deleted: without one, Qt made "Briefing details"
    current as the outline took the focus back from its menu, and the details replaced the document."""
    window = open_window(qtbot, settings, sample_path)
    outline, briefing = window.outline, window.doc.briefing
    section = briefing.sections[1]
    a_list = next(b for b in section.blocks if b.kind == "list")
    after, last = section.blocks[section.blocks.index(a_list) + 1], section.blocks[-1]
    choose(qtbot, open_menu(qtbot, outline, a_list.id), "Delete List")
    _focus_back(outline)
    assert window.stack.currentWidget() is window.document_view
    assert outline.current_id() == after.id  # the row that followed it

    before = section.blocks[-2]
    choose(qtbot, open_menu(qtbot, outline, last.id), "Delete Paragraph")  # the last of its section
    assert outline.current_id() == before.id
    following = briefing.sections[2]
    choose(qtbot, open_menu(qtbot, outline, section.id), "Delete Section")
    assert outline.current_id() == following.id
    _focus_back(outline)
    assert window.stack.currentWidget() is window.document_view
    assert outline_tree(outline) == model_tree(briefing)


# --- any sequence of the menu's edits ------------------------------------------------------------------

#: Entries a sequence may choose: the edits (Rename and Comment only select text or ask for it).
EDITS = ("Insert ▸", "Move Up", "Move Down", "Delete ")


@hypothesis_settings(
    max_examples=15,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    seed=st.integers(0, 10_000),
    steps=st.lists(st.sampled_from(["menu", "menu", "menu", "undo", "redo"]), min_size=3, max_size=12),
)
def test_any_sequence_of_menu_edits_after_a_recovery_discard_keeps_the_outline_true(
    qtbot, settings, tmp_path_factory, dead_pid, sample_path, seed, steps
):
    """After Discard on the recovery question, any sequence of the outline menu's inserts, moves and
    deletes, undos and redos, with autosave writing copies meanwhile: no exception, the outline and the
    page show the model after each step, and undoing everything gives back the briefing opened."""
    folder = tmp_path_factory.mktemp("recovery")
    _leave_copy(folder, dead_pid)
    settings.setValue("autosave/folder", str(folder))
    settings.setValue("autosave/seconds", 0.05)
    window = MainWindow(settings)
    qtbot.addWidget(window)
    manager = RecoveryManager(window, settings)
    window.show()

    def discard_when_asked() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        box.button(QMessageBox.StandardButton.Discard).click()

    QTimer.singleShot(0, discard_when_asked)
    assert not manager.offer_restores()
    assert manager.pending() == []
    with qtbot.waitSignal(window.documentLoaded, timeout=5000):
        window.open_path(sample_path)
    outline, briefing = window.outline, window.doc.briefing
    start = snapshot(briefing)
    rng = random.Random(seed)
    for step in steps:
        if step == "undo":
            window.undo_action.trigger()
        elif step == "redo":
            window.redo_action.trigger()
        else:
            rows = [s.id for s in briefing.sections] + [b.id for _, b in briefing.blocks()]
            if not rows:
                continue
            menu = open_menu(qtbot, outline, rng.choice(rows))
            edits = [text for text in entries(menu) if text.startswith(EDITS) and _enabled(menu, text)]
            if edits:
                choose(qtbot, menu, rng.choice(edits))
            else:
                menu.close()
        qtbot.wait(1)  # let the autosave timer and deferred deletions run between steps
        assert outline_tree(window.outline) == model_tree(briefing)
        assert all(window.document_view._shows(s.id) for s in briefing.sections)
        assert window.stack.currentWidget() is window.document_view
        current = window.outline.current_id()
        assert current is None or current in {r for _, r, _ in outline_tree(window.outline)} | {
            c for _, _, children in outline_tree(window.outline) for _, c in children
        }
    while window.doc.undo_stack.canUndo():
        assert window.undo_action.isEnabled()  # else this would never end
        window.undo_action.trigger()
    assert snapshot(briefing) == start
    assert outline_tree(window.outline) == model_tree(briefing)
    manager.wait()
    window.close()


def _enabled(menu: QMenu, path: str) -> bool:
    """Whether the entry ``path`` ("Insert ▸ List After This", "Move Up") of a menu is enabled."""
    here: QMenu | None = menu
    for name in path.split(" ▸ "):
        assert here is not None
        action = next(a for a in here.actions() if a.text().replace("&", "").split("\t")[0] == name)
        if not action.isEnabled():
            return False
        here = action.menu() if isinstance(action.menu(), QMenu) else None
    return True


def test_undo_stays_enabled_when_the_replaced_document_goes(qtbot, settings, sample_path):
    """A restored (or any edited) briefing, Discard when another is opened, an edit in the new one from
    the outline's menu before the event loop turns: the old document is deleted then, and its undo
    stack, cleared, still drives the window's Undo action. (A user meets it when the new briefing
    arrives inside another event loop, such as a modal dialog's; the hypothesis sequence above found
    it, on the Restore path.)"""
    window = open_window(qtbot, settings, sample_path)
    first = next(b for _, b in window.doc.briefing.blocks() if b.kind == "list")
    choose(qtbot, open_menu(qtbot, window.outline, first.id), "Delete List")
    qtbot.wait(1)
    with qtbot.waitSignal(window.documentLoaded, timeout=5000):
        window.open_path(sample_path)  # "Save the changes?" Discard (tests/ui/conftest.py)
    second = next(b for _, b in window.doc.briefing.blocks() if b.kind == "list")
    choose(qtbot, open_menu(qtbot, window.outline, second.id), "Delete List")
    assert window.undo_action.isEnabled()
    qtbot.wait(1)  # the event loop turns: the replaced document is deleted
    assert window.doc.undo_stack.canUndo()
    assert window.undo_action.isEnabled()
    assert window.undo_action.text().replace("&", "") == "Undo Delete list"

"""The outline's right-click menu: what it offers on each kind of row, that every entry is one undo step,
and that it survives the document being replaced under it (the start's recovery question answered
Discard, then the briefing arriving while the menu is open)."""

from __future__ import annotations

import shiboken6
from PySide6.QtCore import QSettings, QTimer
from PySide6.QtWidgets import QApplication, QMessageBox

from tests.ui.test_outline import choose, open_menu
from tests.ui.test_recovery import _leave_copy
from ui import app as editor
from ui.crash import CRASH_TEXT
from ui.main_window import MainWindow
from ui.outline import ID_ROLE, KIND_ROLE


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
        choose(qtbot, open_menu(qtbot, window.outline, lists[0].id), "Delete Selected Item")
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

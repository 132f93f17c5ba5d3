"""The outline of a briefing as a Qt item model: sections, their blocks, the recommendations."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QStandardItem, QStandardItemModel
from PySide6.QtWidgets import QApplication, QStyle

from briefing.model import Briefing, ListBlock, Paragraph, Table

#: The item data role holding the id of the section, block or recommendation an outline row shows.
ID_ROLE = Qt.ItemDataRole.UserRole + 1
#: The item data role holding what kind of thing a row is ("section", "paragraph", "list", "table", …).
KIND_ROLE = Qt.ItemDataRole.UserRole + 2


def block_label(block: Paragraph | ListBlock | Table) -> str:
    """A one-line label for a block in the outline."""
    if isinstance(block, Paragraph):
        return _shorten(block.text)
    if isinstance(block, ListBlock):
        first = block.items[0].full_text if block.items else ""
        return f"List · {len(block.items)} items — {_shorten(first, 40)}"
    columns = ", ".join(cell for cell in block.header if cell)
    return f"Table · {len(block.rows)} rows — {_shorten(columns, 40)}"


def build_outline(briefing: Briefing) -> QStandardItemModel:
    """A fresh item model for the briefing's outline (read-only rows)."""
    style = QApplication.style()
    icons = {
        "section": style.standardIcon(QStyle.StandardPixmap.SP_DirIcon),
        "paragraph": style.standardIcon(QStyle.StandardPixmap.SP_FileDialogDetailedView),
        "list": style.standardIcon(QStyle.StandardPixmap.SP_FileDialogListView),
        "table": style.standardIcon(QStyle.StandardPixmap.SP_FileDialogContentsView),
        "recommendations": style.standardIcon(QStyle.StandardPixmap.SP_DialogApplyButton),
    }
    model = QStandardItemModel()
    model.setHorizontalHeaderLabels(["Outline"])
    root = model.invisibleRootItem()
    for section in briefing.sections:
        item = _item(section.heading or "Lede (before the first heading)", section.id, "section", icons)
        if not section.heading:
            font = item.font()
            font.setItalic(True)
            item.setFont(font)
        for block in section.blocks:
            item.appendRow(_item(block_label(block), block.id, block.kind, icons))
        root.appendRow(item)
    if briefing.recommendations:
        recs = _item(f"Recommendations ({len(briefing.recommendations)})", "", "recommendations", icons)
        for rec in briefing.recommendations:
            recs.appendRow(_item(_shorten(rec.text), rec.id, "recommendation", icons))
        root.appendRow(recs)
    return model


def _item(text: str, item_id: str, kind: str, icons: dict) -> QStandardItem:
    item = QStandardItem(text)
    item.setEditable(False)
    item.setData(item_id, ID_ROLE)
    item.setData(kind, KIND_ROLE)
    item.setToolTip(text)
    if kind in icons:
        item.setIcon(icons[kind])
    return item


def _shorten(text: str, width: int = 60) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"

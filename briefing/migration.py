"""Reading project files of older formats: each upgrade turns one format's JSON into the next one's.

Format 1 wrote places three ways: a recommendation's ``origin`` and a comment's ``anchor`` as objects
(a list item's index in ``anchor.row``, a table's header row as a missing ``row``), a change's
``target`` as words ("s3/b7 row 2, column 2", counting from 1), and an ignored finding as
``rule@path:row:column:item:start:end``. Format 2 writes every place as a ref's text form.
"""

from __future__ import annotations

import re
from typing import Any

from .kinds import text_at
from .model import Briefing
from .refs import HEADER_ROW, Ref, RefError, finding_key, parse_ref

_TARGET_PART = re.compile(r"(header|row (\d+)|column (\d+)|item (\d+))")


def upgrade_v1(body: dict[str, Any]) -> list[str]:
    """Upgrade a format-1 project body in place; returns its ignored keys, which need the loaded
    briefing (:func:`upgrade_v1_keys`)."""
    kinds: dict[str, str] = {}
    sections: dict[str, str] = {}
    for section in body.get("sections", []):
        for block in section.get("blocks", []):
            kinds[str(block.get("id"))] = str(block.get("kind"))
            sections[str(block.get("id"))] = str(section.get("id"))
    for rec in body.get("recommendations", []):
        if isinstance(rec.get("origin"), dict):
            origin = rec["origin"]
            block_id = str(origin.get("block_id") or "")
            ref = Ref(sections.get(block_id, ""), block_id, item=origin.get("item"), row=origin.get("row"))
            rec["origin"] = ref.to_text() if block_id else Ref().to_text()
    for comment in body.get("comments", []):
        if isinstance(comment.get("anchor"), dict):
            comment["anchor"] = _anchor(comment["anchor"], kinds, sections).to_text()
    for change in body.get("changes", []):
        if isinstance(change.get("target"), str):
            change["target"] = _target(change["target"]).to_text()
    old_keys = [str(key) for key in body.get("ignored", [])]
    body["ignored"] = []
    return old_keys


def _anchor(anchor: dict[str, Any], kinds: dict[str, str], sections: dict[str, str]) -> Ref:
    block_id = str(anchor.get("block_id") or "")
    kind = kinds.get(block_id)
    start, end, row, column = (anchor.get(name) for name in ("start", "end", "row", "column"))
    if kind == "list":
        return Ref(sections[block_id], block_id, item=row, start=start, end=end)
    if kind == "table":
        if row is None and column is not None:
            row = HEADER_ROW
        return Ref(sections[block_id], block_id, row=row, column=column)
    if kind == "paragraph":
        return Ref(sections[block_id], block_id, start=start, end=end)
    if block_id.startswith("s"):
        return Ref(section_id=block_id)
    return Ref(block_id=block_id)  # a recommendation, or something already gone


def _target(text: str) -> Ref:
    """A format-1 change target ("s3/b7 row 2, column 2") as a ref."""
    path, _, detail = text.strip().partition(" ")
    if not re.fullmatch(r"[a-z]{1,3}\d+(/[a-z]{1,3}\d+)?", path):
        return Ref()
    section_id, _, block_id = path.partition("/")
    if not block_id and not section_id.startswith("s"):
        section_id, block_id = "", section_id
    parts: dict[str, int] = {}
    for match in _TARGET_PART.finditer(detail):
        if match.group(1) == "header":
            parts["row"] = HEADER_ROW
        elif match.group(2):
            parts["row"] = int(match.group(2)) - 1
        elif match.group(3):
            parts["column"] = int(match.group(3)) - 1
        elif match.group(4):
            parts["item"] = int(match.group(4)) - 1
    return Ref(section_id, block_id, **parts)  # type: ignore[arg-type]


def upgrade_v1_keys(briefing: Briefing, old_keys: list[str]) -> list[str]:
    """Format-1 ignored keys (``rule@path:row:column:item:start:end``) as format-2 keys."""
    keys = []
    for old in old_keys:
        rule, at, place = old.partition("@")
        fields = place.split(":")
        if not at or len(fields) != 6:
            continue
        path, *numbers = fields
        values = [int(n) if re.fullmatch(r"-?\d+", n) else None for n in numbers]
        try:
            base = parse_ref(path)
        except RefError:
            continue
        row, column, item, start, end = values
        ref = Ref(base.section_id, base.block_id, item=item, row=row, column=column, start=start, end=end)
        subject = text_at(briefing, ref) if ref.block_id or ref.section_id else ""
        keys.append(finding_key(rule, ref, subject))
    return keys

"""Reading project files of older formats: each upgrade turns one format's JSON into the next one's.

Format 1 wrote places three ways: a recommendation's ``origin`` and a comment's ``anchor`` as objects
(a list item's index in ``anchor.row``, a table's header row as a missing ``row``), a change's
``target`` as words ("s3/b7 row 2, column 2", counting from 1), and an ignored finding as
``rule@path:row:column:item:start:end``. Format 2 writes every place as a ref's text form.
"""

from __future__ import annotations

import re
from typing import Any

from . import patterns
from .kinds import text_at
from .model import Briefing
from .refs import HEADER_ROW, Ref, RefError, finding_key, parse_ref

_TARGET_PART = patterns.compile(r"(header|row (\d+)|column (\d+)|item (\d+))")
#: Longer numbers in an old ignored key are damage (Python refuses to read numbers of 4,300 digits).
_MAX_DIGITS = 20


def upgrade_v1(body: dict[str, Any]) -> list[str]:
    """Upgrade a format-1 project body in place; returns its ignored keys, which need the loaded
    briefing (:func:`upgrade_v1_keys`).

    A place that names nothing in the file any more (a block a fix removed) becomes a lost ref, so it
    is reported as removed instead of silently pointing nowhere."""
    kinds: dict[str, str] = {}
    sections: dict[str, str] = {}
    section_ids: set[str] = set()
    for section in body.get("sections", []):
        section_ids.add(str(section.get("id")))
        for block in section.get("blocks", []):
            kinds[str(block.get("id"))] = str(block.get("kind"))
            sections[str(block.get("id"))] = str(section.get("id"))
    places = _Places(
        kinds, sections, section_ids, {str(r.get("id")) for r in body.get("recommendations", [])}
    )
    for rec in body.get("recommendations", []):
        if isinstance(rec.get("origin"), dict):
            rec["origin"] = places.origin(rec["origin"]).to_text()
    for comment in body.get("comments", []):
        if isinstance(comment.get("anchor"), dict):
            comment["anchor"] = places.anchor(comment["anchor"]).to_text()
    for change in body.get("changes", []):
        if isinstance(change.get("target"), str):
            change["target"] = places.target(change["target"]).to_text()
    old_keys = [str(key) for key in body.get("ignored", [])]
    body["ignored"] = []
    return old_keys


class _Places:
    """The ids a format-1 file holds, to turn its places into refs."""

    def __init__(
        self, kinds: dict[str, str], sections: dict[str, str], section_ids: set[str], rec_ids: set[str]
    ) -> None:
        self.kinds = kinds
        self.sections = sections
        self.section_ids = section_ids
        self.rec_ids = rec_ids

    def _checked(self, ref: Ref) -> Ref:
        """The ref, marked lost when its block (or section) is not in the file."""
        if ref.block_id:
            there = ref.block_id in self.kinds or ref.block_id in self.rec_ids
        else:
            there = not ref.section_id or ref.section_id in self.section_ids
        return ref if there else ref.orphaned()

    def origin(self, origin: dict[str, Any]) -> Ref:
        """A recommendation's origin (``block_id``, ``item`` for a list item, ``row`` for a table row)."""
        block_id = str(origin.get("block_id") or "")
        if not block_id:
            return Ref()
        item, row = origin.get("item"), origin.get("row")
        if self.kinds.get(block_id) == "list" and item is None:
            item, row = row, None
        return self._checked(Ref(self.sections.get(block_id, ""), block_id, item=item, row=row))

    def anchor(self, anchor: dict[str, Any]) -> Ref:
        """A comment's anchor: a list item's index was ``row``; a table's header row was no ``row``."""
        block_id = str(anchor.get("block_id") or "")
        kind = self.kinds.get(block_id)
        start, end, row, column = (anchor.get(name) for name in ("start", "end", "row", "column"))
        section_id = self.sections.get(block_id, "")
        if kind == "list":
            return Ref(section_id, block_id, item=row, start=start, end=end)
        if kind == "table":
            if row is None and column is not None:
                row = HEADER_ROW
            return Ref(section_id, block_id, row=row, column=column, start=start, end=end)
        if kind == "paragraph":
            return Ref(section_id, block_id, start=start, end=end)
        if block_id in self.section_ids:
            return Ref(section_id=block_id)
        if block_id in self.rec_ids:
            return Ref(block_id=block_id, start=start, end=end)
        # gone: a block or a section that was deleted
        if block_id.startswith("s") and not any(c.isalpha() for c in block_id[1:]):
            return Ref(section_id=block_id, lost=True)
        return Ref(block_id=block_id, row=row, column=column, start=start, end=end, lost=True)

    def target(self, text: str) -> Ref:
        """A format-1 change target ("s3/b7 row 2, column 2", "title"; several joined by "; ")."""
        first = text.split(";")[0].strip()
        if first == "title":
            return Ref(field="meta.title")
        path, _, detail = first.partition(" ")
        if not re.fullmatch(r"[a-z]{1,3}\d+(/[a-z]{1,3}\d+)?", path):
            return Ref()
        section_id, _, block_id = path.partition("/")
        if not block_id and section_id not in self.section_ids and section_id in self.kinds:
            section_id, block_id = "", section_id  # a bare block id
        if block_id and not section_id:
            section_id = self.sections.get(block_id, "")
        parts: dict[str, int] = {}
        for match in _TARGET_PART.finditer(detail):
            if match.group(1) == "header":
                parts["row"] = HEADER_ROW
            elif match.group(2):
                parts["row"] = _from_one(match.group(2))
            elif match.group(3):
                parts["column"] = _from_one(match.group(3))
            elif match.group(4):
                parts["item"] = _from_one(match.group(4))
        return self._checked(Ref(section_id, block_id, **parts))  # type: ignore[arg-type]


def _from_one(number: str) -> int:
    """A format-1 target's row, column or item number (counted from 1) counted from 0; ``row 0`` was
    never written (it would read as the header row), so it is damage (``ValueError``)."""
    value = int(number) - 1
    if value < 0:
        raise ValueError(number)
    return value


def upgrade_v1_keys(briefing: Briefing, old_keys: list[str]) -> list[str]:
    """Format-1 ignored keys (``rule@path:row:column:item:start:end``) as format-2 keys."""
    keys = []
    for old in old_keys:
        rule, at, place = old.partition("@")
        fields = place.split(":")
        if not at or len(fields) != 6:
            continue
        path, *numbers = fields
        if any(len(n) > _MAX_DIGITS for n in numbers):
            continue  # no place counts that far: a damaged key, dropped like any other unreadable one
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

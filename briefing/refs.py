"""One way to point at a place in a briefing: :class:`Ref`, and its one text form.

Comments, recommendation origins, findings, the corrections log, find and replace and the undo steps all
point with a ``Ref``. Refs are frozen: when an edit moves what a ref points at, the editing core
(:mod:`briefing.editing`) replaces the ref on its holder, so no holder ever changes under another.

The text form (``s3/b7:row=2:col=1``) is what the project file, the CLI and saved finding keys write;
:func:`parse_ref` reads it back. Numbers in it count from 0, as in the model; :func:`briefing.places.
describe` names a ref for people, counting from 1.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

#: ``Ref.row`` of a table's header row (body rows count from 0).
HEADER_ROW = -1
#: ``Ref.section_id`` of a place in the article's text that the model does not hold (trailing blank
#: lines, the encoding): findings about the source point there.
SOURCE = "source"


class RefError(ValueError):
    """A ref's text form that cannot be read."""


@dataclass(frozen=True)
class Ref:
    """A place: a section, a block, and in it a list item, a row, a column or a span of text.

    - ``section_id`` alone: a section (its heading);
    - ``block_id``: a paragraph, list or table (``section_id`` is the section holding it, kept current
      by the editing core), or a recommendation's id for a comment or field on a recommendation;
    - ``item``: a list item; ``row``/``column``: a table row (``HEADER_ROW`` for the header), a column or
      a cell;
    - ``start``/``end``: a span of a paragraph's text or of a list item's full text;
    - ``field``: a named text that is not a block's body: ``caption``, ``meta.title``, a recommendation's
      ``text`` or annotation field;
    - ``lost``: what the ref pointed at was deleted; the ref keeps where it was so that people can be
      told, and undo puts it back.
    """

    section_id: str = ""
    block_id: str = ""
    item: int | None = None
    row: int | None = None
    column: int | None = None
    start: int | None = None
    end: int | None = None
    field: str = ""
    lost: bool = False

    @property
    def path(self) -> str:
        """``section/block`` (``s3/b20``, or ``s3`` for a section)."""
        return "/".join(part for part in (self.section_id, self.block_id) if part)

    @property
    def has_span(self) -> bool:
        """Whether the ref is a span of text (``start`` and ``end`` set)."""
        return self.start is not None and self.end is not None

    @property
    def is_header(self) -> bool:
        """Whether the ref is (in) a table's header row."""
        return self.row == HEADER_ROW

    def without_span(self) -> Ref:
        """The same place without its text span: the paragraph, the item, the cell."""
        return replace(self, start=None, end=None)

    def with_span(self, start: int, end: int) -> Ref:
        """The same place narrowed to ``[start, end)`` of its text."""
        return replace(self, start=start, end=end)

    def orphaned(self) -> Ref:
        """This ref marked as pointing at something that was deleted."""
        return self if self.lost else replace(self, lost=True)

    def to_text(self) -> str:
        """The one text form: ``s3/b7:row=2:col=1``, ``b7:item=0:chars=4-9``, ``:field=meta.title``."""
        parts = [self.path]
        if self.section_id and not self.block_id and not self.section_id.startswith("s"):
            parts[0] = f"{self.section_id}/"  # a section whose id reads like a block's
        elif self.block_id and not self.section_id and self.block_id.startswith("s"):
            parts[0] = f"/{self.block_id}"  # a block whose id reads like a section's
        if self.item is not None:
            parts.append(f"item={self.item}")
        if self.row is not None:
            parts.append("header" if self.row == HEADER_ROW else f"row={self.row}")
        if self.column is not None:
            parts.append(f"col={self.column}")
        if self.start is not None or self.end is not None:
            parts.append(f"chars={_number(self.start)}-{_number(self.end)}")
        if self.field:
            parts.append(f"field={self.field}")
        if self.lost:
            parts.append("lost")
        return ":".join(parts)

    def __str__(self) -> str:
        return self.to_text()


def _number(value: int | None) -> str:
    return "" if value is None else str(value)


def parse_ref(text: str) -> Ref:
    """The ref a :meth:`Ref.to_text` string names; :class:`RefError` when it is not one."""
    path, *qualifiers = text.strip().split(":")
    section_id, slash, block_id = path.partition("/")
    if not slash and section_id and not section_id.startswith("s"):
        section_id, block_id = "", section_id  # a bare block or recommendation id
    values: dict[str, object] = {"section_id": section_id, "block_id": block_id}
    try:
        for qualifier in qualifiers:
            name, _, value = qualifier.partition("=")
            if name == "item":
                values["item"] = int(value)
            elif name == "row":
                values["row"] = int(value)
            elif name == "header":
                values["row"] = HEADER_ROW
            elif name == "col":
                values["column"] = int(value)
            elif name == "chars":
                span = re.fullmatch(r"(-?\d+)?-(-?\d+)?", value)
                if span is None:
                    raise ValueError(value)
                start, end = span.groups()
                values["start"] = int(start) if start else None
                values["end"] = int(end) if end else None
            elif name == "field":
                values["field"] = value
            elif name == "lost":
                values["lost"] = True
            else:
                raise RefError(f"unknown part {qualifier!r} in place {text!r}")
    except ValueError as exc:
        if isinstance(exc, RefError):
            raise
        raise RefError(f"a number is expected in place {text!r}") from None
    return Ref(**values)  # type: ignore[arg-type]


def finding_key(rule: str, ref: Ref, subject: str) -> str:
    """The key an ignored finding is remembered by: its rule, its block (or section) and column, and the
    text it is about. Offsets, row and item numbers are left out, so an edit elsewhere — even earlier
    in the same paragraph — does not bring an ignored finding back; an edit of the text itself does."""
    place = Ref(
        section_id="" if ref.block_id else ref.section_id,
        block_id=ref.block_id,
        column=ref.column,
        field=ref.field,
    )
    return f"{rule}@{place.to_text()}|{' '.join(subject.split())}"

"""Finding sections and blocks by id in constant time, for the editing core and the checks."""

from __future__ import annotations

from typing import Any

from ..model import Block, Briefing, Section


class Locator:
    """Finds sections and blocks by id in constant time; :class:`Edit` keeps it up to date."""

    def __init__(self, briefing: Briefing) -> None:
        self.briefing = briefing
        self._blocks: dict[str, tuple[Section, Block]] | None = None
        self._sections: dict[str, Section] | None = None
        self._referenced: set[str] | None = None

    def _build(self) -> None:
        self._sections = {section.id: section for section in self.briefing.sections}
        self._blocks = {block.id: (section, block) for section, block in self.briefing.blocks()}

    def invalidate(self) -> None:
        """Forget everything; the next lookup rebuilds the index."""
        self._blocks = self._sections = None
        self._referenced = None

    def referenced(self) -> set[str]:
        """Every block id a comment, origin or change-log entry points at — possibly more (an id stays
        after its last pointer moves away), never fewer: a step on a block outside it moves no pointer,
        so the transaction need not look at each of a long corrections log's entries."""
        if self._referenced is None:
            refs = [c.anchor for c in self.briefing.comments]
            refs += [r.origin for r in self.briefing.recommendations]
            refs += [c.target for c in self.briefing.changes]
            self._referenced = {ref.block_id for ref in refs if ref.block_id}
        return self._referenced

    def note_reference(self, block_id: str) -> None:
        """Something now points at ``block_id`` (a new entry, a moved pointer)."""
        if self._referenced is not None and block_id:
            self._referenced.add(block_id)

    def find(self, block_id: str) -> tuple[Section, Block] | None:
        """The block with this id and its section, or ``None``."""
        if self._blocks is None:
            self._build()
        assert self._blocks is not None
        found = self._blocks.get(block_id)
        if found is None:
            return None
        section, block = found
        # Someone outside the fix engine may have edited the model since the index was built.
        if not any(b is block for b in section.blocks):
            self._build()
            return self._blocks.get(block_id)
        return found

    def block(self, block_id: str) -> Block | None:
        """The block with this id, or ``None``."""
        found = self.find(block_id)
        return found[1] if found else None

    def section(self, section_id: str) -> Section | None:
        """The section with this id, or ``None``."""
        if self._sections is None:
            self._build()
        assert self._sections is not None
        section = self._sections.get(section_id)
        if section is None:
            self._build()
            section = self._sections.get(section_id)
        return section

    def set(self, section: Section, block: Block) -> None:
        """Record where a block now lives."""
        if self._blocks is not None:
            self._blocks[block.id] = (section, block)

    def drop(self, block_id: str) -> None:
        """Forget a removed block."""
        if self._blocks is not None:
            self._blocks.pop(block_id, None)


def index_of(items: list[Any], obj: Any) -> int:
    """Position of ``obj`` in ``items`` by identity (dataclass ``==`` compares content, not identity)."""
    return next(i for i, item in enumerate(items) if item is obj)

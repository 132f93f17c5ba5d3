"""What the views are told after an edit, an undo or a redo: typed change events."""

from __future__ import annotations

from dataclasses import dataclass

from ..refs import Ref


@dataclass(frozen=True)
class ChangeEvent:
    """One thing that changed.

    ``what`` is ``meta``, ``section``, ``block``, ``recommendations`` (or ``recommendation`` for a field
    of one), ``comments`` (``comment``), ``changes``, ``ignored`` or ``ids``; ``id`` is the section,
    block or entry id (the field name for ``meta``). ``action`` is ``changed``, ``inserted``,
    ``removed``, ``moved``, ``replaced``, ``rows`` or ``columns``. ``ref`` is a finer place when known.
    """

    what: str
    id: str
    action: str = "changed"
    ref: Ref = Ref()

    @property
    def removed(self) -> bool:
        """Whether the thing named by ``id`` is gone."""
        return self.action == "removed"

    @property
    def structural(self) -> bool:
        """Whether the outline of sections and blocks changed."""
        return self.what in ("section", "block") and self.action in ("inserted", "removed", "moved")

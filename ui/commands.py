"""The one undo command: a :class:`~briefing.editing.Transaction` of the editing core on Qt's undo stack.

Every edit the GUI makes — typing, a table action, a fix, Fix All, a revert, a recipe — is a callable
that makes one or more finished transactions (``lambda b: operations.set_cell(b, …)``). The command's
first ``redo()`` calls it; later ``undo()``/``redo()`` replay the transactions' exact inverses, so no
command changes the model itself and none takes a snapshot of it. Typing bursts in one field merge
into one undo step through a merge key (what kind of edit, and where).
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtGui import QUndoCommand

from briefing.checks.findings import AppliedFix
from briefing.editing import ChangeEvent, Transaction
from briefing.model import Briefing

from .document import BriefingDocument

#: What a command's maker may return: a transaction, something carrying one (an applied fix's
#: ``.transaction``), several of those, or ``None`` when nothing was done.
Made = Any
Maker = Callable[[Briefing], Made]

#: The command id of every mergeable command; ``mergeWith`` compares the merge keys.
_MERGE_ID = 1


def transactions_of(made: Made) -> list[Transaction]:
    """The finished transactions in what a maker returned, in the order they were made."""
    if made is None:
        return []
    if isinstance(made, Transaction):
        return [made]
    inner = getattr(made, "transaction", None)
    if inner is not None or hasattr(made, "transaction"):
        return transactions_of(inner)
    if isinstance(made, Iterable) and not isinstance(made, (str, bytes)):
        return [t for part in made for t in transactions_of(part)]
    return []


class TransactionCommand(QUndoCommand):
    """One undo step made of the transactions a maker returns (Fix All: one per fix, undone in reverse).

    ``merge_key`` (say ``("runs", "b7")``) lets consecutive commands with the same key merge: the later
    transaction is absorbed into this one, so a burst of typing is one step. ``result`` is what the
    maker returned; ``error`` the exception it raised (the command then does nothing and is dropped).
    """

    def __init__(
        self,
        doc: BriefingDocument,
        label: str,
        make: Maker,
        merge_key: Hashable | None = None,
    ) -> None:
        super().__init__(label)
        self.doc = doc
        self.merge_key = merge_key
        self.transactions: list[Transaction] = []
        self.result: Made = None
        self.error: Exception | None = None
        self._make: Maker | None = make

    def redo(self) -> None:
        events: list[ChangeEvent] = []
        if self._make is not None:
            make, self._make = self._make, None
            try:
                self.result = make(self.doc.briefing)
            except Exception as exc:  # noqa: BLE001 - the caller reads .error; Qt would swallow it
                self.error = exc
                self.setObsolete(True)
                return
            self.transactions = [t for t in transactions_of(self.result) if not t.empty]
            if not self.transactions:
                self.setObsolete(True)  # nothing changed: nothing to undo
                return
            events = [event for t in self.transactions for event in t.events]
        else:
            for transaction in self.transactions:
                events += transaction.redo()
        self.doc.notify(events)

    def undo(self) -> None:
        events: list[ChangeEvent] = []
        for transaction in reversed(self.transactions):
            events += transaction.undo()
        self.doc.notify(events)

    def id(self) -> int:
        return _MERGE_ID if self.merge_key is not None else -1

    def mergeWith(self, other: QUndoCommand) -> bool:  # noqa: N802 - Qt override
        if not isinstance(other, TransactionCommand) or other.merge_key != self.merge_key:
            return False
        if len(self.transactions) != 1 or len(other.transactions) != 1:
            return False
        self.transactions[0].absorb(other.transactions[0])
        return True


# --- edits the core logs as corrections ---------------------------------------------------------------


@dataclass
class Logged:
    """What an operation over many fixes returned (``value``) and the transaction of each fix it made
    (``transaction``), in the order they were made."""

    value: Any
    transaction: list[Transaction] = field(default_factory=list)


def each_fix(operation: Callable[[Briefing, Callable[[AppliedFix], None]], Any]) -> Maker:
    """A maker for an operation that applies several fixes (Fix All, a recipe). The operation gets a
    callback it hands to the core (``on_applied``); each fix's own transaction becomes part of the
    command, undone in reverse order with its exact events."""

    def make(briefing: Briefing) -> Logged:
        transactions: list[Transaction] = []

        def collect(applied: AppliedFix) -> None:
            if applied.transaction is not None:
                transactions.append(applied.transaction)

        value = operation(briefing, collect)
        return Logged(value, transactions)

    return make

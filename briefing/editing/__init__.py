"""The editing core: every change to a briefing is a transaction of primitive steps.

- :mod:`.steps` — the primitive steps, each with its exact inverse and its effect on refs;
- :mod:`.transaction` — applies steps, moves every pointer in one place, records the inverse;
- :mod:`.operations` — the edits a user makes, each one transaction;
- :mod:`.search` — find and replace;
- :mod:`.serial` — steps as JSON (a correction's inverse in the project file);
- :mod:`.events` — what the views are told.
"""

from .events import ChangeEvent
from .steps import Step, StepError
from .transaction import Transaction, replay

__all__ = ["ChangeEvent", "Step", "StepError", "Transaction", "replay"]

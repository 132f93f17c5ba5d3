"""Recipes: a saved change log, applied to another article (like OpenRefine's "apply operations").

A recipe is the change log as JSON. Applying it replays each correction where the new article has the
same problem: for every entry, the checks run and each fix of each finding of the same rule is tried; a
fix is kept when it makes the same change (same text before and after) and reverted otherwise. So a
recipe never changes anything it was not made for, and the report says what applied and what did not.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from ..atomic import atomic_write_bytes
from ..errors import ProjectError
from ..model import Briefing, Change
from ..textfile import read_regular_file
from .engine import apply_fix, revert_fix, run_checks
from .findings import AppliedFix

RECIPE_FORMAT = "briefing-editor-recipe"
RECIPE_VERSION = 1


@dataclass
class Operation:
    """One correction to replay: its rule, and the text it changed from and to."""

    rule: str
    target: str
    before: str
    after: str
    note: str = ""


@dataclass
class RecipeReport:
    """What a recipe did: the changes it made, and the operations it skipped with the reason."""

    applied: list[tuple[Operation, Change]] = field(default_factory=list)
    skipped: list[tuple[Operation, str]] = field(default_factory=list)

    def summary(self) -> str:
        """One line for a status bar or the CLI."""
        return f"{len(self.applied)} corrections applied, {len(self.skipped)} did not apply"


def recipe_json(changes: list[Change]) -> str:
    """The change log as a recipe file's text."""
    operations = [asdict(Operation(c.rule, c.target.to_text(), c.before, c.after, c.note)) for c in changes]
    data = {"format": RECIPE_FORMAT, "version": RECIPE_VERSION, "operations": operations}
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def save_recipe(changes: list[Change], path: str | Path) -> None:
    """Write the change log as a recipe, atomically."""
    atomic_write_bytes(Path(path), recipe_json(changes).encode("utf-8"), ProjectError)


#: A recipe is a corrections log: a few kilobytes per correction.
MAX_RECIPE_BYTES = 50 * 1024 * 1024


def load_recipe(path: str | Path) -> list[Operation]:
    """Read a recipe file; a clear :class:`ProjectError` when it is not one."""
    path = Path(path)
    raw = read_regular_file(path, MAX_RECIPE_BYTES, ProjectError, "read as a recipe")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except RecursionError:
        raise ProjectError(path, "is not a readable recipe (nested too deeply)") from None
    except (UnicodeDecodeError, ValueError) as exc:
        raise ProjectError(path, f"is not a readable recipe ({type(exc).__name__})") from None
    return parse_recipe(data, path)


def parse_recipe(data: Any, path: str | Path | None = None) -> list[Operation]:
    """Operations from a recipe's JSON object."""
    if not isinstance(data, dict) or data.get("format") != RECIPE_FORMAT:
        raise ProjectError(path, "is not a Briefing Editor recipe (a saved corrections log)")
    if not isinstance(data.get("version"), int) or data["version"] > RECIPE_VERSION:
        raise ProjectError(path, "was saved by a newer Briefing Editor; update to apply it")
    operations = []
    for number, entry in enumerate(data.get("operations", []), 1):
        try:
            operations.append(
                Operation(
                    **{k: str(entry[k]) for k in ("rule", "target", "before", "after")},
                    note=str(entry.get("note", "")),
                )
            )
        except (KeyError, TypeError):
            raise ProjectError(path, f"is damaged: operation {number} is incomplete") from None
    return operations


def apply_recipe(
    briefing: Briefing,
    operations: list[Operation],
    source: str | None = None,
    on_applied: Callable[[AppliedFix], None] | None = None,
) -> RecipeReport:
    """Replay each operation where the briefing has the same problem; see the module docstring.
    ``on_applied`` hears of each fix kept, with its transaction."""
    report = RecipeReport()
    for operation in operations:
        change = _replay(briefing, operation, source, on_applied)
        if change is None:
            report.skipped.append((operation, "this article does not have that problem"))
        else:
            report.applied.append((operation, change))
    return report


def _replay(
    briefing: Briefing,
    operation: Operation,
    source: str | None,
    on_applied: Callable[[AppliedFix], None] | None,
) -> Change | None:
    for finding in run_checks(briefing, source):
        if finding.rule != operation.rule:
            continue
        for fix in finding.fixes:
            applied = apply_fix(briefing, finding, fix)
            change = applied.change
            if change is not None and (change.before, change.after) == (operation.before, operation.after):
                if on_applied is not None:
                    on_applied(applied)
                return change
            revert_fix(briefing, applied)
    return None

"""Steps as JSON, so a corrections-log entry can keep its exact inverse in the project file."""

from __future__ import annotations

import dataclasses
from typing import Any

from .steps import ENTRY_LISTS, STEP_TYPES, InsertEntry, SetValue, Step, StepError


def dump_steps(steps: list[Step]) -> list[dict[str, Any]]:
    """Steps as JSON objects (``op`` names the step)."""
    from ..project import _dump

    out = []
    for step in steps:
        data: dict[str, Any] = {"op": step.op}
        for name in _field_names(type(step)):
            value = getattr(step, name)
            # Plain values and rows of cells are their own JSON: the model's dumper is for the rest
            # (every safe fix stores its inverse, so this runs tens of thousands of times on a big article).
            if value is None or type(value) in (str, int, bool):
                data[name] = value
            elif type(value) is list and all(type(item) is str for item in value):
                data[name] = list(value)
            else:
                data[name] = _dump(value)
        out.append(data)
    return out


_FIELD_NAMES: dict[type, tuple[str, ...]] = {}


def _field_names(cls: type) -> tuple[str, ...]:
    """A step class's serialised fields (those not starting with ``_``), in order."""
    names = _FIELD_NAMES.get(cls)
    if names is None:
        names = tuple(f.name for f in dataclasses.fields(cls) if not f.name.startswith("_"))
        _FIELD_NAMES[cls] = names
    return names


def load_steps(data: list[dict[str, Any]]) -> list[Step]:
    """Steps back from :func:`dump_steps`; :class:`StepError` when the data is not a step list."""
    from ..project import _hints, _load, _SchemaError

    steps: list[Step] = []
    for number, item in enumerate(data):
        if not isinstance(item, dict) or item.get("op") not in STEP_TYPES:
            raise StepError(f"step {number + 1} is not a known step")
        cls = STEP_TYPES[item["op"]]
        hints = _hints(cls)
        kwargs: dict[str, Any] = {}
        try:
            for f in dataclasses.fields(cls):  # type: ignore[arg-type]
                if f.name.startswith("_") or f.name not in item:
                    continue
                value = item[f.name]
                if cls is SetValue and f.name == "value":
                    kwargs[f.name] = value
                elif cls is InsertEntry and f.name == "entry":
                    kind = ENTRY_LISTS.get(str(item.get("list_name")), str)
                    kwargs[f.name] = _load(kind, value, f"step {number + 1}")
                else:
                    kwargs[f.name] = _load(hints[f.name], value, f"step {number + 1}.{f.name}")
            steps.append(cls(**kwargs))
        except (_SchemaError, TypeError) as exc:
            raise StepError(f"step {number + 1} is damaged: {exc}") from None
    return steps

"""The ``.briefing`` project file: the whole model as JSON, saved atomically, read strictly.

The JSON is also what ``briefing parse --json`` prints. Blocks carry their ``kind``; a paragraph also
carries its plain ``text`` for readers of the JSON (its ``runs`` are what is loaded back).
"""

from __future__ import annotations

import dataclasses
import json
import re
import types
import typing
from pathlib import Path
from typing import Any, Union

from .atomic import atomic_write_bytes
from .errors import ProjectError
from .model import BLOCK_TYPES, Briefing, Paragraph
from .refs import Ref, RefError, parse_ref
from .textfile import read_regular_file
from .validation import validate

FORMAT_NAME = "briefing-editor"
#: 2: places are refs in their text form (``s3/b7:row=2``); a correction keeps its inverse; ignored
#: findings are keyed by rule, block and text instead of offsets.
#: 3: the source map (where each text was in the article, for findings' lines and columns). A format-2
#: file reads as it is, with an empty source map; an older version refuses a format-3 file by its number.
#: 4: a section's placement in the note, and recommendation details (the table row beside the list item a
#: recommendation was made from). Older files read as they are.
FORMAT_VERSION = 4
PROJECT_SUFFIX = ".briefing"
#: Project files larger than this are refused (a project is a few times its article's size).
MAX_PROJECT_BYTES = 200 * 1024 * 1024


def to_dict(briefing: Briefing) -> dict[str, Any]:
    """The project-file JSON object of a briefing."""
    data = {"format": FORMAT_NAME, "version": FORMAT_VERSION}
    data.update(_dump(briefing))
    return data


def from_dict(data: Any, path: str | Path | None = None) -> Briefing:
    """A briefing from a project-file JSON object; raises :class:`ProjectError` naming what is wrong."""
    if not isinstance(data, dict) or data.get("format") != FORMAT_NAME:
        raise ProjectError(path, "is not a Briefing Editor project file")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise ProjectError(path, "has no valid format version")
    if version > FORMAT_VERSION:
        raise ProjectError(
            path,
            f"was saved by a newer Briefing Editor (format {version}; this version reads up to "
            f"{FORMAT_VERSION}). Update Briefing Editor to open it",
        )
    body = {key: value for key, value in data.items() if key not in ("format", "version")}
    old_keys: list[str] = []
    if version == 1:
        from .migration import upgrade_v1

        try:
            old_keys = upgrade_v1(body)
        except (TypeError, AttributeError, KeyError, ValueError):
            raise ProjectError(path, "is damaged: it is not a readable format-1 project") from None
    try:
        briefing = _load(Briefing, body, "")
    except _SchemaError as exc:
        raise ProjectError(path, f"is damaged: {exc}") from None
    _check_ids(briefing, path)
    validate(briefing, path)
    if old_keys:
        from .migration import upgrade_v1_keys

        briefing.ignored = upgrade_v1_keys(briefing, old_keys)
    return briefing


def _check_ids(briefing: Briefing, path: str | Path | None) -> None:
    """Ids must be unique, and ``next_id`` must not hand out one already in use."""
    ids = [s.id for s in briefing.sections]
    ids += [block.id for _, block in briefing.blocks()]
    ids += [r.id for r in briefing.recommendations] + [c.id for c in briefing.comments]
    ids += [d.id for d in briefing.details]
    ids += [c.id for c in briefing.changes]
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ProjectError(path, f"is damaged: the id {item_id!r} is used twice")
        seen.add(item_id)
    numbers = [int(m.group(1)) for i in ids if (m := re.search(r"(?<!\d)(\d{1,9})$", i))]
    briefing.next_id = max([briefing.next_id, *(n + 1 for n in numbers)])


def dumps(briefing: Briefing) -> str:
    """The project file's text."""
    return json.dumps(to_dict(briefing), ensure_ascii=False, indent=1) + "\n"


def save(briefing: Briefing, path: str | Path) -> None:
    """Save atomically: a temporary file in the same folder, flushed and synced, then renamed over."""
    path = Path(path)
    atomic_write_bytes(path, dumps(briefing).encode("utf-8"), ProjectError)


def load(path: str | Path) -> Briefing:
    """Load a project file; the file is never changed, whatever is wrong with it."""
    path = Path(path)
    raw = read_regular_file(path, MAX_PROJECT_BYTES, ProjectError, "open as a project")
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        raise ProjectError(path, "is damaged: it is not UTF-8 text") from None
    except json.JSONDecodeError as exc:
        raise ProjectError(
            path, f"is damaged: invalid JSON at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise ProjectError(path, "is damaged: nested too deeply") from None
    except ValueError:  # e.g. a number too long to convert
        raise ProjectError(path, "is damaged: it holds a value that cannot be read") from None
    return from_dict(data, path)


# --- generic dataclass <-> JSON, strict on the way in -------------------------------------------------


class _SchemaError(Exception):
    """A value in the JSON does not fit the model; the message says where."""


def _dump(obj: Any) -> Any:
    if isinstance(obj, Ref):
        return obj.to_text()
    if dataclasses.is_dataclass(obj):
        out: dict[str, Any] = {}
        kind = getattr(type(obj), "kind", None)
        if kind is not None:
            out["kind"] = kind
        for f in dataclasses.fields(obj):
            out[f.name] = _dump(getattr(obj, f.name))
        if isinstance(obj, Paragraph):
            out["text"] = obj.text
        return out
    if isinstance(obj, list):
        return [_dump(item) for item in obj]
    return obj


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(cls: type) -> dict[str, Any]:
    if cls not in _HINTS:
        _HINTS[cls] = typing.get_type_hints(cls)
    return _HINTS[cls]


def _load(tp: Any, value: Any, where: str) -> Any:
    origin = typing.get_origin(tp)
    if origin in (Union, types.UnionType):
        options = typing.get_args(tp)
        if value is None and type(None) in options:
            return None
        classes = [o for o in options if dataclasses.is_dataclass(o)]
        if classes:  # the block union: pick the class by "kind"
            kind = value.get("kind") if isinstance(value, dict) else None
            cls = BLOCK_TYPES.get(kind) if isinstance(kind, str) else None
            if cls is None:
                raise _SchemaError(f"{where or 'value'} has an unknown block kind {kind!r}")
            return _load(cls, value, where)
        non_null = [o for o in options if o is not type(None)]
        return _load(non_null[0], value, where)
    if tp is Ref:
        if not isinstance(value, str):
            raise _SchemaError(f"{where} should be a place (text)")
        try:
            return parse_ref(value)
        except RefError as exc:
            raise _SchemaError(f"{where}: {exc}") from None
    if origin is list:
        if not isinstance(value, list):
            raise _SchemaError(f"{where} should be a list")
        (item_type,) = typing.get_args(tp)
        return [_load(item_type, item, f"{where}[{i}]") for i, item in enumerate(value)]
    if tp is Any:
        return value
    if origin is dict:
        if not isinstance(value, dict):
            raise _SchemaError(f"{where} should be an object")
        return {str(k): _load(typing.get_args(tp)[1], v, f"{where}.{k}") for k, v in value.items()}
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        if not isinstance(value, dict):
            raise _SchemaError(f"{where or 'the file'} should be an object")
        hints = _hints(tp)
        names = {f.name for f in dataclasses.fields(tp)}
        kind = getattr(tp, "kind", None)
        allowed = names | ({"kind"} if kind else set()) | ({"text"} if tp is Paragraph else set())
        if kind and value.get("kind", kind) != kind:
            raise _SchemaError(f"{where} should be a {kind}")
        unknown = set(value) - allowed
        if unknown:
            raise _SchemaError(f"{where or 'the file'} has unknown field {sorted(unknown)[0]!r}")
        kwargs = {}
        for f in dataclasses.fields(tp):
            if f.name not in value:
                if f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING:
                    raise _SchemaError(f"{_join(where, f.name)} is missing")
                continue
            kwargs[f.name] = _load(hints[f.name], value[f.name], _join(where, f.name))
        return tp(**kwargs)
    if tp is int:
        if not isinstance(value, int) or isinstance(value, bool):
            raise _SchemaError(f"{where} should be a whole number")
        return value
    if tp is bool:
        if not isinstance(value, bool):
            raise _SchemaError(f"{where} should be true or false")
        return value
    if tp is str:
        if not isinstance(value, str):
            raise _SchemaError(f"{where} should be text")
        try:
            value.encode("utf-8")
        except UnicodeEncodeError:
            raise _SchemaError(f"{where} holds an invalid character (a lone surrogate)") from None
        return value
    raise _SchemaError(f"{where} has a type the model does not know")  # pragma: no cover


def _join(where: str, name: str) -> str:
    return f"{where}.{name}" if where else name

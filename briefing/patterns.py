"""Regular expressions compiled once per machine instead of once per run.

Python turns a pattern into its matcher's program in pure Python; the core's few hundred patterns take
about 80 ms at every start, half of a small ``briefing convert``. That program is a list of integers
that depends only on the pattern, its flags and the Python build, so, much as Python keeps byte code in
``.pyc`` files, :func:`compile` keeps programs in a file in the user's cache folder and hands them
straight to the regex engine on later runs.

It leans on three internals of the standard library (``re._parser.parse``, ``re._compiler._code`` and
``_sre.compile``). The cache file is named for the Python build and the engine's version, the engine
checks every program it is given, and anything unexpected (another Python, a damaged or unwritable
file, a refused program) falls back to :func:`re.compile`: the cache can make a start faster, never
different. Only patterns written in the code go through here; patterns built from user text do not
(they would fill the cache).
"""

from __future__ import annotations

import atexit
import hashlib
import importlib
import marshal
import os
import re
import sys
from pathlib import Path
from typing import Any

try:  # the engine's internals; absent or changed on another Python, and then nothing is cached
    _compiler: Any = importlib.import_module("re._compiler")
    _parser: Any = importlib.import_module("re._parser")
    _ENGINE: Any = importlib.import_module("_sre") if callable(getattr(_compiler, "_code", None)) else None
except ImportError:  # pragma: no cover - every CPython 3.11+ has them
    _ENGINE = None

#: Setting this environment variable to a folder keeps the cache there; to an empty string, turns it off.
CACHE_ENV = "BRIEFING_CACHE_DIR"

#: (pattern, flags) → (final flags, program, group count, group names → numbers, numbers → names).
_Entry = tuple[int, list[int], int, dict[str, int], tuple[str | None, ...]]
_programs: dict[tuple[str, int], _Entry] = {}
_new = 0
_loaded = False


def cache_file() -> Path | None:
    """Where the programs of this Python build are kept, or None when caching is off."""
    folder = os.environ.get(CACHE_ENV)
    if folder is None:
        base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
        folder = os.path.join(base, "briefing-editor")
    if not folder or _ENGINE is None:
        return None
    build = hashlib.blake2s(f"{sys.version}|{_ENGINE.MAGIC}|{_ENGINE.CODESIZE}".encode()).hexdigest()[:12]
    return Path(folder) / f"patterns-{sys.implementation.cache_tag}-{build}.marshal"


def compile(pattern: str, flags: int = 0) -> re.Pattern[str]:
    """``re.compile(pattern, flags)``, with its program taken from or added to the cache."""
    flags = int(flags)
    if _ENGINE is None:
        return re.compile(pattern, flags)
    if not _loaded:
        _load()
    key = (pattern, flags)
    compiled: re.Pattern[str]
    entry = _programs.get(key)
    if entry is not None:
        try:
            compiled = _ENGINE.compile(pattern, *entry)
            return compiled
        except (RuntimeError, TypeError, ValueError):  # a program the engine refuses: compile afresh
            del _programs[key]
    try:
        entry = _program(pattern, flags)
        compiled = _ENGINE.compile(pattern, *entry)
    except Exception:  # any surprise in the internals: the public route decides
        return re.compile(pattern, flags)
    _remember(key, entry)
    return compiled


def _program(pattern: str, flags: int) -> _Entry:
    """What ``re._compiler.compile`` hands the engine, computed the same way."""
    if flags & re.DEBUG:
        raise ValueError("debug output is not cached")
    parsed = _parser.parse(pattern, flags)
    code = _compiler._code(parsed, flags)
    groupindex = dict(parsed.state.groupdict)
    indexgroup: list[str | None] = [None] * parsed.state.groups
    for name, number in groupindex.items():
        indexgroup[number] = name
    return (
        flags | parsed.state.flags,
        [int(op) for op in code],
        parsed.state.groups - 1,
        groupindex,
        tuple(indexgroup),
    )


def _remember(key: tuple[str, int], entry: _Entry) -> None:
    global _new
    if _new == 0:
        atexit.register(_save)
    _programs[key] = entry
    _new += 1


def _load() -> None:
    global _loaded
    _loaded = True
    path = cache_file()
    if path is None:
        return
    try:
        data = marshal.loads(path.read_bytes())
    except (OSError, EOFError, ValueError, TypeError):
        return  # no cache yet, or one that cannot be read: it is rebuilt
    if isinstance(data, dict):
        _programs.update(data)


def _save() -> None:
    """Write the programs, old and new, when this run added any (a failed write only costs speed)."""
    path = cache_file()
    if path is None or _new == 0:
        return
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f"{path.name}.{os.getpid()}.tmp")
        temporary.write_bytes(marshal.dumps(_programs))
        os.replace(temporary, path)
    except (OSError, ValueError):
        pass

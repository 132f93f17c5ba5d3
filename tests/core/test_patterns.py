"""The compiled-pattern cache: a pattern from it is the pattern ``re.compile`` makes, on a first run, on a
run that reads the cache, and when the cache is damaged."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from briefing import patterns

#: Patterns with what the cache must keep: flags (inline and passed), groups, names, classes, look-around.
CASES = [
    (r"(?i)\b(?P<word>caf[ée])\s+(\d{1,3}(?:,\d{3})*)", 0),
    (r"^\s*(?:[-*•▪]|\d+[.)])\s+", re.MULTILINE),
    (r"(?<![\w.])(?:US)?\$\s?\d+(?:\.\d+)?\s*(?:bn|billion|m)\b", re.IGNORECASE),
    (r"[ÂÃ][\x80-\xbf]|â€[\x80-\xbf™œ]", 0),
    (r"(?P<a>x)(?P=a)|(?=y)z?", re.VERBOSE | re.DOTALL),
]
TEXT = "Café 1,234 and CAFÉ 56 — US$ 3.5bn\n  - item\n1) two Ã© â€™ xx yz"


def _same(mine: re.Pattern[str], theirs: re.Pattern[str]) -> None:
    assert (mine.pattern, mine.flags, mine.groups, mine.groupindex) == (
        theirs.pattern,
        theirs.flags,
        theirs.groups,
        theirs.groupindex,
    )
    assert [m.span() for m in mine.finditer(TEXT)] == [m.span() for m in theirs.finditer(TEXT)]
    assert [m.groups() for m in mine.finditer(TEXT)] == [m.groups() for m in theirs.finditer(TEXT)]


RUN = """
import re, sys
from briefing import patterns
cases = {cases!r}
for pattern, flags in cases:
    mine, theirs = patterns.compile(pattern, flags), re.compile(pattern, flags)
    assert (mine.pattern, mine.flags, mine.groups, mine.groupindex) == (
        theirs.pattern, theirs.flags, theirs.groups, theirs.groupindex)
    text = {text!r}
    assert [m.span() for m in mine.finditer(text)] == [m.span() for m in theirs.finditer(text)]
print(patterns._new)
"""


def _run(cache: Path) -> int:
    code = RUN.format(cases=CASES, text=TEXT)
    env = {**os.environ, patterns.CACHE_ENV: str(cache)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
    return int(done.stdout)


def test_a_second_run_takes_every_pattern_from_the_cache(tmp_path):
    assert _run(tmp_path) == len(CASES)  # the first run compiles them all and writes the cache
    assert list(tmp_path.glob("patterns-*.marshal"))
    assert _run(tmp_path) == 0  # the second compiles none


@pytest.mark.parametrize("damage", [b"", b"not marshal at all", b"\xff" * 64])
def test_a_damaged_cache_is_rebuilt(tmp_path, damage):
    _run(tmp_path)
    (cache,) = tmp_path.glob("patterns-*.marshal")
    cache.write_bytes(damage)
    assert _run(tmp_path) == len(CASES)
    assert _run(tmp_path) == 0


def test_a_program_the_engine_refuses_is_compiled_afresh(monkeypatch):
    pattern, flags = CASES[0]
    entry = patterns._program(pattern, flags)
    broken = (entry[0], [999999, *entry[1]], *entry[2:])  # an opcode no engine has
    monkeypatch.setattr(patterns, "_loaded", True)
    monkeypatch.setitem(patterns._programs, (pattern, flags), broken)
    _same(patterns.compile(pattern, flags), re.compile(pattern, flags))


def test_caching_can_be_turned_off(tmp_path, monkeypatch):
    monkeypatch.setenv(patterns.CACHE_ENV, "")
    assert patterns.cache_file() is None
    _same(patterns.compile(*CASES[1]), re.compile(*CASES[1]))


def test_every_cached_pattern_of_the_core_is_what_re_compiles():
    """Every pattern the core compiled in this run, from the cache or not, against the public route."""
    import briefing.checks.engine  # noqa: F401  (compiles the checks' patterns)
    import briefing.export.docx_writer  # noqa: F401
    import briefing.importing.markdown  # noqa: F401

    assert len(patterns._programs) > 100
    for (pattern, flags), entry in list(patterns._programs.items()):
        mine = patterns._ENGINE.compile(pattern, *entry)
        _same(mine, re.compile(pattern, flags))

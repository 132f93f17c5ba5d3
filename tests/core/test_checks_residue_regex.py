"""The residue checks' patterns never backtrack catastrophically: the adversarial texts of
tests/core/test_regex_safety.py (and runs of the pieces these patterns look for), over the modules added
for generator residue.

The texts are 20,000 characters, not 100,000, and the deadline half a second: a pattern that backtracks
takes seconds to minutes on 20,000 characters already (the quadratic ones this test caught did), while a
linear one takes a few milliseconds — so the test keeps its power and runs in seconds.
"""

from __future__ import annotations

import importlib
import time

import pytest

from briefing.checks import apply_safe_fixes, run_checks
from briefing.importing import import_text
from tests.core.test_regex_safety import TEXTS, _compiled

MODULES = ["briefing.checks.register_cues", "briefing.checks.residue"]
LENGTH = 20_000
DEADLINE = 0.5
#: Runs of the pieces the residue patterns look for.
PIECES = [
    "you ",
    "i ",
    "? ",
    "x_y: ",
    "a_b(",
    "{'a': ",
    "step 1: ",
    "<think>",
    "the user ",
    "here is a ",
    "X.",
    "____",
    "as of ",
    "(≤ 3 ",
    "<a ",
    "{a",
    "no se ",
    "the context ",
    "a.b(",
    "hello ",
    "i'",
]
SUBJECTS = [(name, text[:LENGTH]) for name, text in TEXTS] + [
    (repr(piece), piece * (LENGTH // len(piece))) for piece in PIECES
]
PATTERNS = {
    f"{name}.{attribute}" + (f"[{index}]" if index else ""): pattern
    for name in MODULES
    for attribute, value in vars(importlib.import_module(name)).items()
    for index, pattern in enumerate(_compiled(value))
}


def test_the_modules_hold_patterns():
    assert "briefing.checks.register_cues.KEY_VALUE" in PATTERNS and len(PATTERNS) > 30


@pytest.mark.parametrize("name", sorted(PATTERNS))
def test_no_residue_pattern_backtracks(name: str) -> None:
    pattern = PATTERNS[name]
    slow = []
    for text_name, text in SUBJECTS:
        start = time.perf_counter()
        pattern.findall(text)
        elapsed = time.perf_counter() - start
        if elapsed > DEADLINE:
            slow.append(f"{text_name}: {elapsed:.2f} s")
            break
    assert not slow, f"{name} backtracks: {slow}"


#: Runs that reach the residue checks' loops (a number or a bare "?" would time other checks too).
PIPELINE_PIECES = [
    "you ",
    "<think>",
    "x_y: z\n",
    "- a_b: {'k': True}\n",
    "Step 1: searching…\n",
    "I can help you. ",
]


@pytest.mark.parametrize("piece", PIPELINE_PIECES)
def test_the_pipeline_stays_fast_on_runs_of_residue_pieces(piece: str) -> None:
    text = "Heading\n" + piece * (30_000 // len(piece)) + "\nThe end.\n"
    start = time.perf_counter()
    briefing = import_text(text, markdown=True)
    run_checks(briefing, text)
    apply_safe_fixes(briefing, source=text)
    assert time.perf_counter() - start < 10.0

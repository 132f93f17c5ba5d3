"""The residue checks' patterns never backtrack catastrophically (the same adversarial texts and deadline
as tests/core/test_regex_safety.py, over the modules added for generator residue)."""

from __future__ import annotations

import importlib
import time

import pytest

from briefing.checks import apply_safe_fixes, run_checks
from briefing.importing import import_text
from tests.core.test_regex_safety import DEADLINE, LENGTH, TEXTS, _compiled

MODULES = ["briefing.checks.register_cues", "briefing.checks.residue"]
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
EXTRA = [(repr(piece), piece * (LENGTH // len(piece))) for piece in PIECES]
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
    for text_name, text in [*TEXTS, *EXTRA]:
        start = time.perf_counter()
        pattern.findall(text)
        elapsed = time.perf_counter() - start
        if elapsed > DEADLINE:
            slow.append(f"{text_name}: {elapsed:.1f} s")
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
    text = "Heading\n" + piece * (LENGTH // len(piece)) + "\nThe end.\n"
    start = time.perf_counter()
    briefing = import_text(text, markdown=True)
    run_checks(briefing, text)
    apply_safe_fixes(briefing, source=text)
    assert time.perf_counter() - start < 20.0

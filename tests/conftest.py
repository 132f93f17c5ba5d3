"""Shared test setup. Qt must find a platform before anything imports it, or pytest aborts silently."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
# The compiled-pattern cache (briefing/patterns.py) of the tests and the processes they start: in the
# temporary folder, never in the user's own cache.
os.environ.setdefault(
    "BRIEFING_CACHE_DIR", os.path.join(tempfile.gettempdir(), f"briefing-tests-{os.getuid()}")
)

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "resources" / "nk-missile-tests.txt"


@pytest.fixture
def sample_path() -> Path:
    """The bundled sample article (a copy of the user's canonical article)."""
    return SAMPLE


@pytest.fixture
def dead_pid() -> int:
    """The pid of a process that has ended (for temporary files and recovery copies whose writer died)."""
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()
    return child.pid

"""Ruff's rules and format, and mypy on the core and the GUI (pyproject.toml), hold for the whole tree.

The tools are part of the test extras, so a missing tool fails the suite instead of skipping it.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FOLDERS = [name for name in ("briefing", "ui", "tests", "benchmarks", "docs") if (ROOT / name).is_dir()]


def _tool(name: str) -> str:
    path = shutil.which(name, path=str(Path(sys.executable).parent)) or shutil.which(name)
    assert path is not None, f"{name} is not installed: run ./dev.sh test"
    return path


def test_ruff_check_passes() -> None:
    result = subprocess.run([_tool("ruff"), "check", *FOLDERS], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_check_passes() -> None:
    result = subprocess.run(
        [_tool("ruff"), "format", "--check", *FOLDERS], cwd=ROOT, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_mypy_finds_no_errors_in_the_core_and_gui() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "--no-incremental", "--cache-dir", "/dev/null"],
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stdout[-5000:] + result.stderr

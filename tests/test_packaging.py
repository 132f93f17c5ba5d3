"""What an installed copy needs: every package listed, resources found through one helper."""

from __future__ import annotations

import tomllib
from pathlib import Path

from briefing.bundle import resource_path, sample_article

ROOT = Path(__file__).resolve().parent.parent


def test_every_python_package_is_listed_in_pyproject():
    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    found = {
        ".".join(init.parent.relative_to(ROOT).parts)
        for top in ("briefing", "ui")
        for init in (ROOT / top).rglob("__init__.py")
    }
    assert found <= listed, f"add to [tool.setuptools] packages: {sorted(found - listed)}"
    assert "briefing.resources" in listed
    # resources/ is installed as briefing.resources; its data folders are listed so their files install
    data = {
        f"briefing.resources.{d.name}"
        for d in (ROOT / "resources").iterdir()
        if d.is_dir() and d.name != "__pycache__"
    }
    stale = listed - found - {"briefing.resources"} - data
    assert not stale, f"[tool.setuptools] packages lists packages that are gone: {sorted(stale)}"
    assert "briefing.editing" in listed  # the editing core every change goes through


def test_bundled_sample_is_the_users_article():
    sample = sample_article()
    assert sample.is_file()
    assert sample.read_text(encoding="utf-8").startswith("North Korea has once again escalated tensions")
    assert resource_path("nk-missile-tests.txt") == sample


def test_every_icon_the_editor_uses_is_bundled():
    from ui.outline import ICON_KINDS

    for name in ("app", *ICON_KINDS):
        path = resource_path("icons", f"{name}.svg")
        assert path.is_file(), name
        assert path.read_text(encoding="utf-8").startswith("<svg")

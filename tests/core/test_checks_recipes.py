"""A saved corrections log replays on another article exactly where the same problems are."""

from __future__ import annotations

import pytest

from briefing.checks import apply_safe_fixes
from briefing.checks.recipes import apply_recipe, load_recipe, save_recipe
from briefing.errors import ProjectError
from briefing.importing import import_file, import_text
from briefing.project import to_dict


def test_a_recipe_from_the_sample_applies_to_a_copy_of_it(sample_path, tmp_path):
    original = import_file(sample_path)
    changes = apply_safe_fixes(original)
    assert changes
    recipe = tmp_path / "nk.recipe.json"
    save_recipe(changes, recipe)
    copy = import_file(sample_path)
    report = apply_recipe(copy, load_recipe(recipe))
    assert len(report.applied) == len(changes) and report.skipped == []
    assert [s.blocks for s in copy.sections] == [s.blocks for s in original.sections]
    assert [(c.rule, c.before, c.after) for c in copy.changes] == [
        (c.rule, c.before, c.after) for c in changes
    ]


def test_operations_that_do_not_fit_are_skipped_and_change_nothing(sample_path, tmp_path):
    changes = apply_safe_fixes(import_file(sample_path))
    recipe = tmp_path / "nk.recipe.json"
    save_recipe(changes, recipe)
    other = import_text("A clean lede.\nA Clean Heading\n| a | b |\n|---|---|\n| 1 | 2 |\n")
    before = to_dict(other)
    report = apply_recipe(other, load_recipe(recipe))
    assert report.applied == [] and len(report.skipped) == len(changes)
    assert to_dict(other) == before
    assert "0 corrections applied" in report.summary()


def test_a_partly_matching_article_gets_only_its_corrections(tmp_path):
    first = import_text("Lede.\nSome Heading\nText here.\nLet me know if you'd like more detail!\n")
    changes = apply_safe_fixes(first)
    assert any(c.rule == "text.chatbot" for c in changes)
    recipe = tmp_path / "r.json"
    save_recipe(changes, recipe)
    second = import_text("Other lede.\nAnother Heading\nLet me know if you'd like more detail!\n")
    report = apply_recipe(second, load_recipe(recipe))
    assert [op.rule for op, _ in report.applied] == ["text.chatbot"]
    assert all("Let me know" not in getattr(b, "text", "") for _, b in second.blocks())


@pytest.mark.parametrize("content", ["{}", "not json", '{"format": "briefing-editor-recipe", "version": 99}'])
def test_a_bad_recipe_is_a_clear_error(tmp_path, content):
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(ProjectError, match="bad.json"):
        load_recipe(path)


def test_fix_command_replays_a_recipe(sample_path, tmp_path, capsys):
    from briefing.cli import main
    from briefing.project import load

    recipe = tmp_path / "r.json"
    save_recipe(apply_safe_fixes(import_file(sample_path)), recipe)
    out = tmp_path / "out.briefing"
    assert main(["fix", str(sample_path), "-o", str(out), "--recipe", str(recipe)]) in (0, 1)
    fixed = load(out)
    assert len([b for _, b in fixed.blocks() if b.kind == "table"]) == 3
    assert "did not apply" not in capsys.readouterr().err

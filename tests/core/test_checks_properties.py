"""Property tests: checks and fixes never raise on arbitrary imported text, and fixes undo exactly."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from briefing.checks import apply_fix, apply_safe_fixes, revert_fix, run_checks
from briefing.importing import import_text
from briefing.project import from_dict, to_dict
from tests.core.checks_support import lost, pieces

# Pieces of the defects the checks look for, so that random articles hit the interesting paths.
FRAGMENTS = st.sampled_from(
    [
        "| A | B | |",
        "|---|---|---|",
        "| x | x | y | z |",
        "| 1,100 | 1100 | April 6, 2024 |",
        "| | | |",
        "| (all figures in USD millions) | | |",
        "\n",
        "\n\n",
        "- Term here-Description goes on",
        "- ",
        "Title Case Heading",
        "If you'd like, I can help. Let me know!",
        "As of my last update, ",
        "[Insert date]",
        "**bold**",
        "::note ",
        "&nbsp;",
        "  ",
        "\u200b",
        "â€™",
        "President Donald Trump ",
        "former President Donald Trump ",
        "the Biden administration ",
        "on May 20, 2025 ",
        "Hwasong-18 ",
        "13,000 km ",
        "The same sentence is repeated here in full. ",
        "x",
        ". ",
    ]
)
ARTICLE = st.lists(st.one_of(FRAGMENTS, st.text(max_size=8)), max_size=40).map("".join)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(ARTICLE, st.booleans())
def test_checks_and_safe_fixes_never_raise_and_lose_nothing(text, markdown):
    briefing = import_text(text, markdown=markdown)
    original = pieces(briefing)
    run_checks(briefing, text)
    apply_safe_fixes(briefing, source=text)
    assert lost(original, briefing) == []
    assert apply_safe_fixes(briefing, source=text) == []  # settled: nothing left to do
    from_dict(to_dict(briefing))  # still a valid project


@SETTINGS
@given(ARTICLE)
def test_every_fix_reverts_exactly(text):
    briefing = import_text(text)
    original = to_dict(briefing)
    for finding in run_checks(briefing, text):
        for fix in finding.fixes:
            applied = apply_fix(briefing, finding, fix)
            revert_fix(briefing, applied)
            assert to_dict(briefing) == original, (finding.rule, fix.label)


@SETTINGS
@given(ARTICLE)
def test_applying_every_first_fix_never_raises(text):
    briefing = import_text(text)
    original = pieces(briefing)
    from briefing.checks import RULES

    apply_safe_fixes(briefing, list(RULES), source=text)
    assert lost(original, briefing) == []

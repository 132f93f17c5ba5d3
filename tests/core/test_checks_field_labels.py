"""Generator residue by shape, in our own words: labels made from a program's field names, and a
paragraph of heading marks alone (a press release's end mark)."""

from __future__ import annotations

import pytest

from briefing.checks import apply_fix, apply_safe_fixes, run_checks
from briefing.checks.residue import field_label
from briefing.importing import import_text

REPORT_EN = """# Copper Market Snapshot

Prices held steady this week as smelters in the south resumed work after the strike.

## Trade

- Us Import Change: -4%
- Eu Share Of Supply: 31%
- Chile Output Change: +2%
"""

REPORT_ES = """# Panorama del cobre

Los precios se mantuvieron estables esta semana.

- Tasa De Cambio Media: 3,9
- Pib Crecimiento Anual: 1,8%
"""

REPORT_DE = """# Kupfermarkt im Überblick

Die Preise blieben in dieser Woche stabil.

- Anteil Am Weltmarkt: 12%
- Bip Wachstum Pro Jahr: 0,4%
- Anteil erneuerbarer Energien: 52%
"""

RELEASE = """# Harbour Notice

The eastern quay reopens on Monday after repairs, the port authority said.

\\###
"""

#: Labels people write: sentence case, German nouns, acronyms in capitals, headline words without a
#: title-cased small word.
CLEAN = """# Port Figures

- US imports: down 4%
- Share of supply from the EU: 31%
- Exports to Brazil: up 3%
- Anteil erneuerbarer Energien: 52%
- Tasa de desempleo: 9%
- Container Volumes: 1.2 million
"""


def _of(text, rule, markdown=True):
    briefing = import_text(text, markdown=markdown)
    return briefing, [f for f in run_checks(briefing, text) if f.rule == rule]


@pytest.mark.parametrize(
    ("text", "count", "first"),
    [
        (REPORT_EN, 2, "US Import Change"),
        (REPORT_ES, 2, "Tasa de Cambio Media"),
        (REPORT_DE, 2, "Anteil am Weltmarkt"),
    ],
)
def test_field_name_labels_are_found_in_three_languages(text, count, first):
    briefing, found = _of(text, "text.agent-note")
    assert len(found) == count
    assert f"it would read “{first}”" in found[0].message
    assert all(f.fixes and not f.fixes[0].safe for f in found)
    before = [item.full_text for _, b in briefing.blocks() if b.kind == "list" for item in b.items]
    apply_safe_fixes(briefing, source=text)
    after = [item.full_text for _, b in briefing.blocks() if b.kind == "list" for item in b.items]
    assert after == before, "the values are data: nothing goes unattended"


def test_the_fix_rewrites_the_label_and_keeps_the_value():
    briefing, found = _of(REPORT_EN, "text.agent-note")
    apply_fix(briefing, found[0], found[0].fixes[0])
    items = [item.full_text for _, b in briefing.blocks() if b.kind == "list" for item in b.items]
    assert items[0] == "US Import Change: -4%"


def test_labels_people_write_are_left_alone():
    assert field_label("US imports: down 4%") is None
    assert field_label("Container Volumes: 1.2 million") is None
    assert field_label("Anteil erneuerbarer Energien: 52%") is None
    _, found = _of(CLEAN, "text.agent-note")
    assert not found


def test_a_paragraph_of_heading_marks_alone_is_markup_removed_safely():
    briefing, found = _of(RELEASE, "text.markup")
    assert len(found) == 1 and "only “###”" in found[0].message
    assert found[0].fixes[0].safe
    apply_safe_fixes(briefing, source=RELEASE)
    texts = [b.text for _, b in briefing.blocks() if b.kind == "paragraph"]
    assert texts == ["The eastern quay reopens on Monday after repairs, the port authority said."]

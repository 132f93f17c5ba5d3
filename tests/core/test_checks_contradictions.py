"""Contradictions a decision maker acts on: one quantity given two values, shares past 100%, an
organisation described two ways, one person given two offices. Our own examples throughout, with
phrasings the code lists nowhere; each finding names both places in words, and nothing is fixed safely."""

from __future__ import annotations

import re

import pytest

from briefing.checks import apply_fix, apply_safe_fixes, revert_fix, run_checks
from briefing.checks.quantities import agree, parse_figures
from briefing.importing import import_text
from briefing.project import to_dict
from tests.core.checks_support import all_text, text_of

_ID = re.compile(r"\bs\d+/b\d+|\bb\d+\b|\bs\d+\b")


def found(text, rule, markdown=False):
    briefing = import_text(text, markdown=markdown)
    return [f for f in run_checks(briefing) if f.rule == rule]


def assert_in_words(finding):
    """The message names places in words, never as ids, and nothing it offers is safe."""
    assert not _ID.search(finding.message), finding.message
    assert not any(fix.safe for fix in finding.fixes)


# --- figures: reading them ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("$4.5 billion", 4.5e9, "usd"),
        ("US$4,500 million", 4.5e9, "usd"),
        ("4,5 mil millones de dólares", 4.5e9, "usd"),
        ("€2.4bn", 2.4e9, "eur"),
        ("125%", 125.0, "%"),
        ("3.5 per cent", 3.5, "%"),
        ("0.25 percentage points", 0.25, "pp"),
        ("13,000 km", 13000.0, "km"),
        ("£12m", 12e6, "gbp"),
        ("1.2 million", 1.2e6, ""),
    ],
)
def test_figures_are_read_with_their_units_and_scales(text, value, unit):
    (figure,) = parse_figures(f"It was {text} then.")
    assert figure.value == pytest.approx(value) and figure.unit == unit


@pytest.mark.parametrize(
    "text",
    [
        "in 2024",
        "on April 5",
        "5 April",
        "an F-35 jet",
        "a 5-year plan",
        "at 14:00",
        "the 3rd fleet",
        "KN-23",
    ],
)
def test_years_dates_times_and_names_are_not_figures(text):
    assert parse_figures(f"It happened {text} again.") == []


def test_rounding_and_hedges_agree():
    def one(text):
        return parse_figures(text)[0]

    assert agree(one("1.2 million"), one("1,234,000"))
    assert agree(one("about 13,000 km"), one("12,600 km"))
    assert agree(one("$4bn"), one("$4.3bn"))  # "$4bn" may be 4.3 rounded
    assert agree(one("between 10 and 12%"), one("11%"))
    assert not agree(one("125%"), one("115%"))
    assert not agree(one("$4bn"), one("$5bn"))
    assert not agree(one("about 13,000 km"), one("15,000 km"))


# --- figures: contradictions ----------------------------------------------------------------------------

TWO_VALUES = [
    # (first place, second place): the same quantity of the same entity, given two values.
    ("Washington now applies a 125% tariff on Chinese goods.", "Tariffs on Chinese goods stand at 145%."),
    (
        "Japan's defence budget is $55 billion this year.",
        "Officials said Japan's defence budget is $58 billion this year.",
    ),
    (
        "Inflation in Turkey is 38%, the statistics office said.",
        "Turkish inflation is 45%, economists noted.",
    ),
    (
        "Kenya's budget deficit is 5.1% of GDP.",
        "The finance ministry put Kenya's budget deficit at 6.3% of GDP.",
    ),
    ("The flooding killed 41 people in Sindh.", "Relief workers said the floods killed 57 people in Sindh."),
    ("The US has 28,500 troops in South Korea.", "Seoul says the US has 23,000 troops in South Korea."),
    ("Moldova's population is 2.4 million.", "Moldova has a population of 3.1 million."),
    (
        "The tariff on Vietnamese goods is 46%.",
        "Exporters face a 49% tariff on Vietnamese goods, a trade official said.",
    ),
]


@pytest.mark.parametrize(("first", "second"), TWO_VALUES)
def test_one_quantity_given_two_values_in_the_text_is_found_at_the_later_place(first, second):
    text = (
        f"Briefing\n{first} Other news followed.\nMore Detail\nAfter the "
        f"meeting, reporters asked again. {second}"
    )
    (finding,) = found(text, "consistency.figures")
    assert_in_words(finding)
    briefing = import_text(text)
    later = briefing.sections[-1].blocks[0]
    assert finding.target.block_id == later.id
    assert (
        "paragraph 1 in “Briefing”" in finding.message and "paragraph 1 in “More Detail”" in finding.message
    )
    assert len(finding.fixes) == 2


NOT_CONTRADICTIONS = [
    # Different years, in one sentence or in two.
    "In 2024 the tariff on Chinese goods was 25%. In 2025 the tariff on Chinese goods is 30%.",
    "The tariff on Chinese goods was 115% in 2024 and 125% in 2025.",
    # A change, from and to.
    (
        "The tariff on Chinese goods is 145%. Washington raised the tariff on "
        "Chinese goods from 115% to 125% in April."
    ),
    "The tariff on Chinese goods is 145%. The tariff on Chinese goods rose to 160% on Friday.",
    # Directions: the tariff on China, and China's tariff on others.
    "The tariff on Chinese goods is 145%. China's retaliatory tariff on American goods is 125%.",
    "The US tariff on Chinese goods is 30%. Chinese duties on American products are 10%.",
    # Products.
    "Mexico faces a 25% tariff on steel. Mexico faces a 10% tariff on cars.",
    # Ranges, bounds, hedges and plans.
    "The tariff on Chinese goods is 30%. The tariff on Chinese goods could reach 60% if talks fail.",
    "The tariff on Chinese goods is 30%. Analysts expect the tariff on Chinese goods to be 40%.",
    "The tariff on Chinese goods is 30%. The tariff on Chinese goods ranges from 10% to 50%.",
    "The tariff on Chinese goods is 30%. The tariff on Chinese goods is up to 50% on some steel.",
    "The tariff on Chinese goods is 30%. The tariff on Chinese goods is not 40%, officials said.",
    # Rounding.
    "Japan's defence budget is $55 billion. Japan's defence budget is $55.2 billion.",
    "Moldova's population is 2.4 million. Moldova's population is 2,412,000.",
    # Different entities, or no entity at all.
    "The tariff on Vietnamese goods is 46%. The tariff on Indian goods is 26%.",
    "The tariff is 46%. The tariff is 26%.",
    # Other people counted: rescued, not killed.
    "The floods killed 41 people in Sindh. In Sindh, 57 people were rescued from rooftops.",
    # Two sources.
    (
        "Deaths in Sindh stood at 41, according to the army. Deaths in Sindh "
        "stood at 57, according to aid groups."
    ),
]


@pytest.mark.parametrize("text", NOT_CONTRADICTIONS)
def test_figures_that_do_not_contradict(text):
    assert found(f"Trade Note\n{text}", "consistency.figures") == []


def test_text_against_a_table_is_found_on_the_text_and_either_place_can_take_the_other_value():
    text = (
        "Tariff Table\nExporters said the tariff on Chinese goods is 125%, which stops most orders.\n"
        "| Country | Tariff rate | Goods |\n|---|---|---|\n"
        "| China | 145% | Electronics |\n| India | 26% | Textiles |"
    )
    briefing = import_text(text)
    (finding,) = [f for f in run_checks(briefing) if f.rule == "consistency.figures"]
    assert_in_words(finding)
    assert finding.target.block_id == briefing.sections[0].blocks[0].id  # the text, not the table
    assert "“125%” in paragraph 1" in finding.message
    assert "“145%” in Table 1, row 1, under “Tariff rate”" in finding.message
    assert [fix.label for fix in finding.fixes] == [
        "Use “145%” here, as in Table 1, row 1, under “Tariff rate”",
        "Use “125%” in Table 1, row 1, under “Tariff rate”, as here",
    ]
    before = to_dict(briefing)
    applied = apply_fix(briefing, finding, finding.fixes[1])  # the table takes the text's value
    table = briefing.sections[0].blocks[1]
    assert table.rows[0][1] == "125%" and table.rows[1][1] == "26%"
    assert "Wrote 125% for 145%" in applied.change.note
    assert not [f for f in run_checks(briefing) if f.rule == "consistency.figures"]
    revert_fix(briefing, applied)
    assert to_dict(briefing) == before

    finding = next(f for f in run_checks(briefing) if f.rule == "consistency.figures")
    apply_fix(briefing, finding, finding.fixes[0])  # the text takes the table's value
    assert "the tariff on Chinese goods is 145%, which" in all_text(briefing)


def test_a_table_printed_twice_with_one_figure_changed():
    table = "| Donor | Pledge (EUR bn) |\n|---|---|\n| Germany | 4.0 |\n| Nordic states | {} |\n"
    text = "# Aid\n\nThe pledges.\n\n" + table.format("2.2") + "\nAgain:\n\n" + table.format("2.4")
    (finding,) = found(text, "consistency.figures", markdown=True)
    assert "“2.4” in Table 2, row 2" in finding.message and "“2.2” in Table 1, row 2" in finding.message


def test_a_header_scale_applies_to_the_cells():
    text = (
        "Budgets\nThe defence budget of Poland is $4.5 billion this year.\n"
        "| Country | Defence budget (US$ bn) |\n|---|---|\n| Poland | 4.5 |\n| Estonia | 1.3 |"
    )
    assert found(text, "consistency.figures") == []
    assert len(found(text.replace("| 4.5 |", "| 5.5 |"), "consistency.figures")) == 1


def test_figures_are_never_fixed_unattended():
    text = "Note\nThe tariff on Chinese goods is 125%.\nMore\nThe tariff on Chinese goods is 145%."
    briefing = text_of(text)
    assert apply_safe_fixes(briefing) == []
    assert "125%" in all_text(briefing) and "145%" in all_text(briefing)


# --- the date of one event -----------------------------------------------------------------------------


def test_the_place_of_an_event_is_part_of_its_name():
    text = "Events\nThe summit in Geneva on 12 June opened. The summit in Geneva on 14 June ended."
    (finding,) = found(text, "consistency.figures")
    assert "Two dates for the summit in Geneva" in finding.message


def test_one_event_given_two_dates_in_the_text_and_a_table():
    text = (
        "Summit Plans\nLeaders will meet at the G7 summit on 12 June in Kananaskis, officials said.\n"
        "Preparations\nSherpas are finishing the communique. The G7 summit on 14 June will open with trade.\n"
        "| Event | Date | Place |\n|---|---|---|\n| G7 summit | 16 June | Kananaskis |\n"
        "| NATO summit | June 24 | The Hague |\n"
        "The NATO summit, set for June 24, follows."
    )
    briefing = import_text(text)
    findings = [f for f in run_checks(briefing) if f.rule == "consistency.figures"]
    assert [f.message for f in findings] == [
        "Two dates for the G7 summit: “the G7 summit on 12 June” in paragraph 1 in “Summit Plans”, but "
        "“16 June” in Table 1, row 1, under “Date”.",
        "Two dates for the G7 summit: “The G7 summit on 14 June” in paragraph 1 in “Preparations”, but "
        "“the G7 summit on 12 June” in paragraph 1 in “Summit Plans”.",
    ]
    for finding in findings:
        assert_in_words(finding)
    later = findings[1]
    assert [fix.label for fix in later.fixes] == [
        "Use “12 June” here, as in paragraph 1 in “Summit Plans”",
        "Use “14 June” in paragraph 1 in “Summit Plans”, as here",
    ]
    apply_fix(briefing, later, later.fixes[0])
    assert "The G7 summit on 12 June will open" in all_text(briefing)


@pytest.mark.parametrize(
    "text",
    [
        "The summit on 12 June was postponed. The summit on 19 June went ahead.",
        "The last summit on 12 June 2024 failed. The next summit on 19 June 2025 may not.",
        "The vote in Lyon on 3 May passed. The vote in Nantes on 10 May failed.",
        "The summit in Geneva on 12 June ended well. The summit in Vienna on 14 June did not.",
        "The first round of the election on 13 April went to Ruiz; the runoff vote on 27 April to Mora.",
        "The G7 summit on 12 June 2025 opened. The G7 summit on June 12 ended with a communique.",
    ],
)
def test_dates_of_different_events_or_the_same_day(text):
    assert found(f"Events\n{text}", "consistency.figures") == []


# --- shares ---------------------------------------------------------------------------------------------

SHARES_PAST_100 = [
    "| Source | Share of total (%) |\n|---|---|\n| Wind | 45 |\n| Gas | 35 |\n| Coal | 30 |",
    "| Party | Vote share |\n|---|---|\n| Greens | 41% |\n| Liberals | 38% |\n| Others | 27% |",
    (
        "| Scenario | Probability |\n|---|---|\n| Ceasefire holds | 50% |\n| "
        "Renewed fighting | 40% |\n| Collapse | 20% |"
    ),
    "| Outlook | Base case | Upside | Downside |\n|---|---|---|---|\n| Probability | 60% | 30% | 25% |",
    "The reconstruction fund is split between housing (50%), roads (30%) and schools (25%).",
    "Oil accounts for 48% of exports, gas for 37% of exports and timber for 22% of exports.",
    "Of the aid, 70% goes to food and 45% to shelter.",
    (
        "Planners see three outcomes, with a probability of 55% for a deal, "
        "35% for a stalemate and 25% for escalation."
    ),
    "The budget breaks down as follows:\n- Defence: 45%\n- Health: 35%\n- Education: 30%",
    (
        "Our scenarios for the year:\n- Soft landing (50% probability)\n- "
        "Stagflation (35% probability)\n- Recession (30% probability)"
    ),
]


@pytest.mark.parametrize("text", SHARES_PAST_100)
def test_parts_of_one_whole_past_100_percent_are_found(text):
    findings = found(f"Report\n{text}", "consistency.shares")
    assert len(findings) == 1, text
    assert_in_words(findings[0])
    assert "add up to" in findings[0].message and not findings[0].fixes


SHARES_THAT_ARE_FINE = [
    # Rounding: 99-101% (and up to half a point a value).
    "| Source | Share of total (%) |\n|---|---|\n| Wind | 34 |\n| Gas | 33 |\n| Coal | 34 |",
    "| Item | Share |\n|---|---|\n| A | 48.4% |\n| B | 32.3% |\n| C | 19.4% |\n| Total | 100.1% |",
    "| Source | Share (%) |\n|---|---|\n| Wind | 30 |\n| Gas | 20 |",  # the rest not listed
    # Not parts of one whole.
    "| Country | Defence spending (% of GDP) |\n|---|---|\n| Poland | 54 |\n| Estonia | 63 |",
    "| Country | Growth (%) |\n|---|---|\n| Poland | 60 |\n| Estonia | 70 |",
    "| Country | Share of budget on defence (%) |\n|---|---|\n| Poland | 51 |\n| Latvia | 52 |",
    "| Risk | Likelihood |\n|---|---|\n| Cyber attack | 70% |\n| Sanctions | 60% |",
    "| Sector | Share |\n|---|---|\n| Industry | 60% |\n| – of which steel | 45% |\n| Services | 40% |",
    "Exports rose 40% and imports 35%, while the deficit grew 30%.",
    (
        "In the survey, 64% want more patrols and 58% more drills; respondents "
        "could choose more than one answer."
    ),
    "The fund is split between housing (50%), roads (30%) and schools (20%).",
    "The odds of rain are 70% and the odds of wind 60%.",
]


@pytest.mark.parametrize("text", SHARES_THAT_ARE_FINE)
def test_percentages_that_need_not_add_up_are_left_alone(text):
    assert found(f"Report\n{text}", "consistency.shares") == []


# --- descriptions of organisations and countries --------------------------------------------------------

DESCRIBED_TWO_WAYS = [
    (
        "The Coastal Shipping Authority (CSA), the country's maritime regulator, issued the rules.",
        "The CSA, the transport ministry's advisory body, can only recommend changes.",
        "an advisory body and a regulator",
    ),
    (
        "Halvorsen Yards is the region's largest shipbuilder, with three docks.",
        "Analysts said Halvorsen Yards is the region's second-largest shipbuilder, short of welders.",
        "the largest and the second-largest shipbuilder",
    ),
    (
        "Denmark, a NATO member, offered two frigates.",
        "Officials said Denmark, a non-member, sent observers.",
        "NATO",
    ),
    ("NATO ally Norway hosted the drills.", "Norway, a non-NATO country, sent ships.", "NATO"),
    (
        "Codelco, a state-owned company, runs the mines.",
        "Codelco, a privately owned firm, reported profits.",
        "state-owned and private",
    ),
    (
        "Forest Watch, a charity, published the maps.",
        "Forest Watch, a consulting firm, sold the maps.",
        "a company and a charity",
    ),
]


@pytest.mark.parametrize(("first", "second", "why"), DESCRIBED_TWO_WAYS)
def test_an_organisation_or_country_described_two_ways(first, second, why):
    text = f"Briefing\n{first} Nothing else changed.\nLater\nA week passed. {second}"
    (finding,) = found(text, "consistency.descriptions")
    assert_in_words(finding)
    assert why in finding.message
    assert "“Briefing”" in finding.message and "“Later”" in finding.message


def test_two_entities_both_the_largest_of_one_thing():
    text = (
        "Lithium\nAndes Minerals is the world's largest lithium producer, with mines in three provinces.\n"
        "Pacific Lithium is the world's largest lithium producer, its chief executive said."
    )
    (finding,) = found(text, "consistency.descriptions")
    assert "only one can be the largest lithium producer in the world" in finding.message


DESCRIBED_CONSISTENTLY = [
    (
        "The Baltic Grid Agency (BGA), the region's electricity regulator, "
        "met. The BGA, the region's grid watchdog, warned."
    ),
    (
        "Nordvik Steel is Europe's largest steel producer. Nordvik Steel is "
        "the world's third-largest steel producer."
    ),
    "Nordvik Steel is one of the largest employers. Nordvik Steel is the largest employer in the north.",
    "Finland joined NATO in 2023. Finland, a non-member until then, now hosts drills.",
    "Japan, a non-NATO partner, sent an observer. Japan is a close partner of the alliance.",
    (
        "Halvorsen Yards became the region's largest shipbuilder. Halvorsen "
        "Yards was the region's second-largest shipbuilder."
    ),
    "Andes Minerals is the largest producer. Pacific Copper is the largest producer.",  # of what? too vague
]


@pytest.mark.parametrize("text", DESCRIBED_CONSISTENTLY)
def test_descriptions_that_agree_or_tell_of_a_change(text):
    assert found(f"Profiles\n{text}", "consistency.descriptions") == []


def test_either_description_can_be_chosen():
    text = (
        "Rules\nThe Coastal Shipping Authority (CSA), the country's maritime regulator, issued the rules.\n"
        "The CSA, the transport ministry's advisory body, can only recommend changes."
    )
    briefing = import_text(text)
    finding = next(f for f in run_checks(briefing) if f.rule == "consistency.descriptions")
    assert [fix.label for fix in finding.fixes] == [
        "Use “the country's maritime regulator” here too",
        "Use “the transport ministry's advisory body” in paragraph 1 in the summary too",
    ]
    apply_fix(briefing, finding, finding.fixes[0])
    assert "The CSA, the country's maritime regulator, can only" in all_text(briefing)
    assert not [f for f in run_checks(briefing) if f.rule == "consistency.descriptions"]
    assert apply_safe_fixes(import_text(text)) == []


# --- one person, two offices ----------------------------------------------------------------------------


def test_one_person_given_two_offices_is_flagged_in_both_places():
    text = (
        "Talks\nDefence Minister Lin Wei arrived in Hanoi on Tuesday.\n"
        "Foreign Minister Lin Wei told reporters the visit would open a channel for talks."
    )
    findings = found(text, "people.conflicting-titles")
    assert len(findings) == 2
    assert all("one person cannot hold both offices" in f.message for f in findings)
    assert "“Defence Minister Lin Wei” in paragraph 1 in the summary" in findings[0].message
    assert [fix.label for fix in findings[0].fixes] == [
        "Use “Defence Minister Wei” everywhere",
        "Use “Foreign Minister Wei” everywhere",
    ]
    briefing = import_text(text)
    finding = next(f for f in run_checks(briefing) if f.rule == "people.conflicting-titles")
    apply_fix(briefing, finding, finding.fixes[1])
    assert "Foreign Minister Lin Wei arrived" in all_text(briefing)
    assert not [f for f in run_checks(briefing) if f.rule == "people.conflicting-titles"]


@pytest.mark.parametrize(
    "text",
    [
        (
            "Deputy Prime Minister and Foreign Minister Anna Kovac opened the "
            "talks. Foreign Minister Anna Kovac spoke."
        ),
        "Secretary of State Dan Reyes flew in. National Security Adviser Dan Reyes briefed the press.",
        (
            "Defence Minister Marek Tamm spoke. He was appointed after Foreign "
            "Minister Marek Tamm resigned the post."
        ),
        "Defence Minister Marek Tamm spoke in 2019. Foreign Minister Marek Tamm spoke in 2024.",
        "Defense Secretary Pete Ruiz arrived. Secretary of Defense Pete Ruiz left.",  # one office, two names
        "Foreign Minister Lin Wei spoke. Defence Minister Lin Hao replied.",  # two people
    ],
)
def test_offices_that_do_not_contradict(text):
    assert found(f"Talks\n{text}", "people.conflicting-titles") == []


# --- own articles get nothing they should not -----------------------------------------------------------


@pytest.mark.parametrize(
    "name",
    [
        "contradiction-clean-trade-news.txt",
        "contradiction-clean-shares-report.md",
        "contradiction-clean-profiles.txt",
        "contradiction-clean-economy-brief.md",
        "contradiction-clean-casualties.txt",
    ],
)
def test_clean_articles_get_no_contradictions(name):
    from tests.core.article_expectations import ARTICLES

    path = ARTICLES / name
    briefing = import_text(path.read_text(encoding="utf-8"), markdown=path.suffix == ".md")
    rules = {f.rule for f in run_checks(briefing)}
    assert not rules & {
        "consistency.figures",
        "consistency.shares",
        "consistency.descriptions",
        "people.conflicting-titles",
        "people.anachronism",
    }

"""Things printed twice: a repeat is removed only when the whole block and its place match, and the
article or a run of blocks printed again is one finding whose safe fix removes the later copy.

The articles here are written for these tests (none is from a list in the code): a digest whose
articles share a source line, lists joined on import, a section repeated under another heading, an
article pasted twice or three times.
"""

from __future__ import annotations

from briefing.checks import apply_fix, apply_safe_fixes, revert_fix, run_checks
from briefing.importing import import_text
from briefing.model import Briefing, Comment, ListBlock, ListItem, Recommendation, Section
from briefing.project import to_dict
from briefing.refs import Ref
from tests.core.checks_support import items, make, para, table


def found(briefing: Briefing, rule: str = "") -> list:
    return [f for f in run_checks(briefing) if not rule or f.rule == rule]


def two_sections(first: list, second: list) -> Briefing:
    briefing = Briefing()
    briefing.sections = [
        Section("s1", "Port strike ends in Gdańsk", 2, first),
        Section("s2", "Copper price slips in Santiago", 2, second),
    ]
    briefing.next_id = 100
    return briefing


# --- a repeat only when the whole block and its place match ------------------------------------------------


def test_a_source_line_under_two_articles_of_a_digest_is_not_a_duplicate():
    source = "Reporting by Ana Kowalczyk; editing by Jon Reyes, 14 March 2025."
    briefing = two_sections(
        [para("b1", "Dock workers in Gdańsk returned on Monday after a 9-day stoppage."), para("b2", source)],
        [para("b3", "Copper fell 1.8% to $9,120 a tonne as Chilean output recovered."), para("b4", source)],
    )
    assert found(briefing, "text.duplicate") == []
    assert apply_safe_fixes(briefing) == []
    assert [b.text for s in briefing.sections for b in s.blocks].count(source) == 2


def test_a_long_paragraph_under_two_headings_is_a_question_for_a_person():
    long = (
        "The central bank said it would keep its benchmark rate at 5.25% until inflation, now 3.9%, "
        "falls back within the band it targets for the second half of the year."
    )
    briefing = two_sections([para("b1", long)], [para("b2", long)])
    (finding,) = found(briefing, "text.duplicate")
    assert "different sections" in finding.message and not finding.safe_fix
    assert apply_safe_fixes(briefing) == []


def test_a_paragraph_given_twice_in_its_section_goes_and_its_comment_moves_to_the_twin():
    text = "Shipping insurers raised war-risk premiums to 0.7% of hull value this week."
    briefing = make(para("b1", text), para("b2", "Brokers expect more increases."), para("b3", text))
    briefing.comments = [Comment("c1", Ref("s1", "b3"), "check the rate")]
    (finding,) = found(briefing)
    assert finding.rule == "text.duplicate" and finding.safe_fix
    apply_safe_fixes(briefing)
    assert [b.id for b in briefing.sections[0].blocks] == ["b1", "b2"]
    assert briefing.comments[0].anchor == Ref("s1", "b1")


def test_a_paragraph_repeated_far_away_in_its_section_is_left_to_a_person():
    text = (
        "Turnout in the first round reached 61.4%, the highest since 1995, according to the electoral "
        "commission's count published on Sunday evening in Bucharest."
    )
    filler = [para(f"f{i}", f"Background paragraph number {i} says something else.") for i in range(5)]
    briefing = make(para("b1", text), *filler, para("b2", text))
    (finding,) = found(briefing, "text.duplicate")
    assert "far apart" in finding.message and not finding.safe_fix


def test_a_short_item_like_one_in_another_list_is_not_a_repeat():
    briefing = make(
        items("b1", "Tariffs on steel", "Quotas on aluminium"),
        para("b2", "Partners that replied:"),
        items("b3", "Tariffs on steel", "Export licences"),
    )
    assert found(briefing) == []


def test_two_lists_import_joined_keep_their_shared_item():
    text = (
        "Measures announced:\n\n- Tariffs on steel\n- Quotas on aluminium\n\n"
        "- Tariffs on steel\n- Licences for scrap\n"
    )
    briefing = import_text(text)
    lists = [b for _, b in briefing.blocks() if isinstance(b, ListBlock)]
    assert [i.text for i in lists[0].items].count("Tariffs on steel") == 2  # import made one list
    assert found(briefing, "text.duplicate") == []
    apply_safe_fixes(briefing)
    assert [i.text for i in lists[0].items].count("Tariffs on steel") == 2


def test_the_same_sub_item_under_two_parents_is_not_a_repeat():
    block = ListBlock(
        "b1",
        [
            ListItem("Canada"),
            ListItem("Steel and aluminium at 25%", level=1),
            ListItem("Mexico"),
            ListItem("Steel and aluminium at 25%", level=1),
        ],
    )
    assert found(make(block)) == []


def test_an_item_right_after_itself_goes_and_a_restarted_list_goes_in_one_fix():
    doubled = items("b1", "Freeze the assets", "Freeze the assets", "Recall the envoy")
    restarted = items(
        "b2",
        "Close the airspace",
        "Halt arms sales",
        "Expel two attachés",
        "Close the airspace",
        "Halt arms sales",
        "Expel two attachés",
    )
    briefing = make(doubled, para("p", "Other options were discussed."), restarted)
    messages = [f.message for f in found(briefing)]
    assert messages == [
        "List item 2 repeats item 1 of the same list.",
        "List items 4–6 repeat items 1–3 of the same list, in the same order.",
    ]
    changes = apply_safe_fixes(briefing)
    assert len(changes) == 2
    assert [i.text for i in doubled.items] == ["Freeze the assets", "Recall the envoy"]
    assert [i.text for i in restarted.items] == [
        "Close the airspace",
        "Halt arms sales",
        "Expel two attachés",
    ]


def test_a_long_item_repeated_apart_in_its_list_needs_a_person():
    long = "Ask the monitoring mission to report on the ceasefire line every week"
    briefing = make(items("b1", long, "Fund the mission", long))
    (finding,) = found(briefing)
    assert "apart" in finding.message and not finding.safe_fix


def test_a_list_given_twice_in_its_section_is_one_finding():
    texts = ("Reopen the crossing at Rafah", "Double the number of lorries", "Name a monitor")
    briefing = make(items("b1", *texts), para("b2", "Aid groups agreed."), items("b3", *texts))
    (finding,) = found(briefing)
    assert finding.message.startswith("This list repeats list 1 in “Background” item for item")
    apply_safe_fixes(briefing)
    assert [b.id for b in briefing.sections[0].blocks] == ["b1", "b2"]


def test_a_sentence_repeated_in_another_section_is_not_removed():
    sentence = "The ministry did not reply to a request for comment."
    briefing = two_sections(
        [para("b1", f"Dock workers walked out on Monday. {sentence}")],
        [para("b2", f"Copper fell 1.8% on Tuesday. {sentence}")],
    )
    assert found(briefing) == []


def test_tables_with_the_same_cells_in_other_rows_disagree_and_are_not_removed():
    first = table("b1", ["Country", "Tariff"], ["Canada", "25%"], ["Mexico", "10%"], ["China", "145%"])
    second = table("b2", ["Country", "Tariff"], ["Canada", "10%"], ["Mexico", "25%"], ["China", "145%"])
    briefing = make(first, second)
    (finding,) = found(briefing, "table.duplicate")
    assert "not in the same rows" in finding.message and not finding.safe_fix
    assert apply_safe_fixes(briefing) == []
    assert len(briefing.sections[0].blocks) == 2


def test_two_copies_of_a_table_differing_in_one_figure_are_not_removed_unattended():
    rows = [["Hwasong-18", "15,000"], ["KN-23", "600"], ["Hwasong-15", "13,000"], ["KN-25", "380"]]
    first = table("b1", ["Missile", "Range (km)"], *rows)
    second = table("b2", ["Missile", "Range (km)"], *rows[:1], ["KN-23", "650"], *rows[2:])
    briefing = make(first, second)
    (finding,) = found(briefing, "table.duplicate")
    assert not finding.safe_fix and all(not fix.safe for fix in finding.fixes)
    assert "row 2 under “Range (km)”" in finding.message and "“650” here, “600” there" in finding.message
    assert "650" in finding.fixes[0].label  # the choice names the cell it would throw away
    assert apply_safe_fixes(briefing) == []
    assert [b.id for b in briefing.sections[0].blocks] == ["b1", "b2"]


def test_copies_whose_figures_differ_only_in_case_are_not_exact_copies():
    rows = [["Unit 1", "5 MW"], ["Unit 2", "7 MW"], ["Unit 3", "9 MW"], ["Unit 4", "2 MW"]]
    first = table("b1", ["Reactor", "Output"], *rows)
    second = table("b2", ["Reactor", "Output"], *rows[:3], ["Unit 4", "2 mW"])
    briefing = make(first, second)
    (finding,) = found(briefing, "table.duplicate")
    assert not finding.safe_fix and "“2 mW” here, “2 MW” there" in finding.message
    assert apply_safe_fixes(briefing) == []


# --- the article or a run of blocks printed again ----------------------------------------------------------

ARTICLE = """# Grain Corridor Talks Resume in Istanbul

Negotiators from Kyiv and Ankara met on Tuesday to revive the Black Sea grain corridor,
which carried 32.9 million tonnes before it lapsed in July 2023.

## What Is on the Table

- Safe passage for bulk carriers leaving Odesa and Chornomorsk
- Joint inspections at anchorages near the Bosphorus

| Port | Share of exports | Change since 2022 |
|---|---|---|
| Odesa | 41% | -6.5% |
| Chornomorsk | 27% | +2.1% |

## Outlook

Diplomats expect a draft text within weeks, although Moscow has not said whether it will take part.
"""


def shape(briefing: Briefing) -> list[tuple[str, list[str]]]:
    return [(s.heading, [b.kind for b in s.blocks]) for s in briefing.sections]


def test_an_article_pasted_twice_is_one_finding_and_the_fix_leaves_one_copy():
    once = import_text(ARTICLE, markdown=True)
    twice = import_text(ARTICLE + "\n" + ARTICLE, markdown=True)
    findings = run_checks(twice)
    assert [f.rule for f in findings] == ["text.repeated-run"]
    (finding,) = findings
    assert finding.message.startswith("The whole article is printed twice: what runs from paragraph 1 in")
    assert "the heading “Grain Corridor Talks Resume in Istanbul”" in finding.message  # the copy's start
    assert finding.safe_fix
    changes = apply_safe_fixes(twice)
    assert len(changes) == 1
    assert shape(twice) == shape(once)
    assert "Chornomorsk | 27% | +2.1%" in changes[0].before
    assert run_checks(twice) == []


def test_an_article_printed_three_times_goes_in_one_change_and_undo_brings_it_back():
    thrice = import_text("\n".join([ARTICLE] * 3), markdown=True)
    (finding,) = found(thrice)
    assert "printed three times" in finding.message and "given 2 more times" in finding.message
    original = to_dict(thrice)
    applied = apply_fix(thrice, finding, finding.safe_fix)
    assert shape(thrice) == shape(import_text(ARTICLE, markdown=True))
    revert_fix(thrice, applied)
    assert to_dict(thrice) == original


def test_paragraphs_and_a_list_given_again_after_a_regeneration_go_and_pointers_move():
    run = [
        para("b1", "Rebels took the airport at Goma on Sunday, the UN mission said."),
        para("b2", "At least 120 people were killed in two days of fighting, according to local officials."),
        items("b3", "Evacuate staff from the east", "Suspend the mining licence review"),
    ]
    again = [
        para("c1", "Rebels took the airport at Goma on Sunday, the UN mission said."),
        para("c2", "At least 120 people were killed in two days of fighting, according to local officials."),
        items("c3", "Evacuate staff from the east", "Suspend the mining licence review"),
    ]
    briefing = make(*run, para("b4", "Here is the analysis again."), *again)
    briefing.comments = [Comment("k1", Ref("s1", "c2", start=9, end=12), "which count?")]
    briefing.recommendations = [
        Recommendation("r1", "Evacuate staff from the east", Ref("s1", "b3", item=0)),
        Recommendation("r2", "Evacuate staff from the east", Ref("s1", "c3", item=0)),
    ]
    findings = found(briefing)
    assert [f.rule for f in findings] == ["text.repeated-run"]  # not three text.duplicate findings
    assert findings[0].message.startswith("A run of 3 blocks is printed twice")
    apply_safe_fixes(briefing)
    assert [b.id for b in briefing.sections[0].blocks] == ["b1", "b2", "b3", "b4"]
    assert briefing.comments[0].anchor == Ref("s1", "b2", start=9, end=12)
    assert [r.id for r in briefing.recommendations] == ["r1"]


def test_a_near_copy_of_a_run_needs_a_person():
    first = [
        para(
            "b1",
            "Rebels took the airport at Goma on Sunday, the UN mission said in a statement that evening.",
        ),
        para("b2", "At least 120 people were killed in two days of fighting, according to local officials."),
        items("b3", "Evacuate staff from the east", "Suspend the mining licence review"),
    ]
    regenerated = [
        para(
            "c1",
            "Rebels took the airport at Goma on Saturday, the UN mission said in a statement that evening.",
        ),
        para("c2", "At least 120 people were killed in two days of fighting, according to local officials."),
        items("c3", "Evacuate staff from the east", "Suspend the mining licence review"),
    ]
    briefing = make(*first, *regenerated)
    (finding,) = found(briefing, "text.repeated-run")
    assert "nearly repeat" in finding.message and "2 of 3 word for word" in finding.message
    assert not finding.safe_fix
    assert apply_safe_fixes(briefing) == []


def test_a_section_repeated_under_another_heading_is_not_removed_unattended():
    body = [
        para("b1", "Inflation eased to 3.1% in May as fuel prices fell for a second month."),
        para("b2", "Core prices, which leave out food and energy, rose 0.2% from April."),
    ]
    copy = [
        para("c1", "Inflation eased to 3.1% in May as fuel prices fell for a second month."),
        para("c2", "Core prices, which leave out food and energy, rose 0.2% from April."),
    ]
    briefing = Briefing()
    briefing.sections = [Section("s1", "Summary", 2, body), Section("s2", "Conclusions", 2, copy)]
    briefing.next_id = 100
    (finding,) = found(briefing)
    assert finding.rule == "text.repeated-run" and not finding.safe_fix
    assert "under different headings" in finding.message


def test_a_copy_edited_since_it_was_found_is_left_alone():
    twice = import_text(ARTICLE + "\n" + ARTICLE, markdown=True)
    (finding,) = found(twice)
    last = twice.sections[-1].blocks[-1]
    last.runs[0].text = last.runs[0].text.replace("weeks", "days")
    assert apply_fix(twice, finding, finding.safe_fix).change is None


def test_short_boilerplate_pairs_are_not_a_run():
    briefing = two_sections(
        [
            para("b1", "Dock workers returned on Monday."),
            para("b2", "Photo: Reuters."),
            para("b3", "Read more."),
        ],
        [para("b4", "Copper fell 1.8%."), para("b5", "Photo: Reuters."), para("b6", "Read more.")],
    )
    assert found(briefing) == []


def test_the_sample_has_no_repeated_run_but_four_copies_of_it_are_one():
    from tests.conftest import SAMPLE

    text = SAMPLE.read_text(encoding="utf-8")
    assert found(import_text(text), "text.repeated-run") == []
    four = import_text(text * 4)
    (finding,) = found(four, "text.repeated-run")
    assert "The whole article is printed four times" in finding.message and finding.safe_fix
    assert [f.rule for f in found(four, "table.duplicate")] == ["table.duplicate"]  # the first copy's


def test_a_table_whose_values_moved_between_columns_is_not_a_copy():
    """Found by the data-safety property: the same cells in every row, but not in the same columns."""
    first = table("b1", ["Site", "Route", "Cost"], ["Gdańsk 1", ">30%", ">30%"], ["Gdańsk 2", "≥3%", "≥3%"])
    second = table("b2", ["Site", "Route", "Cost"], ["Gdańsk 1", "≥3%", ">30%"], ["Gdańsk 2", ">30%", "≥3%"])
    briefing = make(first, second)
    (finding,) = found(briefing, "table.duplicate")
    assert not finding.safe_fix
    assert apply_safe_fixes(briefing) == []


def test_a_copy_with_a_cell_printed_twice_is_covered_by_its_well_formed_twin():
    messy = table("b1", ["Operator", "Share"], ["Maersk", "95%", "Maersk", "95%"], ["MSC", "90%"])
    clean = table("b2", ["Operator", "Share"], ["Maersk", "95%"], ["MSC", "90%"])
    briefing = make(messy, para("b3", "Carriers rerouted most sailings."), clean)
    (finding,) = found(briefing, "table.duplicate")
    assert finding.safe_fix and finding.target.block_id == "b1"

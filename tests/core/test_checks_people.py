"""People rules: conflicting titles, anachronisms, and the dated heads-of-state table behind them."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from briefing.bundle import resource_path
from briefing.checks import apply_fix, apply_safe_fixes, run_checks
from briefing.checks.leaders import load_leaders
from briefing.importing import import_file
from tests.conftest import SAMPLE
from tests.core.checks_support import all_text, text_of

REQUIRED = [
    "United States",
    "United Kingdom",
    "Canada",
    "France",
    "Germany",
    "Japan",
    "South Korea",
    "China",
    "Russia",
    "North Korea",
]


def findings(text, rule):
    return [f for f in run_checks(text_of(text)) if f.rule == rule]


def test_the_table_is_dated_data_covering_the_required_countries():
    path = resource_path("data", "heads_of_state.json")
    data = json.loads(path.read_text(encoding="utf-8"))
    assert dt.date.fromisoformat(data["as_of"])
    leaders = load_leaders()
    countries = {h.country for h in leaders.holders}
    assert set(REQUIRED) <= countries
    for holder in leaders.holders:
        for start, end in holder.terms:
            assert end is None or start < end, holder.name
    # Every office has exactly one holder whose term is still open on the as_of date.
    offices = {(h.country, h.office) for h in leaders.holders}
    for office in offices:
        sitting = [
            h
            for h in leaders.holders
            if (h.country, h.office) == office and h.in_office(leaders.as_of, leaders.as_of)
        ]
        assert len(sitting) == 1, office


def test_terms_answer_who_was_in_office():
    leaders = load_leaders()
    trump = next(h for h in leaders.holders if h.name == "Donald Trump")
    biden = next(h for h in leaders.holders if h.name == "Joe Biden")
    assert trump.in_office(dt.date(2019, 6, 1), leaders.as_of)
    assert not trump.in_office(dt.date(2023, 6, 1), leaders.as_of)
    assert biden.in_office(dt.date(2023, 6, 1), leaders.as_of)
    assert trump.in_office(dt.date(2099, 1, 1), leaders.as_of) is None  # after the table's date: unknown
    assert not trump.overlaps(biden)


def test_former_and_sitting_titles_for_one_person_are_flagged_in_both_places():
    text = (
        "Summit Plans\n"
        "U.S. President Donald Trump will visit Seoul next week. Officials prepared the agenda.\n"
        "The trip by former U.S. President Donald Trump is his first since the election."
    )
    found = findings(text, "people.conflicting-titles")
    assert len(found) == 2
    assert len({f.target.block_id for f in found}) == 2  # both places reported
    assert [fix.label for fix in found[0].fixes] == [
        "Use “U.S. President Trump” everywhere",
        "Use “former U.S. President Trump” everywhere",
    ]
    briefing = text_of(text)
    finding = next(f for f in run_checks(briefing) if f.rule == "people.conflicting-titles")
    apply_fix(briefing, finding, finding.fixes[0])
    texts = [b.text for _, b in briefing.blocks()]
    assert "former" not in " ".join(texts)
    assert texts[1].startswith("The trip by U.S. President Donald Trump")
    assert not findings("\n".join(texts), "people.conflicting-titles")


def test_one_person_in_two_countries_is_flagged():
    text = (
        "Canadian Prime Minister Mark Carney hosted the summit. British Prime Minister Mark Carney closed it."
    )
    assert len(findings(text, "people.conflicting-titles")) == 2


@pytest.mark.parametrize(
    "text",
    [
        "Then-President Barack Obama set the policy. Former President Barack Obama later defended it.",
        "Vice President Joe Biden visited in 2013. President Joe Biden returned in 2022.",
        "Former President Donald Trump spoke. Former President Barack Obama spoke too.",
    ],
)
def test_titles_that_do_not_contradict(text):
    assert findings(text, "people.conflicting-titles") == []


def test_a_predecessor_spoken_of_as_current_is_an_anachronism():
    text = (
        "Trump Prepares for Asia Tour\n"
        "President Donald Trump leaves for Tokyo on Sunday. Trump will then visit Seoul.\n"
        "The launches challenge the Biden administration's efforts to unite the allies."
    )
    found = findings(text, "people.anachronism")
    assert len(found) == 1
    assert "Biden administration" in found[0].message and "2021–2025" in found[0].message
    assert [f.label for f in found[0].fixes] == [
        "Replace “Biden” with “Trump”",
        "Replace “Trump” with “Biden” where the article calls Trump President",
    ]
    assert not any(fix.safe for fix in found[0].fixes)


def test_the_samples_anachronism_says_the_article_is_inconsistent_and_names_both_places():
    briefing = import_file(SAMPLE)
    (finding,) = [f for f in run_checks(briefing) if f.rule == "people.anachronism"]
    message = finding.message
    assert message.startswith("The article is inconsistent about the President of the United States")
    assert (
        "calls Donald Trump President in paragraph 1 in the summary (“U.S. President Donald Trump”)"
        in message
    )
    assert "speaks of the “Biden administration” in paragraph 1 in “Implications for US Diplomacy" in message
    assert "its dates (April 2024, in Table 1) fall in Joe Biden’s term" in message
    assert "looks like an anachronism" not in message  # it no longer takes a side
    assert "s3/" not in message and "/b" not in message  # places in words, never ids
    assert [fix.label for fix in finding.fixes] == [
        "Replace “Biden” with “Trump”",
        "Replace “Trump” with “Biden” where the article calls Trump President",
    ]
    assert not any(fix.safe for fix in finding.fixes)


def test_either_choice_settles_the_samples_inconsistency():
    keep_trump = import_file(SAMPLE)
    finding = next(f for f in run_checks(keep_trump) if f.rule == "people.anachronism")
    apply_fix(keep_trump, finding, finding.fixes[0])
    assert "Trump administration’s efforts" in all_text(keep_trump)
    assert not [f for f in run_checks(keep_trump) if f.rule == "people.anachronism"]

    biden = import_file(SAMPLE)
    finding = next(f for f in run_checks(biden) if f.rule == "people.anachronism")
    applied = apply_fix(biden, finding, finding.fixes[1])
    text = all_text(biden)
    assert "before U.S. President Joe Biden’s scheduled visit" in text
    assert "Biden administration’s efforts" in text
    assert "former U.S. President Donald Trump" in text  # not called President: left as it is
    assert applied.change.note == (
        "Replaced Donald Trump with Joe Biden where the article called Trump President."
    )
    assert not [f for f in run_checks(biden) if f.rule == "people.anachronism"]
    assert not [f for f in run_checks(biden) if f.rule == "people.conflicting-titles"]


@pytest.mark.parametrize(
    "text",
    [
        "President Donald Trump arrived. Trump met Lee. Under the Biden administration the talks stalled.",
        "President Donald Trump arrived. Trump met Lee. The Biden administration's 2023 summit set terms.",
        "President Donald Trump arrived. Trump met Lee. Then-President Joe Biden had hosted him in 2023.",
        "President Joe Biden spoke. President Donald Trump spoke.",  # no way to tell which is right
    ],
)
def test_historical_references_are_not_anachronisms(text):
    assert findings(text, "people.anachronism") == []


def test_the_articles_date_tells_who_was_in_office():
    text = "Seoul, May 20, 2025. South Korean President Yoon Suk Yeol met envoys on the missile threat."
    found = findings(text, "people.anachronism")
    assert len(found) == 1 and "20 May 2025" in found[0].message and not found[0].fixes
    assert "“South Korean President Yoon Suk Yeol” in paragraph 1 in the summary" in found[0].message
    same_sentence = "President Yoon Suk Yeol proposed the link in 2023. Talks resumed on May 20, 2025."
    assert findings(same_sentence, "people.anachronism") == []


def test_safe_fixes_never_touch_people():
    text = (
        "President Donald Trump flew in. Trump spoke. Former President Donald Trump left. "
        "The Biden administration's plan."
    )
    briefing = text_of(text)
    assert apply_safe_fixes(briefing) == []

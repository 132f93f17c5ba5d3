"""Text rules one at a time: chatbot leftovers, placeholders, markup, duplicates, hygiene, sections."""

from __future__ import annotations

import pytest

from briefing.checks import apply_fix, apply_safe_fixes, revert_fix, run_checks
from briefing.checks.artifacts import is_chatter, strip_markup
from briefing.checks.context import sentence_spans
from briefing.checks.text import tidy_whitespace, trailing_blank_lines
from briefing.model import (
    Comment,
    ListBlock,
    ListItem,
    Paragraph,
    Recommendation,
    Run,
    Section,
)
from briefing.project import to_dict
from briefing.refs import Ref
from tests.core.checks_support import all_text, items, make, para, text_of


def rules(briefing, source=None):
    return [f.rule for f in run_checks(briefing, source)]


@pytest.mark.parametrize(
    "sentence",
    [
        "If you’d like, I can also help you with additional formatting or modifications.",
        "Let me know!",
        "Let me know if you want a version with sources.",
        "I hope this helps!",
        "Certainly!",
        "Sure, here is the article you asked for:",
        "Here's a concise analysis of the drills, written as a news brief:",
        "Would you like me to add a timeline?",
        "As an AI language model, I cannot verify these figures.",
        "I can also draft a one-page summary if needed.",
        "Feel free to ask for more detail.",
        "Is there anything else you would like to know?",
        "Please verify with the latest official sources.",
    ],
)
def test_chatbot_sentences(sentence):
    assert is_chatter(sentence)


@pytest.mark.parametrize(
    "sentence",
    [
        "“I hope this helps both our peoples,” Kim told state media.",
        "Officials said they would let the talks continue.",
        "Here is where the convoy was stopped.",
        "The envoy asked whether Washington would like Seoul to lead.",
        "Sure enough, the launch failed within seconds.",
        "Analysts said the AI-enabled targeting system was untested.",
        "Certainly the sanctions have bitten.",
    ],
)
def test_news_sentences_are_not_chatter(sentence):
    assert not is_chatter(sentence)


def test_a_chatbot_paragraph_is_removed_and_a_comment_on_it_is_kept_as_lost():
    """Pointers never move silently: the comment is not put on a neighbour, it is kept as lost (the
    export lists it as about removed text) and undo puts it back on its words."""
    briefing = make(para("b1", "The talks resumed."), para("b2", "I hope this helps! Let me know."))
    briefing.comments = [Comment("c1", Ref("s1", "b2", start=0, end=5), "odd")]
    findings = run_checks(briefing)
    assert [(f.rule, f.target.block_id) for f in findings] == [("text.chatbot", "b2")]
    original = to_dict(briefing)
    applied = apply_fix(briefing, findings[0], findings[0].safe_fix)
    assert [b.id for b in briefing.sections[0].blocks] == ["b1"]
    anchor = briefing.comments[0].anchor
    assert anchor.lost and (anchor.block_id, anchor.start, anchor.end) == ("b2", 0, 5)
    assert applied.change.before == "I hope this helps! Let me know."
    revert_fix(briefing, applied)
    assert to_dict(briefing) == original


def test_chatter_inside_a_paragraph_goes_and_the_rest_stays_with_its_formatting():
    paragraph = Paragraph(
        "b1", [Run("The launch failed. "), Run("Analysts", bold=True), Run(" doubt it. Hope this helps!")]
    )
    briefing = make(paragraph)
    briefing.comments = [Comment("c1", Ref("s1", "b1", start=19, end=27), "who?")]
    apply_safe_fixes(briefing)
    assert paragraph.text == "The launch failed. Analysts doubt it."
    assert [r.bold for r in paragraph.runs] == [False, True, False]
    assert (briefing.comments[0].anchor.start, briefing.comments[0].anchor.end) == (19, 27)


def test_a_knowledge_cutoff_hedge_is_offered_for_removal_but_not_removed_unattended():
    briefing = make(para("b1", "As of my last update in 2024, Beijing had held three drills."))
    finding = run_checks(briefing)[0]
    assert finding.rule == "text.chatbot" and not finding.safe_fix
    assert apply_safe_fixes(briefing) == []
    apply_fix(briefing, finding, finding.fixes[0])
    assert briefing.sections[0].blocks[0].text == "Beijing had held three drills."


def test_a_chatbot_list_item_goes_with_the_recommendation_made_from_it():
    block = items("b1", "Fund mediation in border zones.", "Let me know if you need more options!")
    briefing = make(block, heading="Recommendations")
    briefing.recommendations = [
        Recommendation("r1", "Fund mediation in border zones.", Ref("s1", "b1", item=0)),
        Recommendation("r2", "Let me know if you need more options!", Ref("s1", "b1", item=1)),
    ]
    apply_safe_fixes(briefing)
    assert [i.text for i in block.items] == ["Fund mediation in border zones."]
    assert [r.id for r in briefing.recommendations] == ["r1"]


@pytest.mark.parametrize(
    "text, placeholder",
    [
        ("A report released on [Insert date] by the group.", "[Insert date]"),
        ("Diplomats in [Country Name] say the split hurts.", "[Country Name]"),
        ("Full text: {{source_link}}", "{{source_link}}"),
        ("Growth reached XX% last year.", "XX"),
        ("Contact <<Author Name>> for details.", "<<Author Name>>"),
    ],
)
def test_placeholders(text, placeholder):
    finding = run_checks(make(para("b1", text)))[0]
    assert finding.rule == "text.placeholder" and placeholder in finding.message
    assert not finding.safe_fix


@pytest.mark.parametrize(
    "text", ["It was a clear violation [sic].", "Russia denied it [1].", "The [North] Korean side."]
)
def test_brackets_that_are_not_placeholders(text):
    assert "text.placeholder" not in rules(make(para("b1", text)))  # "[1]" is a citation marker


def test_markup_is_stripped_and_bold_and_links_become_formatting():
    text = "**Production capacity** is rising, see [the report](https://example.org/r)&nbsp;now."
    briefing = make(para("b1", text))
    assert rules(briefing) == ["text.markup"]
    apply_safe_fixes(briefing)
    block = briefing.sections[0].blocks[0]
    assert block.text == "Production capacity is rising, see the report now."
    assert [(r.text, r.bold, r.href) for r in block.runs if r.bold or r.href] == [
        ("Production capacity", True, ""),
        ("the report", False, "https://example.org/r"),
    ]


@pytest.mark.parametrize(
    "text, clean",
    [
        ("::note Updated at 14:00.", "Updated at 14:00."),
        ('{{< tweet id="1" >}}', ""),
        ("Treaty&mdash;a position", "Treaty—a position"),
        ("Line one<br>line two", "Line one line two"),
        ("Use `sanctions` now", "Use sanctions now"),
        ("## Background", "Background"),
        ("***", ""),
    ],
)
def test_markup_kinds(text, clean):
    assert strip_markup(text)[0].strip() == clean


def test_plain_prose_has_no_markup():
    text = "The 2-3 split & the C++ code: 5 > 3, a [sic] and 10:30 # of votes."
    assert strip_markup(text)[2] == []


def test_markup_in_a_cell_and_a_heading():
    from tests.core.checks_support import table

    briefing = make(table("b1", ["Area", "Action"], ["**Total**", "Drills"]), heading="## Outlook")
    assert sorted(rules(briefing)) == ["text.markup", "text.markup"]
    apply_safe_fixes(briefing)
    assert briefing.sections[0].heading == "Outlook"
    assert briefing.sections[0].blocks[0].rows[0][0] == "Total"


def test_repeated_paragraph_sentence_and_list_item():
    sentence = "Attacks on civilians rose sharply in the first half of the year."
    briefing = make(
        para("b1", f"{sentence} Aid access is poor."),
        para("b2", f"Fighters blockaded towns. {sentence}"),
        para("b3", "Fighters blockaded towns in the north of the country."),
        para("b4", "Fighters blockaded towns in the north of the country."),
        items("b5", "Engage the juntas", "Engage the juntas", "Fund mediation"),
    )
    found = [(f.rule, f.target.block_id, f.target.item) for f in run_checks(briefing)]
    assert found == [
        ("text.duplicate", "b2", None),
        ("text.duplicate", "b4", None),
        ("text.duplicate", "b5", 1),
    ]
    apply_safe_fixes(briefing)
    assert [b.id for b in briefing.sections[0].blocks] == ["b1", "b2", "b3", "b5"]
    assert briefing.sections[0].blocks[1].text == "Fighters blockaded towns."
    assert len(briefing.sections[0].blocks[3].items) == 2
    change = next(c for c in briefing.changes if "sentence" in c.note)
    assert (change.before, change.after) == (sentence, "")


def test_a_near_repeat_paragraph_needs_a_person():
    words = (
        "the alliance agreed to share missile warning data in real time and to hold joint drills every year"
    )
    briefing = make(para("b1", f"Officials said {words}."), para("b2", f"Officials stated {words}."))
    finding = next(f for f in run_checks(briefing) if f.rule == "text.duplicate")
    assert "nearly" in finding.message and not finding.safe_fix


def test_term_hyphens_in_items_paragraphs_and_one_word_terms():
    block = ListBlock(
        "b1",
        [
            ListItem("Real-time sharing of tracking data.", "Early warning", separator="-"),
            ListItem("Exercises-Annual trilateral drills in open waters."),
            ListItem("Kim Jong-Un attended the parade."),
        ],
    )
    briefing = make(block, para("b2", "Carbon relief-Review of free allowances."))
    found = [(f.rule, f.target.block_id, f.target.item) for f in run_checks(briefing)]
    assert found == [
        ("text.term-hyphen", "b1", 0),
        ("text.term-hyphen", "b1", 1),
        ("text.term-hyphen", "b2", None),
    ]
    apply_safe_fixes(briefing)
    assert [i.full_text for i in block.items] == [
        "Early warning: Real-time sharing of tracking data.",
        "Exercises: Annual trilateral drills in open waters.",
        "Kim Jong-Un attended the parade.",
    ]
    assert block.items[1].term == "Exercises"
    assert briefing.sections[0].blocks[1].text == "Carbon relief: Review of free allowances."


def test_the_separator_follows_the_rest_of_the_list():
    block = ListBlock(
        "b1",
        [
            ListItem("Text one here.", "Term one", separator=" — "),
            ListItem("Text two here.", "Term two", separator="-"),
        ],
    )
    briefing = make(block)
    apply_safe_fixes(briefing)
    assert block.items[1].full_text == "Term two — Text two here."


def test_hyphenated_words_are_not_terms():
    text = (
        "- Anti-Aircraft batteries were moved.\n- Pro-Western parties won.\n- The non-Western bloc objected."
    )
    assert "text.term-hyphen" not in rules(text_of(text))


def test_mojibake_is_repaired_and_curly_quotes_are_kept():
    briefing = make(para("b1", "The continentâ€™s costs – and “prices” – rose."))
    assert rules(briefing) == ["text.mojibake"]
    apply_safe_fixes(briefing)
    assert briefing.sections[0].blocks[0].text == "The continent’s costs – and “prices” – rose."


def test_whitespace_is_tidied_across_runs():
    paragraph = Paragraph(
        "b1", [Run(" Traders  said "), Run(" the\u200b market", bold=True), Run("\tcalmed. ")]
    )
    briefing = make(paragraph)
    assert rules(briefing) == ["text.whitespace"]
    apply_safe_fixes(briefing)
    assert paragraph.text == "Traders said the market calmed."
    assert tidy_whitespace("  a \n\n\n\n b\u00ad ") == "a\n\nb"


def test_trailing_blank_lines_need_the_source_and_are_recorded_once():
    text = "Heading Of The Piece\nA paragraph of text.\n\n\n\n"
    briefing = text_of(text)
    assert rules(briefing) == []
    assert rules(briefing, text) == ["text.trailing-blank-lines"]
    changes = apply_safe_fixes(briefing, source=text)
    assert [c.note for c in changes] == ["Removed 3 blank line(s) from the end of the article."]
    assert rules(briefing, text) == []
    assert apply_safe_fixes(briefing, source=text) == []


@pytest.mark.parametrize(
    "text, count", [("a", 0), ("a\n", 0), ("a\n\n", 1), ("a\n\n  \n", 2), ("a\n \n\t", 2), ("", 0)]
)
def test_counting_trailing_blank_lines(text, count):
    assert trailing_blank_lines(text) == count


def test_empty_sections_but_not_parents_of_subsections():
    briefing = make(para("b1", "Text."))
    briefing.sections += [
        Section("s2", "Analysis", 1, []),
        Section("s3", "Details", 2, [para("b2", "More.")]),
        Section("s4", "Related Coverage", 1, []),
    ]
    findings = run_checks(briefing)
    assert [(f.rule, f.target.section_id) for f in findings] == [("section.empty", "s4")]
    assert not findings[0].safe_fix
    apply_fix(briefing, findings[0], findings[0].fixes[0])
    assert [s.heading for s in briefing.sections] == ["Background", "Analysis", "Details"]


def test_sentences_keep_abbreviations_together():
    text = "U.S. President Donald Trump met Gen. Smith on Jan. 5. Talks ended. The envoy, e.g. Mr. Kim, left!"
    spans = [text[a:b] for a, b in sentence_spans(text)]
    assert spans == [
        "U.S. President Donald Trump met Gen. Smith on Jan. 5.",
        "Talks ended.",
        "The envoy, e.g. Mr. Kim, left!",
    ]


def test_fixes_leave_no_chatbot_text_in_a_whole_article():
    text = (
        "Certainly! Here's the article you asked for:\n"
        "Talks Resume in Geneva\n"
        "Negotiators met for a third day. I hope this helps!\n"
        "Let me know if you need anything else.\n"
    )
    briefing = text_of(text)
    apply_safe_fixes(briefing)
    assert all_text(briefing).strip().endswith("Negotiators met for a third day.")

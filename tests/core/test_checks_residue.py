"""Generator residue: reasoning, agent notes, prompts, chatter, hedges, placeholders, no article — and
the markup rule's safe fix keeping every sign.

The example sentences here were written after the code, in wordings of their own: a test that only
repeated the patterns would prove nothing about text nobody listed.
"""

from __future__ import annotations

from briefing.checks import apply_safe_fixes, run_checks
from tests.core.checks_support import make, para, table


def rules(briefing, source=None):
    return [f.rule for f in run_checks(briefing, source)]


# --- data safety: a sign is never markup -------------------------------------------------------------------


def test_a_greater_than_sign_in_a_cell_is_not_a_quote_marker():
    briefing = make(
        table(
            "b1",
            ["Group", "Share"],
            ["Large firms", ">30% average"],
            ["Small firms", "> 12 points"],
            ["Exporters", ">$4bn"],
        )
    )
    assert rules(briefing) == []
    apply_safe_fixes(briefing)
    assert [row[1] for row in briefing.sections[0].blocks[0].rows] == [">30% average", "> 12 points", ">$4bn"]


def test_a_quote_marker_before_words_is_still_stripped_and_signs_in_prose_are_kept():
    briefing = make(
        para("b1", ">40% of ports reported delays."), para("b2", "> Officials declined to comment.")
    )
    assert rules(briefing) == ["text.markup"]
    apply_safe_fixes(briefing)
    assert [b.text for b in briefing.sections[0].blocks] == [
        ">40% of ports reported delays.",
        "Officials declined to comment.",
    ]


def test_a_number_sign_before_of_is_not_a_heading_mark():
    briefing = make(table("b1", ["# of ships", "Route"], ["14", "Suez"]))
    assert rules(briefing) == []


# --- helpers ------------------------------------------------------------------------------------------------

NEWS = [
    "The coalition agreed a budget on Tuesday after three weeks of talks.",
    "Spending on defence rises by 6% and the deficit target is unchanged at 2.5% of output.",
    "Opposition leaders said the deal left regional hospitals short of staff.",
    "The finance ministry expects the bill to pass before the summer recess.",
]


def article(*paragraphs: str, markdown: bool = True):
    from briefing.importing import import_text

    return import_text("\n\n".join(paragraphs), markdown=markdown)


def found(briefing, rule):
    return [f for f in run_checks(briefing) if f.rule == rule]


def subjects(briefing, rule):
    return [f.subject for f in found(briefing, rule)]


def text_after_safe_fixes(briefing) -> str:
    from tests.core.checks_support import all_text

    apply_safe_fixes(briefing)
    return all_text(briefing)


RESIDUE_RULES = {
    "text.chatbot",
    "text.reasoning",
    "text.prompt",
    "text.agent-note",
    "text.context-hedge",
    "text.placeholder",
    "text.simulated-data",
    "text.no-article",
}


# --- reasoning ---------------------------------------------------------------------------------------------


def test_a_thinking_block_over_several_paragraphs_is_removed_whole_and_the_answer_kept():
    briefing = article(
        "<thinking>\nThe person asking wants the budget story in brief. I'll lead with the defence figure.",
        "Then the deficit, then the opposition's complaint.\n</thinking>",
        *NEWS,
    )
    [finding] = found(briefing, "text.reasoning")
    assert "reasoning" in finding.message and "2 paragraphs" in finding.message
    assert finding.safe_fix is not None
    text = text_after_safe_fixes(briefing)
    assert "thinking" not in text and "I'll lead" not in text
    assert NEWS[0] in text and NEWS[-1] in text


def test_an_inline_reasoning_span_goes_and_the_rest_of_the_paragraph_stays():
    briefing = article(f"<think>should I open with the vote? yes.</think> {NEWS[0]}", NEWS[1], NEWS[2])
    [finding] = found(briefing, "text.reasoning")
    apply_safe_fixes(briefing)
    assert briefing.sections[0].blocks[0].text == NEWS[0]


def test_a_labelled_thought_process_section_is_reasoning():
    briefing = article(
        "# Thought process",
        "The reader is a minister, so I should put the decision first and keep it short.",
        "# Budget agreed",
        *NEWS,
    )
    [finding] = found(briefing, "text.reasoning")
    assert "put the decision first" in finding.message
    text = text_after_safe_fixes(briefing)
    assert "Thought process" not in text and "decision first" not in text


def test_an_opening_that_plans_the_answer_is_reasoning():
    opening = (
        "Alright, so the user is after a tight summary of the budget deal. "
        "I should mention the defence rise and maybe the deficit target too."
    )
    briefing = article(opening, *NEWS)
    assert subjects(briefing, "text.reasoning") == [opening]


def test_a_text_that_is_mostly_reasoning_says_so_and_its_removal_is_not_unattended():
    thinking = " ".join(
        f"Hmm, the user wants point {n}; I need to check whether the deficit figure {n} is right."
        for n in range(12)
    )
    briefing = article(f"<think>{thinking}</think>", "Budget agreed.")
    messages = [f.message for f in found(briefing, "text.reasoning")]
    assert any(m.startswith("Most of this text") for m in messages)
    assert all(not f.safe_fix for f in found(briefing, "text.reasoning"))


def test_an_unclosed_reasoning_tag_runs_to_the_next_heading_and_goes_safely():
    briefing = article(
        "<think>\nThe reader wants the budget first, so I'll open with the defence rise.",
        "After that the deficit, and the opposition's complaint last.",
        "# Budget agreed",
        *NEWS,
    )
    [finding] = found(briefing, "text.reasoning")
    assert "2 paragraphs and items from here to the next heading" in finding.message
    assert "never closed" in finding.message and finding.safe_fix is not None
    text = text_after_safe_fixes(briefing)
    assert "open with the defence" not in text and "complaint last" not in text
    assert all(sentence in text for sentence in NEWS)


def test_an_unclosed_reasoning_tag_at_the_end_is_flagged_to_the_end_but_not_removed_unattended():
    briefing = article(
        "# Budget agreed", *NEWS[:3], "<think>\nMaybe add the recess line; keep it short.", NEWS[3]
    )
    [finding] = found(briefing, "text.reasoning")
    assert "2 paragraphs and items from here to the end of the document" in finding.message
    assert finding.safe_fix is None
    assert [p["expected"] for p in finding.fixes[0].params["places"]][-1] == NEWS[3]


def test_a_tag_named_in_passing_is_not_a_reasoning_block():
    briefing = article("Some models print blocks such as <think> before they answer, the vendor said.", *NEWS)
    assert found(briefing, "text.reasoning") == []


# --- agent and tool notes --------------------------------------------------------------------------------


def test_a_pipelines_settings_block_is_removed_and_the_article_kept():
    briefing = article(
        *NEWS,
        "run_started_at: 2025-03-02T08:15:44Z\nsummariser_engine: qwen2.5:latest\n"
        "chunk_window: {'size': 800}",
    )
    [finding] = found(briefing, "text.agent-note")
    assert "pipeline's settings" in finding.message and finding.safe_fix
    text = text_after_safe_fixes(briefing)
    assert "run_started_at" not in text and NEWS[-1] in text


def test_front_matter_of_a_web_page_is_not_an_agents_note():
    briefing = article("page_id: 4411\npublished_on: 2024-11-02\nsection_name: World", *NEWS)
    assert found(briefing, "text.agent-note") == []


def test_tool_calls_progress_lines_and_output_notes_are_flagged():
    briefing = article(
        NEWS[0],
        "- Step 2/5 — scraping ministry press releases…",
        "- Decision: no need to call a search tool for this one",
        "- news_api.fetch_items(region='sahel', days=7)",
        "- Output written to sahel_weekly_v3.docx",
        NEWS[1],
    )
    [finding] = found(briefing, "text.agent-note")  # the four items are one run: one finding, one fix
    for kind in ("agent's progress log", "agent's note", "tool call", "where the tool saved its output"):
        assert kind in finding.message, kind
    assert finding.message.startswith("These 4 list items are notes of the tool")
    text = text_after_safe_fixes(briefing)
    assert "scraping" not in text and "sahel_weekly" not in text and NEWS[1] in text


def test_a_generators_footer_and_a_metadata_section_go_with_their_heading():
    briefing = article(
        "# Budget agreed",
        *NEWS,
        "## Run details",
        "Produced with the WeeklyDesk agent pipeline at 2025-03-02 09:00",
        "Region: Southern Europe",
    )
    messages = [f.message for f in found(briefing, "text.agent-note")]
    assert any("“Run details” introduces a generator's notes" in m for m in messages)
    text = text_after_safe_fixes(briefing)
    assert "Run details" not in text and "WeeklyDesk" not in text and "Region" not in text
    assert [s.heading for s in briefing.sections] == [""] and briefing.meta.title == "Budget agreed"


def test_news_about_ai_models_and_apis_is_not_an_agents_note():
    briefing = article(
        "The lab released a model called Gemini-2 Pro on Monday, and said the API would be used by banks "
        "first.",
        "Version: 2.1 of the standard was adopted in May.",
        "Status: the treaty is awaiting ratification in three states.",
        *NEWS,
    )
    assert found(briefing, "text.agent-note") == []


# --- prompts ---------------------------------------------------------------------------------------------


def test_a_request_standing_before_the_article_is_the_prompt():
    request = (
        "Assess how the new border levy will reshape trade flows between the two blocs over the next decade."
    )
    briefing = article(request, "# Border levy to cut trade by a tenth", *NEWS)
    [finding] = found(briefing, "text.prompt")
    assert finding.subject == request and finding.safe_fix
    assert request not in text_after_safe_fixes(briefing)


def test_a_role_line_and_a_note_to_the_model_are_prompts():
    briefing = article(
        "You are a veteran defence correspondent writing for a general audience.",
        *NEWS,
        "Note to the model: keep the tone neutral and skip the history.",
    )
    assert len(found(briefing, "text.prompt")) == 2
    text = text_after_safe_fixes(briefing)
    assert "veteran" not in text and "keep the tone" not in text


def test_text_under_a_prompt_heading_goes_with_the_heading():
    briefing = article(
        "# Weekly report",
        "## Original request",
        "Summarise what changed in the budget this week and why it matters for the regions.",
        "## Report",
        *NEWS,
    )
    [finding] = found(briefing, "text.prompt")
    assert "Original request" in finding.message
    apply_safe_fixes(briefing)
    assert [s.heading for s in briefing.sections] == ["", "Report"] or "Original request" not in [
        s.heading for s in briefing.sections
    ]


def test_a_length_limit_from_the_prompt_is_removed_from_a_label():
    briefing = article("- **Why it matters (max. 40 words):** " + NEWS[2], "- Other: " + NEWS[3], *NEWS[:2])
    [finding] = found(briefing, "text.prompt")
    assert "max. 40 words" in finding.message
    text = text_after_safe_fixes(briefing)
    assert "40 words" not in text and NEWS[2] in text


def test_a_memo_that_tells_the_minister_what_to_do_is_not_a_prompt():
    briefing = article(
        "Consider the attached options before Thursday's cabinet meeting.",
        "You are a member of the delegation that travels to Oslo on 3 May.",
        "- Identify two partners for the joint statement.",
        "- Review the draft communique at Attachment B.",
        *NEWS,
    )
    assert found(briefing, "text.prompt") == []


# --- chatter -----------------------------------------------------------------------------------------------


def test_chatter_by_its_cues_in_wordings_no_list_holds():
    briefing = article(
        "Hi team, here's today's rundown of what moved overnight.",
        *NEWS,
        "Should any of these figures need refreshing, just ping me and I'll pull the latest numbers for you.",
        "Curious how this plays out for the euro? I could sketch a few scenarios for you next.",
        "Wishing you a calm and productive week ahead!",
    )
    kinds = [f.message.split(",")[0] for f in found(briefing, "text.chatbot")]
    assert len(kinds) == 4, kinds
    assert "greeting" in kinds[0]
    text = text_after_safe_fixes(briefing)
    assert all(sentence in text for sentence in NEWS)
    assert "ping me" not in text and "Wishing you" not in text and "Hi team" not in text


def test_a_lead_in_and_an_exclaimed_affirmation_open_the_chat():
    briefing = article("Absolutely — below is a tight two-paragraph recap of the vote:", *NEWS)
    assert subjects(briefing, "text.chatbot") == [
        "Absolutely — below is a tight two-paragraph recap of the vote:"
    ]


def test_capability_and_cutoff_hedges():
    briefing = article(
        "As of mid-2024, the alliance counted 32 members and two applicants.",
        "I'm not able to look up live exchange rates, so treat these as approximate.",
        *NEWS,
    )
    findings = found(briefing, "text.chatbot")
    assert len(findings) == 2
    opening, capability = findings
    assert "As of mid-2024," in opening.message and not opening.safe_fix
    assert capability.safe_fix
    apply_safe_fixes(briefing)
    assert briefing.sections[0].blocks[0].text.startswith("As of mid-2024")  # dated facts need a person


def test_a_question_to_you_inside_a_third_person_article_stands_out_but_not_in_a_memo():
    aside = "Do you want me to add a column with the regional split for you?"
    news = article(*NEWS[:2], aside, *NEWS[2:])
    assert subjects(news, "text.chatbot") == [aside]
    memo = article(
        "You are meeting the Commissioner on 5 June.",
        "We recommend that you agree to open talks.",
        "If you agree, we will prepare a letter for your signature.",
        "Which of the two dates do you prefer for the visit?",
        "You may wish to raise the steel quota.",
    )
    assert found(memo, "text.chatbot") == []


# --- hedges about "the context" ---------------------------------------------------------------------------


def test_remarks_about_the_material_a_model_was_given():
    briefing = article(
        NEWS[0],
        "Nothing on the northern provinces was included in the supplied excerpts.",
        "According to the provided documents, turnout was 61%.",
        NEWS[1],
        "[4] Provided context, 2025-02-11",
    )
    findings = found(briefing, "text.context-hedge")
    assert len(findings) == 3
    assert all(not f.safe_fix for f in findings)
    rewrite = findings[1].fixes[0]
    assert rewrite.params["replacement"] == "Turnout was 61%."


def test_ordinary_uses_of_context_and_documents_are_not_hedges():
    briefing = article(
        "In the context of rising tensions, the talks were postponed.",
        "The documents provided to the court show the payments began in 2019.",
        "The available data suggest growth slowed in the third quarter.",
        "No date is given in the text of the treaty for the withdrawal.",
        *NEWS,
    )
    assert found(briefing, "text.context-hedge") == []


# --- placeholders and made-up data ------------------------------------------------------------------------


def test_placeholders_in_shapes_of_their_own():
    briefing = article(
        "The agreement was signed in <city of signing> on [Signature date] by {lead_negotiator}.",
        "Turnout reached XX.X% in the first round; the budget is €X bn (TBC).",
        *NEWS,
    )
    found_texts = [f.message for f in found(briefing, "text.placeholder")]
    for slot in ("<city of signing>", "[Signature date]", "{lead_negotiator}", "XX.X%", "€X", "TBC"):
        assert any(slot in m for m in found_texts), slot
    assert all(not f.safe_fix for f in found(briefing, "text.placeholder"))


def test_a_paragraph_that_is_only_a_note_of_what_is_to_come_is_removed():
    note = "(Analysis of the regional fallout to be added once the figures are in.)"
    briefing = article(*NEWS, note)
    [finding] = found(briefing, "text.placeholder")
    assert finding.safe_fix
    assert note not in text_after_safe_fixes(briefing)


def test_editorial_brackets_and_plans_are_not_placeholders():
    briefing = article(
        "“We will not allow [the ministry] to decide alone,” she said.",
        "The summit (to be held in Oslo) opens on 3 May, and the venue is a former shipyard.",
        "A report by the World Health Organization [WHO] found 12 cases [sic].",
        "Growth in the XXI century has been uneven, the historian wrote.",
        *NEWS,
    )
    assert found(briefing, "text.placeholder") == []


def test_data_the_text_itself_calls_made_up():
    briefing = article(
        *NEWS,
        "All prices in the table below are invented for the sake of the example.",
        "| Port | Fee |\n|---|---|\n| Velmora | 14 |\n| Oskar Bay (mock values) | 9 |",
    )
    findings = found(briefing, "text.simulated-data")
    assert len(findings) == 2 and all(not f.fixes for f in findings)


def test_scenarios_and_samples_are_not_made_up_data():
    briefing = article(
        "Under a hypothetical scenario of a cold January, storage would fall below 40% by March.",
        "The poll used a sample of 1,200 voters, and its figures match the official count.",
        "Firms increasingly train models on synthetic images, the survey found.",
        *NEWS,
    )
    assert found(briefing, "text.simulated-data") == []


# --- no article at all ------------------------------------------------------------------------------------


def test_a_chatbot_asking_for_the_text_is_no_article():
    briefing = article(
        "Happy to put that briefing together!",
        "Before I start, could you paste the source article and tell me who the readers will be?",
    )
    [finding] = found(briefing, "text.no-article")
    assert finding.severity == "error" and "asking for input" in finding.message


def test_a_questionnaire_to_the_user_is_no_article():
    briefing = article(
        "To shape the note, a few things first:",
        "1. Which country or region should it cover?\n2. How long should it be?\n3. Who will read it?\n"
        "4. Is there a deadline?",
    )
    [finding] = found(briefing, "text.no-article")
    assert "questions" in finding.message


def test_an_empty_template_is_no_article():
    briefing = article(
        "# [Briefing title]",
        "## Context",
        "[Two or three sentences of background]",
        "## Key points",
        "- [Point one]\n- [Point two]",
        "## Recommendation",
        "TBD",
    )
    [finding] = found(briefing, "text.no-article")
    assert "template" in finding.message


def test_a_short_note_with_one_chatbot_line_is_still_an_article():
    briefing = article("The ceasefire held overnight, officials said.", "Hope that helps!")
    assert found(briefing, "text.no-article") == []
    assert len(found(briefing, "text.chatbot")) == 1


# --- precision: our own clean articles ----------------------------------------------------------------------


def _clean_articles():
    from tests.core.article_expectations import articles

    return [a for a in articles() if a.name.startswith("residue-clean-")]


def test_there_are_clean_articles_of_each_kind():
    names = {a.name for a in _clean_articles()}
    assert {
        "residue-clean-news-quotes.txt",  # news quoting people who say "I" and "you"
        "residue-clean-memo-minister.md",  # a memo that says "you" to its minister
        "residue-clean-report-tables.md",  # a report with tables, signs, a methods box, recommendations
        "residue-clean-explainer.md",  # questions as headings, "here is what we know", a "you" for readers
        "residue-clean-oped.txt",  # an op-ed in the first person
    } <= names


def test_clean_articles_get_no_residue_findings_before_or_after_the_safe_fixes():
    for clean in _clean_articles():
        briefing, source = clean.load()
        assert [f.message for f in run_checks(briefing, source) if f.rule in RESIDUE_RULES] == [], clean.name
        changes = apply_safe_fixes(briefing, source=source)
        assert [c.rule for c in changes if c.rule in RESIDUE_RULES] == [], clean.name


def test_the_other_test_articles_get_no_residue_findings_they_do_not_expect():
    from tests.core.article_expectations import articles, evaluate

    for other in articles():
        if other.name.startswith("residue-"):
            continue
        wrong = [f.message for f in evaluate(other).false_positives if f.rule in RESIDUE_RULES]
        assert wrong == [], other.name


def test_an_html_comment_is_markup_and_goes():
    briefing = make(
        para("b1", "Storage stood at 87%.<!-- figures from the October bulletin --> Prices fell.")
    )
    assert rules(briefing) == ["text.markup"]
    apply_safe_fixes(briefing)
    assert briefing.sections[0].blocks[0].text == "Storage stood at 87%. Prices fell."


# --- Spanish, German and French cues ----------------------------------------------------------------------


def test_cheap_cues_in_spanish_german_and_french():
    briefing = article(
        "El Gobierno aprobó el presupuesto el martes tras tres semanas de negociación.",
        "No se mencionan cifras de víctimas en el fragmento proporcionado.",
        "¿Te gustaría que añada una tabla con las cifras por región?",
        "Möchten Sie, dass ich eine kurze Zeitleiste ergänze?",
        "Informe generado automáticamente por el asistente de redacción.",
    )
    assert len(found(briefing, "text.context-hedge")) == 1
    assert len(found(briefing, "text.chatbot")) == 2
    assert len(found(briefing, "text.agent-note")) == 1

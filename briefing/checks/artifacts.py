"""Leftovers of the tools the article went through: chatbot chatter, placeholders, markup.

Chatbot patterns are matched a sentence at a time and anchored where chatter sits (the start of a
sentence: "If you'd like, I can…", "Let me know!", "Certainly! Here's…"), so a news sentence that merely
quotes such words mid-sentence is left alone. Whole chatter sentences carry no article information, so
removing them is a safe fix; a knowledge-cutoff hedge leading a factual sentence ("As of my last update,
…") is only offered for removal, because the hedge dates the fact.
"""

from __future__ import annotations

import copy
import html
import re
from collections.abc import Iterator
from typing import Any

from .. import patterns
from ..model import ListBlock, Paragraph, Run, Table
from ..refs import HEADER_ROW, Ref
from . import register_cues as rc
from .context import CheckContext, TextUnit, straighten
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES
from .spans import remove_span_fix, replace_span_fix

_CHATTER = [
    r"^(?:if you(?:'d| would)? (?:like|want|prefer|need)|if needed|should you (?:need|want)|would you like)\b"
    r".*\b(?:i can|i could|i'd be happy|i would be happy|i'm happy|me to|let me know)\b",
    r"^(?:i can also|i could also|i can help|i'd be (?:happy|glad)|i would be (?:happy|glad)"
    r"|i'm (?:happy|glad) to"
    r"|happy to help|glad to help)\b",
    r"^(?:let me know|feel free to|don't hesitate to|do not hesitate to)\b",
    r"^(?:i hope (?:this|that|it) (?:helps|is helpful|was helpful)|hope (?:this|that) helps)",
    r"^(?:is there anything else|anything else (?:i can|you'd like|you would like))",
    r"^(?:would you like me to|do you want me to|shall i|should i (?:also )?(?:add|expand|create|format))\b",
    # An affirmation alone, or leading into what the chatbot wrote ("Sure, here is…"); a news sentence's
    # "Of course, the strike has costs" is not one.
    r"^(?:certainly|sure|absolutely|of course|great question|good question|got it)"
    r"(?:[!.]|$|,\s*(?:here|i\b|i'|let me|below|this is|that's|happy))",
    r"^(?:i've|i have) (?:formatted|rewritten|revised|summari[sz]ed|updated|created|drafted|prepared|written|"
    r"compiled|organi[sz]ed)\b.*\b(?:for you|below|above|as requested|you asked|you requested)\b",
    r"^here(?:'s| is| are) (?:a|an|the|your) (?:[\w-]+ ){0,5}(?:article|summary|analysis|overview|draft|"
    r"version|breakdown|rewrite|piece|briefing|report|rundown|table)\b.*(?::$|\byou\b|\brequested\b)",
    r"\bas an ai\b|\bas a (?:large )?language model\b|\bi(?:'m| am) (?:an ai|a language model|an artificial "
    r"intelligence|just an ai)\b",
    r"\bi (?:don't|do not|cannot|can't) (?:browse|access) (?:the internet|the web|real-time|live|current)\b",
    r"\bi don't have (?:access to )?(?:real-time|current|live|up-to-date) "
    r"(?:data|information|news|updates)\b",
    r"^(?:please )?(?:verify|check|consult|confirm) (?:this )?(?:with |against )?(?:the )?(?:latest|current|"
    r"up-to-date|official|reliable)(?: [\w-]+)? (?:sources|news|reports|information)\b",
    r"\b(?:as of|since) my (?:last|latest|most recent) (?:knowledge )?(?:update|training)\b.*\.?$",
    r"\bmy (?:knowledge|training)(?: data)? (?:cutoff|cut-off)\b",
]
# Anchored patterns lose their "^": they are matched with ``match(text, start, end)`` at each sentence.
_CHATTER_AT_START = patterns.compile("|".join(f"(?:{p[1:]})" for p in _CHATTER if p.startswith("^")))
_CHATTER_ANYWHERE = patterns.compile("|".join(f"(?:{p})" for p in _CHATTER if not p.startswith("^")))
# Words chatter found anywhere in a sentence always has (cheap substring tests before the regex).
_ANYWHERE_HINTS = (" ai", "language model", "i don't", "i do not", "i cannot", "i can't", " my ")
# A cutoff hedge opening an otherwise factual sentence: only the clause is chatter.
_HEDGE = patterns.compile(
    r"(?:as of|according to|based on) my (?:last|latest|most recent)? ?(?:knowledge |training )?"
    r"(?:update|training(?: data)?|information|knowledge(?: cut-?off)?|cut-?off)"
    r"(?: (?:in|of|from) [^,]{1,30})?,\s*",
)

# Bracketed runs never contain an opening bracket, so a scan from one "[" stops at the next: a run of
# thousands of "[" is read once, not once per bracket (the same for "<", "{" and "(" below).
_PLACEHOLDER = patterns.compile(
    r"\[(?:insert|add|your|enter|placeholder|tbd|tk)\b[^\[\]\n]{0,50}\]"
    r"|\[[^\[\]\n]{0,40}\b(?:name|date|topic|country|company|organi[sz]ation|title|source|link|url|number"
    r"|figure|"
    r"amount|region|location|city|author|subject|quote|statistic|percentage)s?\b[^\[\]\n]{0,40}\]"
    r"|\{\{\s*[\w .'-]{1,40}\s*\}\}|<<[^<>\n]{1,40}>>|\bX{2,}(?=%|\b)|\blorem ipsum\b",
    re.IGNORECASE,
)
# More shapes of a slot nobody filled: a Title-case or ALL-CAPS slot noun in brackets ("[Point 1]",
# "[CLIENT_NAME]"), "[… here]", "[to be confirmed]", "<company>" (angle brackets that are no HTML tag),
# "{topic}" and "${name}", TBD/TBC/TBA, "$X million", "20XX", "X.X%", a blank line to fill in ("____").
_SLOT_NOUN = (
    r"(?:name|names|date|topic|country|company|organi[sz]ation|title|source|link|url|number|figure|amount"
    r"|region"
    r"|location|city|author|subject|quote|statistic|percentage|surname|first name|job title|position|agency"
    r"|department|ministry|minister|product|client|customer|recipient|sender|audience|industry|sector|market"
    r"|event|venue|time|year|month|day|value|metric|data|reference|citation|website|email|phone|address"
    r"|signature|logo|image|chart|graph|details|description|summary|text|content|keyword|point|item|bullet"
    r"|paragraph|heading|subtitle|caption|example|option|recommendation|finding|issue|action|step|person"
    r"|party|partner|brand|project|team|role|field|placeholder|variable)"
)
_SLOT = patterns.compile(
    rf"\[(?!(?:the|a|an|his|her|their|its|our|this|that|these|those|sic|matter|emphasis|redacted)\b)"
    rf"(?=[A-Z])[^\[\]\n]{{0,30}}\b{_SLOT_NOUN}s?\b(?:\s*\d+|\s*[A-Z])?\s*(?:here)?\]"
    rf"|\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\]|\[[^\[\]\n]{{1,50}}\bhere\]"
    r"|\[(?:to be (?:added|completed|confirmed|determined|written|provided|inserted|filled(?: in)?|populated"
    r"|drafted|finali[sz]ed|updated)|tbc|tba|pending|content to follow|coming soon)[^\[\]\n]{0,40}\]"
    rf"|<(?!/)(?!(?:p|div|span|strong|em|b|i|u|h[1-6]|ul|ol|li|a|sup|sub|font|blockquote|hr|br|img|table"
    rf"|tr|td"
    rf"|th|code|pre|small|big|center|section|article|header|footer|nav|main|aside|figure|label|input)\b)"
    rf"(?:insert |your |enter |add )?(?:[\w-]+[ _]){{0,3}}{_SLOT_NOUN}s?(?:[ _][\w-]+){{0,2}}>"
    r"|\{[A-Za-z_][A-Za-z0-9_]{2,30}\}|\$\{[A-Za-z_]\w{0,30}\}"
    r"|\bTB[DCA]\b|[$€£¥]\s?X+\b|\bX+(?:[.,]X+)+%?|\b(?:19|20)XX\b|(?<=[\w:] )_{4,}|(?<!_)_{4,}(?= ?[\w.,])",
    re.IGNORECASE,
)
# Case matters for some shapes: "TBD" is a gap, "tbd" in a URL is not; a slot noun in brackets counts
# only written as a slot (Title case or capitals), so an editor's "[the minister]" inside a quote does not.
_SLOT_CASED = patterns.compile(
    r"\bTB[DCA]\b|\[(?=[A-Z])|\[[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+\]|[$€£¥]\s?X|(?<!X)X+[.,]X|XX\b|_{4}|<|\{"
    r"|\[(?i:to be|tbc|tba|pending|content|coming)|here\]"
)
#: A note that a part is still to be written ("(This section will be populated …)", "Coming soon").
_PENDING = patterns.compile(
    r"[(\[][^()\[\]\n]{0,60}?\b(?:will be|is to be|to be|are to be|shall be|remains? to be|still to be"
    r"|yet to be)\s+(?:populated|completed|filled(?: in)?|added|written|drafted|inserted|provided"
    r"|finali[sz]ed"
    r"|expanded|supplied|included)\b[^()\[\]\n]{0,80}[)\]]|"
    r"[(\[]\s*(?:this|the|these|a) (?:section|part|table|chart|paragraph|space|area|field|content|page"
    r"|analysis"
    r"|data|figures|list|summary|box)\b[^()\[\]\n]{0,60}?\b(?:will be|is to be|to be|are to be|shall be"
    r"|remains to be|is reserved for|is pending|pending|coming soon|to follow|goes here"
    r"|go here)\b[^()\[\]\n]{0,80}[)\]]"
    r"|^\s*(?:this|the following) (?:section|part|table|chart|paragraph|space|box) (?:will be|is to be|is"
    r" reserved for|remains to be|shall be) (?:populated|completed|filled(?: in)?|added|written|drafted"
    r"|inserted|provided|expanded later|finali[sz]ed)\b[^\n]{0,120}$"
    r"|^\s*(?:content )?coming soon[.!]?\s*$|^\s*(?:to be (?:added|completed|written|drafted|provided"
    r"|populated|confirmed|determined))[.!]?\s*$|^\s*placeholder(?: text)?\s*$",
    re.IGNORECASE,
)


def placeholders_in(text: str) -> list[tuple[int, int]]:
    """Spans of unfilled placeholders in ``text``, in order, not overlapping."""
    marked = _has_placeholder_piece(text)
    if not marked and not _may_hold_note(text):
        return []
    spans: list[tuple[int, int]] = []
    # Without the pieces, only "xx" or "lorem ipsum" in some other case is a placeholder, and no slot
    # is: every shape of _SLOT_CASED needs "[", "{", "<", "_", "X" or "TB".
    low = text.lower()
    if (marked or "x" in low or "lorem" in low) and _may_match(text, low, _PLACEHOLDER_NEEDS):
        spans = [m.span() for m in _PLACEHOLDER.finditer(text)]
    if marked and _may_match(text, low, _SLOT_NEEDS):
        spans.extend(m.span() for m in _SLOT.finditer(text) if _SLOT_CASED.search(m.group(0)))
    if _may_be_pending(text):
        spans.extend(match.span() for match in _PENDING.finditer(text))
    spans.sort()
    kept: list[tuple[int, int]] = []
    for start, end in spans:
        if kept and start < kept[-1][1]:
            if end > kept[-1][1]:
                kept[-1] = (kept[-1][0], end)
            continue
        kept.append((start, end))
    return kept


#: Pieces of lowered text one of which each alternative of :data:`_PLACEHOLDER` holds ("[", "{{", "<<",
#: "XX", "lorem ipsum"), and of :data:`_SLOT` ("[", "<", "{", TBD, "$X", "X.X", "20XX", "____").
_PLACEHOLDER_NEEDS = ("[", "{{", "<<", "xx", "lorem")
_SLOT_NEEDS = ("[", "<", "{", "tb", "$", "€", "£", "¥", "x.", "x,", "xx", "____")


def _may_match(text: str, low: str, needs: tuple[str, ...]) -> bool:
    """Whether a placeholder pattern may match ``text`` (``low`` is it lowered): most paragraphs have an
    "x" and so are searched, but few hold a piece the pattern needs. The patterns ignore case, so
    non-ASCII text, where "ſ" or "K" match "s" or "k", is always searched."""
    return any(map(low.__contains__, needs)) or not text.isascii()


#: How a text must open for one of :data:`_PENDING`'s anchored alternatives to match it (lowered, after
#: leading whitespace); every other alternative needs a "(" or "[".
_PENDING_OPENINGS = ("this", "the following", "content", "coming", "to be", "placeholder")


def _may_be_pending(text: str) -> bool:
    """Whether :data:`_PENDING` may match ``text``: most paragraphs say "to be" somewhere, but few hold a
    bracket or open with one of its anchored notes. Non-ASCII text is always searched (the pattern
    ignores case, and "ſ" or "K" would match "s" or "k")."""
    if "(" in text or "[" in text or not text.isascii():
        return True
    return text.lstrip().lower().startswith(_PENDING_OPENINGS)


def is_placeholder_only(text: str) -> bool:
    """Whether ``text`` is nothing but placeholders (a bullet, punctuation or a lone label aside)."""
    spans = placeholders_in(text)
    if not spans:
        return False
    rest = text
    for start, end in reversed(spans):
        rest = rest[:start] + " " + rest[end:]
    return not any(ch.isalnum() for ch in rest)


# A safe fix must never drop a sign: ">" before a figure (">30% average", "> 12 points", ">$4bn", ">=")
# is "more than", not a quote marker, and "# of ships" is "number of", not a heading mark.
_MARKUP = patterns.compile(
    r"(?P<link>\[(?P<link_text>[^\[\]\n]+)\]\((?P<href>https?://[^)\s\[\]]+)\))"
    r"|(?P<bold>\*\*(?=\S)(?P<bold_text>[^*\n]+?)(?<=\S)\*\*|__(?=\S)(?P<bold_text2>[^_\n]+?)(?<=\S)__)"
    r"|(?P<code>`(?P<code_text>[^`\n]+)`)"
    r"|(?P<comment><!--[^\n]{0,300}?-->)"
    r"|(?P<br><br\s*/?>)"
    r"|(?P<script><(?P<script_tag>sup|sub)\b[^<>\n]*>(?P<script_text>[^<>\n]{1,40}?)</(?P=script_tag)>)"
    r"|(?P<tag></?(?:p|div|span|strong|em|b|i|u|h[1-6]|ul|ol|li|a|sup|sub|font|blockquote|hr)\b[^<>\n]*>)"
    r"|(?P<entity>&(?:[a-zA-Z]{2,8}|#\d{1,6}|#x[0-9a-fA-F]{1,5});)"
    r"|(?P<shortcode>\[/?(?:caption|embed|gallery|video|audio|button|shortcode)\b[^\[\]\n]*\]"
    r"|\{\{<[^<>\n]*>\}\}"
    r"|\{%[^%\n]*%\})"
    r"|(?P<directive>(?:^|(?<=\s)):{2,3}[a-zA-Z][\w-]*(?:\{[^{}\n]*\})?[ \t]?"
    r"|(?:^|(?<=\n)):{3}[ \t]*(?=\n|$))"
    r"|(?P<hashes>(?:^|(?<=\n))#{1,6}[ \t]+(?!of\b|\d))"
    r"|(?P<quote>(?:^|(?<=\n))>(?![ \t\u00a0\u2009\u202f\u200b\u2060\ufeff]*(?:=|[-+±~≈]?[\d$€£¥.,%]))[ \t]?)"
    r"|(?P<stars>\*\*)",
)
#: The first character of every :data:`_MARKUP` match.
_MARKUP_START = patterns.compile(r"[\[*_`<&{:#>]")
_RULE_LINE = patterns.compile(r"^\s*(?:[-*_=][ \t]*){3,}$")
# Every markup pattern needs one of these; text without any is skipped cheaply.
_MARKUP_HINT = patterns.compile(r"[*_`<&\[{#>]|::")
_MARKUP_NAMES = {
    "link": "a Markdown link",
    "bold": "Markdown bold markers",
    "code": "backticks",
    "comment": "HTML comments",
    "br": "HTML line breaks",
    "script": "HTML tags",
    "tag": "HTML tags",
    "entity": "HTML entities",
    "shortcode": "CMS shortcodes",
    "directive": "CMS directives",
    "hashes": "Markdown heading marks",
    "quote": "a quote marker",
    "stars": "stray asterisks",
}


#: A superscript or subscript kept as its Unicode character ("11<sup>2</sup>" → "11²"): stripping the tag
#: alone would make a new number ("112").
_SCRIPTS = {
    "sup": str.maketrans("0123456789+-−=()n", "⁰¹²³⁴⁵⁶⁷⁸⁹⁺⁻⁻⁼⁽⁾ⁿ"),
    "sub": str.maketrans("0123456789+-−=()", "₀₁₂₃₄₅₆₇₈₉₊₋₋₌₍₎"),
}
_SCRIPT_CHARS = {"sup": set("0123456789+-−=()n"), "sub": set("0123456789+-−=()")}
#: What marks a superscript or subscript that has no Unicode character.
_SCRIPT_MARKS = {"sup": "^", "sub": "_"}
#: The kind :func:`strip_markup` adds when removing markup would join a figure to the word or figure
#: beside it ("11<b>2</b>" → "112"): the strip is then not safe.
JOINS_FIGURES = "joins-figures"


def _script(tag: str, text: str, before: str) -> str:
    """What a ``<sup>``/``<sub>`` becomes: its Unicode characters, or its text with ``^``/``_`` when it
    would otherwise run into the figure or word before it."""
    if set(text) <= _SCRIPT_CHARS[tag]:
        return text.translate(_SCRIPTS[tag])
    if _joins(before[-1:], text[:1]):
        return _SCRIPT_MARKS[tag] + text
    return text


def _joins(before: str, after: str) -> bool:
    """Whether two characters brought together would read as one figure, or a word with a figure."""
    return before.isalnum() and after.isalnum() and (before.isdigit() or after.isdigit())


# --- chatbot ---------------------------------------------------------------------------------------------


def is_chatter(sentence: str) -> bool:
    """Whether a whole sentence is assistant chatter."""
    return bool(chatter_kind(sentence))


def chatter_kind(sentence: str) -> str:
    """What kind of chatter a whole sentence is, wherever it stands ("" for none): ``"leftover"`` for
    the classic offers, sign-offs and self-references, else a kind named from its cues ("greeting",
    "sign-off", "offer of more help", "question back to the reader", "hedge about what it can know")."""
    text = straighten(sentence).lower().strip()
    if _chatter_in(text, 0, len(text)):
        return "leftover"
    low = rc.lowered(sentence)
    return _cued_chatter(low, 0, len(low))


def _cued_chatter(low: str, start: int, end: int) -> str:
    """The chatter ``low[start:end]`` (lowered, quotes blanked) is by its cues alone ("" for none).

    Stance more than phrasing: a short greeting or sign-off, an affirmation exclaimed, the assistant
    saying what it cannot access, the reader asked to tell it what to do, or the assistant talking to
    the reader about the text itself. An article's own "you" (a memo to a minister) or "I" (an op-ed)
    scores too low alone; :mod:`.residue` weighs the rest with the sentence's place and the article's
    register.
    """
    sentence = low[start:end].strip()
    if not sentence or not rc.cue_hint(sentence):
        return ""
    body = sentence.lstrip("¡¿ ")
    words = len(body.split())
    if words <= 14 and "!" in body and rc.GREETING.match(body):
        return "greeting"
    if words <= 14 and rc.SIGN_OFF.match(body):
        return "sign-off"
    affirmed = rc.AFFIRMATION.match(body)
    if words <= 20 and affirmed is not None and body[affirmed.end() :][:1] == "!":
        return "lead-in"
    if rc.CAPABILITY_HEDGE.search(body):
        return "hedge about what it can know"
    cues = rc.cues(low, start, end)
    if cues.ask_back and cues.you:
        return "question back to the reader" if cues.question else "offer of more help"
    if cues.meta and (cues.you or cues.me) and cues.score >= 4:
        return "question back to the reader" if cues.question else "offer of more help"
    return ""


def _chatter_in(lowered: str, start: int, end: int) -> bool:
    """Whether ``lowered[start:end]`` (a sentence of lower-cased text) is chatter."""
    if _CHATTER_AT_START.match(lowered, start, end):
        return True
    padded = f" {lowered[start:end]} "
    return any(map(padded.__contains__, _ANYWHERE_HINTS)) and bool(
        _CHATTER_ANYWHERE.search(lowered, start, end)
    )


#: What chatter found by its cues needs in a long block: the assistant's "I", "me", "my", the reader's
#: "you", an exclamation. A short block is looked at for any cue (a greeting, a sign-off).
_CUED_PIECES = ("you", " i ", " i'", " me", " my ", "!", "¡", "¿", " sie", " vous", "n'h")


def _may_be_cued(unit: TextUnit) -> bool:
    low = unit.normalised
    if len(low) <= 120:
        return rc.cue_hint(low)
    return low.startswith(("i ", "i'", "my ")) or any(map(low.__contains__, _CUED_PIECES))


def check_chatbot(ctx: CheckContext) -> Iterator[Finding]:
    """Chatbot offers, sign-offs, self-references and knowledge-cutoff hedges."""
    rule = RULES["text.chatbot"]
    for unit in ctx.units:
        spans = unit.sentences
        lowered = straighten(unit.text).lower()
        if len(lowered) != len(unit.text):  # a letter whose lower case is longer: offsets would drift
            lowered = "".join(ch if len(ch.lower()) != 1 else ch.lower() for ch in straighten(unit.text))
        masked = rc.unit_lowered(ctx.cache, unit, unit.text) if _may_be_cued(unit) else ""
        run: list[tuple[int, int, str]] = []
        for index, (start, end) in enumerate([*spans, (-1, -1)]):
            sentence = unit.text[start:end] if start >= 0 else ""
            hedge = _HEDGE.match(lowered, start, end) if start >= 0 else None
            kind = ""
            if start >= 0 and hedge is None:
                if _chatter_in(lowered, start, end):
                    kind = "leftover"
                elif masked:
                    kind = _cued_chatter(masked, start, end)
            if kind:
                run.append((start, end, kind))
                continue
            if run:
                yield _chatter_finding(unit, run[0][0], run[-1][1], run[0][2])
                run = []
            if hedge is not None and index < len(spans):
                clause_end = hedge.end()
                rest = unit.text[clause_end:end]
                target = unit.target(start, end)
                replacement = rest[:1].upper() + rest[1:]
                yield Finding(
                    rule.id,
                    rule.severity,
                    f"“{unit.text[start:clause_end].strip()}” is a chatbot's knowledge-cutoff hedge; "
                    "the fact "
                    "it qualifies needs a date from a real source.",
                    target,
                    [
                        replace_span_fix(
                            "Remove the hedge",
                            target,
                            sentence,
                            replacement,
                            False,
                            "Removed a chatbot's knowledge-cutoff hedge.",
                            text=unit.text,
                        )
                    ],
                )


def _chatter_finding(unit: TextUnit, start: int, end: int, kind: str = "leftover") -> Finding:
    rule = RULES["text.chatbot"]
    text = unit.text[start:end]
    target = unit.target(start, end)
    whole = not unit.text[:start].strip() and not unit.text[end:].strip()
    what = "This paragraph is" if whole and unit.item is None else "This is"
    return Finding(
        rule.id,
        rule.severity,
        f"{what} a chatbot's {kind}, not part of the article: “{_clip(text)}”.",
        target,
        [
            remove_span_fix(
                "Remove the chatbot text",
                target,
                text,
                True,
                "Removed text left over from a chatbot conversation.",
                text=unit.text,
            )
        ],
    )


# --- placeholders -----------------------------------------------------------------------------------------


def check_placeholders(ctx: CheckContext) -> Iterator[Finding]:
    """Template placeholders nobody filled in, in prose, table cells and headings."""
    rule = RULES["text.placeholder"]
    for unit in ctx.units:
        spans = placeholders_in(unit.text)
        if not spans:
            continue
        if is_placeholder_only(unit.text):
            target = unit.target()
            what = "paragraph" if unit.item is None else "list item"
            yield Finding(
                rule.id,
                rule.severity,
                f"This {what} is only an unfilled placeholder: “{_clip(unit.text)}”.",
                target,
                [
                    remove_span_fix(
                        f"Remove the {what}",
                        unit.target(0, len(unit.text)),
                        unit.text,
                        True,
                        "Removed an unfilled template placeholder.",
                        text=unit.text,
                    )
                ],
            )
            continue
        for start, end in spans:
            found = unit.text[start:end]
            target = unit.target(start, end)
            yield Finding(
                rule.id,
                rule.severity,
                f"“{found}” is an unfilled template placeholder.",
                target,
                [
                    remove_span_fix(
                        "Remove the placeholder",
                        target,
                        found,
                        False,
                        "Removed an unfilled template placeholder.",
                        text=unit.text,
                    )
                ],
            )
    for start, end in placeholders_in(ctx.briefing.meta.title):
        yield Finding(
            rule.id,
            rule.severity,
            f"The title holds an unfilled placeholder, “{ctx.briefing.meta.title[start:end]}”.",
            Ref("", "", field="meta.title"),
        )
    for section in ctx.briefing.sections:
        for start, end in placeholders_in(section.heading):
            yield Finding(
                rule.id,
                rule.severity,
                f"The heading holds an unfilled placeholder, “{section.heading[start:end]}”.",
                Ref(section.id),
            )
    for section, table in ctx.tables:
        if not _may_hold_placeholder(ctx.table_text[table.id], cell=True):
            continue
        for row, cells in enumerate([table.header, *table.rows], start=HEADER_ROW):
            for column, cell in enumerate(cells):
                slots = placeholders_in(cell) if cell and _may_hold_placeholder(cell, cell=True) else []
                if slots:
                    yield Finding(
                        rule.id,
                        rule.severity,
                        f"“{cell[slots[0][0] : slots[0][1]]}” is an unfilled placeholder.",
                        Ref(section.id, table.id, row=row, column=column),
                    )


#: Something every placeholder has (substring tests: "X" stands for XX%, $X, X.X and 20XX; "(" for a note
#: of what is to come; the sentence-long notes are short blocks and always looked at).
_PLACEHOLDER_PIECES = ("[", "{", "<", "_", "X", "TB", "orem", "laceholder")


def _may_hold_placeholder(text: str, cell: bool = False) -> bool:
    return _has_placeholder_piece(text) or (not cell and _may_hold_note(text))


def _has_placeholder_piece(text: str) -> bool:
    return any(map(text.__contains__, _PLACEHOLDER_PIECES))


def _may_hold_note(text: str) -> bool:
    """Whether a text without :data:`_PLACEHOLDER_PIECES` may still be a note of what is to come."""
    return " be " in text or "oon" in text or text.lstrip().startswith("To be")


# --- markup -----------------------------------------------------------------------------------------------


def strip_markup(text: str) -> tuple[str, list[tuple[int, int, str]], list[str]]:
    """Text without markup, the spans of the result that were bold or linked (``"bold"``/``"href:URL"``),
    and the kinds of markup found."""
    if len(text) < 80 and _RULE_LINE.match(text):
        return "", [], ["rule"]
    if not _MARKUP_HINT.search(text):
        return text, [], []
    out: list[str] = []
    apart: list[str] = []
    styles: list[tuple[int, int, str]] = []
    kinds: list[str] = []
    length = 0
    position = 0
    for match in _markup_matches(text):
        kind = next(name for name in _MARKUP_NAMES if match.group(name) is not None)
        if kind == "entity":
            replacement = html.unescape(match.group(0)).replace("\xa0", " ")
            if replacement == match.group(0):
                continue
        out.append(text[position : match.start()])
        apart.append(text[position : match.start()])
        length += match.start() - position
        position = match.end()
        style = ""
        if kind == "link":
            replacement, style = match.group("link_text"), "href:" + match.group("href")
        elif kind == "bold":
            replacement, style = match.group("bold_text") or match.group("bold_text2"), "bold"
        elif kind == "code":
            replacement = match.group("code_text")
        elif kind == "br":
            replacement = " "
        elif kind == "script":
            previous = out[-1][-1:] if out and out[-1] else (out[-2][-1:] if len(out) > 1 else "")
            replacement = _script(match.group("script_tag"), match.group("script_text"), previous)
        elif kind != "entity":
            replacement = ""
        if style:
            styles.append((length, length + len(replacement), style))
        out.append(replacement)
        # A superscript's characters stay with their figure on purpose ("11²"); other markup is read
        # as a gap, to see whether stripping it joins what it kept apart.
        apart.append(replacement if kind == "script" else f" {replacement} ")
        length += len(replacement)
        kinds.append(kind)
    out.append(text[position:])
    apart.append(text[position:])
    stripped = "".join(out)
    if kinds and _made_a_figure(stripped, "".join(apart)):
        kinds.append(JOINS_FIGURES)
    return stripped, styles, kinds


def _markup_matches(text: str) -> Iterator[re.Match[str]]:
    """What ``_MARKUP.finditer(text)`` yields, tried only where a match can start (no match is empty, and
    each starts with one of :data:`_MARKUP_START`): its many branches, several behind a look-behind, made
    the engine try every one at every character."""
    done = 0
    for start in _MARKUP_START.finditer(text):
        at = start.start()
        if at < done:
            continue
        match = _MARKUP.match(text, at)
        if match is not None:
            done = match.end()
            yield match


_WORD_RUN = patterns.compile(r"\w+")


def _figure_words(text: str) -> set[str]:
    return {word for word in _WORD_RUN.findall(text) if not word.isalpha()}


def _made_a_figure(stripped: str, apart: str) -> bool:
    """Whether the stripped text holds a word with a digit that it does not hold with each piece of
    markup read as a space (``apart``): markup was all that kept two figures apart ("11<b>2</b>")."""
    if not any(map(stripped.__contains__, "0123456789")):
        return False
    return not _figure_words(stripped) <= _figure_words(apart)


def _describe_kinds(kinds: list[str]) -> str:
    names = sorted({_MARKUP_NAMES.get(kind, "a horizontal rule") for kind in kinds if kind != JOINS_FIGURES})
    return ", ".join(names)


def check_markup(ctx: CheckContext) -> Iterator[Finding]:
    """Markdown, HTML and CMS syntax left in the text."""
    rule = RULES["text.markup"]

    def finding(place: str, target: Ref, kinds: list[str], params: dict[str, Any]) -> Finding:
        joins = JOINS_FIGURES in kinds
        note = " Stripping it would join a figure to what stands beside it; check the result." * joins
        return Finding(
            rule.id,
            rule.severity,
            f"{place} contains leftover markup ({_describe_kinds(kinds)}).{note}",
            target,
            [Fix("Strip the markup", not joins, "text.strip-markup", params)],
        )

    for unit in ctx.units:
        if unit.item is None and 1 <= len(unit.text.strip()) <= 6 and not unit.text.strip().strip("#"):
            # A paragraph of heading marks alone: a heading that lost its text, or a press release's
            # "###" end mark. Only '#' goes, so the fix is safe.
            mark = unit.text.strip()
            yield Finding(
                rule.id,
                rule.severity,
                f"This paragraph is only “{mark}”: a heading mark with no heading, or a press release's end "
                "mark, not text of the article.",
                unit.target(),
                [
                    remove_span_fix(
                        "Remove the mark",
                        unit.target(0, len(unit.text)),
                        unit.text,
                        True,
                        "Removed a paragraph of heading marks alone.",
                        text=unit.text,
                    )
                ],
            )
            continue
        _, _, kinds = strip_markup(unit.text)
        if kinds:
            place = "This paragraph" if unit.item is None else f"List item {unit.item + 1}"
            params = {"section_id": unit.section.id, "block_id": unit.block.id, "item": unit.item}
            yield finding(place, unit.target(), kinds, params)
    for section in ctx.briefing.sections:
        kinds = strip_markup(section.heading)[2]
        if kinds:
            yield finding("The heading", Ref(section.id), kinds, {"section_id": section.id, "heading": True})
    for section, table in ctx.tables:
        if not _MARKUP_HINT.search(ctx.table_text[table.id]) and "---" not in ctx.table_text[table.id]:
            continue
        for row, cells in enumerate([table.header, *table.rows], start=HEADER_ROW):
            for column, cell in enumerate(cells):
                kinds = strip_markup(cell)[2] if cell else []
                if kinds:
                    target = Ref(section.id, table.id, row=row, column=column)
                    params = {"section_id": section.id, "block_id": table.id, "row": row, "column": column}
                    yield finding(f"The cell “{_clip(cell, 30)}”", target, kinds, params)


def strip_markup_action(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Strip markup from a paragraph (bold and links become formatting), list item, cell or heading."""
    section_id = params.get("section_id", "")
    if params.get("heading"):
        section = edit.section(section_id)
        if section is None:
            return None
        new, _, kinds = strip_markup(section.heading)
        if not kinds:
            return None
        before = section.heading
        edit.set_value(Ref(section_id, field="heading"), new.strip())
        return Outcome(Ref(section_id), before, section.heading, "Removed leftover markup from a heading.")
    block = edit.block(params["block_id"])
    where = Ref(
        section_id,
        params["block_id"],
        row=params.get("row"),
        column=params.get("column"),
        item=params.get("item"),
    )
    if isinstance(block, Table):
        row, column = params["row"], params["column"]
        cells = block.header if row == HEADER_ROW else block.rows[row] if 0 <= row < len(block.rows) else []
        if column >= len(cells):
            return None
        new, _, kinds = strip_markup(cells[column])
        if not kinds:
            return None
        before = cells[column]
        edit.set_cell(block, row, column, new.strip())
        return Outcome(where, before, new.strip(), "Removed leftover markup from a table cell.")
    if isinstance(block, ListBlock):
        item = params.get("item")
        if item is None or item >= len(block.items):
            return None
        entry = block.items[item]
        new_term, _, term_kinds = strip_markup(entry.term)
        new_text, _, text_kinds = strip_markup(entry.text)
        if not term_kinds and not text_kinds:
            return None
        before = entry.full_text
        if not (new_term + new_text).strip():
            if len(block.items) > 1:
                edit.remove_item(block, item)
            else:
                edit.remove_block(block.id)
            return Outcome(where, before, "", "Removed a list item that was only markup.")
        stripped = copy.copy(entry)
        stripped.term, stripped.text = new_term.strip(), new_text
        if not stripped.term:
            stripped.separator = ""
        edit.set_item(block, item, stripped)
        return Outcome(where, before, stripped.full_text, "Removed leftover markup from a list item.")
    if not isinstance(block, Paragraph):
        return None
    before = block.text
    runs: list[Run] = []
    found = False
    for run in block.runs:
        new, styles, kinds = strip_markup(run.text)
        found = found or bool(kinds)
        runs.extend(_styled_runs(run, new, styles))
    if not found:
        return None
    if not "".join(r.text for r in runs).strip():
        edit.remove_block(block.id)
        return Outcome(where, before, "", "Removed a paragraph that was only markup.")
    edit.set_runs(block, runs)
    return Outcome(
        where, before, block.text, "Removed leftover markup; bold text and links kept as formatting."
    )


def _styled_runs(run: Run, text: str, styles: list[tuple[int, int, str]]) -> list[Run]:
    runs = []
    position = 0
    for start, end, style in styles:
        if start > position:
            runs.append(Run(text[position:start], run.bold, run.italic, run.href))
        bold = run.bold or style == "bold"
        href = style[5:] if style.startswith("href:") else run.href
        runs.append(Run(text[start:end], bold, run.italic, href))
        position = end
    if position < len(text):
        runs.append(Run(text[position:], run.bold, run.italic, run.href))
    return [r for r in runs if r.text]


def _clip(text: str, width: int = 70) -> str:
    return text if len(text) <= width else text[: width - 1] + "…"


ACTIONS = {"text.strip-markup": strip_markup_action}
CHECKS = [check_chatbot, check_placeholders, check_markup]

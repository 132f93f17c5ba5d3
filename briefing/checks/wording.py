"""Recommendations worded as decisions: "That you approve …", the form a decision maker signs off.

A recommendation made from an article's list or table often reads as an instruction ("Strengthen
coordination with allies"), a gerund ("Strengthening coordination …") or a statement ("The ministry
should review …"). The check suggests the decision form and offers it as a rewording of the register's
text — never safe: wording is the analyst's call, so it never runs unattended, and the export never
rewrites what the analyst wrote. Only the register's text changes, not the list item or row it came from.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from ..model import Recommendation
from ..refs import Ref
from .context import CheckContext
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .rules import RULES

#: Openings that already put a recommendation as a decision, or ask for one.
_DECIDED = (
    "that ",
    "it is recommended that ",
    "we recommend that ",
    "recommend that ",
    "recommendation: that ",
)
#: First words that start a statement or a noun phrase, not an instruction.
_NOT_VERBS = frozenset(
    "the a an this these those that there it its we our you your they their he she his her i my no all "
    "any each every some more most further new additional greater better in on at by for from with to "
    "of as if when while after before under over between within without during through option options "
    "recommendation recommendations".split()
)
#: What makes a statement a recommendation ("The ministry should review …"); "will" and "could" predict.
_MODALS = ("should", "must", "shall")
#: Gerunds whose verb the spelling rules below would get wrong.
_IRREGULAR = {
    "using": "use",
    "being": "be",
    "having": "have",
    "making": "make",
    "taking": "take",
    "giving": "give",
    "writing": "write",
    "changing": "change",
    "arranging": "arrange",
    "exchanging": "exchange",
    "challenging": "challenge",
    "adding": "add",
    "monitoring": "monitor",
    "sponsoring": "sponsor",
    "anchoring": "anchor",
    "mirroring": "mirror",
    "tailoring": "tailor",
    "mentoring": "mentor",
    "installing": "install",
    "recalling": "recall",
    "completing": "complete",
    "deleting": "delete",
    "competing": "compete",
    "inviting": "invite",
    "uniting": "unite",
    "citing": "cite",
    "postponing": "postpone",
    "creating": "create",
    "guiding": "guide",
    "piloting": "pilot",
    "pivoting": "pivot",
    "refusing": "refuse",
    "abusing": "abuse",
    "accusing": "accuse",
    "excusing": "excuse",
    "requiring": "require",
    "acquiring": "acquire",
}
_VOWELS = set("aeiou")
#: Words in -ing that open a noun phrase far more often than an instruction ("Funding for ports").
_NOUN_GERUNDS = frozenset(
    "funding spending housing shipping training building meeting planning briefing reporting polling "
    "pricing financing licensing marketing processing screening warning setting ruling landing opening "
    "hearing offering staffing booking banking fishing mining farming lending borrowing".split()
)
#: Verbs a recommendation starts with. An unknown first word is left alone: "Joint drills …" is a noun
#: phrase, and a wrong rewording is worse than none.
_VERBS = frozenset(
    "accept adopt advance agree allocate allow amend approve ask assess authorise authorize avoid ban "
    "boost brief build call cap centralise centralize clarify commission commit complete conduct "
    "confirm consider consult continue convene coordinate create cut decide defer delay delegate deliver "
    "deploy designate develop direct double draft ease encourage endorse engage enhance ensure "
    "establish evaluate expand explore extend finalise finalize fund give grant halt hire hold identify "
    "implement impose improve include increase integrate introduce invest invite issue join keep launch "
    "lead legislate lift limit maintain make mandate monitor move negotiate note offer open pause phase "
    "pilot plan postpone prepare press prioritise prioritize proceed procure promote propose protect "
    "provide publish pursue raise reduce refer reform reinforce reject release renew request require "
    "reserve resume retain review revise scale seek set share sign simplify speed stand start "
    "step stop strengthen streamline suspend support sustain tighten triple update upgrade urge use "
    "withdraw work".split()
)


def base_form(gerund: str) -> str:
    """The verb of an English gerund: "strengthening" → "strengthen", "setting" → "set", "reducing"
    → "reduce", "prioritising" → "prioritise" (lower case; spelling rules plus a few irregulars)."""
    word = gerund.lower()
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    stem = word[:-3]
    if len(stem) < 2:
        return word
    last, before = stem[-1], stem[-2]
    if last == before and last in "bdgmnprt":
        return stem[:-1]  # setting, planning, committing
    if last == before == "l" and len(stem) >= 6 and stem[-3] in "aeo":
        return stem[:-1]  # controlling, cancelling, modelling
    if last in "vcz" and not stem.endswith(("ck", "zz")):
        return stem + "e"  # improve, reduce, prioritize
    if last == "u":
        return stem + "e"  # continue, pursue
    if (
        last == "s"
        and (before in "aeioy" or stem.endswith("aus"))
        and not stem.endswith(("us", "ous"))
        or stem.endswith("aus")
    ):
        return stem + "e"  # increase, raise, revise, propose, analyse
    if last == "g" and (before == "a" or stem.endswith(("rg", "dg", "lg"))):
        return stem + "e"  # engage, manage, leverage, urge, acknowledge
    if last == "l" and before not in _VOWELS and before not in "lr":
        return stem + "e"  # handle, tackle, enable
    if len(stem) >= 3 and stem[-3] not in _VOWELS:
        if stem.endswith(
            ("at", "ut", "ot", "ur", "ir", "ar", "or", "id", "ud", "od", "ak", "ok", "ik", "in")
        ):
            return stem + "e"  # create, execute, promote, ensure, require, prepare, provide, make
    if stem.endswith("at") and stem[-3:] not in ("eat", "oat"):
        return stem + "e"  # negotiate, coordinate
    return stem


def decision_wording(text: str) -> str | None:
    """The recommendation as a decision ("That you …"), or ``None`` when it is one already or its
    first words are no instruction the check can turn (a noun phrase, a question)."""
    stripped = text.strip()
    label = ""
    head, sep, rest = stripped.partition(": ")
    if sep and len(head.split()) <= 4 and rest:  # "Cyber: Fund new teams", a table row's area
        label, stripped = head + ": ", rest.strip()
    low = stripped.lower()
    if not stripped or low.startswith(_DECIDED) or stripped.endswith("?"):
        return None
    for lead in ("we recommend ", "i recommend ", "recommend "):
        if low.startswith(lead):
            stripped = stripped[len(lead) :]
            low = stripped.lower()
            break
    words = stripped.split(" ")
    first = words[0]
    if not first.isalpha():
        return None
    lowered = first.lower()
    # "The ministry should review …" → "That the ministry review …".
    for index, word in enumerate(words[1:7], 1):
        if word.lower() in _MODALS:
            subject = " ".join(words[:index])
            after = words[index + 1 :]
            if not after or after[0].lower() in ("not", "be", "have"):
                return None
            subject = (
                subject if first.isupper() or lowered not in _NOT_VERBS else subject[0].lower() + subject[1:]
            )
            return f"{label}That {subject} {' '.join(after)}"
    if lowered in _NOT_VERBS or (first[0].isupper() and first[1:] != first[1:].lower()):
        return None  # a statement, or an acronym ("NATO", "EU")
    if lowered.endswith("ing") and len(lowered) > 5:
        if lowered in _NOUN_GERUNDS or (len(words) > 1 and words[1].lower() == "of"):
            return None  # "Funding for ports", "Strengthening of …": a noun
        verb = base_form(lowered)
    elif lowered.endswith("ly") and len(words) > 1 and words[1].lower() in _VERBS:  # "Urgently review …"
        verb = lowered
    elif lowered in _VERBS:
        verb = lowered
    else:
        return None  # a noun phrase ("Joint drills …", "Sanctions on …") or a verb not known
    return f"{label}That you {' '.join([verb, *words[1:]])}"


def check_recommendation_wording(ctx: CheckContext) -> Iterator[Finding]:
    """Recommendations in the register that are not worded as decisions."""
    rule = RULES["recommendation.wording"]
    for number, rec in enumerate(ctx.briefing.recommendations, 1):
        suggested = decision_wording(rec.text)
        if suggested is None or suggested == rec.text.strip():
            continue
        yield _finding(rule, number, rec, suggested)


def _finding(rule: Any, number: int, rec: Recommendation, suggested: str) -> Finding:
    target = Ref(block_id=rec.id, field="text")
    return Finding(
        rule.id,
        rule.severity,
        f"Recommendation {number} is not worded as a decision: “{_clip(rec.text)}”. A decision maker "
        f"approves a recommendation put as “That you …”: “{_clip(suggested)}”.",
        target,
        [
            Fix(
                "Word it as a decision",
                False,  # the analyst's wording: offered, never applied unattended
                "recommendation.reword",
                {"rec_id": rec.id, "expected": rec.text, "text": suggested},
            )
        ],
        subject=rec.text,
    )


def _clip(text: str, width: int = 80) -> str:
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def reword(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Set the recommendation's text to the decision wording, while it still reads as it did."""
    rec = next((r for r in edit.briefing.recommendations if r.id == params["rec_id"]), None)
    if rec is None or rec.text != params["expected"]:
        return None
    where = Ref(block_id=rec.id, field="text")
    edit.set_value(where, params["text"])
    return Outcome(where, params["expected"], params["text"], "Worded the recommendation as a decision.")


CHECKS = [check_recommendation_wording]
ACTIONS = {"recommendation.reword": reword}

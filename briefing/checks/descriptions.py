"""Organisations and countries described two incompatible ways.

An article that calls an agency "the country's energy regulator" in one paragraph and "the ministry's
advisory body" in another, a company "the largest producer of lithium" and then "the second-largest
producer of lithium", or a country "a NATO ally" and "a non-member", contradicts itself in a way a
decision maker acts on. Descriptions are read where an article gives them:

- an appositive: "the Energy Market Authority (EMA), the country's energy regulator, said …";
- a copula: "Codelco is the world's largest copper producer";
- a role word just before the name: "energy regulator Ofgem", "NATO ally Poland", "non-NATO Sweden".

Each description is read as one aspect and a value: a rank ("largest", "second-largest", with what and
where: "copper producer", "the world"), membership of a bloc (member or not), or a kind of body
(regulator, advisory body, ministry, court, company, charity, central bank, armed group, army). Two
descriptions of one entity contradict each other when the aspect is the same and the values differ;
two entities both "the largest" of the same thing in the same place contradict each other too. A
sentence that tells of a change or of the past ("now", "became", "overtook", "until", a year) is left
out. Acronyms defined in the text ("(EMA)") name the same entity as the full name.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from .. import patterns
from .context import CheckContext, TextUnit
from .entities import Entity, find_entities
from .findings import Finding, Fix, Severity
from .quantities import is_country, named
from .rules import RULES
from .spans import replace_span_fix

_COMMON_SCOPES = frozenset(
    "world region country nation continent bloc state city province market industry sector area".split()
)
_ORDINALS = {
    "": 1,
    "second": 2,
    "2nd": 2,
    "third": 3,
    "3rd": 3,
    "fourth": 4,
    "4th": 4,
    "fifth": 5,
    "5th": 5,
    "sixth": 6,
    "6th": 6,
}
_RANK = patterns.compile(
    r"^(?:the\s+)?(?:(?P<scope>[A-Za-z][\w ]{0,30}?)['’]s\s+)?(?:(?P<ord>second|third|fourth|fifth|sixth|2nd|"
    r"3rd|4th|5th|6th)[-\s]?)?(?P<sup>largest|biggest|smallest)\s+(?P<noun>[a-z][\w\s-]{1,60}?)"
    r"(?:\s+(?:in|on)\s+(?:the\s+)?(?P<where>[\w\s]{2,30}?))?\s*$",
    re.IGNORECASE,
)
_BLOCS = {
    "nato": "NATO",
    "eu": "the EU",
    "european union": "the EU",
    "opec": "OPEC",
    "opec+": "OPEC+",
    "g7": "the G7",
    "g20": "the G20",
    "brics": "BRICS",
    "asean": "ASEAN",
    "wto": "the WTO",
    "oecd": "the OECD",
    "african union": "the African Union",
    "eurozone": "the eurozone",
    "euro area": "the eurozone",
    "schengen": "the Schengen area",
    "schengen area": "the Schengen area",
    "aukus": "AUKUS",
    "quad": "the Quad",
}
_BLOC = (
    r"NATO|EU|European Union|OPEC\+?|G7|G20|BRICS|ASEAN|WTO|OECD|African Union|eurozone|euro area|"
    r"Schengen(?: area)?|AUKUS|Quad"
)
_MEMBER = patterns.compile(
    rf"(?P<neg>\bnon-|\bnon\s|\bnot\s+(?:a|an)\s+)?(?:the\s+)?(?P<bloc>{_BLOC})\s*(?:-\s*)?"
    r"(?P<what>member(?:\s+(?:state|country|nation))?|ally|allies|state|country|nation|partner)\b"
    rf"|(?P<neg2>\bnon-?member|\bnot\s+(?:a|an)\s+member|\bmember)\s+(?:state\s+|country\s+)?of\s+(?:the\s+)?"
    rf"(?P<bloc2>{_BLOC})\b|(?P<nonmember>\bnon-?member(?:\s+(?:state|country))?)\b",
    re.IGNORECASE,
)
#: Kinds of body, by the words that name them; two kinds of one entity contradict each other.
_KINDS: dict[str, tuple[str, ...]] = {
    "a regulator": (
        "regulator",
        "regulatory authority",
        "regulatory agency",
        "regulatory body",
        "watchdog",
        "supervisor",
        "supervisory authority",
        "competition authority",
    ),
    "an advisory body": (
        "advisory body",
        "advisory council",
        "advisory board",
        "advisory committee",
        "advisory panel",
        "advisory group",
        "consultative body",
        "think tank",
        "think-tank",
    ),
    "a ministry": ("ministry", "government department"),
    "a court": ("court", "tribunal"),
    "a company": ("company", "firm", "corporation", "conglomerate", "multinational", "startup", "start-up"),
    "a charity": (
        "charity",
        "non-profit",
        "nonprofit",
        "ngo",
        "non-governmental organisation",
        "non-governmental organization",
    ),
    "a central bank": ("central bank",),
    "an armed group": (
        "militia",
        "rebel group",
        "armed group",
        "paramilitary group",
        "paramilitary force",
        "insurgent group",
    ),
    "an army": ("national army", "armed forces", "regular army"),
    "a political party": ("political party",),
    "a trade union": ("trade union", "labour union", "labor union"),
}
_KIND_OF = {word: kind for kind, words in _KINDS.items() for word in words}
_KIND_WORDS = "|".join(sorted((re.escape(w) for w in _KIND_OF), key=len, reverse=True))
_KIND_HEAD = patterns.compile(rf"\b(?P<head>{_KIND_WORDS})(?:\s+(?:of|for|in|on)\b.*)?$", re.IGNORECASE)
_OWNERSHIP = patterns.compile(
    r"\b(?P<own>state-owned|state-run|government-owned|publicly owned|nationalised|"
    r"nationalized|private|privately owned|privately held|listed)\b",
    re.IGNORECASE,
)
_STATE = frozenset(
    "state-owned state-run government-owned publicly owned nationalised nationalized".split(" ")
)
#: Sentences about a change or about the past: a description in them may be true of another time.
_CHANGE = patterns.compile(
    r"\b(?:now|no longer|became|become|becomes|becoming|overtook|overtaken|overtake|surpass\w*|slipped|"
    r"fell|falls|rose|rises|climbed|dropped|once|formerly|previously|former|until|since|used to|was|were|"
    r"had been|joined|join|joining|applied|apply|applying|accession|candidate|aspir\w*|left|leave|"
    r"leaving|expelled|suspended|withdr[ae]w\w*|replac\w*|renamed|merged|became|will|would|could|may|"
    r"might|plans?|aims?|seeks?|hopes?|wants?|if|not yet|formerly|ex-|then)\b"
    r"|(?<![\w,.$])(?:19|20)\d\d(?![\w%])",
    re.IGNORECASE,
)
_APPOSITIVE = patterns.compile(
    r"(?<!\s)(?:\s*\([^()]{1,20}\))?,\s++(?P<desc>(?:the|a|an|its|[A-Z][\w.-]{0,30}['’]s)\s+[^,;:.()\"“”]{2,70}?)"
    r"(?=\s*[,;.)]|\s+(?:that|which|who|whose|and|said|says|has|have|had|is|was|will|would|announced|"
    r"warned|argued|told|on)\b|\s*$)"
)
_COPULA = patterns.compile(
    r"(?<!\s)(?:\s*\([^()]{1,20}\))?\s++(?:is|remains|acts\s+as|serves\s+as|functions\s+as)\s+"
    r"(?P<desc>(?:the|a|an|[A-Z][\w.-]{0,30}['’]s)\s+[^,;:.()\"“”]{2,70}?)"
    r"(?=\s*[,;.)]|\s+(?:that|which|who|whose|and|with|since|after|but)\b|\s*$)"
)
_BEFORE = patterns.compile(
    rf"(?P<desc>(?:(?:the|a|an)\s+)?(?:[a-z][\w-]{{0,30}}\s+){{0,2}}(?:{_KIND_WORDS})|\bnon-?(?:{_BLOC})|"
    rf"(?:{_BLOC})[\s-]+(?:ally|member(?:\s+state)?|partner))\s+$",
    re.IGNORECASE,
)
#: How a role word before a name (:data:`_BEFORE`) ends, in lower case: the last word of a kind word,
#: of a bloc, or of a member word.
_BEFORE_ENDS = tuple(
    sorted(
        {w.split()[-1] for w in _KIND_OF}
        | {b.split()[-1] for b in _BLOCS}
        | {"ally", "member", "state", "partner"}
    )
)
_BEFORE_REACH = max(map(len, _BEFORE_ENDS))


def _role_before(sentence: str, start: int) -> re.Match[str] | None:
    """:data:`_BEFORE` searched in the 60 characters before a name at ``start``.

    Its description ends with one of :data:`_BEFORE_ENDS` and then spaces up to the name, so a text
    that does not end so is skipped unsearched (most do not: "said Ofgem", "in Poland"). A tail with
    other than ASCII is left to the pattern: ignoring case there is more than lower case (U+212A, the
    Kelvin sign, matches "k").
    """
    head_start = max(0, start - 60)
    head = sentence[head_start:start]
    if not head[-1:].isspace():
        return None
    tail = head.rstrip()[-_BEFORE_REACH:]
    if tail.isascii() and not tail.lower().endswith(_BEFORE_ENDS):
        return None
    return _BEFORE.search(sentence, head_start, start)


_ACRONYM = patterns.compile(r"\s\((?P<acr>[A-Z][A-Z0-9&]{1,9})\)")


@dataclass
class Description:
    """How one place describes an entity: the words, and the aspect and value they give."""

    unit: TextUnit
    entity: str
    start: int
    end: int
    aspect: str
    value: str
    #: For a rank: what is ranked ("copper producer") and where ("the world"), to name it in messages.
    ranked: str = ""

    @property
    def text(self) -> str:
        """The description as written."""
        return self.unit.text[self.start : self.end]


def _acronyms(units: list[TextUnit]) -> dict[str, str]:
    """Acronyms the article defines: "the Energy Market Authority (EMA)" → {"EMA": "Energy Market
    Authority"}."""
    found: dict[str, str] = {}
    for unit in units:
        if "(" not in unit.text:
            continue
        for match in _ACRONYM.finditer(unit.text):
            head_start = max(0, match.start() - 80)
            names = find_entities(unit.text[head_start : match.start()])
            if names and names[-1].end == match.start() - head_start and " " in names[-1].name:
                found[match.group("acr")] = names[-1].name
    return found


def _lemma(word: str) -> str:
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        return word[:-1]
    return word


def _classify(desc: str) -> list[tuple[str, str, str]]:
    """(aspect, value, ranked) readings of a description's words."""
    readings: list[tuple[str, str, str]] = []
    text = " ".join(desc.split())
    if re.match(r"^(?:one|some|any|each)\s+of\b", text, re.IGNORECASE):
        return readings
    rank = _RANK.match(text)
    if rank and not text.lower().startswith(("a ", "an ")):
        noun = " ".join(_lemma(w) for w in rank.group("noun").lower().split())
        scope = (rank.group("scope") or rank.group("where") or "").lower().strip()
        scope = {"globe": "the world", "planet": "the world"}.get(scope, scope)
        if scope and scope.split()[0] in _COMMON_SCOPES:
            scope = "the " + scope
        sup = rank.group("sup").lower()
        sup = "largest" if sup == "biggest" else sup
        value = str(_ORDINALS[(rank.group("ord") or "").lower()])
        ranked = f"{noun} in {scope}" if scope else noun
        readings.append((f"rank|{sup}|{noun}|{scope}", value, ranked))
        return readings
    for match in _MEMBER.finditer(text):
        bloc = (match.group("bloc") or match.group("bloc2") or "").lower()
        if match.group("nonmember") and not bloc:
            readings.append(("member|", "not a member", ""))
            continue
        if not bloc or (match.group("what") or "").lower() == "partner":
            continue
        negative = match.group("neg") or (match.group("neg2") or "").lower().startswith(("non", "not"))
        readings.append((f"member|{_BLOCS.get(bloc, bloc)}", "not a member" if negative else "a member", ""))
    kind = _KIND_HEAD.search(text.lower())
    if kind:
        readings.append(("kind", _KIND_OF[kind.group("head")], ""))
    own = _OWNERSHIP.search(text)
    if own:
        readings.append(("ownership", "state-owned" if own.group("own").lower() in _STATE else "private", ""))
    return readings


class _Reader:
    def __init__(self, acronyms: dict[str, str], known: frozenset[str]) -> None:
        self.acronyms = acronyms
        self.known = known

    def name(self, entity: Entity) -> str:
        return self.acronyms.get(entity.name, entity.name)

    def descriptions(self, unit: TextUnit, cues: frozenset[str]) -> Iterator[Description]:
        """The descriptions of entities in one paragraph or list item (``cues``: its cue words)."""
        text = unit.text
        for start, end in unit.sentences:
            sentence = text[start:end]
            if not _cued(sentence, cues) or not _LINKED.search(sentence):
                continue
            # A name that opens a sentence counts here: the description after it says it is one.
            for entity in find_entities(sentence, frozenset(), self.known):
                spans = []
                # How far past the description a change may be said of it: a copula's complement goes
                # on ("… is the largest producer since 2020"); an appositive's sentence goes on about
                # something else ("Denmark, a non-member, would only send observers").
                for pattern, reach in ((_APPOSITIVE, 0), (_COPULA, 25)):
                    match = pattern.match(sentence, entity.end)
                    if match:
                        spans.append((match.start("desc"), match.end("desc"), reach))
                before = _role_before(sentence, entity.start)
                if before:
                    spans.append((before.start("desc"), before.end("desc"), 0))
                for a, b, reach in spans:
                    # A change or the past near the description: it may be true of another time.
                    near = sentence[max(0, min(a, entity.start) - 30) : max(b, entity.end) + reach]
                    if _CHANGE.search(near):
                        continue
                    yield from self._read(unit, entity, start + a, start + b)

    def _read(self, unit: TextUnit, entity: Entity, start: int, end: int) -> Iterator[Description]:
        desc = unit.text[start:end]
        for aspect, value, ranked in _classify(desc):
            if aspect.startswith("member|") and aspect != "member|" and entity.name in aspect:
                continue  # "NATO member" said of NATO itself
            yield Description(unit, self.name(entity), start, end, aspect, value, ranked)


#: Words one of which a sentence must hold to describe anything this check reads (a cheap first test).
_CUE_WORDS = frozenset(
    {w.lower() for w in _BLOCS}
    | {w.split()[-1] for w in _KIND_OF}
    | {
        "largest",
        "biggest",
        "smallest",
        "member",
        "non-member",
        "nonmember",
        "state-owned",
        "state-run",
        "government-owned",
        "private",
        "privately",
        "listed",
        "nationalised",
        "nationalized",
        "owned",
    }
)
_CUE_SPLIT = patterns.compile(r"[^\w+-]+")


#: What ties a description to a name: an appositive's comma, a copula, or a role word right before a
#: capitalised word ("regulator Ofgem", "NATO ally Poland"). A sentence with none describes nothing.
_LINKED = patterns.compile(r", |\s(?:is|remains|acts|serves|functions)\s|[a-zA-Z][ -][A-Z]")


def _cues(text: str) -> frozenset[str]:
    """The words a description is made of ("regulator", "largest", "NATO") that a text holds."""
    words = _CUE_SPLIT.split(text.lower())
    parts = [part for word in words if "-" in word for part in word.split("-")]
    return _CUE_WORDS.intersection([*words, *parts])


def _cued(text: str, cues: frozenset[str]) -> bool:
    """Whether a text holds a cue word; ``cues``, those of a text this one is part of, screen it
    cheaply first (a sentence holds none of its paragraph's cues as a substring: it holds no cue)."""
    lowered = text.lower()
    return any(map(lowered.__contains__, cues)) and bool(_cues(text))


def check_descriptions(ctx: CheckContext) -> Iterator[Finding]:
    """One organisation or country described two incompatible ways; two said to be the largest of one
    thing in one place."""
    units = [(unit, cues) for unit in ctx.units if (cues := _cues(unit.text))]
    if not units:
        return
    reader = _Reader(_acronyms(ctx.units), ctx.known_names)
    found: list[Description] = []
    for unit, cues in units:
        found.extend(reader.descriptions(unit, cues))
    if len(found) < 2:
        return
    rule = RULES["consistency.descriptions"]
    # "a non-member" names no bloc: it is the one the article speaks of this entity's membership of.
    blocs: dict[str, set[str]] = {}
    for description in found:
        if description.aspect.startswith("member|") and description.aspect != "member|":
            blocs.setdefault(description.entity, set()).add(description.aspect)
    for description in found:
        if description.aspect == "member|" and len(blocs.get(description.entity, ())) == 1:
            (description.aspect,) = blocs[description.entity]
    by_aspect: dict[tuple[str, str], list[Description]] = {}
    for description in found:
        by_aspect.setdefault((description.entity, description.aspect), []).append(description)
    reported: set[tuple[str, int, int]] = set()
    for (entity, aspect), group in by_aspect.items():
        if aspect == "member|":
            continue
        first = group[0]
        for later in group[1:]:
            if later.value == first.value or _same_sentence(first, later):
                continue
            key = (later.unit.block.id, later.unit.item or 0, later.start)
            if key in reported:
                continue
            reported.add(key)
            yield _finding(ctx, rule.id, rule.severity, entity, later, first, _why(aspect, later, first))
    # Two entities both the largest (or smallest) of one thing in one place.
    firsts: dict[str, Description] = {}
    for description in found:
        if not description.aspect.startswith("rank|") or description.value != "1":
            continue
        _, _, noun, scope = description.aspect.split("|")
        if len(noun.split()) < 2 and not scope:
            continue  # "the largest producer": of what, where? too vague to set against another
        earlier = firsts.setdefault(description.aspect, description)
        if earlier.entity == description.entity or _same_sentence(earlier, description):
            continue
        key = (description.unit.block.id, description.unit.item or 0, description.start)
        if key in reported:
            continue
        reported.add(key)
        sup = description.aspect.split("|")[1]
        yield Finding(
            rule.id,
            rule.severity,
            f"{_cap(_named(description.entity))} is called “{description.text}” in "
            f"{_place(ctx, description)}, but {_named(earlier.entity)} is called “{earlier.text}” in "
            f"{_place(ctx, earlier)}; only one can be the {sup} {description.ranked}.",
            description.unit.target(description.start, description.end),
        )


_ORGANISATION = patterns.compile(
    r"\b(?:Authority|Agency|Ministry|Department|Bank|Council|Commission|Committee|Board|Office|Institute|"
    r"Service|Bureau|Court|Tribunal|Fund|Forces|Army|Union|Organi[sz]ation|Association|Federation|Group|"
    r"Corporation|Company|Party|Front|Movement|Alliance)\b"
)


def _named(entity: str) -> str:
    """An entity as a sentence names it: "the Energy Market Authority", "the United States", "Ofgem"."""
    if is_country(entity):
        return named(entity)
    return f"the {entity}" if _ORGANISATION.search(entity) else entity


def _same_sentence(a: Description, b: Description) -> bool:
    if a.unit is not b.unit:
        return False
    return any(s <= a.start < e and s <= b.start < e for s, e in a.unit.sentences)


def _cap(text: str) -> str:
    return text[:1].upper() + text[1:]


_RANK_WORDS = {1: "", 2: "second-", 3: "third-", 4: "fourth-", 5: "fifth-", 6: "sixth-"}


def _why(aspect: str, here: Description, there: Description) -> str:
    if aspect.startswith("rank|"):
        sup = aspect.split("|")[1]
        ranks = sorted({int(here.value), int(there.value)})
        both = " and the ".join(f"{_RANK_WORDS[r]}{sup}" for r in ranks)
        return f"it cannot be both the {both} {here.ranked}"
    if aspect.startswith("member|"):
        return f"it cannot both be and not be a member of {aspect.split('|', 1)[1]}"
    if aspect == "ownership":
        return "it cannot be both state-owned and private"
    return f"{here.value} and {there.value} are different things"


def _place(ctx: CheckContext, description: Description) -> str:
    place = ctx.places.describe_id(description.unit.block.id)
    return place + (f", item {description.unit.item + 1}" if description.unit.item is not None else "")


def _finding(
    ctx: CheckContext,
    rule: str,
    severity: Severity,
    entity: str,
    here: Description,
    there: Description,
    why: str,
) -> Finding:
    where, elsewhere = _place(ctx, here), _place(ctx, there)
    if elsewhere == where:
        elsewhere = "earlier in the same paragraph" if here.unit.item is None else "earlier in the same item"
    name = _named(entity)
    name = name[:1].upper() + name[1:]
    fixes: list[Fix] = [
        replace_span_fix(
            f"Use “{there.text}” here too",
            here.unit.target(here.start, here.end),
            here.text,
            there.text,
            False,
            f"Described {entity} as “{there.text}”, as elsewhere in the article.",
            here.unit.text,
        ),
        replace_span_fix(
            f"Use “{here.text}” there too"
            if elsewhere.startswith("earlier")
            else f"Use “{here.text}” in {elsewhere} too",
            there.unit.target(there.start, there.end),
            there.text,
            here.text,
            False,
            f"Described {entity} as “{here.text}”, as elsewhere in the article.",
            there.unit.text,
        ),
    ]
    return Finding(
        rule,
        severity,
        f"{name} is called “{here.text}” in {where}, but “{there.text}” "
        f"{elsewhere if elsewhere.startswith('earlier') else 'in ' + elsewhere}; {why}.",
        here.unit.target(here.start, here.end),
        fixes,
    )


ACTIONS: dict[str, object] = {}
CHECKS = [check_descriptions]

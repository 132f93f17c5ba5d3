"""People: one person given conflicting titles, and leaders who were not in office when the article is set.

Titles are read from "qualifier + country + office + name" phrases ("former U.S. President Donald
Trump"). Anachronisms are judged against the bundled dated table of heads of state and government
(:mod:`.leaders`): an article that calls Trump the president but speaks of "the Biden administration's
efforts" names two presidents whose terms never overlapped. The leader the article is about (named most
often) is taken as right and the other mentions are flagged; nothing is changed without the user.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import Counter, defaultdict
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache
from typing import Any

from .. import patterns
from ..model import ListBlock, Paragraph
from ..refs import Ref
from .context import CheckContext, TextUnit
from .edits import Edit
from .findings import Finding, Fix, Outcome
from .leaders import Holder, Leaders, load_leaders
from .rules import RULES
from .spans import context, locate, sentence_around, unit_text
from .values import cell_date

_QUALIFIER_WORDS = r"(?i:former|ex|then|outgoing|incoming|late|acting|interim|current|sitting|newly elected)"
_QUALIFIER = rf"(?P<qual>{_QUALIFIER_WORDS})"
_ADJECTIVES = {
    "U.S.": "United States",
    "US": "United States",
    "United States": "United States",
    "American": "United States",
    "U.K.": "United Kingdom",
    "UK": "United Kingdom",
    "British": "United Kingdom",
    "French": "France",
    "German": "Germany",
    "Japanese": "Japan",
    "South Korean": "South Korea",
    "North Korean": "North Korea",
    "Chinese": "China",
    "Russian": "Russia",
    "Canadian": "Canada",
    "Ukrainian": "Ukraine",
    "Indian": "India",
    "Australian": "Australia",
    "Israeli": "Israel",
    "Iranian": "Iran",
    "Italian": "Italy",
    "Spanish": "Spain",
    "Turkish": "Turkey",
    "Brazilian": "Brazil",
    "Mexican": "Mexico",
    "Taiwanese": "Taiwan",
    "Polish": "Poland",
}
_OFFICES = (
    "Vice President",
    "President",
    "Deputy Prime Minister",
    "Prime Minister",
    "Chancellor",
    "Premier",
    "Supreme Leader",
    "Secretary of State",
    "Secretary of Defense",
    "Defense Secretary",
    "Defence Secretary",
    "Foreign Secretary",
    "Foreign Minister",
    "Defense Minister",
    "Defence Minister",
    "Finance Minister",
    "Interior Minister",
    "Home Secretary",
    "Treasury Secretary",
    "Trade Minister",
    "Commerce Secretary",
    "Economy Minister",
    "Energy Minister",
    "Health Minister",
    "Justice Minister",
    "Secretary-General",
    "Secretary General",
    "National Security Adviser",
    "National Security Advisor",
    "Ambassador",
    "Senator",
    "Governor",
    "Speaker",
    "King",
    "Queen",
    "Chairman",
)
_NAME_WORD = r"[A-Z](?:[a-zà-ÿ]+(?:['’][A-Z][a-z]+)?(?:-[A-Za-z][a-zà-ÿ]*)*|\.)"
_NOT_NAMES = frozenset(
    "Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July "
    "August September October November December The This That On In At As And But Said Says".split()
)
_ADJECTIVE_WORDS = "|".join(re.escape(a) for a in sorted(_ADJECTIVES, key=len, reverse=True))
_TITLE = patterns.compile(
    rf"\b(?:{_QUALIFIER}[\s-]+)?(?:(?P<adj>{_ADJECTIVE_WORDS})"
    rf"\s+)?(?P<office>{'|'.join(_OFFICES)})\s+(?P<name>{_NAME_WORD}(?:\s+{_NAME_WORD}){{0,3}})"
)
_OFFICE_WORDS = frozenset(office.split()[0] for office in _OFFICES)
#: Offices one person holds one at a time, by portfolio: a person called "Defence Minister" in one place
#: and "Foreign Minister" in another is given two roles. Deputies, vice presidents, envoys, senators,
#: advisers and the like are left out: they are often held together with another office.
_PORTFOLIOS = {
    "President": "head",
    "Prime Minister": "head",
    "Chancellor": "head",
    "Premier": "head",
    "Secretary of State": "foreign",
    "Foreign Secretary": "foreign",
    "Foreign Minister": "foreign",
    "Secretary of Defense": "defence",
    "Defense Secretary": "defence",
    "Defence Secretary": "defence",
    "Defense Minister": "defence",
    "Defence Minister": "defence",
    "Finance Minister": "finance",
    "Treasury Secretary": "finance",
    "Interior Minister": "interior",
    "Home Secretary": "interior",
    "Trade Minister": "trade",
    "Commerce Secretary": "trade",
    "Economy Minister": "economy",
    "Energy Minister": "energy",
    "Health Minister": "health",
    "Justice Minister": "justice",
}
#: A sentence that tells of a career, not of one moment: two offices in it are no contradiction.
_CAREER = patterns.compile(
    r"\b(?:then|former(?:ly)?|previously|earlier|later|until|since|before|after|bec[oa]me|becomes|appointed|"
    r"named|promoted|moved|took over|succeeded|replaced|replacing|reshuffle|resigned|stepped down|"
    r"served|was once|once|now|newly|incoming|outgoing|acting|interim|nominee|nominated|designate|"
    r"elected|sworn in|career|ex)\b",
    re.IGNORECASE,
)
_FORMER = {"former", "ex"}
_CURRENT = {"current", "sitting", ""}
_HISTORICAL_CUE = patterns.compile(
    r"\b(?:under|during|previous|former|then|prior|predecessor|earlier|past|era|legacy|back in|days of|"
    r"since|years of|ex)\W*(?:\w+\W+){0,3}$",
    re.IGNORECASE,
)
_SENTENCE_YEAR = patterns.compile(r"(?<![\w,.$-])((?:19|20)\d\d)(?![\w,%])")
# Matched right after a name; the look-behind keeps a search through a long run of spaces linear.
_AFTER_GOVERNMENT = patterns.compile(
    r"(?<!\s)(?:['’]s)?\s++(?:administration|government|cabinet|White House|presidency|premiership)\b"
)


@dataclass
class Mention:
    """A person named with a title in a piece of prose."""

    unit: TextUnit
    start: int
    end: int
    qualifier: str
    country: str
    office: str
    name: str

    @property
    def text(self) -> str:
        """The phrase as written."""
        return self.unit.text[self.start : self.end]

    @property
    def title(self) -> str:
        """The phrase without the name ("former U.S. President")."""
        return self.text[: len(self.text) - len(self.name)].strip()


def title_mentions(units: list[TextUnit]) -> list[Mention]:
    """Every "qualifier country office Name" phrase in the prose."""
    mentions = []
    for unit in units:
        if not unit.capitals & _OFFICE_WORDS:
            continue
        for match in _TITLE.finditer(unit.text):
            words = match.group("name").split()
            while words and (words[-1] in _NOT_NAMES or words[-1].endswith(".")):
                words.pop()
            if not words or words[0] in _NOT_NAMES:
                continue
            name = " ".join(words)
            end = match.start("name") + len(name)
            adjective = match.group("adj") or ""
            mentions.append(
                Mention(
                    unit,
                    match.start(),
                    end,
                    (match.group("qual") or "").lower(),
                    _ADJECTIVES.get(adjective, ""),
                    match.group("office"),
                    name,
                )
            )
    return mentions


def _people(mentions: list[Mention]) -> dict[str, list[Mention]]:
    """Mentions grouped by person: full names, with a lone surname joined to the one full name it ends."""
    full = {m.name for m in mentions if len(m.name.split()) > 1}
    groups: dict[str, list[Mention]] = defaultdict(list)
    for mention in mentions:
        key = mention.name
        if len(key.split()) == 1:
            owners = [name for name in full if key in name.split()]
            if len(owners) == 1:
                key = owners[0]
        groups[key].append(mention)
    return groups


def check_conflicting_titles(ctx: CheckContext) -> Iterator[Finding]:
    """The same person called, say, "President" in one place and "former President" in another."""
    rule = RULES["people.conflicting-titles"]
    for name, office, conflicting in _conflicts(ctx):
        variants = list(dict.fromkeys(m.title for m in conflicting))
        # One list of fixes serves every finding of the group; a fix names the person, the office and the
        # title, and finds the places itself when it runs (a list of places in each fix made the findings of
        # a long article grow with the square of its mentions).
        fixes = [_use_title_fix(name, office, variant) for variant in variants]
        first_of: dict[str, Mention] = {}
        for mention in conflicting:
            first_of.setdefault(mention.title.lower(), mention)
        leading = list(first_of.values())[:2]
        why = "one person cannot hold both offices" if office == ROLES else "the titles contradict each other"
        for mention in conflicting:
            other = leading[1] if mention.title.lower() == leading[0].title.lower() else leading[0]
            here = ctx.places.describe_id(mention.unit.block.id)
            there = ctx.places.describe_id(other.unit.block.id)
            if there == here:
                there = "the same paragraph" if mention.unit.item is None else "the same list"
            yield Finding(
                rule.id,
                rule.severity,
                f"{name} is called “{mention.text}” in {here} but “{other.text}” in {there}; {why}.",
                mention.unit.target(mention.start, mention.end),
                fixes,
            )


def _conflicts(ctx: CheckContext) -> Iterator[tuple[str, str, list[Mention]]]:
    """Each person and office given contradictory titles, with the mentions concerned in reading order."""
    for name, mentions in _people(title_mentions(ctx.units)).items():
        by_office: dict[str, list[Mention]] = defaultdict(list)
        for mention in mentions:
            by_office[mention.office].append(mention)
        for office, group in by_office.items():
            former = [m for m in group if m.qualifier in _FORMER]
            current = [m for m in group if m.qualifier in _CURRENT]
            countries = {m.country for m in group if m.country}
            conflicting: list[Mention] = []
            if former and current:
                conflicting = former + current
            elif len(countries) > 1:
                conflicting = [m for m in group if m.country]
            if not conflicting:
                continue
            conflicting.sort(key=lambda m: (ctx.positions.get(m.unit.block.id, 0), m.unit.item or 0, m.start))
            if len({m.title.lower() for m in conflicting}) < 2:
                continue
            yield name, office, conflicting
        roles = _roles(ctx, name, mentions)
        if roles:
            yield name, ROLES, roles


#: The "office" of a conflict between two offices of one person (a fix's parameters name it).
ROLES = "roles"


def _roles(ctx: CheckContext, name: str, mentions: list[Mention]) -> list[Mention]:
    """Mentions giving one person offices of two portfolios ("Defence Minister Lin Wei", "Foreign
    Minister Lin Wei"), none of them in a sentence about a career or a year; [] when there are none."""
    if len(name.split()) < 2:
        return []
    sitting = [
        m
        for m in mentions
        if m.qualifier in _CURRENT
        and m.office in _PORTFOLIOS
        and not (m.office == "Secretary of State" and m.country not in ("", "United States"))
        and len(m.name.split()) > 1
    ]
    if (
        len({_PORTFOLIOS[m.office] for m in sitting}) < 2
        or len({m.country for m in sitting if m.country}) > 1
    ):
        return []
    for mention in sitting:
        sentence = sentence_around(mention.unit.text, mention.start, mention.end)
        if _CAREER.search(sentence) or _SENTENCE_YEAR.search(sentence):
            return []
    sitting.sort(key=lambda m: (ctx.positions.get(m.unit.block.id, 0), m.unit.item or 0, m.start))
    return sitting


def _use_title_fix(name: str, office: str, variant: str) -> Fix:
    return Fix(
        f"Use “{variant} {name.split()[-1]}” everywhere",
        False,
        "people.use-title",
        {"name": name, "office": office, "title": variant},
    )


def _places(edit: Edit, params: dict[str, Any]) -> list[dict[str, Any]]:
    """The mentions a use-title fix changes, found afresh in the briefing as it is now; a fix saved by an
    earlier version lists its places itself."""
    if "places" in params:
        return list(params["places"])
    places = []
    for name, office, conflicting in _conflicts(CheckContext(edit.briefing)):
        if name != params["name"] or office != params.get("office"):
            continue
        for m in conflicting:
            places.append(
                {
                    "block_id": m.unit.block.id,
                    "section_id": m.unit.section.id,
                    "item": m.unit.item,
                    "start": m.start,
                    "end": m.end,
                    "expected": m.text,
                    "replacement": _retitle(m, params["title"]),
                    **context(m.unit.text, m.start, m.end),
                }
            )
    return places


def _retitle(mention: Mention, title: str) -> str:
    before = mention.unit.text[: mention.start].rstrip()
    text = f"{title} {mention.name}"
    at_start = not before or before[-1] in ".!?"
    return text[:1].upper() + text[1:] if at_start else text


def use_title(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Give every listed mention of a person the same title."""
    befores, afters, wheres = [], [], []
    # Later places first, so offsets of earlier ones in the same text stay right.
    for place in sorted(
        _places(edit, params), key=lambda p: (p["block_id"], p.get("item") or 0, -p["start"])
    ):
        block = edit.block(place["block_id"])
        text = unit_text(block, place.get("item")) if block is not None else None
        if text is None or place["expected"] == place["replacement"]:
            continue
        assert isinstance(block, Paragraph | ListBlock)
        span = locate(text, place, place["replacement"])
        if span is None:
            continue
        befores.append(sentence_around(text, *span))
        edit.replace_text(block, place.get("item"), span[0], span[1], place["replacement"])
        new = unit_text(block, place.get("item")) or ""
        afters.append(sentence_around(new, span[0], span[0] + len(place["replacement"])))
        wheres.append(Ref(place.get("section_id", ""), place["block_id"], item=place.get("item")))
    if not befores:
        return None
    # Several places: the change names the whole article, its sentences say where.
    places = list(dict.fromkeys(wheres))
    return Outcome(
        places[0] if len(places) == 1 else Ref(),
        "\n".join(befores),
        "\n".join(afters),
        f"Gave {params['name']} one title throughout: “{params['title']}”.",
    )


# --- anachronisms ------------------------------------------------------------------------------------------


@dataclass
class LeaderMention:
    """A leader from the table named in the prose, and whether the text treats them as in office."""

    unit: TextUnit
    start: int
    end: int
    holder: Holder
    current: bool
    phrase_start: int
    phrase_end: int


@cache
def _name_pattern(leaders: Leaders) -> tuple[re.Pattern[str], dict[str, list[Holder]]]:
    by_name: dict[str, list[Holder]] = defaultdict(list)
    for holder in leaders.holders:
        for name in holder.names:
            by_name[name].append(holder)
    names = sorted(by_name, key=len, reverse=True)
    return re.compile(r"\b(?:" + "|".join(re.escape(n) for n in names) + r")\b"), dict(by_name)


@cache
def _title_pattern(leaders: Leaders) -> re.Pattern[str]:
    """A title just before a leader's name ("former U.S. President "), searched in the 60 characters
    before it; it starts where a word does (so a search never rescans a long word from each letter)."""
    offices = "|".join(sorted({h.office for h in leaders.holders}, key=len, reverse=True))
    return re.compile(
        rf"(?<![\w.’'-])(?:(?P<qual>{_QUALIFIER_WORDS})[\s-]+)?(?:[A-Z][\w.]*\s+){{0,2}}(?P<office>{offices})\s+"
        r"(?:[A-Z][\w.’'-]*\s+){0,2}$"
    )


@cache
def _name_words(leaders: Leaders) -> frozenset[str]:
    """The first word of every name in the table: a unit without one names no leader."""
    return frozenset(re.split(r"[\s’'-]", name)[0] for holder in leaders.holders for name in holder.names)


def leader_mentions(units: list[TextUnit], leaders: Leaders) -> tuple[list[LeaderMention], Counter[str]]:
    """Mentions of table leaders in the prose, and how often each person's names occur at all."""
    pattern, by_name = _name_pattern(leaders)
    found: list[LeaderMention] = []
    counts: Counter[str] = Counter()
    before_title = _title_pattern(leaders)
    first_words = _name_words(leaders)
    for unit in units:
        if not unit.capitals & first_words:
            continue
        text = unit.text
        for match in pattern.finditer(text):
            holders = by_name[match.group(0)]
            for holder in holders:
                counts[holder.name] += 1
            head = text[max(0, match.start() - 60) : match.start()]
            title = before_title.search(head)
            government = _AFTER_GOVERNMENT.match(text, match.end())
            current = False
            phrase_start, phrase_end = match.start(), match.end()
            chosen = holders
            if title and (title.group("qual") or "").lower() not in {"former", "ex", "then", "late"}:
                chosen = [h for h in holders if h.office == title.group("office")]
                current = bool(chosen)
                phrase_start = match.start() - len(head) + title.start()
            elif government and not _HISTORICAL_CUE.search(text[max(0, match.start() - 40) : match.start()]):
                chosen = [
                    h for h in holders if h.office in ("President", "Prime Minister", "Chancellor")
                ] or holders
                current = True
                phrase_end = government.end()
            for holder in chosen:
                found.append(
                    LeaderMention(unit, match.start(), match.end(), holder, current, phrase_start, phrase_end)
                )
    return found, counts


def article_date(ctx: CheckContext) -> dt.date | None:
    """The date the article is set on: its source date, else the latest exact date its prose gives."""
    if ctx.briefing.meta.source.date:
        day = cell_date(ctx.briefing.meta.source.date)
        if day is not None:
            return day
    days = [d.day for _, d in ctx.prose_dates if d.precise]
    return max(days) if days else None


def check_anachronisms(ctx: CheckContext) -> Iterator[Finding]:
    """Leaders treated as in office when the article's own evidence says they were not."""
    leaders = load_leaders()
    mentions, counts = leader_mentions(ctx.units, leaders)
    pattern, by_name = _name_pattern(leaders)
    for section in ctx.briefing.sections:  # headings say what the article is about
        for match in pattern.finditer(section.heading):
            for holder in by_name[match.group(0)]:
                counts[holder.name] += 1
    reported: set[tuple[str, int, int]] = set()
    groups: dict[tuple[str, str], list[LeaderMention]] = defaultdict(list)
    for mention in mentions:
        if mention.current:
            groups[(mention.holder.country, mention.holder.office)].append(mention)
    dates: list[tuple[dt.date, Ref]] | None = None
    clauses: dict[tuple[int, int], str] = {}  # one per pair of holders: it reads every date
    for group in groups.values():
        holders = {m.holder.name: m.holder for m in group}
        if len(holders) < 2:
            continue
        ranked = sorted(
            holders.values(), key=lambda h: (counts[h.name], sum(m.holder is h for m in group)), reverse=True
        )
        top, runner = ranked[0], ranked[1]
        if (counts[top.name], sum(m.holder is top for m in group)) == (
            counts[runner.name],
            sum(m.holder is runner for m in group),
        ):
            continue  # no way to tell which one the article is about
        called = _first(ctx, [m for m in group if m.holder is top])
        for mention in group:
            holder = mention.holder
            if holder is top or holder.overlaps(top) or _dated_within_term(mention):
                continue
            key = (mention.unit.block.id, mention.unit.item or 0, mention.start)
            if key in reported:
                continue
            reported.add(key)
            if dates is None:
                dates = article_dates(ctx)
            pair = (id(holder), id(top))
            if pair not in clauses:
                clauses[pair] = _dates_clause(ctx, dates, [holder, top], leaders.as_of)
            yield _inconsistent(ctx, mention, called, clauses[pair])
    if not any(mention.current for mention in mentions):
        return
    day = article_date(ctx)
    if day is None:
        return
    for mention in mentions:
        if not mention.current or mention.holder.in_office(day, leaders.as_of) is not False:
            continue
        key = (mention.unit.block.id, mention.unit.item or 0, mention.start)
        if key in reported or _dated_within_term(mention):
            continue
        reported.add(key)
        yield _out_of_term(ctx, mention, day)


def _first(ctx: CheckContext, mentions: list[LeaderMention]) -> LeaderMention:
    """The mention that comes first in reading order."""
    return min(mentions, key=lambda m: (ctx.positions.get(m.unit.block.id, 0), m.unit.item or 0, m.start))


def article_dates(ctx: CheckContext) -> list[tuple[dt.date, Ref]]:
    """Every date the article gives with a month and a year, in its prose and in its tables' date cells,
    with where it is."""
    found = [(mention.day, unit.target(mention.start, mention.end)) for unit, mention in ctx.prose_dates]
    for section, table in ctx.tables:
        kinds = ctx.cell_kinds[table.id]
        for row_index, row in enumerate(table.rows):
            for column, cell in enumerate(row):
                if kinds(row_index, column) != "date":
                    continue
                day = cell_date(cell)
                if day is not None:
                    found.append((day, Ref(section.id, table.id, row=row_index, column=column)))
    return found


def _months(days: list[dt.date]) -> str:
    """ "April 2024", "April–June 2024", "December 2024 – March 2025"."""
    first, last = min(days), max(days)
    if (first.year, first.month) == (last.year, last.month):
        return f"{first:%B %Y}"
    if first.year == last.year:
        return f"{first:%B}–{last:%B %Y}"
    return f"{first:%B %Y} – {last:%B %Y}"


def _terms(holder: Holder) -> str:
    """When the holder was in office: "in 2021–2025", "in 2017–2021 and since 2025", "since 2024"."""
    terms = [f"in {a.year}–{b.year}" if b else f"since {a.year}" for a, b in holder.terms]
    joined = terms[0] if len(terms) == 1 else f"{', '.join(terms[:-1])} and {terms[-1]}"
    return joined.replace("and in ", "and ")


def _in_words(places: list[str]) -> str:
    if len(places) <= 2:
        return " and ".join(places)
    return f"{', '.join(places[:2])} and elsewhere"


def _dates_clause(
    ctx: CheckContext, dates: list[tuple[dt.date, Ref]], holders: list[Holder], as_of: dt.date
) -> str:
    """ ", and its dates (April 2024, in Table 1) fall in Joe Biden's term (2021–2025)", or "" when the
    article gives no dates the table can judge."""
    known = [(day, ref) for day, ref in dates if day <= as_of]
    if not known:
        return ""
    days = [day for day, _ in known]
    where = _in_words(list(dict.fromkeys(ctx.places.describe_id(ref.block_id) for _, ref in known)))
    given = f"its dates ({_months(days)}, in {where})"
    within = [h for h in holders if all(h.in_office(day, as_of) for day in days)]
    if len(within) == 1:
        return f", and {given} fall in {within[0].name}’s term"
    if not any(h.in_office(day, as_of) for h in holders for day in days):
        return f", and {given} fall in neither one’s term"
    return ""  # partly in each: they say nothing about which one is meant


def _inconsistent(
    ctx: CheckContext,
    mention: LeaderMention,
    called: LeaderMention,
    dates_clause: str,
) -> Finding:
    """Two holders of one office, whose terms never overlapped, both spoken of as in office: the article
    contradicts itself, and only the user knows which one it means. Both choices are offered."""
    rule = RULES["people.anachronism"]
    holder, top = mention.holder, called.holder
    office = office_name(holder.office, holder.country)
    phrase = _spoken_of(mention)
    top_phrase = called.unit.text[called.phrase_start : called.phrase_end]
    here = ctx.places.describe_id(mention.unit.block.id)
    there = ctx.places.describe_id(called.unit.block.id)
    if called.unit.block.id == mention.unit.block.id and called.unit.item == mention.unit.item:
        here = "the same paragraph" if mention.unit.item is None else "the same item"
    message = (
        f"The article is inconsistent about the {office}: it calls {top.name} {top.office} in {there} "
        f"(“{top_phrase}”), but speaks of {phrase} in {here}{dates_clause}. "
        f"{holder.name} held the office {_terms(holder)}, {top.name} {_terms(top)}; "
        "their terms never overlapped."
    )
    name = mention.unit.text[mention.start : mention.end]
    replacement = top.surname if len(name.split()) == 1 else top.name
    target = mention.unit.target(mention.start, mention.end)
    fixes = [
        Fix(
            f"Replace “{name}” with “{replacement}”",
            False,
            "text.replace-span",
            {
                "section_id": target.section_id,
                "block_id": target.block_id,
                "item": target.item,
                "start": mention.start,
                "end": mention.end,
                "expected": name,
                "replacement": replacement,
                **context(mention.unit.text, mention.start, mention.end),
                "note": f"Replaced {holder.name} with {top.name}, whom the article calls {top.office} "
                "elsewhere.",
            },
        ),
        Fix(
            f"Replace “{top.surname}” with “{holder.surname}” where the article calls {top.surname} "
            f"{top.office}",
            False,
            "people.use-leader",
            {"country": top.country, "office": top.office, "name": top.name, "replacement": holder.name},
        ),
    ]
    return Finding(
        rule.id, rule.severity, message, mention.unit.target(mention.phrase_start, mention.phrase_end), fixes
    )


def _spoken_of(mention: LeaderMention) -> str:
    """The mention quoted: "“President Joe Biden”", "the “Biden administration”"."""
    phrase = mention.unit.text[mention.phrase_start : mention.phrase_end]
    return f"the “{phrase}”" if mention.phrase_end > mention.end else f"“{phrase}”"


def _out_of_term(ctx: CheckContext, mention: LeaderMention, day: dt.date) -> Finding:
    """A leader spoken of as in office on a date outside their terms."""
    rule = RULES["people.anachronism"]
    holder = mention.holder
    return Finding(
        rule.id,
        rule.severity,
        f"The article is set on {day:%d %B %Y}, but speaks of {_spoken_of(mention)} in "
        f"{ctx.places.describe_id(mention.unit.block.id)} as in office; {holder.name} was "
        f"{office_name(holder.office, holder.country)} only {_terms(holder)}.",
        mention.unit.target(mention.phrase_start, mention.phrase_end),
    )


def _dated_within_term(mention: LeaderMention) -> bool:
    """Whether the mention's sentence gives a year the person was in office: a historical reference."""
    sentence = sentence_around(mention.unit.text, mention.start, mention.end)
    years = {int(year) for year in _SENTENCE_YEAR.findall(sentence)}
    return any(
        start.year <= year <= (end or dt.date.max).year
        for year in years
        for start, end in mention.holder.terms
    )


def office_name(office: str, country: str) -> str:
    """ "President of the United States", "Prime Minister of Japan"."""
    the = "the " if country.startswith(("United", "Netherlands", "Philippines")) else ""
    return f"{office} of {the}{country}"


def use_leader(edit: Edit, params: dict[str, Any]) -> Outcome | None:
    """Name another holder of an office wherever the article speaks of this one as in office."""
    leaders = load_leaders()
    by_name = {(h.name, h.country, h.office): h for h in leaders.holders}
    old = by_name.get((params["name"], params["country"], params["office"]))
    new = by_name.get((params["replacement"], params["country"], params["office"]))
    if old is None or new is None:
        return None
    mentions, _ = leader_mentions(CheckContext(edit.briefing).units, leaders)
    chosen = [m for m in mentions if m.holder is old and m.current]
    befores, afters, wheres = [], [], []
    # Later places first, so offsets of earlier ones in the same text stay right.
    for m in sorted(chosen, key=lambda m: (m.unit.block.id, m.unit.item or 0, -m.start)):
        block = edit.block(m.unit.block.id)
        if not isinstance(block, Paragraph | ListBlock):
            continue
        text = unit_text(block, m.unit.item) or ""
        name = text[m.start : m.end]
        replacement = new.surname if len(name.split()) == 1 else new.name
        befores.append(sentence_around(text, m.start, m.end))
        edit.replace_text(block, m.unit.item, m.start, m.end, replacement)
        after = unit_text(block, m.unit.item) or ""
        afters.append(sentence_around(after, m.start, m.start + len(replacement)))
        wheres.append(Ref(m.unit.section.id, block.id, item=m.unit.item))
    if not befores:
        return None
    places = list(dict.fromkeys(wheres))
    return Outcome(
        places[0] if len(places) == 1 else Ref(),
        "\n".join(befores),
        "\n".join(afters),
        f"Replaced {old.name} with {new.name} where the article called {old.surname} {old.office}.",
    )


ACTIONS = {"people.use-title": use_title, "people.use-leader": use_leader}
CHECKS = [check_conflicting_titles, check_anachronisms]

"""Figures read as facts: (entity, quantity kind, value, unit), with what makes two of them comparable.

A contradiction check may only compare two figures that claim the same thing: the same quantity
("tariff", "death toll", "defence budget") of the same entity ("China", "the Energy Market Authority"),
in the same unit, for the same time. Everything that makes a figure something else is read here and
either goes into the figure's key or takes the figure out of the comparison:

- the unit and its scale: "$4bn", "4 billion dollars", "US$4,000 million", "4 mil millones de dólares"
  are one value; "%" and "percentage points" are not the same unit;
- time: the years, months, quarters, "annual", "last year" of the clause go into the key, so "115% in
  2024" and "125% in 2025" are two different facts; a clause with several years is a series and is left
  out;
- change: "raised from 115% to 125%", "up 3%", "an additional 10%", "compared with" — a sentence that
  describes a change gives no state to compare;
- hedges and plans: ranges ("10–12%"), bounds ("up to", "more than"), projections ("will", "expected",
  "target", "threatened"), claims ("alleged", "according to") — left out, or compared with tolerance
  ("about");
- rounding: "1.2 million" and "1,234,000" agree; so do "about 13,000" and "12,600".

The figures of a table are read per cell: the row's label is the entity, the column header the kind
and unit, and a year in the header, the caption or the row's date column is its time.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from functools import cached_property, lru_cache

from .. import patterns
from ..model import Table
from .entities import Entity, canonical, country_of, find_entities
from .values import cell_kind

#: Cell kinds (:func:`~.values.cell_kind`) that can hold a figure to compare.
_FIGURE_KINDS = frozenset({"number", "number+unit", "percentage", "duration"})

# --- numbers ----------------------------------------------------------------------------------------------

_CURRENCY_SIGNS = {
    "us$": "usd",
    "$": "usd",
    "usd": "usd",
    "a$": "aud",
    "c$": "cad",
    "hk$": "hkd",
    "nz$": "nzd",
    "r$": "brl",
    "€": "eur",
    "eur": "eur",
    "£": "gbp",
    "gbp": "gbp",
    "¥": "jpy",
    "jpy": "jpy",
    "cny": "cny",
    "rmb": "cny",
    "₹": "inr",
    "inr": "inr",
    "₩": "krw",
    "chf": "chf",
}
_UNIT_WORDS = {
    "%": "%",
    "percent": "%",
    "per cent": "%",
    "percentage": "%",
    "por ciento": "%",
    "prozent": "%",
    "percentage points": "pp",
    "percentage point": "pp",
    "pp": "pp",
    "p.p.": "pp",
    "basis points": "bp",
    "bps": "bp",
    "km": "km",
    "kilometres": "km",
    "kilometers": "km",
    "kilometre": "km",
    "kilometer": "km",
    "miles": "mi",
    "kg": "kg",
    "tonnes": "t",
    "tons": "t",
    "metric tons": "t",
    "dollars": "usd",
    "dólares": "usd",
    "dolares": "usd",
    "usd": "usd",
    "euros": "eur",
    "euro": "eur",
    "eur": "eur",
    "pounds": "gbp",
    "gbp": "gbp",
    "yuan": "cny",
    "renminbi": "cny",
    "yen": "jpy",
    "rupees": "inr",
    "won": "krw",
    "roubles": "rub",
    "rubles": "rub",
}
_SCALE_WORDS = {
    "thousand": 1e3,
    "mil": 1e3,
    "k": 1e3,
    "million": 1e6,
    "millions": 1e6,
    "millones": 1e6,
    "millón": 1e6,
    "millon": 1e6,
    "millionen": 1e6,
    "mio": 1e6,
    "mio.": 1e6,
    "mn": 1e6,
    "mln": 1e6,
    "m": 1e6,
    "billion": 1e9,
    "billions": 1e9,
    "bn": 1e9,
    "bln": 1e9,
    "b": 1e9,
    "mil millones": 1e9,
    "miles de millones": 1e9,
    "milliarden": 1e9,
    "mrd": 1e9,
    "mrd.": 1e9,
    "trillion": 1e12,
    "tn": 1e12,
    "trn": 1e12,
    "billones": 1e12,
    "billionen": 1e12,
}
_CURRENCY = r"(?:US\$|A\$|C\$|HK\$|NZ\$|R\$|\$|€|£|¥|₹|₩|(?:USD|EUR|GBP|CNY|RMB|JPY|CHF|INR)[ \u00a0]?)"
_NUM = r"\d{1,3}(?:,\d{3})+(?:\.\d+)?|\d+,\d{1,2}(?!\d)|\d+(?:\.\d+)?"
_SCALE = (
    r"mil[ \u00a0]+millones|miles[ \u00a0]+de[ \u00a0]+millones|millones|mill[oó]n|billones|thousand|"
    r"millions?|billions?|trillion|Milliarden|Millionen|Billionen|bn|mn|mln|bln|tn|trn|Mrd\.?|Mio\.?|mil"
)
_UNIT = (
    r"%|percentage[ \u00a0]+points?\b|per[ \u00a0]?cent\b|percent\b|por[ \u00a0]+ciento\b|Prozent\b|"
    r"pp\b|p\.p\.|"
    r"basis[ \u00a0]+points|bps\b|km\b|kilomet(?:er|re)s?\b|miles\b|kg\b|metric[ \u00a0]+tons\b|tonnes\b|"
    r"tons\b|dollars\b|d[oó]lares\b|USD\b|euros?\b|EUR\b|pounds\b|GBP\b|yuan\b|renminbi\b|yen\b|"
    r"rupees\b|won\b|roubles\b|rubles\b"
)
_FIGURE = patterns.compile(
    rf"(?<![\w.,/:#-])(?P<between>between[ \u00a0]+)?(?P<sign>[-−])?(?P<cur>{_CURRENCY})?(?P<num>{_NUM})"
    rf"(?:[ \u00a0]?(?:-|–|—|to|and)[ \u00a0]?(?:{_CURRENCY})?(?P<num2>{_NUM}))?"
    rf"(?:[ \u00a0]?(?P<scale>{_SCALE})(?![\w])|(?P<short>[mkbMKB])(?![\w]))?"
    rf"(?:[ \u00a0]?(?:de[ \u00a0]+)?(?P<unit>{_UNIT}))?(?P<plus>\+)?",
    re.IGNORECASE,
)
#: Words just before a figure that hedge it or make it a bound (read from the last words, not searched).
_APPROX_WORDS = frozenset(
    "about|around|approximately|approx.|roughly|nearly|almost|some|circa|c.|an estimated|estimated|"
    "close to|just over|just under|alrededor de|cerca de|casi|unos|unas|etwa|rund|knapp|ungefähr".split("|")
)
_UPPER_WORDS = frozenset(
    "up to|at most|no more than|less than|fewer than|under|below|as much as|as many as|as high as|"
    "a maximum of|hasta|bis zu|höchstens".split("|")
)
_LOWER_WORDS = frozenset(
    "more than|over|at least|above|exceeding|in excess of|upwards of|no less than|a minimum of|beyond|"
    "más de|über|mehr als|mindestens".split("|")
)


def _hedge(before: str) -> tuple[bool, str]:
    """Whether the words before a figure say "about", and the bound they set ("upper", "lower", "")."""
    tail = before.rstrip()
    sign = tail[-1:] if tail else ""
    words = tail.lower().split()[-4:]
    ends = {" ".join(words[i:]) for i in range(len(words))}
    approx = sign in ("~", "≈") or not _APPROX_WORDS.isdisjoint(ends)
    if sign in ("<", "≤") or not _UPPER_WORDS.isdisjoint(ends):
        return approx, "upper"
    if sign in (">", "≥") or not _LOWER_WORDS.isdisjoint(ends):
        return approx, "lower"
    return approx, ""


_MONTH_NAMES = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_MONTH_SET = frozenset(_MONTH_NAMES)


#: A digit that may start a figure: not inside a word or an identifier ("item12", "F-35"). It is
#: "(?<![\w.,/:#-])[-−]?\d" written to open with the characters a match starts with, which lets the
#: engine skip to them instead of trying the look-behind at every character.
STANDALONE_DIGIT = patterns.compile(r"[-−\d](?<![\w.,/:#-][\s\S])(?:(?<=\d)|\d)")


@dataclass(frozen=True)
class Figure:
    """A number as written: where (``start``–``end`` with its currency and unit; ``number_start``–
    ``number_end`` just the number and its scale word, what a fix rewrites), its value with the scale
    applied, the unit it is in (``"%"``, ``"usd"``, ``"km"``; ``""`` for a bare count), how precisely it
    is written (``step``: 1 for "125%", 0.1e9 for "$4.3bn") and how it is hedged."""

    start: int
    end: int
    number_start: int
    number_end: int
    value: float
    high: float
    unit: str
    step: float
    approx: bool
    bound: str
    #: Whether the figure gives its own scale ("4.3bn", "1.2 million"); a table header's "(EUR bn)"
    #: applies only to figures that do not.
    scaled: bool = False

    @property
    def is_range(self) -> bool:
        """A range ("10–12%", "between 3 and 4 million")."""
        return self.high != self.value

    @property
    def exact(self) -> bool:
        """A single value, not a range or a bound (it may be "about")."""
        return not self.is_range and not self.bound


def _number(text: str) -> tuple[float, int]:
    """A number's value and its decimals ("1,100" → 1100, 0; "3,5" → 3.5, 1)."""
    if re.fullmatch(r"\d+,\d{1,2}", text):
        text = text.replace(",", ".")
    text = text.replace(",", "")
    decimals = len(text.split(".", 1)[1]) if "." in text else 0
    return float(text), decimals


_DIGIT = patterns.compile(r"\d")
_CODES = ("USD", "EUR", "GBP", "CNY", "RMB", "JPY", "CHF", "INR")


def _figure_matches(text: str) -> Iterator[re.Match[str]]:
    """:data:`_FIGURE` matched at each digit that is not inside a figure already matched, started
    where its currency, sign or "between" starts: scanning digits is several times faster than letting
    the pattern try every position. The next digit is searched for past the last figure (rather than
    each digit visited): a figure's own digits cost nothing."""
    done = 0
    position = 0
    while (digit := _DIGIT.search(text, position)) is not None:
        at = digit.start()
        position = at + 1
        if at < done:
            continue
        start = at
        if text[start - 1 : start] in "$€£¥₹₩" and start > 0:
            start -= 1
            for prefix in ("US", "HK", "NZ", "A", "C", "R"):
                if text[max(0, start - len(prefix)) : start] == prefix:
                    start -= len(prefix)
                    break
        else:
            for size in (4, 3):
                if text[max(0, start - size) : start].rstrip(" \u00a0").upper() in _CODES and start >= size:
                    start -= size
                    break
        if text[start - 1 : start] in "-−" and start > 0:
            start -= 1
        if text[max(0, start - 8) : start].lower() in ("between ", "between\u00a0"):
            start -= 8
        match = _FIGURE.match(text, start)
        if match is None or match.start("num") != at:
            match = _FIGURE.match(text, at)
        if match is None:
            done = at + 1
            while done < len(text) and text[done].isdigit():
                done += 1  # the rest of "item12" or "F-35" is no figure either
            position = done
            continue
        done = match.end()
        position = max(done, position)
        yield match


def parse_figures(text: str) -> list[Figure]:
    """Every figure in a text: "125%", "$4.3bn", "about 13,000 km", "10–12%", "3,000 troops" (the
    count), not years, dates, times, identifiers ("F-35", "Resolution 2231") or "5-year"."""
    found: list[Figure] = []
    for match in _figure_matches(text):
        num = match.group("num")
        after = text[match.end() : match.end() + 2]
        if after[:1].isalnum() or (after[:1] in "-:" and after[1:2].isalnum()):
            continue  # "5th", "3D", "5-year", "14:00"
        cur = (match.group("cur") or "").strip().lower()
        scale_word = (match.group("scale") or "").lower()
        short = (match.group("short") or "").lower()
        if short and not cur:
            short = ""  # "4 m" may be metres; "$4m" is four million
            if match.group("short"):
                continue
        unit_word = " ".join((match.group("unit") or "").lower().split())
        unit = _CURRENCY_SIGNS.get(cur, "") or _UNIT_WORDS.get(unit_word, "")
        if unit_word and _UNIT_WORDS.get(unit_word) not in (None, "%", "pp", "bp") and cur:
            unit = _UNIT_WORDS[unit_word]  # "$4bn USD"
        scale = _SCALE_WORDS.get(" ".join(scale_word.split()), 1.0) if scale_word else 1.0
        if short:
            scale = _SCALE_WORDS[short]
        value, decimals = _number(num)
        if not (unit or scale_word or short or "," in num or "." in num):
            if 1900 <= value <= 2099:
                continue  # a year
        last = text[max(0, match.start() - 12) : match.start()].split()[-1:]
        following = text[match.end() : match.end() + 14].split()[:1]
        if (last and last[0].lower().rstrip(".,") in _MONTH_SET) or (
            following and following[0].lower().strip(".,;") in _MONTH_SET
        ):
            continue  # "April 5", "5 April"
        if match.group("num2"):
            high, _ = _number(match.group("num2"))
            if match.group("between") is None and re.search(r"\band\b", match.group(0)):
                continue  # "25 and 30%" is two figures, not a range
        else:
            high = value
        if match.group("sign"):
            value, high = -value, -high
        if decimals:
            step = 10.0**-decimals
        elif unit in ("%", "pp", "bp") or scale_word or short:
            step = 1.0
        else:
            step = 1.0
        before = text[max(0, match.start() - 30) : match.start()]
        approx, bound = _hedge(before)
        if match.group("plus"):
            bound = "lower"
        if approx and not decimals:
            stripped = num.replace(",", "")
            zeros = len(stripped) - len(stripped.rstrip("0"))
            step = 10.0 ** min(zeros, len(stripped) - 1)
        number_start = match.start("cur") if match.group("cur") else match.start("num")
        number_end = (
            match.end("scale")
            if match.group("scale")
            else match.end("num2")
            if match.group("num2")
            else match.end("short")
            if match.group("short")
            else match.end("num")
        )
        if match.group("sign"):
            number_start = match.start("sign")
        found.append(
            Figure(
                match.start() + (len(match.group("between")) if match.group("between") else 0),
                match.end(),
                number_start,
                number_end,
                value * scale,
                high * scale,
                unit,
                step * scale,
                approx,
                bound,
                bool(scale_word or short),
            )
        )
    return found


@lru_cache(maxsize=1 << 14)
def cell_figures(cell: str) -> tuple[Figure, ...]:
    """:func:`parse_figures` of a table cell, remembered (tables repeat their cells' values)."""
    return tuple(parse_figures(cell))


def agree(a: Figure, b: Figure) -> bool:
    """Whether two figures can be the same value, written with their precision ("1.2 million" and
    "1,234,000"; "about 13,000" and "12,600"); a range agrees with what lies in it."""
    low, high = min(a.value, a.high), max(a.value, a.high)
    other_low, other_high = min(b.value, b.high), max(b.value, b.high)
    slack = 0.5 * max(a.step, b.step) + 1e-9 * max(abs(a.value), abs(b.value), 1.0)
    if a.approx or b.approx:
        slack = max(slack, 0.05 * max(abs(a.value), abs(b.value)))
    slack = max(slack, 0.005 * max(abs(a.value), abs(b.value)))  # half a per cent: rounding in tables
    return low - slack <= other_high and other_low - slack <= high


# --- what a figure is of --------------------------------------------------------------------------------

#: Head nouns of quantities, by the word a finding uses for them. A figure's kind is read from the words
#: next to it ("125% tariff", "tariff of 125%"), so a kind missing here is still found, as the word
#: written; this table only makes synonyms one kind ("duties" and "tariff").
KIND_WORDS: dict[str, tuple[str, ...]] = {
    "tariff": (
        "tariff",
        "tariffs",
        "duty",
        "duties",
        "levy",
        "levies",
        "arancel",
        "aranceles",
        "zoll",
        "zölle",
    ),
    "deaths": ("killed", "dead", "deaths", "death toll", "toll", "fatalities", "died", "lives", "muertos"),
    "injured": ("injured", "wounded", "hurt", "heridos"),
    "casualties": ("casualties",),
    "displaced": ("displaced", "refugees", "evacuated"),
    "troops": ("troops", "soldiers", "personnel", "service members", "servicemembers", "forces"),
    "budget": ("budget", "budgets", "presupuesto"),
    "deficit": ("deficit",),
    "debt": ("debt",),
    "gdp": ("gdp", "economy", "output"),
    "growth": ("growth", "crecimiento"),
    "inflation": ("inflation", "inflación", "inflacion"),
    "unemployment": ("unemployment", "jobless rate", "desempleo"),
    "interest rate": ("interest rate", "policy rate", "base rate", "key rate", "tipos", "tasa"),
    "exports": ("exports",),
    "imports": ("imports",),
    "revenue": ("revenue", "revenues", "receipts"),
    "spending": ("spending", "expenditure", "expenditures", "outlays", "gasto"),
    "investment": ("investment", "investments"),
    "aid": ("aid", "assistance", "package"),
    "population": ("population", "inhabitants", "residents"),
    "range": ("range", "reach", "alcance"),
    "turnout": ("turnout",),
    "price": ("price", "prices"),
    "cost": ("cost", "costs"),
    "stake": ("stake", "holding"),
    "market share": ("market share",),
    "reserves": ("reserves",),
    "production": ("production",),
    "capacity": ("capacity",),
    "emissions": ("emissions",),
    "sales": ("sales",),
    "salary": ("salary", "wage", "wages", "salaries"),
    "fine": ("fine", "penalty"),
    "seats": ("seats",),
    "votes": ("votes",),
}
_KIND_OF: dict[str, str] = {word: kind for kind, words in KIND_WORDS.items() for word in words}
#: Kinds whose figure differs by direction: the tariff China imposes and the tariff on China.
DIRECTED = frozenset({"tariff"})
#: Words that are never a kind by themselves ("a total of 300", "the figure of 12%").
_GENERIC = frozenset(
    "total number figure figures amount sum level levels rate rates share percent percentage value "
    "values estimate estimates count average mean median most majority minority least half part".split()
)
_PEOPLE = frozenset("people persons civilians children women men soldiers migrants workers residents".split())
#: Words that end the words of a kind: grammar, not content.
_STOP = frozenset(
    """a an the of on in at to for from by with and or but as than that which who whom whose this these
    those its their his her our your is are was were be been being has have had do does did will would
    shall should can could may might must not no nor so if then when while where after before since
    until during per each every both all some any more less most least very also only just still even
    about around over under up down out into onto upon across between among against toward towards via
    it they he she we you i said says say according reported reports estimated estimate estimates
    outside inside within beyond through except excluding including like such there here now then
    what which""".split()
)
_PREPOSITIONS = frozenset("to from in on at with against by for of into toward towards across".split())
_FACES = patterns.compile(
    r"\b(?:faces?|facing|faced|hit with|subject to|levied on|imposed on|applies to|pays?)\b", re.I
)
_OBJECT_GENERIC = frozenset("goods imports products exports items shipments merchandise".split())
_LINK = patterns.compile(
    r"(?<![ \u00a0])[ \u00a0]++(?:(?:(?:is|was|are|were|been|be)[ \u00a0]+)?(?:worth|valued[ \u00a0]+at|"
    r"estimated[ \u00a0]+at|put[ \u00a0]+at|set[ \u00a0]+at|pegged[ \u00a0]+at)|of|at|is|was|are|were|"
    r"stands?[ \u00a0]+at|"
    r"stood[ \u00a0]+at|totals|totalled|totaled|amounts?[ \u00a0]+to|amounted[ \u00a0]+to|equals|equalled|"
    r"came[ \u00a0]+to|remains|remained|de|del|von)"
    r"(?:[ \u00a0]+(?:about|around|roughly|nearly|some|approximately|an estimated|a|an|the|just|now|"
    r"currently|still))*[ \u00a0]*[:=]?[ \u00a0]*$"
)
#: Words a noun phrase before a link may hold besides its nouns: determiners and prepositions.
_PHRASE_GLUE = frozenset("the a an its their his her our on of in for against from to".split())
_WORD = patterns.compile(r"[A-Za-zÀ-ÿ][\w’'-]*|\d[\d.,]*|[^\w\s]")

# --- what takes a figure out of the comparison ------------------------------------------------------


class _Words:
    """Words, word prefixes and phrases to look for among a text's words: a set lookup per word, where
    one large regular expression cost more than everything else the figures check does."""

    def __init__(self, words: str, prefixes: str = "", phrases: str = "") -> None:
        self.words = frozenset(words.split())
        self.prefixes = tuple(prefixes.split())
        self.phrases = frozenset(phrases.split("|")) if phrases else frozenset()
        #: A space and a prefix: found in the tokens joined by spaces, a prefix that starts a token.
        self._prefixed = patterns.compile(" (?:" + "|".join(map(re.escape, self.prefixes)) + ")")
        self._spaced = tuple(f" {phrase} " for phrase in self.phrases if len(phrase.split()) in (2, 3))

    def found(self, tokens: list[str]) -> bool:
        """Whether any of the words, prefixes or phrases (of two or three words) is among the lower-case
        tokens. Tokens hold no spaces, so with a space before each and after the last, a space and a
        prefix starts a token, and a phrase between spaces is a run of whole tokens: looked for in one
        string, which costs a fraction of testing each token."""
        if not self.words.isdisjoint(tokens):
            return True
        if not self.prefixes and not self._spaced:
            return False
        joined = " " + " ".join(tokens) + " "
        if self.prefixes and self._prefixed.search(joined):
            return True
        return any(phrase in joined for phrase in self._spaced)


_TOKEN = patterns.compile(r"[\w’'/.+]+")


def tokens_of(text: str) -> list[str]:
    """A text's words in lower case, hyphenated ones split ("pre-war" → "pre", "war")."""
    tokens = _TOKEN.findall(text.lower().replace("-", " - "))
    return [t.strip(".") or t for t in tokens]


#: A sentence that describes a change gives no state to compare ("raised from 115% to 125%", "up 3%").
_CHANGE = _Words(
    "rise rises rising risen rose raise raises raised raising hike hikes hiked hiking grow grows grown "
    "growing grew lose loses losing lost cut cuts cutting lower lowers lowered lowering fall falls fallen "
    "falling fell shrank shrunk slid than compared versus vs additional extra further another new "
    "incremental change changes changed moved went reached topped higher larger smaller bigger greater "
    "fewer wider narrower delta gap difference margin subió bajó subieron bajaron stieg sank gestiegen "
    "gesunken",
    "increas boost gain climb jump surg soar doubl tripl reduc decreas declin drop slash plung halv tumbl "
    "shrink slump swell expand extend revis adjust lift ramp escalat shift exceed aument reduj",
    "up from|down from|on top of|instead of|rather than",
)
#: Plans, hedges, claims, negations, the past and averages: no figure to set against another.
_MODAL = _Words(
    "will would could might should shall goal if unless likely unlikely ceiling cap capped maximum "
    "minimum threshold denied unconfirmed reportedly not never false myth incorrect wrong previously "
    "initially originally formerly earlier once ago prior until till odds chance likelihood median mean "
    "each every apiece respectively sought plan plans planned planning aim aims aimed aiming target "
    "targets targeted targeting hope hopes hoped hoping want wants wanted risk risks risky claim claims "
    "claimed claiming vow vows vowed seek seeks seeking can't won't don't didn't isn't wasn't aren't",
    "expect project forecast propos threat consider potential possibl scenario intend pledg promis "
    "alleg deni disput rumor rumour purport probabilit average",
    "up to|as much as|as many as|as high as|no longer|used to|had been|pre war|per capita|per head",
)
_ATTRIBUTION = patterns.compile(r"\baccording to (?P<source>[\w’' .-]{2,40}?)(?:[,;.]|$)", re.IGNORECASE)

# --- time -----------------------------------------------------------------------------------------------

#: Words and phrases of time that make two figures about different times ("annual", "last year").
_TIME_WORDS = frozenset(
    "q1 q2 q3 q4 h1 h2 annual annually yearly yoy y/y monthly weekly daily since january "
    "february march april june july august september october november december".split()
)
_TIME_PHRASES = frozenset(
    f"{a} {b}"
    for a in ("last", "next", "previous", "past", "coming", "a", "per", "each", "every")
    for b in ("year", "month", "week", "quarter", "decade", "day")
) | frozenset(f"{a} {b}" for a in ("first", "second", "third", "fourth") for b in ("quarter", "half"))
_MAY = patterns.compile(r"\bmay\b")  # the verb, in lower case; "May" is a month
_YEARS = patterns.compile(r"(?<![\w.,$])(?:19|20)\d\d(?![\w%])")
_CLAUSE_BREAK = patterns.compile(
    r";|(?<!\s)\s++(?:while|whereas|but|—|–|-)\s+|,\s++(?:but|and|while)\s+",
    re.IGNORECASE,
)


def time_key(text: str) -> tuple[str, ...] | None:
    """The times a clause speaks of ("2024", "q1", "annual"), sorted; ``None`` when it names several
    years (a series, whose figures belong to different years)."""
    years = set(_YEARS.findall(text))
    if len(years) > 1:
        return None
    words = tokens_of(text)
    found = set(years) | (_TIME_WORDS.intersection(words))
    found.update(f"{a} {b}" for a, b in zip(words, words[1:], strict=False) if f"{a} {b}" in _TIME_PHRASES)
    if "year on year" in " ".join(words):
        found.add("year on year")
    if "may" in words and re.search(r"\bMay\b", text):
        found.add("may")  # the month, not the verb
    # "this year", "current year": the present, which is what a figure without a time is about too.
    return tuple(sorted(found))


# --- reading figures in prose ---------------------------------------------------------------------------


@dataclass
class Claim:
    """A figure the article states as a fact about an entity, and where."""

    figure: Figure
    #: The text the figure is in (a sentence's unit text, or a cell's text), and the figure's span in it.
    text: str
    entity: str
    kind: str
    #: What the quantity is about, beyond the entity: "steel" in "a 25% tariff on steel".
    thing: str
    #: "on" when the entity is what the quantity is imposed on ("the tariff on China"), else "".
    role: str
    time: tuple[str, ...]
    source: str = ""

    @property
    def key(self) -> tuple[str, str, str, str, str, tuple[str, ...], str]:
        """What must be equal for two claims to be about the same fact."""
        return (self.entity, self.kind, self.thing, self.role, self.figure.unit, self.time, self.source)

    @property
    def written(self) -> str:
        """The figure as written."""
        return self.text[self.figure.start : self.figure.end]

    @property
    def number(self) -> str:
        """The figure's number and scale word as written (what a fix replaces)."""
        return self.text[self.figure.number_start : self.figure.number_end]

    def about(self) -> str:
        """The quantity in words: "China’s tariff", "the tariff on China", "China’s exports to the
        United States", "the tariff on steel from Mexico"."""
        entity = named(self.entity)
        words = self.kind.split()
        if len(words) == 2 and words[0] in _PEOPLE:
            participle = {"deaths": "killed", "casualties": "wounded or killed"}.get(words[1], words[1])
            return f"the number of {words[0]} {participle} in {entity}"
        kind = " ".join(_KIND_NAMES.get(w, w) for w in words).replace(" of gdp", " (share of GDP)")
        thing = self.thing
        if thing.startswith("to "):
            thing = "to " + named(thing[3:])
        if self.role == "on":
            return f"the {kind} on {thing} from {entity}" if thing else f"the {kind} on {entity}"
        owner = f"{entity}’" if entity.endswith("s") else f"{entity}’s"
        if thing:
            return f"{owner} {kind} {thing}" if thing.startswith("to ") else f"{owner} {kind} on {thing}"
        return f"{owner} {kind}"


_THE = (
    "United States",
    "United Kingdom",
    "Netherlands",
    "Philippines",
    "European Union",
    "United Arab Emirates",
)


def named(entity: str) -> str:
    """An entity as a sentence names it: "the United States", "China"."""
    return f"the {entity}" if entity in _THE else entity


def _words_after(text: str, at: int, limit: int = 8) -> list[tuple[int, int, str]]:
    """Up to ``limit`` words (and punctuation marks) after ``at``, with their spans."""
    words = []
    for match in _WORD.finditer(text, at):
        words.append((match.start(), match.end(), match.group(0)))
        if len(words) >= limit:
            break
    return words


def _known(kind: str) -> bool:
    """Whether a kind is one of :data:`KIND_WORDS` (possibly with modifiers)."""
    return any(kind == known or kind.endswith(" " + known) for known in KIND_WORDS)


#: How a kind reads in a message, where its name is not the word to use.
_KIND_NAMES = {"deaths": "death toll", "injured": "number of injured", "displaced": "number displaced"}


def _kind_of(words: list[str]) -> str:
    """The kind a run of lower-case words names: its known head ("defence budget" → "budget", kept
    with its modifiers, "defence budget"), else the words themselves; "" for generic words."""
    if not words:
        return ""
    joined = " ".join(words)
    for size in (2, 1):
        for index in range(len(words) - size, -1, -1):
            phrase = " ".join(words[index : index + size])
            if phrase in _KIND_OF:
                modifiers = [w for w in words[:index] if w not in _GENERIC]
                return " ".join([*modifiers, _KIND_OF[phrase]])
    if all(word in _GENERIC for word in words):
        return ""
    return " ".join(w for w in joined.split() if w not in _GENERIC)


@dataclass
class _Around:
    """What the words right after a figure say: its kind, the thing and entity after "on"/"in"."""

    kind: str = ""
    thing: str = ""
    entity: Entity | None = None
    role: str = ""


def _read_after(text: str, figure: Figure, entities: list[Entity]) -> _Around:
    around = _Around()
    collected: list[str] = []
    entity_at = {e.start: e for e in entities}
    words = _words_after(text, figure.end)
    index = 0
    while index < len(words):
        start, end, word = words[index]
        entity = entity_at.get(start)
        if entity is not None:
            around.entity = around.entity or entity
            while index < len(words) and words[index][0] < entity.end:
                index += 1
            continue
        lowered = word.lower()
        if not word[0].isalpha() or lowered in _STOP or len(collected) >= 3:
            break
        collected.append(lowered)
        index += 1
        if lowered in _KIND_OF and lowered not in _PEOPLE:
            break
    # "12 people were killed", "killed 12 people": what happened to them is the kind, the people its
    # modifier; people counted with nothing said of them are no quantity to compare.
    if collected and collected[-1] in _PEOPLE:
        rest = [w[2].lower() for w in words[index : index + 4]]
        skipped = 0
        while rest and rest[0] in ("were", "was", "have", "has", "had", "been", "are", "reportedly"):
            rest, skipped = rest[1:], skipped + 1
        verb = rest[0] if rest and rest[0].isalpha() and rest[0] not in _STOP else ""
        if verb:
            index += skipped + 1
        else:
            before = re.findall(r"[a-z]+", text[max(0, figure.start - 20) : figure.start].lower())
            verb = before[-1] if before and before[-1].endswith(("ed", "en", "wn", "ht")) else ""
        if not verb:
            return around
        collected.append(verb)
    around.kind = _kind_of(collected)
    # "on steel", "on Chinese goods", "in Turkey", "of GDP"
    while index < len(words) and words[index][2].lower() in ("were", "was", "is", "are"):
        index += 1
    if index < len(words) and words[index][2].lower() in ("on", "in", "for", "of", "against", "from"):
        preposition = words[index][2].lower()
        thing: list[str] = []
        for start, _end, word in words[index + 1 : index + 6]:
            entity = entity_at.get(start)
            if entity is not None and around.entity is None:
                around.entity = entity
                around.role = "on" if preposition in ("on", "against", "from") else ""
                continue
            if entity is not None or any(e.start < start < e.end for e in entities):
                continue
            lowered = word.lower()
            if not word[0].isalpha() or lowered in _STOP:
                break
            thing.append(lowered)
        thing = [w for w in thing if w not in _OBJECT_GENERIC and w not in ("all", "the")]
        if preposition == "of" and not around.kind:
            around.kind = "of " + " ".join(thing) if thing else ""
        elif thing and preposition in ("on", "for", "against"):
            around.thing = " ".join(thing)
    return around


def _read_before(text: str, start: int, entities: list[Entity]) -> _Around:
    """What a link before the figure says: "the tariff on Vietnamese goods is 49%", "the death toll
    stood at 300", "a range of about 13,000 km"."""
    around = _Around()
    head_start = max(0, start - 90)
    match = _LINK.search(text, head_start, start)
    if not match:
        return around
    end = match.start()
    entity_at = {e.start: e for e in entities}
    tokens: list[tuple[int, int, str]] = [
        (m.start(), m.end(), m.group(0)) for m in _WORD.finditer(text, head_start, end)
    ]
    # The noun phrase: back from the link to punctuation, a verb or a word that starts a clause.
    phrase: list[tuple[int, int, str]] = []
    for token in reversed(tokens):
        word = token[2]
        inside = any(e.start <= token[0] < e.end for e in entities)
        if not inside and (
            not word[0].isalpha() or (word.lower() in _STOP and word.lower() not in _PHRASE_GLUE)
        ):
            break
        phrase.insert(0, token)
        if len(phrase) >= 9:
            break
        owner = next((e for e in entities if e.start == token[0]), None)
        if owner is not None and text[owner.end : owner.end + 2] in ("'s", "’s"):
            break  # "… put Kenya's budget deficit at": the phrase starts at its owner
    head: list[str] = []
    preposition = ""
    thing: list[str] = []
    for token_start, _end, word in phrase:
        entity = entity_at.get(token_start)
        inside = any(e.start <= token_start < e.end for e in entities)
        lowered = word.lower()
        if entity is not None:
            if preposition == "to":  # "exports to the US": where they go, part of what is counted
                thing.append(f"to {entity.name}")
            elif preposition and around.entity is None and head:
                around.entity = entity
                around.role = "on" if preposition in ("on", "against", "from") else ""
            continue
        if inside:
            continue
        if lowered in ("on", "of", "in", "for", "against", "from", "to"):
            if preposition:
                break
            if head:  # "In China the tariff …": a preposition before the noun sets the scene only
                preposition = lowered
            continue
        if lowered in _PHRASE_GLUE:
            continue
        (thing if preposition else head).append(lowered)
    around.kind = _kind_of(head)
    if preposition == "of" and not around.kind and thing:
        around.kind = _kind_of(thing)
        thing = []
    thing = [w for w in thing if w not in _OBJECT_GENERIC]
    if preposition in ("on", "for", "against", "to") and thing:
        around.thing = " ".join(thing)
    return around


class ProseReader:
    """Reads the claims of an article's prose; knows which capitalised words the article uses as
    names (a sentence's first word is a name only if it is written capitalised elsewhere too)."""

    def __init__(self, known: Callable[[], frozenset[str]], row_names: dict[str, str]) -> None:
        self._known = known
        #: Table row labels the prose may name ("Hwasong-18"), as written → as an entity.
        self.row_names = row_names

    @cached_property
    def known(self) -> frozenset[str]:
        """The capitalised words the article writes inside sentences (worked out when first needed)."""
        return self._known()

    @cached_property
    def _row_index(self) -> dict[str, dict[int, set[str]]]:
        """The row labels by their first three characters, then by length (each has three or more)."""
        index: dict[str, dict[int, set[str]]] = {}
        for name in self.row_names:
            index.setdefault(name[:3], {}).setdefault(len(name), set()).add(name)
        return index

    def _rows_in(self, clause: str) -> set[str]:
        """The entities of the row labels the clause holds. A long article's tables have thousands of
        labels: rather than test each, the clause's every three characters look up the labels that
        start with them (fewer labels than the clause has characters are tested one by one)."""
        if len(self.row_names) <= len(clause):
            return {self.row_names[name] for name in self.row_names if name in clause}
        index = self._row_index
        rows: set[str] = set()
        for at in range(len(clause) - 2):
            by_length = index.get(clause[at : at + 3])
            if by_length is not None:
                for length, names in by_length.items():
                    if clause[at : at + length] in names:
                        rows.add(self.row_names[clause[at : at + length]])
        return rows

    def claims(self, text: str, sentences: list[tuple[int, int]]) -> Iterator[Claim]:
        """The claims of one paragraph or list item."""
        # Only sentences with a number that stands alone ("item12" and "F-35" have none).
        at = [m.start() for m in STANDALONE_DIGIT.finditer(text)]
        if not at:
            return
        starts = frozenset(a for a, _ in sentences)
        label = _label(text)
        index = 0
        for start, end in sentences:
            while index < len(at) and at[index] < start:
                index += 1
            if index < len(at) and at[index] < end:
                yield from self._sentence(text, start, end, starts, label)

    def _sentence(
        self, text: str, start: int, end: int, starts: frozenset[int], label: str
    ) -> Iterator[Claim]:
        sentence = text[start:end]
        if _from_to(sentence) or _MAY.search(sentence) or "n’t" in sentence:
            return
        words = tokens_of(sentence)
        if _CHANGE.found(words) or _MODAL.found(words):
            return
        figures = [f for f in parse_figures(sentence) if f.exact]
        # A figure with no word of a kind next to it is no claim; finding that out needs no names.
        figures = [
            f
            for f in figures
            if _read_after(sentence, f, []).kind or _read_before(sentence, f.start, []).kind
        ]
        if not figures:
            return
        attributed = _ATTRIBUTION.search(sentence)
        source = attributed.group("source").strip().lower() if attributed else ""
        entities = find_entities(sentence, frozenset(a - start for a in starts), self.known)
        clauses = _clauses(sentence)
        for figure in figures:
            clause_start, clause_end = next(
                ((a, b) for a, b in clauses if a <= figure.start < b), (0, len(sentence))
            )
            time = time_key(sentence[clause_start : figure.start] + " " + sentence[figure.end : clause_end])
            if time is None:
                continue
            in_clause = [e for e in entities if clause_start <= e.start and e.end <= clause_end]
            after = _read_after(sentence, figure, in_clause)
            before = _read_before(sentence, figure.start, in_clause)
            kind = after.kind
            if kind.startswith("of ") and before.kind:
                kind = f"{before.kind} {kind}"  # "the budget deficit is 5.1% of GDP"
            elif not kind or (before.kind and _known(before.kind) and not _known(after.kind)):
                kind = before.kind
            if not kind or kind.startswith("of "):
                continue  # "72% of GDP" of what?
            entity, role = self._entity(
                sentence, (clause_start, clause_end), figure, in_clause, after, before, label, kind
            )
            thing = after.thing or before.thing
            if not entity:
                continue
            shifted = replace(
                figure,
                start=figure.start + start,
                end=figure.end + start,
                number_start=figure.number_start + start,
                number_end=figure.number_end + start,
            )
            yield Claim(shifted, text, entity, kind, thing, role, time, source)

    def _entity(
        self,
        sentence: str,
        clause_span: tuple[int, int],
        figure: Figure,
        entities: list[Entity],
        after: _Around,
        before: _Around,
        label: str,
        kind: str,
    ) -> tuple[str, str]:
        """The entity a figure is about and its role ("on" for what a tariff is imposed on), or ("", "")
        when the clause does not say clearly."""
        clause_start, clause_end = clause_span
        directed = kind.split()[-1] in DIRECTED
        for around in (after, before):
            if around.entity is not None and around.role == "on":
                return around.entity.name, "on"
        names = {e.name for e in entities}
        if directed:
            if len(names) == 1 and _FACES.search(sentence, clause_start, figure.start):
                return names.pop(), "on"
            return "", ""
        # A row label of a table named in the clause wins: "the Hwasong-18 has a range of 13,000 km".
        clause = sentence[clause_start:clause_end]
        rows = self._rows_in(clause)
        if len(rows) == 1:
            return rows.pop(), ""
        preceding = [e for e in entities if e.end <= figure.start]
        possessive = [e for e in preceding if sentence[e.end : e.end + 2] in ("'s", "’s")]
        if possessive:
            return possessive[-1].name, ""
        if before.entity is not None:
            return before.entity.name, ""
        for entity in reversed(preceding):  # the subject: "the US has 28,500 troops in South Korea"
            between = sentence[entity.end : figure.start]
            if "," in between or len(between.split()) > 8:
                break
            if _after_preposition(sentence, clause_start, entity):
                continue  # "exports to the US": not the subject
            return entity.name, ""
        if after.entity is not None and not preceding:
            return after.entity.name, ""
        # The clause's only entity, unless a preposition makes it a place or a destination ("exports
        # to Uganda", "officials in Tokyo"): what the figure is of is not said.
        free = {e.name for e in entities if not _after_preposition(sentence, clause_start, e)}
        if len(names) == 1 and len(free) == 1:
            return free.pop(), ""
        if not names and label:
            return label, ""
        return "", ""


def _after_preposition(sentence: str, clause_start: int, entity: Entity) -> bool:
    lead = sentence[max(clause_start, entity.start - 12) : entity.start].lower().split()
    if lead[-1:] == ["the"]:
        lead = lead[:-1]
    return bool(lead) and lead[-1] in _PREPOSITIONS


def _from_to(sentence: str) -> bool:
    """Whether the sentence says "from … to …" (a change, or a span of time)."""
    lowered = sentence.lower()
    at = lowered.find("from ")
    return at >= 0 and lowered.find(" to ", at) >= 0


def _label(text: str) -> str:
    """The entity a list item is labelled with ("China: 125% tariff…" → "China"), or ""."""
    head, colon, _ = text.partition(":")
    if not colon or len(head) > 40 or any(ch.isdigit() for ch in head):
        return ""
    return canonical(head) if head[:1].isupper() else ""


def _clauses(sentence: str) -> list[tuple[int, int]]:
    spans, at = [], 0
    for match in _CLAUSE_BREAK.finditer(sentence):
        spans.append((at, match.start()))
        at = match.end()
    spans.append((at, len(sentence)))
    return spans


# --- reading figures in tables --------------------------------------------------------------------------

_HEADER_UNIT = patterns.compile(r"\(([^()]{0,40})\)|\bin ([\w$€£¥ ]{1,30})$", re.IGNORECASE)
_IMPOSED_BY = patterns.compile(r"\b(?:by|imposed|retaliat\w*|own|levied)\b", re.IGNORECASE)
_YEAR_COLUMN = patterns.compile(r"^\s*(?:years?|dates?|when|period|fy|as of)\s*$", re.IGNORECASE)


@dataclass
class Column:
    """What a table column holds: its kind (from the header), a unit and scale the header gives, and a
    year it is about ("Tariff 2025")."""

    kind: str
    unit: str
    scale: float
    time: tuple[str, ...]


@lru_cache(maxsize=1 << 12)
def read_header(header: str) -> Column:
    """A column header read as kind, unit, scale and time: "Range (km)", "Budget (US$ bn)",
    "Tariff rate 2025 (%)"."""
    unit, scale = "", 1.0
    words_text = header
    for match in _HEADER_UNIT.finditer(header):
        inside = (match.group(1) or match.group(2) or "").lower()
        words_text = words_text.replace(match.group(0), " ")
        for piece in re.split(r"[\s,/]+", inside):
            piece = piece.strip(".")
            if piece in _CURRENCY_SIGNS:
                unit = _CURRENCY_SIGNS[piece]
            elif piece in _UNIT_WORDS:
                unit = _UNIT_WORDS[piece]
            elif piece in _SCALE_WORDS and piece not in ("m", "b", "k", "mil"):
                scale = _SCALE_WORDS[piece]
            elif piece in ("m", "bn", "b"):
                scale = 1e6 if piece == "m" else 1e9
    if "%" in words_text:
        unit = unit or "%"
        words_text = words_text.replace("%", " ")
    time = time_key(words_text) or ()
    plain = _YEARS.sub(" ", words_text)
    words = [w.lower() for w in re.findall(r"[A-Za-zÀ-ÿ][\w-]*", plain)]
    words = [w for w in words if w not in _STOP and w not in ("percent", "percentage", "rate", "rates")]
    return Column(_kind_of(words), unit, scale, time)


@dataclass
class CellClaim:
    """A claim read from a table cell: the claim, and the cell."""

    claim: Claim
    table: Table
    row: int
    column: int


class TableReader:
    """Reads the claims of tables: row label × column header."""

    def __init__(self, table: Table, key: int, width: int, caption_time: tuple[str, ...]) -> None:
        self.table = table
        self.key = key
        self.width = width
        self.caption_time = caption_time

    @cached_property
    def columns(self) -> list[Column]:
        """Each column read from its header."""
        header = self.table.header
        return [read_header(header[c] if c < len(header) else "") for c in range(self.width)]

    @cached_property
    def year_column(self) -> int | None:
        """A column giving each row's year or date, if there is one."""
        for column in range(self.width):
            if column != self.key and column < len(self.table.header):
                if _YEAR_COLUMN.match(self.table.header[column]):
                    return column
        return None

    def role(self, column: int) -> str:
        """ "on" when a column of tariffs lists what each row's country faces (a table of tariffs by
        country does, unless its header or caption says the rows impose them)."""
        if self.columns[column].kind.split()[-1:] != ["tariff"]:
            return ""
        header = self.table.header[column] if column < len(self.table.header) else ""
        if _IMPOSED_BY.search(header) or _IMPOSED_BY.search(self.table.caption):
            return ""
        return "on"

    @cached_property
    def claim_columns(self) -> list[tuple[int, str, str, tuple[str, ...]]]:
        """``(column, kind, role, time)`` of each column whose cells may hold a claim, left to right."""
        return [
            (column, described.kind, self.role(column), described.time or self.caption_time)
            for column, described in enumerate(self.columns)
            if column not in (self.key, self.year_column) and described.kind
        ]

    @cached_property
    def labelled_rows(self) -> list[tuple[int, str, tuple[str, ...]]]:
        """``(row, entity, years)`` of each row with a label that names something (not a total)."""
        key, year_column = self.key, self.year_column
        found = []
        for row_index, row in enumerate(self.table.rows):
            if key >= len(row) or not row[key].strip():
                continue
            label = row[key]
            if _TOTAL_LABEL.match(label.lstrip()):
                continue
            row_time: tuple[str, ...] = ()
            if year_column is not None and year_column < len(row):
                row_time = tuple(sorted({y for y in _YEARS.findall(row[year_column])}))
            found.append((row_index, canonical(label), row_time))
        return found

    def cells(self) -> Iterator[tuple[int, int, str, str, str, tuple[str, ...]]]:
        """``(row, column, entity, kind, role, time)`` of every cell that may hold a claim: what must
        match before its figure is worth reading."""
        columns, rows = self.claim_columns, self.table.rows
        if not columns:
            return
        for row_index, entity, row_time in self.labelled_rows:
            width = len(rows[row_index])
            for column, kind, role, time in columns:
                if column >= width:
                    break
                yield row_index, column, entity, kind, role, row_time or time

    def claim(self, row_index: int, column: int, entity: str, time: tuple[str, ...]) -> CellClaim | None:
        """The claim of one cell, if it holds one figure and little else."""
        cell = self.table.rows[row_index][column]
        if cell_kind(cell) not in _FIGURE_KINDS:
            return None
        figures = cell_figures(cell)
        if len(figures) != 1 or not figures[0].exact:
            return None
        if cell[: figures[0].start].strip() or len(cell[figures[0].end :].strip()) > 12:
            return None  # a figure inside words ("up to 125% on some goods") says something else
        described = self.columns[column]
        figure = figures[0]
        unit = figure.unit or described.unit
        scale = described.scale if not figure.unit or figure.unit == described.unit else 1.0
        if scale != 1.0 and not figure.scaled:
            figure = _scaled(figure, scale)
        figure = _with_unit(figure, unit)
        claim = Claim(figure, cell, entity, described.kind, "", self.role(column), time)
        return CellClaim(claim, self.table, row_index, column)

    def claims(self) -> Iterator[CellClaim]:
        """A claim for every figure cell of every row with a label."""
        for row_index, column, entity, _kind, _role, time in self.cells():
            claim = self.claim(row_index, column, entity, time)
            if claim is not None:
                yield claim


# Matched at the start of a stripped label: a leading "\s*" would make a search quadratic on spaces.
_TOTAL_LABEL = patterns.compile(r"(?:total|sum|overall|all|average|mean|median)\b", re.IGNORECASE)


def _scaled(figure: Figure, scale: float) -> Figure:
    return replace(
        figure, value=figure.value * scale, high=figure.high * scale, step=figure.step * scale, scaled=True
    )


def _with_unit(figure: Figure, unit: str) -> Figure:
    return figure if figure.unit == unit else replace(figure, unit=unit)


def is_country(name: str) -> bool:
    """Whether an entity name is a country's (as :func:`~.entities.canonical` gives it)."""
    return country_of(name) == name

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
from collections.abc import Iterator
from dataclasses import dataclass, replace
from functools import cached_property

from ..model import Table
from .entities import Entity, canonical, country_of, find_entities

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
    r"%|per[ \u00a0]?cent|percent|por[ \u00a0]+ciento|Prozent|percentage[ \u00a0]+points?|pp\b|p\.p\.|"
    r"basis[ \u00a0]+points|bps\b|km\b|kilomet(?:er|re)s?\b|miles\b|kg\b|metric[ \u00a0]+tons\b|tonnes\b|"
    r"tons\b|dollars\b|d[oó]lares\b|USD\b|euros?\b|EUR\b|pounds\b|GBP\b|yuan\b|renminbi\b|yen\b|"
    r"rupees\b|won\b|roubles\b|rubles\b"
)
_FIGURE = re.compile(
    rf"(?<![\w.,/:#-])(?P<between>between[ \u00a0]+)?(?P<sign>[-−])?(?P<cur>{_CURRENCY})?(?P<num>{_NUM})"
    rf"(?:[ \u00a0]?(?:-|–|—|to|and)[ \u00a0]?(?:{_CURRENCY})?(?P<num2>{_NUM}))?"
    rf"(?:[ \u00a0]?(?P<scale>{_SCALE})(?![\w])|(?P<short>[mkbMKB])(?![\w]))?"
    rf"(?:[ \u00a0]?(?P<unit>{_UNIT}))?(?P<plus>\+)?",
    re.IGNORECASE,
)
_APPROX = re.compile(
    r"(?:\b(?:about|around|approximately|approx\.|roughly|nearly|almost|some|circa|c\.|an estimated|"
    r"estimated|close to|just over|just under|alrededor de|cerca de|casi|unos|unas|etwa|rund|knapp|"
    r"ungefähr)|~|≈)\s*$",
    re.IGNORECASE,
)
_UPPER = re.compile(
    r"(?:\b(?:up to|at most|no more than|less than|fewer than|under|below|as (?:much|many|high) as|"
    r"a maximum of|hasta|bis zu|höchstens)|<|≤)\s*$",
    re.IGNORECASE,
)
_LOWER = re.compile(
    r"(?:\b(?:more than|over|at least|above|exceeding|in excess of|upwards of|no less than|a minimum of|"
    r"beyond|más de|über|mehr als|mindestens)|>|≥)\s*$",
    re.IGNORECASE,
)
_MONTH_NAMES = (
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec"
).split()
_NEXT_TO_MONTH = re.compile(rf"\b(?:{'|'.join(_MONTH_NAMES)})\.?\s*$", re.IGNORECASE)
_BEFORE_MONTH = re.compile(rf"^(?:st|nd|rd|th)?\s+(?:{'|'.join(_MONTH_NAMES)})\b", re.IGNORECASE)


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


def parse_figures(text: str) -> list[Figure]:
    """Every figure in a text: "125%", "$4.3bn", "about 13,000 km", "10–12%", "3,000 troops" (the
    count), not years, dates, times, identifiers ("F-35", "Resolution 2231") or "5-year"."""
    found: list[Figure] = []
    for match in _FIGURE.finditer(text):
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
        head = text[max(0, match.start() - 12) : match.start()]
        if _NEXT_TO_MONTH.search(head) or _BEFORE_MONTH.match(text, match.end()):
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
        approx = bool(_APPROX.search(before))
        bound = "upper" if _UPPER.search(before) else "lower" if _LOWER.search(before) else ""
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
_FACES = re.compile(
    r"\b(?:faces?|facing|faced|hit with|subject to|levied on|imposed on|applies to|pays?)\b", re.I
)
_OBJECT_GENERIC = frozenset("goods imports products exports items shipments merchandise".split())
_LINK = re.compile(
    r"[ \u00a0]+(?:(?:(?:is|was|are|were|been|be)[ \u00a0]+)?(?:worth|valued[ \u00a0]+at|"
    r"estimated[ \u00a0]+at|put[ \u00a0]+at|set[ \u00a0]+at|pegged[ \u00a0]+at)|of|at|is|was|are|were|"
    r"stands?[ \u00a0]+at|"
    r"stood[ \u00a0]+at|totals|totalled|totaled|amounts?[ \u00a0]+to|amounted[ \u00a0]+to|equals|equalled|"
    r"came[ \u00a0]+to|remains|remained|de|del|von)"
    r"(?:[ \u00a0]+(?:about|around|roughly|nearly|some|approximately|an estimated|a|an|the|just|now|"
    r"currently|still))*[ \u00a0]*[:=]?[ \u00a0]*$"
)
#: Words a noun phrase before a link may hold besides its nouns: determiners and prepositions.
_PHRASE_GLUE = frozenset("the a an its their his her our on of in for against from to".split())
_WORD = re.compile(r"[A-Za-zÀ-ÿ][\w’'-]*|\d[\d.,]*|[^\w\s]")

# --- what takes a figure out of the comparison ------------------------------------------------------

_CHANGE = re.compile(
    r"\b(?:ris(?:e|es|ing|en)|rose|increas\w*|rais(?:e|es|ed|ing)|hik(?:e|es|ed|ing)|boost\w*|grow(?:s|n|ing)?|"
    r"grew|gain\w*|los(?:e|es|ing|t)|climb\w*|jump\w*|surg\w*|soar\w*|doubl\w*|tripl\w*|cut(?:s|ting)?|reduc\w*|lower(?:s|ed|ing)|"
    r"decreas\w*|declin\w*|fall(?:s|en|ing)?|fell|drop\w*|slash\w*|plung\w*|halv\w*|tumbl\w*|shrank|"
    r"shrink\w*|shrunk|slid|slump\w*|swell\w*|expand\w*|extend\w*|revis\w*|adjust\w*|lift\w*|ramp\w*|"
    r"escalat\w*|up from|down from|compared|versus|vs\.?|than|additional|extra|further|"
    r"another|new|incremental|on top of|instead of|rather than|change[sd]?|shift\w*|moved|went|reached|"
    r"topped|exceed\w*|higher|lower|larger|smaller|bigger|greater|fewer|wider|narrower|"
    r"delta|gap|difference|margin|subió|bajó|aument\w*|reduj\w*|sub\w+ a|"
    r"ba(?:jó|jaron) a|stieg|sank|gestiegen|gesunken)\b",
    re.IGNORECASE,
)
_MODAL = re.compile(
    r"\b(?:will|would|could|(?-i:may)|might|should|shall|expect\w*|project\w*|forecast\w*|plan\w*|aim\w*|"
    r"target\w*|goal|propos\w*|threat\w*|consider\w*|potential\w*|possibl\w*|if|unless|scenario\w*|"
    r"intend\w*|seek\w*|sought|pledg\w*|promis\w*|vow\w*|hope\w*|want\w*|likely|unlikely|risk\w*|"
    r"could|up to|as much as|as many as|as high as|ceiling|cap\b|capped|maximum|minimum|threshold|"
    r"claim\w*|alleg\w*|denied|deni\w*|disput\w*|rumou?r\w*|unconfirmed|reportedly|purported\w*|"
    r"not|n[’']t|never|no longer|false|myth|incorrect|wrong|previously|initially|originally|formerly|"
    r"earlier|once|used to|had been|ago|prior|pre-war|until|till|odds|chance|probabilit\w*|likelihood|"
    r"average\w*|median|mean|per capita|per head|each|every|apiece|respectively)\b",
    re.IGNORECASE,
)
_ATTRIBUTION = re.compile(r"\baccording to (?P<source>[\w’' .-]{2,40}?)(?:[,;.]|$)", re.IGNORECASE)

# --- time -----------------------------------------------------------------------------------------------

_TIME = re.compile(
    r"\b(?:(?:FY|fiscal(?: year)?\s*)?(?:19|20)\d\d(?:[/–-](?:19|20)?\d\d)?|Q[1-4]|H[12]|"
    r"(?:first|second|third|fourth)[ -](?:quarter|half)|"
    r"(?:this|last|next|previous|past|coming|current) (?:year|month|week|quarter|decade)|"
    r"annual(?:ly)?|yearly|a year|per year|each year|every year|year-on-year|year on year|yoy|y/y|"
    r"monthly|a month|per month|weekly|a week|per week|daily|a day|per day|"
    r"january|february|march|april|may|june|july|august|september|october|november|december|"
    r"since|by 20\d\d)\b",
    re.IGNORECASE,
)
_YEARS = re.compile(r"(?<![\w.,$])(?:19|20)\d\d(?![\w%])")
_CLAUSE_BREAK = re.compile(
    r";|\s+while\s+|\s+whereas\s+|,\s+but\s+|\s+but\s+|,\s+and\s+|,\s+while\s+|\s+—\s+|\s+–\s+|\s+-\s+",
    re.IGNORECASE,
)


def time_key(text: str) -> tuple[str, ...] | None:
    """The times a clause speaks of ("2024", "q1", "annual"), sorted; ``None`` when it names several
    years (a series, whose figures belong to different years)."""
    years = set(_YEARS.findall(text))
    if len(years) > 1:
        return None
    tokens = {" ".join(m.group(0).lower().split()) for m in _TIME.finditer(text)}
    if "may" in tokens and not re.search(r"\bMay\b", text):
        tokens.discard("may")  # the verb
    return tuple(sorted(tokens))


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
        kind = " ".join(_KIND_NAMES.get(w, w) for w in self.kind.split())
        entity = named(self.entity)
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
    # "12 people were killed": the participle is the kind, the people its modifier.
    if collected and collected[-1] in _PEOPLE:
        rest = [w[2].lower() for w in words[index : index + 3]]
        while rest and rest[0] in ("were", "was", "have", "has", "had", "been", "are", "reportedly"):
            rest = rest[1:]
        if rest and rest[0] in _KIND_OF:
            collected.append(rest[0])
            index += 1
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

    def __init__(self, known: frozenset[str], row_names: dict[str, str]) -> None:
        self.known = known
        #: Table row labels the prose may name ("Hwasong-18"), as written → as an entity.
        self.row_names = row_names

    def claims(self, text: str, sentences: list[tuple[int, int]]) -> Iterator[Claim]:
        """The claims of one paragraph or list item."""
        if not any(ch.isdigit() for ch in text):
            return
        starts = frozenset(a for a, _ in sentences)
        label = _label(text)
        for start, end in sentences:
            sentence = text[start:end]
            if not any(ch.isdigit() for ch in sentence):
                continue
            yield from self._sentence(text, start, end, starts, label)

    def _sentence(
        self, text: str, start: int, end: int, starts: frozenset[int], label: str
    ) -> Iterator[Claim]:
        sentence = text[start:end]
        if _CHANGE.search(sentence) or _MODAL.search(sentence) or _from_to(sentence):
            return
        figures = [f for f in parse_figures(sentence) if f.exact]
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
            if not kind or (before.kind and _known(before.kind) and not _known(after.kind)):
                kind = before.kind
            if not kind:
                continue
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
        rows = {self.row_names[name] for name in self.row_names if name in clause}
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
            lead = sentence[max(clause_start, entity.start - 12) : entity.start].lower().split()
            if lead[-1:] == ["the"]:
                lead = lead[:-1]
            if lead and lead[-1] in _PREPOSITIONS:
                continue  # "exports to the US": not the subject
            return entity.name, ""
        if after.entity is not None and not preceding:
            return after.entity.name, ""
        if len(names) == 1:
            return names.pop(), ""
        if not names and label:
            return label, ""
        return "", ""


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

_HEADER_UNIT = re.compile(r"\(([^()]*)\)|\bin ([\w$€£¥ ]+)$", re.IGNORECASE)
_IMPOSED_BY = re.compile(r"\b(?:by|imposed|retaliat\w*|own|levied)\b", re.IGNORECASE)
_YEAR_COLUMN = re.compile(r"^\s*(?:years?|dates?|when|period|fy|as of)\s*$", re.IGNORECASE)


@dataclass
class Column:
    """What a table column holds: its kind (from the header), a unit and scale the header gives, and a
    year it is about ("Tariff 2025")."""

    kind: str
    unit: str
    scale: float
    time: tuple[str, ...]


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
    plain = _TIME.sub(" ", words_text)
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

    def claims(self) -> Iterator[CellClaim]:
        """A claim for every figure cell of every row with a label."""
        for row_index, row in enumerate(self.table.rows):
            if self.key >= len(row) or not row[self.key].strip():
                continue
            label = row[self.key]
            if re.match(r"\s*(?:total|sum|overall|all|average|mean|median)\b", label, re.IGNORECASE):
                continue
            entity = canonical(label)
            row_time: tuple[str, ...] = ()
            if self.year_column is not None and self.year_column < len(row):
                row_time = tuple(sorted({y for y in _YEARS.findall(row[self.year_column])}))
            for column in range(min(self.width, len(row))):
                if column in (self.key, self.year_column):
                    continue
                described = self.columns[column]
                if not described.kind:
                    continue
                cell = row[column]
                figures = parse_figures(cell)
                if len(figures) != 1 or not figures[0].exact:
                    continue
                if cell[: figures[0].start].strip() or len(cell[figures[0].end :].strip()) > 12:
                    continue  # a figure inside words ("up to 125% on some goods") says something else
                figure = figures[0]
                unit = figure.unit or described.unit
                scale = described.scale if not figure.unit or figure.unit == described.unit else 1.0
                if scale != 1.0 and not figure.scaled:
                    figure = _scaled(figure, scale)
                figure = _with_unit(figure, unit)
                time = row_time or described.time or self.caption_time
                claim = Claim(figure, cell, entity, described.kind, "", self.role(column), time)
                yield CellClaim(claim, self.table, row_index, column)


def _scaled(figure: Figure, scale: float) -> Figure:
    return replace(
        figure, value=figure.value * scale, high=figure.high * scale, step=figure.step * scale, scaled=True
    )


def _with_unit(figure: Figure, unit: str) -> Figure:
    return figure if figure.unit == unit else replace(figure, unit=unit)


def is_country(name: str) -> bool:
    """Whether an entity name is a country's (as :func:`~.entities.canonical` gives it)."""
    return country_of(name) == name

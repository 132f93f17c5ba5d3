"""Who a sentence is about: countries by name, adjective or capital, and other capitalised names.

The contradiction checks compare what the article says about one entity in two places, so "China",
"Chinese goods", "Beijing" and "the People's Republic of China" must be one entity, and "the U.S.",
"American" and "Washington" another. Everything else with a capital letter (an agency, a company, a
missile) is its own entity, named as written (without a leading "the").
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, lru_cache

from .. import patterns

#: Country (or bloc) → the ways an article names it: the name, adjectives, the capital used for the
#: government ("Beijing said"). Adjectives such as "Chinese" name the country too ("Chinese goods").
COUNTRIES: dict[str, tuple[str, ...]] = {
    "United States": (
        "United States of America",
        "United States",
        "U.S.A.",
        "USA",
        "U.S.",
        "US",
        "America",
        "American",
        "Americans",
        "Washington",
    ),
    "China": (
        "People's Republic of China",
        "People’s Republic of China",
        "PRC",
        "China",
        "Chinese",
        "Beijing",
    ),
    "Canada": ("Canada", "Canadian", "Ottawa"),
    "Mexico": ("Mexico", "Mexican"),
    "United Kingdom": ("United Kingdom", "U.K.", "UK", "Britain", "British", "London"),
    "European Union": ("European Union", "EU", "E.U.", "Brussels"),
    "France": ("France", "French", "Paris"),
    "Germany": ("Germany", "German", "Berlin"),
    "Italy": ("Italy", "Italian", "Rome"),
    "Spain": ("Spain", "Spanish", "Madrid"),
    "Japan": ("Japan", "Japanese", "Tokyo"),
    "South Korea": ("South Korea", "South Korean", "Republic of Korea", "ROK", "Seoul"),
    "North Korea": ("North Korea", "North Korean", "DPRK", "Pyongyang"),
    "Russia": ("Russia", "Russian", "Russian Federation", "Moscow", "Kremlin"),
    "Ukraine": ("Ukraine", "Ukrainian", "Kyiv", "Kiev"),
    "India": ("India", "Indian", "New Delhi"),
    "Pakistan": ("Pakistan", "Pakistani", "Islamabad"),
    "Iran": ("Iran", "Iranian", "Tehran"),
    "Israel": ("Israel", "Israeli"),
    "Turkey": ("Turkey", "Türkiye", "Turkish", "Ankara"),
    "Saudi Arabia": ("Saudi Arabia", "Saudi", "Riyadh"),
    "Egypt": ("Egypt", "Egyptian", "Cairo"),
    "Brazil": ("Brazil", "Brazilian", "Brasília", "Brasilia"),
    "Argentina": ("Argentina", "Argentine", "Argentinian", "Buenos Aires"),
    "Colombia": ("Colombia", "Colombian", "Bogotá", "Bogota"),
    "Chile": ("Chile", "Chilean"),
    "Peru": ("Peru", "Peruvian", "Lima"),
    "Australia": ("Australia", "Australian", "Canberra"),
    "New Zealand": ("New Zealand", "Wellington"),
    "Taiwan": ("Taiwan", "Taiwanese", "Taipei"),
    "Vietnam": ("Vietnam", "Viet Nam", "Vietnamese", "Hanoi"),
    "Indonesia": ("Indonesia", "Indonesian", "Jakarta"),
    "Philippines": ("Philippines", "Philippine", "Filipino", "Manila"),
    "Thailand": ("Thailand", "Thai", "Bangkok"),
    "Malaysia": ("Malaysia", "Malaysian", "Kuala Lumpur"),
    "Singapore": ("Singapore", "Singaporean"),
    "Poland": ("Poland", "Polish", "Warsaw"),
    "Netherlands": ("Netherlands", "Dutch", "The Hague"),
    "Belgium": ("Belgium", "Belgian"),
    "Sweden": ("Sweden", "Swedish", "Stockholm"),
    "Finland": ("Finland", "Finnish", "Helsinki"),
    "Norway": ("Norway", "Norwegian", "Oslo"),
    "Denmark": ("Denmark", "Danish", "Copenhagen"),
    "Switzerland": ("Switzerland", "Swiss", "Bern"),
    "Austria": ("Austria", "Austrian", "Vienna"),
    "Hungary": ("Hungary", "Hungarian", "Budapest"),
    "Greece": ("Greece", "Greek", "Athens"),
    "Portugal": ("Portugal", "Portuguese", "Lisbon"),
    "Ireland": ("Ireland", "Irish", "Dublin"),
    "Sudan": ("Sudan", "Sudanese", "Khartoum"),
    "South Sudan": ("South Sudan", "South Sudanese", "Juba"),
    "Ethiopia": ("Ethiopia", "Ethiopian", "Addis Ababa"),
    "Kenya": ("Kenya", "Kenyan", "Nairobi"),
    "Nigeria": ("Nigeria", "Nigerian", "Abuja"),
    "South Africa": ("South Africa", "South African", "Pretoria"),
    "Mali": ("Mali", "Malian", "Bamako"),
    "Niger": ("Niger", "Nigerien", "Niamey"),
    "Syria": ("Syria", "Syrian", "Damascus"),
    "Iraq": ("Iraq", "Iraqi", "Baghdad"),
    "Lebanon": ("Lebanon", "Lebanese", "Beirut"),
    "Jordan": ("Jordan", "Jordanian", "Amman"),
    "Yemen": ("Yemen", "Yemeni", "Sanaa"),
    "Qatar": ("Qatar", "Qatari", "Doha"),
    "United Arab Emirates": ("United Arab Emirates", "UAE", "Emirati", "Abu Dhabi"),
    "Afghanistan": ("Afghanistan", "Afghan", "Kabul"),
    "Venezuela": ("Venezuela", "Venezuelan", "Caracas"),
    "Cuba": ("Cuba", "Cuban", "Havana"),
    "Belarus": ("Belarus", "Belarusian", "Minsk"),
    "Georgia": ("Georgia", "Georgian", "Tbilisi"),
    "Armenia": ("Armenia", "Armenian", "Yerevan"),
    "Azerbaijan": ("Azerbaijan", "Azerbaijani", "Baku"),
    "Kazakhstan": ("Kazakhstan", "Kazakh", "Astana"),
    "Bangladesh": ("Bangladesh", "Bangladeshi", "Dhaka"),
    "Myanmar": ("Myanmar", "Burma", "Burmese"),
    "Estonia": ("Estonia", "Estonian", "Tallinn"),
    "Latvia": ("Latvia", "Latvian", "Riga"),
    "Lithuania": ("Lithuania", "Lithuanian", "Vilnius"),
    "Romania": ("Romania", "Romanian", "Bucharest"),
    "Bulgaria": ("Bulgaria", "Bulgarian"),
    "Czech Republic": ("Czech Republic", "Czechia", "Czech", "Prague"),
    "Slovakia": ("Slovakia", "Slovak", "Bratislava"),
    "Slovenia": ("Slovenia", "Slovenian", "Ljubljana"),
    "Croatia": ("Croatia", "Croatian", "Zagreb"),
    "Serbia": ("Serbia", "Serbian", "Belgrade"),
    "Bosnia and Herzegovina": ("Bosnia and Herzegovina", "Bosnia", "Bosnian", "Sarajevo"),
    "Moldova": ("Moldova", "Moldovan", "Chisinau", "Chișinău"),
    "Albania": ("Albania", "Albanian", "Tirana"),
    "North Macedonia": ("North Macedonia", "Macedonian", "Skopje"),
    "Montenegro": ("Montenegro", "Montenegrin", "Podgorica"),
    "Kosovo": ("Kosovo", "Kosovar", "Pristina"),
    "Iceland": ("Iceland", "Icelandic", "Reykjavik"),
    "Luxembourg": ("Luxembourg", "Luxembourgish"),
    "Cyprus": ("Cyprus", "Cypriot", "Nicosia"),
    "Malta": ("Malta", "Maltese", "Valletta"),
    "Algeria": ("Algeria", "Algerian", "Algiers"),
    "Morocco": ("Morocco", "Moroccan", "Rabat"),
    "Tunisia": ("Tunisia", "Tunisian", "Tunis"),
    "Libya": ("Libya", "Libyan", "Tripoli"),
    "Chad": ("Chad", "Chadian", "N'Djamena"),
    "Burkina Faso": ("Burkina Faso", "Burkinabe", "Ouagadougou"),
    "Somalia": ("Somalia", "Somali", "Mogadishu"),
    "Ghana": ("Ghana", "Ghanaian", "Accra"),
    "Senegal": ("Senegal", "Senegalese", "Dakar"),
    "Democratic Republic of the Congo": ("Democratic Republic of the Congo", "DRC", "DR Congo", "Kinshasa"),
    "Angola": ("Angola", "Angolan", "Luanda"),
    "Tanzania": ("Tanzania", "Tanzanian", "Dodoma"),
    "Uganda": ("Uganda", "Ugandan", "Kampala"),
    "Rwanda": ("Rwanda", "Rwandan", "Kigali"),
    "Zimbabwe": ("Zimbabwe", "Zimbabwean", "Harare"),
    "Mozambique": ("Mozambique", "Mozambican", "Maputo"),
    "Sri Lanka": ("Sri Lanka", "Sri Lankan", "Colombo"),
    "Nepal": ("Nepal", "Nepalese", "Nepali", "Kathmandu"),
    "Mongolia": ("Mongolia", "Mongolian", "Ulaanbaatar"),
    "Uzbekistan": ("Uzbekistan", "Uzbek", "Tashkent"),
    "Ecuador": ("Ecuador", "Ecuadorian", "Quito"),
    "Bolivia": ("Bolivia", "Bolivian", "La Paz"),
    "Paraguay": ("Paraguay", "Paraguayan", "Asunción", "Asuncion"),
    "Uruguay": ("Uruguay", "Uruguayan", "Montevideo"),
    "Panama": ("Panama", "Panamanian"),
    "Guatemala": ("Guatemala", "Guatemalan"),
    "Honduras": ("Honduras", "Honduran", "Tegucigalpa"),
    "Nicaragua": ("Nicaragua", "Nicaraguan", "Managua"),
    "El Salvador": ("El Salvador", "Salvadoran", "San Salvador"),
    "Haiti": ("Haiti", "Haitian", "Port-au-Prince"),
    "Kuwait": ("Kuwait", "Kuwaiti"),
    "Oman": ("Oman", "Omani", "Muscat"),
    "Bahrain": ("Bahrain", "Bahraini", "Manama"),
    "Palestine": ("Palestine", "Palestinian", "Gaza", "West Bank", "Ramallah"),
}

#: Capitalised words that name no entity: sentence openers, months, days, titles and the like.
NOT_ENTITIES = frozenset(
    """A An The This That These Those It Its In On At As And But Or If When While Whereas After Before
    Since Until During By For From Of To With Without Under Over About Also However Meanwhile Moreover
    Furthermore Although Though Yet So Then Now Still Here There Such Some Many Most All Both Each Every
    Other Another Several Few No Not Officials Analysts Experts Critics Observers Sources Data Figures
    Table Chart Section Report Article Note Source Summary Background Overview Outlook Recommendations
    Monday Tuesday Wednesday Thursday Friday Saturday Sunday January February March April May June July
    August September October November December Jan Feb Mar Apr Jun Jul Aug Sep Sept Oct Nov Dec
    President Prime Minister Chancellor Secretary Minister Ambassador Governor Senator Mr Mrs Ms Dr
    Q1 Q2 Q3 Q4 H1 H2 FY I We You He She They Our Their His Her My Your Total Overall Average Other
    Others Estimated Est Approx GDP GNP GNI CPI PPP VAT FDI""".split()
)


@dataclass(frozen=True)
class Entity:
    """A name found in text: where, and the entity it names (a country's canonical name, else the
    name as written)."""

    start: int
    end: int
    name: str
    country: bool


@cache
def _alias_map() -> dict[str, str]:
    return {alias: country for country, aliases in COUNTRIES.items() for alias in aliases}


_JOINERS = ("of", "for", "the", "de", "del", "&")


# A run of capitalised words, joined by "of", "for", "the", "de" or "&" ("Bank of England", "Ministry
# of the Interior"), possibly with digits and hyphens ("Hwasong-18", "KN-23", "G7"). Country names are
# masked out first (with U+0000), so a run never swallows one — unless it ends in a joiner right before
# it ("Bank of Japan"), which _JOINED_COUNTRY finds.
_WORDS = r"[A-ZÀ-Ý](?:[\w&.-]*\w)?"
_JOINER = "|".join(re.escape(j) for j in _JOINERS)
_NAME = patterns.compile(
    rf"(?<![\w’'\x00-]){_WORDS}(?:[ \t]+(?:(?:{_JOINER})[ \t]+){{0,2}}{_WORDS}){{0,5}}"
    rf"(?P<joined>[ \t]+(?:{_JOINER})[ \t]+(?:the[ \t]+)?\x00+)?"
)
_WORD = patterns.compile(r"\S+")
_OPENING = "(“\"‘'[«"
_CLOSING = ",;:!?)”\"’']»"


@cache
def _first_words() -> dict[str, int]:
    """Each alias's first word (without a trailing full stop), with the most words an alias it starts
    has."""
    firsts: dict[str, int] = {}
    for alias in _alias_map():
        words = alias.split()
        key = words[0].rstrip(".")
        firsts[key] = max(firsts.get(key, 0), len(words))
    return firsts


def country_spans(text: str) -> list[tuple[int, int]]:
    """Where the text names a country (or bloc), by any alias, as whole words: runs of up to five words
    from a capitalised one looked up in the alias table (one pattern of every alias cost a scan of them
    all at each character)."""
    aliases = _alias_map()
    firsts = _first_words()
    words = [(m.start(), m.end()) for m in _WORD.finditer(text)]
    found: list[tuple[int, int]] = []
    index = 0
    while index < len(words):
        start, _ = words[index]
        while start < words[index][1] and text[start] in _OPENING:
            start += 1
        if start >= words[index][1] or not text[start].isupper():
            index += 1
            continue
        first = text[start : words[index][1]].rstrip(_CLOSING + ".")
        longest = firsts.get(first) or firsts.get(first.removesuffix("'s").removesuffix("’s"))
        if longest is None:
            index += 1
            continue
        matched = 0
        for size in range(min(longest, len(words) - index), 0, -1):
            end = words[index + size - 1][1]
            inner = words[index : index + size - 1]
            if any(text[b - 1] in _CLOSING for _, b in inner):
                continue  # "China, Japan": a comma ends a name
            for candidate_end in _ends(text, start, end):
                if text[start:candidate_end] in aliases:
                    found.append((start, candidate_end))
                    matched = size
                    break
            if matched:
                break
        index += matched or 1
    return found


def _ends(text: str, start: int, end: int) -> Iterator[int]:
    """Where a name may end inside its last word: as written, without closing punctuation, without a
    possessive ("China's", "US’s") — never inside a word joined by a hyphen ("US-China")."""
    yield end
    while end > start and text[end - 1] in _CLOSING + ".":
        end -= 1
        yield end
    for suffix in ("'s", "’s"):
        if text[start:end].endswith(suffix):
            yield end - 2
    last = text[start:end]
    if last.endswith("s’") or last.endswith("s'"):
        yield end - 1


def country_of(name: str) -> str | None:
    """The country a name or adjective stands for ("Chinese" → "China"), or ``None``."""
    return _alias_map().get(name.strip())


def find_entities(
    text: str, starts: frozenset[int] = frozenset(), known: frozenset[str] = frozenset()
) -> list[Entity]:
    """Countries and capitalised names in running text, in order (each span once).

    A capitalised word that opens a sentence (an offset in ``starts``) is a name only when the article
    also writes it capitalised elsewhere (``known``): "Tariffs on Chinese goods" names China, not
    "Tariffs"."""
    aliases = _alias_map()
    countries = country_spans(text)
    pieces, at = [], 0
    for a, b in countries:
        pieces += [text[at:a], "\x00" * (b - a)]
        at = b
    masked = "".join(pieces) + text[at:]
    absorbed: set[int] = set()
    found: list[Entity] = []
    for match in _NAME.finditer(masked):
        words = [(m.start() + match.start(), m.group(0)) for m in _WORD.finditer(match.group(0))]
        while words and (
            words[0][1].rstrip(".") in NOT_ENTITIES
            or words[0][1] in _JOINERS
            or words[0][1].startswith("\x00")
            or (words[0][0] in starts and len(words) == 1 and words[0][1] not in known)
        ):
            words = words[1:]
        if not match.group("joined"):
            while words and words[-1][1] in _JOINERS:
                words = words[:-1]
        if not words:
            continue
        start, end = words[0][0], words[-1][0] + len(words[-1][1])
        if match.group("joined") and start < match.start("joined"):
            absorbed.update(a for a, b in countries if start <= a < end)
        name = text[start:end]
        if name.rstrip(".") in NOT_ENTITIES:
            continue
        found.append(Entity(start, end, name, False))
    for a, b in countries:
        if a not in absorbed:
            found.append(Entity(a, b, aliases[text[a:b]], True))
    return sorted(found, key=lambda e: e.start)


@lru_cache(maxsize=1 << 16)
def canonical(label: str) -> str:
    """A table row's label as an entity: a country's canonical name, else the label tidied (cached: the
    figures rule asks for each row's label twice, for the names the prose may use and for the rows)."""
    text = " ".join(label.split()).strip(" *_:")
    if text == label:
        text = label  # the label itself, not a copy: a large table's labels are all kept as entities
    country = country_of(text)
    if country:
        return country
    lowered = text.lower()
    if lowered.startswith("the "):
        text = text[4:]
    return text

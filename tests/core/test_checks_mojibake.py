"""text.mojibake: every kind of mojibake ftfy can measure is found and repaired, the message says what
the text would become, and accented text in the languages briefings are written in is never flagged.

The garbled examples are made here from sentences written for this file, by reading their UTF-8 in the
wrong code page, as a broken export or e-mail gateway does.
"""

from __future__ import annotations

import ftfy.bad_codecs  # noqa: F401  (the sloppy-windows-125x codecs)
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.checks import apply_safe_fixes, run_checks
from briefing.checks.text import fix_mojibake
from briefing.model import Briefing, Section
from tests.core.checks_support import items, make, para, table

LEGIT = [
    "Le ministre a déjà signé l’accord à Bruxelles ; « c’est un pas en avant », a-t-il déclaré.",
    "Les exportations françaises ont progressé de 3,2 % en août, d’après l’Insee.",
    "Die Außenministerin äußerte sich in Düsseldorf über die Größe des Förderprogramms.",
    "Laut Bundesbank stieg die Inflation auf 2,4 % – „deutlich über Plan“, hieß es.",
    "El Gobierno español aprobó el año pasado una reforma; ¿qué cambiará para los pequeños?",
    "Según el ministro, la producción de acero cayó un 4,5 % en el último trimestre.",
    "Zażółć gęślą jaźń: minister z Łodzi i Gdańska spotkał się w Kraków-Balice.",
    "Wzrost PKB wyniósł 2,9% r/r, a bezrobocie spadło do 5,1% — podał GUS.",
    "O presidente do Banco de Portugal falou em São Paulo e em Brasília sobre a inflação.",
    "ÂNGELA e JOÃO chegaram às 14h; a votação de Ângela foi às 15h.",
    "Předseda vlády řekl, že růst mezd dosáhl 7 %, což je nejvíc od roku 2008.",
    "Guvernul de la București a anunțat că inflația a scăzut la 5,1 %.",
    "İstanbul'da Şişli ve Beşiktaş belediyeleri ortak bir açıklama yaptı.",
    "Þórshöfn og Ísafjörður fengu styrki; Ærø og Øresund nefnd í skýrslunni.",
    "Η Αθήνα ανακοίνωσε νέα μέτρα για την ενέργεια, είπε ο υπουργός.",
    "Москва заявила, что её делегация прибудет в четверг; ёмкость склада — 40 т.",
    "Київ і Рівне отримали її підтримку; Сіверськ згадано у звіті.",
    "Hà Nội và Việt Nam công bố tăng trưởng 6,5% trong quý hai.",
    "Margins of ±2.5 points, ≤5% and ≥3% were cited; temperatures near 40 °C; ½ of the fleet.",
    "Prices: €40, £30, ¥500, ₹200, $1.2bn, 12 × 3 ÷ 4 — all “quoted” … as is.",
    "📊 Datos clave 🔑 y 🌍 impacto: el informe ✅ cerró.",
    "Ça ne change rien à l’été : naïve, Œuvre, cœur, Noël, maïs.",
]


def briefing_of(text: str) -> Briefing:
    return make(para("b1", text))


def garbled(text: str, encoding: str) -> str:
    """UTF-8 read in the wrong code page."""
    return text.encode("utf-8").decode(encoding)


@pytest.mark.parametrize("text", LEGIT)
def test_accented_text_in_many_languages_is_never_flagged(text):
    assert fix_mojibake(text) == text
    briefing = make(para("b1", text), items("b2", text), table("b3", ["Ort", "Wert"], [text, "5 %"]))
    briefing.sections[0].heading = text
    assert [f for f in run_checks(briefing) if f.rule == "text.mojibake"] == []


CASES = [
    ("The continent’s gas bill fell.", "sloppy-windows-1252"),
    ("Café owners in Montréal said prices rose 4%.", "sloppy-windows-1252"),
    ("Größe über alles: Müller said the €40 fee stays.", "latin-1"),
    ("📊 Key figures for 2024", "sloppy-windows-1252"),
    ("🌍 Impact — “global” and 😀", "sloppy-windows-1252"),
    ("Zażółć gęślą jaźń w Łodzi", "sloppy-windows-1250"),
    ("Москва и Киев: переговоры", "sloppy-windows-1251"),
    ("Москва и Киев: переговоры", "cp437"),
    ("Αθήνα: νέα μέτρα", "sloppy-windows-1253"),
    ("Déjà vu à Genève", "macroman"),
    ("İstanbul'da ağır çekim", "sloppy-windows-1254"),
]


@pytest.mark.parametrize(("text", "encoding"), CASES)
def test_utf8_read_in_another_code_page_is_repaired_and_the_message_says_into_what(text, encoding):
    bad = garbled(text, encoding)
    assert bad != text
    briefing = briefing_of(bad)
    (finding,) = [f for f in run_checks(briefing) if f.rule == "text.mojibake"]
    assert "would read" in finding.message and finding.safe_fix
    assert any(word in finding.message for word in text.split())  # what the text becomes
    apply_safe_fixes(briefing)
    assert briefing.sections[0].blocks[0].text == text


def test_text_garbled_twice_is_repaired_in_one_fix():
    text = "The envoy’s “final” offer — 30% — was refused."
    twice = garbled(garbled(text, "sloppy-windows-1252"), "sloppy-windows-1252")
    briefing = briefing_of(twice)
    apply_safe_fixes(briefing)
    assert briefing.sections[0].blocks[0].text == text


def test_an_emoji_heading_and_a_cell_are_repaired():
    briefing = Briefing()
    briefing.sections = [
        Section(
            "s1",
            garbled("📈 Outlook", "sloppy-windows-1252"),
            2,
            [table("b1", ["Item", "Cost"], ["Fee", garbled("€40", "sloppy-windows-1252")])],
        )
    ]
    briefing.next_id = 10
    found = [f for f in run_checks(briefing) if f.rule == "text.mojibake"]
    assert len(found) == 2
    assert "“ðŸ“ˆ” would read “📈”" in found[0].message
    apply_safe_fixes(briefing)
    assert briefing.sections[0].heading == "📈 Outlook"
    assert briefing.sections[0].blocks[0].rows[0][1] == "€40"


WORDS = [w for text in LEGIT for w in text.split()]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=12).map(" ".join))
def test_sentences_made_of_real_words_are_never_flagged(text):
    assert fix_mojibake(text) == text


LATIN = [w for w in WORDS if w.isalpha() and not w.isascii() and all(ord(c) < 0x250 for c in w)]


@settings(max_examples=300, deadline=None)
@given(
    st.lists(st.sampled_from(LATIN), min_size=1, max_size=8).map(" ".join),
    # Not ISO 8859-2 as well as Windows-1250: the two differ in a few bytes, so some words read back
    # either way ("DĂźsseldorf" is Düsseldorf in one and Dßsseldorf in the other); Windows-1250 is taken.
    st.sampled_from(["sloppy-windows-1252", "latin-1", "sloppy-windows-1250", "macroman"]),
)
def test_latin_text_read_in_another_code_page_comes_back_exactly(text, encoding):
    assert fix_mojibake(garbled(text, encoding)) == text


def test_a_word_too_short_for_ftfys_measure_is_still_read_again():
    assert fix_mojibake(garbled("się", "sloppy-windows-1252")) == "się"  # siÄ™


def test_a_garbled_word_beside_real_signs_and_a_no_break_space_is_repaired():
    """Found by the data-safety property: ftfy repaired the "≈" and left "GdaÅ„sk" as it was, because a
    no-break space at the end made the whole text no one code page's reading."""
    text = "Gdańsk said exports rose ≈ 9.5% by 12 March 2024. \u00a0"
    bad = garbled("Gdańsk", "sloppy-windows-1252") + " said exports rose ≈ 9.5% by 12 March 2024. \u00a0"
    assert fix_mojibake(bad) == text


def test_the_code_pages_read_without_ftfy_are_ftfys_own():
    """The mojibake patterns are built from the standard library's codecs so that ftfy loads only for
    suspect text; each code page must read every byte as ftfy's codec of the same page does."""
    from ftfy.chardata import CHARMAP_ENCODINGS

    from briefing.checks.text import CODE_PAGES

    assert len(CODE_PAGES) == len(CHARMAP_ENCODINGS)
    for (ours, sloppy), theirs in zip(CODE_PAGES, CHARMAP_ENCODINGS, strict=True):
        for byte in range(0x80, 0x100):
            try:
                read = bytes([byte]).decode(ours)
            except UnicodeDecodeError:
                assert sloppy, (ours, hex(byte))
                read = chr(byte)
            assert read == bytes([byte]).decode(theirs), (ours, theirs, hex(byte))


def test_clean_text_does_not_load_ftfy():
    """ftfy costs 30 ms at start-up: importing the checks and checking text with no mojibake shape
    (accents and curly quotes included) must not load it."""
    import subprocess
    import sys

    code = (
        "import sys\n"
        "from briefing.checks import run_checks\n"
        "from briefing.importing import import_text\n"
        "run_checks(import_text('# Café crème\\n\\nL’été à Zürich — naïve “quotes” and 5 €.\\n'))\n"
        "print('ftfy' in sys.modules)\n"
    )
    loaded = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert loaded.strip() == "False"

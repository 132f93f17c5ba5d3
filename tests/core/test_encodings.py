"""Guessing the encoding of an article that is not UTF-8 (:mod:`briefing.encodings`).

Each language below is a handful of sentences written for these tests, saved in the encodings people
really use for it. A short text is one or two sentences; a long one cycles through all the sentences,
numbered, until it holds well over 300 non-ASCII bytes. Every text must come back exactly, and the
``import.encoding`` note must appear only when the bytes leave a real doubt.
"""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from briefing.checks import run_checks
from briefing.encodings import describe_encoding, guess_encoding
from briefing.importing import import_article, import_file
from briefing.textfile import decode_bytes

FRENCH = [
    "Le ministre a déclaré à la presse que la réunion de Genève s'était déroulée dans un climat très tendu.",
    "Après des mois de négociations, les délégués ont enfin approuvé un accord sur la sécurité régionale.",
    "Selon les services de renseignement, l'essai du missile a eu lieu près de la côte est, à l'aube.",
    "Les États voisins ont exprimé leur inquiétude et demandé une réunion d'urgence du Conseil.",
    "Le porte-parole a ajouté qu'aucune décision n'avait été prise concernant les sanctions économiques.",
    "Où en est la coopération ? Personne ne le sait vraiment, même au sein du gouvernement.",
    "Ce rapport a été reçu jeudi ; il sera examiné à huis clos avant la fête nationale.",
]
# Word's "plain text" on Windows: the same language with typographic quotes, dashes and the ligature.
FRENCH_TYPOGRAPHIC = [
    "L’ambassadeur a qualifié la situation de « très préoccupante » — sans plus de détails.",
    "Le texte, adopté à l’unanimité, prévoit un budget de 5 millions d’euros (5 M€) pour l’œuvre commune.",
    "“Nous n’avons rien à cacher”, a répété le porte-parole… avant de quitter la salle.",
]
GERMAN = [
    "Die Bundesregierung hat am Dienstag überraschend neue Maßnahmen gegen die Energiekrise beschlossen.",
    "Nach Angaben des Ministeriums sollen die Gaspreise für private Haushalte bis März gedeckelt werden.",
    "Kritiker bemängeln, dass die Kosten für künftige Generationen kaum abzuschätzen seien.",
    "Der Außenminister äußerte sich zurückhaltend über die Gespräche mit den östlichen Nachbarn.",
    "Größere Unternehmen müssen ihre Verbräuche offenlegen; Verstöße werden mit Bußgeldern geahndet.",
]
SPANISH = [
    "El presidente anunció ayer una reforma económica que, según el Gobierno, reducirá la inflación.",
    "¿Qué pasará con las pensiones? Nadie lo sabe todavía, admitió el ministro en una entrevista.",
    "La comisión investigará el accidente ocurrido en la estación de Córdoba el pasado miércoles.",
    "Los niños de la región recibirán atención médica gratuita durante el próximo año.",
    "¡Es una decisión histórica!, exclamó la portavoz tras la votación en el Congreso.",
]
POLISH = [
    "Rząd ogłosił wczoraj nowy pakiet pomocy dla rolników dotkniętych suszą.",
    "Według ministra finansów deficyt budżetowy w przyszłym roku nie przekroczy trzech procent.",
    "Mieszkańcy małych miejscowości skarżą się na brak połączeń kolejowych z większymi miastami.",
    "Żołnierze wrócili do koszar po ćwiczeniach, które trwały dwa tygodnie.",
    "Źródła w parlamencie twierdzą, że głosowanie odbędzie się w środę.",
]
CZECH = [
    "Vláda včera schválila nový zákon o státním rozpočtu na příští rok.",
    "Podle ministra zahraničí se jednání v Bruselu zúčastní i zástupci sousedních zemí.",
    "Hasiči zasahovali u požáru skladu v Ostravě celou noc; nikdo nebyl zraněn.",
    "Průzkum ukázal, že většina občanů podporuje zvýšení platů učitelů.",
    "Ať už rozhodnutí dopadne jakkoli, opozice slíbila, že bude dál kritizovat ministerstvo.",
]
RUSSIAN = [
    "Правительство объявило о новых мерах поддержки малого бизнеса.",
    "По словам министра, инфляция в этом году не превысит пяти процентов.",
    "Переговоры в Женеве продолжатся на следующей неделе, сообщили дипломаты.",
    "Жители северных районов жалуются на перебои с электричеством.",
    "Эксперты считают, что решение было принято слишком поздно, и ёмкость рынка сократилась.",
]
JAPANESE = [
    "政府は昨日、新しい経済対策を発表しました。",
    "外務大臣によると、会談は来週ジュネーブで再開される予定です。",
    "北部の住民は、電力不足が続いていることに不満を訴えています。",
    "専門家は、この決定が遅すぎたと指摘しています。",
    "東京の株式市場では、円安を受けて輸出関連の銘柄が値上がりしました。",
]


def short(sentences: list[str]) -> str:
    """A title line and the first sentence: the kind of snippet an analyst saves to try the tool."""
    return f"Note\n\n{sentences[0]}\n"


def long(sentences: list[str], encoding: str, non_ascii: int = 400) -> str:
    """Numbered paragraphs cycling through the sentences until the bytes hold ``non_ascii`` accented ones."""
    paragraphs = ["Briefing"]
    n = 0
    while sum(b > 127 for b in "\n\n".join(paragraphs).encode(encoding)) < non_ascii:
        paragraphs.append(f"{n + 1}. {sentences[n % len(sentences)]}")
        n += 1
    return "\n\n".join(paragraphs) + "\n"


def decode(text: str, encoding: str):  # noqa: ANN201 - the DecodedText
    return decode_bytes(text.encode(encoding), "article.txt")


# (language, sentences, encoding the file is saved in, what decoding must name)
LANGUAGES = [
    pytest.param(FRENCH, "latin-1", id="french-latin-1"),
    pytest.param(FRENCH, "cp1252", id="french-cp1252"),
    pytest.param(FRENCH_TYPOGRAPHIC, "cp1252", id="french-typographic-cp1252"),
    pytest.param(FRENCH + ["Son cœur est à l'œuvre."], "iso8859-15", id="french-iso-8859-15"),
    pytest.param(FRENCH, "mac-roman", id="french-mac-roman"),
    pytest.param(GERMAN, "cp1252", id="german-cp1252"),
    pytest.param(GERMAN, "latin-1", id="german-latin-1"),
    pytest.param(SPANISH, "cp1252", id="spanish-cp1252"),
    pytest.param(SPANISH, "latin-1", id="spanish-latin-1"),
    pytest.param(POLISH, "cp1250", id="polish-cp1250"),
    pytest.param(POLISH, "iso8859-2", id="polish-iso-8859-2"),
    pytest.param(CZECH, "cp1250", id="czech-cp1250"),
    pytest.param(CZECH, "iso8859-2", id="czech-iso-8859-2"),
    pytest.param(RUSSIAN, "cp1251", id="russian-cp1251"),
    pytest.param(RUSSIAN, "koi8-r", id="russian-koi8-r"),
    pytest.param(JAPANESE, "shift_jis", id="japanese-shift-jis"),
    pytest.param(JAPANESE, "cp932", id="japanese-cp932"),
    pytest.param(JAPANESE, "euc-jp", id="japanese-euc-jp"),
]


@pytest.mark.parametrize(("sentences", "encoding"), LANGUAGES)
def test_a_long_text_comes_back_exactly_without_a_note(sentences: list[str], encoding: str) -> None:
    """Hundreds of accented bytes are strong evidence: the reading is right and nothing needs saying."""
    text = long(sentences, encoding)
    decoded = decode(text, encoding)
    assert decoded.text == text, f"read as {decoded.encoding}"
    assert decoded.doubt is None, decoded.doubt


@pytest.mark.parametrize(("sentences", "encoding"), LANGUAGES)
def test_a_short_text_comes_back_exactly(sentences: list[str], encoding: str) -> None:
    text = short(sentences)
    decoded = decode(text, encoding)
    assert decoded.text == text, f"read as {decoded.encoding}"


# Short texts whose bytes read as well in another encoding's language: the guess is right, and it says so.
# Short texts not listed here must come without a note: every other reading is clearly garbage.
DOUBTFUL_WHEN_SHORT = {
    # "très" reads as Czech-looking "trčs" and nothing else in the sentence tells them apart
    "french-typographic-cp1252": "Windows-1250",
    # two "ą" bytes that Latin-2 reads as "š": "Ršd … suszš"
    "polish-cp1250": "ISO 8859-2",
    # one "š" that Windows-1250 reads as "ą": "příątí"
    "czech-iso-8859-2": "Windows-1250",
}


@pytest.mark.parametrize(("sentences", "encoding"), LANGUAGES)
def test_a_short_text_has_a_note_only_when_another_reading_is_plausible(
    request: pytest.FixtureRequest, sentences: list[str], encoding: str
) -> None:
    case = request.node.callspec.id
    decoded = decode(short(sentences), encoding)
    if case in DOUBTFUL_WHEN_SHORT:
        assert decoded.doubt is not None
        assert DOUBTFUL_WHEN_SHORT[case] in decoded.doubt.message(decoded.encoding)
    else:
        assert decoded.doubt is None, decoded.doubt


# --- the failures reported in issue 14 -----------------------------------------------------------------


@pytest.mark.parametrize("non_ascii", [300, 2800])
def test_a_long_latin_1_french_article_is_not_read_as_cp1250(tmp_path: Path, non_ascii: int) -> None:
    """Issue 14: ≥ 200 accented bytes sent the article to charset-normalizer, which said cp1250 for this
    one (a third of its à, è, ç and ê changed: "déclaré à" became "déclaré ŕ") with no warning."""
    text = long([FRENCH[i] for i in (0, 1, 2, 5, 6)], "latin-1", non_ascii=non_ascii)
    path = tmp_path / "article.txt"
    path.write_bytes(text.encode("latin-1"))
    briefing, source = import_article(path)
    assert source == text
    assert "déclaré à la presse" in source and "ŕ" not in source
    assert not briefing.import_notes


def test_a_short_shift_jis_file_is_japanese_not_latin_1(tmp_path: Path) -> None:
    """Issue 14: a short Shift-JIS file was read as Latin-1 garbage (and the mojibake fix made more)."""
    text = "報告\n\n" + JAPANESE[0] + "\n"
    path = tmp_path / "report.txt"
    path.write_bytes(text.encode("shift_jis"))
    briefing, source = import_article(path)
    assert source == text
    assert not [f for f in run_checks(briefing, source) if f.rule in {"text.mojibake", "import.encoding"}]


def test_the_guess_is_made_on_the_whole_text_not_its_start() -> None:
    """An English article whose Czech part starts after 300 kB is still Czech, not cp1252 mojibake."""
    english = "The delegation met the minister again on Tuesday and the talks went on late. " * 4000
    text = english + "\n\n" + long(CZECH, "cp1250", non_ascii=3000)
    decoded = decode(text, "cp1250")
    assert decoded.text == text


# --- the note ------------------------------------------------------------------------------------------


def test_an_uncertain_guess_reaches_the_briefing_on_every_path(tmp_path: Path) -> None:
    """parse/convert (import_file), check/fix (import_article) and the editor all report the guess."""
    from briefing.documents import open_document, open_with_source

    path = tmp_path / "short.txt"
    path.write_bytes("Note\n\nLe ministère a publié un résumé très détaillé.\n".encode("latin-1"))
    for briefing in (
        import_file(path),
        open_document(path),
        import_article(path)[0],
        open_with_source(path)[0],
    ):
        notes = [n for n in briefing.import_notes if n.rule == "import.encoding"]
        assert len(notes) == 1
        message = notes[0].message
        assert "Windows-1252 (Western European)" in message and "Windows-1250 (Central European)" in message
        assert notes[0].line == 3, "the note points at the first line the readings disagree on"
    found = [f for f in run_checks(import_file(path)) if f.rule == "import.encoding"]
    assert len(found) == 1 and found[0].message.startswith("Line 3: ")


def test_utf_8_and_plain_ascii_never_get_a_note(tmp_path: Path) -> None:
    for name, data in [("u.txt", long(FRENCH, "utf-8").encode("utf-8")), ("a.txt", b"Plain\n\nEnglish.\n")]:
        path = tmp_path / name
        path.write_bytes(data)
        assert import_file(path).import_notes == []


def test_encodings_have_human_names() -> None:
    assert describe_encoding("cp1252") == "Windows-1252 (Western European)"
    assert describe_encoding("koi8-r") == "KOI8-R (Russian)"
    assert describe_encoding("euc_jp") == "EUC-JP (Japanese)"


def test_text_that_reads_right_in_no_encoding_is_still_imported_with_a_note() -> None:
    """Random accented noise: every character is kept (Latin-1 reads any byte) and the note says so."""
    data = b"Title\n\n" + bytes(range(0xA0, 0x100)) * 3 + b"\n"
    decoded = decode_bytes(data, "noise.txt")
    assert decoded.doubt is not None
    assert len(decoded.text) == len(data)


def test_a_utf_8_file_with_a_stray_windows_1252_line_stays_utf_8() -> None:
    """A line pasted from an old file into a UTF-8 article: the rest must not turn into mojibake."""
    text = long(FRENCH, "utf-8")
    data = text.encode("utf-8") + "Fin : “vu”, café.\n".encode("cp1252")
    decoded = decode_bytes(data, "pasted.txt")
    assert decoded.text == text + "Fin : “vu”, café.\n"
    assert decoded.encoding == "utf-8" and decoded.doubt is not None
    assert decoded.doubt.line == text.count("\n") + 1
    assert "UTF-8 except in 3 places" in decoded.doubt.message(decoded.encoding)


@pytest.mark.parametrize(
    ("sentences", "encoding"),
    [
        pytest.param(["Η κυβέρνηση ανακοίνωσε χθες νέα μέτρα για την οικονομία."], "cp1253", id="greek"),
        pytest.param(
            ["Hükümet dün ekonomi için yeni önlemler açıkladı; işsizlik değişmedi."], "cp1254", id="tr"
        ),
        pytest.param(FRENCH, "cp850", id="french-dos"),
        pytest.param(RUSSIAN, "cp866", id="russian-dos"),
        pytest.param(["政府昨天宣布了新的经济措施，据外交部长说会谈将于下周恢复。"], "gbk", id="chinese"),
    ],
)
def test_other_encodings_still_read_right_when_long(sentences: list[str], encoding: str) -> None:
    """Beyond the languages above: Turkish is a candidate, DOS code pages are tried when nothing fits,
    and charset-normalizer proposes the rest (Greek, Chinese…)."""
    text = long(sentences, encoding)
    assert decode(text, encoding).text == text


# --- mojibake must not be claimed on correctly read text -----------------------------------------------


@pytest.mark.parametrize(("sentences", "encoding"), LANGUAGES)
def test_correctly_read_text_has_no_mojibake_finding(sentences: list[str], encoding: str) -> None:
    from briefing.importing import import_text

    text = long(sentences, encoding)
    assert not [f for f in run_checks(import_text(text), text) if f.rule == "text.mojibake"]


def test_the_mojibake_rule_does_fire_on_a_wrong_reading() -> None:
    """So that the test above can fail: French UTF-8 read as Windows-1252 is flagged."""
    from briefing.importing import import_text

    garbled = long(FRENCH, "utf-8").encode("utf-8").decode("cp1252")
    assert [f for f in run_checks(import_text(garbled), garbled) if f.rule == "text.mojibake"]


# --- nothing lost, whatever the bytes ------------------------------------------------------------------

PIECES = [sentence for group in (FRENCH, GERMAN, POLISH, CZECH, RUSSIAN, JAPANESE) for sentence in group]
CODECS = ["cp1252", "latin-1", "cp1250", "iso8859-2", "cp1251", "koi8-r", "shift_jis", "euc-jp", "utf-8"]


@settings(max_examples=150, deadline=None)
@given(
    st.lists(
        st.one_of(
            st.tuples(st.sampled_from(PIECES), st.sampled_from(CODECS)).map(
                lambda pair: pair[0].encode(pair[1], "replace") + b"\n"
            ),
            st.binary(max_size=40),
        ),
        min_size=1,
        max_size=12,
    )
)
def test_every_byte_is_kept_by_the_guess(parts: list[bytes]) -> None:
    """Mixed languages, encodings and noise: the chosen reading decodes every byte, so nothing is lost."""
    data = b"".join(parts)
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return  # not the guesser's business
    guess = guess_encoding(data)
    assert "\ufffd" not in guess.text or b"\xef\xbf\xbd" in data, "a byte was replaced, not read"
    if not (guess.doubt is not None and guess.doubt.stray):
        assert guess.text == data.decode(guess.codec)


# --- cost -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("encoding", ["cp1251", "latin-1"])
def test_guessing_a_large_file_is_fast(encoding: str) -> None:
    """A 20 MB article: the guess samples the whole file, so it takes well under the generous deadline."""
    sentences = RUSSIAN if encoding == "cp1251" else FRENCH
    text = long(sentences, encoding, non_ascii=2000)
    data = (text * (20_000_000 // len(text) + 1)).encode(encoding)
    started = time.perf_counter()
    decoded = decode_bytes(data, "big.txt")
    assert time.perf_counter() - started < 30
    assert decoded.text == text * (20_000_000 // len(text) + 1) and decoded.doubt is None

"""Guessing the encoding of an article that is neither UTF-8 nor UTF-16, and saying how sure the guess is.

Bytes alone do not say which 8-bit encoding wrote them, so every candidate below is read and the reading
whose letters look most like real text wins. The decision, step by step:

1. **Candidates.** Western European (Windows-1252, Latin-1, Latin-9, Mac OS Roman), Central European
   (Windows-1250, Latin-2), Cyrillic (Windows-1251, KOI8-R) and Japanese (Shift-JIS, EUC-JP). A single-byte
   candidate that leaves a byte of the file undefined is out; so is a Japanese one that does not decode.
2. **Score.** Each reading earns points per non-ASCII byte, on the whole text (a file over 256 kB is read
   as evenly spread windows around its non-ASCII bytes, so a long English start cannot hide a Czech end):
   a letter inside a well-formed word (one script, lower case or Capitalised) +1, a word in capitals +½,
   common punctuation (’ “ » – … € NBSP) +½; a word mixing scripts or cases, a symbol or control
   character inside a word, a one-letter word no language has (``ŕ`` where French has ``à``) lose points.
   Then the language test: the accented letters are compared with the alphabets of the languages the
   encoding serves, and letters no single one of them uses (``ę`` beside ``ç`` and ``č``) cost their points.
   A Japanese reading needs hiragana, as Japanese prose has, for its kanji to count.
3. **Preference.** Western European text is what most analysts paste, and its bytes read as Central
   European letters surprisingly often; so the other families start with a handicap of 1 point plus 2 % of
   the evidence and win only when their reading is clearly better.
4. **Doubt.** The guess is reported (an ``import.encoding`` finding naming the encoding used and the
   alternatives) when another reading that gives *different* text comes within 3 points or 5 % of the
   evidence, or when even the best reading looks poor (under ½ point a byte). Readings that give the same
   text (German in Windows-1252 or Windows-1250) are not alternatives: nothing could be wrong.
5. **Nothing fits.** When every candidate reads poorly (Greek, Hebrew, Chinese…), charset-normalizer's
   guess joins the candidates with a larger handicap; Latin-1, which reads any byte, is the last resort, so
   import never refuses text for its encoding and never drops a character.

The work is linear: one pass strips the ASCII bytes, candidates are ruled out on what remains, and the
scoring reads at most about 256 kB whatever the file's size.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache

WESTERN, CENTRAL, TURKISH, CYRILLIC, JAPANESE, OTHER = (
    "western",
    "central",
    "turkish",
    "cyrillic",
    "japanese",
    "other",
)


@dataclass(frozen=True)
class _Candidate:
    codec: str
    family: str
    #: 0: Western European, no handicap; 1: the other families; 2: rare, tried when nothing reads well.
    tier: int
    #: Whether each byte is one character (the candidate can be ruled out on the bytes alone).
    single_byte: bool = True


#: In order of preference: a tie goes to the earlier one.
CANDIDATES = (
    _Candidate("cp1252", WESTERN, 0),
    _Candidate("latin-1", WESTERN, 0),
    _Candidate("iso8859-15", WESTERN, 0),
    _Candidate("cp1250", CENTRAL, 1),
    _Candidate("iso8859-2", CENTRAL, 1),
    _Candidate("cp1254", TURKISH, 1),
    _Candidate("cp1251", CYRILLIC, 1),
    _Candidate("koi8-r", CYRILLIC, 1),
    _Candidate("cp932", JAPANESE, 1, single_byte=False),
    _Candidate("euc_jp", JAPANESE, 1, single_byte=False),
    # Old Mac and DOS files: only when nothing above reads well (an English ’ is an í in Mac OS Roman).
    _Candidate("mac-roman", WESTERN, 2),
    _Candidate("cp850", WESTERN, 2),
    _Candidate("cp866", CYRILLIC, 2),
)

_NAMES = {
    "cp1252": "Windows-1252 (Western European)",
    "iso8859-1": "Latin-1, ISO 8859-1 (Western European)",
    "iso8859-15": "Latin-9, ISO 8859-15 (Western European)",
    "mac-roman": "Mac OS Roman (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "iso8859-2": "Latin-2, ISO 8859-2 (Central European)",
    "cp1251": "Windows-1251 (Cyrillic)",
    "koi8-r": "KOI8-R (Russian)",
    "koi8-u": "KOI8-U (Ukrainian)",
    "cp932": "Shift-JIS (Japanese)",
    "shift_jis": "Shift-JIS (Japanese)",
    "euc_jp": "EUC-JP (Japanese)",
    "cp1253": "Windows-1253 (Greek)",
    "iso8859-7": "ISO 8859-7 (Greek)",
    "cp1254": "Windows-1254 (Turkish)",
    "cp1255": "Windows-1255 (Hebrew)",
    "cp1256": "Windows-1256 (Arabic)",
    "cp1257": "Windows-1257 (Baltic)",
    "cp437": "DOS code page 437 (US)",
    "cp850": "DOS code page 850 (Western European)",
    "cp866": "DOS code page 866 (Cyrillic)",
    "gb2312": "GB2312 (Simplified Chinese)",
    "gbk": "GBK (Simplified Chinese)",
    "gb18030": "GB18030 (Simplified Chinese)",
    "big5": "Big5 (Traditional Chinese)",
    "cp950": "Big5 (Traditional Chinese)",
    "euc_kr": "EUC-KR (Korean)",
    "cp949": "Windows-949 (Korean)",
}


def describe_encoding(codec: str) -> str:
    """The name an analyst knows an encoding by, e.g. ``Windows-1252 (Western European)``."""
    try:
        key = codecs.lookup(codec).name
    except LookupError:
        return codec
    return _NAMES.get(key, key.upper())


@dataclass(frozen=True)
class EncodingDoubt:
    """Why a guessed encoding may be wrong: readings nearly as plausible, or no plausible reading at all."""

    #: Codecs whose reading gives different text and scores close to the one used, best first.
    alternatives: tuple[str, ...]
    #: Non-ASCII bytes the guess rests on (in the scored text).
    evidence: int
    #: The first line of the file where the reading used and the first alternative differ (0: unknown).
    line: int = 0
    #: Whether even the reading used looks poor (no candidate makes sense of the bytes).
    poor: bool = False
    #: For a UTF-8 file with a few bytes that are not: how many, read one by one as Windows-1252.
    stray: int = 0

    def message(self, used: str) -> str:
        """One sentence for the analyst: what was used, what else it could be, what to do."""
        if self.stray:
            return (
                f"The file is UTF-8 except for {self.stray} byte{'s' if self.stray != 1 else ''} that "
                f"{'are' if self.stray != 1 else 'is'} not, read as {describe_encoding('cp1252')}; check "
                "the characters there, then save the article as UTF-8."
            )
        basis = (
            "no encoding reads it convincingly"
            if self.poor
            else f"a guess from {self.evidence} non-ASCII byte{'s' if self.evidence != 1 else ''}"
        )
        text = f"The file is not UTF-8; it was read as {describe_encoding(used)}, {basis}"
        if self.alternatives:
            names = [describe_encoding(codec) for codec in self.alternatives]
            text += (
                "; it could also be " + (", ".join(names[:-1]) + " or " if len(names) > 1 else "") + names[-1]
            )
        return text + ". If letters look wrong, save the article as UTF-8 and import it again."


@dataclass(frozen=True)
class Guess:
    """The encoding chosen for 8-bit bytes, the text it gives, and the doubt to report (if any)."""

    codec: str
    text: str
    doubt: EncodingDoubt | None


# --- tuning: documented in the module docstring ----------------------------------------------------------

_WHOLE_TEXT_BYTES = 256 * 1024  # files up to this size are scored whole
_WINDOWS = 128  # otherwise: this many windows, spread over the file...
_WINDOW_BYTES = 2048  # ...of about this size, each starting at a non-ASCII byte
_POOR = 0.5  # points per non-ASCII byte under which a reading "looks poor"
_CLOSE_POINTS, _CLOSE_SHARE = 3.0, 0.05  # a rival this close (points, share of the evidence) is a doubt
_HANDICAP_POINTS, _HANDICAP_SHARE = 1.0, 0.02  # non-Western families start this far behind
_FALLBACK_POINTS, _FALLBACK_SHARE = 2.0, 0.05  # rare encodings and charset-normalizer's guess: further

#: How many non-ASCII bytes a character stands for in the encoding being scored.
_Weight = Callable[[str], int]

_UTF8_AT_LEAST, _UTF8_SHARE = 4, 4  # "mostly UTF-8": this many valid sequences, and 4 per stray byte

_FOREIGN = 1.5  # points an accented letter loses when the likeliest language of its family lacks it

_ASCII = bytes(range(128))
_HIGH_BYTE = re.compile(rb"[\x80-\xff]")

# The accented letters of the languages each family serves (lower case). A reading whose letters no
# single language uses together is not text in that family.
_ALPHABETS: dict[str, tuple[str, ...]] = {
    WESTERN: (
        "àâæçéèêëîïôœùûüÿ",  # French
        "äöüß",  # German
        "áéíñóúü",  # Spanish
        "àáâãçéêíóôõú",  # Portuguese
        "àèéìíîòóù",  # Italian
        "àçèéíïòóúü",  # Catalan
        "áéëèïóöü",  # Dutch
        "åæøéäö",  # Danish, Norwegian, Swedish, Finnish
        "áðéíóúýþæö",  # Icelandic
        "áéíóú",  # Irish
    ),
    CENTRAL: (
        "ąćęłńóśźż",  # Polish
        "áčďéěíňóřšťúůýž",  # Czech
        "áäčďéíĺľňóôŕšťúýž",  # Slovak
        "áéíóöőúüű",  # Hungarian
        "čćđšž",  # Slovene, Croatian, Bosnian
        "ăâîşţșț",  # Romanian
        "äöüß",  # German
        "çë",  # Albanian
    ),
    TURKISH: ("çğıİöşüâîû",),
    CYRILLIC: (
        "абвгдеёжзийклмнопрстуфхцчшщъыьэюя",  # Russian
        "абвгґдеєжзиіїйклмнопрстуфхцчшщьюя",  # Ukrainian
        "абвгдеёжзійклмнопрстуўфхцчшыьэюя",  # Belarusian
        "абвгдежзийклмнопрстуфхцчшщъьюя",  # Bulgarian
        "абвгдђежзијклљмнњопрстћуфхцчџш",  # Serbian
        "абвгдѓежзѕијклљмнњопрстќуфхцчџш",  # Macedonian
    ),
}
# One-letter words made of an accented letter: French/Portuguese "à", Portuguese "é", Italian "è",
# Swedish "å"/"ö"; Russian and its neighbours have many.
_ONE_LETTER_WORDS: dict[str, str] = {
    WESTERN: "àéèåöó",
    CENTRAL: "",
    TURKISH: "",
    CYRILLIC: "авиксуояжібйзў",
}
# Non-letters that are ordinary in text (+½); the first group may also stand between two letters.
_INNER_MARKS = "’‘´·‑–—"
_MARKS = _INNER_MARKS + "“”„‚«»‹›…•¡¿§¶°€£¥¢©®™±×÷½¼¾²³¹µ†‡‰′″\xa0№ªº"
# ASCII punctuation and the marks above, stripped from the ends of a word before its letters are judged.
_EDGE = "".join(chr(c) for c in range(33, 127) if not chr(c).isalnum()) + _MARKS


def guess_encoding(data: bytes) -> Guess:
    """Choose an encoding for bytes that are not UTF-8 (see the module docstring for the decision)."""
    mixed = _mostly_utf8(data)
    if mixed is not None:
        return mixed
    high = data.translate(None, _ASCII)
    windows = _sample(data)
    evidence = sum(len(window.translate(None, _ASCII)) for window in windows) or 1
    scored: list[_Scored] = []
    for tier in (0, 1, 2):
        if tier == 2 and max(s.points for s in scored) >= _POOR * evidence:
            break  # something reads well: no need for the rare encodings
        for rank, candidate in enumerate(CANDIDATES):
            if candidate.tier != tier:
                continue
            if candidate.single_byte and high.translate(None, _defined(candidate.codec)):
                continue  # a byte of the file means nothing in this encoding
            scored.append(_score(candidate, rank, windows, evidence))
    if max(s.points for s in scored) < _POOR * evidence:
        extra = _fallback(windows)
        if extra is not None:
            scored.append(_score(extra, len(CANDIDATES), windows, evidence))
    scored.sort(key=lambda s: (-s.adjusted, s.rank))

    for i, best in enumerate(scored):
        try:
            whole = best.candidate.single_byte and len(windows) == 1 and windows[0] is data
            text = best.text if whole else data.decode(best.candidate.codec)
        except (UnicodeDecodeError, LookupError):
            continue  # a multibyte reading that held in the sample fails elsewhere in the file
        rivals = [
            s
            for s in scored[i + 1 :]
            if s.adjusted >= best.adjusted - max(_CLOSE_POINTS, _CLOSE_SHARE * evidence)
            and _differs(best, s, high)
            and _decodes(s, data)
        ]
        poor = best.points < _POOR * evidence
        doubt = None
        if rivals or poor:
            line = _first_difference(data, best, rivals[0]) if rivals else 0
            alternatives = tuple(s.candidate.codec for s in rivals[:3])
            doubt = EncodingDoubt(alternatives, evidence, line, poor)
        return Guess(best.candidate.codec, text, doubt)
    # Unreachable in practice (Latin-1 decodes anything), but keep every byte if it ever is.
    return Guess("latin-1", data.decode("latin-1"), EncodingDoubt((), evidence, 0, True))


def _mostly_utf8(data: bytes) -> Guess | None:
    """UTF-8 with a few bytes that are not (a Windows-1252 line pasted into a UTF-8 file), read as UTF-8
    with those bytes read one by one; ``None`` for 8-bit text, which has next to no valid UTF-8 in it."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first = exc.start
    else:
        return None
    marked = data.decode("utf-8", "replace")
    stray = marked.count("\ufffd")
    valid = len(marked) - len(marked.encode("ascii", "ignore")) - stray
    if valid < _UTF8_AT_LEAST or valid < _UTF8_SHARE * stray:
        return None
    text = data.decode("utf-8", _STRAY_BYTES)
    return Guess("utf-8", text, EncodingDoubt((), stray, _line_of(data, first), stray=stray))


def _read_stray_bytes(exc: UnicodeError) -> tuple[str, int]:
    """Decoding error handler: each byte that is not UTF-8 read as Windows-1252 (Latin-1 where that has
    no character), so every byte stays a character."""
    if not isinstance(exc, UnicodeDecodeError):
        raise exc
    bad = exc.object[exc.start : exc.end]
    return "".join(_STRAY_TABLE[byte] for byte in bad), exc.end


_STRAY_TABLE = [bytes([b]).decode("cp1252", "ignore") or chr(b) for b in range(256)]
_STRAY_BYTES = "briefing.stray-bytes"
codecs.register_error(_STRAY_BYTES, _read_stray_bytes)


def _line_of(data: bytes, position: int) -> int:
    newline = b"\n" if b"\n" in data else b"\r"
    return data.count(newline, 0, position) + 1


# --- sampling ----------------------------------------------------------------------------------------------


def _sample(data: bytes) -> list[bytes]:
    """The bytes to score: all of a small file, else windows around non-ASCII bytes spread over the file.

    Each window starts and ends next to a space or line break, where no multibyte character can be cut.
    """
    if len(data) <= _WHOLE_TEXT_BYTES:
        return [data]
    windows: list[bytes] = []
    block = len(data) // _WINDOWS
    end = 0
    for i in range(_WINDOWS):
        found = _HIGH_BYTE.search(data, max(i * block, end), (i + 1) * block)
        if found is None:
            continue
        start = max(
            data.rfind(b"\n", found.start() - 256, found.start()),
            data.rfind(b" ", found.start() - 256, found.start()),
        )
        start = start + 1 if start >= 0 else found.start()
        limit = min(len(data), start + _WINDOW_BYTES)
        end = max(data.rfind(b"\n", start + 1, limit), data.rfind(b" ", start + 1, limit))
        end = limit if end <= start or limit == len(data) else end
        windows.append(data[start:end])
    return windows or [data[:_WHOLE_TEXT_BYTES]]


@lru_cache(maxsize=32)
def _defined(codec: str) -> bytes:
    """The non-ASCII bytes that mean a character in a single-byte encoding."""
    ok = bytearray()
    for byte in range(128, 256):
        try:
            bytes([byte]).decode(codec)
        except UnicodeDecodeError:
            continue
        ok.append(byte)
    return bytes(ok)


def _fallback(windows: list[bytes]) -> _Candidate | None:
    """charset-normalizer's guess for text no candidate reads well (another script, another language)."""
    from charset_normalizer import from_bytes  # imported here: only unusual files need it

    best = from_bytes(b"\n".join(windows)).best()
    if best is None:
        return None
    try:
        codec = codecs.lookup(best.encoding).name
    except LookupError:
        return None
    if codec.startswith(("utf", "ascii")) or codec in {codecs.lookup(c.codec).name for c in CANDIDATES}:
        return None
    # Treated as multibyte whatever it is: checked by decoding, its characters weighed by their bytes.
    return _Candidate(codec, OTHER, 2, single_byte=False)


# --- scoring -----------------------------------------------------------------------------------------------


@dataclass
class _Scored:
    candidate: _Candidate
    rank: int
    points: float
    adjusted: float
    #: The sample as this candidate reads it (the whole text for a small file).
    text: str


def _score(candidate: _Candidate, rank: int, windows: list[bytes], evidence: int) -> _Scored:
    codec = candidate.codec
    text = "\n".join(window.decode(codec, "replace") for window in windows)
    weight = _weigher(codec, candidate.single_byte)
    points = 0.0
    # Characters that are never text, and the non-ASCII spaces that split() would hide.
    for bad in re.findall(r"[\x80-\x9f\ufffd]", text):
        points -= 2 * weight(bad)
    points += 0.5 * text.count("\xa0") + text.count("\u3000") * weight("\u3000")
    letters: Counter[str] = Counter()
    tokens = Counter(token for token in text.split() if not token.isascii())
    for token, count in tokens.items():
        token_points, token_letters = _judge(token, candidate.family, weight)
        points += token_points * count
        for letter in token_letters:
            letters[letter] += count
    points -= _foreign_letters(letters, candidate.family, weight)
    adjusted = points - _handicap(candidate, evidence)
    return _Scored(candidate, rank, points, adjusted, text)


def _handicap(candidate: _Candidate, evidence: int) -> float:
    if candidate.tier == 2:
        return _FALLBACK_POINTS + _FALLBACK_SHARE * evidence
    if candidate.tier == 1:
        return _HANDICAP_POINTS + _HANDICAP_SHARE * evidence
    return 0.0


def _weigher(codec: str, single_byte: bool) -> _Weight:
    """How many non-ASCII bytes a character of this encoding stands for (its points count that often)."""
    if single_byte:
        return lambda ch: 1

    @lru_cache(maxsize=4096)
    def weight(ch: str) -> int:
        try:
            return sum(b > 127 for b in ch.encode(codec)) or 1
        except UnicodeEncodeError:
            return 2

    return weight


def _judge(token: str, family: str, weight: _Weight) -> tuple[float, str]:
    """Points for the non-ASCII characters of one whitespace-separated token, and its accented letters
    (lower case, for the language test)."""
    points = 0.0
    core = token.strip(_EDGE)
    start = token.find(core) if core else len(token)
    for ch in token[:start] + token[start + len(core) :]:
        if ord(ch) > 127:
            points += 0.5 * weight(ch)
    letters: list[str] = []
    run_start = -1
    for i, ch in enumerate(core + " "):
        if i < len(core) and _is_letter(ch):
            if run_start < 0:
                run_start = i
            continue
        if run_start >= 0:
            run = core[run_start:i]
            initial = run.isupper() and token[start + i : start + i + 1] == "."
            points += _judge_run(run, family, weight, initial)
            letters.extend(_lower(c) for c in run if ord(c) > 127)
            run_start = -1
        if i < len(core) and ord(ch) > 127:
            between = 0 < i < len(core) - 1 and _is_letter(core[i - 1]) and _is_letter(core[i + 1])
            points += _judge_mark(ch, between) * weight(ch)
    return points, "".join(letters)


def _judge_mark(ch: str, between_letters: bool) -> float:
    """Points for a non-letter inside a word."""
    if ch in _MARKS:
        if between_letters:
            return 1.0 if ch in _INNER_MARKS else -2.0  # l’été: the apostrophe is part of the word
        return 0.5
    if _script(ch) == "cjk" or ch.isdigit():
        return 1.0
    return -2.0 if between_letters else -1.0


def _judge_run(run: str, family: str, weight: _Weight, initial: bool) -> float:
    """Points for a run of letters (a word, or part of one) holding non-ASCII letters; ``initial``: a
    capital followed by a full stop."""
    foreign = [ch for ch in run if ord(ch) > 127]
    if not foreign:
        return 0.0
    value = sum(weight(ch) for ch in foreign)
    scripts = {_script(ch) for ch in run}
    if "cjk" in scripts:
        scripts.discard("latin-ascii")  # Japanese writes Latin words into a sentence without spaces
    scripts = {"latin" if s == "latin-ascii" else s for s in scripts}
    if len(scripts) > 1:
        return -2.0 * value
    script = scripts.pop()
    if script in {"cjk", "halfwidth"}:
        return 0.0 if script == "halfwidth" else float(value)
    if not any(ch.isupper() or ch.islower() for ch in run):
        return float(value)  # a script without case (Hebrew, Arabic, Thai…)
    if len(run) == 1:
        if run.lower() in _ONE_LETTER_WORDS.get(family, ""):
            return float(value)
        return 0.0 if initial else -1.5 * value
    if run.islower() or (run[0].isupper() and run[1:].islower()):
        return float(value)
    if run.isupper():
        return 0.5 * value
    return -1.5 * value


def _foreign_letters(letters: Counter[str], family: str, weight: _Weight) -> float:
    """Points lost by accented letters that the likeliest language of the family does not have; for a
    Japanese reading, by kanji and katakana without the hiragana Japanese prose needs."""
    if family == JAPANESE:
        hiragana = sum(n for ch, n in letters.items() if _is_hiragana(ch))
        others = {ch: n for ch, n in letters.items() if _script(ch) == "cjk" and not _is_hiragana(ch)}
        total = hiragana + sum(others.values())
        if total and hiragana < 0.1 * total:
            return float(sum(weight(ch) * n for ch, n in others.items()))
        return 0.0
    alphabets = _ALPHABETS.get(family)
    if not alphabets or not letters:
        return 0.0
    total = sum(letters.values())
    best = max(sum(n for ch, n in letters.items() if ch in alphabet) for alphabet in alphabets)
    return _FOREIGN * (total - best)


def _is_letter(ch: str) -> bool:
    """A letter of a word: not a modifier letter such as ˆ (except Japanese ー), nor the ordinals ª º."""
    if not ch.isalpha() or ch in "ªº":
        return False
    return unicodedata.category(ch) != "Lm" or _script(ch) == "cjk"


def _lower(ch: str) -> str:
    """One character's lower case, itself when that is not one non-ASCII character (Turkish İ is i + ˙)."""
    low = ch.lower()
    return low if len(low) == 1 and ord(low) > 127 else ch


def _is_hiragana(ch: str) -> bool:
    return "\u3040" <= ch <= "\u309f"


@lru_cache(maxsize=8192)
def _script(ch: str) -> str:
    """A letter's writing system, coarsely: Japanese kana and all CJK ideographs are one ("cjk")."""
    code = ord(ch)
    if code < 128:
        return "latin-ascii"
    if code < 0x250 or 0x1E00 <= code < 0x1F00:
        return "latin"
    if 0x370 <= code < 0x400:
        return "greek"
    if 0x400 <= code < 0x530:
        return "cyrillic"
    if 0xFF61 <= code < 0xFFA0:
        return "halfwidth"
    if (
        0x3000 <= code < 0x3100
        or 0x31F0 <= code < 0x3200
        or 0x3400 <= code < 0x4DC0
        or 0x4E00 <= code < 0xA000
        or 0xF900 <= code < 0xFB00
        or 0xFF01 <= code < 0xFF61
    ):
        return "cjk"
    if 0xAC00 <= code < 0xD7B0 or 0x1100 <= code < 0x1200 or 0x3130 <= code < 0x3190:
        return "hangul"
    name = unicodedata.name(ch, "")
    return name.split(" ", 1)[0].lower() if name else "other"


# --- comparing readings ------------------------------------------------------------------------------------


def _differs(a: _Scored, b: _Scored, high: bytes) -> bool:
    """Whether two readings give different text for this file."""
    if a.candidate.single_byte and b.candidate.single_byte:
        return bool(high.translate(None, _agreeing(a.candidate.codec, b.candidate.codec)))
    return a.text != b.text


def _decodes(s: _Scored, data: bytes) -> bool:
    """Whether a reading holds for the whole file (known already for a single-byte encoding)."""
    if s.candidate.single_byte:
        return True
    try:
        data.decode(s.candidate.codec)
    except (UnicodeDecodeError, LookupError):
        return False
    return True


@lru_cache(maxsize=64)
def _agreeing(a: str, b: str) -> bytes:
    """The non-ASCII bytes two single-byte encodings read as the same character."""
    same = bytearray()
    for byte in range(128, 256):
        raw = bytes([byte])
        if raw.decode(a, "replace") == raw.decode(b, "replace"):
            same.append(byte)
    return bytes(same)


def _first_difference(data: bytes, a: _Scored, b: _Scored) -> int:
    """The line (from 1) of the first byte two readings disagree on; 0 when unknown."""
    position = -1
    if a.candidate.single_byte and b.candidate.single_byte:
        differing = bytes(set(range(128, 256)) - set(_agreeing(a.candidate.codec, b.candidate.codec)))
        found = re.search(b"[" + re.escape(differing) + b"]", data) if differing else None
        position = found.start() if found else -1
    else:
        found = _HIGH_BYTE.search(data)
        position = found.start() if found else -1
    return _line_of(data, position) if position >= 0 else 0

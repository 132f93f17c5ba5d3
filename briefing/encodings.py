"""Guessing the encoding of an article that is neither UTF-8 nor UTF-16, and saying how sure the guess is.

:func:`~briefing.textfile.decode_bytes` settles what the bytes prove (a BOM, UTF-16, strict UTF-8) and
refuses binary data; this module decides the rest. Bytes alone do not say which 8-bit encoding wrote them,
so each candidate's reading is scored and the one whose letters look most like real text wins:

0. **Nearly UTF-8.** A UTF-8 file with a few bytes that are not (a Windows-1252 line pasted in) stays
   UTF-8; those bytes are read as Windows-1252 and the note says where the first one is.
1. **Candidates.** Western European (Windows-1252, Latin-1, Latin-9), Central European (Windows-1250,
   Latin-2), Turkish (Windows-1254), Cyrillic (Windows-1251, KOI8-R), Japanese (Shift-JIS, EUC-JP). A
   single-byte encoding in which a byte of the file means nothing is out; a Japanese one must decode the
   whole file.
2. **Score.** Each reading earns points per non-ASCII byte: a letter inside a well-formed word (one script;
   lower case, Capitalised, or capitals for ½) +1; common punctuation (’ “ » – … € NBSP) +½. A word mixing
   scripts or cases, a symbol or control character inside a word, a one-letter word no language writes
   (``ŕ`` where French has ``à``) lose points. Then the language test: accented letters that the likeliest
   language of the encoding's family lacks (``ę`` beside ``ç`` in "French") lose 1½ points each, and a
   Japanese reading needs the hiragana Japanese prose has for its kanji to count.
3. **The whole text.** A file up to 256 kB is scored whole; a larger one as 128 windows of 2 kB, one from
   each 128th of the file, starting at its first non-ASCII byte, so a long English start cannot hide a
   Czech end. (A first look at 16 windows of 1 kB rules out readings far behind, to save time.)
4. **Preference.** Western European text is what most analysts paste, and its bytes often read as Central
   European letters too; so the other families start 1 point + 2 % of the evidence behind and win only
   when their reading is clearly better. A tie goes to the first in the list above.
5. **Doubt.** The guess is reported (an ``import.encoding`` note naming the encoding used and the
   alternatives) when a reading that gives *different* text comes within 3 points or 5 % of the evidence,
   or when even the best reading is poor (under ½ point a byte). Readings that give the same text (German
   in Windows-1252 or Windows-1250) are not alternatives: nothing could be wrong.
6. **Nothing fits.** When every candidate reads poorly, rarer ones (Mac OS Roman, DOS 850 and 866) and
   then charset-normalizer's guess (Greek, Hebrew, Chinese…) are scored too, 2 points + 5 % behind.
   Latin-1 reads any byte, so import never refuses text for its encoding and never drops a character.

The cost is linear and small: one pass strips the ASCII bytes, the candidates are ruled out on what is
left, and the scoring reads at most about 256 kB whatever the file's size.
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
    "iso8859-1": "ISO 8859-1 (Latin-1, Western European)",
    "iso8859-15": "ISO 8859-15 (Latin-9, Western European)",
    "mac-roman": "Mac OS Roman (Western European)",
    "cp1250": "Windows-1250 (Central European)",
    "iso8859-2": "ISO 8859-2 (Latin-2, Central European)",
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
    #: For a UTF-8 file with a few bytes that are not: in how many places (read as Windows-1252).
    stray: int = 0

    def message(self, used: str) -> str:
        """One sentence for the analyst: what was used, what else it could be, what to do."""
        if self.stray:
            places = f"{self.stray} place{'s' if self.stray != 1 else ''}"
            return (
                f"The file is UTF-8 except in {places}, where the bytes were read as "
                f"{describe_encoding('cp1252')}; check the characters there, then save the article as UTF-8."
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

#: What is scored: a file up to ``whole`` bytes entirely, a larger one as ``count`` windows of about
#: ``size`` bytes, one from each stretch of the file, starting at its first non-ASCII byte.
_FULL = (256 * 1024, 128, 2048)
#: A first, smaller look that rules out readings far behind before the full scoring.
_PROBE = (16 * 1024, 16, 1024)
_HOPELESS_POINTS, _HOPELESS_SHARE = 10.0, 0.3  # behind the leader by both: not scored further
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
    windows = _sample(data, *_FULL)
    mixed = _mostly_utf8(data, windows)
    if mixed is not None:
        return mixed
    high = data.translate(None, _ASCII)
    feasible = [
        (rank, candidate)
        for rank, candidate in enumerate(CANDIDATES)
        # a single-byte encoding in which a byte of the file means nothing is out
        if not (candidate.single_byte and high.translate(None, _defined(candidate.codec)))
    ]
    evidence = _evidence(windows)
    common = [(rank, c) for rank, c in feasible if c.tier < 2]
    if len(data) > _PROBE[0]:  # rule out the hopeless readings on a first, smaller look
        probe = _sample(data, *_PROBE)
        probe_evidence = _evidence(probe)
        first = [_score(c, rank, probe, probe_evidence) for rank, c in common]
        lead = max(s.adjusted for s in first)
        margin = max(_HOPELESS_POINTS, _HOPELESS_SHARE * probe_evidence)
        common = [(s.rank, s.candidate) for s in first if s.adjusted >= lead - margin]
    scored = [_score(c, rank, windows, evidence) for rank, c in common]
    if max(s.points for s in scored) < _POOR * evidence:  # nothing reads well: try the rare ones
        scored += [_score(c, rank, windows, evidence) for rank, c in feasible if c.tier == 2]
    if max(s.points for s in scored) < _POOR * evidence:
        extra = _fallback([w.data for w in windows])
        if extra is not None:
            scored.append(_score(extra, len(CANDIDATES), windows, evidence))
    scored.sort(key=lambda s: (-s.adjusted, s.rank))

    for i, best in enumerate(scored):
        try:
            whole = best.candidate.single_byte and len(windows) == 1 and windows[0].data is data
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


def _mostly_utf8(data: bytes, windows: list[_Window]) -> Guess | None:
    """UTF-8 with a few bytes that are not (a Windows-1252 line pasted into a UTF-8 file), read as UTF-8
    with those bytes read one by one; ``None`` for 8-bit text, which has next to no valid UTF-8 in it.
    The share is measured on the scored windows (cut where no UTF-8 character can be)."""
    marked = b"\n".join(w.data for w in windows).decode("utf-8", "replace")
    stray = marked.count("\ufffd")
    valid = len(marked) - len(marked.encode("ascii", "ignore")) - stray
    if valid < _UTF8_AT_LEAST or valid < _UTF8_SHARE * stray:
        return None
    text = data.decode("utf-8", _STRAY_BYTES)
    stray = data.decode("utf-8", "replace").count("\ufffd")  # quick: few are left to replace
    first = _first_stray(data)
    return Guess("utf-8", text, EncodingDoubt((), stray, _line_of(data, first), stray=stray))


def _first_stray(data: bytes) -> int:
    """Where the first byte that is not UTF-8 is."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start
    return 0


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


@dataclass(frozen=True)
class _Window:
    data: bytes
    #: Whether a character surely starts at the window's first byte (the file's start, or after a byte
    #: below 0x40, which no multibyte encoding here uses inside a character).
    aligned: bool


def _sample(data: bytes, whole: int, count: int, size: int) -> list[_Window]:
    """The bytes to score: all of a small file, else windows around non-ASCII bytes spread over the file,
    each cut next to a byte below 0x40 (a space, a line break, a digit…) where one can be found."""
    if len(data) <= whole:
        return [_Window(data, True)]
    windows: list[_Window] = []
    block = len(data) // count
    end = 0
    for i in range(count):
        found = _HIGH_BYTE.search(data, max(i * block, end), (i + 1) * block)
        if found is None:
            continue
        anchor = _last_safe_byte(data, max(end, found.start() - size // 2), found.start())
        start = found.start() if anchor < 0 else anchor + 1
        limit = min(len(data), start + size)
        cut = _last_safe_byte(data, start + 1, limit)
        end = limit if cut < 0 or limit == len(data) else cut
        windows.append(_Window(data[start:end], anchor >= 0 or start == 0))
    return windows or [_Window(data[:whole], True)]


_SAFE_TAIL = re.compile(rb"[\x00-\x3f][\x40-\xff]*\Z")


def _last_safe_byte(data: bytes, start: int, end: int) -> int:
    """The position of the last byte below 0x40 in ``data[start:end]``, or -1."""
    found = _SAFE_TAIL.search(data[start:end]) if end > start else None
    return start + found.start() if found else -1


def _evidence(windows: list[_Window]) -> int:
    """The non-ASCII bytes scored (at least 1, so that shares of it are never zero)."""
    return sum(len(w.data.translate(None, _ASCII)) for w in windows) or 1


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


def _score(candidate: _Candidate, rank: int, windows: list[_Window], evidence: int) -> _Scored:
    codec = candidate.codec
    text = "\n".join(_read(window, codec, candidate.single_byte) for window in windows)
    weight = _weigher(codec, candidate.single_byte)
    points = 0.0
    # Characters that are never text, and the non-ASCII spaces that split() would hide.
    for bad in re.findall(r"[\x80-\x9f\ufffd]", text):
        points -= 2 * weight(bad)
    points += 0.5 * text.count("\xa0") + text.count("\u3000") * weight("\u3000")
    tokens = Counter(token for token in text.split() if not token.isascii())
    for token, count in tokens.items():
        points += _judge(token, candidate.family, weight) * count
    letters: Counter[str] = Counter()
    for ch, n in Counter(text).items():
        if ord(ch) > 127 and _is_letter(ch):
            letters[_lower(ch)] += n
    points -= _foreign_letters(letters, candidate.family, weight)
    adjusted = points - _handicap(candidate, evidence)
    return _Scored(candidate, rank, points, adjusted, text)


def _read(window: _Window, codec: str, single_byte: bool) -> str:
    """A window as the encoding reads it; one that may start inside a multibyte character is read from
    its first and its second byte, and the reading with fewer undecodable bytes kept."""
    text = window.data.decode(codec, "replace")
    if window.aligned or single_byte:
        return text
    shifted = window.data[1:].decode(codec, "replace")
    return min(text, shifted, key=lambda t: (t.count("\ufffd"), len(re.findall("[\uff61-\uff9f]", t))))


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


def _judge(token: str, family: str, weight: _Weight) -> float:
    """Points for the non-ASCII characters of one whitespace-separated token. String methods do the
    per-character work, so a pathological megabyte-long token costs little."""
    points = 0.0
    core = token.strip(_EDGE)
    start = token.find(core) if core else len(token)
    edges = token[:start] + token[start + len(core) :]
    if not edges.isascii():
        points += 0.5 * sum(weight(ch) for ch in edges if ord(ch) > 127)
    end = 0  # where the previous run of letters ended
    for match in _letter_run().finditer(core):
        points += _judge_marks(core, end, match.start(), weight)
        end = match.end()
        run = match.group()
        if not run.isascii():
            initial = len(run) == 1 and run.isupper() and token[start + end : start + end + 1] == "."
            points += _judge_run(run, family, weight, initial)
    return points + _judge_marks(core, end, len(core), weight)


def _judge_marks(core: str, start: int, end: int, weight: _Weight) -> float:
    """Points for the non-letters in ``core[start:end]`` (between two runs of letters, or at an end)."""
    stretch = core[start:end]
    if stretch.isascii():
        return 0.0
    between = len(stretch) == 1 and 0 < start and end < len(core)
    return sum(_judge_mark(ch, between) * weight(ch) for ch in stretch if ord(ch) > 127)


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
    lone capital followed by a full stop."""
    distinct = set(run)
    value = sum(weight(ch) * run.count(ch) for ch in distinct if ord(ch) > 127)
    scripts = {_script(ch) for ch in distinct}
    if scripts & {"cjk", "halfwidth"}:
        # A CJK sentence has no spaces and takes in Latin words: each other letter costs, not the run;
        # half-width katakana (old terminals) count for nothing either way.
        points = 0.0
        for ch in distinct:
            script = _script(ch)
            if script == "cjk":
                points += weight(ch) * run.count(ch)
            elif script not in {"halfwidth", "latin-ascii"}:
                points -= 2.0 * weight(ch) * run.count(ch)
        return points
    scripts = {"latin" if s == "latin-ascii" else s for s in scripts}
    if len(scripts) > 1:
        return -2.0 * value
    if not any(ch.isupper() or ch.islower() for ch in distinct):
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


@lru_cache(maxsize=1)
def _letter_run() -> re.Pattern[str]:
    """A run of letters as :func:`_is_letter` means it: ``\\w`` without digits, underscore, numbers such
    as ² or ½, modifier letters such as ˆ and the ordinals ª º (built once, from the character tables)."""
    odd = "".join(
        re.escape(chr(code))
        for code in range(0x80, 0x10000)
        if chr(code).isalnum() and not chr(code).isdecimal() and not _is_letter(chr(code))
    )
    return re.compile(rf"[^\W\d_{odd}]+")


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

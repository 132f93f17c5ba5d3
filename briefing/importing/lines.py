"""Recognising what a line of a plain-text article is: a heading, a list item, a term and its text."""

from __future__ import annotations

from dataclasses import dataclass, field

from .. import patterns

# Words a title-case heading leaves in lower case.
_SMALL_WORDS = frozenset(
    "a an and as at but by en for from if in into nor of on onto or over per so than the to up upon "
    "via vs versus with within without amid among after before under between against across".split()
)
_TERMINAL = tuple(".,;:!?…")
_WORD = patterns.compile(r"[^\W\d_][\w'’.&-]*")

# The opening of an ATX heading; the rest of the line is read without a regex (a lazy ``(.*?)`` before
# an optional closing run of #s tried every split of a long run of spaces: minutes for 100k of them).
_ATX_OPEN = patterns.compile(r" {0,3}(#{1,6})[ \t]+")
# "Term — Description", "Term – Description", "Term - Description" and "Term: Description". Whitespace
# runs are possessive: what follows them (a dash, a colon's text) can never be whitespace.
_SPACED_DASH = patterns.compile(r"^(?P<term>[^—–]{1,80}?)(?P<sep>\s++[—–-]\s++)(?P<rest>\S.*)$")
_COLON = patterns.compile(r"^(?P<term>[^:]{1,80}?)(?P<sep>:\s++)(?P<rest>\S.*)$")
# "Term-Description": an unspaced hyphen between a lower-case word and a capitalised one.
_BARE_HYPHEN = patterns.compile(r"(?<=[a-z)])-(?=[A-Z][a-z])")
_SENTENCE_MARK = patterns.compile(r"[.;!?,]")

_LIST_ITEM = patterns.compile(r"^(?P<indent>[ \t]*)(?P<marker>[-*+•‣◦▪–]|\d{1,3}[.)])[ \t]+(?P<text>\S.*)$")

# Prefixes that join a hyphenated word rather than a term and its description ("non-Western").
_HYPHEN_PREFIXES = frozenset(
    "non anti pro pre post co ex self mid pan trans inter intra multi semi sub ultra super counter "
    "cross neo pseudo quasi re un de bi tri all well".split()
)


def is_heading_line(line: str) -> bool:
    """A bare title-case line with no final punctuation, such as ``Implications for US Diplomacy``."""
    text = line.strip()
    if not 2 <= len(text) <= 120 or text.endswith(_TERMINAL):
        return False
    if not (text[0].isupper() or text[0].isdigit()) or "|" in text or "://" in text:
        return False
    words = _WORD.findall(text)
    if not words or len(text.split()) > 16:
        return False
    content = [w for w in words if w.lower() not in _SMALL_WORDS]
    if not content:
        return False
    capitalised = sum(1 for w in content if w[0].isupper())
    return capitalised / len(content) >= 0.75


def markdown_heading(line: str) -> tuple[int, str] | None:
    """An ATX heading (``## Background``) as level and text, or ``None``."""
    match = _ATX_OPEN.match(line)
    if not match:
        return None
    text = line[match.end() :].rstrip(" \t")
    bare = text.rstrip("#")
    if bare != text and bare[-1:] in (" ", "\t"):  # a closing run of #s, after a space
        text = bare
    text = text.strip()
    return (len(match.group(1)), text) if text else None


@dataclass
class ListLine:
    """A list item's line: its indentation, marker and text."""

    indent: int
    marker: str
    text: str
    #: Where the text starts on its line (from 0).
    column: int = 0
    #: Where the text was in the article: segments (text offset, line, column, both from 1), filled in
    #: by the reader that knows the line's number.
    at: list[tuple[int, int, int]] = field(default_factory=list)

    @property
    def ordered(self) -> bool:
        """Numbered items (``1.``, ``2)``) make an ordered list."""
        return self.marker[:1].isdigit()


def list_line(line: str) -> ListLine | None:
    """The list item on this line, or ``None`` when it is not one."""
    match = _LIST_ITEM.match(line)
    if not match:
        return None
    indent = len(match.group("indent").expandtabs(4))
    return ListLine(indent, match.group("marker"), match.group("text").rstrip(), match.start("text"))


def split_term(text: str) -> tuple[str, str, str]:
    """Split a ``Term-Description``, ``Term: Description`` or ``Term — Description`` item.

    Returns ``(term, separator, description)``; ``term`` and ``separator`` are empty when the item is a
    plain sentence. ``term + separator + description`` is always the input, so nothing is lost.
    """
    # "Term — Description", "Term – Description" and "Term - Description": a spaced dash.
    match = _SPACED_DASH.match(text)
    if match and _looks_like_term(match.group("term")):
        return match.group("term"), match.group("sep"), match.group("rest")
    # "Term: Description".
    match = _COLON.match(text)
    if match and _looks_like_term(match.group("term")):
        return match.group("term"), match.group("sep"), match.group("rest")
    # "Term-Description": an unspaced hyphen between a lower-case word and a capitalised one.
    for match in _BARE_HYPHEN.finditer(text):
        term, rest = text[: match.start()], text[match.end() :]
        last_word = term.split()[-1] if term.split() else ""
        # The word before the hyphen must be lower case: "Kim Jong-Un" is a name, not a term.
        if (
            len(term.split()) >= 2
            and len(rest.split()) >= 2
            and last_word[:1].islower()
            and last_word not in _HYPHEN_PREFIXES
            and _looks_like_term(term)
        ):
            return term, "-", rest
        break
    return "", "", text


def _looks_like_term(term: str) -> bool:
    """A short lead-in phrase, not a sentence: few words, no sentence punctuation, starts with a capital."""
    term = term.strip()
    return (
        bool(term)
        and len(term.split()) <= 8
        and (term[0].isupper() or term[0].isdigit() or term.startswith("**"))
        and not _SENTENCE_MARK.search(term)
    )

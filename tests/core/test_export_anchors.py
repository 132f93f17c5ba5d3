"""Cutting runs so that a comment covers exactly the text it is about."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.export.anchors import Piece, Spans, clamp, initials, split


def test_split_cuts_only_inside_pieces_and_keeps_formatting():
    pieces = [Piece(0, "Hello ", bold=True), Piece(6, "world", italic=True)]
    out = split(pieces, [3, 6, 8, 99])
    assert [(p.start, p.text, p.bold, p.italic) for p in out] == [
        (0, "Hel", True, False),
        (3, "lo ", True, False),
        (6, "wo", False, True),
        (8, "rld", False, True),
    ]


def test_unsplittable_piece_stands_for_its_source_range():
    # "Term-Text" written as "Term: Text": the separator piece replaces one source character
    pieces = [
        Piece(0, "Term", bold=True),
        Piece(4, ": ", splittable=False, source_length=1),
        Piece(5, "Text"),
    ]
    out = split(pieces, [2, 4, 5, 7])
    assert [p.text for p in out] == ["Te", "rm", ": ", "Te", "xt"]
    assert [out[i].text for i in Spans(out).covered(2, 7)] == ["rm", ": ", "Te"]


def test_covered_falls_back_to_the_whole_text():
    pieces = [Piece(0, "ab"), Piece(2, "cd")]
    assert list(Spans(pieces).covered(None, None)) == [0, 1]
    assert list(Spans(pieces).covered(3, 3)) == [0, 1]
    assert list(Spans(pieces).covered(50, 60)) == [0, 1]
    assert list(Spans(pieces).covered(2, 4)) == [1]


def test_clamp_limits_ranges_to_the_text():
    assert clamp(None, 4, 10) == (None, None)
    assert clamp(-3, 4, 10) == (0, 4)
    assert clamp(5, 50, 10) == (5, 10)
    assert clamp(12, 50, 10) == (None, None)


def test_initials():
    assert initials("Jane Q. Public") == "JQP"
    assert initials("lee") == "L"
    assert initials("") == ""


@given(st.text(min_size=1, max_size=40), st.integers(0, 40), st.integers(0, 40))
def test_split_then_cover_gives_back_exactly_the_range(text, a, b):
    start, end = sorted((min(a, len(text)), min(b, len(text))))
    out = split([Piece(0, text)], [start, end])
    assert "".join(p.text for p in out) == text
    if end > start:
        assert "".join(out[i].text for i in Spans(out).covered(start, end)) == text[start:end]


@given(
    st.lists(st.tuples(st.integers(0, 5), st.booleans()), min_size=1, max_size=12),
    st.integers(-2, 40),
    st.integers(-2, 40),
)
def test_spans_find_the_same_pieces_as_a_scan(shape, start, end):
    """Pieces in reading order (some empty, some unsplittable stand-ins): bisection finds exactly the
    pieces a scan of all of them finds."""
    pieces, position = [], 0
    for length, splittable in shape:
        pieces.append(Piece(position, "x" * length, splittable=splittable))
        position += length
    scan = [i for i, p in enumerate(pieces) if p.start < end and p.end > start] if end > start else []
    assert list(Spans(pieces).covered(start, end)) == (scan or list(range(len(pieces))))

"""Table layout from content: widths that fill the text width without breaking words, numbers found."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from briefing.export import layout

TEXT_WIDTH = 9360  # 6.5 in


def test_short_table_fills_the_width_in_proportion_to_its_text():
    widths = layout.column_widths(
        ["Priority", "Diplomatic Focus"], [["Security", "Enhanced military cooperation"]], 2, TEXT_WIDTH
    )
    assert sum(widths) == TEXT_WIDTH
    assert widths[1] > widths[0]


def test_long_text_shares_room_but_every_longest_word_stays_whole():
    long = "word " * 80
    header = ["Launch Date", "Missile Type", "Range (km)", "Notes"]
    rows = [["April 5, 2024", "Hwasong-12", "1,100", long]]
    widths = layout.column_widths(header, rows, 4, TEXT_WIDTH)
    assert sum(widths) == TEXT_WIDTH
    for column, width in enumerate(widths[:3]):
        longest = max(layout.longest_word_length(cell) for cell in [header[column], rows[0][column]])
        assert width >= longest * layout.CHAR_WIDTH + layout.CELL_PADDING
    assert widths[3] == max(widths)


def test_too_many_columns_are_squeezed_but_still_fit():
    header = [f"Supercalifragilistic{i:02}" for i in range(12)]
    widths = layout.column_widths(header, [], 12, TEXT_WIDTH)
    assert sum(widths) == TEXT_WIDTH and max(widths) - min(widths) <= 12  # equal but for rounding


def test_ragged_rows_and_empty_columns_get_the_minimum():
    widths = layout.column_widths(["A", "", ""], [["x" * 40], ["y", "", ""]], 3, TEXT_WIDTH)
    assert abs(widths[1] - widths[2]) <= 3 and max(widths[1:]) < widths[0]


def test_no_columns():
    assert layout.column_widths([], [], 0, TEXT_WIDTH) == []


@given(
    st.lists(st.lists(st.text(max_size=30), max_size=8), max_size=6),
    st.integers(min_value=1, max_value=10),
    st.integers(min_value=1440, max_value=20000),
)
def test_widths_always_sum_to_the_text_width_and_are_positive(rows, count, total):
    widths = layout.column_widths(rows[0] if rows else [], rows[1:], count, total)
    assert len(widths) == count and sum(widths) == total and min(widths) > 0


def test_short_words_stay_whole_and_long_ones_may_break_after_hyphens_and_slashes():
    assert layout.longest_word_length("destabilization-Heightened alertness") == len("destabilization-")
    assert layout.longest_word_length("and/or  x") == len("and/or")
    assert layout.longest_word_length("Site A-001") == len("A-001")  # never "A-/00/1"
    assert layout.longest_word_length("") == 0


def test_no_column_is_narrower_than_its_longest_word_when_the_needs_fit():
    header = ["Site", "Code", "Status", "Notes"]
    rows = [["North", "A-001", "Operational", "word " * 40], ["South", "2024-04-05", "Closed", "x"]]
    widths = layout.column_widths(header, rows, 4, TEXT_WIDTH)
    need, _ = layout.measure(header, rows, 4)
    assert all(w >= n for w, n in zip(widths, need, strict=True)) and sum(widths) == TEXT_WIDTH
    assert need[1] >= len("2024-04-05") * layout.CHAR_WIDTH + layout.CELL_PADDING
    # a larger font needs more room per character
    assert layout.measure(header, rows, 4, char_width=120)[0][1] > need[1]


def test_numbers_are_recognised_and_dates_and_phrases_are_not():
    for text in ("1,100", "450", "-4.5%", "$3.2bn", "(12)", "12 km", "0.75", "1 234"):
        assert layout.is_number(text), text
    for text in ("April 5, 2024", "14 minutes", "Hwasong-12", "", "Q3", "2024-04-05"):
        assert not layout.is_number(text), text


def test_numeric_columns_are_decided_by_the_majority_of_their_filled_cells():
    rows = [["April 5", "1,100", "", "x"], ["April 6", "450", "", "7"], ["x", "n/a"]]
    # "n/a" among two figures leaves the column numeric; one figure and one word is no majority
    assert layout.numeric_columns(rows, 4) == [False, True, False, False]
    assert layout.numeric_columns(rows[:2], 4) == [False, True, False, False]
    assert layout.numeric_columns([["1"], ["two"]], 1) == [False]


def test_default_caption_names_the_columns():
    assert layout.default_caption(["Launch Date", "Missile Type", "Range (km)", "", ""]) == (
        "Launch Date, Missile Type and Range (km)"
    )
    assert layout.default_caption(["Priority", "Priority"]) == "Priority"
    assert layout.default_caption(list("ABCDEF")) == "A, B, C and other details"
    assert layout.default_caption(["", ""], "Background") == "Background"
    assert layout.default_caption([]) == "Data from the article"


@given(st.text(alphabet="ab -–—/\t\u00a0", max_size=40), st.integers(0, 20))
def test_the_quick_word_check_never_skips_a_longer_word(text, length):
    """Column widths skip measuring a cell when no stretch in it is longer than the column's longest
    word so far; the check may let a cell through for nothing, never skip one that matters."""
    if layout.longest_word_length(text) > length:
        assert layout._longer_word(length).search(text)


def test_when_even_the_needs_do_not_fit_only_the_widest_columns_give_way():
    need = [1000, 1500, 3000, 3000]
    widths = layout.fit(need, need, 7000)
    assert sum(widths) == 7000
    tight = [
        (n - layout.CELL_PADDING) * layout.TIGHT_MARGIN / layout.WORD_MARGIN + layout.CELL_PADDING
        for n in need
    ]
    assert widths[0] >= tight[0] - 1 and widths[1] >= tight[1] - 1  # the short words stay whole
    assert abs(widths[2] - widths[3]) <= 3 and max(widths[2:]) < tight[2]

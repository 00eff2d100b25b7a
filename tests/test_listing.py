"""Listings (``agreements list``, ``actors``, ``places``): any cells fit any width, and nothing is lost."""

from __future__ import annotations

from collections import Counter

from hypothesis import given
from hypothesis import strategies as st

from agreements._text import BREAK_MARK, one_line, width
from agreements.render.listing import Listing

# Latin, Arabic, wide East Asian characters and combining marks, with spaces and hyphens to break at.
_CHARS = st.sampled_from([*"abcdefghij", *"درعاالبلد", *"東京大阪", "\u0301", " ", " ", "-", "("])
_CELL = st.text(_CHARS, max_size=60)


@st.composite
def listings(draw: st.DrawFn) -> Listing:
    columns = draw(st.integers(min_value=1, max_value=5))
    header = tuple(
        draw(st.lists(st.text("abcdefgh ", min_size=1, max_size=12), min_size=columns, max_size=columns))
    )
    rows = draw(st.lists(st.lists(_CELL, min_size=columns, max_size=columns), min_size=1, max_size=6))
    return Listing(header=header, rows=rows)


def shown(text: str) -> Counter[str]:
    """The characters a reader sees, whatever the layout: no white space, no break mark."""
    return Counter(char for char in text if not char.isspace() and char != BREAK_MARK)


@given(listings(), st.integers(min_value=40, max_value=200))
def test_every_line_fits_the_width_and_every_character_is_kept(table: Listing, limit: int) -> None:
    text = table.to_text(width=limit)
    assert all(width(line) <= limit for line in text.splitlines())
    cells = [one_line(cell) for row in (table.header, *table.rows) for cell in row]
    assert shown(text) == shown(" ".join(cells))


@given(listings())
def test_without_a_width_each_row_is_one_line(table: Listing) -> None:
    text = table.to_text()
    assert len(text.splitlines()) == 1 + len(table.rows)
    assert text == table.to_text(width=10_000)


def test_the_first_column_stays_whole_while_the_others_can_narrow() -> None:
    table = Listing(
        header=("id", "name", "aliases"), rows=[("daraa-al-balad", "Daraa al-Balad", "old centre " * 8)]
    )
    lines = table.to_text(width=40).splitlines()
    assert lines[1].startswith("daraa-al-balad  ")
    assert all(width(line) <= 40 for line in lines)
    assert len(lines) > 2

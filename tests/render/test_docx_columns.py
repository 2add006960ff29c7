"""Columns of names: every longest word fits its column, the row fills the line."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avtale.render.docx_columns import Item, fitting_size, plan, text_mm

MINISTRIES = [
    "Kommunal- og distriktsdepartementet", "Kunnskapsdepartementet", "Helse- og omsorgsdepartementet", "KS",
]


def _fits(items, widths, size, gap):
    for i, (item, width) in enumerate(zip(items, widths)):
        room = width - (gap if i < len(items) - 1 else 0)
        need = item.logo_mm / 2 if item.text is None else max(text_mm(w, size) for w in item.text.split())
        assert need <= room + 1e-6, (item, width)


def test_two_parties_share_the_line_and_keep_the_size():
    items = [Item(text="Kunnskapsdepartementet"), Item(text="KS")]
    widths, size = plan(items, 160, 10, 6)
    assert sum(widths) == pytest.approx(160)
    assert size == 10
    assert widths[0] > widths[1], "the long name gets the wider column"


def test_four_ministries_fit_without_breaking_a_word():
    items = [Item(text=name) for name in MINISTRIES]
    widths, size = plan(items, 160, 10, 6)
    assert sum(widths) == pytest.approx(160)
    _fits(items, widths, size, 6)
    # equal columns (40 mm) would not hold «Kunnskapsdepartementet» plus the gap
    assert text_mm("Kunnskapsdepartementet", 10) + 6 > 40


def test_too_many_long_names_shrink_the_type_but_not_below_the_floor():
    items = [Item(text="Samferdselsdepartementet")] * 6
    widths, size = plan(items, 160, 10, 6, min_size_pt=7)
    assert 7 <= size < 10
    assert sum(widths) == pytest.approx(160)


def test_a_logo_gets_room_for_at_least_half_its_width():
    items = [Item(logo_mm=50), Item(text="KS")]
    widths, _ = plan(items, 160, 10, 6)
    assert widths[0] >= 25 + 6 and sum(widths) == pytest.approx(160)


names = st.lists(
    st.text(st.sampled_from("abcdefghijklmnopqrstuvwxyzæøåKSD -"), min_size=1, max_size=40).filter(str.strip),
    min_size=1, max_size=5,
)


@settings(max_examples=200, deadline=None)
@given(names)
def test_widths_always_fill_the_line_and_hold_the_longest_words(texts):
    items = [Item(text=t) for t in texts]
    widths, size = plan(items, 160, 10, 6)
    assert sum(widths) == pytest.approx(160)
    assert all(w > 0 for w in widths)
    if size > 7:  # at the floor the words may not fit any more
        _fits(items, widths, size, 6)


def test_fitting_size_keeps_the_size_when_words_fit_and_shrinks_when_not():
    assert fitting_size(["Ola Dal", "Leiar"], 27, 11) == 11
    size = fitting_size(["Kunnskapsminister"], 27, 11)
    assert 8 <= size < 11 and text_mm("Kunnskapsminister", size, bold=False) <= 27 + 1e-9
    assert fitting_size(["Kunnskapsminister"], 5, 11) == 8  # the floor

"""AV302's cheap prefilter never hides debris the full pattern finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from avtale.checks.text import _DEBRIS, _may_hold_debris

PIECES = ["a", "Ø", " ", "  ", "\t", "\n", "\r", "\x0b", "\u00a0", "\u200b", "\ufeff", ".", "-", "_", "image1",
          ".jpeg", ".JPG", ".tif", ".tiffany", "[bookmark:", "]", "_GoBack", "x_GoBacky", "1", "ø.png"]


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_prefilter_is_a_superset_of_the_pattern(text):
    assert _may_hold_debris(text) or _DEBRIS.search(text) is None


def test_plain_sentence_skips_the_pattern():
    assert not _may_hold_debris("Partene skal samarbeide om kvalitet i barnehagen, jf. punkt 2.")

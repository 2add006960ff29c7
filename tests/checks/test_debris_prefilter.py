"""AV302's cheap prefilter never hides debris the full pattern finds."""

from hypothesis import given, settings
from hypothesis import strategies as st

from avtale.checks.text import _DEBRIS, _PAGE, _may_be_page, _may_hold_debris

PIECES = ["a", "Ø", " ", "  ", "\t", "\n", "\r", "\x0b", "\u00a0", "\u200b", "\ufeff", ".", "-", "_", "image1",
          ".jpeg", ".JPG", ".tif", ".tiffany", "[bookmark:", "]", "_GoBack", "x_GoBacky", "1", "ø.png",
          "Side ", "Page ", "Side", " av ", " of ", "12", "–", "—", "- "]  # (page numbers: «Side 3 av 12», «– 3 –»)


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(PIECES), max_size=12).map("".join))
def test_prefilter_is_a_superset_of_the_pattern(text):
    assert _may_hold_debris(text) or _DEBRIS.search(text) is None


@settings(max_examples=2000, deadline=None)
@given(st.lists(st.sampled_from(["Side ", "Page ", "3", "12", " av ", " of ", "–", "—", "-", " ", "\n", "a"]),
                max_size=8).map("".join))
def test_the_page_number_test_is_a_superset_of_its_pattern(text):
    assert _may_be_page(text) or _PAGE.search(text) is None


def test_plain_sentence_skips_the_pattern():
    assert not _may_hold_debris("Partene skal samarbeide om kvalitet i barnehagen, jf. punkt 2.")

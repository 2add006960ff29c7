"""The word-level diff shows just what changed: punctuation, quote marks and words are tokens of their own,
white space is kept, so a comma or a word put in is an insertion of just that."""

from __future__ import annotations

import pytest

from avtale.diff.show_text import inline_ops
from avtale.diff.words import words

CASES = [
    # (old, new, shown as)
    ("i barnehagen.", "i barnehagen, skolen.", "i barnehagen{+, skolen+}."),
    ("i barnehagen", "i barnehagen, skolen", "i barnehagen{+, skolen+}"),
    ("Partene skal samarbeide.", "Partene skal samarbeide tett.", "Partene skal samarbeide{+ tett+}."),
    ("Partene skal samarbeide tett.", "Partene skal samarbeide.", "Partene skal samarbeide[- tett-]."),
    ("det var bra", "det var bra!", "det var bra{+!+}"),
    ("kvaliteten i skolen.", "kvaliteten i barnehagen.", "kvaliteten i [-skolen-]{+barnehagen+}."),
    ("kvaliteten i skolen, og", "kvaliteten i skolen og", "kvaliteten i skolen[-,-] og"),
    ("programmet «Den gode skoleeier».", "programmet «Den gode skoleeieren».",
     "programmet «Den gode [-skoleeier-]{+skoleeieren+}»."),
    ("programmet Den gode skoleeier.", "programmet «Den gode skoleeier».",
     "programmet {+«+}Den gode skoleeier{+»+}."),
    ("helse- og omsorgsdepartementet", "helse-, omsorgs- og sosialdepartementet",
     "helse-{+, omsorgs-+} og [-omsorgsdepartementet-]{+sosialdepartementet+}"),
    ("kommune-stat-rapportering", "kommune-stat-samarbeid", "[-kommune-stat-rapportering-]{+kommune-stat-samarbeid+}"),
    ("gjelder fra 1. januar 2026.", "gjelder fra 1. februar 2026.", "gjelder fra 1. [-januar-]{+februar+} 2026."),
    ("gjelder fra 1. januar 2026.", "gjelder fra 15. januar 2026.", "gjelder fra [-1-]{+15+}. januar 2026."),
    ("etter § 3-1 første ledd", "etter § 3-2 første ledd", "etter § [-3-1-]{+3-2+} første ledd"),
    ("etter § 3-1 første ledd", "etter § 3-1 annet ledd", "etter § 3-1 [-første-]{+annet+} ledd"),
    ("a) første punkt", "b) første punkt", "[-a-]{+b+}) første punkt"),
    ("minst en måneds varsel.", "minst tre måneders varsel.", "minst [-en måneds-]{+tre måneders+} varsel."),
    ("Oslo, 15. januar 2026", "Tromsø, 15. januar 2026", "[-Oslo-]{+Tromsø+}, 15. januar 2026"),
    ("Avtalen gjelder.  To mellomrom.", "Avtalen gjelder nå.  To mellomrom.",
     "Avtalen gjelder{+ nå+}.  To mellomrom."),
]


@pytest.mark.parametrize(("old", "new", "shown"), CASES)
def test_word_diff_shows_just_what_changed(old, new, shown):
    text = words(old, new)
    assert inline_ops(text, colour=False) == shown
    assert (text.old, text.new) == (old, new)  # white space and every character kept


def test_a_full_stop_inside_a_link_does_not_split_the_link():
    old = "se [ssb.no/kostra](https://www.ssb.no/kostra)."
    new = "se nettsidene til SSB."
    assert words(old, new).ops == [("=", "se "), ("-", "[ssb.no/kostra](https://www.ssb.no/kostra)."),
                                   ("+", "nettsidene til SSB.")]


# --- lists with their own numbering, moved paragraphs and items ---------------------------------------------------

def test_lists_show_their_own_numbering_style():
    """A list under an item numbers a) b) c) and one under that i) ii): the diff shows those markers, not
    1. 2. 3."""
    from test_compare import agreement, sections

    from avtale.diff import compare, show

    def doc(first, third):
        return agreement(sections=sections(("Formål", [{"numbered": [
            {"text": "Første", "numbered": [first, "andre", {"text": "tredje", "numbered": ["x", third]}]}]}])))

    diff = compare(doc("første", "y"), doc("første endret", "y endret"))
    assert show.text(diff).splitlines()[3:] == [
        "~ 1 Formål (endret)",
        "  ~ nummerert liste:",
        "      ~ 1. Første",
        "          ~ a) første{+ endret+}",
        "          ~ c) tredje",
        "              ~ ii) y{+ endret+}",
    ]
    md = show.markdown(diff)
    assert "    - *endret:* a) første**endret**" not in md
    assert "    - *endret:* a) første **endret**" in md
    assert "      - *endret:* ii) y **endret**" in md


def _moved_pair_diff(lang="nb"):
    """A diff where a paragraph moved from section 1 to section 2.1 with a word added, as the moves work marks
    it: MOVED at the new place, MOVED_AWAY at the old, paired by `move`."""
    from avtale.diff.show_parts import MOVED_AWAY
    from avtale.diff.tree import CHANGED, SAME, AgreementDiff, Block, SectionDiff, Text

    away = Block("paragraph", MOVED_AWAY, text=Text.removed("Partene møtes årlig."))
    there = Block("paragraph", "moved", text=words("Partene møtes årlig.", "Partene møtes minst årlig."))
    away.move = there.move = 1
    sub = SectionDiff(Text.same("Møter"), CHANGED, [there], [], 1, 1)
    secs = [SectionDiff(Text.same("Formål"), CHANGED, [Block("paragraph", SAME, text=Text.same("x")), away], [], 1, 1),
            SectionDiff(Text.same("Oppfølging"), CHANGED, [], [sub], 2, 2)]
    return AgreementDiff("a", "a", Text.same("t"), [], [], secs, [], language=lang)


def test_moved_paragraph_in_text_and_markdown():
    from avtale.diff import show

    lines = show.text(_moved_pair_diff()).splitlines()
    assert "  < (flyttet herfra til 2.1) [-Partene møtes årlig.-]" in lines
    assert "  > (flyttet hit fra 1) Partene møtes {+minst +}årlig." in lines
    md = show.markdown(_moved_pair_diff()).splitlines()
    assert "- *flyttet herfra til 2.1:* ~~Partene møtes årlig.~~" in md
    assert "- *flyttet hit fra 1:* Partene møtes **minst** årlig." in md
    nn = show.text(_moved_pair_diff("nn")).splitlines()
    assert "  < (flytta herifrå til 2.1) [-Partene møtes årlig.-]" in nn
    assert "  > (flytta hit frå 1) Partene møtes {+minst +}årlig." in nn


def test_moved_list_item_counts_at_its_new_place_only():
    """An item moved down a numbered list: «flyttet» with its new number, and a pointer at its old one with
    its old number; the items between keep their numbers."""
    from avtale.diff import show
    from avtale.diff.show_parts import MOVED_AWAY, item_tags
    from avtale.diff.tree import CHANGED, SAME, AgreementDiff, Block, Item, SectionDiff, Text

    away, there = Item(Text.removed("første"), MOVED_AWAY), Item(words("første", "første punkt"), "moved")
    away.move = there.move = 1
    block = Block("numbered", CHANGED, items=[away, Item(Text.same("andre"), SAME), there], style="a)")
    assert item_tags(block) == ["a)", "a)", "b)"]
    diff = AgreementDiff("a", "a", Text.same("t"), [], [], [SectionDiff(Text.same("F"), CHANGED, [block], [], 1, 1)],
                         [])
    lines = show.text(diff).splitlines()
    assert "      < (flyttet herfra til 1, punkt b) a) [-første-]" in lines
    assert "      > (flyttet hit fra 1, punkt a) b) første{+ punkt+}" in lines
    md = show.markdown(diff).splitlines()
    assert "  - *flyttet herfra til 1, punkt b:* a) ~~første~~" in md
    assert "  - *flyttet hit fra 1, punkt a:* b) første **punkt**" in md


def test_moved_list_points_from_its_old_place():
    from avtale.diff import show
    from avtale.diff.show_parts import MOVED_AWAY
    from avtale.diff.tree import CHANGED, REMOVED, AgreementDiff, Block, Item, SectionDiff, Text

    away = Block("bullets", MOVED_AWAY, items=[Item(Text.removed("en"), REMOVED)])
    there = Block("bullets", "moved", items=[Item(Text.same("en"), "same")])
    away.move = there.move = 1
    secs = [SectionDiff(Text.same("A"), CHANGED, [away], [], 1, 1), SectionDiff(Text.same("B"), CHANGED, [there], [], 2, 2)]
    diff = AgreementDiff("a", "a", Text.same("t"), [], [], secs, [])
    lines = show.text(diff).splitlines()
    assert "  < (flyttet herfra til 2) punktliste:" in lines
    assert "  > (flyttet hit fra 1) punktliste:" in lines
    md = show.markdown(diff).splitlines()
    assert "- *flyttet herfra til 2:* Punktliste:" in md
    assert "- *flyttet hit fra 1:* Punktliste:" in md


def test_every_character_is_kept_for_any_texts():
    """Whatever is typed (marks, brackets, backslashes, quote marks), the operations give back both texts."""
    from hypothesis import given, settings
    from hypothesis import strategies as st

    alphabet = st.sampled_from(list("ab ,.;:-–«»\"'()[]*\\#^§1æ\n\t") + ["](x)", "[^n]", "**"])
    texts = st.lists(alphabet, max_size=30).map("".join)

    @settings(max_examples=300, deadline=None)
    @given(texts, texts)
    def check(old, new):
        text = words(old, new)
        assert (text.old, text.new) == (old, new)

    check()

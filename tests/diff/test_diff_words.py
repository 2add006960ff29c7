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

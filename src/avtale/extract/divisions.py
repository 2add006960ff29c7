"""Words divided at a line end, for unwrap: whether a hyphen at a line end divides a word or binds a compound.

Reads: the paragraph being joined (`Growing`) and the line that goes on with it. Writes: the paragraph with the
line joined, and a note for each division read. A hyphen at a line end stays a hyphen: followed by «og»/«eller»
it is a Norwegian compound («Digitaliserings- og forvaltningsminister»); after a capital or digit it binds
(«KS-programmet»); otherwise the hyphen is dropped only when the joined word occurs elsewhere in the text
(word-division), or ends in a word of the text (`_spans_word`), and kept otherwise. In text a typesetter hyphenated
(`is_hyphenated`) every such division is joined. A soft hyphen (U+00AD, as pypdf reads a typesetter's division) is
a division unless it binds a capital or the hyphenated form occurs elsewhere.

Every question is asked of the paragraph's end or of one word, never of the whole paragraph: a paragraph of many
lines costs their length. The words of the text are at most `WORD_MAX` letters: a longer run of letters is no word.
"""

from __future__ import annotations

import re

from avtale.extract.growing import Growing
from avtale.extract.lines import Line, Notes
from avtale.extract.measure import first_word as _first_word
from avtale.i18n import _

# The words every ministry's and directorate's name ends in: a break inside «beredskapsdepar-» + «tementet» falls
# inside a word (`_spans_word`) though the text has «departementet» only in compounds.
NAME_ENDS = {"departementet", "departementa", "direktoratet"}
WORD_MAX = 64  # no Norwegian word is longer, compounds and all: longer runs of letters are no words of the text
LOWER_LETTERS = frozenset("abcdefghijklmnopqrstuvwxyzæøå")
CONJUNCTIONS = {"og", "eller", "samt", "enn", "and", "or", "til"}


def is_hyphenated(lines: list[Line], vocabulary: set[str]) -> bool:
    """Text a typesetter hyphenated: at least two line ends divide a lower-case word, and at least one
    of them joins into a word the text uses elsewhere or ends in one (`_spans_word`: «beredskapsdepar-» +
    «tementet»). A Word document that no typesetter hyphenated breaks a line at a hyphen only where the
    text has one («e-» / «post»), and such a word seldom stands elsewhere unhyphenated."""
    divided = known = 0
    for a, b in zip(lines, lines[1:]):
        stem = _lower_before_hyphen(a.text.rstrip())
        word = _first_word(b.text.strip())
        bare = re.sub(r"[^\wæøåÆØÅ]", "", word)
        if stem and bare[:1].islower() and bare.casefold() not in CONJUNCTIONS:
            divided += 1
            joined = stem + bare
            known += joined.casefold() in vocabulary or _spans_word(joined, bare, vocabulary)
    return divided >= 2 and known >= 1


def _lower_before_hyphen(text: str) -> str:
    """The letters a-z, æ, ø, å before a hyphen that ends `text` (`([a-zæøå]+)-$`), read from the end."""
    if not text.endswith("-"):
        return ""
    k = len(text) - 1
    while k and text[k - 1] in LOWER_LETTERS:
        k -= 1
    return text[k:-1]


def _spans_word(joined: str, bare: str, vocabulary: set[str]) -> bool:
    """«beredskapsdepar-» + «tementet»: the joined word ends in a word of the text (six letters or more) that is
    longer than the part after the break («departementet», from «forvaltningsdepartementet»): the break fell
    inside a word. Words of the text up to `WORD_MAX` letters are looked for (so a long word costs no more)."""
    joined = joined.casefold()
    return any(joined[-n:] in vocabulary for n in range(max(6, len(bare) + 2), min(len(joined), WORD_MAX + 1)))


def _word_char(c: str) -> bool:
    return c.isalnum() or c == "_"  # what «\\w» matches (æ, ø, å are letters)


def join_line(text: Growing, nxt: str, vocabulary: set[str], no: int, notes: Notes, hyphenated: bool = False) -> None:
    """Join the line `nxt` to the paragraph `text`: a span of years broken at its dash, a word divided at a
    hyphen or soft hyphen (joined, or the hyphen kept), else with a space."""
    if re.search(r"\d[–—]$", text.tail(4)) and nxt[:1].isdigit():
        text.append(nxt)  # «2027–» + «2031»: a span of years broken at its dash
        return
    end = text.tail(1)
    stem = text.run_before_last(_word_char, WORD_MAX) if end in ("-", "\u00ad") else ""  # (its end, if longer)
    if not stem:
        text.append(" " + nxt)
        return
    word, soft = _first_word(nxt), end == "\u00ad"
    shown = stem if len(stem) <= WORD_MAX else "…" + stem[1:]  # a run of letters too long to be a word, cut
    text.drop_last()
    text.append("-")
    bare = re.sub(r"[^\wæøåÆØÅ-]", "", word)
    if bare.casefold() in CONJUNCTIONS or word.startswith(","):
        text.append(" " + nxt)
        return
    divided = False
    if soft and not (stem[-1].isupper() or f"{stem}-{bare}".casefold() in vocabulary):
        divided = True  # a soft hyphen: the typesetter divided the word
    elif stem[-1].isupper() or stem[-1].isdigit() or bare[:1].isupper():
        pass
    elif (stem + bare).casefold() in vocabulary and f"{stem}-{bare}".casefold() not in vocabulary:
        notes.uncertain(no, _("word divided at a line end, joined as «{word}»").format(word=shown + bare))
        divided = True
    elif bare[:1].islower() and f"{stem}-{bare}".casefold() not in vocabulary and _spans_word(stem + bare, bare, vocabulary):
        notes.uncertain(no, _("word divided at a line end, joined as «{word}» (it ends in a word of the text)")
                            .format(word=shown + bare))
        divided = True
    elif hyphenated and bare[:1].islower() and f"{stem}-{bare}".casefold() not in vocabulary:
        notes.uncertain(no, _("word divided at a line end in hyphenated text, joined as «{word}»")
                            .format(word=shown + bare))
        divided = True
    elif f"{stem}-{bare}".casefold() not in vocabulary:
        notes.uncertain(no, _("hyphen at a line end kept: «{word}»").format(word=f"{shown}-{bare}"))
    if divided:
        text.drop_last()
    text.append(nxt)

"""`characters.CharacterClass` answers a text without its pattern when the text surely holds no member; these
tests show that shortcut never changes an answer: over every code point, and on generated texts."""

from __future__ import annotations

import re

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from avtale import characters
from avtale.checks import text as text_rules

CLASSES = {
    "REFUSED": characters.REFUSED,
    "INVISIBLE": characters.INVISIBLE,
    "_SHOWN": characters._SHOWN,
    "_JSON_SHOWN": characters._JSON_SHOWN,
    "checks.text._ODD": text_rules._ODD,
}
EVERY_CHARACTER = "".join(map(chr, range(0x110000)))


@pytest.mark.parametrize("name", CLASSES)
def test_every_member_is_refused_by_isprintable_or_named_printable(name):
    """What the shortcut rests on, for every code point: a member `str.isprintable` takes is in `printable`,
    and `newline` says whether a line break is a member."""
    cls = CLASSES[name]
    members = cls.full.findall(EVERY_CHARACTER)
    assert members, name
    assert sorted(c for c in members if c.isprintable()) == sorted(cls.printable), name
    assert cls.newline == ("\n" in members), name


# characters around the edges of the classes, and plain text, so generated texts hold members often
NEAR = ("abc æøå «»§ 1.\t\n\r\x00\x1b\x7f\x85\xa0\xad\u061c\u115f\u180e\u200b\u200e\u202e\u202f\u2028\u2029\u2060"
        "\u2066\u3164\ue000\uf8ff\ufdd0\ufeff\ufff9\ufffc\ufffd\uffff\U0001f600\U000e0001\U0010fffe\ud800\udcff")
texts = st.text(alphabet=st.sampled_from(NEAR) | st.characters(), max_size=40)


@settings(max_examples=300, deadline=None)
@given(texts)
def test_every_answer_is_the_patterns(text):
    for name, cls in CLASSES.items():
        pattern = cls.full
        assert bool(cls.search(text)) == bool(pattern.search(text)), name
        assert cls.findall(text) == pattern.findall(text), name
        assert [m.span() for m in cls.finditer(text)] == [m.span() for m in pattern.finditer(text)], name
        assert bool(cls.match(text)) == bool(pattern.match(text)), name
        assert cls.sub("#", text) == pattern.sub("#", text), name
    assert characters.shown(text) == re.sub(characters._SHOWN.full, characters._escaped, text)


def test_a_printable_text_is_answered_without_compiling():
    fresh = characters.CharacterClass("\x00-\x08\ue000-\uf8ff", printable="")
    assert fresh.search("§ 3 «sitat» æøå\nny linje") is None and fresh.sub("", "abc") == "abc"
    assert fresh._bmp is None  # not compiled
    assert fresh.search("a\x01b").start() == 1 and fresh._bmp is not None


def test_bidi_controls():
    assert characters.BIDI == {c for c in map(chr, range(0x10000)) if re.fullmatch(
        "[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", c)}


_SPACES = st.sampled_from([" ", "  ", "\t", "\n", "\u00a0", "\u202f", "\u2003", "\u00a0 ", "\x1f"])
_PIECES = st.sampled_from(["§", "nr.", "kr", "7.", "10", "000", "ord", "Ord", "%", "(", "a"])


@settings(max_examples=300, deadline=None)
@given(st.lists(st.one_of(_SPACES, _PIECES), max_size=14))
def test_fold_spaces_is_normalise_space_but_for_the_non_breaking_spaces_that_belong(pieces):
    from avtale.store import normalise_space

    text = "".join(pieces)
    folded = characters.fold_spaces(text)
    assert folded.replace("\u00a0", " ").replace("\u202f", " ") == normalise_space(text)
    kept = [i for i, c in enumerate(folded) if c in "\u00a0\u202f"]
    assert all(characters.nbsp_belongs(folded, i) for i in kept)
    assert characters.fold_spaces(folded) == folded
    if "\u00a0" not in text and "\u202f" not in text:
        assert folded == normalise_space(text)


def test_fold_spaces_cases():
    assert characters.fold_spaces("  § \u00a03 ord\u00a0og\u00a0\u00a0ord 10\u00a0000 \n") == "§ 3 ord og ord 10\u00a0000"
    assert characters.fold_spaces("§\u00a03 7.\u00a0november") == "§\u00a03 7.\u00a0november"
    assert characters.fold_spaces("") == "" and characters.fold_spaces(" \u00a0 ") == ""

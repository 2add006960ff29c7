"""AV301 looks back from each date only over the white space and the word before it: a text of many dates is
read once (it was read again from its start for every date: 230 KB took more than 20 s)."""

from __future__ import annotations

import random
import re

from avtale.checks.text import _UNTIL, _after_until

PIECES = ["til", "fram", "frem", "Til", " ", "  ", "\n", "\t", "\xa0", "x", ".", "1", "æ"]


def test_the_look_back_agrees_with_a_search_of_the_whole_text_before_the_date():
    rng = random.Random(301)
    for _ in range(20_000):
        text = "".join(rng.choice(PIECES) for _ in range(rng.randint(0, 10)))
        for offset in range(len(text) + 1):
            assert _after_until(text, offset) == bool(_UNTIL.search(text[:offset])), (text, offset)


def test_til_and_fram_til_before_a_date_count_and_other_words_do_not():
    for text, expected in [("fram til 31. desember 2017", True), ("til  31. desember 2017", True),
                           ("fremtil 31. desember 2017", True), ("etter 31. desember 2017", False),
                           ("mistil 31. desember 2017", False), ("31. desember 2017", False)]:
        assert _after_until(text, re.search(r"\d", text).start()) is expected, text

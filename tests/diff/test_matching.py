"""avtale.matching: SequenceMatcher's alignments within a budget of steps, a linear fallback after it."""

from __future__ import annotations

import difflib
import random
import time

from avtale import matching


def _applied(a: list, b: list, codes) -> list:
    """`b` rebuilt from `a` and the opcodes; every opcode checked to join the last."""
    out, i, j = [], 0, 0
    for tag, i1, i2, j1, j2 in codes:
        assert (i1, j1) == (i, j)
        if tag == "equal":
            assert a[i1:i2] == b[j1:j2] and i2 > i1
            out += a[i1:i2]
        else:
            out += b[j1:j2]
        i, j = i2, j2
    assert (i, j) == (len(a), len(b))
    return out


def test_within_the_budget_the_opcodes_are_sequence_matchers():
    rng = random.Random(1)
    for _ in range(500):
        a = [rng.choice("abcdef") for _ in range(rng.randint(0, 30))]
        b = [rng.choice("abcxyz") for _ in range(rng.randint(0, 30))]
        assert matching.opcodes(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
        assert matching.ratio(a, b) == difflib.SequenceMatcher(None, a, b, autojunk=False).ratio()


def test_past_the_budget_the_opcodes_still_turn_a_into_b():
    rng = random.Random(2)
    for _ in range(2000):
        a = [rng.choice("abcdefghij") for _ in range(rng.randint(0, 25))]
        b = [rng.choice("abcdefghijxyz") for _ in range(rng.randint(0, 25))]
        assert _applied(a, b, matching.opcodes(a, b, matching.Budget(0))) == b


def test_past_the_budget_unique_words_in_order_are_kept():
    a = "en to tre fire fem seks".split()
    b = "en TO tre fire FEM seks sju".split()
    assert matching.opcodes(a, b, matching.Budget(0)) == [
        ("equal", 0, 1, 0, 1), ("replace", 1, 2, 1, 2), ("equal", 2, 4, 2, 4), ("replace", 4, 5, 4, 5),
        ("equal", 5, 6, 5, 6), ("insert", 6, 6, 6, 7)]


def test_a_spent_budget_stays_spent():
    budget = matching.Budget(10)
    matching.opcodes(list("abcdefghijkl"), list("abcdefghijkx"), budget)
    assert budget.left == 0
    assert matching.opcodes(list("ab"), list("ab"), budget) == [("equal", 0, 2, 0, 2)]


def test_the_case_sequence_matcher_takes_minutes_for_costs_a_moment():
    a, b = ["x"] * 4000, ["x", "y"] * 2000  # SequenceMatcher: 24 s for a quarter of this
    start = time.process_time()
    codes = matching.opcodes(a, b)
    assert time.process_time() - start < 2
    assert _applied(a, b, codes) == b


def test_unified_diff_is_difflibs():
    rng = random.Random(3)
    for _ in range(1000):
        a = [rng.choice("abcdefg") + "\n" for _ in range(rng.randint(0, 30))]
        b = list(a)
        for _ in range(rng.randint(0, 6)):
            i = rng.randint(0, len(b))
            if rng.random() < 0.5 and b:
                del b[min(i, len(b) - 1)]
            else:
                b.insert(i, rng.choice("abcxyz") + "\n")
        assert list(matching.unified_diff(a, b, "a/f", "b/f")) == list(difflib.unified_diff(a, b, "a/f", "b/f"))

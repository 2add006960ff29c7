"""Matching two sequences (words, list items, sections) in time that grows with their length, not its square.

difflib's SequenceMatcher gives the alignments drafters expect, but its cost has no bound: two texts of a
few thousand words that repeat a handful of words («x x x …» against «x y x y …») take it minutes. So every
match draws on a `Budget` of steps, sized from the whole input (`Budget.for_tokens`): SequenceMatcher runs
as before while the budget lasts, counting the steps of its inner loop before it takes them; once a match
would overdraw it, that match and every later one take the coarse way: the common start and end are kept,
the middle counts as replaced. Real agreements never come near the budget, so their diffs are the exact
ones; a hostile pair of files gets a coarser diff in bounded time.
"""

from __future__ import annotations

from difflib import SequenceMatcher
from itertools import accumulate

BASE_STEPS = 1_000_000  # steps any diff may take (under half a second of SequenceMatcher's inner loop)
STEPS_PER_TOKEN = 10  # and more for each word or item of the input


class Budget:
    """Steps left for exact matching; shared by every match of one diff."""

    def __init__(self, steps: int):
        self.left = steps

    @classmethod
    def for_tokens(cls, tokens: int) -> Budget:
        return cls(BASE_STEPS + STEPS_PER_TOKEN * tokens)

    def spend(self, steps: int) -> None:
        if steps > self.left:
            self.left = 0  # the later matches are coarse too: a diff's cost stays bounded
            raise _Overdrawn
        self.left -= steps


class _Overdrawn(Exception):
    pass


class _Counted(SequenceMatcher):
    """SequenceMatcher charging each search for the longest match before it runs: at most one step for
    each occurrence in `b` of each element of `a[alo:ahi]` (its inner loop), one for each element."""

    def __init__(self, a: list, b: list, budget: Budget, autojunk: bool = False):
        budget.spend(len(a) + len(b))
        self.budget = budget
        super().__init__(None, a, b, autojunk=autojunk)
        self.budget.spend(len(a))
        self._steps = [0, *accumulate(len(self.b2j.get(x, ())) for x in a)]

    def find_longest_match(self, alo=0, ahi=None, blo=0, bhi=None):
        ahi = len(self.a) if ahi is None else ahi
        self.budget.spend(self._steps[ahi] - self._steps[alo] + ahi - alo + 1)
        return super().find_longest_match(alo, ahi, blo, bhi)


def opcodes(a: list, b: list, budget: Budget | None = None, autojunk: bool = False) -> list[tuple[str, int, int, int, int]]:
    """SequenceMatcher's opcodes for turning `a` into `b`, or the coarse ones once the budget is spent."""
    budget = budget if budget is not None else Budget.for_tokens(len(a) + len(b))
    try:
        return _Counted(a, b, budget, autojunk).get_opcodes()
    except _Overdrawn:
        return _coarse(a, b)


def unified_diff(a: list[str], b: list[str], fromfile: str, tofile: str, n: int = 3):
    """difflib.unified_diff's lines for two lists of lines, on `opcodes` (so within a budget)."""
    groups = _Given(opcodes(a, b, autojunk=True)).get_grouped_opcodes(n)
    started = False
    for group in groups:
        if not started:
            started = True
            yield f"--- {fromfile}\n"
            yield f"+++ {tofile}\n"
        first, last = group[0], group[-1]
        yield f"@@ -{_range(first[1], last[2])} +{_range(first[3], last[4])} @@\n"
        for tag, i1, i2, j1, j2 in group:
            if tag == "equal":
                yield from (" " + line for line in a[i1:i2])
                continue
            if tag in ("replace", "delete"):
                yield from ("-" + line for line in a[i1:i2])
            if tag in ("replace", "insert"):
                yield from ("+" + line for line in b[j1:j2])


class _Given(SequenceMatcher):
    """SequenceMatcher's grouping of opcodes found elsewhere."""

    def __init__(self, codes: list):  # noqa: D107 - no sequences: only get_grouped_opcodes is used
        self._codes = codes

    def get_opcodes(self):
        return self._codes


def _range(start: int, stop: int) -> str:
    """A unified diff's range, as difflib writes it."""
    beginning, length = start + 1, stop - start
    if length == 1:
        return f"{beginning}"
    if not length:
        beginning -= 1  # an empty range begins at the line before it
    return f"{beginning},{length}"


def ratio(a: list, b: list, budget: Budget | None = None) -> float:
    """How alike two sequences are, 0 to 1, as SequenceMatcher's `ratio()`."""
    if not a and not b:
        return 1.0
    same = sum(i2 - i1 for tag, i1, i2, _j1, _j2 in opcodes(a, b, budget) if tag == "equal")
    return 2.0 * same / (len(a) + len(b))


def _coarse(a: list, b: list) -> list[tuple[str, int, int, int, int]]:
    """The common start and end kept, all between them replaced: linear in the lengths."""
    n, m = len(a), len(b)
    start = 0
    while start < n and start < m and a[start] == b[start]:
        start += 1
    end = 0
    while end < n - start and end < m - start and a[n - 1 - end] == b[m - 1 - end]:
        end += 1
    out = []
    if start:
        out.append(("equal", 0, start, 0, start))
    if start < n - end or start < m - end:
        tag = "replace" if start < n - end and start < m - end else "delete" if start < n - end else "insert"
        out.append((tag, start, n - end, start, m - end))
    if end:
        out.append(("equal", n - end, n, m - end, m))
    return out

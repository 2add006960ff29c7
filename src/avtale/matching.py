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

BASE_STEPS = 250_000  # steps any diff may take (a tenth of a second of SequenceMatcher's inner loop)
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
    """Opcodes in O(n log n): the common start and end kept, and between them the elements found once in
    each that stand in the same order (the longest such run: patience diff's anchors); the rest replaced."""
    n, m = len(a), len(b)
    start = 0
    while start < n and start < m and a[start] == b[start]:
        start += 1
    end = 0
    while end < n - start and end < m - start and a[n - 1 - end] == b[m - 1 - end]:
        end += 1
    pairs = [(i, i) for i in range(start)]
    pairs += _anchors(a, b, start, n - end, start, m - end)
    pairs += [(n - end + k, m - end + k) for k in range(end)]
    return _to_opcodes(pairs, n, m)


def _anchors(a: list, b: list, alo: int, ahi: int, blo: int, bhi: int) -> list[tuple[int, int]]:
    """(i, j) of the elements found exactly once in a[alo:ahi] and once in b[blo:bhi], the longest run of
    them in the same order in both."""
    seen_a: dict = {}
    for i in range(alo, ahi):
        seen_a[a[i]] = -1 if a[i] in seen_a else i
    seen_b: dict = {}
    for j in range(blo, bhi):
        seen_b[b[j]] = -1 if b[j] in seen_b else j
    pairs = sorted((i, seen_b[x]) for x, i in seen_a.items() if i >= 0 and seen_b.get(x, -1) >= 0)
    # the longest increasing run of j (patience sorting), kept with back links
    tails: list[int] = []  # tails[k]: index in pairs of the smallest last j of a run of length k + 1
    back = [-1] * len(pairs)
    for k, (_i, j) in enumerate(pairs):
        pos = _bisect_tails(pairs, tails, j)
        if pos:
            back[k] = tails[pos - 1]
        if pos == len(tails):
            tails.append(k)
        else:
            tails[pos] = k
    out = []
    k = tails[-1] if tails else -1
    while k >= 0:
        out.append(pairs[k])
        k = back[k]
    return out[::-1]


def _bisect_tails(pairs: list, tails: list[int], j: int) -> int:
    lo, hi = 0, len(tails)
    while lo < hi:
        mid = (lo + hi) // 2
        if pairs[tails[mid]][1] < j:
            lo = mid + 1
        else:
            hi = mid
    return lo


def _to_opcodes(pairs: list[tuple[int, int]], n: int, m: int) -> list[tuple[str, int, int, int, int]]:
    """Opcodes from matched (i, j) pairs in increasing order: runs of them equal, what lies between replaced,
    deleted or inserted."""
    out: list[tuple[str, int, int, int, int]] = []
    i = j = 0
    for pi, pj in [*pairs, (n, m)]:
        if i < pi or j < pj:
            tag = "replace" if i < pi and j < pj else "delete" if i < pi else "insert"
            out.append((tag, i, pi, j, pj))
        if pi < n:
            if out and out[-1][0] == "equal" and out[-1][2] == pi and out[-1][4] == pj:
                out[-1] = ("equal", out[-1][1], pi + 1, out[-1][3], pj + 1)
            else:
                out.append(("equal", pi, pi + 1, pj, pj + 1))
        i, j = pi + 1, pj + 1
    return out

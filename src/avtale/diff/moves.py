"""Moved paragraphs and list items: a post-pass over the whole merged tree (moves may cross sections).

Reads: an `AgreementDiff` whose blocks were aligned within each part (a paragraph or item that moved is
there removed in one place and added in another). Writes: the same tree, each such pair made one move:
the added entry becomes MOVED (its text the words from old to new: edits inside the move), the removed one
MOVED_AWAY (its old text as removed), both with the same `move` number, 1, 2, … in NEW's order.

A pair is a move when both are paragraphs, or both list items (at any level, neither with a list under it),
their texts have at least MOVE_WORDS words and a word similarity of at least MOVE_AT. Short common lines
(«Ingen.», «Partene skal samarbeide.») are left as removed and added: taking them for moves would link
unrelated places. Cost: exact texts are paired through an index first; the rest compares each added text
with at most MOVE_WITHIN removed ones, and stops pairing when the diff's budget is spent.
"""

from __future__ import annotations

from avtale import matching as match
from avtale.diff.align import similarity
from avtale.diff.tree import ADDED, MOVED, MOVED_AWAY, REMOVED, AgreementDiff, Block, SectionDiff
from avtale.diff.words import words

MOVE_AT = 0.8  # word similarity from which a removed and an added text count as one moved text
MOVE_WORDS = 4  # the fewest words a text needs to be taken for a move
MOVE_WITHIN = 200  # an added text is compared with at most this many removed ones (besides exact ones)


def _entries(diff: AgreementDiff):
    """Every paragraph and list item of the tree, in NEW's (merged) order: (entry, kind)."""
    def blocks(bs: list[Block]):
        for b in bs:
            if b.kind == "paragraph":
                yield b, "paragraph"
            elif b.kind in ("bullets", "numbered"):
                yield from items(b)

    def items(b: Block):
        for item in b.items:
            yield item, "item"
            for sub in item.lists:
                yield from items(sub)

    def sections(ss: list[SectionDiff]):
        for s in ss:
            yield from blocks(s.blocks)
            yield from sections(s.subsections)

    yield from blocks(diff.preamble)
    yield from sections(diff.sections)
    yield from sections(diff.annexes)


def _candidate(entry, kind: str) -> bool:
    if kind == "item" and entry.lists:
        return False
    text = entry.text.new if entry.status == ADDED else entry.text.old
    return len(text.split()) >= MOVE_WORDS


def find_moves(diff: AgreementDiff, budget: match.Budget | None = None) -> int:
    """Mark the moved paragraphs and items of `diff` in place; the number of moves."""
    removed: list = []
    added: list = []
    for entry, kind in _entries(diff):
        if entry.status in (ADDED, REMOVED) and _candidate(entry, kind):
            (added if entry.status == ADDED else removed).append((entry, kind))
    if not removed or not added:
        return 0
    budget = budget if budget is not None else match.Budget.for_tokens(
        sum(len((e.text.old or e.text.new).split()) for e, _ in removed + added))
    exact: dict[tuple, list[int]] = {}
    for k in reversed(range(len(removed))):  # each list in OLD's order from its end: pop() takes the first
        entry, kind = removed[k]
        exact.setdefault((kind, entry.text.old.strip()), []).append(k)
    taken: set[int] = set()
    pairs: dict[int, int] = {}  # added index -> removed index
    for j, (entry, kind) in enumerate(added):  # identical texts first
        candidates = exact.get((kind, entry.text.new.strip()), [])
        if candidates:
            k = candidates.pop()
            taken.add(k)
            pairs[j] = k
    for j, (entry, kind) in enumerate(added):  # then similar ones, within the budget
        if j in pairs:
            continue
        best, best_k, seen = 0.0, None, 0
        for k, (old, old_kind) in enumerate(removed):
            if k in taken or old_kind != kind:
                continue
            if seen >= MOVE_WITHIN or not budget.left:
                break
            seen += 1
            score = similarity(old.text.old, entry.text.new, budget)
            if score > best:
                best, best_k = score, k
        if best_k is not None and best >= MOVE_AT:
            taken.add(best_k)
            pairs[j] = best_k
    for number, j in enumerate(sorted(pairs), 1):
        new, _ = added[j]
        old, _ = removed[pairs[j]]
        new.text = words(old.text.old, new.text.new, budget)
        new.status, new.move = MOVED, number
        old.status, old.move = MOVED_AWAY, number
    return len(pairs)


"""Aligning two sequences (blocks, items, rows, sections, signatories) in NEW's order, within a budget."""

from __future__ import annotations

from avtale import matching as match

PAIR_AT = 0.5  # similarity from which two texts count as one changed text
PAIR_WITHIN = 50  # a replaced item is paired with one of the next this many removed ones (n² otherwise)


def similarity(a: str, b: str, budget: match.Budget | None = None) -> float:
    return match.ratio(a.split(), b.split(), budget)


def align(old: list, new: list, key, pair_score, budget: match.Budget):
    """Yield (old_item | None, new_item | None) in NEW's order, pairing similar items in replaced runs."""
    for tag, i1, i2, j1, j2 in match.opcodes([key(x) for x in old], [key(x) for x in new], budget):
        if tag == "equal":
            yield from zip(old[i1:i2], new[j1:j2])
            continue
        olds, news = old[i1:i2], new[j1:j2]
        pairs, last = [], -1
        for nj, n in enumerate(news):
            if not budget.left:  # the budget is spent: the rest of the run is removed and added, unpaired
                break
            scores = [(pair_score(olds[oi], n, budget), oi) for oi in range(last + 1, min(len(olds), last + 1 + PAIR_WITHIN))]
            score, oi = max(scores, default=(0.0, -1))
            if score >= PAIR_AT:
                pairs.append((oi, nj))
                last = oi
        oi0 = nj0 = 0
        for oi, nj in [*pairs, (len(olds), len(news))]:
            yield from ((o, None) for o in olds[oi0:oi])  # deletions stand before insertions
            yield from ((None, n) for n in news[nj0:nj])
            if oi < len(olds):
                yield olds[oi], news[nj]
            oi0, nj0 = oi + 1, nj + 1

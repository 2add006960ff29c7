"""Align two agreements: sections by title (then by content), blocks and list items by text.

Reads: two `Agreement` models. Writes: an `AgreementDiff` (see tree.py).
"""

from __future__ import annotations

import re

from avtale.dates import format_date
from avtale import matching as match
from avtale.diff.tree import ADDED, CHANGED, MOVED, REMOVED, SAME, AgreementDiff, Block, Item, SectionDiff, Text
from avtale.model import Agreement, Bullets, Numbered, all_texts, list_style

PAIR_AT = 0.5  # similarity from which two texts count as one changed text
PAIR_WITHIN = 50  # a replaced item is paired with one of the next this many removed ones (n² otherwise)
_TOKEN = re.compile(r"\s+|[^\s]+")


def words(old: str, new: str, budget: match.Budget | None = None) -> Text:
    """Word-level operations turning `old` into `new` (white space kept with the words).

    Changes separated only by white space are joined into one deletion and one
    insertion, so «minst [-en måneds-]{+tre måneders+} varsel» reads as a phrase.
    """
    if old == new:
        return Text.same(new)
    a, b = _TOKEN.findall(old), _TOKEN.findall(new)
    runs: list[list] = []  # [changed?, old text, new text]
    for tag, i1, i2, j1, j2 in match.opcodes(a, b, budget):
        runs.append([tag != "equal", "".join(a[i1:i2]), "".join(b[j1:j2])])
    merged: list[list] = []  # [changed?, old pieces, new pieces]: joined once (+= on a list item is n²)
    for k, run in enumerate(runs):
        gap = not run[0] and not run[1].strip() and 0 < k < len(runs) - 1 and runs[k + 1][0]
        if merged and merged[-1][0] and (run[0] or gap):
            merged[-1][1].append(run[1])
            merged[-1][2].append(run[2])
        else:
            merged.append([run[0], [run[1]], [run[2]]])
    ops: list[tuple[str, str]] = []
    for changed, x, y in merged:
        x, y = "".join(x), "".join(y)
        if changed:
            _push(ops, "-", x)
            _push(ops, "+", y)
        else:
            _push(ops, "=", x)
    return Text(ops)


def _push(ops, op, s):
    if not s:
        return
    if ops and ops[-1][0] == op:
        ops[-1] = (op, ops[-1][1] + s)
    else:
        ops.append((op, s))


def similarity(a: str, b: str, budget: match.Budget | None = None) -> float:
    return match.ratio(a.split(), b.split(), budget)


def _align(old: list, new: list, key, pair_score, budget: match.Budget):
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


# --- blocks ------------------------------------------------------------------


def _block_text(block) -> str:
    if isinstance(block, str):
        return block
    return " ".join(block.bullets if isinstance(block, Bullets) else block.numbered)


def _kind(block) -> str:
    return "paragraph" if isinstance(block, str) else ("bullets" if isinstance(block, Bullets) else "numbered")


def _items(block) -> list[str]:
    return block.bullets if isinstance(block, Bullets) else block.numbered


def _block_pair_score(a, b, budget: match.Budget) -> float:
    if _kind(a) != _kind(b):
        return 0.0
    return similarity(_block_text(a), _block_text(b), budget)


def diff_blocks(old: list, new: list, budget: match.Budget | None = None) -> list[Block]:
    budget = budget if budget is not None else match.Budget.for_tokens(_size(old) + _size(new))
    out = []
    for a, b in _align(old, new, lambda x: (_kind(x), _block_text(x)), _block_pair_score, budget):
        block = a if b is None else b
        kind = _kind(block)
        style = list_style(block.style, 1) if isinstance(block, Numbered) else "1."
        if kind == "paragraph":
            if a is None:
                out.append(Block(kind, ADDED, Text.added(b)))
            elif b is None:
                out.append(Block(kind, REMOVED, Text.removed(a)))
            else:
                t = words(a, b, budget)
                out.append(Block(kind, t.status, t))
            continue
        if a is None or b is None:
            status = ADDED if a is None else REMOVED
            make = Text.added if a is None else Text.removed
            out.append(Block(kind, status, items=[Item(make(s), status) for s in _items(block)], style=style))
            continue
        items = []
        for x, y in _align(_items(a), _items(b), lambda s: s, similarity, budget):
            t = Text.added(y) if x is None else Text.removed(x) if y is None else words(x, y, budget)
            items.append(Item(t, t.status))
        same_style = getattr(a, "style", None) == getattr(b, "style", None)
        status = SAME if same_style and all(i.status == SAME for i in items) else CHANGED
        out.append(Block(kind, status, items=items, style=style))
    return out


# --- sections ------------------------------------------------------------------


def _section_text(s) -> str:
    return " ".join(_block_text(b) for b in s.blocks)


def _section_score(a, b, budget: match.Budget) -> float:
    return max(similarity(a.title, b.title, budget), similarity(_section_text(a), _section_text(b), budget))


def diff_sections(old: list, new: list, budget: match.Budget) -> list[SectionDiff]:
    old_no = {id(s): i for i, s in enumerate(old, 1)}
    new_no = {id(s): i for i, s in enumerate(new, 1)}
    pairs = list(_align(old, new, lambda s: s.title.casefold(), _section_score, budget))
    # a section removed in one place and added in another under the same title has moved
    removed = {a.title.casefold(): k for k, (a, b) in enumerate(pairs) if b is None}
    moved = {}
    for k, (a, b) in enumerate(pairs):
        if a is None and b is not None and b.title.casefold() in removed:
            j = removed.pop(b.title.casefold())
            moved[k] = pairs[j][0]
            pairs[j] = (None, None)
    out = []
    for k, (a, b) in enumerate(pairs):
        if a is None and b is None:
            continue
        if k in moved:
            a = moved[k]
        out.append(_section(a, b, old_no, new_no, budget, moved=k in moved))
    return out


def _subs(s) -> list:
    """A section's subsections; a subsection has none (the model has no `subsections` on it)."""
    return getattr(s, "subsections", [])


def _section(a, b, old_no, new_no, budget: match.Budget, moved=False) -> SectionDiff:
    if a is None:
        return SectionDiff(Text.added(b.title), ADDED, diff_blocks([], b.blocks, budget),
                           [_section(None, s, {}, {}, budget) for s in _subs(b)], None, new_no.get(id(b)))
    if b is None:
        return SectionDiff(Text.removed(a.title), REMOVED, diff_blocks(a.blocks, [], budget),
                           [_section(s, None, {}, {}, budget) for s in _subs(a)], old_no.get(id(a)), None)
    title = words(a.title, b.title, budget)
    blocks = diff_blocks(a.blocks, b.blocks, budget)
    subs = diff_sections(_subs(a), _subs(b), budget)
    touched = title.status != SAME or any(x.status != SAME for x in blocks) or any(s.touched for s in subs)
    status = MOVED if moved else (CHANGED if touched else SAME)
    return SectionDiff(title, status, blocks, subs, old_no.get(id(a)), new_no.get(id(b)))


# --- the whole agreement ---------------------------------------------------------


def _fields(old: Agreement, new: Agreement) -> list[tuple[str, str, str]]:
    def show(a: Agreement) -> dict[str, str]:
        p = a.period
        return {
            "id": a.id,
            "language": a.language,
            "status": a.status,
            "numbering": a.numbering,
            "period": f"{format_date(p.start) + ' – ' if p.start else 'til '}{format_date(p.end)}",
            "parties": ", ".join(x.name for x in a.parties),
        }

    o, n = show(old), show(new)
    return [(k, o[k], n[k]) for k in o if o[k] != n[k]]


def _signing(old: Agreement, new: Agreement) -> list[tuple[str, str, str]]:
    def lines(a: Agreement) -> dict[str, str]:
        if not a.signing:
            return {}
        when = (a.signing.place, format_date(a.signing.date) if a.signing.date else None)
        out = {"sted og dato": ", ".join(w for w in when if w)}
        for s in a.signing.signatories:
            out[s.party] = f"{s.name}, {s.title}"
        return out

    o, n = lines(old), lines(new)
    return [(k, o.get(k, ""), n.get(k, "")) for k in {**o, **n} if o.get(k) != n.get(k)]


def _size(blocks: list) -> int:
    """The words in some blocks, to size a diff's budget."""
    return sum(len(_block_text(b).split()) for b in blocks)


def compare(old: Agreement, new: Agreement) -> AgreementDiff:
    """The merged tree; its matching, however hostile the texts, costs steps in proportion to their words."""
    size = sum(len(text.split()) + 1 for a in (old, new) for _loc, text in all_texts(a))
    budget = match.Budget.for_tokens(size)
    return AgreementDiff(
        old.id,
        new.id,
        words(old.title, new.title, budget),
        _fields(old, new),
        diff_blocks(old.preamble, new.preamble, budget),
        diff_sections(old.sections, new.sections, budget),
        _signing(old, new),
    )

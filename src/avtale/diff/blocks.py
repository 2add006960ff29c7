"""Diffing blocks: paragraphs, lists (with the lists under their items, at any level) and tables.

Reads: the blocks of two agreement parts. Writes: `Block`s of the merged tree (see tree.py).
"""

from __future__ import annotations

from avtale import matching as match
from avtale.diff.align import align, similarity
from avtale.diff.tree import ADDED, CHANGED, REMOVED, SAME, Block, Item, Row, Text
from avtale.diff.words import words
from avtale.model import Item as ModelItem, Table, block_kind, list_style


def _kind(block) -> str:
    """paragraph, bullets, numbered or table; the list under a list item counts as a list."""
    if isinstance(block, ModelItem):
        return "bullets" if block.bullets is not None else "numbered"
    return block_kind(block)


def _item_text(item) -> str:
    return item if isinstance(item, str) else item.text


def block_text(block) -> str:
    """Every text of a block, joined: to pair similar blocks and to size a diff's budget."""
    if isinstance(block, str):
        return block
    if isinstance(block, Table):
        t = block.table
        return " ".join([t.caption or "", *t.header, *(cell for row in t.rows for cell in row)])
    return " ".join(item if isinstance(item, str) else f"{item.text} {block_text(item)}" for item in block.items)


def _block_pair_score(a, b, budget: match.Budget) -> float:
    if _kind(a) != _kind(b):
        return 0.0
    return similarity(block_text(a), block_text(b), budget)


def size(blocks: list) -> int:
    """The words in some blocks, to size a diff's budget."""
    return sum(len(block_text(b).split()) for b in blocks)


def diff_blocks(old: list, new: list, budget: match.Budget | None = None) -> list[Block]:
    budget = budget if budget is not None else match.Budget.for_tokens(size(old) + size(new))
    out = []
    for a, b in align(old, new, lambda x: (_kind(x), block_text(x)), _block_pair_score, budget):
        kind = _kind(a if b is None else b)
        if kind == "paragraph":
            if a is None:
                out.append(Block(kind, ADDED, Text.added(b)))
            elif b is None:
                out.append(Block(kind, REMOVED, Text.removed(a)))
            else:
                t = words(a, b, budget)
                out.append(Block(kind, t.status, t))
        elif kind == "table":
            out.append(diff_table(a, b, budget))
        else:
            out.append(diff_list(a, b, 1, budget))
    return out


# --- lists ---------------------------------------------------------------------------------------------------


def _style(block, level: int) -> str:
    return list_style(block.style, level) if _kind(block) == "numbered" else "1."


def diff_list(a, b, level: int, budget: match.Budget) -> Block:
    """A list (or the list under an item) at `level`: its items aligned by text, the lists under them diffed."""
    if a is None or b is None:
        block, status = (b, ADDED) if a is None else (a, REMOVED)
        items = [_whole_item(x, status, level) for x in block.items]
        return Block(_kind(block), status, items=items, style=_style(block, level), level=level)
    items = [_item(x, y, level, budget) for x, y in align(
        a.items, b.items, lambda i: (_item_text(i), "" if isinstance(i, str) else block_text(i)),
        lambda x, y, bud: similarity(_item_text(x), _item_text(y), bud), budget)]
    style, old_style = _style(b, level), _style(a, level)
    status = SAME if style == old_style and all(i.status == SAME for i in items) else CHANGED
    return Block(_kind(b), status, items=items, style=style, old_style=old_style if old_style != style else None,
                 level=level)


def _whole_item(item, status: str, level: int) -> Item:
    make = Text.added if status == ADDED else Text.removed
    lists = [] if isinstance(item, str) else [diff_list(None, item, level + 1, None) if status == ADDED
                                               else diff_list(item, None, level + 1, None)]
    return Item(make(_item_text(item)), status, lists)


def _item(x, y, level: int, budget: match.Budget) -> Item:
    if x is None:
        return _whole_item(y, ADDED, level)
    if y is None:
        return _whole_item(x, REMOVED, level)
    text = words(_item_text(x), _item_text(y), budget)
    sa, sb = (None if isinstance(x, str) else x), (None if isinstance(y, str) else y)
    lists = []
    if sa is not None and sb is not None and _kind(sa) == _kind(sb):
        lists.append(diff_list(sa, sb, level + 1, budget))
    else:
        if sa is not None:
            lists.append(diff_list(sa, None, level + 1, budget))
        if sb is not None:
            lists.append(diff_list(None, sb, level + 1, budget))
    status = text.status if text.status != SAME else (CHANGED if any(x.status != SAME for x in lists) else SAME)
    return Item(text, status, lists)


# --- tables --------------------------------------------------------------------------------------------------


def _column(table, j: int) -> tuple:
    """A column's settings: (width or None, align)."""
    columns = table.columns or []
    c = columns[j] if j < len(columns) else None
    return (c.width, c.align) if c is not None else (None, "left")


def _cells(x: list[str], y: list[str], budget: match.Budget) -> list[Text]:
    out = [words(p, q, budget) for p, q in zip(x, y)]
    out += [Text.removed(p) for p in x[len(y):]] + [Text.added(q) for q in y[len(x):]]
    return out


def diff_table(a, b, budget: match.Budget) -> Block:
    if a is None or b is None:
        t, status = (b.table, ADDED) if a is None else (a.table, REMOVED)
        make = Text.added if a is None else Text.removed
        number = (lambda n: (None, n)) if a is None else (lambda n: (n, None))
        return Block("table", status, caption=make(t.caption) if t.caption else None,
                     header=Row(status, [make(c) for c in t.header], *number(0)),
                     rows=[Row(status, [make(c) for c in row], *number(n)) for n, row in enumerate(t.rows, 1)])
    ta, tb = a.table, b.table
    caption = None if ta.caption is None and tb.caption is None else words(ta.caption or "", tb.caption or "", budget)
    head = _cells(ta.header, tb.header, budget)
    header = Row(SAME if all(c.status == SAME for c in head) else CHANGED, head, 0, 0)
    rows = []
    olds, news = list(enumerate(ta.rows, 1)), list(enumerate(tb.rows, 1))
    for x, y in align(olds, news, lambda r: tuple(r[1]),
                      lambda p, q, bud: similarity(" ".join(p[1]), " ".join(q[1]), bud), budget):
        if x is None:
            rows.append(Row(ADDED, [Text.added(c) for c in y[1]], None, y[0]))
        elif y is None:
            rows.append(Row(REMOVED, [Text.removed(c) for c in x[1]], x[0], None))
        else:
            cells = _cells(x[1], y[1], budget)
            rows.append(Row(SAME if all(c.status == SAME for c in cells) else CHANGED, cells, x[0], y[0]))
    both = min(len(ta.header), len(tb.header))
    columns = [(j + 1, _column(ta, j), _column(tb, j)) for j in range(both) if _column(ta, j) != _column(tb, j)]
    touched = ((caption is not None and caption.status != SAME) or header.status != SAME or columns
               or any(r.status != SAME for r in rows))
    return Block("table", CHANGED if touched else SAME, caption=caption, header=header, rows=rows, columns=columns)


"""Read stage helper for scans: Tesseract's words in reading order, side-by-side blocks read row by row.

Reads: the words of one page from Tesseract's TSV, in Tesseract's order, each with its
(page, block, paragraph, line) key and box. Writes: the page's visual lines, each a flag
(a new paragraph starts here) and its cells (lists of words, left to right); `read_ocr`
joins a cell's words with spaces (or a tab at a wide gap) and the cells with tabs.

Tesseract's layout analysis sets each cell of a signature table in a block of its own and
reads the blocks column by column: of a 2 × 2 table («Torbjørn Bakke» / «Forsvarsminister»
beside «Stein Nes» / «Helse- og omsorgsminister», and under them two more), the left column
comes first, then the right one, and the signatories come out in the wrong order. Where
blocks stand side by side (`side_by_side`: each of two lines or more, their boxes apart
across the page, their tops within a line's height of each other), they are one row of a
table: their lines are merged by height (a line within half a line's height of another is on
the same row) and written as rows of tab-separated cells, one cell per block, left to right;
a block with no line on a row leaves its cell empty (a leading tab keeps a right-hand cell
in its column). A row starts a paragraph where a line of it starts one in its block.
A block of one line (a running header beside a page number, a logo's text) is left alone:
two lines or more is what a signature cell (a name over a title) has.
"""

from __future__ import annotations

from typing import Any

Cells = list[list[Any]]  # a visual line's cells, each a list of words (read_ocr.Word)


def _box(lines: list[list[Any]]) -> tuple[int, int, int, int, int]:
    words = [w for ws in lines for w in ws]
    heights = sorted(w.height for w in words)
    return (min(w.left for w in words), min(w.top for w in words), max(w.left + w.width for w in words),
            max(w.top + w.height for w in words), max(1, heights[len(heights) // 2]))


def side_by_side(a: tuple, b: tuple) -> bool:
    """Two blocks' boxes (left, top, right, bottom, height) are cells of one table row: apart across the page,
    tops within a line's height."""
    apart = a[2] < b[0] or b[2] < a[0]
    return apart and abs(a[1] - b[1]) <= max(a[4], b[4])


def visual_lines(words: list[Any]) -> list[tuple[bool, Cells]]:
    """The page's lines in reading order (the module's docstring): (starts a paragraph, cells)."""
    lines: list[tuple[tuple, list[Any]]] = []
    for w in words:
        if lines and lines[-1][0] == w.key:
            lines[-1][1].append(w)
        else:
            lines.append((w.key, [w]))
    blocks: dict[tuple, list[int]] = {}
    for i, (key, _) in enumerate(lines):
        blocks.setdefault(key[:2], []).append(i)
    boxes = {b: _box([lines[i][1] for i in ix]) for b, ix in blocks.items()}
    order = list(blocks)
    group_of: dict[tuple, list[tuple]] = {}
    for n, b in enumerate(order):
        if b in group_of or len(blocks[b]) < 2:
            continue
        partners = [c for c in order[n + 1:] if c not in group_of and len(blocks[c]) >= 2
                    and side_by_side(boxes[b], boxes[c])]
        partners = [c for k, c in enumerate(partners)
                    if all(boxes[c][2] < boxes[d][0] or boxes[d][2] < boxes[c][0] for d in partners[:k])]
        if partners:
            group = sorted([b, *partners], key=lambda g: boxes[g][0])
            for g in group:
                group_of[g] = group
    out: list[tuple[bool, Cells]] = []
    prev = None
    done: set[int] = set()
    for i, (key, ws) in enumerate(lines):
        group = group_of.get(key[:2])
        if group is None:
            out.append((prev is not None and key[:3] != prev[:3], [ws]))
            prev = key
        elif id(group) not in done:
            done.add(id(group))
            out += _rows(lines, blocks, group, boxes)
            prev = ("group",)
    if out:
        out[0] = (False, out[0][1])
    return out


def _rows(lines, blocks, group, boxes) -> list[tuple[bool, Cells]]:
    """The lines of side-by-side blocks merged into rows of cells by their height on the page."""
    items = []  # (centre y, column, starts a paragraph, words)
    for column, b in enumerate(group):
        for n, i in enumerate(blocks[b]):
            key, ws = lines[i]
            top = min(w.top for w in ws)
            bottom = max(w.top + w.height for w in ws)
            starts = n > 0 and key[:3] != lines[blocks[b][n - 1]][0][:3]
            items.append(((top + bottom) / 2, column, starts, ws))
    items.sort(key=lambda t: (t[0], t[1]))
    height = max(boxes[b][4] for b in group)
    rows: list[list[tuple]] = []
    for item in items:
        if rows and abs(item[0] - rows[-1][0][0]) <= height / 2 and all(t[1] != item[1] for t in rows[-1]):
            rows[-1].append(item)
        else:
            rows.append([item])
    out = []
    for n, row in enumerate(rows):
        cells: Cells = [[] for _ in group]
        for _, column, _, ws in row:
            cells[column] = ws
        while cells and not cells[-1]:
            cells.pop()
        out.append((n == 0 or any(t[2] for t in row), cells))
    return out

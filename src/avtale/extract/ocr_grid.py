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
Blocks side by side down the page (joined through each other: a cell of two lines beside
two cells of one) make a group; the next group down the page with the same columns, with no
other block between, is the table's next row (cells of one line each, under a signature line).
A table must give two rows or more: a single row (a running header beside a page number, a
row of logos) is left alone. A block of list labels only (`LABEL_ONLY`) is no cell.

Tesseract also starts a paragraph (or a block) where a line ends short or a new block begins,
though the paper shows none: a manual line break between two sentences of one paragraph
(«… likeverdige tenester.» / «Direktoratet skal …»), or a full line where its block ended.
On a page whose paragraphs are set apart by space (`SPACED`: where a sentence ends at a
paragraph's end and a paragraph of prose begins, two breaks or more, and most, are one and a
half line pitches or more; a heading's space before it says nothing), a break at a line's ordinary distance (`LINE`) between a line that ends a
sentence and one that starts with a capital, both at the same left and neither a list item,
is no paragraph break (`_soft_breaks`), when the new line goes on to a second line or ends a
sentence itself (a heading alone does neither, nor a line of `HEADING_WORDS` without a sentence's end that
Tesseract kept with the paragraph under it); and a sentence turn `SPACED` pitches apart is a paragraph break, though
Tesseract read across it. The document decides for a page whose own breaks do not show its spacing
(`spaced_document`). Such a turn at a line's ordinary distance is
marked `SOFT` whether Tesseract set a break there or not: on a spaced page it is a manual line
break, and `read_ocr` tells `unwrap` the paragraph goes on there however short the line above
(a line's length cannot tell a manual break from a paragraph's end).
On a page whose paragraphs follow at the line distance, a sentence turn is decided by the room the
boxes show (`_fitting_breaks`): a new paragraph where the next line's first word would have fitted
after the line; where it would not, the line goes on if it reaches the column's edge, and one that
ends short of it ended its paragraph in a justified document but went on in a ragged one
(`SHORT`: `read_ocr` decides by the whole document's full lines, `justified`).
"""

from __future__ import annotations

import re
from typing import Any, NamedTuple

from avtale.extract.markers import TERMINAL, marker

SPACED = 1.5  # a page sets its paragraphs apart when two breaks or more are this many line pitches or more
LINE = 1.2  # a break no more than this many line pitches down is no paragraph break on such a page
FULL_LINES = 3  # lines a lower-case word goes on after, to tell where a page's column ends (`_fitting_breaks`)
SURE_LINES = 6  # … and to tell a justified page (nine in ten of them end at the edge) from a ragged one
HEADING_WORDS = 3  # a line of so few words, no sentence's end, that Tesseract kept with the paragraph under it: a heading
class _Short:
    """A line's flag where the room left cannot tell alone (`_fitting_breaks`); falsy: no break set here."""

    def __bool__(self) -> bool:
        return False


SHORT = _Short()
SOFT = None  # a line's «starts a paragraph» flag where `_soft_breaks` took Tesseract's break back: it goes on (falsy)

# A block of list labels only («1.» … «4.», read as debris «PFUNH», or a heading's number «3.2» beside its text) is a
# label column, not a table's cell: Tesseract's column finder sets it beside the items, and `ocr_lists` and
# `ocr_text.heading_numbers` look for it on lines of its own.
LABEL_ONLY = re.compile(r"^(?:[A-ZÆØÅ]{3,9}-?|\d{1,2}(?:\.\d{1,2})*[.)]?|[a-zA-Z][.)]?|[^\w\s]{1,2})$")

Cells = list[list[Any]]  # a visual line's cells, each a list of words (read_ocr.Word)


def _box(lines: list[list[Any]]) -> tuple[int, int, int, int, int]:
    words = [w for ws in lines for w in ws]
    heights = sorted(w.height for w in words)
    return (min(w.left for w in words), min(w.top for w in words), max(w.left + w.width for w in words),
            max(w.top + w.height for w in words), max(1, heights[len(heights) // 2]))


def side_by_side(a: tuple, b: tuple) -> bool:
    """Two blocks' boxes (left, top, right, bottom, height) stand side by side: apart across the page, and
    overlapping down it by half a line's height or more."""
    apart = a[2] < b[0] or b[2] < a[0]
    return apart and min(a[3], b[3]) - max(a[1], b[1]) >= min(a[4], b[4]) / 2


def _columns(group: list[tuple], boxes: dict) -> list[int]:
    """The lefts of a group's columns (blocks whose lefts are within a line's height share a column)."""
    lefts: list[int] = []
    for b in sorted(group, key=lambda g: boxes[g][0]):
        if not lefts or boxes[b][0] - lefts[-1] > boxes[b][4]:
            lefts.append(boxes[b][0])
    return lefts


def tables(order: list[tuple], boxes: dict, labels: set[tuple] = frozenset()) -> list[list[tuple]]:
    """Groups of blocks that make a table: blocks side by side (joined through each other), and the next such
    group down the page when it has the same columns and no other block stands between; a table has two rows
    or more (a name over a title, or two rows of single lines: `visual_lines` checks)."""
    parent = {b: b for b in order}

    def root(b):
        while parent[b] != b:
            b = parent[b]
        return b

    cells = [b for b in order if b not in labels]
    for n, a in enumerate(cells):
        for b in cells[n + 1:]:
            if side_by_side(boxes[a], boxes[b]):
                parent[root(b)] = root(a)
    groups: dict[tuple, list[tuple]] = {}
    for b in order:
        groups.setdefault(root(b), []).append(b)
    found = sorted((g for g in groups.values() if len(g) >= 2), key=lambda g: min(boxes[b][1] for b in g))
    chains: list[list[list[tuple]]] = []
    for g in found:
        if chains:
            last = chains[-1][-1]
            a, b = _columns(last, boxes), _columns(g, boxes)
            bottom, top = max(boxes[x][3] for x in last), min(boxes[x][1] for x in g)
            between = any(bottom < (boxes[x][1] + boxes[x][3]) / 2 < top for x in order)
            height = max(boxes[x][4] for x in g)
            if len(a) == len(b) and all(abs(p - q) <= height for p, q in zip(a, b)) and not between:
                chains[-1].append(g)
                continue
        chains.append([g])
    return [[b for g in chain for b in g] for chain in chains]


def visual_lines(words: list[Any], spaced: int | None = None) -> list[tuple[bool, Cells, int | None]]:
    """The page's lines in reading order (the module's docstring): (starts a paragraph, cells, the table's left
    edge for a table's row, else None); «starts» is True, False or `SOFT` (goes on, though Tesseract set a break
    there: a manual line break between two sentences). `spaced`: the document's line pitch where the document sets
    its paragraphs apart by space (`spaced_document`); None: as the page's own breaks show."""
    return _tail_columns(_soft_breaks(_raw_lines(words), spaced))


class Spacing(NamedTuple):
    """A page's evidence of paragraphs set apart by space: breaks Tesseract set at a sentence turn that are `SPACED`
    line pitches or more, all such breaks, the page's line pitch and how many lines within paragraphs measured it."""

    spaced: int = 0
    turns: int = 0
    pitch: int | None = None
    within: int = 0

    def shown(self) -> bool:
        """Two spaced breaks or more, and more than those at a line's distance."""
        return self.spaced >= 2 and self.spaced > self.turns - self.spaced


def spacing(words: list[Any]) -> Spacing:
    """The page's `Spacing`."""
    out = _raw_lines(words)
    pairs, pitch = _pairs(out)
    if pitch is None:
        return Spacing()
    turns = [(i, a, b) for i, a, b in pairs if out[i][0] and _turn(a, b)]
    return Spacing(sum(1 for i, a, b in turns if _top(b) - _top(a) >= SPACED * pitch), len(turns), pitch,
                   sum(1 for i, a, b in pairs if not out[i][0]))


def spaced_document(pages: list[Spacing]) -> int | None:
    """The document's line pitch where its paragraphs are set apart by space, from all its pages' `spacing` (one
    style sets them on every page, so a page with too few breaks of its own to tell, a last page of two paragraphs,
    or whose manual line breaks Tesseract took for breaks outnumber its paragraphs, follows the document); else
    None. The pitch is the one most lines within paragraphs show (a page of a few lines measures it badly)."""
    if not Spacing(sum(p.spaced for p in pages), sum(p.turns for p in pages)).shown():
        return None
    measured = sorted((p.pitch, p.within) for p in pages if p.pitch is not None)
    half, seen = sum(n for _, n in measured) / 2, 0
    for pitch, n in measured:
        seen += n
        if seen >= half:
            return pitch
    return None


def _raw_lines(words: list[Any]) -> list[tuple[bool, Cells, int | None]]:
    """The page's lines in reading order, tables as rows, before any break is taken back."""
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
    group_of: dict[tuple, list[tuple]] = {}
    rows_of: dict[int, list[tuple[bool, Cells, int | None]]] = {}
    labels = {b for b, ix in blocks.items() if all(LABEL_ONLY.match(" ".join(w.text for w in lines[i][1]))
                                                   for i in ix)}
    for table in tables(list(blocks), boxes, labels):
        rows = _rows(lines, blocks, table, boxes)
        if len(rows) >= 2:  # one row is a running header beside a page number, or a row of logos
            rows_of[id(table)] = rows
            for b in table:
                group_of[b] = table
    out: list[tuple[bool, Cells, int | None]] = []
    prev = None
    done: set[int] = set()
    for key, ws in lines:
        group = group_of.get(key[:2])
        if group is None:
            out.append((prev is not None and key[:3] != prev[:3], [ws], None))
            prev = key
        elif id(group) not in done:
            done.add(id(group))
            out += rows_of[id(group)]
            prev = ("table",)
    if out:
        out[0] = (False, *out[0][1:])
    return out


def _tail_columns(out: list[tuple[bool, Cells, int | None]]) -> list[tuple[bool, Cells, int | None]]:
    """The lines after the page's last sentence (a signature table Tesseract read as lines across its columns) cut
    into cells at the column stops they share: a word that starts, after a gap wider than a line's height, where
    a word of another of these lines starts too (within half a height; inside that line or at its start) begins a
    cell; the lines become a table's rows
    (set out at their places across the page) when they share a stop past the first."""
    last = max((i for i, (_, cells, edge) in enumerate(out)
                if edge is None and cells[0] and TERMINAL.search(cells[0][-1].text)), default=-1)
    tail = [i for i in range(last + 1, len(out)) if out[i][2] is None and out[i][1][0]]
    if len(tail) < 2:
        return out
    heights = sorted(w.height for i in tail for w in out[i][1][0])
    height = max(1, heights[len(heights) // 2])
    starts: dict[int, list[int]] = {}  # line → lefts of its words that start after a wide gap (or the line)
    for i in tail:
        ws = out[i][1][0]
        starts[i] = [ws[0].left] + [b.left for a, b in zip(ws, ws[1:]) if b.left - (a.left + a.width) >= height]
    stops: list[int] = []
    for i in tail:
        for x in starts[i][1:]:  # a stop is where a cell starts inside a line (list items all start at one indent)
            shared = sum(1 for j in tail if j != i and any(abs(x - y) <= height / 2 for y in starts[j]))
            if shared and not any(abs(x - s) <= height / 2 for s in stops):
                stops.append(x)
    edge = min(w.left for i in tail for w in out[i][1][0])
    if not any(s - edge > height for s in stops):
        return out
    for i in tail:
        cells: Cells = []
        ws = out[i][1][0]
        for n, w in enumerate(ws):
            gap = w.left - (ws[n - 1].left + ws[n - 1].width) if n else None
            if n == 0 or (gap >= height and any(abs(w.left - s) <= height / 2 for s in stops)):
                cells.append([w])
            else:
                cells[-1].append(w)
        if len(cells) > 1 or any(abs(ws[0].left - s) <= height / 2 for s in [edge, *stops]):
            out[i] = (out[i][0], cells, edge)  # a line of its own elsewhere (a page number, centred) stays as it is
    return out


def _top(ws) -> int:
    return min(w.top for w in ws)


def _text(ws) -> str:
    return " ".join(w.text for w in ws)


def _turn(a, b) -> bool:
    """A sentence ends on line `a`, a paragraph of prose begins on line `b`."""
    return bool(TERMINAL.search(_text(a)) and _text(b)[:1].isupper() and marker(_text(a)).kind == "none"
                and marker(_text(b)).kind == "none")


def _soft_breaks(out: list[tuple[bool, Cells, int | None]], spaced: int | None = None
                 ) -> list[tuple[bool, Cells, int | None]]:
    """No paragraph break where Tesseract set one at a line's ordinary distance, on a page whose paragraphs are set
    apart by space (the module's docstring; `spaced`: the document's pitch, else as the page's own breaks show); on
    any other page, a sentence turn is decided by the room left (`_fitting_breaks`)."""
    pairs, pitch = _pairs(out)
    if pitch is None:
        return out
    if spaced is not None:
        pitch = spaced
    else:
        turns = [(i, a, b) for i, a, b in pairs if out[i][0] and _turn(a, b)]
        if not Spacing(sum(1 for i, a, b in turns if _top(b) - _top(a) >= SPACED * pitch), len(turns)).shown():
            return _fitting_breaks(out, pairs, pitch)
    for n, (i, a, b) in enumerate(pairs):
        height = sorted(w.height for w in a)[len(a) // 2]
        rest = pairs[n + 1][2] if n + 1 < len(pairs) and pairs[n + 1][0] == i + 1 and not out[i + 1][0] else None
        heading = rest is not None and len(b) <= HEADING_WORDS and not TERMINAL.search(_text(b))
        if (_top(b) - _top(a) <= LINE * pitch and abs(a[0].left - b[0].left) <= height / 2 and _turn(a, b)
                and (rest is not None or TERMINAL.search(_text(b))) and not heading):
            out[i] = (SOFT, *out[i][1:])
        elif _top(b) - _top(a) >= SPACED * pitch and _turn(a, b) and not out[i][0]:
            out[i] = (True, *out[i][1:])  # a paragraph's gap Tesseract read across (an empty paragraph's)
    return out


def _pairs(out: list) -> tuple[list, int | None]:
    """Neighbouring lines of prose (no table's row), as (index, words above, words), and the page's line pitch."""
    pairs = [(i, out[i - 1][1][0], out[i][1][0]) for i in range(1, len(out))
             if out[i - 1][2] is None and out[i][2] is None and out[i - 1][1][0] and out[i][1][0]]
    within = sorted(_top(b) - _top(a) for i, a, b in pairs if not out[i][0])
    return pairs, within[len(within) // 2] if within else None


def _rights(pairs: list, pitch: int) -> list[tuple[int, int]]:
    """(right end, word height) of the lines a lower-case word goes on after: full lines."""
    return [(max(w.left + w.width for w in a), sorted(w.height for w in a)[len(a) // 2]) for i, a, b in pairs
            if _text(b)[:1].islower() and marker(_text(a)).kind == "none" and len(a) >= 4
            and _top(b) - _top(a) <= LINE * pitch]


def edge_offsets(out: list) -> list[float]:
    """How far short of the page's column edge its full lines end, in line heights (0 for the rightmost): a
    justified page's are all near 0. `read_ocr` counts them over the document (`justified`)."""
    pairs, pitch = _pairs(out)
    rights = _rights(pairs, pitch) if pitch else []
    if len(rights) < FULL_LINES:
        return []
    edge = max(r for r, _ in rights)
    return [(edge - r) / max(1, h) for r, h in rights]


def justified(offsets: list[float]) -> bool | None:
    """A justified document: nine in ten of its full lines end at their column's edge (within a third of a line's
    height), of `SURE_LINES` or more. A ragged one: two of its full lines or more end half a line's height short of
    it or more (a justified line never does). None where too few lines tell."""
    if sum(1 for o in offsets if o > 1 / 2) >= 2:
        return False
    if len(offsets) < SURE_LINES:
        return None
    return sum(1 for o in offsets if o <= 1 / 3) >= 0.9 * len(offsets)


def _fitting_breaks(out: list[tuple[bool, Cells, int | None]], pairs: list, pitch: int) -> list:
    """On a page whose paragraphs follow each other at the line distance, where a sentence ends at a line's end and
    the next line (at the same left, one line lower) starts with a capital, the room left decides: the paragraph
    ended when the next line's first word would have fitted after the line (a typesetter fills a line before it
    breaks one: a new paragraph, True). Where it would not have fitted, a line that reaches the column's edge goes
    on (`SOFT`: whatever its length says to `unwrap`); one that ends short of it (`SHORT`) ended its paragraph in
    a justified document (a paragraph's last line is not stretched) and went on in a ragged one: `read_ocr`
    decides by the whole document (`justified`). The column's edge is where the lines a lower-case word goes on
    after end (`FULL_LINES` of them or more; the rightmost)."""
    rights = _rights(pairs, pitch)
    if len(rights) < FULL_LINES:
        return out
    edge = max(r for r, _ in rights)
    for i, a, b in pairs:
        height = sorted(w.height for w in a)[len(a) // 2]
        if not (_turn(a, b) and _top(b) - _top(a) <= LINE * pitch and abs(a[0].left - b[0].left) <= height / 2
                and len(a) >= 4):
            continue
        right = max(w.left + w.width for w in a)
        if right + 0.3 * height + b[0].width <= edge:
            out[i] = (True, *out[i][1:])
        else:
            out[i] = (SOFT if edge - right <= height / 2 else SHORT, *out[i][1:])
    return out


def _rows(lines, blocks, group, boxes) -> list[tuple[bool, Cells, int | None]]:
    """The lines of a table's blocks merged into rows of cells by their height on the page; a row starts a
    paragraph where a line's height of paper or more lies above it."""
    lefts = _columns(group, boxes)
    items = []  # (top, bottom, column, words)
    for b in group:
        column = min(range(len(lefts)), key=lambda k: abs(lefts[k] - boxes[b][0]))
        for i in blocks[b]:
            ws = lines[i][1]
            items.append((min(w.top for w in ws), max(w.top + w.height for w in ws), column, ws))
    items.sort(key=lambda t: ((t[0] + t[1]) / 2, t[2]))
    height = max(boxes[b][4] for b in group)
    rows: list[list[tuple]] = []
    for item in items:
        centre = (item[0] + item[1]) / 2
        if rows and abs(centre - (rows[-1][0][0] + rows[-1][0][1]) / 2) <= height / 2 \
                and all(t[2] != item[2] for t in rows[-1]):
            rows[-1].append(item)
        else:
            rows.append([item])
    out = []
    bottom = None
    for row in rows:
        cells: Cells = [[] for _ in lefts]
        for _, _, column, ws in row:
            cells[column] = ws
        while cells and not cells[-1]:
            cells.pop()
        top = min(t[0] for t in row)
        out.append((bottom is None or top - bottom >= height, cells, lefts[0]))
        bottom = max(t[1] for t in row)
    return out

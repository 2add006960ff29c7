"""Indentation mistakes told in the drafter's words: which line is indented unlike the lines it belongs with,
how far it should be indented, and the line that shows it.

Reads: the lines of a file and the place libyaml gave up. Writes: an `Explained` message at the line the
drafter most likely changed. Of two lines that disagree, the one the key above them (their parent)
does not fit is the odd one; where nothing shows which, the later line gets the message and names the
other. Used by `store.mistakes`, which tries these after the mistakes of one line.
"""

from __future__ import annotations

import re
from collections import namedtuple

from avtale.i18n import _, ngettext

KEY_LINE = re.compile(r"( *)(?:- +)*([A-Za-z_][\w-]*):(?: |$)")
ITEM_LINE = re.compile(r"( *)- ")


Explained = namedtuple("Explained", "message line col")
Explained.__doc__ = "A drafter's message and the 1-based line and column of the mistake (line, col: int or None)."


def line_level(line: str) -> tuple[str, int] | None:
    """('key', column of the key) or ('item', column of the «-»), 0-based; None for a line of text."""
    key = KEY_LINE.match(line)
    if key:
        return "key", key.start(2)
    item = ITEM_LINE.match(line)
    if item:
        return "item", len(item.group(1))
    return None


def previous(lines, number):
    for k in range(number - 1, 0, -1):
        text = lines[k - 1]
        if text.strip() and not text.lstrip().startswith("#"):
            return k, text
    return None


def spaces(n: int) -> str:
    return ngettext("{n} space", "{n} spaces", n).format(n=n)


def top(lines, problem, context, problem_at, context_at):
    """«expected <document start>»: the first key is indented, so the keys after it no longer belong with it."""
    if "document start" not in problem:
        return None
    for number, line in enumerate(lines, 1):
        if line.strip() and not line.lstrip().startswith("#"):
            indent = len(line) - len(line.lstrip(" "))
            if indent:
                return Explained(_("the keys at the top of the file start at the beginning of the line, but this "
                                   "one is indented {n}: remove the indentation").format(n=spaces(indent)),
                                 number, indent + 1)
            return None
    return None


def text_block(lines, problem, context, problem_at, context_at):
    """The lines of one text indented unlike each other: a `>-` text ends where a line is indented less than
    its first line, so a first line indented too far, or a later line too little, breaks the lines after it."""
    if not problem_at or problem_at[0] > len(lines):
        return None
    number = problem_at[0]
    line = lines[number - 1]
    if line_level(line) is not None:
        return None
    above = previous(lines, number)
    if not above or line_level(above[1]) is not None:
        return None
    # the first line of the text: go up over its lines to the line that opens it («- >-» or «key: >-»)
    first = above[0]
    while first > 1 and line_level(lines[first - 2]) is None and lines[first - 2].strip():
        first -= 1
    opener = lines[first - 2] if first > 1 else ""
    if not re.search(r"[>|][-+]?\s*$", opener):
        return None
    indent = len(line) - len(line.lstrip(" "))
    start = len(lines[first - 1]) - len(lines[first - 1].lstrip(" "))
    if indent < start:
        wrong, n, m = (first, start, indent) if first == number - 1 or indent > _level_col(opener) else \
            (number, indent, start)
        return Explained(_("the lines of one text are indented alike: this line is indented {n}, the other lines "
                           "of its text {m}: indent it {m}").format(n=spaces(n), m=spaces(m)), wrong, n + 1)
    return None


def _level_col(line: str) -> int:
    level = line_level(line)
    return level[1] if level else 0


def indentation(lines, problem, context, problem_at, context_at, force=False):
    """A key or item indented unlike its neighbours: say how far to indent it, and after which line."""
    if not problem_at:
        return None
    if not force and not any(p in problem for p in ("expected key", "'-' indicator", "not allowed",
                                                     "node content", "block end")):
        return None
    for number in _candidates(lines, problem_at, context_at):
        line = lines[number - 1]
        level = line_level(line)
        if level is None:
            continue
        kind, col = level
        if kind == "key" and ITEM_LINE.match(line):  # «- title: …» lines up as an item
            kind, col = "item", len(ITEM_LINE.match(line).group(1))
        near = _neighbour(lines, number, kind, col)
        if near is None:
            continue
        near_number, near_col, near_name = near
        parent = _parent(lines, near_number, min(col, near_col))
        near_item = ITEM_LINE.match(lines[near_number - 1])
        if parent and kind == "key" and near_item:  # «- id: kd» above «name: …»: the item's «-» is the odd one
            dash, expected = len(near_item.group(1)), parent[2]
            if col == expected + 2 and dash != expected:
                return Explained(_("this line is indented {n}, but the lines under «{parent}:» on line {line} are "
                                   "indented {m}: indent it {m}").format(
                    n=spaces(dash), parent=parent[1], line=parent[0], m=spaces(expected)), near_number, dash + 1)
        elif parent and col == parent[2] != near_col:  # the line above is the odd one: its parent says so
            return Explained(_("this line is indented {n}, but the lines under «{parent}:» on line {line} are "
                               "indented {m}: indent it {m}").format(
                n=spaces(near_col), parent=parent[1], line=parent[0], m=spaces(col)), near_number, near_col + 1)
        if kind == "key":
            name = KEY_LINE.match(line).group(2)
            return Explained(_("«{key}:» is indented {n}, but the keys it belongs with are indented {m} (like "
                               "«{other}:» on line {line}): indent it {m}").format(
                key=name, n=spaces(col), m=spaces(near_col), other=near_name, line=near_number), number, col + 1)
        return Explained(_("this item is indented {n}, but the items of its list are indented {m} (like line "
                           "{line}): indent its «-» {m}").format(n=spaces(col), m=spaces(near_col), line=near_number),
                         number, col + 1)
    return None


def _parent(lines, number, below) -> tuple[int, str, int] | None:
    """The key a line belongs under — the nearest key line above it indented less than `below` — with
    the indentation its contents have in avtale's own layout (two more than the key; a «- key:» line's
    keys line up with its first key): (line, key, indentation)."""
    for k in range(number - 1, 0, -1):
        line = lines[k - 1]
        key = KEY_LINE.match(line)
        if key and key.start(2) < below:
            return k, key.group(2), key.start(2) + 2
        if line_level(line) is not None and line_level(line)[1] < below:
            return None
    return None


def _candidates(lines, problem_at, context_at):
    """The lines that may hold the mistake: the problem's line, then the lines above it back to the context."""
    last = min(problem_at[0], len(lines))
    first = max(1, min(context_at[0], last) if context_at else last - 1)
    return [n for n in range(last, first - 1, -1) if lines[n - 1].strip()]


def _neighbour(lines, number, kind, col):
    """The nearest line above of the same kind whose indentation differs a little from `col`: (line, col, key).

    Looks back past deeper lines (the contents of the items above); stops at
    a line indented less than both, which is the parent of them.
    """
    for k in range(number - 1, 0, -1):
        level = line_level(lines[k - 1])
        if level is None:
            continue
        other_kind, other_col = level
        if other_kind == "key" and kind == "item" and ITEM_LINE.match(lines[k - 1]):  # «- title:» as an item
            other_kind, other_col = "item", len(ITEM_LINE.match(lines[k - 1]).group(1))
        if other_col < col - 3:  # the parent of the line: nothing it lines up with in between
            return None
        if other_kind == kind and other_col != col and abs(other_col - col) <= 3:
            name = KEY_LINE.match(lines[k - 1]).group(2) if kind == "key" else ""
            return k, other_col, name
        if other_kind == kind and other_col == col:
            return None
    return None

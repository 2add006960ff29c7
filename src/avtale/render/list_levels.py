"""Where a list's marker and text stand, per level: one rule that DOCX, PDF and HTML all set.

The layout file's `lists.levels` gives, for level 1 (a list in the text), 2 and 3 (lists inside an item),
the distance from the text's left edge to the marker (bullet, «1.», «a)», «i)») and to the item's text;
the marker hangs in front of the text, and a wrapped line starts under the text. A layout without
`lists.levels` steps by `spacing.list_indent_mm`: marker at (level - 1) steps, text at level steps. A
level deeper than those given moves on by the last level's step. Pure functions, no renderer.
"""

from __future__ import annotations

from avtale.records import Frozen


class Level(Frozen):
    """One level of a list: marker and text, in mm from the text's left edge (the page's left margin)."""

    _fields = ("marker_mm", "text_mm")

    def __init__(self, marker_mm: float, text_mm: float):
        self.__dict__.update(marker_mm=marker_mm, text_mm=text_mm)

    @property
    def hanging_mm(self) -> float:
        """The room the marker hangs in: from the marker to the text."""
        return self.text_mm - self.marker_mm


def levels(layout: dict, depth: int = 3) -> list[Level]:
    """The first `depth` levels (level 1 first) of the layout's list indentation."""
    step = float((layout.get("spacing") or {}).get("list_indent_mm", 8))
    given = [Level(float(lv["marker_mm"]), float(lv["text_mm"]))
             for lv in ((layout.get("lists") or {}).get("levels") or [])]
    if not given:
        given = [Level(step * i, step * (i + 1)) for i in range(depth)]
    out = list(given[:depth])
    while len(out) < depth:
        last = out[-1]
        before = out[-2] if len(out) > 1 else Level(last.marker_mm - last.hanging_mm, last.marker_mm)
        move = last.text_mm - before.text_mm
        out.append(Level(last.marker_mm + move, last.text_mm + move))
    return out


def level(layout: dict, n: int) -> Level:
    """Level `n` (1 for a list in the text)."""
    return levels(layout, max(n, 1))[max(n, 1) - 1]

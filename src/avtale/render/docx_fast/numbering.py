"""numbering.xml, as `docx_numbering.Numbering` writes it: headings, bullets, numbered and nested lists.

Reads the list levels and fonts it is given (from the layout, by the writer); allocates numIds while the
body is written; `xml()` gives the part's bytes (every `w:abstractNum` used, then every `w:num`). The
same ids, nsids and child orders as the python-docx writer's, so a change to one shows in the
differential test (tests/render/test_docx_fast.py).
"""

from __future__ import annotations

from avtale.render.docx_fast.roots import NUMBERING
from avtale.render.docx_fast.xml import DECLARATION, E, el

HEADING_FORMATS = {
    "1.": ("%1.", "%1.%2", "tab"),
    "1": ("%1", "%1.%2", "tab"),
    "§ 1": ("§ %1", "%1.%2", "space"),
}
LIST_FORMATS = {
    "1.": ("decimal", "%1."),
    "1)": ("decimal", "%1)"),
    "a)": ("lowerLetter", "%1)"),
    "i)": ("lowerRoman", "%1)"),
}
BULLET = "bullet"
HEADING_ABSTRACT = 0
BULLET_ABSTRACT = 1
LIST_ABSTRACT = {"1.": 2, "1)": 3, "a)": 4, "i)": 5}
NESTED_ABSTRACT = 6
NSID_BASE = 0xA7A1E000


def num_pr(num_id: int, ilvl: int = 0) -> E:
    element = E("w:numPr")
    element.add("w:ilvl", val=ilvl)
    element.add("w:numId", val=num_id)
    return element


class Numbering:
    """The numbering a document needs (levels and heading indent in twips, the font of markers)."""

    def __init__(self, *, levels: list[tuple[int, int]], heading_indent: int, font: str, bullet: str = "\u2022"):
        self.levels = levels
        self.heading_indent = heading_indent
        self.font = font
        self.bullet = bullet
        self.heading_format: str | None = None
        self._nums: list[tuple[int, int, int | None]] = []
        self._heading_num: int | None = None
        self._bullet_num: int | None = None
        self.heading_depth = 2
        self._shapes: dict[tuple[str, ...], int] = {}

    def headings(self, numbering: str) -> int | None:
        """The numId of the section-heading numbering, or None for "none"."""
        if numbering not in HEADING_FORMATS:
            return None
        if self._heading_num is None:
            self.heading_format = numbering
            self._heading_num = self._next_id()
            self._nums.append((self._heading_num, HEADING_ABSTRACT, None))
        return self._heading_num

    def bullets(self) -> int:
        """The numId shared by every bulleted list."""
        if self._bullet_num is None:
            self._bullet_num = self._next_id()
            self._nums.append((self._bullet_num, BULLET_ABSTRACT, None))
        return self._bullet_num

    def numbered_list(self, style: str) -> int:
        """A new numId for one numbered list; it starts again at 1 (or a)."""
        num_id = self._next_id()
        self._nums.append((num_id, LIST_ABSTRACT[style], 0))
        return num_id

    def nested_list(self, shape: tuple[str, ...], level: int = 0) -> int:
        """A new numId for a list nested `shape` (format by level: a list style or BULLET) that starts
        again at `level`."""
        abstract_id = self._shapes.get(shape)
        if abstract_id is None:
            abstract_id = self._shapes[shape] = NESTED_ABSTRACT + len(self._shapes)
        num_id = self._next_id()
        self._nums.append((num_id, abstract_id, level))
        return num_id

    def _next_id(self) -> int:
        return len(self._nums) + 1

    def xml(self) -> bytes:
        root = E("w:numbering")
        for abstract_id in sorted({a for _, a, _ in self._nums}):
            root.append(self._abstract(abstract_id))
        for num_id, abstract_id, restart in self._nums:
            num = root.add("w:num", numId=num_id)
            num.add("w:abstractNumId", val=abstract_id)
            if restart is not None:
                num.add("w:lvlOverride", ilvl=restart).add("w:startOverride", val=1)
        if not root.kids:
            return (DECLARATION + NUMBERING[:-1] + "/>").encode("utf-8")
        out = [DECLARATION, NUMBERING]
        for kid in root.kids:
            kid.write(out)
        out.append("</w:numbering>")
        return "".join(out).encode("utf-8")

    def _abstract(self, abstract_id: int) -> E:
        element = el("w:abstractNum", abstractNumId=abstract_id)
        element.add("w:nsid", val=f"{NSID_BASE + abstract_id:08X}")
        if abstract_id == HEADING_ABSTRACT:
            first, second, suffix = HEADING_FORMATS[self.heading_format]
            element.add("w:multiLevelType", val="multilevel")
            indent = self.heading_indent if suffix == "tab" else 0
            element.append(self._lvl(0, "decimal", first, indent, style="Heading2", suffix=suffix))
            element.append(self._lvl(1, "decimal", second, indent, style="Heading3", suffix=suffix))
            if self.heading_depth > 2:
                element.append(self._lvl(2, "decimal", "%1.%2.%3", indent, style="Heading4", suffix=suffix))
        elif abstract_id == BULLET_ABSTRACT:
            element.add("w:multiLevelType", val="singleLevel")
            element.append(self._list_lvl(0, "bullet", self.bullet))
        elif abstract_id >= NESTED_ABSTRACT:
            shape = next(s for s, a in self._shapes.items() if a == abstract_id)
            element.add("w:multiLevelType", val="multilevel")
            for ilvl, style in enumerate(shape):
                if style == BULLET:
                    fmt, text = "bullet", self.bullet
                else:
                    fmt, text = LIST_FORMATS[style]
                    text = text.replace("%1", f"%{ilvl + 1}")
                element.append(self._list_lvl(ilvl, fmt, text))
        else:
            style = next(s for s, a in LIST_ABSTRACT.items() if a == abstract_id)
            fmt, text = LIST_FORMATS[style]
            element.add("w:multiLevelType", val="singleLevel")
            element.append(self._list_lvl(0, fmt, text))
        return element

    def _list_lvl(self, ilvl: int, fmt: str, text: str) -> E:
        left, hanging = self.levels[min(ilvl, len(self.levels) - 1)]
        return self._lvl(ilvl, fmt, text, hanging, left=left)

    def _lvl(self, ilvl: int, fmt: str, text: str, indent: int, *, style: str | None = None, suffix: str = "tab",
             left: int | None = None) -> E:
        lvl = el("w:lvl", ilvl=ilvl)
        lvl.add("w:start", val=1)
        lvl.add("w:numFmt", val=fmt)
        if style:
            lvl.add("w:pStyle", val=style)
        lvl.add("w:suff", val=suffix)
        lvl.add("w:lvlText", val=text)
        lvl.add("w:lvlJc", val="left")
        ppr = lvl.add("w:pPr")
        if indent:
            ppr.add("w:ind", left=indent if left is None else left, hanging=indent)
        else:
            ppr.add("w:ind", left=0, firstLine=0)
        lvl.add("w:rPr").add("w:rFonts", ascii=self.font, hAnsi=self.font, cs=self.font, eastAsia=self.font)
        return lvl

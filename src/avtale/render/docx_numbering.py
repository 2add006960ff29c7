"""numbering.xml for the DOCX renderer: real Word numbering, built as XML.

python-docx has no API for numbering definitions, so this module builds them
with its `OxmlElement`/`qn`. It knows nothing about the agreement, only about
three kinds of numbering:

* section headings: one multilevel definition whose level 0 is linked to
  Heading 2 and level 1 to Heading 3 ("1." / "2.1");
* bullets: one single-level bullet definition, shared by every bulleted list;
* numbered lists: one definition per format ("1.", "1)", "a)", "i)") and one `w:num`
  per list, each with a `w:startOverride` so that every list starts at 1 (or a);
* nested lists (a list whose items hold lists): one multilevel definition with
  levels 0-2 for each combination of formats by level (e.g. 1. / a) / i), or
  1. / bullet / i)), and one `w:num` per list. A list inside an item is a level
  of its parent's `w:num` when that level has its format; otherwise it gets a
  `w:num` of its own (starting at its level), as a list of another kind must.
  Each level stands where the layout's `lists.levels` puts it (`render.list_levels`): the paragraph's
  text at the level's text position, the marker hanging in front of it at the marker position.

A list without nested lists keeps its single-level definition, so documents
without nested lists are the same XML as before nesting existed.

Numbers are allocated while the body is built; `write()` fills the numbering
part at the end (all `w:abstractNum` before all `w:num`, as the schema wants).
"""

from __future__ import annotations

from docx.oxml import OxmlElement
from docx.oxml.ns import qn

# heading numbering (agreement.numbering) -> (level 0 text, level 1 text, suffix)
HEADING_FORMATS = {
    "1.": ("%1.", "%1.%2", "tab"),
    "1": ("%1", "%1.%2", "tab"),
    "§ 1": ("§ %1", "%1.%2", "space"),
}

# numbered-list style -> (numFmt, lvlText)
LIST_FORMATS = {
    "1.": ("decimal", "%1."),
    "1)": ("decimal", "%1)"),
    "a)": ("lowerLetter", "%1)"),
    "i)": ("lowerRoman", "%1)"),
}
BULLET = "bullet"  # the format of a bulleted level in a nested list's shape

HEADING_ABSTRACT = 0
BULLET_ABSTRACT = 1
LIST_ABSTRACT = {"1.": 2, "1)": 3, "a)": 4, "i)": 5}
NESTED_ABSTRACT = 6  # the first id of the nested lists' definitions
NSID_BASE = 0xA7A1E000  # fixed, so that the same YAML gives the same bytes


def _el(tag: str, **attrs: str):
    element = OxmlElement(tag)
    for key, value in attrs.items():
        element.set(qn(f"w:{key}"), str(value))
    return element


def _child(parent, tag: str, **attrs: str):
    element = _el(tag, **attrs)
    parent.append(element)
    return element


def num_pr(num_id: int, ilvl: int = 0):
    """A new <w:numPr> (level `ilvl` of `num_id`); append it to a <w:pPr> holding at most a <w:pStyle>."""
    element = _el("w:numPr")
    _child(element, "w:ilvl", val=ilvl)
    _child(element, "w:numId", val=num_id)
    return element


def apply(ppr, num_id: int, ilvl: int = 0) -> None:
    """Give any <w:pPr> (of a paragraph or a style) the numbering `num_id` at level `ilvl`."""
    numpr = ppr.get_or_add_numPr()
    numpr.get_or_add_ilvl().val = ilvl
    numpr.get_or_add_numId().val = num_id


class Numbering:
    """Collects the numbering a document needs; `write()` puts it into numbering.xml.

    `levels` (a list's levels, level 1 first: where its text starts and how far the marker hangs in front
    of it) and `heading_indent` are in twentieths of a point (twips); `font` is the typeface for bullets
    and numbers.
    """

    def __init__(self, *, levels: list[tuple[int, int]], heading_indent: int, font: str, bullet: str = "\u2022"):
        self.levels = levels
        self.heading_indent = heading_indent
        self.font = font
        self.bullet = bullet
        self.heading_format: str | None = None
        self._nums: list[tuple[int, int, int | None]] = []  # (numId, abstractNumId, level that restarts)
        self._heading_num: int | None = None
        self._bullet_num: int | None = None
        self.heading_depth = 2  # 3 when a section has subsections of its own (2.1.1)
        self._shapes: dict[tuple[str, ...], int] = {}  # a nested list's formats by level -> abstractNumId

    # -- allocation -------------------------------------------------------

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

    # -- XML --------------------------------------------------------------

    def write(self, numbering_element) -> None:
        """Replace the contents of a <w:numbering> element with what was allocated."""
        for child in list(numbering_element):
            numbering_element.remove(child)
        used = sorted({a for _, a, _ in self._nums})
        for abstract_id in used:
            numbering_element.append(self._abstract(abstract_id))
        for num_id, abstract_id, restart in self._nums:
            num = _child(numbering_element, "w:num", numId=num_id)
            _child(num, "w:abstractNumId", val=abstract_id)
            if restart is not None:
                override = _child(num, "w:lvlOverride", ilvl=restart)
                _child(override, "w:startOverride", val=1)

    def _abstract(self, abstract_id: int):
        element = _el("w:abstractNum", abstractNumId=abstract_id)
        _child(element, "w:nsid", val=f"{NSID_BASE + abstract_id:08X}")
        if abstract_id == HEADING_ABSTRACT:
            first, second, suffix = HEADING_FORMATS[self.heading_format]
            _child(element, "w:multiLevelType", val="multilevel")
            indent = self.heading_indent if suffix == "tab" else 0
            element.append(self._lvl(0, "decimal", first, indent, style="Heading2", suffix=suffix))
            element.append(self._lvl(1, "decimal", second, indent, style="Heading3", suffix=suffix))
            if self.heading_depth > 2:
                element.append(self._lvl(2, "decimal", "%1.%2.%3", indent, style="Heading4", suffix=suffix))
        elif abstract_id == BULLET_ABSTRACT:
            _child(element, "w:multiLevelType", val="singleLevel")
            element.append(self._list_lvl(0, "bullet", self.bullet))
        elif abstract_id >= NESTED_ABSTRACT:
            shape = next(s for s, a in self._shapes.items() if a == abstract_id)
            _child(element, "w:multiLevelType", val="multilevel")
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
            _child(element, "w:multiLevelType", val="singleLevel")
            element.append(self._list_lvl(0, fmt, text))
        return element

    def _list_lvl(self, ilvl: int, fmt: str, text: str):
        """List level `ilvl` (0 for a list in the text) where the layout puts it."""
        left, hanging = self.levels[min(ilvl, len(self.levels) - 1)]
        return self._lvl(ilvl, fmt, text, hanging, left=left)

    def _lvl(self, ilvl: int, fmt: str, text: str, indent: int, *, style: str | None = None, suffix: str = "tab",
             left: int | None = None):
        # child order follows CT_Lvl: start, numFmt, pStyle, suff, lvlText, lvlJc, pPr, rPr
        lvl = _el("w:lvl", ilvl=ilvl)
        _child(lvl, "w:start", val=1)
        _child(lvl, "w:numFmt", val=fmt)
        if style:
            _child(lvl, "w:pStyle", val=style)
        _child(lvl, "w:suff", val=suffix)
        _child(lvl, "w:lvlText", val=text)
        _child(lvl, "w:lvlJc", val="left")
        ppr = _child(lvl, "w:pPr")
        if indent:
            # the text at `left`; the marker hangs `indent` in front of it, a tab taking the text to `left`
            _child(ppr, "w:ind", left=indent if left is None else left, hanging=indent)
        else:
            _child(ppr, "w:ind", left=0, firstLine=0)
        rpr = _child(lvl, "w:rPr")
        _child(rpr, "w:rFonts", ascii=self.font, hAnsi=self.font, cs=self.font, eastAsia=self.font)
        return lvl

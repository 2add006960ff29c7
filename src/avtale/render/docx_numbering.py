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
part at the end (all `w:abstractNum` before all `w:num`, as the schema wants). The allocation and the XML
are `docx_fast.numbering`'s, the standard-library writer's: one definition for both writers.
"""

from __future__ import annotations

from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import qn

from avtale.render.docx_fast import numbering as plain
from avtale.render.docx_fast.numbering import BULLET  # noqa: F401  (a bulleted level in a nested list's shape)


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


class Numbering(plain.Numbering):
    """Collects the numbering a document needs (`docx_fast.numbering.Numbering`: the same ids, levels and
    XML); `write()` puts it into the python-docx document's numbering part.

    `levels` (a list's levels, level 1 first: where its text starts and how far the marker hangs in front
    of it) and `heading_indent` are in twentieths of a point (twips); `font` is the typeface for bullets
    and numbers.
    """

    def write(self, numbering_element) -> None:
        """Replace the contents of a <w:numbering> element with what was allocated."""
        for child in list(numbering_element):
            numbering_element.remove(child)
        for child in list(parse_xml(self.xml())):
            numbering_element.append(child)

"""A small element tree written out as lxml writes it (what python-docx saves), without lxml.

Reads nothing; `E` holds a tag (with its prefix, `w:p`), attributes in the order they were set, children and
text; `Raw` holds ready XML (a drawing, a watermark shape). `E.xml()` gives the text as lxml serialises it:
`&amp; &lt; &gt;` and `&#13;` in text (a `"` stays), in attributes also `&quot; &#10; &#13; &#9;`; an element
with no children and no text is self-closing, one whose text is '' is not (`<w:t></w:t>`).
A text or attribute lxml would refuse (a control character, U+FFFE/U+FFFF) raises its ValueError.
`insert_ordered`/`get_or_add` put a child where python-docx's schema order puts it (`PPR`, `RPR`, `TCPR`).
"""

from __future__ import annotations

import re

DECLARATION = "<?xml version='1.0' encoding='UTF-8' standalone='yes'?>\n"

# python-docx's child orders (CT_PPr, CT_RPr, CT_TcPr)
PPR = ("w:pStyle", "w:keepNext", "w:keepLines", "w:pageBreakBefore", "w:framePr", "w:widowControl", "w:numPr",
       "w:suppressLineNumbers", "w:pBdr", "w:shd", "w:tabs", "w:suppressAutoHyphens", "w:kinsoku", "w:wordWrap",
       "w:overflowPunct", "w:topLinePunct", "w:autoSpaceDE", "w:autoSpaceDN", "w:bidi", "w:adjustRightInd",
       "w:snapToGrid", "w:spacing", "w:ind", "w:contextualSpacing", "w:mirrorIndents", "w:suppressOverlap", "w:jc",
       "w:textDirection", "w:textAlignment", "w:textboxTightWrap", "w:outlineLvl", "w:divId", "w:cnfStyle",
       "w:rPr", "w:sectPr", "w:pPrChange")
RPR = ("w:rStyle", "w:rFonts", "w:b", "w:bCs", "w:i", "w:iCs", "w:caps", "w:smallCaps", "w:strike", "w:dstrike",
       "w:outline", "w:shadow", "w:emboss", "w:imprint", "w:noProof", "w:snapToGrid", "w:vanish", "w:webHidden",
       "w:color", "w:spacing", "w:w", "w:kern", "w:position", "w:sz", "w:szCs", "w:highlight", "w:u", "w:effect",
       "w:bdr", "w:shd", "w:fitText", "w:vertAlign", "w:rtl", "w:cs", "w:em", "w:lang", "w:eastAsianLayout",
       "w:specVanish", "w:oMath")
TCPR = ("w:cnfStyle", "w:tcW", "w:gridSpan", "w:hMerge", "w:vMerge", "w:tcBorders", "w:shd", "w:noWrap", "w:tcMar",
        "w:textDirection", "w:tcFitText", "w:vAlign", "w:hideMark", "w:headers", "w:cellIns", "w:cellDel",
        "w:cellMerge", "w:tcPrChange")


# what lxml refuses in a text or an attribute (ValueError; a lone surrogate fails when encoded, as in lxml)
REFUSED = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
REFUSAL = "All strings must be XML compatible: Unicode or ASCII, no NULL bytes or control characters"
# anything text() or attr() would change or refuse: without it a value is written as it is
SPECIAL = re.compile('[&<>"\t\n\r\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]')


def text(value: str) -> str:
    """`value` escaped as lxml escapes an element's text (ValueError where lxml refuses it)."""
    if not SPECIAL.search(value):
        return value
    if REFUSED.search(value):
        raise ValueError(REFUSAL)
    if "&" in value:
        value = value.replace("&", "&amp;")
    if "<" in value:
        value = value.replace("<", "&lt;")
    if ">" in value:
        value = value.replace(">", "&gt;")
    if "\r" in value:
        value = value.replace("\r", "&#13;")
    return value


def attr(value: str) -> str:
    """`value` escaped as lxml escapes an attribute's value (ValueError where lxml refuses it)."""
    if not SPECIAL.search(value):
        return value
    value = text(value)
    if '"' in value:
        value = value.replace('"', "&quot;")
    if "\n" in value or "\t" in value:
        value = value.replace("\n", "&#10;").replace("\t", "&#9;")
    return value


class Raw:
    """Ready XML, written as it is."""

    __slots__ = ("xml_text",)
    tag = None

    def __init__(self, xml_text: str):
        self.xml_text = xml_text

    def write(self, out: list) -> None:
        out.append(self.xml_text)

    def copy(self):
        return self


class E:
    """An element: `tag`, `attrs` (name -> value, in the order set), `kids`, `text` (None: no text)."""

    __slots__ = ("tag", "attrs", "kids", "text")

    def __init__(self, tag: str, attrs: dict | None = None, text_value: str | None = None):
        self.tag = tag
        self.attrs = attrs if attrs is not None else {}
        self.kids: list = []
        self.text = text_value

    def add(self, tag: str, **attrs) -> "E":
        """A new child `tag` (its `w:` attributes from `attrs`, in order) at the end."""
        child = E(tag, {f"w:{k}": str(v) for k, v in attrs.items()})
        self.kids.append(child)
        return child

    def append(self, child) -> None:
        self.kids.append(child)

    def find(self, tag: str):
        for kid in self.kids:
            if kid.tag == tag:
                return kid
        return None

    def remove(self, child) -> None:
        self.kids.remove(child)

    def insert_ordered(self, child, order: tuple) -> None:
        """Insert `child` before the first child that comes after it in `order` (else at the end)."""
        later = order[order.index(child.tag) + 1:]
        for i, kid in enumerate(self.kids):
            if kid.tag in later:
                self.kids.insert(i, child)
                return
        self.kids.append(child)

    def get_or_add(self, tag: str, order: tuple) -> "E":
        found = self.find(tag)
        if found is None:
            found = E(tag)
            self.insert_ordered(found, order)
        return found

    def ppr(self) -> "E":
        """The paragraph's `w:pPr`, made as its first child where missing."""
        if self.kids and self.kids[0].tag == "w:pPr":
            return self.kids[0]
        ppr = E("w:pPr")
        self.kids.insert(0, ppr)
        return ppr

    def copy(self) -> "E":
        twin = E(self.tag, dict(self.attrs), self.text)
        twin.kids = [kid.copy() for kid in self.kids]
        return twin

    def iter(self, tag: str):
        """Every element `tag` in this element and below, in document order."""
        if self.tag == tag:
            yield self
        for kid in self.kids:
            if isinstance(kid, E):
                yield from kid.iter(tag)

    def write(self, out: list) -> None:
        out.append("<" + self.tag)
        for key, value in self.attrs.items():
            out.append(f' {key}="{attr(value)}"')
        if not self.kids and self.text is None:
            out.append("/>")
            return
        out.append(">")
        if self.text:
            out.append(text(self.text))
        for kid in self.kids:
            kid.write(out)
        out.append(f"</{self.tag}>")

    def xml(self) -> str:
        out: list = []
        self.write(out)
        return "".join(out)


def el(tag: str, **attrs) -> E:
    """A new element `tag` with `w:` attributes from `attrs`."""
    return E(tag, {f"w:{k}": str(v) for k, v in attrs.items()})


def run_text(value: str) -> E:
    """A `w:t` holding `value`, marked xml:space="preserve" where it starts or ends in white space."""
    t = E("w:t", None, value)
    if len(value.strip()) < len(value):
        t.attrs["xml:space"] = "preserve"
    return t

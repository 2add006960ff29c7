"""How wide text is set, without the font: the widths of Arial's glyphs (Liberation Sans, metric-compatible).

Reads: nothing. Writes: nothing. Used where a reader knows where a run of text starts but not where it
ends (pypdf gives a run's position, not its width): `width(text)` is in thousandths of an em, and a
font's own mean glyph width scales it (`scale`), so a serif or a wide font is measured as it is set.
Characters not in the table count as the mean of lower-case letters.
"""

from __future__ import annotations

_TABLE = {
    191: "'",
    222: "ijl’‘",
    278: " !,./:;I[\\]ft",
    333: "()-`r“”·{}|",
    350: "•",
    355: '"',
    389: "*",
    400: "°",
    469: "^",
    500: "Jcksvxyz",
    556: "#$0123456789?L_abdeghnopquåéèüöä«»–§",
    584: "+<=>~",
    611: "FTZø",
    667: "&ABEKPSVXYÅÉÄ",
    722: "CDHNRUwÜ",
    778: "GOQØÖ",
    833: "Mm½",
    889: "%æ",
    944: "W",
    1000: "Æ—…",
    1015: "@",
}
WIDTHS = {c: w for w, chars in _TABLE.items() for c in chars}
OTHER = 520  # about the mean of the lower-case letters


def width(text: str) -> float:
    """The width of `text` set in Arial, in thousandths of an em."""
    return float(sum(WIDTHS.get(c, OTHER) for c in text))


def scale(chars: set[str], font_mean: float | None) -> float:
    """How much wider than Arial a font sets text: its mean glyph width (thousandths of an em, over the
    glyphs of a subset font, which are the glyphs the document uses) over Arial's mean for those glyphs."""
    if not font_mean or not chars:
        return 1.0
    arial = sum(WIDTHS.get(c, OTHER) for c in chars) / len(chars)
    return min(1.6, max(0.7, font_mean / arial))

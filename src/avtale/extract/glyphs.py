"""How wide text is set, without the font: the widths of Arial's glyphs (Liberation Sans, metric-compatible).

Reads: nothing. Writes: nothing. Used where a reader knows where a run of text starts but not where it
ends (pypdf gives a run's position, not its width): `width(text)` is in thousandths of an em, and a
font's own mean glyph width scales it (`scale`), so a serif or a wide font is measured as it is set.
Characters not in the table count as the mean of lower-case letters. Where the font's own widths are at
hand, `Spans` measures what a page set exactly.
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


class Spans:
    """Where each text-showing operator of a page set its glyphs, from the font's own widths: a list of
    (y, x start, x end) in page space. Fed by pypdf's `visitor_operand_before`; counts the glyph widths
    (/Widths of a simple font, /W of a CID font with two-byte codes), the offsets inside a TJ array
    (a justified line's word spacing, kerning), and the character, word and horizontal scaling. Where a
    font says nothing of its widths no span is recorded (the caller falls back on `width`)."""

    def __init__(self, page) -> None:
        self.spans: list[tuple[float, float, float]] = []
        self._fonts = ((page.get("/Resources") or {}).get("/Font") or {})
        self._widths: dict | None = None
        self._two_bytes = False
        self._size = self._tc = self._tw = 0.0
        self._th = 1.0
        self._pen = 0.0  # how far the glyphs shown since the last positioning moved the pen (text space)

    def _font(self, name) -> None:
        self._widths, self._two_bytes = None, False
        try:
            font = self._fonts[name].get_object()
            if "/DescendantFonts" in font:
                if str(font.get("/Encoding")) not in ("/Identity-H", "/Identity-V"):
                    return
                cid = font["/DescendantFonts"][0].get_object()
                widths: dict[int, float] = {}
                items = [i.get_object() for i in cid.get("/W", [])]
                k = 0
                while k < len(items):
                    if k + 1 < len(items) and isinstance(items[k + 1], list):
                        widths.update((int(items[k]) + n, float(w)) for n, w in enumerate(items[k + 1]))
                        k += 2
                    else:
                        widths.update((c, float(items[k + 2])) for c in range(int(items[k]), int(items[k + 1]) + 1))
                        k += 3
                self._widths, self._two_bytes = {"default": float(cid.get("/DW", 1000)), **widths}, True
            elif "/Widths" in font:
                first = int(font.get("/FirstChar", 0))
                missing = float((font.get("/FontDescriptor") or {}).get("/MissingWidth", 0) or 0)
                self._widths = {"default": missing, **{first + n: float(w) for n, w in enumerate(font["/Widths"])}}
        except (AttributeError, KeyError, TypeError, ValueError, IndexError):
            self._widths = None

    def _advance(self, data: bytes) -> float:
        assert self._widths is not None
        codes = ([int.from_bytes(data[k:k + 2], "big") for k in range(0, len(data) - 1, 2)] if self._two_bytes
                 else list(data))
        total = 0.0
        for code in codes:
            total += self._widths.get(code, self._widths["default"]) / 1000 * self._size + self._tc
            if code == 32 and not self._two_bytes:
                total += self._tw
        return total * self._th

    def visit(self, op: bytes, args, cm, tm) -> None:
        """pypdf's `visitor_operand_before`."""
        try:
            if op in (b"BT", b"Td", b"TD", b"Tm", b"T*", b"'", b'"'):
                self._pen = 0.0  # a new line: the pen is back at the line matrix pypdf gives
            elif op == b"Tf" and len(args) >= 2:
                self._font(args[0])
                self._size = float(args[1])
            elif op == b"Tc" and args:
                self._tc = float(args[0])
            elif op == b"Tw" and args:
                self._tw = float(args[0])
            elif op == b"Tz" and args:
                self._th = float(args[0]) / 100
            elif op in (b"Tj", b"TJ") and args and self._widths is not None:
                start = self._pen
                items = args[0] if op == b"TJ" else [args[0]]
                for item in items:
                    if isinstance(item, (bytes, str)):
                        data = item if isinstance(item, bytes) else item.original_bytes
                        self._pen += self._advance(data)
                    else:
                        self._pen -= float(item) / 1000 * self._size * self._th
                self._record(start, self._pen, cm, tm)
        except (AttributeError, KeyError, TypeError, ValueError, IndexError):
            return

    def _record(self, a: float, b: float, cm, tm) -> None:
        def point(d: float) -> tuple[float, float]:
            x, y = d * tm[0] + tm[4], d * tm[1] + tm[5]
            return x * cm[0] + y * cm[2] + cm[4], x * cm[1] + y * cm[3] + cm[5]
        (x0, y0), (x1, _) = point(a), point(b)
        self.spans.append((round(y0, 1), x0, x1))

    def end(self, y: float, x: float, until: float) -> float | None:
        """Where the text set from `x` on the baseline `y` ends, up to the next run's start `until`."""
        ends = [b for (sy, a, b) in self.spans if abs(sy - y) < 1.0 and x - 0.5 <= a < until - 0.5]
        return max(ends) if ends else None

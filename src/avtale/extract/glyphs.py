"""How wide text is set, without the font: the widths of Arial's glyphs (Liberation Sans, metric-compatible).

Reads: nothing. Writes: nothing. Used where a reader knows where a run of text starts but not where it
ends (pypdf gives a run's position, not its width): `width(text)` is in thousandths of an em, and a
font's own mean glyph width scales it (`scale`), so a serif or a wide font is measured as it is set.
Characters not in the table count as the mean of lower-case letters. Where the font's own widths are at
hand, `Spans` measures what a page set exactly.
"""

from __future__ import annotations

import bisect

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

    def __init__(self, page, cache: dict | None = None) -> None:
        self.spans: list[tuple[float, float, float]] = []
        self._fonts = ((page.get("/Resources") or {}).get("/Font") or {})
        self._cache = {} if cache is None else cache  # a font's widths, by the font object (shared by pages)
        self._widths: dict | None = None
        self._two_bytes = False
        self._size = self._tc = self._tw = 0.0
        self._th = 1.0
        self._pen = 0.0  # how far the glyphs shown since the last positioning moved the pen (text space)

    def _font(self, name) -> None:
        self._widths, self._two_bytes = None, False
        try:
            font = self._fonts[name].get_object()
        except (AttributeError, KeyError, TypeError, ValueError, IndexError):
            return
        key = id(font)
        if key not in self._cache:
            self._cache[key] = (font, *_widths(font))  # (the font is kept: an id is unique only while it lives)
        _, self._widths, self._two_bytes = self._cache[key]

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

    def index(self) -> SpanIndex:
        return SpanIndex(self.spans)


CODES = 65536  # a font's codes are one or two bytes


def _widths(font) -> tuple[dict | None, bool]:
    """A font's glyph widths by code (with a «default»), and whether its codes are two bytes; None where the
    font says nothing of its widths, or lists more codes than there are (`CODES`, twice over)."""
    try:
        if "/DescendantFonts" in font:
            if str(font.get("/Encoding")) not in ("/Identity-H", "/Identity-V"):
                return None, False
            cid = font["/DescendantFonts"][0].get_object()
            items = [i.get_object() for i in cid.get("/W", [])]
            ranges: list[tuple[int, list[float] | None, int, float]] = []  # (first, widths) or (first, None, last, w)
            k = total = 0
            while k < len(items):
                if k + 1 < len(items) and isinstance(items[k + 1], list):
                    ranges.append((int(items[k]), [float(w) for w in items[k + 1]], 0, 0.0))
                    total += len(items[k + 1])
                    k += 2
                else:
                    first, last = int(items[k]), int(items[k + 1])
                    ranges.append((first, None, last, float(items[k + 2])))
                    total += max(0, min(last, CODES - 1) - max(first, 0) + 1)
                    k += 3
                if total > 2 * CODES:
                    return None, False
            widths: dict[int, float] = {}
            for first, listed, last, width in ranges:
                if listed is not None:
                    widths.update((first + n, w) for n, w in enumerate(listed))
                else:
                    widths.update((c, width) for c in range(max(first, 0), min(last, CODES - 1) + 1))
            return {"default": float(cid.get("/DW", 1000)), **widths}, True
        if "/Widths" in font:
            first = int(font.get("/FirstChar", 0))
            missing = float((font.get("/FontDescriptor") or {}).get("/MissingWidth", 0) or 0)
            return {"default": missing, **{first + n: float(w) for n, w in enumerate(font["/Widths"])}}, False
    except (AttributeError, KeyError, TypeError, ValueError, IndexError):
        pass
    return None, False


class SpanIndex:
    """`Spans` looked up by baseline and start: where the text set from x on a baseline ends, in log time.

    Spans are grouped by their baseline (rounded to a tenth, as the runs' are) and sorted by start; a sparse
    table of maxima answers «the furthest end of the spans starting in [a, b)» at once, so a line of many runs
    costs n log n, not n²."""

    def __init__(self, spans: list[tuple[float, float, float]]) -> None:
        by: dict[float, list[tuple[float, float]]] = {}
        for sy, a, b in spans:
            if a == a and b == b and sy == sy:  # NaN never matched a query
                by.setdefault(sy, []).append((a, b))
        self._keys = sorted(by)
        self._rows: dict[float, tuple[list[float], list[list[float]]]] = {}
        for sy, items in by.items():
            items.sort(key=lambda ab: ab[0])
            table = [[b for _, b in items]]  # table[j][i]: the largest end of items i .. i + 2**j - 1
            step = 1
            while 2 * step <= len(items):
                prev = table[-1]
                table.append([max(p, q) for p, q in zip(prev, prev[step:])])
                step *= 2
            self._rows[sy] = ([a for a, _ in items], table)

    def end(self, y: float, x: float, until: float) -> float | None:
        """Where the text set from `x` on the baseline `y` ends, up to the next run's start `until`: the furthest
        end of the spans within 1 of the baseline that start in [x - 0.5, until - 0.5)."""
        if x != x or y != y:
            return None
        best = None
        for sy in self._keys[bisect.bisect_right(self._keys, y - 1.0):bisect.bisect_left(self._keys, y + 1.0)]:
            if abs(sy - y) >= 1.0:
                continue
            starts, table = self._rows[sy]
            i, j = bisect.bisect_left(starts, x - 0.5), bisect.bisect_left(starts, until - 0.5)
            if i < j:
                level = (j - i).bit_length() - 1
                most = max(table[level][i], table[level][j - (1 << level)])
                best = most if best is None else max(best, most)
        return best

"""Read stage helper for PDFs: marked content that says what its glyphs stand for.

Reads: the operators pypdf visits on a page (`visitor_operand_before`) and the text it hands on
(`visitor_text`). Writes: the text to read for a run of glyphs, where a marked-content span's
/ActualText (PDF 32000 14.9.4) gives one: Typst marks a division's hyphen at a line end
`/Span<</ActualText<FEFF00AD>>>BDC … Tj EMC`, a soft hyphen, where pypdf shows only «-»
(poppler's pdftotext honours it). Used by `pdf_rows.page_rows`.
"""

from __future__ import annotations


class ActualText:
    """A marked span's /ActualText (PDF 32000 14.9.4) stands for the glyphs shown inside it: a typesetter's
    hyphen at a line end marked U+00AD (Typst: `/Span<</ActualText<FEFF00AD>>>BDC`) is a soft hyphen, a
    division, not the hyphen of a compound. pypdf shows the glyphs, and hands them on later than the operators
    that mark them; so the places where such a span shows its glyphs are kept, and a run of one or two glyphs
    shown at one of them reads as the span's text."""

    def __init__(self) -> None:
        self._stack: list[str | None] = []  # per open marked-content span: its ActualText, or None
        self._at: dict[tuple[int, int], str] = {}  # where a span with an ActualText shows its glyphs

    def visit(self, op: bytes, args, cm, tm) -> None:
        """pypdf's `visitor_operand_before`: open and close marked-content spans, keep where they show text."""
        if op in (b"BDC", b"BMC"):
            props = args[1] if op == b"BDC" and len(args) > 1 else None
            try:
                value = props.get_object().get("/ActualText") if props is not None else None
            except (AttributeError, TypeError):
                value = None
            self._stack.append(_pdf_string(value) if value is not None else None)
        elif op == b"EMC" and self._stack:
            self._stack.pop()
        elif op in (b"Tj", b"TJ") and self._stack and self._stack[-1] is not None:
            self._at[_place(cm, tm)] = self._stack[-1]

    def text(self, shown: str, cm, tm) -> str:
        """The text to read for glyphs shown at `tm` under `cm`."""
        value = self._at.get(_place(cm, tm)) if 0 < len(shown.strip()) <= 2 else None
        return shown if value is None else value + ("\n" if shown.endswith("\n") else "")


def _place(cm, tm) -> tuple[int, int]:
    return (round(tm[4] * cm[0] + tm[5] * cm[2] + cm[4]), round(tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))


def _pdf_string(value) -> str:
    """A PDF text string: UTF-16 after its byte-order mark, else PDFDocEncoding (as Latin-1, near enough)."""
    if isinstance(value, str):
        return value
    raw = bytes(value)
    return raw[2:].decode("utf-16-be", "replace") if raw.startswith(b"\xfe\xff") else raw.decode("latin-1")

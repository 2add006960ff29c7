"""python-docx's lengths, for values written as it writes them: EMU from mm and pt (truncated), twips of EMU
(rounded), half-points of a font size (truncated). Reads and writes nothing."""

from __future__ import annotations


def mm(value: float) -> int:
    """docx.shared.Mm: EMU."""
    return int(value * 36000)


def pt(value: float) -> int:
    """docx.shared.Pt: EMU."""
    return int(value * 12700)


def tw(emu: int) -> int:
    """Length.twips: EMU in twentieths of a point, as python-docx writes w:spacing, w:pgMar, w:tab …"""
    return int(round(emu / 635.0))


def half_points(emu: int) -> int:
    """ST_HpsMeasure: a font size (`run.font.size`) in half-points."""
    return int(emu / 12700.0 * 2)


def twips(value_mm: float) -> int:
    """docx_frame.twips: millimetres in whole twips."""
    return round(value_mm * 1440 / 25.4)

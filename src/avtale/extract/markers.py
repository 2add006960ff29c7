"""What a paragraph starts with: a bullet, a list number, a section or subsection number, or nothing.

Reads: one line or paragraph text. Writes: a `Marker` (kind, number, style, the text after it).
A number followed by a month name is a date («31. desember 2025», «1. mars hvert år»), never a marker.
A bullet is any of the characters offices draw lists with (`BULLET_CHARS`): the usual dots, dashes and squares,
and the arrows, ticks, diamonds and boxes typed or picked from Wingdings («►», «➢», «✓», «❖», «□», «→»:
`TYPED_BULLETS`), each followed by a space or a tab before the item; none of them starts a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from avtale.dates import MONTHS

MONTH_AFTER = re.compile(r"^(?:" + "|".join(MONTHS) + r")\b", re.IGNORECASE)
# Arrows, ticks, diamonds and boxes an office types or picks from Wingdings as bullets (a PDF that embeds the font
# keeps the character): «► bidra med midler», «✓ oppfølging», «❖ …».
TYPED_BULLETS = "►▸▶➢➤✓✔◆♦❖□→"
_DRAWN = "·•‧∙◦▪■●○–—*" + TYPED_BULLETS  # without «-», which a character class must hold last
BULLET_CHARS = _DRAWN + "-"  # what a bullet can be drawn with, alone on a line or before an item
# Bullets set in the Symbol or Wingdings font come out of PDFs as private-use code points.
SYMBOL_BULLETS = "\uf0b7\uf0a7\uf0a8\uf076\uf0d8\uf0fc\uf06c\uf06e\uf0a1"
# A sentence's (or a lead-in's) end at the end of a text.
TERMINAL = re.compile(r"[.!?:;]['»\")]*$")
# A list label or heading number alone («1.», «§ 2», «2.1», «a)», «•», «o», a Symbol-font bullet): exporters
# set a list's labels and a heading's number apart from their text.
LONE_LABEL = re.compile(r"^(?:§\s*\d{1,3}\.?|\d{1,2}(?:\.\d{1,2})*[.)]?|\(?[a-zæøå]\)|[" + _DRAWN
                        + r"o\uf000-\uf0ff-])$")
BULLET = re.compile(r"^\s*([" + _DRAWN + SYMBOL_BULLETS + r"-]|o(?=[\t ]))[\s\u00a0]+(\S.*)$", re.DOTALL)
SECTION_PARA = re.compile(r"^\s*§\s*(\d{1,3})\s*\.?[\s\u00a0]+(\S.*)$", re.DOTALL)
SUBSECTION = re.compile(r"^\s*(\d{1,2})\.(\d{1,2})\.?[\s\u00a0]+(\S.*)$", re.DOTALL)
# «10.eit godt …»: a two-digit label fills the tab after it and pdftotext leaves no space (only before lower case:
# «2.Formål» is no label but a typo, and «1.5» a number)
NUMBER_DOT = re.compile(r"^\s*(\d{1,2})([.)])(?:[\s\u00a0]+|(?=[a-zæøå]))(\S.*)$", re.DOTALL)
NUMBER_BARE = re.compile(r"^\s*(\d{1,2})[\s\u00a0]+([A-ZÆØÅ«\"].*)$", re.DOTALL)
LETTER = re.compile(r"^\s*\(?([a-zæøå])\)[\s\u00a0]+(\S.*)$", re.DOTALL)
DASHES = "–—-"


@dataclass(frozen=True)
class Marker:
    kind: str  # bullet, number, letter, section, subsection, bare, none
    text: str
    number: int = 0
    sub: int = 0
    style: str = ""  # "1." or "1)" for numbers, "a)" for letters, the bullet character for bullets


def marker(text: str) -> Marker:
    m = SECTION_PARA.match(text)
    if m:
        return Marker("section", m.group(2).strip(), int(m.group(1)), style="§ 1")
    m = SUBSECTION.match(text)
    if m and not MONTH_AFTER.match(m.group(3)):
        return Marker("subsection", m.group(3).strip(), int(m.group(1)), int(m.group(2)))
    m = NUMBER_DOT.match(text)
    if m and not MONTH_AFTER.match(m.group(3)):
        return Marker("number", m.group(3).strip(), int(m.group(1)), style="1" + m.group(2))
    m = LETTER.match(text)
    if m:
        return Marker("letter", m.group(2).strip(), ord(m.group(1)) - ord("a") + 1, style="a)")
    m = BULLET.match(text)
    if m:
        return Marker("bullet", m.group(2).strip(), style=m.group(1))
    m = NUMBER_BARE.match(text)
    if m:
        return Marker("bare", m.group(2).strip(), int(m.group(1)), style="1")
    return Marker("none", text.strip())


def starts_structure(text: str) -> bool:
    """A line that opens a new paragraph whatever came before (bare numbers excluded: «2 000 kroner»)."""
    return marker(text).kind not in ("none", "bare")

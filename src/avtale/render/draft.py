"""The draft mark every format shares: the word («UTKAST») a draft carries on its pages and before its title.

A draft (`status: draft`) whose signature block is filled in looks like the signed agreement; the mark says it
is not. The word, its style (`header`: the word in every page's header; `watermark`: a large diagonal word behind
the text) and its look come from the layout's `draft` section; a signed agreement never carries it.
"""

from __future__ import annotations

import math
import re

from avtale.model import Agreement

MARK = "UTKAST"  # where the layout names no word
STYLES = ("header", "watermark")
SEPARATOR = " – "  # between the mark and the title in the title metadata: «UTKAST – Avtale om …»
DEFAULTS = {"header_size_pt": 12, "header_colour": "#B00000", "watermark_size_pt": 110, "watermark_colour": "#D9D9D9"}


def settings(layout: dict | None) -> dict:
    """The layout's `draft` section with every key filled in (an older layout file has none)."""
    section = (layout or {}).get("draft") or {}
    out = {**DEFAULTS, **section}
    if out.get("style") not in STYLES:
        out["style"] = "header"
    for key in ("header_colour", "watermark_colour"):  # «#RRGGBB» only: it goes into CSS, Typst and Word's XML
        if not re.fullmatch(r"#[0-9A-Fa-f]{6}", str(out[key])):
            out[key] = DEFAULTS[key]
    for key in ("header_size_pt", "watermark_size_pt"):
        if not isinstance(out[key], (int, float)) or isinstance(out[key], bool) or not 4 <= out[key] <= 400:
            out[key] = DEFAULTS[key]
    return out


def angle(layout: dict | None) -> float:
    """The watermark's turn, in degrees anticlockwise: along the page's diagonal (55° on A4)."""
    page = (layout or {}).get("page") or {}
    return round(math.degrees(math.atan2(page.get("height_mm", 297), page.get("width_mm", 210))), 1)


def mark(agreement: Agreement, layout: dict | None) -> str:
    """«UTKAST» (the layout's word in the agreement's language) for a draft, '' for a signed agreement."""
    if agreement.status != "draft":
        return ""
    section = settings(layout)
    word = section.get(f"mark_{agreement.language}") or section.get("mark_nb") or MARK
    return str(word).strip()


def style(layout: dict | None) -> str:
    """`header` or `watermark`."""
    return settings(layout)["style"]


def title(agreement: Agreement, layout: dict | None, text: str | None = None) -> str:
    """The title as the document's metadata carries it: «UTKAST – Avtale om …» for a draft, else the title."""
    text = agreement.title if text is None else text
    word = mark(agreement, layout)
    return f"{word}{SEPARATOR}{text}" if word else text


def marks(layout: dict | None) -> set[str]:
    """Every word the layout marks a draft with (for the readers): «UTKAST», in both languages."""
    section = settings(layout)
    return {str(section.get(k) or MARK).strip() for k in ("mark_nb", "mark_nn")} | {MARK}


def css_string(word: str) -> str:
    """The word as the inside of a CSS string (the printed page's header): every character but letters, digits,
    spaces and dashes escaped, so nothing in the layout's word can end the string or the style sheet."""
    return "".join(c if c.isalnum() or c in " -–" else f"\\{ord(c):x} " for c in word)

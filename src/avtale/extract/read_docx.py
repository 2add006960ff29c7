"""Read stage for Word files (python-docx): styles, numbering definitions, tables.

Reads: a .docx file. Writes: one `Line` per paragraph (table rows become lines whose
cells are separated by tabs), numbered by paragraph order, with hints from styles:
`title` (style Title, or a top-level heading used once before everything else),
`heading` (the next heading level), `subheading` (the level below), and `para` for
everything else so that unwrap never joins Word paragraphs. Automatic numbers and
bullets come from the numbering definitions and are written out as text
(«1. », «a) », «• »), so recognise sees what a reader of the page sees.
Headers and footers are left out (page numbers live there).
"""

from __future__ import annotations

import io
import re
import zipfile
from pathlib import Path

from avtale.errors import ExtractError, Position
from avtale.extract.lines import Line, Notes
from avtale.extract.read_text import MAX_BYTES, read_bytes

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _numbering(document) -> dict[tuple[str, str], tuple[str, str, int]]:
    """(numId, ilvl) -> (numFmt, lvlText, start)."""
    try:
        root = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return {}
    abstract = {}
    for an in root.findall(f"{W}abstractNum"):
        levels = {}
        for lvl in an.findall(f"{W}lvl"):
            fmt = lvl.find(f"{W}numFmt")
            text = lvl.find(f"{W}lvlText")
            start = lvl.find(f"{W}start")
            levels[lvl.get(f"{W}ilvl")] = (
                fmt.get(f"{W}val") if fmt is not None else "decimal",
                text.get(f"{W}val") if text is not None else "%1.",
                int(start.get(f"{W}val")) if start is not None else 1,
            )
        abstract[an.get(f"{W}abstractNumId")] = levels
    out = {}
    for num in root.findall(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        for ilvl, spec in abstract.get(ref.get(f"{W}val") if ref is not None else "", {}).items():
            out[(num.get(f"{W}numId"), ilvl)] = spec
    return out


def _num_pr(paragraph) -> tuple[str, str] | None:
    """The paragraph's (numId, ilvl), from the paragraph or its style chain."""
    style = paragraph.style
    for ppr in [paragraph._p.pPr] + [s.element.pPr for s in _styles(style)]:
        if ppr is None:
            continue
        numpr = ppr.find(f"{W}numPr")
        if numpr is not None:
            num_id = numpr.find(f"{W}numId")
            ilvl = numpr.find(f"{W}ilvl")
            if num_id is not None and num_id.get(f"{W}val") != "0":
                return num_id.get(f"{W}val"), ilvl.get(f"{W}val") if ilvl is not None else "0"
    return None


def _styles(style):
    while style is not None:
        yield style
        style = style.base_style


def _label(fmt: str, text: str, n: int) -> str:
    if fmt == "bullet":
        return "•"
    if fmt in ("lowerLetter", "upperLetter"):
        value = chr(ord("a") + (n - 1) % 26)
    else:
        value = str(n)
    return re.sub(r"%\d", value, text).strip() or value


def _heading_level(paragraph) -> int | None:
    for s in _styles(paragraph.style):
        m = re.fullmatch(r"(?i)heading (\d)", s.name or "")
        if m:
            return int(m.group(1))
        if (s.name or "").lower() == "title":
            return 0
    return None


def read(path: Path | str, notes: Notes) -> list[Line]:
    import docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    raw = read_bytes(path, 4 * MAX_BYTES)
    try:
        document = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise ExtractError(f"not a readable Word file: {type(exc).__name__}", Position(path)) from None
    except Exception as exc:  # python-docx raises assorted errors on broken packages
        raise ExtractError(f"not a readable Word file: {type(exc).__name__}: {str(exc)[:60]}", Position(path)) from None
    numbering = _numbering(document)
    counters: dict[tuple[str, str], int] = {}
    items: list[tuple[str, int | None, str]] = []  # (text, heading level, kind)
    for element in document.element.body.iterchildren():
        if element.tag == f"{W}p":
            p = Paragraph(element, document)
            text = p.text.replace("\u00a0", " ").replace("\u00ad", "")
            level = _heading_level(p)
            num = _num_pr(p)
            if num and num in numbering and text.strip():
                fmt, lvl_text, start = numbering[num]
                for key in [k for k in counters if k[0] == num[0] and int(k[1]) > int(num[1])]:
                    del counters[key]  # a deeper level starts again under a new item
                counters[num] = counters.get(num, start - 1) + 1
                text = f"{_label(fmt, lvl_text, counters[num])} {text.strip()}"
            items.append((text, level, "p"))
        elif element.tag == f"{W}tbl":
            for row in Table(element, document).rows:
                cells = []
                for cell in row.cells:
                    if cell not in cells:
                        cells.append(cell)
                columns = [[p.text.strip() for p in c.paragraphs if p.text.strip()] for c in cells]
                for k in range(max((len(c) for c in columns), default=0)):
                    items.append(("\t".join(c[k] if k < len(c) else "" for c in columns), None, "row"))
    return _lines(items)


def _lines(items: list[tuple[str, int | None, str]]) -> list[Line]:
    levels = [lv for text, lv, _ in items if lv is not None and text.strip()]
    title_level = None
    first = next(((t, lv) for t, lv, k in items if t.strip() and k == "p"), None)
    if first and first[1] is not None and (first[1] == 0 or levels.count(first[1]) == 1):
        title_level = first[1]
    rest = sorted({lv for lv in levels if lv != title_level})
    section_level = rest[0] if rest else None
    sub_level = rest[1] if len(rest) > 1 else None
    out = []
    for no, (text, level, kind) in enumerate(items, start=1):
        hint = "para"
        if kind == "row":
            hint = None
        elif level is not None and level == title_level:
            hint = "title"
        elif level is not None and level == section_level:
            hint = "heading"
        elif level is not None and level == sub_level:
            hint = "subheading"
        out.append(Line(no, text, hint=hint if text.strip() else None))
    return out

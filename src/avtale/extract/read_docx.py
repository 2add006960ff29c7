"""Read stage for Word files (python-docx): styles, numbering definitions, tables.

Reads: a .docx file. Writes: one `Line` per paragraph (table rows become lines whose
cells are separated by tabs), numbered by paragraph order, with hints from styles:
`title` (style Title, or a top-level heading used once before everything else but a
letterhead of organisation names),
`heading` (the next heading level), `subheading` (the level below), and `para` for
everything else so that unwrap never joins Word paragraphs; a paragraph Word numbers as a list item (not in a
heading style) is `numbered` or `bullet` where the document's sections are in heading styles: there a list item
«3. Kompetanse i tjenestene, særlig» is no section heading, whatever its words. Automatic numbers and
bullets come from the numbering definitions and are written out as text
(«1. », «a) », «• »), so recognise sees what a reader of the page sees.
Headers and footers are left out (page numbers live there), but a draft's mark there («UTKAST» as the header's
text or Word's watermark, `draft_mark.docx_headers`) makes the source a draft. A third heading level gives `subsubheading`.

What Word holds for certain travels as each line's payload (`rich`, see `extract.rich`), the text staying as
it was: bold, italic, hyperlinks and footnotes (`docx_runs`); a table of the text (not a letterhead or a
signature table) as one line with the hint `table` (`docx_tables`); list levels under a list item as that
item's nested items, the nested paragraphs not lines of their own; annex headings after the signature
block («Vedlegg 1: …») as lines with the hint `annex` (`docx_structure`).

Bounded: `docx_guard` checks the archive before python-docx opens it; absurd
numbering (junk or huge start values, thousands of levels, a numId that does not
exist, list styles linking to each other) and styles based on each other in a loop
get a sane reading; table rows are read cell by cell as written, whatever their
declared spans (a row of more than MAX_COLUMNS cells one cell after another); more paragraphs than
`guard.check_lines` allows are refused. A list's counters are kept by list, so a document of many lists
costs no more for each.
"""

from __future__ import annotations

import io
import re
from pathlib import Path

from avtale.errors import ExtractError, Position
from avtale.extract import docx_guard, guard
from avtale.extract.lines import Line, Notes
from avtale.i18n import _

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
LEVELS = 9  # Word's list levels 0-8; others are ignored
MAX_START = 10**6
MAX_LABEL = 40  # a level text longer than this is not a list label
MAX_CHAIN = 16  # styles based on styles, and list styles linked to lists, followed this far
MAX_COLUMNS = 64  # cells in a row read as columns side by side (more would make rows of their product)


def _int(value, default: int, low: int, high: int) -> int:
    """A whole number from an attribute, clamped to [low, high]; junk gives the default."""
    text = str(value or "").strip()
    if not re.fullmatch(r"-?\d{1,12}", text):
        return default
    return min(high, max(low, int(text)))


def _levels(an) -> dict[int, tuple[str, str, int]]:
    levels = {}
    for lvl in an.findall(f"{W}lvl"):
        ilvl = _int(lvl.get(f"{W}ilvl"), -1, -1, LEVELS)
        if not 0 <= ilvl < LEVELS or ilvl in levels:
            continue
        fmt = lvl.find(f"{W}numFmt")
        text = lvl.find(f"{W}lvlText")
        start = lvl.find(f"{W}start")
        lvl_text = text.get(f"{W}val") if text is not None else None
        levels[ilvl] = (
            (fmt.get(f"{W}val") if fmt is not None else None) or "decimal",
            lvl_text if lvl_text is not None and len(lvl_text) <= MAX_LABEL else "%1.",
            _int(start.get(f"{W}val"), 1, 0, MAX_START) if start is not None else 1,
        )
    return levels


def _numbering(document) -> dict[tuple[str, int], tuple[str, str, int]]:
    """(numId, ilvl) -> (numFmt, lvlText, start).

    A list that takes its levels from a list style (`numStyleLink`) is followed to the
    list defining that style (`styleLink`), at most MAX_CHAIN links, so a loop ends.
    """
    try:
        root = document.part.numbering_part.element
    except (NotImplementedError, KeyError, AttributeError):
        return {}
    abstract = {an.get(f"{W}abstractNumId"): an for an in root.findall(f"{W}abstractNum")}
    nums = {}
    for num in root.findall(f"{W}num"):
        ref = num.find(f"{W}abstractNumId")
        nums.setdefault(num.get(f"{W}numId"), ref.get(f"{W}val") if ref is not None else None)
    styles = {s.get(f"{W}styleId"): s for s in document.styles.element.findall(f"{W}style")}

    def resolve(abstract_id):
        for _step in range(MAX_CHAIN):
            an = abstract.get(abstract_id)
            if an is None:
                return {}
            link = an.find(f"{W}numStyleLink")
            if link is None:
                return _levels(an)
            style = styles.get(link.get(f"{W}val"))
            num_id = style.find(f"{W}pPr/{W}numPr/{W}numId") if style is not None else None
            abstract_id = nums.get(num_id.get(f"{W}val")) if num_id is not None else None
        return {}

    out = {}
    for num_id, abstract_id in nums.items():
        for ilvl, spec in resolve(abstract_id).items():
            out[(num_id, ilvl)] = spec
    return out


def _num_pr(paragraph, chain: list) -> tuple[str, int] | None:
    """The paragraph's (numId, ilvl), from the paragraph or its style chain; numId 0 where it stands first means
    none (Word's way to take a style's numbering off one paragraph)."""
    for ppr in [paragraph._p.pPr] + [s.element.pPr for s in chain]:
        if ppr is None:
            continue
        numpr = ppr.find(f"{W}numPr")
        if numpr is not None:
            num_id = numpr.find(f"{W}numId")
            ilvl = numpr.find(f"{W}ilvl")
            if num_id is not None and num_id.get(f"{W}val") == "0":
                return None  # numbering taken off here (a heading style's numbers not on this paragraph)
            if num_id is not None:
                return num_id.get(f"{W}val"), _int(ilvl.get(f"{W}val"), 0, -1, LEVELS) if ilvl is not None else 0
    return None


def _styles(style):
    """The style and those it is based on; a loop of styles based on each other ends."""
    seen = set()
    while style is not None and style.style_id not in seen and len(seen) < MAX_CHAIN:
        seen.add(style.style_id)
        yield style
        style = style.base_style


def _value(fmt: str, n: int) -> str:
    return chr(ord("a") + (n - 1) % 26) if fmt in ("lowerLetter", "upperLetter") else str(n)


def _label(num: tuple[str, int], numbering: dict, counters: dict) -> str:
    """The label Word shows: «%1.%2» takes each level's own counter («5.1» under item 5), in its format."""
    fmt, text = numbering[num][:2]
    if fmt == "bullet":
        return "•"

    def level(m: re.Match) -> str:
        k = int(m.group(1)) - 1
        key = (num[0], k)
        lfmt, _text, lstart = numbering.get(key, (fmt, "", 1))
        return _value(lfmt, counters.get(key, lstart))

    return re.sub(r"%([1-9])", level, text).strip() or _value(fmt, counters[num])


def _heading_level(chain: list) -> int | None:
    for s in chain:
        m = re.fullmatch(r"(?i)heading (\d)", s.name or "")
        if m:
            return int(m.group(1))
        if (s.name or "").lower() == "title":
            return 0
    return None


def open_document(path: Path | str):
    """python-docx's Document, once `docx_guard` has passed the archive."""
    import docx

    raw = guard.read_source(path)
    docx_guard.check(raw, path)
    try:
        return docx.Document(io.BytesIO(raw))
    except Exception as exc:  # python-docx raises assorted errors on broken packages
        detail = str(exc).splitlines()[0][:60] if str(exc) else ""
        if isinstance(exc, ValueError) and "content type is" in detail:
            detail = _("its main part is not a Word document (a template, macro file or other Office file?)")
        message = _("not a readable Word file: {kind}: {reason}") if detail else _("not a readable Word file: {kind}")
        raise ExtractError(message.format(kind=type(exc).__name__, reason=detail), Position(path)) from None


def read(path: Path | str, notes: Notes) -> list[Line]:
    from docx.text.paragraph import Paragraph

    from avtale.extract import docx_structure
    from avtale.extract.docx_runs import Runs

    document = open_document(path)
    from avtale.extract import draft_mark

    draft_mark.docx_headers(document, notes)  # «UTKAST» in a page header or a watermark: a draft
    numbering = _numbering(document)
    counters: dict[tuple[str, int], int] = {}
    counted: dict[str, set[int]] = {}  # the levels of each list that have a counter (a list has ten at most)
    items: list[list] = []  # [text, heading level, kind, rich]
    chains: dict[str | None, list] = {}  # style chain by style id: python-docx looks a style up by a scan of all
    annexes = docx_structure.annex_headings(document.element.body, lambda p: _heading_level(
        chains.setdefault(p.style, list(_styles(Paragraph(p, document).style)))))
    runs = Runs(document, {name: a.id for a in annexes.values() for name in a.bookmarks},
                {a.id: a.n for a in annexes.values() if a.id})
    nesting = docx_structure.Nesting(numbering)
    for element in document.element.body.iterchildren():
        if element.tag == f"{W}p":
            p = Paragraph(element, document)
            text = p.text.replace("\u00a0", " ").replace("\u00ad", "")
            style_id = element.style
            if style_id not in chains:
                chains[style_id] = list(_styles(p.style))
            level = _heading_level(chains[style_id])
            rich, plain = runs.rich(element)
            if rich is not None and plain != " ".join(text.split()):
                text = plain  # a url printed after its link is left out (`docx_runs`)
            if element in annexes:
                a = annexes[element]
                items.append([a.title, level, "annex", a])
                nesting.reset()
                continue
            num = _num_pr(p, chains[style_id])
            labelled = False
            if num and num in numbering and text.strip():
                fmt, lvl_text, start = numbering[num]
                levels = counted.setdefault(num[0], set())
                for deeper in [lv for lv in levels if lv > num[1]]:
                    del counters[(num[0], deeper)]  # a deeper level starts again under a new item
                    levels.discard(deeper)
                counters[num] = counters.get(num, start - 1) + 1
                levels.add(num[1])
                if level is None and nesting.nested(num, text.strip(), runs, element, items):
                    continue  # a level under a list item: part of that item's payload (`docx_structure`)
                labelled = True
                text = f"{_label(num, numbering, counters)} {text.strip()}"
            if labelled and level is None and num[1] == 0:
                rich = nesting.open(num, rich, runs, element)
            elif text.strip():
                nesting.reset()
            items.append([text, level, "item" if labelled and level is None else "p", rich])
        elif element.tag == f"{W}tbl":
            nesting.reset()
            if docx_structure.data_table(element, runs, items):
                guard.check_lines(len(items), path)
                continue
            width = _signature_width(element)
            for tr in element.iterchildren(f"{W}tr"):
                columns = [[t for t in (Paragraph(p, document).text.strip() for p in tc.iterchildren(f"{W}p")) if t]
                           for tc in tr.iterchildren(f"{W}tc")]
                columns += [[]] * (width - len(columns))  # a short last row of signatories, read as before
                if len(columns) > MAX_COLUMNS:  # no table of an agreement is so wide: its cells are read one by one
                    items += [[text, None, "row", None] for c in columns for text in c]
                    continue
                for k in range(max((len(c) for c in columns), default=0)):
                    items.append(["\t".join(c[k] if k < len(c) else "" for c in columns), None, "row", None])
        guard.check_lines(len(items), path)
    return _lines(items)


def _signature_width(tbl) -> int:
    """Cells of a full row of avtale's own signature table (caption «Underskrifter»), else 0.

    Its short row of signatories (five parties: 3 + 2) has fewer cells than the others; read with empty
    cells after them, as the table of a letterhead or signatures with filler cells always was."""
    caption = tbl.find(f"{W}tblPr/{W}tblCaption")
    if caption is None or caption.get(f"{W}val") != "Underskrifter":
        return 0
    rows = list(tbl.iterchildren(f"{W}tr"))
    return min(MAX_COLUMNS, max((len(tr.findall(f"{W}tc")) for tr in rows), default=0))


def _lines(items: list[list]) -> list[Line]:
    levels = [lv for text, lv, kind, _r in items if lv is not None and text.strip() and kind in ("p", "item")]
    title_level = None
    from avtale.extract.letterhead import columns, is_organisation

    first = next(((t, lv) for t, lv, k, _r in items if t.strip() and k in ("p", "item")  # a letterhead of names may stand above
                  and not (lv is None and all(is_organisation(c) for c in columns(t)))), None)
    if first and first[1] is not None and (first[1] == 0 or levels.count(first[1]) == 1):
        title_level = first[1]
    rest = sorted({lv for lv in levels if lv != title_level})
    section_level = rest[0] if rest else None
    sub_level = rest[1] if len(rest) > 1 else None
    deep_level = rest[2] if len(rest) > 2 else None
    out = []
    for no, (text, level, kind, rich) in enumerate(items, start=1):
        if kind == "gone":  # a caption or a nested list item, read into another line's payload
            continue
        hint = "para"
        if kind == "row":
            hint = None
        elif kind in ("table", "annex"):
            hint = kind
        elif level is not None and level == title_level:
            hint = "title"
        elif level is not None and level == section_level:
            hint = "heading"
        elif level is not None and level == sub_level:
            hint = "subheading"
        elif level is not None and level == deep_level:
            hint = "subsubheading"
        elif kind == "item" and section_level is not None and level is None:
            hint = "numbered" if text[:1] != "•" else "bullet"  # a list item where headings have their styles
        out.append(Line(no, text, hint=hint if text.strip() else None, rich=rich))
    return out

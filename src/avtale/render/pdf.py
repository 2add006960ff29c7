"""PDF through Typst: PDF/A-2a with PDF/UA-1, fonts embedded, signable.

The agreement goes to templates/agreement.typ as JSON (sys.inputs), never as
markup. Typst reports where each signature line landed; an incremental update
then adds one empty, named signature field over each line (see `fields`).
The document date is fixed from the agreement, so a build is reproducible
to the byte.

Typst's compiler is made once per process and template (`compiler_for`), with the fonts loaded once
(`fonts`), and reused for every document the process renders: each worker of a batch build
keeps its own. Reusing it changes no byte of the output.
"""

from __future__ import annotations

import datetime as dt
import json
import os
import threading
from pathlib import Path

from avtale import assets, inline
from avtale import layout as layout_mod
from avtale.errors import RenderError
from avtale.i18n import _
from avtale.model import Agreement, all_texts
from avtale.render import (common, draft, fields, letterhead_plan, list_levels, pdf_dests, pdf_tree,
                           signature_fit, signature_grid, signature_plan, tree)

TEMPLATE = "agreement.typ"
FONTS = "fonts"
STANDARDS = ["a-2a", "ua-1"]


def data(agreement: Agreement, context) -> dict:
    """Everything the template prints, as plain JSON-able data."""
    base = Path(context.base_dir).resolve()
    parties = []
    for p in agreement.parties:
        logo = alt = None
        if p.logo is not None:
            # Typst's root holds the templates and the agreement's directory (see `root`).
            logo = "/" + assets.resolve_logo(p.logo.file, base, p.id).relative_to(root(base)).as_posix()
            alt = p.logo.alt
        parties.append({"name": p.name, "logo": logo, "alt": alt, "dest": pdf_dests.party_name(p)})
    date = common.document_date(agreement)
    layout = context.layout or layout_mod.load()
    print_urls = print_urls_of(layout)
    document = tree.document(agreement, layout, print_urls)
    body = pdf_tree.prepare(document, print_urls, layout, agreement.language, pdf_dests.table_names(agreement))
    signing = None
    if agreement.signing is not None:
        signing = signing_data(agreement, layout, body["sections"])
    notes = [[note["n"], pdf_dests.note_name(note["id"])] for note in document["notes"] if note.get("id")]
    mark = draft.mark(agreement, layout)
    return {
        "title": agreement.title,
        "meta_title": draft.title(agreement, layout),
        "draft": {**draft.settings(layout), "mark": mark} if mark else None,
        "language": agreement.language,
        "authors": [p.name for p in agreement.parties],
        "keywords": [agreement.id],
        "date": [date.year, date.month, date.day],
        "layout": layout,
        "footer": common.footer_text(layout, agreement.language),
        "parties": parties,
        "letterhead": letterhead_data(agreement, base, layout),
        **body,
        "signing": signing,
        "note_dests": notes,
        "list_levels": [[lv.marker_mm, lv.text_mm] for lv in list_levels.levels(layout)],
    }


def signing_data(agreement: Agreement, layout: dict, sections: list[dict]) -> dict:
    """The signature block as the template sets it: the place and date, the electronic-signing note, the grid;
    `carries`, whether it takes the last paragraph with it (the last section's last block, a paragraph after
    others, in a section without subsections), so the signatures never stand alone on a page; `fits`, whether
    the two together certainly fit on one page (render/signature_fit.py: the template then need not measure)."""
    last = sections[-1]
    carries = not last["subsections"] and len(last["blocks"]) > 1 and last["blocks"][-1]["kind"] == "paragraph"
    grid = signature_grid.grid(agreement, layout)
    place_date, note = common.place_and_date(agreement), common.electronic_note(agreement, layout)
    carried = signature_fit.runs_text(last["blocks"][-1]["runs"]) if carries else None
    return {
        "place_date": place_date,
        "electronic": agreement.signing.electronic,
        "note": note,
        "grid": grid_data(grid, layout),
        "carries": carries,
        "fits": signature_fit.certainly_fits(grid, layout, carried, place_date, note),
    }


def letterhead_data(agreement: Agreement, base: Path, layout: dict) -> dict:
    """The letterhead's plan (`letterhead_plan`, the DOCX's and the HTML's too) as the template sets it."""
    plan = letterhead_plan.for_agreement(agreement, base, layout)
    return {
        "widths_mm": list(plan.widths_mm),
        "gap_mm": plan.gap_mm,
        "size_pt": plan.size_pt,
        "logo_height_mm": plan.logo_height_mm,
        "cells": [{"row": c.row, "column": c.column, "align": c.align} for c in plan.cells],
    }


def grid_data(grid: signature_grid.Grid, layout: dict) -> dict:
    """The signature block's grid (render/signature_grid.py) as the template draws it: fixed column widths,
    one type size, each row of signatories with how far it stands in from the margin (a short row in the
    middle), its columns, and its `plan` (what the template need not measure: `signature_plan.row_plan`)."""
    font = (layout.get("font") or {}).get("pdf")
    return {
        "column_mm": grid.column_mm,
        "gap_mm": grid.gap_mm,
        "line_mm": grid.line_mm,
        "size_pt": grid.size_pt,
        "short_row": grid.short_row,
        "rows": [{"offset_mm": grid.offset_mm(row), "columns": [column_data(c) for c in row],
                  "plan": signature_plan.row_plan(row, grid.column_mm, grid.size_pt, font)} for row in grid.rows],
    }


def column_data(column) -> dict:
    """A signatory's column (common.Column) with its texts' `words`: how the template boxes them
    (signature_plan.segments)."""
    texts = ("label", "name", "title", "place_date")
    return {**column.__dict__, "words": {key: signature_plan.segments(getattr(column, key)) for key in texts}}


def print_urls_of(layout: dict) -> str:
    """What the PDF prints for a link's url: parentheses (the default), footnote or none."""
    value = (layout.get("links") or {}).get("print_urls", "parentheses")
    return value if value in ("parentheses", "footnote", "none") else "parentheses"


def root(base: Path) -> Path:
    """The smallest directory holding both the template and the agreement (Typst reads nothing outside it)."""
    return Path(os.path.commonpath([layout_mod.templates_dir().resolve(), base]))


HEADING_WEIGHT = 100  # characters a heading counts besides its own (bookmark, outline entry, tags)
BLOCK_WEIGHT = 40  # and any other paragraph, list item or name


def weight(agreement: Agreement) -> int:
    """What the PDF costs Typst, in characters: the text it sets, each heading (sections, subsections at any
    depth, annexes) counting HEADING_WEIGHT more and every other paragraph, list item, table cell, caption,
    footnote or name BLOCK_WEIGHT more; a url printed after its link counts as text too. Memory grows with
    it (limits.pdf_text)."""
    total = 0
    for loc, text in all_texts(agreement):
        heading = loc == ("title",) or loc[-1] == "title" and loc[0] in ("sections", "annexes")
        total += len(text) + (HEADING_WEIGHT if heading else BLOCK_WEIGHT)
        if "](" in text:
            total += sum(len(url) + 3 for url in _urls(inline.parse(text).nodes))
    return total + sum(len(p.name) + BLOCK_WEIGHT for p in agreement.parties)


def _urls(nodes) -> list[str]:
    """The urls of the links among `nodes` (which the PDF may print after the link's words)."""
    out = []
    for node in nodes:
        if not isinstance(node, str):
            if node.kind == "link" and not node.target.startswith("#"):
                out.append(node.target)
            out += _urls(node.children)
    return out


def check_size(agreement: Agreement) -> None:
    """Refuse, before Typst starts, an agreement too long to set within the memory the limits allow."""
    from avtale import limits

    size = weight(agreement)
    if size > limits.current.pdf_text:
        raise RenderError(_("too long for a PDF: {size} characters of text (a heading counts {heading} more, any "
                            "other paragraph {block} more), more than the limit of {limit} (see --max-pdf-text)").format(
                                size=size, heading=HEADING_WEIGHT, block=BLOCK_WEIGHT, limit=limits.current.pdf_text))


def render(agreement: Agreement, context) -> bytes:
    check_size(agreement)
    import typst

    payload = json.dumps(data(agreement, context), ensure_ascii=False)
    date = common.document_date(agreement)
    stamp = int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp())
    try:
        with compile_lock:
            compiler = compiler_for(TEMPLATE, root(Path(context.base_dir).resolve()), context.layout)
            pdf = compiler.compile(pdf_standards=STANDARDS, timestamp=stamp, sys_inputs={"data": payload})
            lines = json.loads(compiler.query("<avtale-signature>", field="value"))
            dests = json.loads(compiler.query("<avtale-dest>", field="value"))
    except typst.TypstError as exc:
        raise RenderError(_("Typst could not build the PDF: {reason}").format(reason=_first_line(exc))) from None
    columns = {c.field: c for c in common.signature_columns(agreement)}
    if agreement.signing is not None and agreement.signing.electronic:
        columns = {}  # signed electronically: no lines, no fields
    if sorted(line["field"] for line in lines) != sorted(columns):
        raise RenderError(_("Typst did not report every signature line; the PDF would lack signature fields"))
    # (dests passed by position: a test stands in for add_signature_fields with a function of any arguments)
    return fields.add_signature_fields(pdf, lines, columns, context.layout or layout_mod.load(), dests)


compile_lock = threading.Lock()  # one compile (and its queries) at a time: a compiler holds one document's inputs
_fonts: dict[bool, object] = {}  # with Typst's own fonts or without -> typst.Fonts
_compilers: dict[str, tuple[Path, bool, object]] = {}  # template -> (root, with Typst's fonts, typst.Compiler)


def fonts(typst_fonts: bool):
    """The fonts Typst sets with, loaded once per process: templates/fonts (Liberation Sans), never the
    system's; Typst's own embedded fonts (Libertinus, New Computer Modern, DejaVu Sans Mono) only when the
    layout names a font that templates/fonts lacks. The PDF embeds only the fonts it sets, and the template
    sets only the layout's font with no fallback, so leaving Typst's own out changes no byte of it."""
    if typst_fonts not in _fonts:
        import typst

        _fonts[typst_fonts] = typst.Fonts(include_system_fonts=False, include_embedded_fonts=typst_fonts,
                                          font_paths=[str(layout_mod.templates_dir() / FONTS)])
    return _fonts[typst_fonts]


BUNDLED_FAMILIES = ("Liberation Sans",)  # the families in templates/fonts


def needs_typst_fonts(layout: dict) -> bool:
    """Whether the layout's PDF font is one Typst brings rather than one of templates/fonts."""
    family = ((layout or layout_mod.load()).get("font") or {}).get("pdf")
    return family not in BUNDLED_FAMILIES


def compiler_for(template: str, root_dir: Path, layout: dict | None = None):
    """The process's Typst compiler for `template` (in templates/) with `root_dir` as Typst's root: made on
    first use and kept, so a worker of a batch loads the fonts and reads the template once; made again
    (with the same fonts) only when an agreement from another directory needs another root. Each compile
    passes its own data (sys_inputs), so nothing of one document stays for the next. Use it under `compile_lock`."""
    import typst

    typst_fonts = needs_typst_fonts(layout)
    kept = _compilers.get(template)
    if kept is None or kept[0] != root_dir or kept[1] != typst_fonts:
        compiler = typst.Compiler(input=str(layout_mod.templates_dir() / template), root=str(root_dir),
                                  font_paths=fonts(typst_fonts), sys_inputs={"data": "{}"})
        kept = _compilers[template] = (root_dir, typst_fonts, compiler)
    return kept[2]


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

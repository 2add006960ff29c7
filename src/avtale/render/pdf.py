"""PDF through Typst: PDF/A-2a with PDF/UA-1, fonts embedded, signable.

The agreement goes to templates/agreement.typ as JSON (sys.inputs), never as
markup. Typst reports where each signature line landed; an incremental update
then adds one empty, named signature field over each line (see `fields`).
The document date is fixed from the agreement, so a build is reproducible
to the byte.
"""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

from avtale import assets
from avtale import layout as layout_mod
from avtale.errors import RenderError
from avtale.i18n import _
from avtale.model import Agreement, all_texts
from avtale.render import common, fields

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
        parties.append({"name": p.name, "logo": logo, "alt": alt})
    date = common.document_date(agreement)
    signing = None
    if agreement.signing is not None:
        signing = {
            "place_date": common.place_and_date(agreement),
            "columns": [c.__dict__ for c in common.signature_columns(agreement, context.layout)],
        }
    return {
        "title": agreement.title,
        "language": agreement.language,
        "authors": [p.name for p in agreement.parties],
        "keywords": [agreement.id],
        "date": [date.year, date.month, date.day],
        "layout": context.layout or layout_mod.load(),
        "footer": common.footer_text(context.layout or layout_mod.load(), agreement.language),
        "parties": parties,
        "preamble": common.blocks(agreement.preamble),
        "sections": common.sections(agreement),
        "signing": signing,
    }


def root(base: Path) -> Path:
    """The smallest directory holding both the template and the agreement (Typst reads nothing outside it)."""
    return Path(os.path.commonpath([layout_mod.templates_dir().resolve(), base]))


HEADING_WEIGHT = 100  # characters a heading counts besides its own (bookmark, outline entry, tags)
BLOCK_WEIGHT = 40  # and any other paragraph, list item or name


def weight(agreement: Agreement) -> int:
    """What the PDF costs Typst, in characters: the text it sets, each heading counting HEADING_WEIGHT more
    and every other paragraph, list item or name BLOCK_WEIGHT more. Memory grows with it (limits.pdf_text)."""
    total = 0
    for loc, text in all_texts(agreement):
        heading = loc == ("title",) or loc[-1] == "title" and loc[0] == "sections"
        total += len(text) + (HEADING_WEIGHT if heading else BLOCK_WEIGHT)
    return total + sum(len(p.name) + BLOCK_WEIGHT for p in agreement.parties)


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

    templates = layout_mod.templates_dir()
    payload = json.dumps(data(agreement, context), ensure_ascii=False)
    date = common.document_date(agreement)
    stamp = int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp())
    try:
        compiler = typst.Compiler(
            input=str(templates / TEMPLATE),
            root=str(root(Path(context.base_dir).resolve())),
            font_paths=[str(templates / FONTS)],
            ignore_system_fonts=True,
            sys_inputs={"data": payload},
        )
        pdf = compiler.compile(pdf_standards=STANDARDS, timestamp=stamp)
        lines = json.loads(compiler.query("<avtale-signature>", field="value"))
    except typst.TypstError as exc:
        raise RenderError(_("Typst could not build the PDF: {reason}").format(reason=_first_line(exc))) from None
    columns = {c.field: c for c in common.signature_columns(agreement)}
    if sorted(line["field"] for line in lines) != sorted(columns):
        raise RenderError(_("Typst did not report every signature line; the PDF would lack signature fields"))
    return fields.add_signature_fields(pdf, lines, columns, context.layout or layout_mod.load())


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

"""The redlines of two agreements: `avtale diff --format docx` (Word's tracked changes, `render.docx_redline`),
`--format html` (a page to read in a browser, `render.html_redline`) and `--format pdf` (for print and the
record, `render.pdf_redline`)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from avtale.diff.tree import AgreementDiff
from avtale.model import Agreement


def render_redline(diff: AgreementDiff, old: Agreement, new: Agreement, *, author: str = "avtale",
                   date: dt.date | None = None, base_dir: Path | None = None, layout: dict | None = None) -> bytes:
    """NEW in the official DOCX layout with the changes from OLD tracked (`date` defaults to today).

    `base_dir` is where the logos' paths start (NEW's directory); `layout` defaults to the official one.
    """
    from avtale import layout as layout_module
    from avtale.render import docx_redline

    return docx_redline.render(diff, old, new, layout or layout_module.load(), base_dir=base_dir or Path("."),
                               author=author, date=date)


def render_html_redline(diff: AgreementDiff, old: Agreement, new: Agreement, *, base_dir: Path | None = None,
                        layout: dict | None = None) -> str:
    """NEW in the official layout as one self-contained HTML page, OLD's differences marked, with a list of
    the changes."""
    from avtale import layout as layout_module
    from avtale.render import html_redline

    return html_redline.render(diff, old, new, layout or layout_module.load(), base_dir=base_dir or Path("."))


def render_pdf_redline(diff: AgreementDiff, old: Agreement, new: Agreement, *, base_dir: Path | None = None,
                       layout: dict | None = None) -> bytes:
    """The same redline as the HTML one, as a PDF made by Typst."""
    from avtale import layout as layout_module
    from avtale.render import pdf_redline

    return pdf_redline.render(diff, old, new, layout or layout_module.load(), base_dir=base_dir or Path("."))

"""`avtale diff --format docx`: the Word redline of two agreements (see `avtale.render.docx_redline`)."""

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

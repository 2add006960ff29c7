"""The PDF's pages as SVG for `avtale preview`: one Typst compiler per preview, so fonts and the template
are loaded once and each saved version is set in tens of milliseconds.

The pages are set by the PDF's own template from the PDF's own data (`pdf.data`), so they look as the
built PDF will; only `preview: true` is added, which makes the template report where each heading and the
signature block landed (page and height), for the preview to show the place a finding concerns. No PDF is
made: no signature fields, no PDF/A.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

from avtale import layout as layout_mod
from avtale.errors import RenderError
from avtale.i18n import _
from avtale.model import Agreement
from avtale.render import pdf


@dataclass
class Pages:
    """One version's pages (SVG text each), their size in points, and where the headings and signatures are."""

    svgs: list[str]
    width_pt: float
    height_pt: float
    headings: list[dict] = field(default_factory=list)  # {level, page (from 1), y (points from the top)}
    signing: dict | None = None  # {page, y}


class PageSetter:
    """Sets agreements from one directory (Typst's root holds it and the templates) as SVG pages."""

    def __init__(self, base_dir: Path):
        import typst

        self.base_dir = Path(base_dir).resolve()
        templates = layout_mod.templates_dir()
        self._typst = typst
        self._compiler = typst.Compiler(
            input=str(templates / pdf.TEMPLATE),
            root=str(pdf.root(self.base_dir)),
            font_paths=[str(templates / pdf.FONTS)],
            ignore_system_fonts=True,
            sys_inputs={"data": "{}"},
        )

    def pages(self, agreement: Agreement, context) -> Pages:
        pdf.check_size(agreement)
        payload = {**pdf.data(agreement, context), "preview": True}
        try:
            out = self._compiler.compile(format="svg", sys_inputs={"data": json.dumps(payload, ensure_ascii=False)})
            places = json.loads(self._compiler.query("<avtale-preview>", field="value", one=True))
        except self._typst.TypstError as exc:
            raise RenderError(_("Typst could not build the PDF: {reason}").format(reason=pdf._first_line(exc))) from None
        svgs = [page.decode("utf-8") for page in (out if isinstance(out, list) else [out])]
        page = (context.layout or layout_mod.load())["page"]
        signing = places["signing"][0] if places["signing"] else None
        return Pages(svgs, page["width_mm"] * 72 / 25.4, page["height_mm"] * 72 / 25.4, places["headings"],
                     {"page": signing["page"], "y": signing["y"]} if signing else None)

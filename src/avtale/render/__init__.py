"""Renderers: one module per format, each `render(agreement, context) -> bytes`.

All of them read the one layout definition (`avtale.layout.load()`), so the
formats cannot drift apart. Modules are imported only when their format is
built, so `validate` and `--help` never load Typst or markupsafe.
"""

from __future__ import annotations

import importlib
from pathlib import Path

from avtale.errors import UsageError
from avtale.records import Frozen
from avtale.i18n import _
from avtale.model import Agreement

# DOCX is written by `docx_fast` (standard library only); `docx` (python-docx) gives the same bytes
# (tests/render/test_docx_fast.py) and stays the redline's base and the reference
FORMATS = {"docx": "docx_fast", "pdf": "pdf", "html": "html", "md": "md"}
ALL_FORMATS = tuple(FORMATS)


class RenderContext(Frozen):
    """What a renderer needs besides the agreement: where its assets live, and the layout."""

    _fields = ("base_dir", "layout")

    def __init__(self, base_dir: Path = Path("."), layout: dict | None = None):
        self.__dict__.update(base_dir=base_dir, layout={} if layout is None else layout)


def parse_formats(value: str | None) -> list[str]:
    """'docx,pdf' -> ['docx', 'pdf']; None -> every format."""
    if not value:
        return list(ALL_FORMATS)
    out = []
    for part in value.split(","):
        name = part.strip().lower()
        if name not in FORMATS:
            raise UsageError(_("unknown format «{name}»; choose from {formats}")
                             .format(name=name, formats=", ".join(FORMATS)))
        if name not in out:
            out.append(name)
    return out


def renderer(fmt: str):
    """The `render` function of a format's module."""
    module = importlib.import_module(f"avtale.render.{FORMATS[fmt]}")
    return module.render


def render(agreement: Agreement, fmt: str, context: RenderContext | None = None) -> bytes:
    if context is None:
        from avtale import layout

        context = RenderContext(layout=layout.load())
    return renderer(fmt)(agreement, context)

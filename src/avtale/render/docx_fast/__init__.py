"""DOCX without python-docx or lxml: the same bytes as `render.docx.render`, from the standard library only.

`render(agreement, context) -> bytes` builds the body as a small element tree (`xml`), the parts around it
(`package`, `styles`, `numbering`, `notes`, `draft`) and the zip (`zip`); the parts that do not depend on the
agreement come from `templates/docx/`. What it does not read itself (an Exif JPEG logo, a logo whose file name
does not say what it is, an image header cut short) it leaves to the python-docx writer, so the bytes (or the
error) are the same either way. tests/render/test_docx_fast.py holds the two
writers to the same bytes.
"""

from __future__ import annotations

from avtale.render import RenderContext


def render(agreement, context: RenderContext) -> bytes:
    from avtale.render.docx_fast.images import Unsupported
    from avtale.render.docx_fast.writer import Writer

    layout = context.layout
    if not layout:
        from avtale import layout as layout_module

        layout = layout_module.load()
    try:
        return Writer(agreement, context.base_dir, layout).write()
    except Unsupported:
        from avtale.render import docx

        return docx.render(agreement, context)

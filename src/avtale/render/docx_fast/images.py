"""Logos as python-docx places them: an image's pixel size and dpi from its header, the drawing's XML.

Reads a PNG's bytes (the IHDR and the first pHYs chunk) as python-docx's parser does, a JPEG's through
`jpeg`; writes the `w:drawing` XML of an inline picture. What this package does not read as python-docx
would (a GIF, a header cut short, a density of 0, a file whose extension says another kind) is
`Unsupported`: the writer then leaves the agreement to the python-docx writer, whose bytes (or error) it
would have had to match.
"""

from __future__ import annotations

import os
import struct

from avtale.render.docx_fast.xml import attr

PNG = b"\x89PNG\r\n\x1a\n"


class Unsupported(Exception):
    """What the fast writer does not write; the python-docx writer does."""


EXTENSIONS = {"png": "png", "jpg": "jpeg", "jpeg": "jpeg"}  # a file's extension -> what its bytes must be


def header(blob: bytes, filename: str) -> tuple[int, int, int, int, str]:
    """(px_width, px_height, horz_dpi, vert_dpi, extension) of a logo, as python-docx reads them; the image
    part takes the file's own extension (python-docx's `Image.ext`)."""
    ext = os.path.splitext(filename)[1][1:]
    if blob.startswith(PNG):
        kind, size = "png", png_header(blob)
    elif blob[6:10] in (b"JFIF", b"Exif"):
        from avtale.render.docx_fast import jpeg

        kind, size = "jpeg", jpeg.header(blob, exif=blob[6:10] == b"Exif")
    else:
        raise Unsupported("neither PNG nor JPEG")
    if EXTENSIONS.get(ext) != kind:  # python-docx would name the part and its content type otherwise
        raise Unsupported("an extension that does not say what the image is")
    return (*size, ext)


def png_header(blob: bytes) -> tuple[int, int, int, int]:
    """(px_width, px_height, horz_dpi, vert_dpi) as python-docx reads them."""
    if not blob.startswith(PNG):
        raise Unsupported("not a PNG")
    try:
        offset = 8
        ihdr = phys = None
        while True:
            length, kind = struct.unpack(">L4s", blob[offset:offset + 8])
            data = offset + 8
            if kind == b"IHDR" and ihdr is None:
                ihdr = struct.unpack(">LL", blob[data:data + 8])
            elif kind == b"pHYs" and phys is None:
                phys = struct.unpack(">LLB", blob[data:data + 9])
            if kind == b"IEND":
                break
            offset += 12 + length
    except struct.error as exc:
        raise Unsupported("a PNG cut short") from exc
    if ihdr is None:
        raise Unsupported("no IHDR")

    def dpi(px_per_unit: int) -> int:
        if phys is not None and phys[2] == 1 and px_per_unit:
            return int(round(px_per_unit * 0.0254))
        return 72

    return ihdr[0], ihdr[1], dpi(phys[0] if phys else 0), dpi(phys[1] if phys else 0)


def drawing(shape_id: int, name: str, descr: str, filename: str, r_id: str, cx: int, cy: int) -> str:
    return ('<w:drawing><wp:inline xmlns:a="http://schemas.openxmlformats.org/drawingml/2006/main" '
            'xmlns:pic="http://schemas.openxmlformats.org/drawingml/2006/picture" distT="0" distB="0" distL="0" '
            f'distR="0"><wp:extent cx="{cx}" cy="{cy}"/><wp:docPr id="{shape_id}" name="{attr(name)}" '
            f'descr="{attr(descr)}"/><wp:cNvGraphicFramePr><a:graphicFrameLocks noChangeAspect="1"/>'
            '</wp:cNvGraphicFramePr><a:graphic><a:graphicData uri="http://schemas.openxmlformats.org/drawingml/2006/'
            f'picture"><pic:pic><pic:nvPicPr><pic:cNvPr id="0" name="{attr(filename)}"/><pic:cNvPicPr/></pic:nvPicPr>'
            f'<pic:blipFill><a:blip r:embed="{r_id}"/><a:stretch><a:fillRect/></a:stretch></pic:blipFill>'
            f'<pic:spPr><a:xfrm><a:off x="0" y="0"/><a:ext cx="{cx}" cy="{cy}"/></a:xfrm><a:prstGeom prst="rect"/>'
            '</pic:spPr></pic:pic></a:graphicData></a:graphic></wp:inline></w:drawing>')

"""Logos as python-docx places them: an image's pixel size and dpi from its header, the drawing's XML.

Reads a PNG's bytes (the IHDR and the first pHYs chunk) or a JFIF JPEG's (the markers up to the scan: SOFn
for the size, APP0 for the density), as python-docx's parsers do; writes the `w:drawing` XML of an inline
picture. What this module does not read as python-docx would (an Exif JPEG, a GIF, a header cut short, a
density of 0) is `Unsupported`: the writer then leaves the agreement to the python-docx writer, whose
bytes (or error) it would have had to match.
"""

from __future__ import annotations

import os
import struct

from avtale.render.docx_fast.xml import attr

PNG = b"\x89PNG\r\n\x1a\n"


class Unsupported(Exception):
    """What the fast writer does not write; the python-docx writer does."""


JFIF = b"JFIF"
STANDALONE = {0x01, 0xD8, 0xD9, *range(0xD0, 0xD8)}
SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


EXTENSIONS = {"png": "png", "jpg": "jpeg", "jpeg": "jpeg"}  # a file's extension -> what its bytes must be


def header(blob: bytes, filename: str) -> tuple[int, int, int, int, str]:
    """(px_width, px_height, horz_dpi, vert_dpi, extension) of a logo, as python-docx reads them; the image
    part takes the file's own extension (python-docx's `Image.ext`)."""
    ext = os.path.splitext(filename)[1][1:]
    if blob.startswith(PNG):
        kind, size = "png", png_header(blob)
    elif blob[6:10] == JFIF:
        kind, size = "jpeg", jfif_header(blob)
    else:
        raise Unsupported("neither PNG nor JFIF")
    if EXTENSIONS.get(ext) != kind:  # python-docx would name the part and its content type otherwise
        raise Unsupported("an extension that does not say what the image is")
    return (*size, ext)


def jfif_header(blob: bytes) -> tuple[int, int, int, int]:
    """python-docx's JFIF reading: markers from the start to the first SOS (or EOI); the first SOFn's size,
    the first APP0's density (1: dots per inch, 2: per cm, else 72)."""
    sof = app0 = None
    position = 0
    code = None
    try:
        while code != 0xD9:
            while True:
                position = blob.index(b"\xff", position)
                position += 1
                while blob[position] == 0xFF:
                    position += 1
                if blob[position] != 0x00:
                    break
            code, offset = blob[position], position + 1
            length = 0 if code in STANDALONE else struct.unpack(">H", blob[offset:offset + 2])[0]
            if code == 0xE0 and app0 is None:
                app0 = (blob[offset + 9], *struct.unpack(">HH", blob[offset + 10:offset + 14]))
            elif code in SOF and sof is None:
                height, width = struct.unpack(">HH", blob[offset + 3:offset + 7])
                sof = (width, height)
            if code == 0xDA:
                break
            position = offset + length
    except (ValueError, IndexError, struct.error) as exc:
        raise Unsupported("a JPEG cut short") from exc
    if sof is None or app0 is None:
        raise Unsupported("no SOFn or APP0")

    def dpi(density: int) -> int:
        units = app0[0]
        return density if units == 1 else int(round(density * 2.54)) if units == 2 else 72

    horz, vert = dpi(app0[1]), dpi(app0[2])
    if not (horz and vert):
        raise Unsupported("a density of 0")
    return sof[0], sof[1], horz, vert


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

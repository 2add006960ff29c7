"""The size of each page of a PNG, JPEG or TIFF file, read from its header alone.

Reads: the file's bytes (nothing is decoded). Writes: a list of (width, height),
one per page (a TIFF may hold many), or one `HeaderProblem` when the header is not
one of these formats or is cut short. `extract` (`read_ocr`) checks these against
the pixel and page limits before Tesseract sees a scan, and `assets` checks a
logo before any renderer decodes it, so a decompression bomb (a small file
declaring 100000 × 100000 pixels) is refused without decoding a pixel. It sits
below both, and imports nothing of avtale but the messages.
"""

from __future__ import annotations

import struct

from avtale.i18n import _

PNG = b"\x89PNG\r\n\x1a\n"
# JPEG start-of-frame markers carry the size; C4 (DHT), C8 (JPG) and CC (DAC) do not.
SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}


class HeaderProblem(ValueError):
    """Why an image's header gives no size: not PNG, JPEG or TIFF, cut short, damaged."""

    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def sizes(raw: bytes, most_pages: int = 1) -> list[tuple[int, int]]:
    """(width, height) of each page; stops after `most_pages` + 1 pages (the caller refuses those)."""
    try:
        if raw.startswith(PNG):
            return [_png(raw)]
        if raw.startswith(b"\xff\xd8"):
            return [_jpeg(raw)]
        if raw.startswith((b"II*\x00", b"MM\x00*")):
            return _tiff(raw, most_pages + 1)
        if raw.startswith((b"II+\x00", b"MM\x00+")):
            raise ValueError(_("BigTIFF is not read; save the scan as PNG or an ordinary TIFF"))
    except (struct.error, IndexError):
        raise HeaderProblem(_("image header is cut short")) from None
    except ValueError as exc:
        raise HeaderProblem(str(exc)) from None
    raise HeaderProblem(_("not a PNG, JPEG or TIFF image"))


def _png(raw: bytes) -> tuple[int, int]:
    if raw[12:16] != b"IHDR":
        raise ValueError(_("PNG without an IHDR header"))
    return struct.unpack(">II", raw[16:24])


def _jpeg(raw: bytes) -> tuple[int, int]:
    at = 2
    while at + 4 <= len(raw):
        if raw[at] != 0xFF:
            raise ValueError(_("JPEG header is damaged"))
        marker = raw[at + 1]
        if marker == 0xFF:  # fill byte
            at += 1
            continue
        if marker in (0x01, *range(0xD0, 0xD8)):  # markers without a length
            at += 2
            continue
        if marker in (0xD9, 0xDA):  # end of image, or scan data before any frame header
            break
        (length,) = struct.unpack(">H", raw[at + 2:at + 4])
        if marker in SOF:
            height, width = struct.unpack(">HH", raw[at + 5:at + 9])
            return width, height
        at += 2 + length
    raise ValueError(_("JPEG without a frame header (no image size)"))


def _tiff(raw: bytes, most: int) -> list[tuple[int, int]]:
    order = "<" if raw[:2] == b"II" else ">"
    (offset,) = struct.unpack(order + "I", raw[4:8])
    pages: list[tuple[int, int]] = []
    seen: set[int] = set()
    while offset and len(pages) < most:
        if offset in seen or offset + 2 > len(raw):
            raise ValueError(_("TIFF page directory is damaged (loops or points past the end)"))
        seen.add(offset)
        (count,) = struct.unpack(order + "H", raw[offset:offset + 2])
        size = {}
        for k in range(count):
            at = offset + 2 + 12 * k
            tag, kind = struct.unpack(order + "HH", raw[at:at + 4])
            if tag in (256, 257):
                value = raw[at + 8:at + 12]
                size[tag] = struct.unpack(order + ("H" if kind == 3 else "I"), value[:2] if kind == 3 else value)[0]
        if 256 not in size or 257 not in size:
            raise ValueError(_("TIFF page without a width and height"))
        pages.append((size[256], size[257]))
        (offset,) = struct.unpack(order + "I", raw[offset + 2 + 12 * count:offset + 6 + 12 * count])
    if not pages:
        raise ValueError(_("TIFF without pages"))
    return pages

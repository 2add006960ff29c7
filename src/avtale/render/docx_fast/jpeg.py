"""A JPEG logo's pixel size and dpi, read as python-docx reads them (its `Jfif` and `Exif` headers).

Reads the JPEG's bytes: every marker from the start to the first SOS (or EOI), each APP0, APP1 and SOFn
segment read as python-docx reads it (so a segment it would choke on is noticed); the size from the first
SOFn, the density from the first APP0 (JFIF: 1 dots per inch, 2 per cm, else 72) or from the first APP1's
TIFF (Exif: XResolution/YResolution in ResolutionUnit). Writes nothing. Anything python-docx would not read
the same way raises `Unsupported`.
"""

from __future__ import annotations

import struct

from avtale.render.docx_fast.images import Unsupported

STANDALONE = {0x01, 0xD8, 0xD9, *range(0xD0, 0xD8)}
SOF = {0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE, 0xCF}
EOI, SOS, APP0, APP1 = 0xD9, 0xDA, 0xE0, 0xE1


def header(blob: bytes, exif: bool) -> tuple[int, int, int, int]:
    """(px_width, px_height, horz_dpi, vert_dpi); `exif`: python-docx's Exif header (else its Jfif one)."""
    sof = app0 = app1 = None
    position = 0
    code = None
    try:
        while code != EOI:
            while True:  # the next 0xFF, fill bytes skipped; FF 00 is no marker
                position = blob.index(b"\xff", position) + 1
                while blob[position] == 0xFF:
                    position += 1
                if blob[position] != 0x00:
                    break
            code, offset = blob[position], position + 1
            length = 0 if code in STANDALONE else struct.unpack(">H", blob[offset:offset + 2])[0]
            if code == APP0:
                density = (blob[offset + 9], *struct.unpack(">HH", blob[offset + 10:offset + 14]))
                app0 = app0 or density
            elif code == APP1:
                dpi = (72, 72)
                if blob[offset + 2:offset + 8] == b"Exif\x00\x00":
                    if length < 8:
                        raise Unsupported("an Exif segment shorter than its header")
                    dpi = tiff_dpi(blob[offset + 8:offset + length])
                app1 = app1 or dpi
            elif code in SOF:
                height, width = struct.unpack(">HH", blob[offset + 3:offset + 7])
                sof = sof or (width, height)
            if code == SOS:
                break
            position = offset + length
    except (ValueError, IndexError, struct.error) as exc:
        raise Unsupported("a JPEG cut short") from exc
    if sof is None or (app1 if exif else app0) is None:
        raise Unsupported("no SOFn, or no APP0/APP1")
    if exif:
        horz, vert = app1
    else:
        units = app0[0]

        def per_inch(value: int) -> int:
            return value if units == 1 else int(round(value * 2.54)) if units == 2 else 72

        horz, vert = per_inch(app0[1]), per_inch(app0[2])
    if not (horz and vert):
        raise Unsupported("a density of 0")
    return sof[0], sof[1], horz, vert


def tiff_dpi(tiff: bytes) -> tuple[int, int]:
    """(horz_dpi, vert_dpi) from an Exif segment's TIFF: every entry of the first IFD (ASCII, SHORT, LONG,
    RATIONAL; one value each); ResolutionUnit 2 (the default) inches, 3 cm, 1 none (72); 72 without the tag."""
    order = ">" if tiff[:2] == b"MM" else "<"

    def read(fmt: str, at: int):
        if at < 0 or at + struct.calcsize(order + fmt) > len(tiff):
            raise Unsupported("a TIFF entry beyond its segment")
        return struct.unpack_from(order + fmt, tiff, at)[0]

    ifd = read("L", 4)
    entries = {}
    for i in range(read("H", ifd)):
        at = ifd + 2 + 12 * i
        kind, tag, count, value_at = read("H", at + 2), read("H", at), read("L", at + 4), read("L", at + 8)
        if kind == 2:
            if count < 1 or value_at + count - 1 > len(tiff):
                raise Unsupported("an ASCII entry beyond its segment")
            try:
                value = tiff[value_at:value_at + count - 1].decode("utf-8")
            except UnicodeDecodeError as exc:
                raise Unsupported("an ASCII entry not in UTF-8") from exc
        elif kind in (3, 4):
            value = read("H" if kind == 3 else "L", at + 8) if count == 1 else "several"
        elif kind == 5 and count == 1:
            numerator, denominator = read("L", value_at), read("L", value_at + 4)
            if not denominator:
                raise Unsupported("a resolution over 0")
            value = numerator / denominator
        else:
            value = "several"
        entries[tag] = value

    def dpi(tag: int) -> int:
        if tag not in entries:
            return 72
        unit = entries.get(0x0128, 2)
        if unit == 1:
            return 72
        dots = entries[tag]
        if isinstance(dots, str):
            raise Unsupported("a resolution python-docx cannot read")
        return int(round(dots * (1 if unit == 2 else 2.54)))

    return dpi(0x011A), dpi(0x011B)

"""Helpers for the PDF, HTML and Markdown tests: small agreements, a logo, PNG reading."""

from __future__ import annotations

import re
import struct
import zlib
from pathlib import Path

from avtale import layout
from avtale.model import Agreement
from avtale.render import RenderContext

# Text a drafter might type that is markup in Typst, HTML or Markdown.
HOSTILE = [
    "<script>alert(1)</script>",
    "#set page(width: 1cm)",
    "*bold*",
    "$x$",
    "[a]",
    "<b>",
]
HOSTILE_LINE = "Teksten " + " og ".join(HOSTILE) + " står som den er."


def agreement(**overrides) -> Agreement:
    """A small, valid agreement; keyword arguments replace top-level keys."""
    data = {
        "id": "liten",
        "title": "Avtale om prøve",
        "language": "nb",
        "parties": [{"id": "kd", "name": "Kunnskapsdepartementet", "short": "KD"}, {"id": "ks", "name": "KS"}],
        "period": {"start": "2020-01-01", "end": "2021-12-31"},
        "status": "draft",
        "preamble": ["Innledning."],
        "sections": [
            {"title": "Formål", "blocks": ["Første avsnitt.", {"bullets": ["en", "to"]}]},
            {
                "title": "Plikter",
                "blocks": [{"numbered": ["alfa", "beta"], "style": "a)"}],
                "subsections": [{"title": "Detaljer", "blocks": [{"numbered": ["gamma", "delta"], "style": "1)"}]}],
            },
        ],
        "signing": {
            "place": "Oslo",
            "date": "2020-03-02",
            "signatories": [
                {"party": "kd", "name": "Kari Nordmann", "title": "Statsråd"},
                {"party": "ks", "name": "Ola Nordmann", "title": "Leder"},
            ],
        },
    }
    data.update(overrides)
    return Agreement.model_validate(data)


def hostile_agreement() -> Agreement:
    return agreement(
        title="Tittel " + HOSTILE[0],
        preamble=[HOSTILE_LINE],
        sections=[{"title": "Del " + " ".join(HOSTILE[1:]), "blocks": [HOSTILE_LINE, {"bullets": HOSTILE}]}],
    )


def context(base_dir: Path = Path(".")) -> RenderContext:
    return RenderContext(base_dir=Path(base_dir).resolve(), layout=layout.load())


def write_png(path: Path, width: int = 60, height: int = 30, rgb=(0, 51, 160)) -> Path:
    """A small solid-colour PNG (no imaging library needed)."""
    raw = b"".join(b"\x00" + bytes(rgb) * width for _ in range(height))

    def chunk(kind: bytes, body: bytes) -> bytes:
        return struct.pack(">I", len(body)) + kind + body + struct.pack(">I", zlib.crc32(kind + body))

    ihdr = struct.pack(">IIBBBBB", width, height, 8, 2, 0, 0, 0)
    path.write_bytes(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(raw)) + chunk(b"IEND", b""))
    return path


def read_png(data: bytes) -> tuple[int, int, list[bytes], int]:
    """(width, height, rows of raw bytes, bytes per pixel) of an 8-bit RGB/RGBA/grey PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    pos, idat, width = 8, b"", 0
    while pos < len(data):
        (length,) = struct.unpack(">I", data[pos:pos + 4])
        kind, body = data[pos + 4:pos + 8], data[pos + 8:pos + 8 + length]
        if kind == b"IHDR":
            width, height, depth, colour = struct.unpack(">IIBB", body[:10])
            assert depth == 8 and colour in (0, 2, 4, 6), f"unsupported PNG: depth {depth}, colour {colour}"
            bpp = {0: 1, 2: 3, 4: 2, 6: 4}[colour]
        elif kind == b"IDAT":
            idat += body
        pos += 12 + length
    raw, stride, rows, prev = zlib.decompress(idat), width * bpp, [], bytearray(width * bpp)
    for y in range(height):
        kind, line = raw[y * (stride + 1)], bytearray(raw[y * (stride + 1) + 1:(y + 1) * (stride + 1)])
        for i in range(stride):
            a = line[i - bpp] if i >= bpp else 0
            b, c = prev[i], prev[i - bpp] if i >= bpp else 0
            if kind == 1:
                line[i] = (line[i] + a) & 255
            elif kind == 2:
                line[i] = (line[i] + b) & 255
            elif kind == 3:
                line[i] = (line[i] + (a + b) // 2) & 255
            elif kind == 4:
                p = a + b - c
                pa, pb, pc = abs(p - a), abs(p - b), abs(p - c)
                line[i] = (line[i] + (a if pa <= pb and pa <= pc else b if pb <= pc else c)) & 255
        rows.append(bytes(line))
        prev = line
    return width, height, rows, bpp


def dark_pixels(data: bytes, below: int = 160) -> int:
    """How many pixels of a PNG are clearly not white (all of R, G, B under `below` counts as ink)."""
    width, height, rows, bpp = read_png(data)
    count = 0
    for row in rows:
        for x in range(width):
            px = row[x * bpp:x * bpp + min(bpp, 3)]
            if max(px) < below:
                count += 1
    return count


def squash(text: str) -> str:
    """Text without whitespace and hyphens, for order checks across line breaks.

    Hyphens go too: Typst maps its hyphen glyph to U+00AD in the font's
    ToUnicode map, so pypdf reads a typed "-" and a line-break hyphen alike.
    """
    return re.sub(r"[\s\u00ad-]+", "", text)


def assert_in_order(haystack: str, needles: list[str]) -> None:
    """Every needle occurs in haystack, each after the previous one (whitespace ignored)."""
    flat, pos = squash(haystack), 0
    for needle in needles:
        found = flat.find(squash(needle), pos)
        assert found >= 0, f"missing or out of order: {needle!r}"
        pos = found + len(squash(needle))

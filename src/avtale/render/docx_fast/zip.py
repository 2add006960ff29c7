"""A deflated zip written byte for byte as `docx_package.reproducible` writes it with `zipfile`.

Reads: (name, bytes) pairs in the order they go in. Writes: the archive's bytes. Every entry is deflated at
level 6 (raw deflate, as zipfile's `compressobj(6, DEFLATED, -15)`), dated 1980-01-01 00:00:00, made on Unix
(create_system 3), version 2.0, mode 0644, no extra fields or comments; then the central directory and the
end record. zlib, struct and binascii only: `zipfile` costs an import of its own.
"""

from __future__ import annotations

import struct
import zlib
from binascii import crc32

DOS_TIME = 0  # 00:00:00
DOS_DATE = (0 << 9) | (1 << 5) | 1  # 1980-01-01
VERSION = 20
UNIX = 3
MODE = 0o644 << 16
LEVEL = 6


def archive(entries: list[tuple[str, bytes]]) -> bytes:
    """The zip of `entries` (name, data), in their order."""
    out = []
    central = []
    offset = 0
    for name, data in entries:
        raw = name.encode("ascii")
        compressor = zlib.compressobj(LEVEL, zlib.DEFLATED, -15)
        packed = compressor.compress(data) + compressor.flush()
        crc = crc32(data) & 0xFFFFFFFF
        header = struct.pack("<4s2B4HL2L2H", b"PK\003\004", VERSION, 0, 0, 8, DOS_TIME, DOS_DATE, crc,
                             len(packed), len(data), len(raw), 0)
        out += (header, raw, packed)
        central.append(struct.pack("<4s4B4HL2L5HLL", b"PK\001\002", VERSION, UNIX, VERSION, 0, 0, 8, DOS_TIME,
                                   DOS_DATE, crc, len(packed), len(data), len(raw), 0, 0, 0, 0, MODE, offset) + raw)
        offset += len(header) + len(raw) + len(packed)
    directory = b"".join(central)
    end = struct.pack("<4s4H2LH", b"PK\005\006", 0, 0, len(entries), len(entries), len(directory), offset, 0)
    return b"".join(out) + directory + end

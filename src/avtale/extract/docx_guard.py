"""Checks on a .docx archive before python-docx inflates or parses any of it.

Reads: the file's bytes. Writes: the name of the main document part, or one
`ExtractError` naming the file and the problem:
- not a zip archive (an old .doc or a password-protected Word file is said so);
- more than MAX_ENTRIES parts, or a central directory over MAX_DIRECTORY bytes;
- a part that declares, or actually inflates to, more than `part_bytes`; all
  parts together more than `source_bytes`. Each part is inflated here as a
  stream with a cap, so a header that lies about the size changes nothing;
- an XML part with a DOCTYPE or an entity declaration (XXE, entity bombs):
  refused before any XML parser sees it, so nothing is ever resolved or read;
- no [Content_Types].xml, no package relationships, or no main document part.
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from pathlib import Path

from avtale import limits
from avtale.errors import ExtractError, Position
from avtale.i18n import _

MAX_ENTRIES = 10_000
MAX_DIRECTORY = 4 * 1024 * 1024
CHUNK = 64 * 1024
OFFICE_DOCUMENT = "/officeDocument"
DECLARATIONS = [m.encode(enc) for m in ("<!DOCTYPE", "<!ENTITY") for enc in ("utf-8", "utf-16-le", "utf-16-be")]
OVERLAP = max(len(d) for d in DECLARATIONS)
BLOBS = re.compile(r"\.(png|jpe?g|gif|bmp|tiff?|emf|wmf|svg|bin|ttf|odttf)$", re.IGNORECASE)  # never parsed as XML


def check(raw: bytes, path: Path | str) -> str:
    """The main document part's name, once the whole archive has passed every check."""
    if raw.startswith(b"\xd0\xcf\x11\xe0"):
        raise ExtractError(_("an old .doc or a password-protected Word file; save it as .docx without a password"),
                           Position(path))
    if not raw.startswith(b"PK"):
        raise ExtractError(_("not a Word file (not a zip archive)"), Position(path))
    _check_directory(raw, path)
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, OSError, struct.error) as exc:
        raise ExtractError(_("not a Word file (damaged zip archive: {reason})").format(reason=str(exc)[:60]),
                           Position(path)) from None
    names = {i.filename for i in infos}
    for required in ("[Content_Types].xml", "_rels/.rels"):
        if required not in names:
            raise ExtractError(_("not a Word file: {required} is missing").format(required=required), Position(path))
    total = 0
    for info in infos:
        total += _inflate(raw, info, path, limits.current.source_bytes - total)
    main = _main_part(archive.read("_rels/.rels"), path)
    if main not in names:
        raise ExtractError(_("not a Word file: its main document part {main} is missing").format(main=main), Position(path))
    return main


def _check_directory(raw: bytes, path: Path | str) -> None:
    """The entry count and directory size from the end record, before zipfile builds an object per entry."""
    at = len(raw) - 22 if raw[-22:-18] == b"PK\x05\x06" else raw.rfind(b"PK\x05\x06", max(0, len(raw) - 65557))
    if at < 0 or at + 22 > len(raw):
        raise ExtractError(_("not a Word file (not a zip archive: no end of central directory)"), Position(path))
    entries, size = struct.unpack("<HI", raw[at + 10:at + 16])
    if at >= 20 and raw[at - 20:at - 16] == b"PK\x06\x07":  # ZIP64: zipfile trusts the record before the locator
        record = raw[at - 76:at - 20]
        if len(record) < 56 or not record.startswith(b"PK\x06\x06"):
            raise ExtractError(_("not a Word file (damaged ZIP64 directory)"), Position(path))
        entries, size = struct.unpack("<QQ", record[32:48])
    if entries > MAX_ENTRIES or size > MAX_DIRECTORY:
        raise ExtractError(_("the archive lists {entries} parts in {size} bytes; a Word file has far fewer "
                             "(at most {most})").format(entries=entries, size=size, most=MAX_ENTRIES), Position(path))


def _inflate(raw: bytes, info: zipfile.ZipInfo, path: Path | str, room: int) -> int:
    """Inflate one part as a stream, never past the limits; the bytes it really holds."""
    most = limits.current.part_bytes
    name = info.filename
    if info.flag_bits & 0x1:
        raise ExtractError(_("part {name} is encrypted").format(name=name), Position(path))
    if info.compress_type not in (zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED):
        raise ExtractError(_("part {name} uses compression method {method}; Word uses deflate")
                           .format(name=name, method=info.compress_type),
                           Position(path))
    if info.file_size > most:
        raise _too_big(name, info.file_size, path)
    start = info.header_offset
    header = raw[start:start + 30]
    if len(header) < 30 or not header.startswith(b"PK\x03\x04"):
        raise ExtractError(_("not a Word file (damaged zip archive: no local header for {name})")
                           .format(name=name), Position(path))
    name_len, extra_len = struct.unpack("<HH", header[26:30])
    data = memoryview(raw)[start + 30 + name_len + extra_len:][:info.compress_size]
    scan = not BLOBS.search(name)
    inflater = zlib.decompressobj(-15) if info.compress_type == zipfile.ZIP_DEFLATED else None
    size, tail = 0, b""
    for at in range(0, len(data), CHUNK):
        chunk = bytes(data[at:at + CHUNK])
        while chunk:
            if inflater is None:
                out, chunk = chunk, b""
            else:
                try:
                    out = inflater.decompress(chunk, CHUNK)
                except zlib.error:
                    raise ExtractError(_("not a Word file (part {name} is damaged)").format(name=name),
                                       Position(path)) from None
                chunk = inflater.unconsumed_tail
            size += len(out)
            if size > most:
                raise _too_big(name, None, path)
            if size > room:
                raise ExtractError(_("the parts inflate to more than {most} bytes in all (see --max-source-size)")
                                   .format(most=limits.current.source_bytes), Position(path))
            if scan:
                window = tail + out
                if any(d in window for d in DECLARATIONS):
                    raise ExtractError(_("part {name} declares a DOCTYPE or entities; Word never writes them, "
                                         "and they are not read (XXE)").format(name=name), Position(path))
                tail = window[-OVERLAP:]
    if size != info.file_size:
        raise ExtractError(_("not a Word file (part {name} holds {size} bytes, its header says {declared})")
                           .format(name=name, size=size, declared=info.file_size), Position(path))
    return size


def _too_big(name: str, declared: int | None, path: Path | str) -> ExtractError:
    most = limits.current.part_bytes
    if declared is not None:
        message = _("part {name} declares {declared} bytes, more than the limit of {most} bytes (see --max-part-size)")
    else:
        message = _("part {name} inflates to more than the limit of {most} bytes (see --max-part-size)")
    return ExtractError(message.format(name=name, declared=declared, most=most), Position(path))


def _main_part(rels: bytes, path: Path | str) -> str:
    from lxml import etree

    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False, huge_tree=False)
    try:
        root = etree.fromstring(rels, parser)
    except etree.XMLSyntaxError as exc:
        raise ExtractError(_("not a Word file: _rels/.rels is not XML ({reason})").format(reason=str(exc)[:60]),
                           Position(path)) from None
    for rel in root:
        if str(rel.get("Type", "")).endswith(OFFICE_DOCUMENT) and rel.get("TargetMode") != "External":
            return re.sub(r"^/+", "", str(rel.get("Target", "")))
    raise ExtractError(_("not a Word file: no main document part in _rels/.rels"), Position(path))

"""PDF objects as Python values, read from and written to bytes (for `pdf_update`; no pypdf).

dict (keys and name values are `Name`), list, `Name`, `String` (literal) and `HexString` (both bytes), int,
float, bool, None (null), `Ref`; a `Stream` is a dict with its data. `Parser` reads one object at a place in
the file (streams are refused), `serialize` writes one: deterministic, the same objects give the same bytes.
"""

from __future__ import annotations

import re
from typing import NamedTuple

from avtale.errors import RenderError
from avtale.i18n import _

WHITESPACE = b"\x00\t\n\x0c\r "
DELIMITERS = b"()<>[]{}/%"
_REF = re.compile(rb"(\d+)[\x00\t\n\x0c\r ]+(\d+)[\x00\t\n\x0c\r ]+R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%])")
_REFS = re.compile(rb"(?:[\x00\t\n\x0c\r ]*\d+[\x00\t\n\x0c\r ]+\d+[\x00\t\n\x0c\r ]+R(?![^\x00\t\n\x0c\r ()<>\[\]{}/%]))*")
_NUMBER = re.compile(rb"[+-]?(\d+\.?\d*|\.\d+)")
_SKIP = re.compile(rb"(?:[\x00\t\n\x0c\r ]+|%[^\r\n]*)*")
_HEX = re.compile(rb"<([0-9A-Fa-f\x00\t\n\x0c\r ]*)>")
_OCTAL = re.compile(rb"[0-7]{1,3}")
_TOKEN = re.compile(rb"[^\x00\t\n\x0c\r ()<>\[\]{}/%]*")
# an xref entry as the standard writes it (and Typst does): exactly 20 bytes, read without the tokenizer
_ESCAPES = {ord("n"): b"\n", ord("r"): b"\r", ord("t"): b"\t", ord("b"): b"\b", ord("f"): b"\f"}


class Name(str):
    """A PDF name, without its slash."""


class String(bytes):
    """A literal string, as raw bytes."""


class HexString(bytes):
    """A hexadecimal string, as raw bytes."""


class Ref(NamedTuple):
    num: int
    gen: int = 0


class Stream(dict):
    """A stream: its dictionary, and its data (/Length is set when written)."""

    def __init__(self, entries: dict, data: bytes = b""):
        super().__init__(entries)
        self.data = data


def text(value: str) -> String | HexString:
    """A text string: ASCII as it is, anything else as UTF-16BE with its byte order mark (as Typst writes)."""
    if value.isascii() and value.isprintable():
        return String(value.encode("ascii"))
    return HexString(b"\xfe\xff" + value.encode("utf-16-be"))


# -- parsing -------------------------------------------------------------------------------------


class Parser:
    """Objects from PDF bytes, starting at `pos`."""

    def __init__(self, data: bytes, pos: int = 0):
        self.data, self.pos = data, pos

    def fail(self, what: str):
        raise RenderError(_("Cannot read the PDF at byte {pos}: {what}").format(pos=self.pos, what=what))

    def skip(self) -> None:
        """Past whitespace and comments."""
        self.pos = _SKIP.match(self.data, self.pos).end()

    def keyword(self) -> bytes:
        self.skip()
        m = _TOKEN.match(self.data, self.pos)
        self.pos = m.end()
        return m.group()

    def value(self):
        self.skip()
        data, pos = self.data, self.pos
        if pos >= len(data):
            self.fail(_("unexpected end of file"))
        c = data[pos:pos + 1]
        if c == b"/":
            m = _TOKEN.match(data, pos + 1)
            self.pos = m.end()
            return Name(re.sub(rb"#([0-9a-fA-F]{2})", lambda h: bytes.fromhex(h.group(1).decode()), m.group())
                        .decode("utf-8", "surrogateescape"))
        if data.startswith(b"<<", pos):
            self.pos += 2
            out = {}
            while True:
                self.skip()
                if data.startswith(b">>", self.pos):
                    self.pos += 2
                    return out
                key = self.value()
                if not isinstance(key, Name):
                    self.fail(_("a dictionary key that is not a name"))
                out[key] = self.value()
        if c == b"[":
            self.pos += 1
            items = []
            while True:
                m = _REFS.match(data, self.pos)  # a run of references (kids, pages), read in one go
                if m.end() > self.pos:
                    items += [Ref(int(n), int(g)) for n, g in _REF.findall(m.group())]
                    self.pos = m.end()
                self.skip()
                if data.startswith(b"]", self.pos):
                    self.pos += 1
                    return items
                items.append(self.value())
        if c == b"(":
            return self.literal()
        if c == b"<":
            m = _HEX.match(data, pos) or self.fail(_("bad hex string"))
            self.pos = m.end()
            digits = bytes(b for b in m.group(1) if b not in WHITESPACE)
            return HexString(bytes.fromhex((digits + b"0" * (len(digits) % 2)).decode("ascii")))
        m = _REF.match(data, pos)
        if m:
            self.pos = m.end()
            return Ref(int(m.group(1)), int(m.group(2)))
        word = self.keyword()
        if word in (b"true", b"false"):
            return word == b"true"
        if word == b"null":
            return None
        if _NUMBER.fullmatch(word):
            return float(word) if b"." in word else int(word)
        self.pos = pos
        self.fail(_("unexpected {data!r}").format(data=data[pos:pos + 12]))

    def literal(self) -> String:
        data, pos, depth, out = self.data, self.pos + 1, 1, bytearray()
        while pos < len(data):
            c = data[pos]
            pos += 1
            if c == 0x5C:  # backslash
                e = data[pos] if pos < len(data) else None
                pos += 1
                if e in _ESCAPES:
                    out += _ESCAPES[e]
                elif e is not None and 0x30 <= e <= 0x37:
                    m = _OCTAL.match(data, pos - 1)
                    out.append(int(m.group(), 8) & 0xFF)
                    pos = m.end()
                elif e == 0x0D:  # line continuation
                    pos += data.startswith(b"\n", pos)
                elif e != 0x0A and e is not None:
                    out.append(e)
            elif c == 0x0D:  # an end of line in a string is a line feed
                pos += data.startswith(b"\n", pos)
                out += b"\n"
            else:
                depth += (c == 0x28) - (c == 0x29)
                if depth == 0:
                    self.pos = pos
                    return String(bytes(out))
                out.append(c)
        self.fail(_("unterminated string"))


def parse(data: bytes):
    """One object from bytes (a whole value, nothing else)."""
    parser = Parser(data)
    value = parser.value()
    parser.skip()
    if parser.pos != len(data):
        parser.fail(_("more than one object"))
    return value


# -- serializing ---------------------------------------------------------------------------------


_NAMES: dict[str, bytes] = {}  # a name -> its bytes: the same few names (/Type, /K, /P …) come again and again


def _name(name: str) -> bytes:
    out = _NAMES.get(name)
    if out is None:
        out = b"/" + b"".join(
            bytes([b]) if 0x21 <= b <= 0x7E and b not in DELIMITERS and b != 0x23 else b"#%02X" % b
            for b in name.encode("utf-8", "surrogateescape"))
        if len(_NAMES) < 4096:
            _NAMES[name] = out
    return out


def _ref_or_int(item) -> bytes:
    """What most of a structure tree's arrays hold (its kids, the parent tree's numbers), written directly."""
    return b"%d %d R" % item if type(item) is Ref else b"%d" % item


def serialize(obj) -> bytes:
    if isinstance(obj, Name):
        return _name(obj)
    if isinstance(obj, bool):
        return b"true" if obj else b"false"
    if obj is None:
        return b"null"
    if isinstance(obj, int):
        return b"%d" % obj
    if isinstance(obj, float):
        return _real(obj)
    if isinstance(obj, Ref):
        return b"%d %d R" % obj
    if isinstance(obj, HexString):
        return b"<" + obj.hex().upper().encode() + b">"
    if isinstance(obj, bytes):
        return b"(" + b"".join(_LITERAL[b] for b in obj) + b")"
    if isinstance(obj, list):
        return b"[" + b" ".join([_ref_or_int(item) if type(item) in (Ref, int) else serialize(item)
                                  for item in obj]) + b"]"
    if isinstance(obj, Stream):
        entries = {**obj, Name("Length"): len(obj.data)}
        return serialize(dict(entries)) + b"\nstream\n" + obj.data + b"\nendstream"
    if isinstance(obj, dict):
        return b"<<" + b"".join(_name(k) + b" " + serialize(v) for k, v in obj.items()) + b">>"
    raise TypeError(f"not a PDF object: {obj!r}")


def _real(value: float) -> bytes:
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"not a PDF number: {value}")
    out = repr(value)
    if "e" in out:
        out = f"{value:.10f}"
    out = out.rstrip("0").rstrip(".") if "." in out else out
    return out.encode()


_LITERAL = [
    b"\\" + bytes([b]) if b in b"()\\" else b"\\n" if b == 10 else b"\\r" if b == 13
    else bytes([b]) if 0x20 <= b <= 0x7E else b"\\%03o" % b
    for b in range(256)
]

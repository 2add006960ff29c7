"""A small incremental-update writer for the PDFs Typst writes (no pypdf: it costs 0.2 s to import).

Reads what an update needs: the classic xref table(s) and trailer, and single
objects by number. Writes changed and new objects after the original bytes,
which stay untouched, with a new xref section and a trailer pointing back
(/Prev). Files with a cross-reference stream or object streams are refused
with a RenderError: Typst does not write them, and this module does not
read them.

PDF objects as Python values: dict (keys and name values are `Name`), list,
`Name`, `String` (literal) and `HexString` (both bytes), int, float, bool,
None (null), `Ref`; a `Stream` is a dict with its data. Serializing is
deterministic: the same objects give the same bytes.
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
_XREF_ENTRIES = re.compile(rb"\d{10} \d{5} [nf](?: \r| \n|\r\n)")
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


# -- the update ----------------------------------------------------------------------------------


class Update:
    """An incremental update of `original`: read objects, change or add some, write them after it."""

    def __init__(self, original: bytes):
        self.original = original
        tail = original.rfind(b"startxref", max(0, len(original) - 2048))
        if tail < 0:
            raise RenderError(_("Cannot read the PDF: no startxref at its end"))
        self.startxref = Parser(original, tail + len(b"startxref")).value()
        self.offsets: dict[int, tuple[int, int]] = {}  # number -> (offset, generation), newest wins
        self.trailer: dict | None = None
        section, seen = self.startxref, set()
        while isinstance(section, int) and section not in seen:
            seen.add(section)
            trailer = self._xref_section(section)
            self.trailer = trailer if self.trailer is None else self.trailer
            section = trailer.get("Prev")
        if self.trailer is None or not isinstance(self.trailer.get("Size"), int):
            raise RenderError(_("Cannot read the PDF: no trailer with /Size"))
        self.size = max([self.trailer["Size"], *(n + 1 for n in self.offsets)])
        self.changed: dict[int, tuple[int, object]] = {}  # number -> (generation, object)
        self._cache: dict[int, object] = {}

    def _xref_section(self, offset: int) -> dict:
        if not self.original.startswith(b"xref", offset):
            if re.match(rb"\d+\s+\d+\s+obj", self.original[offset:offset + 40]):
                raise RenderError(_("Cannot add signature fields: the PDF has a cross-reference stream "
                                    "(only a classic xref table is supported)"))
            raise RenderError(_("Cannot read the PDF: no xref table at byte {offset}").format(offset=offset))
        parser = Parser(self.original, offset + 4)
        while True:
            word = Parser(self.original, parser.pos).keyword()
            if word == b"trailer":
                parser.keyword()
                break
            start, count = parser.value(), parser.value()
            if not isinstance(start, int) or not isinstance(count, int):
                parser.fail(_("bad xref subsection"))
            if self._fixed_entries(parser, start, count):
                continue
            for num in range(start, start + count):
                entry_offset, gen, kind = parser.value(), parser.value(), parser.keyword()
                if kind not in (b"n", b"f") or not isinstance(entry_offset, int) or not isinstance(gen, int):
                    parser.fail(_("bad xref entry"))
                self.offsets.setdefault(num, (entry_offset if kind == b"n" else -1, gen))
        trailer = parser.value()
        if not isinstance(trailer, dict):
            parser.fail(_("the trailer is not a dictionary"))
        if "XRefStm" in trailer:
            raise RenderError(_("Cannot add signature fields: the PDF has object streams (a hybrid xref); "
                                "only a classic xref table is supported"))
        return trailer

    def _fixed_entries(self, parser: Parser, start: int, count: int) -> bool:
        """A subsection whose entries are all of the standard's 20 bytes, read in one go (the same entries the
        tokenizer would read, ~10× faster); False, and nothing read, if any entry is written otherwise."""
        parser.skip()
        pos, end = parser.pos, parser.pos + 20 * count
        block = self.original[pos:end]
        if len(block) != 20 * count or len(_XREF_ENTRIES.findall(block)) != count:
            return False
        setdefault = self.offsets.setdefault
        for num, at in zip(range(start, start + count), range(0, 20 * count, 20)):
            setdefault(num, (int(block[at:at + 10]) if block[at + 17] == 110 else -1, int(block[at + 11:at + 16])))
        parser.pos = end
        return True

    def get(self, obj):
        """The object itself if `obj` is a reference (changed objects as changed), else `obj`."""
        if not isinstance(obj, Ref):
            return obj
        if obj.num in self.changed:
            return self.changed[obj.num][1]
        if obj.num not in self._cache:
            offset, gen = self.offsets.get(obj.num, (-1, 0))
            if offset < 0:
                return None  # a free or missing object is null
            parser = Parser(self.original, offset)
            if (parser.value(), parser.value(), parser.keyword()) != (obj.num, gen, b"obj"):
                raise RenderError(_("Cannot read the PDF: object {num} is not where its xref entry says")
                                  .format(num=obj.num))
            value = parser.value()
            if isinstance(value, dict) and parser.keyword() == b"stream":
                raise RenderError(_("Cannot read the PDF: object {num} is a stream (not supported here)")
                                  .format(num=obj.num))
            self._cache[obj.num] = value
        return self._cache[obj.num]

    def touch(self, ref: Ref):
        """The object behind `ref`, to be written again by this update (change it in place)."""
        obj = self.get(ref)
        self.changed[ref.num] = (ref.gen, obj)
        return obj

    def add(self, obj) -> Ref:
        """A new indirect object; returns its reference."""
        ref = Ref(self.size, 0)
        self.changed[ref.num] = (0, obj)
        self.size += 1
        return ref

    def root(self) -> dict:
        return self.get(self.trailer["Root"])

    def pages(self) -> list[Ref]:
        """The page objects, in order."""
        out, seen = [], set()

        def walk(ref):
            node = self.get(ref)
            if not isinstance(node, dict) or ref in seen:
                return
            seen.add(ref)
            if node.get("Type") == "Pages" or "Kids" in node:
                for kid in self.get(node.get("Kids", [])):
                    walk(kid)
            else:
                out.append(ref)

        walk(self.root()["Pages"])
        return out

    def inherited(self, page: Ref, key: str):
        """A page attribute, looked up through its parents (MediaBox, Resources, ...)."""
        node, seen = self.get(page), set()
        while isinstance(node, dict) and id(node) not in seen:
            seen.add(id(node))
            if key in node:
                return self.get(node[key])
            node = self.get(node.get("Parent"))
        return None

    def write(self) -> bytes:
        out = bytearray(self.original)
        if not out.endswith(b"\n"):
            out += b"\n"
        offsets = {}
        for num in sorted(self.changed):
            gen, obj = self.changed[num]
            offsets[num] = (len(out), gen)
            out += b"%d %d obj\n" % (num, gen) + serialize(obj) + b"\nendobj\n"
        xref = len(out)
        out += b"xref\n"
        for run in _runs(sorted(offsets)):
            out += b"%d %d\n" % (run[0], len(run))
            for num in run:
                out += b"%010d %05d n\r\n" % offsets[num]
        trailer = {k: v for k, v in self.trailer.items() if k not in ("Prev", "XRefStm")}
        trailer[Name("Size")] = self.size
        trailer[Name("Prev")] = self.startxref
        out += b"trailer\n" + serialize(trailer) + b"\nstartxref\n%d\n%%%%EOF\n" % xref
        return bytes(out)


def _runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs

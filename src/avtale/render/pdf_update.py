"""A small incremental-update writer for the PDFs Typst writes (no pypdf: it costs 0.2 s to import).

Reads what an update needs: the classic xref table(s) and trailer, and single
objects by number (`pdf_objects` reads and writes the objects themselves). Writes changed and new objects
after the original bytes, which stay untouched, with a new xref section and a trailer pointing back
(/Prev). Files with a cross-reference stream or object streams are refused
with a RenderError: Typst does not write them, and this module does not
read them.
"""

from __future__ import annotations

import re

from avtale.errors import RenderError
from avtale.i18n import _
from avtale.render.pdf_objects import Name, Parser, Ref, serialize

_XREF_ENTRIES = re.compile(rb"\d{10} \d{5} [nf](?: \r| \n|\r\n)")


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

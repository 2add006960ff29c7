"""A tagged PDF's structure tree with the text of each marked piece of content, for `read_pdf_own`.

Reads: pypdf's reader and its pages (their content already decoded under the read's `Budget`, see
`read_pdf.open_pages`). Writes: a tree of `Elem`s (the structure type, its attributes, its kids in order:
elements, `Run`s of text, `Annot`s), or None where the PDF has no structure tree.

A tagged PDF (PDF/UA) marks each piece of page content with an MCID, and its structure tree says which
element (a heading, a paragraph, a list item, a table cell) each piece belongs to, in reading order. The
text of a piece is read here from the page's content stream: each glyph code through its font's
/ToUnicode map (Typst writes Type0 fonts with two-byte codes and a /ToUnicode CMap of bfchar and bfrange
entries; a font without one is read byte for byte), with the baseline of each showing of text, so a reader
can tell where a line ends. Typst sets every space as a glyph (the one a line ends at too) and a hyphen it
adds at a line break as a showing of its own: the text is exact, nothing is guessed from gaps.

Bounded: every operator counts against the read's `Budget` (as `pdf_rows` does), and the tree is walked to
at most MAX_ELEMS elements and MAX_DEPTH deep.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

MAX_ELEMS = 200_000
MAX_DEPTH = 60


@dataclass
class Run:
    """The text of one showing of text inside a marked piece: its page (0-based), baseline y and x."""
    text: str
    page: int
    y: float
    x: float


@dataclass
class Annot:
    """A link annotation the tree refers to (an OBJR): an url, or a named destination («avtale-annex-…»)."""
    uri: str | None = None
    dest: str | None = None


@dataclass
class Elem:
    tag: str
    attrs: dict = field(default_factory=dict)  # /T, /ID, /Alt, /ActualText and the /A attribute entries, by name
    kids: list = field(default_factory=list)

    def runs(self) -> list[Run]:
        out = []
        for kid in self.kids:
            if isinstance(kid, Run):
                out.append(kid)
            elif isinstance(kid, Elem):
                out += kid.runs()
        return out

    def text(self) -> str:
        return join_runs(self.runs())

    def find(self, tag: str) -> list[Elem]:
        return [k for k in self.kids if isinstance(k, Elem) and k.tag == tag]


class TooLarge(Exception):
    """The structure tree is larger or deeper than any agreement's."""


def join_runs(runs: list[Run]) -> str:
    """The runs' text as one line: a soft hyphen (the hyphen Typst adds where it divides a word, its
    /ActualText) left out."""
    return "".join(run.text for run in runs).replace("\u00ad", "")


# -- fonts ------------------------------------------------------------------------------------------------

_BFCHAR = re.compile(rb"beginbfchar(.*?)endbfchar", re.S)
_BFRANGE = re.compile(rb"beginbfrange(.*?)endbfrange", re.S)
_HEX = re.compile(rb"<([0-9A-Fa-f]*)>|\[([^\]]*)\]")


def _utf16(hexbytes: bytes) -> str:
    try:
        return bytes.fromhex(hexbytes.decode()).decode("utf-16-be", errors="replace")
    except ValueError:
        return ""


def to_unicode(font) -> tuple[int, dict]:
    """(bytes per code, {code: text}) from a font's /ToUnicode CMap; (1, {}) without one."""
    cmap = font.get("/ToUnicode") if font is not None else None
    if cmap is None:
        return 1, {}
    data = cmap.get_object().get_data()[:2_000_000]
    width = 2 if str(font.get("/Subtype")) == "/Type0" else 1
    table: dict[int, str] = {}
    for block in _BFCHAR.findall(data):
        items = [m.group(1) for m in _HEX.finditer(block) if m.group(1) is not None]
        for src, dst in zip(items[::2], items[1::2]):
            table[int(src or b"0", 16)] = _utf16(dst)
    for block in _BFRANGE.findall(data):
        tokens = list(_HEX.finditer(block))
        for i in range(0, len(tokens) - 2, 3):
            lo, hi, dst = tokens[i].group(1), tokens[i + 1].group(1), tokens[i + 2]
            if lo is None or hi is None:
                continue
            lo_n, hi_n = int(lo or b"0", 16), int(hi or b"0", 16)
            if hi_n - lo_n > 65536:
                continue
            if dst.group(1) is not None:
                base = _utf16(dst.group(1))
                for k in range(hi_n - lo_n + 1):
                    table[lo_n + k] = base[:-1] + chr(ord(base[-1]) + k) if base else ""
            else:
                items = re.findall(rb"<([0-9A-Fa-f]*)>", dst.group(2))
                for k, item in enumerate(items[: hi_n - lo_n + 1]):
                    table[lo_n + k] = _utf16(item)
    return width, table


def _raw(piece) -> bytes:
    """A string operand's bytes (pypdf gives bytes, or a text string that keeps its original bytes)."""
    if isinstance(piece, bytes):
        return bytes(piece)
    original = getattr(piece, "get_original_bytes", None)
    return original() if original is not None else piece.encode("latin-1", errors="replace")


def decode(raw: bytes, width: int, table: dict) -> str:
    if width == 2:
        codes = [raw[i] << 8 | raw[i + 1] for i in range(0, len(raw) - 1, 2)]
    else:
        codes = list(raw)
    return "".join(table.get(c, chr(c) if width == 1 and not table else "") for c in codes)


# -- content ----------------------------------------------------------------------------------------------

def _mul(a, b):
    return (a[0] * b[0] + a[1] * b[2], a[0] * b[1] + a[1] * b[3], a[2] * b[0] + a[3] * b[2],
            a[2] * b[1] + a[3] * b[3], a[4] * b[0] + a[5] * b[2] + b[4], a[4] * b[1] + a[5] * b[3] + b[5])


def page_runs(page, index: int, budget, fonts: dict) -> dict[int, list[Run]]:
    """{MCID: runs} of one page, in the order the content shows them."""
    from pypdf.generic import ContentStream

    contents = page.get("/Contents")
    if contents is None:
        return {}
    contents = contents.get_object() if not isinstance(contents, ContentStream) else contents
    if not isinstance(contents, ContentStream):
        contents = ContentStream(contents, getattr(page, "pdf", None), "bytes")
    resources = (page.get("/Resources") or {})
    page_fonts = (resources.get("/Font") or {}) if hasattr(resources, "get") else {}
    out: dict[int, list[Run]] = {}
    marks: list = []  # the MCID of each open marked-content sequence (None: one without)
    ctm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    stack: list = []
    tm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
    font = (1, {})
    with budget.parsing():
        operations = contents.operations
    for args, op in operations:
        budget.visit(op, args)
        if op == b"q":
            stack.append(ctm)
        elif op == b"Q":
            ctm = stack.pop() if stack else ctm
        elif op == b"cm" and len(args) == 6:
            ctm = _mul(tuple(float(a) for a in args), ctm)
        elif op == b"BT":
            tm = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
        elif op == b"Tm" and len(args) == 6:
            tm = tuple(float(a) for a in args)
        elif op == b"Td" and len(args) == 2:
            tm = _mul((1.0, 0.0, 0.0, 1.0, float(args[0]), float(args[1])), tm)
        elif op == b"Tf" and args:
            name = args[0]
            obj = page_fonts.get(name) if hasattr(page_fonts, "get") else None
            obj = obj.get_object() if obj is not None else None
            key = id(obj)
            if key not in fonts:
                fonts[key] = (obj, to_unicode(obj))
            font = fonts[key][1]
        elif op in (b"BDC", b"BMC"):
            mcid = actual = None
            if op == b"BDC" and len(args) == 2:
                props = args[1]
                if hasattr(props, "get_object"):
                    props = props.get_object()
                if hasattr(props, "get") and props.get("/MCID") is not None:
                    mcid = int(props["/MCID"])
                if hasattr(props, "get") and props.get("/ActualText") is not None:
                    actual = [str(props["/ActualText"])]
            marks.append((mcid, actual))
        elif op == b"EMC":
            if marks:
                marks.pop()
        elif op in (b"Tj", b"TJ", b"'", b'"') and args:
            shown = args[-1]
            pieces = shown if isinstance(shown, list) else [shown]
            text = "".join(decode(_raw(p), *font) for p in pieces if isinstance(p, (bytes, str)))
            actual = next((a for _, a in reversed(marks) if a is not None), None)
            if actual is not None:  # the span's /ActualText stands for all it shows, said once
                text, actual[:] = "".join(actual), []
            mcid = next((m for m, _ in reversed(marks) if m is not None), None)
            if mcid is None or not text:
                continue
            where = _mul(tm, ctm)
            out.setdefault(mcid, []).append(Run(text, index, where[5], where[4]))
    return out


# -- the tree ---------------------------------------------------------------------------------------------

def _attrs(elem) -> dict:
    out = {}
    for key in ("/T", "/ID", "/Alt", "/ActualText", "/Lang"):
        if key in elem:
            out[key[1:]] = str(elem[key])
    a = elem.get("/A")
    if a is not None:
        a = a.get_object()
        for entry in a if isinstance(a, list) else [a]:
            entry = entry.get_object() if hasattr(entry, "get_object") else entry
            if hasattr(entry, "items"):
                for k, v in entry.items():
                    if k != "/O":
                        out[k[1:]] = v
    return out


def _annot(obj) -> Annot:
    annot = Annot()
    try:
        action = obj.get("/A")
        action = action.get_object() if action is not None else None
        if action is not None and action.get("/URI") is not None:
            annot.uri = str(action["/URI"])
        dest = action.get("/D") if action is not None else obj.get("/Dest")
        if dest is not None and isinstance(dest.get_object(), (str, bytes)):
            annot.dest = str(dest.get_object())
    except (AttributeError, KeyError, TypeError, ValueError):
        pass
    return annot


def structure(reader, pages: list, budget) -> Elem | None:
    """The document's structure tree with the text of its marked content; None without one."""
    root = reader.trailer["/Root"].get("/StructTreeRoot")
    if root is None:
        return None
    numbers = {page.indirect_reference.idnum: i for i, page in enumerate(pages) if page.indirect_reference is not None}
    fonts: dict = {}
    texts: dict[int, dict[int, list[Run]]] = {}
    count = [0]

    def runs_of(page_index: int | None, mcid: int) -> list[Run]:
        if page_index is None:
            return []
        if page_index not in texts:
            budget.page(page_index + 1)
            texts[page_index] = page_runs(pages[page_index], page_index, budget, fonts)
        return texts[page_index].get(mcid, [])

    def page_of(obj, inherited):
        pg = obj.get("/Pg") if hasattr(obj, "get") else None
        if pg is not None and hasattr(pg, "idnum"):
            return numbers.get(pg.idnum, inherited)
        return inherited

    def walk(obj, depth: int, page: int | None, into: list) -> None:
        count[0] += 1
        if count[0] > MAX_ELEMS or depth > MAX_DEPTH:
            raise TooLarge
        obj = obj.get_object() if hasattr(obj, "get_object") else obj
        if isinstance(obj, int):
            into.extend(runs_of(page, int(obj)))
            return
        if isinstance(obj, list):
            for item in obj:
                walk(item, depth, page, into)
            return
        if not hasattr(obj, "get"):
            return
        kind = obj.get("/Type")
        if kind == "/MCR":
            into.extend(runs_of(page_of(obj, page), int(obj.get("/MCID", -1))))
            return
        if kind == "/OBJR":
            target = obj.get("/Obj")
            target = target.get_object() if target is not None else None
            if target is not None and target.get("/Subtype") == "/Link":
                into.append(_annot(target))
            return
        tag = str(obj.get("/S", ""))[1:]
        elem = Elem(tag, _attrs(obj))
        kids = obj.get("/K")
        if kids is not None:
            walk(kids, depth + 1, page_of(obj, page), elem.kids)
        into.append(elem)

    top = Elem("StructTreeRoot")
    walk(root.get_object().get("/K"), 0, None, top.kids)
    return top

"""Empty signature fields, added to Typst's PDF/A-2a file as an incremental update.

One field per signatory, named after its column (`sig-kd`), placed over the
signature line whose position Typst reported. The update keeps the file
PDF/A-2 and PDF/UA-1: each widget prints (/F 4), has an (empty) normal
appearance, a tooltip (/TU), and sits in the structure tree as a /Form
element; the page's tab order follows the structure (/Tabs /S). The original
bytes are left untouched, so a PAdES signature can be added later the same way.
The update holds no date and no random ID: the same input gives the same bytes.
"""

from __future__ import annotations

import io

MM = 72 / 25.4


def add_signature_fields(pdf: bytes, lines: list[dict], columns: dict, layout: dict) -> bytes:
    """`lines` as reported by the template: field, page (1-based), x, y (pt from the top left), width."""
    if not lines:
        return pdf
    from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject, NumberObject

    update = _Update(pdf)
    root = update.touch(update.reader.trailer.raw_get("/Root"))
    tree_ref = root.raw_get("/StructTreeRoot")
    tree = update.touch(tree_ref)
    document_ref = _document_element(tree, tree_ref)
    document = update.touch(document_ref)
    parents = tree.raw_get("/ParentTree")
    if hasattr(parents, "idnum"):
        update.touch(parents)
    next_key = int(tree.get("/ParentTreeNextKey", 0))
    height = float(layout.get("signature", {}).get("space_above_line_mm", 18)) * 0.8 * MM
    acro_fields = ArrayObject()

    for line in sorted(lines, key=lambda item: (item["page"], item["x"], item["y"])):
        column = columns[line["field"]]
        page = update.reader.pages[line["page"] - 1]
        page_ref = page.indirect_reference
        update.objects[page_ref.idnum] = page
        x, bottom, width = float(line["x"]), float(page.mediabox.top) - float(line["y"]) + 1, float(line["width"])
        appearance = DecodedStreamObject()
        appearance.set_data(b"")
        appearance.update({
            NameObject("/Type"): NameObject("/XObject"),
            NameObject("/Subtype"): NameObject("/Form"),
            NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), _num(width), _num(height)]),
        })
        label = f"Signatur: {column.name}, {column.title} ({column.party})"
        widget_ref = update.add(DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"),
            NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/FT"): NameObject("/Sig"),
            NameObject("/T"): _text(line["field"]),
            NameObject("/TU"): _text(label),
            NameObject("/F"): NumberObject(4),
            NameObject("/Rect"): ArrayObject([_num(x), _num(bottom), _num(x + width), _num(bottom + height)]),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): update.add(appearance)}),
            NameObject("/P"): page_ref,
            NameObject("/StructParent"): NumberObject(next_key),
        }))
        annots = page.raw_get("/Annots") if "/Annots" in page else None
        if annots is None:
            page[NameObject("/Annots")] = ArrayObject([widget_ref])
        else:
            (update.touch(annots) if hasattr(annots, "idnum") else annots).append(widget_ref)
        page[NameObject("/Tabs")] = NameObject("/S")
        element_ref = update.add(DictionaryObject({
            NameObject("/Type"): NameObject("/StructElem"),
            NameObject("/S"): NameObject("/Form"),
            NameObject("/P"): document_ref,
            NameObject("/Pg"): page_ref,
            NameObject("/Alt"): _text(label),
            NameObject("/K"): DictionaryObject({
                NameObject("/Type"): NameObject("/OBJR"),
                NameObject("/Obj"): widget_ref,
                NameObject("/Pg"): page_ref,
            }),
        }))
        _append_kid(update, document, element_ref)
        _parent_tree_add(update, tree, next_key, widget_ref)
        next_key += 1
        acro_fields.append(widget_ref)

    tree[NameObject("/ParentTreeNextKey")] = NumberObject(next_key)
    if "/AcroForm" in root:
        acro = root.raw_get("/AcroForm")
        acro = update.touch(acro) if hasattr(acro, "idnum") else acro
        acro["/Fields"].get_object().extend(acro_fields)
    else:
        root[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): acro_fields})
    return update.write()


class _Update:
    """An incremental update: changed and new objects, a classic xref table, the full trailer again."""

    def __init__(self, pdf: bytes):
        from pypdf import PdfReader

        self.original = pdf
        self.reader = PdfReader(io.BytesIO(pdf))
        self.size = int(self.reader.trailer["/Size"])
        self.objects: dict[int, object] = {}

    def touch(self, ref):
        """The object behind an indirect reference, marked as changed by this update."""
        obj = ref.get_object()
        self.objects[ref.idnum] = obj
        return obj

    def add(self, obj):
        """A new indirect object; returns its reference."""
        from pypdf.generic import IndirectObject

        ref = IndirectObject(self.size, 0, self.reader)
        self.objects[self.size] = obj
        self.reader.cache_indirect_object(0, self.size, obj)
        self.size += 1
        return ref

    def write(self) -> bytes:
        from pypdf.generic import DictionaryObject, NameObject, NumberObject

        out = io.BytesIO()
        out.write(self.original)
        if not self.original.endswith(b"\n"):
            out.write(b"\n")
        offsets = {}
        for idnum in sorted(self.objects):
            offsets[idnum] = out.tell()
            out.write(f"{idnum} 0 obj\n".encode())
            self.objects[idnum].write_to_stream(out)
            out.write(b"\nendobj\n")
        xref = out.tell()
        out.write(b"xref\n")
        for run in _runs(sorted(offsets)):
            out.write(f"{run[0]} {len(run)}\n".encode())
            for idnum in run:
                out.write(f"{offsets[idnum]:010d} 00000 n\r\n".encode())
        trailer = DictionaryObject({NameObject(k): v for k, v in self.reader.trailer.items() if k not in ("/Prev", "/XRefStm")})
        trailer[NameObject("/Size")] = NumberObject(self.size)
        trailer[NameObject("/Prev")] = NumberObject(self.reader._startxref)
        out.write(b"trailer\n")
        trailer.write_to_stream(out)
        out.write(f"\nstartxref\n{xref}\n%%EOF\n".encode())
        return out.getvalue()


def _runs(numbers: list[int]) -> list[list[int]]:
    runs: list[list[int]] = []
    for n in numbers:
        if runs and runs[-1][-1] == n - 1:
            runs[-1].append(n)
        else:
            runs.append([n])
    return runs


def _text(value: str):
    from pypdf.generic import TextStringObject

    return TextStringObject(value)


def _num(value: float):
    from pypdf.generic import FloatObject

    return FloatObject(round(value, 3))


def _document_element(tree, tree_ref):
    """The top /Document structure element (Typst writes one); else the tree root itself."""
    from pypdf.generic import ArrayObject

    kids = tree.raw_get("/K") if "/K" in tree else None
    if isinstance(kids, ArrayObject) and kids:
        kids = kids[0]
    if hasattr(kids, "idnum") and kids.get_object().get("/S") == "/Document":
        return kids
    return tree_ref


def _append_kid(update, element, kid_ref) -> None:
    from pypdf.generic import ArrayObject, NameObject

    kids = element.raw_get("/K") if "/K" in element else None
    if kids is None:
        element[NameObject("/K")] = ArrayObject([kid_ref])
        return
    holder = update.touch(kids) if hasattr(kids, "idnum") else kids
    if isinstance(holder, ArrayObject):
        holder.append(kid_ref)
    else:
        element[NameObject("/K")] = ArrayObject([kids, kid_ref])


def _parent_tree_add(update, tree, key: int, ref) -> None:
    """Map StructParent `key` to the annotation itself (a flat number tree, or one with kids)."""
    from pypdf.generic import ArrayObject, DictionaryObject, NameObject, NumberObject

    if "/ParentTree" not in tree:
        tree[NameObject("/ParentTree")] = DictionaryObject({NameObject("/Nums"): ArrayObject([NumberObject(key), ref])})
        return
    parents = tree["/ParentTree"].get_object()
    if "/Nums" in parents:
        nums = parents.raw_get("/Nums")
        (update.touch(nums) if hasattr(nums, "idnum") else nums).extend([NumberObject(key), ref])
    else:
        kids = parents.raw_get("/Kids")
        leaf = update.add(DictionaryObject({
            NameObject("/Nums"): ArrayObject([NumberObject(key), ref]),
            NameObject("/Limits"): ArrayObject([NumberObject(key), NumberObject(key)]),
        }))
        (update.touch(kids) if hasattr(kids, "idnum") else kids).append(leaf)

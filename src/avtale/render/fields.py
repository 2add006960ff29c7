"""Empty signature fields, added to Typst's PDF/A-2a file as an incremental update.

One field per signatory, named after its column (`sig-kd`), placed over the
signature line whose position Typst reported. The update keeps the file
PDF/A-2 and PDF/UA-1: each widget prints (/F 4), has an (empty) normal
appearance, a tooltip (/TU), and sits in the structure tree as a /Form
element; the page's tab order follows the structure (/Tabs /S). The original
bytes are left untouched, so a PAdES signature can be added later the same way.
The update holds no date and no random ID: the same input gives the same bytes.
It is written with `pdf_update`, not pypdf, which would cost `avtale build`
about 0.2 s of start-up to import.
"""

from __future__ import annotations

from avtale.render import pdf_dests
from avtale.render.pdf_objects import Name, Ref, Stream, text
from avtale.render.pdf_update import Update

MM = 72 / 25.4


def add_signature_fields(pdf: bytes, lines: list[dict], columns: dict, layout: dict,
                         dests: list[dict] | None = None) -> bytes:
    """`lines` as reported by the template: field, page (1-based), x, y (pt from the top left), width.
    `dests`: named destinations to add in the same update (`pdf_dests`). Neither lines (an agreement signed
    electronically, or without a signature block) nor dests: the PDF as it is."""
    if not lines and not dests:
        return pdf
    update = Update(pdf)
    pdf_dests.add(update, dests or [])
    if not lines:
        return update.write() if update.changed else pdf
    root = update.touch(update.trailer["Root"])
    tree_ref = root["StructTreeRoot"]
    tree = update.touch(tree_ref)
    document_ref = _document_element(update, tree, tree_ref)
    document = update.touch(document_ref)
    if isinstance(tree.get("ParentTree"), Ref):
        update.touch(tree["ParentTree"])
    next_key = int(update.get(tree.get("ParentTreeNextKey", 0)))
    height = float(layout.get("signature", {}).get("space_above_line_mm", 18)) * 0.8 * MM
    pages = update.pages()
    acro_fields = []

    # in reading order: rows of signatories top to bottom, each row left to right
    for line in sorted(lines, key=lambda item: (item["page"], round(float(item["y"]), 1), item["x"])):
        column = columns[line["field"]]
        page_ref = pages[line["page"] - 1]
        page = update.touch(page_ref)
        box = [float(update.get(v)) for v in update.inherited(page_ref, "MediaBox")]
        x, bottom, width = float(line["x"]), max(box[1], box[3]) - float(line["y"]) + 1, float(line["width"])
        appearance = Stream({Name("Type"): Name("XObject"), Name("Subtype"): Name("Form"),
                             Name("BBox"): [0.0, 0.0, _num(width), _num(height)]})
        label = f"Signatur: {column.name}, {column.title} ({column.party})"
        widget_ref = update.add({
            Name("Type"): Name("Annot"),
            Name("Subtype"): Name("Widget"),
            Name("FT"): Name("Sig"),
            Name("T"): text(line["field"]),
            Name("TU"): text(label),
            Name("F"): 4,
            Name("Rect"): [_num(x), _num(bottom), _num(x + width), _num(bottom + height)],
            Name("AP"): {Name("N"): update.add(appearance)},
            Name("P"): page_ref,
            Name("StructParent"): next_key,
        })
        _append(update, page, "Annots", widget_ref)
        page[Name("Tabs")] = Name("S")
        element_ref = update.add({
            Name("Type"): Name("StructElem"),
            Name("S"): Name("Form"),
            Name("P"): document_ref,
            Name("Pg"): page_ref,
            Name("Alt"): text(label),
            Name("K"): {Name("Type"): Name("OBJR"), Name("Obj"): widget_ref, Name("Pg"): page_ref},
        })
        _append_kid(update, document, element_ref)
        _parent_tree_add(update, tree, next_key, widget_ref)
        next_key += 1
        acro_fields.append(widget_ref)

    tree[Name("ParentTreeNextKey")] = next_key
    if "AcroForm" in root:
        acro = update.touch(root["AcroForm"]) if isinstance(root["AcroForm"], Ref) else root["AcroForm"]
        for ref in acro_fields:
            _append(update, acro, "Fields", ref)
    else:
        root[Name("AcroForm")] = {Name("Fields"): acro_fields}
    return update.write()


def _num(value: float) -> float:
    return round(value, 3)


def _append(update: Update, holder: dict, key: str, item) -> None:
    """Append to the array `holder[key]` (made if missing; touched if it is an indirect object)."""
    array = holder.get(key)
    if array is None:
        holder[Name(key)] = [item]
    else:
        (update.touch(array) if isinstance(array, Ref) else array).append(item)


def _document_element(update: Update, tree: dict, tree_ref: Ref) -> Ref:
    """The top /Document structure element (Typst writes one); else the tree root itself."""
    kids = update.get(tree.get("K"))
    if isinstance(kids, list) and kids:
        kids = kids[0]
    if isinstance(kids, Ref) and isinstance(update.get(kids), dict) and update.get(kids).get("S") == "Document":
        return kids
    return tree_ref


def _append_kid(update: Update, element: dict, kid_ref: Ref) -> None:
    kids = element.get("K")
    if kids is None:
        element[Name("K")] = [kid_ref]
    elif isinstance(update.get(kids), list):
        _append(update, element, "K", kid_ref)
    else:
        element[Name("K")] = [kids, kid_ref]


def _parent_tree_add(update: Update, tree: dict, key: int, ref: Ref) -> None:
    """Map StructParent `key` to the annotation itself (a flat number tree, or one with kids)."""
    if "ParentTree" not in tree:
        tree[Name("ParentTree")] = {Name("Nums"): [key, ref]}
        return
    parents = update.get(tree["ParentTree"])
    if "Nums" in parents:
        _append(update, parents, "Nums", key)
        _append(update, parents, "Nums", ref)
    else:
        leaf = update.add({Name("Nums"): [key, ref], Name("Limits"): [key, key]})
        _append(update, parents, "Kids", leaf)

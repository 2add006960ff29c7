"""The letterhead: one cell per party (its logo, or its name in bold) above the title, as `docx_letterhead`.

Reads the parties, the layout (through `letterhead_plan`) and the logos' files; writes the letterhead's `E`
table into the writer's body, its images into the writer's media and relationships.
"""

from __future__ import annotations

import os

from avtale import assets
from avtale.render import docx_columns, letterhead_plan
from avtale.render.docx_fast import images, units
from avtale.render.docx_fast.inline import docx_run_text
from avtale.render.docx_fast.package import RT_IMAGE, clean
from avtale.render.docx_fast.signing import BREAKS, CAPTIONS, borderless
from avtale.render.docx_fast.units import twips
from avtale.render.docx_fast.xml import PPR, RPR, TCPR, E, Raw

PLACE = {"left": 0, "center": 1, "right": 2}


def letterhead(writer) -> None:
    parties = writer.agreement.parties
    height = writer.layout["letterhead"]["logo_height_mm"]
    logos = {}
    for p in parties:
        if p.logo:
            path = str(assets.resolve_logo(p.logo.file, writer.base_dir, p.id))
            with open(path, "rb") as f:
                blob = f.read()
            logos[p.id, p.logo.file] = (path, blob, images.header(blob, os.path.basename(path)))
    items = []
    for p in parties:
        if p.logo:
            px_w, px_h = logos[p.id, p.logo.file][2][:2]
            items.append(docx_columns.Item(logo_mm=height * px_w / max(px_h, 1)))
        else:
            items.append(docx_columns.Item(text=clean(p.name)))
    plan = letterhead_plan.plan(items, writer.layout)
    widths = [twips(w) * 635 for w in plan.widths_mm]
    tbl = E("w:tbl")
    borderless(tbl.add("w:tblPr"), round(sum(widths) / 635), 0, CAPTIONS[writer.agreement.language][0])
    grid = tbl.add("w:tblGrid")
    for w in widths:
        grid.add("w:gridCol", w=units.tw(w))
    cells, trs = [], []
    for _r in range(plan.rows):
        tr = tbl.add("w:tr")
        trs.append(tr)
        row = []
        for c in range(plan.columns):
            tc = tr.add("w:tc")
            tc.add("w:tcPr").append(E("w:tcW", {"w:type": "dxa", "w:w": str(units.tw(widths[c]))}))
            tc.add("w:p")
            row.append(tc)
        cells.append(row)
    replaced = set()
    shapes: dict = {}
    for party, place in zip(parties, plan.cells):
        tc = cells[place.row][place.column]
        key = PLACE[place.align]
        name = clean(party.name)
        if not party.logo and key in shapes and not BREAKS.search(name):
            copy = shapes[key].copy()  # the finished name cell of this place, as docx_frame.copy_cell
            trs[place.row].kids[place.column] = copy
            replaced.add(id(tc))
            copy.kids[0].find("w:tcW").attrs["w:w"] = str(units.tw(widths[place.column]))
            t = next(copy.iter("w:t"))
            t.text = name
            if len(name.strip()) < len(name):
                t.attrs["xml:space"] = "preserve"
            else:
                t.attrs.pop("xml:space", None)
            continue
        _party_cell(writer, party, tc, place, plan, widths[place.column], logos)
        if not party.logo:
            shapes[key] = tc.copy()
    for row in cells[1:]:
        for tc in row:
            if id(tc) not in replaced:
                p = tc.kids[-1]
                p.ppr().get_or_add("w:spacing", PPR).attrs["w:before"] = str(units.tw(units.mm(plan.gap_mm)))
    writer.body.append(tbl)


def _party_cell(writer, party, tc: E, place, plan, width: int, logos: dict) -> None:
    tc_pr = tc.kids[0]
    gap = plan.gap_after(place.column)
    if gap:
        margins = E("w:tcMar")
        margins.add("w:right", w=str(twips(gap)), type="dxa")
        tc_pr.insert_ordered(margins, TCPR)
    tc_pr.get_or_add("w:vAlign", TCPR).attrs["w:val"] = "center"
    p = tc.kids[-1]
    p.ppr().get_or_add("w:spacing", PPR).attrs["w:after"] = "0"
    if place.align != "left":
        p.ppr().get_or_add("w:jc", PPR).attrs["w:val"] = place.align
    run = p.add("w:r")
    if party.logo:
        _logo(writer, run, party, units.mm(plan.logo_height_mm), width - units.mm(gap), logos)
    else:
        docx_run_text(run, clean(party.name))
        rpr = E("w:rPr")
        run.kids.insert(0, rpr)
        rpr.get_or_add("w:b", RPR)
        rpr.get_or_add("w:sz", RPR).attrs["w:val"] = str(units.half_points(units.pt(plan.size_pt)))


def _logo(writer, run: E, party, height: int, max_width: int, logos: dict) -> None:
    path, blob, (px_w, px_h, horz_dpi, vert_dpi, ext) = logos[party.id, party.logo.file]
    import hashlib  # only where there are logos

    digest = hashlib.sha1(blob).hexdigest()
    media = writer.media
    if digest not in media:
        media[digest] = (f"media/image{len(media) + 1}.{ext}", os.path.basename(path), blob)
    target, filename, _blob = media[digest]
    r_id = writer.rels.add(RT_IMAGE, target)
    native_w = int(px_w / horz_dpi * 914400)
    native_h = int(px_h / vert_dpi * 914400)
    cx, cy = round(native_w * (float(height) / float(native_h))), height
    if cx > max_width:
        cy = round(cy * max_width / cx)
        cx = max_width
    writer.shape_id += 1
    run.append(Raw(images.drawing(writer.shape_id, f"Logo {party.id}", clean(party.logo.alt), filename, r_id, cx, cy)))


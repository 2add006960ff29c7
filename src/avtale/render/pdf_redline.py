"""The PDF redline (`avtale diff OLD NEW --format pdf --out F`): NEW in the official layout through Typst,
OLD's differences marked, for print and for the record.

Reads: the merged diff tree and both agreements. Writes: PDF bytes (tagged, copyable text; language nb or
nn; document title «Endringer: <title>»). First part: the header, the summary, a legend, the numbered
changes («Endringer», each linking to its place) and a table of metadata and signature changes (Før /
Etter); then the text (`pdf_redline_body`), footnotes and signing. Insertions are underlined, deletions
struck through, moves double-underlined (moved-from struck in the move colour), each in its colour, so
colour is never the only sign.

As with the PDF renderer, everything printed goes to templates/redline.typ as JSON (sys.inputs) and is set
as strings, never evaluated as markup: a drafter's `#`, `$`, `*`, `<`, `@`, `\\` or `]` prints as typed.
The page, fonts, sizes and spacing are the layout's, the same the PDF renderer reads.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from avtale import layout as layout_mod
from avtale.diff import wording
from avtale.diff.tree import ADDED, CHANGED, REMOVED, SAME, AgreementDiff, Text
from avtale.diff.words import words
from avtale.errors import RenderError
from avtale.i18n import _
from avtale.model import Agreement
from avtale.numbering import note_numbers
from avtale.render import common, list_levels, tree
from avtale.render.pdf_redline_body import WORDS, Body, what
from avtale.render.pdf_redline_inline import Marks, plain

TEMPLATE = "redline.typ"
COLOURS = {"ins": "#006b2d", "del": "#b0001e", "move": "#1f4fb4", "fmt": "#8a5a00"}

FRONT = {
    "nb": {"changes": "Endringer", "table": "Metadata og underskrifter", "before": "Før", "after": "Etter",
           "what": "Hva", "legend": "Tegnforklaring", "ins": "innsatt tekst (understreket)",
           "del": "slettet tekst (gjennomstreket)", "moved": "flyttet tekst (dobbelt understreket)",
           "moved_away": "flyttet herfra (gjennomstreket)", "fmt": "endret formatering (prikket understreket)",
           "bar": "strek i margen: hele delen er ny, fjernet eller flyttet", "signing": "Underskrifter",
           "title": "Endringer", "none": "ingen"},
    "nn": {"changes": "Endringar", "table": "Metadata og underskrifter", "before": "Før", "after": "Etter",
           "what": "Kva", "legend": "Teiknforklaring", "ins": "innsett tekst (understreka)",
           "del": "sletta tekst (gjennomstreka)", "moved": "flytta tekst (dobbelt understreka)",
           "moved_away": "flytta herfrå (gjennomstreka)", "fmt": "endra formatering (prikka understreka)",
           "bar": "strek i margen: heile delen er ny, fjerna eller flytta", "signing": "Underskrifter",
           "title": "Endringar", "none": "ingen"},
}


def _marks(agreement: Agreement, layout: dict) -> Marks:
    annexes = {a.id: tree.annex_reference(layout, agreement.language, n)
               for n, a in enumerate(agreement.annexes, 1) if a.id}
    return Marks(note_numbers(agreement), annexes)


def letterhead(new: Agreement, base: Path, layout: dict) -> tuple[list[dict], dict]:
    """NEW's letterhead as the PDF renderer sets it (`pdf.letterhead_data`): each party's logo (its path from
    Typst's root, `pdf.root`) or name, in the letterhead plan's cells."""
    from avtale import assets
    from avtale.render import pdf

    parties = []
    for p in new.parties:
        logo = alt = None
        if p.logo is not None:
            logo = "/" + assets.resolve_logo(p.logo.file, base, p.id).relative_to(pdf.root(base)).as_posix()
            alt = p.logo.alt
        parties.append({"name": p.name, "logo": logo, "alt": alt})
    return parties, pdf.letterhead_data(new, base, layout)


def data(diff: AgreementDiff, old: Agreement, new: Agreement, layout: dict, base_dir: Path | None = None) -> dict:
    """Everything the template prints, as JSON-able data (`base_dir`: where NEW's logos' paths start)."""
    lang = wording.language(diff)
    front = FRONT[lang]
    body = Body(diff, lang, (_marks(old, layout), _marks(new, layout)), new.numbering)
    title_label = body.entry(CHANGED, "title", "") if diff.title.status != SAME else None
    title = {"runs": body.runs(diff.title, CHANGED), "label": title_label, "text": diff.title.new or new.title}
    body.blocks(diff.preamble, body.w["preamble"], False)
    body.sections(diff.sections, (), False)
    annex_words = {}

    def annex_label(s, n, gone):
        side = old if gone else new
        annex_words[id(s)] = tree.annex_label(layout, side.language, n)
        return annex_words[id(s)]

    body.sections(diff.annexes, (), False, annex=True, label_of=annex_label)
    _pair_moves(body.nodes)
    notes = _notes(body, diff, lang)
    signing = _signing(body, diff, new, lang)
    rows = [[wording.field_label(name, lang), wording.field_value(name, o, lang) or front["none"],
             wording.field_value(name, v, lang) or front["none"]] for name, o, v in diff.fields]
    rows += [[c.what, c.old or front["none"], c.new or front["none"]] for c in diff.signing]
    title_text = diff.title.new or new.title
    parties, plan = letterhead(new, Path(base_dir or ".").resolve(), layout)
    return {
        "language": lang,
        "meta_title": f"Endringer: {title_text}" if lang == "nb" else f"Endringar: {title_text}",
        "authors": [p.name for p in new.parties],
        "layout": layout,
        "footer": common.footer_text(layout, new.language),
        "colours": COLOURS,
        "front": front,
        "header": wording.header(diff),
        "summary": wording.summary(diff) or ([wording.no_changes(diff)] if diff.empty else []),
        "changes": body.changes,
        "table": rows,
        "title": title,
        "body": body.nodes,
        "notes": notes,
        "notes_heading": body.w["notes"],
        "signing": signing,
        "list_levels": [[lv.marker_mm, lv.text_mm] for lv in list_levels.levels(layout)],
        "parties": parties,
        "letterhead": plan,
    }


def _walk(nodes: list[dict]):
    for node in nodes:
        yield node
        for item in node.get("items", []):
            yield item
            yield from _walk(item.get("lists", []))


def _pair_moves(nodes: list[dict]) -> None:
    """A move's link to its other half, only where that half is printed (Typst refuses a link to a missing
    label)."""
    labels = {n["move_label"] for n in _walk(nodes) if n.get("move_label")}
    for n in _walk(nodes):
        if n.get("move_target") not in labels:
            n.pop("move_target", None)


def _notes(body: Body, diff: AgreementDiff, lang: str) -> list[dict]:
    """Every footnote of either side, its text diffed; a change entry for each one that changed."""
    out = []
    for note in diff.footnotes:
        number = note.new_number if note.status != REMOVED else note.old_number
        label = None
        if note.status != SAME:
            label = body.entry(note.status, "note", "", f" {number or note.id}")
        out.append({"number": str(number or "–"), "status": note.status, "label": label,
                    "runs": body.runs(note.text, note.status)})
    return out


def _signing(body: Body, diff: AgreementDiff, new: Agreement, lang: str) -> dict | None:
    """Place and date (its words diffed), electronic signing, NEW's signatories by name and party, those added
    or changed marked and those removed struck through; a change entry for each."""
    changes = {c.kind: c for c in diff.signing if c.kind in ("place-date", "electronic")}
    signatories = [c for c in diff.signing if c.kind == "signatory"]
    if new.signing is None and not diff.signing:
        return None
    place = changes.get("place-date")
    place_text = words(place.old, place.new) if place else Text.same(common.place_and_date(new) or "")
    out = {"place_date": body.runs(place_text, CHANGED), "place_label": None, "lines": [],
           "heading": FRONT[lang]["signing"]}
    if place:
        out["place_label"] = body.change(f"{what(place.status, 'paragraph', lang).split()[0]} {place.what}",
                                         place.status)
    if "electronic" in changes:
        c = changes["electronic"]
        out["lines"].append({"status": CHANGED, "label": body.change(f"{c.what[0].upper()}{c.what[1:]}: {c.old} → {c.new}",
                                                                       CHANGED),
                             "runs": plain(c.what + ": ") + plain(c.old, "-") + plain(" → ") + plain(c.new, "+")})
    touched = {c.what for c in signatories}
    for s in (new.signing.signatories if new.signing else []):
        p = new.party(s.party)
        name = f"{s.name} ({p.name if p else s.party})"
        if name in touched:
            continue
        value = ", ".join(w for w in (s.title,) if w)
        out["lines"].append({"status": SAME, "label": None, "runs": plain(name + (f": {value}" if value else ""))})
    for c in signatories:
        text = Text.added(c.new) if c.status == ADDED else Text.removed(c.old) if c.status == REMOVED else words(
            c.old, c.new)
        label = body.change(f"{what(c.status, 'signatory', lang)}: {c.what}", c.status)
        op = "+" if c.status == ADDED else "-" if c.status == REMOVED else "="
        out["lines"].append({"status": c.status, "label": label,
                             "runs": plain(c.what, op) + plain(": " if (c.old or c.new) else "")
                             + body.runs(text, CHANGED)})
    return out


def render(diff: AgreementDiff, old: Agreement, new: Agreement, layout: dict | None = None, *,
           base_dir=None) -> bytes:
    """The redline as PDF bytes (`base_dir`: where NEW's logos' paths start). The same inputs always give the
    same bytes."""
    import typst

    from avtale.render import pdf

    for side in (old, new):  # the redline sets both sides' text: refuse what Typst could not hold
        pdf.check_size(side)
    layout = layout or layout_mod.load()
    base = Path(base_dir or ".").resolve()
    payload = json.dumps(data(diff, old, new, layout, base), ensure_ascii=False)
    date = common.document_date(new)
    stamp = int(dt.datetime(date.year, date.month, date.day, tzinfo=dt.timezone.utc).timestamp())
    try:
        with pdf.compile_lock:  # the process's compiler for the redline's template, fonts loaded once (pdf.compiler_for)
            return pdf.compiler_for(TEMPLATE, pdf.root(base), layout).compile(timestamp=stamp,
                                                                              sys_inputs={"data": payload})
    except typst.TypstError as exc:
        text = str(exc).strip()
        raise RenderError(_("Typst could not build the PDF: {reason}").format(
            reason=text.splitlines()[0] if text else type(exc).__name__)) from None


__all__ = ["render", "data", "WORDS"]

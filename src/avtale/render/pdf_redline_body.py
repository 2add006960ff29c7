"""The text of the PDF redline: NEW's preamble, sections, subsections, annexes and footnotes in reading
order, each part, paragraph, list item and table row with its status, and the numbered list of changes
(«Endringer») that links to each.

Reads: the merged diff tree and both agreements. Writes: nodes for templates/redline.typ:
{"kind": "heading" | "par" | "list" | "table" | "pointer", "status", "label" (a change's or a move's
Typst label, or None), …}, and `changes`: [{"n", "text", "label", "status"}].

A moved part is shown twice, linked both ways: at its new place as moved (its edits inside) and at its
old place struck through in the move colour with «flyttet til …» (tree statuses `moved` and `moved-away`,
paired by their `move` number; sections through `places.with_old_places`).
"""

from __future__ import annotations

from avtale.diff import wording
from avtale.diff.places import with_old_places
from avtale.diff.show_parts import item_tags
from avtale.diff.tree import ADDED, CHANGED, MOVED, MOVED_AWAY, REMOVED, SAME, Block, SectionDiff, Text
from avtale.render import common
from avtale.render.pdf_redline_inline import Marks, runs

WORDS = {
    "nb": {"in": "i", "preamble": "innledningen", "moved_to": "flyttet til", "moved_from": "flyttet fra",
           "format": "formatering", "numbering": "nummerering", "column": "kolonne", "notes": "Fotnoter",
           "agreement": "avtalen"},
    "nn": {"in": "i", "preamble": "innleiinga", "moved_to": "flytta til", "moved_from": "flytta frå",
           "format": "formatering", "numbering": "nummerering", "column": "kolonne", "notes": "Fotnotar",
           "agreement": "avtalen"},
}


def what(status: str, noun: str, lang: str) -> str:
    """«Nytt avsnitt», «Ny rad», «Fjerna punkt»: a status before its noun, in the noun's gender (wording.py)."""
    text = wording.part_change(status, noun, lang)
    return text[:1].upper() + text[1:]


class Body:
    def __init__(self, diff, lang: str, marks: tuple[Marks, Marks], numbering: str):
        self.diff, self.lang, self.numbering = diff, lang, numbering
        self.old_marks, self.new_marks = marks
        self.changes: list[dict] = []
        self.nodes: list[dict] = []
        self.moved_parts: dict[int, int] = {}
        self.w = WORDS[lang]

    # -- the change list ---------------------------------------------------------------------------------

    def change(self, text: str, status: str) -> str:
        n = len(self.changes) + 1
        label = f"avtale-change-{n}"
        self.changes.append({"n": n, "text": text, "label": label, "status": status})
        return label

    def entry(self, status: str, noun: str, place: str, extra: str = "", suffix: str = "") -> str:
        """«Ny rad 3 i 3. Økonomi; …»: the status, the noun, its `suffix`, the place and anything `extra`."""
        text = (what(status, noun, self.lang) + (f" {suffix}" if suffix else "")
                + (f" {self.w['in']} {place}" if place else "") + extra)
        return self.change(text, status)

    def runs(self, text: Text, status: str) -> list[dict]:
        if status == MOVED:
            return runs(text, self.old_marks, self.new_marks, kept="moved")
        if status == MOVED_AWAY:
            return runs(Text.removed(text.old), self.old_marks, self.new_marks, deleted="moved-away")
        return runs(text, self.old_marks, self.new_marks)

    def formats(self, text: Text | None) -> str:
        if text is None or not text.formats:
            return ""
        return "; " + "; ".join(f"«{f.phrase}»: {wording.describe(f, self.lang)}" for f in text.formats)

    # -- blocks ------------------------------------------------------------------------------------------

    def blocks(self, blocks: list[Block], place: str, whole: bool) -> None:
        for b in blocks:
            self.nodes.append(self.block(b, place, whole))

    def _move(self, thing, node: dict) -> None:
        move = thing.move
        if move is not None and thing.status in (MOVED, MOVED_AWAY):
            node["move"] = move
            node["move_label"] = f"avtale-move-{move}-{'to' if thing.status == MOVED else 'from'}"
            node["move_target"] = f"avtale-move-{move}-{'from' if thing.status == MOVED else 'to'}"
            node["move_text"] = self.w["moved_from" if thing.status == MOVED else "moved_to"]

    def block(self, b: Block, place: str, whole: bool) -> dict:
        status = b.status
        label = None
        if b.kind == "paragraph":
            if not whole and status not in (SAME, MOVED_AWAY):
                label = self.entry(status, "paragraph", place, self.formats(b.text))
            node = {"kind": "par", "status": status, "label": label, "runs": self.runs(b.text, status)}
        elif b.kind == "table":
            node = self.table(b, place, whole)
        else:
            if not whole and status in (ADDED, REMOVED, MOVED):
                label = self.entry(status, "list", place)
            elif not whole and b.old_style:
                label = self.entry(CHANGED, "list", place, f"; {self.w['numbering']} {b.old_style} → {b.style}")
            tone = status if status in (MOVED, MOVED_AWAY) else None
            node = self.list(b, place, whole or status in (ADDED, REMOVED, MOVED, MOVED_AWAY), tone)
            node["label"] = label
        self._move(b, node)
        return node

    @staticmethod
    def toned(status: str, tone: str | None) -> str:
        """A part's status inside a moved part (`tone`): all of it moved away from the old place; at the new
        place what was kept or changed is moved, what was added or removed stays so."""
        if tone == MOVED_AWAY:
            return MOVED_AWAY
        if tone == MOVED and status in (SAME, CHANGED, MOVED):
            return MOVED
        return status

    def list(self, b: Block, place: str, whole: bool, tone: str | None = None) -> dict:
        items = []
        for item, tag in zip(b.items, item_tags(b)):  # a removed item with OLD's number, the rest NEW's
            shown = self.toned(item.status, tone)
            marker = None if b.kind == "bullets" else tag
            label = None
            if not whole and item.status not in (SAME, MOVED_AWAY) and item.text.status != SAME or (
                    not whole and item.status in (ADDED, REMOVED, MOVED)):
                label = self.entry(item.status, "item", place, self.formats(item.text))
            sub_tone = tone or (item.status if item.status in (MOVED, MOVED_AWAY) else None)
            node = {"marker": marker, "status": shown, "label": label, "runs": self.runs(item.text, shown),
                    "lists": [self.list(sub, place, whole or item.status in (ADDED, REMOVED, MOVED, MOVED_AWAY),
                                        sub_tone) for sub in item.lists]}
            self._move(item, node)
            items.append(node)
        return {"kind": b.kind, "level": b.level, "status": b.status, "items": items}

    def table(self, b: Block, place: str, whole: bool) -> dict:
        label = None
        if not whole and b.status in (ADDED, REMOVED, MOVED):
            label = self.entry(b.status, "table", place)
        whole = whole or b.status in (ADDED, REMOVED, MOVED, MOVED_AWAY)
        caption = None
        if b.caption is not None:
            if not whole and b.caption.status != SAME:
                label = label or self.entry(CHANGED, "caption", place)
            caption = self.runs(b.caption, b.status if whole else CHANGED)
        header = [self.runs(c, b.status if whole else CHANGED) for c in b.header.cells] if b.header else []
        if not whole and b.header and b.header.status != SAME:
            label = label or self.entry(CHANGED, "header", place)
        if not whole and b.columns:
            cols = ", ".join(f"{self.w['column']} {n}: {o[1]} → {v[1]}" if o[0] == v[0] else
                             f"{self.w['column']} {n}: {o[0] or ''} {o[1]} → {v[0] or ''} {v[1]}"
                             for n, o, v in b.columns)
            label = label or self.entry(CHANGED, "table", place, f"; {cols}")
        rows = []
        for r in b.rows:
            status = (self.toned(r.status, b.status) if b.status in (MOVED, MOVED_AWAY)
                      else b.status if whole else r.status)
            row_label = None
            if not whole and r.status != SAME:
                number = r.new_number if r.status != REMOVED else r.old_number
                row_label = self.entry(r.status, "row", place, suffix=str(number or ""))
            rows.append({"status": status, "label": row_label,
                         "cells": [self.runs(c, status if status in (ADDED, REMOVED, MOVED, MOVED_AWAY) else CHANGED)
                                   for c in r.cells]})
        width = max([len(b.header.cells) if b.header else 0] + [len(r["cells"]) for r in rows] + [1])
        return {"kind": "table", "status": b.status, "label": label, "caption": caption, "columns": width,
                "header": header, "rows": rows}

    # -- sections and annexes ------------------------------------------------------------------------------

    def number(self, path: tuple[int, ...], annex: bool) -> str:
        if self.numbering == "none" or not path:
            return ""
        if annex:
            return ".".join(str(n) for n in path[1:])
        if len(path) == 1:
            return common.section_number(self.numbering, path[0] - 1)
        return ".".join(str(n) for n in path)

    def sections(self, sections: list[SectionDiff], path: tuple[int, ...], whole: bool, annex: bool = False,
                 label_of=None) -> None:
        for s, where in with_old_places(sections):
            gone = s.status == REMOVED or where == "old"
            n = s.old_number if gone else s.new_number
            self.section(s, (*path, n or 0), where, whole, annex, label_of)

    def section(self, s: SectionDiff, path: tuple, where, whole: bool, annex: bool, label_of) -> None:
        level = len(path)
        top_annex = annex and level == 1
        noun = "annex" if top_annex else "section" if level == 1 else "subsection"
        number = label_of(s, path[-1], where == "old" or s.status == REMOVED) if label_of else self.number(path, annex)
        title_text = s.title.new if s.status != REMOVED else s.title.old
        place = (f"{number}: {title_text}" if top_annex else f"{number} {title_text}").strip()
        status = MOVED_AWAY if where == "old" else s.status
        label = None
        if not whole and where != "old":
            if s.status in (ADDED, REMOVED, MOVED):
                adjective = what(s.status, noun, self.lang).split()[0]
                label = self.change(f"{adjective} {place[0].lower()}{place[1:]}" if top_annex
                                    else f"{what(s.status, noun, self.lang)} {place}", s.status)
            elif s.title.status != SAME:
                label = self.entry(CHANGED, "title", place)
        node = {"kind": "heading", "level": min(level + 1, 4), "number": number, "status": status, "label": label,
                "inline": top_annex,
                "runs": self.runs(s.title, status if status != CHANGED else CHANGED)}
        key = f"sec-{self.moved_parts.setdefault(id(s), len(self.moved_parts) + 1)}"  # the same in every build
        if s.status == MOVED:
            node["move_label"] = f"avtale-move-{key}-{'from' if where == 'old' else 'to'}"
            node["move_target"] = f"avtale-move-{key}-{'to' if where == 'old' else 'from'}"
            node["move_text"] = self.w["moved_to" if where == "old" else "moved_from"]
        self.nodes.append(node)
        if where == "old":
            return  # its content stands at its new place
        inner = whole or s.status in (ADDED, REMOVED)
        self.blocks(s.blocks, place, inner)
        self.sections(s.subsections, path, inner, annex)

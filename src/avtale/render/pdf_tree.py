"""The document tree (`render.tree`) made ready for templates/agreement.typ: what Typst needs and cannot work out.

The template sets runs as they come; three things are settled here, where they can be tested:

- a link's url, where the layout prints it in parentheses (`links.print_urls: parentheses`), follows the
  link's words as « (https://…)» — clickable too; with `footnote` the tree has already made it a note;
- a footnote's text travels with its first reference, in the order Typst lays the document out (preamble,
  sections, annexes; a table's caption, header, then rows; a list item's text before its own list), so
  Typst's footnote counter gives each note the tree's number; a later reference to the same note refers
  back to it (`"body": None`, set as `footnote(<avtale-note-n>)`), which Typst does not count again;
- a table's header row repeats on every page the table runs onto, unless a header cell holds a footnote or
  a link: Typst marks the repeated row an artifact, and PDF/UA-1 allows no link in an artifact (Typst
  refuses the document), so such a header is printed once;
- an annex reference becomes an internal link to the label on the annex's heading (`"to"`), or plain text
  where the annex does not exist (validation reports that; Typst would refuse a link to a missing label).

A piece of text is {"text", "bold", "italic", "link" (url or None), "to" (label or None)}; a note is
{"note": n, "body": [pieces] or None}.
"""

from __future__ import annotations

from avtale.render import tree

ANNEX_LABEL = "avtale-annex-"  # Typst labels of the annex headings: <avtale-annex-mandat>


class Prepare:
    def __init__(self, tree: dict, print_urls: str, layout: dict, language: str, tables: list[str] | None = None):
        self.tables = list(tables or [])  # each table's named destination (`pdf_dests`), in order
        self.print_urls = print_urls
        self.layout, self.language = layout, language
        self.notes = {note["n"]: note for note in tree["notes"]}
        self.annexes = {annex["id"] for annex in tree["annexes"]}
        self.placed: set[int] = set()

    def runs(self, runs: list[dict]) -> list[dict]:
        out: list[dict] = []
        for i, run in enumerate(runs):
            if "note" in run:
                out.append(self.note(run["note"]))
                continue
            link, to = run.get("link"), None
            if link and link.startswith("#"):
                to = ANNEX_LABEL + link[1:] if link[1:] in self.annexes else None
                link = None
            out.append({"text": run["text"], "bold": run["bold"], "italic": run["italic"], "link": link, "to": to})
            following = runs[i + 1].get("link") if i + 1 < len(runs) else None
            if link and self.print_urls == "parentheses" and following != run["link"]:
                out.append({"text": " (", "bold": False, "italic": False, "link": None, "to": None})
                out.append({"text": link, "bold": False, "italic": False, "link": link, "to": None})
                out.append({"text": ")", "bold": False, "italic": False, "link": None, "to": None})
        return out

    def note(self, n: int) -> dict:
        if n in self.placed:
            return {"note": n, "body": None}
        self.placed.add(n)
        note = self.notes.get(n, {})
        if "url" in note:
            body = [{"text": note["url"], "bold": False, "italic": False, "link": note["url"], "to": None}]
        else:
            body = self.runs(note.get("runs", []))
        return {"note": n, "body": body}

    def blocks(self, blocks: list[dict]) -> list[dict]:
        return [self.block(b) for b in blocks]

    def block(self, block: dict) -> dict:
        if block["kind"] == "paragraph":
            return {"kind": "paragraph", "runs": self.runs(block["runs"])}
        if block["kind"] == "table":
            caption = self.caption(block) if block["caption"] else None
            header = [self.runs(cell) for cell in block["header"]]
            return {
                "kind": "table",
                "n": block["n"],
                "dest": self.tables.pop(0) if self.tables else None,
                "caption": caption,
                "columns": block["columns"],
                "header": header,
                "repeat": not any(_linked(run) for cell in header for run in cell),
                "rows": [[self.runs(cell) for cell in row] for row in block["rows"]],
            }
        items = []
        for item in block["items"]:
            runs = self.runs(item["runs"])
            items.append({"marker": item["marker"], "runs": runs,
                          "list": self.block(item["list"]) if item["list"] else None})
        return {"kind": block["kind"], "level": block["level"], "items": items}

    def caption(self, block: dict) -> list[dict]:
        """«Tabell 2: » + the caption's runs (the pattern from the layout, per language)."""
        before, after = tree.caption_frame(self.layout, self.language, block["n"])
        plain = {"bold": False, "italic": False, "link": None, "to": None}
        return ([{"text": before, **plain}] if before else []) + self.runs(block["caption_runs"]) + (
            [{"text": after, **plain}] if after else [])

    def part(self, part: dict) -> dict:
        out = {"number": part["number"], "level": part["level"], "title": part["title"]}
        out["blocks"] = self.blocks(part["blocks"])
        out["subsections"] = [self.part(sub) for sub in part["subsections"]]
        return out

    def annex(self, annex: dict) -> dict:
        out = self.part(annex)
        out.update({"label": ANNEX_LABEL + annex["id"], "heading": f"{annex['label']}: {annex['title']}"})
        return out


def _linked(run: dict) -> bool:
    """Whether a run is, or holds, a link: a note's mark links to the note."""
    return "note" in run or bool(run.get("link") or run.get("to"))


def prepare(tree: dict, print_urls: str, layout: dict, language: str, tables: list[str] | None = None) -> dict:
    """Preamble, sections and annexes of `tree` as the template sets them (see the module's docstring);
    `tables`: the named destination of each table, in order (`pdf_dests.table_names`)."""
    p = Prepare(tree, print_urls, layout or {}, language, tables)
    preamble = p.blocks(tree["preamble"])
    sections = [p.part(s) for s in tree["sections"]]
    annexes = [p.annex(a) for a in tree["annexes"]]
    return {"preamble": preamble, "sections": sections, "annexes": annexes}

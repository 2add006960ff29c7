"""The HTML redline (`avtale diff OLD NEW --format html`): NEW in the official HTML layout with OLD's
differences marked, for reviewers who read in a browser or on paper.

One self-contained page: the HTML build's own style sheet (`render.html.css`, from the layout) plus the
redline's rules, logos as data: URIs, no script and nothing loaded from elsewhere. At the top: the header and
summary (`diff.wording`), a legend, the numbered change list («Endringer») linking to each change's anchor,
and the metadata and signature changes as tables (Før / Etter). Insertions are `<ins>` (underlined),
deletions `<del>` (struck through), moves `<ins class="moved">`/`<del class="moved">` (double underline /
double strike-through) and format changes a dotted underline: never colour alone, every colour at least
4.5:1 against its background, and the colours kept in print.

Reads: an `AgreementDiff` and both agreements. Writes: the page as a string.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape

from avtale.diff import wording
from avtale.diff.tree import ADDED, CHANGED, REMOVED, AgreementDiff
from avtale.render import RenderContext, html
from avtale.render.html_redline_body import Writer

# (text colour, background) of each mark; tests check their contrast
COLOURS = {"ins": ("#0b5d1e", "#e3f4e6"), "del": ("#a4161a", "#fde7e7"), "moved": ("#004b8d", "#e5effa"),
           "format": ("#5b2a86", "#f1e9f8")}

WORDS = {
    "nb": {"title": "Endringer", "legend": "Slik er endringene merket", "ins": "satt inn (understreket)",
           "del": "slettet (gjennomstreket)", "moved_to": "flyttet hit (dobbel understreking)",
           "moved_from": "flyttet herfra (dobbel gjennomstreking)", "format": "formatering endret (prikket linje)",
           "whole": "en hel del lagt til eller fjernet har en strek i margen", "changes": "Endringer",
           "meta": "Opplysninger om avtalen", "signing": "Underskrifter", "what": "Hva", "before": "Før",
           "after": "Etter", "none": "(ingen)", "back": "Tilbake til teksten", "text": "Avtaleteksten"},
    "nn": {"title": "Endringar", "legend": "Slik er endringane merkte", "ins": "sett inn (understreka)",
           "del": "sletta (gjennomstreka)", "moved_to": "flytta hit (dobbel understreking)",
           "moved_from": "flytta herifrå (dobbel gjennomstreking)", "format": "formatering endra (prikka linje)",
           "whole": "ein heil del lagd til eller fjerna har ein strek i margen", "changes": "Endringar",
           "meta": "Opplysningar om avtalen", "signing": "Underskrifter", "what": "Kva", "before": "Før",
           "after": "Etter", "none": "(ingen)", "back": "Tilbake til teksten", "text": "Avtaleteksten"},
}


def redline_css() -> str:
    """The marks' rules: colour, background and a line for each, so that no mark is colour alone."""
    c = COLOURS
    return f"""
ins, del {{ text-decoration-thickness: 0.1em; text-decoration-skip-ink: none; }}
ins {{ color: {c["ins"][0]}; background: {c["ins"][1]}; text-decoration-line: underline; text-decoration-style: solid; }}
del {{ color: {c["del"][0]}; background: {c["del"][1]}; text-decoration-line: line-through; text-decoration-style: solid; }}
ins.moved, ins ins.moved {{ color: {c["moved"][0]}; background: {c["moved"][1]}; text-decoration-style: double; }}
del.moved {{ color: {c["moved"][0]}; background: {c["moved"][1]}; text-decoration-style: double; }}
.format {{ color: {c["format"][0]}; background: {c["format"][1]}; text-decoration: underline dotted 0.12em; }}
.legend .mark-ins {{ color: {c["ins"][0]}; background: {c["ins"][1]}; text-decoration: underline; }}
.legend .mark-del {{ color: {c["del"][0]}; background: {c["del"][1]}; text-decoration: line-through; }}
.legend .mark-moved-to {{ color: {c["moved"][0]}; background: {c["moved"][1]}; text-decoration: underline double; }}
.legend .mark-moved-from {{ color: {c["moved"][0]}; background: {c["moved"][1]}; text-decoration: line-through double; }}
.legend .mark-format {{ color: {c["format"][0]}; background: {c["format"][1]}; text-decoration: underline dotted; }}
.legend .mark-whole {{ border-left: 4px solid #000; padding-left: 0.4em; }}
.visually-hidden {{ position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }}
section.added, p.added, table.data[data-change="added"], ul[data-change="added"], ol[data-change="added"] {{ border-left: 4px solid {c["ins"][0]}; padding-left: 0.5em; margin-left: -0.75em; }}
section.removed, p.removed, table.data[data-change="removed"], ul[data-change="removed"], ol[data-change="removed"] {{ border-left: 4px dashed {c["del"][0]}; padding-left: 0.5em; margin-left: -0.75em; }}
section.moved, section.moved-away, p.moved, p.moved-away, [data-change="moved"], [data-change="moved-away"] {{ border-left: 4px double {c["moved"][0]}; padding-left: 0.5em; margin-left: -0.75em; }}
:is(section.added, section.removed) :is(p, ul, ol, table, section) {{ border-left: none; padding-left: 0; margin-left: 0; }}
tr.added > * {{ border-left-width: 4px; }}
tr.removed > * {{ border-left-style: dashed; }}
li.removed, li.moved-away, li.move-note {{ counter-increment: list-item 0; }}
ol > li[data-marker]::before {{ content: attr(data-marker); }}
li.move-note::before {{ content: none; }}
li.added::before {{ color: {c["ins"][0]}; }}
li.removed::before {{ color: {c["del"][0]}; text-decoration: line-through; }}
.move-link {{ font-size: 0.85em; color: {c["moved"][0]}; }}
.redline {{ border-bottom: 2px solid #000; margin-bottom: 2em; padding-bottom: 1em; }}
.redline h2 {{ margin-top: 1em; }}
.legend {{ display: grid; grid-template-columns: auto 1fr; gap: 0.2em 1em; margin: 0 0 1em; }}
.legend dt, .legend dd {{ margin: 0; }}
.changes li::before {{ content: none; }}
.changes {{ list-style: decimal; padding-left: 2.5em; }}
table.before-after {{ border-collapse: collapse; width: 100%; margin-bottom: 1em; }}
table.before-after th, table.before-after td {{ border: 1px solid #000; padding: 0.3em 0.5em; text-align: left; vertical-align: top; }}
@media print {{
  ins, del, .format, .legend dt span, .move-link {{ -webkit-print-color-adjust: exact; print-color-adjust: exact; }}
  .redline {{ break-after: page; }}
  .move-link, .changes a {{ color: #000; }}
}}
"""


def change_list(writer: Writer, words: dict, extra: list[tuple[str, str]]) -> str:
    entries = [*extra, *writer.changes]
    if not entries:
        return ""
    items = "".join(f'\n  <li><a href="#{ident}">{escape(text)}</a></li>' for ident, text in entries)
    return f'\n<h2 id="changes">{escape(words["changes"])}</h2>\n<ol class="changes">{items}\n</ol>'


def before_after(ident: str, caption: str, rows: list[tuple[str, str, str, str]], words: dict) -> str:
    """A table of changes outside the text: (what, before, after, status) per row."""
    if not rows:
        return ""
    body = []
    for what, old, new, status in rows:
        old_cell = f"<del>{escape(old)}</del>" if old else escape(words["none"])
        new_cell = f"<ins>{escape(new)}</ins>" if new else escape(words["none"])
        body.append(f'<tr class="{status}"><th scope="row">{escape(what)}</th><td>{old_cell}</td><td>{new_cell}</td></tr>')
    return (f'\n<table class="before-after" id="{ident}">\n<caption>{escape(caption)}</caption>\n<thead><tr>'
            f'<th scope="col">{escape(words["what"])}</th><th scope="col">{escape(words["before"])}</th>'
            f'<th scope="col">{escape(words["after"])}</th></tr></thead>\n<tbody>\n' + "\n".join(body)
            + "\n</tbody>\n</table>")


def legend(words: dict) -> str:
    rows = [("mark-ins", "abc", words["ins"]), ("mark-del", "abc", words["del"]),
            ("mark-moved-to", "abc", words["moved_to"]), ("mark-moved-from", "abc", words["moved_from"]),
            ("mark-format", "abc", words["format"]), ("mark-whole", "\u00a0", words["whole"])]
    items = "".join(f'\n  <dt><span class="{cls}" aria-hidden="true">{sample}</span></dt><dd>{escape(text)}</dd>'
                    for cls, sample, text in rows)
    return f'\n<h2>{escape(words["legend"])}</h2>\n<dl class="legend">{items}\n</dl>'


def signing_block(values: dict, diff: AgreementDiff | None = None) -> str:
    """NEW's signature block as the HTML build writes it (render/html_page.py); a signatory added
    has its name in `<ins>`, one whose title, place or date changed a link to the table of signature
    changes, and the signatories removed follow the block, struck through."""
    s = values["signing"]
    changes = [c for c in (diff.signing if diff else []) if c.kind == "signatory"]
    added = {c.what for c in changes if c.status == ADDED}
    changed = {c.what for c in changes if c.status == CHANGED}
    removed = [c.what for c in changes if c.status == REMOVED]
    if not s:
        return "".join(f'\n<p class="removed"><del>{escape(w)}</del></p>' for w in removed)
    out = [f'\n<section class="signing{" signed-electronically" if s["electronic"] else ""}" '
           f'aria-label="{escape(s["label"])}">']
    if s["electronic"]:
        out.append(f'\n<p class="electronic">{escape(s["electronic"])}</p>')
    if s["place_date"] or not s["electronic"]:
        out.append(f'\n<p class="place-date">{escape(s["place_date"])}</p>')
    for row in s["rows"]:
        out.append('\n<div class="signature-row">')
        for c in row:
            line = "" if s["electronic"] else '<div class="line" aria-hidden="true"></div>'
            place = f'<p class="place-date">{c["place_date"]}</p>' if c["place_date"] else ""
            who = next((w for w in added | changed if w.startswith(str(c["name"].striptags()) + " (")), None)
            name = c["name"]
            if who in added:
                name = f"<ins>{name}</ins>"
            elif who in changed:
                name = f'{name} <a class="move-link" href="#signing-changes">*</a>'
            out.append(f'\n  <div class="signatory" role="group" aria-labelledby="signatory_{escape(c["field"])}">'
                       f'<p class="party" id="signatory_{escape(c["field"])}">{c["label"]}</p>{line}'
                       f'<p class="name">{name}</p><p class="role">{c["title"]}</p>{place}</div>')
        out.append("\n</div>")
    out += [f'\n<p class="removed"><del>{escape(w)}</del></p>' for w in removed]
    out.append("\n</section>")
    return "".join(out)


def render(diff: AgreementDiff, old, new, layout: dict, base_dir: Path = Path(".")) -> str:
    lang = wording.language(diff)
    words = WORDS[lang]
    values = html.data(new, RenderContext(base_dir=Path(base_dir), layout=layout))
    writer = Writer(diff, old, new, layout, lang)
    article = []
    if diff.title.status != "same":
        ident = writer.change("title", "changed", writer.short(diff.title.new))
        article.append(f'\n<h1 id="{ident}">{writer.prose.text(diff.title)}</h1>')
    else:
        article.append(f"\n<h1>{writer.prose.text(diff.title)}</h1>")
    article.append(writer.blocks(diff.preamble))
    article.append(writer.sections(diff.sections, 2, (), ()))
    article.append(signing_block(values, diff))
    writer.where = ""
    article.append(writer.sections(diff.annexes, 2, (), (), kind="annex"))
    article.append(writer.notes(words["back"]))

    fields = [(wording.field_label(name, lang), wording.field_value(name, o, lang), wording.field_value(name, n, lang),
               "changed") for name, o, n in diff.fields]
    signing = [(c.what, c.old, c.new, c.status) for c in diff.signing]
    extra = []
    if fields:
        extra.append(("meta", words["meta"]))
    if signing:
        extra.append(("signing-changes", words["signing"]))
    summary = wording.summary(diff) if not diff.empty else [wording.no_changes(diff)]
    head = [f'\n<section class="redline" aria-labelledby="redline-title">\n<h2 id="redline-title">'
            f'{escape(wording.header(diff))}</h2>']
    head += [f"\n<p>{escape(line)}</p>" for line in summary]
    head.append(legend(words))
    head.append(change_list(writer, words, extra))
    head.append(before_after("meta", words["meta"], fields, words))
    head.append(before_after("signing-changes", words["signing"], signing, words))
    head.append("\n</section>")

    parties = []
    for p in values["parties"]:
        inner = (f'<img src="{escape(p["logo"])}" alt="{escape(p["alt"])}">' if p["logo"]
                 else f"<span>{escape(p['name'])}</span>")
        parties.append(f'\n  <div class="party" data-party="{escape(p["id"])}">{inner}</div>')
    title = f'{words["title"]}: {new.title}'
    return (f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
            f'<meta name="generator" content="avtale">\n'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
            f"<title>{escape(title)}</title>\n<style>\n{values['css']}\n{redline_css()}\n</style>\n</head>\n<body>\n<main>"
            + "".join(head)
            + '\n<header class="letterhead">' + "".join(parties) + "\n</header>"
            + f'\n<article aria-label="{escape(words["text"])}">' + writer.resolve("".join(article)) + "\n</article>\n</main>\n</body>\n</html>\n")



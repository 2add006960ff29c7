"""The HTML page around the agreement's body: head, letterhead, title, signature block, in that order.

Reads: the values `html.data` makes (texts; the body's blocks, parts, annexes and notes as escaped markup from
`html_body`; the style sheet from the layout). Writes: the page as one string.

Every text is escaped here (markupsafe's `escape`, which leaves markup that is already escaped alone), so an
agreement's text can never become markup. This was a jinja2 template; written out in Python it spares every
fresh `avtale build` the import of jinja2 and the template's compilation, which took longer than making the
page. A draft's mark («UTKAST», render/draft.py) stands first in <main> and in the <title>; printed, it
repeats at the top of every page (the style sheet says how). Logos come embedded as data: URIs.
"""

from __future__ import annotations

from markupsafe import escape


def page(v: dict) -> str:
    """The whole page; `v` as `html.data` gives it (with `css` already markup)."""
    out = [
        "<!DOCTYPE html>\n",
        f'<html lang="{escape(v["language"])}">\n<head>\n<meta charset="utf-8">\n',
        '<meta name="generator" content="avtale">\n',
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n',
        f'<meta name="author" content="{", ".join(escape(a) for a in v["authors"])}">\n',
        f'<meta name="dcterms.date" content="{escape(v["date"])}">\n',
        f'<title>{escape(v["meta_title"])}</title>\n<style>\n{escape(v["css"])}\n</style>\n</head>\n<body>\n<main>',
    ]
    if v["draft_mark"]:
        out.append(f'\n<p class="draft-mark" role="note">{escape(v["draft_mark"])}</p>')
    out.append('\n<header class="letterhead">')
    for p in v["parties"]:
        short = f' data-short="{escape(p["short"])}"' if p["short"] else ""
        out.append(f'\n  <div class="party" data-party="{escape(p["id"])}"{short}>')
        if p["logo"]:
            out.append(f'\n    <img src="{escape(p["logo"])}" alt="{escape(p["alt"])}">')
        else:
            out.append(f'\n    <span>{escape(p["name"])}</span>')
        out.append("\n  </div>")
    out.append(f'\n</header>\n<article>\n<h1>{escape(v["title"])}</h1>{escape(v["preamble"])}{escape(v["sections"])}')
    if v["signing"]:
        out.append(_signing(v["signing"]))
    out.append(f'{escape(v["annexes"])}{escape(v["notes"])}\n</article>\n</main>\n</body>\n</html>\n')
    return "".join(out)


def _signing(s: dict) -> str:
    electronic = s["electronic"]
    out = [f'\n<section class="signing{" signed-electronically" if electronic else ""}" '
           f'aria-label="{escape(s["label"])}">']
    if electronic:
        out.append(f'\n<p class="electronic">{escape(electronic)}</p>')
    if s["place_date"] or not electronic:
        out.append(f'\n<p class="place-date">{escape(s["place_date"])}</p>')
    for row in s["rows"]:
        out.append('\n<div class="signature-row">')
        for c in row:
            field = escape(c["field"])
            out.append(f'\n  <div class="signatory" role="group" aria-labelledby="signatory_{field}">'
                       f'<p class="party" id="signatory_{field}">{escape(c["label"])}</p>')
            if not electronic:
                out.append('<div class="line" aria-hidden="true"></div>')
            out.append(f'<p class="name">{escape(c["name"])}</p><p class="role">{escape(c["title"])}</p>')
            if c["place_date"]:
                out.append(f'<p class="place-date">{escape(c["place_date"])}</p>')
            out.append("</div>")
        out.append("\n</div>")
    out.append("\n</section>")
    return "".join(out)

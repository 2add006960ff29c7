"""Text forms of each stage's output, for golden files."""

from __future__ import annotations

from avtale.extract import build, clean, read_text, recognise, signing, unwrap
from avtale.extract.lines import Notes


def show_lines(lines) -> str:
    out = []
    for ln in lines:
        flags = ("P" if ln.page_start else "-") + (ln.hint[0] if ln.hint else "-")
        out.append(f"{ln.no:4} p{ln.page} {flags} |{ln.text}")
    return "\n".join(out) + "\n"


def show_paras(paras) -> str:
    return "".join(f"{p.first}-{p.last}{' P' if p.page_start else ''}{' B' if p.blank_before else ''}: {p.text}\n" for p in paras)


def run_stages(path):
    """Every stage's output for one text source, as text: read, clean, signing, unwrap, recognise, build."""
    notes = Notes()
    lines = read_text.read(path)
    kept, orgs = clean.clean(lines, notes)
    cleaned = show_lines(kept) + "".join(f"organisation: {o}\n" for o in orgs)
    cleaned += "".join(f"note: {n}\n" for n in Notes(list(notes.items)).render("src"))
    body, signed = signing.split(kept, notes)
    paras = unwrap.unwrap(body, notes)
    outline = recognise.recognise(paras, notes, signed)
    agreement, todos = build.build(outline, orgs, notes, id="golden")
    from avtale.extract import extracted_yaml

    return {
        "read": show_lines(lines),
        "clean": cleaned,
        "unwrap": show_paras(paras),
        "recognise": outline.render(),
        "build": extracted_yaml(agreement, todos),
        "notes": "\n".join(notes.render("src")) + "\n",
    }

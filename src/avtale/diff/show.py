"""The diff for people: plain or coloured text for the terminal, Markdown for a pull request.

Reads: an `AgreementDiff`. Writes: text.
"""

from __future__ import annotations

import re

from avtale.diff.tree import ADDED, CHANGED, MOVED, REMOVED, SAME, AgreementDiff, Block, SectionDiff, Text

_MARK = {ADDED: "+", REMOVED: "-", CHANGED: "~", MOVED: ">", SAME: " "}
_RED, _GREEN, _BOLD, _RESET = "\033[31m", "\033[32m", "\033[1m", "\033[0m"


# --- terminal ------------------------------------------------------------------


def _inline(text: Text, colour: bool) -> str:
    out = []
    for op, s in text.ops:
        if op == "=":
            out.append(s)
        elif colour:
            out.append(f"{_RED if op == '-' else _GREEN}{s}{_RESET}")
        else:
            out.append(f"[-{s}-]" if op == "-" else f"{{+{s}+}}")
    return "".join(out)


def _number(s: SectionDiff) -> str:
    if s.old_number == s.new_number or s.old_number is None or s.new_number is None:
        return str(s.new_number or s.old_number or "")
    return f"{s.old_number}→{s.new_number}"


def _block_lines(blocks: list[Block], colour: bool, indent: str) -> list[str]:
    lines = []
    for b in blocks:
        if b.kind == "paragraph":
            if b.status != SAME:
                lines.append(f"{indent}{_MARK[b.status]} {_inline(b.text, colour)}")
            continue
        if b.status == SAME:
            continue
        label = "bullet list" if b.kind == "bullets" else "numbered list"
        lines.append(f"{indent}{_MARK[b.status]} {label}:")
        number = 0
        for item in b.items:
            if item.status != REMOVED:
                number += 1
            tag = "•" if b.kind == "bullets" else (f"{number}." if item.status != REMOVED else "–")
            if item.status != SAME or b.status != CHANGED:
                lines.append(f"{indent}    {_MARK[item.status]} {tag} {_inline(item.text, colour)}")
    return lines


def text(diff: AgreementDiff, colour: bool = False) -> str:
    bold = (lambda s: f"{_BOLD}{s}{_RESET}") if colour else (lambda s: s)
    lines = [bold(f"{diff.old_id} → {diff.new_id}")]
    if diff.empty:
        return lines[0] + "\nno changes\n"
    if diff.title.status != SAME:
        lines.append(f"~ title: {_inline(diff.title, colour)}")
    for name, old, new in diff.fields:
        lines.append(f"~ {name}: {old} → {new}")
    pre = _block_lines(diff.preamble, colour, "  ")
    if pre:
        lines += ["", bold("preamble"), *pre]
    for s in diff.sections:
        lines += _section_lines(s, colour, bold, "")
    if diff.signing:
        lines += ["", bold("signing")]
        for what, old, new in diff.signing:
            lines.append(f"  ~ {what}: {old or '(none)'} → {new or '(none)'}")
    return "\n".join(lines) + "\n"


def _section_lines(s: SectionDiff, colour, bold, prefix) -> list[str]:
    if s.status == SAME:
        return []
    what = {ADDED: "added", REMOVED: "removed", MOVED: "moved", CHANGED: "changed"}[s.status]
    if s.status == CHANGED and s.title.status != SAME:
        what = "retitled" + (", text changed" if any(b.status != SAME for b in s.blocks) else "")
    title = _inline(s.title, colour) if s.status in (CHANGED, MOVED) else (s.title.new or s.title.old)
    head = f"{_MARK[s.status]} {prefix}{_number(s)} {title} ({what})"
    lines = ["", bold(head), *_block_lines(s.blocks, colour, "  ")]
    for sub in s.subsections:
        lines += _section_lines(sub, colour, bold, f"{s.new_number or s.old_number}.")
    return lines


# --- Markdown ------------------------------------------------------------------

def md_escape(s: str) -> str:
    from avtale.render.md import escape  # the one Markdown escaping, shared with `build --format md`

    return escape(s)


def _md_inline(text: Text) -> str:
    out = []
    for op, s in text.ops:
        if not s.strip():
            out.append(s if op != "-" else "")
            continue
        lead, core, trail = re.match(r"(\s*)(.*?)(\s*)$", s, re.S).groups()
        core = md_escape(core)
        out.append(lead + (core if op == "=" else f"~~{core}~~" if op == "-" else f"**{core}**") + trail)
    return "".join(out)


def _md_blocks(blocks: list[Block]) -> list[str]:
    lines = []
    for b in blocks:
        if b.status == SAME:
            continue
        if b.kind == "paragraph":
            lines.append(f"- {_md_status(b.status)}{_md_inline(b.text)}")
            continue
        label = "Punktliste" if b.kind == "bullets" else "Nummerert liste"
        lines.append(f"- {_md_status(b.status)}{label}:")
        for item in b.items:
            if item.status != SAME or b.status != CHANGED:
                lines.append(f"  - {_md_status(item.status)}{_md_inline(item.text)}")
    return lines


def _md_status(status: str) -> str:
    return {ADDED: "*ny:* ", REMOVED: "*fjernet:* ", CHANGED: "*endret:* "}.get(status, "")


def markdown(diff: AgreementDiff) -> str:
    changed = [s for s in diff.sections if s.status != SAME]
    count = {k: sum(1 for s in changed if s.status == k) for k in (CHANGED, ADDED, REMOVED, MOVED)}
    lines = [f"## Endringer fra `{diff.old_id}` til `{diff.new_id}`", ""]
    if diff.empty:
        return "\n".join(lines + ["Ingen endringer i avtaleteksten.", ""])
    lines += [
        f"{count[CHANGED]} endrede, {count[ADDED]} nye, {count[REMOVED]} fjernede og {count[MOVED]} flyttede kapitler.",
        "Slettet tekst er ~~gjennomstreket~~, ny tekst er **uthevet**.",
        "",
    ]
    if diff.title.status != SAME or diff.fields:
        lines += ["| | Før | Etter |", "| --- | --- | --- |"]
        if diff.title.status != SAME:
            lines.append(f"| tittel | {md_escape(diff.title.old)} | {md_escape(diff.title.new)} |")
        for name, old, new in diff.fields:
            lines.append(f"| {name} | {md_escape(old)} | {md_escape(new)} |")
        lines.append("")
    pre = _md_blocks(diff.preamble)
    if pre:
        lines += ["### Innledning", "", *pre, ""]
    for s in changed:
        lines += _md_section(s, "###", "")
    if diff.signing:
        lines += ["### Underskrifter", ""]
        for what, old, new in diff.signing:
            change = [f"~~{md_escape(old)}~~" if old else "", f"**{md_escape(new)}**" if new else ""]
            lines.append(f"- {md_escape(what)}: {' '.join(c for c in change if c)}")
        lines.append("")
    return "\n".join(lines)


def _md_section(s: SectionDiff, level: str, prefix: str) -> list[str]:
    what = {ADDED: "nytt", REMOVED: "fjernet", MOVED: "flyttet", CHANGED: "endret"}[s.status]
    title = _md_inline(s.title) if s.status in (CHANGED, MOVED) else md_escape(s.title.new or s.title.old)
    lines = [f"{level} {prefix}{_number(s)} {title} ({what})", ""]
    lines += _md_blocks(s.blocks)
    lines.append("")
    for sub in s.subsections:
        if sub.status != SAME:
            lines += _md_section(sub, level + "#", f"{s.new_number or s.old_number}.")
    return lines

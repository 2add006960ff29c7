"""GitHub-flavoured Markdown, for reading an agreement in a pull request.

`# title`, `## 1. Section`, `### 2.1 Subsection`, real lists and the
signature block as a table. Every agreement text is escaped, so nothing a
drafter types becomes markup (emphasis, links, HTML, math, headings, lists).
"""

from __future__ import annotations

import re

from avtale.model import Agreement
from avtale.render import common

# ASCII punctuation that starts or ends markup anywhere in a line (CommonMark
# lets any ASCII punctuation be backslash-escaped); `$` is GitHub's math,
# `#` closes a heading when it ends one.
_INLINE = re.compile(r"([\\`*_\[\]<>&|~$!@#])")
# Emoji shortcodes (:smile:) are GitHub markup too.
_EMOJI = re.compile(r":(?=[A-Za-z0-9_+\-]+:)")
# What turns a line into a heading, quote, list item, rule or setext underline.
_LINE_START = re.compile(r"^(\s*)([#>+=\-])")
_ORDERED_START = re.compile(r"^(\s*\d{1,9})([.)])")


def escape(text: str) -> str:
    """One line of plain text, with every Markdown-active character escaped."""
    text = " ".join(text.split())
    text = _INLINE.sub(r"\\\1", text)
    text = _EMOJI.sub(r"\\:", text)
    text = _LINE_START.sub(r"\1\\\2", text)
    return _ORDERED_START.sub(r"\1\\\2", text)


def _blocks(items: list[dict]) -> list[str]:
    out = []
    for i, b in enumerate(items):
        if i and b["kind"] != "paragraph" and items[i - 1]["kind"] != "paragraph":
            out.append("<!-- -->")  # two lists in a row would otherwise merge into one
        if b["kind"] == "paragraph":
            out.append(escape(b["text"]))
        elif b["kind"] == "bullets":
            out.append("\n".join(f"- {escape(item)}" for item in b["items"]))
        elif b["style"] == "a)":
            # GFM has no lettered lists: a bulleted list keeps the letters as labels.
            out.append("\n".join(f"- {common.letters(n)}\\) {escape(item)}" for n, item in enumerate(b["items"], 1)))
        else:
            out.append("\n".join(f"{common.list_marker(b['style'], n)} {escape(item)}"
                                 for n, item in enumerate(b["items"], 1)))
    return out


def _heading(level: int, number: str, title: str) -> str:
    return "#" * level + " " + (f"{number} " if number else "") + escape(title)  # numbers are generated, never markup


def markdown(agreement: Agreement, layout: dict | None = None) -> str:
    parts = [_heading(1, "", agreement.title)]
    parts += _blocks(common.blocks(agreement.preamble))
    for s in common.sections(agreement):
        parts.append(_heading(2, s["number"], s["title"]))
        parts += _blocks(s["blocks"])
        for sub in s["subsections"]:
            parts.append(_heading(3, sub["number"], sub["title"]))
            parts += _blocks(sub["blocks"])
    columns = common.signature_columns(agreement, layout)
    if columns:
        parts.append(escape(common.place_and_date(agreement)))
        rows = [
            [c.label for c in columns],
            ["---"] * len(columns),
            ["\\_" * 24] * len(columns),
            [c.name for c in columns],
            [c.title for c in columns],
        ]
        table = []
        for i, row in enumerate(rows):
            cells = row if i in (1, 2) else [escape(cell) for cell in row]
            table.append("| " + " | ".join(cells) + " |")
        parts.append("\n".join(table))
    return "\n\n".join(parts) + "\n"


def render(agreement: Agreement, context) -> bytes:
    return markdown(agreement, context.layout).encode("utf-8")

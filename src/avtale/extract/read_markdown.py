"""Read stage for Markdown: avtale's own Markdown output, and agreements written in Markdown by hand.

Reads: the bytes of a .md or .markdown file (UTF-8, else Windows-1252, as `read_text`
decodes), parsed by markdown-it-py as CommonMark with GitHub's tables. Writes: one
`Line` per block, numbered by source line, with the hints read_html gives (see
`read_html.lines_from`), so the later stages treat it as they treat a Word file:

- `#` the title, `##` sections, `###` subsections (setext headings alike; the levels
  actually used decide, as in read_docx), deeper headings paragraphs;
- paragraphs with soft line breaks joined, except before a line that starts a list
  item written as text («a) …», «b) …», «- …») and in the signature block (after
  a line «Oslo, 7. november 2014»), where each line stands on its own;
- lists: «- »/«* »/«+ » items as `bullet` («• item»), «1. »/«1) » items as `numbered`
  with their number written out, counting from the list's first number; a bulleted
  list whose items are «a) », «b) » … (avtale writes lettered lists so) is a lettered
  numbered list; an ordered item all in bold is `para` («1. **Formål**»: a heading
  numbered as a list); nested lists follow their item; an item's paragraphs are joined;
- tables (avtale's signature block): one line per row, cells tab-separated, a cell of
  underscores empty, <br> in a cell a line below; `signature` after the place and date (a row of more than
  MAX_COLUMNS cells is read cell by cell);
- HTML blocks (pandoc's tables whose cells hold paragraphs) read as read_html reads
  the blocks of a page, bounded as it bounds them; comments are skipped;
- dropped with a note: YAML front matter, images.

Bounded: the source size (`guard`), 100 lines for each of --max-pages, the inline markup
characters before parsing (`_check_markup`), markdown-it's nesting limit (20 levels,
deeper markup stays text).
"""

from __future__ import annotations

import re
from pathlib import Path

from avtale import limits
from avtale.errors import ExtractError, Position
from avtale.extract import guard
from avtale.extract.lines import Line, Notes
from avtale.extract.markers import marker
from avtale.extract.hints import LETTER, PLACE_DATE, Item, lines_from
from avtale.extract.read_text import decode
from avtale.i18n import _, ngettext

LETTERED = re.compile(r"^([a-z]{1,2})\)\s+(\S.*)$", re.DOTALL)
MARKUP = re.compile(r"(?<!\\)[\[\]*_<!`]")  # what opens inline markup (parsing it costs up to the square)
MARKUP_PER_BLOCK = 200
MARKUP_PER_PAGE = 50
MAX_COLUMNS = 64  # cells in a row read as columns side by side (more would make rows of their product)
BR = re.compile(r"(?i)<br\s*/?>")
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(?:.*\n){0,200}?(?:---|\.\.\.)[ \t]*(?:\n|\Z)")


def read(path: Path | str, notes: Notes) -> list[Line]:
    raw = guard.read_source(path)
    guard.check_lines(max(raw.count(b"\n"), raw.count(b"\r")) + 1, path)
    text = decode(raw, path).replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        raise ExtractError(_("file holds no text"), Position(path, 1))
    text = _front_matter(text, notes)
    _check_markup(text, path)
    items = _Reader(notes, path).read(text)
    guard.check_lines(len(items), path)
    lines = lines_from(items, notes)
    if not any(ln.text.strip() for ln in lines):
        raise ExtractError(_("no text in the Markdown (only markup, HTML or images)"), Position(path))
    return lines


def _check_markup(text: str, path: Path | str) -> None:
    """Inline markup is bounded before it is parsed: markdown-it's time grows with the square of the
    brackets and emphasis marks in one paragraph, so a paragraph may hold MARKUP_PER_BLOCK of them,
    and the file MARKUP_PER_PAGE for each of --max-pages."""
    from markdown_it import MarkdownIt

    total, most = 0, MARKUP_PER_PAGE * limits.current.pages
    for t in MarkdownIt("commonmark").enable("table").disable("inline").parse(text):
        if t.type != "inline":
            continue
        count = len(MARKUP.findall(t.content))
        total += count
        where = Position(path, t.map[0] + 1 if t.map else None)
        if count > MARKUP_PER_BLOCK:
            raise ExtractError(_("{count} markup characters ([ ] * _ < ! `) in one paragraph, more than {most}")
                               .format(count=count, most=MARKUP_PER_BLOCK), where)
        if total > most:
            raise ExtractError(_("more than {most} markup characters ([ ] * _ < ! `) in all ({per_page} for "
                                 "each of the --max-pages)").format(most=most, per_page=MARKUP_PER_PAGE), where)


def _front_matter(text: str, notes: Notes) -> str:
    """YAML front matter (Jekyll, Hugo …) is no part of the agreement; its lines become blank."""
    m = FRONT_MATTER.match(text)
    if not m:
        return text
    count = m.group(0).count("\n")
    notes.dropped(1, "---", ngettext("YAML front matter, {n} line", "YAML front matter, {n} lines", count).format(n=count))
    return "\n" * m.group(0).count("\n") + text[m.end():]


class _Reader:
    def __init__(self, notes: Notes, path: Path | str):
        self.notes, self.path, self.tags = notes, path, 0
        self.signing = False  # after the place and date every line stands on its own

    def read(self, text: str) -> list[Item]:
        from markdown_it import MarkdownIt

        tokens = MarkdownIt("commonmark").enable("table").parse(text)
        out: list[Item] = []
        lists: list[dict] = []  # open lists, innermost last: ordered, number, delimiter, entries
        row: list[list[str]] | None = None
        for i, t in enumerate(tokens):
            line = t.map[0] + 1 if t.map else (out[-1].line if out else 1)
            sink = lists[-1]["entries"] if lists else out
            if t.type in ("bullet_list_open", "ordered_list_open"):
                start = int(t.attrGet("start") or 1) if t.type == "ordered_list_open" else 1
                lists.append({"ordered": t.type == "ordered_list_open", "n": start, "delim": t.markup[-1:] or ".",
                              "entries": [], "item": None})
            elif t.type == "list_item_open":
                lists[-1]["item"] = {"parts": [], "line": line, "bold": True}
                lists[-1]["entries"].append(lists[-1]["item"])
            elif t.type == "list_item_close":
                lists[-1]["item"] = None
            elif t.type in ("bullet_list_close", "ordered_list_close"):
                done = lists.pop()
                (lists[-1]["entries"] if lists else out).extend(self.list_items(done))
            elif t.type == "inline" and tokens[i - 1].type in ("paragraph_open", "heading_open"):
                heading = tokens[i - 1].type == "heading_open"
                if lists and lists[-1]["item"] is not None:
                    lists[-1]["item"]["parts"].append(" ".join(self.inline(t)))
                    lists[-1]["item"]["bold"] &= _bold(t)
                elif heading:
                    title = " ".join(self.inline(t))
                    if title:
                        sink.append(Item(title, line, "h", int(tokens[i - 1].tag[1])))
                else:
                    sink.extend(Item(p, line + k) for k, p in self.paragraph(t))
            elif t.type in ("code_block", "fence"):
                body = " ".join(t.content.split())
                if body:
                    sink.append(Item(body, line))
            elif t.type == "html_block":
                sink.extend(self.html(t.content, line))
            elif t.type == "tr_open":
                row = []
                row_line = line
            elif t.type == "inline" and row is not None and tokens[i - 1].type in ("th_open", "td_open"):
                row.append([p for p in self.inline(t, cell=True) if LETTER.search(p)])
            elif t.type == "tr_close" and row is not None and len(row) > MAX_COLUMNS:
                sink.extend(Item(text, row_line, "row") for c in row for text in c)  # too wide: cell by cell
                row = None
            elif t.type == "tr_close" and row is not None:
                for k in range(max((len(c) for c in row), default=0)):
                    sink.append(Item("\t".join(c[k] if k < len(c) else "" for c in row), row_line, "row"))
                row = None
        return out

    def html(self, content: str, line: int) -> list[Item]:
        """An HTML block (pandoc writes tables with cells of several paragraphs so) read as read_html reads a page's blocks."""
        from avtale.extract import read_html

        if not re.sub(r"(?s)<!--.*?-->", "", content).strip():
            return []  # a comment, such as the one avtale puts between two lists
        self.tags += content.count("<")
        read_html.check_tags(self.tags, self.path)
        try:
            doc = read_html.parse(content, self.path)
        except ExtractError as exc:
            raise ExtractError(_("HTML in the Markdown: {problem}").format(problem=exc.message),
                               Position(self.path, line)) from None
        items = read_html.items_of(doc, self.notes, page=False, first_line=line)
        for it in items:
            if it.kind == "p" and PLACE_DATE.match(it.text):
                self.signing = True
        return items

    def list_items(self, done: dict) -> list:
        """A closed list's entries: its items with their markers written out, nested lists after their item."""
        own = [e for e in done["entries"] if isinstance(e, dict)]
        texts = [" ".join(p for p in e["parts"] if p) for e in own]
        lettered = not done["ordered"] and texts and all(
            (m := LETTERED.match(t)) and m.group(1) == _letters(k) for k, t in enumerate(texts, 1))
        out: list = []
        n = done["n"]
        for e in done["entries"]:
            if not isinstance(e, dict):
                out.append(e)  # an item of a nested list
                continue
            text = " ".join(p for p in e["parts"] if p)
            if text and lettered:
                out.append(Item(text, e["line"], "numbered"))
            elif text and done["ordered"]:  # all bold: a heading numbered as a list (read as read_docx reads one)
                out.append(Item(f"{n}{done['delim']} {text}", e["line"], "p" if e["bold"] else "numbered", listed=True))
            elif text:
                out.append(Item(f"• {text}", e["line"], "bullet"))
            n += 1
        return out

    def paragraph(self, t) -> list[tuple[int, str]]:
        """A paragraph's lines (offset in the source, text): joined, but a list written as text,
        and the signature block, line by line."""
        lines = self.inline(t, breaks=True, offsets=True)
        if not lines:
            return []
        if any(PLACE_DATE.match(ln) for _, ln in lines):
            self.signing = True
        if self.signing:
            return lines
        out = [(lines[0][0], [lines[0][1]])]  # each output line's pieces, joined once
        for k, ln in lines[1:]:
            if marker(ln).kind in ("bullet", "number", "letter"):
                out.append((k, [ln]))
            else:
                out[-1][1].append(ln)
        return [(k, " ".join(pieces)) for k, pieces in out]

    def inline(self, t, breaks: bool = False, cell: bool = False, offsets: bool = False) -> list:
        """The text of an inline token: markup gone, images and HTML dropped; lines at breaks when asked,
        with their offsets from the token's first source line when asked."""
        lines, text, k = [], "", 0
        for c in t.children or []:
            if c.type == "image":
                self.notes.dropped(t.map[0] + 1 if t.map else None, c.attrGet("src") or "", _("image"))
            elif c.type in ("text", "code_inline"):
                text += c.content
            elif c.type in ("softbreak", "hardbreak") or (c.type == "html_inline" and BR.fullmatch(c.content.strip())):
                if breaks or (cell and c.type == "html_inline"):
                    lines.append((k, text))
                    text = ""
                else:
                    text += " "
                k += c.type != "html_inline"
        lines.append((k, text))
        out = [(k, " ".join(ln.split())) for k, ln in lines if ln.split()]
        return out if offsets else [ln for _, ln in out]


def _bold(t) -> bool:
    """Every word of an inline token is strong («**Formål**»)."""
    depth, plain, bold = 0, 0, 0
    for c in t.children or []:
        depth += {"strong_open": 1, "strong_close": -1}.get(c.type, 0)
        if c.type == "text" and c.content.strip():
            plain, bold = (plain, bold + 1) if depth > 0 else (plain + 1, bold)
    return bold > 0 and plain == 0


def _letters(n: int) -> str:
    from avtale.render.common import letters

    return letters(n)


def read_own(path: Path | str, notes: Notes):
    """(OwnDoc, "markdown") for a file avtale wrote (`read_markdown_own`), else None: it is read line by line."""
    from avtale.extract import read_markdown_own

    raw = guard.read_source(path)
    guard.check_lines(max(raw.count(b"\n"), raw.count(b"\r")) + 1, path)
    text = decode(raw, path).replace("\r\n", "\n").replace("\r", "\n")
    from avtale.extract import draft_mark

    text = draft_mark.markdown_head(text, notes)  # a draft's `**UTKAST**` over the title: no text, a draft
    if not text.startswith("# "):
        return None
    _check_markup(text, path)
    own = read_markdown_own.read(text)
    return (own, "markdown") if own is not None else None

"""Inline marks in the text of paragraphs, list items, table cells and footnotes.

The syntax is a small subset of Markdown, so what a drafter types reads as it will print:

    **bold**   *italic*   [words](https://example.no)   a footnote[^id]   see [#id]   [words](#id)

- `**` and `*` mark bold and italic, and may be nested (`**bold *and italic***`). As in Markdown, a
  mark opens only before a non-space and closes only after one, so «5 * 3» and «merket med *» stay as typed.
- `[words](url)` is a link; the url is `https://`, `http://`, `mailto:` or `#id` (an annex of this agreement).
- `[^id]` refers to the footnote `id` of the agreement's `footnotes:`; notes are numbered in order of first use.
- `[#id]` refers to the annex `id`, printed as «vedlegg 2» (its number follows from order).
- A backslash keeps the next mark character literal: `\\*`, `\\[`, `\\]`, `\\\\`. A backslash before anything
  else is a backslash, so «C:\\mapper» stays as typed.

Text that uses none of it parses to itself, so agreements written before marks existed print byte for byte
as they did. `parse` never fails: a mark it cannot read is kept as typed and reported in `Parsed.problems`
(rule AV310 shows them with their position).
"""

from __future__ import annotations

from avtale.records import Frozen, Record
from avtale.regex import lazy

SPECIAL = "\\*[]"
MAX_DEPTH = 8  # marks nested deeper stay as typed (no text needs more; it keeps every step short)
MAX_URL = 2000  # longer is no address (and scanning for one stays linear)
_ID = lazy(r"[a-z0-9][a-z0-9-]*")
_SCHEMES = ("https://", "http://", "mailto:")


class Mark(Frozen):
    """A marked span: `kind` is bold, italic, link, note or ref. `target` is a link's url, a note's or an
    annex's id; `children` the marked content (text is plain `str`)."""

    _fields = ("kind", "children", "target")

    def __init__(self, kind: str, children: tuple = (), target: str = ""):
        self.__dict__.update(kind=kind, children=children, target=target)


class Problem(Frozen):
    """A mark that could not be read: `offset` is the character in the text where it starts."""

    _fields = ("offset", "kind", "detail")

    def __init__(self, offset: int, kind: str, detail: str = ""):  # kind: unclosed, crossed, url, empty-link
        self.__dict__.update(offset=offset, kind=kind, detail=detail)


class Parsed(Record):
    _fields = ("nodes", "problems")

    def __init__(self, nodes: list | None = None, problems: list[Problem] | None = None):
        self.nodes = [] if nodes is None else nodes
        self.problems = [] if problems is None else problems


def has_marks(text: str) -> bool:
    """Whether `text` could hold a mark at all (the quick test that keeps plain text on the fast path)."""
    return "*" in text or "[" in text or "\\" in text


def allowed_url(url: str) -> bool:
    """A link's address the syntax takes: https, http, mailto, or `#id` of an annex."""
    return url.startswith(_SCHEMES) or (url.startswith("#") and bool(_ID.fullmatch(url, 1)))


def parse(text: str) -> Parsed:
    """The nodes of `text`: plain strings and `Mark`s, with the problems found."""
    out = Parsed()
    if not has_marks(text):
        out.nodes = [text] if text else []
        return out
    out.nodes = _Parser(text, out.problems).run(0, len(text), links=True)
    return out


def plain(text: str, annex_label=None) -> str:
    """`text` without its marks: link words kept, note references dropped, an annex reference as
    `annex_label(id)` (default: the id)."""
    return "".join(_plain(parse(text).nodes, annex_label))


def _plain(nodes, annex_label) -> list[str]:
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(node)
        elif node.kind == "ref":
            out.append(annex_label(node.target) if annex_label else node.target)
        elif node.kind != "note":
            out.extend(_plain(node.children, annex_label))
    return out


def escape(text: str) -> str:
    """`text` written so that it parses to exactly itself, with no marks (for `extract` and `new`)."""
    if not has_marks(text):
        return text
    out = []
    n = len(text)
    last_link = text.rfind("](")  # a `[` before it could open a link
    for i, ch in enumerate(text):
        if ch == "*":
            out.append("\\*")
        elif ch == "\\":
            nxt = text[i + 1] if i + 1 < n else ""
            out.append("\\\\" if nxt in SPECIAL and nxt else "\\")
        elif ch == "[" and (i < last_link or text[i + 1:i + 2] in ("^", "#")):
            out.append("\\[")
        else:
            out.append(ch)
    return "".join(out)


def references(text: str) -> list[tuple[int, str, str]]:
    """(offset, kind, id) of every note (`note`) and annex (`ref`, and links to `#id`) referred to in `text`."""
    if "[" not in text:
        return []
    parser = _Parser(text, [])
    parser.run(0, len(text), links=True)
    return parser.refs


def emit(nodes, text=None) -> str:
    """Nodes written back as text with marks (the inverse of `parse` for what it produces): for `extract`,
    which builds nodes from Word runs, HTML elements or PDF fonts. `text(piece)` writes a plain piece
    (default `escape`, so it parses back to itself)."""
    text = text or escape
    out = []
    for node in nodes:
        if isinstance(node, str):
            out.append(text(node))
        elif node.kind == "bold":
            out.append(f"**{emit(node.children, text)}**")
        elif node.kind == "italic":
            out.append(f"*{emit(node.children, text)}*")
        elif node.kind == "link":
            out.append(f"[{emit(node.children, text)}]({node.target})")
        elif node.kind == "note":
            out.append(f"[^{node.target}]")
        elif node.kind == "ref":
            out.append(f"[#{node.target}]")
    return "".join(out)


class _Parser:
    def __init__(self, text: str, problems: list[Problem]):
        self.text = text
        self.problems = problems
        self.refs: list[tuple[int, str, str]] = []

    def run(self, start: int, end: int, links: bool) -> list:
        """Nodes of text[start:end]; links and references only where `links` (not inside a link's words)."""
        text = self.text
        # a frame: [kind, offset, nodes]; the bottom frame is the result
        stack: list[list] = [["", start, []]]
        buf: list[str] = []
        i = start

        def flush():
            if buf:
                _append(stack[-1][2], "".join(buf))
                buf.clear()

        while i < end:
            ch = text[i]
            if ch == "\\" and i + 1 < end and text[i + 1] in SPECIAL:
                buf.append(text[i + 1])
                i += 2
            elif ch == "*":
                j = i
                while j < end and text[j] == "*":
                    j += 1
                run = j - i
                before = text[i - 1] if i > start else " "
                after = text[j] if j < end else " "
                closes, opens = not before.isspace(), not after.isspace()
                if run > 3 or not (closes or opens):
                    buf.append(text[i:j])
                else:
                    flush()
                    self._star(stack, i, run, closes, opens)
                i = j
            elif ch == "[" and links:
                got = self._bracket(i, end)
                if got is None:
                    buf.append(ch)
                    i += 1
                else:
                    node, i = got
                    flush()
                    stack[-1][2].append(node)
            else:
                buf.append(ch)
                i += 1
        flush()
        if len(stack) > 1:  # unclosed marks: kept as typed, in the order they stand
            for kind, offset, _nodes in stack[1:]:
                self.problems.append(Problem(offset, "unclosed", _MARKER[kind]))
            _flatten(stack, 0)
        return _merged(stack[0][2])

    def _star(self, stack, offset: int, run: int, closes: bool, opens: bool) -> None:
        kinds = {1: ["italic"], 2: ["bold"], 3: ["bold", "italic"]}[run]
        open_kinds = [frame[0] for frame in stack[1:]]
        if closes and all(k in open_kinds for k in kinds):
            for kind in kinds if run < 3 else sorted(kinds, key=lambda k: -_last(open_kinds, k)):
                at = _last([frame[0] for frame in stack], kind)
                for k, start, _nodes in stack[at + 1:]:  # opened inside and not closed before this closes
                    self.problems.append(Problem(start, "crossed", _MARKER[k]))
                _flatten(stack, at)
                _kind, _start, nodes = stack.pop()
                stack[-1][2].append(Mark(kind, tuple(_merged(nodes))))
            return
        if opens and len(stack) <= MAX_DEPTH:
            if run == 3:
                stack.append(["bold", offset, []])
                stack.append(["italic", offset + 2, []])
            else:
                stack.append([kinds[0], offset, []])
            return
        stack[-1][2].append("*" * run)

    def _bracket(self, i: int, end: int):
        """A note, an annex reference or a link starting at text[i] == '[', and where it ends; or None."""
        text = self.text
        if text.startswith(("[^", "[#"), i):
            m = _ID.match(text, i + 2, end)
            if m and m.end() < end and text[m.end()] == "]":
                kind = "note" if text[i + 1] == "^" else "ref"
                self.refs.append((i, kind, m.group()))
                return Mark(kind, (), m.group()), m.end() + 1
        close = _closing(text, i + 1, end)
        if close is None or close + 1 >= end or text[close + 1] != "(":
            return None
        url_end = _url_end(text, close + 2, end)
        if url_end is None:
            return None
        url = text[close + 2:url_end]
        words = self.run(i + 1, close, links=False)
        if not allowed_url(url):
            self.problems.append(Problem(close + 2, "url", url))
        elif url.startswith("#"):
            self.refs.append((i, "ref", url[1:]))
        if not words:
            self.problems.append(Problem(i, "empty-link", url))
        return Mark("link", tuple(words), url), url_end + 1


def _closing(text: str, i: int, end: int) -> int | None:
    """The `]` that closes a link's words (escaped brackets skipped; no brackets inside)."""
    while i < end:
        ch = text[i]
        if ch == "\\" and i + 1 < end and text[i + 1] in SPECIAL:
            i += 2
            continue
        if ch == "]":
            return i
        if ch == "[":
            return None
        i += 1
    return None


def _url_end(text: str, i: int, end: int) -> int | None:
    """The `)` that ends a url starting at text[i] (parentheses inside balanced, no spaces), or None."""
    depth = 0
    start = i
    end = min(end, i + MAX_URL + 1)
    while i < end:
        ch = text[i]
        if ch.isspace() or ch in "[]<>\"":
            return None
        if ch == "(":
            depth += 1
        elif ch == ")":
            if depth == 0:
                return i if i > start else None
            depth -= 1
        i += 1
    return None


_MARKER = {"bold": "**", "italic": "*"}


def _last(items: list, value) -> int:
    return len(items) - 1 - items[::-1].index(value)


def _flatten(stack: list, at: int) -> None:
    """Frames above stack[at] become text: their marker and their nodes, in order, into stack[at]."""
    into = stack[at][2]
    for kind, _offset, nodes in stack[at + 1:]:
        into.append(_MARKER[kind])
        into.extend(nodes)
    del stack[at + 1:]


def _merged(nodes: list) -> list:
    """Adjacent texts joined, empty ones dropped (one pass)."""
    out: list = []
    run: list[str] = []
    for node in nodes:
        if isinstance(node, str):
            run.append(node)
        else:
            if run:
                joined = "".join(run)
                if joined:
                    out.append(joined)
                run = []
            out.append(node)
    joined = "".join(run)
    if joined:
        out.append(joined)
    return out


def _append(nodes: list, node) -> None:
    nodes.append(node)

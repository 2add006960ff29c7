"""The canonical YAML text of an agreement, written in one pass: the same text as ruamel.yaml's round-trip
dump (`store.dump`), with the drafter's comments, in time linear in the agreement.

ruamel.yaml's pure-Python round trip took a minute for a 2 MB agreement (and its folded scalars cost n² in
the sentences of one paragraph), so `fmt`, `sign-off` and `new` write here: block style, keys in the order
given, mappings indented 2, sequence items «- » indented 2 inside their key, a text of several sentences
folded (`>-`) one sentence per line (`store.sentences`); a table's header and rows as flow sequences
`[a, 'b, c']` on one line where they are short (`flow`), each cell quoted where YAML would misread it. Each text gets ruamel's style, decided as its
emitter decides it (plain where YAML reads it back as the same text, else quoted); a text it would wrap or
escape (longer than the line width, control characters) is handed to ruamel.yaml alone. Data of another
shape (empty lists, nulls) makes `canonical` return None, and the caller dumps with ruamel.

Comments come as `Notes` (`store.comments`): the comment at the end of a value's line stays at the end of
that line, at its column where there is room; comment and blank lines after a value follow it.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
TYPE_CHECKING = False  # `typing` is not imported at run time: every command would pay for it
if TYPE_CHECKING:
    from typing import Any

from avtale.store.comments import Notes

WIDTH = 4096  # ruamel's line width in `store._yaml` (it wraps a line at a space past it)
_KEY = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_ID_KEY = re.compile(r"[a-z0-9][a-z0-9-]*")  # a footnote's id, a key of `footnotes:` (plain where read as text)
# characters every style writes as they are: printable, no line break, no byte-order mark
_UNSAFE = re.compile("[^\x20-\x7e\xa0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]|\ufeff")
_SUPPLEMENTARY = re.compile("[\U00010000-\U0010ffff]")
# what keeps a text from being plain (ruamel's `analyze_scalar` for printable text in block context)
_NOT_PLAIN = re.compile(r"^(?:---|\.\.\.|[#,\[\]{}&*!|>'\"%@`]|[?:-](?: |$)| )|: |:$| #| $")


FLOW_WIDTH = 100  # a table's header or row is written `[a, b]` on one line up to this many characters
_FLOW_QUOTED = re.compile(r"[,\[\]{}:]|^[?-]")  # what a cell in `[…]` is quoted for, though a plain text may hold it


def is_cells(path: tuple) -> bool:
    """Whether the list at `path` is a table's header or one of its rows."""
    if len(path) >= 2 and path[-1] == "header" and path[-2] == "table":
        return True
    return len(path) >= 3 and isinstance(path[-1], int) and path[-2] == "rows" and path[-3] == "table"


def cell_style(text: str) -> str | None:
    """How a (normalised) cell is written inside `[…]`: "" plain, "'" or '"' quoted; None where it cannot be
    (a character every style escapes), and the row is written as a block list."""
    if _UNSAFE.search(text):
        return None
    if text and not _NOT_PLAIN.search(text) and not _FLOW_QUOTED.search(text) and _reads_as_text(text):
        return ""
    if "'" not in text:
        return "'"
    return None if _SUPPLEMENTARY.search(text) else '"'


def quoted(text: str, style: str) -> str:
    if style == "'":
        return "'" + text + "'"
    if style == '"':
        return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    return text


def flow(cells: list) -> str | None:
    """A table's header or row as a flow sequence on one line, `[Tiltak, 'KD, BFD og KS', '2026']`; None where
    it is longer than FLOW_WIDTH or a cell cannot stand in it."""
    from avtale.characters import fold_spaces

    parts = []
    for cell in cells:
        if not isinstance(cell, str):
            return None
        text = fold_spaces(cell)
        style = cell_style(text)
        if style is None:
            return None
        parts.append(quoted(text, style))
    out = "[" + ", ".join(parts) + "]"
    return out if len(out) <= FLOW_WIDTH else None


def number(value: float) -> str | None:
    """A float as written: a whole number without «.0» (a column's `width: 3`), else as Python writes it; None
    for a form YAML might read otherwise (an exponent, inf, nan)."""
    if value.is_integer():
        return str(int(value))
    out = repr(value)
    return out if re.fullmatch(r"-?\d+\.\d+", out) else None


class _Unsupported(Exception):
    """Data this writer does not write: ruamel.yaml writes the whole text."""


def canonical(data: dict, notes: Notes | None = None) -> str | None:
    """The canonical text of `data` (plain dicts, lists, str, int, bool, dates), or None where ruamel.yaml
    must write it."""
    if not isinstance(data, dict) or not data:
        return None
    out: list[str] = []
    writer = _Writer(out, notes or Notes())
    try:
        head = writer.notes.head
        while head and not head[0].strip():  # blank lines at the top go, as ruamel.yaml drops them
            head = head[1:]
        out.extend(line + "\n" for line in head)
        writer.mapping(data, 0, "", ())
    except _Unsupported:
        return None
    return "".join(out)


class _Writer:
    def __init__(self, out: list[str], notes: Notes):
        self.out = out
        self.notes = notes

    def mapping(self, data: dict, indent: int, lead: str, path: tuple) -> None:
        """`data`'s keys at `indent`; the first after `lead` (the «- » of a sequence item, or spaces)."""
        if not data:
            raise _Unsupported
        for key, value in data.items():
            if not isinstance(key, str) or not (_KEY.fullmatch(key) or _ID_KEY.fullmatch(key) and _reads_as_text(key)):
                raise _Unsupported
            head, lead = lead + key + ":", " " * indent
            self.value(head, value, indent, (*path, key))

    def value(self, head: str, value: Any, indent: int, path: tuple) -> None:
        if isinstance(value, list) and is_cells(path):
            cells = flow(value)
            if cells is not None:
                self.line(head + " " + cells, path, cells=len(value))
                return
        if isinstance(value, dict):
            self.line(head, path)
            self.mapping(value, indent + 2, " " * (indent + 2), path)
        elif isinstance(value, list):
            self.line(head, path)
            self.sequence(value, indent + 2, path)
        else:
            self.scalar(head + " ", value, indent + 2, path)

    def sequence(self, items: list, dash: int, path: tuple, first: str | None = None) -> None:
        """The items at `dash`; the first after `first` (the «-   » of a list in a list), if given."""
        if not items:
            raise _Unsupported
        for i, item in enumerate(items):
            lead = first if first is not None and i == 0 else " " * dash + "- "
            if isinstance(item, dict) and not item:  # a table's column with nothing set
                self.line(lead + "{}", (*path, i))
            elif isinstance(item, dict):
                self.mapping(item, dash + 2, lead, (*path, i))
            elif isinstance(item, list):
                cells = flow(item) if is_cells((*path, i)) else None
                if cells is not None:
                    self.line(lead + cells, (*path, i), cells=len(item))
                elif not item:
                    raise _Unsupported
                else:  # ruamel's nesting: «-   - a», the inner items 4 further in
                    self.sequence(item, dash + 4, (*path, i), lead + "  - ")
            else:
                self.scalar(lead, item, dash + 2, (*path, i))

    def scalar(self, lead: str, value: Any, indent: int, path: tuple) -> None:
        """A value after `lead` («key: » or «- »); a folded text's lines at `indent`."""
        text = _scalar(value, len(lead), indent, path)
        self.line(lead + text, path, block=text[:1] in (">", "|"), indent=indent)

    def line(self, text: str, path: tuple, block: bool = False, indent: int = 0, cells: int = 0) -> None:
        """Text ending the lines of `path`, then its comment and the comment and blank lines after it; for a
        flow sequence of `cells` cells, the comments after any of them."""
        note = self.notes.after.get(path)
        if cells:
            note = _merged([note] + [self.notes.after.get((*path, i)) for i in range(cells)])
        if note is None:
            self.out.append(text + "\n")
            return
        comment, lines = note
        if comment is not None and not block:
            column, words = comment
            last = text[text.rfind("\n") + 1:]
            text += " " * max(column - len(last), 1) + words
        self.out.append(text + "\n")
        if block:  # below a folded text, a comment indented as far as its lines would be read as text
            if comment is not None:
                lines = [" " * (indent - 2) + comment[1], *lines]
            lines = [ln if len(ln) - len(ln.lstrip(" ")) < indent else " " * (indent - 2) + ln.lstrip(" ")
                     for ln in lines]
        self.out.extend(ln + "\n" for ln in lines)


def _merged(notes: list):
    """One note of several (the comments after the cells of one flow line): the last end-of-line comment,
    the others' lines after it in order."""
    notes = [n for n in notes if n is not None]
    if not notes:
        return None
    comment, lines = None, []
    for eol, after in notes:
        if eol is not None:
            if comment is not None:
                lines.append(comment[1])
            comment = eol
        lines.extend(after)
    return comment, lines


def _scalar(value: Any, column: int, indent: int, path: tuple) -> str:
    if value is True or value is False:
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        written = number(value)
        if written is None:
            raise _Unsupported
        return written
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value.isoformat()
    if not isinstance(value, str):
        raise _Unsupported
    from avtale.characters import fold_spaces
    from avtale.store.write import UNFOLDED, sentences

    text = fold_spaces(value)
    if not text:
        return _by_ruamel(value, path)
    parts = sentences(text) if not path or path[-1] not in UNFOLDED else [text]
    if len(parts) > 1:
        if _UNSAFE.search(text) or any(indent + len(p) > WIDTH for p in parts):
            return _by_ruamel(value, path)
        return ">-" + "".join("\n" + " " * indent + p for p in parts)
    if _UNSAFE.search(text):
        return _by_ruamel(value, path)
    if not _NOT_PLAIN.search(text) and _reads_as_text(text):
        out = text
    elif "'" not in text:
        out = "'" + text + "'"
    elif _SUPPLEMENTARY.search(text):
        return _by_ruamel(value, path)
    else:
        out = '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if column + len(out) > WIDTH:
        return _by_ruamel(value, path)
    return out


def _reads_as_text(text: str) -> bool:
    """Whether YAML reads `text`, written plain, back as that text (not a number, date, yes/no, null)."""
    resolver, first = _resolver()
    if first is not None and text[0] not in first:
        return True  # no implicit type starts with this character
    from ruamel.yaml.nodes import ScalarNode

    return resolver.resolve(ScalarNode, text, (True, False)) == "tag:yaml.org,2002:str"


@lru_cache(maxsize=1)
def _resolver():
    """ruamel's resolver, and the first characters of the values it reads as another type than text
    (None: any)."""
    from avtale.store import _yaml

    resolver = _yaml().resolver
    keys = resolver.versioned_resolver.keys()
    return resolver, None if None in keys else frozenset(k[:1] for k in keys if k)


def _by_ruamel(value: str, path: tuple) -> str:
    """A text as ruamel.yaml writes it at `path`: dumped alone inside the same nesting, so its indentation
    and line width are the same, and cut out of that text."""
    from avtale.store.write import _dump_plain

    written = _dump_plain(_nest(path, value))
    prefix = _prefix(tuple(k if isinstance(k, str) else 0 for k in path))
    if not written.startswith(prefix):  # pragma: no cover - the nesting writes the same lines before it
        raise _Unsupported
    return written[len(prefix):].removesuffix("\n")


@lru_cache(maxsize=256)
def _prefix(shape: tuple) -> str:
    """What ruamel writes before a value at a path of this shape: the text of a one-letter value, less it."""
    from avtale.store.write import _dump_plain

    return _dump_plain(_nest(shape, "x")).removesuffix("x\n")


def _nest(path: tuple, value: Any) -> Any:
    for part in reversed(path):
        value = {part: value} if isinstance(part, str) else [value]
    return value

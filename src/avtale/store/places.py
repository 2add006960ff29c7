"""Where each text of an agreement was typed: its key path, its style (plain, quoted, `>`, `|`) and its place.

Reads: the YAML text of one file. Writes: the texts with their places (`walk`, `scalars`); for one text,
why it holds line breaks (`line_breaks`) and where a character of it was typed (`position`). Used by
`store.silent` (what YAML changes without a word) and by AV302 (what an export or the typing left in a
text), so that both point at the line and column of the mistake, not at the start of the text.

The texts are where the model (avtale.model) has them: the values of `TEXT_KEYS`, the items of
`TEXT_LISTS`, a table's cells and the notes of `footnotes:` (tests/store/test_silent.py keeps them in step
with the model).
"""

from __future__ import annotations

import re
from collections import namedtuple

TYPE_CHECKING = False  # `typing` is not imported at run time: every command would pay for it
if TYPE_CHECKING:
    from typing import Any

# where the agreement holds text (avtale.model; tests/store/test_silent.py keeps them in step): prose, and words;
# besides these, the cells of a table's rows (`is_cell`) and the notes of `footnotes:` (`is_note`)
PROSE_KEYS = frozenset({"title", "name", "short", "alt", "place", "text", "caption"})
TEXT_KEYS = PROSE_KEYS | {"id", "language", "file", "status", "numbering", "style", "party", "supersedes", "sha256",
                          "align"}
TEXT_LISTS = frozenset({"preamble", "blocks", "bullets", "numbered", "header"})
KEYS = TEXT_KEYS | TEXT_LISTS | {"parties", "logo", "period", "start", "end", "sections", "subsections",
                                 "signing", "date", "signatories", "seal", "electronic", "annexes", "footnotes",
                                 "table", "columns", "width", "rows"}


def is_cell(path: tuple) -> bool:
    """Whether `path` is a table cell (`header: [...]` or a cell of `rows:`), which may be empty."""
    n = len(path)
    return n >= 3 and isinstance(path[-1], int) and (
        path[-2] == "header" and path[-3] == "table"
        or n >= 4 and isinstance(path[-2], int) and path[-3] == "rows" and path[-4] == "table")


def is_note(path: tuple) -> bool:
    """Whether `path` is a footnote's text (`footnotes: {id: text}`)."""
    return len(path) == 2 and path[0] == "footnotes"


Scalar = namedtuple("Scalar", "value style line col end_line end_col")
Scalar.__doc__ = "A text as YAML read it, with its place: 0-based start and end (after its last character)."


def events(text: str) -> Any:
    """libyaml's events for a text, where ruamel.yaml.clib is installed (the parser's own positions and styles)."""
    try:
        from _ruamel_yaml import CParser

        parser = CParser(text)
        while True:
            event = parser.get_event()
            if event is None:
                return
            yield event
    except ImportError:  # pragma: no cover - depends on the platform's wheels
        from ruamel.yaml import YAML

        yield from YAML(typ="rt").parse(text)


_KEY = object()  # a mapping waits for its next key


class _Frame:
    __slots__ = ("is_map", "path", "indent", "flow", "key", "key_line", "key_col", "index")

    def __init__(self, is_map: bool, path: tuple, indent: int, flow: bool):
        self.is_map, self.path, self.indent, self.flow = is_map, path, indent, flow
        self.key: Any = _KEY
        self.key_line = self.key_col = 0
        self.index = 0


def walk(text: str):
    """(path, event, frame, is_text) for every scalar that is a value; keys are not values."""
    from ruamel.yaml.events import MappingStartEvent, ScalarEvent, SequenceStartEvent

    frames: list[_Frame] = []
    for event in events(text):
        cls = event.__class__
        is_start = cls is MappingStartEvent or cls is SequenceStartEvent
        if cls is not ScalarEvent and not is_start and cls.__name__ != "AliasEvent":
            if cls.__name__ in ("MappingEndEvent", "SequenceEndEvent") and frames:
                frames.pop()
            continue
        path: tuple = ()
        frame = frames[-1] if frames else None
        if frame is not None and frame.is_map:
            if frame.key is _KEY:  # this node is a key
                frame.key = event.value if cls is ScalarEvent else None
                frame.key_line, frame.key_col = event.start_mark.line, event.start_mark.column
                if is_start:
                    frames.append(_Frame(cls is MappingStartEvent, (None,), 0, True))
                continue
            path = (*frame.path, frame.key)
            frame.key = _KEY
        elif frame is not None:
            path = (*frame.path, frame.index)
            frame.index += 1
        if is_start:
            frames.append(_Frame(cls is MappingStartEvent, path, event.start_mark.column, bool(event.flow_style)))
        elif cls is ScalarEvent:
            is_text = bool(path) and frame is not None and (
                (frame.is_map and (path[-1] in TEXT_KEYS or is_note(path)))
                or (not frame.is_map and (len(path) > 1 and path[-2] in TEXT_LISTS or is_cell(path))))
            yield path, event, frame, is_text


def scalars(text: str) -> dict[tuple, Scalar]:
    """Every text (`TEXT_KEYS`, `TEXT_LISTS`) by its key path, with its style and place; {} if it does not parse.

    Where `store.fast_text` reads the file and every such value is a string, the values are those it read
    (what was typed, as libyaml reads it) and the styles and places are found by libyaml on first use: the
    rules that look at texts of a valid file read only the values, without importing ruamel.yaml."""
    from avtale.store import fast_text

    data = fast_text.load(text)
    if data is not None:
        found: dict = {}
        if _texts(data, (), None, found, _Walked(text)):
            return found
    return walked_scalars(text)


def walked_scalars(text: str) -> dict[tuple, Scalar]:
    """`scalars` with every style and place read by libyaml."""
    out = {}
    try:
        for path, event, _frame, is_text in walk(text):
            if is_text:
                s, e = event.start_mark, event.end_mark
                out[path] = Scalar(event.value, event.style or "", s.line, s.column, e.line, e.column)
    except Exception:  # noqa: BLE001 - a parse error: the loader reports it
        return out
    return out


class _Walked:
    """The texts of one file as libyaml reads them, read once, when a style or a place is first asked for."""

    def __init__(self, text: str):
        self.text = text
        self.found: dict | None = None

    def get(self, path: tuple) -> Scalar:
        if self.found is None:
            self.found = walked_scalars(self.text)
        return self.found[path]


class _Read:
    """A text read by `store.fast_text`: its value at once; its style and place (the fields of `Scalar`) from
    libyaml on first use."""

    __slots__ = ("value", "_path", "_walked")

    def __init__(self, value: str, path: tuple, walked: _Walked):
        self.value, self._path, self._walked = value, path, walked

    def __getattr__(self, name: str):
        if name not in Scalar._fields:
            raise AttributeError(name)
        return getattr(self._walked.get(self._path), name)


def _texts(node, path: tuple, parent_is_map: bool | None, out: dict, walked: _Walked) -> bool:
    """The texts of plain data as `walk` finds them (its `is_text`) into `out`; False where a value at a text's
    place is no string (its typed form is libyaml's to tell)."""
    if node.__class__ is dict:
        return all(_texts(v, (*path, k), True, out, walked) for k, v in node.items())
    if node.__class__ is list:
        return all(_texts(v, (*path, i), False, out, walked) for i, v in enumerate(node))
    if parent_is_map is None:
        return True
    is_text = (path[-1] in TEXT_KEYS or is_note(path)) if parent_is_map else (
        len(path) > 1 and path[-2] in TEXT_LISTS or is_cell(path))
    if not is_text:
        return True
    if node.__class__ is not str:
        return False
    out[path] = _Read(node, path, walked)
    return True


TRAILING = "trailing"  # a `>` (or `|`) keeps the last line break
LITERAL = "literal"  # a `|` block keeps every line break
BLANK = "blank"  # a blank line inside the text
LEADING = "leading"  # a blank line before the text, in a block
_TWO_SPACES = re.compile(r"(?<=\S)  ")


def header(lines: list[str], scalar: Scalar) -> str:
    """A block's indicator as typed: `>`, `>+`, `|-` …"""
    m = re.match(r"[>|][-+0-9]*", lines[scalar.line][scalar.col:])
    return m.group(0) if m else ""


def line_breaks(lines: list[str], scalar: Scalar) -> list[tuple[str, int, int]]:
    """Why a text holds line breaks YAML kept from how it was typed: (kind, line, col), 1-based. A line break
    from a more-indented line or a backslash escape is found by `silent.find`, not listed here."""
    if "\n" not in scalar.value:
        return []
    at = (scalar.line + 1, scalar.col + 1)
    if scalar.style == "|":
        return [(LITERAL, *at)]
    out = []
    if scalar.style == ">" and scalar.value.endswith("\n"):
        out.append((TRAILING, *at))
    first = scalar.line + 1 if scalar.style == ">" else scalar.line
    last = scalar.end_line - 1 if scalar.end_col == 0 else scalar.end_line
    seen_text = False
    for n in range(first, min(last, len(lines) - 1) + 1):
        if lines[n].strip():
            seen_text = True
        elif scalar.style == ">" and not seen_text:
            out.append((LEADING, n + 1, 1))
        elif any(lines[k].strip() for k in range(n + 1, last + 1)):
            out.append((BLANK, n + 1, 1))
    # one place per run of blank lines
    runs, previous = [], None
    for kind, line, col in out:
        if previous is None or kind != previous[0] or line != previous[1] + 1:
            runs.append((kind, line, col))
        previous = (kind, line, col)
    return runs


def position(lines: list[str], scalar: Scalar, offset: int, found: str) -> tuple[int, int] | None:
    """Where `found`, at `offset` in the text's value, was typed (1-based): the same occurrence of it in the
    text's lines; spaces at an edge of the text, or doubled, where they stand. None where it was not typed as
    it is (a backslash escape, a fold of lines)."""
    last = scalar.end_line - 1 if scalar.end_col == 0 else scalar.end_line
    rows = range(scalar.line + (scalar.style in (">", "|")), min(last, len(lines) - 1) + 1)
    if found.strip(" "):  # the same occurrence of it, counted in the value and in the lines
        k = scalar.value.count(found, 0, offset)
        for n in rows:
            line = lines[n]
            stop = scalar.end_col if n == scalar.end_line else len(line)
            col = line.find(found, scalar.col if n == scalar.line else 0, stop)
            while col >= 0:
                if k == 0:
                    return n + 1, col + 1
                k -= 1
                col = line.find(found, col + 1, stop)
        return _escape_position(lines, scalar, rows, found) if scalar.style == '"' and len(found) == 1 else None
    quoted = scalar.style in ("'", '"')
    if offset == 0 and quoted:  # spaces just inside the opening quote
        return scalar.line + 1, scalar.col + 2
    if offset + len(found) == len(scalar.value) and quoted and scalar.end_line == last:
        return scalar.end_line + 1, scalar.end_col - len(found)
    for n in rows:  # two spaces inside a line
        m = _TWO_SPACES.search(lines[n], scalar.col if n == scalar.line else 0)
        if m and offset + len(found) < len(scalar.value):
            return n + 1, m.start() + 1
    for n in rows:  # a space at the end of a line, which a folded block keeps
        line = lines[n]
        if line.strip() and line.endswith(" "):
            return n + 1, len(line.rstrip(" ")) + 1
    return None


def _escape_position(lines: list[str], scalar: Scalar, rows: range, char: str) -> tuple[int, int] | None:
    """Where a character is given by its number inside double quotes (`\\u00AD`, `\\xAD`, `\\U000000AD`)."""
    code = ord(char)
    forms = [f"\\\\u{code:04x}", f"\\\\U{code:08x}"] + ([f"\\\\x{code:02x}"] if code < 256 else [])
    escape = re.compile("|".join(forms), re.I)
    for n in rows:
        m = escape.search(lines[n], scalar.col if n == scalar.line else 0)
        if m:
            return n + 1, m.start() + 1
    return None


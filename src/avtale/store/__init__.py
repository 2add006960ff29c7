"""The store: the only code that reads or writes YAML.

Reads with ruamel.yaml in round-trip mode, so every value keeps its source
position and every comment survives a rewrite. Refuses anchors, aliases and
explicit tags outright (nothing is expanded, nothing is constructed), bounds
nesting depth and file size, and writes one canonical form atomically.

Three ways in, fastest first: `fast_text` (pure Python, the subset of YAML
agreements are written in), `fast` (libyaml's events) and the round-trip
loader (`parse`), each taking over where the one before gives up. ruamel.yaml
is imported only by the second and third, for positions (a file with
findings) and for writing: not for reading a valid agreement.
"""

from __future__ import annotations

import functools
import re

TYPE_CHECKING = False  # `typing` and `pathlib` are not imported at run time: every command would pay for them
if TYPE_CHECKING:
    from pathlib import Path
    from typing import Any

from avtale.characters import REFUSED, char_name, refusal
from avtale.errors import Position, RefusedCharacter, UnreadableError, YamlError
from avtale.i18n import _
from avtale.store import fast, fast_text

MAX_DEPTH = 64


@functools.lru_cache(maxsize=1)
def _strict_composer() -> type:
    """The round-trip loader's composer, refusing anchors, aliases and explicit tags, and bounding nesting
    depth, before composing (made on first use: ruamel.yaml is imported only when it is needed)."""
    from ruamel.yaml.composer import Composer
    from ruamel.yaml.events import AliasEvent, CollectionStartEvent, ScalarEvent

    def explicit_tag(event: Any) -> bool:
        tag = getattr(event, "tag", None)
        if tag is None:
            return False
        value = getattr(tag, "value", tag)
        if isinstance(event, ScalarEvent) and event.implicit and event.implicit[0] and value in (None, "!"):
            return False
        return value is not None

    class _StrictComposer(Composer):
        def compose_node(self, parent: Any, index: Any) -> Any:
            event = self.parser.peek_event()
            mark = event.start_mark
            scalar = isinstance(event, (AliasEvent, ScalarEvent))  # a text that starts with «*», «&» or «!»
            if isinstance(event, AliasEvent):
                raise _Refused("alias", mark, reserved="alias")
            if getattr(event, "anchor", None):
                if scalar:
                    raise _Refused("anchor", mark, reserved="anchor")
                raise _Refused(_("YAML anchors (&name) are not allowed in an agreement: remove it"), mark)
            if explicit_tag(event):
                if scalar:
                    raise _Refused("tag", mark, reserved="tag")
                raise _Refused(_("YAML tags ({tag}) are not allowed in an agreement: remove it").format(
                    tag=fast.tag_text(event.tag)), mark)
            depth = getattr(self, "_depth", 0)
            if isinstance(event, CollectionStartEvent):
                if depth >= MAX_DEPTH:
                    raise _Refused(_("the text is nested deeper than {n} levels").format(n=MAX_DEPTH), mark)
                self._depth = depth + 1
                try:
                    return super().compose_node(parent, index)
                finally:
                    self._depth = depth
            return super().compose_node(parent, index)

    return _StrictComposer


class _Refused(Exception):
    def __init__(self, message: str, mark: Any, reserved: str = ""):
        super().__init__(message)
        self.message = message
        self.mark = mark
        self.reserved = reserved


def _yaml() -> Any:
    from ruamel.yaml import YAML

    from avtale.store import write

    write.ruamel()  # the folded-text representer, registered before any dump
    y = YAML(typ="rt")
    y.Composer = _strict_composer()
    y.allow_duplicate_keys = False
    y.width = 4096
    y.indent(mapping=2, sequence=4, offset=2)
    y.preserve_quotes = False
    y.representer.ignore_aliases = lambda data: True  # never write anchors, even for one object used twice
    return y


class Document:
    """A YAML file as read: its path, its text, its plain data, and (on demand) round-trip data.

    `plain` comes from the fast path where it can; `data` (positions and
    comments) is parsed by the round-trip loader the first time it is needed.
    """

    def __init__(self, path: Path, text: str, loaded: fast.Loaded | None = None, data: Any = None):
        self.path = path
        self.text = text
        self._data = data
        self._loaded = loaded
        self.plain = loaded.data if loaded is not None else data

    @property
    def data(self) -> Any:
        if self._data is None:
            self._data = parse(self.text, self.path)
        return self._data

    def locate(self, loc: tuple) -> tuple[int | None, int | None]:
        if self._loaded is not None and fast.CParser is not None:  # positions by libyaml, else by ruamel
            return self._loaded.locate(loc)
        return locate(self.data, loc)

    def key_position(self, loc: tuple) -> tuple[int | None, int | None]:
        if self._loaded is not None and fast.CParser is not None:
            return self._loaded.key_position(loc)
        return key_position(self.data, loc)


def read_text(path: Path, max_bytes: int | None = None) -> str:
    """Read a UTF-8 text file; a byte-order mark and CRLF line endings are accepted as if absent."""
    from avtale import limits

    from avtale.files import ReadProblem, read_bounded

    try:
        raw = read_bounded(path, max_bytes or limits.current.yaml_bytes)
    except ReadProblem as problem:
        if problem.too_large:
            raise YamlError(_("{problem} (see --max-file-size)").format(problem=problem.message), Position(path)) from None
        raise UnreadableError(problem.message, Position(path)) from None
    raw = raw.removeprefix(b"\xef\xbb\xbf")  # (a byte-order mark: what the utf-8-sig codec drops, without loading it;
    # and the place of a bad byte below counts from the text the editor shows, after the mark)
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        col = exc.start - (raw.rfind(b"\n", 0, exc.start) + 1) + 1
        raise YamlError(_("this is not UTF-8 text (byte 0x{byte:02x}): save the file as UTF-8").format(
            byte=raw[exc.start]), Position(path, line, col)) from None
    text = text.replace("\r\n", "\n")
    if not text.strip():
        raise YamlError(_("the file is empty"), Position(path, 1, 1))
    return text


def parse(text: str, path: Path | str = "<string>") -> Any:
    """Parse YAML text into round-trip data, refusing what avtale never accepts."""
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    from avtale.store import mistakes  # (the drafter's words for what went wrong: only when something did)

    try:
        return _yaml().load(text)
    except _Refused as exc:
        if exc.reserved:
            pos = _mark_position(path, exc.mark)
            message, line, col = mistakes.reserved(text, pos.line, pos.col, exc.reserved)
            raise YamlError(message, Position(path, line, col)) from None
        raise YamlError(exc.message, _mark_position(path, exc.mark)) from None
    except MarkedYAMLError as exc:
        if "duplicate key" in str(exc):
            key = re.search(r'duplicate key "([^"]*)"', str(exc))
            pos = _mark_position(path, exc.problem_mark)
            message, line, col = mistakes.duplicate(text, pos.line, pos.col, key.group(1) if key else "?")
            raise YamlError(message, Position(path, line, col)) from None
        problem = exc.problem or exc.context or ""
        if "another document" in problem:
            raise YamlError(fast.friendly(problem), _mark_position(path, exc.problem_mark)) from None
        message, line, col = mistakes.explain(text, problem, exc.context, _at(exc.problem_mark), _at(exc.context_mark))
        raise YamlError(message, Position(path, line, col)) from None
    except YAMLError as exc:
        where = getattr(exc, "position", None)
        char = getattr(exc, "character", None)
        if isinstance(where, int) and char is not None:  # ruamel's ReaderError: a non-printable character
            line = text.count("\n", 0, where) + 1
            col = where - (text.rfind("\n", 0, where) + 1) + 1
            char = char if isinstance(char, str) else chr(char)
            raise RefusedCharacter(refusal(char), Position(path, line, col)) from None
        raise YamlError(_("YAML cannot read this file: {problem}").format(problem=str(exc).splitlines()[0]),
                        Position(path)) from None
    except RecursionError:
        raise YamlError(_("the text is nested too deep"), Position(path)) from None
    except ValueError as exc:  # a value the constructor cannot build, such as the date 2014-13-45
        raise _not_a_date(text, path, exc) from None


def _not_a_date(text: str, path: Path | str, exc: ValueError) -> YamlError:
    """The first date-shaped value that is no real date (2014-13-45), with its position."""
    import datetime as dt

    for number, line in enumerate(text.split("\n"), 1):
        for m in re.finditer(r"(?<![\w.-])(\d{4})-(\d{1,2})-(\d{1,2})(?![\w.-])", line):
            try:
                dt.date(*map(int, m.groups()))
            except ValueError:
                return YamlError(_("«{value}» is not a real date: write it as YYYY-MM-DD, for example 2014-11-07").format(
                    value=m.group(0)), Position(path, number, m.start() + 1))
    return YamlError(_("a value cannot be read: {problem}").format(problem=exc), Position(path))


def load(path: Path | str, max_bytes: int | None = None) -> Document:
    """Read and parse one YAML file."""
    return from_text(read_text(path, max_bytes), path)


def from_text(text: str, path: Path | str = "<string>") -> Document:
    """A Document from text already read (from git, say); `path` names it in messages."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")  # CRLF and old Mac CR
    if not text.strip():
        raise YamlError(_("the file is empty"), Position(path, 1, 1))
    refused_character(text, path)
    plain = fast_text.load(text)
    if plain is not None:
        return Document(path, text, loaded=fast.Loaded(plain, text, MAX_DEPTH))
    try:
        loaded = fast.load(text, MAX_DEPTH)
    except fast.Refusal as exc:
        raise (RefusedCharacter if exc.char else YamlError)(exc.message, Position(path, exc.line, exc.col)) from None
    if loaded is not None:
        return Document(path, text, loaded=loaded)
    return Document(path, text, data=parse(text, path))


def refused_character(text: str, path: Path | str) -> None:
    """Stop at the first character typed in the file that cannot stand in an agreement (`characters.REFUSED`),
    in a text, a key or a comment alike: a bidirectional control in a comment can make the file a reviewer
    reads differ from what it holds. libyaml would stop at some of them in its own words, and a next-line
    character (U+0085) it reads as a line break; one rule for all of them, with rule AV102's words. A line or
    paragraph separator (U+2028, U+2029) typed in the file, which libyaml reads as a line break too, so that
    its lines are not the editor's, is named where it stands."""
    m = REFUSED.search(text)
    at = m.start() if m is not None else len(text)
    for separator in ("\u2028", "\u2029") if "\u2028" in text or "\u2029" in text else ():
        found = text.find(separator, 0, at)
        at = found if found >= 0 else at
    if at == len(text):
        return
    line, col = text.count("\n", 0, at) + 1, at - (text.rfind("\n", 0, at) + 1) + 1
    if m is not None and at == m.start():
        raise RefusedCharacter(refusal(m.group()), Position(path, line, col))
    message = _("{name} (U+{code}), which YAML reads as a line break, is left from an export: delete the character")
    raise YamlError(message.format(name=char_name(text[at]), code=f"{ord(text[at]):04X}"), Position(path, line, col))


def load_plain(path: Path | str) -> Any:
    """Read a YAML settings file (such as templates/layout.yaml) as plain dicts and lists."""
    return _plain(load(path).plain)


def _plain(node: Any) -> Any:
    if isinstance(node, dict):
        return {str(k): _plain(v) for k, v in node.items()}
    if isinstance(node, list):
        return [_plain(v) for v in node]
    if isinstance(node, str):
        return str(node)
    return node


def _at(mark: Any) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def _mark_position(path: Path | str, mark: Any) -> Position:
    if mark is None:
        return Position(path)
    return Position(path, mark.line + 1, mark.column + 1)


def locate(data: Any, loc: tuple) -> tuple[int | None, int | None]:
    """The 1-based (line, column) of the value at a pydantic-style `loc` in round-trip data.

    Components that do not apply (union tags) are skipped; a missing key gives
    the position of the mapping that lacks it.
    """
    from ruamel.yaml.comments import CommentedMap, CommentedSeq

    node = data
    line, col = (1, 1)
    for part in loc:
        if isinstance(node, CommentedMap) and part in node:
            ln, cl = node.lc.value(part) if not isinstance(node[part], (dict, list)) else node.lc.key(part)
            line, col = ln + 1, cl + 1
            node = node[part]
        elif isinstance(node, CommentedSeq) and isinstance(part, int) and 0 <= part < len(node):
            ln, cl = node.lc.item(part)
            line, col = ln + 1, cl + 1
            node = node[part]
        elif isinstance(node, CommentedMap) and isinstance(part, str) and part not in node:
            if hasattr(node, "lc") and node.lc.line is not None:
                line, col = node.lc.line + 1, node.lc.col + 1
            if part in _TAGS:
                continue
            break
    return line, col


def key_position(data: Any, loc: tuple) -> tuple[int | None, int | None]:
    """Position of the key that ends `loc` (for unknown keys), falling back to `locate`."""
    from ruamel.yaml.comments import CommentedMap

    parent = data
    for part in loc[:-1]:
        try:
            parent = parent[part]
        except (KeyError, IndexError, TypeError):
            return locate(data, loc)
    key = loc[-1] if loc else None
    if isinstance(parent, CommentedMap) and key in parent:
        ln, cl = parent.lc.key(key)
        return ln + 1, cl + 1
    return locate(data, loc)


_TAGS = {"paragraph", "bullets", "numbered", "table", "text", "item"}  # union tags in pydantic locs


def normalise_space(text: str) -> str:
    """Every run of whitespace one space, none at the ends: the text as the seal and `fmt` compare it."""
    return " ".join(text.split())


_WRITING = frozenset({"SCHEMA_COMMENT", "dump", "sentences", "to_yaml_tree", "transplant_comments"})


def __getattr__(name: str):
    """The writing half of the store (`store.write`), imported when first asked for: reading and checking an
    agreement never needs it."""
    if name in _WRITING:
        from avtale.store import write

        return getattr(write, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")

__all__ = [
    "Document", "SCHEMA_COMMENT", "dump", "from_text", "key_position", "load", "load_plain", "locate",
    "normalise_space", "parse", "read_text", "sentences", "to_yaml_tree", "transplant_comments",
]

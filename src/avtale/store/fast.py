"""The fast path of the store: plain data straight from libyaml's events.

Reads: YAML text. Writes: plain dicts, lists, str, int, float, bool, None and
dates — the same values the round-trip loader gives, without positions or
comments. Anything the round-trip loader would refuse or report (anchors,
aliases, tags, duplicate keys, deep nesting, syntax errors, several documents)
makes this path give up (`None`), so the slow path produces the one exact,
positioned message. Validating many valid files stays fast; positions are
computed only for files that have findings.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
TYPE_CHECKING = False  # `typing` is not imported at run time: every command would pay for it
if TYPE_CHECKING:
    from typing import Any

from avtale.characters import refusal
from avtale.i18n import _
from avtale.regex import lazy

_NO_PARSER = object()
_parser_class: Any = None  # libyaml's CParser, imported on first use (`_c_parser`)


def _c_parser() -> Any:
    """The C parser from ruamel.yaml.clib, or None without it (every load then takes the slow path).
    Imported on first use: importing it imports all of ruamel.yaml, which `store.fast_text` spares most runs."""
    global _parser_class
    if _parser_class is None:
        try:
            from _ruamel_yaml import CParser
        except ImportError:  # pragma: no cover - depends on the platform's wheels
            CParser = _NO_PARSER
        _parser_class = CParser
    return None if _parser_class is _NO_PARSER else _parser_class


def __getattr__(name: str) -> Any:
    if name == "CParser":  # the name this module gave the C parser when it imported it at once
        return _c_parser()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


_INT = re.compile(r"-?(?:0|[1-9][0-9]{0,17})")
_DECIMAL = re.compile(r"-?(?:0|[1-9][0-9]{0,17})\.[0-9]{1,17}")  # 11.5, 1.15: as the round-trip loader reads them
_NUMBERISH = lazy(  # anything a YAML resolver might read as a number or a timestamp (compiled where one is not
    # an int, a decimal or a date, which `resolve` and `scalars.scalar` try first)
    r"[-+]?(?:\.[0-9_]+|[0-9][0-9_]*(?:\.[0-9_]*)?)(?:[eE][-+]?[0-9]+)?"
    r"|[-+]?0[bBoOxX][0-9a-fA-F_]+"
    r"|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?"
    r"|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt ].*)?"
    r"|[-+]?\.(?:inf|Inf|INF|nan|NaN|NAN)"
)
_DATE = re.compile(r"([0-9]{4})-([0-9]{2})-([0-9]{2})")


class GiveUp(Exception):
    """This text needs the round-trip loader (to be refused, or reported exactly)."""


def resolve(value: str) -> Any:
    """YAML 1.2 core-schema resolution of a plain scalar, as ruamel's round-trip loader does it."""
    if value in ("", "~", "null", "Null", "NULL"):
        return None
    if value in ("true", "True", "TRUE"):
        return True
    if value in ("false", "False", "FALSE"):
        return False
    if _INT.fullmatch(value):
        return int(value)
    if _DECIMAL.fullmatch(value):
        return float(value)
    m = _DATE.fullmatch(value)
    if m:
        try:
            return dt.date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
        except ValueError:
            return value  # not a real date: the schema reports it, with its position
    if _NUMBERISH.fullmatch(value):
        return _built(value)
    return value


def _built(value: str) -> Any:
    """A number or timestamp in any other form (1_000, 0x1F, 1e3, .inf, 2014-11-07T12:00), built by the
    round-trip loader's own resolver and constructor: the same value, without sending the whole file to that
    loader (one such value made the reading of a 2 MB file take half a minute). A timestamp that is no real
    time stays text, for the schema to report, as a date that is no real date does."""
    from ruamel.yaml.nodes import ScalarNode

    resolver, constructor = _round_trip()
    tag = resolver.resolve(ScalarNode, value, (True, False))
    if str(tag) == "tag:yaml.org,2002:str":
        return value
    try:
        return constructor.construct_object(ScalarNode(tag, value))
    except ValueError:
        return value


@functools.lru_cache(maxsize=1)
def _round_trip() -> tuple[Any, Any]:
    from avtale.store import _yaml

    loader = _yaml()
    return loader.resolver, loader.constructor


class Refusal(Exception):
    """A definite problem with the text, at a 1-based line and column."""

    def __init__(self, message: str, line: int | None = None, col: int | None = None, reserved: str = "",
                 char: str = ""):
        super().__init__(message)
        self.message, self.line, self.col = message, line, col
        self.char = char  # a character that cannot stand in an agreement (`characters.REFUSED`)
        self.reserved = reserved  # 'alias', 'anchor', 'tag' or 'duplicate': told in the drafter's words by `load`


class Loaded:
    """Plain data; the position of every value, key and collection is found on first use.

    Valid files never need positions, so the first pass records none; a file
    with findings is parsed once more (by libyaml, in about a millisecond)
    to record them.
    """

    def __init__(self, data: Any, text: str, max_depth: int):
        self.data, self._text, self._max_depth = data, text, max_depth
        self._positions: _Builder | None = None

    def _recorded(self) -> "_Builder":
        if self._positions is None:
            builder = _Builder(self._max_depth, record=True)
            builder.run(_c_parser()(self._text))
            self._positions = builder
        return self._positions

    @property
    def values(self) -> dict:
        return self._recorded().values

    @property
    def keys(self) -> dict:
        return self._recorded().keys

    @property
    def starts(self) -> dict:
        return self._recorded().starts

    def locate(self, loc: tuple) -> tuple[int, int]:
        """Like the round-trip locate: skips union tags; a missing key gives its mapping's position."""
        line, col = 1, 1
        prefix: tuple = ()
        for part in loc:
            candidate = (*prefix, part)
            if candidate in self.values:
                line, col = self.values[candidate]
                prefix = candidate
            elif part in ("paragraph", "bullets", "numbered", "table", "text", "item"):  # union tags
                continue
            else:
                if prefix in self.starts:
                    line, col = self.starts[prefix]
                break
        return line, col

    def key_position(self, loc: tuple) -> tuple[int, int]:
        return self.keys.get(tuple(loc)) or self.locate(loc)


def tag_text(tag: Any) -> str:
    tag = str(getattr(tag, "value", tag))
    return "!!" + tag.removeprefix("tag:yaml.org,2002:") if tag.startswith("tag:yaml.org,2002:") else tag


def load(text: str, max_depth: int) -> Loaded | None:
    """Data with positions; None when a scalar needs the round-trip loader's resolution.

    Raises `Refusal` for anything avtale never accepts or that is not YAML.
    """
    parser = _c_parser()
    if parser is None:
        return None
    try:
        data = _Builder(max_depth).run(parser(text))
        return Loaded(data, text, max_depth)
    except GiveUp:
        return None
    except Refusal as exc:
        from avtale.store import mistakes  # (only when something is wrong)

        if exc.reserved == "duplicate":
            message, line, col = mistakes.duplicate(text, exc.line, exc.col, exc.message)
            raise Refusal(message, line, col) from None
        if exc.reserved:
            message, line, col = mistakes.reserved(text, exc.line, exc.col, exc.reserved)
            raise Refusal(message, line, col) from None
        raise
    except Exception as exc:  # libyaml's scanner, parser and reader errors
        raise _refusal(exc, text) from None


def _refusal(exc: Exception, text: str) -> Refusal:
    from avtale.store import mistakes  # (only when something is wrong)

    position = getattr(exc, "position", None)
    character = getattr(exc, "character", None)
    if isinstance(position, int) and character is not None:
        char = character if isinstance(character, str) else chr(character)
        line = text.count("\n", 0, position) + 1
        return Refusal(refusal(char), line, position - (text.rfind("\n", 0, position) + 1) + 1, char=char)
    problem = getattr(exc, "problem", None) or str(exc).splitlines()[0]
    if "another document" in problem:
        mark = getattr(exc, "problem_mark", None)
        return Refusal(friendly(problem), *((mark.line + 1, mark.column + 1) if mark else ()))
    message, line, col = mistakes.explain(text, problem, getattr(exc, "context", None),
                                          _mark(getattr(exc, "problem_mark", None)),
                                          _mark(getattr(exc, "context_mark", None)))
    return Refusal(message, line, col)


def _mark(mark: Any) -> tuple[int, int] | None:
    return (mark.line + 1, mark.column + 1) if mark is not None else None


def friendly(message: str) -> str:
    """Parser wording made plain where no line of the text explains it better."""
    message = message.strip()
    if "another document" in message:
        return _("a file holds one agreement: remove the second «---» and what follows it, or put it in a file "
                 "of its own")
    return message


_KEY_TYPES = (str, int, bool, type(None), dt.date)


class _Builder:
    def __init__(self, max_depth: int, record: bool = False):
        self.max_depth = max_depth
        self.record = record
        self.values: dict = {}
        self.keys: dict = {}
        self.starts: dict = {}

    def run(self, parser: Any) -> Any:
        from ruamel.yaml.events import (AliasEvent, DocumentStartEvent, MappingEndEvent, MappingStartEvent,
                                        ScalarEvent, SequenceEndEvent, SequenceStartEvent, StreamEndEvent)

        record = self.record
        root: list = []
        stack: list = [root]  # the open collections
        paths: list = [()]  # the path of each open collection
        pending: list = [None]  # per open mapping: the key waiting for its value, with its position
        documents = 0
        while True:
            event = parser.get_event()
            kind = event.__class__
            if kind is ScalarEvent:
                if event.anchor:
                    raise Refusal("anchor", *_at(event), reserved="anchor")
                if event.tag is not None and not (event.implicit[0] and event.tag == "!"):
                    raise Refusal("tag", *_at(event), reserved="tag")
                value = resolve(event.value) if event.style in ("", None) and event.implicit[0] else event.value
            elif kind is MappingStartEvent or kind is SequenceStartEvent:
                if event.anchor:
                    raise Refusal(_("YAML anchors (&name) are not allowed in an agreement: remove it"), *_at(event))
                if event.tag is not None:
                    raise Refusal(_("YAML tags ({tag}) are not allowed in an agreement: remove it").format(
                        tag=tag_text(event.tag)), *_at(event))
                value = {} if kind is MappingStartEvent else []
            elif kind is MappingEndEvent or kind is SequenceEndEvent:
                stack.pop()
                paths.pop()
                pending.pop()
                continue
            elif kind is StreamEndEvent:
                break
            elif kind is DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise Refusal(friendly("another document"), *_at(event))
                continue
            elif kind is AliasEvent:
                raise Refusal("alias", *_at(event), reserved="alias")
            else:  # stream start, document end
                continue
            top = stack[-1]
            if len(stack) == 1:  # the document's root node
                path: tuple = ()
                top.append(value)
            elif pending[-1] is None and top.__class__ is dict:  # a key
                if not isinstance(value, _KEY_TYPES):
                    raise Refusal(_("a key is a plain word such as «title»; this one is not"), *_at(event))
                if value in top:
                    raise Refusal(str(value), *_at(event), reserved="duplicate")
                pending[-1] = (value, _at(event) if record else None)
                continue
            elif top.__class__ is dict:
                key, key_at = pending[-1]
                pending[-1] = None
                top[key] = value
                if record:
                    path = (*paths[-1], key)
                    self.keys[path] = key_at
                    self.values[path] = key_at if value.__class__ in (dict, list) else _at(event)
            else:
                top.append(value)
                if record:
                    path = (*paths[-1], len(top) - 1)
                    self.values[path] = _at(event)
            if value.__class__ is dict or value.__class__ is list:
                if len(stack) - 1 >= self.max_depth:
                    raise Refusal(_("the text is nested deeper than {n} levels").format(n=self.max_depth), *_at(event))
                if record:
                    self.starts[path] = _at(event)
                stack.append(value)
                paths.append(path if record else ())
                pending.append(None)
        if documents != 1 or len(root) != 1:
            raise GiveUp
        return root[0]


def _at(event: Any) -> tuple[int, int]:
    mark = event.start_mark
    return mark.line + 1, mark.column + 1

"""Schema errors told in the drafter's words, at the place of the mistake.

Reads: pydantic's validation errors for an agreement, and the document they
came from (its text and the positions of its keys and values). Writes:
findings (AV100) whose messages speak of keys, texts, items, lists, quotes and
dates — never of mappings, scalars, instances or validation — and say what to
do.

Most schema errors a drafter causes are YAML reading typed text as something
else: `2026`, `true` or `~` read as a number, a yes/no or an empty value; a
«: » inside an unquoted text read as a key, so the text becomes a pair; an
item left empty. Those are told as such, with the quotes that fix them. An
unknown key names the nearest key the place allows («titel» → «title»), and the
«missing title» that follows from the same typo is not reported twice.
"""

from __future__ import annotations

import datetime as dt
import difflib
import types
import typing

from pydantic import BaseModel, ValidationError

from avtale.findings import ERROR, Finding
from avtale.i18n import N_, _
from avtale.definition import Agreement, Bullets, Item, Numbered, Table  # fields and types, to name a mistake
from avtale.store import mistakes

# pydantic's tags of the unions in a loc (a block, a list item): never shown, and not keys of the file
_TAGS = {"paragraph": str, "bullets": Bullets, "numbered": Numbered, "table": Table, "text": str, "item": Item}
_WHAT = {  # what the items of a list are called, for «at least 2 parties»
    "parties": (N_("party"), N_("parties")), "sections": (N_("section"), N_("sections")),
    "signatories": (N_("signatory"), N_("signatories")), "bullets": (N_("item"), N_("items")),
    "numbered": (N_("item"), N_("items")), "rows": (N_("row"), N_("rows")), "header": (N_("cell"), N_("cells")),
}


def findings(exc: ValidationError, doc) -> list[Finding]:
    """One finding per mistake, in the order of the file."""
    nbsp = _nbsp_indentation(doc)
    if nbsp:  # every other error in the file follows from it
        return [nbsp]
    errors = exc.errors(include_url=False)
    unknown = [tuple(e["loc"]) for e in errors if e["type"] == "extra_forbidden"]
    out = []
    for err in errors:
        loc = tuple(err["loc"])
        if err["type"] == "missing" and _typo_of(loc, unknown):
            continue  # «titel» for «title»: told once, at the unknown key
        message, line, col = _explain(err, loc, doc)
        out.append(Finding("AV100", message, ERROR, loc, str(doc.path), line, col, "schema"))
    out.sort(key=lambda f: (f.line or 0, f.col or 0))
    return out


def _nbsp_indentation(doc) -> Finding | None:
    """A line indented with a non-breaking space: every other error in the file follows from it."""
    found = mistakes.nbsp_indentation(doc.text.split("\n"))
    return Finding("AV100", found.message, ERROR, (), str(doc.path), found.line, found.col, "schema") if found else None


def _typo_of(missing: tuple, unknown: list[tuple]) -> bool:
    for loc in unknown:
        if loc[:-1] == missing[:-1] and difflib.get_close_matches(str(loc[-1]).strip(), [missing[-1]], 1, 0.6):
            return True
    return False


def _explain(err: dict, loc: tuple, doc) -> tuple[str, int | None, int | None]:
    kind, value = err["type"], err.get("input")
    if kind == "extra_forbidden":
        line, col = doc.key_position(loc)
        return _unknown_key(loc), line, col
    if loc and loc[-1] == "[key]":  # a key of `footnotes:`, which is an id
        line, col = doc.key_position(loc[:-1])
        return _("«{value}» cannot be a footnote's id: use lower-case letters, digits and hyphens only (like "
                 "«kostra»)").format(value=value), line, col
    line, col = doc.locate(loc)
    if kind == "missing":
        return _("«{key}:» is missing here: add it").format(key=loc[-1]) if len(loc) > 1 else \
            _("the agreement has no «{key}:»: add it").format(key=loc[-1]), line, col
    if kind == "value_error":
        found = _rule_of_the_model(err, loc)
        if found:
            return found, line, col
    if kind in ("string_type", "block", "item", "model_type", "dict_type", "list_type", "date_type") or \
            kind.startswith("date_from_datetime"):
        found = _wrong_kind(kind, loc, value, doc, line, col)
        if found:
            return found
    if kind == "string_too_short":
        return _("this text is empty: write the text, or remove the line"), line, col
    if kind == "string_too_long":
        return _("this is longer than {n} characters: shorten it").format(n=err["ctx"]["max_length"]), line, col
    if kind == "string_pattern_mismatch":
        if loc[-1] == "sha256":
            return _("this is not a seal written by `avtale sign-off`: never edit the seal by hand"), line, col
        return _("«{value}» cannot be an id: use lower-case letters, digits and hyphens only (like «2014-2017» or "
                 "«kd»)").format(value=value), line, col
    if kind == "literal_error":
        return _("«{value}» is not a choice for «{key}:»: write {choices}").format(
            value=value, key=_list_key(loc), choices=_choices(err["ctx"]["expected"])), line, col
    if kind in ("too_short", "too_long"):
        return _count(kind, loc, err["ctx"]), line, col
    if kind in ("date_parsing", "date_from_datetime_parsing", "date_type"):
        return _("«{value}» is not a date: write it as YYYY-MM-DD, for example 2014-11-07").format(
            value=_token(doc, line, col) or value), line, col
    return _("this value is not what belongs here ({problem})").format(problem=err["msg"]), line, col


def _rule_of_the_model(err: dict, loc: tuple) -> str | None:
    """A rule of the model's own (`model_validator`) in the drafter's words."""
    said = str(err.get("msg", ""))
    if "one list under it" in said:
        return _("an item with «text:» has a list under it: add «bullets:» or «numbered:» with its items (not both), "
                 "or write the item as a plain text after «- »")
    if "`style` belongs" in said:
        return _("«style:» numbers a «numbered:» list, and this item has none: remove «style:»")
    return None


def _wrong_kind(kind, loc, value, doc, line, col):
    """A text typed where YAML read something else, or a list or pair where a text belongs."""
    token = _token(doc, line, col)
    wants_text = kind in ("string_type", "block", "item")
    wants_date = kind in ("date_type",) or kind.startswith("date_from_datetime")
    if wants_date and not isinstance(value, (dict, list)):
        return _("«{value}» is not a date: write it as YYYY-MM-DD, for example 2014-11-07").format(
            value=token or value), line, col
    if value is None:
        if token in ("~", "null", "Null", "NULL"):
            return _("«{token}» is read as an empty value, not as text: put it in quotes: '{token}'").format(
                token=token), line, col
        if wants_text:
            return _("this item is empty: write its text after «- », or remove the line") if isinstance(loc[-1], int) \
                else _("«{key}:» is empty: write the text after it").format(key=loc[-1]), line, col
        return _("«{key}:» is empty: fill it in, or remove it").format(key=loc[-1]), line, col
    if isinstance(value, bool) and wants_text:
        return _("«{token}» is read as yes/no, not as text: put it in quotes: '{token}'").format(
            token=token or value), line, col
    if isinstance(value, (int, float)) and wants_text:
        return _("«{token}» is read as a number, not as text: put it in quotes: '{token}'").format(
            token=token or value), line, col
    if isinstance(value, (dt.date, dt.datetime)) and wants_text:
        return _("«{token}» is read as a date, not as text: put it in quotes: '{token}'").format(
            token=token or value), line, col
    if isinstance(value, dict) and wants_text:
        pair = _colon_in_text(value, doc, line)
        if pair:
            return pair
        if kind == "block":
            return _("a list starts with «bullets:» or «numbered:»; {keys} is neither").format(
                keys=", ".join(f"«{k}:»" for k in value)), line, col
        if kind == "item":
            return _("an item with a list under it starts with «text:», then «bullets:» or «numbered:»; {keys} is "
                     "not that").format(keys=", ".join(f"«{k}:»" for k in value)), line, col
        return _("a text belongs here, not keys"), line, col
    if isinstance(value, list) and kind == "item":
        return _("a list under an item needs the item's own text: write «- text: …» with «bullets:» or "
                 "«numbered:» below it"), line, col
    if isinstance(value, list) and wants_text:
        return _("a text belongs here, not a list of items"), line, col
    if isinstance(value, dict) and any(str(k).startswith("-") for k in value):
        key = next(str(k) for k in value if str(k).startswith("-"))
        line, col = doc.key_position((*loc, key))
        return _("put a space after «-» to start an item: «- {text}»").format(text=key[1:] + ":"), line, col
    if kind == "list_type" and len(loc) > 1 and loc[-2] == "rows" and isinstance(loc[-1], int):
        return _("a row of a table is a list of cells, one for each column: write it as «- [A, B, C]»"), line, col
    if kind == "list_type":
        return _("«{key}:» holds a list: put each item on its own line below it, starting with «- »").format(
            key=_list_key(loc)), line, col
    if kind in ("model_type", "dict_type"):
        owner = _fields(loc)
        keys = ", ".join(f"«{k}:»" for k in owner[:3]) if owner else ""
        return _("keys belong here ({keys} …), not a text").format(keys=keys), line, col
    return None


def _colon_in_text(value: dict, doc, line: int | None):
    """A one-pair mapping whose key is prose: an unquoted text with «: » inside it."""
    if len(value) != 1:
        return None
    key = next(iter(value))
    if not isinstance(key, str) or " " not in key.strip():
        return None
    lines = _lines(doc)
    row = lines[line - 1] if line and line <= len(lines) else ""
    at = row.find(key + ":")
    col = at + len(key) + 1 if at >= 0 else None
    rest = value[key]
    whole = f"{key}: {rest}" if rest is not None else f"{key}:"
    return _("the text contains «: » (a colon and a space), which YAML reads as a key: put the whole text in quotes: "
             "{fix}").format(fix=mistakes.quoted(whole)), line, col


def _lines(doc) -> list[str]:
    """The file's lines, split once for all its findings (split for each, n findings cost n²)."""
    lines = getattr(doc, "_lines", None)
    if lines is None:
        lines = doc._lines = doc.text.split("\n")
    return lines


def _token(doc, line: int | None, col: int | None) -> str:
    """The plain word at a position of the text, as typed («2026», «~», «true»)."""
    lines = _lines(doc)
    if not line or not col or line > len(lines):
        return ""
    row = lines[line - 1]
    rest = row[col - 1 :].split(" #")[0]
    if "[" in row[: col - 1]:  # inside `[a, b]`: the word ends at «,» or «]»
        rest = rest.split(",")[0].split("]")[0]
    return rest.strip()


def _unknown_key(loc: tuple) -> str:
    key = str(loc[-1])
    if key != key.strip(" \u00a0\u2007\u202f") and "\u00a0" in key:
        return mistakes.nbsp_indentation([key]).message
    allowed = _fields(loc[:-1])
    near = difflib.get_close_matches(key.strip().lower(), allowed, 1, 0.6)
    if near:
        return _("«{key}:» is not a key here: did you mean «{near}:»?").format(key=key, near=near[0])
    return _("«{key}:» is not a key here; the keys here are {keys}").format(
        key=key, keys=", ".join(f"«{k}»" for k in allowed))


def _fields(loc: tuple) -> list[str]:
    """The keys the model allows at `loc` (a pydantic loc, union tags included)."""
    node: typing.Any = Agreement
    for part in loc:
        node = _unwrap(node)
        if isinstance(part, str) and part in _TAGS and not (isinstance(node, type) and issubclass(node, BaseModel)
                                                            and part in node.model_fields):
            node = _TAGS[part]
            continue
        if isinstance(part, int):
            args = typing.get_args(node)
            node = args[0] if args else node
            continue
        if isinstance(node, type) and issubclass(node, BaseModel) and part in node.model_fields:
            node = node.model_fields[part].annotation
        else:
            return []
    node = _unwrap(node)
    if isinstance(node, type) and issubclass(node, BaseModel):
        return list(node.model_fields)
    return []


def _unwrap(node):
    """Optional[X] and Annotated[X, …] → X; list[X] stays."""
    while True:
        origin = typing.get_origin(node)
        if origin is typing.Annotated:
            node = typing.get_args(node)[0]
        elif origin in (typing.Union, types.UnionType):
            args = [a for a in typing.get_args(node) if a is not type(None)]
            if len(args) != 1:
                return node
            node = args[0]
        else:
            return node


def _list_key(loc: tuple) -> str:
    return str(next((p for p in reversed(loc) if isinstance(p, str)), "?"))


def _count(kind: str, loc: tuple, ctx: dict) -> str:
    key = _list_key(loc)
    one, many = _WHAT.get(key, (N_("item"), N_("items")))
    if kind == "too_short":
        n = ctx["min_length"]
        what = _(one) if n == 1 else _(many)
        return _("«{key}:» needs at least {n} {what}").format(key=key, n=n, what=what)
    n, actual = ctx["max_length"], ctx["actual_length"]
    return _("«{key}:» can hold at most {n} {what}; this one has {actual}").format(
        key=key, n=n, what=_(many), actual=actual)


def _choices(expected: str) -> str:
    """pydantic's "'1.', '1)' or 'a)'" as «1.», «1)» or «a)»."""
    import re

    values = re.findall(r"'([^']*)'", expected)
    if len(values) < 2:
        return expected
    quoted = [f"«{v}»" for v in values]
    return _("{some} or {last}").format(some=", ".join(quoted[:-1]), last=quoted[-1])

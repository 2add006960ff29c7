"""Plainly valid data validated in Python, without loading pydantic-core: the usual case of `validate`.

Reads: plain data as the YAML loader gives it (dicts, lists, texts, whole and decimal numbers, booleans,
dates) and the stored core schema (`model_core.definitions`, the schema pydantic-core itself is built from).
Writes: the instance pydantic-core would make — the same classes, fields, defaults and fields set — or None.

pydantic-core's compiled module takes a fresh process a few milliseconds to load, more than reading and
checking a whole agreement; most runs of `validate` are of valid files. So `Model.model_validate` asks this
module first, and pydantic-core only where this module answers None: wherever the data is not plainly valid
(anything pydantic-core would refuse, or would convert otherwise than by reading a date typed as «2024-01-01»,
such as a datetime for a date or a ruamel.yaml subclass of a text), and wherever the schema holds a kind of node or a setting this module does
not know. pydantic-core then gives the errors, with its own words and places, or the instance. A node is
interpreted only as far as its keys are all known here, so a change to the definition that this module does
not follow makes it answer None, never a different instance. tests/test_model_fast.py and
tests/test_model_compiled.py hold it to pydantic on the corpus, the real agreements with every value replaced
by every wrong kind, and Hypothesis's agreements and mutations of them.
"""

from __future__ import annotations

from datetime import date

from avtale import model_core, model_runtime
from avtale.regex import lazy


class _Defer(Exception):
    """Not plainly valid, or not a schema this module knows: pydantic-core decides."""


_DEFER = _Defer()
_MISSING = object()


def validate(cls: type, data):
    """The instance of `cls` (a class of `avtale.model`) pydantic-core would make of `data`, or None."""
    check = _checkers().get(cls.__name__)
    if check is None:
        return None
    try:
        return check(data)
    except Exception:  # not plainly valid (_Defer), or a validator function refused the data (pydantic-core
        # tells it as an error) or stumbled
        return None


_CHECKERS: dict | None = None


def _checkers() -> dict:
    """A checker for each class of the model, made from the stored schema once per process."""
    global _CHECKERS
    if _CHECKERS is None:
        classes = model_runtime._Names(model_runtime._CLASSES)
        functions = model_runtime._Names(model_runtime._FUNCTIONS)
        nodes = {node["ref"]: node for node in model_core.definitions(classes, functions)}
        made: dict = {}
        for ref in nodes:  # each made once, also where another class refers to it
            try:
                _reference({"type": "definition-ref", "schema_ref": ref}, nodes, made)
            except _Defer:  # a class this module cannot check (and those holding it): always pydantic-core
                pass
        _CHECKERS = {ref: check for ref, check in made.items() if check is not None}
    return _CHECKERS


def _known(node: dict, *keys: str) -> None:
    """Refuse a node with a key this module does not interpret (a setting that would change the result)."""
    for key in node:
        if key not in keys and key not in ("type", "metadata", "ref", "serialization"):
            raise _DEFER


def _make(node: dict, nodes: dict, made: dict):
    kind = node.get("type")
    maker = _MAKERS.get(kind)
    if maker is None:
        raise _DEFER
    return maker(node, nodes, made)


def _str(node, nodes, made):
    _known(node, "min_length", "max_length", "pattern")
    least, most = node.get("min_length", 0), node.get("max_length")
    pattern = node.get("pattern")
    if pattern is not None and ("\\" in pattern or not pattern.startswith("^") or not pattern.endswith("$")):
        raise _DEFER  # (only plain anchored classes: Python's and Rust's engines read them alike)
    search = lazy(pattern).search if pattern is not None else None

    def check(value):
        if value.__class__ is not str or len(value) < least or most is not None and len(value) > most:
            raise _DEFER
        if search is not None and ("\n" in value or search(value) is None):
            raise _DEFER
        return value

    return check


def _literal(node, nodes, made):
    _known(node, "expected")
    expected = list(node["expected"])
    if not all(e.__class__ is str for e in expected):
        raise _DEFER
    allowed = frozenset(expected)

    def check(value):
        if value.__class__ is not str or value not in allowed:
            raise _DEFER
        return value

    return check


def _date(node, nodes, made):
    _known(node)

    def check(value):
        if value.__class__ is date:
            return value
        if value.__class__ is str and len(value) == 10 and value[4] == "-" and value[7] == "-" \
                and value[:4].isdigit() and value[5:7].isdigit() and value[8:].isdigit() and value.isascii():
            return date(int(value[:4]), int(value[5:7]), int(value[8:]))  # (a day that is none: ValueError, deferred)
        raise _DEFER  # (pydantic-core reads other forms too: a datetime at midnight, a timestamp …)

    return check


def _bool(node, nodes, made):
    _known(node)

    def check(value):
        if value.__class__ is not bool:
            raise _DEFER
        return value

    return check


def _float(node, nodes, made):
    _known(node, "gt", "ge", "lt", "le")
    gt, ge, lt, le = (node.get(k) for k in ("gt", "ge", "lt", "le"))

    def check(value):
        if value.__class__ is not float and value.__class__ is not int:
            raise _DEFER
        number = float(value)
        if number != number or gt is not None and not number > gt or ge is not None and not number >= ge \
                or lt is not None and not number < lt or le is not None and not number <= le:
            raise _DEFER
        return number

    return check


def _nullable(node, nodes, made):
    _known(node, "schema")
    inner = _make(node["schema"], nodes, made)
    return lambda value: None if value is None else inner(value)


def _list(node, nodes, made):
    _known(node, "items_schema", "min_length", "max_length")
    item = _make(node["items_schema"], nodes, made)
    least, most = node.get("min_length", 0), node.get("max_length")

    def check(value):
        if value.__class__ is not list or len(value) < least or most is not None and len(value) > most:
            raise _DEFER
        return [item(v) for v in value]

    return check


def _dict(node, nodes, made):
    _known(node, "keys_schema", "values_schema")
    key = _make(node["keys_schema"], nodes, made)
    val = _make(node["values_schema"], nodes, made)

    def check(value):
        if value.__class__ is not dict:
            raise _DEFER
        return {key(k): val(v) for k, v in value.items()}

    return check


def _tagged_union(node, nodes, made):
    _known(node, "choices", "discriminator", "custom_error_type", "custom_error_message")
    tag_of = node["discriminator"]
    if not callable(tag_of):
        raise _DEFER
    choices = {tag: _make(choice, nodes, made) for tag, choice in node["choices"].items()}

    def check(value):
        choice = choices.get(tag_of(value))
        if choice is None:
            raise _DEFER
        return choice(value)

    return check


def _reference(node, nodes, made):
    _known(node, "schema_ref")
    ref = node["schema_ref"]
    if ref not in nodes:
        raise _DEFER
    if ref not in made:
        made[ref] = None  # (being made: a class that holds itself, such as Subsection, refers back)
        made[ref] = _make(nodes[ref], nodes, made)
    return lambda value: made[ref](value)


def _function(node, nodes, made):
    _known(node, "function", "schema")
    function = node["function"]
    if function.get("type") != "no-info" or set(function) - {"type", "function"}:
        raise _DEFER
    call, inner = function["function"], _make(node["schema"], nodes, made)
    if node["type"] == "function-before":
        return lambda value: inner(call(value))
    return lambda value: call(inner(value))


def _model(node, nodes, made):
    _known(node, "cls", "schema", "custom_init", "root_model", "config")
    config = node.get("config", {})
    if node.get("custom_init") or node.get("root_model") or config.get("str_strip_whitespace") \
            or config.get("extra_fields_behavior") != "forbid" or set(config) - {
                "extra_fields_behavior", "str_strip_whitespace", "title"}:
        raise _DEFER
    cls, fields = node["cls"], _make(node["schema"], nodes, made)  # (model-fields, after any function-before)
    new, put = object.__new__, object.__setattr__

    def check(value):
        values, given = fields(value)
        made_ = new(cls)
        put(made_, "__dict__", values)
        put(made_, "__pydantic_fields_set__", given)
        put(made_, "__pydantic_extra__", None)
        put(made_, "__pydantic_private__", None)
        return made_

    return check


def _model_fields(node, nodes, made):
    """The fields of a class (extra keys forbidden, as `_model` requires): (values by name in order, the names
    given)."""
    _known(node, "fields", "model_name", "computed_fields")
    if node.get("computed_fields"):
        raise _DEFER
    fields = _fields(node["fields"], nodes, made)
    names = frozenset(name for name, _check, _default in fields)

    def check(value):
        if value.__class__ is not dict or not names.issuperset(value):
            raise _DEFER  # not a mapping, or a key the class does not have
        out = {}
        for name, field, default in fields:
            given = value.get(name, _MISSING)
            if given is _MISSING:
                if default is _MISSING:
                    raise _DEFER
                out[name] = default() if callable(default) else default
            else:
                out[name] = field(given)
        return out, set(value)

    return check


def _fields(fields: dict, nodes, made) -> list:
    """(name, checker, default) of each field in order; the default `_MISSING` where it must be given, a
    callable where a factory makes it."""
    out = []
    for name, field in fields.items():
        if field.get("type") != "model-field":
            raise _DEFER
        _known(field, "schema")
        schema, default = field["schema"], _MISSING
        if schema.get("type") == "default":
            if "default_factory" in schema:
                _known(schema, "schema", "default_factory", "default_factory_takes_data")
                if schema.get("default_factory_takes_data") or schema["default_factory"] not in (list, dict):
                    raise _DEFER
                default = schema["default_factory"]
            else:
                _known(schema, "schema", "default")
                default = schema["default"]
                if callable(default) or default.__class__ not in (str, bool, int, float, type(None)):
                    raise _DEFER  # (a mutable default pydantic-core would copy)
            schema = schema["schema"]
        out.append((name, _make(schema, nodes, made), default))
    return out


_MAKERS = {
    "str": _str, "literal": _literal, "date": _date, "bool": _bool, "float": _float, "nullable": _nullable,
    "list": _list, "dict": _dict, "tagged-union": _tagged_union, "definition-ref": _reference,
    "function-before": _function, "function-after": _function, "model": _model, "model-fields": _model_fields,
}

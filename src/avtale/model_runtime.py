"""What the model's classes are made of, without pydantic: a base class and pydantic-core's validator.

Reads: `model_core.py` (the pydantic-core schema of every class of `avtale.definition`, with the classes and
functions of `avtale.model` in it). Writes: validated instances of `avtale.model`'s classes, and their data
(`model_dump`).

An instance is what pydantic makes of a model, on a plain class: the validated fields in `__dict__` (set by
pydantic-core itself), frozen, compared by class and fields, `model_validate`, `model_dump`, `model_copy` and
`model_fields` as pydantic has them. pydantic-core's compiled module is loaded by itself, without the
`pydantic_core` package's Python part (whose typed-dict definitions alone take longer to import than the
whole of reading and checking an agreement); a later `import pydantic` in the same process finds and uses the
same module.
"""

from __future__ import annotations

import sys

_CORE = "pydantic_core._pydantic_core"
_CLASSES: dict[str, type] = {}
_FUNCTIONS: dict[str, object] = {}
_DEFINITIONS: list | None = None
_CONFIGS: dict = {}


def core():
    """pydantic-core's compiled module, loaded once per process (by itself where it can be)."""
    module = sys.modules.get(_CORE)
    if module is not None:
        return module
    try:
        from importlib import _bootstrap, machinery

        package = machinery.PathFinder.find_spec("pydantic_core")
        spec = machinery.PathFinder.find_spec(_CORE, list(package.submodule_search_locations or ()))
        if spec is None or not isinstance(spec.loader, machinery.ExtensionFileLoader):
            raise ImportError(_CORE)
        module = _bootstrap.module_from_spec(spec)
        sys.modules[_CORE] = module
        try:
            spec.loader.exec_module(module)
        except BaseException:
            del sys.modules[_CORE]
            raise
        return module
    except (ImportError, AttributeError):  # an unusual installation: the package's own way
        import pydantic_core

        return pydantic_core._pydantic_core


def __getattr__(name: str):
    if name == "ValidationError":  # pydantic's own class (pydantic.ValidationError is the same one)
        return core().ValidationError
    raise AttributeError(name)


def bind(namespace: dict) -> None:
    """Give the classes of `avtale.model` (the subclasses of `Model` in `namespace`) their fields, and note the
    functions the schema calls; called once, at the end of that module's class definitions."""
    from avtale import model_core

    for name, value in namespace.items():
        if isinstance(value, type) and issubclass(value, Model) and value is not Model:
            _CLASSES[name] = value
            fields = model_core.FIELDS.get(name, {})  # empty only while model_core is made
            value.model_fields = {field: FieldSpec(default) for field, default in fields.items()}
        elif callable(value) and not isinstance(value, type):
            _FUNCTIONS[name] = value
    missing = set(model_core.FIELDS) - set(_CLASSES)
    if missing:  # pragma: no cover - a class added to the definition and not to avtale.model
        raise RuntimeError(f"avtale.model lacks the classes {sorted(missing)} of avtale.definition")


def definitions() -> tuple[list, dict]:
    """The core schema's definitions (one per class, by its name) and each class's core config: the stored
    ones when the installed pydantic-core made them, else made now from `avtale.definition`."""
    global _DEFINITIONS
    if _DEFINITIONS is None:
        from avtale import model_core

        if getattr(core(), "__version__", None) == model_core.PYDANTIC_CORE:
            _DEFINITIONS = model_core.definitions(_Names(_CLASSES), _Names(_FUNCTIONS))
            _CONFIGS.update(model_core.CONFIGS)
        else:
            from avtale import model_compile

            _DEFINITIONS, configs, _fields = model_compile.live(_CLASSES, _FUNCTIONS)
            _CONFIGS.update(configs)
    return _DEFINITIONS, _CONFIGS


class FieldSpec:
    """A field of a class, as far as avtale asks: whether it must be given, and its default."""

    __slots__ = ("default", "default_factory")

    def __init__(self, default):
        factory = default if default in (list, dict) else None
        self.default_factory = factory
        self.default = None if factory else default

    def is_required(self) -> bool:
        return self.default is ... and self.default_factory is None

    def default_value(self):
        return self.default_factory() if self.default_factory else self.default

    def __repr__(self) -> str:
        return "FieldSpec(required)" if self.is_required() else f"FieldSpec(default={self.default_value()!r})"


class _Names:
    """`C.Agreement`, `F.read_in_nfc` in the stored schema: the classes and functions, by name."""

    def __init__(self, names: dict):
        self.__dict__.update(names)


def _schema(name: str) -> dict:
    defs, _configs = definitions()
    return {"type": "definitions", "schema": {"type": "definition-ref", "schema_ref": name}, "definitions": defs}


class Model:
    """The base of every class of the model (see the module's docstring)."""

    __slots__ = ("__dict__", "__pydantic_fields_set__", "__pydantic_extra__", "__pydantic_private__")
    model_fields: dict = {}
    _validator = None

    def __init__(self, **data):
        type(self)._core_validator().validate_python(data, self_instance=self)

    @classmethod
    def _core_validator(cls):
        validator = cls.__dict__.get("_validator")
        if validator is None:
            validator = core().SchemaValidator(_schema(cls.__name__), definitions()[1][cls.__name__])
            cls._validator = validator
        return validator


    @classmethod
    def model_validate(cls, obj):
        """An instance from plain data (or an instance), validated as pydantic validates it: plainly valid data
        in Python (`avtale.model_fast`, without loading pydantic-core), anything else by pydantic-core."""
        if obj.__class__ is dict:
            from avtale import model_fast

            made = model_fast.validate(cls, obj)
            if made is not None:
                return made
        return cls._core_validator().validate_python(obj)

    def model_dump(self, *, mode: str = "python", exclude=None, exclude_unset: bool = False,
                   exclude_defaults: bool = False, exclude_none: bool = False) -> dict:
        """The instance as plain data, as pydantic's `model_dump` gives it (`mode` "python" or "json";
        `exclude` a set of field names, or a dict of them to True or to what to leave out below). Written
        here, not pydantic-core's serializer, which imports the whole of the `pydantic_core` package."""
        if mode not in ("python", "json"):
            raise ValueError(f"mode {mode!r}: 'python' or 'json'")
        return _dump(self, exclude, (mode == "json", exclude_unset, exclude_defaults, exclude_none))

    def model_copy(self, *, update: dict | None = None):
        """A shallow copy with `update` applied, not validated (as pydantic's `model_copy`)."""
        copied = object.__new__(type(self))
        fields = dict(self.__dict__)
        fields_set = set(getattr(self, "__pydantic_fields_set__", ()))
        if update:
            fields.update(update)
            fields_set.update(update)
        object.__setattr__(copied, "__dict__", fields)
        object.__setattr__(copied, "__pydantic_fields_set__", fields_set)
        object.__setattr__(copied, "__pydantic_extra__", None)
        object.__setattr__(copied, "__pydantic_private__", None)
        return copied

    @property
    def model_fields_set(self) -> set:
        return self.__pydantic_fields_set__

    def __setattr__(self, name, value):
        raise TypeError(f"{type(self).__name__} is frozen: make a changed copy with model_copy(update=…)")

    def __delattr__(self, name):
        raise TypeError(f"{type(self).__name__} is frozen")

    def __eq__(self, other):
        if not isinstance(other, Model):
            return NotImplemented
        return type(self) is type(other) and self.__dict__ == other.__dict__

    def __hash__(self):
        return hash(tuple(self.__dict__.values()))

    def __iter__(self):
        yield from self.__dict__.items()

    def __repr__(self) -> str:
        return f"{type(self).__name__}({', '.join(f'{k}={v!r}' for k, v in self.__dict__.items())})"

    def __getstate__(self):
        return {"__dict__": self.__dict__, "__pydantic_fields_set__": getattr(self, "__pydantic_fields_set__", set())}

    def __setstate__(self, state):
        object.__setattr__(self, "__dict__", state["__dict__"])
        object.__setattr__(self, "__pydantic_fields_set__", state["__pydantic_fields_set__"])
        object.__setattr__(self, "__pydantic_extra__", None)
        object.__setattr__(self, "__pydantic_private__", None)


def _dump(value, exclude, how: tuple):
    json, unset, defaults, none = how
    if isinstance(value, Model):
        out = {}
        fields = type(value).model_fields
        given = value.__pydantic_fields_set__ if unset else None
        for name, field in value.__dict__.items():
            below = None
            if exclude is not None and name in exclude:
                below = exclude[name] if isinstance(exclude, dict) else True
                if below is True:
                    continue
            item = field
            if none and item is None:
                continue
            if given is not None and name not in given:
                continue
            if defaults and name in fields and not fields[name].is_required() and item == fields[name].default_value():
                continue
            out[name] = _dump(item, below, how)
        return out
    if isinstance(value, list):
        return [_dump(v, _part(exclude, i), how) for i, v in enumerate(value) if _part(exclude, i) is not True]
    if isinstance(value, dict):
        return {k: _dump(v, _part(exclude, k), how) for k, v in value.items() if _part(exclude, k) is not True}
    if json and value.__class__ is _date:
        return value.isoformat()
    return value


def _part(exclude, key):
    if exclude is None:
        return None
    if isinstance(exclude, dict):
        return exclude.get(key)
    return True if key in exclude else None


from datetime import date as _date  # noqa: E402  (datetime is imported by the time anything is dumped)

"""Small value classes without `dataclasses`, for the modules every command imports.

`@dataclass` imports `inspect` (with `ast`, `dis`, `tokenize`) and writes and compiles each class's methods
when its module is imported: about 15 ms for `avtale --help` and a millisecond a class on a slow machine. A
class here names its fields in `_fields` and writes its own `__init__`; `Record` gives what `@dataclass` gave
it (equality by class and fields, a repr naming them, unhashable), `Frozen` what `@dataclass(frozen=True)`
gave (the same, hashable, no attribute set after `__init__`, which sets them with `self.__dict__.update`).
"""

from __future__ import annotations


class Record:
    """Equal to an instance of the same class with equal fields; shown as `Name(field=value, …)`."""

    _fields: tuple[str, ...] = ()

    def _values(self) -> tuple:
        return tuple([getattr(self, name) for name in self._fields])

    def __eq__(self, other):
        if other.__class__ is self.__class__:
            return self._values() == other._values()
        return NotImplemented

    __hash__ = None  # mutable: as @dataclass leaves it

    def replaced(self, **changes):
        """A new instance with `changes` to some fields (what `dataclasses.replace` did)."""
        return type(self)(**{**{name: getattr(self, name) for name in self._fields}, **changes})

    def __repr__(self) -> str:
        fields = ", ".join(f"{name}={getattr(self, name)!r}" for name in self._fields)
        return f"{type(self).__qualname__}({fields})"


class Frozen(Record):
    """A `Record` whose fields cannot change after `__init__`; hashable."""

    def __setattr__(self, name: str, value) -> None:
        raise AttributeError(f"cannot assign to field {name!r}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"cannot delete field {name!r}")

    def __hash__(self) -> int:
        return hash(self._values())

"""A regular expression compiled the first time it is used, not when its module is imported.

Compiling a pattern costs 0.1–1.5 ms on a slow machine, and most of a module's patterns are needed only for
some texts or some commands; `avtale --help` or validating one agreement should not pay for all of them.
`lazy(pattern, flags)` stands for `re.compile(pattern, flags)`: the same methods and attributes, the pattern
compiled at the first use of any of them (its bound methods are then looked up as fast as the pattern's own).
"""

from __future__ import annotations

import re


class LazyPattern:
    """`re.compile(pattern, flags)`, compiled on first use."""

    def __init__(self, pattern: str, flags: int = 0):
        self._args = (pattern, flags)

    @property
    def compiled(self) -> re.Pattern:
        compiled = self.__dict__.get("_compiled")
        if compiled is None:
            compiled = self.__dict__["_compiled"] = re.compile(*self._args)
            for name in ("search", "match", "fullmatch", "finditer", "findall", "sub", "subn", "split"):
                self.__dict__[name] = getattr(compiled, name)  # found before __getattr__ from now on
        return compiled

    def __getattr__(self, name: str):  # only for what the instance does not hold yet
        if name.startswith("__") or name in ("_args", "_compiled"):
            raise AttributeError(name)
        return getattr(self.compiled, name)

    def __repr__(self) -> str:
        return f"lazy({self._args[0]!r}, {self._args[1]!r})"


def lazy(pattern: str, flags: int = 0) -> LazyPattern:
    return LazyPattern(pattern, flags)

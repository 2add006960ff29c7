"""Generators of hostile inputs too large or too odd to commit, for tests/corpus/cases/*.yaml.

One module per class of input; every public function `name(path)` of a module listed here
makes the case's file (or folder) at `path` and is named in a case as `make: name`.
"""

from __future__ import annotations

import importlib
import inspect
import pkgutil

ALL = {}
for _info in pkgutil.iter_modules(__path__):
    _module = importlib.import_module(f"{__name__}.{_info.name}")
    for _name, _fn in inspect.getmembers(_module, inspect.isfunction):
        if _fn.__module__ == _module.__name__ and not _name.startswith("_"):
            if _name in ALL:
                raise RuntimeError(f"two corpus makers named {_name}")
            ALL[_name] = _fn

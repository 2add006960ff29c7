"""Walking and changing an agreement's plain data (as the store reads it), for tests that put a wrong value
at every place: the catalogue of schema mistakes and the model's differential test."""

from __future__ import annotations


def paths(node, prefix: tuple = ()):
    """Every path in `node`, the empty path (the whole) first, then depth-first in order."""
    yield prefix
    if isinstance(node, dict):
        for key, value in node.items():
            yield from paths(value, (*prefix, key))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from paths(value, (*prefix, i))


def replaced(node, path: tuple, value):
    """A copy of `node` with `value` at `path` (`node` itself unchanged; parts off the path shared)."""
    if not path:
        return value
    if isinstance(node, dict):
        return {k: (replaced(v, path[1:], value) if k == path[0] else v) for k, v in node.items()}
    return [(replaced(v, path[1:], value) if i == path[0] else v) for i, v in enumerate(node)]

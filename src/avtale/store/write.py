"""The writing half of the store: one canonical YAML form, and atomic writes.

Canonical: keys in model order, block style, long paragraphs as folded
scalars with one sentence per line (so a diff shows the sentence that
changed), no anchors; the drafter's comments carried over by key.
"""

from __future__ import annotations

import io
import os
import re
import tempfile
from pathlib import Path
from typing import Any

from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.scalarstring import FoldedScalarString

from avtale.errors import OutputError, Position

SCHEMA_COMMENT = "# yaml-language-server: $schema=../schema/agreement.schema.json"
_SENTENCE_END = re.compile(r"(?<=[.!?:»)])\s(?=[«(]?[A-ZÆØÅ])")


def normalise_space(text: str) -> str:
    return " ".join(text.split())


def sentences(text: str) -> list[str]:
    """Split normalised text into sentences, for one sentence per line in folded scalars."""
    return _SENTENCE_END.split(normalise_space(text))


def _styled(text: str) -> Any:
    text = normalise_space(text)
    parts = sentences(text)
    if len(parts) < 2:
        return text
    folded = FoldedScalarString(text)
    folded.fold_pos = []
    pos = 0
    for part in parts[:-1]:
        pos += len(part)
        folded.fold_pos.append(pos)
        pos += 1
    return folded


def to_yaml_tree(value: Any) -> Any:
    """Plain data (from `model_dump`) to round-trip nodes in canonical style."""
    if isinstance(value, dict):
        out = CommentedMap()
        for k, v in value.items():
            out[k] = to_yaml_tree(v)
        return out
    if isinstance(value, list):
        return CommentedSeq(to_yaml_tree(v) for v in value)
    if isinstance(value, str):
        return _styled(value)
    return value


def transplant_comments(old: Any, new: Any) -> None:
    """Carry the drafter's comments from `old` to the matching keys and items of `new`."""
    if isinstance(old, CommentedMap) and isinstance(new, CommentedMap):
        if old.ca.comment:
            new.ca.comment = old.ca.comment
        for key, value in new.items():
            if key in old:
                if key in old.ca.items:
                    new.ca.items[key] = old.ca.items[key]
                transplant_comments(old[key], value)
    elif isinstance(old, CommentedSeq) and isinstance(new, CommentedSeq):
        if old.ca.comment:
            new.ca.comment = old.ca.comment
        for i, value in enumerate(new):
            if i < len(old):
                if i in old.ca.items:
                    new.ca.items[i] = old.ca.items[i]
                transplant_comments(old[i], value)


def dump(data: dict, original: Any = None, schema_comment: str | None = SCHEMA_COMMENT,
         todos: list[tuple[tuple, str]] | None = None) -> str:
    """Canonical YAML text for plain data, keeping comments from `original` round-trip data;
    each of `todos` (a path such as `("signing", "signatories", 2, "party")` and a message)
    becomes a `# TODO` comment at the end of that line."""
    from avtale.store import _yaml
    tree = to_yaml_tree(data)
    if original is not None:
        transplant_comments(original, tree)
    notes: dict[tuple[int, Any], tuple[Any, list[str]]] = {}
    for loc, message in todos or []:
        parent, key = _place(tree, tuple(loc))
        notes.setdefault((id(parent), key), (parent, []))[1].append(" ".join(message.split()))
    for (_, key), (parent, messages) in notes.items():
        parent.yaml_add_eol_comment("# TODO " + "; ".join(messages), key)
    buf = io.StringIO()
    _yaml().dump(tree, buf)
    text = buf.getvalue()
    if schema_comment and not text.startswith(schema_comment):
        lines = [ln for ln in text.splitlines(keepends=True) if ln.rstrip("\n") != schema_comment]
        text = schema_comment + "\n" + "".join(lines)
    return text


def _place(tree: Any, loc: tuple) -> tuple[Any, Any]:
    """The container and key a comment for `loc` goes on: the nearest line of `loc` the tree has."""
    while loc:
        node, ok = tree, True
        for part in loc[:-1]:
            try:
                node = node[part]
            except (KeyError, IndexError, TypeError):
                ok = False
                break
        key = loc[-1]
        if ok and isinstance(node, (CommentedMap, CommentedSeq)) and (key in node if isinstance(node, CommentedMap) else isinstance(key, int) and key < len(node)):
            return node, key
        loc = loc[:-1]
    return tree, next(iter(tree))


def _mode_for(path: Path) -> int:
    """Keep an existing file's mode; a new file gets the usual 0666 less the umask (not mkstemp's 0600)."""
    try:
        return path.stat().st_mode & 0o777
    except FileNotFoundError:
        umask = os.umask(0)
        os.umask(umask)
        return 0o666 & ~umask


def write_atomic(path: Path | str, data: str | bytes) -> None:
    """Write through a temporary file in the same directory, then rename: never a half-written file."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    if path.is_dir():
        raise OutputError("is a directory; give a file name", Position(path))
    try:
        fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    except FileNotFoundError:
        raise OutputError(f"cannot write: the directory {path.parent} does not exist", Position(path)) from None
    except PermissionError:
        raise OutputError(f"cannot write: no permission in {path.parent}", Position(path)) from None
    try:
        os.chmod(tmp, _mode_for(path))
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise

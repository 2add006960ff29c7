"""Path names as plain strings, written the way `pathlib` writes them, for the paths `validate` reads.

`validate` starts for one file on every commit and save, and `pathlib` costs a
fresh process about 3 ms (it imports urllib.parse, ipaddress, fnmatch and
ntpath). What `validate` does with a path — list a directory, join a name,
take a file's name or directory, print it — needs none of it, so on that path
a path is a `str`; these functions give the same names `pathlib` would, so a
message names a file the same way whichever command printed it.
"""

from __future__ import annotations

import os


def plain(text: str) -> str:
    """`str(pathlib.Path(text))`: repeated slashes and `.` parts dropped, no slash at the end, `.` for
    nothing; two slashes at the start kept, as POSIX allows them a meaning."""
    if os.name != "posix":  # pragma: no cover - pathlib's own rules elsewhere
        from pathlib import Path

        return str(Path(text))
    if text.startswith("/"):
        lead = "//" if text.startswith("//") and not text.startswith("///") else "/"
    else:
        lead = ""
    body = "/".join(part for part in text.split("/") if part and part != ".")
    return lead + body if lead or body else "."


def child(directory: str, name: str) -> str:
    """`str(Path(directory) / name)` for a directory written as `plain` writes it and a file's name."""
    if directory == ".":
        return name
    return directory + name if directory.endswith("/") else f"{directory}/{name}"


def parent(path: str | os.PathLike) -> str:
    """`str(Path(path).parent)` for a path written as `plain` writes it (a `Path` too)."""
    return os.path.dirname(os.fspath(path)) or "."


def name(path: str | os.PathLike) -> str:
    """`Path(path).name` for a path written as `plain` writes it (a `Path` too): "" for `.`."""
    text = os.fspath(path)
    return "" if text == "." else os.path.basename(text)

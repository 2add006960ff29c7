"""Text hazards too odd to commit (issue 14, class 1 and the printing half of class 6): file names holding a
line break, a terminal escape sequence, a bidirectional control or a byte that is not UTF-8, which a printed
message, a GitHub annotation or a JSON report must show escaped. Each folder holds one agreement, made from
text-hazards/base.yaml with its id."""

from __future__ import annotations

import os
from pathlib import Path


def _agreement(folder: Path, name: str | bytes, agreement_id: str) -> None:
    folder.mkdir()
    text = (folder.parent / "base.yaml").read_text(encoding="utf-8").replace("id: base", f"id: {agreement_id}", 1)
    target = os.path.join(os.fsencode(folder), name if isinstance(name, bytes) else os.fsencode(name))
    with open(target, "wb") as fh:
        fh.write(text.encode("utf-8"))


def newline_in_file_name(path: Path) -> None:
    """A file whose name holds a line break and a forged annotation: `a⏎::error file=forged.yaml::forged.yaml`."""
    _agreement(path, "a\n::error file=forged.yaml::forged.yaml", "a")


def stop_commands_in_file_name(path: Path) -> None:
    """A file whose name, printed raw in a GitHub log, would stop every later workflow command."""
    _agreement(path, "b\n::stop-commands::pause\n.yaml", "b")


def escape_sequence_in_file_name(path: Path) -> None:
    """A file whose name starts with ESC [31m (red text on a terminal) and ESC [2J (clear the screen)."""
    _agreement(path, "\x1b[31m\x1b[2Jred.yaml", "red")


def bidi_override_in_file_name(path: Path) -> None:
    """A file whose name holds a right-to-left override: `kd‮lmay.exe` shows as «kdexe.yaml»."""
    _agreement(path, "kd\u202elmay.yaml", "kd")


def non_utf8_file_name(path: Path) -> None:
    """A file whose name holds the byte 0xFF, no UTF-8 (Python reads it as a lone surrogate, U+DCFF)."""
    _agreement(path, b"\xff.yaml", "ff")


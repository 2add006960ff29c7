"""Reading a file within a size limit: the one way the store and `extract` read their inputs."""

from __future__ import annotations

from pathlib import Path

from avtale.i18n import _


class ReadProblem(Exception):
    """Why a file could not be read; `too_large` tells a limit from a missing or unreadable file."""

    def __init__(self, message: str, too_large: bool = False):
        super().__init__(message)
        self.message = message
        self.too_large = too_large


def read_bounded(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; never reads more than the limit plus one byte, whatever the file
    system says (a FIFO, /dev/zero, a file growing while it is read)."""
    if path.is_dir():
        raise ReadProblem(_("is a directory, not a file"))
    try:
        with path.open("rb") as fh:
            raw = fh.read(max_bytes + 1)
    except FileNotFoundError:
        raise ReadProblem(_("no such file")) from None
    except PermissionError:
        raise ReadProblem(_("permission denied")) from None
    except OSError as exc:
        raise ReadProblem(_("cannot read: {reason}").format(reason=exc.strerror or exc)) from None
    if len(raw) > max_bytes:
        raise ReadProblem(_("file is larger than the limit of {max_bytes} bytes").format(max_bytes=max_bytes),
                          too_large=True)
    return raw

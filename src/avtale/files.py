"""Reading a file within a size limit: the one way avtale reads what a user names (agreements, logos,
sources for `extract`, a schema to compare).

Only a regular file is read. Its type and size are asked first (`stat`) and
again on the open descriptor (`fstat`), so a directory, a named pipe, a socket
or a device is refused in one line without ever blocking, and a file larger
than the limit is refused without reading a byte of it. The file is opened
with O_NONBLOCK (opening a FIFO that was swapped in between would otherwise
wait for a writer), and never more than the limit plus one byte is read,
whatever the file system says (a file in /proc that claims to be empty, a file
growing while it is read).
"""

from __future__ import annotations

import errno
import os
import stat

from avtale.characters import shown
from avtale.i18n import _

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: `validate` reads paths as strings (avtale.pathnames)
    from pathlib import Path

_OPEN_FLAGS = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)


MISSING, NOT_REGULAR, TOO_LARGE, UNREADABLE = "missing", "not-regular", "too-large", "unreadable"


class ReadProblem(Exception):
    """Why a file could not be read, in words (`message`), and as one of MISSING, NOT_REGULAR (then
    `thing` says what it is instead: «a named pipe (FIFO)» …), TOO_LARGE and UNREADABLE."""

    def __init__(self, message: str, kind: str = UNREADABLE, thing: str | None = None):
        super().__init__(message)
        self.message = message
        self.kind = kind
        self.thing = thing

    @property
    def too_large(self) -> bool:
        return self.kind == TOO_LARGE


def what_it_is(mode: int) -> str | None:
    """What a file of this `st_mode` is, when it is not a regular file («a directory» …); None for one."""
    if stat.S_ISREG(mode):
        return None
    if stat.S_ISDIR(mode):
        return _("a directory")
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return _("a special file")


def _not_regular(mode: int) -> ReadProblem | None:
    thing = what_it_is(mode)
    if thing is None:
        return None
    if stat.S_ISDIR(mode):
        return ReadProblem(_("is a directory, not a file"), NOT_REGULAR, thing)
    return ReadProblem(_("is {thing}, not a regular file").format(thing=thing), NOT_REGULAR, thing)


def regular_file(path: Path | str) -> os.stat_result:
    """The status of `path` (symbolic links followed) when it is a regular file; else ReadProblem saying
    what it is. Nothing is opened."""
    try:
        st = os.stat(path)
    except (OSError, ValueError) as exc:
        raise _failure(path, exc) from None
    problem = _not_regular(st.st_mode)
    if problem is not None:
        raise problem
    return st


def read_bounded(path: Path | str, max_bytes: int) -> bytes:
    """The bytes of the regular file `path`; ReadProblem (with `too_large`) when it is larger than
    `max_bytes`, and ReadProblem when it is missing, unreadable or not a regular file."""
    st = regular_file(path)
    if st.st_size > max_bytes:
        raise _too_large(max_bytes)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError) as exc:
        raise _failure(path, exc) from None
    try:
        st = os.fstat(fd)  # what was opened, which may not be what was looked at
        problem = _not_regular(st.st_mode)
        if problem is not None:
            raise problem
        if st.st_size > max_bytes:
            raise _too_large(max_bytes)
        raw = _read(fd, min(st.st_size, max_bytes) + 1)
        if st.st_size < len(raw) <= max_bytes:  # longer than it said: read on, to the limit
            raw += _read(fd, max_bytes + 1 - len(raw))
    except OSError as exc:
        raise _failure(path, exc) from None
    finally:
        os.close(fd)
    if len(raw) > max_bytes:
        raise _too_large(max_bytes)
    return raw


def read_head(path: Path | str, size: int) -> bytes:
    """The first `size` bytes (or fewer) of the regular file `path`, however large it is (to tell its kind)."""
    regular_file(path)
    try:
        fd = os.open(path, _OPEN_FLAGS)
    except (OSError, ValueError) as exc:
        raise _failure(path, exc) from None
    try:
        problem = _not_regular(os.fstat(fd).st_mode)
        if problem is not None:
            raise problem
        return _read(fd, size)
    except OSError as exc:
        raise _failure(path, exc) from None
    finally:
        os.close(fd)


def _read(fd: int, size: int) -> bytes:
    """Up to `size` bytes, fewer only at the end of the file."""
    parts, left = [], size
    while left > 0:
        chunk = os.read(fd, min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _too_large(max_bytes: int) -> ReadProblem:
    return ReadProblem(_("file is larger than the limit of {max_bytes} bytes").format(max_bytes=max_bytes), TOO_LARGE)


def _failure(path: Path | str, exc: Exception) -> ReadProblem:
    """What went wrong looking at, opening or reading `path`, in words (never the exception's own repr)."""
    if isinstance(exc, ValueError):  # os.stat's «embedded null byte»
        return ReadProblem(_("the path contains a NUL character"))
    if isinstance(exc, FileNotFoundError):
        try:
            target = os.readlink(path)
        except (OSError, ValueError):
            return ReadProblem(_("no such file"), MISSING)
        return ReadProblem(_("is a symbolic link to {target}, which does not exist").format(target=shown(target)),
                           MISSING)
    if isinstance(exc, PermissionError):
        return ReadProblem(_("permission denied"))
    if exc.errno == errno.ELOOP:
        return ReadProblem(_("is a symbolic link that leads round in a loop"))
    if exc.errno == errno.ENAMETOOLONG:
        return ReadProblem(_("the file name is too long"))
    return ReadProblem(_("cannot read: {reason}").format(reason=exc.strerror or exc))

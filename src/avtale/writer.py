"""The one way avtale writes a file: every output of every command goes through here.

Why one writer: the promises about outputs hold for every command only if every
command writes the same way.

* Atomic: the bytes go to a temporary file in the target's directory, are
  flushed to the disk, and the temporary file is renamed over the target; a
  failed, full or interrupted write leaves the old file as it was.
* All or none: `write_all` stages every file first (all fully written) and
  only then renames them, with SIGINT and SIGTERM held back while it renames;
  if a rename fails, the ones done are put back. A build never leaves one
  agreement's DOCX new and its PDF old.
* No links: a target that is a symbolic link is refused (naming the link's
  target): replacing it would cut the link and leave the real file old, writing
  through it would write somewhere the command line does not name. A directory,
  device, FIFO or socket is refused too.
* No overwriting what the command does not own: with `overwrite=False` (a
  command's `--force` not given) an existing target is refused, and the rename
  cannot clobber a file that appears meanwhile (a hard link, which fails if the
  name exists). A target that is one of the command's `inputs` is refused always.
* Temporary files are named `.avtale-<pid>-<random>.tmp`: short (so a target
  near the file system's 255-byte limit can still be written) and told apart
  from a user's files. `sweep` removes only those whose process is gone and
  that no process holds locked, so two commands writing into one directory
  never delete each other's files.
* Every OSError becomes one OutputError naming the file and what to do
  (`os_error`), exit 1.
"""

from __future__ import annotations

import errno
import fcntl
import os
import re
import stat
from pathlib import Path

try:  # the C module alone: `signal` builds its enums on import, which every build would pay for
    import _signal as signal
except ImportError:  # pragma: no cover - not CPython
    import signal

from avtale.errors import OutputError, OutputExists, Position
from avtale.i18n import N_, _
from avtale.records import Record

TEMP_NAME = re.compile(r"\.avtale-(\d+)-[0-9a-f]{8}\.tmp")
_SWEPT: set[str] = set()  # directories already swept by this process
_LIVE: dict[Path, "Staged"] = {}  # temporary files this process has made and not yet renamed or removed
HELD = {signal.SIGINT, signal.SIGTERM}  # held back while a temporary file is made and while files are renamed

# What went wrong, and what to do, for each error of the file system; `{directory}` is the target's.
REASONS = {
    errno.ENOSPC: N_("no space left on the device; free some space and run the command again"),
    errno.EDQUOT: N_("the disk quota is used up; free some space and run the command again"),
    errno.EROFS: N_("the file system is read-only; make it writable or write somewhere else"),
    errno.ENAMETOOLONG: N_("the name is too long for the file system; choose a shorter one"),
    errno.EACCES: N_("no permission to write in {directory}; change its permissions or write somewhere else"),
    errno.EPERM: N_("no permission to write in {directory}; change its permissions or write somewhere else"),
    errno.ENOENT: N_("the directory {directory} does not exist"),
    errno.ENOTDIR: N_("a part of the path is not a directory; check the path"),
    errno.ELOOP: N_("the path has a loop of symbolic links; check the path"),
    errno.EISDIR: N_("a directory is in the way; give a file name"),
}
# ... where the CLI meets an OSError outside a write (`doing="use"`), these say what they say everywhere else
USE_REASONS = {
    errno.ENOENT: N_("no such file or directory"),
    errno.EACCES: N_("permission denied"),
    errno.EPERM: N_("permission denied"),
    errno.EISDIR: N_("is a directory, not a file"),
}


def os_error(exc: OSError, path: Path | str, doing: str = "write") -> OutputError:
    """The one-line error for an OSError met at `path`: what went wrong and what to do.

    `doing` is "write" (a file), "mkdir" (a directory) or "use" (anything else, where the CLI meets an
    OSError no other layer turned into a message)."""
    path = Path(path)
    if exc.errno == errno.EEXIST:
        return OutputExists(_("exists; use --force to overwrite it"), Position(path))
    reason = (doing == "use" and USE_REASONS.get(exc.errno)) or REASONS.get(exc.errno)
    directory = path.parent if str(path.parent) != "." else Path(os.path.abspath("."))  # not «in .»
    text = _(reason).format(directory=directory) if reason else (exc.strerror or str(exc))
    if doing == "mkdir":
        return OutputError(_("cannot create the directory: {reason}").format(reason=text), Position(path))
    if doing == "write":
        return OutputError(_("cannot write: {reason}").format(reason=text), Position(path))
    return OutputError(_("file system error: {reason}").format(reason=text), Position(path))


def check(path: Path | str, overwrite: bool = True, inputs=()) -> bool:
    """Refuse a target that cannot or must not be written; True if a regular file is there now.

    Refused: a symbolic link (even a dangling one), a directory, anything but a regular file; a file
    that is one of `inputs` (even with --force); an existing file unless `overwrite`.
    """
    path = Path(path)
    try:
        st = os.lstat(path)
    except FileNotFoundError:
        return False
    except OSError as exc:
        raise os_error(exc, path) from None
    if stat.S_ISLNK(st.st_mode):
        raise OutputError(_("is a symbolic link to {target}; avtale neither writes through a link nor replaces it: "
                            "give the file itself, or remove the link").format(target=_link_text(path)),
                          Position(path))
    if stat.S_ISDIR(st.st_mode):
        raise OutputError(_("is a directory; give a file name"), Position(path))
    if not stat.S_ISREG(st.st_mode):
        raise OutputError(_("is not a regular file (a device, pipe or socket); give the name of a file"),
                          Position(path))
    for source in inputs:
        try:
            same = os.path.samestat(st, os.stat(source))
        except (OSError, ValueError):
            continue
        if same:
            raise OutputExists(_("is a file this command reads ({input}); write to another file "
                                 "(--force does not change this)").format(input=source), Position(path))
    if not overwrite:
        raise OutputExists(_("exists; use --force to overwrite it"), Position(path))
    return True


def _link_text(path: Path) -> str:
    """Where a link points, as it was written, control characters shown as \\uXXXX (the message stays one line)."""
    try:
        text = os.readlink(path)
    except OSError:
        return "?"
    return "".join(c if c.isprintable() else f"\\u{ord(c):04x}" for c in text)


class Staged(Record):
    """A target's new bytes, fully written to `temp` (which this process keeps open and locked)."""

    _fields = ("target", "temp", "fd", "existed", "overwrite")

    def __init__(self, target: Path, temp: Path, fd: int, existed: bool, overwrite: bool):
        self.target = target
        self.temp = temp
        self.fd = fd
        self.existed = existed
        self.overwrite = overwrite


def temporary_name() -> str:
    """`.avtale-<pid>-<8 hex digits>.tmp`: 28 bytes or so, whatever the target is called."""
    return f".avtale-{os.getpid()}-{os.urandom(4).hex()}.tmp"  # (what secrets.token_hex(4) is, without
    # the modules `secrets` imports: hmac, hashlib, random, base64)


def stage(path: Path | str, data: str | bytes, overwrite: bool = True, inputs=()) -> Staged:
    """Write `data` to a new temporary file beside `path`, flushed to the disk; the target is not touched."""
    path = Path(path)
    existed = check(path, overwrite, inputs)
    _sweep_once(path.parent)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    staged = _create_temporary(path, existed, overwrite)
    try:
        _copy_mode(staged.fd, path, existed)
        with open(staged.fd, "wb", closefd=False) as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(staged.fd)
    except BaseException as exc:
        discard([staged])
        if isinstance(exc, OSError):
            raise os_error(exc, path) from None
        raise
    return staged


def _create_temporary(path: Path, existed: bool, overwrite: bool) -> Staged:
    """A new temporary file beside `path`, open and locked (so `sweep` skips it), and listed in `_LIVE`
    before a signal can interrupt: whatever unwinds then removes it."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | os.O_NOFOLLOW | os.O_CLOEXEC
    for _attempt in range(100):
        temp = path.parent / temporary_name()
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
        try:
            fd = os.open(temp, flags, 0o600)
            staged = _LIVE[temp] = Staged(path, temp, fd, existed, overwrite)
        except FileExistsError:
            continue
        except OSError as exc:
            raise os_error(exc, path) from None
        finally:
            signal.pthread_sigmask(signal.SIG_SETMASK, previous)
        try:
            fcntl.flock(staged.fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            pass  # a file system without locks: `sweep` still spares a process that runs
        return staged
    raise OutputError(_("cannot write: no free temporary name in {directory}").format(directory=path.parent),
                      Position(path))


def _copy_mode(fd: int, path: Path, existed: bool) -> None:
    """An existing file's mode (and, where allowed, owner) are kept; a new file gets 0666 less the umask."""
    if existed:
        st = os.stat(path)
        os.fchmod(fd, st.st_mode & 0o7777)
        try:
            os.fchown(fd, st.st_uid, st.st_gid)
        except OSError:
            pass  # not allowed for another user's file: it becomes ours, as with any editor
    else:
        umask = os.umask(0)
        os.umask(umask)
        os.fchmod(fd, 0o666 & ~umask)


def _remove(temp: Path, fd: int | None = None) -> None:
    try:
        os.unlink(temp)
    except OSError:
        pass
    if fd is not None:
        try:
            os.close(fd)
        except OSError:
            pass


def discard(staged: list[Staged]) -> None:
    """Remove staged temporary files; the targets are untouched."""
    for item in staged:
        _LIVE.pop(item.temp, None)
        _remove(item.temp, item.fd)


def discard_all() -> None:
    """Remove every temporary file this process has staged and not yet renamed."""
    discard(list(_LIVE.values()))


def commit(staged: list[Staged]) -> None:
    """Rename every staged file over its target: all of them, or (if one fails) none.

    SIGINT and SIGTERM wait until the renames are done (they are delivered right after); SIGKILL cannot
    wait, and then each file is still the old one or the whole new one.
    """
    previous = signal.pthread_sigmask(signal.SIG_BLOCK, HELD)
    backups: dict[Path, Path] = {}
    done: list[Staged] = []
    try:
        if len(staged) > 1:
            for item in staged:
                if item.existed:
                    backup = item.target.parent / temporary_name()
                    try:
                        os.link(item.target, backup, follow_symlinks=False)
                        backups[item.target] = backup
                    except OSError:
                        pass  # no hard links here: that file cannot be put back
        for item in staged:
            try:
                _rename(item)
            except OSError as exc:
                _put_back(done, backups)
                raise os_error(exc, item.target) from None
            done.append(item)
        _sync_directories(staged)
    finally:
        for backup in backups.values():
            _remove(backup)
        discard(staged)
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def _rename(item: Staged) -> None:
    if item.overwrite:
        os.replace(item.temp, item.target)
        return
    try:  # never over a file that appeared since `check`: a hard link fails if the name exists
        os.link(item.temp, item.target, follow_symlinks=False)
    except FileExistsError:
        raise
    except OSError as exc:
        if exc.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP, errno.EXDEV):
            raise
        if os.path.lexists(item.target):  # a file system without hard links: check, then rename
            raise FileExistsError(errno.EEXIST, os.strerror(errno.EEXIST), str(item.target)) from None
        os.rename(item.temp, item.target)
        return
    os.unlink(item.temp)


def _put_back(done: list[Staged], backups: dict[Path, Path]) -> None:
    for item in reversed(done):
        try:
            if item.target in backups:
                os.replace(backups.pop(item.target), item.target)
            elif not item.existed:
                os.unlink(item.target)
        except OSError:
            pass


def _sync_directories(staged: list[Staged]) -> None:
    """The renames on the disk too, so a power cut after a command said «wrote» keeps the new files."""
    for directory in {item.target.parent for item in staged}:
        try:
            fd = os.open(directory, os.O_RDONLY | os.O_DIRECTORY)
        except OSError:
            continue
        try:
            os.fsync(fd)
        except OSError:
            pass
        finally:
            os.close(fd)


def write(path: Path | str, data: str | bytes, overwrite: bool = True, inputs=()) -> None:
    """Write one file atomically (see the module's docstring for what is refused)."""
    commit([stage(path, data, overwrite, inputs)])


def write_all(files: list[tuple[Path, str | bytes]], overwrite: bool = True, inputs=()) -> None:
    """Write several files: every one of them, or (on any error) none, every old file left as it was."""
    staged: list[Staged] = []
    try:
        for path, data in files:
            staged.append(stage(path, data, overwrite, inputs))
    except BaseException:
        discard_all()  # also one a signal interrupted between `stage` and `append`
        raise
    commit(staged)


def make_directory(path: Path | str) -> None:
    """Create a directory (and its parents) for outputs; one clear error if it cannot be."""
    path = Path(path)
    try:
        os.makedirs(path, exist_ok=True)
    except FileExistsError:
        raise OutputError(_("is not a directory; give a directory for the outputs, or remove the file"),
                          Position(path)) from None
    except OSError as exc:
        raise os_error(exc, path, "mkdir") from None


def sweep(directory: Path | str) -> list[Path]:
    """Remove avtale's temporary files in `directory` left by processes that are gone; returns them.

    Only names `.avtale-<pid>-<random>.tmp`; only when that process no longer runs and no process holds
    the file locked (a process in another PID namespace, say). Best effort: what cannot be removed stays.
    """
    removed = []
    try:
        entries = list(os.scandir(directory))
    except OSError:
        return removed
    for entry in entries:
        match = TEMP_NAME.fullmatch(entry.name)
        if not match or _alive(int(match[1])):
            continue
        try:
            fd = os.open(entry.path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK | os.O_CLOEXEC)
        except OSError:
            continue
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            if stat.S_ISREG(os.fstat(fd).st_mode):
                os.unlink(entry.path)
                removed.append(Path(entry.path))
        except OSError:
            pass
        finally:
            os.close(fd)
    return removed


def _sweep_once(directory: Path) -> None:
    key = os.path.abspath(directory)
    if key not in _SWEPT:
        _SWEPT.add(key)
        sweep(directory)


def _alive(pid: int) -> bool:
    """Whether process `pid` runs (another user's process counts: it cannot be signalled, but it runs)."""
    if pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    except (OverflowError, ValueError):
        return False
    return True

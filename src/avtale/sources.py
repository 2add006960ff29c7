"""Where an agreement comes from: a file, or a git revision of one (`main:agreements/x.yaml`)."""

from __future__ import annotations

import os
import subprocess
import threading
import unicodedata
from pathlib import Path

from avtale import limits
from avtale.errors import Position, UsageError, YamlError
from avtale.characters import shown
from avtale.i18n import _

GIT_TIMEOUT = 30  # seconds; git reads local data only, so a longer wait means something is wrong

# git reads this machine's repository and nothing else: no prompt, no fetch of missing objects
# (a partial clone would fetch them), no lock taken on the index, no program the config may name
# for file system monitoring or signatures; paths are printed as they are, not quoted as octal.
_GIT_OPTIONS = ("--no-pager", "--literal-pathspecs", "-c", "core.quotepath=off", "-c", "protocol.allow=never",
                "-c", "core.fsmonitor=false", "-c", "log.showSignature=false")
_GIT_PATHS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")


def _environment(cwd, english: bool) -> dict:
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_NO_LAZY_FETCH": "1", "GIT_OPTIONAL_LOCKS": "0"}
    if english:
        env.update(LC_ALL="C", LANGUAGE="")
    for name in _GIT_PATHS:  # set by a git hook, say, relative to the directory we leave
        if env.get(name) and cwd is not None:
            env[name] = os.path.abspath(env[name])
    return env


def git(args: list[str], cwd: Path | str | None = None, input: bytes | None = None,
        timeout: float = GIT_TIMEOUT, english: bool = False) -> subprocess.CompletedProcess:
    """Run git on local data only, in `cwd`; output as bytes, and git's messages in English when
    the caller reads them (`english`), else in the user's language. For a command whose output
    the user decides (an object's content), use `git_bounded`.

    Raises FileNotFoundError when git is not installed and subprocess.TimeoutExpired
    after `timeout` seconds; a failing git is a non-zero returncode, for the caller to word.
    """
    return subprocess.run(["git", *_GIT_OPTIONS, *args], cwd=cwd, input=input, capture_output=True,
                          timeout=timeout, check=False, env=_environment(cwd, english))


class OutputTooLarge(ValueError):
    """git wrote more than the caller allowed; git was stopped and its output dropped."""


def git_bounded(args: list[str], limit: int, cwd: Path | str | None = None, input: bytes | None = None,
                timeout: float = GIT_TIMEOUT, english: bool = False) -> subprocess.CompletedProcess:
    """`git`, reading at most `limit` bytes of its output: one byte more and git is stopped and
    OutputTooLarge raised. Input is written and messages are read beside it (threads), so no
    pipe can stall git; the messages kept are the first 64 KB."""
    proc = subprocess.Popen(["git", *_GIT_OPTIONS, *args], cwd=cwd, env=_environment(cwd, english),
                            stdin=subprocess.DEVNULL if input is None else subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    expired = threading.Event()

    def stop() -> None:
        expired.set()
        proc.kill()

    messages: list[bytes] = []
    helpers = [threading.Thread(target=_drain, args=(proc.stderr, messages), daemon=True)]
    if input is not None:
        helpers.append(threading.Thread(target=_feed, args=(proc.stdin, input), daemon=True))
    timer = threading.Timer(timeout, stop)
    timer.start()
    for helper in helpers:
        helper.start()
    try:
        out = _read_at_most(proc.stdout, limit + 1)
        if len(out) > limit:
            proc.kill()
            raise OutputTooLarge(limit)
        proc.wait()
    finally:
        timer.cancel()
        if proc.poll() is None:
            proc.kill()
        proc.wait()
        for helper in helpers:
            helper.join()
        proc.stdout.close()
    if expired.is_set():
        raise subprocess.TimeoutExpired(args, timeout)
    return subprocess.CompletedProcess(args, proc.returncode, out, b"".join(messages))


def _read_at_most(stream, size: int) -> bytes:
    parts, left = [], size
    while left > 0:
        chunk = stream.read(min(left, 1 << 20))
        if not chunk:
            break
        parts.append(chunk)
        left -= len(chunk)
    return b"".join(parts)


def _feed(stream, data: bytes) -> None:
    try:
        stream.write(data)
        stream.close()
    except OSError:  # git stopped reading (it failed, or was stopped)
        pass


def _drain(stream, kept: list[bytes]) -> None:
    kept.append(stream.read(65536))
    while stream.read(65536):
        pass
    stream.close()


def split_rev(spec: str) -> tuple[str | None, str]:
    """'main:agreements/x.yaml' -> ('main', 'agreements/x.yaml'); a plain path -> (None, path)."""
    if os.path.lexists(spec) or ":" not in spec:
        return None, spec
    rev, _colon, path = spec.partition(":")
    return rev, path


def check_revision(rev: str, path: str = "") -> None:
    """A revision (and the path read at it) reaches git as a name, never as an option nor as two names:
    one that starts with «-» or holds a control character is a usage error."""
    where = Position(shown(f"{rev}:{path}" if path else rev))
    if rev.startswith("-"):
        raise UsageError(_("«{rev}» cannot be a git revision: it starts with «-»; name a branch, tag or commit")
                         .format(rev=shown(rev)), where)
    if any(unicodedata.category(c) == "Cc" for c in rev + path):
        raise UsageError(_("a git revision and its path cannot hold control characters (line breaks, tabs …)"), where)


def git_show(rev: str, path: str) -> str:
    """The text of `path` at `rev`, read only when git says it is a file within the file-size limit;
    a revision or path git does not know is a usage error."""
    check_revision(rev, path)
    rel = path if path.startswith("/") or path.startswith("./") else f"./{path}"
    name, where = f"{rev}:{rel}", Position(f"{rev}:{path}")
    most = limits.current.yaml_bytes
    try:
        # the name goes to git on its standard input: never an option, whatever it holds
        found = git(["cat-file", "--batch-check"], input=(name + "\n").encode("utf-8"))
        header = found.stdout.split()
        if found.returncode != 0 or len(header) != 3 or not header[2].isdigit():
            raise UsageError(_("no such git revision or path ({reason})").format(reason=_why_missing(name)), where)
        oid, kind, size = header[0].decode("ascii"), header[1].decode("ascii"), int(header[2])
        if kind != "blob":
            raise UsageError(_("a directory in git, not a file") if kind == "tree" else
                             _("a {kind} in git, not a file").format(kind=kind), where)
        if size > most:
            raise YamlError(_("{problem} (see --max-file-size)").format(
                problem=_("file is larger than the limit of {max_bytes} bytes").format(max_bytes=most)), where)
        out = git_bounded(["cat-file", "blob", oid], size)
    except FileNotFoundError:
        raise UsageError(_("git is not installed"), where) from None
    except subprocess.TimeoutExpired:
        raise UsageError(_("git did not answer in {seconds} seconds").format(seconds=GIT_TIMEOUT), where) from None
    except OutputTooLarge:  # the object changed under us (a replaced object): still never read past the limit
        raise YamlError(_("{problem} (see --max-file-size)").format(
            problem=_("file is larger than the limit of {max_bytes} bytes").format(max_bytes=most)), where) from None
    if out.returncode != 0:
        raise UsageError(_("no such git revision or path ({reason})").format(reason=_last_line(out.stderr)), where)
    try:
        return out.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(_("not UTF-8 text"), where) from None


def _why_missing(name: str) -> str:
    """git's own words for a name it cannot find (a revision, or a path at it)."""
    answer = git(["cat-file", "-e", "--end-of-options", name])
    return _last_line(answer.stderr)


def _last_line(stderr: bytes) -> str:
    lines = stderr.decode("utf-8", "replace").strip().splitlines()
    return shown(lines[-1]) if lines else _("git show failed")


def read_agreement(spec: str, rev: str | None = None):
    """The agreement named by `spec` (a path, or REV:PATH), or at `rev` when given."""
    from avtale import agreements

    file_rev, path = split_rev(spec)
    rev = rev or file_rev
    if rev is None:
        if not os.path.lexists(path):
            raise UsageError(_("no such file"), Position(path))
        return agreements.read(path)
    return agreements.read(Path(path), text=git_show(rev, path))

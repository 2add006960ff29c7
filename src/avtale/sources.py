"""Where an agreement comes from: a file, or a git revision of one (`main:agreements/x.yaml`)."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

from avtale.errors import Position, UsageError
from avtale.i18n import _

GIT_TIMEOUT = 30  # seconds; git reads local data only, so a longer wait means something is wrong

# git reads this machine's repository and nothing else: no prompt, no fetch of missing objects
# (a partial clone would fetch them), no lock taken on the index, no program the config may name
# for file system monitoring or signatures; paths are printed as they are, not quoted as octal.
_GIT_OPTIONS = ("--no-pager", "--literal-pathspecs", "-c", "core.quotepath=off", "-c", "protocol.allow=never",
                "-c", "core.fsmonitor=false", "-c", "log.showSignature=false")
_GIT_PATHS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")


def git(args: list[str], cwd: Path | str | None = None, input: bytes | None = None,
        timeout: float = GIT_TIMEOUT, english: bool = False) -> subprocess.CompletedProcess:
    """Run git on local data only, in `cwd`; output as bytes, and git's messages in English when
    the caller reads them (`english`), else in the user's language.

    Raises FileNotFoundError when git is not installed and subprocess.TimeoutExpired
    after `timeout` seconds; a failing git is a non-zero returncode, for the caller to word.
    """
    env = {**os.environ, "GIT_TERMINAL_PROMPT": "0", "GIT_NO_LAZY_FETCH": "1", "GIT_OPTIONAL_LOCKS": "0"}
    if english:
        env.update(LC_ALL="C", LANGUAGE="")
    for name in _GIT_PATHS:  # set by a git hook, say, relative to the directory we leave
        if env.get(name) and cwd is not None:
            env[name] = os.path.abspath(env[name])
    return subprocess.run(["git", *_GIT_OPTIONS, *args], cwd=cwd, input=input, capture_output=True,
                          timeout=timeout, check=False, env=env)


def split_rev(spec: str) -> tuple[str | None, str]:
    """'main:agreements/x.yaml' -> ('main', 'agreements/x.yaml'); a plain path -> (None, path)."""
    if Path(spec).exists() or ":" not in spec:
        return None, spec
    rev, _colon, path = spec.partition(":")
    return rev, path


def git_show(rev: str, path: str) -> str:
    """The text of `path` at `rev`; a revision or path git does not know is a usage error."""
    rel = path if path.startswith("/") or path.startswith("./") else f"./{path}"
    try:
        out = git(["show", f"{rev}:{rel}"])
    except FileNotFoundError:
        raise UsageError(_("git is not installed"), Position(f"{rev}:{path}")) from None
    except subprocess.TimeoutExpired:
        raise UsageError(_("git did not answer in {seconds} seconds").format(seconds=GIT_TIMEOUT),
                         Position(f"{rev}:{path}")) from None
    if out.returncode != 0:
        reason = out.stderr.decode("utf-8", "replace").strip().splitlines()
        raise UsageError(
            _("no such git revision or path ({reason})").format(reason=reason[-1] if reason else _("git show failed")),
            Position(f"{rev}:{path}"),
        )
    try:
        return out.stdout.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise UsageError(_("not UTF-8 text"), Position(f"{rev}:{path}")) from None


def read_agreement(spec: str, rev: str | None = None):
    """The agreement named by `spec` (a path, or REV:PATH), or at `rev` when given."""
    from avtale import agreements

    file_rev, path = split_rev(spec)
    rev = rev or file_rev
    if rev is None:
        if not Path(path).exists():
            raise UsageError(_("no such file"), Position(path))
        return agreements.read(path)
    return agreements.read(Path(path), text=git_show(rev, path))

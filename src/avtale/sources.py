"""Where an agreement comes from: a file, or a git revision of one (`main:agreements/x.yaml`)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from avtale.errors import Position, UsageError
from avtale.i18n import _


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
        out = subprocess.run(
            ["git", "show", f"{rev}:{rel}"], capture_output=True, timeout=30, check=False
        )
    except FileNotFoundError:
        raise UsageError(_("git is not installed"), Position(f"{rev}:{path}")) from None
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

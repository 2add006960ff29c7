"""Rules on the files an agreement points at: its parties' logos, and the schema on its first line.

Both look at the file system beside the agreement, so they are silent when
the text came from elsewhere (a git revision). Neither touches the network.
"""

from __future__ import annotations

import os
import re

from avtale import __version__, schema
from avtale.assets import check_logo
from avtale.characters import REFUSED
from avtale.checks import At, rule
from avtale.errors import LogoError
from avtale.i18n import _
from avtale.pathnames import parent

MODELINE = re.compile(r"#\s*yaml-language-server\s*:\s*\$schema=(\S+)")
DEFAULT_SCHEMA = os.path.join("schema", "agreement.schema.json")  # where `avtale schema` writes by default


@rule("AV405", "logo-readable", "every logo is a readable PNG or JPEG file inside the agreement's directory")
def logo_readable(agreement, ctx):
    if not ctx.on_disk:
        return
    for i, party in enumerate(agreement.parties):
        if party.logo is not None and not REFUSED.search(party.logo.file):  # (AV102 names what cannot stand in it)
            try:
                check_logo(party.logo.file, parent(ctx.path), party.id)
            except LogoError as exc:
                yield ("parties", i, "logo", "file"), exc.message


@rule("AV406", "schema-current", "the schema named on the first line exists and is this avtale's", severity="warning")
def schema_current(agreement, ctx):
    if not ctx.on_disk or not ctx.source or not ctx.source.startswith("#"):
        return
    m = MODELINE.match(ctx.source.partition("\n")[0])
    if m is None or "://" in m.group(1):  # a URL (http, https or another scheme): no network
        return
    ref = m.group(1)
    target = os.path.join(parent(ctx.path), ref)
    problem = schema.compare(target)
    if problem is None:
        return
    command = f"`{_schema_command(target)}`"
    if problem == "missing":
        message = _("the first line points editors at {ref}, which does not exist; write the schema with {command}")
    elif problem == "stale":
        message = _("the first line points editors at {ref}, which is not the schema of this avtale ({version}); "
                    "update it with {command}")
    else:
        message = _("the first line points editors at {ref}, which cannot be read ({problem}); "
                    "write the schema with {command}")
    yield At(1, m.start(1) + 1), message.format(ref=ref, command=command, version=__version__, problem=problem)


def _schema_command(target: str) -> str:
    """The command that writes the schema to `target`, run from the current directory: `avtale schema`
    from a repository's root, else with --out, relative when the two share a directory below /."""
    import shlex  # only here: a finding is rare, and validate starts on every commit

    target = os.path.abspath(target)
    cwd = os.getcwd()
    if target == os.path.join(cwd, DEFAULT_SCHEMA):
        return "avtale schema"
    shown = os.path.relpath(target, cwd) if os.path.commonpath([target, cwd]) != os.sep else target
    return f"avtale schema --out {shlex.quote(shown)}"

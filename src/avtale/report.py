"""How findings and builds are shown: text lines, JSON, or GitHub workflow annotations."""

from __future__ import annotations

import json
import sys

from avtale.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from avtale.findings import ERROR
from avtale.i18n import _, ngettext

FORMATS = ("text", "json", "github")


def emit(results, fmt: str, strict: bool) -> None:
    findings = [f for r in results for f in r.findings]
    if fmt == "json":
        payload = {
            "files": [{"path": str(r.path), "valid": r.ok(strict)} for r in results],
            "findings": [f.as_dict() for f in findings],
        }
        sys.stdout.write(json.dumps(payload, ensure_ascii=False, indent=2) + "\n")
        return
    for f in findings:
        if fmt == "github":
            level = "error" if f.severity == ERROR or strict else "warning"
            pos = f"file={f.path}" + (f",line={f.line}" if f.line else "") + (f",col={f.col}" if f.col else "")
            print(f"::{level} {pos},title={f.code}::{_gh_escape(f.message)}")
        else:
            print(f)
    if fmt == "text":
        bad = sum(1 for r in results if not r.ok(strict))
        checked = ngettext("{n} file checked", "{n} files checked", len(results)).format(n=len(results))
        print(ngettext("{checked}, {bad} invalid", "{checked}, {bad} invalid", bad).format(checked=checked, bad=bad),
              file=sys.stderr)


def _gh_escape(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def exit_code(results, strict: bool) -> int:
    if any(r.fatal is not None and r.fatal.exit_code == EXIT_USAGE for r in results):
        return EXIT_USAGE
    return EXIT_OK if all(r.ok(strict) for r in results) else EXIT_INVALID


def emit_build(results) -> int:
    code = EXIT_OK
    for b in results:
        for f in b.findings:
            print(f, file=sys.stderr)
        if b.error:
            print(b.error, file=sys.stderr)
        if not b.ok:
            code = EXIT_INVALID
            print(_("{path}: not built").format(path=b.path), file=sys.stderr)
        for out in b.outputs:
            print(out)
    return code


class Progress:
    """A one-line progress display on a terminal; silent otherwise."""

    def __init__(self, total: int):
        self.total = total
        self.done = 0
        self.live = sys.stderr.isatty() and total > 1

    def step(self, _item=None) -> None:
        self.done += 1
        if self.live:
            sys.stderr.write("\r" + _("building {done}/{total}").format(done=self.done, total=self.total))
            sys.stderr.flush()

    def close(self) -> None:
        if self.live:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()

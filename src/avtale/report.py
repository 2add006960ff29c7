"""How findings and builds are shown: text lines, JSON, or GitHub workflow annotations.

Whatever is printed goes through `characters.shown` (or, in JSON, `characters.json_shown`): a file name, a key
or a quoted text holding a control character (an ESC that colours a terminal, a line break that starts a
line of its own) is shown as an escape, `\\u001b`. A GitHub annotation's properties and message are also
escaped as GitHub documents it, so no file name or message can end an annotation, start another, or stop
the workflow commands that follow (`::stop-commands::`).
"""

from __future__ import annotations

import sys

from avtale.characters import json_shown, shown
from avtale.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE
from avtale.findings import ERROR
from avtale.i18n import _, ngettext

FORMATS = ("text", "json", "github")


def emit(results, fmt: str, strict: bool) -> None:
    findings = [f for r in results for f in r.findings]
    if fmt == "json":
        import json

        payload = {
            "files": [{"path": str(r.path), "valid": r.ok(strict)} for r in results],
            "findings": [f.as_dict() for f in findings],
        }
        sys.stdout.write(json_shown(json.dumps(payload, ensure_ascii=False, indent=2)) + "\n")
        return
    for f in findings:
        print(annotation(f, strict) if fmt == "github" else f)
    if fmt == "text":
        bad = sum(1 for r in results if not r.ok(strict))
        checked = ngettext("{n} file checked", "{n} files checked", len(results)).format(n=len(results))
        print(ngettext("{checked}, {bad} invalid", "{checked}, {bad} invalid", bad).format(checked=checked, bad=bad),
              file=sys.stderr)


def annotation(f, strict: bool) -> str:
    """A finding as a GitHub workflow command: `::error file=…,line=…,col=…,title=AV…::message`."""
    level = "error" if f.severity == ERROR or strict else "warning"
    props = [f"file={github_property(shown(f.path))}"]
    props += [f"line={f.line}"] if f.line else []
    props += [f"col={f.col}"] if f.line and f.col else []
    props.append(f"title={github_property(f.code)}")
    return f"::{level} {','.join(props)}::{github_data(shown(f.message))}"


def github_data(text: str) -> str:
    """A workflow command's message, escaped as GitHub documents it: «%», CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def github_property(text: str) -> str:
    """A workflow command's property value: as its message, and «:» and «,», which end a property."""
    return github_data(text).replace(":", "%3A").replace(",", "%2C")


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
            print(shown(_("{path}: not built").format(path=b.path)), file=sys.stderr)
        for out in b.outputs:
            print(shown(out))
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

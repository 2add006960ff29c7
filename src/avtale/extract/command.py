"""What `avtale extract` does around the pipeline: options, output, notes on stderr.

Reads: the command-line values (dates already parsed by the CLI). Writes: canonical YAML to stdout or atomically to
OUT (never over an existing file without --force), and the notes to stderr. What was written is then validated:
exit 0 only when it validates; otherwise its errors go to stderr and the exit code is 1 (the file is kept).
"""

from __future__ import annotations

import datetime as dt
import re
import sys
from pathlib import Path

from avtale.characters import shown
from avtale.errors import EXIT_INVALID, EXIT_OK, UsageError
from avtale.i18n import _


def run(source: Path, out: Path | None, force: bool, agreement_id: str | None, start: dt.date | None,
        end: dt.date | None, jobs: int | None = None, err=None) -> int:
    from avtale import writer
    from avtale.extract import extract

    err = err or sys.stderr
    if agreement_id is not None and not re.fullmatch(r"[a-z0-9][a-z0-9-]*", agreement_id):
        raise UsageError(_("--id: «{id}» must be lower-case letters, digits and hyphens (like 2014-2017)")
                         .format(id=agreement_id))
    if agreement_id is None and out is not None and re.fullmatch(r"[a-z0-9][a-z0-9-]*", out.stem):
        agreement_id = out.stem
    if out is not None:  # before the work: a file there (without --force), a link, the source itself
        writer.check(out, force, [source])
    result = extract(source, id=agreement_id, start=start, end=end, jobs=jobs)
    for line in result.notes.render(str(source)):  # (notes quote the source: shown with its controls escaped)
        print(shown(line), file=err)
    text = result.yaml(str(source.name))
    if out is None:
        sys.stdout.write(text)
    else:
        writer.write(out, text, force, [source])
        print(shown(_("wrote {path}").format(path=out)), file=err)
    return _validate(text, out or Path(f"{result.agreement.id}.yaml"), err)


def _validate(text: str, path: Path, err) -> int:
    """Validate what was written: its errors on stderr and exit 1, so a script never takes a bad file for a good one."""
    from avtale.agreements import validate_file
    from avtale.findings import ERROR

    checked = validate_file(path, text=text)
    errors = [f for f in checked.findings if f.severity == ERROR]
    if checked.fatal is not None:
        print(f"{checked.fatal}", file=err)
    for finding in errors:
        print(f"{finding}", file=err)
    if checked.ok():
        return EXIT_OK
    print(shown(_("{path}: the extracted agreement does not validate; fix the lines marked # TODO and the errors "
                  "above").format(path=path)), file=err)
    return EXIT_INVALID

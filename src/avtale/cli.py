"""The command line: parses arguments, calls the library, maps errors to exit codes in one place.

Built on argparse from the standard library, so no version of click or typer
that a resolver picks can change how avtale parses its arguments or fails
(a usage error is always one line and exit 2), and `avtale --help` imports
nothing heavy. The parser is declared in `avtale.cli_args`; heavy libraries
are imported inside the command that needs them.
"""

from __future__ import annotations

import os
import sys

from avtale.errors import (EXIT_INVALID, EXIT_OK, AvtaleError, CommandLineError, InvalidAgreement, OutputExists,
                           Position, UnreadableError)
from avtale.i18n import _

TYPE_CHECKING = False
if TYPE_CHECKING:  # for the annotations only: `avtale --help` does not import pathlib
    from pathlib import Path

DEFAULT_DIR = "agreements"  # the files a command reads when given none (as a Path: `_default_paths`)


def _default_paths(paths: list) -> list:
    """The paths given, or else agreements/."""
    from pathlib import Path

    return paths or [Path(DEFAULT_DIR)]


def _echo(message: str, stream=None) -> None:
    """One line to stderr (or `stream`), with control characters in it shown as escapes (`characters.shown`)."""
    from avtale.characters import shown

    print(shown(message), file=stream or sys.stderr)


def cmd_validate(a) -> int:
    from avtale import report
    from avtale.validate import validate_paths

    results = validate_paths(a.paths or [DEFAULT_DIR])  # (strings: validate works without pathlib)
    report.emit(results, a.format, a.strict)
    return report.exit_code(results, a.strict)


def cmd_schema(a) -> int:
    from avtale import schema as schema_mod
    from avtale import writer

    text = schema_mod.text()
    if str(a.out) == "-":
        sys.stdout.write(text)
        return EXIT_OK
    if a.check:
        from avtale.files import MISSING, TOO_LARGE, ReadProblem, read_bounded

        expected = text.encode("utf-8")
        try:  # a file much larger than the schema is not it: never read past twice its size
            current = read_bounded(a.out, 2 * len(expected)).replace(b"\r\n", b"\n")
        except ReadProblem as problem:
            if problem.kind not in (MISSING, TOO_LARGE):  # a directory, a FIFO, no permission
                raise UnreadableError(problem.message, Position(a.out)) from None
            current = b""  # out of date
        if current != expected:
            _echo(_("{path}: out of date; run `avtale schema` to update it").format(path=a.out))
            return EXIT_INVALID
        return EXIT_OK
    from pathlib import Path

    from avtale.cli_args import SCHEMA_FILE

    if a.out == Path(SCHEMA_FILE):  # a new repository has no schema/ yet; a path the user gave must exist
        writer.make_directory(a.out.parent)
    if writer.check(a.out) and not _is_schema(a.out, schema_mod.SCHEMA_ID):
        raise OutputExists(_("is not a schema avtale wrote; remove it or choose another file with -o"),
                           Position(a.out))
    writer.write(a.out, text)
    _echo(_("wrote {path}").format(path=a.out))
    return EXIT_OK


def _is_schema(path: Path, schema_id: str) -> bool:
    """Whether the regular file at `path` is a schema some avtale wrote (its `$id` near the top): `schema` owns
    that file and updates it; any other file there is the user's."""
    import os

    try:
        fd = os.open(path, os.O_RDONLY | os.O_NOFOLLOW | os.O_NONBLOCK)
    except OSError:
        return False
    with open(fd, "rb") as fh:
        head = fh.read(4096)
    return f'"$id": "{schema_id}"'.encode() in head


def cmd_build(a) -> int:
    from avtale import agreements, render, report
    from avtale.build import build as run_build

    chosen = render.parse_formats(a.format)
    files = agreements.collect(_default_paths(a.paths))
    progress = report.Progress(len(files))
    results = run_build(files, chosen, a.out, a.jobs, on_done=progress.step)
    progress.close()
    return report.emit_build(results)


def cmd_preview(a) -> int:
    from avtale import preview

    return preview.run(a.path, a.port, a.open, a.format, a.against)


def cmd_extract(a) -> int:
    from avtale.extract.command import run

    return run(a.source, a.out, a.force, a.id, a.start, a.end)


def cmd_fmt(a) -> int:
    """`fmt` rewrites and names each file it changed; `fmt --check` changes nothing and prints, as a unified
    diff on stdout, what `fmt` would change (with one line per file on stderr saying how to apply it)."""
    from avtale import agreements, workflow
    from avtale.i18n import _

    changed, problems = workflow.format_files(agreements.collect(_default_paths(a.paths)), write=not a.check)
    for line in problems:
        _echo(line)
    for change in changed:
        if a.check:
            sys.stdout.write(change.diff())
            sys.stdout.flush()  # the diff before the line under it, also where both streams go to one log
            _echo(_("{path}: would reformat as shown above; run `avtale fmt {path}` to make the change")
                  .format(path=change.path))
        else:
            _echo(_("{path}: reformatted").format(path=change.path), sys.stdout)
    return EXIT_INVALID if problems or (a.check and changed) else EXIT_OK


def cmd_sign_off(a) -> int:
    from avtale import workflow

    sealed = workflow.sign_off(a.path, a.date)  # without --date: the signing date, else today
    _echo(_("{path}: signed off, sha256 {hash}…").format(path=a.path, hash=sealed.seal.sha256[:12]))
    return EXIT_OK


def cmd_new(a) -> int:
    from avtale import agreements, workflow

    from pathlib import Path

    _check_id(a.id)  # before anything is read or written
    previous = a.previous  # os.path: a name too long for the system is not there, not an error
    if not os.path.lexists(previous) and os.path.lexists(Path(DEFAULT_DIR) / f"{previous}.yaml"):
        previous = Path(DEFAULT_DIR) / f"{previous}.yaml"
    if not os.path.lexists(previous):
        raise CommandLineError(_("avtale new: --from: no such agreement: {path}").format(path=previous))
    target = workflow.new_version(previous, a.id, a.end, a.start, a.force)
    _echo(str(target), sys.stdout)
    for finding in agreements.validate_file(target).findings:  # what the drafter must now update
        _echo(f"{finding}")
    return EXIT_OK


def _check_id(new_id: str) -> None:
    """The id given to `new` follows the rule for ids (the model's `Slug`), or one usage line says the rule."""
    from pydantic import TypeAdapter, ValidationError

    from avtale.characters import shown
    from avtale.definition import Slug

    try:
        TypeAdapter(Slug).validate_python(new_id)
    except ValidationError:
        raise CommandLineError(_("avtale new: «{id}» is not a valid id: use lower-case letters a-z, digits and «-», "
                                 "starting with a letter or digit, at most 80 characters (e.g. 2026-2029)")
                               .format(id=shown(new_id))) from None


def cmd_diff(a) -> int:
    from pathlib import Path

    from avtale import sources, writer
    from avtale.diff import compare, show

    if a.rev and a.new:
        raise CommandLineError(_("avtale diff: give either NEW or --rev, not both"))
    if a.new is None and not a.rev:
        raise CommandLineError(_("avtale diff: give NEW, or --rev REV to compare with a git revision"))
    if a.format in ("docx", "pdf") and a.out is None:
        raise CommandLineError(_("avtale diff: a {format} redline needs --out FILE").format(format=a.format.upper()))
    # the files compared are never overwritten, even with --force; anything else only with --force
    inputs = [Path(sources.split_rev(spec)[1]) for spec in (a.old, a.new) if spec]
    if a.out is not None:
        writer.check(a.out, a.force, inputs)  # before the work: refuse at once
    before = sources.read_agreement(a.old, rev=a.rev)
    after = sources.read_agreement(a.new or a.old)
    result = compare(before, after)
    result.old_label = f"{_short_rev(a.rev)}:{a.old}" if a.rev else a.old
    result.new_label = a.new or a.old
    if a.format in ("docx", "html", "pdf"):
        from avtale import redline

        base_dir = Path(sources.split_rev(a.new or a.old)[1]).parent
        if a.format == "docx":
            payload = redline.render_redline(result, before, after, author=a.author, date=a.date, base_dir=base_dir)
        elif a.format == "html":
            payload = redline.render_html_redline(result, before, after, base_dir=base_dir)
        else:
            payload = redline.render_pdf_redline(result, before, after, base_dir=base_dir)
        if a.out is None:  # html only
            sys.stdout.write(payload)
            return EXIT_OK
        writer.write(a.out, payload, a.force, inputs)
        _echo(_("wrote {path}").format(path=a.out))
        return EXIT_OK
    if a.format == "md":
        payload = show.markdown(result)
    else:
        use_colour = a.color == "always" or (a.color == "auto" and a.out is None and sys.stdout.isatty())
        payload = show.text(result, colour=use_colour)
    if a.out is not None:
        writer.write(a.out, payload, a.force, inputs)
    else:
        sys.stdout.write(payload)
    return EXIT_OK


def _short_rev(rev: str) -> str:
    """A commit id as git shows it short (7 hex digits); a branch or tag name as it is."""
    import re

    return rev[:7] if re.fullmatch(r"[0-9a-f]{12,64}", rev) else rev


def cmd_init(a) -> int:
    from avtale import scaffold

    for path in scaffold.init(a.dir, from_file=a.from_file, git=a.git, pin=a.pin, force=a.force):
        _echo(_("wrote {path}").format(path=path))
    return EXIT_OK


class _Terminated(BaseException):
    """SIGTERM: unwind like Ctrl-C, so every atomic write removes its temporary file."""


def _terminated(signum, frame):
    raise _Terminated()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run a command and turn every outcome into one message and an exit code."""
    try:  # the module under `signal`: the same call, without the enums `signal` makes at import (a millisecond)
        from _signal import SIGTERM, signal as handle
    except ImportError:  # not CPython
        from signal import SIGTERM, signal as handle

    from avtale import i18n
    from avtale import cli_quick

    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    handle(SIGTERM, _terminated)
    try:
        args, language = cli_quick.take_language(args)
        i18n.use(language)
        code = _run(cli_quick.parse(args) or _parse(args))
    except SystemExit as exc:  # --help and --version
        code = exc.code
    except CommandLineError as exc:
        _echo(str(exc))
        code = exc.exit_code
    except InvalidAgreement as exc:
        for finding in exc.findings:
            _echo(str(finding))
        code = exc.exit_code
    except AvtaleError as exc:
        if debug:
            raise
        _echo(str(exc))
        code = exc.exit_code
    except KeyboardInterrupt:
        _echo(_("avtale: interrupted"))
        code = 130
    except MemoryError:
        _echo(_("avtale: out of memory reading the input; lower the limits (see `avtale --help`)"))
        code = EXIT_INVALID
    except _Terminated:
        _echo(_("avtale: terminated"))
        code = 143
    except OSError as exc:  # the file system, where no layer below said more: one line naming the file
        if debug:
            raise
        from avtale.writer import os_error

        error = os_error(exc, exc.filename if exc.filename is not None else "avtale", "use")
        _echo(str(error))
        code = error.exit_code
    except Exception as exc:  # a bug: say so in one line, traceback only with --debug
        if debug:
            raise
        _echo(_("avtale: internal error: {kind}: {error} (run with --debug for details)")
              .format(kind=type(exc).__name__, error=" ".join(str(exc).split())))
        code = 3
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _parse(args: list[str]):
    """The arguments read by argparse: everything `cli_quick` leaves to it."""
    from avtale.cli_args import parse

    return parse(args)


def _run(a) -> int:
    from avtale import limits as limits_mod

    limits_mod.set_limits(**{k: getattr(a, k, None) for k in limits_mod.NAMES})  # an option not given is None: kept
    return globals()["cmd_" + a.command.replace("-", "_")](a)

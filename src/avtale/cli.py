"""The command line: parses arguments, calls the library, maps errors to exit codes in one place.

Built on argparse from the standard library, so no version of click or typer
that a resolver picks can change how avtale parses its arguments or fails
(a usage error is always one line and exit 2), and `avtale --help` imports
nothing heavy. The parser is declared in `avtale.cli_args`; heavy libraries
are imported inside the command that needs them.
"""

from __future__ import annotations

import sys
from pathlib import Path

from avtale.cli_args import SCHEMA_PATH, parse
from avtale.errors import EXIT_INVALID, EXIT_OK, AvtaleError, CommandLineError, InvalidAgreement
from avtale.i18n import _

DEFAULT_DIR = Path("agreements")


def _echo(message: str) -> None:
    print(message, file=sys.stderr)


def cmd_validate(a) -> int:
    from avtale import report
    from avtale.validate import validate_paths

    results = validate_paths(a.paths or [DEFAULT_DIR])
    report.emit(results, a.format, a.strict)
    return report.exit_code(results, a.strict)


def cmd_schema(a) -> int:
    from avtale import schema as schema_mod
    from avtale import store

    text = schema_mod.text()
    if str(a.out) == "-":
        sys.stdout.write(text)
        return EXIT_OK
    if a.check:
        current = a.out.read_text(encoding="utf-8") if a.out.is_file() else ""
        if current != text:
            _echo(_("{path}: out of date; run `avtale schema` to update it").format(path=a.out))
            return EXIT_INVALID
        return EXIT_OK
    if a.out == SCHEMA_PATH:  # a new repository has no schema/ yet; a path the user gave must exist
        a.out.parent.mkdir(exist_ok=True)
    store.write_atomic(a.out, text)
    _echo(_("wrote {path}").format(path=a.out))
    return EXIT_OK


def cmd_build(a) -> int:
    from avtale import agreements, render, report
    from avtale.build import build as run_build

    chosen = render.parse_formats(a.format)
    files = agreements.collect(a.paths or [DEFAULT_DIR])
    progress = report.Progress(len(files))
    results = run_build(files, chosen, a.out, a.jobs, on_done=progress.step)
    progress.close()
    return report.emit_build(results)


def cmd_extract(a) -> int:
    from avtale.extract.command import run

    return run(a.source, a.out, a.force, a.id, a.start, a.end)


def cmd_fmt(a) -> int:
    """`fmt` rewrites and names each file it changed; `fmt --check` changes nothing and prints, as a unified
    diff on stdout, what `fmt` would change (with one line per file on stderr saying how to apply it)."""
    from avtale import agreements, workflow
    from avtale.i18n import _

    changed, problems = workflow.format_files(agreements.collect(a.paths or [DEFAULT_DIR]), write=not a.check)
    for line in problems:
        _echo(line)
    for change in changed:
        if a.check:
            sys.stdout.write(change.diff())
            sys.stdout.flush()  # the diff before the line under it, also where both streams go to one log
            _echo(_("{path}: would reformat as shown above; run `avtale fmt {path}` to make the change")
                  .format(path=change.path))
        else:
            print(_("{path}: reformatted").format(path=change.path))
    return EXIT_INVALID if problems or (a.check and changed) else EXIT_OK


def cmd_sign_off(a) -> int:
    from avtale import workflow

    sealed = workflow.sign_off(a.path, a.date)  # without --date: the signing date, else today
    _echo(_("{path}: signed off, sha256 {hash}…").format(path=a.path, hash=sealed.seal.sha256[:12]))
    return EXIT_OK


def cmd_new(a) -> int:
    from avtale import agreements, workflow

    previous = a.previous
    if not previous.exists() and (DEFAULT_DIR / f"{previous}.yaml").exists():
        previous = DEFAULT_DIR / f"{previous}.yaml"
    if not previous.exists():
        raise CommandLineError(_("avtale new: --from: no such agreement: {path}").format(path=previous))
    target = workflow.new_version(previous, a.id, a.end, a.start, a.force)
    print(str(target))
    for finding in agreements.validate_file(target).findings:  # what the drafter must now update
        _echo(f"{finding}")
    return EXIT_OK


def cmd_diff(a) -> int:
    from avtale import sources, store
    from avtale.diff import compare, show

    if a.rev and a.new:
        raise CommandLineError(_("avtale diff: give either NEW or --rev, not both"))
    if a.new is None and not a.rev:
        raise CommandLineError(_("avtale diff: give NEW, or --rev REV to compare with a git revision"))
    if a.format == "docx" and a.out is None:
        raise CommandLineError(_("avtale diff: a DOCX redline needs --out FILE"))
    before = sources.read_agreement(a.old, rev=a.rev)
    after = sources.read_agreement(a.new or a.old)
    result = compare(before, after)
    if a.format == "docx":
        from avtale.redline import render_redline

        base_dir = Path(sources.split_rev(a.new or a.old)[1]).parent
        store.write_atomic(a.out, render_redline(result, before, after, author=a.author, date=a.date, base_dir=base_dir))
        _echo(_("wrote {path}").format(path=a.out))
        return EXIT_OK
    if a.format == "md":
        payload = show.markdown(result)
    else:
        use_colour = a.color == "always" or (a.color == "auto" and a.out is None and sys.stdout.isatty())
        payload = show.text(result, colour=use_colour)
    if a.out is not None:
        store.write_atomic(a.out, payload)
    else:
        sys.stdout.write(payload)
    return EXIT_OK


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
    import signal

    from avtale import i18n
    from avtale.cli_args import take_language

    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    signal.signal(signal.SIGTERM, _terminated)
    try:
        args, language = take_language(args)
        i18n.use(language)
        code = _run(parse(args))
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
    except Exception as exc:  # a bug: say so in one line, traceback only with --debug
        if debug:
            raise
        _echo(_("avtale: internal error: {kind}: {error} (run with --debug for details)")
              .format(kind=type(exc).__name__, error=exc))
        code = 3
    sys.exit(code if isinstance(code, int) else EXIT_OK)


def _run(a) -> int:
    limits = {k: getattr(a, k) for k in ("yaml_bytes", "source_bytes", "part_bytes", "pages", "pixels", "pdf_text")}
    if any(v is not None for v in limits.values()):
        from avtale import limits as limits_mod

        limits_mod.set_limits(**limits)
    return globals()["cmd_" + a.command.replace("-", "_")](a)

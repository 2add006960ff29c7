"""The command line: parses arguments, calls the library, maps errors to exit codes in one place.

Heavy libraries are imported inside the command that needs them, so
`avtale --help` and `avtale validate` stay fast.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import List, Optional

import typer

from avtale.errors import EXIT_INVALID, EXIT_OK, EXIT_USAGE, AvtaleError, InvalidAgreement

app = typer.Typer(
    name="avtale",
    help="Norwegian public agreements as validated YAML: validate, build DOCX/PDF/HTML/Markdown, extract.",
    add_completion=False,
    no_args_is_help=True,
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)

_state = {"debug": False}


def _version(value: bool):
    if value:
        from avtale import __version__

        typer.echo(f"avtale {__version__}")
        raise typer.Exit(0)


@app.callback()
def _root(
    debug: bool = typer.Option(False, "--debug", help="Show a traceback for errors."),
    version: bool = typer.Option(False, "--version", callback=_version, is_eager=True, help="Show the version."),
    max_file_size: Optional[float] = typer.Option(None, "--max-file-size", metavar="MB", help="Largest agreement YAML file read (default 2)."),
    max_source_size: Optional[float] = typer.Option(None, "--max-source-size", metavar="MB", help="Largest file `extract` reads (default 50)."),
    max_part_size: Optional[float] = typer.Option(None, "--max-part-size", metavar="MB", help="Largest decompressed DOCX part or PDF stream (default 20)."),
    max_pages: Optional[int] = typer.Option(None, "--max-pages", help="Most pages read from a PDF or scan (default 200)."),
    max_pixels: Optional[int] = typer.Option(None, "--max-pixels", help="Most pixels in one image (default 80000000)."),
):
    _state["debug"] = debug
    if any(v is not None for v in (max_file_size, max_source_size, max_part_size, max_pages, max_pixels)):
        from avtale import limits

        mb = lambda v: None if v is None else max(1, int(v * limits.MIB))  # noqa: E731
        limits.set_limits(
            yaml_bytes=mb(max_file_size), source_bytes=mb(max_source_size), part_bytes=mb(max_part_size),
            pages=max_pages, pixels=max_pixels,
        )


@app.command()
def validate(
    paths: List[Path] = typer.Argument(None, help="Agreement files or directories (default: agreements/)."),
    strict: bool = typer.Option(False, "--strict", help="Treat warnings as errors."),
    fmt: str = typer.Option("text", "--format", help="Output: text, json or github (workflow annotations)."),
):
    """Check agreements against the schema and every rule; one line per finding."""
    from avtale import report
    from avtale.validate import validate_paths

    if fmt not in report.FORMATS:
        raise typer.BadParameter(f"choose from {', '.join(report.FORMATS)}", param_hint="--format")
    results = validate_paths(paths or [Path("agreements")])
    report.emit(results, fmt, strict)
    return report.exit_code(results, strict)


@app.command()
def schema(
    out: Path = typer.Option(Path("schema/agreement.schema.json"), "--out", "-o", help="Where to write; - for stdout."),
    check: bool = typer.Option(False, "--check", help="Write nothing; exit 1 if the file differs."),
):
    """Write the JSON Schema of the agreement format (for editors and other tools)."""
    from avtale import schema as schema_mod
    from avtale import store

    text = schema_mod.text()
    if str(out) == "-":
        sys.stdout.write(text)
        return EXIT_OK
    if check:
        current = out.read_text(encoding="utf-8") if out.exists() else ""
        if current != text:
            typer.echo(f"{out}: stale; run `avtale schema` to update it", err=True)
            return EXIT_INVALID
        return EXIT_OK
    store.write_atomic(out, text)
    typer.echo(f"wrote {out}", err=True)
    return EXIT_OK


@app.command()
def build(
    paths: List[Path] = typer.Argument(None, help="Agreement files or directories (default: agreements/)."),
    formats: Optional[str] = typer.Option(None, "--format", "-f", help="Comma-separated: docx,pdf,html,md (default: all)."),
    out: Path = typer.Option(Path("build"), "--out", "-o", help="Output directory."),
    jobs: Optional[int] = typer.Option(None, "--jobs", "-j", help="Parallel workers (default: one per core)."),
):
    """Validate, then render each agreement to OUT/<id>.<format>."""
    from avtale import agreements, render, report
    from avtale.build import build as run_build

    chosen = render.parse_formats(formats)
    files = agreements.collect(paths or [Path("agreements")])
    progress = report.Progress(len(files))
    results = run_build(files, chosen, out, jobs, on_done=progress.step)
    progress.close()
    return report.emit_build(results)


@app.command()
def extract(
    source: Path = typer.Argument(..., help="A .txt export, .docx, .pdf, or scanned pages (.pdf, .png, .jpg, .tif)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write the YAML here (default: stdout)."),
    force: bool = typer.Option(False, "--force", help="Overwrite OUT if it exists."),
    agreement_id: Optional[str] = typer.Option(None, "--id", help="The agreement id (default: OUT's name, else a placeholder)."),
    start: Optional[str] = typer.Option(None, "--start", help="First day in force, YYYY-MM-DD (the text rarely says)."),
    end: Optional[str] = typer.Option(None, "--end", help="Last day in force, YYYY-MM-DD, if the text does not say."),
):
    """Recover an agreement as canonical YAML; what was dropped and every guess go to stderr."""
    from avtale.extract.command import run

    return run(source, out, force, agreement_id, start, end)


@app.command()
def fmt(
    paths: List[Path] = typer.Argument(None, help="Agreement files or directories (default: agreements/)."),
    check: bool = typer.Option(False, "--check", help="Change nothing; list files that would change; exit 1 if any."),
):
    """Rewrite agreements in the canonical form (key order, one sentence per line, «» quotes); keeps comments."""
    from avtale import agreements, workflow

    changed, problems = workflow.format_files(agreements.collect(paths or [Path("agreements")]), write=not check)
    for line in problems:
        typer.echo(line, err=True)
    for path in changed:
        typer.echo(f"{path}{': would reformat' if check else ': reformatted'}")
    return EXIT_INVALID if problems or (check and changed) else EXIT_OK


@app.command("sign-off")
def sign_off(
    path: Path = typer.Argument(..., help="The agreement file to seal as signed."),
    date: Optional[str] = typer.Option(None, "--date", help="Date of sign-off, YYYY-MM-DD (default: the signing date, else today)."),
):
    """Mark an agreement signed and seal its content with a hash: from then on its text is frozen."""
    import datetime as dt

    from avtale import agreements, workflow

    on = _iso_date(date, "--date") if date else None
    if on is None:
        current = agreements.read(path)
        on = current.signing.date if current.signing else dt.date.today()
    sealed = workflow.sign_off(path, on)
    typer.echo(f"{path}: signed off, sha256 {sealed.seal.sha256[:12]}…", err=True)
    return EXIT_OK


@app.command()
def new(
    new_id: str = typer.Argument(..., metavar="ID", help="The new agreement's id, e.g. 2026-2029."),
    previous: Path = typer.Option(..., "--from", help="The agreement to start from (a file, or an id in agreements/)."),
    end: str = typer.Option(..., "--end", help="Last day of the new period, YYYY-MM-DD."),
    start: Optional[str] = typer.Option(None, "--start", help="First day of the new period, YYYY-MM-DD."),
    force: bool = typer.Option(False, "--force", help="Overwrite an existing file of that id."),
):
    """Start the next agreement from the last one: new id and period, draft, signing cleared, `supersedes` set."""
    from avtale import workflow

    if not previous.exists() and (Path("agreements") / f"{previous}.yaml").exists():
        previous = Path("agreements") / f"{previous}.yaml"
    if not previous.exists():
        raise typer.BadParameter(f"no such agreement: {previous}", param_hint="--from")
    target = workflow.new_version(previous, new_id, _iso_date(end, "--end"), _iso_date(start, "--start") if start else None, force)
    typer.echo(str(target))
    from avtale import agreements

    for finding in agreements.validate_file(target).findings:  # what the drafter must now update
        typer.echo(f"{finding}", err=True)
    return EXIT_OK


def _iso_date(value: str, option: str):
    import datetime as dt

    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"«{value}» is not a date; write YYYY-MM-DD", param_hint=option) from None


@app.command()
def diff(
    old: str = typer.Argument(..., help="The earlier agreement: a file, or REV:PATH (e.g. main:agreements/2022-2025.yaml)."),
    new: Optional[str] = typer.Argument(None, help="The later agreement (default: OLD in the working tree, with --rev)."),
    rev: Optional[str] = typer.Option(None, "--rev", help="Compare the working tree's file with this git revision of it."),
    fmt: str = typer.Option("text", "--format", help="text (terminal), md (pull-request comment) or docx (Word redline)."),
    out: Optional[Path] = typer.Option(None, "--out", "-o", help="Write to this file (required for docx)."),
    color: str = typer.Option("auto", "--color", help="auto, always or never (text format)."),
    author: str = typer.Option("avtale", "--author", help="Author of the tracked changes (docx)."),
    date: Optional[str] = typer.Option(None, "--date", help="Date of the tracked changes, YYYY-MM-DD (docx; default: today)."),
):
    """Show what changed between two agreements: sections, paragraphs, list items, words."""
    from avtale import sources, store
    from avtale.diff import compare, show

    if fmt not in ("text", "md", "docx"):
        raise typer.BadParameter("choose from text, md, docx", param_hint="--format")
    if rev and new:
        raise typer.BadParameter("give either NEW or --rev, not both", param_hint="--rev")
    if new is None and not rev:
        raise typer.BadParameter("give NEW, or --rev REV to compare with a git revision", param_hint="NEW")
    when = None
    if date is not None:
        import datetime as dt

        try:
            when = dt.date.fromisoformat(date)
        except ValueError:
            raise typer.BadParameter(f"«{date}» is not a date (YYYY-MM-DD)", param_hint="--date") from None
    before = sources.read_agreement(old, rev=rev)
    after = sources.read_agreement(new or old)
    result = compare(before, after)
    if fmt == "docx":
        if out is None:
            raise typer.BadParameter("a DOCX redline needs --out FILE", param_hint="--out")
        from avtale.redline import render_redline

        base_dir = Path(sources.split_rev(new or old)[1]).parent
        store.write_atomic(out, render_redline(result, before, after, author=author, date=when, base_dir=base_dir))
        typer.echo(f"wrote {out}", err=True)
        return EXIT_OK
    if fmt == "md":
        payload = show.markdown(result)
    else:
        use_colour = color == "always" or (color == "auto" and out is None and sys.stdout.isatty())
        payload = show.text(result, colour=use_colour)
    if out is not None:
        store.write_atomic(out, payload)
    else:
        sys.stdout.write(payload)
    return EXIT_OK


class _Terminated(BaseException):
    """SIGTERM: unwind like Ctrl-C, so every atomic write removes its temporary file."""


def _terminated(signum, frame):
    raise _Terminated()


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and turn every outcome into one message and an exit code."""
    import signal

    import click

    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    signal.signal(signal.SIGTERM, _terminated)
    try:
        code = app(args=args, prog_name="avtale", standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        typer.echo("avtale: aborted", err=True)
        code = 130
    except click.ClickException as exc:  # usage errors: unknown option, bad value
        if debug:
            raise
        message = exc.format_message()
        typer.echo(f"avtale: {message}", err=True)
        code = EXIT_USAGE
    except InvalidAgreement as exc:
        for finding in exc.findings:
            typer.echo(str(finding), err=True)
        code = exc.exit_code
    except AvtaleError as exc:
        if debug:
            raise
        typer.echo(str(exc), err=True)
        code = exc.exit_code
    except KeyboardInterrupt:
        typer.echo("avtale: interrupted", err=True)
        code = 130
    except MemoryError:
        typer.echo("avtale: out of memory reading the input; lower the limits (see `avtale --help`)", err=True)
        code = EXIT_INVALID
    except _Terminated:
        typer.echo("avtale: terminated", err=True)
        code = 143
    except Exception as exc:  # a bug: say so in one line, traceback only with --debug
        if debug:
            raise
        typer.echo(f"avtale: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        code = 3
    sys.exit(code if isinstance(code, int) else EXIT_OK)

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
):
    _state["debug"] = debug


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


def main(argv: list[str] | None = None) -> None:
    """Entry point: run the app and turn every outcome into one message and an exit code."""
    args = list(sys.argv[1:] if argv is None else argv)
    debug = "--debug" in args
    try:
        code = app(args=args, prog_name="avtale", standalone_mode=False)
    except typer.Exit as exc:
        code = exc.exit_code
    except typer.Abort:
        typer.echo("avtale: aborted", err=True)
        code = 130
    except typer.TyperException as exc:  # usage errors: unknown option, bad value
        if debug:
            raise
        message = exc.format_message() if hasattr(exc, "format_message") else str(exc)
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
    except Exception as exc:  # a bug: say so in one line, traceback only with --debug
        if debug:
            raise
        typer.echo(f"avtale: internal error: {type(exc).__name__}: {exc} (run with --debug for details)", err=True)
        code = 3
    sys.exit(code if isinstance(code, int) else EXIT_OK)

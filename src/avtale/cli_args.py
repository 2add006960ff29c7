"""The command line's grammar: every command, argument and option, declared once with argparse.

A mistake in the arguments (an unknown command or option, a bad value, a
missing argument) raises `CommandLineError`, which the CLI prints as one line
and exits 2; argparse itself never prints or exits except for --help and
--version.

Start-up counts (pre-commit hooks and editors start avtale for one file): a command's parser is made, and its
arguments declared, only when that command is parsed, so `avtale --help` declares none of them and `avtale
validate …` one command's; what only some values need (pathlib, datetime, decimal) is imported where they
are read.

argparse's errors and help in our words, and the commands' parsers made on demand: `avtale.cli_parser`; the
options' values (numbers, sizes, dates, ports, paths): `avtale.cli_values`.
"""

from __future__ import annotations

import argparse

from avtale import __version__
from avtale.cli_parser import Parser, _Commands, _unexpected, _untranslated
from avtale.cli_parser import _columns, _plain  # noqa: F401  (the tests use them from here)
from avtale.cli_quick import VALIDATE_FORMATS
from avtale.cli_values import _count, _megabytes, _path, _path_name, _port, iso_date
from avtale.i18n import LANGUAGES, _
from avtale.limits import MOST_JOBS, MOST_PAGES, MOST_PDF_TEXT, MOST_PIXELS

SCHEMA_FILE = "schema/agreement.schema.json"


def build_parser() -> Parser:
    root = Parser(
        prog="avtale",
        description=_("Norwegian public agreements as validated YAML: validate, build DOCX/PDF/HTML/Markdown, extract."),
        epilog=_("Limits and --debug go before the command: `avtale --max-pages 20 extract scan.pdf`."),
    )
    root.add_argument("--version", action="version", version=f"avtale {__version__}", help=_("Show the version."))
    root.add_argument("--debug", action="store_true", help=_("Show a traceback for errors."))
    root.add_argument("--lang", choices=LANGUAGES, help=_("Language of messages: nb (bokmål), nn (nynorsk) or en "
                        "(default: from the locale, LANG=nb_NO.UTF-8 gives bokmål). May stand anywhere."))
    root.add_argument("--max-file-size", dest="yaml_bytes", type=_megabytes, metavar="MB",
                      help=_("Largest agreement YAML file read, also from git (default 2)."))
    root.add_argument("--max-source-size", dest="source_bytes", type=_megabytes, metavar="MB",
                      help=_("Largest file `extract` reads (default 50)."))
    root.add_argument("--max-part-size", dest="part_bytes", type=_megabytes, metavar="MB",
                      help=_("Largest decompressed DOCX part or PDF stream (default 20)."))
    root.add_argument("--max-pages", dest="pages", type=_count(MOST_PAGES), metavar="N",
                      help=_("Most pages read from a PDF or scan (default 200)."))
    root.add_argument("--max-pixels", dest="pixels", type=_count(MOST_PIXELS), metavar="N",
                      help=_("Most pixels in one image (default 80000000)."))
    root.add_argument("--max-logo-size", dest="logo_bytes", type=_megabytes, metavar="MB",
                      help=_("Largest logo file (default 5)."))
    root.add_argument("--max-logo-pixels", dest="logo_pixels", type=_count(MOST_PIXELS), metavar="N",
                      help=_("Most pixels in one logo, read from its header (default 25000000)."))
    root.add_argument("--max-pdf-text", dest="pdf_text", type=_count(MOST_PDF_TEXT), metavar="N",
                      help=_("Most characters of text in one PDF, a heading counting 100 more and any other "
                             "paragraph, list item or name 40 more (default 500000)."))
    commands = _untranslated(root.add_subparsers, title=_("commands"), metavar="COMMAND", dest="command",
                             parser_class=Parser, action=_Commands)  # (the title: ours, translated already)
    commands.required = True
    for declare in (_validate, _build, _preview, _extract, _fmt, _diff, _sign_off, _new, _schema, _init):
        _command(commands, declare())
    return root


def build_parser_whole() -> Parser:
    """The parser with every command's parser made and its arguments declared (what `build_parser` gave before
    it made them on demand): its help must be the same, byte for byte."""
    root = build_parser()
    commands = _commands(root)
    for name in list(commands.choices):
        commands.parser(name)
    return root


def _commands(root: Parser) -> _Commands:
    return root._subparsers._group_actions[0]


def _command(commands: _Commands, declaring) -> None:
    """A command from the generator that declares it: it yields the command's name and summary, which the help
    lists at once, and is sent the command's parser, to declare its arguments, when the command is parsed."""
    name, summary = next(declaring)

    def declare(parser: Parser) -> None:
        try:
            declaring.send(parser)
        except StopIteration:
            return
        raise RuntimeError(f"{name}: declares more than one parser")

    commands.add_command(name, summary, declare)


def _paths(p, kind=None) -> None:
    p.add_argument("paths", nargs="*", type=kind or _path, metavar="PATH",
                   help=_("Agreement files or directories (default: agreements/)."))


def _validate():
    p = yield "validate", _("Check agreements against the schema and every rule; one line per finding.")
    _paths(p, _path_name)  # (as strings: validate works without pathlib; see avtale.cli_quick)
    p.add_argument("--strict", action="store_true", help=_("Treat warnings as errors."))
    p.add_argument("--format", choices=VALIDATE_FORMATS, default="text",
                   help=_("Output: text, json or github (workflow annotations)."))


def _build():
    p = yield "build", _("Validate, then render each agreement to OUT/<id>.<format>.")
    _paths(p)
    p.add_argument("--format", "-f", help=_("Comma-separated: docx,pdf,html,md (default: all)."))
    p.add_argument("--out", "-o", type=_path, default=_path("build"), help=_("Output directory (default: build/)."))
    p.add_argument("--jobs", "-j", type=_count(MOST_JOBS),
                   help=_("Parallel workers, at most {most} (default: one per core).").format(most=MOST_JOBS))


def _preview():
    p = yield "preview", _("Show the agreement as it will look, with what is wrong with it, in a browser; it "
                           "updates itself each time the file is saved. Ctrl-C stops it.")
    p.add_argument("path", type=_path, metavar="FILE", help=_("The agreement file."))
    p.add_argument("--port", type=_port, default=0, help=_("Port on 127.0.0.1 (default: a free one)."))
    p.add_argument("--no-open", dest="open", action="store_false", help=_("Do not open the browser; print the address."))
    p.add_argument("--format", choices=("pdf", "html"), default="pdf",
                   help=_("The view to open with: pdf (the pages as printed) or html."))
    p.add_argument("--against", metavar="REV",
                   help=_("Also show the changes against this git revision of the file, as a redline."))


def _extract():
    p = yield "extract", _("Recover an agreement as canonical YAML; what was dropped and every guess go to stderr, what it cannot decide is marked # TODO; exit 1 when the result does not validate.")
    p.add_argument("source", type=_path, metavar="SOURCE",
                   help=_("A .txt export, .docx, .pdf, .html, .md, or scanned pages (.pdf, .png, .jpg, .tif)."))
    p.add_argument("--out", "-o", type=_path, help=_("Write the YAML here (default: stdout)."))
    p.add_argument("--force", action="store_true", help=_("Overwrite OUT if it exists."))
    p.add_argument("--id", help=_("The agreement id (default: OUT's name, else a placeholder)."))
    p.add_argument("--start", type=iso_date, help=_("First day in force, YYYY-MM-DD (the text rarely says)."))
    p.add_argument("--end", type=iso_date, help=_("Last day in force, YYYY-MM-DD, if the text does not say."))


def _fmt():
    p = yield "fmt", _("Rewrite agreements in the canonical form (key order, one sentence per line, «» quotes); "
                       "keeps comments.")
    _paths(p)
    p.add_argument("--check", action="store_true", help=_("Change nothing; show what would change as a unified diff; exit 1 if anything would."))


def _diff():
    p = yield "diff", _("Show what changed from OLD to NEW: sections, paragraphs, list items, words.")
    p.add_argument("old", metavar="OLD",
                   help=_("The earlier agreement: a file, or REV:PATH (e.g. main:agreements/2022-2025.yaml)."))
    p.add_argument("new", nargs="?", metavar="NEW", help=_("The later agreement (with --rev: OLD in the working tree)."))
    p.add_argument("--rev", help=_("Compare the working tree's file with this git revision of it."))
    p.add_argument("--format", choices=("text", "md", "html", "pdf", "docx"), default="text",
                   help=_("text (terminal), md (pull-request comment), html or pdf (redline to read or print) "
                          "or docx (Word redline)."))
    p.add_argument("--out", "-o", type=_path, help=_("Write to this file (required for pdf and docx)."))
    p.add_argument("--force", action="store_true",
                   help=_("Overwrite OUT if it exists (never OLD or NEW themselves)."))
    p.add_argument("--color", choices=("auto", "always", "never"), default="auto", help=_("Colour (text format)."))
    p.add_argument("--author", default="avtale", help=_("Author of the tracked changes (docx)."))
    p.add_argument("--date", type=iso_date, help=_("Date of the tracked changes, YYYY-MM-DD (docx; default: today)."))


def _sign_off():
    p = yield "sign-off", _("Mark an agreement signed and seal its content with a hash: from then on its text is "
                            "frozen.")
    p.add_argument("path", type=_path, metavar="FILE", help=_("The agreement file to seal as signed."))
    p.add_argument("--date", type=iso_date,
                   help=_("Date of sign-off, YYYY-MM-DD (default: the signing date, else today)."))


def _new():
    p = yield "new", _("Start the next agreement from the last one: new id and period, draft, signing cleared, "
                       "`supersedes` set.")
    p.add_argument("id", metavar="ID", help=_("The new agreement's id, e.g. 2026-2029."))
    p.add_argument("--from", dest="previous", type=_path, required=True, metavar="PREVIOUS",
                   help=_("The agreement to start from (a file, or an id in agreements/)."))
    p.add_argument("--end", type=iso_date, required=True, help=_("Last day of the new period, YYYY-MM-DD."))
    p.add_argument("--start", type=iso_date, help=_("First day of the new period, YYYY-MM-DD."))
    p.add_argument("--force", action="store_true", help=_("Overwrite an existing file of that id."))


def _schema():
    p = yield "schema", _("Write the JSON Schema of the agreement format (for editors and other tools).")
    p.add_argument("--out", "-o", type=_path, default=_path(SCHEMA_FILE),
                   help=_("Where to write; - for stdout (default: schema/agreement.schema.json)."))
    p.add_argument("--check", action="store_true", help=_("Write nothing; exit 1 if the file differs."))


def _init():
    p = yield "init", _("Make a repository of agreements: agreements/, the schema, pre-commit hooks, a GitHub "
                        "workflow, editor settings and a README for drafters.")
    p.add_argument("dir", nargs="?", type=_path, default=_path("."), metavar="DIR",
                   help=_("The repository's directory (default: the current one)."))
    p.add_argument("--from", dest="from_file", type=_path, metavar="FILE", help=_("A first agreement to copy in."))
    p.add_argument("--git", metavar="URL",
                   help=_("Install avtale from this git repository (default: from the package index)."))
    p.add_argument("--pin", metavar="REF",
                   help=_("The avtale version (or with --git the tag or commit) to install (default: {version}).")
                   .format(version=__version__))
    p.add_argument("--force", action="store_true", help=_("Overwrite files that exist."))


def parse(args: list[str]) -> argparse.Namespace:
    parser = build_parser()
    if not args:
        parser.print_help()
        raise SystemExit(2)
    namespace, extra = parser.parse_known_args(args)
    if extra:
        before_command = args.index(extra[0]) < args.index(namespace.command)
        where = parser if before_command else _commands(parser).parser(namespace.command)
        where.error(_unexpected(extra[0]))
    return namespace

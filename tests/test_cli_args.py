"""The command line's grammar: every usage error is one line on stderr and exit 2, whatever is installed."""

from __future__ import annotations

import pytest

from conftest import run_cli

USAGE_ERRORS = [
    (("nosuch",), "avtale: no such command «nosuch»; the commands are validate, build, preview, extract, fmt, diff, "
                  "sign-off, new, schema, init (see `avtale --help`)"),
    (("--bogus", "validate"), "avtale: unknown option --bogus (see `avtale --help`)"),
    (("validate", "--bogus"), "avtale validate: unknown option --bogus (see `avtale validate --help`)"),
    (("validate", "--format", "xml"),
     "avtale validate: --format: «xml» is not one of text, json, github (see `avtale validate --help`)"),
    (("validate", "--form", "json"), "avtale validate: unknown option --form (see `avtale validate --help`)"),
    (("--max-pixels", "-5", "validate"), "avtale: --max-pixels: «-5» must be a positive number (see `avtale --help`)"),
    (("--max-pages", "0", "validate"), "avtale: --max-pages: «0» must be a positive number (see `avtale --help`)"),
    (("build", "--jobs", "0"), "avtale build: --jobs/-j: «0» must be a positive number (see `avtale build --help`)"),
    (("new",), "avtale new: missing --from, --end (see `avtale new --help`)"),
    (("new", "x", "--from", "agreements/2022-2025.yaml", "--end", "2029-02-30"),
     "avtale new: --end: «2029-02-30» is not a date; write YYYY-MM-DD (see `avtale new --help`)"),
    (("extract", "x.txt", "--start", "1.1.2015"),
     "avtale extract: --start: «1.1.2015» is not a date; write YYYY-MM-DD (see `avtale extract --help`)"),
    (("sign-off", "a.yaml", "b.yaml"), "avtale sign-off: unexpected argument b.yaml (see `avtale sign-off --help`)"),
    (("diff", "agreements/2014-2017.yaml"), "avtale diff: give NEW, or --rev REV to compare with a git revision"),
    (("diff", "a", "b", "--rev", "main"), "avtale diff: give either NEW or --rev, not both"),
    (("diff", "agreements/2014-2017.yaml", "agreements/2022-2025.yaml", "--format", "docx"),
     "avtale diff: a DOCX redline needs --out FILE"),
    (("build", "--format", "docx,odt"), "AV002 unknown format «odt»; choose from docx, pdf, html, md"),
    (("validate", "--format"), "avtale validate: --format needs a value (see `avtale validate --help`)"),
    (("validate", "--strict=yes"), "avtale validate: --strict takes no value; remove «=yes» (see `avtale validate --help`)"),
    (("diff",), "avtale diff: missing OLD (see `avtale diff --help`)"),
]


NOT_A_NUMBER = "«{value}» is not a number; write it in digits, such as 20"
NUMERIC_OPTIONS = [  # (where the option goes, the option, the most it takes)
    ((), "--max-file-size", "65536"), ((), "--max-source-size", "65536"), ((), "--max-part-size", "65536"),
    ((), "--max-logo-size", "65536"), ((), "--max-pages", "100000"), ((), "--max-pixels", "10000000000"),
    ((), "--max-logo-pixels", "10000000000"), ((), "--max-pdf-text", "100000000"), (("build",), "--jobs", "256"),
]
BAD_VALUES = [  # (value, what is said of it)
    ("nan", NOT_A_NUMBER), ("inf", NOT_A_NUMBER), ("-inf", NOT_A_NUMBER), ("1e400", NOT_A_NUMBER),
    ("1e3", NOT_A_NUMBER), ("1_000", NOT_A_NUMBER), ("0x10", NOT_A_NUMBER), ("١٢", NOT_A_NUMBER), (" 5", NOT_A_NUMBER),
    ("", NOT_A_NUMBER), ("-1", "«{value}» must be a positive number"), ("0", "«{value}» must be a positive number"),
    ("-3", "«{value}» must be a positive number"), ("0.0", "«{value}» must be a positive number"),
    ("9" * 400, "«{value}» is too large; at most {most}"), ("99999999999999", "«{value}» is too large; at most {most}"),
]


@pytest.mark.parametrize("where, option, most", NUMERIC_OPTIONS, ids=[o for _w, o, _m in NUMERIC_OPTIONS])
def test_every_numeric_option_refuses_what_is_not_a_sensible_number(where, option, most):
    """One process per option: every bad value is parsed in it (`parse`), as the CLI parses it."""
    from avtale.cli_args import parse
    from avtale.errors import CommandLineError

    prog = " ".join(["avtale", *where])
    for value, said in BAD_VALUES:
        args = [*where, f"{option}={value}"] if where else [f"{option}={value}", "validate"]
        with pytest.raises(CommandLineError) as caught:
            parse(args)
        problem = said.format(value=value, most=most)
        shown = option + ("/-j" if option == "--jobs" else "")
        assert str(caught.value) == f"{prog}: {shown}: {problem} (see `{prog} --help`)", value
        assert caught.value.exit_code == 2


def test_numeric_options_take_plain_digits_and_fractions_of_a_megabyte():
    from avtale.cli_args import parse
    from avtale.limits import MIB

    a = parse(["--max-file-size", "0.5", "--max-pages", "007", "--max-logo-pixels", "1.0", "--max-logo-size", "65536",
               "build", "-j", "256"])
    assert (a.yaml_bytes, a.pages, a.logo_pixels, a.logo_bytes, a.jobs) == (MIB // 2, 7, 1, 65536 * MIB, 256)
    assert parse(["--max-file-size", "0.0000001", "validate"]).yaml_bytes == 1  # never below one byte
    with pytest.raises(Exception, match="«1.5» must be a whole number"):
        parse(["--max-pages", "1.5", "validate"])


def test_a_bad_value_is_shown_with_its_control_characters_escaped():
    r = run_cli("--max-pages", "1\x1b[2J", "validate")
    assert (r.returncode, r.stderr) == (2, "avtale: --max-pages: «1\\u001b[2J» is not a number; write it in digits, "
                                           "such as 20 (see `avtale --help`)\n")


@pytest.mark.parametrize("argv, line", USAGE_ERRORS, ids=[" ".join(a) for a, _ in USAGE_ERRORS])
def test_usage_error_is_one_line_and_exit_2(argv, line):
    r = run_cli(*argv)
    assert (r.returncode, r.stdout, r.stderr) == (2, "", line + "\n")


def test_no_command_prints_help_and_exits_2():
    r = run_cli()
    assert r.returncode == 2
    assert r.stdout.startswith("usage: avtale ")
    assert "validate" in r.stdout and "init" in r.stdout


def test_help_and_version_exit_0():
    from avtale import __version__

    assert run_cli("--version").stdout == f"avtale {__version__}\n"
    for command in ("validate", "build", "extract", "fmt", "diff", "sign-off", "new", "schema", "init"):
        r = run_cli(command, "--help")
        assert r.returncode == 0 and r.stdout.startswith(f"usage: avtale {command} "), command


def test_options_and_paths_in_any_order(tmp_path):
    r = run_cli("validate", "agreements/2014-2017.yaml", "--strict", "agreements/2022-2025.yaml")
    assert (r.returncode, r.stderr) == (0, "2 files checked, 0 invalid\n")


def test_limits_apply(tmp_path):
    big = tmp_path / "big.yaml"
    big.write_text("id: big\n" + "# padding\n" * 200_000, encoding="utf-8")
    r = run_cli("--max-file-size", "1", "validate", big)
    assert (r.returncode, r.stdout) == (
        1, f"{big}: AV001 file is larger than the limit of 1048576 bytes (see --max-file-size)\n")


@pytest.mark.parametrize("argparse_says, we_say", [
    ("argument COMMAND: invalid choice: 'x' (choose from 'validate', 'build')",
     "no such command «x»; the commands are validate, build"),
    ("argument --format: invalid choice: 'xml' (choose from text, json)", "--format: «xml» is not one of text, json"),
    ("the following arguments are required: --from, --end", "missing --from, --end"),
    ("unrecognized arguments: --bogus b.yaml", "unknown option --bogus"),
    ("unrecognized arguments: b.yaml", "unexpected argument b.yaml"),
    ("argument --out/-o: expected one argument", "--out/-o needs a value"),
    ("argument --jobs: invalid int value: 'x'", "--jobs: «x» is not a valid value"),
    ("argument --strict: ignored explicit argument 'yes'", "--strict takes no value; remove «=yes»"),
    ("argument --x: not allowed with argument --y", "--x: not allowed with argument --y"),
])
def test_argparse_errors_in_our_words(argparse_says, we_say):
    """argparse's own English is matched and replaced by our messages (translated through `_`)."""
    from avtale.cli_args import _plain

    assert _plain(argparse_says) == we_say


COMMANDS = ("validate", "build", "preview", "extract", "fmt", "diff", "sign-off", "new", "schema", "init")


@pytest.mark.parametrize("language", ["en", "nb", "nn"])
def test_every_help_is_the_whole_parsers(language, monkeypatch):
    """A command's parser is made, and its arguments declared, only when that command is parsed; every help
    (the top level's and each command's) is byte for byte what the parser with every command made prints."""
    import io
    from contextlib import redirect_stdout

    from avtale import i18n
    from avtale.cli_args import _commands, build_parser_whole, parse

    def shown(parse_args, argv) -> tuple:
        out = io.StringIO()
        with redirect_stdout(out), pytest.raises(SystemExit) as stop:
            parse_args([*argv, "--help"])
        return stop.value.code, out.getvalue()

    monkeypatch.setenv("COLUMNS", "90")
    i18n.use(language)
    try:
        helps = [()] + [(c,) for c in COMMANDS]
        whole = build_parser_whole()
        assert list(_commands(whole).choices) == list(COMMANDS)
        expected = [shown(whole.parse_known_args, argv) for argv in helps]
        assert [shown(parse, argv) for argv in helps] == expected
        assert len({text for _code, text in expected}) == len(helps) and {code for code, _text in expected} == {0}
    finally:
        i18n.use()


def test_only_the_command_parsed_is_declared():
    from avtale.cli_args import _commands, build_parser

    root = build_parser()
    assert {name for name, made in _commands(root).choices.items() if made is not None} == set()
    namespace, _extra = root.parse_known_args(["--max-pages", "3", "validate", "a.yaml", "--strict"])
    assert (namespace.command, [str(p) for p in namespace.paths], namespace.strict) == ("validate", ["a.yaml"], True)
    assert {name for name, made in _commands(root).choices.items() if made is not None} == {"validate"}


@pytest.mark.parametrize("columns", [None, "", "x", "0", "-5", "1", "100"])
def test_help_is_as_wide_as_shutil_says(columns, monkeypatch):
    """`_columns` stands for `shutil.get_terminal_size().columns` (argparse's width) without importing shutil."""
    import shutil

    from avtale.cli_args import _columns

    if columns is None:
        monkeypatch.delenv("COLUMNS", raising=False)
    else:
        monkeypatch.setenv("COLUMNS", columns)
    assert _columns() == shutil.get_terminal_size().columns


def test_commands_keep_their_order_once_made():
    from avtale.cli_args import _commands, build_parser

    root = build_parser()
    commands = _commands(root)
    commands.parser("fmt")
    commands.parser("validate")
    assert list(commands.choices) == list(COMMANDS)


@pytest.mark.parametrize("language, usage", [("nb", "bruk:"), ("nn", "bruk:"), ("en", "usage:")])
def test_a_commands_help_names_avtale_in_every_language(language, usage):
    """argparse cut len('usage: ') off the usage it keeps while it parses a command, which in bokmål cut the
    «a» of «avtale» off (`bruk: vtale validate`)."""
    for command in ("validate", "build", "fmt", "new"):
        r = run_cli("--lang", language, command, "--help")
        assert r.returncode == 0 and r.stdout.startswith(f"{usage} avtale {command} ["), r.stdout[:80]


def test_parsing_searches_no_catalogue_of_argparse(monkeypatch):
    """argparse's own texts that we replace (the groups' titles) are not looked up in gettext's default
    catalogue, a search of the locale directories each time; argparse's `_` is left as it was."""
    import argparse
    import gettext

    from avtale.cli_args import parse

    looked_up = []
    monkeypatch.setattr(gettext, "dgettext", lambda domain, message: looked_up.append(message) or message)
    assert parse(["--max-pages", "3", "build", "a.yaml", "-f", "docx"]).command == "build"
    assert looked_up == [] and argparse._ is gettext.gettext

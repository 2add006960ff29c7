"""The command line's grammar: every usage error is one line on stderr and exit 2, whatever is installed."""

from __future__ import annotations

import pytest

from conftest import run_cli

USAGE_ERRORS = [
    (("nosuch",), "avtale: no such command «nosuch»; the commands are validate, build, extract, fmt, diff, "
                  "sign-off, new, schema, init (see `avtale --help`)"),
    (("--bogus", "validate"), "avtale: unknown option --bogus (see `avtale --help`)"),
    (("validate", "--bogus"), "avtale validate: unknown option --bogus (see `avtale validate --help`)"),
    (("validate", "--format", "xml"),
     "avtale validate: --format: «xml» is not one of text, json, github (see `avtale validate --help`)"),
    (("validate", "--form", "json"), "avtale validate: unknown option --form (see `avtale validate --help`)"),
    (("--max-pages", "nan", "validate"), "avtale: --max-pages: «nan» is not a number (see `avtale --help`)"),
    (("--max-file-size", "inf", "validate"), "avtale: --max-file-size: «inf» must be a positive number (see `avtale --help`)"),
    (("--max-file-size", "nan", "validate"), "avtale: --max-file-size: «nan» must be a positive number (see `avtale --help`)"),
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

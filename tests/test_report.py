"""Everything printed is escaped (issue 14, class 6): a file name, a key or a quoted text holding a control
character reaches no terminal or log raw, in text, JSON or GitHub annotations; GitHub's properties and message
are escaped as GitHub documents them, so a file name cannot forge an annotation or stop the later ones."""

from __future__ import annotations

import json

from conftest import run_cli

from avtale import report
from avtale.agreements import Result
from avtale.characters import json_shown, shown
from avtale.errors import CommandLineError, Position, YamlError
from avtale.findings import WARNING, Finding

HOSTILE = "a\n::error file=forged.yaml::forged\r%0A,b:c\x1b[31m\x9b2J\u202eexe.yaml"
SHOWN = "a\\u000a::error file=forged.yaml::forged\\u000d%0A,b:c\\u001b[31m\\u009b2J\\u202eexe.yaml"


def test_shown_escapes_controls_bidirectional_and_line_breaking_characters_only():
    assert shown(HOSTILE) == SHOWN
    assert shown("Formål «§ 3»\u00a0\u200b – ok\\u001b") == "Formål «§ 3»\u00a0\u200b – ok\\u001b"
    assert shown("\t\u2028\u2029\x00\x7f") == "\t\\u2028\\u2029\\u0000\\u007f"  # a tab does no harm
    assert shown("\U000e0041\udcff\ud800") == "\\U000e0041\\xff\\ud800"  # a tag; a byte no UTF-8; a lone surrogate
    assert shown(shown(HOSTILE)) == shown(HOSTILE)


def test_github_escapes_data_and_properties_as_github_documents():
    assert report.github_data("100% a\r\nb: c, d") == "100%25 a%0D%0Ab: c, d"
    assert report.github_property("100% a\r\nb: c, d") == "100%25 a%0D%0Ab%3A c%2C d"


def test_a_hostile_file_name_makes_one_annotation():
    finding = Finding("AV201", f"the file is named «{HOSTILE}»", path=f"dir/{HOSTILE}", line=1, col=5)
    line = report.annotation(finding, strict=False)
    assert line == ("::error file=dir/a\\u000a%3A%3Aerror file=forged.yaml%3A%3Aforged\\u000d%250A%2Cb%3Ac\\u001b[31m"
                    "\\u009b2J\\u202eexe.yaml,line=1,col=5,title=AV201::the file is named «a\\u000a::error "
                    "file=forged.yaml::forged\\u000d%250A,b:c\\u001b[31m\\u009b2J\\u202eexe.yaml»")
    warning = Finding("AV303", "x", WARNING, path="f.yaml")
    assert report.annotation(warning, strict=False) == "::warning file=f.yaml,title=AV303::x"
    assert report.annotation(warning, strict=True) == "::error file=f.yaml,title=AV303::x"


def test_text_and_errors_print_escaped():
    assert str(Finding("AV100", "«\x1b[31mtitle:» is not a key here", path="x\n.yaml", line=2, col=1)) == (
        "x\\u000a.yaml:2:1: AV100 «\\u001b[31mtitle:» is not a key here")
    assert str(YamlError("cannot read «\x1b]0;title\x07»", Position("a\x1b.yaml", 1, 2))) == (
        "a\\u001b.yaml:1:2: AV001 cannot read «\\u001b]0;title\\u0007»")
    assert str(CommandLineError("avtale: no such command: \x1b[2J")) == "avtale: no such command: \\u001b[2J"


def test_json_escapes_what_json_leaves_raw(capsys):
    finding = Finding("AV100", f"«{HOSTILE}»", path=HOSTILE, line=1, col=1)
    report.emit([Result(HOSTILE, findings=[finding])], "json", strict=False)
    out = capsys.readouterr().out
    assert shown(out.replace("\n", "")) == out.replace("\n", "")  # nothing raw but the layout's line breaks
    payload = json.loads(out)
    assert payload["findings"][0]["path"] == HOSTILE and payload["findings"][0]["message"] == f"«{HOSTILE}»"
    assert json.loads(json_shown(json.dumps(["\U000e0041\u2028"], ensure_ascii=False))) == ["\U000e0041\u2028"]


AGREEMENT = """id: {id}
title: Avtale
language: nb
parties:
  - id: kd
    name: KD
  - id: ks
    name: KS
period:
  end: 2030-12-31
status: draft
sections:
  - title: Formål
    blocks:
      - Tekst.
"""


def test_a_key_holding_an_escape_sequence_reaches_no_terminal_raw(tmp_path):
    path = tmp_path / "red.yaml"
    path.write_text(AGREEMENT.format(id="red") + '"\\e[31mtitle": Avtale\n', encoding="utf-8")
    for fmt in ("text", "github", "json"):
        r = run_cli("validate", "--format", fmt, path)
        assert r.returncode == 1 and "\x1b" not in r.stdout + r.stderr and "\\u001b[31mtitle:" in r.stdout, fmt
    assert run_cli("validate", path).stdout == (
        f"{path}:16:1: AV100 «\\u001b[31mtitle:» is not a key here: did you mean «title:»?\n")


def test_a_file_name_with_a_line_break_makes_one_line_of_each_format(tmp_path):
    path = tmp_path / "a\n::stop-commands::pause\n.yaml"
    path.write_text(AGREEMENT.format(id="a"), encoding="utf-8")
    shown_path = str(path).replace("\n", "\\u000a")
    message = f"`id` is «a» but the file is named «{shown_path.rsplit('/', 1)[1]}»; they must match"
    r = run_cli("validate", "--format", "github", path)
    assert r.stdout.splitlines() == [
        f"::error file={shown_path.replace(':', '%3A')},line=1,col=5,title=AV201::{message}"]
    r = run_cli("validate", path)
    assert r.stdout.splitlines() == [f"{shown_path}:1:5: AV201 {message}"]
    r = run_cli("fmt", "--check", tmp_path)
    assert r.stderr.splitlines()[0].startswith(shown_path)

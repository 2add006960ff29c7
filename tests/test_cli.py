"""The CLI end to end in fresh processes: exit codes, output formats, no tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import AGREEMENTS, ROOT, run_cli
from test_agreements import broken_copy


def test_validate_default_directory_is_valid():
    r = run_cli("validate")
    assert (r.returncode, r.stdout, r.stderr) == (0, "", "3 files checked, 0 invalid\n")


def test_validate_broken_copy_exits_1_with_positions(tmp_path):
    bad = broken_copy(tmp_path, "language: nb", "language: en")
    r = run_cli("validate", bad, AGREEMENTS / "2022-2025.yaml")
    assert r.returncode == 1
    assert r.stdout == f"{bad}:4:11: AV100 «en» is not a choice for «language:»: write «nb» or «nn»\n"
    assert "Traceback" not in r.stderr


def test_validate_several_findings_one_line_each(tmp_path, monkeypatch):
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))  # no git repository around the copy
    path = broken_copy(tmp_path, "  - title: Økonomi", "  - title: Tidsramme og evaluering", name="feil.yaml")
    r = run_cli("validate", path)
    lines = r.stdout.splitlines()
    assert r.returncode == 1
    assert lines == [
        f"{path}:2:5: AV201 `id` is «2014-2017» but the file is named «feil.yaml»; they must match",
        f"{path}:67:12: AV207 section title «Tidsramme og evaluering» repeats section 5",
        f"{path}:82:11: AV401 this agreement was signed off on 7. november 2014 and its text has changed since: "
        f"the file is not in a git repository, so the change cannot be shown; signed text is frozen: undo the change, or start a new version with `avtale new NEW-ID --from {path}`",
    ]


def test_warning_passes_unless_strict(tmp_path):
    path = broken_copy(tmp_path, "«Den gode skoleeier»", '"Den gode skoleeier"', unsealed=True)
    assert run_cli("validate", path).returncode == 0
    strict = run_cli("validate", "--strict", path)
    assert strict.returncode == 1
    assert "AV303" in strict.stdout and "(warning)" in strict.stdout


def test_json_format(tmp_path):
    path = broken_copy(tmp_path, "status: signed", "status: ferdig")
    r = run_cli("validate", "--format", "json", path)
    payload = json.loads(r.stdout)
    assert r.returncode == 1
    assert payload["files"] == [{"path": str(path), "valid": False}]
    assert payload["findings"] == [
        {
            "path": str(path),
            "line": 14,
            "column": 9,
            "code": "AV100",
            "name": "schema",
            "severity": "error",
            "message": "«ferdig» is not a choice for «status:»: write «draft» or «signed»",
        }
    ]


def test_github_format(tmp_path):
    path = broken_copy(tmp_path, "status: signed", "status: ferdig")
    r = run_cli("validate", "--format", "github", path)
    assert r.stdout == f"::error file={path},line=14,col=9,title=AV100::«ferdig» is not a choice for «status:»: write «draft» or «signed»\n"


def test_yaml_errors_exit_1_and_unreadable_exit_2(tmp_path):
    bad = tmp_path / "bad.yaml"
    bad.write_bytes(b"id: \xff\n")
    r = run_cli("validate", bad)
    assert (r.returncode, r.stdout) == (1, f"{bad}:1:5: AV001 this is not UTF-8 text (byte 0xff): save the file as UTF-8\n")
    missing = run_cli("validate", tmp_path / "none.yaml")
    assert missing.returncode == 2
    assert missing.stderr == f"{tmp_path / 'none.yaml'}: AV002 no such file or directory\n"


def test_usage_errors_exit_2_without_traceback():
    r = run_cli("validate", "--format", "xml")
    assert r.returncode == 2
    assert "Traceback" not in r.stderr and "--format" in r.stderr
    r = run_cli("nosuchcommand")
    assert r.returncode == 2 and r.stderr.startswith("avtale: no such command «nosuchcommand»")


def test_committed_schema_is_current():
    r = run_cli("schema", "--out", "-")
    assert r.returncode == 0
    assert r.stdout == (ROOT / "schema" / "agreement.schema.json").read_text(encoding="utf-8")
    assert run_cli("schema", "--check").returncode == 0


def test_schema_check_detects_stale(tmp_path):
    stale = tmp_path / "s.json"
    stale.write_text("{}\n")
    r = run_cli("schema", "--check", "--out", stale)
    assert (r.returncode, r.stderr) == (1, f"{stale}: out of date; run `avtale schema` to update it\n")


def test_schema_check_reads_within_a_bound_and_never_blocks(tmp_path):
    import os

    schema = (ROOT / "schema" / "agreement.schema.json").read_bytes()
    crlf = tmp_path / "crlf.json"
    crlf.write_bytes(schema.replace(b"\n", b"\r\n"))  # a Windows checkout: still current
    assert run_cli("schema", "--check", "--out", crlf).returncode == 0
    big = tmp_path / "big.json"
    big.write_bytes(schema)
    os.truncate(big, 700 * 1024 * 1024)  # sparse; refused by its size, unread
    r = run_cli("schema", "--check", "--out", big)
    assert (r.returncode, r.stderr) == (1, f"{big}: out of date; run `avtale schema` to update it\n")
    os.mkfifo(tmp_path / "fifo.json")
    r = run_cli("schema", "--check", "--out", tmp_path / "fifo.json", timeout=20)
    assert (r.returncode, r.stderr) == (2, f"{tmp_path}/fifo.json: AV003 is a named pipe (FIFO), not a regular file\n")
    r = run_cli("schema", "--check", "--out", tmp_path / "none.json")
    assert r.returncode == 1


def test_agreements_point_editors_at_the_schema():
    for path in AGREEMENTS.glob("*.yaml"):
        assert path.read_text(encoding="utf-8").splitlines()[0] == (
            "# yaml-language-server: $schema=../schema/agreement.schema.json"
        )


def test_validate_imports_no_rendering_library():
    code = (
        "import sys\n"
        "from avtale.cli import main\n"
        "try:\n    main(['validate', 'agreements'])\nexcept SystemExit as e:\n    assert e.code == 0, e.code\n"
        "heavy = {'docx', 'typst', 'jinja2', 'pypdf', 'lxml'} & set(sys.modules)\n"
        "print(sorted(heavy))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.stdout.strip().splitlines()[-1] == "[]", r.stderr


def test_help_imports_no_model():
    code = (
        "import sys\nfrom avtale.cli import main\n"
        "try:\n    main(['--help'])\nexcept SystemExit:\n    pass\n"
        "print(sorted({'pydantic', 'ruamel', 'avtale.model'} & set(sys.modules)))\n"
    )
    r = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert r.stdout.strip().splitlines()[-1] == "[]"

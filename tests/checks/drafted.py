"""Drafters' mistakes as test cases: the real agreement 2022-2025 (unsealed, a draft) with one change typed in.

Each case is a file, its expected findings (line, column, code, message), and the checks every case of
issue 13's catalogue must pass: `validate` fails (exit 1) and prints each finding at its place, and `fmt`
refuses a file whose text YAML would change (AV101), leaving it as it was.
"""

from __future__ import annotations

import shutil
from pathlib import Path

from conftest import AGREEMENTS, ROOT, run_cli

from avtale import agreements
from avtale.workflow import format_files

_SIGNED = (AGREEMENTS / "2022-2025.yaml").read_text(encoding="utf-8")
BASE = _SIGNED[:_SIGNED.index("seal:\n")].replace("status: signed", "status: draft")


def typed(*changes: tuple[str, str]) -> str:
    """The base agreement with each (old, new) typed in; each `old` stands once in it."""
    text = BASE
    for old, new in changes:
        assert text.count(old) == 1, old
        text = text.replace(old, new)
    return text


def findings(path: Path) -> list[tuple]:
    return [(f.line, f.col, f.code, f.message) for f in agreements.validate_file(path).findings]


def write_cases(tmp_path: Path, cases: dict) -> dict[str, Path]:
    (tmp_path / "schema").mkdir(exist_ok=True)  # where the first line points editors (AV406)
    shutil.copy(ROOT / "schema" / "agreement.schema.json", tmp_path / "schema")
    paths = {}
    for name, (text, _expected) in cases.items():
        folder = tmp_path / name
        folder.mkdir()
        paths[name] = folder / "2022-2025.yaml"
        paths[name].write_text(text, encoding="utf-8")
    return paths


def check_catalogue(tmp_path: Path, cases: dict) -> None:
    """Every case gives exactly its findings; `validate` fails on each; `fmt` refuses each AV101 case."""
    paths = write_cases(tmp_path, cases)
    for name, (text, expected) in cases.items():
        assert findings(paths[name]) == expected, name
    checked = run_cli("validate", *paths.values())
    out = checked.stdout + checked.stderr
    assert checked.returncode == 1 and "Traceback" not in out
    assert f"{len(cases)} files checked, {len(cases)} invalid" in out
    for name, (_text, expected) in cases.items():
        for line, col, code, message in expected:
            assert f"{paths[name]}:{line}:{col}: {code} {message}" in out, name
    for name, (text, expected) in cases.items():
        if any(code == "AV101" for _line, _col, code, _message in expected):
            assert format_files([paths[name]], write=True)[1], name
            assert paths[name].read_text(encoding="utf-8") == text, name

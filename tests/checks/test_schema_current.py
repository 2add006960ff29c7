"""AV406: the schema an agreement's first line points editors at exists and is this avtale's."""

from __future__ import annotations

from pathlib import Path

import pytest

from avtale import __version__, agreements, schema
from avtale.validate import validate_paths

from conftest import ROOT, run_cli, small_agreement

MODELINE = "# yaml-language-server: $schema=../schema/agreement.schema.json\n"
BODY = small_agreement()
FILE = "agreements/liten.yaml"
SCHEMA = "schema/agreement.schema.json"
POINTS = "the first line points editors at ../schema/agreement.schema.json"


@pytest.fixture
def repo(tmp_path):
    """A repository laid out as agreements/ + schema/ (the schema not yet written)."""
    root = tmp_path.resolve()
    (root / "agreements").mkdir()
    (root / "schema").mkdir()
    (root / FILE).write_text(MODELINE + BODY, encoding="utf-8")
    return root


def validate(root, *args, cwd=None):
    r = run_cli("validate", *args, cwd=cwd or root)
    return r.returncode, r.stdout


def test_missing_schema(repo):
    expected = f"{FILE}:1:33: AV406 {POINTS}, which does not exist; write the schema with `avtale schema` (warning)\n"
    assert validate(repo, FILE) == (0, expected)
    assert validate(repo, "--strict", FILE) == (1, expected)


def test_stale_schema_one_byte_changed(repo):
    data = schema.packaged_bytes().replace(b'"title"', b'"Title"', 1)
    assert len(data) == len(schema.packaged_bytes()) and data != schema.packaged_bytes()
    (repo / SCHEMA).write_bytes(data)
    assert validate(repo, FILE) == (0, f"{FILE}:1:33: AV406 {POINTS}, which is not the schema of this avtale "
                                       f"({__version__}); update it with `avtale schema` (warning)\n")


def test_current_schema_passes(repo):
    (repo / SCHEMA).write_bytes(schema.packaged_bytes())
    assert validate(repo, FILE) == (0, "")
    assert run_cli("schema", "--check", cwd=repo).returncode == 0, "`avtale schema` agrees"


def test_current_schema_with_crlf_line_endings_passes(repo):
    (repo / SCHEMA).write_bytes(schema.packaged_bytes().replace(b"\n", b"\r\n"))
    assert validate(repo, FILE) == (0, "")


def test_the_command_writes_where_the_first_line_points(repo):
    assert validate(repo, "liten.yaml", cwd=repo / "agreements") == (
        0, f"liten.yaml:1:33: AV406 {POINTS}, which does not exist; "
           "write the schema with `avtale schema --out ../schema/agreement.schema.json` (warning)\n")
    assert run_cli("schema", "--out", "../schema/agreement.schema.json", cwd=repo / "agreements").returncode == 0
    assert validate(repo, "liten.yaml", cwd=repo / "agreements") == (0, "")


def test_from_outside_the_repository_the_command_names_the_whole_path(repo):
    assert validate(repo, repo / FILE, cwd="/") == (
        0, f"{repo / FILE}:1:33: AV406 {POINTS}, which does not exist; "
           f"write the schema with `avtale schema --out {repo}/schema/agreement.schema.json` (warning)\n")


def test_a_schema_somewhere_else_in_the_repository(repo):
    (repo / FILE).write_text("#yaml-language-server:$schema=../editor/s.json\n" + BODY, encoding="utf-8")
    assert validate(repo, FILE) == (0, f"{FILE}:1:31: AV406 the first line points editors at ../editor/s.json, "
                                       "which does not exist; write the schema with `avtale schema --out editor/s.json` "
                                       "(warning)\n")


def test_a_directory_in_the_schema_s_place(repo):
    (repo / SCHEMA).mkdir()
    assert validate(repo, FILE) == (0, f"{FILE}:1:33: AV406 {POINTS}, which cannot be read (is a directory, not a "
                                       "file); write the schema with `avtale schema` (warning)\n")


@pytest.mark.parametrize("url", ["https://avtale.invalid/agreement.schema.json", "http://localhost:1/s.json"])
def test_a_url_is_not_fetched(repo, url):
    (repo / FILE).write_text(f"# yaml-language-server: $schema={url}\n" + BODY, encoding="utf-8")
    assert validate(repo, FILE) == (0, "")


def test_no_modeline_no_finding(repo):
    (repo / FILE).write_text(BODY, encoding="utf-8")
    assert validate(repo, FILE) == (0, "")
    (repo / FILE).write_text("# a comment\n" + MODELINE + BODY, encoding="utf-8")  # only the first line counts
    assert validate(repo, FILE) == (0, "")


def test_each_schema_file_is_read_once_per_process(repo, monkeypatch):
    for n in range(5):
        (repo / "agreements" / f"liten-{n}.yaml").write_text(MODELINE + BODY.replace("liten", f"liten-{n}"),
                                                             encoding="utf-8")
    reads = []
    real = schema.read_bounded
    monkeypatch.setattr(schema, "read_bounded", lambda path, limit: reads.append(path) or real(path, limit))
    schema.compare.cache_clear()
    results = validate_paths([repo / "agreements"], jobs=1)
    assert [f.code for r in results for f in r.findings] == ["AV406"] * 6
    assert len(reads) == 1


def test_a_git_revision_is_not_checked_against_the_working_tree(repo):
    text = (repo / FILE).read_text(encoding="utf-8")
    assert agreements.validate_file(repo / FILE, text=text).findings == []


def test_the_packaged_schema_is_the_generated_one():
    assert Path(schema.PACKAGED).read_text(encoding="utf-8") == schema.text()  # the file itself, not the fallback
    assert schema.packaged_text() == schema.text()
    assert schema.packaged_bytes() == (ROOT / SCHEMA).read_bytes()

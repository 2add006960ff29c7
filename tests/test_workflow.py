"""The drafter's workflow end to end: fmt, sign-off, new, diff with git revisions."""

from __future__ import annotations

import shutil
import subprocess

import pytest

from avtale import agreements, workflow
from conftest import AGREEMENTS, run_cli


@pytest.fixture
def repo(tmp_path):
    """A git repository holding copies of both agreements and the schema, committed on main."""
    (tmp_path / "agreements").mkdir()
    for p in AGREEMENTS.glob("*.yaml"):
        shutil.copy(p, tmp_path / "agreements" / p.name)
    shutil.copytree(AGREEMENTS.parent / "schema", tmp_path / "schema")
    git = ["git", "-c", "user.name=t", "-c", "user.email=t@t", "-c", "init.defaultBranch=main"]
    subprocess.run([*git, "init", "-q"], cwd=tmp_path, check=True)
    subprocess.run([*git, "add", "."], cwd=tmp_path, check=True)
    subprocess.run([*git, "commit", "-qm", "x"], cwd=tmp_path, check=True)
    return tmp_path


def test_fmt_check_passes_on_committed_agreements():
    r = run_cli("fmt", "--check", "agreements/")
    assert (r.returncode, r.stdout) == (0, "")


def test_fmt_rewrites_to_canonical_keeping_comments(tmp_path):
    path = tmp_path / "2030-2033.yaml"
    path.write_text(
        "# mitt utkast\n"
        "title: 'Avtale'   # tittelen\n"
        "id: 2030-2033\n"
        "language: nb\n"
        "status: draft\n"
        "parties: [{id: kd, name: KD}, {id: ks, name: KS}]\n"
        "period: {end: 2033-12-31}\n"
        "sections:\n"
        '  - {title: Formål, blocks: ["Programmet  \\"Den gode skoleeier\\". Andre   setning."]}\n',
        encoding="utf-8",
    )
    check = run_cli("fmt", "--check", path)
    name = path.as_posix().lstrip("/")
    assert check.returncode == 1 and check.stdout.startswith(f"--- a/{name}\n+++ b/{name}\n@@ ")
    assert check.stderr == f"{path}: would reformat as shown above; run `avtale fmt {path}` to make the change\n"
    assert run_cli("fmt", path).returncode == 0
    assert path.read_text(encoding="utf-8") == (
        "# yaml-language-server: $schema=../schema/agreement.schema.json\n"
        "# mitt utkast\n"
        "id: 2030-2033\n"
        "title: Avtale     # tittelen\n"
        "language: nb\n"
        "parties:\n"
        "  - id: kd\n"
        "    name: KD\n"
        "  - id: ks\n"
        "    name: KS\n"
        "period:\n"
        "  end: 2033-12-31\n"
        "status: draft\n"
        "sections:\n"
        "  - title: Formål\n"
        "    blocks:\n"
        "      - >-\n"
        "        Programmet «Den gode skoleeier».\n"
        "        Andre setning.\n"
    )
    again = run_cli("fmt", "--check", path)
    assert (again.returncode, again.stdout) == (0, "")


def test_fmt_never_rewrites_a_file_it_cannot_parse(tmp_path):
    path = tmp_path / "x.yaml"
    path.write_text("id: [x\n", encoding="utf-8")
    r = run_cli("fmt", path)
    assert r.returncode == 1
    assert r.stderr.startswith(f"{path}:1:5: AV001 ")
    assert path.read_text(encoding="utf-8") == "id: [x\n"


def test_sign_off_then_edit_fails_validation(repo):
    path = repo / "agreements" / "2030-2033.yaml"
    assert run_cli("new", "2030-2033", "--from", repo / "agreements" / "2022-2025.yaml", "--end", "2033-12-31").returncode == 0
    text = path.read_text(encoding="utf-8").replace("31. desember 2025", "31. desember 2033")
    path.write_text(text, encoding="utf-8")
    assert run_cli("validate", "--strict", path).returncode == 0
    assert run_cli("sign-off", path, "--date", "2029-11-01").returncode == 0
    sealed = agreements.read(path)
    assert (sealed.status, sealed.seal.date.isoformat()) == ("signed", "2029-11-01")
    assert sealed.seal.sha256 == workflow.content_hash(sealed)
    path.write_text(path.read_text(encoding="utf-8").replace("Økonomi", "Finansiering"), encoding="utf-8")
    r = run_cli("validate", path)
    assert r.returncode == 1
    assert "AV401 this agreement was signed off on 1. november 2029 and its text has changed since" in r.stdout


def test_whitespace_does_not_break_the_seal(repo):
    path = repo / "agreements" / "2014-2017.yaml"
    text = (AGREEMENTS / "2014-2017.yaml").read_text(encoding="utf-8")
    path.write_text(text.replace("title: Økonomi", "title: '  Økonomi'"), encoding="utf-8")
    findings = agreements.validate_file(path).findings
    assert [f.code for f in findings] == ["AV302"]  # stray spaces are debris, but the seal holds


def test_new_version(repo):
    r = run_cli("new", "2026-2029", "--from", repo / "agreements" / "2022-2025.yaml", "--start", "2026-01-01", "--end", "2029-12-31")
    assert r.returncode == 0
    # the text still says «fram til 31. desember 2025»: the new draft tells the drafter so
    assert "AV301 the text says «til 31. desember 2025» but `period.end` is 2029-12-31" in r.stderr
    result = agreements.validate_file(repo / "agreements" / "2026-2029.yaml")
    assert [f.code for f in result.findings] == ["AV301"]
    new = result.agreement
    assert (new.id, new.status, new.supersedes, new.signing, new.seal) == ("2026-2029", "draft", "2022-2025", None, None)
    assert (new.period.start.isoformat(), new.period.end.isoformat()) == ("2026-01-01", "2029-12-31")
    again = run_cli("new", "2026-2029", "--from", repo / "agreements" / "2022-2025.yaml", "--end", "2029-12-31")
    assert again.returncode == 1 and "already exists" in again.stderr


def test_diff_real_pair_markdown():
    r = run_cli("diff", "agreements/2014-2017.yaml", "agreements/2022-2025.yaml", "--format", "md")
    assert r.returncode == 0
    assert r.stdout.startswith("## Endringer fra 2014-2017 (agreements/2014-2017.yaml) til 2022-2025 "
                             "(agreements/2022-2025.yaml)\n\n6 kapitler er endret.\n")
    assert "### 4 ~~Særskilte samarbeidsområder~~**Samarbeidsområder** i avtaleperioden (endret)" in r.stdout


def test_diff_against_git_revision(repo):
    run_cli("new", "2026-2029", "--from", "agreements/2022-2025.yaml", "--end", "2025-12-31", cwd=repo)
    subprocess.run(["git", "add", "."], cwd=repo, check=True)
    subprocess.run(["git", "-c", "user.name=t", "-c", "user.email=t@t", "commit", "-qm", "z"], cwd=repo, check=True)
    path = repo / "agreements" / "2026-2029.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("minst en måneds varsel", "minst tre måneders varsel"), encoding="utf-8")
    r = run_cli("diff", "agreements/2026-2029.yaml", "--rev", "main", "--color", "never", cwd=repo)
    assert r.returncode == 0, r.stderr
    assert "Oppsigelse skal gis med minst [-en måneds-]{+tre måneders+} varsel." in r.stdout
    same = run_cli("diff", "main:agreements/2022-2025.yaml", "main:agreements/2022-2025.yaml", cwd=repo)
    assert same.stdout == ("Endringer fra 2022-2025 (main:agreements/2022-2025.yaml) til 2022-2025 "
                           "(main:agreements/2022-2025.yaml)\nIngen endringer i avtalen.\n")


def test_diff_bad_revision_is_usage_error(repo):
    r = run_cli("diff", "agreements/2022-2025.yaml", "--rev", "nosuchbranch", cwd=repo)
    assert r.returncode == 2
    assert r.stderr.startswith("nosuchbranch:agreements/2022-2025.yaml: AV002 no such git revision or path")


def test_diff_of_invalid_file_reports_and_exits_1(tmp_path):
    bad = tmp_path / "2014-2017.yaml"
    bad.write_text((AGREEMENTS / "2014-2017.yaml").read_text(encoding="utf-8").replace("language: nb", "language: sv"))
    r = run_cli("diff", bad, "agreements/2022-2025.yaml")
    assert r.returncode == 1
    assert f"{bad}:4:11: AV100 «sv» is not a choice for «language:»: write «nb» or «nn»" in r.stderr
